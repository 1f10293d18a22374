"""Figure reconciliation: grouping, independence, status, reasons, sides and the brief's JSON.

Figures are built by hand (as the figures stage would write them) in short texts written for these tests.
"""

from __future__ import annotations

import pytest

from newsfuse.model import Article, Figure, PlaceMention, PlaceRef, Sentence, SpanRef
from newsfuse.knowledge.outlets import Outlet, OutletRegistry
from newsfuse.corpus.figures.reconcile import figure_group_json, figures_json, reconcile_figures
from newsfuse.corpus.reuse import ArticleReuse

RANGES = {  # qualifier -> (low, high) for a stated value v, as the contract defines them
    "exact": lambda v: (v, v),
    "approx": lambda v: (0.9 * v, 1.1 * v),
    "almost": lambda v: (0.9 * v, v),
    "at_least": lambda v: (v, None),
    "more_than": lambda v: (v + 1, None),
}


def fig(text: str, phrase: str, value: float | None, *, category: str = "dead", subject: str = "people",
        qualifier: str = "exact", claimant: str | None = None, entity: str | None = None, nth: int = 0,
        low: float | None = None, high: float | None = None, **kw) -> Figure:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    if value is not None and low is None and high is None:
        low, high = RANGES[qualifier](value)
    claim = None
    if claimant:
        c = text.index(claimant)
        claim = SpanRef(c, c + len(claimant), claimant, entity)
    return Figure(start=start, end=start + len(phrase), text=phrase, value=value, low=low, high=high,
                  qualifier="approx" if qualifier == "almost" else qualifier, unit="people", category=category,
                  subject=subject, claimant=claim, **kw)


def art(id_: str, source: str | None, published: str | None, text: str, *figures: Figure, **kw) -> Article:
    return Article.create(id=id_, text=text, source=source, published=published, figures=tuple(figures),
                          sentences=(Sentence(0, len(text)),), **kw)


def one(groups, **match):
    found = [g for g in groups if all(getattr(g, k) == v for k, v in match.items())]
    assert len(found) == 1, [(g.category, g.subject, g.period, g.status) for g in groups]
    return found[0]


def statuses(groups):
    return sorted((g.category, g.subject, g.status, g.independent_sources, len(g.reports)) for g in groups)


NO_REUSE = None  # let reconcile detect reuse itself


# --------------------------------------------------------------------------- the seed pages (issue "done when")


def test_seed_pages_10_day_and_48_hour_figures_are_different_groups_not_a_conflict():
    t000 = "Over 20,000 civilians have fled in the past 10 days, but the SDF said more could still be trapped."
    t004 = (" date 2019-03-05 US-backed militants prepared on Tuesday to pluck more people out, after almost "
            "3,000 people, including hundreds of militants, left the enclave over the past 48 hours.")
    a = art("000", None, None, t000, fig(t000, "Over 20,000", 20000, category="fled", subject="civilians",
                                         qualifier="more_than", period="P10D"))
    b = art("004", None, "2019-03-05", t004, fig(t004, "almost \n3,000".replace(" \n", " "), 3000, category="fled",
                                                 qualifier="almost", period="2019-03-03/2019-03-05"))
    groups = reconcile_figures([a, b], story="seeds")
    assert statuses(groups) == [("fled", "civilians", "single_source", 1, 1), ("fled", "people", "single_source", 1, 1)]
    assert all(g.status != "conflicting" for g in groups)


# --------------------------------------------------------------------------- corroboration and consensus ranges


def test_around_90_and_nearly_100_corroborate_with_the_intersection_as_range():
    t1 = "Nearly 100 civilians were killed in the market strike, the Northern Relief Monitor said."
    t2 = "Around 90 civilians were killed in the market strike, doctors at Halmir Hospital said."
    groups = reconcile_figures([
        art("a", "Valley Observer", "2023-03-15", t1, fig(t1, "Nearly 100", 100, subject="civilians", qualifier="almost",
                                                         claimant="the Northern Relief Monitor", period="2023-03-14")),
        art("b", "Frontline Dispatch", "2023-03-16", t2, fig(t2, "Around 90", 90, subject="civilians", qualifier="approx",
                                                             claimant="doctors at Halmir Hospital", period="2023-03-14")),
    ], story="s")
    g = one(groups)
    assert (g.status, g.independent_sources, g.low, g.high) == ("corroborated", 2, 90, 99.00000000000001)
    assert g.reason == ("2 independent sources agree: Northern Relief Monitor (Valley Observer) and "
                        "doctors at Halmir Hospital (Frontline Dispatch)")
    assert g.period == "2023-03-14" and g.subject == "civilians"


def test_over_20000_and_20500_agree():
    t1 = "Over 20,000 people have fled since January, the Joint Relief Office said."
    t2 = "The Relief Monitor said 20,500 people have fled since January."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-03-05", t1, fig(t1, "Over 20,000", 20000, category="fled", qualifier="more_than",
                                                 claimant="the Joint Relief Office")),
        art("b", "Courier", "2024-03-05", t2, fig(t2, "20,500", 20500, category="fled", claimant="The Relief Monitor")),
    ], story="s"))
    assert (g.status, g.low, g.high) == ("corroborated", 20500, 20500)


# --------------------------------------------------------------------------- conflicts


def test_two_monitors_conflict_with_sides_reason_and_no_range():
    t1 = "SOHR said 350 fighters were killed in the battle for the dam."
    t2 = "The White Helmets said 280 fighters were killed in the battle for the dam."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-02-03", t1, fig(t1, "350", 350, subject="fighters", claimant="SOHR")),
        art("b", "Courier", "2024-02-03", t2, fig(t2, "280", 280, subject="fighters", claimant="The White Helmets")),
    ], story="s"))
    assert g.status == "conflicting"
    assert g.reason == "differs: SOHR's 350 vs White Helmets' 280 for the same event"
    assert (g.low, g.high, g.independent_sources) == (None, None, 2)
    assert {(r.article_id, r.side) for r in g.reports} == {("a", 0), ("b", 1)}
    assert g.sides == ("350 (SOHR (Ledger))", "280 (White Helmets (Courier))")


def test_three_sources_two_sides():
    texts = ["Police said 120 people were killed in the depot fire.",
             "Around 120 people died in the depot fire, the fire brigade said.",
             "The governor said 60 people were killed in the depot fire."]
    figs = [fig(texts[0], "120", 120, claimant="Police"),
            fig(texts[1], "Around 120", 120, qualifier="approx", claimant="the fire brigade"),
            fig(texts[2], "60", 60, claimant="The governor")]
    g = one(reconcile_figures([art(i, o, "2024-09-09", t, f) for i, o, t, f in
                               zip("abc", ["Ledger", "Courier", "Herald"], texts, figs)], story="s"))
    assert (g.status, g.independent_sources) == ("conflicting", 3)
    assert sorted((r.article_id, r.side) for r in g.reports) == [("a", 0), ("b", 0), ("c", 1)]


def test_a_later_lower_count_conflicts():
    t1 = "At least 68 children were among the dead, the Observatory said."
    t2 = "The UN said 67 children were killed in the attack."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-04-16", t1, fig(t1, "At least 68", 68, subject="children", qualifier="at_least",
                                                 claimant="the Observatory", entity="Syrian Observatory for Human Rights")),
        art("b", "Courier", "2024-04-20", t2, fig(t2, "67", 67, subject="children", claimant="The UN")),
    ], story="s"))
    assert g.status == "conflicting"


def test_vague_amounts_never_contradict_a_count():
    t1 = "Dozens were wounded in the bombing."
    t2 = "SANA said 140 people were wounded in the bombing."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-07-27", t1, fig(t1, "Dozens", None, category="injured", qualifier="vague",
                                                 low=24, high=99)),
        art("b", "Courier", "2024-07-27", t2, fig(t2, "140", 140, category="injured", claimant="SANA")),
    ], story="s"))
    assert (g.status, g.low, g.high) == ("single_source", 140, 140)
    assert g.reason == "no two independent sources agree: Ledger and SANA (Courier)"


# --------------------------------------------------------------------------- rising tolls


def test_rising_cumulative_toll_is_updated_not_conflicting():
    t1 = "OCHA said on Saturday that 31 people had died so far."
    t2 = "The death toll rose to 45 on Sunday, the health ministry said."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-02-03", t1, fig(t1, "31", 31, claimant="OCHA", cumulative=True)),
        art("b", "Courier", "2024-02-04", t2, fig(t2, "45", 45, claimant="the health ministry", cumulative=True)),
    ], story="s"))
    assert (g.status, g.independent_sources, g.low, g.high) == ("updated", 2, 45, 45)
    assert g.reason == "rose from 31 (OCHA, 3 Feb) to 45 (health ministry, 4 Feb)"


