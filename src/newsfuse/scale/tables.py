"""The Parquet tables of a Spark run, partitioned by day (``<out>/<table>/date=YYYY-MM-DD/``).

``articles``, ``spans`` (every annotation layer as one span table: article, layer, ``[start, end)``,
text and the full record as JSON), ``stories``, ``figures`` (the event rows of ``newsfuse export``),
``quotes``, ``reuse`` (each article's copies within its story) and ``quarantine`` (inputs that could
not be processed, with the reason). The columns of ``articles``, ``stories``, ``figures`` and
``quotes`` are those of the exports (docs/exports.md) plus ``date``; an undated row goes to
``date=undated``. Hive-style partitions: Spark, DuckDB (``hive_partitioning``) and pyarrow read them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..model import ANNOTATION_LAYERS, Article
from ..output.exports.events import event_rows
from ..output.exports.formats import schema_of
from ..output.exports.stories import StoredStories
from ..output.exports.tables import article_rows, quote_rows, story_row
from ..store.codec import record_to_dict

TABLES = ("articles", "spans", "stories", "figures", "quotes", "reuse", "quarantine")
UNDATED = "undated"
MAX_DAYS = 100_000  # days one write may span (pyarrow stops at 1,024 by default: under three years)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_of(value: str | None) -> str:
    return value[:10] if value and _DAY.match(value) else UNDATED


def span_rows(articles: Iterable[Article], story_of: dict[str, str]) -> Iterable[dict[str, Any]]:
    for a in articles:
        for layer in ANNOTATION_LAYERS:
            for record in getattr(a, layer):
                yield {"article_id": a.id, "story_id": story_of.get(a.id), "layer": layer, "start": record.start,
                       "end": record.end, "text": a.text[record.start:record.end],
                       "record": json.dumps(record_to_dict(record), ensure_ascii=False),
                       "date": day_of(a.published)}


def reuse_rows(story: str, brief: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for r in brief.get("articles", []):
        yield {"article_id": r["id"], "story_id": story, "outlet": r.get("source"),
               "outlet_group": r.get("outlet_group"), "copy_of": list(r.get("copy_of") or []),
               "reused_share": float(r.get("reused_share") or 0.0), "date": day_of(r.get("published"))}


def article_tables(articles: Sequence[Article], story_of: dict[str, str]) -> dict[str, list[dict]]:
    """The per-article tables' rows (``articles``, ``spans``, ``quotes``) of ``articles``."""
    return {"articles": [dict(r, date=day_of(r["published"])) for r in article_rows(articles, story_of)],
            "spans": list(span_rows(articles, story_of)),
            "quotes": [dict(r, date=day_of(r["published"])) for r in quote_rows(articles, story_of)]}


def story_tables(sid: str, group: Sequence[Article], brief: dict[str, Any]) -> dict[str, list[dict]]:
    """The rows one story's briefing gives (``stories``, ``figures``, ``reuse``)."""
    published = {a.id: a.published for a in group}
    figures = []
    for row in event_rows(sid, group, brief):
        first = min((published.get(s["article_id"]) or "" for s in row["sources"]), default="")
        figures.append(dict(row, date=day_of(row["date_start"] or first)))
    story = dict(story_row(sid, group, brief), date=day_of(min((a.published for a in group if a.published),
                                                               default=None)))
    return {"stories": [story], "figures": figures, "reuse": list(reuse_rows(sid, brief))}


def quarantine_rows(quarantined: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": q["id"], "origin": q.get("origin"), "stage": q["stage"], "reason": q["reason"],
             "date": day_of(q.get("published"))} for q in quarantined]


def extend(tables: dict[str, list[dict]], more: dict[str, list[dict]]) -> dict[str, list[dict]]:
    for name, rows in more.items():
        tables.setdefault(name, []).extend(rows)
    return tables


def add_counts(counts: dict[str, int], more: dict[str, int]) -> dict[str, int]:
    for name, n in more.items():
        counts[name] = counts.get(name, 0) + n
    return counts


def corpus_tables(stories: StoredStories, registry, quarantined: Sequence[dict[str, Any]]) -> dict[str, list[dict]]:
    """Every table's rows, in one process: per-article ones from the articles, the others from each
    story's briefing (a Spark run makes the same rows per story on the executors: :mod:`.corpus_jobs`)."""
    tables = article_tables(stories.articles, stories.story_of)
    tables["quarantine"] = quarantine_rows(quarantined)
    for sid, group, brief in stories.briefs(registry):
        extend(tables, story_tables(sid, group, brief))
    return tables


def schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    day = pa.field("date", s)
    out = {name: schema_of(name).append(day) for name in ("articles", "stories", "figures", "quotes")}
    out["spans"] = pa.schema([("article_id", s), ("story_id", s), ("layer", s), ("start", i), ("end", i),
                              ("text", s), ("record", s), day])
    out["reuse"] = pa.schema([("article_id", s), ("story_id", s), ("outlet", s), ("outlet_group", s),
                              ("copy_of", pa.list_(s)), ("reused_share", f), day])
    out["quarantine"] = pa.schema([("id", s), ("origin", s), ("stage", s), ("reason", s), day])
    return out


def clear_tables(out: str | Path) -> None:
    """Empty table folders under ``out`` (an earlier run's tables removed)."""
    for name in schemas():
        target = Path(out) / name
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)


def write_part(tables: dict[str, list[dict]], out: str | Path, part: str = "part-0") -> dict[str, int]:
    """Append the rows of each table to its dataset under ``out`` as files named after ``part`` (one
    writer per part: Spark tasks write theirs side by side); returns the rows written per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    counts = {}
    for name, schema in schemas().items():
        rows = tables.get(name, [])
        if rows:
            pq.write_to_dataset(pa.Table.from_pylist(rows, schema=schema), str(Path(out) / name),
                                partition_cols=["date"], basename_template=f"{part}-{{i}}.parquet",
                                max_partitions=MAX_DAYS)
        counts[name] = len(rows)
    return counts


def mark_empty(out: str | Path, counts: dict[str, int]) -> None:
    """An empty table keeps its columns: one empty file (without ``date``) where no rows were written."""
    import pyarrow.parquet as pq

    for name, schema in schemas().items():
        if not counts.get(name):
            pq.write_table(schema.empty_table().drop_columns(["date"]), str(Path(out) / name / "empty.parquet"))


def write_tables(tables: dict[str, list[dict]], out: str | Path) -> dict[str, int]:
    """Each table as a date-partitioned Parquet dataset under ``out`` (replacing an earlier run's)."""
    clear_tables(out)
    counts = write_part(tables, out)
    mark_empty(out, counts)
    return counts


def read_table(out: str | Path, name: str) -> list[dict[str, Any]]:
    """A table written by :func:`write_tables`, as rows (``date`` from the partition)."""
    import pyarrow.dataset as ds

    return ds.dataset(str(Path(out) / name), format="parquet", partitioning="hive").to_table().to_pylist()
