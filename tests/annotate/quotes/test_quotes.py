"""The quotes stage on text written for these tests (fictional people and places), and the seeds.

Entity mentions are built by hand (as spaCy tests build Docs by hand), so no model is needed except
in the seed test at the end, which runs the project's own upstream stages.
"""

from __future__ import annotations

import doctest
import importlib
import re

import pytest

from newsfuse.model import Article, Boilerplate, EntityMention, Quote
from newsfuse.annotate.quotes import stage as Q
from newsfuse.annotate.attribution.claimants import claimant_for_span
from newsfuse.annotate.quotes.marks import find_quoted_spans, paragraph_spans
from newsfuse.annotate.quotes.stage import find_quotes, quote_groups


# --------------------------------------------------------------------------- helpers


def mention(text: str, surface: str, label: str, entity: str | None = None, nth: int = 0, role: str | None = None):
    starts = [m.start() for m in re.finditer(re.escape(surface), text)]
    start = starts[nth]
    return EntityMention(start, start + len(surface), surface, label, entity or surface, role)


def article(text: str, *mentions: tuple, boilerplate: tuple[Boilerplate, ...] = ()) -> Article:
    ents = tuple(mention(text, *m) for m in mentions)
    return Article.create(id="t", text=text, entities=ents, boilerplate=boilerplate)


def summary(quotes: list[Quote]) -> list[tuple]:
    return [
        (q.text, q.kind, q.speaker.text if q.speaker else None, q.speaker.entity if q.speaker else None,
         q.cue.text if q.cue else None)
        for q in quotes
    ]


def spans_are_consistent(a: Article, quotes: list[Quote]) -> None:
    for q in quotes:
        assert a.text[q.start : q.end] == q.text
        assert q.method == "quotes/rules-1"
        for ref in (q.speaker, q.cue):
            if ref is not None:
                assert a.text[ref.start : ref.end] == ref.text


# --------------------------------------------------------------------------- docstring examples


@pytest.mark.parametrize(
    "name", ["quotes.stage", "quotes.marks", "quotes.cues", "quotes.tokens", "quotes.speech_verbs",
             "attribution.claimants"]
)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(f"newsfuse.annotate.{name}"))
    assert result.attempted > 0 and result.failed == 0


# --------------------------------------------------------------------------- the stage record


def test_stage_declares_its_layers():
    assert Q.STAGE.name == "quotes"
    assert Q.STAGE.provides == ("quotes",)
    assert Q.STAGE.requires == ("sentences", "entities", "places")
    assert Q.STAGE.method == "quotes/rules-1"
    a = article('"We hold the bridge," said Mara Velez.', ("Mara Velez", "PERSON"))
    out = Q.STAGE.process(a)
    assert [q.text for q in out.quotes] == ["We hold the bridge,"]
    assert out.text == a.text


# --------------------------------------------------------------------------- mark styles


@pytest.mark.parametrize(
    "text, content",
    [
        ('"The bridge is open," Mara Velez said.', "The bridge is open,"),
        ("“The bridge is open,” Mara Velez said.", "The bridge is open,"),
        ("‘The bridge is open,’ Mara Velez said.", "The bridge is open,"),
        ("«The bridge is open», Mara Velez said.", "The bridge is open"),
        ("»The bridge is open«, Mara Velez said.", "The bridge is open"),
        ("„The bridge is open“, Mara Velez said.", "The bridge is open"),
        ("``The bridge is open,'' Mara Velez said.", "The bridge is open,"),
        ("''The bridge is open,'' Mara Velez said.", "The bridge is open,"),
        ("&quot;The bridge is open,&quot; Mara Velez said.", "The bridge is open,"),
        ("“The bridge is open,“ Mara Velez said.", "The bridge is open,"),  # wrong glyph at the close
    ],
)
def test_every_mark_style_gives_the_same_direct_quote(text, content):
    a = article(text, ("Mara Velez", "PERSON"))
    quotes = find_quotes(a)
    assert summary(quotes) == [(content, "direct", "Mara Velez", "Mara Velez", "said")]
    spans_are_consistent(a, quotes)


