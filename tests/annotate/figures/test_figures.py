"""The figures stage on text written for these tests (upstream layers built by hand), and on the seeds."""

from pathlib import Path

import pytest

from newsfuse.model import Article, Boilerplate, EntityMention, PlaceMention, Quote, Sentence, SpanRef, TimeExpr
from newsfuse.annotate.figures import stage as figures
from newsfuse.annotate.figures.period_choice import anchored_period
from newsfuse.annotate.figures.stage import STAGE, find_figures
from newsfuse.annotate.pipeline import resolve_stages
from newsfuse.text.date_prefix import find_date_prefix

# --------------------------------------------------------------------------- building articles by hand


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def ent(text, sub, label, entity=None, nth=0):
    s, e = at(text, sub, nth)
    return EntityMention(s, e, sub, label, entity or sub)


def place(text, sub, geonameid, nth=0):
    s, e = at(text, sub, nth)
    return PlaceMention(s, e, sub, sub, geonameid, None, None, None)


def time_(text, sub, value, nth=0):
    s, e = at(text, sub, nth)
    return TimeExpr(s, e, sub, value)


def article(text, published=None, **layers):
    return Article.create(id="t", text=text, published=published).with_layer(**layers)


def figs(text, **kw):
    return find_figures(article(text, **kw))


def one(text, **kw):
    found = figs(text, **kw)
    assert len(found) == 1, [(f.text, f.category) for f in found]
    return found[0]


def summary(f):
    return f.text, f.low, f.high, f.qualifier, f.unit, f.category, f.subject


# --------------------------------------------------------------------------- the stage record


def test_stage_declares_its_layers():
    assert STAGE.name == "figures"
    assert STAGE.provides == ("figures",)
    assert set(STAGE.requires) == {"sentences", "entities", "places", "times", "quotes"}
    out = STAGE.process(article("Dozens were wounded."))
    assert [(f.text, f.category, f.method) for f in out.figures] == [("Dozens", "injured", "figures/rules-2")]


# --------------------------------------------------------------------------- categories and subjects


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shelling killed at least 12 villagers in the valley.", ("at least 12", 12, None, "at_least", "people", "dead", "civilians")),
        ("Seventy people died in the crossing.", ("Seventy", 70, 70, "exact", "people", "dead", "people")),
        ("The attack left 45 dead.", ("45", 45, 45, "exact", "people", "dead", "people")),
        ("Around 25 soldiers were wounded in the ambush.", ("Around 25", 22.5, 27.5, "approx", "people", "injured", "soldiers")),
        ("More than 40 civilians were killed or wounded.", ("More than 40", 41, None, "more_than", "people", "dead_or_injured", "civilians")),
        ("Over 9,000 residents have fled the district.", ("Over 9,000", 9001, None, "more_than", "people", "fled", "civilians")),
        ("Some 500 families were evacuated overnight.", ("Some 500", 450, 550, "approx", "households", "fled", "people")),
        ("Almost 2,000 people reached the camp on Friday.", ("Almost 2,000", 1800, 2000, "approx", "people", "arrived", "people")),
        ("Up to 300 rebels remain holed up in the old town.", ("Up to 300", 0, 300, "at_most", "people", "present", "fighters")),
        ("The group controls between 3,000 and 5,000 jihadists.", ("between 3,000 and 5,000", 3000, 5000, "range", "people", "present", "fighters")),
        ("Police arrested 31 protesters.", ("31", 31, 31, "exact", "people", "detained", "civilians")),
        ("Gunmen abducted 14 schoolgirls on the road.", ("14", 14, 14, "exact", "people", "abducted", "children")),
        ("Nine fishermen are still missing.", ("Nine", 9, 9, "exact", "people", "missing", "civilians")),
        ("About 1,200 refugees have returned to the town.", ("About 1,200", 1080, 1320, "approx", "people", "returned", "migrants")),
        ("Sixty IS fighters surrendered to the army.", ("Sixty", 60, 60, "exact", "people", "surrendered", "fighters")),
        ("The floods affected 12,000 people.", ("12,000", 12000, 12000, "exact", "people", "affected", "people")),
        ("At least 60 homes were destroyed by the storm.", ("At least 60", 60, None, "at_least", "homes", "homes_destroyed", "other")),
        ("The clashes displaced 4,500 women and children.", ("4,500", 4500, 4500, "exact", "people", "displaced", "women")),
        ("Hundreds of migrants were detained at the border.", ("Hundreds", 200, 999, "vague", "people", "detained", "migrants")),
        ("Twelve police officers died.", ("Twelve", 12, 12, "exact", "people", "dead", "police")),
        ("There are now 8,300 IDPs in the district.", ("8,300", 8300, 8300, "exact", "people", "displaced", "people")),
        ("The raid left 6 terrorists dead.", ("6", 6, 6, "exact", "people", "dead", "fighters")),
        # A toll and its verb apart: a "since …" phrase between them, a modifier naming who died.
        ("The civilian death toll since Friday rose to 58, the monitor said.",
         ("58", 58, 58, "exact", "people", "dead", "civilians")),
        ("The death toll since the offensive began on March 10 had risen to at least 173.",
         ("at least 173", 173, None, "at_least", "people", "dead", "people")),
        ("Two people, a 58-year-old shepherd and his nine-year-old grandson, are still missing.",
         ("Two", 2, 2, "exact", "people", "missing", "people")),
    ],
)
def test_category_unit_subject(text, expected):
    f = one(text)
    assert (f.text, f.low, f.high, f.qualifier, f.unit, f.category, f.subject) == expected


