"""Kill ``newsfuse analyze`` with SIGKILL at chosen points, re-run it, and compare the store with a
clean run's (issue 18 item 1). Used by tests/test_crash_safety.py (a few points, in CI) and
bench/crash_kill.py (many points).

Run as a script, this file is ``newsfuse`` itself with counted events: every step that changes the
store or the output (each document read, each stage of the annotator, each store write and the
moment just before each commit, each briefing rendered and written) is an event, and
``NEWSFUSE_KILL_AT=k`` makes the process SIGKILL itself at the k-th one. ``NEWSFUSE_KILL_TRACE=FILE``
appends each event's name to FILE, so a clean run lists every point there is to kill at. Nothing in
the package knows about this: the events are wrappers put around its functions here.

    python tests/crash_harness.py analyze examples/ --db x.db --out x-out   # = newsfuse analyze ...
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARGS = ["examples/", "--outlets", "examples/outlets.tsv", "--places", "examples/places.tsv"]
PHASES = ("ingest", "store", "annotate", "brief")


# --------------------------------------------------------------------------- the instrumented process


def _install_events(kill_at: int, trace: str | None) -> None:
    import dataclasses

    from newsfuse import api
    from newsfuse.annotate import pipeline
    from newsfuse.output import render
    from newsfuse.store.sqlite import Store

    count = 0
    log = open(trace, "a", encoding="utf-8") if trace else None

    def hit(name: str) -> None:
        nonlocal count
        count += 1
        if log:
            log.write(name + "\n")
            log.flush()
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def around(owner, name: str, event: str) -> None:
        original = getattr(owner, name, None)
        if original is None:  # an older newsfuse (the harness also runs against one, to show the bug)
            return

        def wrapped(*args, **kwargs):
            hit(f"{event}:before")
            result = original(*args, **kwargs)
            hit(f"{event}:after")
            return result

        setattr(owner, name, wrapped)

    for name in ("start_run", "mark_interrupted_runs", "add_articles", "quarantine", "save_layers",
                 "save_stories", "finish_run"):
        around(Store, name, f"store.{name}")

    plain = Store.transaction

    @contextmanager
    def transaction(self):
        with plain(self):
            yield self
            if self._depth == 1:
                hit("store.commit")  # the work is done, the COMMIT not yet

    Store.transaction = transaction

    read = api.read_inputs

    def read_inputs(*args, **kwargs):
        for item in read(*args, **kwargs):
            hit("ingest.item")
            yield item

    api.read_inputs = read_inputs

    stages = pipeline.resolve_stages

    def resolve_stages(*args, **kwargs):
        def counted(stage, function):
            def run(x):
                hit(f"annotate.{stage.name}")
                return function(x)
            return run

        return [dataclasses.replace(s, process=counted(s, s.process),
                                    process_batch=counted(s, s.process_batch) if s.process_batch else None)
                for s in stages(*args, **kwargs)]

    pipeline.resolve_stages = resolve_stages
    around(render, "render_brief", "brief.render")
    around(api, "_write_file", "brief.write")


def main() -> None:
    _install_events(int(os.environ.get("NEWSFUSE_KILL_AT", "0")), os.environ.get("NEWSFUSE_KILL_TRACE"))
    from newsfuse.cli import main as cli_main

    sys.argv = ["newsfuse", *sys.argv[1:]]
    cli_main()


# --------------------------------------------------------------------------- what a store holds


def store_snapshot(db: str | Path) -> dict:
    """Everything a run decides, without times and run ids: articles, versions, layers and every
    annotation, quarantine, stories, members, aliases, corrections."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        def rows(sql: str) -> list:
            return [tuple(r) for r in con.execute(sql)]

        columns = {r[1] for r in con.execute("PRAGMA table_info(articles)")}
        current = ", current_version" if "current_version" in columns else ""  # schema 4 on
        annotations = rows("SELECT version_id, layer, idx, span_start, span_end, method, record FROM annotations "
                           "ORDER BY version_id, layer, idx")
        return {
            "articles": rows(f"SELECT id, doc_key, url{current} FROM articles ORDER BY id"),
            "versions": rows("SELECT id, article_id, seq, content_hash, doc_id, text, source, url, title, published, "
                             "language, format, origin, text_given, meta FROM versions ORDER BY id"),
            "layers": rows("SELECT version_id, layer, method, count FROM layers ORDER BY version_id, layer"),
            "annotations": (len(annotations), hashlib.sha256(repr(annotations).encode()).hexdigest()),
            "quarantine": rows("SELECT doc_id, origin, stage, reason, raw_hash, version_id, released FROM quarantine "
                               "ORDER BY doc_id, stage, reason"),
            "stories": rows("SELECT id, title, first_published, last_published FROM stories ORDER BY id"),
            "story_members": rows("SELECT story_id, article_id, position FROM story_members ORDER BY story_id, position"),
            "story_aliases": rows("SELECT old_id, new_id, reason FROM story_aliases ORDER BY old_id, new_id"),
            "corrections": rows("SELECT kind, target, payload, active FROM corrections ORDER BY id"),
        }
    finally:
        con.close()


def integrity(db: str | Path) -> str:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        bad_keys = con.execute("PRAGMA foreign_key_check").fetchall()
        return check if not bad_keys else f"{check}; foreign keys broken: {bad_keys[:3]}"
    finally:
        con.close()


def briefings(out: str | Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(out).glob("story-*"))}


def figure_statuses(out: str | Path) -> dict[str, list[str]]:
    """story id → the status of each figure group, in order."""
    found = {}
    for path in sorted(Path(out).glob("story-*.json")):
        brief = json.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = [f.get("status") for f in brief.get("figures", [])]
    return found


