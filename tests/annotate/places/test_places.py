"""The places stage: recognition, disambiguation, variants and the area fallback.

Articles are built by hand with their entity mentions (as spaCy tests build Docs), and resolved
against a tiny hand-written index, so these tests need neither spaCy nor the bundled index. The
last test runs the seed pages end to end (skipped when they are absent).
"""

from __future__ import annotations

import re

import pytest

from newsfuse.model import Article, Boilerplate, EntityMention, Sentence
from newsfuse.annotate.places.gazetteer import (CompositeGazetteer, IndexWriter, Place, SqliteGazetteer,
                                                UserPlaces)
from newsfuse.annotate.places.stage import STAGE, resolve

PLACES = [
    (Place(163843, "Syria", 35.0, 38.0, "SY", "A", "PCLI", 17_000_000), []),
    (Place(2215636, "Libya", 25.0, 17.0, "LY", "A", "PCLI", 6_500_000), []),
    (Place(272103, "Lebanon", 33.83, 35.83, "LB", "A", "PCLI", 6_000_000), []),
    (Place(6252001, "United States", 39.83, -98.58, "US", "A", "PCLI", 327_000_000), ["US", "U.S."]),
    (Place(3017382, "France", 46.0, 2.0, "FR", "A", "PCLI", 67_000_000), []),
    (Place(170792, "Dayr az Zawr", 35.03, 40.39, "SY", "A", "ADM1", 450_000, "SY.07"), ["Deir ez-Zor Governorate"]),
    (Place(173813, "Al Ḩasakah", 36.4, 40.8, "SY", "A", "ADM1", 600_000, "SY.01"), ["Al-Hasakah Governorate"]),
    (Place(4736286, "Texas", 31.25, -99.25, "US", "A", "ADM1", 25_000_000, "US.TX"), []),
    (Place(170794, "Deir ez-Zor", 35.336, 40.141, "SY", "P", "PPL", 271_800, "SY.07"), []),
    (Place(173797, "Al Ḩawl", 36.39, 41.15, "SY", "P", "PPL", 0, "SY.01"), ["Al Hawl", "El Hol"]),
    (Place(2210247, "Tripoli", 32.885, 13.18, "LY", "P", "PPLC", 1_150_000), []),
    (Place(266826, "Tripoli", 34.437, 35.85, "LB", "P", "PPL", 230_000), []),
    (Place(88319, "Benghazi", 32.115, 20.068, "LY", "P", "PPL", 650_000), []),
    (Place(276781, "Beirut", 33.894, 35.502, "LB", "P", "PPLC", 1_900_000), []),
    (Place(3143244, "Hol", 60.6, 8.3, "NO", "P", "PPL", 700), []),
    (Place(2988507, "Paris", 48.853, 2.349, "FR", "P", "PPLC", 2_100_000), []),
    (Place(4717560, "Paris", 33.66, -95.556, "US", "P", "PPL", 25_000, "US.TX"), []),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaz") / "places.sqlite"
    with IndexWriter(path) as w:
        for place, alternates in PLACES:
            w.add_place(place, alternates)
        w.add_demonym("Syrian", "SY")
    return CompositeGazetteer([UserPlaces(), SqliteGazetteer(path, source="test")])


def article(text: str, places: list[str], label: str = "GPE", extra: list[tuple[str, str]] = (),
            boilerplate: list[tuple[int, int]] = ()) -> Article:
    """An article whose entity mentions are every occurrence of the given names."""
    mentions = []
    for name, lab in [(p, label) for p in places] + list(extra):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            mentions.append(EntityMention(m.start(), m.end(), name, lab, name))
    sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text)]
    return Article.create(
        id="t", text=text, entities=tuple(sorted(mentions, key=lambda e: e.start)), sentences=tuple(sentences),
        boilerplate=tuple(Boilerplate(s, e, "test") for s, e in boilerplate),
    )


def by_text(mentions) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in mentions:
        out.setdefault(p.text, []).append(p)
    return out


def test_stage_record():
    assert (STAGE.name, STAGE.requires, STAGE.provides) == ("places", ("entities",), ("places",))


def test_tripoli_beside_benghazi_is_in_libya(gaz):
    a = article("Fighting spread from Benghazi to Tripoli overnight.", ["Benghazi", "Tripoli"])
    got = by_text(resolve(a, gaz))
    assert got["Tripoli"][0].geonameid == 2210247
    assert got["Tripoli"][0].country_code == "LY"


def test_tripoli_beside_beirut_is_in_lebanon(gaz):
    a = article("Protesters marched in Beirut and in Tripoli, the second city of Lebanon.",
                ["Beirut", "Tripoli", "Lebanon"])
    got = by_text(resolve(a, gaz))
    assert (got["Tripoli"][0].geonameid, got["Tripoli"][0].lat, got["Tripoli"][0].lon) == (266826, 34.437, 35.85)


