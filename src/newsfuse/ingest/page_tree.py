"""A web page parsed into the lxml tree that metadata and extraction share (issue 17).

The steps are trafilatura's own (``trafilatura.utils``): ``decode_file`` for the encoding,
``is_dubious_html`` on the first 50 characters, ``repair_faulty_html``, then libxml2's HTML parser
with trafilatura's parser settings, retried on the UTF-8 bytes when the text will not parse (or parses
to an empty root), and no tree for a page that neither looks like HTML nor parses to two children.
So the tree is the one ``trafilatura.utils.load_html`` builds; what differs is how lxml picks the
Python class of each element it hands out. ``lxml.html``'s parser asks a Python method for every
element object it creates (``HtmlElementClassLookup.lookup``); trafilatura, htmldate and readability
walk the tree many times, so that is ~620k Python calls on the 181 ScrapingHub pages, ~0.3 s of CPU of
a ~5.5 s pass. Here the same classes come from lxml's compiled look-ups: ``HtmlElement`` (and
``HtmlComment``, ``HtmlEntity``, ``HtmlProcessingInstruction``) by default, and the form classes
``lxml.html`` gives ``form``, ``input``, ``select``, ``textarea`` and ``label`` by tag name, as before.
Copies of the tree keep its parser, so the copy trafilatura extracts from uses them too.
``tests/ingest/test_page_tree.py`` checks that both trees serialize alike and hand out the same classes.
"""

from __future__ import annotations

import logging
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import decode_file, handle_compressed_file, is_dubious_html, repair_faulty_html

LOGGER = logging.getLogger(__name__)

# trafilatura.utils.HTML_PARSER's settings
_PARSER_SETTINGS = {"collect_ids": False, "default_doctype": False, "encoding": "utf-8",
                    "remove_comments": True, "remove_pis": True}
_FORM_CLASSES = {"form": lxml_html.FormElement, "input": lxml_html.InputElement,
                 "select": lxml_html.SelectElement, "textarea": lxml_html.TextareaElement,
                 "label": lxml_html.LabelElement}


def _parser() -> lxml_html.HTMLParser:
    parser = lxml_html.HTMLParser(**_PARSER_SETTINGS)
    by_tag = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    by_tag.get_namespace(None).update(_FORM_CLASSES)
    parser.set_element_class_lookup(by_tag)
    return parser


PARSER = _parser()


# The characters trafilatura's repair deletes (``trafilatura.utils.INVALID_XML_CHARS``; a test checks
# that they are the same set): C0 controls but tab, newline and carriage return, and U+FFFE, U+FFFF.
_INVALID_CHARS = tuple(chr(c) for c in range(32) if c not in (9, 10, 13)) + ("\ufffe", "\uffff")
_HEAD_CHARS = 8192  # the repair's other two fixes look at the first line and within the first 4,096 characters
_SEEN_BY_FIXES = 4096


def _repaired_head(text: str, head: str) -> tuple[str, int] | None:
    """``(repaired, cut)``: ``repair_faulty_html(text, head) == repaired + text[cut:]``, found without
    scanning the whole page with a regex for invalid characters when it has none: that pass was 0.16 s
    of CPU on the 181 ScrapingHub pages (31 MB), and 29 ``in`` tests (C loops) find the same in
    0.04 s. The repair then runs on the page's first lines only (up to the first newline after
    ``_HEAD_CHARS``), which hold everything its two other fixes touch: a doctype with a slash on the
    first line, and the first ``<html .../>`` when one of the first four lines within 4,096 characters
    is one (that match cannot reach past the cut: the line that calls for it holds one). None when
    the whole page must be repaired: it has an invalid character, is too short to cut, or the doctype
    fix leaves the head shorter than 4,096 characters (the lines that fix looks at would run past it)."""
    cut = text.find("\n", _HEAD_CHARS) + 1
    if not cut or any(ch in text for ch in _INVALID_CHARS):
        return None
    fixed = repair_faulty_html(text[:cut], head)
    return (fixed, cut) if len(fixed) >= _SEEN_BY_FIXES else None


def _repaired(text: str, head: str) -> str:
    """``repair_faulty_html(text, head)``, the whole page scanned only when :func:`_repaired_head` says so."""
    found = _repaired_head(text, head)
    if found is None:
        return repair_faulty_html(text, head)
    fixed, cut = found
    return fixed + text[cut:]


def _utf8_tree(html: bytes, text: str, head: str) -> Any:
    """The tree of the repaired page parsed from UTF-8 bytes, when ``text`` is ``html`` decoded as UTF-8
    (no byte-order mark) and the repair touched only its head; else None. From a Python string lxml
    hands libxml2 UTF-16 or UCS-4 to convert back to UTF-8 (0.27 s for the 181 ScrapingHub pages,
    0.20 s from their bytes); the characters are the same, and so is the tree (the same
    serialisation on every eval page that takes this path; a test compares both on fixtures).
    trafilatura's own parse uses these bytes too when the string will not parse."""
    found = _repaired_head(text, head)
    if found is None:
        return None
    fixed, cut = found
    data = fixed.encode("utf-8") + html[len(text[:cut].encode("utf-8")):]
    try:
        tree = lxml_html.fromstring(data, parser=PARSER)
    except Exception:  # parsed from the text instead, as trafilatura does
        return None
    return tree if tree is not None and len(tree) >= 1 else None


def _from_bytes(text: str) -> Any:
    try:
        return lxml_html.fromstring(text.encode("utf8", "surrogatepass"), parser=PARSER)
    except Exception as err:  # libxml2 refuses some inputs outright
        LOGGER.debug("page not parsed from its bytes either: %s", err)
        return None


def _decoded(html: bytes | str, max_size: int | None) -> tuple[str, bool]:
    """``decode_file(html, max_size)``, and whether that text is ``html`` read as UTF-8 (bytes that
    need no decompression and are UTF-8 without a byte-order mark)."""
    if isinstance(html, bytes) and not html.startswith(b"\xef\xbb\xbf") and handle_compressed_file(html, max_size) is html:
        try:
            return html.decode("utf-8"), True  # what decode_file returns for such bytes
        except UnicodeDecodeError:
            pass
    return decode_file(html, max_size), False


def parse_page(html: bytes | str, max_size: int | None = None) -> Any:
    """The page's lxml tree (an ``HtmlElement``), or None when it is not HTML."""
    text, utf8 = _decoded(html, max_size)
    head = text[:50].lower()
    dubious = is_dubious_html(head)
    if utf8:
        tree = _utf8_tree(html, text, head)
        if tree is not None:
            return None if dubious and len(tree) < 2 else tree
    text = _repaired(text, head)
    tree, tried_bytes = None, False
    try:
        tree = lxml_html.fromstring(text, parser=PARSER)
    except ValueError:  # a str that declares its encoding: lxml wants bytes for it
        tree, tried_bytes = _from_bytes(text), True
    except Exception as err:
        LOGGER.debug("page not parsed: %s", err)
    if (tree is None or len(tree) < 1) and not tried_bytes:
        tree = _from_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None  # neither declared as HTML nor built like it
    return tree
