"""The times stage: one test per pattern on sentences written for these tests, plus the seed pages.

Unless a test says otherwise the publish date is Tuesday 5 March 2019.
"""

from __future__ import annotations

import pytest

from newsfuse.text.date_prefix import find_date_prefix
from newsfuse.model import Article, Boilerplate, Sentence
from newsfuse.annotate.times import stage as times
from newsfuse.annotate.times.stage import STAGE, find_times, nearest_time, resolve, times_in_span

PUBLISHED = "2019-03-05"  # a Tuesday


def found(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_times(text, published)]


# --------------------------------------------------------------------------- one pattern each

CASES = [
    # weekdays: the latest such day on or before the publish date, unless the clause looks ahead
    ("Aid convoys set off on Tuesday from the river town.", "Tuesday", "2019-03-05"),
    ("On Monday night, shelling lit up the hills.", "Monday night", "2019-03-04"),
    ("The offensive resumed on Friday night after a pause.", "Friday night", "2019-03-01"),
    ("Negotiators will meet on Thursday in the capital.", "Thursday", "2019-03-07"),
    ("More families are expected to arrive on Tuesday.", "Tuesday", "2019-03-05"),
    ("The council met last Tuesday behind closed doors.", "last Tuesday", "2019-02-26"),
    ("A vote is planned for next Monday.", "next Monday", "2019-03-11"),
    ("The ferry sank late Sunday near the coast.", "late Sunday", "2019-03-03"),
    # day words
    ("The governor resigned yesterday.", "yesterday", "2019-03-04"),
    ("Schools reopen today across the district.", "today", "2019-03-05"),
    ("Earlier in the day a blast hit the convoy.", "Earlier in the day", "2019-03-05"),
    ("The court rules tomorrow.", "tomorrow", "2019-03-06"),
    ("Two shops burned last night.", "last night", "2019-03-04"),
    ("The bridge closed the day before yesterday.", "the day before yesterday", "2019-03-03"),
    # "since" joins a point to the publish date
    ("Some 280 fighters have surrendered since Sunday.", "since Sunday", "2019-03-03/2019-03-05"),
    ("The war has displaced millions since 2011.", "since 2011", "2011/2019-03-05"),
    ("Prices have doubled since early February.", "since early February", "2019-02/2019-03-05"),
    # windows ending (or starting) on the publish date
    ("Nearly 3,000 people left over the past 48 hours.", "the past 48 hours", "2019-03-03/2019-03-05"),
    ("Over 20,000 civilians fled in the past 10 days.", "the past 10 days", "2019-02-23/2019-03-05"),
    ("Four strikes hit the town in the last week.", "the last week", "2019-02-26/2019-03-05"),
    ("Rain fell for most of the past 24 hours.", "the past 24 hours", "2019-03-04/2019-03-05"),
    ("Food stocks may run out within the next two weeks.", "the next two weeks", "2019-03-05/2019-03-19"),
    # calendar periods relative to the publish date
    ("Talks collapsed last week in Geneva.", "last week", "2019-02-25/2019-03-03"),
    ("The envoy travels this week.", "this week", "2019-03-04/2019-03-10"),
    ("Elections are due next week.", "next week", "2019-03-11/2019-03-17"),
    ("Prices rose last month.", "last month", "2019-02"),
    ("The camp opened earlier this month.", "earlier this month", "2019-03-01/2019-03-05"),
    ("A census is planned later this year.", "later this year", "2019-03-05/2019-12-31"),
    ("The mayor was elected last year.", "last year", "2018"),
    ("Fighters regrouped over the weekend.", "the weekend", "2019-03-02/2019-03-03"),
    ("The families will rest this weekend.", "this weekend", "2019-03-09/2019-03-10"),
    # counted units back from the publish date
    ("She crossed the border almost three years ago.", "almost three years ago", "2016"),
    ("At its peak more than four years ago, the group held cities.", "more than four years ago", "2015"),
    ("The well ran dry two weeks ago.", "two weeks ago", "2019-02-19"),
    ("The clinic closed six months ago.", "six months ago", "2018-09"),
    # calendar dates; the year from the publish date when the text leaves it out
    ("Some 5,000 people reached the camp between February 22 and March 1.", "between February 22 and March 1", "2019-02-22/2019-03-01"),
    ("Shops were shut from December 20 to January 5.", "from December 20 to January 5", "2018-12-20/2019-01-05"),
    ("Clashes flared on March 1 near the dam.", "March 1", "2019-03-01"),
    ("Curfews were lifted on December 20.", "December 20", "2018-12-20"),
    ("The decree was signed on 1 March 2019.", "1 March 2019", "2019-03-01"),
    ("The decree was signed on March 1, 2019.", "March 1, 2019", "2019-03-01"),
    ("The ruling came on the 5th of March 2018.", "the 5th of March 2018", "2018-03-05"),
    ("Markets reopened on Tuesday, March 5.", "Tuesday, March 5", "2019-03-05"),
    ("Strikes continued on March 1-3.", "March 1-3", "2019-03-01/2019-03-03"),
    ("The summit ran 1-3 March 2018.", "1-3 March 2018", "2018-03-01/2018-03-03"),
    ("The report was published on 2019-02-28.", "2019-02-28", "2019-02-28"),
    ("The deal was signed on 25/12/2018.", "25/12/2018", "2018-12-25"),
    ("He was detained on 05/03/2018.", "05/03/2018", None),  # 5 March or May 3: never a guess
    # months, years, decades, centuries
    ("The siege began in March 2019.", "March 2019", "2019-03"),
    ("The siege began in October.", "October", "2018-10"),
    ("Voting takes place in May.", "May", "2019-05"),
    ("Rebels lost the town last October.", "last October", "2018-10"),
    ("The uprising began in 2011.", "2011", "2011"),
    ("The group held the city from 2014 to 2017.", "from 2014 to 2017", "2014/2017"),
    ("The 2014-2017 occupation left scars.", "2014-2017", "2014/2017"),
    ("The region was calm in the 1990s.", "the 1990s", "199"),
    ("The dam was built in the early 1980s.", "the early 1980s", "198"),
    ("Oil was found in the nineties.", "the nineties", "199"),
    ("The border was drawn in the 20th century.", "the 20th century", "19"),
    ("Exports recovered in mid-2018.", "mid-2018", "2018"),
    # seasons and quarters
    ("Wells dried up last summer.", "last summer", "2018-06-01/2018-08-31"),
    ("Crops failed in the winter of 2017.", "the winter of 2017", "2017-12-01/2018-02-28"),
    ("Returns began in summer 2018.", "summer 2018", "2018-06-01/2018-08-31"),
    ("Output fell in the third quarter of 2018.", "the third quarter of 2018", "2018-07-01/2018-09-30"),
    ("Output fell in Q1 2019.", "Q1 2019", "2019-01-01/2019-03-31"),
    ("Aid doubled in the first half of 2018.", "the first half of 2018", "2018-01-01/2018-06-30"),
    # durations: lengths of time with no anchor
    ("Rations last a month at most.", "a month", "P1M"),
    ("The truce held for two weeks.", "two weeks", "P2W"),
    ("Fighting stopped after a two-week pause.", "two-week", "P2W"),
    ("The campaign went on for more than 30 years.", "more than 30 years", "P30Y"),
    ("The road stayed closed for 48 hours.", "48 hours", "PT48H"),
    ("The meeting lasted half an hour.", "half an hour", "PT30M"),
    ("The siege lasted a year and a half.", "a year and a half", "P1Y6M"),
    # joined with a time of day, holidays, written-out years
    ("Shells fell at 10 p.m. on Wednesday.", "10 p.m. on Wednesday", "2019-02-27"),
    ("The market was bombed on Christmas Day.", "Christmas Day", "2018-12-25"),
    ("The treaty dates from nineteen ninety-six.", "nineteen ninety-six", "1996"),
    # recognised but unresolvable
    ("More people are expected in the coming days.", "the coming days", None),
    ("Attacks have grown in recent weeks.", "recent weeks", None),
    ("The next day, the convoy turned back.", "The next day", None),
]


