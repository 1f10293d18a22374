"""The date of an article's event (newsfuse.annotate.figures.event_date) and the figures stage giving it to the
incident's undated counts. Texts written for these tests (invented places in Kestria); the times layer
is the real times stage. 2024-03-07 is a Thursday."""

from newsfuse.model import Article
from newsfuse.annotate.figures import event_date
from newsfuse.annotate.figures.event_date import find_event_date
from newsfuse.annotate.clean.sentences import sentences_of
from newsfuse.annotate.figures.stage import find_figures
from newsfuse.annotate.times.stage import find_times

THURSDAY = "2024-03-07"
WEDNESDAY = "2024-03-06"


def article(text: str, published: str | None = THURSDAY) -> Article:
    bare = Article.create(id="t", text=text, published=published)
    return bare.with_layer(sentences=sentences_of(bare), times=tuple(find_times(text, published)))


def day(text: str, published: str | None = THURSDAY) -> str | None:
    found = find_event_date(article(text, published))
    return found.day.isoformat() if found else None


def periods(text: str, published: str | None = THURSDAY) -> dict[str, str | None]:
    return {f.text: f.period for f in find_figures(article(text, published))}


# --------------------------------------------------------------------------- the event date


def test_lede_date_is_the_event_date():
    text = ("A bomb blast killed six people in the market of Varn on Wednesday, state radio said. "
            "The blast also wounded 32 people.")
    found = find_event_date(article(text))
    assert found is not None and found.day.isoformat() == WEDNESDAY
    assert [t.text for t in found.evidence] == ["Wednesday"]


def test_article_with_no_date_at_all_has_none():
    assert day("250 people have been killed in the fighting around Varn.", published=None) is None
    assert day("A car bomb killed 250 people on Monday in Varn.", published=None) is None  # nothing to resolve against


def test_dated_article_whose_text_gives_no_day_has_none():
    assert day("The blast killed six people in Varn and wounded 32.") is None


def test_two_incident_dates_give_none():
    text = ("A car bomb killed five people in Varn on Monday. "
            "Another attack killed three soldiers near Ostrel on Tuesday. The bombing also wounded 20 people.")
    assert day(text) is None


def test_one_dominant_date_wins_over_a_single_background_attack():
    text = ("A car bomb killed five people in Varn on Wednesday. The blast on Wednesday also wounded 20. "
            "On Monday a mortar attack killed two people in Ostrel.")
    assert day(text) == WEDNESDAY


def test_time_of_a_report_is_not_the_event_date():
    assert day("Six people were killed in a blast in Varn, state television reported on Wednesday.") is None


def test_dateline_is_no_body_evidence_but_dates_a_breaking_lede():
    text = "Wed 6 Mar 2024 Varn blast kills six. The blast killed six people in the old market."
    assert event_date.evidence(article(text)) == []  # rule 2: a date with a year is a dateline
    assert day(text) == WEDNESDAY  # rule 4: the page's own date opening a casualty lede
    # A dated page that opens with background, or with no casualty, gets no event date.
    assert day("Wed 6 Mar 2024 The war in Kestria has killed 30,000 people since 2019.") is None
    assert day("Wed 6 Mar 2024 Ministers met in Varn to discuss the budget.") is None
    # Only when the body dates no incident itself: its own day wins.
    assert day("Thu 7 Mar 2024 A bomb killed six people in Varn on Wednesday.") == WEDNESDAY


def test_a_reporting_verb_ends_the_clause_of_a_relative_about_the_war():
    # "which monitors the five-year war" describes the monitor; the count after "said" is the incident's.
    text = ("A bomb killed six people in Varn on Wednesday. The monitor which tracks the five-year war said "
            "at least 11 children were among the dead.")
    assert periods(text)["at least 11"] == WEDNESDAY


def test_photo_caption_date_is_not_evidence():
    text = ("A wounded boy from the blast on Monday rests in a hospital (File photo) "
            "A bomb killed six people in Varn on Wednesday.")
    assert day(text) == WEDNESDAY


def test_date_of_a_relative_clause_does_not_date_the_killing():
    text = "At least 29 rebels were killed trying to reopen the Varn road which troops severed on Monday."
    assert day(text) is None


