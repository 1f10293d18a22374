"""A Spark job from inputs to Parquet tables (``newsfuse spark``; ``spark-submit`` runs :mod:`.submit`).

1. The driver lists the input units (:mod:`.inputs`; manifests opened, nothing fetched).
2. The executors read and annotate them in ``mapPartitions`` (:mod:`.partition`).
3. The driver collects the annotated articles, files them as the store would (:mod:`.versions`),
   groups them into stories and builds every story's briefing with the embedded code
   (:func:`newsfuse.output.exports.stories.grouped_stories`), then writes the tables (:mod:`.tables`).

Step 3 holds the corpus on the driver: fine to a few hundred thousand articles; docs/scaling.md has
the plan (reuse by MinHash banding joins, stories by blocking-key joins, figures by group keys) for
what lies beyond.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..knowledge.outlets import OutletRegistry
from ..output.exports.stories import grouped_stories
from .inputs import units
from .partition import annotate_partition, decode_article, decode_quarantined
from .tables import corpus_tables, write_tables
from .versions import current_articles


@dataclass
class SparkJob:
    """What to read, where to write, and how to run. ``master`` None leaves it to ``spark-submit``
    (or local mode with every core when run as a plain Python process)."""

    inputs: Sequence[str]
    out: str
    master: str | None = None
    places: Sequence[str] = ()
    outlets: str | None = None
    partitions: int | None = None
    prefix: str = ""  # joined to the relative paths of a manifest (e.g. s3://commoncrawl/)
    conf: dict[str, str] = field(default_factory=dict)


@dataclass
class SparkSummary:
    units: int = 0
    articles: int = 0
    quarantined: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    out: str = ""


def session(job: SparkJob):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsfuse").config("spark.ui.enabled", "false")
    if job.master:
        builder = builder.master(job.master)
    if job.master and job.master.startswith("local"):
        # Local workers run this interpreter (its virtualenv), not whatever "python3" is on PATH;
        # pyspark reads the worker's interpreter from the environment.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in job.conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run(job: SparkJob) -> SparkSummary:
    found = units(job.inputs, prefix=job.prefix)
    places = [str(Path(p).resolve()) for p in job.places]
    spark = session(job)
    try:
        context = spark.sparkContext
        slices = job.partitions or max(1, min(len(found), context.defaultParallelism * 4))
        rows = (context.parallelize(found, slices) if found else context.emptyRDD()) \
            .mapPartitions(lambda part: annotate_partition(part, places)).collect()
    finally:
        spark.stop()
    rows.sort(key=lambda r: (r[0], r[1]))  # input order, as the embedded run reads
    read = [decode_article(payload) for _u, _p, kind, payload in rows if kind == "article"]
    quarantined = [decode_quarantined(payload) for _u, _p, kind, payload in rows if kind == "quarantined"]
    registry = OutletRegistry.load(*([job.outlets] if job.outlets else []))
    stories = grouped_stories(current_articles(read), [])
    counts = write_tables(corpus_tables(stories, registry, quarantined), job.out)
    return SparkSummary(units=len(found), articles=len(stories.articles), quarantined=len(quarantined),
                        tables=counts, out=str(job.out))
