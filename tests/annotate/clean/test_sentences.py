"""Sentence spans: abbreviations, numbers, quotes, brackets, paragraph breaks, boilerplate gaps."""

import doctest

import pytest

from newsfuse.annotate.clean import boilerplate, sentences
from newsfuse.annotate.clean.sentences import STAGE, split_sentences
from newsfuse.model import Article, Boilerplate


def split(text, exclude=()):
    return [text[s:e] for s, e in split_sentences(text, exclude)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations and titles
        (
            "Mr. Brenn and Dr. Ostrow met Gen. Harlan Voss at No. 10 Quay Street. They spoke for an hour.",
            ["Mr. Brenn and Dr. Ostrow met Gen. Harlan Voss at No. 10 Quay Street.", "They spoke for an hour."],
        ),
        (
            "U.S. envoy Mara Lind arrived on Jan. 5 at 9 a.m. local time. She left at 4 p.m. The talks failed.",
            ["U.S. envoy Mara Lind arrived on Jan. 5 at 9 a.m. local time.", "She left at 4 p.m.", "The talks failed."],
        ),
        (
            "Aid came from the U.S. and the U.K. on Friday. Aid also came from the U.S. The rest came later.",
            ["Aid came from the U.S. and the U.K. on Friday.", "Aid also came from the U.S.", "The rest came later."],
        ),
        (
            "Governor Hal R. Pike and Ada J. K. Quill signed it. Plan B. It worked.",
            ["Governor Hal R. Pike and Ada J. K. Quill signed it.", "Plan B.", "It worked."],
        ),
        (
            "Gifts, e.g. blankets, arrived. Smith et al. counted them.",
            ["Gifts, e.g. blankets, arrived.", "Smith et al. counted them."],
        ),
        (
            "TESSBY, Calif. (AP) — Crews left. The Rt. Hon. Ada Quill spoke. Pike d. Lind in two sets.",
            ["TESSBY, Calif. (AP) — Crews left.", "The Rt. Hon. Ada Quill spoke.", "Pike d. Lind in two sets."],
        ),
        (
            "He fell ill. Doctors came.",  # only the capitalised state abbreviation ("Ill.") is soft
            ["He fell ill.", "Doctors came."],
        ),
        # list markers open a sentence and do not end one
        (
            "Pack three things. 1. Water for two days. 2. A torch. C. Spare batteries.",
            ["Pack three things.", "1. Water for two days.", "2. A torch.", "C. Spare batteries."],
        ),
        # numbers with points
        (
            "The flood displaced 1.2 million people. It covered 0.4 square miles (1.1 sq km). Rain fell at 3.5 cm.",
            [
                "The flood displaced 1.2 million people.",
                "It covered 0.4 square miles (1.1 sq km).",
                "Rain fell at 3.5 cm.",
            ],
        ),
        (
            "The toll rose to 41. 300 more were missing.",
            ["The toll rose to 41.", "300 more were missing."],
        ),
        # quotes closing after the period, and after the sentence
        (
            'He said: "We lost everything." Crews kept searching.',
            ['He said: "We lost everything."', "Crews kept searching."],
        ),
        (
            "She said: “The water came at night.” The council agreed.",
            ["She said: “The water came at night.”", "The council agreed."],
        ),
        (
            '"There was no bread". Officials denied it.',
            ['"There was no bread".', "Officials denied it."],
        ),
        (
            '"Go now!" he shouted. "Where?" she asked. Nobody answered.',
            ['"Go now!" he shouted.', '"Where?" she asked.', "Nobody answered."],
        ),
        (
            '"The dam held," the engineer said. "It will hold."',
            ['"The dam held," the engineer said.', '"It will hold."'],
        ),
        # ellipses
        (
            "We waited... and waited. Then... Nothing. It ended…  The boats left.",
            ["We waited... and waited.", "Then...", "Nothing.", "It ended…", "The boats left."],
        ),
        # brackets
        (
            "The figure rose to 900. (It could not be verified.) Officials said more were missing.",
            ["The figure rose to 900.", "(It could not be verified.)", "Officials said more were missing."],
        ),
        (
            "The agency (the Valley Press Agency) said so. Others [including the mayor] disagreed.",
            ["The agency (the Valley Press Agency) said so.", "Others [including the mayor] disagreed."],
        ),
        # question and exclamation marks
        ("Was it the dam? Nobody knows! Crews searched.", ["Was it the dam?", "Nobody knows!", "Crews searched."]),
        # a lowercase start never opens a sentence
        ("The river rose 2 m. in an hour.", ["The river rose 2 m. in an hour."]),
    ],
)
def test_split(text, expected):
    assert split(text) == expected


