"""The entity alias lexicon: which surface forms name the same real-world actor.

The bundled file ``data/aliases.tsv`` and the user's ``$NEWSFUSE_HOME/aliases.tsv`` have the same
tab-separated columns ``canonical  label  aliases`` (aliases separated by ``|``, ``#`` comments).
A user line whose canonical name is already known replaces the bundled line, so users can fix or
extend entries without touching code.

Matching rule: an alias that holds an acronym-like token ("IS", "U.N.", "US-led coalition") or is a
single word ("Daesh", "Amnesty") must match with its exact capitalisation, since "is", "who" and
"amnesty" are ordinary words; longer aliases ignore case ("Syrian army" = "Syrian Army").

>>> lex = AliasLexicon.from_rows([("Islamic State", "ORG", ["IS", "Daesh", "the IS group"])])
>>> lex.lookup("Daesh").canonical, lex.lookup("the IS group").canonical, lex.lookup("is")
('Islamic State', 'Islamic State', None)
>>> canonical_form("the Syrian Observatory for Human Rights's")
'Syrian Observatory for Human Rights'
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..settings import DATA_DIR, home_dir

log = logging.getLogger(__name__)

_ACRONYM_TOKEN = re.compile(r"^(?:[A-Z][A-Z0-9&]+|(?:[A-Z]\.){2,})$")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    canonical: str
    label: str


def canonical_form(text: str) -> str:
    """A mention's text as a name: without a leading "the", a trailing possessive, or extra spaces."""
    s = " ".join(text.split())
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    s = re.sub(r"(?:'s|’s|'|’)$", "", s)
    return s.strip(" ,.;:\"“”")


def is_case_sensitive(alias: str) -> bool:
    """True when the alias must match with its exact capitalisation (see the module docstring)."""
    tokens = re.split(r"[\s\-–]+", alias.strip())
    tokens = [t for t in tokens if t]
    if len(tokens) <= 1:
        return True
    return any(_ACRONYM_TOKEN.match(t) for t in tokens)


def _fold(alias: str) -> str:
    return " ".join(canonical_form(alias).split()).casefold()


class AliasLexicon:
    """Surface form → (canonical name, label)."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[AliasEntry, list[str]]] = {}
        self._exact: dict[str, AliasEntry] = {}
        self._folded: dict[str, AliasEntry] = {}

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, list[str]]]) -> "AliasLexicon":
        lex = cls()
        for canonical, label, aliases in rows:
            lex.add(canonical, label, aliases)
        return lex

    def add(self, canonical: str, label: str, aliases: Iterable[str]) -> None:
        """Add an entity (replacing an earlier entry with the same canonical name)."""
        names = [canonical, *aliases]
        self.entries[canonical] = (AliasEntry(canonical, label), names)
        self._reindex()

    def _reindex(self) -> None:
        self._exact.clear()
        self._folded.clear()
        for entry, names in self.entries.values():
            for n in names:
                n = canonical_form(n)
                if not n:
                    continue
                if is_case_sensitive(n):
                    self._exact[n] = entry
                    # Sentence-initial or headline capitalisation of a single lower-case-led word.
                    if n[:1].islower():
                        self._exact.setdefault(n[:1].upper() + n[1:], entry)
                else:
                    self._folded[_fold(n)] = entry

    def lookup(self, text: str) -> AliasEntry | None:
        s = canonical_form(text)
        if not s:
            return None
        hit = self._exact.get(s)
        if hit:
            return hit
        if not is_case_sensitive(s):
            return self._folded.get(_fold(s))
        return None

    def patterns(self) -> Iterable[tuple[str, AliasEntry, bool]]:
        """(surface form, entry, case_sensitive) for building a PhraseMatcher."""
        for s, e in self._exact.items():
            yield s, e, True
        for s, e in self._folded.items():
            yield s, e, False

    def __len__(self) -> int:
        return len(self.entries)


def read_alias_file(path: str | Path) -> list[tuple[str, str, list[str]]]:
    path = Path(path)
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        canonical = (row.get("canonical") or "").strip()
        if not canonical:
            continue
        label = (row.get("label") or "ORG").strip().upper()
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        rows.append((canonical, label, aliases))
    return rows


def alias_paths() -> list[Path]:
    return [DATA_DIR / "aliases.tsv", home_dir() / "aliases.tsv"]


@lru_cache(maxsize=4)
def _load(paths: tuple[tuple[str, float], ...]) -> AliasLexicon:
    lex = AliasLexicon()
    for path, _mtime in paths:
        for canonical, label, aliases in read_alias_file(path):
            lex.entries[canonical] = (AliasEntry(canonical, label), [canonical, *aliases])
    lex._reindex()
    return lex


def load_lexicon() -> AliasLexicon:
    """Bundled + user lexicon; reloaded when either file changes."""
    stamped = tuple((str(p), p.stat().st_mtime) for p in alias_paths() if p.is_file())
    return _load(stamped)