def test_date_of_being_at_the_scene_is_not_the_event_date():
    assert day("Debris was still strewn at the scene of the attack on Thursday, a reporter said.") is None


def test_sentence_without_an_incident_gives_no_date():
    assert day("Seats in the hall were still covered in blood on Wednesday morning.") is None


def test_old_date_outside_the_week_is_not_evidence():
    assert day("A car bomb killed 12 people in Varn on February 2.") is None


def test_weekday_is_read_against_the_date_the_page_prints():
    text = "Date of publication 3 October 2017 A double suicide bomb attack killed 17 people in Varn on Monday."
    assert day(text, published="2017-10-01") == "2017-10-02"


# --------------------------------------------------------------------------- figures take it


def test_undated_incident_counts_take_the_event_date():
    text = ("A bomb blast killed six people in the market of Varn on Wednesday. "
            "The blast also wounded 32 people, state radio said.")
    got = periods(text)
    assert got["six"] == WEDNESDAY
    assert got["32"] == WEDNESDAY


def test_undated_counts_stay_unknown_when_the_article_has_no_date():
    text = "250 people have been killed in the shelling of Varn. The shelling also wounded 400."
    assert set(periods(text, published=None).values()) == {None}
    assert set(periods(text).values()) == {None}


def test_counts_stay_unknown_when_two_incident_dates_are_given():
    text = ("A car bomb killed five people in Varn on Monday. "
            "Another attack killed three soldiers near Ostrel on Tuesday. The bombing also wounded 20 people.")
    assert periods(text)["20"] is None


def test_background_total_keeps_its_own_period():
    text = ("A bomb blast killed six people in Varn on Wednesday. "
            "More than 330,000 people have been killed in Kestria since 2011.")
    got = periods(text)
    assert got["six"] == WEDNESDAY
    assert got["More than 330,000"].startswith("2011")


def test_background_clause_and_war_sized_total_do_not_take_the_date():
    text = ("Air strikes killed at least 26 people in Varn on Wednesday. "
            "The conflict has killed more than 280,000 people. "
            "More than 300,000 people have been killed and millions displaced.")
    got = periods(text)
    assert got["at least 26"] == WEDNESDAY
    assert got["more than 280,000"] is None
    assert got["More than 300,000"] is None


def test_cumulative_count_does_not_take_the_date():
    text = "A bomb blast killed six people in Varn on Wednesday. The toll has risen to nine so far, medics said."
    got = periods(text)
    assert got["nine"] is None


def test_count_with_its_own_time_keeps_it():
    text = ("A bomb blast killed six people in Varn on Wednesday. "
            "Over the past week 40 people have been killed in the province.")
    got = periods(text)
    assert got["40"] == "2024-02-29/2024-03-07"


def test_part_with_its_own_period_keeps_it_and_undated_part_takes_the_date():
    text = ("Shelling killed 31 people in Varn on Wednesday. Two medics were among the dead. "
            "The shelling on Wednesday also wounded 50. Three soldiers were killed on Monday near Ostrel.")
    got = periods(text)
    assert got["Two"] == WEDNESDAY
    assert got["Three"] == "2024-03-04"


def test_words_file_has_each_kind():
    words = event_date.event_words()
    assert words.incident.search("a car bomb went off") and words.background.search("since the uprising")
    assert words.casualty.search("were killed") and not words.incident.search("the wedding hall")


def test_weekday_possessive_without_apostrophe_is_evidence_and_an_own_time():
    text = ("Nearly 70 children were among those killed, a monitor said on Thursday. "
            "Wednesdays blast hit a convoy of buses near Varn. The blast killed 126 people.")
    assert day(text) == WEDNESDAY
    assert periods(text)["126"] == WEDNESDAY
    other = ("A bomb killed six people in Varn on Wednesday. Mondays convoy attack killed 126 people. "
             "The bomb on Wednesday also wounded 30.")
    assert periods(other)["126"] is None  # a day of its own that the times layer does not read


def test_wire_dateline_without_year_is_not_evidence():
    text = "VARN, March 4 (Kestria Wire) - Rescue teams searched the rubble. The blast killed six people."
    assert day(text) is None