def test_a_since_clause_gives_the_start_and_a_nouns_length_is_no_window():
    text = ("The Monitor said the civilian death toll since the army's offensive began on Friday had risen to 151, "
            "making it the deadliest week of the four-year war.")
    a = Article.create(id="t", text=text, published="2023-03-15",
                       times=(TimeExpr(text.index("Friday"), text.index("Friday") + 6, "Friday", "2023-03-10"),
                              TimeExpr(text.index("four-year"), text.index("four-year") + 9, "four-year", "P4Y")))
    [f] = [f for f in find_figures(a) if f.text == "151"]
    assert (f.cumulative, f.period) == (True, "2023-03-10/2023-03-15")


def test_label_before_the_number():
    assert [summary(f) for f in figs("Number of displaced: 452")] == [
        ("452", 452, 452, "exact", "people", "displaced", "people")]
    assert [summary(f) for f in figs("Completely destroyed housing: 146")] == [
        ("146", 146, 146, "exact", "homes", "homes_destroyed", "other")]


def test_camp_population_is_sheltered_and_a_city_population_is_not_a_figure():
    f = one("The newcomers pushed the camp's population to over 7,500.")
    assert (f.text, f.low, f.category) == ("over 7,500", 7501, "sheltered")
    assert figs("The town has a population of 45,000.") == []


def test_coordinated_counts_share_their_verb():
    found = figs("The gunmen killed 6 teachers and 2 nurses before fleeing.")
    assert [(f.text, f.category, f.subject) for f in found] == [("6", "dead", "civilians"), ("2", "dead", "civilians")]
    found = figs("Four soldiers were killed and eleven others were wounded.")
    assert [(f.text, f.category, f.subject) for f in found] == [("Four", "dead", "soldiers"), ("eleven", "injured", "soldiers")]


def test_appositive_is_skipped_and_inherits():
    text = "Almost 900 people, including hundreds of fighters, left the town over the weekend."
    assert [(f.text, f.category, f.subject) for f in figs(text)] == [
        ("Almost 900", "fled", "people"), ("hundreds", "fled", "fighters")]
    text = "About 40 people, mostly children under the age of five, have died on the road."
    assert [(f.text, f.category) for f in figs(text)] == [("About 40", "dead")]


def test_two_predicates_give_two_figures():
    found = figs("Some 800 families were affected and evacuated.")
    assert [(f.text, f.category) for f in found] == [("Some 800", "affected"), ("Some 800", "fled")]


def test_remained_passes_on_to_the_next_trigger():
    f = one("Some 7,000 people remained displaced in the north.")
    assert f.category == "displaced"


# --------------------------------------------------------------------------- what is not a figure


@pytest.mark.parametrize(
    "text",
    [
        "The talks began on 3 March 2019 in the capital.",
        "The fighting has lasted for more than 12 years.",
        "Aid worth $4.5 million arrived on Monday.",
        "Prices rose 30% in a week.",
        "The fighters hold one square km (0.4 square miles) of land.",
        "Most victims were children under the age of five.",
        "The 3rd brigade moved north on the 5th.",
        "Call +44 20 7946 0958 for help.",
        "They fired M-16 rifles from 20 trucks.",
        "The UN passed Resolution 2254 in 2015.",
        "The two leaders met in Vienna.",
        "The river rose 2.5 metres in 24h.",
    ],
)
def test_no_people_count(text):
    assert figs(text) == []


def test_age_number_is_not_counted_but_the_people_are():
    found = figs("Around 90 people, mostly children under the age of five, have died.")
    assert [f.text for f in found] == ["Around 90"]


# --------------------------------------------------------------------------- noisy web text