def test_paragraph_breaks_and_headline_lines():
    text = (
        "Floodwaters cut off three villages\n"
        "\n"
        "Boats reached Lower Tessby on Sunday\n"
        "\n"
        "About 1,200 residents left. The council said so\n"
        "\n"
        "Crews worked overnight.\n"
    )
    assert split(text) == [
        "Floodwaters cut off three villages",
        "Boats reached Lower Tessby on Sunday",
        "About 1,200 residents left.",
        "The council said so",
        "Crews worked overnight.",
    ]


def test_one_paragraph_per_line_without_blank_lines():
    text = "Floodwaters cut off three villages\nAbout 1,200 residents left on Sunday.\nCrews worked overnight."
    assert split(text) == [
        "Floodwaters cut off three villages",
        "About 1,200 residents left on Sunday.",
        "Crews worked overnight.",
    ]


def test_hard_wrapped_paragraph_joins_lines():
    text = "The river rose faster than forecast and\nthe council opened a third shelter. Volunteers\nbrought food."
    assert split(text) == [
        "The river rose faster than forecast and\nthe council opened a third shelter.",
        "Volunteers\nbrought food.",
    ]


def test_never_crosses_a_blank_line():
    text = "The council said\n\nthat the bridge held."
    assert split(text) == ["The council said", "that the bridge held."]


def test_offsets_are_trimmed_and_index_the_text():
    text = "  \n\t Crews worked overnight.   The bridge held.  \r\n\r\n  Rain stopped. \n"
    spans = split_sentences(text)
    assert spans == [(5, 28), (31, 47), (55, 68)]
    assert [text[s:e] for s, e in spans] == ["Crews worked overnight.", "The bridge held.", "Rain stopped."]


def test_empty_and_punctuation_only():
    assert split("") == []
    assert split("   \n\n  ") == []
    assert split("Crews left.\n\n* * *\n\n---\n\nRain stopped.") == ["Crews left.", "Rain stopped."]


def test_boilerplate_is_excluded_and_breaks_sentences():
    text = " date 2021-07-14 Rescue crews reached Lower Tessby. Rain stopped.\n\nAdvertisement\n\nCrews left."
    exclude = [(1, 16), (text.index("Advertisement"), text.index("Advertisement") + 13)]
    assert split(text, exclude) == ["Rescue crews reached Lower Tessby.", "Rain stopped.", "Crews left."]
    assert split_sentences(text, exclude)[0][0] == text.index("Rescue")


def test_boilerplate_inside_a_line_splits_it():
    text = "Crews reached the town Share this article and left."
    start = text.index("Share")
    assert split(text, [(start, start + len("Share this article"))]) == ["Crews reached the town", "and left."]


def test_stage_uses_the_boilerplate_layer():
    text = (
        " date 2021-07-14 Rescue crews reached Lower Tessby on Wednesday.\n\n"
        "A tractor pulls a van out of the water\n\n"
        "Mr. Brenn said the U.S. team would stay.\n\n"
        "A tractor pulls a van out of the water\n\n"
        "Latest News"
    )
    article = boilerplate.STAGE.process(Article.create(id="t", text=text))
    out = STAGE.process(article)
    assert [text[s.start : s.end] for s in out.sentences] == [
        "Rescue crews reached Lower Tessby on Wednesday.",
        "A tractor pulls a van out of the water",
        "Mr. Brenn said the U.S. team would stay.",
    ]
    assert out.sentences[0].start == text.index("Rescue")
    for s in out.sentences:
        for b in out.boilerplate:
            assert s.end <= b.start or b.end <= s.start


def test_stage_record_and_hand_built_boilerplate():
    assert (STAGE.name, STAGE.requires, STAGE.provides, STAGE.method) == (
        "sentences",
        ("boilerplate",),
        ("sentences",),
        "sentences/rules-1",
    )
    text = "Read this. Crews left."
    article = Article.create(id="h", text=text).with_layer(boilerplate=[Boilerplate(0, 10, "nav_line")])
    assert [(s.start, s.end) for s in STAGE.process(article).sentences] == [(11, 22)]


def test_docstring_examples():
    result = doctest.testmod(sentences)
    assert result.attempted > 0 and result.failed == 0
