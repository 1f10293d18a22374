"""Analyst corrections: pure application to articles, copies, stories and outlets; the CLI; and that
corrections stored once still hold after the corpus is analysed again."""

import json

import pytest
from typer.testing import CliRunner

from newsfuse import api
from newsfuse.cli import app
from newsfuse.corpus.corrections import (
    apply_copy_corrections,
    apply_corrections,
    apply_story_corrections,
    registry_with_corrections,
    validate,
)
from newsfuse.model import Article, EntityMention, Figure, Quote, SpanRef
from newsfuse.knowledge.outlets import Outlet, OutletRegistry
from newsfuse.corpus.reuse import ArticleReuse
from newsfuse.store import open_store
from newsfuse.store.rows import Correction

TEXT = "Daesh held Tall Safa. The Observatory said 12 civilians died, Daesh said."
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012


def fix(cid, kind, target, payload, author="ana", active=True):
    return Correction(cid, kind, target, payload, author, "2026-11-23T00:00:00", active)


@pytest.fixture
def article():
    observatory = SpanRef(26, 37, "Observatory", "Syrian Observatory")
    return Article.create(id="a1", text=TEXT).with_layer(
        entities=[
            EntityMention(0, 5, "Daesh", "ORG", "Daesh", method="entities/rules-1"),
            EntityMention(26, 37, "Observatory", "ORG", "Syrian Observatory", method="entities/rules-1"),
            EntityMention(62, 67, "Daesh", "ORG", "Daesh", method="entities/rules-1"),
        ],
        figures=[Figure(43, 55, "12 civilians", 12, 12, 12, "exact", "people", "dead", "civilians",
                        claimant=observatory, method="figures/rules-1")],
        quotes=[Quote(0, 20, "Daesh held Tall Safa", "indirect", SpanRef(62, 67, "Daesh", "Daesh"), None)],
    )


def test_merge_renames_mentions_claimants_and_speakers(article):
    [out], notes = apply_corrections([article], [fix(1, "merge_entities", "daesh", {"into": "IS"})])
    assert [m.entity for m in out.entities] == ["IS", "Syrian Observatory", "IS"]
    assert [m.method for m in out.entities] == ["entities/rules-1+corrected", "entities/rules-1", "entities/rules-1+corrected"]
    assert out.quotes[0].speaker.entity == "IS"
    assert out.text == article.text and article.entities[0].entity == "Daesh"  # a copy; the input is untouched
    assert [(n["id"], n["article"], n["note"]) for n in notes] == [(1, "a1", 'entity "daesh" merged into "IS" (2 mentions)')]


def test_merge_chains_resolve_and_reach_claimants(article):
    corrections = [fix(1, "merge_entities", "Syrian Observatory", {"into": "SOHR"}),
                   fix(2, "merge_entities", "SOHR", {"into": "Syrian Observatory for Human Rights"})]
    [out], _ = apply_corrections([article], corrections)
    assert out.entities[1].entity == "Syrian Observatory for Human Rights"
    assert out.figures[0].claimant.entity == "Syrian Observatory for Human Rights"


def test_split_one_mention_after_merges(article):
    corrections = [fix(1, "merge_entities", "Daesh", {"into": "IS"}), fix(2, "split_entity", "a1:62", {"entity": "Daesh media"})]
    [out], notes = apply_corrections([article], corrections)
    assert [m.entity for m in out.entities] == ["IS", "Syrian Observatory", "Daesh media"]
    assert notes[0]["note"] == 'mention "Daesh" at 62 is "Daesh media", not "Daesh"'


def test_figure_category_and_claimant(article):
    corrections = [fix(1, "figure_category", "a1:43", {"category": "injured"}),
                   fix(2, "figure_claimant", "a1:43", {"claimant": "daesh"}),
                   fix(3, "figure_category", "a1:99", {"category": "missing"})]  # no figure there: ignored
    [out], notes = apply_corrections([article], corrections)
    f = out.figures[0]
    assert (f.category, f.method) == ("injured", "figures/rules-1+corrected")
    # the named claimant occurs in the text: its nearest occurrence becomes the span
    assert f.claimant == SpanRef(62, 67, "Daesh", "daesh")
    assert [n["note"] for n in notes] == ['figure "12 civilians" is category "injured", not "dead"',
                                          """figure "12 civilians" is claimed by "daesh", not 'Observatory'"""]


def test_claimant_not_in_text_is_an_empty_span_at_the_figure(article):
    [out], _ = apply_corrections([article], [fix(1, "figure_claimant", "a1:43", {"claimant": "OCHA"})])
    assert out.figures[0].claimant == SpanRef(43, 43, "OCHA", "OCHA")


def test_later_correction_wins_and_retracted_ones_are_ignored(article):
    corrections = [fix(1, "figure_category", "a1:43", {"category": "injured"}),
                   fix(2, "figure_category", "a1:43", {"category": "missing"}),
                   fix(3, "merge_entities", "Daesh", {"into": "IS"}, active=False)]
    [out], _ = apply_corrections([article], corrections)
    assert out.figures[0].category == "missing"
    assert out.entities[0].entity == "Daesh"