def test_one_monitor_raising_its_own_count_is_updated_with_one_source():
    texts = ["The Relief Monitor said 12 people were killed in Oskar.",
             "According to the Relief Monitor, 19 people were killed in Oskar.",
             "The Relief Monitor now says 27 people were killed in Oskar."]
    claimants = ["The Relief Monitor", "the Relief Monitor", "The Relief Monitor"]
    arts = [art(i, o, d, t, fig(t, v, int(v), claimant=c)) for i, o, d, t, v, c in
            zip("abc", ["Ledger", "Courier", "Herald"], ["2024-03-01", "2024-03-02", "2024-03-03"], texts,
                ["12", "19", "27"], claimants)]
    g = one(reconcile_figures(arts, story="s"))
    assert (g.status, g.independent_sources, g.low, g.high) == ("updated", 1, 27, 27)


def test_same_day_different_counts_without_evidence_of_a_rise_conflict():
    t1 = "At least 22 civilians were killed on Wednesday, the Relief Monitor said."
    t2 = "The Casualty Centre said eight civilians were killed on Wednesday."
    g = one(reconcile_figures([
        art("a", "Ledger", "2023-03-16", t1, fig(t1, "At least 22", 22, subject="civilians", qualifier="at_least",
                                                 claimant="the Relief Monitor", period="2023-03-15")),
        art("b", "Courier", "2023-03-16", t2, fig(t2, "eight", 8, subject="civilians", claimant="The Casualty Centre",
                                                 period="2023-03-15")),
    ], story="s"))
    assert g.status == "conflicting"
    assert g.reason.endswith("for the same window (15 Mar 2023)")


def test_cumulative_counts_with_one_start_group_whatever_their_end():
    t1 = "At least 46 civilians have been killed since the offensive began, the Monitor said. Nine died on Monday."
    t2 = "The civilian toll since Friday rose to 58, the Monitor said."
    groups = reconcile_figures([
        art("a", "Wire", "2023-03-13", t1,
            fig(t1, "At least 46", 46, subject="civilians", qualifier="at_least", claimant="the Monitor",
                entity="Relief Monitor", period="2023-03-10/2023-03-13", cumulative=True),
            fig(t1, "Nine", 9, subject="civilians", period="2023-03-13")),
        art("b", "Observer", "2023-03-14", t2, fig(t2, "58", 58, subject="civilians", claimant="the Monitor",
                                                   entity="Relief Monitor", period="2023-03-10/2023-03-14",
                                                   cumulative=True)),
    ], story="s")
    assert statuses(groups) == [("dead", "civilians", "single_source", 1, 1), ("dead", "civilians", "updated", 1, 2)]
    assert one(groups, status="updated").period == "2023-03-10/.."


def test_a_running_toll_without_its_start_counts_from_the_storys_one_start():
    t1 = "At least four people have died since the rain began on Sunday, the emergency service said."
    t2 = "The death toll rose to nine, the emergency service said."
    t3 = "Seven people were killed on Monday alone, the prefect said."  # a day's count, not a running toll
    groups = reconcile_figures([
        art("a", "Wire", "2023-06-19", t1, fig(t1, "At least four", 4, qualifier="at_least", claimant="the emergency service",
                                                period="2023-06-18/2023-06-19", cumulative=True)),
        art("b", "Chronicle", "2023-06-21", t2, fig(t2, "nine", 9, claimant="the emergency service", cumulative=True)),
        art("c", "Today", "2023-06-21", t3, fig(t3, "Seven", 7, claimant="the prefect")),
    ], story="s")
    running = one(groups, status="updated")
    assert sorted(r.figure.value for r in running.reports) == [4, 9] and running.period == "2023-06-18/.."
    # Two running tolls with different starts: the start-less one cannot be put in either.
    t4 = "Since Tuesday 30 have died, the prefect said."
    more = reconcile_figures([
        art("a", "Wire", "2023-06-19", t1, fig(t1, "At least four", 4, qualifier="at_least", claimant="the emergency service",
                                                period="2023-06-18/2023-06-19", cumulative=True)),
        art("d", "Herald", "2023-06-22", t4, fig(t4, "30", 30, claimant="the prefect", period="2023-06-20/2023-06-22",
                                                 cumulative=True)),
        art("b", "Chronicle", "2023-06-21", t2, fig(t2, "nine", 9, claimant="the emergency service", cumulative=True)),
    ], story="s")
    assert all(len(g.reports) == 1 for g in more)


def test_a_floor_then_a_clearly_higher_count_is_a_rise_not_agreement():
    t1 = "At least 26 civilians were killed in the shelling, the Relief Monitor said."
    t2 = "Medics said 35 people in total had died in the shelling."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-05-02", t1, fig(t1, "At least 26", 26, subject="civilians", qualifier="at_least",
                                                  claimant="the Relief Monitor")),
        art("b", "Courier", "2024-05-02", t2, fig(t2, "35", 35, claimant="Medics", cumulative=True)),
    ], story="s"))
    assert (g.status, g.low, g.high) == ("updated", 35, 35)
    # The same two counts on one day with nothing saying which is newer: compatible, as the contract says.
    plain = one(reconcile_figures([
        art("a", "Ledger", "2024-05-02", t1, fig(t1, "At least 26", 26, subject="civilians", qualifier="at_least",
                                                  claimant="the Relief Monitor")),
        art("b", "Courier", "2024-05-02", t2, fig(t2, "35", 35, claimant="Medics")),
    ], story="s"))
    assert plain.status == "corroborated"
    assert g.reason.startswith("rose from At least 26")
    # Within FLOOR_RISE it is one count said two ways; and a floor after a higher count is no rise.
    t3 = "Medics said 28 people had died in the shelling."
    near = one(reconcile_figures([
        art("a", "Ledger", "2024-05-02", t1, fig(t1, "At least 26", 26, subject="civilians", qualifier="at_least",
                                                  claimant="the Relief Monitor")),
        art("b", "Courier", "2024-05-02", t3, fig(t3, "28", 28, claimant="Medics")),
    ], story="s"))
    assert near.status == "corroborated"
    later_floor = one(reconcile_figures([
        art("a", "Ledger", "2024-05-03", t1, fig(t1, "At least 26", 26, subject="civilians", qualifier="at_least",
                                                  claimant="the Relief Monitor")),
        art("b", "Courier", "2024-05-02", t2, fig(t2, "35", 35, claimant="Medics")),
    ], story="s"))
    assert later_floor.status == "corroborated"


def test_a_rising_death_toll_dates_same_day_reports_of_the_injured():
    t1 = "A car bomb killed 31 people and wounded at least 170, state television said."
    t2 = "The toll rose: 44 people were killed and 140 injured, the health ministry said."
    def two(first_injured, later_injured):
        a1 = art("a", "Ledger", "2024-07-27", t1.replace("170", first_injured),
                 fig(t1, "31", 31, claimant="state television"),
                 fig(t1.replace("170", first_injured), first_injured, int(first_injured), category="injured",
                     qualifier="at_least", claimant="state television"))
        a2 = art("b", "Courier", "2024-07-27", t2.replace("140", later_injured),
                 fig(t2, "44", 44, claimant="the health ministry", cumulative=True),
                 fig(t2.replace("140", later_injured), later_injured, int(later_injured), category="injured",
                     claimant="the health ministry"))
        return one(reconcile_figures([a1, a2], story="s"), category="injured")
    # The article with 44 dead was written after the one with 31: its lower injured count contradicts.
    lowered = two("170", "140")
    assert lowered.status == "conflicting"
    # Both counts rising together is one rising toll.
    assert two("100", "140").status == "updated"


