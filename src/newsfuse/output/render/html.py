"""A brief as one self-contained HTML page: inline CSS and JS (``assets/``), no outside request.

The page shows the summary, a small map of the story's places (inline SVG, an equirectangular plot
of their coordinates in a frame with a graticule: no tiles), the figure table with status badges,
quotes, framing side by side, the timeline, coverage and reuse, the analyst corrections (when a human
overrode the machine: what, where, by whom and when; the figures and outlets they touch are tagged),
and the text of every article. Every
citation is a link to its span in the article text below; clicking it highlights the span (JS), and
without JS the link still jumps to it (``:target``). All text from articles, outlets and annotations
is escaped with :func:`html.escape`; none of it is placed inside a script or a style. The page's
Content-Security-Policy admits its own script and style by their SHA-256 and nothing else (no
``'unsafe-inline'``), so markup that slipped past the escaping could still not run.

>>> page = render_html({"story": "s", "title": "<script>alert(1)</script>", "articles": [], "summary": []})
>>> "<script>alert(1)" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
(False, True)
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import math
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ...model import Article
from .common import (
    STATUS_LABELS,
    Citations,
    date_span,
    figure_subject,
    outlet_names,
    report_label,
    value_range,
    verdict_note,
)

ASSETS = Path(__file__).resolve().parent / "assets"
MAP_WIDTH, MAP_HEIGHT = 520, 320
MAP_PLACES = 12
NEAR_DEGREES = 12.0  # places farther than this from the story's main place are listed, not drawn


# Characters HTML does not allow in text (NUL, ESC and the other controls but tab, LF, FF, CR): each
# becomes U+FFFD, one for one, so the offsets the page's script highlights by stay right.
_NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def esc(text: Any) -> str:
    r"""Untrusted text for HTML: escaped, and control characters (an ESC or NUL in an id) replaced.

    >>> esc('<b id="x">\x1b[31m\x00</b>') == '&lt;b id=&quot;x&quot;&gt;\ufffd[31m\ufffd&lt;/b&gt;'
    True
    """
    return html.escape(_NOT_IN_HTML.sub("\ufffd", "" if text is None else str(text)), quote=True)


@functools.lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


class _Page:
    """Citation links: each cited span of an article gets an anchor in that article's text."""

    def __init__(self, brief: dict[str, Any], texts: dict[str, str]) -> None:
        self.refs = Citations()
        self.names = outlet_names(brief)
        order = [a["id"] for a in brief.get("articles", [])]
        order += [i for i in texts if i not in order]
        self.doc = {i: n for n, i in enumerate(order)}
        self.texts = texts
        self.cuts: dict[str, set[int]] = {i: set() for i in order}
        self.fixed_spans, self.fixed_articles = _corrected_places(brief.get("corrections") or [])

    def anchor(self, i: str, s: int, e: int) -> str:
        return f"c{self.doc.get(i, 0)}-{s}-{e}"

    def link(self, citation: dict[str, Any]) -> str:
        i, s, e = str(citation["id"]), int(citation["start"]), int(citation["end"])
        n = self.refs.number(citation)
        if i in self.cuts:
            self.cuts[i].update((s, e))
        where = self.names.get(i, i)
        quoted = self.texts[i][s:e] if i in self.texts else ""
        title = f"{where}: “{' '.join(quoted.split()[:30])}”" if quoted else f"{where} {s}–{e}"
        return (f'<a class="cite" href="#{self.anchor(i, s, e)}" data-doc="{self.doc.get(i, 0)}" '
                f'data-s="{s}" data-e="{e}" title="{esc(title)}">{n}</a>')

    def links(self, citations: Iterable[dict[str, Any]]) -> str:
        return '<span class="cites">' + "".join(self.link(c) for c in citations) + "</span>"

    def doc_link(self, i: str) -> str:
        """The outlet of article ``i`` as a link to its text (plain text when the page lacks it)."""
        name = esc(self.names.get(i, i))
        return f'<a href="#doc{self.doc[i]}">{name}</a>' if i in self.doc and i in self.texts else name