def test_town_state_pattern(gaz):
    a = article("The storm reached Paris, Texas, on Sunday.", ["Paris", "Texas"])
    got = by_text(resolve(a, gaz))
    assert got["Paris"][0].geonameid == 4717560
    assert got["Texas"][0].precision == "admin1"


def test_unknown_village_falls_back_to_the_province_named_beside_it(gaz):
    text = ("Fighters walked near Baghouz, a village in Deir Az Zor province. "
            "Jets struck the village of Baghuz in the south-east of Syria.")
    got = by_text(resolve(article(text, ["Baghouz", "Deir Az Zor", "Baghuz", "Syria"]), gaz))
    province = got["Deir Az Zor"][0]
    assert (province.geonameid, province.precision, province.feature_class) == (170792, "admin1", "A")
    assert (got["Baghouz"][0].geonameid, got["Baghouz"][0].precision) == (170792, "admin1")
    # The variant spelling in another sentence gets the same place, not just the country.
    assert got["Baghuz"][0].geonameid == 170792
    assert got["Baghouz"][0].confidence == 0.4


def test_unknown_village_without_an_area_gets_the_country_of_its_sentence(gaz):
    text = "Families left Baghouz for camps in northeast Syria. Syria says the camps are full."
    got = by_text(resolve(article(text, ["Baghouz", "Syria"]), gaz))
    assert (got["Baghouz"][0].geonameid, got["Baghouz"][0].precision) == (163843, "country")


def test_transliteration_variant_found_in_the_article_country(gaz):
    text = "Thousands reached the Al Hol camp in Syria. In Syria, Al Hol holds thousands."
    got = by_text(resolve(article(text, ["Syria"], extra=[("Al Hol", "FAC")]), gaz))
    hol = got["Al Hol"][0]
    assert (hol.geonameid, hol.country_code, hol.precision) == (173797, "SY", "point")


def test_namesake_abroad_is_never_used(gaz):
    text = "Aid reached Syria. In Syria the Hol camp is full, Syria says."
    got = by_text(resolve(article(text, ["Syria", "Hol"]), gaz))
    assert got["Hol"][0].country_code == "SY"
    assert got["Hol"][0].geonameid != 3143244


def test_country_and_demonym_mentions(gaz):
    text = "Syrian troops moved. The US said Syria agreed."
    got = by_text(resolve(article(text, ["US", "Syria"], extra=[("Syrian", "NORP")]), gaz))
    assert got["Syrian"][0].geonameid == 163843 and got["Syrian"][0].precision == "country"
    assert got["US"][0].geonameid == 6252001
    assert got["Syria"][0].name == "Syria"
    assert resolve(article(text, ["US", "Syria"], extra=[("Syrian", "NORP")]), gaz, demonyms=False)[0].text == "US"


def test_gazetteer_finds_names_the_ner_missed(gaz):
    text = "Convoys left for Lebanon and the town of Benghazi."
    got = by_text(resolve(article(text, []), gaz))
    assert got["Lebanon"][0].geonameid == 272103
    assert got["Benghazi"][0].geonameid == 88319


def test_boilerplate_is_ignored(gaz):
    text = "Read more from Beirut. Tripoli was calm, Lebanon said."
    got = by_text(resolve(article(text, ["Beirut", "Tripoli", "Lebanon"], boilerplate=[(0, 22)]), gaz))
    assert "Beirut" not in got
    assert got["Tripoli"][0].country_code == "LB"


def test_user_place_wins_over_namesakes(tmp_path, gaz):
    f = tmp_path / "places.tsv"
    f.write_text("name\tlat\tlon\tcountry_code\tfeature_class\nTripoli\t10.0\t10.0\tXX\tS\n", encoding="utf-8")
    mine = CompositeGazetteer([UserPlaces([f]), *gaz.sources[1:]])
    got = by_text(resolve(article("The meeting in Tripoli ended.", ["Tripoli"]), mine))
    assert (got["Tripoli"][0].lat, got["Tripoli"][0].country_code, got["Tripoli"][0].geonameid) == (10.0, "XX", None)


def test_unknown_town_is_not_put_in_the_country_of_one_distant_city(gaz):
    # The monitor works from Paris; that says nothing about where the unknown town is.
    text = "More than 900 people fled Ostrovar, according to a monitor that follows the war from Paris."
    got = by_text(resolve(article(text, ["Ostrovar", "Paris"]), gaz))
    assert got["Ostrovar"][0].geonameid is None and got["Ostrovar"][0].country_code is None
    # Two places of one country, or the country named, do place it there (at country precision).
    text2 = "Families left Ostrovar for Tripoli and Benghazi."
    got2 = by_text(resolve(article(text2, ["Ostrovar", "Tripoli", "Benghazi"]), gaz))
    assert (got2["Ostrovar"][0].country_code, got2["Ostrovar"][0].precision) == ("LY", "country")


