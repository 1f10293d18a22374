"""Hostile inputs at the command line (issue 18 items 3, 4, 7 and 11): each gets a clear message, and
the rest of the batch goes on.

- item 3: rich markup (``[/x]``) and control characters (ESC) in ids and path arguments;
- item 4: a ``move_article`` story id that would name a file outside ``--out``;
- item 7: HTML and Markdown in titles and outlet names reaching ``report.md`` and stdout;
- item 11: a ``--db`` that is a folder, not a database, damaged, or mistyped; an ``--out`` that is a file.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.store import open_store

PIER = "Crews rebuilt the pier at Tessby harbour on Monday, two weeks after the storm, the harbour office said."
GOOD = {"id": "pier-ok", "text": PIER, "source": "Tessby Courier", "published": "2021-04-13"}


def flat(text: str) -> str:
    """CLI output on one line: rich's error panel borders and line wrapping taken out."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def jsonl(path, *records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.fixture
def runner():
    return CliRunner()


def test_markup_and_control_characters_in_ids_and_paths_are_shown_not_obeyed(tmp_path, runner):
    inputs = jsonl(tmp_path / "in.jsonl", {"id": "a[/x]", "text": ""}, {"id": "[bold]b[/bold]", "text": ""},
                   {"id": "\x1b[31mred\x00", "text": ""}, GOOD)
    missing = str(tmp_path / "nope[/x].txt")
    result = runner.invoke(app, ["extract", inputs, missing])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["pier-ok"]  # the batch went on
    err = result.stderr
    assert "quarantined a[/x] (ingest): line 1: record has no text" in err
    assert "quarantined [bold]b[/bold] (ingest)" in err
    assert "quarantined \\x1b[31mred\\x00 (ingest)" in err and "\x1b" not in err and "\x00" not in err
    assert f"quarantined {missing} (ingest): no file matches: {missing}" in err


def test_analyze_with_markup_in_ids_writes_its_report_and_briefings(tmp_path, runner):
    inputs = jsonl(tmp_path / "in.jsonl", {"id": "a[/x]", "text": ""}, GOOD)
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", inputs, "--db", str(tmp_path / "n.db"), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "quarantined a[/x] (ingest)" in result.stderr
    assert (out / "report.md").is_file() and len(list(out.glob("story-*.html"))) == 1


def test_control_characters_in_ids_never_reach_the_briefing_files(tmp_path, runner):
    """Issue 18 item 11: an ESC or NUL in an id used to be written into the HTML and Markdown briefings."""
    odd = {**GOOD, "id": "pier\x1b[31m\x00-odd", "url": "https://courier.example/odd"}
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", jsonl(tmp_path / "in.jsonl", odd, {**GOOD, "text": PIER + " More."}),
                                 "--db", str(tmp_path / "n.db"), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    written = {p.suffix: p.read_text(encoding="utf-8") for p in out.glob("story-*") if p.suffix in (".html", ".md")}
    assert set(written) == {".html", ".md"}
    for text in written.values():
        assert "pier\ufffd[31m\ufffd-odd" in text.replace("\\[", "[")  # shown, replaced one for one
        assert not re.search("[\x00-\x08\x0b\x0e-\x1f]", text)


def test_titles_and_outlet_names_are_escaped_in_the_report(tmp_path, runner):
    hostile = {**GOOD, "id": "pier-bad", "url": "https://courier.example/pier", "title": "<script>alert(1)</script>",
               "source": "<img src=x onerror=alert(1)> [click](javascript:alert(2))"}
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", jsonl(tmp_path / "in.jsonl", hostile, {**GOOD, "text": PIER + " More."}),
                                 "--db", str(tmp_path / "n.db"), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    report = (out / "report.md").read_text(encoding="utf-8")
    for shown in (report, result.stdout):  # the file, and what was printed
        assert not re.search(r"(?<!\\)<(script|img)|(?<!\\)\]\(javascript:", shown), shown
        assert "\\<script\\>alert(1)\\</script\\>" in shown
        assert "\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(2))" in shown
        assert "| pier-ok | Tessby Courier | 2021-04-13 |" in shown  # the other article, as before