def test_a_running_total_joins_the_one_incident_day_and_dates_the_childrens_count():
    # One school strike (24 Oct). The first report: at least 26 dead, 11 of them children (place: the
    # country); the later one: 35 dead in total, 22 children (place: the town). The rising total says
    # which report is newer, so the children's count rose too.
    t1 = "A strike on a school in Hass killed at least 26 civilians on Monday; at least 11 children died, Syria's monitor said."
    t2 = "The strike killed 22 children, UNICEF said; 35 people in total had died, the monitor said."
    hass = PlaceRef("Hass", None)
    a = art("a", "Ledger", "2024-10-24", t1,
            fig(t1, "at least 26", 26, subject="civilians", qualifier="at_least", claimant="monitor", period="2024-10-24",
                place=hass),
            fig(t1, "at least 11", 11, subject="children", qualifier="at_least", claimant="monitor", period="2024-10-24"))
    b = art("b", "Courier", "2024-10-24", t2,
            fig(t2, "22", 22, subject="children", claimant="UNICEF", period="2024-10-24", place=hass),
            fig(t2, "35", 35, claimant="the monitor", cumulative=True, place=hass))
    groups = reconcile_figures([a, b], story="s")
    total = one(groups, subject="people")
    assert sorted(r.figure.value for r in total.reports) == [26, 35] and total.status == "updated"
    assert one(groups, subject="children").status == "updated"


def test_an_undated_count_joins_the_incident_day_it_fits_but_not_another_day():
    # Incident coreference (issue 13): the undated count of the same place, published the next day, is
    # the same incident's; a count dated a week earlier is another incident.
    t1 = "The army said 250 fighters were killed on Monday near Dask."
    t2 = "Rebel sources said 250 fighters have been killed near Dask."
    groups = reconcile_figures([
        art("a", "Ledger", "2024-06-04", t1, fig(t1, "250", 250, subject="fighters", claimant="The army", period="2024-06-03")),
        art("b", "Courier", "2024-06-05", t2, fig(t2, "250", 250, subject="fighters", claimant="Rebel sources")),
    ], story="s")
    assert [g.status for g in groups] == ["corroborated"]
    t3 = "Rebel sources said 250 fighters were killed near Dask a week ago."
    apart = reconcile_figures([
        art("a", "Ledger", "2024-06-04", t1, fig(t1, "250", 250, subject="fighters", claimant="The army", period="2024-06-03")),
        art("c", "Herald", "2024-06-04", t3, fig(t3, "250", 250, subject="fighters", claimant="Rebel sources",
                                                  period="2024-05-27")),
    ], story="s")
    assert [g.status for g in apart] == ["single_source", "single_source"]


def test_unknown_periods_a_month_apart_are_not_one_count():
    t1, t2 = "Police said 14 people were killed.", "Medics said 30 people were killed."
    groups = reconcile_figures([art("a", "Ledger", "2024-07-01", t1, fig(t1, "14", 14, claimant="Police")),
                                art("b", "Courier", "2024-07-30", t2, fig(t2, "30", 30, claimant="Medics"))], story="s")
    assert len(groups) == 2


# --------------------------------------------------------------------------- subjects


def test_children_are_their_own_group_and_civilians_agree():
    t1 = "The Relief Monitor said at least 26 civilians were killed, including 11 children."
    t2 = "The Civil Defence said 26 civilians died in the strikes."
    groups = reconcile_figures([
        art("a", "Ledger", "2024-10-26", t1,
            fig(t1, "at least 26", 26, subject="civilians", qualifier="at_least", claimant="The Relief Monitor"),
            fig(t1, "11", 11, subject="children", claimant="The Relief Monitor")),
        art("b", "Courier", "2024-10-26", t2, fig(t2, "26", 26, subject="civilians", claimant="The Civil Defence")),
    ], story="s")
    assert statuses(groups) == [("dead", "children", "single_source", 1, 1), ("dead", "civilians", "corroborated", 2, 2)]


def test_a_civilian_count_below_the_total_is_a_part_and_above_it_a_conflict():
    t1, t2 = "Police said 38 people were killed.", "The Monitor said 15 civilians were among the dead."
    below = reconcile_figures([art("a", "Ledger", "2024-04-28", t1, fig(t1, "38", 38, claimant="Police")),
                               art("b", "Courier", "2024-04-28", t2, fig(t2, "15", 15, subject="civilians",
                                                                        claimant="The Monitor"))], story="s")
    assert statuses(below) == [("dead", "civilians", "single_source", 1, 1), ("dead", "people", "single_source", 1, 1)]
    t3 = "The Monitor said at least 40 civilians were among the dead."
    above = reconcile_figures([art("a", "Ledger", "2024-04-28", t1, fig(t1, "38", 38, claimant="Police")),
                               art("b", "Courier", "2024-04-28", t3, fig(t3, "at least 40", 40, subject="civilians",
                                                                        qualifier="at_least", claimant="The Monitor"))],
                              story="s")
    assert statuses(above) == [("dead", "people", "conflicting", 2, 2)]


def test_a_fighters_count_above_another_sources_people_total_is_a_conflict():
    # A part never exceeds its total: over 100 militants dead cannot hold beside 40 dead in all.
    t1 = "The Monitor said 40 people were killed in the clashes, among them 38 fighters."
    t2 = "Media reports said over 100 militants were killed in the clashes."

    def run(part_text, part_phrase, value, qualifier):
        return reconcile_figures([
            art("a", "Ledger", "2024-04-28", t1, fig(t1, "40", 40, claimant="The Monitor"),
                fig(t1, "38", 38, subject="fighters", claimant="The Monitor")),
            art("b", "Courier", "2024-04-28", part_text, fig(part_text, part_phrase, value, subject="fighters",
                                                             qualifier=qualifier, claimant="Media reports"))],
            story="s")

    above = run(t2, "over 100", 100, "more_than")
    assert one(above, category="dead", subject="people").status == "conflicting"
    assert {r.article_id for r in one(above, category="dead", subject="people").reports} == {"a", "b"}
    assert one(above, category="dead", subject="fighters").status == "conflicting"  # 38 against over 100
    # Within the total, a part is a part: its own group, not compared with the total.
    # Fighters are no part of the civilians: more fighters than civilians dead contradicts nothing.
    t4 = "The Monitor said 40 civilians were killed in the clashes."
    civilians = reconcile_figures([
        art("a", "Ledger", "2024-04-28", t4, fig(t4, "40", 40, subject="civilians", claimant="The Monitor")),
        art("b", "Courier", "2024-04-28", t2, fig(t2, "over 100", 100, subject="fighters", qualifier="more_than",
                                                  claimant="Media reports"))], story="s")
    assert statuses(civilians) == [("dead", "civilians", "single_source", 1, 1), ("dead", "fighters", "single_source", 1, 1)]
    # Children above a civilian total: the civilians' group holds them and keeps its name.
    t5 = "The Monitor said 12 civilians were killed in the shelling."
    t6 = "Doctors said 20 children were killed in the shelling."
    children = reconcile_figures([
        art("a", "Ledger", "2024-04-28", t5, fig(t5, "12", 12, subject="civilians", claimant="The Monitor")),
        art("b", "Courier", "2024-04-28", t6, fig(t6, "20", 20, subject="children", claimant="Doctors"))], story="s")
    assert one(children, category="dead", subject="civilians").status == "conflicting"
    t3 = "Media reports said 30 militants were killed in the clashes."
    within = run(t3, "30", 30, "exact")
    assert statuses(within) == [("dead", "fighters", "conflicting", 2, 2), ("dead", "people", "single_source", 1, 1)]


# --------------------------------------------------------------------------- independence


def test_three_outlets_citing_one_claimant_are_one_source():
    texts = ["Around 90 people have died on the way to the camp, OCHA said.",
             "About 90 people died en route, according to the UN humanitarian office.",
             "The UN Office for the Coordination of Humanitarian Affairs said 90 people died on the way."]
    phrases = [("Around 90", "approx", "OCHA"), ("About 90", "approx", "the UN humanitarian office"),
               ("90", "exact", "The UN Office for the Coordination of Humanitarian Affairs")]
    arts = [art(i, o, "2024-03-04", t, fig(t, p, 90, qualifier=q, claimant=c))
            for i, o, t, (p, q, c) in zip("abc", ["Ledger", "Courier", "Herald"], texts, phrases)]
    g = one(reconcile_figures(arts, story="s"))
    assert (g.status, g.independent_sources, g.low, g.high) == ("single_source", 1, 90, 90)
    assert g.reason == "3 outlets, all citing OCHA"


