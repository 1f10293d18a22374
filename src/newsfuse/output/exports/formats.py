"""Writing export rows as JSONL, CSV, Parquet or GeoJSON.

- JSONL: one row a line, lists and objects as they are.
- CSV: lists and objects as JSON text in their cell. Analysts open CSV in spreadsheets, which run a
  cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) as a formula, and
  every text cell here comes from untrusted pages: such a cell is written with a leading ``'``
  (OWASP's advice), so it shows as text. Numbers are written as numbers and never prefixed.
- Parquet (pyarrow): typed columns from :data:`SCHEMAS`, lists of sources as lists of structs, so
  DuckDB, pandas or Spark read it directly; written in row groups, never all rows held at once.
- GeoJSON: a FeatureCollection of Points (longitude, latitude) for the rows that carry coordinates,
  the other columns as properties; a row without coordinates has a null geometry (RFC 7946 allows
  it), so nothing is dropped.
"""

from __future__ import annotations

import csv
import json
from typing import Any, Iterable, TextIO

FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
ROW_GROUP = 10_000


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_LEAD):
        return "'" + value
    return value


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO, columns: list[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([spreadsheet_safe(row.get(c)) for c in columns])
        n += 1
    return n


def write_geojson(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Streamed: one feature a line inside the collection."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in rows:
        lat, lon = row.get("latitude"), row.get("longitude")
        geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        feature = {"type": "Feature", "geometry": geometry, "properties": properties}
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_parquet(rows: Iterable[dict[str, Any]], path: str, schema) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:  # an empty export is still a readable file with its columns
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    source = pa.struct([("article_id", s), ("url", s), ("outlet", s), ("published", s), ("start", i), ("end", i),
                        ("text", s), ("value", f)])
    return {
        "articles": pa.schema([("article_id", s), ("story_id", s), ("url", s), ("outlet", s), ("title", s),
                               ("published", s), ("language", s), ("format", s), ("content_hash", s), ("text", s)]),
        "quotes": pa.schema([("article_id", s), ("story_id", s), ("outlet", s), ("published", s), ("start", i),
                             ("end", i), ("text", s), ("kind", s), ("speaker", s), ("speaker_entity", s),
                             ("cue", s)]),
        "entities": pa.schema([("article_id", s), ("story_id", s), ("start", i), ("end", i), ("text", s),
                               ("label", s), ("entity", s), ("role", s)]),
        "stories": pa.schema([("story_id", s), ("title", s), ("first_published", s), ("last_published", s),
                              ("articles", i), ("independent_sources", i), ("figures", i), ("quotes", i),
                              ("article_ids", pa.list_(s)), ("where_name", s), ("latitude", f), ("longitude", f),
                              ("where_prec", i), ("country", s)]),
        "figures": pa.schema([("event_id", s), ("story_id", s), ("date_start", s), ("date_end", s),
                              ("date_prec", s), ("where_name", s), ("geonameid", i), ("latitude", f),
                              ("longitude", f), ("where_prec", i), ("country", s), ("category", s),
                              ("subject", s), ("scope", s), ("best", f), ("low", f), ("high", f), ("status", s),
                              ("reason", s), ("compared", b), ("claimants", pa.list_(s)),
                              ("independent_sources", i), ("sources", pa.list_(source))]),
    }


def schema_of(what: str):
    """The Parquet schema of one export."""
    return _schemas()[what]


def columns_of(what: str) -> list[str]:
    return list(schema_of(what).names)
