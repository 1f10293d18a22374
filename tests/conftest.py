"""Fixtures every floor's tests share.

The seed pages are two real news pages in ``../shared/seeds`` (beside the evaluation data, see
``settings.eval_dir``): read at test time, never copied into the project. Tests find them through
these fixtures only, and are skipped where they are not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from newsfuse.settings import eval_dir

SEEDS = eval_dir().parent / "seeds"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The seed pages (``*.txt``), in name order."""
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(paths) < 2:
        pytest.skip(f"seed pages not found in {SEEDS}")
    return paths


@pytest.fixture(scope="session")
def seed_path(seed_paths: list[Path]) -> Callable[[str], Path]:
    """The seed page whose name starts with a prefix: ``seed_path("004")``."""
    return lambda prefix: next(p for p in seed_paths if p.name.startswith(f"{prefix}_"))
