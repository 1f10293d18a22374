"""The ``newsfuse`` command line (typer). Each command wraps one function of :mod:`newsfuse.api`.

Why one module of this length: typer declares the commands, their options and help texts in one
application; each command is a thin wrapper, so the length is options and help, not logic.

Exit codes (CONTRACT.md): 0 success, including inputs quarantined with a reason on stderr;
2 usage error; 1 nothing could be processed.
"""

from __future__ import annotations

import glob
import json
import re
import signal
import sqlite3
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.text import Text
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__, api
from .model import Quarantined, to_jsonable
from .output.records import annotate_record, cluster_record, extract_record

app = typer.Typer(
    help="newsfuse: one cross-checked, source-attributed picture per news story.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
gazetteer_app = typer.Typer(help="Manage the offline gazetteer (GeoNames dumps, user places).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

stderr = Console(stderr=True)

DB_HELP = "SQLite store file (created if missing)."
DEFAULT_DB = "newsfuse.db"
WORKERS_HELP = "Worker processes for the per-article stages (1 = in-process)."
PLACES_HELP = (
    "A user-places file (places.tsv format: name, lat, lon, country_code, ...) for names no gazetteer has;"
    " repeatable. $NEWSFUSE_HOME/places.tsv is always read."
)
OUTLETS_HELP = "An outlet registry (TSV: outlet, aliases, domains, country, group, affiliation, kind)."
PATHS_HELP = "Files, directories (recursed), globs or URLs; '-' or nothing reads JSONL from stdin."


class RecordFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


class BriefFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"


class ReportFormat(str, Enum):
    md = "md"
    json = "json"


class ExportWhat(str, Enum):
    articles = "articles"
    figures = "figures"
    stories = "stories"
    quotes = "quotes"
    entities = "entities"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    geojson = "geojson"


def _check_paths(paths: list[str]) -> None:
    """A path that names nothing is a usage error (exit 2), not a quarantined document."""
    for path in paths:
        if path == "-" or "://" in path or glob.has_magic(path):
            continue
        if not Path(path).exists():
            raise typer.BadParameter(f"no such file or directory: {path}", param_hint="PATH")


def _stdin_for(paths: list[str]):
    return sys.stdin if (not paths or "-" in paths) else None


@contextmanager
def _progress(enabled: bool, label: str) -> Iterator:
    """A rich progress bar on stderr for long runs; silent when stderr is not a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    with Progress(
        SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=stderr, transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)
        yield lambda n: progress.advance(task, n)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(value: object) -> str:
    """``value`` as a terminal may show it: control characters (ESC, NUL, ...) as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def _say(*parts: object) -> None:
    """One message on stderr. Ids, paths and reasons come from the inputs, so nothing in them is read
    as rich markup (``[/x]`` in a file name used to crash the command) and control characters are
    shown, not sent to the terminal; a ``(text, style)`` part is styled."""
    line = Text()
    for part in parts:
        text, style = part if isinstance(part, tuple) else (part, None)
        line.append(_visible(text), style=style)
    stderr.print(line, highlight=False, soft_wrap=True)


def _report_quarantine(item: Quarantined) -> None:
    _say(("quarantined", "yellow"), f" {item.id} ({item.stage}): {item.reason}")


def _write_records(items, make_record, fmt: RecordFormat) -> tuple[int, int]:
    """Print one record per processed document; quarantined ones go to stderr. Returns (ok, quarantined)."""
    ok = bad = 0
    collected = []
    for item in items:
        if isinstance(item, Quarantined):
            bad += 1
            _report_quarantine(item)
            continue
        ok += 1
        record = make_record(item)
        if fmt is RecordFormat.jsonl:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            collected.append(record)
    if fmt is RecordFormat.json:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    return ok, bad


def _exit_for(ok: int, bad: int) -> None:
    if ok == 0:
        _say("nothing could be processed" if bad else "no input documents found")
        raise typer.Exit(1)


def _use_places(places: Optional[List[Path]]) -> None:
    if places:
        api.use_places(places)


@app.command()
def annotate(
    paths: List[str] = typer.Argument(None, help=PATHS_HELP),
    format: RecordFormat = typer.Option(RecordFormat.jsonl, "--format", "-f", help="Output format."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help=WORKERS_HELP),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP + " When given, results are also stored."),
    places: Optional[List[Path]] = typer.Option(None, "--places", exists=True, dir_okay=False, help=PLACES_HELP),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on a terminal."),
) -> None:
    """Entities, places, times, quotes and figures of each document, as spans into its text."""
    paths = paths or []
    _check_paths(paths)
    _use_places(places)
    if db:
        summary = _run_analyze(paths, db=db, workers=workers, progress=progress)
        items = [*summary.articles, *summary.quarantined]
        ok, bad = _write_records(items, annotate_record, format)
    else:
        with _progress(progress, "annotating") as tick:
            ok, bad = _write_records(
                api.annotate(paths, stdin=_stdin_for(paths), workers=workers, on_done=tick), annotate_record, format
            )
    _exit_for(ok, bad)


@app.command()
def extract(
    paths: List[str] = typer.Argument(None, help=PATHS_HELP),
    format: RecordFormat = typer.Option(RecordFormat.jsonl, "--format", "-f", help="Output format."),
) -> None:
    """Main text and metadata of each page (title, published, source, url, text)."""
    paths = paths or []
    _check_paths(paths)
    ok, bad = _write_records(api.extract(paths, stdin=_stdin_for(paths)), extract_record, format)
    _exit_for(ok, bad)


@app.command()
def cluster(
    paths: List[str] = typer.Argument(None, help=PATHS_HELP),
    format: RecordFormat = typer.Option(RecordFormat.jsonl, "--format", "-f", help="Output format."),
    annotate: bool = typer.Option(
        True, "--annotate/--text-only", help="Use entities, places and dates (slower) or the bare text."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help=WORKERS_HELP),
    places: Optional[List[Path]] = typer.Option(None, "--places", exists=True, dir_okay=False, help=PLACES_HELP),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on a terminal."),
) -> None:
    """Group documents about the same real-world event: one {"id", "story"} record per document."""
    paths = paths or []
    _check_paths(paths)
    _use_places(places)
    layers = ("sentences", "entities", "places", "times") if annotate else ("sentences",)
    with _progress(progress, "clustering") as tick:
        items, stories = api.cluster(paths, stdin=_stdin_for(paths), layers=layers, workers=workers, on_done=tick)
    ok, bad = _write_records(items, lambda a: cluster_record(a, stories[a.id]), format)
    _exit_for(ok, bad)


@app.command()
def brief(
    paths: List[str] = typer.Argument(None, help=PATHS_HELP),
    format: BriefFormat = typer.Option(BriefFormat.json, "--format", "-f", help="json, md or html."),
    max_words: Optional[int] = typer.Option(None, "--max-words", min=1, help="Cap on the summary's words."),
    cluster: bool = typer.Option(False, "--cluster", help="One briefing per story found by `newsfuse cluster`."),
    outlets: Optional[Path] = typer.Option(None, "--outlets", exists=True, dir_okay=False, help=OUTLETS_HELP),
    places: Optional[List[Path]] = typer.Option(None, "--places", exists=True, dir_okay=False, help=PLACES_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help=WORKERS_HELP),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on a terminal."),
    db: Optional[str] = typer.Option(
        None, "--db", help=f"Store whose analyst corrections (`newsfuse correct`) apply; default {DEFAULT_DB} "
        "when that file exists. Its corrections are only read (an older store's schema is upgraded)."),
    story: Optional[str] = typer.Option(None, "--story", help="Brief this stored story of --db (no PATHs)."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", help="With --story: the briefing as it stood then (ISO time, UTC unless a zone is given), "
        "from the article versions the store had ingested by then."),
) -> None:
    """A cited briefing of the inputs as one story (or one per story: --cluster, or records with "story")."""
    paths = paths or []
    if story is not None or as_of is not None:
        _brief_stored_story(paths, db, story, as_of, format, output, max_words, outlets)
        return
    _check_paths(paths)
    _use_places(places)
    corrections = _stored_corrections(db)
    with _progress(progress, "annotating") as tick:
        run = api.brief(paths, stdin=_stdin_for(paths), max_words=max_words, cluster=cluster, outlets=outlets,
                        corrections=corrections, workers=workers, on_done=tick)
    for item in run.quarantined:
        _report_quarantine(item)
    _exit_for(len(run.articles), len(run.quarantined))
    _put_brief(run.text(format.value), output)


def _put_brief(text: str, output: Optional[Path]) -> None:
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        _say(f"briefing written to {output}")
    else:
        sys.stdout.write(text + "\n")


def _brief_stored_story(paths, db, story, as_of, format: BriefFormat, output, max_words, outlets) -> None:
    """``brief --db F --story ID [--as-of T]``: a stored story's briefing, now or as it stood at T."""
    if story is None or paths:
        raise typer.BadParameter("--as-of goes with --story ID, and --story takes no PATH", param_hint="--story")
    db = db or DEFAULT_DB
    try:
        run = _store_or_exit(lambda: api.brief_story(db, story, as_of=as_of, outlets=outlets, max_words=max_words))
    except KeyError as exc:
        raise typer.BadParameter(_visible(exc.args[0]), param_hint="--story") from None
    except LookupError as exc:
        _say(f"newsfuse: {exc}")
        raise typer.Exit(1) from None
    except ValueError as exc:  # a time that is not ISO
        raise typer.BadParameter(_visible(exc), param_hint="--as-of") from None
    _put_brief(run.text(format.value), output)


def _stored_corrections(db: Optional[str]):
    """The analyst corrections of the store ``--db`` names (an error if it names no file), else of the
    default store when it exists, else None (no store: nothing to apply)."""
    if db is None:
        if not Path(DEFAULT_DB).is_file():
            return None
        db = DEFAULT_DB
    elif "://" not in db and not Path(db).is_file():
        raise typer.BadParameter(f"no such store: {db}", param_hint="--db")
    corrections = _store_or_exit(lambda: api.list_corrections(db))
    if corrections:
        _say(f"applying {len(corrections)} analyst correction{'s' if len(corrections) != 1 else ''} from {db}")
    return corrections


def _run_analyze(paths: list[str], *, db: str, workers: int, progress: bool, **briefings) -> api.AnalyzeSummary:
    def run() -> api.AnalyzeSummary:
        with _progress(progress, "analyzing") as tick:
            return api.analyze(paths, db=db, stdin=_stdin_for(paths), workers=workers, on_done=tick,
                               on_wait=_say, **briefings)

    try:
        summary = _store_or_exit(run, must_exist=False)
    except NotADirectoryError as exc:
        raise typer.BadParameter(_visible(exc), param_hint="--out") from None
    except api.StoreBusyError as busy:
        _say(f"newsfuse: {busy}")
        raise typer.Exit(1) from None
    for run in summary.interrupted:
        _say(f"run {run.id} (`{run.command}`, started {run.started}) was interrupted before it finished")
    if summary.resumed:
        _say(f"annotated {summary.resumed} stored article version(s) an interrupted run had left unannotated")
    for item in summary.quarantined:
        _report_quarantine(item)
    return summary


@app.command()
def analyze(
    paths: List[str] = typer.Argument(None, help=PATHS_HELP),
    db: str = typer.Option("newsfuse.db", "--db", help=DB_HELP),
    out: Path = typer.Option(Path("newsfuse-out"), "--out", "-o", help="Folder for the report (and briefings)."),
    format: ReportFormat = typer.Option(ReportFormat.md, "--format", "-f", help="Report format."),
    outlets: Optional[Path] = typer.Option(None, "--outlets", exists=True, dir_okay=False, help=OUTLETS_HELP),
    places: Optional[List[Path]] = typer.Option(None, "--places", exists=True, dir_okay=False, help=PLACES_HELP),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help=WORKERS_HELP),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on a terminal."),
) -> None:
    """The main job: ingest, annotate, store, cluster into stories, write one briefing per story and a report."""
    paths = paths or []
    _check_paths(paths)
    _use_places(places)
    summary = _run_analyze(paths, db=db, workers=workers, progress=progress, out=out, outlets=outlets,
                           report=format.value)
    sys.stdout.write(f"{summary.report_text}\n")
    _say(f"report written to {summary.report}")
    processed = summary.new + summary.new_versions + summary.duplicates
    _exit_for(processed, len(summary.quarantined))


