"""Disjoint sets (union-find): which items have been joined, directly or through others.

Reuse joins sentences that are one text, reconciliation joins sources named together, the summary
joins candidate sentences that say the same thing: all of them ask this one structure.

>>> uf = UnionFind(["wire", "reprint", "observer", "copy"])
>>> uf.union("reprint", "wire"), uf.union("copy", "reprint")
('reprint', 'copy')
>>> uf.find("wire"), uf.groups()
('copy', [['wire', 'reprint', 'copy'], ['observer']])
"""

from __future__ import annotations

from typing import Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")


class UnionFind(Generic[T]):
    """Items join on first sight (:meth:`find`, :meth:`union`). A set is named by its smallest item,
    so its name never depends on the order in which sets were joined (reconciliation compares and
    sorts these names)."""

    __slots__ = ("parent",)

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {x: x for x in items}

    def find(self, x: T) -> T:
        """The name of ``x``'s set (``x`` itself when it was never seen: it joins as a set of one)."""
        parent = self.parent
        if x not in parent:
            parent[x] = x
            return x
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving: later finds take fewer steps
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> T:
        """Join the sets of ``a`` and ``b``; returns the name of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if rb < ra:  # type: ignore[operator]
            ra, rb = rb, ra
        self.parent[rb] = ra
        return ra

    def __contains__(self, x: object) -> bool:
        return x in self.parent

    def __iter__(self) -> Iterator[T]:
        return iter(self.parent)

    def groups(self) -> list[list[T]]:
        """Every set, its items in the order they were first seen; the sets in the order of their first
        item."""
        out: dict[T, list[T]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())
