"""What reading one count produces: the method figures are recorded under, the noun phrase that says
what is counted, and the decision on what happened with the word that decided it."""

from __future__ import annotations

from dataclasses import dataclass

NAME = "figures"
VERSION = "rules-2"  # rules-2: parts of a count (scope), earlier tolls, datelines
METHOD = f"{NAME}/{VERSION}"


@dataclass
class NounPhrase:
    head: str | None  # lowercase head word(s), None for a bare number
    kind: str | None  # person | household | home | thing | unknown | None
    subject: str
    category: str | None  # category the noun phrase itself implies ("46 deaths")
    end: int  # token index one past the noun phrase
    from_left: bool = False
    partitive: bool = False  # "15 of the wounded": a part of the count the noun names


@dataclass
class Decision:
    category: str
    trigger: tuple[int, int] | None  # token span of the word that decided
    how: str  # anchor | left | right | noun | coordination | nearest | none
    cumulative: bool = False