def test_user_places_file_adds_a_fictional_country_and_its_towns(tmp_path, gaz):
    f = tmp_path / "places.tsv"
    f.write_text(
        "name\tlat\tlon\tcountry_code\tfeature_class\tprecision\taliases\tgeonameid\tadmin1\n"
        "Vandoria\t40.0\t40.0\tXQ\tA\tcountry\t\t\t\n"
        "Ostrovar\t40.5\t40.5\tXQ\tP\tpoint\tOstrovan\t\t\n", encoding="utf-8")
    mine = CompositeGazetteer([UserPlaces([f]), *gaz.sources[1:]])
    text = "Shelling hit Ostrovan in Vandoria. A hamlet called Ulmek near Vandoria was emptied."
    # The NER called the town a person: a name the analyst listed is a place whatever the NER says.
    got = by_text(resolve(article(text, ["Vandoria"], extra=[("Ostrovan", "PERSON"), ("Ulmek", "GPE")]), mine))
    assert (got["Ostrovan"][0].name, got["Ostrovan"][0].lat, got["Ostrovan"][0].country_code) == ("Ostrovar", 40.5, "XQ")
    assert (got["Ulmek"][0].country_code, got["Ulmek"][0].precision) == ("XQ", "country")


def test_a_spelling_variant_far_from_the_storys_places_is_not_taken(tmp_path, gaz):
    f = tmp_path / "places.tsv"
    f.write_text("name\tlat\tlon\tcountry_code\n"
                 "Damascus\t33.51\t36.29\tSY\nMa'dan\t35.75\t39.60\tSY\n", encoding="utf-8")
    mine = CompositeGazetteer([UserPlaces([f]), *gaz.sources[1:]])
    near = "A bomb hit Midan in Damascus, Syria. Midan is a busy quarter."
    got = by_text(resolve(article(near, ["Damascus", "Syria"], extra=[("Midan", "GPE")]), mine))
    assert got["Midan"][0].name != "Ma'dan"
    # With no other place resolved, the variant is the best answer there is.
    alone = "Shelling hit Midan in Syria."
    got = by_text(resolve(article(alone, ["Syria"], extra=[("Midan", "GPE")]), mine))
    assert got["Midan"][0].name == "Ma'dan"


def test_a_province_named_after_its_town_is_the_province(tmp_path, gaz):
    # The gazetteer spells the province "Al Ḩasakah"; "Hasaka province" is it, not the town Hasaka.
    f = tmp_path / "places.tsv"
    f.write_text("name\tlat\tlon\tcountry_code\tfeature_class\tprecision\taliases\tgeonameid\tadmin1\n"
                 "Hasaka\t36.5\t40.75\tSY\tP\tpoint\t\t\tSY.01\n", encoding="utf-8")
    mine = CompositeGazetteer([UserPlaces([f]), *gaz.sources[1:]])
    text = "A car bomb went off in Hasaka province, Syria. Hasaka city was calm."
    got = by_text(resolve(article(text, ["Hasaka", "Syria"]), mine))
    assert (got["Hasaka"][0].geonameid, got["Hasaka"][0].precision) == (173813, "admin1")
    assert got["Hasaka"][1].precision == "point"


def test_an_unknown_name_before_city_tagged_as_an_organisation_is_a_place(gaz):
    text = "A bomb went off in al-Qamar city in Syria."
    got = by_text(resolve(article(text, ["Syria"], extra=[("al-Qamar", "ORG")]), gaz))
    assert "al-Qamar" in got and got["al-Qamar"][0].country_code == "SY"


def test_a_registered_news_agency_is_not_a_place(tmp_path, gaz):
    f = tmp_path / "places.tsv"
    f.write_text("name\tlat\tlon\tcountry_code\tfeature_class\tprecision\nSana\t15.35\t44.2\tYE\tA\tadmin1\n",
                 encoding="utf-8")
    mine = CompositeGazetteer([UserPlaces([f]), *gaz.sources[1:]])
    text = "Six people were killed in Syria, SANA said."
    got = by_text(resolve(article(text, ["Syria"], extra=[("SANA", "ORG")]), mine))
    assert "SANA" not in got


def test_places_option_reaches_the_gazetteer(tmp_path, monkeypatch):
    from newsfuse.annotate.places.default import default_gazetteer, use_places_files, user_places_paths

    f = tmp_path / "mine.tsv"
    f.write_text("name\tlat\tlon\nUlmek\t1.0\t2.0\n", encoding="utf-8")
    monkeypatch.delenv("NEWSFUSE_PLACES", raising=False)
    try:
        use_places_files([f])
        assert f.resolve() in user_places_paths()
    finally:
        monkeypatch.delenv("NEWSFUSE_PLACES", raising=False)
        default_gazetteer.cache_clear()


