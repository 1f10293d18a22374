"""The records a store hands back (besides the model's own Article and Story)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# IngestResult.status values
NEW = "new"  # first time this document key is seen
NEW_VERSION = "new_version"  # known key, text never seen before under it
DUPLICATE = "duplicate"  # known key and the text of its current version: nothing written
REVERTED = "reverted"  # known key and the text of an older version: that version is current again


@dataclass(slots=True, frozen=True)
class IngestResult:
    """What happened to one input article; annotations of it must be saved under ``version_id``."""

    doc_id: str  # the input Article.id
    doc_key: str  # "url:<normalised url>" or "id:<doc id>"
    article_id: str  # the stored article (stable across versions)
    version_id: int
    status: str  # "new" | "new_version" | "duplicate" | "reverted"


@dataclass(slots=True, frozen=True)
class VersionInfo:
    version_id: int
    article_id: str
    seq: int  # 1 for the first text of the article, 2 for the next...
    content_hash: str
    ingested: str


@dataclass(slots=True, frozen=True)
class QuarantineEntry:
    qid: int  # row id in the quarantine table
    doc_id: str
    origin: str | None
    stage: str
    reason: str
    raw: bytes | None
    article_id: str | None  # set when the article itself was stored
    version_id: int | None
    created: str
    last_seen: str
    released: str | None = None


@dataclass(slots=True, frozen=True)
class Correction:
    """An analyst override, e.g. ``kind="merge_entities", target="ISIS", payload={"into": "IS"}``."""

    id: int
    kind: str
    target: str
    payload: Any
    author: str | None
    created: str
    active: bool
    retracted: str | None = None


@dataclass(slots=True, frozen=True)
class RunInfo:
    id: int
    command: str
    started: str
    finished: str | None
    status: str | None
    counts: dict[str, Any] = field(default_factory=dict)
