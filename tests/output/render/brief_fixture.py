"""A small annotated story for the renderer tests, with hostile text in it (fictional outlets and places)."""

from __future__ import annotations

from newsfuse.output.brief import build_brief
from newsfuse.annotate.clean.sentences import split_sentences
from newsfuse.model import Article, Figure, PlaceMention, Quote, Sentence, SpanRef, TimeExpr
from newsfuse.knowledge.outlets import Outlet, OutletRegistry

REGISTRY = OutletRegistry([Outlet("Meridian Wire", group="Meridian"), Outlet("Valley <b>Observer</b>", group="Valley")])

HOSTILE = '<script>alert("owned")</script>'
WIRE = (f"Around 400 residents fled Tavel on Monday, the district office said. {HOSTILE} was posted by a reader. "
        "\"We left with nothing,\" said Ana Petrak, a teacher from Tavel. "
        "Boats reached Orsk, 20 km downstream, in the evening.")
OBSERVER = "About 400 people left Tavel on Monday as the Mira burst its banks, the Red Crescent said. Orsk stayed dry."


def _at(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    return s, s + len(part)


def _fig(text: str, part: str, value: int, who: str) -> Figure:
    return Figure(*_at(text, part), part, value, value * 0.9, value * 1.1, "approx", "people", "fled", "people",
                  claimant=SpanRef(*_at(text, who), who, who))


def articles() -> list[Article]:
    place = lambda t, name, lat, lon, gid: PlaceMention(*_at(t, name), name, name, gid, lat, lon, "QK", "P", "point", confidence=0.9)  # noqa: E731
    wire = Article.create(id="wire-1", text=WIRE, source="Meridian Wire", published="2024-04-02",
                          title="Hundreds flee <Tavel> floods")
    observer = Article.create(id="obs<2>", text=OBSERVER, source="Valley <b>Observer</b>", published="2024-04-02")
    speaker = SpanRef(*_at(WIRE, "Ana Petrak"), "Ana Petrak", "Ana Petrak")
    wire = wire.with_layer(
        sentences=[Sentence(s, e) for s, e in split_sentences(WIRE)],
        figures=[_fig(WIRE, "Around 400", 400, "the district office")],
        quotes=[Quote(*_at(WIRE, "We left with nothing"), "We left with nothing", "direct", speaker, None)],
        times=[TimeExpr(*_at(WIRE, "Monday"), "Monday", "2024-04-01")],
        places=[place(WIRE, "Tavel", 45.20, 26.80, 1), place(WIRE, "Orsk", 45.05, 27.10, 2)],
    )
    observer = observer.with_layer(
        sentences=[Sentence(s, e) for s, e in split_sentences(OBSERVER)],
        figures=[_fig(OBSERVER, "About 400", 400, "the Red Crescent")],
        times=[TimeExpr(*_at(OBSERVER, "Monday"), "Monday", "2024-04-01")],
        places=[place(OBSERVER, "Tavel", 45.20, 26.80, 1)],
    )
    return [wire, observer]


def brief() -> dict:
    return build_brief(articles(), story="tavel", registry=REGISTRY)