def test_noisy_web_numbers():
    assert [(f.text, f.value, f.category) for f in figs("Officials said 20,000people fled the floods.")] == [
        ("20,000", 20000, "fled")]
    assert [(f.text, f.low, f.category) for f in figs("Over\u00a020\u00a0000 civilians fled.")] == [
        ("Over\u00a020\u00a0000", 20001, "fled")]
    assert [(f.text, f.value, f.category) for f in figs("Some 1.2m people were displaced.")] == [
        ("Some 1.2m", 1200000, "displaced")]
    assert [(f.text, f.value, f.category) for f in figs("TWELVE PEASANTS WERE KILLED BY THE GUERRILLAS.")] == [
        ("TWELVE", 12, "dead")]


def test_headline_line_without_punctuation():
    text = "Thousands flee as river bursts its banks\n\nThe river burst its banks on Monday."
    assert [(f.text, f.category) for f in figs(text)] == [("Thousands", "fled")]


# --------------------------------------------------------------------------- negation, modality, cumulative


def test_zero_and_negated():
    f = one("No civilians were killed in the strike.")
    assert (f.text, f.value, f.low, f.high, f.category, f.subject, f.negated) == (
        "No civilians", 0, 0, 0, "dead", "civilians", True)
    f = one("No one was hurt.")
    assert (f.text, f.value, f.category, f.negated) == ("No one", 0, "injured", True)
    f = one("The 20 hostages were not injured.")
    assert (f.value, f.category, f.negated) == (20, "injured", True)


def test_modality():
    f = one("Hundreds are expected to arrive at the camp.")
    assert (f.category, f.modality) == ("arrived", "expected")
    f = one("The death toll could rise to 60.")
    assert (f.text, f.category, f.modality, f.cumulative) == ("60", "dead", "projected", True)
    f = one("Another 10,000 might have to be evacuated.")
    assert (f.category, f.modality) == ("fled", "possible")
    assert one("Dozens were killed.").modality is None


def test_cumulative():
    f = one("The death toll rose to 45 on Sunday.")
    assert (f.text, f.category, f.cumulative) == ("45", "dead", True)
    assert one("So far 210 people have been evacuated.").cumulative is True
    assert one("Since Sunday 80 fighters have surrendered.").cumulative is True
    assert one("Eighty fighters surrendered on Sunday.").cumulative is False
    assert [(f.text, f.category) for f in figs("The toll rose from 40 to 45.")] == [("45", "dead")]


# --------------------------------------------------------------------------- claimant


def test_claimant_according_to_with_entity():
    text = "Around 4,000 people fled the valley, according to the Relief Office."
    f = one(text, entities=(ent(text, "Relief Office", "ORG", "Relief Office of the North"),))
    assert f.claimant == SpanRef(*at(text, "Relief Office"), "Relief Office", "Relief Office of the North")


def test_claimant_subject_before_cue():
    text = "The Rivers Council believes 300 to 500 rebels remain in the hills."
    f = one(text, entities=(ent(text, "Rivers Council", "ORG"),))
    assert (f.low, f.high, f.category, f.claimant.text, f.claimant.entity) == (300, 500, "present", "Rivers Council", "Rivers Council")
    text = "Some 60 people died, the health ministry said on Monday."
    f = one(text)
    assert (f.claimant.text, f.claimant.entity) == ("health ministry", None)
    text = "At least 30 civilians were killed, state radio reported."
    assert one(text).claimant.text == "state radio"


def test_a_verb_after_one_count_is_not_the_next_counts_verb():
    # A headline's list: "Killed" is said of the 7, "Injured" of the 25.
    found = figs("7 Civilians Killed 25 Injured in Car Bomb Attack")
    assert [(f.text, f.category, f.subject) for f in found] == [("7", "dead", "civilians"), ("25", "injured", "people")]
    # A count's own word says what happened to it; a verb further on is about others.
    found = figs("Initial reports of 20 killed with many injured.")
    assert [(f.text, f.category, f.qualifier) for f in found] == [("20", "dead", "exact"), ("many", "injured", "vague")]


def test_members_of_an_armed_formation_are_fighters():
    # "members of" takes its subject from the group named after it: forces and militias are armed.
    assert one("Two members of the National Defence Forces were killed.").subject == "fighters"
    assert one("Two members of the security forces were killed.").subject == "police"
    assert one("Two members of the family were killed.").subject == "civilians"


