"""The corpus stages as Spark jobs (``local[2]``) against the embedded run on a 10k-document synthetic
stream of annotated articles (tests/scale/synthetic_stream.py: no annotation run, the layers come
with the text): the same filing, the same stories with the same ids, the same copies, the same figure
statuses; in fact every row of every table. One Spark run for the whole module."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from newsfuse.knowledge.outlets import OutletRegistry
from newsfuse.output.exports.stories import grouped_stories
from newsfuse.scale.corpus_jobs import write_corpus
from newsfuse.scale.runner import SparkJob, session
from newsfuse.scale.tables import TABLES, corpus_tables, read_table, write_tables
from newsfuse.scale.versions import current_articles
from newsfuse.store.codec import record_to_dict

from synthetic_stream import stream  # tests/scale is on sys.path (no package)

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)

SIZE = 10_000
OUTLETS = str(Path(__file__).resolve().parents[2] / "examples" / "outlets.tsv")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark-corpus")
    read = stream(SIZE)
    registry = OutletRegistry.load(OUTLETS)
    embedded = grouped_stories(current_articles(read), [])
    write_tables(corpus_tables(embedded, registry, []), folder / "embedded")
    spark = session(SparkJob(inputs=[], out=str(folder / "spark"), master="local[2]",
                             conf={"spark.sql.shuffle.partitions": "4"}))
    try:
        rows = [((0, i), json.dumps(record_to_dict(a), ensure_ascii=False)) for i, a in enumerate(read)]
        articles, counts = write_corpus(spark.sparkContext, spark.sparkContext.parallelize(rows, 8), registry,
                                        folder / "spark", partitions=8)
    finally:
        spark.stop()
    return read, articles, counts, folder


def _table(folder: Path, run: str, name: str) -> list[dict]:
    return read_table(folder / run, name)


def test_same_stories_with_the_same_ids(runs):
    read, articles, _, folder = runs
    embedded, spark = ([(s["story_id"], sorted(s["article_ids"])) for s in _table(folder, run, "stories")]
                       for run in ("embedded", "spark"))
    assert sorted(spark) == sorted(embedded)
    assert articles == sum(len(m) for _, m in embedded) < len(read)  # re-read documents filed as the store does
    assert len(embedded) > 1000 and sum(len(m) > 1 for _, m in embedded) > 1000


def test_same_copies(runs):
    _, _, _, folder = runs
    embedded, spark = (sorted((r["article_id"], r["story_id"], tuple(sorted(r["copy_of"])), r["reused_share"])
                              for r in _table(folder, run, "reuse")) for run in ("embedded", "spark"))
    assert spark == embedded and sum(bool(r[2]) for r in embedded) > 1000


def test_same_figure_statuses(runs):
    _, _, _, folder = runs
    embedded, spark = (sorted((f["story_id"], f["category"], f["status"], f["independent_sources"],
                               tuple((s["article_id"], s["start"]) for s in f["sources"]))
                              for f in _table(folder, run, "figures")) for run in ("embedded", "spark"))
    assert spark == embedded
    assert set(Counter(f[2] for f in embedded)) == {"corroborated", "conflicting", "updated", "single_source"}


def test_every_table_row_for_row(runs):
    _, _, counts, folder = runs
    for name in TABLES:
        embedded, spark = (sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in _table(folder, run, name))
                           for run in ("embedded", "spark"))
        assert spark == embedded, name
        assert counts[name] == len(spark)
