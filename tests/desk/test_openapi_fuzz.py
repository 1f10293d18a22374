"""Schemathesis against the desk's OpenAPI schema: whatever a client sends within the schema (and,
for query parameters, just outside it), the desk answers without a server error (no 5xx). A modest
number of examples per operation keeps CI fast; the writes go to a copy of the store.

Operations are driven one by one with Hypothesis (``operation.as_strategy()``) rather than through
schemathesis' pytest plugin, which does not work with this pytest."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from desk_store import TOKEN

from newsfuse.desk.app import create_app

EXAMPLES = 12  # per operation


def fuzz(app, examples: int = EXAMPLES) -> list[int]:
    """Drive every operation of ``app``'s schema with generated requests; raises on a 5xx. Returns the
    status codes seen."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    seen: list[int] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            # the writes carry the token, so the correction code runs, not only the 401
            headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" else None
            response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
            seen.append(response.status_code)

        run()
    return seen


def test_no_operation_answers_with_a_server_error(sample_store, tmp_path):
    db = tmp_path / "fuzz.db"
    shutil.copy(sample_store, db)
    app = create_app(str(db), token=TOKEN)
    assert len([p for p in app.openapi()["paths"] if p.startswith("/api/v1/")]) >= 11
    seen = fuzz(app)
    assert seen and max(seen) < 500


def test_the_harness_fails_on_a_server_error():
    broken = FastAPI()

    @broken.get("/items/{n}")
    def item(n: int):
        return {"half": 1 // (n % 2)}  # ZeroDivisionError for even n: a 500

    with pytest.raises(Exception):
        fuzz(broken, examples=20)
