"""Claimant normalisation across articles (``newsfuse.knowledge.parties.parties``) and the claimant knowledge
table (``newsfuse.knowledge.claimant_facts``). Phrases are written for these tests."""

from __future__ import annotations

from newsfuse.knowledge import claimant_facts as knowledge
from newsfuse.knowledge.parties import parties
from newsfuse.knowledge.outlets import Outlet, OutletRegistry


def keys(text, entity=None, registry=None):
    return [p.key for p in parties(text, entity, registry)]


REGISTRY = OutletRegistry.load()


def test_state_media_of_one_country_is_one_source_whatever_it_is_called():
    state_tv = keys("Syrian state television", registry=REGISTRY)
    assert state_tv == ["outlet:state:SY"]
    for phrase in ("Syrian state TV", "Wednesday the Assad regimes official television channel",
                   "the Syrian regime's official television", "Syria's state-run news agency",
                   "Syrian state media"):
        assert keys(phrase, registry=REGISTRY) == state_tv, phrase
    assert keys("Russian state TV", registry=REGISTRY) == ["outlet:state:RU"]
    # pro-government media are not the state's own
    assert keys("pro-Damascus media", registry=REGISTRY) != state_tv


def test_state_media_without_a_registry_still_share_a_key():
    empty = OutletRegistry([Outlet("Harbor Gazette")])
    assert keys("Syrian state TV", registry=empty) == keys("the Assad regime's official television", registry=empty)


def test_a_possessive_that_lost_its_apostrophe_is_still_read():
    assert keys("Russias Defense Ministry") == keys("Russian defence ministry") == keys("Russia's Defence Ministry")


def test_where_an_organisation_is_based_does_not_change_who_it_is():
    sohr = keys("Syrian Observatory for Human Rights")
    assert keys("London-based Syrian Observatory for Human Rights") == sohr
    assert keys("the Britain-based Syrian Observatory for Human Rights") == sohr
    assert keys("London Based Syrian Observatory for Human Rights") == sohr


def test_a_known_spokesperson_stands_for_the_organisation():
    assert keys("Rami Abdel Rahman") == keys("SOHR")
    assert keys("Observatory chief Rami Abdel Rahman") == keys("SOHR")
    assert keys("Konashenkov") == keys("Russian Defense Ministry")


def test_a_title_before_a_name_is_not_part_of_the_source():
    assert keys("Harbor Governor Lena Marsh") == keys("Lena Marsh")
    assert keys("opposition figure Tomas Brandt") == keys("Tomas Brandt")


def test_local_is_an_article_only_before_a_common_noun():
    assert keys("Local Coordination Committees") == ["ent:local coordination committees"]
    assert [(p.label, p.generic) for p in parties("local sources")] == [("local sources", True)]


def test_two_sources_resolved_apart_stay_two():
    got = parties("the Observatory and medics", "Syrian Observatory for Human Rights and medics")
    assert [(p.label, p.generic) for p in got] == [("Syrian Observatory for Human Rights", False), ("medics", True)]
    # a known name with "and" inside stays whole
    assert len(parties("UN Relief and Works Agency", "UNRWA")) == 1


def test_media_outlets_named_by_kind_are_generic():
    assert [p.generic for p in parties("Pro-Damascus media outlets")] == [True]


def test_knowledge_table_lookups():
    assert knowledge.organisation_of_speaker("igor konashenkov") == "Russian Ministry of Defence"
    assert knowledge.organisation_of_speaker("Lena Marsh") is None
    assert knowledge.describes("Syrian Observatory for Human Rights", "the Britain-based monitoring group")
    assert knowledge.describes("Velmar Rights Monitor", "the monitor")  # its name says what it is
    assert not knowledge.describes("Velmar Rights Monitor", "the ministry")
    assert knowledge.state_media_country("state TV") == ""
    assert knowledge.state_media_country("Turkish state broadcaster") == "TR"
    assert knowledge.state_media_country("a medical source") is None
    # The country's word may stand between the mark and the medium; any other word may not.
    assert knowledge.state_media_country("the official Syrian news agency") == "SY"
    assert knowledge.state_media_country("the official opposition news agency") is None
    assert knowledge.demonym("SY") == "Syrian"


def test_users_extend_the_knowledge_table(tmp_path, monkeypatch):
    (tmp_path / "claimant_knowledge.tsv").write_text(
        "kind\tnames\tstands_for\nspeaker\tLena Marsh|Marsh\tVelmar Rights Monitor\n"
        "state_media\tVelmarian|Velmaria\tVM\n", encoding="utf-8")
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    assert knowledge.organisation_of_speaker("Marsh") == "Velmar Rights Monitor"
    assert knowledge.state_media_country("Velmarian state television") == "VM"
    assert keys("Lena Marsh") == keys("Velmar Rights Monitor")
    assert knowledge.organisation_of_speaker("Rami Abdel Rahman")  # the bundled rows remain


def test_the_claimant_cache_never_answers_for_another_text():
    from newsfuse.model import Article
    from newsfuse.annotate.attribution.claimants import claimant_for_span

    a_text = "Twelve people were killed in Varn, the Velmar Rights Monitor said."
    b_text = "Ten people died in Dask, police told reporters on Monday evening."
    a = Article(id="a", text=a_text, content_hash="")  # hand-built: no content hash
    b = Article(id="b", text=b_text, content_hash="")
    got_a = claimant_for_span(a, 0, 6)
    got_b = claimant_for_span(b, 0, 3)
    assert got_a is not None and "Monitor" in got_a.text
    assert got_b is None or "Monitor" not in got_b.text


def test_a_name_holding_and_is_one_party_but_two_sources_are_two():
    assert len(parties("Ministry of Foreign Affairs and Expatriates", "Ministry of Foreign Affairs and Expatriates")) == 1
    two = parties("Syrian Observatory for Human Rights and medics", "Syrian Observatory for Human Rights and medics")
    assert [p.generic for p in two] == [False, True]
