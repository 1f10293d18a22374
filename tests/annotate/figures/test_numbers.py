"""Number expressions: values, the range each qualifier allows, and what is not a count."""

import pytest

from newsfuse.annotate.figures.numbers import bounds, find_counts, find_numbers, parse_number


def first(text):
    n = parse_number(text)
    assert n is not None, f"no count in {text!r}"
    return n.text, n.value, n.low, n.high, n.qualifier


@pytest.mark.parametrize(
    "text, expected",
    [
        # digits and separators, including noisy web text
        ("The count reached 20,000 people", ("20,000", 20000, 20000, 20000, "exact")),
        ("about 20 000 people", ("about 20 000", 20000, 18000, 22000, "approx")),
        ("20\u00a0000 refugees", ("20\u00a0000", 20000, 20000, 20000, "exact")),
        ("20\u202f000 refugees", ("20\u202f000", 20000, 20000, 20000, "exact")),
        ("Over\u00a020,000 civilians", ("Over\u00a020,000", 20000, 20001, None, "more_than")),
        ("20,000people had fled", ("20,000", 20000, 20000, 20000, "exact")),
        ("some 61, 000 people", ("some 61, 000", 61000, 54900, 67100, "approx")),
        ("20.000 personas", ("20.000", 20000, 20000, 20000, "exact")),
        ("1500 families", ("1500", 1500, 1500, 1500, "exact")),
        # words
        ("seventy villagers", ("seventy", 70, 70, 70, "exact")),
        ("Twenty-three guards", ("Twenty-three", 23, 23, 23, "exact")),
        ("two hundred and fifty pupils", ("two hundred and fifty", 250, 250, 250, "exact")),
        ("a dozen nurses", ("a dozen", 12, 12, 12, "exact")),
        ("half a million residents", ("half a million", 500000, 500000, 500000, "exact")),
        ("THIRTY-ONE PEASANTS", ("THIRTY-ONE", 31, 31, 31, "exact")),
        # scales
        ("1.2 million displaced", ("1.2 million", 1200000, 1200000, 1200000, "exact")),
        ("1.2m people", ("1.2m", 1200000, 1200000, 1200000, "exact")),
        ("3k marchers", ("3k", 3000, 3000, 3000, "exact")),
        ("2.5 lakh pilgrims", ("2.5 lakh", 250000, 250000, 250000, "exact")),
        ("1,2 million people", ("1,2 million", 1200000, 1200000, 1200000, "exact")),
        ("360,000 dead", ("360,000", 360000, 360000, 360000, "exact")),
        # ranges
        ("400 to 600 fighters", ("400 to 600", None, 400, 600, "range")),
        ("between 14,000 and 18,000 fighters", ("between 14,000 and 18,000", None, 14000, 18000, "range")),
        ("400-600 fighters", ("400-600", None, 400, 600, "range")),
        ("from 50 to 70 workers", ("from 50 to 70", None, 50, 70, "range")),
        ("three or four boys", ("three or four", None, 3, 4, "range")),
        ("1.5 to 2 million people", ("1.5 to 2 million", None, 1500000, 2000000, "range")),
        # qualifiers, with the contract's bounds
        ("at least 70 civilians", ("at least 70", 70, 70, None, "at_least")),
        ("more than 500 pupils", ("more than 500", 500, 501, None, "more_than")),
        ("around 300 people", ("around 300", 300, 270, 330, "approx")),
        ("roughly 40 guards", ("roughly 40", 40, 36, 44, "approx")),
        ("almost 3,000 people", ("almost 3,000", 3000, 2700, 3000, "approx")),
        ("nearly 40,000 people", ("nearly 40,000", 40000, 36000, 40000, "approx")),
        ("up to 90 crew", ("up to 90", 90, 0, 90, "at_most")),
        ("fewer than 20 adults", ("fewer than 20", 20, 0, 19, "less_than")),
        ("12 or more hikers", ("12 or more", 12, 12, None, "at_least")),
        ("300+ campers", ("300+", 300, 300, None, "at_least")),
        ("~40 people", ("~40", 40, 36, 44, "approx")),
        # vague amounts
        ("hundreds of people", ("hundreds", None, 200, 999, "vague")),
        ("Dozens were hurt", ("Dozens", None, 24, 99, "vague")),
        ("thousands fled", ("thousands", None, 2000, 9999, "vague")),
        ("millions of people", ("millions", None, 2000000, 999000000, "vague")),
        ("scores of people", ("scores", None, 40, 99, "vague")),
        ("tens of thousands of people", ("tens of thousands", None, 20000, 99999, "vague")),
        ("hundreds of thousands of people", ("hundreds of thousands", None, 200000, 999999, "vague")),
        ("several hundred people", ("several hundred", None, 200, 999, "vague")),
        ("100s of homes", ("100s", None, 200, 999, "vague")),
        # a count that replaced an older one
        ("the toll rose from 40 to 45", ("45", 45, 45, 45, "exact")),
    ],
)
def test_count_expressions(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ("in 2011", "year"),
        ("the 1990s", "year"),
        ("on 3 February", "date"),
        ("on February 22", "date"),
        ("2019-03-05", "date"),
        ("at 10:30", "time"),
        ("at 5 p.m.", "time"),
        ("$5 million", "money"),
        ("40 euros", "money"),
        ("30%", "percent"),
        ("12 per cent", "percent"),
        ("one square km", "measure"),
        ("0.4 square miles", "measure"),
        ("5 km away", "measure"),
        ("173mm of rain", "measure"),
        ("the past 48 hours", "duration"),
        ("a two-week pause", "duration"),
        ("24h", "duration"),
        ("a five-year-old", "age"),
        ("children under the age of five", "age"),
        ("children under five", "age"),
        ("aged 12", "age"),
        ("the 5th", "ordinal"),
        ("an M-16 rifle", "identifier"),
        ("Resolution 2254", "identifier"),
        ("call +44 20 7946 0958", "phone"),
        ("a 2-1 win", "score"),
        ("two-thirds of", "fraction"),
        ("three times", "multiplier"),
    ],
)
def test_not_counts(text, kind):
    numbers = find_numbers(text)
    assert numbers, f"nothing found in {text!r}"
    assert numbers[0].kind == kind
    assert find_counts(text) == []


