"""The script ``spark-submit`` runs: ``spark-submit [spark options] <this file> PATH... --out DIR``.

The same job as ``newsfuse spark`` (its options, but the cluster comes from ``spark-submit``).
"""

from __future__ import annotations

import argparse
import json
import sys

from newsfuse.scale.runner import SparkJob, run  # absolute: spark-submit runs this file as a script


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsfuse-spark-submit", description=__doc__)
    parser.add_argument("inputs", nargs="+", help="files, folders, globs, s3:// objects or manifests")
    parser.add_argument("--out", required=True, help="folder for the Parquet tables")
    parser.add_argument("--places", action="append", default=[], help="a user-places file (repeatable)")
    parser.add_argument("--outlets", help="an outlet registry (TSV)")
    parser.add_argument("--partitions", type=int, help="input partitions (default: 4 per core)")
    parser.add_argument("--prefix", default="", help="joined to a manifest's relative paths")
    args = parser.parse_args(argv)
    summary = run(SparkJob(inputs=args.inputs, out=args.out, places=args.places, outlets=args.outlets,
                           partitions=args.partitions, prefix=args.prefix))
    sys.stdout.write(json.dumps(summary.__dict__) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
