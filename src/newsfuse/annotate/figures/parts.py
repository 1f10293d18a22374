"""Counts that are a part of a larger count the text gives, and which part.

News tolls come with their breakdowns: "killed 31 people, including two medics", "15 of the wounded
were in critical condition", "at least 109 of the dead were evacuees", "a video showed more than 90
bodies". A part is not a total: compared with the total it looks like a conflicting count. The figures
stage asks this module, for each count, whether it is a part and, when its subject does not already
say so, which part (:attr:`newsfuse.model.Figure.scope`):

- *partitive*: ``N of the <whole>`` where the whole is a noun saying what happened ("of the dead", "of
  the wounded", "of its workers ... among the wounded"); the part is what the copula says next ("were
  evacuees", "were in critical condition", "were opposition fighters");
- *among*: ``N <people> were among the [N] [...] killed|dead|wounded``;
- *including*: ``including N <people>`` after another count of the sentence;
- a population that names what happened to it before ("98 evacuees ... were killed"): dead evacuees;
- *footage*: what a video or photograph shows ("a video showed more than 90 bodies"), and "another N"
  right after it.

A part whose subject is narrower than the whole (children, women, fighters...) is already kept apart
by its subject (reconciliation compares children only with children); such parts get no scope. The
others get a short label: the lexicon's ``part`` entries give one label to synonyms ("medics",
"medical staff" → "medical staff"), else the words of the part ("critical condition", "evacuees"); a
part with no words of its own is "part".

>>> part_label(["critical", "condition"], None)
'critical condition'
"""

from __future__ import annotations

import re

from ...text.lexicon import word_set

GENERIC_HEADS = word_set("figure_words.tsv", "part_generic_head")
# Subjects the reconciliation keeps with the whole ("16 people" / "16 civilians"): their parts need a scope.
WHOLE_SUBJECTS = frozenset({"people", "civilians"})
COPULA = word_set("figure_words.tsv", "part_copula")
# What happened to a population that is not what a toll counts: "98 evacuees ... were killed".
POPULATION_CATEGORIES = frozenset({"displaced", "fled", "returned", "arrived", "abducted", "detained", "surrendered"})
TOLL_CATEGORIES = frozenset({"dead", "injured", "dead_or_injured", "missing"})
MEDIA = word_set("figure_words.tsv", "media")
SHOWS = word_set("figure_words.tsv", "shows")
PART_STOPS = word_set("figure_words.tsv", "part_stop")
_FILLER = word_set("figure_words.tsv", "part_filler")


def part_label(words: list[str], lex) -> str:
    """The label of a part from its words: a lexicon ``part`` entry if one matches, else the words."""
    if lex is not None:
        hits = lex.match("part", words)
        if hits:
            return hits[0].value
    kept = [w for w in words if w not in _FILLER and re.match(r"[^\W\d_]", w)]
    return " ".join(kept) if kept else "part"


def after_copula(lows: list[str], j: int, limit: int = 6) -> int | None:
    """Where the predicate starts after ``were``/``was``..., skipping a short phrase before it
    ("two of the killed in Jayrud were medical staff"); None when no copula follows."""
    x = j
    while x < min(len(lows), j + limit):
        w = lows[x]
        if w in ("were", "was", "are", "is"):
            x += 1
            while x < len(lows) and lows[x] in COPULA:
                x += 1
            return x
        if w in PART_STOPS and w not in ("the",):
            return None
        x += 1
    return None


def predicate_words(lows: list[str], i: int, limit: int = 4) -> list[str]:
    """The words of a predicate after the copula, up to a clause stop ("in critical condition")."""
    out = []
    for w in lows[i : i + limit + 2]:
        if w in PART_STOPS and w != "the":
            break
        out.append(w)
        if len([x for x in out if x not in _FILLER]) >= limit:
            break
    return out


def among_whole(lows: list[str], j: int, lex, triggers) -> tuple[str, str | None] | None:
    """``among the [N] [...] killed|dead|wounded`` at ``lows[j] == "among"``: the whole's category and,
    when it names one, its subject ("among the terrorists killed" → fighters)."""
    subject = None
    for x in range(j + 1, min(len(lows), j + 9)):
        w = lows[x]
        if w in (",", ";", ".", "but", "while", "and") or w == "<nonum>":
            return None
        noun = lex.noun(lows, x)
        if noun is not None and noun[0] == "person":
            if noun[3] is not None:
                return noun[3], subject
            subject = noun[2]
        m = triggers.get(x)
        if m is not None:
            return m.value, subject
    return None


def footage_before(lows: list[str], k: int) -> bool:
    """A media noun and a verb of showing before the count, in its clause ("a video ... showed 90")."""
    seen_show = False
    for x in range(k - 1, max(-1, k - 16), -1):
        w = lows[x]
        if w in (";", ".", "but", "while") or w == "<num>":
            return False
        if w in SHOWS:
            seen_show = True
        elif w in MEDIA and seen_show:
            return True
    return False
