"""Renderers of a brief (the contract's JSON): Markdown for terminals and GitHub, one self-contained HTML page.

>>> from newsfuse.model import Article
>>> from newsfuse.output.brief import build_brief
>>> a = Article.create(id="a", text="Floods cut the road to Tavel on Monday.", source="Ledger", published="2024-05-01")
>>> brief = build_brief([a], story="s1")
>>> render_brief(brief, [a], "md").splitlines()[0]
'# Floods cut the road to Tavel on Monday.'
>>> render_brief(brief, [a], "html").startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ...model import Article
from .html import render_html
from .markdown import render_markdown

__all__ = ["render_brief", "render_html", "render_markdown"]


def render_brief(brief: dict[str, Any], articles: Iterable[Article] | None = None, fmt: str = "json") -> str:
    """One brief as ``json`` (indented), ``md`` or ``html``; ``articles`` give the cited texts."""
    if fmt == "json":
        return json.dumps(brief, ensure_ascii=False, indent=2)
    if fmt == "md":
        return render_markdown(brief, articles)
    if fmt == "html":
        return render_html(brief, articles)
    raise ValueError(f"unknown brief format: {fmt!r} (json, md, html)")