def test_a_detected_reprint_does_not_corroborate():
    wire = ("Flash floods swept through the lower districts of Maravel overnight and forced residents out. "
            "At least 12 people died in the floods, according to the regional government. "
            "Shops in the old market stayed closed as the water kept rising through the morning.")
    reprint = wire.replace("overnight and forced", "overnight, forcing")
    groups = reconcile_figures([
        art("wire", "Coastal Wire", "2024-04-11", wire, fig(wire, "At least 12", 12, qualifier="at_least")),
        art("paper", "Harbor Gazette", "2024-04-12", reprint, fig(reprint, "At least 12", 12, qualifier="at_least")),
    ], story="s")
    g = one(groups)
    assert (g.status, g.independent_sources) == ("single_source", 1)
    assert g.reason == "2 outlets, one text; Harbor Gazette reprints Coastal Wire"
    assert {r.text_group for r in g.reports} == {"text:paper"}


def test_declared_copies_with_two_claimants_inside_are_one_source():
    t = "SOHR said seven people were wounded; SANA said nine were wounded."
    figs = (fig(t, "seven", 7, category="injured", claimant="SOHR"),
            fig(t, "nine", 9, category="injured", claimant="SANA"))
    reuse = {"a": ArticleReuse("a", 0.0, ()), "b": ArticleReuse("b", 1.0, ("a",))}
    g = one(reconcile_figures([art("a", "Ledger", "2024-10-15", t, *figs), art("b", "Courier", "2024-10-16", t, *figs)],
                              story="s", reuse=reuse))
    assert (g.status, g.independent_sources) == ("single_source", 1)
    assert g.reason.startswith("one text; Courier reprints Ledger: ")


def test_a_shared_wire_sentence_is_one_source_for_the_figure_it_holds():
    shared = "Fourteen people were killed when two rockets hit the bus station in Sallin on Monday."
    own_a = "Our reporter in Sallin watched ambulances queue at the hospital gate until midnight."
    own_b = "Shopkeepers near the station said the first rocket struck just after the morning rush."
    ta, tb = own_a + " " + shared, own_b + " " + shared
    a = Article.create(id="a", text=ta, source="Ledger", published="2024-06-10",
                       sentences=(Sentence(0, len(own_a)), Sentence(len(own_a) + 1, len(ta))),
                       figures=(fig(ta, "Fourteen", 14),))
    b = Article.create(id="b", text=tb, source="Courier", published="2024-06-10",
                       sentences=(Sentence(0, len(own_b)), Sentence(len(own_b) + 1, len(tb))),
                       figures=(fig(tb, "Fourteen", 14),))
    g = one(reconcile_figures([a, b], story="s"))
    assert (g.status, g.independent_sources) == ("single_source", 1)
    assert g.reason == "the same reused passage in Ledger, Courier"


def test_outlets_of_one_state_are_one_source_for_their_own_reporting():
    t1 = "About 2,000 residents have already returned to their homes."
    t2 = "More than 2,000 residents have returned to the southern districts."
    g = one(reconcile_figures([
        art("a", "TRT World", "2024-03-14", t1, fig(t1, "About 2,000", 2000, category="returned", qualifier="approx")),
        art("b", "Anadolu Agency", "2024-03-14", t2, fig(t2, "More than 2,000", 2000, category="returned",
                                                         qualifier="more_than")),
    ], story="s"))
    assert (g.status, g.independent_sources, g.low, g.high) == ("single_source", 1, 2001, 2200.0)
    assert g.reason == "2 outlets of one owner or state (TRT World, Anadolu Agency)"


def test_a_user_registry_groups_outlets_and_an_independent_monitor_corroborates():
    registry = OutletRegistry([Outlet("Kestria Daily", group="state:Kestria"), Outlet("Kestria TV", group="state:Kestria")])
    t1, t2 = "Seven soldiers were killed near Halmir.", "Seven soldiers died near Halmir."
    t3 = "The Relief Monitor said seven soldiers were killed near Halmir."
    g = one(reconcile_figures([
        art("a", "Kestria Daily", "2024-03-14", t1, fig(t1, "Seven", 7, subject="soldiers")),
        art("b", "Kestria TV", "2024-03-14", t2, fig(t2, "Seven", 7, subject="soldiers")),
        art("c", "Ledger", "2024-03-14", t3, fig(t3, "seven", 7, subject="soldiers", claimant="The Relief Monitor")),
    ], story="s", registry=registry))
    assert (g.status, g.independent_sources) == ("corroborated", 2)


def test_an_agencys_own_report_and_an_outlet_citing_it_are_one_source():
    t1 = "Six people were killed in the strike on the air base."
    t2 = "Six people were killed in the strike, state news agency SANA said."
    g = one(reconcile_figures([
        art("a", "SANA", "2024-04-07", t1, fig(t1, "Six", 6)),
        art("b", "Ledger", "2024-04-07", t2, fig(t2, "Six", 6, claimant="state news agency SANA")),
    ], story="s"))
    assert (g.status, g.independent_sources) == ("single_source", 1)
    assert g.reason == "2 outlets, one source (SANA): SANA's own report; Ledger citing SANA"


def test_an_unattributed_figure_takes_the_attribution_its_article_gives_the_same_number():
    t1 = "25 fighters killed in mosque blast. SOHR said 25 fighters were killed in the blast."
    t2 = "Twenty-five fighters were killed in the mosque blast, SOHR said."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-07-04", t1, fig(t1, "25", 25, subject="fighters"),
            fig(t1, "25", 25, subject="fighters", claimant="SOHR", nth=1)),
        art("b", "Courier", "2024-07-04", t2, fig(t2, "Twenty-five", 25, subject="fighters", claimant="SOHR")),
    ], story="s"))
    assert (g.status, g.independent_sources) == ("single_source", 1)
    assert g.reports[0].chain == ("Ledger", "Syrian Observatory for Human Rights (attributed elsewhere in the article)")


def test_generic_claimants_in_unrelated_outlets_are_not_presumed_the_same():
    t1, t2 = "Activists said 30 people were killed.", "Local activists told us 30 people were killed."
    g = one(reconcile_figures([art("a", "Ledger", "2024-08-20", t1, fig(t1, "30", 30, claimant="Activists")),
                               art("b", "Courier", "2024-08-20", t2, fig(t2, "30", 30, claimant="Local activists"))],
                              story="s"))
    assert (g.status, g.independent_sources) == ("corroborated", 2)


# --------------------------------------------------------------------------- attribution chain


def test_chain_runs_outlet_claimant_and_the_claimants_own_source():
    t1 = "UNHCR, citing the health ministry, said 60 people were injured."
    t2 = "The health ministry said 60 people were injured in the blast."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-05-02", t1, fig(t1, "60", 60, category="injured",
                                                 claimant="UNHCR, citing the health ministry")),
        art("b", "Courier", "2024-05-02", t2, fig(t2, "60", 60, category="injured", claimant="The health ministry")),
    ], story="s"))
    assert g.reports[0].chain == ("Ledger", "UNHCR", "health ministry")
    assert (g.status, g.independent_sources) == ("single_source", 1)
    assert g.reason == "2 outlets, all citing health ministry"


def test_a_relay_written_in_the_claimant_phrase_is_split():
    t = "Medical sources via SANA said 44 people died."
    g = one(reconcile_figures([art("a", "Ledger", "2016-07-27", t, fig(t, "44", 44, claimant="Medical sources via SANA"))],
                              story="s"))
    assert g.reports[0].chain == ("Ledger", "SANA", "Medical sources")


# --------------------------------------------------------------------------- places, magnitudes, not-facts


def test_a_placeless_figure_joins_the_only_place_but_not_one_of_two():
    t1, t2, t3 = "Police said seven people were killed in Arvel.", "Seven were killed, the Monitor said.", \
        "Medics said nine people were killed in Brint."
    f1 = fig(t1, "seven", 7, claimant="Police", place=PlaceRef("Arvel", None))
    f2 = fig(t2, "Seven", 7, claimant="the Monitor")
    joined = reconcile_figures([art("a", "Ledger", "2024-02-21", t1, f1), art("b", "Courier", "2024-02-21", t2, f2)],
                               story="s")
    assert statuses(joined) == [("dead", "people", "corroborated", 2, 2)]
    assert one(joined).place == PlaceRef("Arvel", None)
    f3 = fig(t3, "nine", 9, claimant="Medics", place=PlaceRef("Brint", None))
    apart = reconcile_figures([art("a", "Ledger", "2024-02-21", t1, f1), art("b", "Courier", "2024-02-21", t2, f2),
                               art("c", "Herald", "2024-02-21", t3, f3)], story="s")
    assert [g.status for g in apart] == ["single_source"] * 3
    assert sorted(str(g.place and g.place.text) for g in apart) == ["Arvel", "Brint", "None"]


