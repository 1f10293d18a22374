"""A Spark job from inputs to Parquet tables (``newsfuse spark``; ``spark-submit`` runs :mod:`.submit`).

1. The driver lists the input units (:mod:`.inputs`; manifests opened, nothing fetched).
2. The executors read and annotate them in ``mapPartitions`` (:mod:`.partition`); the annotated
   articles stay on the executors (persisted, memory then disk).
3. The corpus stages run as Spark jobs over them (:mod:`.corpus_jobs`): filing the versions, story
   features on the executors and the clusterer's sequential pass over them on the driver, then one
   briefing per story (its reuse index, its figure reconciliation) on the executors, grouped by story
   id, each task writing its own Parquet files (:mod:`.tables`).

The driver holds the documents' keys, then the articles' story features (not their text or layers),
then the story assignment (ids); the quarantined inputs (few) are written by the driver.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..knowledge.outlets import OutletRegistry
from .corpus_jobs import write_corpus
from .inputs import units
from .partition import annotate_partition, decode_quarantined


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
    from pyspark import StorageLevel

    found = units(job.inputs, prefix=job.prefix)
    places = [str(Path(p).resolve()) for p in job.places]
    registry = OutletRegistry.load(*([job.outlets] if job.outlets else []))
    out = str(Path(job.out).resolve())  # the executors write there (a folder all of them see)
    spark = session(job)
    try:
        context = spark.sparkContext
        slices = job.partitions or max(1, min(len(found), context.defaultParallelism * 4))
        rows = (context.parallelize(found, slices) if found else context.emptyRDD()) \
            .mapPartitions(lambda part: annotate_partition(part, places)) \
            .persist(StorageLevel.MEMORY_AND_DISK)  # annotated once, read by every stage after
        quarantined = [decode_quarantined(payload) for _u, _p, _kind, payload in
                       sorted(rows.filter(lambda r: r[2] == "quarantined").collect())]
        articles, counts = write_corpus(context, rows.filter(lambda r: r[2] == "article")
                                        .map(lambda r: ((r[0], r[1]), r[3])), registry, out,
                                        job.partitions or context.defaultParallelism * 4, quarantined)
        rows.unpersist()
    finally:
        spark.stop()
    return SparkSummary(units=len(found), articles=articles, quarantined=len(quarantined),
                        tables=counts, out=out)

