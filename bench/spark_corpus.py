"""The corpus stages (filing, stories, per-story reuse, figures and briefing rows, the tables) on Spark
against the embedded run, on the synthetic stream of annotated articles of tests/scale/synthetic_stream.py.

The stream is written once as JSON lines (one article record a line). Each system then runs in its
own process, so that its peak memory (ru_maxrss of the Python process) is its own:

- ``embedded``: the process reads the stream and runs the embedded corpus code
  (``grouped_stories`` + ``corpus_tables`` + ``write_tables``), as a Spark run did before (its driver
  collected every article);
- ``spark``: ``local[2]``; the executors read the lines (``textFile``), and the driver runs
  :func:`newsfuse.scale.corpus_jobs.write_corpus`: it holds the documents' keys, the clusterer's state
  and the story ids, never the articles. Its CPU seconds are the driver's own; the Python workers'
  are counted apart (children of the JVM, summed from /proc while the job runs would be racy: the
  wall time is given instead, and the load of the machine).

Both write the same tables (tests/scale/test_spark_corpus.py checks it); the rows are counted here.

    .venv/bin/python bench/spark_corpus.py --sizes 10000 50000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "scale"))

OUTLETS = str(ROOT / "examples" / "outlets.tsv")


def write_stream(n: int, path: Path) -> None:
    from synthetic_stream import stream

    from newsfuse.store.codec import record_to_dict

    with path.open("w", encoding="utf-8") as handle:
        for article in stream(n):
            handle.write(json.dumps(record_to_dict(article), ensure_ascii=False) + "\n")


def run_embedded(lines: Path, out: Path) -> dict:
    from newsfuse.knowledge.outlets import OutletRegistry
    from newsfuse.output.exports.stories import grouped_stories
    from newsfuse.scale.partition import decode_article
    from newsfuse.scale.tables import corpus_tables, write_tables
    from newsfuse.scale.versions import current_articles

    with lines.open(encoding="utf-8") as handle:
        read = [decode_article(line) for line in handle]
    stories = grouped_stories(current_articles(read), [])
    return write_tables(corpus_tables(stories, OutletRegistry.load(OUTLETS), []), out)


def run_spark(lines: Path, out: Path) -> dict:
    from newsfuse.knowledge.outlets import OutletRegistry
    from newsfuse.scale.corpus_jobs import write_corpus
    from newsfuse.scale.runner import SparkJob, session

    spark = session(SparkJob(inputs=[], out=str(out), master="local[2]"))
    try:
        context = spark.sparkContext
        read = context.textFile(str(lines), 8).zipWithIndex().map(lambda li: ((0, li[1]), li[0]))
        _articles, counts = write_corpus(context, read, OutletRegistry.load(OUTLETS), out, partitions=8)
    finally:
        spark.stop()
    return counts


def one(n: int, system: str, lines: Path) -> dict:
    out = Path(tempfile.mkdtemp(prefix=f"spark-corpus-{system}-"))
    began, began_cpu = time.perf_counter(), time.process_time()
    counts = (run_spark if system == "spark" else run_embedded)(lines, out)
    return {"system": system, "n": n, "seconds": round(time.perf_counter() - began, 1),
            "cpu_seconds_this_process": round(time.process_time() - began_cpu, 1),
            "peak_mb_this_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "load": [round(x, 2) for x in os.getloadavg()], "rows": counts}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--systems", nargs="+", default=["embedded", "spark"])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--system", help=argparse.SUPPRESS)
    parser.add_argument("--lines", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.system, Path(args.lines))))
        return
    import subprocess

    for n in args.sizes:
        lines = Path(tempfile.mkdtemp(prefix="spark-corpus-stream-")) / "stream.jsonl"
        write_stream(n, lines)
        for system in args.systems:
            done = subprocess.run([sys.executable, __file__, "--one", str(n), "--system", system, "--lines", str(lines)],
                                  capture_output=True, text=True)
            if done.returncode:
                print(json.dumps({"system": system, "n": n, "failed": done.stderr.strip().splitlines()[-3:]}), flush=True)
            else:
                print(done.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
