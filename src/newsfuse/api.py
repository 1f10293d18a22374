"""The Python API, in parity with the CLI (each CLI command is a thin wrapper over one function here).

Why one module of this length: it is the one façade the CLI, the desk and other programs call; each
function is short and hands its work to the package that does it (ingest, annotate, corpus, output,
store, watch, scale), so its length is the number of commands, not logic.

>>> from newsfuse import api
>>> items = list(api.annotate(["examples/"]))          # doctest: +SKIP
>>> summary = api.analyze(["examples/"], db="news.db")  # doctest: +SKIP

Analyst corrections (``newsfuse correct``) are kept in the store and applied whenever briefings are
written (:func:`write_briefings`, ``newsfuse brief --db``):

>>> cid = api.add_correction("news.db", "figure_category", "a1:120", {"category": "injured"}, author="ana")  # doctest: +SKIP
>>> [(c.id, c.kind, c.target, c.payload) for c in api.list_corrections("news.db")]  # doctest: +SKIP
>>> api.retract_correction("news.db", cid)  # doctest: +SKIP
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Sequence, TextIO

from .annotate import pipeline
from .ingest import read_inputs
from .ingest.language import unsupported_language_reason
from .knowledge.outlets import OutletRegistry
from .model import ANNOTATION_LAYERS, Article, Quarantined, Story
from .output.briefings import BriefRun, brief_command_items
from .output.report import AnalyzeSummary, render as render_report, render_json as render_report_json
from .settings import lock_wait
from .store.lock import StoreBusyError  # noqa: F401 - raised by analyze and write_briefings; the CLI catches it
from .store.sqlite import StoreError  # noqa: F401 - a --db that is a folder, not a database, or damaged
from .watch.config import ConfigError  # noqa: F401 - a FEEDS.toml that cannot be used; the CLI catches it

Item = Article | Quarantined

# How many documents are read ahead and annotated together; order is kept within and across windows.
WINDOW = 256


def extract(paths: Sequence[str], *, stdin: TextIO | None = None) -> Iterator[Item]:
    """Read every input: one Article per document (main text + metadata), or Quarantined with a reason."""
    return read_inputs(paths, stdin=stdin)


def _language_gate(item: Item) -> Item:
    if isinstance(item, Article):
        reason = unsupported_language_reason(item)
        if reason:
            return Quarantined(id=item.id, origin=item.origin, reason=reason, stage="language", article=item)
    return item


def annotate_items(
    items: Iterable[Item],
    *,
    layers: Sequence[str] | None = None,
    workers: int = 1,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[Item]:
    """Annotate already-read items, in order; Quarantined items pass through untouched.

    Each article is annotated on its own: what other documents share its read-ahead window never
    changes it. Steps across articles (place consistency within a story, reuse, reconciliation) run
    later, on the articles of one story (:func:`newsfuse.output.brief.build_brief`)."""
    for window in pipeline.batches((_language_gate(i) for i in items), WINDOW):
        articles = [i for i in window if isinstance(i, Article)]
        done = iter(pipeline.run(articles, layers=layers, workers=workers, on_done=on_done))
        for item in window:
            yield next(done) if isinstance(item, Article) else item
            if not isinstance(item, Article) and on_done:
                on_done(1)


def annotate(
    paths: Sequence[str],
    *,
    stdin: TextIO | None = None,
    layers: Sequence[str] | None = None,
    workers: int = 1,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[Item]:
    """Read and annotate every input (all layers by default), in input order."""
    return annotate_items(read_inputs(paths, stdin=stdin), layers=layers, workers=workers, on_done=on_done)


def cluster(
    paths: Sequence[str],
    *,
    stdin: TextIO | None = None,
    layers: Sequence[str] = ("sentences", "entities", "places", "times"),
    workers: int = 1,
    on_done: Callable[[int], None] | None = None,
) -> tuple[list[Item], dict[str, str]]:
    """Group documents into stories: (items in input order, article id → story id).

    The clusterer uses canonical entities, places and dates when ``layers`` provide them; with
    ``layers=("sentences",)`` it works on the bare text at stream speed.
    """
    from .corpus.stories import cluster as cluster_articles

    items = list(annotate(paths, stdin=stdin, layers=layers, workers=workers, on_done=on_done))
    return items, cluster_articles([i for i in items if isinstance(i, Article)])


def analyze(
    paths: Sequence[str],
    *,
    db: str,
    out: str | Path | None = None,
    outlets: str | Path | None = None,
    report: str = "md",
    stdin: TextIO | None = None,
    workers: int = 1,
    on_done: Callable[[int], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> AnalyzeSummary:
    """The main job (``newsfuse analyze``): ingest into the store, run every stage, store every layer;
    nothing is lost. Documents already in the store with the same content are not annotated again
    (idempotent re-runs).

    With ``out``, every stored article is then clustered into stories, one briefing per story is
    written there (:func:`write_briefings`, outlets from ``outlets`` too), and the report:
    ``report.md``, or ``report.json`` when ``report="json"`` (``summary.report``, ``.report_text``).

    Crash-safe and one writer at a time: the run holds the store's writer lock throughout (another
    run waits for it, ``NEWSFUSE_LOCK_WAIT`` seconds at most, after ``on_wait`` is told why; then
    :class:`StoreBusyError`). It first annotates what an interrupted run stored but did not annotate
    (``summary.resumed``) and marks such runs ``interrupted`` (``summary.interrupted``).
    """
    from .store import open_store

    command = "analyze " + " ".join(paths)
    if out is not None:  # before any work: an output folder that cannot be made fails now, not after
        _output_folder(Path(out))
    store = open_store(db)
    summary = AnalyzeSummary(db=db)
    try:
        with store.writer_lock(command=command, wait=lock_wait(), on_wait=on_wait):
            with _recorded_run(store, command, summary) as run_id:
                _store_and_annotate(store, run_id, summary, paths, stdin=stdin, workers=workers, on_done=on_done)
                if out is not None:
                    out = Path(out)
                    out.mkdir(parents=True, exist_ok=True)
                    summary.briefs = _write_briefings(store, out, outlets=str(outlets) if outlets else None,
                                                      run_id=run_id)
                    summary.report_text = render_report_json(summary) if report == "json" else render_report(summary)
                    target = out / f"report.{'json' if report == 'json' else 'md'}"
                    _write_file(target, summary.report_text + "\n")
                    summary.report = str(target)
            # after the run is recorded, so a page is made for the state the desk will see; a store
            # that is no plain file (":memory:", another backend) has no desk to serve it
            if out is not None and "://" not in str(db) and Path(db).is_file():
                make_story_pages(db, outlets=outlets)
    finally:
        store.close()
    return summary


def make_story_pages(db: str, *, outlets: str | Path | None = None, changed: Collection[str] | None = None,
                     made_under: str | None = None) -> int:
    """Make every story's desk page ahead and keep it in the store (:mod:`newsfuse.desk.stored_pages`), so
    ``newsfuse serve`` answers a first visit with a row read; ``analyze`` does this after writing the
    briefings. A later correction or run makes the desk render pages itself until the next call.
    Returns how many pages were made. The caller holds the writer lock (or nothing else writes).
    ``watch`` passes the stories a round ``changed`` and the data state the round began at
    (:func:`story_pages_state`): then only those pages (and missing ones) are made, the others kept."""
    from .desk.make_ahead import make_pages

    return make_pages(db, outlets=str(outlets) if outlets else None, changed=changed, made_under=made_under)


def story_pages_state(db: str) -> str:
    """The store's state as the desk keys the pages made ahead (for :func:`make_story_pages`)."""
    from .desk.make_ahead import data_state

    return data_state(db)


