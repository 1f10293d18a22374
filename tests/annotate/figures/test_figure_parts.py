"""Parts of a larger count ("15 of the wounded were in critical condition"), earlier counts ("the
previous toll was 20"), datelines and printed dates, on text written for these tests; and the
reconciliation of a part beside its whole."""

from datetime import date

import pytest

from newsfuse.model import Article, Figure, Sentence, SpanRef, TimeExpr
from newsfuse.annotate.figures.parts import part_label
from newsfuse.annotate.figures.categories import lexicon
from newsfuse.annotate.figures.stage import find_figures
from newsfuse.annotate.figures.numbers import find_numbers
from newsfuse.knowledge.periods import weekday_before
from newsfuse.corpus.figures.reconcile import figures_json, reconcile_figures


def figs(text, **kw):
    return find_figures(Article.create(id="t", text=text, published=kw.pop("published", None)).with_layer(**kw))


def by_text(text, **kw):
    return {f.text: f for f in figs(text, **kw)}


def time_(text, sub, value, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return TimeExpr(start, start + len(sub), sub, value)


# --------------------------------------------------------------------------- parts and their scope


@pytest.mark.parametrize(
    "text, number, expected",
    [
        # partitive: the whole says what happened, the copula what the part is
        ("The blast wounded 40 people. 15 of the wounded were in critical condition.", "15",
         ("injured", "people", "critical condition")),
        ("At least 109 of the dead were evacuees, the monitor said.", "At least 109", ("dead", "people", "evacuees")),
        ("Two of the killed in Tarvel were medical staff.", "Two", ("dead", "civilians", "medical staff")),
        # a part whose subject is narrower than the whole needs no scope: its subject keeps it apart
        ("Fourteen of the dead were opposition fighters.", "Fourteen", ("dead", "fighters", None)),
        # among the whole
        ("Two medics were among at least 31 people killed on Saturday.", "Two", ("dead", "civilians", "medical staff")),
        ("Three of its workers were among the wounded.", "Three", ("injured", "civilians", "workers")),
        ("At least 11 children were among the 26 civilians killed.", "At least 11", ("dead", "children", None)),
        ("There were nine people from the hills among the rebels killed.", "nine", ("dead", "fighters", "part")),
        # including, after the whole
        ("The shelling killed 31 people, including two medics.", "two", ("dead", "civilians", "medical staff")),
        ("Over 130 people including 67 children were killed in the attack.", "67", ("dead", "children", None)),
        # a population that names what happened to it before
        ("Officials said 98 evacuees from Morrow and Kelt were killed in the blast.", "98",
         ("dead", "people", "evacuees")),
    ],
)
def test_parts_of_a_toll_carry_the_whole_category_and_a_scope(text, number, expected):
    f = by_text(text)[number]
    assert (f.category, f.subject, f.scope) == expected


def test_whole_counts_have_no_scope():
    found = by_text("The shelling killed 31 people, including two medics. Officials said 40 were wounded.")
    assert found["31"].scope is None and found["40"].scope is None
    assert by_text("Over 130 people including 67 children were killed.")["Over 130"].category == "dead"


def test_counts_shown_in_footage_are_not_a_toll():
    text = ("A video showed a room filled with more than 90 bodies. The narrator said they were one family. "
            "In a corridor outside lay another five bodies. The monitor said 40 people were killed.")
    found = by_text(text)
    assert (found["more than 90"].scope, found["more than 90"].modality) == ("footage", "shown")
    assert found["five"].scope == "footage"
    assert (found["40"].scope, found["40"].modality) == (None, None)


def test_part_labels_join_synonyms():
    lex = lexicon()
    assert part_label(["medics"], lex) == part_label(["medical", "staff"], lex) == "medical staff"
    assert part_label(["in", "critical", "condition"], lex) == "critical condition"
    assert part_label(["the"], None) == "part"


# --------------------------------------------------------------------------- earlier counts


@pytest.mark.parametrize(
    "text, number",
    [
        ("The previous death toll was 20, with 50 others injured.", "20"),
        ("The monitor updated a previous toll of 112 dead.", "112"),
        ("Initial reports spoke of 20 killed.", "20"),
        ("The group said 43 people were killed, in a new toll.", "43"),
    ],
)
def test_an_earlier_or_updated_toll_is_a_point_of_a_moving_count(text, number):
    assert by_text(text)[number].cumulative is True


def test_a_plain_count_is_not_cumulative():
    assert by_text("Shelling killed 12 people in the town.")["12"].cumulative is False


# --------------------------------------------------------------------------- categories


@pytest.mark.parametrize(
    "text, number, category, subject",
    [
        ("At least 48 people dead over 100 injured after the blast.", "over 100", "injured", "people"),
        ("The rebels also lost 15 fighters in the attack.", "15", "dead", "fighters"),
        ("Twenty-five members of the Nusra Front died in the blast.", "Twenty-five", "dead", "fighters"),
        ("Shelling caused several dozen dead and wounded in the suburbs.", "several dozen", "dead_or_injured", "people"),
        ("He said hundreds of dead and injured people were taken to clinics.", "hundreds", "dead_or_injured", "people"),
        ("Initial reports of 20+ killed & many injured.", "20+", "dead", "people"),
        ("The ministry said its jets eliminated 30 militants.", "30", "dead", "fighters"),
    ],
)
def test_categories_of_news_phrasings(text, number, category, subject):
    f = by_text(text)[number]
    assert (f.category, f.subject) == (category, subject)


def test_a_firm_losing_workers_is_no_toll():
    assert all(f.category != "dead" for f in figs("The firm lost 200 workers last year."))


def test_a_year_after_month_and_day_is_no_count():
    kinds = {n.text: n.kind for n in find_numbers("Sun Apr 16 2017 Death toll rises to 112")}
    assert kinds["2017"] == "year" and kinds["112"] == "count"
    assert [n.kind for n in find_numbers("Last updated at Apr 152017 A car bomb")] == ["date"]
    # ... unless a count noun follows: then it is a count, as a reader takes it
    assert [n.kind for n in find_numbers("On Jan 5, 2000 people were evacuated")][-1] == "count"
    assert [n.kind for n in find_numbers("In March 12000 people fled")] == ["count"]


# --------------------------------------------------------------------------- periods


def test_the_dateline_is_not_the_period_of_a_figure():
    # Not the figure's own time; the lede it opens dates the event (event_date rule 4) to the same day.
    text = "Tuesday 5 Jul 2016 Bomber kills 16 outside a bakery in Hasakeh."
    f = by_text(text, published="2016-07-05", times=(time_(text, "Tuesday 5 Jul 2016", "2016-07-05"),))["16"]
    assert f.period == "2016-07-05"
    # A dateline over a background paragraph dates nothing.
    text = "Tuesday 5 Jul 2016 The war has killed 280,000 people, the monitor says."
    f = by_text(text, published="2016-07-05", times=(time_(text, "Tuesday 5 Jul 2016", "2016-07-05"),))["280,000"]
    assert f.period is None
    text = "A bomber killed 16 people on Tuesday."
    f = by_text(text, published="2016-07-05", times=(time_(text, "Tuesday", "2016-07-05"),))["16"]
    assert f.period == "2016-07-05"


def test_a_weekday_is_read_against_the_date_the_page_prints():
    # the given publish date (a crawl date) is two days early; the page prints its own date
    text = "Date of publication 3 October 2017. A bomb hit a police station on Monday killing at least 17 people."
    times = (time_(text, "3 October 2017", "2017-10-03"), time_(text, "Monday", "2017-09-25"))
    assert by_text(text, published="2017-10-01", times=times)["at least 17"].period == "2017-10-02"
    # no printed date: the resolved value stands
    text = "A bomb hit a police station on Monday killing at least 17 people."
    f = by_text(text, published="2017-10-01", times=(time_(text, "Monday", "2017-09-25"),))["at least 17"]
    assert f.period == "2017-09-25"


def test_weekday_before():
    assert weekday_before("on Monday", date(2017, 10, 3)) == date(2017, 10, 2)
    assert weekday_before("Sunday", date(2017, 10, 1)) == date(2017, 10, 1)
    assert weekday_before("last week", date(2017, 10, 1)) is None


# --------------------------------------------------------------------------- reconciliation of parts


def _fig(text, phrase, value, category="injured", scope=None, claimant=None):
    s = text.index(phrase)
    who = SpanRef(0, len(claimant), claimant, claimant) if claimant else None
    return Figure(s, s + len(phrase), phrase, value, value, value, "exact", "people", category, "people",
                  claimant=who, scope=scope)


def test_a_part_is_never_compared_with_the_whole():
    t1 = "The monitor said 40 were wounded; 15 of the wounded were in critical condition."
    t2 = "Medics said 40 people were wounded."
    a = Article.create(id="a", text=t1, source="Ledger", published="2024-02-03",
                       figures=(_fig(t1, "40", 40, claimant="monitor"),
                                _fig(t1, "15", 15, scope="critical condition", claimant="monitor")),
                       sentences=(Sentence(0, len(t1)),))
    b = Article.create(id="b", text=t2, source="Courier", published="2024-02-03",
                       figures=(_fig(t2, "40", 40, claimant="Medics"),), sentences=(Sentence(0, len(t2)),))
    groups = reconcile_figures([a, b], story="s")
    whole = [g for g in groups if any(r.figure.value == 40 for r in g.reports)]
    assert len(whole) == 1 and whole[0].status == "corroborated"
    assert all(r.figure.value == 40 for r in whole[0].reports)
    part = [g for g in groups if any(r.figure.scope for r in g.reports)]
    assert len(part) == 1 and part[0].status == "single_source"
    shown = figures_json(groups)
    assert [g.get("scope") for g in shown if g["reports"][0]["value"] == 15] == ["critical condition"]
    assert all("scope" not in g for g in shown if g["reports"][0]["value"] == 40)
