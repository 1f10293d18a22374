"""normalize_url / document_key: every spelling of one address gives one key."""

import pytest

from newsfuse.store.urls import document_key, normalize_url


@pytest.mark.parametrize(
    "given, expected",
    [
        # scheme and host are case-insensitive; the path is not
        ("HTTP://WWW.Daily-Ledger.EXAMPLE/World/Item", "http://www.daily-ledger.example/World/Item"),
        # fragments never reach the server
        ("https://ledger.example/a#comments", "https://ledger.example/a"),
        ("https://ledger.example/a#", "https://ledger.example/a"),
        # default ports go, others stay
        ("http://ledger.example:80/a", "http://ledger.example/a"),
        ("https://ledger.example:443/a", "https://ledger.example/a"),
        ("https://ledger.example:8443/a", "https://ledger.example:8443/a"),
        ("http://ledger.example:443/a", "http://ledger.example:443/a"),
        # tracking parameters go, real ones are kept and sorted
        ("https://ledger.example/a?utm_source=rss&utm_medium=feed", "https://ledger.example/a"),
        ("https://ledger.example/a?UTM_Campaign=x&id=7", "https://ledger.example/a?id=7"),
        ("https://ledger.example/a?fbclid=abc&gclid=def&page=2", "https://ledger.example/a?page=2"),
        ("https://ledger.example/a?b=2&a=1&b=1", "https://ledger.example/a?a=1&b=2&b=1"),
        ("https://ledger.example/a?", "https://ledger.example/a"),
        # trailing slash: dropped from paths, the root keeps its "/"
        ("https://ledger.example/a/b/", "https://ledger.example/a/b"),
        ("https://ledger.example", "https://ledger.example/"),
        ("https://ledger.example/", "https://ledger.example/"),
        ("https://ledger.example/?p=1", "https://ledger.example/?p=1"),
        # dot segments and duplicate leading slashes
        ("https://ledger.example/a/./b/../c", "https://ledger.example/a/c"),
        ("https://ledger.example/a/%2e%2e/c", "https://ledger.example/c"),
        ("https://ledger.example//a", "https://ledger.example/a"),
        # percent-escapes: unreserved decoded, others upper-cased; raw non-ASCII encoded
        ("https://ledger.example/%7Euser/%c3%a9t%C3%A9", "https://ledger.example/~user/%C3%A9t%C3%A9"),
        ("https://ledger.example/été", "https://ledger.example/%C3%A9t%C3%A9"),
        ("https://ledger.example/a%2Fb", "https://ledger.example/a%2Fb"),
        # a trailing dot on the host, surrounding white space
        ("  https://ledger.example./a  ", "https://ledger.example/a"),
        # internationalised host names become their ASCII form
        ("https://Bücher.example/x", "https://xn--bcher-kva.example/x"),
        # not a hierarchical URL: left as given
        ("urn:isbn:0451450523", "urn:isbn:0451450523"),
        ("story-17", "story-17"),
    ],
)
def test_normalize_url(given, expected):
    assert normalize_url(given) == expected


def test_empty_urls_are_none():
    assert normalize_url(None) is None
    assert normalize_url("   ") is None


def test_spellings_of_one_page_share_a_key():
    spellings = [
        "https://ledger.example/world/quake-toll",
        "HTTPS://Ledger.Example:443/world/quake-toll/",
        "https://ledger.example/world/quake-toll?utm_source=newsletter#top",
        "https://ledger.example/world/./quake-toll",
    ]
    assert {document_key(url=u, doc_id=str(i)) for i, u in enumerate(spellings)} == {
        "url:https://ledger.example/world/quake-toll"
    }


def test_key_falls_back_to_the_document_id():
    assert document_key(url=None, doc_id="ledger-17") == "id:ledger-17"
    assert document_key(url="", doc_id="ledger-17") == "id:ledger-17"


def test_http_and_https_stay_apart():
    assert normalize_url("http://ledger.example/a") != normalize_url("https://ledger.example/a")