@gazetteer_app.command("import")
def gazetteer_import(
    dump: Path = typer.Argument(..., exists=True, dir_okay=False, help="GeoNames dump: allCountries.txt, SY.txt, or .zip"),
) -> None:
    """Index a GeoNames dump file (downloaded once by you) into the local gazetteer under NEWSFUSE_HOME."""
    count = api.import_gazetteer(dump)
    _say(f"imported {count:,} places from {dump}")


@app.command()
def quarantine(db: str = typer.Option("newsfuse.db", "--db", help=DB_HELP)) -> None:
    """List the inputs kept in quarantine, with their reasons (JSONL)."""
    for row in _store_or_exit(lambda: api.quarantined(db)):
        sys.stdout.write(json.dumps(to_jsonable(row), ensure_ascii=False) + "\n")


@app.command()
def export(
    what: ExportWhat = typer.Option(..., "--what", help="articles, figures (an event dataset), stories, quotes "
                                    "or entities."),
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="jsonl, csv, parquet or geojson."),
    db: str = typer.Option("newsfuse.db", "--db", help="The store to read (only read)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file (needed for parquet); "
                                       "else stdout."),
    outlets: Optional[Path] = typer.Option(None, "--outlets", exists=True, dir_okay=False, help=OUTLETS_HELP),
) -> None:
    """The store's articles, stories, figures, quotes or entities as JSONL, CSV, Parquet or GeoJSON."""
    try:
        count = _store_or_exit(lambda: api.export(db, what.value, format.value, out=out, text=sys.stdout,
                                                  outlets=outlets))
    except ValueError as exc:
        raise typer.BadParameter(_visible(exc), param_hint="--what/--format/--out") from None
    if out is not None:
        _say(f"{count} {what.value} row{'s' if count != 1 else ''} written to {out}")


