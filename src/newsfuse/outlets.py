"""The outlet registry: who publishes what, and which outlets count as one source.

A data file (bundled ``data/outlets.tsv``, extended by ``$NEWSFUSE_HOME/outlets.tsv``) lists each outlet's
name, domains, country and *group*: outlets of one owner or one state share a group and count as one
source when figures are cross-checked (a state news agency and the same state's television are not two
independent confirmations).

>>> registry = OutletRegistry.load()
>>> registry.lookup(url="https://www.trtworld.com/mea/some-story").group
'state:TR'
>>> registry.lookup(source="Anadolu Agency").group == registry.lookup(source="TRT World").group
True
>>> registry.lookup(source="Kessor Daily").independence_group   # unknown outlets stand alone
'Kessor Daily'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .settings import DATA_DIR, home_dir


@dataclass(slots=True, frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...] = ()
    country: str | None = None
    group: str | None = None  # owner or state affiliation; None: the outlet alone
    kind: str | None = None  # wire | state | state-funded | public | private

    @property
    def independence_group(self) -> str:
        return self.group or self.name


def _domain(url: str) -> str:
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host[4:] if host.startswith("www.") else host


class OutletRegistry:
    def __init__(self, outlets: list[Outlet]) -> None:
        self.by_name: dict[str, Outlet] = {}
        self.by_domain: dict[str, Outlet] = {}
        for outlet in outlets:  # later rows (user file) win
            self.by_name[outlet.name.casefold()] = outlet
            for domain in outlet.domains:
                self.by_domain[domain] = outlet

    @classmethod
    def load(cls, *extra_files: Path) -> "OutletRegistry":
        files = [DATA_DIR / "outlets.tsv", home_dir() / "outlets.tsv", *extra_files]
        return cls([o for f in files if f.exists() for o in read_outlets(f)])

    def lookup(self, *, source: str | None = None, url: str | None = None) -> Outlet:
        """The registered outlet for a source name or URL; an unregistered one stands alone."""
        if source and source.casefold() in self.by_name:
            return self.by_name[source.casefold()]
        if url:
            domain = _domain(url)
            while domain:
                if domain in self.by_domain:
                    return self.by_domain[domain]
                domain = domain.partition(".")[2] if domain.count(".") > 1 else ""
        if source and "." in source and source.casefold() == _domain(source):
            return self.lookup(url=source)
        return Outlet(name=source or (url and _domain(url)) or "unknown")


def read_outlets(path: Path) -> list[Outlet]:
    outlets = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        name, domains, country, group, kind = (c.strip() for c in cols)
        outlets.append(Outlet(name, tuple(d.strip() for d in domains.split(",") if d.strip()),
                              country or None, group or None, kind or None))
    return outlets
