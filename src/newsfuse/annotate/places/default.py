"""The gazetteer the places stage reads: the user's places, an imported GeoNames dump, the bundled index.

Built once per process and cached; the files of user places come from ``$NEWSFUSE_HOME/places.tsv``,
the bundled ``data/places.tsv`` and ``NEWSFUSE_PLACES`` (the CLI's ``--places``), which pool workers
inherit through the environment. Changing them (:func:`use_places_files`, :func:`places_files`) or
importing a dump drops the cached gazetteer, so the next lookup sees the change.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ...settings import DATA_DIR, extra_places_files, home_dir
from .gazetteer import CompositeGazetteer, Gazetteer, SqliteGazetteer, UserPlaces
from .gazetteer_build import ensure_bundled_index


def imported_dump_path() -> Path:
    return home_dir() / "gazetteer" / "geonames.sqlite"


def user_places_paths() -> list[Path]:
    return [DATA_DIR / "places.tsv", home_dir() / "places.tsv", *extra_places_files()]


@lru_cache(maxsize=1)
def default_gazetteer() -> CompositeGazetteer:
    """User places, then an imported GeoNames dump if there is one, then the bundled index.

    Built lazily once per process; the bundled index is built on first use and cached on disk
    (see :func:`.gazetteer_build.bundled_index_path`).
    """
    sources: list[Gazetteer] = [UserPlaces(user_places_paths())]
    dump = imported_dump_path()
    if dump.is_file():
        sources.append(SqliteGazetteer(dump, source="geonames-dump"))
    sources.append(SqliteGazetteer(ensure_bundled_index(), source="bundled"))
    return CompositeGazetteer(sources)


@contextmanager
def places_files(paths):
    """User-place files in force for the ``with`` block only (the environment and the gazetteer cache
    are put back after it): for callers in a long-lived process, such as evaluation scripts."""
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
    known = extra_places_files()
    wanted = known + [Path(p).resolve() for p in paths if Path(p).resolve() not in known]
    os.environ["NEWSFUSE_PLACES"] = os.pathsep.join(str(p) for p in wanted)
    default_gazetteer.cache_clear()
