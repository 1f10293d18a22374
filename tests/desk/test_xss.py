"""Stored XSS: hostile strings through every field of an article (id, title, text, outlet, URL, and so
the entities, places, quotes and figures found in it) and of an outlets file (name, group,
affiliation) reach every page of the desk escaped, and no hostile URL becomes a link.

``raw_probes`` is the checker; the last test shows it catches a page that lets one through.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from desk_store import TOKEN, analyze_into

from newsfuse.desk.app import create_app

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
SVG = "<svg onload=window.__xss=3>"
PROBES = (SCRIPT, IMG, SVG)
ATTR = '" onmouseover="window.__xss=4'  # breaking out of an attribute
HOSTILE_URL = "javascript:window.__xss=5"


class _Tags(HTMLParser):
    """Start tags as a browser would read them: what could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = [(name.lower(), value or "") for name, value in attrs]
        self.found += [f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on")]
        if tag == "script" and not dict(attrs).get("src", "").startswith("/static/"):
            self.found.append("<script> not from /static")
        if tag in ("img", "iframe", "object", "embed", "base"):
            self.found.append(f"<{tag}>")
        self.found += [f'{name}="{value}"' for name, value in attrs
                       if name in ("href", "src", "action", "formaction", "xlink:href")
                       and value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]


def raw_probes(page: str) -> list[str]:
    """The probe markup that reached ``page`` unescaped: a probe's text itself, an event handler, a
    script not from the desk's static files, a hostile link."""
    parser = _Tags()
    parser.feed(page)
    return [p for p in PROBES if p in page] + parser.found


def hostile_inputs(folder):
    text = (f"DOLVANE, Kestria - {SCRIPT} At least 40 civilians were killed in Ostrogan on Monday, the "
            f"{IMG} Northern Relief Monitor said. \"{SVG} We need help now,\" said Ilse Marnow{ATTR}, "
            f"head of the {SCRIPT} Relief Office. More than 300 fighters were killed, the Defence Ministry said.")
    records = [
        {"id": f"hostile-1{ATTR}", "title": f"Siege {SCRIPT}{IMG}", "published": "2023-03-14",
         "url": HOSTILE_URL, "source": f"Evil Wire {SCRIPT}", "text": text},
        {"id": "hostile-2", "title": f"Ostrogan toll {SVG}", "published": "2023-03-15",
         "url": f"https://x.example/{ATTR}", "source": f"Evil Wire {SCRIPT}",
         "text": text.replace("At least 40", "Nearly 90")},
    ]
    feed = folder / "hostile.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    outlets = folder / "outlets.tsv"
    outlets.write_text("outlet\taliases\tdomains\tcountry\tgroup\taffiliation\tkind\n"
                       f"Evil Wire {SCRIPT}\tEvil{IMG}\tx.example\tXQ\tGroup {IMG}\tstate {SVG}{ATTR}\tnewspaper\n",
                       encoding="utf-8")
    return feed, outlets


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    feed, outlets = hostile_inputs(folder)
    db = folder / "hostile.db"
    analyze_into(db, folder / "out", str(feed), outlets=outlets)
    return db, outlets


def crawl(client: TestClient, start: str = "/", limit: int = 200) -> dict[str, str]:
    """Every page of the desk reachable from ``start`` by links (same site, GET), with its HTML."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        if "text/html" not in response.headers.get("content-type", ""):
            seen[url] = ""  # JSON and CSV: not read as markup (nosniff), checked apart
            continue
        seen[url] = response.text
        for href in re.findall(r'href="([^"]+)"', response.text):
            href = href.replace("&amp;", "&")
            target = urljoin("http://testserver" + url, href)
            parts = urlsplit(target)
            if parts.netloc == "testserver" and not parts.path.startswith("/static"):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


@pytest.mark.parametrize("signed_in", [False, True])
def test_no_probe_reaches_any_page_unescaped(hostile_store, signed_in):
    db, outlets = hostile_store
    client = TestClient(create_app(str(db), token=TOKEN, outlets=str(outlets)))
    if signed_in:  # the correction forms put targets and names into attributes too
        client.post("/login", data={"token": TOKEN})
    pages = crawl(client)
    story_pages = [u for u in pages if u.startswith("/stories/")]
    article_pages = [u for u in pages if u.startswith("/articles/")]
    assert story_pages and len(article_pages) >= 2 and any(u.startswith("/outlets/") for u in pages)
    bad = {url: raw_probes(page) for url, page in pages.items() if raw_probes(page)}
    assert not bad, bad
    joined = "\n".join(pages.values())
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in joined  # the probes are shown, as text
    assert HOSTILE_URL in joined and f'href="{HOSTILE_URL}' not in joined  # the URL is text, not a link


def test_api_answers_are_json_not_html(hostile_store):
    db, outlets = hostile_store
    client = TestClient(create_app(str(db), token=TOKEN, outlets=str(outlets)))
    for path in ("/api/v1/stories", "/api/v1/articles", "/api/v1/figures", "/api/v1/outlets"):
        response = client.get(path)
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_checker_catches_an_unescaped_probe():
    assert raw_probes(f"<p>{SCRIPT}</p>") == [SCRIPT, "<script> not from /static"]
    assert raw_probes(f'<a href="{HOSTILE_URL}">x</a>')
    assert raw_probes('<b title="x" onmouseover="window.__xss=4">')
    assert raw_probes('<span title="&lt;svg onload=window.__xss=3&gt;">x</span>') == []
    assert raw_probes("<p>&lt;script&gt;window.__xss=1&lt;/script&gt;</p>") == []