def _output_folder(out: Path) -> None:
    """Raise NotADirectoryError when ``out`` cannot be (made into) a folder for the briefings; nothing
    is created here."""
    if out.exists():
        if not out.is_dir():
            raise NotADirectoryError(f"{out} is a file, not a folder for the briefings")
        return
    ancestor = out.absolute().parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise NotADirectoryError(f"cannot make the folder {out}: {ancestor} is a file")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise NotADirectoryError(f"cannot make the folder {out}: {ancestor} is not writable")


@contextmanager
def _recorded_run(store, command: str, summary: AnalyzeSummary) -> Iterator[int]:
    """A row of ``runs`` around a whole ``analyze``: its counts, and a status that says how it ended:
    ``ok``, ``interrupted`` (Ctrl-C, SIGTERM) or ``failed: <error>``. A run that never got to say it
    (killed, power cut) is marked ``interrupted`` by the next one (``summary.interrupted``); the
    caller holds the writer lock, so no run still alive can be taken for a dead one."""
    run_id = store.start_run(command=command)
    summary.interrupted = store.mark_interrupted_runs(current=run_id)
    status = "ok"
    try:
        yield run_id
    except (KeyboardInterrupt, SystemExit):
        status = "interrupted"
        raise
    except BaseException as error:
        status = f"failed: {type(error).__name__}: {error}"
        raise
    finally:
        counts = {
            "new": summary.new,
            "new_versions": summary.new_versions,
            "duplicates": summary.duplicates,
            "quarantined": len(summary.quarantined),
        }
        if summary.resumed:
            counts["resumed"] = summary.resumed
        if summary.reverted:
            counts["reverted"] = summary.reverted
        store.finish_run(run_id, counts=counts, status=status)


