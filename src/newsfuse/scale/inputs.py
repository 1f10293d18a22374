"""What a Spark job reads: the input units (one file or object each), in input order.

An argument is a local file, folder or glob (expanded as ``analyze`` expands it), a remote object
(``s3://``, ``s3a://``, ``gs://``, ``hdfs://``: read by the executor through pyarrow's file systems),
or a **manifest** listing such inputs, one per row, in the style of Common Crawl's:

- ``*.paths`` / ``*.paths.gz``: a text file, one path a line (CC-NEWS ``warc.paths.gz``); a relative
  path is joined to ``prefix`` (e.g. ``s3://commoncrawl/``);
- ``*.manifest.parquet``: a Parquet table with a ``path`` (or ``uri``, ``warc_filename``) column.

Nothing is fetched here: the driver only lists units, each executor reads its own.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..ingest.paths import expand_paths

REMOTE_SCHEMES = ("s3://", "s3a://", "s3n://", "gs://", "gcs://", "hdfs://", "abfs://", "abfss://")
PATH_COLUMNS = ("path", "uri", "warc_filename")


@dataclass(frozen=True, slots=True)
class Unit:
    """One input to read: ``index`` orders the results as the embedded run orders them."""

    index: int
    location: str
    kind: str  # "file" | "remote" | "missing" | the other kinds of ingest.paths.Source


def is_remote(location: str) -> bool:
    return location.lower().startswith(REMOTE_SCHEMES)


def is_manifest(location: str) -> bool:
    name = location.lower()
    return name.endswith((".paths", ".paths.gz", ".manifest.parquet"))


def manifest_entries(location: str, prefix: str = "") -> list[str]:
    """The inputs a local manifest lists (relative ones joined to ``prefix``)."""
    if location.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.read_table(location)
        column = next((c for c in PATH_COLUMNS if c in table.column_names), None)
        if column is None:
            raise ValueError(f"{location}: a manifest needs a column named one of {', '.join(PATH_COLUMNS)}")
        entries = [str(v) for v in table.column(column).to_pylist() if v]
    else:
        opener = gzip.open if location.lower().endswith(".gz") else open
        with opener(location, "rt", encoding="utf-8") as handle:
            entries = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    return [e if is_remote(e) or Path(e).is_absolute() or not prefix else prefix.rstrip("/") + "/" + e
            for e in entries]


def units(arguments: Sequence[str], *, prefix: str = "") -> list[Unit]:
    """Every input unit the arguments name, manifests opened, in order."""
    found: list[tuple[str, str]] = []
    for arg in arguments:
        if is_remote(arg):
            found.append((arg, "remote"))
        elif is_manifest(arg) and Path(arg).is_file():
            for entry in manifest_entries(arg, prefix):
                found += [(entry, "remote")] if is_remote(entry) else _local([entry])
        else:
            found += _local([arg])
    return [Unit(i, location, kind) for i, (location, kind) in enumerate(found)]


def _local(arguments: Sequence[str]) -> Iterator[tuple[str, str]]:
    for source in expand_paths(arguments):
        yield source.location, source.kind