def test_cue_before_the_quote_with_colon_or_comma():
    text = 'Mara Velez told reporters: "The bridge is open." Later, Ivo Brandt said, "It is not."'
    a = article(text, ("Mara Velez", "PERSON"), ("Ivo Brandt", "PERSON"))
    assert summary(find_quotes(a)) == [
        ("The bridge is open.", "direct", "Mara Velez", "Mara Velez", "told"),
        ("It is not.", "direct", "Ivo Brandt", "Ivo Brandt", "said"),
    ]


def test_according_to_and_dash_signature_cues():
    text = '"Supplies run out on Friday," according to the Relief Office.\n\n"Stay calm." ― Ivo Brandt'
    a = article(text, ("Relief Office", "ORG"), ("Ivo Brandt", "PERSON"))
    assert summary(find_quotes(a)) == [
        ("Supplies run out on Friday,", "direct", "the Relief Office", "Relief Office", "according to"),
        ("Stay calm.", "direct", "Ivo Brandt", "Ivo Brandt", "―"),
    ]


def test_apostrophes_and_inches_are_not_quote_marks():
    text = "The mayor’s office said the ’90s-era pipe was 12\" wide and rock ’n’ roll was banned."
    # only "rock ’n’ roll" pairs (a one-letter span, which no cue will ever make a quote)
    assert [text[q.content_start : q.content_end] for q in find_quoted_spans(text)] == ["n"]
    a = article(text)
    assert [q.kind for q in find_quotes(a)] == ["indirect"]  # "the mayor’s office said ...", no direct quote


# --------------------------------------------------------------------------- broken marks


def test_missing_closing_mark_is_bounded_at_the_paragraph_end():
    text = 'Ivo Brandt said: "The river rose overnight and the road is gone\n\nRescuers arrived at noon.'
    a = article(text, ("Ivo Brandt", "PERSON"))
    quotes = find_quotes(a)
    assert summary(quotes) == [
        ("The river rose overnight and the road is gone", "direct", "Ivo Brandt", "Ivo Brandt", "said")
    ]
    assert quotes[0].confidence == 0.7  # lower than a closed quote


def test_missing_closing_mark_before_the_cue_is_repaired():
    text = '"We will rebuild the school, Mara Velez said.\n\nThe vote is on Monday.'
    a = article(text, ("Mara Velez", "PERSON"))
    assert summary(find_quotes(a)) == [("We will rebuild the school", "direct", "Mara Velez", "Mara Velez", "said")]


def test_missing_opening_mark_with_a_cue_after_it():
    text = 'Water is short in the camp," Mara Velez said.'
    a = article(text, ("Mara Velez", "PERSON"))
    assert summary(find_quotes(a)) == [("Water is short in the camp,", "direct", "Mara Velez", "Mara Velez", "said")]


def test_new_opening_mark_inside_an_open_quote_closes_it():
    text = 'She said "the first part and "the second part" today.'
    spans = find_quoted_spans(text)
    assert [(text[q.content_start : q.content_end], q.closed) for q in spans] == [
        ("the first part and", False),
        ("the second part", True),
    ]


def test_odd_documents_never_stop_the_stage():
    text = '"" “ ” « » „ \' ‘ ’ " ""\n\n“”“”\n\n" a " b " c\n\n’’’ «« »»\n\nHe said: "'
    a = article(text)
    quotes = find_quotes(a)  # must not raise
    spans_are_consistent(a, quotes)
    assert all(0 <= q.start <= q.end <= len(text) for q in quotes)


def test_markup_attribute_quotes_are_not_quotation_marks():
    text = '<tweet id="12" author="@relief">Roads are closed.</tweet>\n\n"Open them," Ivo Brandt said.'
    a = article(text, ("Ivo Brandt", "PERSON"))
    assert [q.text for q in find_quotes(a)] == ["Open them,"]