def test_claimant_of_a_page_scraped_without_its_commas():
    # Scraped copies often lose their commas: the source noun runs on from the count it claims.
    text = "Shells hit the old town killing five people and wounding dozens more observers said."
    found = figs(text)
    assert [(f.text, f.category, f.subject, f.confidence) for f in found] == [
        ("five", "dead", "people", 0.9), ("dozens", "injured", "people", 0.9)]  # "observers" is who speaks
    assert [f.claimant.text for f in found] == ["observers", "observers"]
    text = "Air strikes on the market killed nine people activists said."
    assert one(text).claimant.text == "activists"
    # A source phrase with no count in it keeps its modifiers.
    text = "Human rights activists said 20 people were killed."
    assert one(text).claimant.text == "Human rights activists"


def test_claimant_skips_an_appositive_and_stops_at_but():
    text = "The Monitor, a London-based group, said 120 fighters quit the town."
    f = one(text, entities=(ent(text, "The Monitor", "ORG", "Monitor"),))
    assert (f.claimant.text, f.claimant.entity) == ("The Monitor", "Monitor")
    text = "Over 9,000 civilians fled, but the army said more were trapped."
    assert one(text).claimant is None


def test_claimant_pronoun_takes_the_previous_claimant():
    text = "The agency said 900 people arrived on Monday. It said the camp's population rose to over 9,000."
    found = figs(text, entities=(ent(text, "agency", "ORG", "Relief Agency"),))
    assert [(f.text, f.category) for f in found] == [("900", "arrived"), ("over 9,000", "sheltered")]
    assert (found[1].claimant.text, found[1].claimant.entity) == ("It", "Relief Agency")


def test_claimant_from_the_quote_around_the_figure():
    text = "The monitor said 280 fighters had left since Sunday."
    s, e = at(text, "280 fighters had left since Sunday")
    speaker = SpanRef(*at(text, "The monitor"), "The monitor", "Syrian Monitor")
    quote = Quote(s, e, text[s:e], "indirect", speaker, SpanRef(*at(text, "said"), "said"))
    assert one(text, quotes=(quote,)).claimant == speaker


def test_a_quote_speaker_that_names_no_one_is_no_claimant():
    text = "The Veltrian army is investigating reports that at least 73 civilians were killed in strikes."
    s, e = at(text, "at least 73 civilians were killed in strikes")
    speaker = SpanRef(*at(text, "investigating"), "investigating", None)
    quote = Quote(s, e, text[s:e], "indirect", speaker, SpanRef(*at(text, "reports"), "reports"))
    assert one(text, quotes=(quote,)).claimant is None


def test_the_attribution_of_the_span_comes_first(monkeypatch):
    text = "Some 70 people died."
    given = SpanRef(0, 4, "Some", "Somebody")
    monkeypatch.setattr(figures, "claimant_for_span", lambda art, s, e: given)
    assert one(text).claimant == given


# --------------------------------------------------------------------------- place and period


def test_place_prefers_the_destination_of_arrivals():
    text = "Around 15,000 people reached the Al Hol camp from Baghouz between February 22 and March 1."
    f = one(
        text,
        published="2019-03-05",
        places=(place(text, "Al Hol", 1111), place(text, "Baghouz", 2222)),
        times=(time_(text, "between February 22 and March 1", "2019-02-22/2019-03-01"),),
    )
    assert (f.category, f.place.text, f.place.geonameid, f.period) == ("arrived", "Al Hol", 1111, "2019-02-22/2019-03-01")


def test_place_skips_adjectives_and_the_claimant():
    text = "A Paris-based monitor said 50 people died in Idlib."
    f = one(text, places=(place(text, "Paris", 1), place(text, "Idlib", 2)))
    assert f.place.text == "Idlib"


def test_period_skips_the_reporting_day_and_anchors_relative_phrases():
    text = "Over 20,000 civilians have fled in the past 10 days, the agency said on Monday."
    f = one(
        text,
        published="2019-03-05",
        times=(time_(text, "the past 10 days", "P10D"), time_(text, "Monday", "2019-03-04")),
    )
    assert f.period == "2019-02-23/2019-03-05"
    text = "280 fighters quit since Sunday."
    f = one(text, published="2019-03-05", times=(time_(text, "Sunday", "2019-03-03"),))
    assert (f.period, f.cumulative) == ("2019-03-03/2019-03-05", True)


def test_anchored_period_keeps_resolved_values_and_drops_bare_durations():
    assert anchored_period(TimeExpr(0, 7, "Tuesday", "2019-03-05"), "Tuesday", "2019-03-05") == "2019-03-05"
    assert anchored_period(TimeExpr(4, 16, "30 years", "P30Y"), "for 30 years", "2019-03-05") is None
    assert anchored_period(TimeExpr(9, 17, "48 hours", "PT48H"), "the past 48 hours", "2019-03-05") == "2019-03-03/2019-03-05"


# --------------------------------------------------------------------------- boilerplate and sentences


