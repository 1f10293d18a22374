"""The gazetteer: name keys, the SQLite index, user places, dump import, composition.

A tiny index is written by hand (real coordinates, our own selection), so nothing here needs the
bundled index or spaCy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.annotate.places.gazetteer import (CompositeGazetteer, IndexWriter, Place, SqliteGazetteer,
                                                UserPlaces)
from newsfuse.annotate.places.gazetteer_build import read_place_aliases, trimmed_midpoint
from newsfuse.annotate.places.geonames_dump import import_geonames_dump
from newsfuse.annotate.places.placenames import name_key, skeleton, without_articles, without_generic_suffix

SMALL_PLACES = [
    (Place(163843, "Syria", 35.0, 38.0, "SY", "A", "PCLI", 17_000_000), ["Syrian Arab Republic"]),
    (Place(2215636, "Libya", 25.0, 17.0, "LY", "A", "PCLI", 6_500_000), []),
    (Place(272103, "Lebanon", 33.83, 35.83, "LB", "A", "PCLI", 6_000_000), []),
    (Place(170792, "Dayr az Zawr", 35.03, 40.39, "SY", "A", "ADM1", 450_000, "SY.07"),
     ["Deir ez-Zor Governorate", "deir ez zor"]),
    (Place(173813, "Al Ḩasakah", 36.4, 40.8, "SY", "A", "ADM1", 600_000, "SY.01"), ["Al-Hasakah Governorate", "al hasakah"]),
    (Place(170794, "Deir ez-Zor", 35.336, 40.141, "SY", "P", "PPL", 271_800, "SY.07"), ["Dayr az Zawr"]),
    (Place(173797, "Al Ḩawl", 36.39, 41.15, "SY", "P", "PPL", 0, "SY.01"), ["Al Hawl", "El Hol", "Al Hul"]),
    (Place(2210247, "Tripoli", 32.885, 13.18, "LY", "P", "PPLC", 1_150_000), ["Tarabulus"]),
    (Place(266826, "Tripoli", 34.437, 35.85, "LB", "P", "PPL", 230_000), ["Trablous"]),
    (Place(88319, "Benghazi", 32.115, 20.068, "LY", "P", "PPL", 650_000), []),
    (Place(276781, "Beirut", 33.894, 35.502, "LB", "P", "PPLC", 1_900_000), ["Beyrouth"]),
    (Place(3143244, "Hol", 60.6, 8.3, "NO", "P", "PPL", 700), []),
]


def write_small_index(path: Path) -> Path:
    with IndexWriter(path) as w:
        for place, alternates in SMALL_PLACES:
            w.add_place(place, alternates)
        w.add_demonym("Syrian", "SY")
        w.add_demonym("Libyan", "LY")
    return path


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> SqliteGazetteer:
    return SqliteGazetteer(write_small_index(tmp_path_factory.mktemp("gaz") / "small.sqlite"), source="test")


# --------------------------------------------------------------------------- keys


def test_name_key_folds_case_accents_and_punctuation():
    assert name_key("Al-Ḩasakah") == "al hasakah"
    assert name_key("U.S.") == "us"
    assert name_key("Deir ez-Zor Governorate") == "deir ez zor governorate"


def test_generic_suffix_and_articles():
    assert without_generic_suffix("deir ez zor governorate") == "deir ez zor"
    assert without_generic_suffix("province") == "province"
    assert without_articles("al hol") == "hol"


@pytest.mark.parametrize(
    "a, b",
    [("Baghouz", "Baghuz"), ("Baghouz", "al-Baghuz"), ("Al Hol", "al-Hawl"), ("Deir Az Zor", "Dayr az Zawr"),
     ("Raqqa", "Ar-Raqqah"), ("Hasakeh", "Al Ḩasakah")],
)
def test_transliteration_variants_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


def test_different_names_have_different_skeletons():
    assert skeleton("Baghouz") != skeleton("Benghazi")
    assert skeleton("Tripoli") != skeleton("Beirut")


def test_trimmed_midpoint_of_few_points_is_the_box_middle():
    assert trimmed_midpoint([(30.0, 40.0), (32.0, 44.0), (31.0, 41.0)]) == (31.0, 42.0)


# --------------------------------------------------------------------------- the SQLite index


def test_lookup_by_main_and_alternate_names(small):
    by_main = small.lookup(name_key("Beirut"))
    assert [(c.place.geonameid, c.primary) for c in by_main] == [(276781, True)]
    by_alt = small.lookup(name_key("El Hol"))
    assert [(c.place.geonameid, c.primary) for c in by_alt] == [(173797, False)]
    assert sorted(c.place.country_code for c in small.lookup("tripoli")) == ["LB", "LY"]


def test_skeleton_lookup_finds_spelling_variants(small):
    ids = {c.place.geonameid for c in small.lookup_skeleton(skeleton("Al Hol"))}
    assert 173797 in ids


def test_country_admin_and_demonym(small):
    assert small.country("SY").geonameid == 163843
    assert small.admin("SY.07").name == "Dayr az Zawr"
    assert small.admin("SY.07").precision == "admin1"
    assert small.demonym("syrian") == "SY"
    assert small.demonym("martian") is None


def test_fuzzy_admin_matches_spelling_of_areas(small):
    hits = small.fuzzy_admin(name_key("Deir Az Zor"), ["SY"], cutoff=85)
    assert [c.place.geonameid for c in hits] == [170792]
    assert small.fuzzy_admin(name_key("Deir Az Zor"), ["LB"], cutoff=85) == []


# --------------------------------------------------------------------------- user places and composition


def test_user_places_file(tmp_path):
    f = tmp_path / "places.tsv"
    f.write_text(
        "# my places\n"
        "name\tlat\tlon\tcountry_code\tfeature_class\tprecision\taliases\tgeonameid\tadmin1\n"
        "Camp Seven\t36.1\t41.2\tsy\tS\tpoint\tSeventh Camp|Camp 7\t\tSY.01\n"
        "broken line\tnot-a-number\n",
        encoding="utf-8",
    )
    user = UserPlaces([f])
    hits = user.lookup(name_key("camp 7"))
    assert len(hits) == 1
    p = hits[0].place
    assert (p.name, p.lat, p.lon, p.country_code, p.feature_class, p.precision, p.geonameid, p.source) == (
        "Camp Seven", 36.1, 41.2, "SY", "S", "point", None, "user")
    assert [c.place.name for c in user.lookup_skeleton(skeleton("Camp Sevn"))] == ["Camp Seven"]
    assert user.lookup_skeleton(skeleton("Camp Eight")) == []
    assert len(user.places) == 1  # the broken line was skipped


def test_composite_prefers_the_first_source_for_the_same_record(small, tmp_path):
    f = tmp_path / "places.tsv"
    f.write_text("name\tlat\tlon\tcountry_code\tgeonameid\nBeirut\t33.9\t35.5\tLB\t276781\n", encoding="utf-8")
    comp = CompositeGazetteer([UserPlaces([f]), small])
    hits = comp.lookup("beirut")
    assert len(hits) == 1 and hits[0].place.source == "user"
    assert comp.country("LY").name == "Libya"
    assert comp.demonym("libyan") == "LY"


def test_bundled_alias_file_is_well_formed():
    rows = read_place_aliases()
    assert ("U.S.", "US", "name") in rows
    assert ("Syrian", "SY", "demonym") in rows
    assert all(kind in ("name", "demonym") for _, _, kind in rows)


# --------------------------------------------------------------------------- dump import


def _dump_row(gid, name, alts, lat, lon, fclass, fcode, cc, a1="", a2="", pop=0):
    return "\t".join([str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
                      str(pop), "", "0", "Asia/Damascus", "2024-01-01"])


def test_import_geonames_dump_indexes_a_country_file(tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text(
        "\n".join([
            _dump_row(900001, "Al Bāghūz Fawqānī", "Baghouz,Baghuz,al-Baghuz Fawqani,الباغوز", 34.48, 40.95,
                      "P", "PPL", "SY", "07", "", 10000),
            _dump_row(900002, "Sample Governorate", "", 35.0, 40.5, "A", "ADM1", "SY", "07"),
            _dump_row(900003, "Some Wadi", "", 34.9, 40.0, "H", "WAD", "SY", "07"),
            "not a geonames line",
        ]) + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "g.sqlite"
    assert import_geonames_dump(dump, target, feature_classes=("A", "P")) == 2
    g = SqliteGazetteer(target, source="geonames-dump")
    hits = g.lookup(name_key("Baghuz"))
    assert [(c.place.geonameid, c.place.lat, c.place.lon, c.place.admin1) for c in hits] == [
        (900001, 34.48, 40.95, "SY.07")]
    assert g.lookup(name_key("Some Wadi")) == []
    assert g.admin("SY.07").geonameid == 900002
    assert g.lookup(name_key("الباغوز")) == []  # non-Latin names are not indexed


def test_import_reads_zip_files(tmp_path):
    import zipfile

    z = tmp_path / "XX.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("XX.txt", _dump_row(900010, "Zipville", "", 1.0, 2.0, "P", "PPL", "XX", pop=5) + "\n")
        zf.writestr("readme.txt", "not data\n")
    target = tmp_path / "z.sqlite"
    assert import_geonames_dump(z, target) == 1
    assert SqliteGazetteer(target).lookup("zipville")[0].place.geonameid == 900010


def test_second_import_adds_to_the_first_and_the_default_sees_it(tmp_path, monkeypatch):
    from newsfuse.annotate.places.default import imported_dump_path

    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    a, b = tmp_path / "AA.txt", tmp_path / "BB.txt"
    a.write_text(_dump_row(900020, "Firstville", "", 1.0, 1.0, "P", "PPL", "AA") + "\n", encoding="utf-8")
    b.write_text(_dump_row(900021, "Secondville", "", 2.0, 2.0, "P", "PPL", "BB") + "\n", encoding="utf-8")
    assert import_geonames_dump(a) == 1
    assert import_geonames_dump(b) == 1
    dump = SqliteGazetteer(imported_dump_path())
    assert [c.place.geonameid for c in dump.lookup("firstville") + dump.lookup("secondville")] == [900020, 900021]