def test_no_corrections_returns_the_same_articles(article):
    [out], notes = apply_corrections([article], [])
    assert out is article and notes == []


def test_not_a_copy_of_one_or_of_any():
    reports = {"c": ArticleReuse("c", 0.9, ("a", "b")), "a": ArticleReuse("a", 0.9, ())}
    assert apply_copy_corrections(reports, [fix(1, "not_a_copy", "c", {"of": "a"})])["c"].copy_of == ("b",)
    assert apply_copy_corrections(reports, [fix(1, "not_a_copy", "c", {"of": None})])["c"].copy_of == ()
    assert reports["c"].copy_of == ("a", "b")


def test_move_article():
    moved = apply_story_corrections({"a": "s1", "b": "s1"}, [fix(1, "move_article", "b", {"story": "s2"}),
                                                            fix(2, "move_article", "zz", {"story": "s3"})])
    assert moved == {"a": "s1", "b": "s2"}


def test_outlet_affiliation_makes_a_new_registry():
    registry = OutletRegistry([Outlet("Kessor Daily", aliases=("KD",), domains=("kessor.example",))])
    fixed = registry_with_corrections(registry, [fix(1, "outlet_affiliation", "KD",
                                                     {"group": "state:XX", "affiliation": "XX state daily"})])
    outlet = fixed.lookup(url="https://kessor.example/news/1")
    assert (outlet.name, outlet.group, outlet.affiliation) == ("Kessor Daily", "state:XX", "XX state daily")
    assert registry.lookup(source="KD").group is None


def test_validate_refuses_bad_corrections():
    with pytest.raises(ValueError, match="unknown correction kind"):
        validate("rename", "x", {})
    with pytest.raises(ValueError, match="merge_entities needs into"):
        validate("merge_entities", "ISIS", {})
    validate("not_a_copy", "b", {"of": None})


# --------------------------------------------------------------------------- CLI


