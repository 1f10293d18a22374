"""The core records of newsfuse.

One object owns the text: :class:`Article` holds the immutable article text and its metadata,
and every annotation is a ``[start, end)`` span of Python ``str`` indices into ``Article.text``.
Stages never rewrite the text; cleaning reports boilerplate as spans.

Per-article stages are pure ``Article -> Article`` functions: they return a copy with one more
annotation layer filled (``dataclasses.replace``), so the same code runs in-process, in a process
pool or inside a Spark job.

>>> a = Article.create(id="a1", text="Hundreds fled on Tuesday.", published="2019-03-05")
>>> a.content_hash[:12]
'613888dcd3e3'
>>> t = TimeExpr(start=17, end=24, text="Tuesday", value="2019-03-05", method="rules/1")
>>> a.text[t.start:t.end] == t.text
True
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Sequence


def content_hash(text: str) -> str:
    """SHA-256 of the exact text: two documents with equal hashes are the same version."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- span records


@dataclass(slots=True, frozen=True)
class Boilerplate:
    """A span judged not part of the article (menu line, share prompt, repeated caption...)."""

    start: int
    end: int
    reason: str  # e.g. "date_prefix", "nav_line", "repeated_paragraph", "share_prompt"
    method: str = ""


@dataclass(slots=True, frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class EntityMention:
    """A mention of an actor; ``entity`` is the canonical name shared by all its aliases."""

    start: int
    end: int
    text: str
    label: str  # OntoNotes-style: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    entity: str
    role: str | None = None  # title or role kept apart from the name ("Coalition spokesman")
    method: str = ""
    confidence: float | None = None


@dataclass(slots=True, frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    feature_class: str | None = None  # GeoNames feature class (P, A, ...)
    precision: str | None = None  # "point" | "admin1" | "admin2" | "country"
    method: str = ""
    confidence: float | None = None


@dataclass(slots=True, frozen=True)
class TimeExpr:
    """A date or time phrase; ``value`` is ISO 8601 (date, reduced date, interval or duration) or None."""

    start: int
    end: int
    text: str
    value: str | None
    method: str = ""
    confidence: float | None = None


@dataclass(slots=True, frozen=True)
class SpanRef:
    """A pointer to a span that plays a role (a speaker, a cue, a claimant)."""

    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass(slots=True, frozen=True)
class Quote:
    """Reported speech: ``start/end/text`` cover the quoted content."""

    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect" | "mixed"
    speaker: SpanRef | None
    cue: SpanRef | None
    method: str = ""
    confidence: float | None = None


@dataclass(slots=True, frozen=True)
class PlaceRef:
    text: str
    geonameid: int | None


@dataclass(slots=True, frozen=True)
class Figure:
    """A count of people (or homes) with what it counts, who claims it, where and when."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str  # exact | approx | at_least | more_than | at_most | less_than | range | vague
    unit: str  # people | households | homes | other
    category: str  # closed set, see CONTRACT.md
    subject: str  # civilians | children | women | fighters | soldiers | police | migrants | people | other
    claimant: SpanRef | None = None
    place: PlaceRef | None = None
    period: str | None = None
    negated: bool = False
    modality: str | None = None  # e.g. "expected", "could", "may"
    cumulative: bool = False  # "since the offensive began", "so far", "the toll rose to"
    method: str = ""
    confidence: float | None = None
    # A part of a larger count the text gives, and which part ("15 of the wounded were in critical
    # condition" -> "critical condition", "a dozen bodies" in a video -> "footage"); None: a whole count.
    # Reconciliation compares a part only with the same part, never with the whole.
    scope: str | None = None


# --------------------------------------------------------------------------- the article


@dataclass(slots=True, frozen=True)
class Article:
    """One document version: immutable text plus metadata plus annotation layers."""

    id: str
    text: str
    content_hash: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None
    format: str = "txt"  # txt | html | jsonl | warc | rss
    origin: str | None = None  # file path or URL it came from
    text_given: bool = True  # False when the text was extracted (HTML/WARC): outputs then carry it
    boilerplate: tuple[Boilerplate, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)  # free-form extras (authors, section, ...)
    # The layers a stage has filled, in the order the stages ran (the runner and the store keep it):
    # an empty layer named here is known to be empty, one not named is unknown. See ``has``.
    ran: tuple[str, ...] = ()

    @classmethod
    def create(cls, *, id: str, text: str, **kwargs: Any) -> "Article":
        return cls(id=id, text=text, content_hash=content_hash(text), **kwargs)

    def with_layer(self, **layers: Any) -> "Article":
        """A copy with the given annotation layers replaced (layers are stored as tuples)."""
        return dataclasses.replace(self, **{k: tuple(v) for k, v in layers.items()})

    def has(self, layer: str) -> bool:
        """Whether the layer is known: a stage filled it (perhaps with nothing), or it holds records
        (an article built by hand). A stage that needs a layer the article does not have makes it with
        that layer's own rules; one that ran and found nothing is not made again.

        >>> a = Article.create(id="a", text="")
        >>> a.has("sentences"), a.with_run(("sentences",)).has("sentences")
        (False, True)
        """
        return layer in self.ran or bool(getattr(self, layer))

    def with_run(self, layers: Sequence[str]) -> "Article":
        """A copy that records ``layers`` as filled (the runner calls it after each stage)."""
        new = tuple(layer for layer in layers if layer not in self.ran)
        return dataclasses.replace(self, ran=self.ran + new) if new else self

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]


ANNOTATION_LAYERS = ("boilerplate", "sentences", "entities", "places", "times", "quotes", "figures")
LAYER_TYPES: dict[str, type] = {
    "boilerplate": Boilerplate,
    "sentences": Sentence,
    "entities": EntityMention,
    "places": PlaceMention,
    "times": TimeExpr,
    "quotes": Quote,
    "figures": Figure,
}


# --------------------------------------------------------------------------- corpus records


@dataclass(slots=True, frozen=True)
class Quarantined:
    """An input that could not be processed: kept whole with the reason, never dropped."""

    id: str
    origin: str | None
    reason: str
    stage: str  # "ingest", "clean", "annotate", ...
    raw: bytes | None = None
    article: Article | None = None  # set when the document was read but a later check refused it


@dataclass(slots=True, frozen=True)
class Story:
    """A real-world event: articles clustered together. Ids are stable as articles join."""

    id: str
    article_ids: tuple[str, ...]
    title: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    merged_from: tuple[str, ...] = ()  # old ids kept so links survive merges


@dataclass(slots=True, frozen=True)
class FigureReport:
    article_id: str
    source: str | None
    figure: Figure
    side: int | None = None  # which side of a conflict (0 = the side with most independent sources)
    published: str | None = None
    chain: tuple[str, ...] = ()  # attribution: outlet → claimant (→ the claimant's own source)
    sources: tuple[str, ...] = ()  # keys of the sources it rests on (equal keys = not independent)
    text_group: str | None = None  # articles that are one text (copies, one owner or state) share it
    # What the count is, as reconciliation read it: "total", "part" (of a larger count its article or
    # text gives) or "increment" ("three more died"); whether it is a running toll; the party behind it.
    scope: str = "total"
    party: str | None = None


@dataclass(slots=True, frozen=True)
class FigureGroup:
    """Reports of the same count: same category, compatible subject, same place and period."""

    story: str
    category: str
    subject: str
    place: PlaceRef | None
    period: str | None
    status: str  # corroborated | conflicting | single_source | updated
    reason: str
    independent_sources: int
    low: float | None
    high: float | None
    reports: tuple[FigureReport, ...] = ()
    compared: bool = True  # False: a negated or modal figure ("could rise to"), shown but not compared
    sides: tuple[str, ...] = ()  # for conflicts: a label per side ("350 (SOHR)")
    confidence: float | None = None  # how far the verdict can be trusted (0-1); None: nothing was judged


# --------------------------------------------------------------------------- serialisation


def to_jsonable(obj: Any) -> Any:
    """Dataclasses → dicts (recursively), tuples → lists; for JSON output."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, bytes):
        return None
    return obj
