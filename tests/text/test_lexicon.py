"""The one word-table loader (text/lexicon.py): packaged rows, rows a user adds or removes in
$NEWSFUSE_HOME, and that such a file changes what the stages do without touching the code.

Texts are written for these tests (fictional people and places).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newsfuse.annotate.quotes.speech_verbs import load_lexicon
from newsfuse.annotate.quotes.stage import find_quotes
from newsfuse.model import Article
from newsfuse.settings import DATA_DIR
from newsfuse.text.lexicon import table, word_groups, word_map, word_set, words

GRUMBLE = "The mayor grumbled that the bridge would reopen in May."
SAY = "The mayor said that the bridge would reopen in May."


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty $NEWSFUSE_HOME; the reporting-verb lexicon is re-read inside the test and after it."""
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    load_lexicon.cache_clear()
    yield tmp_path
    load_lexicon.cache_clear()


def run_with_home(code: str, home) -> str:
    """What ``code`` prints in a new process (so module-level tables are read again) with ``home`` as
    $NEWSFUSE_HOME."""
    env = {**os.environ, "NEWSFUSE_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout


def attributed(text: str) -> list[tuple[str, str | None, str | None]]:
    quotes = find_quotes(Article.create(id="t", text=text))
    return [(q.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None) for q in quotes]


def test_packaged_rows_are_read_in_file_order(home):
    assert words("time_words.tsv", "ordinal")[:3] == ("first", "second", "third")
    assert word_map("time_words.tsv", "day_word")["yesterday"] == "-1"
    assert word_groups("quote_words.tsv", "idiom_object")["claim"] >= {"responsibility", "credit"}
    assert "spokeswoman" in word_set("quote_words.tsv", "person_role")


def test_user_rows_are_added_and_removed(home):
    (home / "quote_words.tsv").write_text(
        "# mine\nkind\tword\tvalue\nvenue\tzine\n-venue\tpodcast\n-pronoun_kind\tit\n", encoding="utf-8")
    venues = word_set("quote_words.tsv", "venue")
    assert "zine" in venues and "podcast" not in venues and "statement" in venues
    assert "it" not in word_map("quote_words.tsv", "pronoun_kind")
    assert ("kind", "word", "value") not in table("quote_words.tsv")  # a repeated header is no row


def test_a_removed_kind_is_empty_and_other_homes_are_not_affected(home, tmp_path_factory, monkeypatch):
    (home / "time_words.tsv").write_text("-ordinal\n", encoding="utf-8")
    assert words("time_words.tsv", "ordinal") == ()
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path_factory.mktemp("other")))
    assert len(words("time_words.tsv", "ordinal")) == 20


def test_a_reporting_verb_added_in_home_attributes_a_quote(home):
    assert attributed(GRUMBLE) == []  # "grumble" is not a packaged reporting verb
    (home / "speech_verbs.tsv").write_text("grumble\tspeech\tgrumble grumbles grumbled grumbling\n", encoding="utf-8")
    load_lexicon.cache_clear()
    assert attributed(GRUMBLE) == [("the bridge would reopen in May", "The mayor", "grumbled")]


def test_a_reporting_verb_removed_in_home_attributes_nothing(home):
    assert attributed(SAY) == [("the bridge would reopen in May", "The mayor", "said")]
    (home / "speech_verbs.tsv").write_text("lemma\tclass\tforms\n-say\n", encoding="utf-8")
    load_lexicon.cache_clear()
    assert attributed(SAY) == []


def test_a_module_table_reads_the_home_file_at_import(tmp_path):
    """Module-level lists are read when the module is imported: a new process sees the user's rows."""
    (tmp_path / "sentence_words.tsv").write_text("title\tcmsr\n", encoding="utf-8")
    code = ("from newsfuse.annotate.clean.sentences import split_sentences\n"
            "print(len(split_sentences('The visit was short. Cmsr. Okafor arrived at noon. He left.')))")

    assert run_with_home(code, tmp_path / "none") == "4\n"  # "Cmsr." ends a sentence
    assert run_with_home(code, tmp_path) == "3\n"  # a title: the period ends nothing


def test_a_decade_word_added_in_home_is_read_as_a_date(tmp_path):
    """The time rules build their patterns from time_words.tsv, so a new row is matched, not only known."""
    (tmp_path / "time_words.tsv").write_text("decade\tnoughties\t0\n", encoding="utf-8")
    code = ("from newsfuse.model import Article\n"
            "from newsfuse.annotate.times.stage import process\n"
            "a = process(Article.create(id='t', text='Prices rose in the noughties, officials said.', published='2020-01-01'))\n"
            "print([(t.text, t.value) for t in a.times])")

    assert run_with_home(code, tmp_path / "none") == "[]\n"
    assert run_with_home(code, tmp_path) == "[('the noughties', '200')]\n"


def test_a_media_word_changed_in_home_changes_what_the_figures_stage_calls_footage(tmp_path):
    """The figures stage's word classes are figure_words.tsv: a count after "a <media noun> showed" is
    footage, not a toll, for exactly the media nouns the packaged and user rows leave."""
    (tmp_path / "figure_words.tsv").write_text("media\treel\n-media\tvideo\n", encoding="utf-8")
    code = ("from newsfuse.model import Article\n"
            "from newsfuse.annotate.figures.stage import find_figures\n"
            "for noun in ('reel', 'video'):\n"
            "    text = f'A {noun} showed a room with more than 90 bodies, the mayor of Tarvel said.'\n"
            "    print(noun, [f.scope for f in find_figures(Article.create(id='t', text=text))])")

    assert run_with_home(code, tmp_path / "none") == "reel [None]\nvideo ['footage']\n"
    assert run_with_home(code, tmp_path) == "reel ['footage']\nvideo [None]\n"


def test_every_packaged_word_table_is_well_formed():
    """Each kind/word file: a header, rows of its width at most, no word twice in one kind."""
    for path in sorted(DATA_DIR.glob("*_words.tsv")):
        if path.name == "calendar_words.tsv":
            continue  # word, kind, number, form: read by text/calendar_words.py
        rows = table(path.name)
        assert rows, path.name
        seen = set()
        for row in rows:
            assert 2 <= len(row) <= 3 and all(row), (path.name, row)
            assert row[:3] not in seen, (path.name, row)
            seen.add(row[:3])
