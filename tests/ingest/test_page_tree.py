"""The page tree (ingest/page_tree.py) is the one ``trafilatura.utils.load_html`` builds, with lxml's
compiled class look-ups, and its shortened repair is trafilatura's ``repair_faulty_html``."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ingest_fixtures import FERRY_PARAGRAPHS, LEVEE_HTML, ferry_page
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import INVALID_XML_CHARS, load_html, repair_faulty_html

from newsfuse.ingest import page_tree
from newsfuse.ingest.page_tree import _repaired, parse_page

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILLER = "".join(f"<p>{p}</p>\n" for p in FERRY_PARAGRAPHS) * 24  # ~13,000 characters of lines


def _long(head: str, tail: str = "</body></html>") -> str:
    return head + "<body>\n" + FILLER + tail


FORMS = _long("<html>\n<head><title>Forms</title></head>", "<form><input name=q><select><option>a</option>"
              "</select><textarea>t</textarea><label>l</label></form></body></html>")


def _pages() -> list[str | bytes]:
    pages: list[str | bytes] = [LEVEE_HTML, ferry_page(), LEVEE_HTML.encode()]
    pages += [p.read_bytes() for p in sorted(EXAMPLES.glob("*.html"))]
    pages += [
        _long("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"http://www.w3.org/TR/xhtml1/DTD/x.dtd\"/>\n<html>"),
        _long("<!doctype html>\n<html lang='en'/>\n<head><title>Self-closed</title></head>"),
        _long("<html>\n<head><title>Controls\x0b\x1f here</title></head>"),
        FORMS,
        "<p>a fragment, not a page</p>",
        "<?xml version='1.0' encoding='utf-8'?>\n<html><body><p>declared</p></body></html>",
        "\ufeff<html><body><p>byte-order mark</p></body></html>",
        _long("<html>\n<head><title>Café in Skell – “reopened”</title></head>"),
    ]
    return pages + [page.encode("utf-8") for page in pages if isinstance(page, str)]


def _classes(tree) -> list[str]:
    return [type(element).__name__ for element in tree.iter()]


@pytest.mark.parametrize("page", _pages())
def test_the_tree_is_trafilaturas(page):
    ours, theirs = parse_page(page), load_html(page)
    if theirs is None:
        assert ours is None
        return
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert _classes(ours) == _classes(theirs)


def test_form_elements_keep_their_classes():
    tree = parse_page(FORMS)
    assert type(tree.find(".//form")) is lxml_html.FormElement
    assert type(tree.find(".//input")) is lxml_html.InputElement
    assert type(tree.find(".//textarea")) is lxml_html.TextareaElement
    assert type(tree.find(".//p")) is lxml_html.HtmlElement


def test_invalid_characters_are_trafilaturas():
    ours = set(page_tree._INVALID_CHARS)
    theirs = {chr(c) for c in range(0x110000) if INVALID_XML_CHARS.match(chr(c))}
    assert ours == theirs


def _repair_cases() -> list[str]:
    rng = random.Random(17)
    cases = [
        # a doctype fix that leaves the head under 4,096 characters, the <html/> to fix just after it
        "<!DOCTYPE " + "z" * 5000 + "/>" + "y" * 3500 + "\n<html/>\n" + FILLER,
        "<!doctype html>\n" + "x" * 8300 + "\n<html lang=en\n\n   \n/><body>" + FILLER,
        "<html>\n" + "y" * 8190 + "<html a=1\n   /> rest\n" + FILLER,
        # a doctype fix that shortens the head below 4,096 characters
        "<!DOCTYPE " + "z" * 5000 + "/>\n<html/>\n" + FILLER,
        _long("<!DOCTYPE html/>\n<html/>\n"),
        _long("<html>\n<head>\ufffe</head>"),
        "short <html/>\n",
    ]
    pieces = ["<html>", "<html/>", "<HTML a=b />", "/>", "\n", "\n\n  ", " ", "<!doctype x/>", "\x07", "text",
              "<p>para</p>", "\r\n", "\u2028"]
    for _ in range(400):
        lead = rng.choice(["<!DOCTYPE html/>", "<!doctype html>", "", "<html/>"])
        body = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        pad = "w" * rng.choice([0, 4000, 8180, 8191, 8192, 8200, 9000])
        cases.append(lead + rng.choice(["\n", ""]) + pad + body + rng.choice(["", "\n", "\n/>", "\n \n/>"]) + body)
    return cases


def test_the_shortened_repair_is_trafilaturas():
    for text in _repair_cases():
        head = text[:50].lower()
        assert _repaired(text, head) == repair_faulty_html(text, head), text[:80]


def test_the_repair_comparison_catches_a_cut_without_its_guard(monkeypatch):
    short_head = _repair_cases()[0]
    monkeypatch.setattr(page_tree, "_SEEN_BY_FIXES", 0)
    head = short_head[:50].lower()
    assert _repaired(short_head, head) != repair_faulty_html(short_head, head)


def test_utf8_pages_are_parsed_from_their_bytes():
    # the comparison above covers the byte path: these pages take it (a repaired doctype among them)
    for page in (_long("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"http://x.example/x.dtd\"/>\n<html>"),
                 _long("<html>\n<head><title>Café in Skell – “reopened”</title></head>")):
        data = page.encode("utf-8")
        text, utf8 = page_tree._decoded(data, None)
        assert utf8 and text == page
        assert page_tree._utf8_tree(data, text, text[:50].lower()) is not None
    assert not page_tree._decoded("\ufeff<html></html>".encode("utf-8"), None)[1]
    assert not page_tree._decoded("<p>caf\xe9</p>".encode("latin-1"), None)[1]
