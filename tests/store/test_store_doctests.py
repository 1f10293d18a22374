"""The examples in the store's docstrings run."""

import doctest
import importlib

import pytest

MODULES = ["newsfuse.store", "newsfuse.store.sqlite", "newsfuse.store.urls", "newsfuse.store.codec",
           "newsfuse.store.migrations", "newsfuse.store.story_pages"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
