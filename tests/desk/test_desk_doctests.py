"""The examples in the desk's docstrings run (FTS query quoting, http(s)-only links, text runs)."""

import doctest
import importlib

import pytest

MODULES = ["newsfuse.desk.reader", "newsfuse.desk.security", "newsfuse.desk.highlight", "newsfuse.desk.views", "newsfuse.output.story_index",
           "newsfuse.desk.stored_pages"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
