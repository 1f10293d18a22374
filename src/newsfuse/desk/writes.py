"""The one thing the desk writes: analyst corrections, through the same code path as ``newsfuse
correct`` (:func:`newsfuse.corpus.corrections.record`), each in a short write transaction."""

from __future__ import annotations

from typing import Any

from ..corpus.corrections import record
from ..store import open_store


def add_correction(db: str, kind: str, target: str, payload: dict[str, Any], author: str | None) -> int:
    """Raises ValueError when the correction cannot apply as written (nothing is stored then)."""
    store = open_store(db)
    try:
        return record(store, kind, target, payload, author=author)
    finally:
        store.close()


def retract_correction(db: str, correction_id: int) -> bool:
    """False when it was retracted already; KeyError when there is no such correction."""
    store = open_store(db)
    try:
        return store.retract_correction(correction_id)
    finally:
        store.close()
