"""RSS/Atom feeds as files and URLs, following item links on a local HTTP server (never the internet)."""

import time

import pytest
from ingest_fixtures import FERRY_PARAGRAPHS, FERRY_TITLE, LEVEE_HTML, LEVEE_PARAGRAPHS, ferry_page

from newsfuse.ingest import PoliteFetcher, read_inputs, url_id
from newsfuse.ingest.fetch import FetchError
from newsfuse.model import Article, Quarantined

CONTENT_ITEM = ("<p>The Marl river fell by half a metre overnight, the water authority said on Wednesday.</p>"
                "<p>Pumps will run in the low fields until the weekend.</p>")
CONTENT_TEXT = ("The Marl river fell by half a metre overnight, the water authority said on Wednesday.\n\n"
                "Pumps will run in the low fields until the weekend.")


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Tessby Courier - Local news</title><link>{base}/</link><description>Local news</description>
<item><title>Levee breach forces hundreds from homes</title><link>{base}/news/levee.html</link>
  <description>Residents left on Monday night.</description><pubDate>Mon, 12 Apr 2021 21:40:00 +0000</pubDate></item>
<item><title>River falls after the breach</title><link>{base}/news/river-falls.html</link>
  <pubDate>Wed, 14 Apr 2021 07:00:00 +0000</pubDate>
  <content:encoded><![CDATA[{CONTENT_ITEM}]]></content:encoded></item>
<item><title>A page that went away</title><link>{base}/news/missing.html</link></item>
<item><title>Members only</title><link>{base}/private/briefing.html</link></item>
</channel></rss>"""


def atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Skell Islander</title><id>urn:skell</id>
<updated>2021-05-06T10:00:00Z</updated>
<entry><title>{FERRY_TITLE}</title><id>urn:skell:1</id><link href="{base}/skell/ferry.html"/>
  <updated>2021-05-05T18:00:00+01:00</updated><summary>Two weeks without a ferry.</summary></entry>
<entry><title>River falls after the breach</title><id>urn:skell:2</id><link href="{base}/skell/river.html"/>
  <published>2021-05-06T08:00:00Z</published><content type="html">{CONTENT_ITEM.replace("<", "&lt;")}</content></entry>
</feed>"""


@pytest.fixture
def fetcher():
    with PoliteFetcher(delay=0.0, timeout=5.0, allow_private=True) as client:  # the test site is on 127.0.0.1
        yield client


@pytest.fixture
def news_site(site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/news/levee.html", LEVEE_HTML)
    site.add("/private/briefing.html", ferry_page())
    site.add("/skell/ferry.html", ferry_page())
    site.add("/feed.rss", rss(site.base), content_type="application/rss+xml")
    return site


def check_rss_items(items, site, origin):
    base = site.base
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", url_id(f"{base}/news/levee.html")),
        ("Article", url_id(f"{base}/news/river-falls.html")),
        ("Quarantined", url_id(f"{base}/news/missing.html")),
        ("Quarantined", url_id(f"{base}/private/briefing.html")),
    ]
    levee, river, missing, private = items
    assert levee.text == "\n\n".join(LEVEE_PARAGRAPHS)  # the linked page, fetched and extracted
    assert levee.title == "Levee breach forces hundreds from homes"  # the feed's title wins
    assert levee.published == "2021-04-12T21:40:00+00:00"  # the feed's date wins
    assert levee.source == "Tessby Courier"  # the page's site name
    assert levee.url == f"{base}/news/levee.html"
    assert levee.format == "rss" and levee.text_given is False and levee.meta["feed"] == origin
    assert river.text == CONTENT_TEXT  # content:encoded used as is...
    assert river.meta["from"] == "content"
    assert river.source == "Tessby Courier - Local news"  # no site name, no domain (an IP): the feed title
    assert missing.reason == f"feed item 3: could not fetch {base}/news/missing.html: HTTP 404"
    assert private.reason == f"feed item 4: could not fetch {base}/private/briefing.html: robots.txt disallows fetching it"
    requested = site.paths_requested()
    assert "/news/river-falls.html" not in requested  # ...without fetching the link
    assert "/private/briefing.html" not in requested
    assert requested.count("/robots.txt") == 1  # cached per host
    assert all(agent.startswith("newsfuse/") for _, agent in site.requests)


def test_rss_file_follows_links(news_site, write, fetcher):
    path = write("courier.rss", rss(news_site.base))
    items = list(read_inputs([str(path)], fetcher=fetcher))
    check_rss_items(items, news_site, str(path))


def test_rss_url(news_site, fetcher):
    url = news_site.base + "/feed.rss"
    items = list(read_inputs([url], fetcher=fetcher))
    check_rss_items(items, news_site, url)


def test_relative_links_resolve_against_the_feed_url(news_site, fetcher):
    url = news_site.add("/relative.rss", rss(""), content_type="application/rss+xml")
    items = list(read_inputs([url], fetcher=fetcher))
    assert items[0].url == news_site.base + "/news/levee.html"
    assert items[0].text == "\n\n".join(LEVEE_PARAGRAPHS)


