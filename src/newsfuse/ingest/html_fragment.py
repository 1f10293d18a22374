"""Text of an HTML fragment (a feed item's ``content:encoded``), paragraphs kept apart.

A fragment is the article body alone — no navigation to remove — so it needs no boilerplate
detection, only markup to text: block elements become paragraphs separated by a blank line.

>>> fragment_text("<p>Hundreds fled on <b>Tuesday</b>.</p><p>More came<br>later.</p><script>x()</script>")
'Hundreds fled on Tuesday.\\n\\nMore came\\nlater.'
>>> fragment_text("<p>families in\\x19tents</p>")
'families in tents'
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "hr",
}  # fmt: skip
_DROPPED = ("script", "style", "noscript", "iframe", "object", "embed", "form", "template")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# Characters XML (hence lxml) cannot hold: kept in a fragment's text they made lxml raise halfway
# through (found by bench/fuzz_atheris.py: a U+0019 inside a feed item's content:encoded).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def fragment_text(html: str) -> str:
    html = _NOT_XML.sub(" ", html)
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("|".join(f"//{tag}" for tag in _DROPPED)):
        bad.drop_tree()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
        elif tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in ("td", "th"):
            element.tail = " " + (element.tail or "")
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(root.text_content()):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
