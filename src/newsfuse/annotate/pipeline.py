"""The per-article pipeline runner.

Stages are listed by module path and ordered by what they require and provide, so a new stage only
declares its needs. The runner processes articles in batches (``process_batch`` when a stage has one,
e.g. to stream texts through ``nlp.pipe``), optionally in a process pool, and isolates errors per
document: when a batch fails, its articles are retried one by one and only the failing document is
quarantined, with the stage and the reason; the rest of the batch goes on.

>>> [s.name for s in resolve_stages(["sentences"])]
['boilerplate', 'sentences']
"""

from __future__ import annotations

import importlib
import traceback
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from ..model import Article, Quarantined
from ..stage import Stage

# Every per-article stage, by module; each module exposes ``STAGE``. Order here does not matter:
# ``resolve_stages`` sorts them by requires/provides.
STAGE_MODULES: tuple[str, ...] = (
    "newsfuse.annotate.clean.boilerplate",
    "newsfuse.annotate.clean.sentences",
    "newsfuse.annotate.entities.stage",
    "newsfuse.annotate.places.stage",
    "newsfuse.annotate.times.stage",
    "newsfuse.annotate.quotes.stage",
    "newsfuse.annotate.figures.stage",
)

BATCH_SIZE = 32
T = TypeVar("T")


def all_stages() -> list[Stage]:
    return [importlib.import_module(name).STAGE for name in STAGE_MODULES]


def resolve_stages(wanted: Sequence[str] | None = None, stages: Sequence[Stage] | None = None) -> list[Stage]:
    """The stages needed to provide the ``wanted`` layers (all layers when None), in dependency order."""
    available = list(stages) if stages is not None else all_stages()
    provider: dict[str, Stage] = {}
    for stage in available:
        for layer in stage.provides:
            provider[layer] = stage
    targets = list(wanted) if wanted is not None else [layer for s in available for layer in s.provides]

    ordered: list[Stage] = []
    visiting: set[str] = set()

    def visit(layer: str) -> None:
        stage = provider.get(layer)
        if stage is None:
            raise ValueError(f"no stage provides the layer {layer!r}")
        if stage in ordered:
            return
        if stage.name in visiting:
            raise ValueError(f"stage dependency cycle through {stage.name!r}")
        visiting.add(stage.name)
        for needed in stage.requires:
            visit(needed)
        visiting.discard(stage.name)
        ordered.append(stage)

    for layer in targets:
        visit(layer)
    return ordered


def _failure(article: Article, stage: Stage, error: BaseException) -> Quarantined:
    detail = "".join(traceback.format_exception_only(type(error), error)).strip()
    return Quarantined(
        id=article.id,
        origin=article.origin,
        reason=f"stage {stage.name} failed: {detail}",
        stage=stage.name,
        article=article,
    )


def _run_stage(stage: Stage, batch: list[Article]) -> list[Article | Quarantined]:
    if stage.process_batch is not None and len(batch) > 1:
        try:
            return list(stage.process_batch(batch))
        except Exception:  # noqa: BLE001 - find the culprit document by retrying one at a time
            pass
    results: list[Article | Quarantined] = []
    for article in batch:
        try:
            results.append(stage.process(article))
        except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
            results.append(_failure(article, stage, error))
    return results


def process_batch(batch: Sequence[Article], stages: Sequence[Stage]) -> list[Article | Quarantined]:
    """Run every stage over one batch; a document that fails a stage leaves the batch as Quarantined."""
    slots: list[Article | Quarantined] = list(batch)
    for stage in stages:
        live = [i for i, item in enumerate(slots) if isinstance(item, Article)]
        if not live:
            break
        outputs = _run_stage(stage, [slots[i] for i in live])  # type: ignore[misc]
        for i, out in zip(live, outputs):
            slots[i] = out.with_run(stage.provides) if isinstance(out, Article) else out
    return slots


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), in order, read as they are needed."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    articles: Iterable[Article],
    *,
    layers: Sequence[str] | None = None,
    stages: Sequence[Stage] | None = None,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[Article | Quarantined]:
    """Annotate ``articles`` (in order) with the stages providing ``layers`` (all when None).

    ``stages`` replaces the registered stages (tests, custom pipelines). ``workers > 1`` runs batches
    in a process pool; stages travel to the workers by reference (module-level functions), and each
    worker loads its models once. ``on_done(n)`` is called as documents finish (progress bars).
    """
    chosen = resolve_stages(layers, stages)
    if workers <= 1:
        for batch in batches(articles, batch_size):
            yield from process_batch(batch, chosen)
            if on_done:
                on_done(len(batch))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = []
        for batch in batches(articles, batch_size):
            pending.append(pool.submit(process_batch, batch, chosen))
            # Keep a bounded window in flight so a large stream does not sit in memory at once.
            while len(pending) > 2 * workers:
                done = pending.pop(0).result()
                yield from done
                if on_done:
                    on_done(len(done))
        for future in pending:
            done = future.result()
            yield from done
            if on_done:
                on_done(len(done))