# --------------------------------------------------------------------------- runs


def run_analyze(db: Path, out: Path, *, kill_at: int = 0, trace: Path | None = None, env: dict | None = None,
                args: list[str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {}), "NEWSFUSE_KILL_AT": str(kill_at)}
    environment.pop("NEWSFUSE_KILL_TRACE", None)
    if trace is not None:
        environment["NEWSFUSE_KILL_TRACE"] = str(trace)
    command = [sys.executable, str(Path(__file__).resolve()), "analyze", *(args or SAMPLE_ARGS),
               "--db", str(db), "--out", str(out), "--no-progress"]
    return subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=timeout)


def start_analyze(db: Path, out: Path, *, env: dict | None = None, args: list[str] | None = None) -> subprocess.Popen:
    environment = {**os.environ, **(env or {}), "NEWSFUSE_KILL_AT": "0"}
    environment.pop("NEWSFUSE_KILL_TRACE", None)
    command = [sys.executable, str(Path(__file__).resolve()), "analyze", *(args or SAMPLE_ARGS),
               "--db", str(db), "--out", str(out), "--no-progress"]
    return subprocess.Popen(command, cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@dataclass
class Reference:
    """A clean run: its store, its briefings, and the events it went through (the points to kill at)."""

    snapshot: dict
    briefings: dict[str, bytes]
    statuses: dict[str, list[str]]
    events: list[str]
    seconds: float

    def phase_of(self, k: int) -> str:
        return self.events[k - 1].split(".")[0]

    def points(self, phase: str) -> list[int]:
        return [k for k in range(1, len(self.events) + 1) if self.phase_of(k) == phase]


def clean_reference(workdir: Path) -> Reference:
    workdir.mkdir(parents=True, exist_ok=True)
    trace = workdir / "events.txt"
    started = time.monotonic()
    done = run_analyze(workdir / "clean.db", workdir / "clean-out", trace=trace)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"the clean run failed ({done.returncode}): {done.stderr[-2000:]}")
    return Reference(store_snapshot(workdir / "clean.db"), briefings(workdir / "clean-out"),
                     figure_statuses(workdir / "clean-out"), trace.read_text().split(), seconds)


@dataclass
class Outcome:
    label: str
    kills: list[str]  # the event (or "time N s") each kill hit
    killed: bool  # the process really died of the signal (not finished before it)
    ok: bool
    problems: list[str] = field(default_factory=list)
    rerun_said: str = ""  # what the re-run printed about the interrupted run


def compare(reference: Reference, db: Path, out: Path) -> list[str]:
    problems = []
    check = integrity(db)
    if check != "ok":
        problems.append(f"integrity_check: {check}")
    snapshot = store_snapshot(db)
    for table, rows in reference.snapshot.items():
        if snapshot[table] != rows:
            got = snapshot[table]
            size = (len(got), len(rows)) if isinstance(rows, list) else (got, rows)
            problems.append(f"{table} differ from the clean run's ({size[0]} vs {size[1]})")
    if briefings(out) != reference.briefings:
        problems.append("briefing files differ from the clean run's")
    if figure_statuses(out) != reference.statuses:
        problems.append("figure statuses differ")
    return problems


def kill_and_rerun(reference: Reference, workdir: Path, kill_at: list[int], label: str) -> Outcome:
    """Kill a run at event ``kill_at[0]``, its re-run at ``kill_at[1]`` (if given) and so on; then one
    more run, left to finish; then compare with the clean run."""
    db, out = workdir / "n.db", workdir / "out"
    kills, killed = [], True
    for k in kill_at:
        done = run_analyze(db, out, kill_at=k)
        killed = killed and done.returncode == -signal.SIGKILL
        kills.append(f"{k}:{reference.events[k - 1] if k <= len(reference.events) else '?'}")
        check = integrity(db) if db.exists() else "ok"
        if check != "ok":
            return Outcome(label, kills, killed, False, [f"integrity right after the kill: {check}"])
    return _rerun_and_compare(reference, db, out, label, kills, killed)


def _rerun_and_compare(reference: Reference, db: Path, out: Path, label: str, kills: list[str],
                       killed: bool) -> Outcome:
    final = run_analyze(db, out)
    problems = [] if final.returncode == 0 else [f"re-run exit {final.returncode}: {final.stderr[-500:]}"]
    problems += compare(reference, db, out)
    said = " | ".join(line for line in final.stderr.splitlines() if "interrupted" in line)
    return Outcome(label, kills, killed, not problems, problems, said)


def kill_after_seconds(reference: Reference, workdir: Path, seconds: float, sig: int = signal.SIGKILL) -> Outcome:
    """Kill a run from outside after ``seconds`` (wall time), re-run, compare."""
    db, out = workdir / "n.db", workdir / "out"
    process = start_analyze(db, out)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(sig)
        process.wait()
    killed = process.returncode in (-sig, 128 + sig)
    label = f"{signal.Signals(sig).name} at {seconds:.2f} s"
    return _rerun_and_compare(reference, db, out, label, [label], killed)


def stratified_points(reference: Reference, rng: random.Random, per_phase: int) -> list[int]:
    """``per_phase`` distinct kill points from each phase (fewer when a phase has fewer), sorted."""
    chosen = []
    for phase in PHASES:
        points = reference.points(phase)
        chosen += rng.sample(points, min(per_phase, len(points)))
    return sorted(chosen)


if __name__ == "__main__":
    main()