def _corrected_places(notes: Sequence[dict[str, Any]]) -> tuple[dict[tuple[str, int], list[str]], dict[str, list[str]]]:
    """Where the analyst corrections of a brief apply: ``(article id, start)`` of a corrected figure →
    notes, and article id → notes about the article as a whole (copies, story, outlet)."""
    spans: dict[tuple[str, int], list[str]] = {}
    whole: dict[str, list[str]] = {}
    for n in notes:
        text = str(n.get("note") or n.get("kind") or "")
        if n.get("kind") in ("figure_category", "figure_claimant"):
            article, _, start = str(n.get("target", "")).rpartition(":")
            if start.lstrip("-").isdigit():
                spans.setdefault((article, int(start)), []).append(text)
        elif n.get("kind") in ("not_a_copy", "move_article", "outlet_affiliation") and n.get("article"):
            whole.setdefault(str(n["article"]), []).append(text)
    return spans, whole


def _fixed_tag(notes: Sequence[str]) -> str:
    """A small "corrected" tag leading to the corrections section; the notes are its tooltip."""
    if not notes:
        return ""
    return (f' <a class="fixed" href="#corrections" title="{esc("corrected by an analyst: " + "; ".join(notes))}">'
            "corrected</a>")


def render_html(brief: dict[str, Any], articles: Iterable[Article] | Mapping[str, Article] | None = None) -> str:
    """The brief as one HTML page. ``articles`` (the annotated articles of the brief) supply the texts
    that citations point into; without them citations are shown but lead nowhere."""
    items = list(articles.values() if isinstance(articles, Mapping) else (articles or []))
    texts = {a.id: a.text for a in items}
    page = _Page(brief, texts)
    sections = [
        _header(brief, page),
        _section("summary", "Summary", _summary(brief, page)),
        _section("map", "Places", _map(brief, page)),
        _section("figures", "Figures", _figures(brief, page)),
        _section("quotes", "Quotes", _quotes(brief, page)),
        _section("framing", "Framing", _framing(brief, page)),
        _section("timeline", "Timeline", _timeline(brief, page)),
        _section("coverage", "Coverage and reuse", _coverage(brief, page)),
    ]
    if brief.get("corrections"):
        sections.append(_section("corrections", "Analyst corrections", _corrections(brief, page)))
    sections.append(_section("articles", "Articles", _articles(brief, items, page)))
    body = "\n".join(sections)
    return _fill(_asset("brief.html"), {
        "CSP": content_security_policy(),
        "TITLE": esc(brief.get("title") or brief.get("story") or "Briefing"),
        "STYLE": _inline_style(),
        "SCRIPT": _inline_script(),
        "BODY": body,
    })


def _fill(template: str, parts: Mapping[str, str]) -> str:
    """The template with each ``<!--NAME-->`` replaced by ``parts[NAME]``, in one pass: a part's own text
    (a title that reads ``<!--SCRIPT-->``) is never searched for further markers.

    >>> _fill("<!--A--><!--B-->", {"A": "<!--B-->", "B": "b"})
    '<!--B-->b'
    """
    return re.sub(r"<!--([A-Z]+)-->", lambda m: parts[m.group(1)], template)


# The page's one script and one style are inline, so the briefing stays a single file that works
# from disk (file://, where 'self' means nothing reliable) and offline. The Content-Security-Policy
# lets exactly these two run, by their SHA-256: no 'unsafe-inline', so a <script> or style that got
# into the page any other way is refused by the browser, even if escaping ever failed.
def _inline_script() -> str:
    return _asset("brief.js")


def _inline_style() -> str:
    return _asset("brief.css")


