"""The brief in the contract's shape, built from hand-made annotated articles (fictional outlets and places)."""

from __future__ import annotations

import json

from newsfuse.output.brief import build_brief, story_id, timeline
from newsfuse.output.briefings import brief_command_items, brief_stories
from newsfuse.annotate.clean.sentences import split_sentences
from newsfuse.model import Article, Figure, PlaceMention, Quote, Sentence, SpanRef, TimeExpr
from newsfuse.knowledge.outlets import Outlet, OutletRegistry

REGISTRY = OutletRegistry([
    Outlet("Meridian Wire", group="Meridian Wire Ltd", affiliation="privately owned news agency"),
    Outlet("Northern Ledger", group="Ledger Media"),
    Outlet("Kestria One", group="state:Kestria", affiliation="state-owned broadcaster"),
    Outlet("KSNA", group="state:Kestria", affiliation="state news agency"),
    Outlet("Valley Observer", group="Valley Observer Inc"),
])

WIRE = ("Around 400 residents fled the town of Tavel on Monday, the district office said. "
        "\"We left with nothing,\" said Ana Petrak, a teacher from Tavel. "
        "The river Mira has flooded the valley every spring since 2019.")
OBSERVER = ("About 400 people left Tavel on Monday as the Mira burst its banks, the Red Crescent said. "
            "Boats carried the last families out for three days.")
STATE = "The governor visited Tavel on Tuesday and promised new dykes along the river."


