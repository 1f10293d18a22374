"""Fixtures for the ingest tests: ``write`` (files in tmp_path, gzipped for ``.gz`` names) and ``site``
(a local HTTP server, see ingest_fixtures.SiteServer)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from ingest_fixtures import SiteServer, TricklingServer


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content) → path; str content is written as UTF-8, ``.gz`` names are gzipped."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if name.endswith(".gz"):
            data = gzip.compress(data)
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def site():
    server = SiteServer()
    yield server
    server.close()


@pytest.fixture
def trickling():
    """A server on 127.0.0.1 that sends a byte of body every 0.2 s for ever (ingest_fixtures.TricklingServer)."""
    server = TricklingServer(every=0.2)
    yield server
    server.close()