def _store_and_annotate(store, run_id: int, summary: AnalyzeSummary, paths: Sequence[str], *,
                        stdin: TextIO | None, workers: int, on_done: Callable[[int], None] | None,
                        items: Iterable[Item] | None = None) -> None:
    """Ingest into the store and annotate what is new there (``analyze`` without briefings), adding
    to ``summary``; the caller holds the writer lock.

    A window's versions are committed before they are annotated, so a run killed in between leaves
    versions without layers: the store lists them (``unannotated_versions``) and this annotates them
    first, before reading anything new (``summary.resumed``)."""
    # Records that carry no ``method`` of their own (sentences) are stored with their stage's.
    methods = {layer: stage.method for stage in pipeline.resolve_stages() for layer in stage.provides}

    def annotate_and_save(fresh: Iterable[Article], articles: list[Article]) -> None:
        for done in annotate_items(fresh, workers=workers, on_done=on_done):
            if isinstance(done, Quarantined):
                store.quarantine(done, run_id=run_id)
                summary.quarantined.append(done)
                continue
            store.save_layers(done.meta["version"], done, layers=ANNOTATION_LAYERS, methods=methods)
            articles.append(done)

    pending = store.unannotated_versions()
    annotate_and_save((store.load_version(v, layers=()) for v in pending), [])
    summary.resumed = len(pending)
    inputs = read_inputs(paths, stdin=stdin) if items is None else items  # ``watch`` hands in feed items
    for window in pipeline.batches(inputs, WINDOW):
        fresh: list[Article] = []
        articles = [i for i in window if isinstance(i, Article)]
        results = {id(a): r for a, r in zip(articles, store.add_articles(articles, run_id=run_id))}
        for item in window:
            if isinstance(item, Quarantined):
                store.quarantine(item, run_id=run_id)
                summary.quarantined.append(item)
                if on_done:
                    on_done(1)
                continue
            result = results[id(item)]
            if result.status in ("duplicate", "reverted"):  # stored and annotated already
                if result.status == "reverted":
                    summary.reverted += 1
                else:
                    summary.duplicates += 1
                if on_done:
                    on_done(1)
                continue
            if result.status == "new_version":
                summary.new_versions += 1
            else:
                summary.new += 1
            item.meta["version"] = result.version_id
            fresh.append(item)
        annotate_and_save(fresh, summary.articles)


