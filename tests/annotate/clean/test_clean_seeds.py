"""Cleaning the two real seed pages (read at test time from ../shared/seeds, never copied here)."""

from pathlib import Path

from newsfuse.annotate.clean import boilerplate, sentences
from newsfuse.model import Article


def seed(path: Path) -> Article:
    text = path.read_bytes().decode("utf-8")
    article = Article.create(id=path.stem, text=text)
    return sentences.STAGE.process(boilerplate.STAGE.process(article))


def flagged(article):
    return [(article.text[b.start : b.end], b.reason) for b in article.boilerplate]


def test_seed_004_date_prefix_is_the_only_boilerplate(seed_path):
    article = seed(seed_path("004"))
    assert [(b.start, b.end, b.reason) for b in article.boilerplate] == [(1, 16, "date_prefix")]
    assert article.text[1:16] == "date 2019-03-05"
    first = article.sentences[0]
    assert article.text[first.start : first.start + 9] == "US-backed"
    assert first.start == 17


def test_seed_004_section_headings_stay_sentences(seed_path):
    article = seed(seed_path("004"))
    texts = [article.text[s.start : s.end] for s in article.sentences]
    for heading in ("People flee smoke and gunfire", "Meeting between Russia and US"):
        assert heading in article.text  # the page still has them
        assert heading in texts


def test_seed_000_latest_news_and_second_caption_copy_only(seed_path):
    article = seed(seed_path("000"))
    text = article.text
    found = flagged(article)
    assert [reason for _, reason in found] == ["repeated_paragraph", "nav_line"]

    caption_span, nav_span = article.boilerplate
    caption = text[caption_span.start : caption_span.end]
    first_copy = text.index(caption)
    assert first_copy < caption_span.start  # the first copy stays article text
    assert text.index(caption, first_copy + 1) == caption_span.start
    assert text.count(caption) == 2

    assert text[nav_span.start : nav_span.end] == "Latest News"
    assert nav_span.end == len(text.rstrip())


def test_seed_sentences_never_overlap_boilerplate_and_cover_the_headline(seed_path):
    for prefix in ("000", "004"):
        article = seed(seed_path(prefix))
        assert article.sentences, prefix
        for s in article.sentences:
            assert article.text[s.start : s.end] == article.text[s.start : s.end].strip()
            for b in article.boilerplate:
                assert s.end <= b.start or b.end <= s.start
    headline = seed(seed_path("000"))
    first = headline.sentences[0]
    assert first.start == 0 and headline.text[first.end] == "\n"
