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


def test_a_second_run_waits_for_the_first_and_both_are_right(reference, tmp_path):
    db, first_out, second_out = tmp_path / "n.db", tmp_path / "out1", tmp_path / "out2"
    first = start_analyze(db, first_out)
    lock = tmp_path / "n.db.lock"
    deadline = time.monotonic() + 60
    while f'"pid": {first.pid}' not in (lock.read_text() if lock.exists() else ""):  # the first holds the lock
        assert first.poll() is None and time.monotonic() < deadline, first.stderr.read()
        time.sleep(0.05)
    second = start_analyze(db, second_out)
    _, first_err = first.communicate(timeout=300)
    _, second_err = second.communicate(timeout=300)
    assert (first.returncode, second.returncode) == (0, 0), (first_err, second_err)
    assert f"is in use by another newsfuse run (pid {first.pid}, `analyze examples/" in second_err
    assert "waiting up to 600 s for it to finish" in second_err
    assert compare(reference, db, second_out) == []
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