def brief(
    paths: Sequence[str],
    *,
    stdin: TextIO | None = None,
    max_words: int | None = None,
    cluster: bool = False,
    outlets: str | Path | None = None,
    corrections: Sequence | None = None,
    workers: int = 1,
    on_done: Callable[[int], None] | None = None,
) -> BriefRun:
    """``newsfuse brief``: a cited briefing of the inputs as one story, or one per story (``cluster``, or
    input records that carry ``"story"``). ``corrections`` (:func:`list_corrections` of a store) are
    applied as :func:`analyze` applies them. ``run.text("json" | "md" | "html")`` is what the command
    writes; ``run.quarantined`` the inputs that could not be read."""
    items = list(annotate(paths, stdin=stdin, workers=workers, on_done=on_done))
    articles = [i for i in items if isinstance(i, Article)]
    registry = OutletRegistry.load(*([outlets] if outlets else []))
    briefs = brief_command_items(articles, max_words=max_words, cluster=cluster, registry=registry,
                                 corrections=corrections)
    # One JSON object per line when there are (or may be) several stories; an analyst's move_article
    # can split the inputs too.
    multi = cluster or any("story" in a.meta for a in articles) or len(briefs) > 1
    return BriefRun(briefs, articles, [i for i in items if isinstance(i, Quarantined)], multi)


def quarantined(db: str) -> list:
    """``newsfuse quarantine``: the inputs the store at ``db`` keeps in quarantine, with their reasons."""
    from .store import open_store

    _existing_store(db)  # a mistyped --db must not leave an empty store behind
    store = open_store(db)
    try:
        return list(store.list_quarantine())
    finally:
        store.close()


def export(db: str, what: str, fmt: str, *, out: str | Path | None = None, text: TextIO | None = None,
           outlets: str | Path | None = None) -> int:
    """``newsfuse export``: the store's articles, stories, figures (an event dataset, UCDP GED / ACLED
    style), quotes or entities as JSONL, CSV, Parquet or GeoJSON (docs/exports.md); returns the rows
    written. Parquet goes to the file ``out``; the others to ``out``, or else to ``text``. Only reads the
    store (no writer lock); ``outlets`` as given to ``analyze``, so independence is judged alike."""
    from .output.exports import check, export_rows, write_export
    from .store import open_store

    check(what, fmt)
    _existing_store(db)
    if fmt == "parquet" and out is None:
        raise ValueError("Parquet is a binary file: give --out")
    store = open_store(db)
    try:
        registry = OutletRegistry.load(*([outlets] if outlets else []))
        rows = export_rows(store, what, registry=registry)
        if out is None:
            return write_export(rows, what, fmt, text=text)
        temporary = Path(out).with_name(f".{Path(out).name}.tmp")  # whole or not at all, as briefings
        if fmt == "parquet":
            count = write_export(rows, what, fmt, path=str(temporary))
        else:
            with open(temporary, "w", encoding="utf-8", newline="") as handle:
                count = write_export(rows, what, fmt, text=handle)
        os.replace(temporary, out)
        return count
    finally:
        store.close()


def spark(paths: Sequence[str], *, out: str | Path, master: str | None = "local[*]",
          places: Sequence[str | Path] = (), outlets: str | Path | None = None, partitions: int | None = None,
          prefix: str = "", conf: dict[str, str] | None = None):
    """``newsfuse spark``: the pipeline on Apache Spark, inputs (files, folders, globs, ``s3://``
    objects, ``*.paths`` or ``*.manifest.parquet`` manifests) to date-partitioned Parquet tables
    under ``out`` (articles, spans, stories, figures, quotes, reuse, quarantine); returns a
    :class:`newsfuse.scale.runner.SparkSummary`. ``master`` None leaves the cluster to
    ``spark-submit``. Same stories, copies and figure statuses as :func:`analyze` (docs/scaling.md)."""
    from .scale.runner import SparkJob, run

    return run(SparkJob(inputs=list(paths), out=str(out), master=master, places=[str(p) for p in places],
                        outlets=str(outlets) if outlets else None, partitions=partitions, prefix=prefix,
                        conf=dict(conf or {})))

def import_gazetteer(dump: str | Path) -> int:
    """``newsfuse gazetteer import``: index a GeoNames dump (``allCountries.txt``, ``SY.txt``, or their
    ``.zip``) into the gazetteer under ``$NEWSFUSE_HOME``; returns how many places it added. This process
    reads them from now on."""
    from .annotate.places.geonames_dump import import_geonames_dump

    return import_geonames_dump(dump)


