"""The outlet registry: who publishes what, and which outlets count as one source.

A tab-separated file with a header row (bundled ``data/outlets.tsv``, then ``$NEWSFUSE_HOME/outlets.tsv``,
then any file given with ``--outlets``; later rows win) lists each outlet's name, aliases, domains,
country, *group*, affiliation and kind. Outlets of one owner or one state share a group and count as one
source when figures are cross-checked: a state news agency and the same state's television are not two
independent confirmations. ``aliases`` and ``domains`` are ``|``-separated.

>>> registry = OutletRegistry.load()
>>> registry.lookup(url="https://www.trtworld.com/mea/some-story").group
'state:TR'
>>> registry.lookup(source="Anadolu Agency").group == registry.lookup(source="TRT").group
True
>>> registry.lookup(source="Kessor Daily").independence_group   # unknown outlets stand alone
'Kessor Daily'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from ..settings import DATA_DIR, home_dir

COLUMNS = ("outlet", "aliases", "domains", "country", "group", "affiliation", "kind")


@dataclass(slots=True, frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    group: str | None = None  # owner or state: outlets of one group are one source
    affiliation: str | None = None  # a readable line for the briefing ("Turkish state news agency")
    kind: str | None = None  # wire_agency | state_agency | state_broadcaster | newspaper | ...

    @property
    def independence_group(self) -> str:
        return self.group or self.name


def _domain(url: str) -> str:
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host[4:] if host.startswith("www.") else host


class OutletRegistry:
    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self.by_name: dict[str, Outlet] = {}
        self.by_domain: dict[str, Outlet] = {}
        for outlet in outlets:  # later rows win
            for name in (outlet.name, *outlet.aliases):
                self.by_name[name.casefold()] = outlet
            for domain in outlet.domains:
                self.by_domain[domain.casefold()] = outlet

    @classmethod
    def load(cls, *extra_files: str | Path) -> "OutletRegistry":
        files = [DATA_DIR / "outlets.tsv", home_dir() / "outlets.tsv", *map(Path, extra_files)]
        return cls(o for f in files if f.exists() for o in read_outlets(f))

    def lookup(self, *, source: str | None = None, url: str | None = None) -> Outlet:
        """The registered outlet for a source name, domain or URL; an unregistered one stands alone."""
        if source and source.casefold() in self.by_name:
            return self.by_name[source.casefold()]
        for candidate in (url, source):
            domain = _domain(candidate).casefold() if candidate and "." in candidate else ""
            while domain:
                if domain in self.by_domain:
                    return self.by_domain[domain]
                domain = domain.partition(".")[2] if domain.count(".") > 1 else ""
        return Outlet(name=source or (url and _domain(url)) or "unknown")


def read_outlets(path: str | Path) -> list[Outlet]:
    """Rows of an outlets file; a missing column is empty. Lines starting with '#' are comments."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    outlets = []
    for row in csv.DictReader(lines, delimiter="\t"):
        name = (row.get("outlet") or row.get("name") or "").strip()
        if not name:
            continue
        split = lambda key: tuple(x.strip() for x in (row.get(key) or "").split("|") if x.strip())  # noqa: E731
        value = lambda key: (row.get(key) or "").strip() or None  # noqa: E731
        outlets.append(Outlet(name, split("aliases"), split("domains"), value("country"), value("group"),
                              value("affiliation"), value("kind")))
    return outlets
