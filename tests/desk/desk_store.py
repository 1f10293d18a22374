"""What the desk's tests share besides fixtures: the sample corpus, the token, and analysing inputs into a
store in a subprocess (so user places do not change this process's gazetteer). A module of its own name:
``conftest`` is a name several test folders use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TOKEN = "desk-test-token-123"


def analyze_into(db: Path, out: Path, *paths: str, outlets: Path | None = None, places: Path | None = None) -> None:
    cmd = [sys.executable, "-m", "newsfuse", "analyze", *paths, "--db", str(db), "--out", str(out), "--no-progress"]
    if outlets:
        cmd += ["--outlets", str(outlets)]
    if places:
        cmd += ["--places", str(places)]
    # NEWSFUSE_PLACES is how --places reaches worker processes; a test that used --places in this
    # process may have left it naming a file that is gone, so the child does not inherit it
    env = {k: v for k, v in os.environ.items() if k != "NEWSFUSE_PLACES"}
    done = subprocess.run(cmd, capture_output=True, timeout=600, env=env, text=True)
    assert done.returncode == 0, f"analyze failed ({done.returncode}): {done.stderr[-3000:]}"
