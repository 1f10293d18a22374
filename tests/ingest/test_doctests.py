"""The examples in the ingest modules' docstrings run."""

import doctest
import importlib

import pytest

MODULES = ["errors", "rawbytes", "ids", "outlet", "formats", "language", "published", "plain_text",
           "html_fragment", "html_page"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(f"newsfuse.ingest.{name}"))
    assert result.attempted > 0 and result.failed == 0