def test_boilerplate_is_skipped():
    text = "Share this story with 5,000 friends\n\nDozens were killed."
    found = find_figures(article(text, boilerplate=(Boilerplate(0, 35, "share_prompt"),)))
    assert [f.text for f in found] == ["Dozens"]


def test_spans_index_the_text():
    text = "Syria's war has killed 360,000 people and displaced millions since 2011."
    found = figs(text)
    assert [(f.text, f.category) for f in found] == [("360,000", "dead"), ("millions", "displaced")]
    for f in found:
        assert text[f.start : f.end] == f.text


# --------------------------------------------------------------------------- the seed pages

def _seed(path: Path) -> Article:
    """A seed page through the stages the figures stage requires, then the figures stage."""
    text = path.read_bytes().decode("utf-8")
    prefix_found = find_date_prefix(text)
    art = Article.create(id=path.stem, text=text, published=prefix_found[2] if prefix_found else None)
    for stage in resolve_stages(STAGE.requires):
        art = stage.process(art)
    return STAGE.process(art)


def _has(article, category, low, high, starts):
    return any(f.category in category and f.low == low and f.high == high and f.text.startswith(starts)
               for f in article.figures)


def test_seed_figures_category_and_range(seed_path):
    """What this stage guarantees on the seeds: category and range."""
    a0, a4 = _seed(seed_path("000")), _seed(seed_path("004"))
    checks = [
        _has(a0, {"fled"}, 270, 330, "Around 300"),
        _has(a0, {"present"}, 400, 600, "400 to 600"),
        _has(a0, {"fled"}, 20001, None, "Over 20,000"),
        _has(a0, {"dead_or_injured"}, 70, None, "At least 70"),
        _has(a0, {"present"}, 14000, 18000, "between 14,000"),
        _has(a4, {"fled"}, 2700, 3000, "almost 3,000"),
        _has(a4, {"fled"}, 280, 280, "280"),
        _has(a4, {"arrived"}, 13500, 16500, "Around 15,000"),
        _has(a4, {"sheltered"}, 56001, None, "over 56,000"),
        _has(a4, {"dead"}, 81, 99, "Around 90"),
        _has(a4, {"dead"}, 360000, 360000, "360,000"),
        _has(a4, {"dead"}, 36000, 40000, "nearly 40,000"),
    ]
    assert sum(checks) >= 11, checks
    assert all(checks), checks
    for a in (a0, a4):
        for f in a.figures:
            assert a.text[f.start : f.end] == f.text
        # dates, ages and areas on these pages are not counts of people
        assert not any(f.text in ("five", "one", "0.4", "2011", "2017") for f in a.figures)


def test_a_list_after_leaving_takes_the_state_word_that_ends_it():
    """"leaving 23 civilians - including nine children - and 16 fighters dead": every count of the list
    is dead, the spaced hyphens read as dashes; a hyphen inside a word ("58-year-old") is no dash."""
    text = "Clashes have rocked the town leaving 23 civilians - including nine children - and 16 fighters dead."
    assert [(f.text, f.category, f.subject) for f in figs(text)] == [
        ("23", "dead", "civilians"), ("nine", "dead", "children"), ("16", "dead", "fighters")]


def test_the_sides_between_which_fighting_runs_are_not_counted():
    text = "Since Wednesday clashes between the two forces have rocked the city leaving 23 civilians dead."
    assert [(f.text, f.category) for f in figs(text)] == [("23", "dead")]


def test_a_toll_word_reaches_its_number_past_a_from_phrase():
    f = one("A local journalist placed the death toll from the air raids at 50.")
    assert (f.text, f.category) == ("50", "dead")


def test_after_a_day_name_the_speech_verb_takes_the_source_that_follows_it():
    """"... exploded in a mosque on Friday said a monitoring group": the day ends the clause; the source is
    the phrase after the verb, not "Friday"; a worker is a source like workers are."""
    text = "The blast killed 25 fighters in a mosque on Friday said a monitoring group."
    f = one(text, sentences=(Sentence(0, len(text)),))
    assert f.claimant is not None and f.claimant.text.endswith("monitoring group")
    text = "A civil defence worker said at least 32 people were killed."
    f = one(text, sentences=(Sentence(0, len(text)),))
    assert f.claimant is not None and f.claimant.text.endswith("civil defence worker")


