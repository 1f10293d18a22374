"""HTML pages (and .html.gz): main text with trafilatura, metadata, and every way a page can be bad."""

import gzip

from ingest_fixtures import (FERRY_PARAGRAPHS, FERRY_TITLE, GERMAN_PARAGRAPHS, LEVEE_HTML, LEVEE_PARAGRAPHS,
                      LEVEE_TITLE, LEVEE_URL, article_page, ferry_page)

from newsfuse.ingest import read_inputs
from newsfuse.ingest.html_page import METHOD
from newsfuse.model import Article, Quarantined


def test_page_main_text_and_metadata(write):
    [article] = read_inputs([str(write("levee.html", LEVEE_HTML))])
    assert isinstance(article, Article)
    assert article.id == "levee"
    # the paragraphs, a blank line apart; no menu, byline, comments, related links or footer
    assert article.text == "\n\n".join(LEVEE_PARAGRAPHS)
    assert article.title == LEVEE_TITLE
    assert article.source == "Tessby Courier"  # og:site_name
    assert article.url == LEVEE_URL  # canonical link
    assert article.published == "2021-04-12"  # htmldate (via trafilatura's metadata step)
    assert article.language == "en"
    assert article.format == "html" and article.text_given is False
    assert article.meta["extraction"] == METHOD


def test_outlet_falls_back_to_the_domain(write):
    page = article_page(FERRY_TITLE, FERRY_PARAGRAPHS, site=None,
                        url="https://www.skell-islander.example/ferry.html", published="2021-05-03")
    [article] = read_inputs([str(write("ferry.htm", page))])
    assert article.source == "skell-islander.example"
    assert article.published == "2021-05-03"


def test_no_url_no_site_name_means_no_source(write):
    [article] = read_inputs([str(write("ferry.html", ferry_page()))])
    assert (article.source, article.url) == (None, None)


def test_gzipped_page_reads_like_the_plain_one(write):
    plain, zipped = read_inputs([str(write("levee.html", LEVEE_HTML)), str(write("levee2.html.gz", LEVEE_HTML))])
    assert zipped.id == "levee2"
    assert zipped.text == plain.text and zipped.title == plain.title


def test_other_language_is_detected_not_assumed(write):
    page = article_page("Deich gebrochen", GERMAN_PARAGRAPHS, site="Kreisbote", url=None, published="2021-04-12")
    [article] = read_inputs([str(write("deich.html", page))])
    assert article.language == "de"


def test_truncated_gzip_is_quarantined(write, tmp_path):
    data = gzip.compress(LEVEE_HTML.encode())
    path = tmp_path / "cut.html.gz"
    path.write_bytes(data[: len(data) // 2])
    [item] = read_inputs([str(path)])
    assert isinstance(item, Quarantined)
    assert item.id == "cut"
    assert item.reason.startswith("truncated gzip: the stream ends before its end marker")
    assert item.raw == data[: len(data) // 2]


def test_corrupt_gzip_is_quarantined(tmp_path):
    path = tmp_path / "bad.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 40)
    [item] = read_inputs([str(path)])
    assert item.reason.startswith("corrupt gzip") or item.reason.startswith("truncated gzip")


def test_fifty_megabyte_page_is_quarantined_and_raw_is_capped(tmp_path):
    path = tmp_path / "huge.html"
    block = b"<p>" + b"Endless filler paragraph about nothing in particular. " * 20 + b"</p>\n"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        while handle.tell() < 50_000_000:
            handle.write(block)
        handle.write(b"</body></html>")
    size = path.stat().st_size
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Quarantined)
    assert items[0].reason == f"file is {size:,} bytes, over the 20,000,000 bytes limit"
    assert len(items[0].raw) == 1 << 20  # the quarantine keeps the first MiB, not 50 MB


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 30_000_000 + b"</p>", compresslevel=1))
    [item] = read_inputs([str(path)], max_bytes=1_000_000)
    assert item.reason == "gzip content is over the 1,000,000 bytes limit once decompressed"


def test_binary_garbage_and_empty_and_textless_pages(write):
    garbage = write("noise.html", bytes(range(256)) * 40)
    empty = write("empty.html", b"")
    debris = write("debris.html", "<html><head><title>x</title></head><body><div><<<>>></div></body></html>")
    shell = write("shell.html", "<html><head><title>Only a title</title></head><body> </body></html>")
    items = list(read_inputs([str(garbage), str(empty), str(debris), str(shell)]))
    assert [i.reason for i in items] == [
        "binary data, not HTML (NUL or control bytes)",
        "empty file (0 bytes)",
        "no article text found in the HTML (only markup debris, no words)",
        "no article text found in the HTML (trafilatura extracted nothing)",
    ]
    assert all(i.stage == "ingest" for i in items)


def test_bad_page_between_good_ones(write):
    paths = [write("a.html", LEVEE_HTML), write("b.html", b"\x00\x01\x02"), write("c.html", ferry_page())]
    items = list(read_inputs([str(p) for p in paths]))
    assert [(type(i).__name__, i.id) for i in items] == [("Article", "a"), ("Quarantined", "b"), ("Article", "c")]


def test_a_page_nested_too_deep_for_the_parser_says_so(write):
    """Issue 18 item 10: 10,000 nested divs used to be "no article text"; the reason now names the depth."""
    body = "".join(f"<p>{p}</p>" for p in LEVEE_PARAGRAPHS)
    deep = write("deep.html", "<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>")
    good = write("good.html", LEVEE_HTML)
    quarantined, article = read_inputs([str(deep), str(good)])
    assert quarantined.reason == ("no article text found in the HTML: its elements nest 10,003 levels deep, and "
                                  "the HTML parser (libxml2) reads no deeper than 255")
    assert isinstance(article, Article) and article.text == "\n\n".join(LEVEE_PARAGRAPHS)