# --------------------------------------------------------------------------- the seed pages


def _seed_articles(paths) -> list[Article]:
    arts = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        arts.append(Article.create(id=path.stem, text=text))
    from newsfuse.annotate.clean import boilerplate as bp_stage
    from newsfuse.annotate.clean import sentences as sent_stage

    return [sent_stage.STAGE.process(bp_stage.STAGE.process(a)) for a in arts]


def test_seed_pages_entities_and_places(seed_paths):
    from newsfuse.annotate.entities import stage as entities
    from newsfuse.annotate.places import stage as places

    arts = {a.id[:3]: a for a in places.process_batch(entities.process_batch(_seed_articles(seed_paths)))}
    assert set(arts) == {"000", "004"}

    def entity_of(a: Article, surface: str) -> set[str]:
        return {e.entity for e in a.entities if e.text == surface}

    a0, a4 = arts["000"], arts["004"]
    islamic_state = entity_of(a0, "IS") | entity_of(a0, "Islamic State") | entity_of(a4, "Daesh")
    assert islamic_state == {"Islamic State"}
    assert entity_of(a0, "Syrian Democratic Forces") | entity_of(a0, "SDF") | entity_of(a4, "SDF") == {
        "Syrian Democratic Forces"}
    observatory = (entity_of(a4, "Syrian Observatory for Human Rights") | entity_of(a4, "SOHR")
                   | entity_of(a4, "The Observatory"))
    assert observatory == {"Syrian Observatory for Human Rights"}
    roles = {(e.entity, e.role) for e in a0.entities if e.role}
    assert ("Sean Ryan", "Coalition spokesman") in roles
    assert ("Rami Abdel Rahman", "Observatory chief") in roles

    def places_of(a: Article, surface: str) -> set[tuple]:
        return {(p.geonameid, p.precision) for p in a.places if p.text == surface}

    # Baghouz and Baghuz: the same place, the province the text names (the village is not bundled).
    assert places_of(a0, "Baghouz") == places_of(a0, "Baghuz") == {(170792, "admin1")}
    hol = [p for p in a4.places if p.text.startswith("Al Hol")]
    assert hol and all(abs(p.lat - 36.38) < 0.1 and abs(p.lon - 41.15) < 0.1 for p in hol)
    assert all(p.country_code == "SY" for p in a4.places if p.text == "Baghouz")


def test_unknown_name_said_to_be_in_a_known_town_is_inside_it(gaz):
    # "the neighbourhood of Qarwash in Beirut": the unknown name is inside Beirut, not merely in the
    # country of the article (nor in the country of a nationality naming people nearby).
    text = "Syrian workers died in the neighbourhood of Qarwash in Beirut. Families of Syrian workers mourned."
    got = by_text(resolve(article(text, ["Qarwash", "Beirut"], extra=[("Syrian", "NORP")]), gaz))
    assert (got["Qarwash"][0].geonameid, got["Qarwash"][0].precision) == (276781, "point")



def test_a_tagged_span_cut_inside_a_longer_place_name_takes_the_whole_name(gaz):
    # The tagger often stops inside a name of several words: "Deir" of "Deir ez-Zor".
    a = article("Shelling hit Deir ez-Zor on Sunday.", ["Deir"])
    got = by_text(resolve(a, gaz))
    assert [(p.text, p.geonameid) for p in got["Deir ez-Zor"]] == [("Deir ez-Zor", 170794)]
    # A following word that makes no listed name is left alone.
    b = article("Crowds in Paris Hilton Square cheered.", ["Paris"])
    assert "Paris" in by_text(resolve(b, gaz))


def test_a_possessive_that_lost_its_apostrophe_is_the_place(gaz):
    # Scraped pages drop apostrophes: "Syrias capital" is Syria's.
    a = article("Bombs hit Syrias capital on Sunday.", ["Syrias"])
    assert [(p.text, p.geonameid) for p in resolve(a, gaz)] == [("Syria", 163843)]
    # A name that is a place as it stands keeps its "s".
    b = article("Shelling hit Paris on Sunday.", ["Paris"])
    assert [p.text for p in resolve(b, gaz)] == ["Paris"]


def test_a_possessive_that_lost_its_apostrophe_is_found_where_the_ner_missed_it(gaz):
    # "in Syrias Dravic": the NER tagged nothing; the gazetteer's scan reads "Syrias" as Syria's, as it
    # does for the names the NER tagged.
    got = by_text(resolve(article("Three fighters in Syrias Dravic were killed.", []), gaz))
    assert got["Syria"][0].geonameid == 163843