# --------------------------------------------------------------------------- long and split quotes


def test_multi_sentence_quote_is_one_record():
    text = '"The wells are dry. The pumps broke in May. We need help now," Mara Velez said.'
    a = article(text, ("Mara Velez", "PERSON"))
    assert [q.text for q in find_quotes(a)] == ["The wells are dry. The pumps broke in May. We need help now,"]


def test_paragraph_spanning_quote_is_one_record():
    text = (
        'Ivo Brandt said: "The convoy left at dawn with forty trucks.\n\n'
        '"Only twelve reached the valley before the storm," he added.'
    )
    a = article(text, ("Ivo Brandt", "PERSON"))
    quotes = find_quotes(a)
    assert len(quotes) == 1
    assert quotes[0].text == (
        'The convoy left at dawn with forty trucks.\n\n"Only twelve reached the valley before the storm,'
    )
    assert (quotes[0].kind, quotes[0].speaker.entity, quotes[0].cue.text) == ("direct", "Ivo Brandt", "said")
    assert [text[s:e][:9] for s, e in paragraph_spans(text)] == ["Ivo Brand", '"Only twe']


def test_quote_split_around_its_cue_is_two_linked_parts():
    text = 'Mara Velez arrived late.\n\n"The progress is slow," she said, "and methodical."'
    a = article(text, ("Mara Velez", "PERSON"))
    quotes = find_quotes(a)
    assert summary(quotes) == [
        ("The progress is slow,", "direct", "she", "Mara Velez", "said"),
        ("and methodical.", "direct", "she", "Mara Velez", "said"),
    ]
    assert quotes[0].cue == quotes[1].cue  # the shared cue links the parts
    assert [len(g) for g in quote_groups(quotes)] == [2]


def test_quote_continuing_after_its_cue_sentence_is_a_further_part():
    text = '"The school is closed," Mara Velez said. "Teachers have left the town."'
    a = article(text, ("Mara Velez", "PERSON"))
    quotes = find_quotes(a)
    assert [(q.text, q.cue.text) for q in quotes] == [
        ("The school is closed,", "said"),
        ("Teachers have left the town.", "said"),
    ]
    assert [len(g) for g in quote_groups(quotes)] == [2]


def test_reported_clause_then_a_quoted_sentence_is_one_quote():
    text = 'Lena Ortiz said the wells were dry. "We have no water left."'
    a = article(text, ("Lena Ortiz", "PERSON"))
    quotes = find_quotes(a)
    assert [(q.text, q.kind, q.cue.text) for q in quotes] == [
        ("the wells were dry", "indirect", "said"),
        ("We have no water left.", "direct", "said"),
    ]
    assert [len(g) for g in quote_groups(quotes)] == [2]


def test_cue_with_a_verb_the_lexicon_lacks():
    text = '"Why is the gate still shut?" Ivo Brandt fumed. "Because of the flood?" Lena Ortiz demurred.'
    a = article(text, ("Ivo Brandt", "PERSON"), ("Lena Ortiz", "PERSON"))
    assert summary(find_quotes(a)) == [
        ("Why is the gate still shut?", "direct", "Ivo Brandt", "Ivo Brandt", "fumed"),
        ("Because of the flood?", "direct", "Lena Ortiz", "Lena Ortiz", "demurred"),  # not in the lexicon
    ]


def test_quoted_titles_of_works_are_not_quotes():
    text = 'In her 2010 memoir, "Rivers of the North Valley," Lena Ortiz described the flood.'
    assert find_quotes(article(text, ("Lena Ortiz", "PERSON"))) == []


def test_headline_colon_and_social_post_signatures():
    text = (
        "Lena Ortiz: ‘We Will Reopen the Clinic.’\n\n"
        "Roads are closed north of the river. pic.twitter.com/abc — Valley Relief (@valleyrelief) March 4, 2019"
    )
    a = article(text, ("Lena Ortiz", "PERSON"), ("Valley Relief", "ORG"))
    assert summary(find_quotes(a)) == [
        ("We Will Reopen the Clinic.", "direct", "Lena Ortiz", "Lena Ortiz", ":"),
        ("Roads are closed north of the river.", "direct", "Valley Relief", "Valley Relief", "(@valleyrelief)"),
    ]


