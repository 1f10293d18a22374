"""The HTML briefing: self-contained, escaped, and every citation leads to its words in the article text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import brief_fixture as fx

from newsfuse.output.render.html import map_svg, render_html


class _Collect(HTMLParser):
    """Tags, attributes, and the text of each article's segments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.segments: dict[str, list[tuple[int, int, str]]] = {}
        self._doc: str | None = None
        self._seg: list | None = None
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "article":
            self._doc = a["data-doc"]
            self.segments[self._doc] = []
        if tag == "span" and "seg" in (a.get("class") or "").split():
            self._seg = [int(a["data-s"]), int(a["data-e"]), ""]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "span" and self._seg is not None:
            self.segments[self._doc].append(tuple(self._seg))
            self._seg = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._seg is not None:
            self._seg[2] += data
        if self._in_script:
            self.script_text += data


def page() -> tuple[str, _Collect]:
    html = render_html(fx.brief(), fx.articles())
    parser = _Collect()
    parser.feed(html)
    return html, parser


def test_script_in_article_text_is_inert():
    html, parsed = page()
    assert html.count("<script") == 1  # ours only
    assert '<script>alert("owned")' not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html
    assert "<b>Observer" not in html and "Valley &lt;b&gt;Observer&lt;/b&gt;" in html
    assert "alert" not in parsed.script_text


def test_self_contained_no_outside_requests():
    html, parsed = page()
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        assert not (tag == "link" and "href" in attrs)
        href = attrs.get("href", "")
        assert not href.startswith(("http:", "https:", "//")), href
    assert "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html


def test_every_citation_links_to_its_words():
    html, parsed = page()
    articles = {a.id: a for a in fx.articles()}
    doc_of = {"0": "wire-1", "1": "obs<2>"}
    # segments rebuild each article's text exactly
    for doc, segs in parsed.segments.items():
        assert "".join(t for _, _, t in segs) == articles[doc_of[doc]].text
    links = [a for tag, a in parsed.tags if tag == "a" and "cite" in (a.get("class") or "")]
    assert len(links) >= 8
    for a in links:
        assert a["href"].startswith("#") and a["href"][1:] in parsed.ids
        s, e = int(a["data-s"]), int(a["data-e"])
        covered = "".join(t for ss, se, t in parsed.segments[a["data-doc"]] if s <= ss and se <= e)
        assert covered == articles[doc_of[a["data-doc"]]].text[s:e]


def test_sections_badges_and_map():
    html, parsed = page()
    for key in ("summary", "map", "figures", "quotes", "framing", "timeline", "coverage", "articles"):
        assert key in parsed.ids
    assert '<span class="badge corroborated">corroborated</span>' in html
    assert len(re.findall(r"<circle ", html)) == 2  # Tavel and Orsk
    assert "<title>Tavel (2 mentions)</title>" in html


def test_map_svg_projection():
    svg = map_svg([{"name": "A", "lat": 10.0, "lon": 20.0, "mentions": 1}, {"name": "B", "lat": 12.0, "lon": 22.0, "mentions": 4}])
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    ys = [float(y) for y in re.findall(r'cy="([\d.]+)"', svg)]
    # B (drawn first: most mentioned) is north-east of A: right of it and above it
    assert xs[0] > xs[1] and ys[0] < ys[1]
    assert map_svg([]) == ""