def test_a_count_of_another_window_does_not_make_the_place_ambiguous():
    t1 = "Police said seven people were killed in Arvel on Monday."
    t2 = "Seven were killed on Monday, the Monitor said. In April a bomb killed six in Brint."
    f1 = fig(t1, "seven", 7, claimant="Police", place=PlaceRef("Arvel", None), period="2024-02-19")
    f2 = fig(t2, "Seven", 7, claimant="the Monitor", period="2024-02-19")
    old = fig(t2, "six", 6, place=PlaceRef("Brint", None), period="2023-04")
    groups = reconcile_figures([art("a", "Ledger", "2024-02-20", t1, f1), art("b", "Courier", "2024-02-20", t2, f2, old)],
                               story="s")
    monday = one(groups, period="2024-02-19")
    assert (monday.status, monday.place, len(monday.reports)) == ("corroborated", PlaceRef("Arvel", None), 2)


def test_a_placeless_figure_between_two_places_takes_the_one_its_article_names():
    t1, t3 = "Police said seven people were killed in Arvel.", "Medics said nine people were killed in Brint."
    t2 = "Seven were killed, the Monitor said of the bombing in Arvel."
    f1 = fig(t1, "seven", 7, claimant="Police", place=PlaceRef("Arvel", None))
    f2 = fig(t2, "Seven", 7, claimant="the Monitor")
    f3 = fig(t3, "nine", 9, claimant="Medics", place=PlaceRef("Brint", None))
    s = t2.index("Arvel")
    arvel = PlaceMention(s, s + 5, "Arvel", "Arvel", None, None, None, None, "P", "point", "test")
    groups = reconcile_figures([art("a", "Ledger", "2024-02-21", t1, f1),
                                art("b", "Courier", "2024-02-21", t2, f2, places=(arvel,)),
                                art("c", "Herald", "2024-02-21", t3, f3)], story="s")
    g = one(groups, place=PlaceRef("Arvel", None))
    assert (g.status, len(g.reports)) == ("corroborated", 2)


def test_a_country_is_a_coarse_name_for_the_town_inside_it():
    t1, t2 = "Flooding killed five people in Romania.", "Five people drowned in Buzau."
    ro = PlaceMention(33, 40, "Romania", "Romania", 798549, 46.0, 25.0, "RO", precision="country")
    bz = PlaceMention(23, 28, "Buzau", "Buzău", 683123, 45.15, 26.83, "RO", precision="point")
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-02-23", t1, fig(t1, "five", 5, place=PlaceRef("Romania", 798549)), places=(ro,)),
        art("b", "Courier", "2024-02-23", t2, fig(t2, "Five", 5, place=PlaceRef("Buzau", 683123)), places=(bz,)),
    ], story="s"))
    assert (g.status, g.place) == ("corroborated", PlaceRef("Buzau", 683123))


def test_a_wars_total_stays_apart_from_an_attacks_toll():
    t1 = "At least 17 people were killed in the bombing, police said. More than 330,000 have died in the war."
    t2 = "The bombing killed 17 people, medics said."
    groups = reconcile_figures([
        art("a", "Ledger", "2024-10-02", t1, fig(t1, "At least 17", 17, qualifier="at_least", claimant="police"),
            fig(t1, "More than 330,000", 330000, qualifier="more_than")),
        art("b", "Courier", "2024-10-02", t2, fig(t2, "17", 17, claimant="medics")),
    ], story="s")
    assert statuses(groups) == [("dead", "people", "corroborated", 2, 2), ("dead", "people", "single_source", 1, 1)]


def test_modal_and_negated_figures_are_shown_but_not_compared():
    t1 = "The ministry said 45 people died; doctors warned the toll could rise to 200. No children were among the dead."
    t2 = "At least 45 people died in the quake, the Red Crescent said."
    groups = reconcile_figures([
        art("a", "Ledger", "2024-12-01", t1, fig(t1, "45", 45, claimant="The ministry"),
            fig(t1, "200", 200, claimant="doctors", modality="could"),
            fig(t1, "No children", 0, subject="children", negated=True)),
        art("b", "Courier", "2024-12-01", t2, fig(t2, "At least 45", 45, qualifier="at_least", claimant="the Red Crescent")),
    ], story="s")
    compared = [g for g in groups if g.compared]
    assert statuses(compared) == [("dead", "people", "corroborated", 2, 2)]
    assert sorted(g.reason for g in groups if not g.compared) == [
        "not compared as a fact (could, not a count): doctors", "not compared as a fact (negated): Ledger"]


# --------------------------------------------------------------------------- JSON


def test_figures_json_has_the_contract_fields_and_sides_only_for_conflicts():
    t1, t2 = "SOHR said 350 fighters were killed.", "The White Helmets said 280 fighters were killed."
    groups = reconcile_figures([
        art("a", "Ledger", "2024-02-03", t1, fig(t1, "350", 350, subject="fighters", claimant="SOHR")),
        art("b", "Courier", "2024-02-03", t2, fig(t2, "280", 280, subject="fighters", claimant="The White Helmets")),
    ], story="s")
    (item,) = figures_json(groups)
    assert {"category", "subject", "place", "period", "status", "reason", "independent_sources", "low", "high",
            "reports"} <= set(item)
    assert (item["status"], item["low"], item["high"], item["independent_sources"]) == ("conflicting", None, None, 2)
    assert item["reports"][0] == {
        "id": "a", "source": "Ledger", "claimant": {"text": "SOHR", "entity": None}, "value": 350, "low": 350,
        "high": 350, "start": 10, "end": 13, "text": "350", "qualifier": "exact", "published": "2024-02-03",
        "chain": ["Ledger", "Syrian Observatory for Human Rights"], "side": 0,
        "frame": {"scope": "total", "cumulative": False, "party": "Syrian Observatory for Human Rights",
                  "as_of": "2024-02-03", "outlet": "Ledger"}}
    t3 = "Police said 12 people died."
    (single,) = [figure_group_json(g) for g in reconcile_figures(
        [art("c", "Herald", "2024-01-01", t3, fig(t3, "12", 12, claimant="Police"))], story="s")]
    assert "side" not in single["reports"][0] and single["low"] == 12 and single["place"] is None


def test_figures_json_orders_conflicts_first_and_uncompared_last():
    t = "Police said 12 people died and 40 were hurt; the toll may rise to 30."
    a = art("a", "Ledger", "2024-01-01", t, fig(t, "12", 12, claimant="Police"),
            fig(t, "40", 40, category="injured", claimant="Police"),
            fig(t, "30", 30, claimant="Police", modality="may"))
    t2 = "Medics said 20 people died."
    b = art("b", "Courier", "2024-01-01", t2, fig(t2, "20", 20, claimant="Medics"))
    assert [(g["category"], g["status"], g.get("compared", True)) for g in figures_json(reconcile_figures([a, b], story="s"))] == [
        ("dead", "conflicting", True), ("injured", "single_source", True), ("dead", "single_source", False)]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_the_result_does_not_depend_on_input_order(order):
    texts = ["Police said 20 people were killed.", "Medics said 34 people died.", "The ministry said 41 died."]
    arts = [art(i, o, d, t, fig(t, v, int(v), claimant=c)) for i, o, d, t, v, c in
            zip("abc", ["Ledger", "Courier", "Herald"], ["2024-05-07", "2024-05-08", "2024-05-09"], texts,
                ["20", "34", "41"], ["Police", "Medics", "The ministry"])]
    g = one(reconcile_figures([arts[i] for i in order], story="s"))
    # Three parties, each a different number, nothing saying the toll rose: a disagreement (issue 13).
    assert (g.status, g.reason, [r.article_id for r in g.reports]) == (
        "conflicting", "differs: ministry's 41 vs Medics' 34 for the same event", ["a", "b", "c"])


