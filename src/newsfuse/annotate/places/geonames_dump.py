"""Import a GeoNames dump (allCountries.txt, a country file such as SY.txt, or their .zip) into a
gazetteer index under ``$NEWSFUSE_HOME/gazetteer/geonames.sqlite``, which the places stage then asks
before the bundled index (villages such as al-Baghuz Fawqani are in the dumps, not in the bundle).

The dump format is GeoNames' tab-separated ``geoname`` table (19 columns: geonameid, name,
asciiname, alternatenames, latitude, longitude, feature class, feature code, country code, cc2,
admin1, admin2, admin3, admin4, population, elevation, dem, timezone, modification date).

>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> dump = os.path.join(d, "XX.txt")
>>> row = ["1", "Sample Town", "Sample Town", "Sampletown,Samplé", "10.5", "20.25", "P", "PPL", "XX", "",
...        "01", "", "", "", "1200", "", "5", "Etc/UTC", "2020-01-01"]
>>> _ = open(dump, "w", encoding="utf-8").write("\\t".join(row) + "\\n")
>>> import_geonames_dump(dump, os.path.join(d, "g.sqlite"))
1
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

from .default import default_gazetteer, imported_dump_path
from .gazetteer import IndexWriter, Place
from .placenames import is_latin

DEFAULT_FEATURE_CLASSES = ("A", "P", "L", "S", "T", "H", "V", "R", "U")


def _lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if member.endswith(".txt") and not member.lower().startswith("readme"):
                    with zf.open(member) as fh:
                        yield from io.TextIOWrapper(fh, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as fh:
            yield from fh


def _admin_keys(cc: str, fcode: str, a1: str, a2: str) -> tuple[str | None, str | None]:
    admin1 = f"{cc}.{a1}" if cc and a1 and a1 != "00" else None
    admin2 = f"{cc}.{a1}.{a2}" if admin1 and a2 else None
    if fcode == "ADM1":
        admin2 = None
    return admin1, admin2


def import_geonames_dump(
    path: str | Path,
    target: str | Path | None = None,
    feature_classes: Iterable[str] = DEFAULT_FEATURE_CLASSES,
    min_population: int = 0,
    replace: bool = False,
) -> int:
    """Index a GeoNames dump file into ``target`` (default: the user's imported gazetteer).

    Records of other feature classes, or populated places smaller than ``min_population``, are
    skipped. A second import adds to the first (SY.txt, then IQ.txt) unless ``replace``. The index
    is written beside the target and swapped in at the end, so a running process never sees half
    a file. Returns the number of places read from this dump.
    """
    src = Path(path)
    dest = Path(target) if target else imported_dump_path()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(f".tmp{os.getpid()}")
    if dest.is_file() and not replace:
        shutil.copyfile(dest, tmp)
    classes = set(feature_classes)
    count = 0
    with IndexWriter(tmp) as w:
        w.set_meta(source=str(src.name))
        for line in _lines(src):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or not cols[0].isdigit():
                continue
            fclass, fcode, cc = cols[6], cols[7], cols[8]
            if fclass not in classes:
                continue
            population = int(cols[14] or 0)
            if fclass == "P" and population < min_population:
                continue
            admin1, admin2 = _admin_keys(cc, fcode, cols[10], cols[11])
            place = Place(int(cols[0]), cols[1], float(cols[4]), float(cols[5]), cc or None, fclass, fcode,
                          population, admin1, admin2, source="geonames-dump")
            alternates = [cols[2]] + [a for a in cols[3].split(",") if a and is_latin(a)]
            w.add_place(place, alternates)
            count += 1
    os.replace(tmp, dest)
    default_gazetteer.cache_clear()  # this process sees the new records from now on
    return count
