"""The desk's pages on the sample corpus: search and filters, the story's briefing, the article with
its layers and the cited span, figures, entity/place/outlet pages, the map; 404s, ETags and headers."""

from __future__ import annotations

import html
import re

from desk_store import TOKEN
from markupsafe import escape


def story_links(page: str) -> list[str]:
    return re.findall(r'class="story-link" href="/stories/([^"]+)"', page)


def test_search_finds_the_ostrogan_story_and_not_the_others(client, ostrogan):
    page = client.get("/", params={"q": "Ostrogan"}).text
    assert ostrogan in story_links(page)
    assert len(story_links(client.get("/").text)) == 3
    assert story_links(client.get("/", params={"q": "Buzău floods"}).text) != story_links(page)
    assert story_links(client.get("/", params={"q": "nosuchwordanywhere"}).text) == []


def test_filters_narrow_the_stories(client, ostrogan):
    every = story_links(client.get("/").text)
    conflicting = story_links(client.get("/", params={"conflicting": "true"}).text)
    assert conflicting and set(conflicting) < set(every)
    at_ostrogan = story_links(client.get("/", params={"place": "Ostrogan"}).text)
    assert ostrogan in at_ostrogan and len(at_ostrogan) < len(every)
    assert story_links(client.get("/", params={"outlet": "no such outlet"}).text) == []
    assert story_links(client.get("/", params={"date_from": "2023-06-01"}).text) == \
        story_links(client.get("/", params={"q": "Buzău"}).text)
    assert story_links(client.get("/", params={"date_to": "2023-01-01"}).text) == []


def test_the_story_page_shows_the_briefing_with_chains_to_spans(client, ostrogan):
    brief = client.get(f"/api/v1/stories/{ostrogan}").json()
    page = client.get(f"/stories/{ostrogan}").text
    statuses = {f["status"] for f in brief["figures"]}
    for status in statuses:
        assert f'class="badge status-{status}"' in page
    for f in brief["figures"]:
        assert str(escape(f["reason"])) in page
        for r in f["reports"]:
            assert f'/articles/{r["id"]}?hl={r["start"]}-{r["end"]}#cite' in page
    for s in brief["summary"]:
        for c in s["citations"]:
            assert f'/articles/{c["id"]}?hl={c["start"]}-{c["end"]}#cite' in page
    assert '<svg class="map"' in page and 'class="land"' in page  # country outlines, drawn here
    assert '<svg class="chart"' in page or not any(len(f["reports"]) > 1 for f in brief["figures"])