def test_a_later_higher_count_is_a_rise_only_when_the_count_is_seen_moving():
    t1, t2, t3 = "Police said 20 people were killed.", "Police said the toll rose to 34.", "Medics said 34 died."
    one_party = one(reconcile_figures([
        art("a", "Ledger", "2024-05-07", t1, fig(t1, "20", 20, claimant="Police")),
        art("b", "Courier", "2024-05-08", t3, fig(t3, "34", 34, claimant="Medics")),
        art("c", "Herald", "2024-05-09", t2, fig(t2, "34", 34, claimant="Police")),
    ], story="s"))
    assert one_party.status == "updated"  # the police raised their own count
    other_party = one(reconcile_figures([
        art("a", "Ledger", "2024-05-07", t1, fig(t1, "20", 20, claimant="Police")),
        art("b", "Courier", "2024-05-08", t3, fig(t3, "34", 34, claimant="Medics")),
    ], story="s"))
    assert other_party.status == "conflicting"
    worded = one(reconcile_figures([
        art("a", "Ledger", "2024-05-07", t1, fig(t1, "20", 20, claimant="Police")),
        art("b", "Courier", "2024-05-08", t2, fig(t2, "34", 34, claimant="Police", cumulative=True)),
    ], story="s"))
    assert worded.status == "updated"  # "the toll rose to"


def test_sub_counts_one_source_gives_side_by_side_are_neither_a_rise_nor_a_conflict():
    t1 = "On Monday the ministry said 120 fighters were killed: 80 near Mayadeen and 40 near Albu Kamal."
    t2 = "About 80 militants were killed near Mayadeen, the ministry said."
    f = [fig(t1, "120", 120, subject="fighters", claimant="the ministry"),
         fig(t1, "80", 80, subject="fighters", claimant="the ministry"),
         fig(t1, "40", 40, subject="fighters", claimant="the ministry")]
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-05-07", t1, *f),
        art("b", "Courier", "2024-05-08", t2, fig(t2, "80", 80, subject="fighters", claimant="the ministry")),
    ], story="s"))
    assert g.status == "single_source"


# --------------------------------------------------------------------------- helper modules


@pytest.mark.parametrize("module", ["newsfuse.corpus.figures.reconcile", "newsfuse.knowledge.periods",
                                    "newsfuse.knowledge.parties", "newsfuse.corpus.figures.places",
                                    "newsfuse.corpus.figures.reports", "newsfuse.corpus.figures.grouping"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


def test_periods_parse_and_compare():
    from newsfuse.knowledge.periods import (describe, nested, parse_period, parse_published, same_start,
                                            same_window)

    since = parse_period("2023-03-10/..")
    assert (since.start.isoformat(), since.end, since.anchored) == ("2023-03-10", None, True)
    assert same_start(since, parse_period("2023-03-10/2023-03-14"))
    assert not same_window(parse_period("2019-03"), parse_period("2019-03-05"))
    assert nested(parse_period("2019-03-05"), parse_period("2019-03"))
    assert parse_period("yesterday") is None and parse_period(None) is None
    assert describe(parse_period("2023-02-27/2023-03-02")) == "27 Feb – 2 Mar 2023"
    early, late = parse_published("2024-05-07T09:00:00Z"), parse_published("2024-05-07T12:30:00+02:00")
    assert early.before(late) and not late.before(early)  # 09:00 UTC before 10:30 UTC
    assert not parse_published("2024-05-07").before(late)  # a day without a time is not ordered within the day


def test_claimant_parties_and_keys():
    from newsfuse.knowledge.parties import parties, split_chain

    registry = OutletRegistry.load()
    assert [p.key for p in parties("Syrian state TV", registry=registry)] == ["outlet:state:SY"]
    assert [p.key for p in parties("state news agency SANA", registry=registry)] == ["outlet:state:SY"]
    assert [(p.label, p.generic) for p in parties("Syrian activists")] == [("Syrian activists", True)]
    assert [p.generic for p in parties("Northern Relief Monitor")] == [False]
    assert split_chain("OCHA, citing local authorities") == ("OCHA", "local authorities")
    assert split_chain("activists quoted by SOHR") == ("SOHR", "activists")


def test_injuries_of_an_event_whose_death_toll_rises_are_read_as_rising_too():
    t1 = "At least 20 people were killed and 55 wounded in the bombing, the Relief Monitor said."
    t2 = "The Relief Monitor said 31 people were killed in the bombing."
    t3 = "About 100 people were wounded in the bombing, a medical source said."
    arts = [art("a", "Ledger", "2024-10-03", t1,
                fig(t1, "At least 20", 20, qualifier="at_least", claimant="the Relief Monitor"),
                fig(t1, "55", 55, category="injured", claimant="the Relief Monitor")),
            art("b", "Courier", "2024-10-04", t2, fig(t2, "31", 31, claimant="The Relief Monitor")),
            art("c", "Herald", "2024-10-03", t3, fig(t3, "About 100", 100, category="injured", qualifier="approx",
                                                     claimant="a medical source"))]
    assert statuses(reconcile_figures(arts, story="s")) == [("dead", "people", "updated", 1, 2),
                                                             ("injured", "people", "updated", 2, 2)]
    # Without the rising death toll, the same injured counts are a conflict.
    steady = [arts[0], arts[2]]
    assert one(reconcile_figures(steady, story="s"), category="injured").status == "conflicting"


def test_counts_of_kind_other_are_listed_never_judged():
    t1, t2 = "Organisers said 5000 marched, police said.", "Police said 900 marched."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-05-07", t1, fig(t1, "5000", 5000, category="other", claimant="police")),
        art("b", "Courier", "2024-05-07", t2, fig(t2, "900", 900, category="other", claimant="Police")),
    ], story="s"))
    assert g.status == "single_source" and g.reason.startswith("not enough to judge") and g.confidence is None
    assert figure_group_json(g)["judged"] is False


def test_a_town_named_as_claimant_is_not_a_source():
    t1 = "Maaret al-Numan said 12 people were killed."
    t2 = "The Observatory said 12 people were killed."
    town = PlaceMention(0, 15, "Maaret al-Numan", "Maarat al-Numan", 1, 35.6, 36.7, "SY", "P", "point")
    a = art("a", "Ledger", "2024-05-07", t1, fig(t1, "12", 12, claimant="Maaret al-Numan"), places=(town,))
    b = art("b", "Ledger", "2024-05-07", t2, fig(t2, "12", 12, claimant="The Observatory"))
    g = one(reconcile_figures([a, b], story="s"))
    # The town's count is the outlet's own report; both come from one outlet's texts with two sources.
    assert "Maaret" not in g.reason


def test_a_village_count_below_the_district_toll_is_a_part_not_a_conflict():
    t1, t2 = "Medics said 6 people were killed in Kafr Arin.", "The Observatory said 39 people were killed in Arin province."
    village = PlaceMention(t1.index("Kafr"), t1.index("Kafr") + 9, "Kafr Arin", "Kafr Arin", 11, 35.60, 36.60, "SY", "P", "point")
    province = PlaceMention(t2.index("Arin province"), t2.index("Arin province") + 13, "Arin province", "Arin", 12,
                            35.65, 36.65, "SY", "A", "admin1")
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-05-07", t1, fig(t1, "6", 6, claimant="Medics", place=PlaceRef("Kafr Arin", 11)),
            places=(village,)),
        art("b", "Courier", "2024-05-07", t2, fig(t2, "39", 39, claimant="The Observatory", place=PlaceRef("Arin province", 12)),
            places=(province,)),
    ], story="s"))
    assert g.status != "conflicting"


def test_an_increment_joins_the_toll_it_raises_and_is_not_compared_as_a_total():
    t1 = "Police said 20 people were killed in the blast."
    t2 = "Three more people died in hospital overnight, medics said; police said 23 people were killed."
    groups = reconcile_figures([
        art("a", "Ledger", "2024-05-07", t1, fig(t1, "20", 20, claimant="Police")),
        art("b", "Courier", "2024-05-08", t2, fig(t2, "Three", 3, claimant="medics"), fig(t2, "23", 23, claimant="police")),
    ], story="s")
    g = one(groups)
    assert g.status == "updated" and sorted(r.figure.value for r in g.reports) == [3, 20, 23]
    alone = one(reconcile_figures([art("b", "Courier", "2024-05-08", t2, fig(t2, "Three", 3, claimant="medics"))],
                                  story="s"))
    assert alone.status == "single_source" and alone.reason.startswith("only increments")


def test_more_after_another_count_of_the_sentence_is_not_an_increment():
    t = "The blast killed 20 people and wounded 12 more, police said."
    a = art("a", "Ledger", "2024-05-07", t, fig(t, "20", 20, claimant="police"),
            fig(t, "12", 12, category="injured", claimant="police"))
    from newsfuse.corpus.figures.reports import make_reports
    reports = make_reports([a], {"a": "text:a"}, OutletRegistry([]))
    assert [r.increment for r in reports] == [False, False]


