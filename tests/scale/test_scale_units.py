"""The Spark runner's parts that need no Spark: input units and manifests, the store's document rules
without a store, and a worker that never lets a bad input fail the job."""

from __future__ import annotations

import gzip
import json

import pytest

from newsfuse.model import Article
from newsfuse.scale import partition
from newsfuse.scale.inputs import Unit, manifest_entries, units
from newsfuse.scale.tables import day_of
from newsfuse.scale.versions import current_articles
from newsfuse.store import open_store


def test_manifests_list_inputs_with_a_prefix(tmp_path):
    paths = tmp_path / "warc.paths.gz"
    with gzip.open(paths, "wt") as handle:
        handle.write("crawl-data/CC-NEWS/2024/01/a.warc.gz\n# a comment\n\ns3://bucket/b.warc.gz\n")
    assert manifest_entries(str(paths), "s3://commoncrawl/") == [
        "s3://commoncrawl/crawl-data/CC-NEWS/2024/01/a.warc.gz", "s3://bucket/b.warc.gz"]
    found = units([str(paths)], prefix="s3://commoncrawl")
    assert [(u.index, u.kind) for u in found] == [(0, "remote"), (1, "remote")]


def test_parquet_manifest_and_local_files_keep_input_order(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    a, b = tmp_path / "a.txt", tmp_path / "b.jsonl"
    a.write_text("x"), b.write_text("{}")
    pq.write_table(pa.table({"path": [str(b), str(a)]}), tmp_path / "in.manifest.parquet")
    found = units([str(tmp_path / "in.manifest.parquet"), str(a)])
    assert [u.location for u in found] == [str(b), str(a), str(a)]
    bad = tmp_path / "bad.manifest.parquet"
    pq.write_table(pa.table({"name": ["x"]}), bad)
    with pytest.raises(ValueError, match="column"):
        units([str(bad)])


def _doc(i, text, url=None):
    return Article.create(id=i, text=text, url=url)


def test_versions_follow_the_store():
    """New versions, duplicates, a revert and an id taken by another URL: the same articles, ids and
    order as SQLite's store gives after ingesting the same documents."""
    docs = [
        _doc("a", "First text of a.", "https://x.example/a"),
        _doc("b", "Text of b.", "https://x.example/b"),
        _doc("a2", "Second text of a.", "https://x.example/a?utm_source=feed"),  # a new version of a
        _doc("b", "Text of b.", "https://x.example/b"),  # a duplicate
        _doc("a", "Another page that calls itself a.", "https://y.example/a"),  # id a is taken
        _doc("c", "Text of c."),
        _doc("a3", "First text of a.", "https://x.example/a"),  # back to the first text
    ]
    store = open_store(":memory:")
    try:
        store.add_articles(docs)
        expected = [(a.id, a.text) for a in store.iter_articles(latest_only=True, layers=())]
    finally:
        store.close()
    assert [(a.id, a.text) for a in current_articles(docs)] == expected
    # and the checker sees a difference: without the revert, a's text would be the second one
    assert [(a.id, a.text) for a in current_articles(docs[:-1])] != expected


def test_a_failing_unit_is_quarantined_not_raised(tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(" date 2024-05-01 Floods cut the road to Tavel on Monday, officials said.\n")

    def broken(articles, **_kw):
        raise RuntimeError("a stage crashed")

    monkeypatch.setattr(partition.pipeline, "run", broken)
    rows = list(partition.annotate_partition([Unit(0, str(good), "file")]))
    assert [(r[0], r[2]) for r in rows] == [(0, "quarantined")]
    assert "a stage crashed" in json.loads(rows[0][3])["reason"]


def test_worker_rows_round_trip(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(" date 2024-05-01 Floods cut the road to Tavel on Monday, officials said.\n")
    missing = Unit(1, str(tmp_path / "gone.txt"), "missing")
    rows = list(partition.annotate_partition([Unit(0, str(page), "file"), missing]))
    kinds = [(r[0], r[2]) for r in rows]
    assert kinds == [(0, "article"), (1, "quarantined")]
    article = partition.decode_article(rows[0][3])
    assert article.has("figures") and article.sentences
    assert day_of(article.published) == "2024-05-01" and day_of(None) == "undated"


def test_cli_spark_refuses_a_missing_path_before_starting_spark(tmp_path):
    from typer.testing import CliRunner

    from newsfuse.cli import app

    result = CliRunner().invoke(app, ["spark", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "t")])
    assert result.exit_code == 2 and not (tmp_path / "t").exists()


def test_a_table_may_span_more_days_than_pyarrow_allows_by_default(tmp_path):
    """A backfill of three years is over 1,024 date partitions (pyarrow's default limit per write)."""
    from datetime import date, timedelta

    from newsfuse.scale.tables import read_table, write_tables

    days = [(date(2022, 1, 1) + timedelta(days=i)).isoformat() for i in range(1100)]
    quarantine = [{"id": f"q{i}", "origin": None, "stage": "read", "reason": "x", "date": d} for i, d in enumerate(days)]
    counts = write_tables({"quarantine": quarantine}, tmp_path)
    assert counts["quarantine"] == 1100 and counts["articles"] == 0
    assert sorted(r["date"] for r in read_table(tmp_path, "quarantine")) == days
    assert read_table(tmp_path, "articles") == []