def use_places(files: Sequence[str | Path]) -> None:
    """Read these user-place files (``places.tsv`` format) as part of the gazetteer, in this process and
    the workers it starts (``--places``)."""
    from .annotate.places.default import use_places_files

    use_places_files(files)


def add_correction(db: str, kind: str, target: str, payload: dict | None = None, *,
                   author: str | None = None) -> int:
    """Record an analyst correction in the store at ``db`` (as ``newsfuse correct``); returns its id.

    The kinds and the payload keys each needs are in :mod:`newsfuse.corpus.corrections`; one that could not
    apply as written (unknown kind, missing key, a span target that is not ``"article_id:start"``)
    raises ValueError and nothing is stored. A later correction of the same kind and target wins."""
    from .corpus.corrections import record, validate
    from .store import open_store

    payload = dict(payload or {})
    validate(kind, target, payload)  # before the store is opened: a bad correction leaves no store behind
    store = open_store(db)
    try:
        return record(store, kind, target, payload, author=author)
    finally:
        store.close()


def list_corrections(db: str, *, kind: str | None = None, include_retracted: bool = False) -> list:
    """The corrections of the store at ``db`` in the order they were made (``Correction`` rows: id, kind,
    target, payload, author, created, active, retracted); only the active ones unless asked."""
    from .store import open_store

    _existing_store(db)
    store = open_store(db)
    try:
        return store.corrections(kind, active_only=not include_retracted)
    finally:
        store.close()


def retract_correction(db: str, correction_id: int) -> bool:
    """Switch a correction off (the row stays, for the record); False if it was already off,
    KeyError if the store has no such correction."""
    from .store import open_store

    _existing_store(db)
    store = open_store(db)
    try:
        return store.retract_correction(correction_id)
    finally:
        store.close()


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token_file: str | Path | None = None,
          outlets: str | Path | None = None, say: Callable[[str], None] = print) -> None:
    """``newsfuse serve``: the analyst's desk (web pages and REST API under ``/api/v1``) over the store at
    ``db`` until interrupted; corrections from it need the token in ``token_file`` (else a new one,
    told through ``say``)."""
    from .desk.server import serve as serve_desk

    serve_desk(db, host=host, port=port, token_file=token_file, outlets=str(outlets) if outlets else None, say=say)


def _existing_store(db: str) -> None:
    """Reading corrections should not leave an empty store behind a mistyped path."""
    if "://" not in str(db) and str(db) != ":memory:" and not Path(db).exists():
        raise FileNotFoundError(f"no such store: {db}")


def write_briefings(db: str, out: str | Path, *, outlets: str | None = None, max_words: int | None = None,
                    on_wait: Callable[[str], None] | None = None) -> list[dict]:
    """Cluster every stored article into stories (ids kept stable in the store) and write one briefing
    per story to ``out`` as JSON, Markdown and HTML. Returns what was written, for the report.

    Analyst corrections live in the store and are applied here, at read time, so they survive re-runs;
    :class:`newsfuse.output.corrected.CorrectedBriefing` decides their order (as for ``newsfuse brief
    --db``). It saves the stories, so it holds the store's writer lock as :func:`analyze` does."""
    from .store import open_store

    store = open_store(db)
    try:
        with store.writer_lock(command=f"write_briefings {out}", wait=lock_wait(), on_wait=on_wait):
            written = _write_briefings(store, Path(out), outlets=outlets, max_words=max_words)
            if "://" not in str(db) and Path(db).is_file():  # the desk's pages for the new briefings
                make_story_pages(db, outlets=outlets)
            return written
    finally:
        store.close()