@pytest.mark.parametrize("sentence, phrase, value", CASES, ids=[c[1] for c in CASES])
def test_pattern(sentence: str, phrase: str, value: str | None) -> None:
    assert (phrase, value) in found(sentence)


NOT_TIMES = [
    "The truce may hold, officials said.",
    "Protesters march on the capital.",
    "UN Security Council Resolution 2401 demanded a truce.",
    "Some 2,000 people fled and 1500 fighters remain.",
    "A 6-year-old girl was hurt.",
    "The Arab Spring reshaped the region.",
    "After the fall of Raqqa, fighters scattered.",
    "Aid arrives twice a day.",
    "He came second in the race.",
    "A quarter of the population has left.",
]


@pytest.mark.parametrize("sentence", NOT_TIMES)
def test_not_a_time(sentence: str) -> None:
    assert found(sentence) == []


def test_hedged_count_keeps_value_with_lower_confidence() -> None:
    plain, hedged = find_times("It fell three years ago; it rose almost three years ago.", PUBLISHED)
    assert (plain.value, hedged.value) == ("2016", "2016")
    assert hedged.confidence < plain.confidence


def test_without_publish_date_only_absolute_expressions_resolve() -> None:
    text = "They left on Tuesday, returned in 2011, have waited since Sunday and met on March 1, 2019."
    assert found(text, None) == [
        ("Tuesday", None),
        ("2011", "2011"),
        ("since Sunday", None),
        ("March 1, 2019", "2019-03-01"),
    ]


