"""A brief as Markdown: readable as plain text in a terminal and rendered on GitHub.

Citations are numbered markers ``[n]``; the *Sources* list at the end gives each one's outlet,
article id, character span and (when the articles are given) the words it points to. Untrusted text
(article words, names, reasons) is escaped so it cannot open links, tags, emphasis or table cells.

>>> brief = {"story": "s1", "title": "Floods <b>cut</b> roads", "articles": [{"id": "a", "source": "Ledger",
...          "published": "2024-05-01", "copy_of": [], "reused_share": 0.0}], "independent_sources": 1,
...          "summary": [{"text": "Floods cut the road.", "citations": [{"id": "a", "start": 0, "end": 20}]}],
...          "figures": [], "quotes": [], "framing": [], "reuse": [], "timeline": []}
>>> print(render_markdown(brief).splitlines()[0])
# Floods \\<b\\>cut\\</b\\> roads
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from ...model import Article
from .common import (
    STATUS_LABELS,
    STATUS_MARKS,
    Citations,
    date_span,
    figure_subject,
    outlet_names,
    report_label,
    snippet,
    value_range,
    verdict_note,
)

MAX_QUOTES = 12
MAX_REUSE = 8
# Control characters (an ESC or NUL in an id) would act on a terminal that shows the file: U+FFFD instead.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# "_" inside a word ("004_414d") makes no emphasis in CommonMark: only word-edge ones are escaped.
_SPECIAL = re.compile(r"([\\`*\[\]<>|#]|(?<!\w)_|_(?!\w))")


def md(text: Any) -> str:
    """Untrusted text for Markdown: one line, Markdown and HTML specials backslash-escaped.

    >>> md("a *b* [c](javascript:x) | <script>")
    'a \\\\*b\\\\* \\\\[c\\\\](javascript:x) \\\\| \\\\<script\\\\>'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(_CONTROL.sub("\ufffd", str(text)).split()))


def code(text: Any) -> str:
    """An inline code span (no escapes work inside one: backticks are replaced)."""
    return "`" + " ".join(_CONTROL.sub("\ufffd", str(text)).replace("`", "'").split()) + "`"


def _marks(refs: Citations, citations: Iterable[dict[str, Any]]) -> str:
    return "".join(f"[{n}]" for n in refs.numbers(citations))


def _texts(articles: Iterable[Article] | Mapping[str, Article] | None) -> dict[str, str]:
    if articles is None:
        return {}
    items = articles.values() if isinstance(articles, Mapping) else articles
    return {a.id: a.text for a in items}


def render_markdown(brief: dict[str, Any], articles: Iterable[Article] | Mapping[str, Article] | None = None) -> str:
    """The brief as Markdown. ``articles`` (optional) lets the Sources list quote the cited words."""
    refs = Citations()
    names = outlet_names(brief)
    out: list[str] = [f"# {md(brief.get('title') or brief.get('story') or 'Briefing')}", ""]
    n_articles = len(brief.get("articles", []))
    n_outlets = len({names[a['id']] for a in brief.get("articles", [])})
    meta = [f"story {code(brief.get('story', ''))}", f"{n_articles} article{'s' * (n_articles != 1)}",
            f"{n_outlets} outlet{'s' * (n_outlets != 1)}", f"{brief.get('independent_sources', 0)} independent source"
            + ("s" * (brief.get("independent_sources", 0) != 1))]
    if date_span(brief):
        meta.append(date_span(brief))
    out += ["_" + " · ".join(meta) + "_", ""]

    out += ["## Summary", ""]
    for s in brief.get("summary", []):
        out.append(f"- {md(s['text'])} {_marks(refs, s['citations'])}")
    if not brief.get("summary"):
        out.append("_No sentence to summarise._")
    out.append("")

    out += _figures(brief, refs, names)
    out += _quotes(brief, refs, names)
    out += _framing(brief, refs)
    out += _timeline(brief, refs)
    out += _coverage(brief, refs, names)
    out += _corrections(brief)
    out += _sources(refs, names, _texts(articles))
    return "\n".join(out).rstrip() + "\n"


def _figures(brief: dict[str, Any], refs: Citations, names: dict[str, str]) -> list[str]:
    out = ["## Figures", ""]
    figures = brief.get("figures", [])
    if not figures:
        return out + ["_No counts of people were reported._", ""]
    out += ["| what | status | range | sources | reports | why |", "|---|---|---|---|---|---|"]
    for f in figures:
        status = f"{STATUS_MARKS.get(f['status'], '')} {STATUS_LABELS.get(f['status'], f['status'])}".strip()
        if f.get("compared") is False:
            status += " (not compared)"
        span = " vs ".join(md(s) for s in f["sides"]) if f.get("sides") else value_range(f.get("low"), f.get("high"))
        reports = "; ".join(
            f"{md(report_label(r, names))} {_marks(refs, [r])}" for r in f.get("reports", []))
        why = "; ".join(x for x in (f.get("reason", ""), verdict_note(f)) if x)
        out.append(f"| {md(figure_subject(f))} | **{status}** | {span} | {f.get('independent_sources', 0)} | "
                   f"{reports} | {md(why)} |")
    return out + [""]


