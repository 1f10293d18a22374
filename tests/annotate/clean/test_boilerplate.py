"""Boilerplate spans on scraped text written to look like the seed pages' noise (fictional story)."""

import doctest

import pytest

from newsfuse.annotate.clean import boilerplate
from newsfuse.text import layout
from newsfuse.annotate.clean.boilerplate import STAGE, classify_line, find_boilerplate
from newsfuse.model import Article

# A flood story in a fictional valley, laid out like a scraped page: headline, a caption the scraper
# picked up twice (the copy with curly quotes and extra spaces), section headings, page furniture.
PAGE = (
    "Floodwaters cut off three villages in Marrow Vale\n"
    "\n"
    "Rescue boats wait at the edge of the flooded “market square” in Lower Tessby\n"
    "\n"
    "By Ada Quill and Tomas Brenn, Northport Ledger\n"
    "\n"
    "Rescue boats wait at the edge of the flooded \"market square\"  in Lower Tessby\n"
    "\n"
    "About 1,200 residents left their homes on Sunday, the regional council said.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "Roads into the valley were closed after the river rose 2.5 metres overnight.\n"
    "\n"
    "Share this article\n"
    "\n"
    "Shelters fill up\n"
    "\n"
    "Volunteers set up cots in two school halls. It was not enough.\n"
    "\n"
    "Photo: Ida Marsh/Valley Press Agency\n"
    "\n"
    "(Reuters)\n"
    "\n"
    "Sign up for our newsletter to get flood alerts\n"
    "\n"
    "Reporting by Ada Quill; Editing by Lena Ostrow\n"
    "\n"
    "© 2021 Northport Ledger. All rights reserved.\n"
    "\n"
    "Latest News"
)


def flagged(text, spans=None):
    spans = find_boilerplate(text) if spans is None else spans
    return [(text[b.start : b.end], b.reason) for b in spans]


def test_page_spans_exactly():
    assert flagged(PAGE) == [
        ("By Ada Quill and Tomas Brenn, Northport Ledger", "byline"),
        ('Rescue boats wait at the edge of the flooded "market square"  in Lower Tessby', "repeated_paragraph"),
        ("Advertisement", "nav_line"),
        ("Share this article", "share_prompt"),
        ("Photo: Ida Marsh/Valley Press Agency", "photo_credit"),
        ("(Reuters)", "photo_credit"),
        ("Sign up for our newsletter to get flood alerts", "share_prompt"),
        ("Reporting by Ada Quill; Editing by Lena Ostrow", "byline"),
        ("© 2021 Northport Ledger. All rights reserved.", "copyright"),
        ("Latest News", "nav_line"),
    ]


def test_spans_sorted_disjoint_within_one_line_and_text_unchanged():
    article = Article.create(id="p", text=PAGE)
    out = STAGE.process(article)
    assert out.text is article.text and out.content_hash == article.content_hash
    spans = out.boilerplate
    assert isinstance(spans, tuple)
    assert [b.start for b in spans] == sorted(b.start for b in spans)
    for left, right in zip(spans, spans[1:]):
        assert left.end <= right.start
    for b in spans:
        piece = PAGE[b.start : b.end]
        assert "\n" not in piece and piece == piece.strip()
        assert b.method == "boilerplate/rules-1"
    assert PAGE[spans[-1].start :] == "Latest News"


def test_stage_record():
    assert (STAGE.name, STAGE.requires, STAGE.provides, STAGE.method) == (
        "boilerplate",
        (),
        ("boilerplate",),
        "boilerplate/rules-1",
    )


def test_date_prefix_is_a_span_and_the_first_sentence_stays():
    text = " date 2021-07-14 Rescue crews reached Lower Tessby on Wednesday.\n\nMore rain is due."
    assert [(b.start, b.end, b.reason) for b in find_boilerplate(text)] == [(1, 16, "date_prefix")]


def test_navigation_words_before_the_date_prefix_are_flagged_too():
    text = "Latest News date 2021-07-14 Rescue crews reached Lower Tessby on Wednesday."
    assert flagged(text) == [("Latest News", "nav_line"), ("date 2021-07-14", "date_prefix")]


def test_date_inside_a_sentence_is_not_a_prefix():
    assert find_boilerplate("The date 2021-07-14 was set for the vote.") == []


def test_first_copy_stays_and_every_later_copy_is_flagged():
    caption = "A tractor pulls a stranded van out of the water"
    text = f"{caption}\n\nThe council met.\n\n{caption.upper()}\n\n  {caption}.  \n"
    spans = find_boilerplate(text)
    assert [(b.start, b.reason) for b in spans] == [
        (text.index(caption.upper()), "repeated_paragraph"),
        (text.rindex(caption), "repeated_paragraph"),
    ]
    assert text[spans[1].start : spans[1].end] == caption + "."


def test_lines_differing_in_a_number_are_not_repeats():
    text = "About 1,200 residents left on Sunday.\n\nAbout 1,400 residents left on Sunday.\n"
    assert find_boilerplate(text) == []


def test_short_repeats_are_left_alone():
    text = "Yes.\n\nThe boats came back.\n\nYes.\n"
    assert find_boilerplate(text) == []


