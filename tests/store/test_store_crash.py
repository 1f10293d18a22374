"""What the store knows after a run died (issue 18 items 1 and 2): versions stored but not annotated,
runs that never finished, and the writer lock a second run waits for."""

import os
import subprocess
import sys
import threading
import time

import pytest

from newsfuse.model import ANNOTATION_LAYERS, Article, Quarantined
from newsfuse.store import StoreBusyError, WriterLock, open_store


def test_stored_but_not_annotated_versions_are_listed_until_their_layers_are_saved(tmp_path):
    with open_store(str(tmp_path / "n.db")) as store:
        one, two, three = store.add_articles([Article.create(id=x, text=f"Text {x}.") for x in "abc"])
        assert store.unannotated_versions() == [one.version_id, two.version_id, three.version_id]
        store.save_layers(one.version_id, store.load_version(one.version_id).with_run(ANNOTATION_LAYERS))
        store.save_layers(two.version_id, store.load_version(two.version_id), layers=("sentences",))  # partial
        store.quarantine(Quarantined(id="c", origin=None, reason="stage x failed", stage="x",
                                     article=store.load_version(three.version_id)))
        assert store.unannotated_versions() == [two.version_id]  # annotated, or tried and quarantined: not listed


def test_runs_that_never_finished_are_marked_interrupted_once(tmp_path):
    with open_store(str(tmp_path / "n.db")) as store:
        dead = store.start_run("analyze a/")
        done = store.start_run("analyze b/")
        store.finish_run(done, counts={})
        current = store.start_run("analyze c/")
        [found] = store.mark_interrupted_runs(current=current)
        assert (found.id, found.status, found.command) == (dead, "interrupted", "analyze a/")
        assert store.mark_interrupted_runs(current=current) == []
        assert [r.status for r in store.runs()] == ["interrupted", "ok", None]


def test_the_writer_lock_is_exclusive_and_says_who_holds_it(tmp_path):
    db = str(tmp_path / "n.db")
    with WriterLock(db, command="analyze x/"):
        with pytest.raises(StoreBusyError, match=r"n\.db is in use by another newsfuse run \(pid \d+, `analyze x/`"):
            WriterLock(db).acquire(wait=0)
        told = []
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match="after waiting 0.5 s"):
            WriterLock(db).acquire(wait=0.5, on_wait=told.append)
        assert time.monotonic() - started >= 0.5
        assert len(told) == 1 and "waiting up to 0.5 s for it to finish" in told[0]
    with WriterLock(db):  # let go: the next one gets it at once
        pass


def test_a_waiting_run_gets_the_lock_when_the_holder_lets_go(tmp_path):
    db = str(tmp_path / "n.db")
    holder = WriterLock(db, command="first").acquire()
    threading.Timer(0.3, holder.release).start()
    with WriterLock(db, wait=10) as second:
        assert second.holder().startswith(f"pid {os.getpid()}, ``")


def test_a_killed_holder_never_leaves_the_store_locked(tmp_path):
    db = str(tmp_path / "n.db")
    code = ("import os, signal, sys; from newsfuse.store import WriterLock; WriterLock(sys.argv[1]).acquire(); "
            "print('locked', flush=True); os.kill(os.getpid(), signal.SIGKILL)")
    done = subprocess.run([sys.executable, "-c", code, db], capture_output=True, text=True, timeout=60)
    assert done.stdout == "locked\n" and done.returncode == -9
    with WriterLock(db, wait=0):
        pass


def test_an_in_memory_store_needs_no_lock():
    with open_store(":memory:") as store, store.writer_lock(wait=0), store.writer_lock(wait=0):
        pass