def _quotes(brief: dict[str, Any], refs: Citations, names: dict[str, str]) -> list[str]:
    out = ["## Quotes", ""]
    quotes = brief.get("quotes", [])
    if not quotes:
        return out + ["_No quotation was found._", ""]
    for q in quotes[:MAX_QUOTES]:
        speaker = md(q["speaker"]) if q.get("speaker") else "_unattributed_"
        outlets = ", ".join(dict.fromkeys(md(r.get("source") or names.get(r["id"], r["id"])) for r in q["reports"]))
        out.append(f"- **{speaker}**: “{md(q['text'])}” — {outlets} {_marks(refs, q['reports'])}")
        if q.get("speakers_differ"):
            who = "; ".join(f"{md(s['speaker'] or 'unattributed')} ({', '.join(md(i) for i in s['ids'])})"
                            for s in q.get("speakers", []))
            out.append(f"  - ⚠ outlets attribute these words to different speakers: {who}")
        if q.get("wording_differs"):
            out.append("  - ⚠ quoted with different wording: "
                       + " / ".join(f"“{md(w['text'])}”" for w in q.get("wordings", [])))
    if len(quotes) > MAX_QUOTES:
        out.append(f"- _… and {len(quotes) - MAX_QUOTES} more in the JSON briefing._")
    return out + [""]


def _framing(brief: dict[str, Any], refs: Citations) -> list[str]:
    out = ["## Framing", ""]
    framing = brief.get("framing", [])
    if not framing:
        return out + ["_No framing analysis in this briefing._", ""]
    sources = list(dict.fromkeys(lab["source"] for f in framing for lab in f.get("labels", [])))
    out += ["| actor | " + " | ".join(md(s) for s in sources) + " |", "|---" * (len(sources) + 1) + "|"]
    for f in framing:
        cells = []
        for source in sources:
            labels = [lab for lab in f.get("labels", []) if lab["source"] == source]
            cells.append("; ".join(", ".join(md(t) for t in lab.get("terms", [])) + " " + _marks(refs, lab.get("spans", []))
                                   for lab in labels) or "–")
        out.append(f"| **{md(f.get('entity', ''))}** | " + " | ".join(cells) + " |")
    return out + [""]


def _timeline(brief: dict[str, Any], refs: Citations) -> list[str]:
    out = ["## Timeline", ""]
    events = brief.get("timeline", [])
    if not events:
        return out + ["_No dated event._", ""]
    for ev in events:
        when = f" ({md(ev['when'])})" if ev.get("when") else ""
        out.append(f"- **{md(ev['date'])}**{when}: {md(ev['text'])} {_marks(refs, ev['citations'])}")
    return out + [""]


def _coverage(brief: dict[str, Any], refs: Citations, names: dict[str, str]) -> list[str]:
    out = ["## Coverage and reuse", "", "| outlet | article | published | reused | copy of |", "|---|---|---|---|---|"]
    for a in brief.get("articles", []):
        affiliation = f" ({md(a['affiliation'])})" if a.get("affiliation") else ""
        copies = ", ".join(md(names.get(c, c)) for c in a.get("copy_of", [])) or "–"
        out.append(f"| {md(names[a['id']])}{affiliation} | {code(a['id'])} | {md(str(a.get('published') or '–')[:10])} | "
                   f"{round(100 * float(a.get('reused_share') or 0))}% | {copies} |")
    out.append("")
    alone = [a for a in brief.get("articles", []) if a.get("only_here")]
    if alone:
        out += ["**What each outlet alone reports**", ""]
        for a in alone:
            for s in a["only_here"]:
                out.append(f"- {md(names[a['id']])}: {md(s['text'])} {_marks(refs, s['citations'])}")
        out.append("")
    reuse = brief.get("reuse", [])
    if reuse:
        out += [f"**Reused text** ({len(reuse)} passage{'s' * (len(reuse) != 1)} carried by several articles)", ""]
        for r in reuse[:MAX_REUSE]:
            carriers = ", ".join(dict.fromkeys(md(names.get(s["id"], s["id"])) for s in r["spans"]))
            origin = md(names.get(r.get("origin", ""), r.get("origin", "")))
            out.append(f"- “{md(snippet(r['text'], 18))}” — first in {origin}; carried by {carriers} {_marks(refs, r['spans'])}")
        if len(reuse) > MAX_REUSE:
            out.append(f"- _… and {len(reuse) - MAX_REUSE} more in the JSON briefing._")
        out.append("")
    return out


def _corrections(brief: dict[str, Any]) -> list[str]:
    """Where a human corrected the machine (analyst overrides from the store)."""
    notes = brief.get("corrections") or []
    if not notes:
        return []
    out = ["## Analyst corrections", ""]
    for n in notes:
        # who and when, as far as the store knows (the author is optional)
        said = ", ".join(md(x) for x in (n.get("author"), str(n.get("created") or "")[:10]) if x)
        out.append(f"- {md(n.get('note') or n.get('kind'))}" + (f" ({said})" if said else ""))
    return out + [""]


def _sources(refs: Citations, names: dict[str, str], texts: dict[str, str]) -> list[str]:
    if not refs.order:
        return []
    out = ["## Sources", ""]
    for n, (i, s, e) in enumerate(refs.order, 1):
        words = f": “{md(snippet(texts[i][s:e]))}”" if i in texts else ""
        out.append(f"{n}. {md(names.get(i, i))} {code(i)} {s}–{e}{words}")
    return out + [""]
