"""WARC and WARC.gz archives (built with warcio in tmp_path): HTML responses become Articles."""

import re

import pytest
from ingest_fixtures import FERRY_PARAGRAPHS, LEVEE_HTML, LEVEE_PARAGRAPHS, LEVEE_URL, ferry_page, make_warc

from newsfuse.ingest import read_inputs, url_id
from newsfuse.model import Article, Quarantined

FERRY_URL = "https://skell-islander.example/news/ferry-suspended"
CRAWL = [
    {"type": "request", "url": LEVEE_URL},
    {"url": LEVEE_URL, "body": LEVEE_HTML.encode()},
    {"url": "https://skell-islander.example/logo.png", "content_type": "image/png", "body": b"\x89PNG\r\n\x1a\n"},
    {"url": "https://skell-islander.example/gone", "status": "404 Not Found", "body": b"<html><p>gone</p></html>"},
    {"url": FERRY_URL, "body": ferry_page().encode()},
]


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_articles(tmp_path, gz):
    path = make_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), CRAWL, gz=gz)
    items = list(read_inputs([str(path)]))
    assert [i.id for i in items] == [url_id(LEVEE_URL), url_id(FERRY_URL)]
    levee, ferry = items
    assert levee.id == "tessby-courier.example-levee-breach-lower-tessby-6a55923802"
    assert levee.text == "\n\n".join(LEVEE_PARAGRAPHS)
    assert (levee.url, levee.source, levee.published) == (LEVEE_URL, "Tessby Courier", "2021-04-12")
    assert levee.format == "warc" and levee.text_given is False and levee.origin == str(path)
    assert levee.meta["crawled"]  # WARC-Date is the crawl time, kept apart from `published`
    assert ferry.text == "\n\n".join(FERRY_PARAGRAPHS)
    assert (ferry.url, ferry.source, ferry.published) == (FERRY_URL, "skell-islander.example", "2021-05-03")


def test_resource_record_with_html(tmp_path):
    path = make_warc(tmp_path / "res.warc", [{"type": "resource", "url": FERRY_URL, "body": ferry_page().encode()}], gz=False)
    [article] = read_inputs([str(path)])
    assert isinstance(article, Article) and article.url == FERRY_URL


def test_record_over_the_limit_is_quarantined_alone(tmp_path):
    big = b"<html><body>" + b"<p>filler words here</p>" * 2000 + b"</body></html>"
    path = make_warc(tmp_path / "big.warc.gz", [{"url": "https://a.example/big", "body": big},
                                                {"url": FERRY_URL, "body": ferry_page().encode()}], gz=True)
    first, second = read_inputs([str(path)], max_bytes=20_000)
    assert isinstance(first, Quarantined)
    assert first.reason == "WARC record 1 (https://a.example/big): page is over the 20,000 byte limit"
    assert isinstance(second, Article) and second.url == FERRY_URL


def test_archive_without_pages_is_quarantined(tmp_path):
    path = make_warc(tmp_path / "images.warc.gz", CRAWL[2:4], gz=True)
    [item] = read_inputs([str(path)])
    assert item.id == "images"
    assert item.reason == "no HTML pages in the WARC (2 record(s), none an HTTP 200 HTML response)"


def test_garbage_and_empty_archives(tmp_path, write):
    garbage = write("noise.warc", bytes(range(256)) * 16)
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    noise, nothing = read_inputs([str(garbage), str(empty)])
    assert noise.id == "noise" and noise.reason.startswith("unreadable WARC after 0 record(s): ArchiveLoadFailed")
    assert nothing.id == "empty" and nothing.reason == "empty file (0 bytes)"


@pytest.mark.parametrize("gz", [True, False])
def test_archive_cut_inside_the_last_page(tmp_path, gz):
    whole = make_warc(tmp_path / "whole.warc", CRAWL, gz=gz).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: len(whole) - 400])
    levee, ferry = read_inputs([str(cut)])
    assert isinstance(levee, Article) and levee.id == url_id(LEVEE_URL)  # what came before the damage is kept
    assert isinstance(ferry, Quarantined) and ferry.id == url_id(FERRY_URL)
    assert ferry.reason.startswith(f"WARC record 5 ({FERRY_URL}): truncated, ")


def test_archive_cut_inside_a_record_header(tmp_path):
    whole = make_warc(tmp_path / "whole.warc.gz", CRAWL, gz=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 1000])  # the ferry record's header is damaged
    levee, damage = read_inputs([str(cut)])
    assert levee.id == url_id(LEVEE_URL)
    assert damage.id == "cut"
    # the byte count varies with the random record ids gzip compresses; the wording does not
    assert re.fullmatch(r"damaged WARC: the last \d+ bytes could not be read as records "
                        r"\(truncated archive\?\) after 4 record\(s\)", damage.reason)


def test_a_record_whose_headers_warcio_cannot_parse_is_quarantined_with_its_reason(write):
    """Found by tests/test_fuzz_inputs.py: a response record without WARC-Target-URI made warcio raise
    AttributeError, which reached the catch-all 'unexpected error while reading'."""
    bad = write("bad.warc.gz", b"WARC/1.0\r\nWARC-Type: response\r\n")
    good = write("good.txt", "Crews rebuilt the pier at Tessby on Monday, the harbour office said.\n")
    quarantined, article = read_inputs([str(bad), str(good)])
    assert quarantined.reason.startswith("malformed WARC: the headers of record 1 could not be parsed (e.g. a "
                                         "response without WARC-Target-URI; warcio: AttributeError")
    assert article.text.startswith("Crews rebuilt")