def test_repeated_hard_wrapped_paragraph_is_one_span():
    para = "The river rose faster than forecast and\nthe council opened a third shelter in\nthe sports hall."
    text = f"{para}\n\nCrews worked all night.\n\n{para}\n"
    assert flagged(text) == [(para, "repeated_paragraph")]


def test_crlf_line_endings():
    text = "Crews worked all night.\r\n\r\nRead more\r\n\r\nThe bridge held.\r\n"
    assert flagged(text) == [("Read more", "nav_line")]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Latest News", "nav_line"),
        ("  » READ MORE ", "nav_line"),
        ("Read more: Why the dam failed", "nav_line"),
        ("Related:", "nav_line"),
        ("Most read", "nav_line"),
        ("ADVERTISEMENT", "nav_line"),
        ("Story continues below advertisement", "nav_line"),
        ("Home > World > Valleys", "nav_line"),
        ("Home News World Sport Weather", "nav_line"),
        ("Share this article", "share_prompt"),
        ("Share on Facebook", "share_prompt"),
        ("Facebook Twitter WhatsApp Email", "share_prompt"),
        ("Follow us on Twitter for live updates", "share_prompt"),
        ("Sign up for our newsletter", "share_prompt"),
        ("Click here to see the full map", "share_prompt"),
        ("We use cookies to improve your experience on our site.", "share_prompt"),
        ("By Ada Quill", "byline"),
        ("By Ada Quill, Reuters", "byline"),
        ("BY ADA QUILL | Valley Press Agency", "byline"),
        ("By Ada Quill in Lower Tessby and agencies", "byline"),
        ("By Ada Quill | 14 July 2021, 10:32", "byline"),
        ("Reporting by Ada Quill; Editing by Lena Ostrow", "byline"),
        ("(Reporting by Ada Quill in Tessby; Additional reporting by Tomas Brenn; Editing by Lena Ostrow)", "byline"),
        ("© 2021 Northport Ledger", "copyright"),
        ("Copyright 2021 Northport Ledger. All rights reserved.", "copyright"),
        ("Photo: AFP", "photo_credit"),
        ("Photo by Ida Marsh/AFP", "photo_credit"),
        ("Image copyright Getty Images", "photo_credit"),
        ("(Reuters)", "photo_credit"),
        ("AFP/Getty Images", "photo_credit"),
        ("Updated 14 July 2021", "timestamp"),
        ("Published: Jul 14, 2021 10:32 GMT", "timestamp"),
    ],
)
def test_boilerplate_line(line, reason):
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Floodwaters cut off three villages in Marrow Vale",  # a headline
        "Shelters fill up",  # section headings
        "Talks between the council and the river board",
        "Dying days of the old bridge",
        "It was not enough.",  # short real sentences
        "There are a lot of boats.",
        "By Tuesday, most residents had left.",
        "By the time crews arrived, the road was gone.",
        "By The Numbers",
        "Copyright rules for flood maps changed in May.",
        "Reuters could not verify the toll.",
        "Reuters Exclusive",
        "Share prices of the insurer fell 3% on Monday.",
        "Related fighting spread north.",
        "Home to 5,000 people, the village emptied in a day.",
        "Watch the skies, officials warned.",
        "Photo: a boy carries his dog through the water",
        "Reporting by the council was later disputed.",
        "Updated figures show 300 homes were damaged.",
        "Following the rain, the river burst its banks.",
        "Floodwaters cut off villages | Northport Ledger",
    ],
)
def test_article_text_is_not_flagged(line):
    assert classify_line(line) is None


def test_user_phrase_file_extends_and_removes(tmp_path, monkeypatch):
    (tmp_path / "boilerplate.txt").write_text(
        "# my outlets\n[promo]\nTonight on Channel Nine *\nListen to the Valley Podcast\n!advertisement\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    text = "Tonight on Channel Nine: the flood special\n\nAdvertisement\n\nLISTEN TO THE VALLEY PODCAST.\n"
    spans = find_boilerplate(text)
    assert flagged(text, spans) == [
        ("Tonight on Channel Nine: the flood special", "promo"),
        ("LISTEN TO THE VALLEY PODCAST.", "promo"),
    ]
    assert spans[0].method.startswith("boilerplate/rules-1+user-") and len(spans[0].method) == 33


def test_without_user_file_the_bundled_list_applies(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    assert flagged("Tonight on Channel Nine\n\nAdvertisement") == [("Advertisement", "nav_line")]


@pytest.mark.parametrize("module", [boilerplate, layout])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_repeat_key_of_ascii_text_is_the_regex_key():
    # ASCII text takes a byte-table path (issue 17); it must give the key of the general path
    import random
    import unicodedata

    from newsfuse.annotate.clean.boilerplate import _NON_WORD, repeat_key

    rng = random.Random(17)
    alphabet = [chr(c) for c in range(128)]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(2000)]
    texts += ["snake_case and CamelCase", " \t\x1c lead and trail \x1f ", "a__b--c", "", "___"]
    for text in texts:
        assert repeat_key(text) == _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip(), text
