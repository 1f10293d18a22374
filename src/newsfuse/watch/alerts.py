"""Which changes become alerts, filtered by the rules, each sent once.

Kinds (``config.ALERT_KINDS``):

- ``new_story``: a story the store did not have;
- ``figure_conflicting``: a figure group becomes conflicting (or first appears so);
- ``toll_updated``: a cumulative count is reported higher (status ``updated``, range raised);
- ``figure_corroborated``: a single-source figure gets an independent corroboration;
- ``outlet_copying``: an outlet is first seen reprinting another.

Every alert carries the story, the figure (for figure alerts), the old and new status with their
ranges, and citations (article id, url, outlet, span). Its ``key`` names the change itself (for a
figure: story, group, new status and range), and the store remembers sent keys, so a restart, a
re-poll or a rebuilt briefing never sends the same change twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Mapping

from ..store.verdicts import GONE, VerdictChange
from .config import AlertRules


def _range(state: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if state is None:
        return None
    return {"status": state["status"], "low": state.get("low"), "high": state.get("high"), "value": state.get("value")}


def _top(state: Mapping[str, Any] | None) -> float:
    if state is None:
        return float("-inf")
    values = [v for v in (state.get("high"), state.get("low"), state.get("value")) if v is not None]
    return max(values) if values else float("-inf")


def figure_kind(change: VerdictChange) -> str | None:
    """The alert a verdict change calls for, if any."""
    old, new = change.old, change.new
    was = old["status"] if old else None
    if new["status"] == GONE:
        return None
    if new["status"] == "conflicting" and was != "conflicting":
        return "figure_conflicting"
    if new["status"] == "updated" and (was != "updated" or _top(new) > _top(old)):
        return "toll_updated"
    if new["status"] == "corroborated" and was == "single_source":
        return "figure_corroborated"
    return None


def _stamp() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def _story_citations(brief: Mapping[str, Any], urls: Mapping[str, Any]) -> list[dict[str, Any]]:
    for sentence in brief.get("summary") or []:
        cites = [{"id": c["id"], "url": urls.get(c["id"]), "start": c["start"], "end": c["end"]}
                 for c in sentence.get("citations") or []]
        if cites:
            return cites
    return [{"id": a["id"], "url": a.get("url"), "start": None, "end": None} for a in brief.get("articles", [])[:1]]


def story_alerts(story: str, brief: Mapping[str, Any], changes: Iterable[VerdictChange], *, is_new: bool
                 ) -> list[tuple[str, dict[str, Any]]]:
    """(key, alert) for every change of one rebuilt story, new story first, in the briefing's order."""
    urls = {a["id"]: a.get("url") for a in brief.get("articles") or []}
    source = {a["id"]: a.get("source") for a in brief.get("articles") or []}
    base = {"story": story, "title": brief.get("title")}
    out = []
    if is_new:
        out.append((f"new_story|{story}", {"kind": "new_story", **base, "figure": None, "old": None, "new": None,
                                           "changed_by": None, "citations": _story_citations(brief, urls)}))
    for change in changes:
        kind = figure_kind(change)
        if kind is None:
            continue
        new = change.new
        key = f"{kind}|{story}|{change.key}|{new['status']}|{new.get('low')}|{new.get('high')}"
        citations = [{"id": r["id"], "url": r.get("url"), "source": r.get("source"), "start": r.get("start"),
                      "end": r.get("end"), "text": r.get("text")} for r in new["reports"]]
        out.append((key, {"kind": kind, **base, "figure": change.figure, "old": _range(change.old),
                          "new": _range(new), "reason": new.get("reason"), "changed_by": change.changed_by,
                          "citations": citations}))
    for record in brief.get("articles") or []:
        for original in record.get("copy_of") or []:
            copier, copied = record.get("source"), source.get(original)
            if not copier or not copied or copier == copied:
                continue
            spans = [s for r in brief.get("reuse") or [] for s in r.get("spans", []) if s["id"] in (record["id"], original)]
            citations = [{"id": s["id"], "url": urls.get(s["id"]), "source": source.get(s["id"]), "start": s["start"],
                          "end": s["end"]} for s in spans] or [
                {"id": i, "url": urls.get(i), "source": source.get(i), "start": None, "end": None}
                for i in (record["id"], original)]
            out.append((f"outlet_copying|{copier}|{copied}",
                        {"kind": "outlet_copying", **base, "figure": None, "old": None,
                         "new": {"copier": copier, "copied": copied}, "changed_by": record["id"],
                         "citations": citations}))
    return out


def _places_of(alert: Mapping[str, Any], brief: Mapping[str, Any]) -> set[str]:
    figure = alert.get("figure")
    if figure:
        place = figure.get("place")
        text = place.get("text") if isinstance(place, Mapping) else place
        return {text.casefold()} if text else set()
    return {str(p.get("name") or p.get("text") or "").casefold() for p in brief.get("places") or []} - {""}


def allowed(alert: Mapping[str, Any], brief: Mapping[str, Any], rules: AlertRules) -> bool:
    """Whether the rules let this alert through."""
    if alert["kind"] not in rules.kinds:
        return False
    if rules.places and not (_places_of(alert, brief) & set(rules.places)):
        return False
    figure = alert.get("figure")
    if rules.categories and figure and str(figure.get("category") or "").casefold() not in rules.categories:
        return False
    if rules.outlets:
        cited = {str(c.get("source") or "").casefold() for c in alert["citations"]}
        cited |= {str(a.get("source") or "").casefold() for a in brief.get("articles") or []
                  if a["id"] in {c["id"] for c in alert["citations"]}}
        if not cited & set(rules.outlets):
            return False
    return True


def stamped(alert: dict[str, Any]) -> dict[str, Any]:
    return {**alert, "at": _stamp()}
