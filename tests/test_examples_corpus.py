"""The sample corpus in examples/ is well-formed, and its true answers (_truth.json) point at real text.

These tests read the corpus with the format libraries directly (warcio, feedparser, an HTML tag
stripper), not with newsfuse's ingest, so that a broken corpus and a broken reader fail apart.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import trafilatura
from warcio.archiveiterator import ArchiveIterator

from newsfuse.text.date_prefix import find_date_prefix

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

DATE_LINE_TXT = {"mw-ostrogan-0313", "mw-ostrogan-0314", "ledger-ostrogan-0314", "kestriaone-ostrogan-0314", "mw-zelvin-0426"}
HEADLINE_TXT = {"carpathia-buzau-0620"}
HTML_PAGES = {"courier-ostrogan-0314", "observer-ostrogan-0315", "frontline-ostrogan-0316", "frontline-zelvin-0427"}
JSONL_IDS = ["mw-ostrogan-0316", "mw-buzau-0619", "mw-buzau-0621"]
WARC_IDS = {"ksna-ostrogan-0314", "danube-buzau-0620"}
RSS_IDS = {"aiddesk-ostrogan-0316", "aiddesk-buzau-0621"}

# The contract's vocabularies (CONTRACT.md).
STATUSES = {"corroborated", "conflicting", "single_source", "updated"}
CATEGORIES = {"dead", "injured", "dead_or_injured", "missing", "abducted", "detained", "displaced", "fled", "arrived",
              "sheltered", "returned", "surrendered", "present", "affected", "homes_destroyed", "other"}
SUBJECTS = {"civilians", "children", "women", "fighters", "soldiers", "police", "migrants", "people", "other"}
UNITS = {"people", "households", "homes", "other"}
QUALIFIERS = {"exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague"}
QUOTE_KINDS = {"direct", "indirect", "mixed"}


class _VisibleText(HTMLParser):
    """Text of an HTML document outside <script>/<style>, entities decoded, a newline per block."""

    _SKIP = {"script", "style"}
    _BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "title", "figcaption", "section", "article", "aside", "header", "footer"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((EXAMPLES / "_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def url_to_id(truth) -> dict[str, str]:
    return {d["url"]: doc_id for doc_id, d in truth["documents"].items() if d["url"]}


@pytest.fixture(scope="module")
def raw_docs(url_to_id) -> dict[str, tuple[str, str]]:
    """id -> (kind, raw content): kind "text" for given text, "html" for markup to extract from."""
    docs: dict[str, tuple[str, str]] = {}
    for path in EXAMPLES.glob("*.txt"):
        docs[path.stem] = ("text", path.read_text(encoding="utf-8"))
    for path in EXAMPLES.glob("*.html"):
        docs[path.stem] = ("html", path.read_text(encoding="utf-8"))
    for line in (EXAMPLES / "meridian-wire-feed.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs[record["id"]] = ("text", record["text"]) if "text" in record else ("html", record["html"])
    with open(EXAMPLES / "crawl-2023.warc.gz", "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                uri = record.rec_headers.get_header("WARC-Target-URI")
                docs[url_to_id[uri]] = ("html", record.content_stream().read().decode("utf-8"))
    for entry in feedparser.parse(str(EXAMPLES / "aiddesk-feed.rss")).entries:
        docs[url_to_id[entry.link]] = ("html", entry.content[0].value)
    return docs


@pytest.fixture(scope="module")
def texts(raw_docs) -> dict[str, str]:
    return {doc_id: (raw if kind == "text" else visible_text(raw)) for doc_id, (kind, raw) in raw_docs.items()}


# --------------------------------------------------------------------------- formats


def test_txt_files_have_the_seed_date_line_or_a_headline(truth):
    ids = {path.stem for path in EXAMPLES.glob("*.txt")}
    assert ids == DATE_LINE_TXT | HEADLINE_TXT
    for doc_id in sorted(ids):
        text = (EXAMPLES / f"{doc_id}.txt").read_text(encoding="utf-8")
        first_line = text.split("\n", 1)[0]
        published = truth["documents"][doc_id]["published"]
        if doc_id in DATE_LINE_TXT:
            # A leading space, the date, then the first sentence on the same line (as the 004 seed page).
            match = re.match(r"^ date (\d{4}-\d{2}-\d{2}) [A-Z]", first_line)
            assert match, doc_id
            assert match.group(1) == published
            assert find_date_prefix(text) == (1, 16, published)
            assert first_line.endswith(".")
        else:
            assert published is None
            assert find_date_prefix(text) is None
            assert not first_line.endswith(".")  # a headline


def test_seed_like_noise_is_present():
    ledger = (EXAMPLES / "ledger-ostrogan-0314.txt").read_text(encoding="utf-8")
    assert ledger.endswith("\n\nLatest News")
    caption = "Families who left Ostrogan wait at an army checkpoint on the road to Halmir. Photo: Meridian Wire"
    assert ledger.count(caption) == 2
    carpathia = (EXAMPLES / "carpathia-buzau-0620.txt").read_text(encoding="utf-8")
    assert carpathia.endswith("\n\nLatest News")
    assert carpathia.count("Volunteers fill sandbags on a flooded street in Ramnicu Sarat. Photo: Carpathia Today") == 2
    assert "\n\nBy Andrei Munteanu\n\n" in carpathia
    kestria_one = (EXAMPLES / "kestriaone-ostrogan-0314.txt").read_text(encoding="utf-8")
    assert kestria_one.count("Soldiers raise the national flag over the railway station in Ostrogan. Photo: Kestria One") == 2


def test_ledger_body_is_the_wire_body_verbatim():
    wire = (EXAMPLES / "mw-ostrogan-0314.txt").read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    ledger = (EXAMPLES / "ledger-ostrogan-0314.txt").read_text(encoding="utf-8").split("\n\n")
    assert [p for p in ledger if p in wire] == wire


def test_jsonl_records():
    lines = (EXAMPLES / "meridian-wire-feed.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == JSONL_IDS
    assert [("text" in r, "html" in r) for r in records] == [(True, False), (True, False), (False, True)]
    for record in records:
        assert record["source"] == "Meridian Wire"
        assert record["url"].startswith("https://www.meridianwire.example/")
    assert records[2]["html"].startswith("<!DOCTYPE html>")


def test_warc_has_two_html_responses_and_is_reproducible():
    with open(EXAMPLES / "crawl-2023.warc.gz", "rb") as stream:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                    r.http_headers.get_header("Content-Type") if r.http_headers else None,
                    r.content_stream().read()) for r in ArchiveIterator(stream)]
    assert [r[0] for r in records] == ["warcinfo", "response", "response"]
    responses = records[1:]
    assert [r[1] for r in responses] == [
        "https://www.ksna.example/en/news/2023/03/14/army-opens-humanitarian-corridor-ostrogan",
        "https://danubechronicle.example/news/buzau-floods-death-toll-rises-to-seven",
    ]
    for _, _, content_type, body in responses:
        assert content_type == "text/html; charset=utf-8"
        assert body.startswith(b"<!DOCTYPE html>")
    spec = importlib.util.spec_from_file_location("make_warc", EXAMPLES / "tools" / "make_warc.py")
    make_warc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_warc)
    assert make_warc.build() == (EXAMPLES / "crawl-2023.warc.gz").read_bytes()


def test_rss_items_carry_full_content():
    feed = feedparser.parse(str(EXAMPLES / "aiddesk-feed.rss"))
    assert not feed.bozo
    assert feed.version == "rss20"
    assert feed.feed.title == "The Aid Desk"
    assert [e.link for e in feed.entries] == [
        "https://aiddesk.example/2023/06/21/romania-floods-ramnicu-sarat-water",
        "https://aiddesk.example/2023/03/16/kestria-brelo-camp-ostrohan-displacement",
    ]
    for entry in feed.entries:
        assert entry.content[0].value.count("<p>") >= 8


def test_html_pages_have_metadata_and_boilerplate(truth, raw_docs):
    for doc_id in sorted(HTML_PAGES | WARC_IDS | {"mw-buzau-0621"}):
        kind, html = raw_docs[doc_id]
        assert kind == "html"
        assert re.search(r"<title>[^<]+</title>", html), doc_id
        site_name = _meta(html, "og:site_name")
        assert site_name == truth["documents"][doc_id]["outlet"], doc_id
        published = _meta(html, "article:published_time")
        assert published == truth["documents"][doc_id]["published"], doc_id
    for doc_id in HTML_PAGES | WARC_IDS:  # the full pages, where main-text extraction matters
        html = raw_docs[doc_id][1].lower()
        assert "cookie" in html and ("<nav" in html or 'class="menu"' in html), doc_id
        assert any(block in html for block in ("related", "read next", "latest news", "more from")), doc_id
        assert "&copy;" in html, doc_id


def test_articles_are_300_to_700_words(raw_docs):
    for doc_id, (kind, raw) in raw_docs.items():
        text = raw if kind == "text" else trafilatura.extract(raw if raw.lstrip().startswith("<!") else f"<html><body><article>{raw}</article></body></html>")
        assert 300 <= len(text.split()) <= 700, (doc_id, len(text.split()))


# --------------------------------------------------------------------------- outlets


def test_outlet_registry(truth):
    with open(EXAMPLES / "outlets.tsv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    assert list(rows[0]) == ["outlet", "aliases", "domains", "country", "group", "affiliation", "kind"]
    assert len(rows) == 10
    by_name = {row["outlet"]: row for row in rows}
    assert {d["outlet"] for d in truth["documents"].values()} <= set(by_name)
    state = [row["outlet"] for row in rows if row["group"] == "state:Kestria"]
    assert state == ["KSNA - Kestrian State News Agency", "Kestria One"]
    assert {by_name[name]["kind"] for name in state} == {"state_news_agency", "state_broadcaster"}
    groups = [row["group"] for row in rows]
    assert len(set(groups)) == 9  # only the state pair shares a group
    domains = {domain: row["outlet"] for row in rows for domain in row["domains"].split("|")}
    for doc in truth["documents"].values():
        if doc["url"]:
            host = re.sub(r"^www\.", "", doc["url"].split("/")[2])
            assert domains[host] == doc["outlet"], doc["url"]
        assert doc["outlet_group"] == by_name[doc["outlet"]]["group"]


# --------------------------------------------------------------------------- true answers


def test_truth_covers_exactly_the_documents(truth, texts):
    assert set(truth["documents"]) == set(texts)
    assert len(texts) == 17
    members = [doc_id for ids in truth["stories"].values() for doc_id in ids]
    assert sorted(members) == sorted(texts)  # every document in exactly one story
    assert {k: len(v) for k, v in truth["stories"].items()} == {
        "ostrogan-offensive-2023-03": 10, "buzau-floods-2023-06": 5, "zelvin-market-attack-2023-04": 2}
    for doc_id, doc in truth["documents"].items():
        assert doc_id in truth["stories"][doc["story"]]
    assert len({d["outlet"] for d in truth["documents"].values()}) == 10


def test_copies_and_reuse(truth, texts):
    assert truth["copies"] == {"ledger-ostrogan-0314": ["mw-ostrogan-0314"],
                               "courier-ostrogan-0314": ["mw-ostrogan-0314", "mw-ostrogan-0313"]}
    for sentence in truth["reuse"]["spliced"]["courier-ostrogan-0314"]["sentences"]:
        assert sentence in texts["courier-ostrogan-0314"] and sentence in texts["mw-ostrogan-0313"]
    assert {k: v["count"] for k, v in truth["independent_sources"].items()} == {
        "ostrogan-offensive-2023-03": 5, "buzau-floods-2023-06": 4, "zelvin-market-attack-2023-04": 2}


def test_figures_point_at_text(truth, texts):
    statuses = [g["status"] for g in truth["figures"]]
    assert {s: statuses.count(s) for s in STATUSES} == {"single_source": 12, "corroborated": 6, "updated": 2, "conflicting": 1}
    for group in truth["figures"]:
        assert group["category"] in CATEGORIES and group["subject"] in SUBJECTS and group["unit"] in UNITS
        story_ids = set(truth["stories"][group["story"]])
        for report in group["reports"]:
            assert report["id"] in story_ids, (group["key"], report["id"])
            text = texts[report["id"]]
            assert report["text"] in report["context"] and report["context"] in text, (group["key"], report["id"])
            assert report["claimant"] is None or report["claimant"] in text
            assert report["qualifier"] in QUALIFIERS
        if group["status"] == "conflicting":
            assert group["low"] is None and group["high"] is None
            assert {r["side"] for r in group["reports"]} == {1, 2}
    for item in truth["non_people_numbers"]:
        assert item["text"] in texts[item["id"]], item


def test_quotes_and_framing_point_at_text(truth, texts):
    assert len(truth["quotes"]) == 134
    for quote in truth["quotes"]:
        text = texts[quote["id"]]
        assert quote["kind"] in QUOTE_KINDS
        for key in ("text_start", "cue", "speaker_mention", "second_part_start"):
            if quote.get(key):
                assert quote[key] in text, (quote["id"], key, quote[key])
    for group in truth["quote_groups"]:
        for report in group["reports"]:
            assert report["id"] in texts
    for entry in truth["framing"]:
        joined = "\n".join(texts[doc_id] for doc_id in entry["ids"]).lower()
        for term in entry["terms"] + entry["quoted_terms"] + entry["attributed_terms"]:
            assert term.lower() in joined, (entry["source"], term)