def test_year_less_date_needs_publish_date() -> None:
    assert found("The talks ended on March 1.", None) == [("March 1", None)]


def test_publish_datetime_is_accepted() -> None:
    assert found("They left yesterday.", "2019-03-05T14:30:00+00:00") == [("yesterday", "2019-03-04")]


def test_spans_slice_the_text_exactly() -> None:
    text = "Since Sunday, and over the past 48 hours, 3,000 people left; talks resume on Thursday."
    for t in find_times(text, PUBLISHED):
        assert text[t.start : t.end] == t.text
        assert t.method == "times/rules-1"


def test_resolve_single_phrase() -> None:
    assert resolve("over the past 48 hours", PUBLISHED) == "2019-03-03/2019-03-05"
    assert resolve("no time here", PUBLISHED) is None


# --------------------------------------------------------------------------- the stage


def _article(text: str, **kwargs) -> Article:
    return Article.create(id="t", text=text, **kwargs)


def test_stage_declares_layers() -> None:
    assert (STAGE.name, STAGE.requires, STAGE.provides) == ("times", ("sentences",), ("times",))
    assert STAGE.method == "times/rules-1"


def test_stage_skips_boilerplate() -> None:
    text = " date 2019-03-05 Militants left on Tuesday."
    a = _article(text, published="2019-03-05", boilerplate=(Boilerplate(1, 16, "date_prefix"),),
                 sentences=(Sentence(17, len(text)),))
    out = STAGE.process(a)
    assert [(t.text, t.value) for t in out.times] == [("Tuesday", "2019-03-05")]
    assert out.text == a.text


def test_stage_uses_sentences_for_tense() -> None:
    # The future cue sits in the sentence before: with sentence bounds it must not reach "Friday".
    text = "The envoy will travel. Talks ended on Friday."
    a = _article(text, published="2019-03-05", sentences=(Sentence(0, 22), Sentence(23, len(text))))
    assert [(t.text, t.value) for t in STAGE.process(a).times] == [("Friday", "2019-03-01")]


def test_times_in_span_and_nearest_time() -> None:
    text = "Since Sunday 280 fighters left. Over the past 10 days 20,000 people fled, OCHA said on Monday."
    a = STAGE.process(_article(text, published="2019-03-05", sentences=(Sentence(0, 31), Sentence(32, len(text)))))
    second = (32, len(text))
    assert [t.text for t in times_in_span(a, *second)] == ["the past 10 days", "Monday"]
    nearest = nearest_time(a, text.index("20,000"), *second)
    assert nearest is not None and nearest.value == "2019-02-23/2019-03-05"


# --------------------------------------------------------------------------- seed pages

def _seed(path) -> Article:
    text = path.read_text(encoding="utf-8")
    marker = find_date_prefix(text)
    boiler = (Boilerplate(marker[0], marker[1], "date_prefix"),) if marker else ()
    return times.process(_article(text, published=marker[2] if marker else None, boilerplate=boiler))


def test_seed_pages(seed_path) -> None:
    page = _seed(seed_path("004"))
    got = [(t.text, t.value) for t in page.times]
    for expected in [
        ("Tuesday", "2019-03-05"),
        ("since Sunday", "2019-03-03/2019-03-05"),
        ("between February 22 and March 1", "2019-02-22/2019-03-01"),
        ("the past 48 hours", "2019-03-03/2019-03-05"),
        ("Monday night", "2019-03-04"),
        ("2011", "2011"),
    ]:
        assert expected in got
    assert not any(t.text == "2019-03-05" for t in page.times)  # the date marker is boilerplate

    undated = _seed(seed_path("000"))
    assert undated.published is None
    relative = {t.text: t.value for t in undated.times}
    assert relative.get("Tuesday", "missing") is None
    assert relative.get("the past 10 days", "missing") is None
    assert relative.get("almost three years ago", "missing") is None


def test_relative_times_count_from_the_date_the_page_prints() -> None:
    # A scraped record filed under the crawl's date: "yesterday" is the day before the page's dateline.
    text = "Published June 27 2016 Air strikes killed 20 people yesterday in the town."
    a = Article.create(id="d", text=text, published="2016-06-05", sentences=(Sentence(0, len(text)),))
    out = times.process(a)
    assert [(t.text, t.value) for t in out.times if t.text == "yesterday"] == [("yesterday", "2016-06-26")]
    # With no printed date, the record's date is the reference.
    plain = Article.create(id="e", text="Air strikes killed 20 people yesterday.", published="2016-06-05",
                           sentences=(Sentence(0, 39),))
    assert [t.value for t in times.process(plain).times] == ["2016-06-04"]
