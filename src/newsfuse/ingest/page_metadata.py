"""A page's metadata with trafilatura's own functions, minus the searches nothing here reads.

Why not ``bare_extraction(..., with_metadata=True)``: it also looks for the author in the page body
(a deep copy of the tree and a dozen XPath searches per page), for categories and tags in links,
and for a licence; together ~1 s of the ~2 s of metadata on the 181 ScrapingHub pages, where
``trafilatura.extract`` alone takes ~4.7 s (issue 17). No stage reads those fields: articles kept
them in ``meta`` only. What is kept here runs the same functions in the same order as
trafilatura's ``extract_metadata``: the ``<meta>`` tags and JSON-LD (author, description, image,
categories and tags when a page declares them there), title, canonical URL, host name, the
publish date (htmldate, with trafilatura's date settings), site name.

The tree is parsed once (:func:`newsfuse.ingest.page_tree.parse_page`: trafilatura's ``load_html``
steps, with trafilatura's file-size limit) and read by :func:`metadata` first; then
:func:`newsfuse.ingest.main_text.main_text` extracts from it, pruning it (nothing here writes to it).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from trafilatura.json_metadata import extract_json, extract_json_parse_error, normalize_json
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_domain,
    extract_sitename,
    extract_title,
    extract_url,
    find_date,
)
from trafilatura.settings import Extractor

_DEFAULTS = Extractor()  # trafilatura's defaults: date search settings and file-size limit
MAX_FILE_SIZE = _DEFAULTS.max_file_size

LOGGER = logging.getLogger(__name__)


_JSON_SCRIPTS = './/script[@type="application/ld+json" or @type="application/settings+json"]'
# trafilatura's JSON minifier (``metadata.JSON_MINIFY``: keep each string, drop whitespace outside
# strings) with whitespace taken a run at a time and the string kept by a function: the template
# ``\1`` it substitutes is expanded in Python for every match on Python 3.11, 0.05 s on the 181
# ScrapingHub pages against 0.02 s here, for the same text (a test compares the two).
_MINIFY = re.compile(r'("(?:\\.|[^"\\])*")|\s+')


def _kept_string(match: re.Match[str]) -> str:
    return match.group(1) or ""


def json_ld(tree: Any, found: Any) -> Any:
    """``found`` completed from the page's JSON-LD as ``trafilatura.metadata.extract_meta_json`` does
    it: each script minified and normalised, read as JSON, or searched as text when it is not JSON."""
    for script in tree.xpath(_JSON_SCRIPTS):
        if not script.text:
            continue
        text = normalize_json(_MINIFY.sub(_kept_string, script.text))
        try:
            found = extract_json(json.loads(text, strict=False), found)
        except json.JSONDecodeError:
            found = extract_json_parse_error(text, found)
    return found


def metadata(tree: Any, default_url: str | None = None) -> Any:
    """A trafilatura ``Document`` with the metadata fields of ``tree`` (an lxml HTML tree)."""
    date_config = dict(_DEFAULTS.date_params)
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a single word is a handle or a section, as trafilatura has it
    try:
        found = json_ld(tree, found)
    except Exception as err:  # trafilatura's JSON-LD reader fails on odd markup; the rest still counts
        LOGGER.debug("JSON-LD metadata not read: %s", err)
    if not found.title:
        found.title = extract_title(tree)
    if not found.url:
        found.url = extract_url(tree, default_url)
    if found.url:
        found.hostname = extract_domain(found.url, fast=True)
    date_config["url"] = found.url
    found.date = find_date(tree, **date_config)
    if not found.sitename:
        found.sitename = extract_sitename(tree)
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url:
        match = META_URL.match(found.url)
        if match:
            found.sitename = match[1]
    found.clean_and_trim()
    return found