def csp_hash(text: str) -> str:
    """A CSP hash-source for an inline ``<script>`` or ``<style>`` holding exactly ``text``.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy() -> str:
    """Nothing from anywhere (``default-src 'none'``) but the page's own script and style, by hash,
    and ``data:`` images; no ``<base>`` and no form submission."""
    return (f"default-src 'none'; script-src {csp_hash(_inline_script())}; style-src {csp_hash(_inline_style())}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _section(key: str, title: str, content: str) -> str:
    return f'<section id="{key}"><h2>{esc(title)}</h2>\n{content}\n</section>'


def _header(brief: dict[str, Any], page: _Page) -> str:
    arts = brief.get("articles", [])
    outlets = len({page.names[a["id"]] for a in arts})
    n_ind = brief.get("independent_sources", 0)
    facts = [f"{len(arts)} article{'s' * (len(arts) != 1)}", f"{outlets} outlet{'s' * (outlets != 1)}",
             f"{n_ind} independent source{'s' * (n_ind != 1)}"]
    if date_span(brief):
        facts.append(date_span(brief))
    n_fixed = len(brief.get("corrections") or [])
    if n_fixed:
        facts.append(f"{n_fixed} analyst correction{'s' * (n_fixed != 1)}")
    targets = [("summary", "Summary"), ("map", "Places"), ("figures", "Figures"), ("quotes", "Quotes"),
               ("framing", "Framing"), ("timeline", "Timeline"), ("coverage", "Coverage")]
    targets += [("corrections", "Corrections")] * bool(n_fixed) + [("articles", "Articles")]
    nav = "".join(f'<a href="#{k}">{esc(t)}</a>' for k, t in targets)
    return (f'<header><h1>{esc(brief.get("title") or "Briefing")}</h1>'
            f'<p class="meta">story <code>{esc(brief.get("story", ""))}</code> · {esc(" · ".join(facts))}</p>'
            f"<nav>{nav}</nav></header>")


def _summary(brief: dict[str, Any], page: _Page) -> str:
    items = [f"<li>{esc(s['text'])} {page.links(s['citations'])}</li>" for s in brief.get("summary", [])]
    return f'<ol class="summary">{"".join(items)}</ol>' if items else '<p class="none">No sentence to summarise.</p>'


# --------------------------------------------------------------------------- map


def _map_places(places: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(drawn, listed only): below-country places near the main one; countries only when there is
    nothing finer (a country's centroid says little about where things happened)."""
    fine = [p for p in places if p.get("precision") != "country"]
    pool = fine or list(places)
    if not pool:
        return [], []
    main = pool[0]
    near = [p for p in pool if abs(p["lat"] - main["lat"]) <= NEAR_DEGREES and
            abs(_lon_delta(p["lon"], main["lon"])) <= NEAR_DEGREES / max(0.2, math.cos(math.radians(main["lat"])))]
    drawn = near[:MAP_PLACES]
    return drawn, [p for p in places if p not in drawn]


def _lon_delta(a: float, b: float) -> float:
    return (a - b + 180) % 360 - 180


def _nice_step(span: float) -> float:
    for step in (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 45, 90):
        if span / step <= 5:
            return step
    return 90


