"""One writer at a time: a cross-process lock beside a store file.

SQLite serialises single transactions, but a run of ``analyze`` is many of them (store the versions,
annotate, save the layers, cluster, save the stories), and a second run that slips in between sees
half-done work. So a run holds ``<store>.lock`` for its whole length: an advisory ``flock`` (POSIX;
``msvcrt.locking`` on Windows) that the operating system drops when the process ends, however it
ends (even ``kill -9``), so a dead run never leaves the store locked. The file holds the holder's pid
and command, for the message the next run prints; it is never deleted (deleting a lock file races).

>>> import tempfile, os
>>> db = os.path.join(tempfile.mkdtemp(), "n.db")
>>> with WriterLock(db, command="analyze x/"):
...     WriterLock(db).acquire(wait=0)
Traceback (most recent call last):
...
newsfuse.store.lock.StoreBusyError: ... is in use by another newsfuse run (pid ..., `analyze x/`, since ...)...
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from typing import Callable

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

POLL_SECONDS = 0.2


class StoreBusyError(RuntimeError):
    """Another run holds the store's writer lock (the message says which, and for how long we waited)."""


def lock_path(db: str) -> str:
    return os.fspath(db) + ".lock"


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


class WriterLock:
    """``with WriterLock(db, command=...)``: hold the store's writer lock (waiting for it, see
    :meth:`acquire`). Not re-entrant: one holder per process and store."""

    def __init__(self, db: str, *, command: str = "", wait: float | None = None,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.db = os.fspath(db)
        self.path = lock_path(self.db)
        self.command = command
        self.wait = wait
        self.on_wait = on_wait
        self._fd: int | None = None

    def holder(self) -> str:
        """Who holds the lock, as the holder wrote it ("pid 123, `analyze x/`, since 12:00:00")."""
        try:
            with open(self.path, encoding="utf-8") as handle:
                info = json.loads(handle.read() or "{}")
        except (OSError, ValueError):
            return "unknown holder"
        return f"pid {info.get('pid', '?')}, `{info.get('command', '?')}`, since {info.get('since', '?')}"

    def acquire(self, wait: float | None = None, on_wait: Callable[[str], None] | None = None) -> "WriterLock":
        """Take the lock; when another run holds it, say so through ``on_wait`` once and wait up to
        ``wait`` seconds (None: forever), then raise :class:`StoreBusyError`."""
        wait = self.wait if wait is None else wait
        on_wait = on_wait or self.on_wait
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = None if wait is None else time.monotonic() + wait
        told = False
        while not _try_lock(fd):
            if deadline is not None and time.monotonic() >= deadline:
                holder = self.holder()
                os.close(fd)
                waited = f" after waiting {wait:g} s" if wait else ""
                raise StoreBusyError(f"{self.db} is in use by another newsfuse run ({holder}){waited}; "
                                     "run again when it has finished")
            if not told and on_wait is not None:
                limit = "as long as it takes" if wait is None else f"up to {wait:g} s"
                on_wait(f"{self.db} is in use by another newsfuse run ({self.holder()}); waiting {limit} for it "
                        "to finish")
                told = True
            time.sleep(POLL_SECONDS)
        since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps({"pid": os.getpid(), "command": self.command, "since": since}).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _unlock(fd)
            finally:
                os.close(fd)

    def __enter__(self) -> "WriterLock":
        return self.acquire() if self._fd is None else self

    def __exit__(self, *exc: object) -> None:
        self.release()
