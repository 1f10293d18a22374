"""`newsfuse brief` on files applies the analyst corrections of a store, as `newsfuse analyze` does,
and says in the briefing where a human corrected the machine."""

import json
import re

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app

A = ("Shelling of Tarvel\n\nAt least 40 civilians were killed in shelling on the market of Tarvel on Monday, the "
     "Tarvel Rights Monitor said. The monitor said the army still held the hills above the town.\n")
B = ("Tarvel market hit\n\nAbout 40 civilians died when shells struck the market of Tarvel on Monday, according "
     "to the Tarvel Rights Monitor. Families fled along the river road towards the border crossing.\n")

runner = CliRunner()


def _write(folder, name, text, source):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps({"source": source}), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder, "a", A, "Kessor Daily")
    _write(folder, "b", B, "Vantor Post")
    _write(folder, "r", A, "Ollen Herald")  # a reprint of a
    return folder


def correct(db, *args):
    result = runner.invoke(app, ["correct", *args, "--db", db])
    assert result.exit_code == 0, result.output


def brief(*args):
    result = runner.invoke(app, ["brief", *args, "--no-progress"])
    assert result.exit_code == 0, result.output
    return result.stdout


def record(brief_json, article_id):
    return next(r for r in brief_json["articles"] if r["id"] == article_id)


def test_not_a_copy_correction_reaches_brief_on_files(corpus, tmp_path):
    before = json.loads(brief(str(corpus)))
    assert record(before, "r")["copy_of"] == ["a"]
    assert before["independent_sources"] == 2
    assert "corrections" not in before  # no store, nothing to apply: the briefing is as it was

    db = str(tmp_path / "news.db")
    correct(db, "not_a_copy", "r", "--set", "of=a", "--author", "ana")
    after = json.loads(brief(str(corpus), "--db", db))
    assert record(after, "r")["copy_of"] == []
    assert after["independent_sources"] == 3
    assert [(n["kind"], n["note"], n["author"]) for n in after["corrections"]] == [
        ("not_a_copy", "r is not a copy of a", "ana")]
    # The figure reconciliation sees it too: r's figure is no longer a's text.
    reports = [r for f in after["figures"] for r in f["reports"] if r["id"] in ("a", "r")]
    assert reports and "reprints" not in " ".join(f["reason"] for f in after["figures"])
    markdown = brief(str(corpus), "--db", db, "--format", "md")
    assert "## Analyst corrections" in markdown
    assert re.search(r"^- r is not a copy of a \(ana, \d{4}-\d\d-\d\d\)$", markdown, re.M)  # who and when
    page = brief(str(corpus), "--db", db, "--format", "html")
    assert '<section id="corrections">' in page and "r is not a copy of a" in page and "by ana" in page


def test_figure_category_correction_reaches_brief_on_files(corpus, tmp_path):
    db = str(tmp_path / "news.db")
    start = A.index("At least 40")
    before = json.loads(brief(str(corpus)))
    assert ("dead", "a") in {(f["category"], r["id"]) for f in before["figures"] for r in f["reports"]}
    correct(db, "figure_category", f"a:{start}", "--set", "category=injured")
    after = json.loads(brief(str(corpus), "--db", db))
    categories = {(f["category"], r["id"]) for f in after["figures"] for r in f["reports"]}
    assert ("injured", "a") in categories and ("dead", "a") not in categories
    assert ("dead", "b") in categories
    [note] = after["corrections"]
    assert note["kind"] == "figure_category" and note["article"] == "a" and '"injured"' in note["note"]


def test_move_article_gives_the_moved_article_its_own_brief(corpus, tmp_path):
    db = str(tmp_path / "news.db")
    correct(db, "move_article", "b", "--set", "story=story-analyst")
    briefs = [json.loads(line) for line in brief(str(corpus), "--db", db).splitlines()]
    by_story = {b["story"]: b for b in briefs}
    assert [r["id"] for r in by_story["story-analyst"]["articles"]] == ["b"]
    assert [n["note"] for n in by_story["story-analyst"]["corrections"]] == ["b moved to story story-analyst by an analyst"]
    [rest] = [b for sid, b in by_story.items() if sid != "story-analyst"]
    assert sorted(r["id"] for r in rest["articles"]) == ["a", "r"]
    assert rest["corrections"] == []


def test_the_default_store_is_read_when_it_exists(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    correct("newsfuse.db", "not_a_copy", "r", "--set", "of=null")
    out = json.loads(brief(str(corpus)))
    assert record(out, "r")["copy_of"] == []
    assert [n["kind"] for n in out["corrections"]] == ["not_a_copy"]


def test_a_store_that_does_not_exist_is_a_usage_error(corpus, tmp_path):
    result = runner.invoke(app, ["brief", str(corpus), "--db", str(tmp_path / "missing.db"), "--no-progress"])
    assert result.exit_code == 2
    assert not (tmp_path / "missing.db").exists()  # brief only reads a store, it never creates one


def test_brief_on_files_and_analyze_apply_corrections_alike(corpus, tmp_path):
    """The two briefing paths share one application of corrections: same notes, same corrected brief."""
    from newsfuse import api

    db = str(tmp_path / "news.db")
    api.analyze([str(corpus)], db=db)
    api.add_correction(db, "not_a_copy", "r", {"of": "a"}, author="ana")
    api.add_correction(db, "figure_category", f"b:{B.index('About 40')}", {"category": "injured"})
    api.add_correction(db, "outlet_affiliation", "Vantor Post", {"group": "state:XX", "affiliation": "XX state"})
    api.add_correction(db, "merge_entities", "Tarvel Rights Monitor", {"into": "TRM"})
    [written] = api.write_briefings(db, tmp_path / "out")
    analyzed = json.loads(open(next(f for f in written["files"] if f.endswith(".json")), encoding="utf-8").read())
    on_files = json.loads(brief(str(corpus), "--db", db))

    def essentials(b):
        notes = sorted((n["id"], n["kind"], n["article"], n["note"]) for n in b["corrections"])
        records = sorted((r["id"], tuple(r["copy_of"]), r["outlet_group"], r["affiliation"]) for r in b["articles"])
        figures = sorted((f["category"], f["status"], tuple(sorted(r["id"] for r in f["reports"]))) for f in b["figures"])
        return notes, records, figures, b["independent_sources"]

    assert essentials(on_files) == essentials(analyzed)
    kinds = {n["kind"] for n in analyzed["corrections"]}
    assert kinds == {"not_a_copy", "figure_category", "outlet_affiliation", "merge_entities"}
