"""Analyst corrections in the rendered briefings: where a human corrected the machine, with what, by whom
and when; the HTML page escapes every part of a note (notes quote article text and analyst input)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import brief_fixture as fx

from newsfuse.output.corrected import CorrectedBriefing
from newsfuse.output.render.html import render_html
from newsfuse.output.render.markdown import render_markdown
from newsfuse.store.rows import Correction

HOSTILE = "<script>alert('fix')</script>"
WHEN = "2026-11-20T09:15:00.000+00:00"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.corrections_text = ""
        self.corrections_tags: list[str] = []
        self._depth = 0  # inside <section id="corrections">

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        self.ids.update([a["id"]] if "id" in a else [])
        if tag == "section":
            self._depth = 1 if a.get("id") == "corrections" else 0
        if self._depth:
            self.corrections_tags.append(tag)

    def handle_data(self, data):
        if self._depth:
            self.corrections_text += data


def corrected_brief(corrections: list[Correction]) -> tuple[dict, list]:
    """The fixture story briefed through the same code path as ``newsfuse analyze``."""
    run = CorrectedBriefing(fx.articles(), corrections)
    run.place({a.id: "tavel" for a in run.articles})
    [brief] = run.briefs([("tavel", run.articles)], registry=fx.REGISTRY)
    return brief, run.articles


def fix(cid, kind, target, payload, author="ana"):
    return Correction(cid, kind, target, payload, author, WHEN, True)


def parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    return tags


def test_html_lists_corrections_with_where_what_who_and_when():
    brief, articles = corrected_brief([
        fix(1, "figure_category", f"wire-1:{fx.WIRE.index('Around 400')}", {"category": "evacuated"}),
        fix(2, "not_a_copy", "obs<2>", {"of": None}, author=None),
    ])
    assert [n["kind"] for n in brief["corrections"]] == ["figure_category", "not_a_copy"]
    page = render_html(brief, articles)
    tags = parse(page)
    assert "corrections" in tags.ids
    assert ("a", {"href": "#corrections"}) in tags.tags  # in the navigation
    assert "2 analyst corrections" in page
    text = " ".join(tags.corrections_text.split())
    assert 'figure "Around 400" is category "evacuated", not "fled"' in text
    assert "in Meridian Wire · by ana · 2026-11-20 · correction #1" in text
    assert "obs<2> is not a copy" in text and "correction #2" in text and "by " not in text.split("obs<2>")[-1]
    assert f'<time datetime="{WHEN}"' in page
    # "where" leads somewhere: the outlet links to its article text on the page
    doc_links = [a["href"] for tag, a in tags.tags if tag == "a" and a.get("href", "").startswith("#doc")]
    assert doc_links and all(h[1:] in tags.ids for h in doc_links)
    # the corrected figure report and the article whose copy status changed carry a tag
    tagged = [a for tag, a in tags.tags if tag == "a" and a.get("class") == "fixed"]
    assert len(tagged) == 2 and all(a["href"] == "#corrections" for a in tagged)
    assert any("evacuated" in a["title"] for a in tagged) and any("not a copy" in a["title"] for a in tagged)


def test_html_escapes_every_part_of_a_correction():
    brief, articles = corrected_brief([
        fix(1, "figure_claimant", "wire-1:0", {"claimant": HOSTILE}, author='<img src=x onerror="alert(1)">'),
    ])
    [note] = brief["corrections"]
    assert HOSTILE in note["note"]  # the note quotes the analyst's words as they were typed
    brief["corrections"].append({"id": 9, "kind": "<b>odd</b>", "target": "x", "article": "wire-1",
                                 "author": None, "created": '"><script>alert(3)</script>', "note": None})
    page = render_html(brief, articles)
    tags = parse(page)
    assert page.count("<script") == 1  # the page's own script only
    assert "&lt;script&gt;alert(&#x27;fix&#x27;)&lt;/script&gt;" in page
    assert "img" not in [tag for tag, _ in tags.tags]
    assert set(tags.corrections_tags) <= {"section", "h2", "p", "ul", "li", "span", "a", "time"}
    assert HOSTILE in tags.corrections_text and "<b>odd</b>" in tags.corrections_text
    assert '<img src=x onerror="alert(1)">' in tags.corrections_text


def test_html_without_corrections_has_no_section():
    page = render_html(fx.brief(), fx.articles())
    assert 'id="corrections"' not in page and 'href="#corrections"' not in page
    brief = fx.brief()
    brief["corrections"] = []
    assert 'id="corrections"' not in render_html(brief, fx.articles())


def test_markdown_says_who_and_when_and_escapes():
    brief, articles = corrected_brief([fix(1, "figure_claimant", "wire-1:0", {"claimant": HOSTILE})])
    text = render_markdown(brief, articles)
    [line] = [x for x in text.splitlines() if x.startswith("- figure")]
    assert line.endswith("(ana, 2026-11-20)")
    assert "<script>" not in text and r"\<script\>" in line
    assert re.search(r"^## Analyst corrections$", text, re.M)
