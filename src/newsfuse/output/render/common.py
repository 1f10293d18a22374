"""What both renderers share: citation numbering, labels for outlets, figures and statuses.

>>> refs = Citations()
>>> refs.number({"id": "a", "start": 0, "end": 9}), refs.number({"id": "b", "start": 3, "end": 7}), refs.number({"id": "a", "start": 0, "end": 9})
(1, 2, 1)
"""

from __future__ import annotations

from typing import Any, Iterable

STATUS_LABELS = {
    "corroborated": "corroborated",
    "conflicting": "conflicting",
    "updated": "updated",
    "single_source": "single source",
}
STATUS_MARKS = {"corroborated": "✔", "conflicting": "✖", "updated": "↑", "single_source": "·"}


class Citations:
    """Numbers citations ``{"id", "start", "end"}`` in order of first use (for [n] markers and a list)."""

    def __init__(self) -> None:
        self.order: list[tuple[str, int, int]] = []
        self._index: dict[tuple[str, int, int], int] = {}

    def number(self, citation: dict[str, Any]) -> int:
        key = (str(citation["id"]), int(citation["start"]), int(citation["end"]))
        if key not in self._index:
            self.order.append(key)
            self._index[key] = len(self.order)
        return self._index[key]

    def numbers(self, citations: Iterable[dict[str, Any]]) -> list[int]:
        return [self.number(c) for c in citations]


def outlet_names(brief: dict[str, Any]) -> dict[str, str]:
    """Article id → a name to show: its outlet, else the id itself (an anonymous page)."""
    return {a["id"]: a.get("source") or a["id"] for a in brief.get("articles", [])}


def num(x: Any) -> str:
    if x is None:
        return "?"
    if isinstance(x, float):
        x = round(x, 6)  # 440.00000000000006 (1.1 × 400) is 440
        if x.is_integer():
            x = int(x)
    return f"{x:,}" if isinstance(x, int) else f"{x:,g}" if isinstance(x, float) else str(x)


def value_range(low: Any, high: Any) -> str:
    """A figure range as people read it: "22", "90–100", "300+", "up to 40", "–"."""
    if low is None and high is None:
        return "–"
    if high is None:
        return f"{num(low)}+"
    if low is None or low == 0:
        return f"up to {num(high)}"
    return num(low) if low == high else f"{num(low)}–{num(high)}"


def figure_subject(figure: dict[str, Any]) -> str:
    """ "dead · civilians · Ostrogan · 2023-03-15" """
    parts = [str(figure.get("category") or "").replace("_", " "), str(figure.get("subject") or "")]
    if figure.get("scope"):  # a part of a larger count: "injured · people (critical condition)"
        parts[1] += f" ({figure['scope']})"
    place = figure.get("place")
    if place and place.get("text"):
        parts.append(str(place["text"]))
    if figure.get("period"):
        parts.append(str(figure["period"]))
    return " · ".join(p for p in parts if p)


def report_label(report: dict[str, Any], names: dict[str, str]) -> str:
    """ "Frontline Dispatch, citing Centre for Casualty Records: eight" """
    outlet = report.get("source") or names.get(report["id"], report["id"])
    claimant = report.get("claimant")
    who = f"{outlet}, citing {claimant.get('entity') or claimant.get('text')}" if claimant else outlet
    said = report.get("text") or value_range(report.get("low"), report.get("high"))
    return f"{who}: {said}"


def date_span(brief: dict[str, Any]) -> str:
    days = sorted(str(a["published"])[:10] for a in brief.get("articles", []) if a.get("published"))
    if not days:
        return ""
    return days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}"


def snippet(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def verdict_note(figure: dict) -> str:
    """How far a verdict can be trusted, in words, or "" when nothing was judged."""
    c = figure.get("confidence")
    if c is None:
        return ""
    return f"confidence {'high' if c >= 0.8 else 'medium' if c >= 0.6 else 'low'} ({c:.2f})"
