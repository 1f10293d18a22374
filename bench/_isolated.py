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