def _find(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    return s, s + len(part)


def article(i: str, text: str, source: str, day: str, **layers) -> Article:
    a = Article.create(id=i, text=text, source=source, published=day)
    return a.with_layer(sentences=[Sentence(s, e) for s, e in split_sentences(text)], **layers)


def figure(text: str, part: str, value: float, low: float, high: float, qualifier: str, who: str) -> Figure:
    s, e = _find(text, part)
    ws, we = _find(text, who)
    return Figure(s, e, part, value, low, high, qualifier, "people", "fled", "people",
                  claimant=SpanRef(ws, we, who, who.removeprefix("the ")))


def time(text: str, part: str, value: str | None) -> TimeExpr:
    s, e = _find(text, part)
    return TimeExpr(s, e, part, value)


def story() -> list[Article]:
    quote_s, quote_e = _find(WIRE, "We left with nothing")
    speaker = SpanRef(*_find(WIRE, "Ana Petrak"), "Ana Petrak", "Ana Petrak")
    wire = article(
        "wire", WIRE, "Meridian Wire", "2024-04-02",
        figures=[figure(WIRE, "Around 400", 400, 360, 440, "approx", "the district office")],
        quotes=[Quote(quote_s, quote_e, "We left with nothing", "direct", speaker, None)],
        times=[time(WIRE, "Monday", "2024-04-01"), time(WIRE, "every spring since 2019", "2019/2024-04-02")],
        places=[PlaceMention(*_find(WIRE, "Tavel"), "Tavel", "Tavel", 101, 45.2, 26.8, "QK", "P", "point", confidence=0.9)],
    )
    reprint = article(
        "reprint", WIRE, "Northern Ledger", "2024-04-03",
        figures=[figure(WIRE, "Around 400", 400, 360, 440, "approx", "the district office")],
        quotes=[Quote(quote_s, quote_e, "We left with nothing", "direct", speaker, None)],
        times=[time(WIRE, "Monday", "2024-04-01")],
    )
    observer = article(
        "observer", OBSERVER, "Valley Observer", "2024-04-02",
        figures=[figure(OBSERVER, "About 400", 400, 360, 440, "approx", "the Red Crescent")],
        times=[time(OBSERVER, "Monday", "2024-04-01"), time(OBSERVER, "three days", "P3D")],
        places=[PlaceMention(*_find(OBSERVER, "Tavel"), "Tavel", "Tavel", 101, 45.2, 26.8, "QK", "P", "point", confidence=0.9),
                PlaceMention(*_find(OBSERVER, "Mira"), "Mira", "Mira", 102, 45.3, 26.9, "QK", "H", "point", confidence=0.3)],
    )
    state_tv = article("state_tv", STATE, "Kestria One", "2024-04-03",
                       times=[time(STATE, "Tuesday", "2024-04-02")])
    state_agency = article("state_agency", STATE.replace("governor", "regional governor"), "KSNA", "2024-04-03")
    return [wire, reprint, observer, state_tv, state_agency]


def test_contract_fields_and_types():
    brief = build_brief(story(), story="tavel-floods", registry=REGISTRY)
    assert list(brief)[:11] == ["story", "title", "articles", "independent_sources", "summary", "figures", "quotes",
                                "framing", "reuse", "timeline", "places"]
    assert brief["story"] == "tavel-floods"
    json.dumps(brief)  # plain JSON all the way down
    for a in brief["articles"]:
        assert {"id", "source", "outlet_group", "published", "copy_of", "reused_share"} <= set(a)
    for s in brief["summary"]:
        assert s["citations"] and all(set(c) == {"id", "start", "end"} for c in s["citations"])


def test_articles_copies_and_independent_sources():
    brief = build_brief(story(), story="s", registry=REGISTRY)
    by_id = {a["id"]: a for a in brief["articles"]}
    assert [a["id"] for a in brief["articles"]] == ["wire", "observer", "reprint", "state_tv", "state_agency"]
    assert by_id["reprint"]["copy_of"] == ["wire"]
    assert by_id["reprint"]["reused_share"] == 1.0
    assert by_id["wire"]["copy_of"] == []
    assert by_id["state_tv"]["outlet_group"] == by_id["state_agency"]["outlet_group"] == "state:Kestria"
    assert by_id["state_tv"]["affiliation"] == "state-owned broadcaster"
    # wire+reprint are one text; the two state outlets are one source; the observer is its own
    assert brief["independent_sources"] == 3


def test_figures_come_from_reconciliation():
    brief = build_brief(story(), story="s", registry=REGISTRY)
    fled = [f for f in brief["figures"] if f["category"] == "fled"]
    assert len(fled) == 1
    group = fled[0]
    assert group["status"] == "corroborated"
    assert group["independent_sources"] == 2
    assert sorted(r["id"] for r in group["reports"]) == ["observer", "reprint", "wire"]
    assert (group["low"], group["high"]) == (360, 440)


def test_quotes_keep_speaker_and_merge_reprints():
    brief = build_brief(story(), story="s", registry=REGISTRY)
    assert brief["quotes"] == [{
        "speaker": "Ana Petrak", "text": "We left with nothing",
        "reports": [{"id": "wire", "source": "Meridian Wire", "start": 82, "end": 102, "kind": "direct"},
                    {"id": "reprint", "source": "Northern Ledger", "start": 82, "end": 102, "kind": "direct"}],
        "outlets": 2, "independent": 1}]


def test_timeline_dated_events_only():
    events = timeline(story())
    assert [(e["date"], e["text"]) for e in events] == [
        ("2024-04-01", "Around 400 residents fled the town of Tavel on Monday, the district office said."),
        ("2024-04-01", "About 400 people left Tavel on Monday as the Mira burst its banks, the Red Crescent said."),
        ("2024-04-02", "The governor visited Tavel on Tuesday and promised new dykes along the river."),
    ]
    # the reprint's copy of the first event is one more citation of it; "since 2019" and "three days" are not events
    assert events[0]["citations"] == [{"id": "wire", "start": 0, "end": 80}, {"id": "reprint", "start": 0, "end": 80}]


def test_timeline_skips_dates_inside_quotations():
    text = '"We will rebuild by Friday," the mayor said on Tuesday.'
    a = Article.create(id="q", text=text, published="2024-04-02",
                       quotes=(Quote(1, 26, "We will rebuild by Friday", "direct", None, None),),
                       times=(time(text, "Friday", "2024-04-05"), time(text, "Tuesday", "2024-04-02")))
    a = a.with_layer(sentences=[Sentence(0, len(text))])
    assert [e["date"] for e in timeline([a])] == ["2024-04-02"]


def test_reuse_and_places():
    brief = build_brief(story(), story="s", registry=REGISTRY)
    texts = [r["text"] for r in brief["reuse"]]
    assert "Around 400 residents fled the town of Tavel on Monday, the district office said." in texts
    first = brief["reuse"][0]
    assert first["origin"] == "wire" and {s["id"] for s in first["spans"]} == {"wire", "reprint"}
    # Mira is a low-confidence guess: not on the map
    assert [(p["name"], p["mentions"]) for p in brief["places"]] == [("Tavel", 2)]


def test_title_prefers_neutral_titles():
    a = Article.create(id="a", text="Twelve protesters died in Varna.", title="Regime thugs massacre protesters", published="2024-04-01")
    b = Article.create(id="b", text="Twelve protesters were killed in Varna.", title="Twelve protesters killed in Varna", published="2024-04-02")
    assert build_brief([a, b], registry=REGISTRY)["title"] == "Twelve protesters killed in Varna"
    untitled = Article.create(id="c", text="Twelve protesters were killed in Varna on Friday.", published="2024-04-02")
    assert build_brief([untitled], registry=REGISTRY)["title"] == "Twelve protesters were killed in Varna on Friday."


def test_max_words_caps_summary():
    brief = build_brief(story(), story="s", max_words=20, registry=REGISTRY)
    assert sum(len(s["text"].split()) for s in brief["summary"]) <= 20
    assert brief["summary"]


def test_story_ids():
    arts = story()
    assert story_id(arts, "given") == "given"
    tagged = [Article.create(id=a.id, text=a.text, meta={"story": "evt-1"}) for a in arts[:2]]
    assert story_id(tagged) == "evt-1"
    assert story_id(arts).startswith("story-") and story_id(arts) == story_id(list(reversed(arts)))


def test_multi_story_modes():
    one = [Article.create(id=f"a{n}", text=t, meta={"story": "floods"}, published="2024-04-01")
           for n, t in enumerate(["Floodwater cut the road to Tavel on Monday morning.",
                                  "Rescuers reached Tavel by boat on Monday evening."])]
    two = [Article.create(id="b0", text="A fire destroyed the market hall in Orsk on Sunday night.",
                          meta={"story": "fire"}, published="2024-04-01")]
    briefs = brief_stories([one[0], two[0], one[1], "not an article"], registry=REGISTRY)
    assert [(b["story"], [a["id"] for a in b["articles"]]) for b in briefs] == [("floods", ["a0", "a1"]), ("fire", ["b0"])]
    assert [b["story"] for b in brief_command_items([*one, *two], registry=REGISTRY)] == ["floods", "fire"]
    plain = [Article.create(id=a.id, text=a.text, published=a.published) for a in [*one, *two]]
    single = brief_command_items(plain, max_words=30, registry=REGISTRY)
    assert len(single) == 1 and len(single[0]["articles"]) == 3
    clustered = brief_command_items(plain, cluster=True, registry=REGISTRY)
    assert sorted(len(b["articles"]) for b in clustered) in ([1, 2], [3], [1, 1, 1])
    assert sum(len(b["articles"]) for b in clustered) == 3
    assert brief_command_items([], registry=REGISTRY) == []


def _baghouz(article_id: str, text: str, fine: bool, story: str) -> Article:
    """An article naming Baghouz, resolved to its province (fine) or only to the country."""
    s = text.index("Baghouz")
    place = (PlaceMention(s, s + 7, "Baghouz", "Dayr az Zawr", 170792, 35.03, 40.39, "SY", "A", "admin1", "places/1")
             if fine else PlaceMention(s, s + 7, "Baghouz", "Syria", 163843, 35.0, 38.0, "SY", "A", "country", "places/1"))
    return Article.create(id=article_id, text=text, places=(place,), meta={"story": story}, published="2031-03-04")


def test_one_name_is_one_place_within_a_story_and_only_there():
    fine = _baghouz("a", "Families left Baghouz, a village in Deir ez-Zor, on Monday.", True, "exodus")
    coarse = _baghouz("b", "Families left Baghouz in eastern Syria on Monday.", False, "exodus")
    [brief] = brief_command_items([fine, coarse], registry=REGISTRY)
    assert [(p["name"], p["mentions"]) for p in brief["places"]] == [("Dayr az Zawr", 2)]
    # the same coarse article in a story of its own keeps its own reading: another story's text never moves it
    apart = _baghouz("b", coarse.text, False, "elsewhere")
    briefs = brief_command_items([fine, apart], registry=REGISTRY)
    assert [[p["name"] for p in b["places"]] for b in briefs] == [["Dayr az Zawr"], ["Syria"]]
