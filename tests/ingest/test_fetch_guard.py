"""Issue 18 item 6: a fetch has an overall deadline (not only a per-read timeout), and loopback or
private addresses are refused unless the setting allows them. Local servers only (127.0.0.1)."""

import socket
import time

import pytest
from ingest_fixtures import LEVEE_PARAGRAPHS, SiteServer, TricklingServer

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


def _resolving(mapping: dict[str, list[list[str]]]):
    """A getaddrinfo that answers each name in ``mapping`` with its next list of addresses (the last
    one repeated): a DNS server that changes its answer between the request check and the connect."""
    real = socket.getaddrinfo
    calls: dict[str, int] = {}

    def fake(host, port, *args, **kwargs):
        if host not in mapping:
            return real(host, port, *args, **kwargs)
        n = calls[host] = calls.get(host, -1) + 1
        answers = mapping[host][min(n, len(mapping[host]) - 1)]
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port or 0))
                for a in answers]

    return fake, calls


@pytest.fixture
def only_first_hop_public(monkeypatch):
    """127.0.0.1 counts as a public address in these tests (it is where the test server runs), every
    other loopback or private address stays refused: so the first hop is fetched and the rest is the
    guard's to refuse. The servers the guard must keep a fetch from listen on 127.0.0.2."""
    from newsfuse.ingest import netguard

    real = netguard._not_public
    monkeypatch.setattr(netguard, "_not_public", lambda address: address != "127.0.0.1" and real(address))
    monkeypatch.delenv("NEWSFUSE_FETCH_ALLOW_PRIVATE", raising=False)


@pytest.fixture
def inner():
    """A server on 127.0.0.2, standing for a host inside the network that must never be reached."""
    server = SiteServer(host="127.0.0.2")
    server.add("/secret.html", "<html><body><p>Internal dashboard: every password is here.</p></body></html>")
    yield server
    server.close()


def test_a_redirect_to_a_private_address_is_refused(site, inner, only_first_hop_public, monkeypatch):
    fake, _ = _resolving({"intranet.example": [["127.0.0.2"]]})
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    named = inner.base.replace("127.0.0.2", "intranet.example")
    site.add("/literal.html", "", status=302, headers={"Location": inner.base + "/secret.html"})
    site.add("/named.html", "", status=302, headers={"Location": named + "/secret.html"})
    site.add("/metadata.html", "", status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    site.add("/fine.html", "<html><body><p>Pumps will run in the low fields.</p></body></html>")
    with PoliteFetcher(delay=0.0, timeout=5.0, respect_robots=False) as client:
        assert client.fetch(site.base + "/fine.html").status == 200  # the first hop itself is fetched
        for path, why in (("/literal.html", r"127\.0\.0\.2 is a loopback, private or reserved address \(127\.0\.0\.2\)"),
                          ("/named.html", r"intranet\.example is a loopback, private or reserved address \(127\.0\.0\.2\)"),
                          ("/metadata.html", r"169\.254\.169\.254 is a loopback, private or reserved address \(169\.254\.169\.254\)")):
            with pytest.raises(FetchError, match=rf"^refused: {why}; set NEWSFUSE_FETCH_ALLOW_PRIVATE=1"):
                client.fetch(site.base + path)
    assert site.paths_requested() == ["/fine.html", "/literal.html", "/named.html", "/metadata.html"]
    assert inner.paths_requested() == []  # the redirects led nowhere


def test_a_name_that_resolves_to_a_private_address_at_connect_time_is_refused(site, inner, only_first_hop_public,
                                                                                  monkeypatch):
    # DNS rebinding: the name resolves to a public address when the request is checked, and to the
    # inner server when the connection is made. The connection goes to the address checked at connect.
    fake, calls = _resolving({"rebind.example": [["93.184.215.14"], ["127.0.0.2"]],
                              "mixed.example": [["93.184.215.14", "127.0.0.2"]]})
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    port = inner.base.rsplit(":", 1)[1]
    with PoliteFetcher(delay=0.0, timeout=5.0, respect_robots=False) as client:
        with pytest.raises(FetchError, match=r"^refused: rebind\.example is a loopback, private or reserved "
                                             r"address \(127\.0\.0\.2\)"):
            client.fetch(f"http://rebind.example:{port}/secret.html")
        with pytest.raises(FetchError, match=r"^refused: mixed\.example is a loopback, private or reserved "
                                             r"address \(127\.0\.0\.2\)"):
            client.fetch(f"http://mixed.example:{port}/secret.html")
    assert calls["rebind.example"] == 1  # looked up twice: at the request check, then at connect
    assert inner.paths_requested() == []


def test_a_proxy_from_the_environment_does_not_route_around_the_guard(site, monkeypatch):
    # A proxy would resolve names itself, where the guard cannot see the address: proxies from the
    # environment are not used, so neither a private name nor one only the proxy knows gets through it.
    monkeypatch.delenv("NEWSFUSE_FETCH_ALLOW_PRIVATE", raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, site.base)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with PoliteFetcher(delay=0.0, timeout=5.0, respect_robots=False) as client:
        with pytest.raises(FetchError, match=r"^refused: localhost is a loopback"):
            client.fetch("http://localhost:9/admin")
        with pytest.raises(FetchError) as unknown:
            client.fetch("http://intranet.invalid/admin")  # no public DNS answer: an error, not a proxy's
        assert "refused" not in str(unknown.value)
    assert site.paths_requested() == []  # the "proxy" never saw a request
