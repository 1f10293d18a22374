"""Issue 18 items 1 and 2: ``newsfuse analyze`` killed with SIGKILL at seeded points, then run again,
leaves the store a clean run leaves (articles, versions, layers, stories, figure statuses, the
briefing files), with ``PRAGMA integrity_check`` ok; and two runs on one store take turns.

A real subprocess (tests/crash_harness.py: the CLI with counted events) on the sample corpus. CI
kills at one seeded point of each phase (reading, store writes, annotating, briefings);
``bench/crash_kill.py`` kills at many more. ``NEWSFUSE_KILL_SEED`` picks other points.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time

import pytest
from crash_harness import PHASES, clean_reference, compare, integrity, kill_and_rerun, start_analyze
from typer.testing import CliRunner

from newsfuse import cli
from newsfuse.store import WriterLock

SEED = int(os.environ.get("NEWSFUSE_KILL_SEED", "18"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return clean_reference(tmp_path_factory.mktemp("clean"))


@pytest.mark.parametrize("phase", PHASES)
def test_a_run_killed_anywhere_is_finished_by_the_next(reference, tmp_path, phase):
    point = random.Random(f"{SEED}-{phase}").choice(reference.points(phase))
    outcome = kill_and_rerun(reference, tmp_path, [point], phase)
    assert outcome.killed, f"the run finished before event {point}"
    assert outcome.problems == [], f"killed at {outcome.kills}: {outcome.problems}"
    if reference.events[point - 1] != "store.start_run:before":  # killed before its run was recorded
        assert "was interrupted before it finished" in outcome.rerun_said


def test_two_runs_at_once_take_turns_and_both_are_right(reference, tmp_path):
    """Two analyze runs are started while the store is locked (by this test), so both are waiting at
    the same moment; once it is let go, one runs and the other waits for it: never both at once."""
    db = tmp_path / "n.db"
    holder = WriterLock(str(db), command="the test").acquire()
    runs = [start_analyze(db, tmp_path / f"out{n}") for n in (1, 2)]
    deadline = time.monotonic() + 120
    seen = ["", ""]
    try:
        while not all("is in use by another newsfuse run" in s for s in seen):  # both are waiting
            assert time.monotonic() < deadline and all(r.poll() is None for r in runs), seen
            for n, run in enumerate(runs):
                if "is in use" not in seen[n]:
                    seen[n] += run.stderr.readline()
    finally:
        holder.release()
    outputs = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert all(f"(pid {os.getpid()}, `the test`" in s and "waiting up to 600 s" in s for s in seen)
    # one stored and annotated all 17 articles, the other found them done
    assert sorted(("- new articles: 17" in out, "- new articles: 0" in out) for out, _ in outputs) == [
        (False, True), (True, False)]
    assert compare(reference, db, tmp_path / "out2") == [] and compare(reference, db, tmp_path / "out1") == []
    assert integrity(db) == "ok"


def test_a_busy_store_is_a_clear_error_and_nothing_is_written(tmp_path, monkeypatch):
    db = tmp_path / "n.db"
    monkeypatch.setenv("NEWSFUSE_LOCK_WAIT", "0")
    with WriterLock(str(db), command="analyze elsewhere/"):
        result = CliRunner().invoke(cli.app, ["analyze", "examples/", "--db", str(db), "--out", str(tmp_path / "o"),
                                              "--no-progress"])
    assert result.exit_code == 1
    assert f"newsfuse: {db} is in use by another newsfuse run (pid {os.getpid()}, `analyze elsewhere/`" in result.output
    assert "run again when it has finished" in result.output
    assert not (tmp_path / "o").exists()
    from newsfuse.store import open_store

    with open_store(str(db)) as store:
        assert store.runs() == [] and store.count_articles() == 0


def test_sigterm_is_recorded_as_an_interruption(reference, tmp_path):
    db, out = tmp_path / "n.db", tmp_path / "out"
    process = start_analyze(db, out)
    deadline = time.monotonic() + 60
    while not _has_run(db):  # the run is recorded: it can be interrupted now
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM
    from newsfuse.store import open_store

    with open_store(str(db)) as store:
        [run] = store.runs()
    assert (run.status, run.finished is not None) == ("interrupted", True)


def _has_run(db) -> bool:
    if not db.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return con.execute("SELECT count(*) FROM runs").fetchone()[0] > 0
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or busy
        return False
