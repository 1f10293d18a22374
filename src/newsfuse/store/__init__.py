"""Where newsfuse keeps what it has read and found.

The storage is picked by a config string or dict, as datasketch picks its storage by a config
dict, so another backend can be added beside SQLite without touching the callers:

>>> store = open_store(":memory:")                     # SQLite in memory
>>> store = open_store({"type": "sqlite", "path": ":memory:"})
>>> store.schema_version >= 3
True

``open_store("path/to.db")`` and ``open_store("sqlite:///path/to.db")`` open (or create) a file;
``sqlite:////abs/path.db`` is an absolute path, as in SQLAlchemy URLs.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Mapping

from .codec import record_from_dict, record_to_dict
from .lock import StoreBusyError, WriterLock
from .migrations import LATEST as SCHEMA_VERSION
from .migrations import SchemaTooNewError
from .rows import DUPLICATE, NEW, NEW_VERSION, REVERTED, Correction, IngestResult, QuarantineEntry, RunInfo, VersionInfo
from .sqlite import Store, StoreError
from .urls import document_key, normalize_url

# Backend name → factory(path, **options). A new backend registers itself here.
BACKENDS: dict[str, Callable[..., Any]] = {"sqlite": Store}


def _parse(config: str | os.PathLike[str] | Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    if isinstance(config, Mapping):
        options = dict(config)
        return str(options.pop("type", "sqlite")), options
    text = os.fspath(config)
    if "://" not in text:
        return "sqlite", {"path": text}
    scheme, rest = text.split("://", 1)
    if scheme == "sqlite":
        # sqlite:///rel.db → "rel.db"; sqlite:////abs.db → "/abs.db"; sqlite:// → memory
        path = rest[1:] if rest.startswith("/") else rest
        return "sqlite", {"path": path or ":memory:"}
    return scheme, {"path": rest}


def open_store(config: str | os.PathLike[str] | Mapping[str, Any] = ":memory:", **options: Any) -> Store:
    """Open (creating and migrating as needed) the store a path, URL or config dict names."""
    kind, parsed = _parse(config)
    factory = BACKENDS.get(kind)
    if factory is None:
        raise ValueError(f"unknown store type {kind!r} (known: {', '.join(sorted(BACKENDS))})")
    return factory(**parsed, **options)


__all__ = [
    "BACKENDS", "DUPLICATE", "NEW", "NEW_VERSION", "REVERTED", "SCHEMA_VERSION", "Correction", "IngestResult",
    "QuarantineEntry", "RunInfo", "SchemaTooNewError", "Store", "StoreBusyError", "StoreError", "VersionInfo",
    "WriterLock", "document_key", "normalize_url", "open_store", "record_from_dict", "record_to_dict",
]