def test_a_nationality_after_the_number_is_not_the_counts_place():
    """"22 Lebanese pilgrims were injured": Lebanese says who they were; with no other place in the
    sentence the count has none (it is not in Lebanon)."""
    text = "A bomb struck a bus on Sunday. 22 Lebanese pilgrims were injured, officials said."
    start = text.index("Lebanese")
    demonym = PlaceMention(start, start + len("Lebanese"), "Lebanese", "Lebanon", 272103, 33.8, 35.8, "LB",
                           "A", "country", "places/gazetteer-1:demonym", 0.6)
    f = one(text, places=(demonym,))
    assert (f.text, f.category, f.place) == ("22", "injured", None)
    city = PlaceMention(start, start + len("Lebanese"), "Lebanese", "Lebanon", 272103, 33.8, 35.8, "LB",
                        "A", "country", "places/gazetteer-1:exact", 0.9)
    assert one(text, places=(city,)).place is not None  # the same mention read as a name is a place


def test_a_toll_reaches_a_count_of_people_and_a_long_from_phrase():
    """"The death toll from strikes on the town of X has risen to 82 people": the count of people says
    nothing of what happened to them, so the toll word before it decides (firmly, not by the nearest
    word), however long the "from" phrase between them."""
    f = figs("The death toll has risen to 82 people.")[0]
    assert (f.text, f.category, f.cumulative) == ("82", "dead", True) and f.confidence >= 0.9
    text = ("The death toll from Harran and Velsk strikes in the opposition-held town of Dorna has risen "
            "to 82 people including 58 civilians, the monitor said.")
    found = {f.text: f for f in figs(text)}
    assert found["82"].category == "dead" and found["82"].confidence >= 0.9
    assert found["58"].category == "dead"


def test_a_toll_word_alone_does_not_make_a_count_a_running_total():
    """"placed the death toll at 50" is a count; "the toll rose to 50" is a total that moves."""
    assert one("A local journalist placed the death toll from the air raids at 50.").cumulative is False
    assert one("The death toll rose to 50.").cumulative is True


def test_after_adjectives_alone_a_noun_of_the_dead_is_the_counts_head():
    """"6 Lebanese martyrs": the nationality is an adjective and "martyrs" the head, which says they died;
    after a head noun a participle is the predicate ("300 individuals displaced")."""
    found = {f.text: f.category for f in figs("6 Lebanese martyrs and 22 injured were reported after the bus bombing.")}
    assert found == {"6": "dead", "22": "injured"}
    assert one("Some 300 individuals displaced by the floods reached the camp.").category == "displaced"


def test_a_pronoun_opening_the_sentence_stands_for_the_toll_just_given():
    """"... an initial death toll of 47. This was later updated to 82": the 82 is that toll's new value
    (a running total), and so is "It rose to 45"; with no toll just before, "it" counts nothing."""
    text = "The monitor reported the raids on Saturday with an initial death toll of 47. This was later updated to 82 on Sunday."
    found = {f.text: f for f in figs(text)}
    assert found["82"].category == "dead" and found["82"].cumulative
    found = {f.text: f for f in figs("The death toll stood at 30 on Monday. It rose to 45 on Tuesday.")}
    assert found["45"].category == "dead" and found["45"].cumulative
    assert [f.text for f in figs("Police arrested 12 people. It rose to 45 on Tuesday.")] == ["12"]


def test_a_label_before_the_number_takes_its_own_modifiers_not_the_count_before_it():
    """"killed 16 civilians including one child and wounded 22": the 22 wounded are people, not
    children; "Civilian deaths stood at 40" keeps its modifier."""
    found = {f.text: f for f in figs("Raids killed 16 civilians including one child and wounded 22.")}
    assert (found["22"].category, found["22"].subject) == ("injured", "people")
    f = one("Civilian deaths stood at 40.")
    assert (f.category, f.subject) == ("dead", "civilians")


def test_a_word_past_another_number_belongs_to_that_number():
    """A headline "Bomb Claims 6 Lebanese Martyrs 22 Injured": the martyrs died; "Injured" is the
    22's word."""
    found = {f.text: f for f in figs("Bus Bomb in Damascus Claims 6 Lebanese Martyrs 22 Injured.")}
    assert found["6"].category == "dead"


def test_a_length_with_no_anchor_is_the_counts_window_not_the_incidents_day():
    """"Seven days of airstrikes had left 75 dead": a window of seven days (a bare duration), which
    reconciliation never compares with one attack's toll; a noun's length ("the four-year war") is none."""
    text = "Seven days of airstrikes across the province had left more than 75 civilians dead."
    f = one(text, published="2016-10-26", times=(time_(text, "Seven days", "P7D"),))
    assert f.period == "P7D"
    text = "The monitor said 40 people died in the four-year war."
    f = one(text, published="2016-10-26", times=(time_(text, "four-year", "P4Y"),))
    assert f.period is None


