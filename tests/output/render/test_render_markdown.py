"""The Markdown briefing: every section, citations numbered and listed, untrusted text escaped."""

from __future__ import annotations

import brief_fixture as fx

from newsfuse.output.render.markdown import md, render_markdown


def test_sections_and_citations():
    text = render_markdown(fx.brief(), fx.articles())
    lines = text.splitlines()
    assert lines[0] == "# Hundreds flee \\<Tavel\\> floods"
    for heading in ("## Summary", "## Figures", "## Quotes", "## Framing", "## Timeline", "## Coverage and reuse", "## Sources"):
        assert heading in lines
    assert "- Around 400 residents fled Tavel on Monday, the district office said. [1]" in lines
    assert lines[lines.index("## Sources") + 2] == (
        "1. Meridian Wire `wire-1` 0–68: “Around 400 residents fled Tavel on Monday, the district office said.”")
    row = next(line for line in lines if line.startswith("| fled · people"))
    assert "**✔ corroborated**" in row and "| 360–440 |" in row
    assert "- **Ana Petrak**: “We left with nothing” — Meridian Wire [" in text
    assert "- **2024-04-01** (Monday): Around 400 residents fled Tavel on Monday" in text


def test_untrusted_text_is_escaped():
    text = render_markdown(fx.brief(), fx.articles())
    assert "<script>" not in text and "<b>" not in text
    assert "Valley \\<b\\>Observer\\</b\\>" in text
    assert md("a|b [x](y) *z* snake_case _lead") == "a\\|b \\[x\\](y) \\*z\\* snake_case \\_lead"


def test_without_articles_and_empty_sections():
    brief = {"story": "s", "title": "", "articles": [], "independent_sources": 0, "summary": [], "figures": [],
             "quotes": [], "framing": [], "reuse": [], "timeline": []}
    text = render_markdown(brief)
    assert text.startswith("# s\n")
    assert "_No sentence to summarise._" in text and "_No dated event._" in text
    assert "## Sources" not in text


def test_framing_side_by_side():
    brief = fx.brief()
    brief["framing"] = [{"entity": "Free Dravic Front", "labels": [
        {"source": "KSNA", "terms": ["terrorists"], "spans": [{"id": "wire-1", "start": 0, "end": 6}]},
        {"source": "Meridian Wire", "terms": ["rebels", "insurgents"], "spans": []}]}]
    lines = render_markdown(brief).splitlines()
    i = lines.index("## Framing")
    assert lines[i + 2] == "| actor | KSNA | Meridian Wire |"
    assert lines[i + 4].startswith("| **Free Dravic Front** | terrorists [") and lines[i + 4].endswith("| rebels, insurgents  |")
