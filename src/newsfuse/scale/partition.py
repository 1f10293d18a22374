"""The executor side: one partition of input units → annotated articles and quarantined inputs.

Each unit is read with the embedded readers (:func:`newsfuse.ingest.read_inputs`), passed through the
same language gate, and annotated by the same runner (:func:`newsfuse.annotate.pipeline.run`), so an
article comes out of a Spark worker exactly as out of ``analyze``. The stages' models (spaCy) are
cached per Python process, which Spark reuses across tasks: they load once per worker, not per
article. Whatever goes wrong with a unit, even a bug, becomes a quarantine row with the reason: the
job goes on.

Rows are ``(unit index, item index, kind, JSON)``, kind ``"article"`` or ``"quarantined"``: plain
values, so no model class needs pickling between Python and the JVM.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import Any, Iterable, Iterator, Sequence

from ..annotate import pipeline
from ..ingest import read_inputs
from ..ingest.language import unsupported_language_reason
from ..model import Article, Quarantined
from ..store.codec import record_to_dict
from .inputs import Unit

Row = tuple[int, int, str, str]
WINDOW = 64  # articles annotated together within one unit (a WARC holds thousands)


def use_places(files: Sequence[str]) -> None:
    """The user-place files of the job, in this worker (once: the gazetteer is reloaded only if new)."""
    if not files:
        return
    from ..annotate.places.default import extra_places_files, use_places_files

    known = {str(p) for p in extra_places_files()}
    if any(os.path.realpath(f) not in known for f in files):
        use_places_files(files)


def quarantine_json(item: Quarantined) -> str:
    published = item.article.published if item.article is not None else None
    return json.dumps({"id": item.id, "origin": item.origin, "stage": item.stage, "reason": item.reason,
                       "published": published}, ensure_ascii=False)


def _gate(item: Article | Quarantined) -> Article | Quarantined:
    if isinstance(item, Article):
        reason = unsupported_language_reason(item)
        if reason:
            return Quarantined(id=item.id, origin=item.origin, reason=reason, stage="language", article=item)
    return item


def _read(unit: Unit, scratch: str) -> Iterator[Article | Quarantined]:
    if unit.kind != "remote":
        yield from read_inputs([unit.location])
        return
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(unit.location)
    local = os.path.join(scratch, os.path.basename(path) or "input")
    with filesystem.open_input_stream(path) as source, open(local, "wb") as target:
        shutil.copyfileobj(source, target)
    try:
        for item in read_inputs([local]):
            yield _with_origin(item, unit.location)
    finally:
        os.remove(local)


def _with_origin(item: Article | Quarantined, origin: str) -> Article | Quarantined:
    import dataclasses

    return dataclasses.replace(item, origin=origin)


def annotate_unit(unit: Unit, scratch: str) -> Iterator[Row]:
    """The rows of one unit, in the order its documents were read."""
    position = 0
    try:
        for window in pipeline.batches((_gate(i) for i in _read(unit, scratch)), WINDOW):
            articles = [i for i in window if isinstance(i, Article)]
            done = iter(pipeline.run(articles))
            for item in window:
                item = next(done) if isinstance(item, Article) else item
                yield _row(unit.index, position, item)
                position += 1
    except Exception as err:  # noqa: BLE001 - a bad unit must not fail the job; the reason names the error
        reason = f"unexpected error in the Spark worker ({type(err).__name__}: {err})"
        yield _row(unit.index, position, Quarantined(id=unit.location, origin=unit.location, reason=reason,
                                                     stage="spark"))


def _row(unit: int, position: int, item: Article | Quarantined) -> Row:
    if isinstance(item, Quarantined):
        return unit, position, "quarantined", quarantine_json(item)
    return unit, position, "article", json.dumps(record_to_dict(item), ensure_ascii=False)


def annotate_partition(units: Iterable[Unit], places: Sequence[str] = ()) -> Iterator[Row]:
    """``mapPartitions`` body: every unit of the partition, read and annotated."""
    use_places(places)
    scratch = tempfile.mkdtemp(prefix="newsfuse-spark-")
    try:
        for unit in units:
            yield from annotate_unit(unit, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def decode_article(payload: str) -> Article:
    from ..store.codec import record_from_dict

    return record_from_dict(Article, json.loads(payload))


def decode_quarantined(payload: str) -> dict[str, Any]:
    return json.loads(payload)