def test_scores_and_tens_count_people_before_a_casualty_participle():
    """"left scores wounded", "Tens killed and wounded": vague counts; "test scores rose in the tens"
    counts nobody."""
    assert [(f.text, f.category, f.low, f.high) for f in figs("The blast left scores wounded.")] == [
        ("scores", "injured", 40, 99)]
    assert [(f.text, f.category) for f in figs("Tens killed and wounded in a car bomb.")] == [
        ("Tens", "dead_or_injured")]
    assert figs("Test scores rose in the tens.") == []


def test_a_forces_count_before_a_passive_verb_of_loss_counts_its_dead():
    """Military communiques: "over 60 militants were eliminated", "80 fighters were destroyed" count
    dead; civilians "destroyed" are no such count, and "destroyed 27 armoured personnel carriers"
    counts vehicles."""
    assert [(f.text, f.category) for f in figs("Over 60 militants were eliminated.")] == [("Over 60", "dead")]
    assert [(f.text, f.category) for f in figs("80 fighters were destroyed in the area of Mayadeen.")] == [
        ("80", "dead")]
    assert all(f.category != "dead" for f in figs("We destroyed 27 armoured personnel carriers."))


def test_a_name_joined_to_the_counted_noun_before_its_passive_verb_keeps_the_verb():
    """"30 members of the YPG and asayesh were killed": "and asayesh" belongs to the noun, the verb to
    the count; "Five soldiers and police were wounded" likewise."""
    assert [(f.text, f.category) for f in figs("At least 30 members of the YPG and asayesh were killed.")] == [
        ("At least 30", "dead")]
    assert [(f.text, f.category) for f in figs("Five soldiers and police were wounded.")] == [("Five", "injured")]


def test_a_quoted_count_takes_the_verb_after_the_closing_quote():
    """'state television said "tens of terrorists" had been killed': the quote is the count's phrase."""
    assert [(f.text, f.category) for f in figs('State television said "tens of terrorists" had been killed.')] == [
        ("tens", "dead")]


def test_others_after_a_list_of_parts_are_of_the_whole_not_of_the_last_part():
    """"seven civilians were killed, among them a child and two women, and nine others were injured":
    the nine are of the seven's kind, not women; after a plain count "others" stay of that count's kind."""
    found = {f.text: f for f in figs("Seven civilians were killed among them a child and two women and nine "
                                     "others were injured.")}
    assert found["nine"].subject == "civilians"
    found = {f.text: f for f in figs("The strike killed 20 people including 5 children and wounded 30 others.")}
    assert found["30"].subject == "people"
    found = {f.text: f for f in figs("The strike killed 5 soldiers and wounded 30 others.")}
    assert found["30"].subject == "soldiers"


def test_a_sentence_opening_earlier_gives_an_earlier_count():
    """"Earlier on Wednesday a source said seven were killed": the page's earlier report of a toll that
    has moved since (cumulative, as "the previous toll was seven")."""
    found = {f.text: f for f in figs("Ten civilians were killed. Earlier on Wednesday a source said that seven "
                                     "civilians were killed.")}
    assert found["seven"].cumulative and not found["Ten"].cumulative


def test_a_relative_clause_on_the_counted_noun_lets_the_count_reach_its_verb():
    """"3,000 families who live near the volcano, located in the west, could be evacuated": the clause
    is about the count, its commas do not end the count's reach to "evacuated"."""
    found = [(f.text, f.category, f.unit) for f in figs(
        "More than 3,000 families who live near the Ardenza and Monte Vell volcanoes, located in the western "
        "range of Varnia, could be evacuated as a precaution.")]
    assert found == [("More than 3,000", "fled", "households")]


def test_a_bracketed_count_before_a_comma_keeps_its_verb():
    """"(150 families or 1,206 people), are homeless": the comma only closes the parenthesis."""
    found = {f.text: (f.category, f.unit) for f in figs("In Ostrava (150 families or 1,206 people), are homeless.")}
    assert found == {"150": ("displaced", "households"), "1,206": ("displaced", "people")}


def test_foreign_counts_and_lost_letters_are_read():
    """Spanish, Portuguese and French passages: "diez familias", "un centenar de casas"; and words whose
    accented letter a wrong decoding replaced ("fam\ufffdlias desalojadas")."""
    assert [(f.text, f.category, f.unit) for f in figs("Diez familias han sido evacuadas en Villarta.")] == [
        ("Diez", "fled", "households")]
    assert [(f.text, f.category, f.unit) for f in figs("El fuego oblig\ufffd a evacuar un centenar de casas.")] == [
        ("un centenar", "fled", "homes")]
    assert [(f.text, f.category, f.unit) for f in figs("O ciclone deixou 50 fam\ufffdlias desalojadas.")] == [
        ("50", "displaced", "households")]
    assert figs("THE DEATH OF THE CANAL DOCE NEWSMEN WAS REPORTED.") == []  # a number word in a name