# --------------------------------------------------------------------------- scare quotes and mixed quotes


def test_scare_quotes_without_a_cue_are_not_quotes():
    text = 'The so-called "caliphate" lost its last town. Its "center of gravity" moved east.'
    assert find_quotes(article(text)) == []


def test_quoted_fragment_inside_a_reported_clause_is_a_mixed_quote():
    text = 'Ivo Brandt said the group\'s "center of gravity" remains in the hills.'
    a = article(text, ("Ivo Brandt", "PERSON"))
    assert summary(find_quotes(a)) == [
        ('the group\'s "center of gravity" remains in the hills', "mixed", "Ivo Brandt", "Ivo Brandt", "said")
    ]


def test_naming_verb_with_a_quoted_word_is_a_mixed_quote():
    text = "Mara Velez called the plan “a dangerous gamble.”"
    a = article(text, ("Mara Velez", "PERSON"))
    assert summary(find_quotes(a)) == [
        ("the plan “a dangerous gamble.”", "mixed", "Mara Velez", "Mara Velez", "called")
    ]


# --------------------------------------------------------------------------- indirect quotes


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        ("Mara Velez said that the bridge would reopen in May.", "the bridge would reopen in May", "Mara Velez", "said"),
        ("Mara Velez said on Monday the bridge would reopen.", "the bridge would reopen", "Mara Velez", "said"),
        ("According to Mara Velez, the bridge will reopen in May.", "the bridge will reopen in May", "Mara Velez",
         "According to"),
        ("The bridge will reopen in May, according to Mara Velez.", "The bridge will reopen in May", "Mara Velez",
         "according to"),
        ("The bridge will reopen in May, Mara Velez said.", "The bridge will reopen in May", "Mara Velez", "said"),
        ("The bridge will reopen in May, said Mara Velez.", "The bridge will reopen in May", "Mara Velez", "said"),
        ("Mara Velez told AFP the bridge would reopen in May.", "the bridge would reopen in May", "Mara Velez",
         "told"),
        ("Mara Velez told reporters in a statement that the bridge would reopen.", "the bridge would reopen",
         "Mara Velez", "told"),
        ("Mara Velez believes 400 to 600 people remain in the valley.", "400 to 600 people remain in the valley",
         "Mara Velez", "believes"),
        ("Mara Velez claims the convoy was attacked twice.", "the convoy was attacked twice", "Mara Velez", "claims"),
        ("Mara Velez warned that the dam could fail.", "the dam could fail", "Mara Velez", "warned"),
        ("Mara Velez, a veteran engineer, said the dam held.", "the dam held", "Mara Velez", "said"),
        ("Mara Velez, who leads the survey team, said the dam held.", "the dam held", "Mara Velez", "said"),
        ("The dam, Mara Velez said, held through the night.", "The dam", "Mara Velez", "said"),
    ],
)
def test_indirect_patterns(text, content, speaker, cue):
    a = article(text, ("Mara Velez", "PERSON"))
    quotes = find_quotes(a)
    assert (quotes[0].text, quotes[0].kind, quotes[0].speaker.text, quotes[0].speaker.entity, quotes[0].cue.text) == (
        content, "indirect", speaker, "Mara Velez", cue
    )
    spans_are_consistent(a, quotes)


def test_cue_in_the_middle_links_both_sides():
    text = "The dam, Mara Velez said, held through the night."
    quotes = find_quotes(article(text, ("Mara Velez", "PERSON")))
    assert [q.text for q in quotes] == ["The dam", "held through the night"]
    assert [len(g) for g in quote_groups(quotes)] == [2]