def _write_file(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` whole or not at all (a temporary file beside it, then renamed), so
    a run killed while writing never leaves half a briefing behind."""
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


def _write_briefings(store, out: Path, *, outlets: str | None, max_words: int | None = None,
                     run_id: int | None = None) -> list[dict]:
    from .corpus.corrections import safe_story_id
    from .corpus.stories import StoryClusterer, cluster as cluster_articles
    from .corpus.story_ids import stable_story_ids
    from .output.corrected import CorrectedBriefing
    from .output.render import render_brief
    from .output.story_index import story_index
    from .store.verdicts import record_verdicts

    run = CorrectedBriefing(list(store.iter_articles(latest_only=True)), store.corrections())
    articles = run.articles
    assignments = cluster_articles(articles, StoryClusterer())
    # Keep the ids the store already knows: a story keeps its id when later articles join it.
    # (An article an analyst moved is in its story by correction, not by clustering: not a merge hint.)
    moved = run.moved()
    known = {a.id: None if a.id in moved else store.story_of(a.id) for a in articles}
    final_of, merges = stable_story_ids({a.id: assignments[a.id] for a in articles}, known)
    final_of = run.place(final_of)
    grouped: dict[str, list[Article]] = {}
    for a in articles:
        grouped.setdefault(final_of[a.id], []).append(a)
    stories = [Story(id=sid, article_ids=tuple(a.id for a in group),
                     title=next((a.title for a in group if a.title), None)) for sid, group in grouped.items()]
    with store.transaction():  # the merges and the stories they lead to: both or neither
        for old, final in merges:
            store.record_story_alias(old, final, "merged by re-clustering")
        store.save_stories(stories)
    registry = OutletRegistry.load(*([outlets] if outlets else []))
    written, index = [], []
    out.mkdir(parents=True, exist_ok=True)
    groups = [(story.id, grouped[story.id]) for story in stories]
    for (sid, group), brief in zip(groups, run.briefs(groups, registry=registry, max_words=max_words)):
        if not safe_story_id(sid):  # never a file outside ``out`` (corrections are checked; this is the last word)
            raise ValueError(f"story id {sid!r} cannot name a briefing file in {out}")
        files = []
        for fmt, ext in (("json", "json"), ("md", "md"), ("html", "html")):
            target = out / f"{sid}.{ext}"
            _write_file(target, render_brief(brief, group, fmt) + "\n")
            files.append(str(target))
        written.append({"story": sid, "title": brief["title"], "articles": len(group),
                        "independent_sources": brief["independent_sources"],
                        "figures": len(brief["figures"]), "files": files})
        index.append(story_index(sid, brief, group))
        record_verdicts(store, sid, brief, run_id=run_id)  # each figure's verdict, kept when it changes
    store.save_briefs(index)  # what ``newsfuse serve`` reads, searches and filters stories by
    return written


def _story_members(store, story: str) -> tuple[str, list[str], list[str]]:
    """(live story id, its article ids, every id that leads to it) for an id the store knows, live or
    merged away; KeyError when it knows none."""
    live = store.resolve_story(story)
    found = next((s for s in store.load_stories() if s.id == live), None) if live else None
    if found is None:
        raise KeyError(f"no story {story!r} in the store")
    return found.id, list(found.article_ids), list(dict.fromkeys([found.id, story, *found.merged_from]))


def brief_story(db: str, story: str, *, as_of: str | None = None, outlets: str | Path | None = None,
                max_words: int | None = None) -> BriefRun:
    """``newsfuse brief --db F --story ID [--as-of T]``: the briefing of a stored story, as it stands or
    as it stood at ``as_of`` (ISO time, UTC when no zone is given).

    "As it stood" is by the store's clock: the versions of its articles *ingested* by then (a report
    published earlier but read later was not part of the picture), and the analyst corrections made
    and not yet retracted by then. Story membership is today's (later articles are left out, not
    earlier regroupings replayed); the figure verdicts recorded at the time are in
    :func:`story_history`. KeyError for an unknown story, LookupError when it had no article yet."""
    from .output.corrected import CorrectedBriefing
    from .store import open_store
    from .store.verdicts import utc_stamp, versions_as_of

    _existing_store(db)
    stamp = utc_stamp(as_of) if as_of is not None else None
    store = open_store(db)
    try:
        live, members, _ids = _story_members(store, story)
        if stamp is None:
            articles = [store.load_article(a) for a in members]
            corrections = store.corrections()
        else:
            articles = [store.load_version(v) for v in versions_as_of(store, members, stamp)]
            corrections = [c for c in store.corrections(active_only=False)
                           if c.created <= stamp and (c.retracted is None or c.retracted > stamp)]
    finally:
        store.close()
    if not articles:
        raise LookupError(f"story {live} had no article in the store by {as_of}")
    run = CorrectedBriefing(articles, corrections)
    registry = OutletRegistry.load(*([outlets] if outlets else []))
    [brief] = run.briefs([(live, run.articles)], registry=registry, max_words=max_words)
    if stamp is not None:
        brief["as_of"] = stamp
    return BriefRun([brief], run.articles)


def story_history(db: str, story: str, *, since: str | None = None) -> list[dict]:
    """``newsfuse history --story ID``: every verdict recorded for the story's figure groups (also under
    ids merged into it), oldest first: the status before and after, the range, the claimants, and the
    article whose arrival changed it (``changed_by``). With ``since`` (ISO time, UTC unless zoned): only
    what changed after it ("what changed since"). KeyError for an unknown story."""
    from .store import open_store
    from .store.verdicts import utc_stamp, verdict_history

    _existing_store(db)
    store = open_store(db)
    try:
        _live, _members, ids = _story_members(store, story)
        rows = verdict_history(store, ids)
    finally:
        store.close()
    if since is None:
        return rows
    after = utc_stamp(since)
    return [row for row in rows if row["recorded"] > after]


def watch(feeds: str | Path, *, db: str, once: bool = False, interval: float | None = None,
          rounds: int | None = None, out: TextIO | None = None,
          on_event: Callable[[dict], None] | None = None, on_poll: Callable | None = None) -> None:
    """``newsfuse watch FEEDS.toml``: poll the feeds in rounds (``once``: one round; ``rounds``: that
    many), store and annotate new items as :func:`analyze` does, fold them into their stories, record
    the verdicts of the stories touched and write alerts as JSON lines to ``out`` (stdout), and to the
    webhook and email FEEDS.toml names. Feed failures and progress go to ``on_event``. Everything a
    restart needs is in the store (:mod:`newsfuse.watch`). Raises ``ConfigError`` for a bad FEEDS.toml."""
    import dataclasses
    import sys

    from .store import open_store
    from .store.watch_state import articles_of_versions
    from .watch.config import load_config
    from .watch.loop import Watcher
    from .watch.sinks import Sinks

    config = load_config(feeds)
    if interval is not None:
        config = dataclasses.replace(config, interval=interval)
    report = on_event or (lambda event: None)

    def ingest(store, run_id: int, items: Sequence[Item]) -> list[str]:
        pending = store.unannotated_versions()
        summary = AnalyzeSummary(db=db)
        _store_and_annotate(store, run_id, summary, (), stdin=None, workers=1, on_done=None, items=items)
        for item in summary.quarantined:
            report({"event": "quarantined", "id": item.id, "origin": item.origin, "reason": item.reason})
        return articles_of_versions(store, [*pending, *(a.meta["version"] for a in summary.articles)])

    sinks = Sinks(out or sys.stdout, webhook=config.webhook, email=config.email,
                  on_error=lambda message: report({"event": "sink_failed", "message": message}))

    def pages_ahead():
        # noted as a round takes the lock, before its run moves the state; called once it is recorded
        before = story_pages_state(db)
        return lambda changed: make_story_pages(db, outlets=config.outlets, changed=changed, made_under=before)

    store = open_store(db)
    # a store that is no plain file (":memory:", another backend) has no desk to serve it (as in analyze)
    desk_store = "://" not in str(db) and Path(db).is_file()
    watcher = Watcher(config, store, ingest=ingest, sinks=sinks, on_event=report, lock_wait=lock_wait(),
                      on_poll=on_poll, make_ahead=pages_ahead if desk_store else None)
    try:
        watcher.run(rounds=1 if once else rounds)
    finally:
        watcher.close()
        store.close()