@pytest.mark.parametrize("story", ["../../escaped", "/tmp/newsfuse-escaped", "a/b", ".hidden", ""])
def test_a_story_id_that_is_not_a_file_name_is_refused(tmp_path, runner, story):
    db = str(tmp_path / "n.db")
    result = runner.invoke(app, ["correct", "move_article", "pier-ok", "--set", f"story={story}", "--db", db])
    assert result.exit_code == 2
    if story:
        assert (f"move_article needs a story id of letters, digits, '_', '-' and inner dots (it names the briefing "
                f"files in the output folder), not {story!r}") in flat(result.output)
    assert open_store(db).corrections() == []
    ok = runner.invoke(app, ["correct", "move_article", "pier-ok", "--set", "story=harbour-2021.04", "--db", db])
    assert ok.exit_code == 0 and [c.payload for c in open_store(db).corrections()] == [{"story": "harbour-2021.04"}]


def test_a_stored_traversal_story_id_never_writes_outside_out(tmp_path, runner):
    """A store made before story ids were checked may hold such a correction: it is ignored."""
    db, out = str(tmp_path / "n.db"), tmp_path / "work" / "out"
    inputs = jsonl(tmp_path / "in.jsonl", GOOD)
    with open_store(db) as store:
        store.add_correction("move_article", "pier-ok", {"story": "../../escaped"})
        store.add_correction("move_article", "pier-ok", {"story": str(tmp_path / "absolute")})
    result = runner.invoke(app, ["analyze", inputs, "--db", db, "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.rglob("*.html")) == [p.name for p in out.glob("story-*.html")]
    assert len(list(out.glob("story-*.html"))) == 1  # written where it belongs, under its machine id


@pytest.fixture
def bad_stores(tmp_path):
    (tmp_path / "random.db").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "folder.db").mkdir()
    good = tmp_path / "good.db"
    with open_store(str(good)) as store:
        for n in range(300):  # enough pages that cutting the file leaves a damaged database
            store.add_correction("merge_entities", f"Name {n}", {"into": "X" * 200})
    (tmp_path / "cut.db").write_bytes(good.read_bytes()[:20_000])
    return tmp_path


@pytest.mark.parametrize("name, says", [
    ("random.db", "it is not an SQLite database (a wrong path, or a file of another kind)"),
    ("folder.db", "it is a folder, not a file"),
    ("cut.db", "damaged (database disk image is malformed); restore it from a copy, or start a new store"),
])
def test_an_unusable_db_is_a_usage_error_with_the_reason(bad_stores, runner, name, says):
    db = str(bad_stores / name)
    for command in (["quarantine", "--db", db], ["correct", "--list", "--db", db],
                    ["analyze", "examples/mw-zelvin-0426.txt", "--db", db, "--out", str(bad_stores / "o")]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert "Traceback" not in result.output
        assert says in flat(result.output), (command, flat(result.output))
    good = runner.invoke(app, ["quarantine", "--db", str(bad_stores / "good.db")])  # the next command goes on
    assert good.exit_code == 0 and good.stdout == ""


def test_quarantine_of_a_mistyped_store_creates_nothing(tmp_path, runner):
    result = runner.invoke(app, ["quarantine", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2 and f"no such store: {tmp_path / 'typo.db'}" in flat(result.output)
    assert list(tmp_path.iterdir()) == []


def test_an_out_that_is_a_file_fails_before_any_work(tmp_path, runner):
    taken = tmp_path / "out"
    taken.write_text("not a folder")
    result = runner.invoke(app, ["analyze", "examples/mw-zelvin-0426.txt", "--db", str(tmp_path / "n.db"),
                                 "--out", str(taken)])
    assert result.exit_code == 2
    assert f"Invalid value for --out: {taken} is a file, not a folder for the briefings" in flat(result.output)
    assert not (tmp_path / "n.db").exists() and taken.read_text() == "not a folder"