def test_atom_file_with_content_and_links(news_site, write, fetcher):
    ferry, river = read_inputs([str(write("skell.atom", atom(news_site.base)))], fetcher=fetcher)
    assert ferry.text == "\n\n".join(FERRY_PARAGRAPHS) and ferry.title == FERRY_TITLE
    assert ferry.published == "2021-05-05T18:00:00+01:00"
    assert ferry.source == "Skell Islander"  # the page names no site: the feed's title, before the domain
    assert river.text == CONTENT_TEXT and river.published == "2021-05-06T08:00:00+00:00"
    assert river.source == "Skell Islander"
    assert "/skell/river.html" not in news_site.paths_requested()


def test_feed_detected_by_xml_root_and_by_sniffing(news_site, write, fetcher):
    as_xml = write("courier.xml", rss(news_site.base))
    unnamed = write("courier.feed", rss(news_site.base))  # unknown extension, named explicitly: sniffed
    not_a_feed = write("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>x</loc></urlset>')
    items = list(read_inputs([str(as_xml), str(unnamed), str(not_a_feed)], fetcher=fetcher))
    assert [items[0].id, items[4].id] == [url_id(f"{news_site.base}/news/levee.html")] * 2
    assert len(items) == 9
    assert items[-1].reason == "XML file whose root is not an RSS/Atom feed (rss, feed or rdf:RDF)"


def test_page_url_is_read_as_a_page(news_site, fetcher):
    [article] = read_inputs([news_site.base + "/news/levee.html"], fetcher=fetcher)
    assert article.text == "\n\n".join(LEVEE_PARAGRAPHS) and article.format == "html"


def test_bad_feeds(news_site, write, fetcher):
    relative = write("relative.rss", rss(""))  # links without a host
    empty_feed = write("empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    garbage = write("noise.rss", bytes(range(256)) * 8)
    items = list(read_inputs([str(relative), str(empty_feed), str(garbage)], fetcher=fetcher))
    assert items[0].id == "relative-1"
    assert items[0].reason == "feed item 1: could not fetch /news/levee.html: not an http(s) URL: '/news/levee.html'"
    assert items[1].text == CONTENT_TEXT  # the content item needs no fetching
    assert items[4].reason == "feed has no items"
    assert items[5].reason.startswith("not a readable RSS/Atom feed")


def test_unreachable_feed_url(fetcher):
    [item] = read_inputs(["http://127.0.0.1:9/feed.rss"], fetcher=fetcher)  # port 9: nothing listens
    assert isinstance(item, Quarantined)
    assert item.reason.startswith("could not fetch http://127.0.0.1:9/feed.rss: ConnectError")


def test_fetcher_caps_size_and_redirects(site):
    site.add("/big.html", "<p>" + "x" * 5000 + "</p>")
    site.add("/loop", "", status=302, headers={"Location": "/loop"})
    with PoliteFetcher(delay=0.0, max_bytes=1000, max_redirects=3, allow_private=True) as client:
        with pytest.raises(FetchError, match=r"^response is 5,007 bytes, over the 1,000 limit$"):
            client.fetch(site.base + "/big.html")
        with pytest.raises(FetchError, match=r"^more than 3 redirects$"):
            client.fetch(site.base + "/loop")


def test_fetcher_waits_between_requests_to_one_host(site):
    site.add("/a.html", "<p>a</p>")
    with PoliteFetcher(delay=0.3, respect_robots=False, allow_private=True) as client:
        started = time.monotonic()
        client.fetch(site.base + "/a.html")
        client.fetch(site.base + "/a.html")
        assert time.monotonic() - started >= 0.3


def one_content_item_feed(title: str) -> str:
    return f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>{title}<item><title>River falls</title><link>https://www.tessby-courier.example/news/river-falls.html</link>
<content:encoded><![CDATA[{CONTENT_ITEM}]]></content:encoded></item></channel></rss>"""


def test_content_item_outlet_is_the_feed_title_before_the_domain(write, fetcher):
    titled = write("titled.rss", one_content_item_feed("<title>Tessby Courier</title>"))
    untitled = write("untitled.rss", one_content_item_feed(""))
    with_title, without = read_inputs([str(titled), str(untitled)], fetcher=fetcher)  # nothing is fetched
    assert with_title.source == "Tessby Courier"
    assert with_title.url == "https://www.tessby-courier.example/news/river-falls.html"
    assert without.source == "tessby-courier.example"


def test_control_characters_in_an_item_s_content_are_read_past(write, fetcher):
    """Found by bench/fuzz_atheris.py: a U+0019 in ``content:encoded`` made lxml raise, and the rest of
    the feed was quarantined as "unexpected error while reading"."""
    content = "<p>Crews put families together in\x19tents near the levee, the district office said.</p>"
    feed = (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Tessby Courier</title>"
            f"<item><title>Tents</title><link>https://tessby-courier.example/a</link>"
            f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
            f"<item><title>Pier</title><link>https://tessby-courier.example/b</link>"
            f"<content:encoded><![CDATA[<p>Crews rebuilt the pier on Monday.</p>]]></content:encoded></item>"
            f"</channel></rss>")
    tents, pier = read_inputs([str(write("feed.rss", feed))], fetcher=fetcher)
    assert isinstance(tents, Article) and "families together in tents near the levee" in tents.text
    assert isinstance(pier, Article) and pier.text == "Crews rebuilt the pier on Monday."
