"""A synthetic stream of annotated articles for the corpus stages (no annotation run: the layers are
built with the text).

Events of a few kinds in generated places, each reported over a few days by 2-9 articles of the
outlets of examples/outlets.tsv. An article names the event's place (entities, places), its
people and agency (entities), gives the toll ("killing 40 people": a ``dead`` figure claimed by the
agency) and quotes its person. Some reports give another toll than the event's (conflicting counts),
some are reprints of an earlier report of the event by another outlet (copies, some with a trailer
of their own), and a few documents are read twice or come back as a new version of the same URL (the
store's filing). Events overlap in time, as in a wire feed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from newsfuse.model import (
    ANNOTATION_LAYERS,
    Article,
    EntityMention,
    Figure,
    PlaceMention,
    PlaceRef,
    Quote,
    Sentence,
    SpanRef,
)

SYLLABLES = ["ka", "ro", "vel", "mar", "tis", "an", "or", "lin", "das", "mo", "ret", "sul", "ban", "ech", "ia",
             "nor", "qa", "zim", "hal", "pe", "dor", "fen", "gri", "us", "tal", "ves", "om", "bri", "cal", "ny"]
OUTLETS = [("Meridian Wire", "meridianwire.example"), ("The Northern Ledger", "northernledger.example"),
           ("Coastline Courier", "coastlinecourier.example"), ("Valley Observer", "valleyobserver.example"),
           ("Frontline Dispatch", "frontlinedispatch.example"), ("Kestria One", "kestriaone.example"),
           ("KSNA - Kestrian State News Agency", "ksna.example")]
# kind: (title, the toll's sentence: before the count, after it; the sentences that follow)
KINDS = {
    "flood": ("Floods hit {place}", ("Floodwater swept through {place}, killing ", ", {claimant} said."),
              ["Rescue boats reached villages cut off near {place}.", "More rain is expected over {region}."]),
    "quake": ("Earthquake strikes {place}", ("An earthquake struck near {place}, killing ", ", {claimant} said."),
              ["Survivors in {place} slept outdoors after the quake.", "Aftershocks shook {region} overnight."]),
    "attack": ("Gunmen attack {place} market", ("Gunmen opened fire at a market in {place}, killing ",
                                                 ", {claimant} said."),
               ["Shops in {place} stayed shut the next day.", "Police in {region} set up checkpoints."]),
    "fire": ("Wildfire near {place}", ("A wildfire burned through homes near {place}, killing ", ", {claimant} said."),
             ["Firefighters battled the blaze overnight.", "Smoke drifted across {region}."]),
}
FILLER = ["Officials said more details would be released later.", "The situation remained tense on the ground.",
          "Residents described scenes of confusion and fear.", "Aid groups appealed for access to the area."]


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class _Text:
    """Text written piece by piece, remembering the spans of the pieces that are annotated."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.sentences: list[Sentence] = []
        self._open = 0

    def put(self, piece: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(piece)
        self.size += len(piece)
        return start, self.size

    def end_sentence(self, gap: str = " ") -> None:
        self.sentences.append(Sentence(self._open, self.size))
        self.put(gap)
        self._open = self.size

    @property
    def text(self) -> str:
        return "".join(self.parts).rstrip()


def _report(rng: random.Random, event: dict, toll: int) -> dict:
    """Text and layers of one original report of ``event`` giving ``toll`` dead, claimed by one of
    the event's agency, its police or its hospital."""
    event = dict(event, claimant=rng.choice([event["org"], event["place"] + " police", event["place"] + " hospital"]))
    title, (before, after), rest = KINDS[event["kind"]]
    t = _Text()
    entities, places, figures, quotes = [], [], [], []

    def template(piece: str) -> None:  # "{place}" and "{org}" are annotated; "{region}" is a place too
        while piece:
            cut = piece.find("{")
            if cut < 0:
                t.put(piece)
                return
            t.put(piece[:cut])
            slot = piece[cut + 1:piece.index("}", cut)]
            start, end = t.put(event[slot])
            if slot in ("place", "region"):
                entities.append(EntityMention(start, end, event[slot], "GPE", event[slot]))
                places.append(PlaceMention(start, end, event[slot], event[slot], event[slot + "_id"], 10.0, 20.0,
                                           "QK", "P", "point"))
            else:  # the agency or the claimant
                entities.append(EntityMention(start, end, event[slot], "ORG", event[slot]))
            piece = piece[piece.index("}", cut) + 1:]

    template(before)
    count = f"{toll} people"
    start, end = t.put(count)
    org_at = t.size + after.index("{claimant}")
    template(after)
    figures.append(Figure(start, end, count, float(toll), None, None, "exact", "people", "dead", "people",
                          claimant=SpanRef(org_at, org_at + len(event["claimant"]), event["claimant"], event["claimant"]),
                          place=PlaceRef(event["place"], event["place_id"]), method="synthetic"))
    t.end_sentence("\n\n")
    quote_at = t.put('"')[1]
    said = rng.choice(["We are doing all we can", "Help is on the way", "The toll may rise"])
    t.put(said)
    t.put('," said ')
    s, e = t.put(event["person"])
    entities.append(EntityMention(s, e, event["person"], "PERSON", event["person"]))
    quotes.append(Quote(quote_at, quote_at + len(said), said, "direct", SpanRef(s, e, event["person"], event["person"]),
                        SpanRef(s - 5, s - 1, "said"), method="synthetic"))
    t.put(".")
    t.end_sentence("\n\n")
    for sentence in rng.sample(rest, 2) + rng.sample(FILLER, 2):
        template(sentence)
        t.end_sentence()
    return {"text": t.text, "title": title.format(**event), "sentences": tuple(t.sentences),
            "entities": tuple(entities), "places": tuple(places), "figures": tuple(figures), "quotes": tuple(quotes)}


def stream(n_articles: int, seed: int = 15) -> list[Article]:
    """``n_articles`` documents (re-reads and new versions included), in arrival order."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    out: list[Article] = []
    event_no = 0
    days = max(30, n_articles // 40)  # ~40 documents a day: events overlap
    while len(out) < n_articles:
        event = {"kind": rng.choice(sorted(KINDS)), "place": _name(rng, 3), "region": _name(rng, 2) + "ia",
                 "org": _name(rng, 2) + " " + rng.choice(["Agency", "Ministry", "Council"]),
                 "person": f"{_name(rng)} {_name(rng, 3)}", "place_id": 900000 + 2 * event_no,
                 "region_id": 900001 + 2 * event_no}
        toll = rng.randint(3, 400)
        day0 = start + timedelta(days=rng.randrange(days))
        reports: list[tuple[str, dict]] = []
        for k in range(rng.randint(2, 9)):
            if len(out) >= n_articles:
                break
            outlet, domain = rng.choice(OUTLETS)
            day = day0 + timedelta(days=rng.randint(0, 3))
            if reports and rng.random() < 0.25:  # a reprint of an earlier report, perhaps with a trailer
                body = dict(rng.choice(reports)[1])
                if rng.random() < 0.5:
                    body["text"] = body["text"] + f"\n\n--{outlet}"
            else:
                body = _report(rng, event, toll if rng.random() < 0.8 else toll + rng.randint(1, 60))
            reports.append((outlet, body))
            aid = f"e{event_no}-{k}"
            out.append(Article.create(id=aid, source=outlet, url=f"https://{domain}/{aid}", published=day.isoformat(),
                                      ran=ANNOTATION_LAYERS, **body))
        event_no += 1
        if out and rng.random() < 0.03:  # a document read again, or a new version of its URL
            again = rng.choice(out)
            if rng.random() < 0.5:
                out.append(again)
            else:
                out.append(Article.create(id=again.id + "-v2", source=again.source, url=again.url,
                                          published=again.published, ran=ANNOTATION_LAYERS,
                                          **_report(rng, event, toll)))
    return out[:n_articles]
