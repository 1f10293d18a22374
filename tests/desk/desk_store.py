"""What the desk's tests share besides fixtures: the sample corpus, the token, and analysing inputs into a
store in a subprocess (so user places do not change this process's gazetteer). A module of its own name:
``conftest`` is a name several test folders use."""

from __future__ import annotations

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
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
