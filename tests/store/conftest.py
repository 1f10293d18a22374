"""The store every store test starts from: a fresh one in memory, closed after the test."""

import pytest

from newsfuse.store import open_store


@pytest.fixture
def store():
    s = open_store(":memory:")
    yield s
    s.close()