def test_organisations_and_participles():
    text = (
        "Floods cut the northern road, with the Relief Office saying 300 families had left. "
        "The governor closed the port, saying the storm would return."
    )
    a = article(text, ("Relief Office", "ORG"), ("governor", "PERSON", "Dana Holt"))
    assert summary(find_quotes(a)) == [
        ("300 families had left", "indirect", "the Relief Office", "Relief Office", "saying"),
        ("the storm would return", "indirect", "governor", "Dana Holt", "saying"),
    ]


def test_not_reported_speech():
    text = (
        "The claims of the council were rejected. He was told to leave. She did not say when. "
        "The group claimed responsibility for the blast. The coalition may declare victory soon. "
        "Officials who said nothing left early."
    )
    assert find_quotes(article(text)) == []


# --------------------------------------------------------------------------- speakers


def test_title_before_a_name_resolves_to_the_person():
    text = "Coalition spokesman Kai Moreno said the advance was slow."
    a = article(text, ("Kai Moreno", "PERSON", "Kai Moreno", 0, "Coalition spokesman"))
    q = find_quotes(a)[0]
    assert (q.speaker.text, q.speaker.entity) == ("Coalition spokesman Kai Moreno", "Kai Moreno")


def test_pronouns_resolve_to_the_nearest_compatible_antecedent():
    text = (
        "Coalition spokesman Kai Moreno said the advance was slow.\n\n"
        '"The enemy is entrenched," he said.\n\n'
        "The Relief Office counted 4,000 arrivals on Monday. It said more were expected.\n\n"
        "Mrs. Lena Ortiz, a nurse, said the clinic was full. She said beds had run out."
    )
    a = article(
        text, ("Kai Moreno", "PERSON"), ("Relief Office", "ORG"), ("Lena Ortiz", "PERSON"),
    )
    assert [(q.speaker.text, q.speaker.entity) for q in find_quotes(a)] == [
        ("Coalition spokesman Kai Moreno", "Kai Moreno"),
        ("he", "Kai Moreno"),
        ("It", "Relief Office"),
        ("Mrs. Lena Ortiz", "Lena Ortiz"),
        ("She", "Lena Ortiz"),
    ]


def test_pronoun_skips_names_inside_the_quote():
    text = 'Kai Moreno spoke first.\n\n"Lena Ortiz is wrong about the dam," he said.'
    a = article(text, ("Kai Moreno", "PERSON"), ("Lena Ortiz", "PERSON"))
    assert find_quotes(a)[0].speaker.entity == "Kai Moreno"


def test_bare_roles_resolve_through_their_earlier_use():
    text = (
        "Coalition spokesman Kai Moreno briefed the press. Lena Ortiz of the Relief Office also spoke.\n\n"
        "The spokesman said the road was open. "
        "The Valley Monitor, a local watchdog, counted 90 deaths. The watchdog said the count was rising."
    )
    a = article(text, ("Kai Moreno", "PERSON"), ("Lena Ortiz", "PERSON"), ("Relief Office", "ORG"),
                ("Valley Monitor", "ORG"))
    assert [(q.speaker.text, q.speaker.entity) for q in find_quotes(a)] == [
        ("The spokesman", "Kai Moreno"),
        ("The watchdog", "Valley Monitor"),
    ]


def test_bare_person_role_without_earlier_use_takes_the_nearest_person():
    text = "Lena Ortiz visited the camp on Friday. The official said 200 tents had arrived."
    a = article(text, ("Lena Ortiz", "PERSON"))
    assert find_quotes(a)[0].speaker.entity == "Lena Ortiz"


def test_uncued_quote_takes_the_latest_speaker():
    text = 'Lena Ortiz said the clinic was full.\n\n"We have no beds left."'
    a = article(text, ("Lena Ortiz", "PERSON"))
    quotes = find_quotes(a)
    assert [(q.text, q.kind, q.speaker.entity, q.cue) for q in quotes][1] == (
        "We have no beds left.", "direct", "Lena Ortiz", None
    )
    assert quotes[1].confidence == 0.5


# --------------------------------------------------------------------------- boilerplate and claimants


