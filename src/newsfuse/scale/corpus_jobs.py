"""The corpus stages of a Spark run, as Spark jobs: the driver never holds the annotated articles.

Input: an RDD of ``(position, article JSON)`` (position: where the document was read, e.g. (input
unit, item); the annotate stage's output, or pre-annotated articles). Four jobs:

1. **Filing** (:mod:`.versions`): the executors send each document's (document key, id, content
   hash); the driver files those keys as the store would and broadcasts which position is the current
   version of each document and under which article id.
2. **Stories** (:func:`cluster_stories`): the executors compute each current article's story
   features (:func:`newsfuse.corpus.story_features.features_of`: the text pass) and count their
   document frequencies (a ``reduceByKey`` over :func:`newsfuse.corpus.stories.document_keys`); the
   driver primes the embedded clusterer with those counts and streams the features through it in
   publish order (``sortBy``, then ``toLocalIterator``: one partition at a time), exactly as
   :func:`newsfuse.corpus.stories.cluster` does. That decision pass stays on the driver and
   sequential: the clusterer's answer depends on arrival order (its candidate blocking reads the
   stories as they stand when each article arrives: open stories, capped posting lists, merges and
   moves), so candidate pairs joined ahead of it could not give the same stories (docs/scaling.md).
3. **Stories, reuse and figures per story**: the articles are keyed by story id (the assignment is
   broadcast: ids only) and grouped (a shuffle); each group, in the store's order, gets its briefing
   from the embedded code (:class:`newsfuse.output.corrected.CorrectedBriefing`, the very call
   ``analyze`` makes): the story's reuse index (its copies), the reconciliation of its figure groups,
   its quotes. Reuse is found within a story and figures are reconciled within a story in the
   embedded run too, so the story id is the exact join key of both.
4. **Tables**: each task writes the rows of its stories and their articles as Parquet files of its
   own (:func:`.tables.write_part`) and returns only the row counts.

No analyst corrections: a Spark run has no store to read them from.
"""

from __future__ import annotations

import json
import operator
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..corpus.stories import StoryClusterer, document_keys, publish_key, stream_features
from ..corpus.story_features import features_of
from ..output.corrected import CorrectedBriefing
from .partition import decode_article
from .tables import (TABLES, add_counts, article_tables, clear_tables, extend, mark_empty, quarantine_rows,
                     story_tables, write_part)
from .versions import filing, filing_key, renamed

FLUSH_ROWS = 50_000  # a task writes its rows out once it holds this many (its memory stays bounded)


def _filing_key(payload: str) -> tuple[str, str, str]:
    record = json.loads(payload)
    return filing_key(record.get("url"), record["id"], record["content_hash"])


def story_rows(groups: Iterable[tuple[str, Iterable[tuple[int, Any]]]], registry) -> Iterator[dict[str, list[dict]]]:
    """The table rows of each ``(story id, [(order, article)...])`` group: its articles' rows and its
    briefing's (stories, figures, reuse), made by the embedded code."""
    for sid, members in groups:
        run = CorrectedBriefing([a for _order, a in sorted(members, key=lambda m: m[0])], [])
        group = run.articles
        [brief] = run.briefs([(sid, group)], registry=registry)
        tables = article_tables(group, {a.id: sid for a in group})
        yield extend(tables, story_tables(sid, group, brief))


def write_stories(part: int, groups, registry, out: str) -> Iterator[dict[str, int]]:
    """``mapPartitionsWithIndex`` body: the rows of the partition's stories, written by this task."""
    held: dict[str, list[dict]] = {}
    chunk = 0
    for rows in story_rows(groups, registry):
        extend(held, rows)
        if sum(map(len, held.values())) >= FLUSH_ROWS:
            yield write_part(held, out, f"part-{part:05d}-{chunk}")
            held, chunk = {}, chunk + 1
    if held:
        yield write_part(held, out, f"part-{part:05d}-{chunk}")


def cluster_stories(articles) -> dict[str, str]:
    """Article id → story id for an RDD of (order, article), as :func:`newsfuse.corpus.stories.cluster`
    gives for the articles in that order: the features and their document frequencies are made on the
    executors; the driver primes the clusterer with the counts and streams the features through it in
    publish order, one partition at a time."""
    from pyspark import StorageLevel

    features = articles.map(lambda item: (publish_key(item[1].published, item[0]), item[1].id,
                                          features_of(item[1]))).persist(StorageLevel.MEMORY_AND_DISK)
    counts = features.flatMap(lambda row: document_keys(row[2])).map(lambda key: (key, 1)) \
        .reduceByKey(operator.add).collectAsMap()
    clusterer = StoryClusterer()
    clusterer.prime_counts(features.count(), counts)
    del counts
    ordered = features.sortBy(lambda row: row[0]).map(lambda row: (row[1], row[2])).toLocalIterator()
    story_of = stream_features(clusterer, ordered)
    features.unpersist()
    return story_of


def corpus_job(context, read, registry, out: str | Path, partitions: int) -> tuple[int, dict[str, int]]:
    """Run stages 1-4 over ``read`` (an RDD of (position, article JSON)); returns the number of
    current articles and the rows written per table (the tables' folders must exist and be empty)."""
    from pyspark import StorageLevel

    out = str(out)
    keys = sorted(read.map(lambda row: (row[0], _filing_key(row[1]))).collect())
    current = {keys[position][0]: (order, article_id)
               for order, (position, article_id) in enumerate(filing(key for _position, key in keys))}
    del keys
    filed = context.broadcast(current)

    def current_version(row):
        found = filed.value.get(row[0])
        return [(found[0], renamed(decode_article(row[1]), found[1]))] if found else []

    articles = read.flatMap(current_version).persist(StorageLevel.MEMORY_AND_DISK)
    story_of = context.broadcast(cluster_stories(articles))
    counts: dict[str, int] = {}
    for written in (articles.map(lambda item: (story_of.value[item[1].id], item))
                    .groupByKey(partitions)
                    .mapPartitionsWithIndex(lambda part, groups: write_stories(part, groups, registry, out))
                    .collect()):
        add_counts(counts, written)
    articles.unpersist()
    filed.destroy()
    story_of.destroy()
    return len(current), counts


def write_corpus(context, read, registry, out: str | Path, partitions: int,
                 quarantined: Sequence[dict[str, Any]] = ()) -> tuple[int, dict[str, int]]:
    """:func:`corpus_job` into fresh tables under ``out``, plus the ``quarantine`` table (written by
    the driver: its rows are few) and an empty file for each table left without rows."""
    clear_tables(out)
    articles, counts = corpus_job(context, read, registry, out, partitions)
    add_counts(counts, write_part({"quarantine": quarantine_rows(quarantined)}, out, "part-driver"))
    mark_empty(out, counts)
    return articles, {name: counts.get(name, 0) for name in TABLES}
