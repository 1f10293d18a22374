"""The desk's tests share one store: the sample corpus analysed once per session, copied for tests that
write corrections."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from desk_store import EXAMPLES, TOKEN, analyze_into
from fastapi.testclient import TestClient

from newsfuse.desk.app import create_app


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