def test_a_citation_lands_on_its_span_marked(client, ostrogan):
    brief = client.get(f"/api/v1/stories/{ostrogan}").json()
    report = brief["figures"][0]["reports"][0]
    article = client.get(f"/api/v1/articles/{report['id']}").json()
    page = client.get(f"/articles/{report['id']}", params={"hl": f"{report['start']}-{report['end']}"}).text
    marked = re.search(r'<mark id="cite" class="cited">(.*?)</mark>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == article["text"][report["start"]:report["end"]]
    for layer in ("entities", "places", "figures", "quotes"):
        assert f'class="l-{layer}' in page or f' l-{layer}' in page
        assert f'id="t-{layer}"' in page  # its toggle
    # the page holds the whole text, unchanged
    assert html.unescape(re.sub(r"<[^>]+>", "", re.search(r'<div class="text" id="text">(.*?)</div>', page, re.S)
                                .group(1))) == article["text"]


def test_other_pages_render(client, ostrogan):
    for path in ("/figures", "/figures?status=conflicting", "/entities", "/places", "/outlets", "/map",
                 "/corrections", "/login", "/places/Ostrogan", "/outlets/Meridian Wire", "/entities/Kestria"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Meridian Wire" in client.get("/outlets/Coastline Courier").text  # whom it copies
    csv_text = client.get("/api/v1/figures", params={"format": "csv", "status": "conflicting"}).text
    assert csv_text.splitlines()[0].startswith("story,story_title,category")
    assert all(",conflicting," in line for line in csv_text.splitlines()[1:])


def test_unknown_ids_are_404(client):
    for path in ("/stories/nope", "/articles/nope", "/api/v1/stories/nope", "/api/v1/articles/..%2F..%2Fetc%2Fpasswd",
                 "/entities/nope", "/places/nope", "/outlets/nope", "/api/v1/outlets/nope"):
        assert client.get(path).status_code == 404, path


def test_etag_gives_304_and_changes_with_the_store(writable_client):
    first = writable_client.get("/api/v1/stories")
    etag = first.headers["etag"]
    assert writable_client.get("/api/v1/stories", headers={"If-None-Match": etag}).status_code == 304
    writable_client.post("/api/v1/corrections", json={"kind": "merge_entities", "target": "Kestria",
                                                      "payload": {"into": "Republic of Kestria"}},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    again = writable_client.get("/api/v1/stories", headers={"If-None-Match": etag})
    assert again.status_code == 200 and again.headers["etag"] != etag


def test_every_response_carries_a_strict_csp(client, ostrogan):
    for path in ("/", f"/stories/{ostrogan}", "/api/v1/stories", "/nope", "/static/desk.css"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp and "script-src 'self'" in csp


def test_pages_have_no_inline_script_or_style_and_request_nothing_from_elsewhere(client, ostrogan):
    for path in ("/", f"/stories/{ostrogan}", "/map", "/figures"):
        page = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page), path
        assert "<style" not in page and " style=" not in page, path
        assert not re.search(r'(src|href)="(https?:)?//', page.replace('class="ext" rel="noopener noreferrer nofollow" href=', "")), path


def test_large_bodies_are_refused(writable_client):
    response = writable_client.post("/api/v1/corrections", content=b"x" * 200_000,
                                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert response.status_code == 413


def test_the_filter_form_as_a_browser_sends_it(client):
    """Empty fields come as empty strings (a number field too); that is "no filter", not an error."""
    response = client.get("/?q=Ostrogan&date_from=&date_to=&place=&entity=&outlet=&category=&updated_days=&sort=recent")
    assert response.status_code == 200 and story_links(response.text)
    assert story_links(client.get("/?updated_days=1").text)  # analysed just now


def test_quotes_show_the_wording_each_outlet_has_where_it_differs(client, ostrogan):
    brief = client.get(f"/api/v1/stories/{ostrogan}").json()
    page = client.get(f"/stories/{ostrogan}").text
    shown = re.findall(r'has it as: <a class="span-link" href="/articles/([^"?]+)\?hl=(\d+)-(\d+)#cite">&ldquo;(.*?)&rdquo;',
                       page, re.S)
    assert shown  # the sample's outlets word some quotes differently
    for article_id, start, end, words in shown:
        text = client.get(f"/api/v1/articles/{article_id}").json()["text"]
        assert html.unescape(words) == text[int(start):int(end)]
        group = next(q for q in brief["quotes"] if any(r["id"] == article_id and r["start"] == int(start)
                                                         for r in q["reports"]))
        assert " ".join(group["text"].split()).casefold() != " ".join(html.unescape(words).split()).casefold()


def test_the_story_page_says_what_changed_since_a_time(client, ostrogan):
    """Every verdict the store recorded for the story is listed, newest first, with the article that
    changed it; a time after the last change lists none, an earlier one all, a non-time is ignored."""
    page = client.get(f"/stories/{ostrogan}").text
    section = page.split('<section id="changes">', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr class="change">', section)
    assert rows, "analyze records the verdicts of every story it writes"
    assert re.search(r'href="/articles/[^"]+"', section)
    later = client.get(f"/stories/{ostrogan}", params={"since": "2999-01-01"}).text
    later_section = later.split('<section id="changes">', 1)[1].split("</section>", 1)[0]
    assert "No change recorded since then" in later_section and "since 2999-01-01" in later
    earlier = client.get(f"/stories/{ostrogan}", params={"since": "2000-01-01"}).text
    assert len(re.findall(r'<tr class="change">', earlier)) == len(rows)
    junk = client.get(f"/stories/{ostrogan}", params={"since": "<script>"}).text
    assert len(re.findall(r'<tr class="change">', junk)) == len(rows) and "<script>" not in junk.split("<main", 1)[-1]


def test_quotes_show_where_outlets_give_the_words_to_different_speakers(client, ostrogan):
    brief = client.get(f"/api/v1/stories/{ostrogan}").json()
    differ = [q for q in brief["quotes"] if q.get("speakers_differ")]
    assert differ  # the sample's KSNA gives a Vuksan quote to Radek Horvat
    section = client.get(f"/stories/{ostrogan}").text.split('<section id="quotes">', 1)[1].split("</section>", 1)[0]
    blocks = section.split('<blockquote class="quote">')[1:]
    assert len(blocks) == len(brief["quotes"])
    for q, block in zip(brief["quotes"], blocks):
        shown = re.findall(r'<li><strong>(.*?)</strong> according to (.*?)</li>', block, re.S)
        if not q.get("speakers_differ"):
            assert not shown and "different speakers" not in block
            continue
        assert [html.unescape(name) for name, _ in shown] == [s["speaker"] for s in q["speakers"]]
        for (_, links), s in zip(shown, q["speakers"]):
            ids = re.findall(r'href="/articles/([^"?]+)\?hl=(\d+)-(\d+)#cite"', links)
            assert [i for i, _, _ in ids] == s["ids"]
            for i, start, end in ids:  # each link is a report of this quote by that article
                assert any(r["id"] == i and (r["start"], r["end"]) == (int(start), int(end)) for r in q["reports"])


def test_updated_in_the_last_days_means_articles_or_figures_changed_then(store_copy):
    """By the store's clock: an article read (or a new version of it) or a figure verdict recorded in the
    last N days. Every run marks every story it saves as updated, so that is not what counts."""
    import datetime as dt
    import sqlite3

    from desk_store import EXAMPLES
    from fastapi.testclient import TestClient

    from newsfuse.desk.app import create_app

    def ago(days):
        return (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)).isoformat(timespec="milliseconds")
    with sqlite3.connect(store_copy) as conn:
        stories = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY id")]
        conn.execute("UPDATE versions SET ingested = ?", (ago(30),))
        conn.execute("UPDATE verdicts SET recorded = ?", (ago(30),))
        read, judged = stories[0], stories[1]
        conn.execute("""UPDATE versions SET ingested = ? WHERE id = (SELECT min(v.id) FROM versions v
                        JOIN story_members m ON m.article_id = v.article_id WHERE m.story_id = ?)""", (ago(2), read))
        conn.execute("UPDATE verdicts SET recorded = ? WHERE id = (SELECT min(id) FROM verdicts WHERE story_id = ?)",
                     (ago(3), judged))
        assert conn.execute("SELECT count(*) FROM stories WHERE updated < ?", (ago(1),)).fetchone()[0] == 0
    client = TestClient(create_app(str(store_copy), token=TOKEN, outlets=str(EXAMPLES / "outlets.tsv")))
    assert sorted(story_links(client.get("/", params={"updated_days": "7"}).text)) == sorted([read, judged])
    assert story_links(client.get("/", params={"updated_days": "1"}).text) == []
    assert sorted(story_links(client.get("/", params={"updated_days": "60"}).text)) == stories
    assert sorted(story_links(client.get("/", params={"updated_days": "999999"}).text)) == stories
    api = client.get("/api/v1/stories", params={"updated_days": 7}).json()
    assert sorted(s["id"] for s in api["items"]) == sorted([read, judged])
