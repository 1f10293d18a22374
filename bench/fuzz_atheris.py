"""Coverage-guided fuzzing of every reader with atheris (libFuzzer for Python), beside the Hypothesis
run of bench/fuzz.py: the same property (every input read, or quarantined with a specific reason,
never the catch-all "unexpected error while reading" and never an exception), but inputs are grown
from what reached new lines of newsfuse's ingest code, starting from the example corpus.

atheris is not a dependency of newsfuse (it is a test tool; it installs from a binary wheel for
CPython 3.11 on x86-64 Linux, no compiler needed). Put it beside the venv and point PYTHONPATH there:

    .venv/bin/pip install --target /tmp/atheris-site atheris
    PYTHONPATH=/tmp/atheris-site .venv/bin/python bench/fuzz_atheris.py [--runs 20000] [--seconds 600]

Prints the runs made, the code edges covered and the findings as JSON; exits 1 on a finding (the
input that caused it is saved by libFuzzer as ``crash-*`` in the working folder).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The input's first byte picks the extension, hence the reader (".dat": sniffed from the content).
EXTENSIONS = [".txt", ".html", ".htm", ".jsonl", ".json", ".warc", ".rss", ".atom", ".xml", ".txt.gz", ".html.gz",
              ".jsonl.gz", ".warc.gz", ".dat"]
CATCH_ALL = "unexpected error while reading"


def _seeds(folder: Path) -> None:
    """The example corpus as starting inputs: each file under its own extension's selector byte."""
    for n, path in enumerate(sorted((REPO / "examples").iterdir())):
        names = [e for e in EXTENSIONS if path.name.endswith(e)]
        if not names or not path.is_file():
            continue
        data = path.read_bytes()
        if names[-1].endswith(".gz"):
            data = gzip.decompress(data)  # the harness compresses again
        (folder / f"seed-{n}").write_bytes(bytes([EXTENSIONS.index(names[-1])]) + data[:200_000])


def child(args: argparse.Namespace) -> None:
    import atheris

    with atheris.instrument_imports(include=["newsfuse"]):
        from newsfuse.ingest import read_inputs
        from newsfuse.model import Article, Quarantined

    from newsfuse.ingest.fetch import FetchError

    class Offline:
        """Feed links are not fetched: the run stays off the network and fast."""

        def fetch(self, url: str, **_: object) -> None:
            raise FetchError("offline fuzz run")

        def close(self) -> None:
            pass

    folder = args.work  # made and removed by the parent: libFuzzer ends this process its own way

    def one_input(data: bytes) -> None:
        if not data:
            return
        extension = EXTENSIONS[data[0] % len(EXTENSIONS)]
        body = data[1:]
        path = folder / f"doc{extension}"
        path.write_bytes(gzip.compress(body, mtime=0) if extension.endswith(".gz") else body)
        for item in read_inputs([str(path)], fetcher=Offline()):
            if isinstance(item, Quarantined):
                if not item.reason or item.reason.startswith(CATCH_ALL):
                    raise AssertionError(f"{extension}: reason {item.reason!r}")
            elif not (isinstance(item, Article) and item.text.strip()):
                raise AssertionError(f"{extension}: {type(item).__name__} without text")

    atheris.Setup([sys.argv[0], f"-runs={args.runs}", f"-max_total_time={args.seconds}", "-max_len=65536",
                   "-rss_limit_mb=2048", "-print_final_stats=1", str(args.corpus)], one_input)
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20_000, help="inputs to try")
    parser.add_argument("--seconds", type=int, default=900, help="stop after this long in any case")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    try:
        import atheris  # noqa: F401
    except ImportError:
        sys.exit("atheris is not installed: see the top of bench/fuzz_atheris.py")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nf-atheris-corpus-") as corpus, \
            tempfile.TemporaryDirectory(prefix="nf-atheris-") as work:
        _seeds(Path(corpus))
        seeds = len(os.listdir(corpus))
        done = subprocess.run([sys.executable, __file__, "--child", "--runs", str(args.runs), "--seconds",
                               str(args.seconds), "--corpus", corpus, "--work", work], cwd=REPO,
                              capture_output=True, text=True, env={**os.environ, "NEWSFUSE_FETCH_DELAY": "0"})
        grown = len(os.listdir(corpus))
    log = done.stderr
    runs = re.findall(r"Done (\d+) runs", log)
    cov = re.findall(r"cov: (\d+)", log)
    summary = {
        "runs": int(runs[-1]) if runs else None,
        "seed_inputs": seeds,
        "corpus_after": grown,
        "edges_covered": int(cov[-1]) if cov else None,
        "findings": len(re.findall(r"==\d+== ERROR|Uncaught Python exception", log)),
        "exit": done.returncode,
        "seconds": round(time.monotonic() - started),
    }
    print(json.dumps(summary, indent=2))
    if done.returncode != 0:
        print(log[-4000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
