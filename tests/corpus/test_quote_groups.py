"""Quotes across outlets (newsfuse.corpus.quote_groups) on small hand-built articles.

Outlets, people and places are fictional. Each article carries its ``quotes`` layer built by hand,
so these tests do not depend on the quote extractor.
"""

from __future__ import annotations

from newsfuse.output.brief import build_brief
from newsfuse.model import Article, Quote, SpanRef
from newsfuse.corpus.quote_groups import (
    MIN_SHARED_TERMS,
    SAME_WORDS,
    match_score,
    numbers_of,
    quotes_json,
    same_speaker,
)
from newsfuse.corpus.reuse import ArticleReuse, ReuseGroup
from newsfuse.corpus.summarize import terms_of

DAM = "The Sorrel dam will be closed to traffic until the inspection is finished"


def quote(text: str, content: str, speaker: str | None, kind: str = "direct", cue: str | None = "said",
          nth: int = 0) -> Quote:
    """A Quote over the nth occurrence of ``content`` in ``text``; speaker and cue found after it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(content, start + 1)
    end = start + len(content)
    who = None
    if speaker is not None:
        s = text.index(speaker)
        who = SpanRef(s, s + len(speaker), speaker, speaker)
    cue_ref = None
    if cue is not None:
        c = text.index(cue, end)
        cue_ref = SpanRef(c, c + len(cue), cue)
    return Quote(start, end, content, kind, who, cue_ref)


def article(id: str, source: str, published: str, text: str, quotes: list[Quote]) -> Article:
    return Article.create(id=id, text=text, source=source, published=published).with_layer(quotes=tuple(quotes))


def direct(id: str, source: str, published: str, words: str, speaker: str) -> Article:
    text = f'"{words}," {speaker} said on Monday.'
    return article(id, source, published, text, [quote(text, words, speaker)])


# --------------------------------------------------------------------------- matching rules


def test_thresholds_are_the_documented_ones():
    assert (SAME_WORDS, MIN_SHARED_TERMS) == (0.5, 3)


def test_one_changed_verb_keeps_the_statement_but_another_topic_does_not():
    t = lambda s: frozenset(terms_of(s))
    reworded = match_score(t(DAM), t("The Sorrel dam will stay closed to traffic until the inspection is finished"))
    assert round(reworded, 2) == 0.86  # 6 of 7 terms shared
    # same place and topic, another statement: below 0.5 and no shared speaker
    other = t("Traffic over the Sorrel dam is heavy every morning before the inspection")
    assert round(len(t(DAM) & other) / len(t(DAM) | other), 2) == 0.44  # 4 of 9
    assert match_score(t(DAM), other) == 0.0


def test_paraphrase_needs_the_same_speaker():
    t = lambda s: frozenset(terms_of(s))
    full = t("The Sorrel dam will be closed to traffic until the inspection is finished. Engineers arrive on Friday "
             "from the capital with divers and a crane.")
    short = t("The dam would remain closed until an inspection")
    assert match_score(full, short) == 0.0
    assert match_score(full, short, same_speaker=True) > 0


def test_numbers_and_speaker_names():
    assert numbers_of("The toll rose to 58, then to one hundred and twelve") == frozenset({"58", "12"})
    assert same_speaker("Liese Armbrand", "Liese Armbrandt")
    assert not same_speaker("Interior Ministry", "Defence Ministry")
    assert not same_speaker(None, "Liese Armbrand")


# --------------------------------------------------------------------------- groups


def test_same_words_in_two_outlets_make_one_group_with_two_reports():
    a = direct("a", "Harbour Gazette", "2031-04-01", DAM, "Mayor Ilka Dorn")
    b = direct("b", "Valley Post", "2031-04-02", DAM, "Mayor Ilka Dorn")
    (group,) = quotes_json([b, a])
    assert group == {
        "speaker": "Mayor Ilka Dorn",
        "text": DAM,
        "reports": [
            {"id": "a", "source": "Harbour Gazette", "start": 1, "end": 1 + len(DAM), "kind": "direct"},
            {"id": "b", "source": "Valley Post", "start": 1, "end": 1 + len(DAM), "kind": "direct"},
        ],
        "outlets": 2,
        "independent": 2,
    }


def test_reworded_direct_quote_is_flagged_with_each_wording():
    reworded = "The Sorrel dam will stay closed to traffic until the inspection is over"
    a = direct("a", "Harbour Gazette", "2031-04-01", DAM, "Mayor Ilka Dorn")
    b = direct("b", "Valley Post", "2031-04-02", reworded, "Mayor Ilka Dorn")
    (group,) = quotes_json([a, b])
    assert group["wording_differs"] is True
    assert group["wordings"] == [{"text": DAM, "ids": ["a"]}, {"text": reworded, "ids": ["b"]}]
    assert "speakers_differ" not in group


def test_case_and_punctuation_are_not_a_different_wording():
    a = direct("a", "Harbour Gazette", "2031-04-01", DAM, "Mayor Ilka Dorn")
    b = direct("b", "Valley Post", "2031-04-02", DAM.lower() + "!", "Mayor Ilka Dorn")
    (group,) = quotes_json([a, b])
    assert "wording_differs" not in group


def test_same_words_given_to_a_minister_and_a_spokesman():
    words = "Our units will hold the Tarn crossing whatever the weather brings"
    a = direct("a", "Harbour Gazette", "2031-04-01", words, "army spokesman Bron Vell")
    b = direct("b", "State Radio Kessa", "2031-04-01", words, "Defence Minister Oda Renk")
    c = direct("c", "Valley Post", "2031-04-02", words, "army spokesman Bron Vell")
    (group,) = quotes_json([a, b, c])
    assert group["speaker"] == "army spokesman Bron Vell"  # most reports
    assert group["speakers_differ"] is True
    assert group["speakers"] == [
        {"speaker": "army spokesman Bron Vell", "ids": ["a", "c"]},
        {"speaker": "Defence Minister Oda Renk", "ids": ["b"]},
    ]
    assert [r["id"] for r in group["reports"]] == ["a", "b", "c"]


def test_unrelated_quotes_and_different_numbers_stay_apart():
    a = direct("a", "Harbour Gazette", "2031-04-01", DAM, "Mayor Ilka Dorn")
    b = direct("b", "Valley Post", "2031-04-02", "We expect the first ferries to sail again next week", "Mayor Ilka Dorn")
    toll_a = direct("c", "Harbour Gazette", "2031-04-02", "The death toll in the Sorrel valley rose to 58 on Tuesday",
                    "the Kessa Relief Monitor")
    toll_b = direct("d", "Valley Post", "2031-04-04", "The death toll in the Sorrel valley rose to 151 on Thursday",
                    "the Kessa Relief Monitor")
    groups = quotes_json([a, b, toll_a, toll_b])
    assert [[r["id"] for r in g["reports"]] for g in groups] == [["a"], ["b"], ["c"], ["d"]]
    assert all("speakers_differ" not in g and "wording_differs" not in g for g in groups)


def test_short_quote_in_the_very_same_words_still_matches():
    a = direct("a", "Harbour Gazette", "2031-04-01", "We lost everything", "Ada Morn")
    b = direct("b", "Valley Post", "2031-04-02", "We lost everything.", "Ada Morn")
    c = direct("c", "Valley Post", "2031-04-03", "We lost nothing", "Ada Morn")
    assert [[r["id"] for r in g["reports"]] for g in quotes_json([a, b, c])] == [["a", "b"], ["c"]]


def test_two_statements_of_one_article_never_join_one_group():
    text = f'"{DAM}," Mayor Ilka Dorn said. Later she repeated: "{DAM}."'
    a = article("a", "Harbour Gazette", "2031-04-01", text,
                [quote(text, DAM, "Mayor Ilka Dorn"), quote(text, DAM, None, cue=None, nth=1)])
    b = direct("b", "Valley Post", "2031-04-02", DAM, "Mayor Ilka Dorn")
    groups = quotes_json([a, b])
    assert [[r["id"] for r in g["reports"]] for g in groups] == [["a", "b"], ["a"]]


def test_paraphrase_of_the_same_speaker_joins_the_direct_quote():
    words = "Families are arriving cold and hungry. Most walked all night with small children"
    a = direct("a", "Harbour Gazette", "2031-04-01", words, "Nela Frask")
    text = 'Nela Frask said that families were "cold and hungry" after walking all night.'
    paraphrase = 'families were "cold and hungry" after walking all night'
    b = article("b", "Aid Notes", "2031-04-03", text, [quote(text, paraphrase, "Nela Frask", kind="mixed", cue=None)])
    (group,) = quotes_json([a, b])
    assert [(r["id"], r["kind"]) for r in group["reports"]] == [("a", "direct"), ("b", "mixed")]
    assert group["text"] == words and "wording_differs" not in group  # only direct quotes are compared


def test_parts_split_around_one_cue_match_the_whole_quote_elsewhere():
    text = '"The Tarn crossing stays open," Bron Vell said, "as long as nobody fires on it."'
    cue = SpanRef(text.index("said"), text.index("said") + 4, "said")
    who = SpanRef(text.index("Bron"), text.index("Bron") + 9, "Bron Vell", "Bron Vell")
    p1, p2 = "The Tarn crossing stays open,", "as long as nobody fires on it."
    a = article("a", "Harbour Gazette", "2031-04-01", text, [
        Quote(1, 1 + len(p1), p1, "direct", who, cue),
        Quote(text.index(p2), text.index(p2) + len(p2), p2, "direct", who, cue),
    ])
    b = direct("b", "State Radio Kessa", "2031-04-02",
               "The Tarn crossing will stay open as long as nobody fires on it", "Oda Renk")
    (group,) = quotes_json([a, b])
    assert [r["id"] for r in group["reports"]] == ["a", "a", "b"]
    assert group["speakers_differ"] and group["wording_differs"]


# --------------------------------------------------------------------------- counts and order


def test_reprint_counts_once_as_independent_source():
    a = direct("a", "Harbour Gazette", "2031-04-01", DAM, "Mayor Ilka Dorn")
    b = direct("b", "Valley Post", "2031-04-02", DAM, "Mayor Ilka Dorn")
    reuse = {"a": ArticleReuse("a", 1.0, ()), "b": ArticleReuse("b", 1.0, ("a",))}
    (group,) = quotes_json([a, b], reuse=reuse)
    assert (group["outlets"], group["independent"]) == (2, 1)
    assert quotes_json([a, b])[0]["independent"] == 2


def test_quote_inside_a_reused_passage_counts_once():
    a = direct("a", "Harbour Gazette", "2031-04-01", DAM, "Mayor Ilka Dorn")
    b = direct("b", "Valley Post", "2031-04-02", DAM, "Mayor Ilka Dorn")
    passage = ReuseGroup("a", DAM, (("a", 0, 40), ("b", 0, 40)))
    elsewhere = ReuseGroup("a", "x", (("a", 200, 240), ("b", 200, 240)))
    assert quotes_json([a, b], reuse_groups=[elsewhere])[0]["independent"] == 2
    assert quotes_json([a, b], reuse_groups=[passage])[0]["independent"] == 1


def test_groups_ordered_by_outlets_then_first_publication():
    late = "We expect the first ferries to sail again next week"
    early = "The harbour cranes were not damaged by the storm at all"
    arts = [
        direct("a", "Harbour Gazette", "2031-04-03", late, "Mayor Ilka Dorn"),
        direct("b", "Valley Post", "2031-04-04", late, "Mayor Ilka Dorn"),
        direct("c", "Harbour Gazette", "2031-04-01", early, "Port chief Amon Tull"),
        direct("d", "Harbour Gazette", "2031-04-02", DAM, "Mayor Ilka Dorn"),
        direct("e", "Harbour Gazette", "2031-04-05", DAM, "Mayor Ilka Dorn"),
    ]
    groups = quotes_json(arts)
    assert [(g["outlets"], [r["id"] for r in g["reports"]]) for g in groups] == [
        (2, ["a", "b"]), (1, ["c"]), (1, ["d", "e"])]


def test_brief_uses_the_cross_outlet_quotes():
    a = direct("a", "Harbour Gazette", "2031-04-01", DAM, "Mayor Ilka Dorn")
    b = direct("b", "Valley Post", "2031-04-02", DAM.replace("finished", "over"), "Mayor Ilka Dorn")
    quotes = build_brief([a, b], story="s")["quotes"]
    assert [(q["outlets"], q.get("wording_differs"), len(q["reports"])) for q in quotes] == [(2, True, 2)]


# --------------------------------------------------------------------------- candidate pairs (speed)


def _all_pairs_that_match(units):
    """Every pair an exhaustive comparison keeps (the rule of _group_units, pair by pair)."""
    from newsfuse.corpus.quote_groups import numbers_agree

    kept = set()
    for i, u in enumerate(units):
        for j in range(i + 1, len(units)):
            v = units[j]
            if u.wording and u.wording == v.wording:
                kept.add((i, j))
            elif numbers_agree(u.numbers, v.numbers) and match_score(
                    u.terms, v.terms, same_speaker=same_speaker(u.speaker, v.speaker)) > 0:
                kept.add((i, j))
    return kept


def _many_overlapping_units():
    """Quotes drawn from a few common and some rare words, with copies, numbers and speaker variants."""
    import random

    from newsfuse.corpus.quote_groups import _units

    rng = random.Random(7)
    common = "said people city water bridge council road".split()
    rare = [f"orvel{c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    arts = []
    for n in range(40):
        words = " ".join(rng.choice(common + rare[: rng.randint(2, 26)]) for _ in range(rng.randint(2, 12)))
        content = (words + rng.choice(["", " 9", " 12"])).strip()
        speaker = rng.choice(["Mara Tesk", "Mara Tesq", "Ivo Brandt", None])
        text = f'"{content}," {speaker or "the official"} said.'
        arts.append(article(f"a{n}", f"Outlet {n % 5}", "2031-02-01", text, [quote(text, content, speaker)]))
    arts += [article(f"c{k}", "Copy", "2031-02-02", arts[n].text, list(arts[n].quotes)) for k, n in enumerate((3, 3, 8))]
    return _units(arts)


def _missed(units, blocking):
    """Matching pairs (exhaustive comparison) that a blocking does not propose."""
    expected = _all_pairs_that_match(units)
    assert len(expected) > 20  # the comparison is not between near-empty sets
    return expected - blocking(units)


def test_candidate_pairs_miss_no_matching_pair():
    """Blocking by rare shared terms drops only pairs that cannot match."""
    from newsfuse.corpus.quote_groups import _candidate_pairs

    def blocked(units):
        same_words, sharing = _candidate_pairs(units, [u.wording for u in units])
        return same_words | sharing

    units = _many_overlapping_units()
    assert _missed(units, blocked) == set()
    assert len(blocked(units)) < len(units) * (len(units) - 1) // 2  # and it does leave pairs out


def test_candidate_check_can_fail():
    """The check rejects a blocking that indexes each quote's commonest term only."""
    def commonest_term_only(units):
        from collections import Counter

        freq = Counter(t for u in units for t in u.terms)
        by_term = {}
        for i, u in enumerate(units):
            if u.terms:
                by_term.setdefault(max(u.terms, key=lambda t: (freq[t], t)), []).append(i)
        return {(a, b) for ids in by_term.values() for n, a in enumerate(ids) for b in ids[n + 1:]}

    assert _missed(_many_overlapping_units(), commonest_term_only)