@app.command()
def history(
    story: str = typer.Option(..., "--story", help="The story (an id that was merged into another one works too)."),
    db: str = typer.Option("newsfuse.db", "--db", help=DB_HELP),
    since: Optional[str] = typer.Option(None, "--since", help="Only what changed after this time (ISO, UTC unless "
                                        "a zone is given)."),
) -> None:
    """How each figure's verdict of a stored story changed, and which article changed it (JSONL)."""
    try:
        rows = _store_or_exit(lambda: api.story_history(db, story, since=since))
    except KeyError as exc:
        raise typer.BadParameter(_visible(exc.args[0]), param_hint="--story") from None
    except ValueError as exc:
        raise typer.BadParameter(_visible(exc), param_hint="--since") from None
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _watch_event(event: dict) -> None:
    """A watch's progress and trouble on stderr, one line each (alerts are on stdout)."""
    kind = event.get("event")
    if kind == "feed_failed":
        _say(("feed failed", "yellow"), f" {event['feed']}: {event['error']} (failures in a row: "
             f"{event['failures']}; next try in {event['retry_in']:g} s)")
    elif kind == "round":
        _say(f"polled {event['polled']} feed(s), {event['not_modified']} unchanged, {event['failed']} failed; "
             f"{event['articles']} new article(s), {event['alerts']} alert(s)")
    elif kind == "quarantined":
        _say(("quarantined", "yellow"), f" {event['id']}: {event['reason']}")
    else:
        _say(event.get("message") or json.dumps(event, ensure_ascii=False))


