"""The entities stage: alias lexicon, acronyms, later references, roles, boilerplate.

The lexicon tests need no model; the stage tests load en_core_web_sm once per module. All texts
are written for these tests.
"""

from __future__ import annotations

import pytest

from newsfuse.model import Article, Boilerplate, Sentence
from newsfuse.knowledge.aliases import (AliasLexicon, canonical_form, is_case_sensitive, load_lexicon,
                                        read_alias_file)
from newsfuse.knowledge.roles import role_start, split_leading_title

# --------------------------------------------------------------------------- the lexicon (no model)


def test_case_rules():
    assert is_case_sensitive("IS") and is_case_sensitive("Daesh") and is_case_sensitive("the IS group")
    assert not is_case_sensitive("Syrian army")


def test_lexicon_lookup():
    lex = AliasLexicon.from_rows([
        ("Islamic State", "ORG", ["IS", "ISIS", "Daesh", "the IS group", "Islamic State group"]),
        ("Syrian Arab Army", "ORG", ["Syrian army"]),
    ])
    assert lex.lookup("ISIS").canonical == "Islamic State"
    assert lex.lookup("Daesh's").canonical == "Islamic State"
    assert lex.lookup("the islamic state group").canonical == "Islamic State"
    assert lex.lookup("Syrian Army").label == "ORG"
    assert lex.lookup("is") is None and lex.lookup("daesh") is None
    assert canonical_form("The  Syrian Observatory’s") == "Syrian Observatory"


def test_bundled_lexicon_covers_the_usual_actors():
    lex = load_lexicon()
    expect = {
        "ISIL": "Islamic State", "Daesh": "Islamic State", "the IS group": "Islamic State",
        "SDF": "Syrian Democratic Forces", "YPG": "People's Protection Units", "PKK": "Kurdistan Workers' Party",
        "OCHA": "UN Office for the Coordination of Humanitarian Affairs", "UN refugee agency": "UNHCR",
        "IOM": "International Organization for Migration", "WHO": "World Health Organization",
        "SOHR": "Syrian Observatory for Human Rights", "HRW": "Human Rights Watch", "AFP": "Agence France-Presse",
    }
    assert {k: lex.lookup(k).canonical for k in expect} == expect


