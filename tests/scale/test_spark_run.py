"""``newsfuse spark`` on ``local[2]`` against ``analyze`` on the sample corpus (plus one unreadable
input): the same stories (ids too), the same copies, the same figure statuses, the bad input in the
quarantine table; the tables are partitioned by date and DuckDB reads them. One Spark run for the
whole module (starting Spark costs tens of seconds)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsfuse import api
from newsfuse.scale.tables import TABLES, read_table

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OUTLETS = str(EXAMPLES / "outlets.tsv")
PLACES = str(EXAMPLES / "places.tsv")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark")
    bad = folder / "inputs" / "garbage.html"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01\x02 not a page \xff\xfe" * 50)
    inputs = [str(EXAMPLES), str(bad)]
    api.use_places([PLACES])
    embedded = api.analyze(inputs, db=str(folder / "news.db"), out=folder / "briefs", outlets=OUTLETS)
    briefs = [json.loads(p.read_text()) for p in sorted((folder / "briefs").glob("story-*.json"))]
    summary = api.spark(inputs, out=folder / "tables", master="local[2]", places=[PLACES], outlets=OUTLETS,
                        conf={"spark.sql.shuffle.partitions": "2"})
    return embedded, briefs, summary, folder / "tables"


def test_same_stories_with_the_same_ids(runs):
    _, briefs, summary, out = runs
    embedded = sorted((b["story"], sorted(a["id"] for a in b["articles"])) for b in briefs)
    spark = sorted((s["story_id"], sorted(s["article_ids"])) for s in read_table(out, "stories"))
    assert spark == embedded and len(embedded) == 3
    assert summary.articles == sum(len(m) for _, m in embedded)


def test_same_copies(runs):
    _, briefs, _, out = runs
    embedded = sorted((a["id"], sorted(a["copy_of"])) for b in briefs for a in b["articles"])
    spark = sorted((r["article_id"], sorted(r["copy_of"])) for r in read_table(out, "reuse"))
    assert spark == embedded and any(copies for _, copies in embedded)


def test_same_figure_statuses(runs):
    _, briefs, _, out = runs
    embedded = sorted((b["story"], f["category"], f["status"], f["independent_sources"],
                       tuple((r["id"], r["start"]) for r in f["reports"])) for b in briefs for f in b["figures"])
    spark = sorted((f["story_id"], f["category"], f["status"], f["independent_sources"],
                    tuple((s["article_id"], s["start"]) for s in f["sources"])) for f in read_table(out, "figures"))
    assert spark == embedded and {e[2] for e in embedded} >= {"corroborated", "conflicting"}


def test_bad_input_is_quarantined_as_embedded(runs):
    embedded, _, summary, out = runs
    rows = read_table(out, "quarantine")
    assert summary.quarantined == len(rows) == len(embedded.quarantined) >= 1
    assert sorted(r["reason"] for r in rows) == sorted(q.reason for q in embedded.quarantined)


def test_tables_are_partitioned_by_date_and_duckdb_reads_them(runs):
    duckdb = pytest.importorskip("duckdb")
    _, _, summary, out = runs
    assert set(summary.tables) == set(TABLES)
    days = sorted(p.name for p in (out / "articles").iterdir())
    assert "date=2023-06-19" in days
    con = duckdb.connect()
    n, = con.execute(f"SELECT count(*) FROM read_parquet('{out}/articles/*/*.parquet', hive_partitioning=true)"
                     " WHERE date = '2023-06-19'").fetchone()
    assert n == sum(1 for r in read_table(out, "articles") if r["date"] == "2023-06-19") > 0
    spans = read_table(out, "spans")
    texts = {r["article_id"]: r["text"] for r in read_table(out, "articles")}
    assert spans and all(texts[s["article_id"]][s["start"]:s["end"]] == s["text"] for s in spans)
    assert {s["layer"] for s in spans} >= {"sentences", "entities", "places", "figures", "quotes"}