@app.command()
def watch(
    feeds: Path = typer.Argument(..., exists=True, dir_okay=False, help="FEEDS.toml: feeds, settings, alert rules."),
    db: str = typer.Option("newsfuse.db", "--db", help=DB_HELP),
    once: bool = typer.Option(False, "--once", help="One round of polls, then exit (for cron and tests)."),
    interval: Optional[float] = typer.Option(None, "--interval", min=0.05,
                                             help="Seconds between rounds (default: FEEDS.toml's, else 300)."),
) -> None:
    """Poll RSS/Atom feeds and sitemaps; fold new articles into stories; alerts as JSONL on stdout."""
    try:
        _store_or_exit(lambda: api.watch(str(feeds), db=db, once=once, interval=interval, on_event=_watch_event),
                       must_exist=False)
    except api.ConfigError as exc:
        raise typer.BadParameter(_visible(exc), param_hint="FEEDS") from None
    except api.StoreBusyError as busy:
        _say(f"newsfuse: {busy}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        _say("watch stopped; the next one resumes where it stopped")
        raise typer.Exit(130) from None


@app.command()
def spark(
    paths: List[str] = typer.Argument(..., help="Files, folders, globs, s3:// objects, or manifests (*.paths, "
                                      "*.manifest.parquet) listing them."),
    out: str = typer.Option(..., "--out", "-o", help="Folder (or s3:// URI) for the Parquet tables."),
    master: str = typer.Option("local[*]", "--master", help="Spark master: local[N], spark://host:7077, yarn."),
    outlets: Optional[Path] = typer.Option(None, "--outlets", exists=True, dir_okay=False, help=OUTLETS_HELP),
    places: Optional[List[Path]] = typer.Option(None, "--places", exists=True, dir_okay=False, help=PLACES_HELP),
    partitions: Optional[int] = typer.Option(None, "--partitions", min=1, help="Input partitions (default 4 per core)."),
    prefix: str = typer.Option("", "--prefix", help="Joined to a manifest's relative paths (s3://commoncrawl/)."),
) -> None:
    """The pipeline on Apache Spark: Parquet tables (articles, spans, stories, figures, quotes, reuse, quarantine)."""
    _check_paths(paths)  # s3:// and other URIs are left to the executors
    summary = api.spark(paths, out=out, master=master, places=places or [], outlets=outlets,
                        partitions=partitions, prefix=prefix)
    sys.stdout.write(json.dumps({"units": summary.units, "articles": summary.articles,
                                 "quarantined": summary.quarantined, "tables": summary.tables,
                                 "out": summary.out}) + "\n")
    _exit_for(summary.articles, summary.quarantined)


@app.command()
def correct(
    kind: Optional[str] = typer.Argument(None, help="merge_entities, split_entity, figure_category, figure_claimant, "
                                         "not_a_copy, move_article or outlet_affiliation."),
    target: Optional[str] = typer.Argument(None, help='Entity or outlet name, article id, or "article_id:start".'),
    set_: List[str] = typer.Option([], "--set", help="key=value of the correction (repeatable); value 'null' is none."),
    db: str = typer.Option("newsfuse.db", "--db", help=DB_HELP),
    author: Optional[str] = typer.Option(None, "--author", help="Who made the correction."),
    list_: bool = typer.Option(False, "--list", help="List the active corrections (JSONL)."),
    retract: Optional[int] = typer.Option(None, "--retract", help="Switch off the correction with this id."),
) -> None:
    """Analyst corrections, stored as overrides that every later run applies (see docs for the kinds)."""
    if list_:
        for c in _store_or_exit(lambda: api.list_corrections(db)):
            sys.stdout.write(json.dumps(to_jsonable(c), ensure_ascii=False) + "\n")
        return
    if retract is not None:
        try:
            changed = _store_or_exit(lambda: api.retract_correction(db, retract))
        except KeyError as exc:
            raise typer.BadParameter(str(exc.args[0]), param_hint="--retract") from None
        _say(f"correction {retract} " + ("retracted" if changed else "was already retracted"))
        return
    if not kind or not target:
        raise typer.BadParameter("give KIND and TARGET (or --list / --retract ID)", param_hint="KIND TARGET")
    payload: dict = {}
    for item in set_:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"expected key=value, got {item!r}", param_hint="--set")
        payload[key.strip()] = None if value.strip().lower() in ("null", "none", "") else value.strip()
    try:
        cid = _store_or_exit(lambda: api.add_correction(db, kind, target, payload, author=author))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="KIND TARGET --set") from None
    sys.stdout.write(json.dumps({"id": cid, "kind": kind, "target": target, "payload": payload}) + "\n")