def test_day_before_month_does_not_make_the_next_number_a_day():
    numbers = find_numbers("on 23 September 28 bodies were found")
    assert [(n.text, n.kind) for n in numbers] == [("23", "date"), ("28", "count")]


def test_offsets_index_the_text():
    text = "Officials said almost 3,000 people left, including hundreds of fighters."
    for n in find_counts(text):
        assert text[n.start : n.end] == n.text
    assert [n.text for n in find_counts(text)] == ["almost 3,000", "hundreds"]


def test_bounds_table():
    assert bounds(300, "approx") == (270, 330)
    assert bounds(3000, "almost") == (2700, 3000)
    assert bounds(70, "at_least") == (70, None)
    assert bounds(20000, "more_than") == (20001, None)
    assert bounds(600, "at_most") == (0, 600)
    assert bounds(50, "less_than") == (0, 49)
    assert bounds(12, "exact") == (12, 12)


def test_docstring_examples():
    import doctest

    from newsfuse.annotate.figures import categories as figure_categories, stage as figures, numbers

    for module in (numbers, figure_categories, figures):
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__


def test_a_dateline_then_a_headline_count_is_no_phone_number():
    """"Fri Apr 29 2016 57 Civilians killed": day, year and count run together look like a phone number's
    digit groups; after a month name they are a date and a count. A real phone number stays one."""
    assert [(n.text, n.kind) for n in find_numbers("Fri Apr 29 2016 57 Civilians killed 150 Injured.")] == [
        ("29", "date"), ("2016", "year"), ("57", "count"), ("150", "count")]
    assert {n.kind for n in find_numbers("Call 0161 496 0000 for help.")} == {"phone"}
