"""WARC and WARC.gz archives (built with warcio in tmp_path): HTML responses become Articles."""

import pytest
from conftest import FERRY_PARAGRAPHS, LEVEE_HTML, LEVEE_PARAGRAPHS, LEVEE_URL, ferry_page, make_warc

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


def test_garbage_and_empty_and_truncated_archives(tmp_path, write):
    garbage = write("noise.warc", bytes(range(256)) * 16)
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    whole = make_warc(tmp_path / "whole.warc.gz", CRAWL, gz=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 400])  # the last record is damaged
    items = list(read_inputs([str(garbage), str(empty), str(cut)]))
    assert items[0].id == "noise" and items[0].reason.startswith("unreadable WARC after 0 record(s)")
    assert items[1].id == "empty" and items[1].reason == "empty file (0 bytes)"
    kinds = [(type(i).__name__, i.id) for i in items[2:]]
    assert kinds[0] == ("Article", url_id(LEVEE_URL))  # what came before the damage is kept
    assert kinds[-1] == ("Quarantined", "cut")
    assert items[-1].reason.startswith("unreadable WARC after")
