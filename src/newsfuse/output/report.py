"""The report that ``newsfuse analyze`` prints and writes to a file: short Markdown, or JSON with every
article's annotate record."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..model import Article, Figure, Quarantined
from .records import annotate_record, quarantine_record
from .render.markdown import code, md


@dataclass
class AnalyzeSummary:
    """What ``analyze`` did, for the report."""

    db: str
    new: int = 0
    new_versions: int = 0
    duplicates: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    briefs: list[dict] = field(default_factory=list)  # {"story", "title", "articles", "files"} per story
    report: str | None = None  # the report file, when one was written
    report_text: str | None = None  # what it holds
    resumed: int = 0  # versions an interrupted run stored but did not annotate, annotated by this one
    reverted: int = 0  # pages whose text went back to an earlier stored version (current again)
    interrupted: list = field(default_factory=list)  # RunInfo of earlier runs that died unfinished


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text(value: object) -> str:
    r"""Untrusted text (titles, outlet names, ids, reasons) for the Markdown report: markup and HTML
    escaped as in briefings (a ``<script>`` title stays text in any Markdown viewer), and control
    characters shown as ``\xNN`` rather than sent to the terminal that prints the report.

    >>> print(_text('<img src=x onerror=alert(1)> | *x*\x1b[2J'))
    \<img src=x onerror=alert(1)\> \| \*x\*\\x1b\[2J
    """
    return md(_shown(value))


def _code(value: object) -> str:
    return code(_shown(value))


def _shown(value: object) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def _range(figure: Figure) -> str:
    def num(x: float | None) -> str:
        return "…" if x is None else f"{x:,.0f}"

    if figure.low is not None and figure.low == figure.high:
        return num(figure.low)
    return f"{num(figure.low)}–{num(figure.high)}"


def _figure_line(article: Article, figure: Figure) -> str:
    parts = [f"{_text(figure.category)} {_text(figure.subject)}: **{_text(figure.text)}** ({_range(figure)})"]
    if figure.claimant:
        parts.append(f"per {_text(figure.claimant.entity or figure.claimant.text)}")
    if figure.place:
        parts.append(f"at {_text(figure.place.text)}")
    if figure.period:
        parts.append(f"period {_text(figure.period)}")
    parts.append(f"[{_text(article.id)} {figure.start}–{figure.end}]")
    return "- " + ", ".join(parts)


def render(summary: AnalyzeSummary) -> str:
    lines = [
        "# newsfuse report",
        "",
        f"Store: {_code(summary.db)}",
        "",
        f"- new articles: {summary.new}",
        f"- new versions of known articles: {summary.new_versions}",
        f"- already in the store (skipped): {summary.duplicates}",
        f"- quarantined: {len(summary.quarantined)}",
        "",
    ]
    if summary.reverted:
        lines[-1:-1] = [f"- changed back to an earlier stored text (that version is current again): {summary.reverted}"]
    if summary.interrupted or summary.resumed:
        lines[-1:-1] = [f"- interrupted earlier: run {r.id} ({_code(r.command)}, started {r.started})"
                        for r in summary.interrupted]
        lines[-1:-1] = [f"- left unannotated by an interrupted run, annotated now: {summary.resumed}"]
    if summary.briefs:
        lines += ["## Stories", "", "| story | title | articles | independent sources | figure groups | briefing |",
                  "|---|---|---|---|---|---|"]
        for b in summary.briefs:
            md_file = next((f for f in b["files"] if f.endswith(".md")), "")
            lines.append(f"| {_text(b['story'])} | {_text(b['title'] or '')} | {b['articles']} "
                         f"| {b['independent_sources']} | {b['figures']} | {_code(md_file)} |")
        lines.append("")
    if summary.articles:
        lines += ["## Articles", "", "| id | source | published | entities | places | times | quotes | figures |",
                  "|---|---|---|---|---|---|---|---|"]
        for a in summary.articles:
            lines.append(
                f"| {_text(a.id)} | {_text(a.source or '')} | {_text(a.published or '')} | {len(a.entities)} "
                f"| {len(a.places)} | {len(a.times)} | {len(a.quotes)} | {len(a.figures)} |"
            )
        lines.append("")
        figure_lines = [_figure_line(a, f) for a in summary.articles for f in a.figures if f.category != "other"]
        if figure_lines:
            lines += ["## Figures", ""] + figure_lines + [""]
    if summary.quarantined:
        lines += ["## Quarantined", ""]
        lines += [f"- {_code(q.id)} ({_text(q.stage)}): {_text(q.reason)}" for q in summary.quarantined]
        lines.append("")
    return "\n".join(lines)


def render_json(summary: AnalyzeSummary) -> str:
    """The report as JSON: the counts, then every new article's annotate record and every quarantined
    input with its reason."""
    return json.dumps(
        {
            "db": summary.db,
            "new": summary.new,
            "new_versions": summary.new_versions,
            "duplicates": summary.duplicates,
            **({"resumed": summary.resumed} if summary.resumed else {}),
            **({"reverted": summary.reverted} if summary.reverted else {}),
            **({"interrupted_runs": [{"id": r.id, "command": r.command, "started": r.started}
                                     for r in summary.interrupted]} if summary.interrupted else {}),
            "articles": [annotate_record(a) for a in summary.articles],
            "quarantined": [quarantine_record(q) for q in summary.quarantined],
        },
        ensure_ascii=False,
        indent=2,
    )
