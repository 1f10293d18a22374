"""``newsfuse export`` on the sample corpus: the figures export is the briefings' figure table as an
event dataset, every format reads back, DuckDB queries the Parquet, CSV cells cannot run as formulas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse import api
from newsfuse.cli import app
from newsfuse.output.exports.events import best_estimate, date_range
from newsfuse.output.exports.formats import spreadsheet_safe, write_csv

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
OUTLETS = str(EXAMPLES / "outlets.tsv")


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory):
    """The sample corpus analyzed once: (store, briefings folder)."""
    folder = tmp_path_factory.mktemp("export")
    api.use_places([EXAMPLES / "places.tsv"])
    db, out = str(folder / "news.db"), folder / "briefs"
    api.analyze([str(EXAMPLES)], db=db, out=out, outlets=OUTLETS)
    return db, out


def _jsonl(db: str, what: str) -> list[dict]:
    text = io.StringIO()
    api.export(db, what, "jsonl", text=text, outlets=OUTLETS)
    return [json.loads(line) for line in text.getvalue().splitlines()]


def test_figure_events_are_the_briefings_figures(analyzed):
    db, out = analyzed
    briefs = [json.loads(p.read_text()) for p in sorted(out.glob("story-*.json"))]
    expected = sorted((b["story"], f["category"], f["status"], f["independent_sources"],
                       tuple((r["id"], r["start"], r["end"]) for r in f["reports"]))
                      for b in briefs for f in b["figures"])
    events = _jsonl(db, "figures")
    got = sorted((e["story_id"], e["category"], e["status"], e["independent_sources"],
                  tuple((s["article_id"], s["start"], s["end"]) for s in e["sources"])) for e in events)
    assert got == expected and len(events) > 5
    assert len({e["event_id"] for e in events}) == len(events)  # one id per group
    assert _jsonl(db, "figures") == events  # ids and rows stable across exports


def test_every_source_span_points_at_its_figure(analyzed):
    db, _ = analyzed
    texts = {a["article_id"]: a["text"] for a in _jsonl(db, "articles")}
    for e in _jsonl(db, "figures"):
        for s in e["sources"]:
            assert texts[s["article_id"]][s["start"]:s["end"]] == s["text"]


def test_figure_events_are_placed_and_dated(analyzed):
    db, _ = analyzed
    events = _jsonl(db, "figures")
    located = [e for e in events if e["latitude"] is not None]
    assert located, "the sample's figures have resolved places"
    for e in located:
        assert -90 <= e["latitude"] <= 90 and -180 <= e["longitude"] <= 180
        assert e["where_prec"] in (1, 3, 4, 5, 6) and e["where_name"]
    buzau = [e for e in events if e["where_name"] == "Buzău"]
    assert buzau and all(e["country"] == "RO" for e in buzau)
    for e in events:
        if e["date_start"]:
            assert e["date_start"] <= e["date_end"]
        if e["low"] is not None and e["high"] is not None and e["best"] is not None:
            assert e["low"] <= e["best"] <= e["high"], e


def test_dates_and_best_estimate_rules():
    assert date_range("2023-06", []) == ("2023-06-01", "2023-06-30", "month")
    assert date_range("2024-02", [])[1] == "2024-02-29"
    assert date_range("2023-06-18/2023-06-20", []) == ("2023-06-18", "2023-06-20", "interval")
    assert date_range(None, [{"published": "2023-06-21T10:00"}, {"published": "2023-06-19"}]) == \
        ("2023-06-19", "2023-06-21", "published")
    conflict = {"status": "conflicting", "reports": [{"value": 9, "side": 0}, {"value": 7, "side": 1},
                                                     {"value": 7, "side": 1}]}
    assert best_estimate(conflict) == 9  # the side with most independent sources, not the most reports
    assert best_estimate({"status": "updated", "high": 12, "reports": [{"value": 4}, {"value": 12}]}) == 12


def test_csv_cells_cannot_run_as_formulas():
    for hostile in ("=HYPERLINK(\"http://x.example\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1"):
        assert spreadsheet_safe(hostile) == "'" + hostile
    assert spreadsheet_safe(-3) == -3 and spreadsheet_safe("Buzău") == "Buzău"
    text = io.StringIO()
    write_csv([{"a": "=cmd|' /C calc'!A0", "b": ["x"]}], text, ["a", "b"])
    row = list(csv.reader(io.StringIO(text.getvalue())))[1]
    assert row[0].startswith("'=") and json.loads(row[1]) == ["x"]


def test_csv_export_reads_back(analyzed, tmp_path):
    db, _ = analyzed
    target = tmp_path / "quotes.csv"
    n = api.export(db, "quotes", "csv", out=target)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == n > 0
    assert all(not r["text"].startswith(("=", "+", "-", "@")) for r in rows)


def test_duckdb_queries_the_parquet(analyzed, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    db, _ = analyzed
    target = tmp_path / "figures.parquet"
    n = api.export(db, "figures", "parquet", out=target, outlets=OUTLETS)
    events = _jsonl(db, "figures")
    con = duckdb.connect()
    total, = con.execute(f"SELECT count(*) FROM '{target}'").fetchone()
    assert total == n == len(events)
    by_status = dict(con.execute(f"SELECT status, count(*) FROM '{target}' GROUP BY status").fetchall())
    assert by_status == {s: sum(e["status"] == s for e in events) for s in by_status}
    spans, = con.execute(f"SELECT sum(len(sources)) FROM '{target}'").fetchone()
    assert spans == sum(len(e["sources"]) for e in events)
    first, = con.execute(f"SELECT sources[1].article_id FROM '{target}' WHERE event_id = ?",
                         [events[0]["event_id"]]).fetchone()
    assert first == events[0]["sources"][0]["article_id"]


def test_geojson_points_are_lon_lat(analyzed, tmp_path):
    db, _ = analyzed
    for what in ("figures", "stories"):
        target = tmp_path / f"{what}.geojson"
        api.export(db, what, "geojson", out=target, outlets=OUTLETS)
        collection = json.loads(target.read_text())
        assert collection["type"] == "FeatureCollection" and collection["features"]
        points = [f for f in collection["features"] if f["geometry"]]
        assert points
        for f in points:
            lon, lat = f["geometry"]["coordinates"]
            assert f["geometry"]["type"] == "Point" and -90 <= lat <= 90
    stories = json.loads((tmp_path / "stories.geojson").read_text())["features"]
    assert sum(f["properties"]["articles"] for f in stories) == len(_jsonl(db, "articles"))


def test_every_article_is_in_a_story_and_mentions_point_into_text(analyzed):
    db, _ = analyzed
    articles = {a["article_id"]: a for a in _jsonl(db, "articles")}
    stories = _jsonl(db, "stories")
    assert sorted(i for s in stories for i in s["article_ids"]) == sorted(articles)
    assert {a["story_id"] for a in articles.values()} == {s["story_id"] for s in stories}
    for m in _jsonl(db, "entities"):
        assert articles[m["article_id"]]["text"][m["start"]:m["end"]] == m["text"]


def test_cli_export_and_its_usage_errors(analyzed, tmp_path):
    db, _ = analyzed
    runner = CliRunner()
    ok = runner.invoke(app, ["export", "--what", "stories", "--db", db, "--outlets", OUTLETS])
    assert ok.exit_code == 0, ok.output
    assert len(ok.stdout.splitlines()) == 3  # the sample's three events
    for args in (["--what", "quotes", "--format", "geojson"], ["--what", "figures", "--format", "parquet"],
                 ["--what", "nothing"]):
        bad = runner.invoke(app, ["export", *args, "--db", db])
        assert bad.exit_code == 2, args
    missing = runner.invoke(app, ["export", "--what", "articles", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and not (tmp_path / "none.db").exists()
