"""Document ids, outlet names from URLs, publish-date normalisation and format detection."""

import pytest

from newsfuse.ingest import file_id, outlet_from_url, url_id
from newsfuse.ingest.formats import FEED, HTML, JSONL, TXT, WARC, XML, format_from_name, sniff_format
from newsfuse.ingest.published import normalise_published


@pytest.mark.parametrize("url, outlet", [
    ("https://www.example-news.com/world/story.html", "example-news.com"),
    ("www.example-news.com", "example-news.com"),
    ("http://WWW2.Example-News.com:8080/x", "example-news.com"),
    ("https://m.orwen-post.example/a", "orwen-post.example"),
    ("https://edition.orwen-post.example/a", "edition.orwen-post.example"),
    ("https://www.co.example/", "co.example"),
    ("https://127.0.0.1:8000/feed", None),
    ("mailto:desk@example.com", None),
    ("", None),
    (None, None),
])
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_file_ids_strip_only_known_extensions():
    assert file_id("/data/004_414db1a5c74cabb8.txt") == "004_414db1a5c74cabb8"
    assert file_id("pages/levee.html.gz") == "levee"
    assert file_id("crawl.warc.gz") == "crawl"
    assert file_id("report.2021.04.txt") == "report.2021.04"
    assert file_id("notes.md") == "notes.md"


def test_url_ids_are_stable_and_readable():
    url = "https://www.tessby-courier.example/news/2021/04/levee-breach-lower-tessby.html"
    assert url_id(url) == "tessby-courier.example-levee-breach-lower-tessby-6a55923802"
    assert url_id(url.upper().replace("HTTPS://WWW.TESSBY-COURIER.EXAMPLE", "https://WWW.Tessby-Courier.example")) != url_id(url)  # paths are case-sensitive
    assert url_id(url + "#comments") == url_id(url) == url_id(url.replace("https://www.tessby", "HTTPS://WWW.TESSBY"))
    assert url_id("https://skell-islander.example/") == "skell-islander.example-" + url_id("https://skell-islander.example/").rsplit("-", 1)[1]


@pytest.mark.parametrize("value, iso", [
    ("2021-04-12", "2021-04-12"),
    ("2021-04-12T08:30:00Z", "2021-04-12T08:30:00+00:00"),
    ("2021-04-12T08:30:00+02:00", "2021-04-12T08:30:00+02:00"),
    ("Mon, 12 Apr 2021 21:40:00 +0000", "2021-04-12T21:40:00+00:00"),
    ("12/04/2021", None),
    ("yesterday", None),
    (20210412, None),
    (None, None),
])
def test_published_normalisation(value, iso):
    assert normalise_published(value) == iso


def test_format_from_name():
    assert [format_from_name(n) for n in ["a.txt", "a.HTM", "a.html.gz", "a.json", "a.jsonl.gz", "a.warc.gz",
                                          "a.rss", "a.atom", "a.xml", "a.md", "noext"]] == \
        [TXT, HTML, HTML, JSONL, JSONL, WARC, FEED, FEED, XML, None, None]


def test_sniff_format():
    assert sniff_format(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") == WARC
    assert sniff_format(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<feed xmlns="http://www.w3.org/2005/Atom">') == FEED
    assert sniff_format(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">') == FEED
    assert sniff_format(b"<html><head><title>x</title>") == HTML
    assert sniff_format(b'{"id": "a", "text": "b"}\n') == JSONL
    assert sniff_format(b'<?xml version="1.0"?><urlset>') is None
    assert sniff_format(b"Plain words.") is None
