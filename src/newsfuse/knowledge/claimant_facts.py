"""What the texts take for granted about claimants: who speaks for which organisation, how an
organisation is described once it has been named, and how a country's state media are named.

The facts live in ``data/claimant_knowledge.tsv`` (users add rows in
``$NEWSFUSE_HOME/claimant_knowledge.tsv``): three kinds of rows, see the file's header.

- :func:`organisation_of_speaker`: "Rami Abdel Rahman" → "Syrian Observatory for Human Rights";
- :func:`describes`: may "the monitor" refer back to the Syrian Observatory for Human Rights?
- :func:`state_media_country`: "the Assad regime's official television channel" → "SY";
  "Syrian state TV" → "SY"; "state television" (no country) → "" (a state medium of an unknown country);
  "pro-Damascus media" → None (not state media);
- :func:`demonym`: "SY" → "Syrian".

>>> organisation_of_speaker("Igor Konashenkov")
'Russian Ministry of Defence'
>>> describes("Syrian Observatory for Human Rights", "monitoring group"), describes("Russian Ministry of Defence", "monitor")
(True, False)
>>> state_media_country("Wednesday the Assad regimes official television channel"), state_media_country("state TV")
('SY', '')
>>> state_media_country("pro-Damascus media outlets") is None
True
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..settings import DATA_DIR, home_dir

# Heads that name a medium, and the modifiers that make it the state's own.
_MEDIA_HEAD = r"(?:television(?:\s+channel)?|tv(?:\s+channel)?|channel|broadcaster|radio|media|news\s+agency|agency|news)"
_STATE_MARK = r"(?:state|state-run|state-owned|state-controlled|official|government|government-run|regime|public)"
_STATE_MEDIA = re.compile(rf"\b{_STATE_MARK}(?:\s+(?:{_STATE_MARK}|news|[\w-]+-language))*\s+{_MEDIA_HEAD}\b", re.I)
# "the official Syrian news agency": a country's word between the mark and the medium
_STATE_MEDIA_OF = re.compile(rf"\b{_STATE_MARK}\s+([\w'-]+)\s+{_MEDIA_HEAD}\b", re.I)
_SPACE = re.compile(r"\s+")


@dataclass
class Knowledge:
    speakers: dict[str, str] = field(default_factory=dict)  # folded person name -> organisation
    descriptions: dict[str, set[str]] = field(default_factory=dict)  # organisation -> folded descriptions
    countries: list[tuple[str, str]] = field(default_factory=list)  # (folded country word, code), longest first
    demonyms: dict[str, str] = field(default_factory=dict)  # code -> demonym


def fold(text: str) -> str:
    """Lower case, curly apostrophes straight, spaces single."""
    return _SPACE.sub(" ", text.replace("’", "'").strip()).casefold()


def knowledge_paths() -> list[Path]:
    return [DATA_DIR / "claimant_knowledge.tsv", home_dir() / "claimant_knowledge.tsv"]


_CHECKED: list = [0.0, None]  # when the files were last looked at, and what was loaded then
_RECHECK_SECONDS = 2.0  # looked up for every claimant: look at the files at most this often


def load() -> Knowledge:
    """Bundled + user rows; reloaded when either file changes (or ``NEWSFUSE_HOME`` moves)."""
    now = time.monotonic()
    home = os.environ.get("NEWSFUSE_HOME")
    if _CHECKED[1] is not None and now - _CHECKED[0] < _RECHECK_SECONDS and _CHECKED[2:] == [home]:
        return _CHECKED[1]
    stamped = tuple((str(p), p.stat().st_mtime) for p in knowledge_paths() if p.is_file())
    _CHECKED[:] = [now, _load(stamped), home]
    return _CHECKED[1]


@lru_cache(maxsize=4)
def _load(paths: tuple[tuple[str, float], ...]) -> Knowledge:
    k = Knowledge()
    countries: dict[str, str] = {}
    for path, _mtime in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) < 3 or cols[0] == "kind":
                continue
            kind, names, target = cols[0], [n.strip() for n in cols[1].split("|") if n.strip()], cols[2]
            if kind == "speaker":
                for n in names:
                    k.speakers[fold(n)] = target
            elif kind == "description":
                k.descriptions.setdefault(target, set()).update(fold(n) for n in names)
            elif kind == "state_media" and names:
                k.demonyms.setdefault(target, names[0])
                for n in names:
                    countries[fold(n)] = target
    k.countries = sorted(countries.items(), key=lambda kv: -len(kv[0]))
    return k


def organisation_of_speaker(name: str) -> str | None:
    """The organisation a well-known spokesperson or head speaks for, if the table knows the name."""
    return load().speakers.get(fold(name))


def describes(organisation: str, description: str) -> bool:
    """May ``description`` ("the monitor", "Britain-based group") refer to ``organisation``? True when
    the table lists the description (or its head noun) for it, or the head noun is a word of its name
    ("the ministry" → "Russian Ministry of Defence")."""
    words = [w for w in re.findall(r"[\w'-]+", fold(description)) if w not in ("the", "a", "an")]
    words = [w for w in words if not w.endswith("-based")]
    if not words:
        return False
    listed = load().descriptions.get(organisation, set())
    phrase = " ".join(words)
    head = words[-1]
    if phrase in listed or head in listed:
        return True
    return head in {w for w in re.findall(r"[\w'-]+", fold(organisation))}


def country_in(text: str) -> str | None:
    """The code of the first country (or ruler) the text names, by the table's words."""
    low = " " + fold(text) + " "
    best = None
    for word, code in load().countries:
        m = re.search(rf"(?<![\w-]){re.escape(word)}(?:'s)?(?![\w-])", low)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), code)
    return best[1] if best else None


def state_media_country(text: str) -> str | None:
    """The country whose state media the phrase names: a code, "" when it names none, None when the
    phrase is not state media at all."""
    low = fold(text)
    m = _STATE_MEDIA.search(low)
    if m is None:
        m = _STATE_MEDIA_OF.search(low)
        if m is None or country_in(m.group(1)) is None:
            return None
    before = low[: m.start()]
    if re.search(r"\bpro-[\w-]*\s*$", before) or "pro-" in m.group(0):
        return None
    return country_in(before + " " + m.group(0)) or ""


def demonym(code: str) -> str | None:
    return load().demonyms.get(code)


__all__ = ["organisation_of_speaker", "describes", "state_media_country", "country_in", "demonym", "fold", "load"]