def test_user_lexicon_extends_and_overrides(tmp_path, monkeypatch):
    (tmp_path / "aliases.tsv").write_text(
        "canonical\tlabel\taliases\n"
        "Northern Relief Council\tORG\tNRC|the Relief Council\n"
        "Islamic State\tORG\tIS|Daesh|Tanzim\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    lex = load_lexicon()
    assert lex.lookup("NRC").canonical == "Northern Relief Council"
    assert lex.lookup("Tanzim").canonical == "Islamic State"
    assert lex.lookup("ISIL") is None  # the user's line replaced the bundled one
    assert read_alias_file(tmp_path / "missing.tsv") == []


def test_roles_before_names():
    assert split_leading_title(["Colonel", "Pat", "Ryder"]) == 1
    assert split_leading_title(["Pat", "Ryder"]) == 0
    toks = [("he", False), ("told", False), ("Observatory", False), ("chief", False)]
    assert role_start(toks) == 2
    assert role_start([("said", False), ("the", False), ("farmer", False)]) is None


# --------------------------------------------------------------------------- the stage (model)

TEXT = (
    "Convoy reaches the valley\n"
    "Coalition spokesman Sean Ryan said the Islamic State group still held two villages. "
    "Ryan added that ISIS fighters had mined the roads and that Daesh snipers were active. "
    "The Northern Relief Council (NRC), a charity based in Erbil, said 300 families arrived on Monday. "
    "The Council said its teams were stretched, and NRC chief Mina Farouk asked for fuel. "
    "Forces of the SDF and the Syrian Democratic Forces' allies took positions, the UN refugee agency said.\n"
    "Share this article\n"
)


@pytest.fixture(scope="module")
def annotated() -> Article:
    from newsfuse.annotate.entities import stage as entities

    share = TEXT.index("Share this article")
    first_nl = TEXT.index("\n")
    sentences = (Sentence(0, first_nl), Sentence(first_nl + 1, share - 1))
    a = Article.create(id="t1", text=TEXT, sentences=sentences,
                       boilerplate=(Boilerplate(share, len(TEXT) - 1, "share_prompt"),))
    return entities.process(a)


def mentions(a: Article, surface: str):
    return [e for e in a.entities if e.text == surface]


def test_stage_record():
    from newsfuse.annotate.entities.stage import STAGE

    assert (STAGE.name, STAGE.requires, STAGE.provides) == ("entities", ("sentences",), ("entities",))


def test_offsets_point_into_the_text(annotated):
    assert annotated.entities
    assert all(annotated.text[e.start:e.end] == e.text for e in annotated.entities)
    assert not any(e.start >= TEXT.index("Share this") for e in annotated.entities)


def test_aliases_share_one_canonical_entity(annotated):
    names = {e.entity for s in ("Islamic State group", "ISIS", "Daesh") for e in mentions(annotated, s)}
    assert names == {"Islamic State"}
    assert {e.label for s in ("ISIS", "Daesh") for e in mentions(annotated, s)} == {"ORG"}
    sdf = {e.entity for s in ("SDF", "Syrian Democratic Forces") for e in mentions(annotated, s)}
    assert sdf == {"Syrian Democratic Forces"}
    assert mentions(annotated, "UN refugee agency")[0].entity == "UNHCR"


def test_role_is_kept_apart_from_the_name(annotated):
    ryan = [e for e in annotated.entities if e.entity == "Sean Ryan"]
    assert ryan[0].text == "Sean Ryan"
    assert ryan[0].role == "Coalition spokesman"
    assert ryan[0].label == "PERSON"


def test_surname_refers_back_to_the_full_name(annotated):
    later = mentions(annotated, "Ryan")
    assert [(e.entity, e.label) for e in later] == [("Sean Ryan", "PERSON")]


def test_acronym_defined_in_text_and_later_short_forms(annotated):
    council = {e.entity for e in annotated.entities if "Council" in e.text or e.text == "NRC"}
    assert council == {"Northern Relief Council"}
    assert len([e for e in annotated.entities if e.text == "NRC"]) == 2
    later = [e for e in annotated.entities if e.start > TEXT.index("The Council") - 1 and e.text.endswith("Council")]
    assert [e.entity for e in later] == ["Northern Relief Council"]
    chief = [e for e in annotated.entities if e.entity == "Mina Farouk"]
    assert [(e.text, e.role) for e in chief] == [("Mina Farouk", "NRC chief")]


def test_acronym_in_capitals_headline_is_not_an_alias():
    from newsfuse.annotate.entities import stage as entities

    a = Article.create(id="t2", text="WHAT IS LEFT OF THE TOWN\nResidents returned on Sunday.")
    out = entities.process(a)
    assert [e for e in out.entities if e.text == "IS"] == []


def test_later_references_do_not_depend_on_string_hashing():
    """Which short form of a name ("Le Pen" or "Pen") claims a later mention is fixed (the longer
    first), the same in every process whatever PYTHONHASHSEED is."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json\n"
        "from newsfuse import api\n"
        "from newsfuse.model import Article\n"
        "t = 'Marine Le Pen spoke in Paris on Monday. Later Le Pen left the hall.'\n"
        "a = next(api.annotate_items([Article.create(id='x', text=t, published='2017-05-01', source='x')]))\n"
        "print(json.dumps(sorted((e.start, e.end, e.entity) for e in a.entities if e.label == 'PERSON')))\n"
    )
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout.strip())
    assert len(outputs) == 1
    spans = json.loads(outputs.pop())
    assert [46, 52, "Marine Le Pen"] in spans  # "Le Pen", not "Pen" inside it
