"""Main text without trafilatura's copy of the tree (ingest/main_text.py): the same text as
``trafilatura.bare_extraction`` on the same tree, and bare_extraction itself for other releases."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from ingest_fixtures import LEVEE_HTML, ferry_page
from trafilatura.utils import load_html

from newsfuse.ingest import main_text as main_text_module
from newsfuse.ingest.html_page import EXTRACTION_OPTIONS
from newsfuse.ingest.main_text import main_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COMMENTS = """<html><body><article><h1>Pier reopens</h1><p>The pier at Skell reopened on Friday after repairs
that took three weeks, the harbour office said, and the first ferry docked there at noon.</p></article>
<div class="comments"><p>Great news for the island, finally!</p></div></body></html>"""
PAGES = [LEVEE_HTML, ferry_page(), COMMENTS, "<html><body><nav>Home</nav></body></html>",
         *(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.html")))]


def _theirs(page: str, url: str | None, options: dict) -> str | None:
    document = trafilatura.bare_extraction(load_html(page), url=url, **options)
    return document.text if document is not None else None


@pytest.mark.parametrize("options", [EXTRACTION_OPTIONS, {}])
@pytest.mark.parametrize("page", PAGES)
def test_the_text_is_bare_extractions(page, options):
    url = "https://skell-post.example/news/pier"
    ours = main_text(load_html(page), url, options)
    assert ours == _theirs(page, url, options)
    assert ours is not None and (len(ours) > 150 or "<nav>Home</nav>" in page)  # not two Nones


def test_the_checked_release_is_the_installed_one():
    # when trafilatura is upgraded, check the steps in main_text against its bare_extraction, then move this
    assert trafilatura.__version__ == main_text_module.CHECKED_RELEASE


def test_another_release_goes_through_bare_extraction(monkeypatch):
    calls = []
    monkeypatch.setattr(main_text_module, "CHECKED_RELEASE", "0.0")
    monkeypatch.setattr(main_text_module, "_without_copy", lambda *args: calls.append(args))
    tree = load_html(LEVEE_HTML)
    assert main_text(tree, None, EXTRACTION_OPTIONS) == _theirs(LEVEE_HTML, None, EXTRACTION_OPTIONS)
    assert not calls and load_html(LEVEE_HTML) is not tree