@app.command()
def serve(
    db: str = typer.Option("newsfuse.db", "--db", help="The store to serve (made by newsfuse analyze)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    token_file: Optional[Path] = typer.Option(None, "--token-file", exists=True, dir_okay=False,
                                              help="File holding the token corrections need (else one is made and printed)."),
    outlets: Optional[Path] = typer.Option(None, "--outlets", exists=True, dir_okay=False, help=OUTLETS_HELP),
) -> None:
    """The analyst's desk: search, read, check and correct stories in a browser, and a REST API under /api/v1."""
    try:
        _store_or_exit(lambda: api.serve(db, host=host, port=port, token_file=token_file, outlets=outlets,
                                         say=_say))
    except ValueError as exc:
        raise typer.BadParameter(_visible(exc), param_hint="--token-file") from None


def _store_or_exit(call, *, must_exist: bool = True):
    """``call()``, with a --db that names no store (``must_exist``), a folder, a file that is not a
    database or a damaged one made a usage error (exit 2) with the reason, not a traceback."""
    unusable = (FileNotFoundError, api.StoreError) if must_exist else (api.StoreError,)
    try:
        return call()
    except unusable as exc:
        raise typer.BadParameter(_visible(exc), param_hint="--db") from None
    except sqlite3.DatabaseError as exc:
        if type(exc) is not sqlite3.DatabaseError:  # locked, I/O, constraint: not the file's fault
            raise
        raise typer.BadParameter(_visible(f"the store is damaged ({exc}); restore it from a copy, or start a "
                                          "new store"), param_hint="--db") from None


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"newsfuse {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Show the version."),
) -> None:
    """newsfuse: one cross-checked, source-attributed picture per news story."""


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM ends the run as Ctrl-C does: the store records it as interrupted, the lock is let go."""
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    app()


if __name__ == "__main__":
    main()
