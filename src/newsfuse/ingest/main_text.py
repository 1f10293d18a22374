"""A page's main text, from the tree metadata has already read, without a copy of that tree (issue 17).

``trafilatura.bare_extraction`` extracts from a copy of a tree it is handed (its extraction prunes the
tree it works on), and no parameter turns that off: it copies when the object it is given is the tree
itself. Our one tree is read by :func:`~newsfuse.ingest.page_metadata.metadata` first and by nothing
after the extraction, so that copy and freeing it (~0.18 s of CPU on the 181 ScrapingHub pages, 4% of
a pass) buy nothing. For the trafilatura release this was checked on (``CHECKED_RELEASE``), the steps
``bare_extraction`` runs after its copy for our options (``output_format="python"``, no metadata, no
deduplication, no language filter, no XPath pruning) run here on the tree itself: the extraction
cascade (``trafilatura.core.trafilatura_sequence``, which trafilatura calls internal), its tree-size
and output-size checks, and the text serialisation. Any other release goes through
``bare_extraction``, copy included. ``tests/ingest/test_main_text.py`` compares the two on pages of
every kind in the test fixtures, and the 802 HTML eval pages gave the same text either way.
"""

from __future__ import annotations

import logging
from typing import Any

import trafilatura
from lxml.etree import strip_tags

LOGGER = logging.getLogger(__name__)
CHECKED_RELEASE = "2.3.1"


def _without_copy(tree: Any, url: str | None, options: dict[str, Any]) -> str | None:
    from trafilatura.core import trafilatura_sequence
    from trafilatura.settings import Extractor
    from trafilatura.xml import xmltotxt

    settings = Extractor(output_format="python", url=url, comments=options.get("include_comments", True))
    try:
        body, text, _comments_body, comments = trafilatura_sequence(tree, settings, settings.url)
        if settings.max_tree_size and len(body) > settings.max_tree_size:
            strip_tags(body, "hi")
            if len(body) > settings.max_tree_size:
                return None
        if len(text) < settings.min_output_size and len(comments) < settings.min_output_comm_size:
            return None
    except (TypeError, ValueError):  # what bare_extraction reads as "nothing extracted"
        return None
    return xmltotxt(body, settings.formatting)


def main_text(tree: Any, url: str | None, options: dict[str, Any]) -> str | None:
    """The main text of ``tree`` as ``trafilatura.bare_extraction(tree, url=url, **options).text``
    gives it (None when nothing is extracted). ``tree`` is pruned on the way: read it before.
    ``options`` are our extraction options (only ``include_comments`` is read here)."""
    if trafilatura.__version__ == CHECKED_RELEASE and set(options) <= {"include_comments"}:
        return _without_copy(tree, url, options)
    document = trafilatura.bare_extraction(tree, url=url, **options)
    return document.text if document is not None else None
