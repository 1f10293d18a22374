"""Verdicts kept over time: each figure group's status per story, appended when it changes, never updated.

A briefing is rebuilt whenever its story gains an article; the figure table it shows then is the
verdict of that moment. :func:`record_verdicts` compares it with the last verdict stored for each
figure group of the story and appends a row for every group whose status, range or reports changed
(and a ``gone`` row for a group no longer in the briefing), naming the article that changed it: the
newest-ingested article among the reports that were not there before.

The clock is the store's: ``recorded`` is when the verdict was stored, and "as it stood at T" means
"from the article versions ingested by T" (:func:`versions_as_of`), not by their publish dates: a
report published on Monday and read on Wednesday was not part of Tuesday's picture.

>>> from newsfuse.store import open_store
>>> store = open_store(":memory:")
>>> fig = {"category": "dead", "subject": "people", "place": None, "period": "2023-03-14",
...        "status": "single_source", "low": 4, "high": 4, "reports": []}
>>> [c.new["status"] for c in record_verdicts(store, "s1", {"figures": [fig]})]
['single_source']
>>> record_verdicts(store, "s1", {"figures": [fig]})
[]
>>> [r["status"] for r in verdict_history(store, ["s1"])]
['single_source']
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

GONE = "gone"  # the figure group is no longer in the story's briefing


def figure_key(figure: Mapping[str, Any]) -> str:
    """What names a figure group across rebuilds of a briefing: category, subject, place, period."""
    place = figure.get("place")
    place_text = place.get("text") if isinstance(place, Mapping) else (place or "")
    return "|".join(str(part or "") for part in (figure.get("category"), figure.get("subject"), place_text,
                                                  figure.get("period")))


def utc_stamp(moment: str | dt.datetime) -> str:
    """A time as the store writes it (UTC, milliseconds), so stamps compare as strings. A time without
    a zone is taken as UTC; a date alone means its start."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")


def _now() -> str:
    return utc_stamp(dt.datetime.now(dt.timezone.utc))


@dataclass(frozen=True)
class VerdictChange:
    """One appended verdict: ``old`` is None for a figure group seen for the first time."""

    story: str
    key: str
    figure: dict[str, Any]  # category, subject, place, period
    old: dict[str, Any] | None  # status, value, low, high, reason, reports (of the previous row)
    new: dict[str, Any]
    changed_by: str | None


def _reports(figure: Mapping[str, Any], urls: Mapping[str, str | None]) -> list[dict[str, Any]]:
    return [{"id": r.get("id"), "source": r.get("source"), "url": urls.get(r.get("id") or ""),
             "start": r.get("start"), "end": r.get("end"), "text": r.get("text"), "value": r.get("value")}
            for r in figure.get("reports") or []]


def _claimants(figure: Mapping[str, Any]) -> list[str]:
    names = []
    for r in figure.get("reports") or []:
        claimant = r.get("claimant") or {}
        name = claimant.get("entity") or claimant.get("text") or r.get("source")
        if name and name not in names:
            names.append(name)
    return names


def _state(figure: Mapping[str, Any], reports: list[dict[str, Any]]) -> dict[str, Any]:
    values = [r["value"] for r in reports if r.get("value") is not None]
    return {"status": figure.get("status"), "value": values[-1] if values else None, "low": figure.get("low"),
            "high": figure.get("high"), "reason": figure.get("reason"), "reports": reports}