def map_svg(places: Sequence[dict[str, Any]], page: _Page | None = None) -> str:
    """An equirectangular plot of places (``lat``, ``lon``, ``name``, ``mentions``) in a framed box
    with a graticule; longitudes are scaled by the cosine of the mean latitude so shapes keep their
    proportions. Returns an inline ``<svg>``."""
    if not places:
        return ""
    lats = [p["lat"] for p in places]
    lons = [p["lon"] for p in places]
    mid_lat = (min(lats) + max(lats)) / 2
    k = max(0.2, math.cos(math.radians(mid_lat)))
    pad = 0.25
    lat_span = max(max(lats) - min(lats), 0.5)
    lon_span = max(max(lons) - min(lons), 0.5 / k)
    lat0, lat1 = min(lats) - lat_span * pad, max(lats) + lat_span * pad
    lon0, lon1 = min(lons) - lon_span * pad, max(lons) + lon_span * pad
    # Keep the aspect ratio: widen whichever side is short.
    w, h, margin = MAP_WIDTH, MAP_HEIGHT, 28
    scale = min((w - 2 * margin) / ((lon1 - lon0) * k), (h - 2 * margin) / (lat1 - lat0))
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    x = lambda lon: w / 2 + (lon - cx) * k * scale  # noqa: E731
    y = lambda lat: h / 2 - (lat - cy) * scale  # noqa: E731
    left, right = cx - (w / 2 - margin) / (k * scale), cx + (w / 2 - margin) / (k * scale)
    bottom, top = cy - (h / 2 - margin) / scale, cy + (h / 2 - margin) / scale
    parts = [f'<svg class="map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
             f'aria-label="map of the places of the story" xmlns="http://www.w3.org/2000/svg">',
             f'<rect class="frame" x="{margin}" y="{margin}" width="{w - 2 * margin}" height="{h - 2 * margin}"/>']
    step = _nice_step(max(top - bottom, right - left))
    lat = math.ceil(bottom / step) * step
    while lat <= top:
        parts.append(f'<line class="grid" x1="{margin}" x2="{w - margin}" y1="{y(lat):.1f}" y2="{y(lat):.1f}"/>'
                     f'<text class="tick" x="{margin - 4}" y="{y(lat) + 3:.1f}" text-anchor="end">{lat:g}°</text>')
        lat += step
    lon = math.ceil(left / step) * step
    while lon <= right:
        parts.append(f'<line class="grid" y1="{margin}" y2="{h - margin}" x1="{x(lon):.1f}" x2="{x(lon):.1f}"/>'
                     f'<text class="tick" y="{h - margin + 12}" x="{x(lon):.1f}" text-anchor="middle">{lon:g}°</text>')
        lon += step
    for p in sorted(places, key=lambda p: -p.get("mentions", 1)):
        px, py = x(p["lon"]), y(p["lat"])
        r = 3 + 2 * math.sqrt(p.get("mentions", 1))
        label = f'{p["name"]} ({p.get("mentions", 1)} mention{"s" * (p.get("mentions", 1) != 1)})'
        parts.append(f'<g class="place"><circle cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}"><title>{esc(label)}</title>'
                     f'</circle><text x="{px + r + 3:.1f}" y="{py + 4:.1f}">{esc(p["name"])}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _map(brief: dict[str, Any], page: _Page) -> str:
    drawn, listed = _map_places(brief.get("places", []))
    if not drawn:
        return '<p class="none">No place of the story could be located.</p>'
    rows = "".join(
        f'<li><b>{esc(p["name"])}</b> <span class="coord">{p["lat"]:.2f}, {p["lon"]:.2f}</span> '
        f'×{p.get("mentions", 1)} {page.links(p.get("citations", [])[:3])}</li>' for p in drawn)
    also = ""
    if listed:
        also = '<p class="also">Also mentioned: ' + ", ".join(esc(p["name"]) for p in listed) + "</p>"
    return f'<div class="mapbox">{map_svg(drawn, page)}<ul class="places">{rows}</ul></div>{also}'


# --------------------------------------------------------------------------- tables and lists


def _badge(status: str) -> str:
    return f'<span class="badge {esc(status)}">{esc(STATUS_LABELS.get(status, status))}</span>'


def _figures(brief: dict[str, Any], page: _Page) -> str:
    figures = brief.get("figures", [])
    if not figures:
        return '<p class="none">No counts of people were reported.</p>'
    rows = []
    for f in figures:
        badge = _badge(f["status"]) + (' <span class="muted">not compared</span>' if f.get("compared") is False else "")
        span = "<br>".join(esc(s) for s in f["sides"]) if f.get("sides") else esc(value_range(f.get("low"), f.get("high")))
        reports = "".join(
            f'<li{" class=side" + str(int(r["side"])) if r.get("side") is not None else ""}>'
            f'{esc(report_label(r, page.names))} {page.links([r])}'
            f'{_fixed_tag(page.fixed_spans.get((str(r["id"]), int(r["start"])), []))}</li>' for r in f.get("reports", []))
        rows.append(f"<tr><td>{esc(figure_subject(f))}</td><td>{badge}</td><td>{span}</td>"
                    f'<td class="num">{int(f.get("independent_sources", 0))}</td><td><ul>{reports}</ul></td>'
                    f"<td>{esc(f.get('reason', ''))}"
                    f"{' <span class=muted>' + esc(verdict_note(f)) + '</span>' if verdict_note(f) else ''}</td></tr>")
    return ('<table class="figures"><thead><tr><th>what</th><th>status</th><th>range</th><th>sources</th>'
            f'<th>reports</th><th>why</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _quotes(brief: dict[str, Any], page: _Page) -> str:
    quotes = brief.get("quotes", [])
    if not quotes:
        return '<p class="none">No quotation was found.</p>'
    items = []
    for q in quotes:
        speaker = esc(q["speaker"]) if q.get("speaker") else '<span class="muted">unattributed</span>'
        outlets = ", ".join(dict.fromkeys(esc(r.get("source") or page.names.get(r["id"], r["id"])) for r in q["reports"]))
        items.append(f'<li><b>{speaker}</b>: <q>{esc(q["text"])}</q> <span class="muted">— {outlets}</span> '
                     f'{page.links(q["reports"])}</li>')
    return f'<ul class="quotes">{"".join(items)}</ul>'


def _framing(brief: dict[str, Any], page: _Page) -> str:
    framing = brief.get("framing", [])
    if not framing:
        return '<p class="none">No framing analysis in this briefing.</p>'
    sources = list(dict.fromkeys(lab["source"] for f in framing for lab in f.get("labels", [])))
    head = "".join(f"<th>{esc(s)}</th>" for s in sources)
    rows = []
    for f in framing:
        cells = []
        for source in sources:
            labels = [lab for lab in f.get("labels", []) if lab["source"] == source]
            cell = " ".join(
                "".join(f'<span class="term">{esc(t)}</span>' for t in lab.get("terms", [])) + page.links(lab.get("spans", []))
                for lab in labels)
            cells.append(f"<td>{cell or '–'}</td>")
        rows.append(f"<tr><th>{esc(f.get('entity', ''))}</th>{''.join(cells)}</tr>")
    return f'<table class="framing"><thead><tr><th>actor</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _timeline(brief: dict[str, Any], page: _Page) -> str:
    events = brief.get("timeline", [])
    if not events:
        return '<p class="none">No dated event.</p>'
    items = []
    for ev in events:
        when = f' <span class="muted">({esc(ev["when"])})</span>' if ev.get("when") else ""
        items.append(f'<li><time>{esc(ev["date"])}</time>{when}<div>{esc(ev["text"])} {page.links(ev["citations"])}</div></li>')
    return f'<ol class="timeline">{"".join(items)}</ol>'


def _coverage(brief: dict[str, Any], page: _Page) -> str:
    rows = []
    for a in brief.get("articles", []):
        copies = ", ".join(esc(page.names.get(c, c)) for c in a.get("copy_of", [])) or "–"
        affiliation = f'<div class="muted">{esc(a["affiliation"])}</div>' if a.get("affiliation") else ""
        alone = "".join(f"<li>{esc(s['text'])} {page.links(s['citations'])}</li>" for s in a.get("only_here", []))
        fixed = _fixed_tag(page.fixed_articles.get(a["id"], []))
        rows.append(f'<tr><td>{esc(page.names[a["id"]])}{affiliation}{fixed}</td>'
                    f'<td><a href="#doc{page.doc.get(a["id"], 0)}"><code>{esc(a["id"])}</code></a></td>'
                    f'<td>{esc(str(a.get("published") or "–")[:10])}</td>'
                    f'<td class="num">{round(100 * float(a.get("reused_share") or 0))}%</td><td>{copies}</td>'
                    f'<td><ul>{alone}</ul></td></tr>')
    table = ('<table class="coverage"><thead><tr><th>outlet</th><th>article</th><th>published</th><th>reused</th>'
             f'<th>copy of</th><th>what it alone reports</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    reuse = brief.get("reuse", [])
    if reuse:
        items = "".join(
            f'<li><q>{esc(r["text"])}</q> <span class="muted">— first in {esc(page.names.get(r.get("origin", ""), r.get("origin", "")))}; '
            f'carried by {", ".join(dict.fromkeys(esc(page.names.get(s["id"], s["id"])) for s in r["spans"]))}</span> '
            f'{page.links(r["spans"])}</li>' for r in reuse)
        table += f'<h3>Reused text</h3><ul class="reuse">{items}</ul>'
    return table


# --------------------------------------------------------------------------- article texts


KIND_LABELS = {
    "merge_entities": "entities merged", "split_entity": "entity split", "figure_category": "figure category",
    "figure_claimant": "figure claimant", "not_a_copy": "not a copy", "move_article": "article moved",
    "outlet_affiliation": "outlet affiliation",
}


def _corrections(brief: dict[str, Any], page: _Page) -> str:
    """Where a human corrected the machine: each analyst note with the article it touches, who made
    it and when (as stored); every field is escaped, as notes quote article text and analyst input."""
    items = []
    for n in brief.get("corrections") or []:
        kind = str(n.get("kind") or "")
        where = f"in {page.doc_link(str(n['article']))}" if n.get("article") else ""
        who = f"by {esc(n['author'])}" if n.get("author") else ""
        created = str(n.get("created") or "")
        when = f'<time datetime="{esc(created)}" title="{esc(created)}">{esc(created[:10])}</time>' if created else ""
        number = f"correction #{esc(n['id'])}" if n.get("id") is not None else ""
        details = " · ".join(x for x in (where, who, when, number) if x)
        items.append(f'<li><span class="kind">{esc(KIND_LABELS.get(kind, kind))}</span> '
                     f'{esc(n.get("note") or kind)} <span class="muted">{details}</span></li>')
    return ('<p class="muted">Analysts overrode what the machine found; the briefing above already shows '
            f'their version.</p><ul class="corrections">{"".join(items)}</ul>')


def _segments(text: str, cuts: set[int], boiler: Sequence[tuple[int, int]],
              anchors: dict[int, list[str]] | None = None) -> str:
    """The text cut at every cited boundary: ``<span data-s data-e>`` pieces the script can light up;
    an anchor (``anchors``: offset → ids) where each cited span starts; boilerplate dimmed."""
    anchors = anchors or {}
    points = sorted({0, len(text), *(c for c in cuts if 0 <= c <= len(text)),
                     *(p for b in boiler for p in b if 0 <= p <= len(text))})
    out = []
    for s, e in zip(points, points[1:]):
        cls = "seg boiler" if any(bs <= s and e <= be for bs, be in boiler) else "seg"
        out.extend(f'<span class="anchor" id="{a}"></span>' for a in anchors.get(s, []))
        out.append(f'<span class="{cls}" data-s="{s}" data-e="{e}">{esc(text[s:e])}</span>')
    return "".join(out)


def _articles(brief: dict[str, Any], items: Sequence[Article], page: _Page) -> str:
    if not items:
        return '<p class="none">Article texts were not included.</p>'
    by_id = {a.id: a for a in items}
    cited_in: dict[str, set[tuple[int, int]]] = {}  # one pass over the citations, not one per article
    for ci, s, e in page.refs.order:
        cited_in.setdefault(ci, set()).add((s, e))
    blocks = []
    for i, n in sorted(page.doc.items(), key=lambda kv: kv[1]):
        a = by_id.get(i)
        if a is None:
            continue
        cited = cited_in.get(i, set())
        anchors: dict[int, list[str]] = {}
        for s, e in sorted(cited):
            anchors.setdefault(s, []).append(page.anchor(i, s, e))
        boiler = [(b.start, b.end) for b in a.boilerplate]
        head = " · ".join(esc(x) for x in (page.names.get(i, i), (a.published or "")[:10], a.title or "") if x)
        link = f' <a class="src" href="{esc(a.url)}" rel="noreferrer">source</a>' if a.url and a.url.startswith(("http://", "https://")) else ""
        blocks.append(f'<article id="doc{n}" data-doc="{n}"><h3>{head}{link}</h3><p class="muted"><code>{esc(i)}</code></p>'
                      f'<div class="text">{_segments(a.text, page.cuts.get(i, set()), boiler, anchors)}</div></article>')
    return "\n".join(blocks)