def test_a_nationality_naming_who_struck_is_not_the_counts_place():
    """"killed by regime and Russian airstrikes on the city of Aleppo": Russian says whose aircraft, not
    where the dead were; the city is the place."""
    text = ("Ninety-two civilians were killed on Saturday by regime and Russian airstrikes on residential areas in "
            "opposition-held parts of the northwestern city of Aleppo.")
    start = text.index("Russian")
    demonym = PlaceMention(start, start + len("Russian"), "Russian", "Russia", 2017370, 60.0, 100.0, "RU",
                           "A", "country", "places/gazetteer-1:demonym", 0.6)
    s = text.index("Aleppo")
    city = PlaceMention(s, s + len("Aleppo"), "Aleppo", "Aleppo", 170063, 36.2, 37.2, "SY", "P", "city",
                        "places/gazetteer-1:exact", 0.9)
    f = one(text, places=(demonym, city))
    assert (f.category, f.place.text) == ("dead", "Aleppo")


def test_many_with_others_or_a_people_noun_before_a_casualty_verb_is_a_vague_count():
    """"many others were injured", "many more injured", "Many civilians were wounded": a vague count;
    "many" before anything else is not one."""
    assert [(f.text, f.category, f.qualifier) for f in figs("Many civilians were wounded in the raid.")] == [
        ("Many", "injured", "vague")]
    found = {f.text: f for f in figs("One resident was killed and many others were injured in Velmora.")}
    assert found["many"].category == "injured" and found["many"].qualifier == "vague"
    assert any(f.text == "many" and f.category == "injured"
               for f in figs("At least 17 people were killed and many more injured on Monday."))
    assert figs("Many people were surprised by the vote.") == []


def test_forces_massing_or_attacking_are_counted_as_present():
    """"About 1,500 rebels have massed on the front", "More than 1,500 fighters were attacking the city":
    how many armed men are there, not an untyped count."""
    assert one("About 1500 rebels have massed on a front west of Velmora.").category == "present"
    assert one("More than 1500 fighters were attacking the districts of Velmora.").category == "present"


def test_a_bracketed_gloss_between_a_number_and_its_noun_is_skipped():
    """"up to 80 (IS group) fighters": an editor's gloss; the count is of the fighters."""
    f = one("Up to 80 [Daesh] fighters were destroyed near Velmora, the ministry said.")
    assert (f.category, f.subject) == ("dead", "fighters")


def test_a_part_listed_before_a_passive_verb_of_loss_does_not_hide_the_verb():
    """"80 fighters including nine natives of the Caucasus were destroyed": the verb is the whole's and
    the part's; a part of armed men is armed men."""
    found = {f.text: f for f in figs("Up to 80 fighters including nine natives of the Caucasus were destroyed "
                                     "near Velmora.")}
    assert found["Up to 80"].category == "dead"
    assert (found["nine"].category, found["nine"].subject) == ("dead", "fighters")


def test_killed_slash_injured_is_a_count_of_dead_or_injured():
    """"Twelve people were killed/injured": the slash joins the two states, as "killed or injured" does."""
    assert one("Twelve people were killed/injured in the blast in Velmora.").category == "dead_or_injured"


def test_a_statement_printed_twice_takes_the_source_of_its_attributed_copy():
    """A standfirst copied from the body takes the body's source; a count merely equal to it does not."""
    text = ("Shelling killed at least 38 civilians on Tuesday as they crossed the river. "
            "Shelling killed at least 38 civilians on Tuesday as they crossed the river the Dunmore Monitor said.\n\n"
            "In all 38 civilians died this week.")
    found = figs(text, entities=(ent(text, "Dunmore Monitor", "ORG"),))
    assert [f.claimant is not None for f in found] == [True, True, False]


def test_a_speaker_joined_by_and_with_a_clause_of_its_own_does_not_claim_the_count():
    text = "The attack also injured dozens and the monitor said the toll could rise."
    assert one(text).claimant is None
    assert one("The attack injured dozens the monitor said.").claimant is not None


def test_a_relative_speaker_before_a_quoted_count_claims_it():
    """'reported by state radio which said "tens of fighters" had been killed': the antecedent of
    "which" speaks, and the quote mark after the verb opens what it says (no clause break)."""
    text = 'The raid was also reported by Dunmore Radio which said "tens of fighters" had been killed.'
    f = one(text, entities=(ent(text, "Dunmore Radio", "ORG"),))
    assert f.claimant is not None and f.claimant.text == "Dunmore Radio"
