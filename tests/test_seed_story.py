"""The two real seed pages as one story: sources, reprints, figure statuses (read at test time)."""

import dataclasses

import pytest

from newsfuse import api
from newsfuse.output.brief import build_brief
from newsfuse.model import Article


@pytest.fixture(scope="module")
def seeds(seed_paths):
    return [a for a in api.annotate([str(p) for p in seed_paths]) if isinstance(a, Article)]


def test_the_two_seed_pages_are_two_independent_sources(seeds):
    assert len(seeds) == 2
    assert build_brief(seeds)["independent_sources"] == 2


def test_a_reprint_of_a_seed_page_adds_no_source(seeds):
    page = next(a for a in seeds if a.published)
    reprint = dataclasses.replace(page, id="reprint-of-004", published="2019-03-06", source="Reprinting Daily")
    brief = build_brief([*seeds, reprint])
    assert brief["independent_sources"] == 2
    record = next(a for a in brief["articles"] if a["id"] == "reprint-of-004")
    assert record["copy_of"] == [page.id] and record["reused_share"] > 0.9


def test_nested_windows_are_not_a_conflict(seeds):
    figures = build_brief(seeds)["figures"]
    wanted = {"Over 20,000", "almost 3,000"}
    groups = [g for g in figures if wanted & {r["text"] if "text" in r else "" for r in g["reports"]}]
    texts = {r.get("text") for g in figures for r in g["reports"]}
    assert wanted <= texts
    assert groups and all(g["status"] != "conflicting" for g in groups)
    assert len(groups) == 2  # different windows: never in one group