def test_a_smaller_count_beside_its_articles_total_is_not_set_against_another_total():
    # Ledger gives the province's 39 and, beside it, 6 in one village; Courier gives 40 for the province.
    t1 = "Medics said 39 people were killed across the province, 6 of them in one village."
    t2 = "The Observatory said about 40 people were killed in the province."
    g = one(reconcile_figures([
        art("a", "Ledger", "2024-05-07", t1, fig(t1, "39", 39, claimant="Medics"), fig(t1, "6", 6, claimant="Medics")),
        art("b", "Courier", "2024-05-07", t2, fig(t2, "about 40", 40, qualifier="approx", claimant="The Observatory")),
    ], story="s"))
    assert g.status == "corroborated"


def test_a_count_of_a_few_dated_days_is_the_incidents_count():
    """"Since Wednesday clashes have left 23 dead" (Friday's paper) is compared with "23 were killed on
    Thursday": a window of a few dated days that is not a running toll is the incident's count."""
    t1 = "Since Wednesday clashes have left 23 civilians dead, the Monitor said."
    t2 = "Clashes killed 23 civilians on Thursday, the Monitor said."
    groups = reconcile_figures([
        art("a", "Wire", "2016-08-19", t1, fig(t1, "23", 23, subject="civilians", claimant="the Monitor",
                                                entity="Relief Monitor", period="2016-08-17/2016-08-19")),
        art("b", "Observer", "2016-08-19", t2, fig(t2, "23", 23, subject="civilians", claimant="the Monitor",
                                                   entity="Relief Monitor", period="2016-08-18")),
    ], story="s")
    assert [len(g.reports) for g in groups] == [2]


def test_a_toll_guessed_from_a_nearby_word_is_never_one_side_of_a_conflict():
    """Two parties' different tolls conflict when both counts were read from the words that govern them;
    when one was only guessed from the nearest trigger (figures stage confidence 0.6), it is listed,
    and the verdict rests on the firm count alone."""
    t1 = "The strike killed 20 people, the Monitor said."
    t2 = "The ministry said 35 people, and the strike killed many."
    def story(confidence):
        return reconcile_figures([
            art("a", "Wire", "2023-03-13", t1, fig(t1, "20", 20, claimant="the Monitor", entity="Relief Monitor",
                                                    confidence=0.9)),
            art("b", "Herald", "2023-03-13", t2, fig(t2, "35", 35, claimant="The ministry", entity="Ministry",
                                                      confidence=confidence)),
        ], story="s")
    assert [g.status for g in story(0.9)] == ["conflicting"]
    assert [g.status for g in story(0.6)] == ["single_source"]


def test_a_startless_running_toll_joins_the_incident_most_articles_report():
    """"A journalist placed the death toll from the raids at 50" gives no start; when the story holds
    several incidents, it is compared with the one most of the articles report (here: 26 dead, two
    articles), not left alone; when no incident is reported by more articles than another, it stays apart."""
    t1 = "The raids killed 26 people in the east of the city."
    t2 = "Raids killed 26 people. A journalist placed the death toll from the raids at 50. In a village, eight died."
    t3 = "Eight people died in a village nearby."
    def story(*extra):
        return reconcile_figures([
            art("a", "Wire", "2016-10-11", t1, fig(t1, "26", 26, period="2016-10-11")),
            art("b", "Herald", "2016-10-11", t2, fig(t2, "26", 26, period="2016-10-11"),
                fig(t2, "50", 50, claimant="A journalist", entity="Zouhir Kessab", cumulative=True),
                fig(t2, "eight", 8, period="2016-09-20")),
            *extra,
        ], story="s")
    with_toll = [g for g in story() if any(r.figure.value == 50 for r in g.reports)]
    assert len(with_toll) == 1 and sorted(r.figure.value for r in with_toll[0].reports) == [26, 26, 50]
    # A third article makes the village's count as widely reported: no incident is the story's own.
    tied = story(art("c", "Post", "2016-10-11", t3, fig(t3, "Eight", 8, period="2016-09-20")))
    alone = [g for g in tied if any(r.figure.value == 50 for r in g.reports)]
    assert [len(g.reports) for g in alone] == [1]


def test_the_latest_toll_of_one_days_attack_is_that_incidents_count_not_a_window():
    # "On Friday ... killing, according to the latest toll, 44" is the count of Friday's attack: it is
    # compared with the other outlet's counts of that attack (and, being the latest toll, raises them),
    # not kept apart as a running toll of its own window.
    t1 = "The monitor said 34 people were killed in rocket fire on Friday night in Tarsa."
    t2 = "On Friday rockets hit Tarsa, killing according to the latest toll 44 civilians."
    a = art("a", "Ledger", "2024-07-09", t1, fig(t1, "34", 34, claimant="The monitor", period="2024-07-08"))
    b = art("b", "Courier", "2024-07-09", t2, fig(t2, "44", 44, subject="civilians", period="2024-07-08",
                                                 cumulative=True))
    groups = reconcile_figures([a, b], story="s")
    assert len(groups) == 1 and sorted(r.figure.value for r in groups[0].reports) == [34, 44]
    assert groups[0].status == "updated"
    # A toll running over several days still counts from its start: a window of its own.
    t3 = "Since Monday the toll has risen to 90 in Tarsa, the monitor said."
    c = art("c", "Herald", "2024-07-09", t3, fig(t3, "90", 90, claimant="the monitor", period="2024-07-05/2024-07-09",
                                                cumulative=True))
    apart = reconcile_figures([a, c], story="s")
    assert len(apart) == 2


def test_a_placeless_count_takes_the_finest_place_its_article_names():
    # Two incidents of one day in one country (Arvel, Brint). A placeless count in a paper that names
    # the country and Arvel is Arvel's: the country holds both towns, the town names one.
    t1, t3 = "Police said seven people were killed in Arvel.", "Medics said nine people were killed in Brint."
    t2 = "Seven were killed, the Monitor said of the bombing in Arvel, in the north of Zemlia."
    f1 = fig(t1, "seven", 7, claimant="Police", place=PlaceRef("Arvel", 101))
    f2 = fig(t2, "Seven", 7, claimant="the Monitor")
    f3 = fig(t3, "nine", 9, claimant="Medics", place=PlaceRef("Brint", 102))
    arvel_at = lambda t: PlaceMention(t.index("Arvel"), t.index("Arvel") + 5, "Arvel", "Arvel", 101, 45.0, 25.0, "ZZ",
                                      "P", "point")
    brint = PlaceMention(t3.index("Brint"), t3.index("Brint") + 5, "Brint", "Brint", 102, 44.0, 27.0, "ZZ", "P", "point")
    z = t2.index("Zemlia")
    zemlia = PlaceMention(z, z + 6, "Zemlia", "Zemlia", 100, 45.0, 26.0, "ZZ", "A", "country")
    groups = reconcile_figures([art("a", "Ledger", "2024-02-21", t1, f1, places=(arvel_at(t1),)),
                                art("b", "Courier", "2024-02-21", t2, f2, places=(arvel_at(t2), zemlia)),
                                art("c", "Herald", "2024-02-21", t3, f3, places=(brint,))], story="s")
    g = one(groups, place=PlaceRef("Arvel", 101))
    assert (g.status, len(g.reports)) == ("corroborated", 2)


def test_one_article_telling_a_tolls_update_is_a_rise():
    # "an initial death toll of 47 ... later updated to 82": one source, one article, told as an update.
    # Two counts of one article that are not running totals stay two counts (neither a rise nor a clash).
    t = "The monitor gave an initial death toll of 47. The toll was later updated to 82, the monitor said."
    a = art("a", "Ledger", "2024-06-27", t,
            fig(t, "47", 47, claimant="The monitor", cumulative=True),
            fig(t, "82", 82, claimant="the monitor", cumulative=True))
    g = reconcile_figures([a], story="s")
    assert [x.status for x in g] == ["updated"]
    t2 = "Some 120 fighters died, 60 foreign fighters were killed, the ministry said."
    b = art("b", "Ledger", "2024-06-27", t2, fig(t2, "120", 120, subject="fighters", claimant="the ministry"),
            fig(t2, "60", 60, subject="fighters", claimant="the ministry"))
    assert [x.status for x in reconcile_figures([b], story="s")] == ["single_source"]