def test_cli_add_list_retract(tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    result = runner.invoke(app, ["correct", "merge_entities", "ISIS", "--set", "into=IS", "--db", db, "--author", "ana"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"id": 1, "kind": "merge_entities", "target": "ISIS", "payload": {"into": "IS"}}
    assert runner.invoke(app, ["correct", "not_a_copy", "b", "--set", "of=null", "--db", db]).exit_code == 0
    listed = [json.loads(line) for line in runner.invoke(app, ["correct", "--list", "--db", db]).stdout.splitlines()]
    assert [(c["id"], c["kind"], c["payload"], c["author"]) for c in listed] == [
        (1, "merge_entities", {"into": "IS"}, "ana"), (2, "not_a_copy", {"of": None}, None)]
    assert runner.invoke(app, ["correct", "--retract", "1", "--db", db]).exit_code == 0
    assert [c.id for c in open_store(db).corrections()] == [2]
    assert runner.invoke(app, ["correct", "--retract", "9", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["correct", "split_entity", "b", "--set", "entity=X", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["correct", "merge_entities", "ISIS", "--set", "into", "--db", db]).exit_code == 2


# --------------------------------------------------------------------------- end to end: survives re-runs

A = ("Fighting near Baghouz\n\nAt least 40 civilians were killed in air strikes on Baghouz on Monday, the Syrian "
     "Observatory for Human Rights said. The Observatory said the jihadists of ISIS still held the village.\n")
B = ("Strikes hit Syrian village\n\nAbout 40 civilians died when jets struck the village of Baghouz on Monday, "
     "according to the Syrian Observatory for Human Rights. Islamic State fighters held the last streets of "
     "Baghouz as families fled across the desert.\n")


def _write(folder, name, text, source):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps({"source": source}), encoding="utf-8")


def _briefs(out):
    return {p.stem: json.loads(p.read_text()) for p in out.glob("*.json")}


def _analyzed(tmp_path, reprint: bool = False):
    """Articles a and b (and, if asked, r: a reprint of a) analyzed into a new store."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "a", A, "Kessor Daily")
    _write(corpus, "b", B, "Vantor Post")
    if reprint:
        _write(corpus, "r", A, "Ollen Herald")
    db = str(tmp_path / "news.db")
    api.analyze([str(corpus)], db=db)
    return corpus, db


def test_corrections_reach_the_briefing_and_survive_reruns(tmp_path):
    corpus, db = _analyzed(tmp_path)
    store = open_store(db)
    figure_start = A.index("At least 40")
    store.add_correction("figure_category", f"a:{figure_start}", {"category": "injured"}, author="ana")
    store.add_correction("outlet_affiliation", "Kessor Daily", {"group": "state:XX", "affiliation": "XX state daily"})
    store.add_correction("merge_entities", "Islamic State", {"into": "IS"})
    store.close()

    def check(out):
        api.write_briefings(db, out)
        [brief] = _briefs(out).values()
        a_record = next(r for r in brief["articles"] if r["id"] == "a")
        assert a_record["affiliation"] == "XX state daily" and a_record["outlet_group"] == "state:XX"
        categories = {(f["category"], r["id"]) for f in brief["figures"] for r in f["reports"]}
        assert ("injured", "a") in categories and ("dead", "b") in categories
        assert sorted((n["kind"], n["article"]) for n in brief["corrections"]) == [
            ("figure_category", "a"), ("merge_entities", "a"), ("merge_entities", "b"), ("outlet_affiliation", "a")]
        return brief

    check(tmp_path / "out1")
    # A re-run (with one more article, so the stages run again) keeps every correction.
    _write(corpus, "c", "Aid convoy waits\n\nAn aid convoy waited at the Iraqi border on Tuesday for permission "
                        "to cross into Syria, officials said.\n", "Vantor Post")
    summary = api.analyze([str(corpus)], db=db)
    assert (summary.new, summary.duplicates) == (1, 2)
    briefs_dir = tmp_path / "out2"
    api.write_briefings(db, briefs_dir)
    story_of_a = next(b for b in _briefs(briefs_dir).values() if any(r["id"] == "a" for r in b["articles"]))
    assert "injured" in {f["category"] for f in story_of_a["figures"]}
    assert {n["kind"] for n in story_of_a["corrections"]} >= {"figure_category", "outlet_affiliation"}


def test_move_article_and_not_a_copy_in_briefings(tmp_path):
    _, db = _analyzed(tmp_path, reprint=True)
    api.write_briefings(db, tmp_path / "before")
    [before] = _briefs(tmp_path / "before").values()
    assert next(r for r in before["articles"] if r["id"] == "r")["copy_of"] == ["a"]
    assert before["independent_sources"] == 2

    store = open_store(db)
    store.add_correction("not_a_copy", "r", {"of": "a"})
    store.add_correction("move_article", "b", {"story": "story-analyst"})
    store.close()
    api.write_briefings(db, tmp_path / "after")
    briefs = _briefs(tmp_path / "after")
    assert [r["id"] for r in briefs["story-analyst"]["articles"]] == ["b"]
    assert [n["note"] for n in briefs["story-analyst"]["corrections"]] == ["b moved to story story-analyst by an analyst"]
    [main] = [b for sid, b in briefs.items() if sid != "story-analyst"]
    assert sorted(r["id"] for r in main["articles"]) == ["a", "r"]
    assert next(r for r in main["articles"] if r["id"] == "r")["copy_of"] == []
    assert main["independent_sources"] == 2
    assert [n["note"] for n in main["corrections"]] == ["r is not a copy of a"]
    # The move holds on the next run, and the old story keeps its id.
    api.write_briefings(db, tmp_path / "again")
    assert set(_briefs(tmp_path / "again")) == set(briefs)


def test_the_html_briefing_of_analyze_shows_the_corrections(tmp_path):
    _, db = _analyzed(tmp_path)
    api.add_correction(db, "figure_category", f"a:{A.index('At least 40')}", {"category": "injured"},
                       author="<script>alert(1)</script>")
    [written] = api.write_briefings(db, tmp_path / "out")
    page = next(open(f, encoding="utf-8").read() for f in written["files"] if f.endswith(".html"))
    assert '<section id="corrections">' in page and "is category &quot;injured&quot;, not &quot;dead&quot;" in page
    assert "by &lt;script&gt;alert(1)&lt;/script&gt;" in page and page.count("<script") == 1
    assert 'class="fixed"' in page  # the corrected figure report is tagged in the figure table


# --------------------------------------------------------------------------- Python API


def test_api_records_lists_and_retracts_corrections(tmp_path):
    db = str(tmp_path / "notebook.db")
    with pytest.raises(FileNotFoundError):
        api.list_corrections(db)  # reading never creates a store behind a mistyped path
    assert not (tmp_path / "notebook.db").exists()
    first = api.add_correction(db, "merge_entities", "ISIS", {"into": "IS"}, author="ana")
    second = api.add_correction(db, "not_a_copy", "b")
    with pytest.raises(ValueError):
        api.add_correction(db, "figure_claimant", "a1", {"claimant": "OCHA"})  # not "article_id:start"
    assert [(c.id, c.kind, c.target, c.payload, c.author) for c in api.list_corrections(db)] == [
        (first, "merge_entities", "ISIS", {"into": "IS"}, "ana"), (second, "not_a_copy", "b", {}, None)]
    assert api.retract_correction(db, first) is True
    assert api.retract_correction(db, first) is False
    with pytest.raises(KeyError):
        api.retract_correction(db, 99)
    assert [c.id for c in api.list_corrections(db)] == [second]
    assert [c.id for c in api.list_corrections(db, include_retracted=True)] == [first, second]
    assert [c.id for c in api.list_corrections(db, kind="merge_entities", include_retracted=True)] == [first]
