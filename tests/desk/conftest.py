"""The desk's tests share one store: the sample corpus analysed once per session (in a subprocess, so
its user places do not change this process's gazetteer), copied for tests that write corrections."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsfuse.desk.app import create_app

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


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("desk-sample")
    db = folder / "sample.db"
    analyze_into(db, folder / "out", str(EXAMPLES), outlets=EXAMPLES / "outlets.tsv", places=EXAMPLES / "places.tsv")
    return db


@pytest.fixture()
def store_copy(sample_store, tmp_path) -> Path:
    """A copy of the sample store that a test may write corrections into."""
    db = tmp_path / "desk.db"
    shutil.copy(sample_store, db)
    return db


@pytest.fixture(scope="session")
def client(sample_store) -> TestClient:
    """A desk over the sample store that no test writes to."""
    return TestClient(create_app(str(sample_store), token=TOKEN, outlets=str(EXAMPLES / "outlets.tsv")))


@pytest.fixture()
def writable_client(store_copy) -> TestClient:
    return TestClient(create_app(str(store_copy), token=TOKEN, outlets=str(EXAMPLES / "outlets.tsv")))


@pytest.fixture(scope="session")
def ostrogan(client) -> str:
    """The id of the sample corpus's story about the siege of Ostrogan (found by search, not hard-coded)."""
    found = client.get("/api/v1/search", params={"q": "Ostrogan siege Brelo"}).json()["items"]
    assert len(found) == 1
    return found[0]["id"]