def test_boilerplate_spans_are_skipped():
    text = 'Share this: "Click here," the site said.\n\nMara Velez said the road was open.'
    a = article(text, ("Mara Velez", "PERSON"), boilerplate=(Boilerplate(0, 39, "share_prompt"),))
    assert [q.text for q in find_quotes(a)] == ["the road was open"]


def test_claimant_for_span():
    text = (
        "At least 70 civilians were killed in the village, Valley TV reported, citing local sources. "
        "Around 15,000 people reached the camp, the Relief Office said. "
        "Hundreds more are expected on Tuesday, according to the Relief Office."
    )
    a = article(text, ("Relief Office", "ORG", "Relief Office", 0), ("Relief Office", "ORG", "Relief Office", 1))
    seventy = text.index("70")
    assert claimant_for_span(a, seventy, seventy + 2).text == "Valley TV"
    arrivals = text.index("15,000")
    assert claimant_for_span(a, arrivals, arrivals + 6).entity == "Relief Office"
    hundreds = text.index("Hundreds")
    assert claimant_for_span(a, hundreds, hundreds + 8).text == "Relief Office"  # the named part
    reported = text.index("reported")
    assert claimant_for_span(a, reported, reported + 8) is None  # the cue is no reported content


# --------------------------------------------------------------------------- the seed pages


SEED_EXPECTATIONS = [
    # (a words of the quote, the speaker: canonical entity or speaker text must contain one of these)
    ("Most of those who got out are foreigners", ("Rami Abdel Rahman",)),
    ("The progress is slow and methodical", ("Sean Ryan",)),
    ("facing a fierce fightback", ("Sean Ryan",)),
    ("may declare victory over IS", ("Donald Trump",)),
    ("discussed the deconfliction", ("Pat Ryder",)),
    ("280 Daesh terrorists", ("Syrian Observatory for Human Rights", "SOHR", "Observatory")),
]


def _seed_articles(paths) -> list[Article]:
    articles = [Article.create(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths]
    from newsfuse.annotate.clean import boilerplate, sentences
    from newsfuse.annotate.entities import stage as entities

    for stage in (boilerplate.STAGE, sentences.STAGE, entities.STAGE):
        articles = [stage.process(a) for a in articles]
    return articles


def test_seed_quotes_have_the_right_speaker(seed_paths):
    found = 0
    missed = []
    quotes = [q for a in _seed_articles(seed_paths) for q in find_quotes(a)]
    for words, speakers in SEED_EXPECTATIONS:
        match = [q for q in quotes if words in q.text and q.speaker is not None]
        ok = any(s in (q.speaker.entity or "") or s in q.speaker.text for q in match for s in speakers)
        found += ok
        if not ok:
            missed.append(words)
    assert found >= 5, f"missed: {missed}"
    assert found == 6, f"missed: {missed}"  # all six today; the issue asks for five


def test_a_town_the_ner_called_a_person_is_never_the_speaker():
    """"he said" after a town tagged PERSON points to the person named before it, not to the town."""
    from newsfuse.model import PlaceMention

    text = ('Monitor head Rami Kessab arrived after the strike on the market in Maaret Dalli. '
            '"At least 11 people were killed," he said.')
    a = article(text, ("Rami Kessab", "PERSON"), ("Maaret Dalli", "PERSON"))
    town = text.index("Maaret Dalli")
    placed = a.with_layer(places=(PlaceMention(town, town + len("Maaret Dalli"), "Maaret Dalli", "Maaret Dalli",
                                               None, None, None, "SY", precision="admin2"),))
    speakers = {q.text: q.speaker.entity for q in Q.STAGE.process(placed).quotes if q.speaker}
    assert speakers["At least 11 people were killed,"] == "Rami Kessab"
    unplaced = {q.text: q.speaker.entity for q in Q.STAGE.process(a).quotes if q.speaker}
    assert unplaced["At least 11 people were killed,"] == "Maaret Dalli"  # the mistake the places layer prevents
