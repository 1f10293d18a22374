"""Issue 18 item 6: a fetch has an overall deadline (not only a per-read timeout), and loopback or
private addresses are refused unless the setting allows them. Local servers only (127.0.0.1)."""

import time

import pytest
from ingest_fixtures import LEVEE_PARAGRAPHS, TricklingServer

from newsfuse.ingest import PoliteFetcher, read_inputs, url_id
from newsfuse.ingest.fetch import FetchError
from newsfuse.ingest.netguard import Guard, GuardedBackend
from newsfuse.model import Article, Quarantined

CONTENT = "<p>The Marl river fell by half a metre overnight, the water authority said on Wednesday.</p>"


def feed(*links: str) -> str:
    items = "".join(f"<item><title>Item {n}</title><link>{link}</link></item>" for n, link in enumerate(links, 1))
    return f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Tessby Courier</title>{items}
<item><title>River falls</title><link>https://www.tessby-courier.example/news/river.html</link>
<content:encoded><![CDATA[{CONTENT}]]></content:encoded></item></channel></rss>"""


def test_a_trickling_server_is_cut_off_at_the_deadline(trickling):
    # Bytes arrive every 0.2 s, so the 5 s read timeout never fires: only the deadline can end it.
    with PoliteFetcher(delay=0.0, timeout=5.0, deadline=1.0, allow_private=True, respect_robots=False) as client:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"^took longer than the 1 s allowed for one fetch$"):
            client.fetch(trickling.base + "/slow.html")
        assert time.monotonic() - started < 3.0


def test_trickled_headers_are_cut_off_too():
    server = TricklingServer(every=0.2, headers_too=True)
    try:
        with PoliteFetcher(delay=0.0, timeout=5.0, deadline=1.0, allow_private=True, respect_robots=False) as client:
            started = time.monotonic()
            with pytest.raises(FetchError, match="took longer than the 1 s allowed"):
                client.fetch(server.base + "/slow.html")
            assert time.monotonic() - started < 3.0
    finally:
        server.close()


def test_a_slow_feed_link_is_quarantined_and_the_feed_goes_on(trickling, site, write):
    site.add("/news/levee.html", "<html><body>" + "".join(f"<p>{p}</p>" for p in LEVEE_PARAGRAPHS) + "</body></html>")
    path = write("feed.rss", feed(trickling.base + "/slow.html", site.base + "/news/levee.html"))
    with PoliteFetcher(delay=0.0, timeout=5.0, deadline=1.0, allow_private=True, respect_robots=False) as client:
        slow, levee, river = read_inputs([str(path)], fetcher=client)
    assert isinstance(slow, Quarantined)
    assert slow.reason == f"feed item 1: could not fetch {trickling.base}/slow.html: took longer than the 1 s allowed for one fetch"
    assert isinstance(levee, Article) and levee.text == "\n\n".join(LEVEE_PARAGRAPHS)
    assert isinstance(river, Article)


def test_private_addresses_are_refused_by_default(site, write, monkeypatch):
    monkeypatch.delenv("NEWSFUSE_FETCH_ALLOW_PRIVATE", raising=False)
    site.add("/admin.html", "<html><body><p>Internal dashboard: every password is here.</p></body></html>")
    local = site.base.replace("127.0.0.1", "localhost")
    path = write("feed.rss", feed(site.base + "/admin.html", local + "/admin.html", "http://[::1]:9/x",
                                  "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/"))
    with PoliteFetcher(delay=0.0, timeout=5.0) as client:
        *refused, river = read_inputs([str(path)], fetcher=client)
        with pytest.raises(FetchError, match=r"^refused: 127\.0\.0\.1 is a loopback, private or reserved address"):
            client.fetch(site.base + "/admin.html")
    assert [type(i).__name__ for i in refused] == ["Quarantined"] * 5
    assert refused[0].id == url_id(site.base + "/admin.html")
    assert refused[0].reason == (
        f"feed item 1: could not fetch {site.base}/admin.html: refused: 127.0.0.1 is a loopback, private or "
        "reserved address (127.0.0.1); set NEWSFUSE_FETCH_ALLOW_PRIVATE=1 to fetch from your own network")
    assert "refused: localhost is a loopback, private or reserved address" in refused[1].reason
    assert all("refused:" in q.reason for q in refused[2:])
    assert site.paths_requested() == []  # not one request reached the private server
    assert isinstance(river, Article) and "Marl river" in river.text  # the rest of the feed went on


def test_the_setting_allows_private_addresses(site, monkeypatch):
    site.add("/page.html", "<html><body><p>Pumps will run in the low fields until the weekend.</p></body></html>")
    monkeypatch.setenv("NEWSFUSE_FETCH_ALLOW_PRIVATE", "1")
    with PoliteFetcher(delay=0.0, timeout=5.0, respect_robots=False) as client:
        assert client.fetch(site.base + "/page.html").status == 200


def test_the_connection_itself_is_checked_not_only_the_name():
    # A name that passed the first lookup and resolves to loopback at connect time gets nowhere:
    # the backend checks the address it is about to connect to.
    backend = GuardedBackend(Guard(allow_private=False))
    with pytest.raises(Exception, match="127.0.0.1 is a loopback"):
        backend.connect_tcp("127.0.0.1", 9, timeout=1.0)
