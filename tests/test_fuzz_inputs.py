"""Fuzzing (issue 18): every reader, the store and the CLI's handling of ids, paths and story ids,
fed generated hostile input. Nothing may crash: each input becomes an Article or is quarantined with
a specific reason (never the catch-all "unexpected error while reading"), the store gives back what
it was given, and the CLI never prints a traceback, never obeys markup and never sends a control
character to the terminal.

CI runs a few hundred cases, derandomised; ``NEWSFUSE_FUZZ_EXAMPLES=5000`` (bench/fuzz.py) runs
thousands with fresh randomness.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.corpus.corrections import safe_story_id
from newsfuse.ingest import read_inputs
from newsfuse.model import Article, Quarantined
from newsfuse.store import open_store

EXAMPLES = int(os.environ.get("NEWSFUSE_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize="NEWSFUSE_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
CATCH_ALL = "unexpected error while reading"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
EXTENSIONS = [".txt", ".html", ".htm", ".jsonl", ".json", ".warc", ".rss", ".atom", ".xml", ".txt.gz", ".html.gz",
              ".jsonl.gz", ".warc.gz", ".dat"]

# Pieces real hostile inputs are made of: markup, encodings' marks, gzip and WARC magic, JSON.
FRAGMENTS = [b"<html>", b"<body>", b"<p>", b"</p>", b"<div>" * 50, b"<script>alert(1)</script>", b"\xef\xbb\xbf",
             b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x1f\x8b\x08\x00", b"WARC/1.0\r\n", b"WARC-Type: response\r\n",
             b'{"id": "x", "text": "', b'"}\n', b"\n", b'<?xml version="1.0"?><rss><channel><item><title>',
             b"</title></item></channel></rss>", b" date 2019-02-30 ", b" date 9999-12-31 ", b"[/x]", b"\x1b[2J",
             b"\xed\xa0\x80", b"\xc3\x28", "Crews rebuilt the pier on Monday, officials said. ".encode()]
raw_bytes = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=64)), max_size=12).map(b"".join)
PIECES = ["[", "]", "/", "[/x]", "[bold]", "\x1b", "\x00", "..", "../", "\u202e", "<script>", "|", "*", "`", "\n",
          "\ud800", "\r\n", "\\"]
hostile_text = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(PIECES)), max_size=8).map("".join)


def items_of(path: Path) -> list:
    items = list(read_inputs([str(path)]))
    for item in items:
        assert isinstance(item, (Article, Quarantined)), item
        if isinstance(item, Quarantined):
            assert item.reason and not item.reason.startswith(CATCH_ALL), item.reason
        else:
            assert isinstance(item.text, str) and item.text.strip()
    return items


@FUZZ
@given(data=raw_bytes, extension=st.sampled_from(EXTENSIONS))
def test_every_reader_reads_or_quarantines_any_bytes_with_a_specific_reason(data, extension):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{extension}"
        path.write_bytes(gzip.compress(data) if extension.endswith(".gz") else data)
        items_of(path)


record_value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile_text,
                         st.lists(hostile_text, max_size=2), st.dictionaries(hostile_text, hostile_text, max_size=2))


@FUZZ
@given(records=st.lists(st.one_of(
    st.fixed_dictionaries({}, optional={k: record_value for k in ("id", "text", "html", "title", "published",
                                                                   "url", "source", "story")}),
    record_value), min_size=1, max_size=5))
def test_json_lines_of_any_shape_are_read_or_quarantined(records):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        assert len(items_of(path)) == len(records)  # one item per line, whatever the line holds


@FUZZ
@given(text=hostile_text.filter(lambda t: t.strip()), doc_id=hostile_text, url=st.one_of(st.none(), hostile_text))
def test_the_store_gives_back_what_it_was_given(text, doc_id, url):
    store = open_store(":memory:")
    article = Article.create(id=doc_id or "x", text=text, url=url)
    [first] = store.add_articles([article])
    [again] = store.add_articles([article])
    assert (first.status, again.status) == ("new", "duplicate")
    loaded = store.load_article(first.article_id)
    assert (loaded.text, loaded.content_hash) == (text, article.content_hash)
    assert store.unannotated_versions() == [first.version_id]


@FUZZ
@given(ids=st.lists(hostile_text, min_size=1, max_size=4))
def test_the_cli_shows_any_id_without_obeying_or_passing_control_characters(ids):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_text("".join(json.dumps({"id": i, "text": ""}) + "\n" for i in ids), encoding="utf-8")
        result = CliRunner().invoke(app, ["extract", str(path), str(Path(folder) / "missing[/x]*.txt")])
    assert result.exit_code == 1, result.output  # nothing had text: "nothing could be processed", not a crash
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and not CONTROL.search(result.stderr.replace("\n", ""))
    assert result.stderr.count("quarantined ") == len(ids) + 1


@FUZZ
@given(story=hostile_text)
def test_a_story_id_is_either_a_safe_file_name_or_refused(story):
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "n.db")
        result = CliRunner().invoke(app, ["correct", "move_article", "a", "--set", f"story={story}", "--db", db])
        assert "Traceback" not in result.output
        if result.exit_code == 0:
            [stored] = open_store(db).corrections()
            assert safe_story_id(stored.payload["story"])
            assert (Path(folder) / f"{stored.payload['story']}.html").resolve().parent == Path(folder).resolve()
        else:
            assert result.exit_code == 2


SENTENCES = ["At least 40 people were killed in Tessby on Monday, officials said.", '"We lost everything," she said.',
             "The UN said some 3,000 fled since March 3.", "Two days later, 12 more died.", "date 2019-02-30",
             "Latest News", "Share this:", "— Reuters", "about half", "1,2,3", "5 MB", "killed killed killed"]


@FUZZ
@given(parts=st.lists(st.one_of(st.sampled_from(SENTENCES), hostile_text), min_size=1, max_size=10))
def test_no_annotation_stage_fails_on_any_text(parts):
    from newsfuse.annotate import pipeline

    text = " ".join(parts)
    if not text.strip():
        return
    [done] = pipeline.run([Article.create(id="fuzz", text=text, published="2023-03-14")])
    assert isinstance(done, Article), done.reason