def _same(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    ids = lambda state: sorted((r["id"], r["start"]) for r in state["reports"])  # noqa: E731
    return all(old[k] == new[k] for k in ("status", "low", "high")) and ids(old) == ids(new)


def _latest_rows(conn, story_id: str) -> dict[str, Any]:
    rows = conn.execute(
        """SELECT * FROM verdicts WHERE id IN (SELECT max(id) FROM verdicts WHERE story_id = ? GROUP BY figure_key)""",
        (story_id,),
    )
    return {r["figure_key"]: r for r in rows}


def _row_state(row) -> dict[str, Any]:
    return {"status": row["status"], "value": row["value"], "low": row["low"], "high": row["high"],
            "reason": row["reason"], "reports": json.loads(row["reports"])}


def _newest_ingested(conn, article_ids: Iterable[str]) -> str | None:
    ids = sorted(set(a for a in article_ids if a))
    if not ids:
        return None
    row = conn.execute(
        f"""SELECT article_id FROM versions WHERE article_id IN ({",".join("?" * len(ids))})
            ORDER BY id DESC LIMIT 1""", ids).fetchone()
    return None if row is None else row["article_id"]


def _continued(latest: Mapping[str, Any], claimed: set[str], category: Any, spans: set[tuple]) -> str | None:
    """The key of a live group this one continues: same category, a report in common. A group's key
    moves when its period or place is settled by a later report ("Wednesday" once the dates agree),
    and its verdict history must move with it."""
    for key, row in latest.items():
        if key in claimed or row["status"] == GONE or json.loads(row["figure"]).get("category") != category:
            continue
        if spans & {(r["id"], r["start"]) for r in json.loads(row["reports"])}:
            return key
    return None


def record_verdicts(store, story_id: str, brief: Mapping[str, Any], *, run_id: int | None = None,
                    recorded: str | None = None) -> list[VerdictChange]:
    """Append a verdict for every figure group of ``brief`` that changed since the story's last one (and
    a ``gone`` one for each group it lost); returns the changes, oldest group first."""
    conn = store._conn
    urls = {a.get("id"): a.get("url") for a in brief.get("articles") or []}
    recorded = recorded or _now()
    changes: list[VerdictChange] = []
    with store.transaction():
        latest = {k: r for k, r in _latest_rows(conn, story_id).items() if k not in _retired(conn, story_id)}
        seen: set[str] = set()
        claimed: set[str] = set()
        for figure in brief.get("figures") or []:
            key = figure_key(figure)
            if key in seen:  # two groups that differ only in what the key leaves out: the first speaks
                continue
            seen.add(key)
            new = _state(figure, _reports(figure, urls))
            described = {k: figure.get(k) for k in ("category", "subject", "place", "period")}
            previous_key = key if key in latest else _continued(
                latest, claimed | set(latest.keys() & seen), figure.get("category"),
                {(r["id"], r["start"]) for r in new["reports"]})
            claimed.add(previous_key or key)
            row = latest.get(previous_key) if previous_key else None
            old = _row_state(row) if row is not None else None
            if previous_key == key and old is not None and old["status"] != GONE and _same(old, new):
                continue
            if previous_key and previous_key != key:
                described = {**described, "continues": previous_key}
            before = {r["id"] for r in old["reports"]} if old else set()
            changed_by = _newest_ingested(conn, (r["id"] for r in new["reports"] if r["id"] not in before))
            _append(conn, story_id, key, run_id, recorded, new, described, _claimants(figure), changed_by)
            shown = {k: v for k, v in described.items() if k != "continues"}
            changes.append(VerdictChange(story_id, key, shown, old, new, changed_by))
        for key, row in latest.items():
            if key not in seen and key not in claimed and row["status"] != GONE:
                gone = {**_row_state(row), "status": GONE, "reason": "no longer in the briefing"}
                _append(conn, story_id, key, run_id, recorded, gone, json.loads(row["figure"]), [], None)
                changes.append(VerdictChange(story_id, key, json.loads(row["figure"]), _row_state(row), gone, None))
    return changes


def _retired(conn, story_id: str) -> set[str]:
    """Keys whose group lives on under another key (a later row ``continues`` them)."""
    rows = conn.execute("SELECT figure FROM verdicts WHERE story_id = ? AND figure LIKE '%\"continues\"%'",
                        (story_id,))
    return {json.loads(r[0]).get("continues") for r in rows} - {None}


def _append(conn, story_id: str, key: str, run_id: int | None, recorded: str, state: Mapping[str, Any],
            figure: Mapping[str, Any], claimants: Sequence[str], changed_by: str | None) -> None:
    conn.execute(
        """INSERT INTO verdicts (story_id, figure_key, run_id, recorded, status, value, low, high, figure,
                                 claimants, reports, changed_by, reason)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (story_id, key, run_id, recorded, state["status"], state["value"], state["low"], state["high"],
         json.dumps(dict(figure), ensure_ascii=False), json.dumps(list(claimants), ensure_ascii=False),
         json.dumps(state["reports"], ensure_ascii=False), changed_by, state["reason"]),
    )


def verdict_history(store, story_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every verdict recorded for these story ids (a story and the ids merged into it), in the order
    they were recorded: what changed, from what, and which article changed it."""
    ids = list(dict.fromkeys(story_ids))
    if not ids:
        return []
    rows = store._conn.execute(
        f"SELECT * FROM verdicts WHERE story_id IN ({','.join('?' * len(ids))}) ORDER BY id", ids).fetchall()
    previous: dict[str, str] = {}
    out = []
    for r in rows:
        figure = json.loads(r["figure"])
        before = previous.get(r["figure_key"], previous.get(figure.get("continues") or ""))
        out.append({"recorded": r["recorded"], "story": r["story_id"], "run": r["run_id"], "figure_key": r["figure_key"],
                    "figure": figure, "old_status": before,
                    "status": r["status"], "value": r["value"], "low": r["low"], "high": r["high"],
                    "claimants": json.loads(r["claimants"]), "changed_by": r["changed_by"], "reason": r["reason"],
                    "reports": json.loads(r["reports"])})
        previous[r["figure_key"]] = r["status"]
    return out


def versions_as_of(store, article_ids: Sequence[str], as_of: str) -> list[int]:
    """For each article, its newest version ingested by ``as_of`` (a :func:`utc_stamp`); articles not
    yet ingested then, and versions held in quarantine, are left out."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return []
    rows = store._conn.execute(
        f"""SELECT max(v.id) FROM versions v WHERE v.article_id IN ({','.join('?' * len(ids))}) AND v.ingested <= ?
            AND v.id NOT IN (SELECT version_id FROM quarantine WHERE version_id IS NOT NULL AND released IS NULL)
            GROUP BY v.article_id""", (*ids, as_of))
    return sorted(r[0] for r in rows)
