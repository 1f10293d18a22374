"""One measurement per fresh process, so that peak memory (ru_maxrss) and warm caches of one size do not
leak into the next: the bench script re-runs itself with ``--one N --system S`` and prints one JSON line."""

from __future__ import annotations

import json
import subprocess
import sys


def in_subprocess(script: str, n: int, system: str) -> dict:
    out = subprocess.run([sys.executable, script, "--one", str(n), "--system", system],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def add_isolation_options(parser) -> None:
    """The hidden options a script's child process is started with (see :func:`in_subprocess`)."""
    import argparse

    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--system", default="newsfuse", help=argparse.SUPPRESS)


def measured_in_child(args, measure) -> bool:
    """In the child process: print ``measure(n, system)`` as one JSON line and say so."""
    if not args.one:
        return False
    print(json.dumps(measure(args.one, args.system)))
    return True