def test_a_count_the_text_sets_apart_is_another_incident():
    # "Separately, ..." opens another incident: its count is not compared with the first incident's,
    # though its coarse place (the province) would hold the first one's town.
    t1 = "Five soldiers were killed when their helicopter was shot down near Arvel, the ministry said."
    t2 = ("Activists said five crewmen died near Arvel. Separately, over 12 civilians were killed in a village "
          "of rural Zanta province, the Coalition said.")
    arvel = PlaceRef("Arvel", 101)
    zanta = PlaceRef("Zanta", 100)
    mention = lambda t, name, gid, prec, lat: PlaceMention(t.index(name), t.index(name) + len(name), name, name, gid,
                                                         lat, 25.0, "ZZ", "A" if prec != "point" else "P", prec)
    a = art("a", "Ledger", "2024-08-01", t1, fig(t1, "Five", 5, claimant="the ministry",
                                                 place=arvel), places=(mention(t1, "Arvel", 101, "point", 45.0),))
    b = art("b", "Courier", "2024-08-01", t2,
            fig(t2, "five", 5, claimant="Activists", place=arvel),
            fig(t2, "over 12", 12, qualifier="more_than", claimant="the Coalition",
                place=zanta),
            places=(mention(t2, "Arvel", 101, "point", 45.0), mention(t2, "Zanta", 100, "admin1", 45.1)))
    b = b.with_layer(sentences=(Sentence(0, t2.index("Separately") - 1), Sentence(t2.index("Separately"), len(t2))))
    groups = reconcile_figures([a, b], story="s")
    soldiers = [g for g in groups if any(r.figure.value == 5 for r in g.reports)]
    assert len(soldiers) == 1 and soldiers[0].status == "corroborated"
    assert all(r.figure.value == 5 for r in soldiers[0].reports)


def test_a_background_count_weeks_earlier_does_not_make_the_story_count_day_by_day():
    # Two papers date one attack a day apart ("Friday" / "Saturday" from their own dates); one of them also
    # recalls an attack six weeks before. That older count is background: the two readings of the day are
    # still one incident, and the monitor's floor is set against the agency's lower count.
    t1 = "SOHR said at least 20 people were killed near the shrine on Saturday. In April at least seven died there."
    t2 = "State news agency SANA said 12 people were killed near the shrine on Friday."
    groups = reconcile_figures([
        art("a", "Ledger", "2016-06-12", t1,
            fig(t1, "at least 20", 20, qualifier="at_least", claimant="SOHR", period="2016-06-11"),
            fig(t1, "at least seven", 7, qualifier="at_least", period="2016-04-25")),
        art("b", "Courier", "2016-06-12", t2, fig(t2, "12", 12, claimant="SANA", period="2016-06-10")),
    ], story="s")
    attack = one(groups, period="2016-06-11")
    assert sorted(r.figure.value for r in attack.reports) == [12, 20] and attack.status == "conflicting"
    # Two counts of consecutive days in one paper are a day-by-day story: those days stay apart.
    t3 = "SOHR said 20 people were killed on Saturday and 9 on Sunday."
    daily = reconcile_figures([
        art("a", "Ledger", "2016-06-13", t3, fig(t3, "20", 20, claimant="SOHR", period="2016-06-11"),
            fig(t3, "9", 9, claimant="SOHR", period="2016-06-12")),
        art("b", "Courier", "2016-06-12", t2, fig(t2, "12", 12, claimant="SANA", period="2016-06-10")),
    ], story="s")
    assert all(len(g.reports) == 1 for g in daily)


def test_a_floor_below_its_articles_larger_count_is_a_part_not_the_start_of_a_rise():
    # "at least 16 died in the assault" beside the same text's "more than 50 executed": parts of one toll
    # of 85, not an earlier toll that a later paper's "more than 50" raised.
    t1 = "The monitor said more than 50 troops were executed, 19 died in a double suicide attack and at least 16 in the assault."
    t2 = "Militants executed more than 50 captive troops, the monitor said."
    groups = reconcile_figures([
        art("a", "Ledger", "2014-07-25", t1,
            fig(t1, "more than 50", 50, subject="soldiers", qualifier="more_than", claimant="The monitor"),
            fig(t1, "19", 19, subject="soldiers", claimant="The monitor"),
            fig(t1, "at least 16", 16, subject="soldiers", qualifier="at_least", claimant="The monitor")),
        art("b", "Courier", "2014-07-27", t2,
            fig(t2, "more than 50", 50, subject="soldiers", qualifier="more_than", claimant="the monitor")),
    ], story="s")
    assert all(g.status != "updated" for g in groups), [(g.status, g.reason) for g in groups]


def test_another_partys_later_total_is_a_conflict_unless_the_text_says_the_toll_rose():
    # Issue 13: "a later, higher count from a different claimant read as an update". A "total" says how
    # many, not that the count moved; "the toll rose to" does.
    t1 = "Opposition leader Omar Dask said 1300 people had been killed in the attack."
    t2 = "A total of 1500 people have fallen victim to the attack, council head Ali Sino said."
    t3 = "The death toll from the attack rose to 1500, council head Ali Sino said."

    def pair(second):
        return one(reconcile_figures([
            art("a", "Ledger", "2013-08-21", t1, fig(t1, "1300", 1300, claimant="Omar Dask", period="2013-08-21")),
            art("b", "Courier", "2013-08-22", second, fig(second, "1500", 1500, claimant="Ali Sino", cumulative=True,
                                                          period="2013-08-21")),
        ], story="s"))

    assert pair(t2).status == "conflicting"
    assert pair(t3).status == "updated"


def test_an_article_that_gives_an_earlier_report_shows_the_toll_moving():
    # "Earlier on Wednesday a source said seven were killed" beside the same page's ten: the count moved,
    # so another outlet's seven of that day is the earlier toll, not a contradiction.
    t1 = "Seven civilians were killed in rocket fire on the district, the agency said."
    t2 = ("Ten civilians were killed in rocket fire on the district. Earlier on Wednesday a source said that "
          "seven civilians were killed.")
    g = one(reconcile_figures([
        art("a", "Ledger", "2016-08-17", t1, fig(t1, "Seven", 7, subject="civilians", claimant="the agency",
                                                 period="2016-08-17")),
        art("b", "Courier", "2016-08-17", t2, fig(t2, "Ten", 10, subject="civilians", period="2016-08-17"),
            fig(t2, "seven", 7, subject="civilians", claimant="a source", period="2016-08-17", cumulative=True)),
    ], story="s"))
    assert g.status == "updated", g.reason


def test_another_named_partys_higher_floor_after_a_floor_is_a_conflict():
    # "at least 16" from a monitor, then days later "at least 32" from a rescuer: nothing says the toll
    # moved, so two parties disagree; the monitor raising its own floor is a rise.
    t1 = "At least 16 civilians were killed in the raids on Telmar, the Harbor Observatory said."
    t2 = "At least 32 people were killed in the raids on Telmar, said Sami Dask of the Telmar Rescue Corps."
    t3 = "At least 32 people were killed in the raids on Telmar, the Harbor Observatory said."

    def pair(second, claimant):
        return one(reconcile_figures([
            art("a", "Ledger", "2016-06-19", t1, fig(t1, "At least 16", 16, subject="civilians", qualifier="at_least",
                                                     claimant="the Harbor Observatory", period="2016-06-05")),
            art("b", "Courier", "2016-06-22", second, fig(second, "At least 32", 32, qualifier="at_least",
                                                          claimant=claimant, period="2016-06-05")),
        ], story="s"))

    assert pair(t2, "Sami Dask").status == "conflicting"
    assert pair(t3, "the Harbor Observatory").status == "updated"


def test_a_report_is_never_dated_before_the_day_its_counts_report():
    # A scraped record filed under 6 September whose text counts Saturday 24 September's dead: the record's
    # date is wrong (a page cannot report what has not happened), so the monitor's floor is of the same day
    # as the rescuers' 92, and the two agree; it is no earlier toll that rose.
    t1 = "At least 25 civilians were killed in strikes on Telmar on Saturday, the Harbor Observatory said."
    t2 = "Ninety-two civilians were killed in strikes on Telmar on Saturday, a civil defence official said."
    g = one(reconcile_figures([
        art("a", "Ledger", "2016-09-06", t1, fig(t1, "At least 25", 25, subject="civilians", qualifier="at_least",
                                                 claimant="the Harbor Observatory", period="2016-09-24")),
        art("b", "Courier", "2016-09-24", t2, fig(t2, "Ninety-two", 92, subject="civilians",
                                                  claimant="a civil defence official", period="2016-09-24")),
    ], story="s"))
    assert g.status == "corroborated", g.reason
