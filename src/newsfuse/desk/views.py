"""Data the pages and the API both show, made from the store and the stored briefings: figures across
stories, outlets (owner, what they copy from whom), entities (labels per outlet), places."""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from typing import Any, Iterable

FIGURE_COLUMNS = ("story", "story_title", "category", "subject", "place", "period", "status", "best", "low", "high",
                  "independent_sources", "claimants", "reports", "reason")


def figure_rows(briefs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per figure group of every briefing. ``best`` is the median of the reported values."""
    rows = []
    for brief in briefs:
        for i, f in enumerate(brief.get("figures") or []):
            values = [r["value"] for r in f.get("reports") or [] if isinstance(r.get("value"), (int, float))]
            claimants = list(dict.fromkeys(
                (r.get("claimant") or {}).get("entity") or (r.get("claimant") or {}).get("text") or r.get("source") or "?"
                for r in f.get("reports") or []))
            place = f.get("place") or {}
            rows.append({
                "story": brief.get("story"), "story_title": brief.get("title"), "index": i,
                "category": f.get("category"), "subject": f.get("subject"),
                "place": place.get("text") if isinstance(place, dict) else place, "period": f.get("period"),
                "status": f.get("status"), "best": statistics.median(values) if values else None,
                "low": f.get("low"), "high": f.get("high"), "independent_sources": f.get("independent_sources"),
                "claimants": claimants, "reports": len(f.get("reports") or []), "reason": f.get("reason"),
            })
    return rows


def filter_figures(rows: list[dict[str, Any]], *, status: str = "", category: str = "", place: str = "",
                   claimant: str = "", story: str = "") -> list[dict[str, Any]]:
    def keep(r: dict[str, Any]) -> bool:
        return ((not status or r["status"] == status) and (not category or r["category"] == category)
                and (not place or r["place"] == place) and (not story or r["story"] == story)
                and (not claimant or claimant in r["claimants"]))
    return [r for r in rows if keep(r)]


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (=, +, -, @ first)."""
    text = "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def figures_csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIGURE_COLUMNS)
    for r in rows:
        writer.writerow([_cell(r[c]) for c in FIGURE_COLUMNS])
    return out.getvalue().encode("utf-8")


def outlet_info(briefs: Iterable[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """An outlet across stories: owner group, affiliation, its articles, whom it copies and who
    copies it, and the mean share of its text reused from others."""
    group = affiliation = None
    articles, shares = [], []
    copies_from, copied_by = Counter(), Counter()
    for brief in briefs:
        records = brief.get("articles") or []
        outlet_of = {r["id"]: r.get("source") for r in records}
        for r in records:
            if r.get("source") == name:
                group = group or r.get("outlet_group")
                affiliation = affiliation or r.get("affiliation")
                articles.append({"id": r["id"], "title": r.get("title"), "published": r.get("published"),
                                 "story": brief.get("story"), "copy_of": r.get("copy_of") or []})
                shares.append(float(r.get("reused_share") or 0.0))
                copies_from.update(outlet_of.get(c) or c for c in r.get("copy_of") or [])
            for c in r.get("copy_of") or []:
                if outlet_of.get(c) == name and r.get("source") != name:
                    copied_by[r.get("source") or "?"] += 1
    if not articles:
        return None
    return {"name": name, "group": group, "affiliation": affiliation, "articles": articles,
            "reused_share": round(sum(shares) / len(shares), 4),
            "copies_from": [{"outlet": k, "articles": v} for k, v in copies_from.most_common()],
            "copied_by": [{"outlet": k, "articles": v} for k, v in copied_by.most_common()]}


def entity_info(briefs: Iterable[dict[str, Any]], name: str) -> dict[str, Any]:
    """Which outlet calls the entity what (labels and aliases from the framing of each story)."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for brief in briefs:
        for frame in brief.get("framing") or []:
            if frame.get("entity") != name:
                continue
            for label in frame.get("labels") or []:
                source = label.get("source") or "?"
                labels[source].update(label.get("aliases") or {})
                labels[source].update({t: 1 for t in label.get("terms") or []})
    return {"name": name, "labels": [{"outlet": o, "terms": [{"term": t, "count": n} for t, n in c.most_common()]}
                                     for o, c in sorted(labels.items())]}


def place_info(briefs: Iterable[dict[str, Any]], name: str) -> dict[str, Any] | None:
    found = None
    mentions = 0
    for brief in briefs:
        for p in brief.get("places") or []:
            if p.get("name") == name:
                found = found or p
                mentions += int(p.get("mentions") or 0)
    if found is None:
        return None
    return {"name": name, "lat": found.get("lat"), "lon": found.get("lon"), "country_code": found.get("country_code"),
            "geonameid": found.get("geonameid"), "mentions": mentions}


def quote_wordings(quotes: Iterable[dict[str, Any]], texts: dict[str, str]) -> list[list[dict[str, Any]]]:
    """For each quote group, the outlets whose words differ from the group's text: ``{"source",
    "kind", "text"}`` with the words as that article has them (the span of its report)."""
    def norm(text: str) -> str:
        return " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split()).casefold()

    out = []
    for q in quotes:
        differing = []
        for r in q.get("reports") or []:
            text = texts.get(r.get("id"), "")
            start, end = r.get("start"), r.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                continue
            words = text[start:end]
            if norm(words) != norm(str(q.get("text") or "")):
                differing.append({"source": r.get("source") or r.get("id"), "kind": r.get("kind"), "text": words,
                                  "id": r.get("id"), "start": start, "end": end})
        out.append(differing)
    return out


def quote_speakers(quotes: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """For each quote group whose outlets give the words to different speakers (``speakers_differ``),
    each attribution with the reports that make it: ``{"speaker", "reports": [{"source", "id", "start",
    "end"}]}`` (an article's first report in the group); an empty list for the other groups.

    >>> q = {"speakers_differ": True, "speakers": [{"speaker": "Mara Tesk", "ids": ["a1"]},
    ...      {"speaker": "Ilo Varn", "ids": ["b2"]}], "reports": [{"id": "a1", "source": "Ledger", "start": 1,
    ...      "end": 9}, {"id": "b2", "source": "Courier", "start": 4, "end": 12}]}
    >>> [(s["speaker"], [r["source"] for r in s["reports"]]) for s in quote_speakers([q, {}])[0]], quote_speakers([{}])
    ([('Mara Tesk', ['Ledger']), ('Ilo Varn', ['Courier'])], [[]])
    """
    out = []
    for q in quotes:
        if not q.get("speakers_differ"):
            out.append([])
            continue
        first: dict[str, dict[str, Any]] = {}
        for r in q.get("reports") or []:
            first.setdefault(r.get("id"), r)
        out.append([{"speaker": s.get("speaker"),
                     "reports": [{"source": first[i].get("source") or i, "id": i, "start": first[i].get("start"),
                                  "end": first[i].get("end")} for i in s.get("ids") or [] if i in first]}
                    for s in q.get("speakers") or []])
    return out
