"""Pictures drawn on the server as inline SVG (no script, no style attribute, nothing fetched): each
toll over time per claimant, a story's places, who reprints whom, and every placed figure and story
on a map with country outlines from countryinfo's per-country GeoJSON.

Every string that came from an article goes through :func:`markupsafe.escape` before it is put in the
markup; the finished SVG is then handed to the template as :class:`markupsafe.Markup`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Iterable

from markupsafe import Markup, escape

MARKS = ("circle", "square", "triangle", "diamond")  # one per side of a conflict


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _mark(shape: str, x: float, y: float, cls: str, title: str) -> str:
    t = f"<title>{escape(title)}</title>"
    if shape == "square":
        return f'<rect class="{cls}" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8">{t}</rect>'
    if shape == "triangle":
        return f'<polygon class="{cls}" points="{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}">{t}</polygon>'
    if shape == "diamond":
        return f'<polygon class="{cls}" points="{x:.1f},{y - 5:.1f} {x - 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x + 5:.1f},{y:.1f}">{t}</polygon>'
    return f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="4">{t}</circle>'


def toll_charts(brief: dict[str, Any]) -> list[dict[str, Any]]:
    """One step chart per figure group that has two or more dated reports: the value each claimant gave
    over time, a step line per claimant; the side of a conflict sets the mark's shape."""
    charts = []
    for f in brief.get("figures") or []:
        points = []
        for r in f.get("reports") or []:
            day, value = _date(r.get("published")), r.get("value")
            if day is None or not isinstance(value, (int, float)):
                continue
            claimant = (r.get("claimant") or {}).get("entity") or (r.get("claimant") or {}).get("text") or r.get("source") or "?"
            points.append((day, float(value), str(claimant), int(r.get("side") or 0), r))
        if len(points) < 2:
            continue
        charts.append({"title": f"{f.get('category')} {f.get('subject')}" + (f" at {(f.get('place') or {}).get('text')}" if isinstance(f.get("place"), dict) and f["place"].get("text") else ""),
                       "status": f.get("status"), "svg": _step_chart(points)})
    return charts


def _step_chart(points: list[tuple[dt.date, float, str, int, dict]]) -> Markup:
    w, h, left, right, top, bottom = 560, 200, 60, 150, 12, 28
    days = [p[0] for p in points]
    d0, d1 = min(days), max(days)
    span = max((d1 - d0).days, 1)
    vmax = max(p[1] for p in points) or 1.0
    x = lambda d: left + (d - d0).days / span * (w - left - right)  # noqa: E731
    y = lambda v: top + (1 - v / vmax) * (h - top - bottom)  # noqa: E731
    claimants = list(dict.fromkeys(p[2] for p in points))
    parts = [f'<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img">',
             f'<line class="axis" x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}"/>',
             f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}"/>',
             f'<text class="tick" x="{left - 6}" y="{top + 4}" text-anchor="end">{escape(f"{vmax:,.0f}")}</text>',
             f'<text class="tick" x="{left - 6}" y="{h - bottom}" text-anchor="end">0</text>',
             f'<text class="tick" x="{left}" y="{h - 8}">{escape(d0.isoformat())}</text>',
             f'<text class="tick" x="{w - right}" y="{h - 8}" text-anchor="end">{escape(d1.isoformat())}</text>']
    for i, claimant in enumerate(claimants):
        mine = sorted((p for p in points if p[2] == claimant), key=lambda p: p[0])
        cls = f"c{i % 6}"
        path, last_y = [], None
        for day, value, _c, _side, _r in mine:
            px, py = x(day), y(value)
            path.append(f"M{px:.1f},{py:.1f}" if last_y is None else f"H{px:.1f}V{py:.1f}")
            last_y = py
        path.append(f"H{w - right:.1f}")
        parts.append(f'<path class="step {cls}" d="{" ".join(path)}"/>')
        for day, value, _c, side, r in mine:
            parts.append(_mark(MARKS[side % len(MARKS)], x(day), y(value), f"mark {cls}",
                               f"{claimant} via {r.get('source')}: {value:,.0f} ({day.isoformat()})"))
        parts.append(_mark(MARKS[mine[0][3] % len(MARKS)], w - right + 12, top + 8 + 16 * i, f"mark {cls}", claimant))
        parts.append(f'<text class="legend" x="{w - right + 22}" y="{top + 12 + 16 * i}">{escape(claimant[:24])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# ------------------------------------------------------------------ maps


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, tuple[float, float, float, float], tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """(name, bbox, rings) of every country countryinfo ships an outline for; () when it is not installed."""
    spec = find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        return ()
    out = []
    for path in sorted((Path(list(spec.submodule_search_locations)[0]) / "data").glob("*.json")):
        try:
            geo = json.loads(path.read_text(encoding="utf-8")).get("geoJSON") or {}
        except (ValueError, OSError):
            continue
        rings = []
        for feature in geo.get("features") or []:
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates") or []
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                for ring in polygon[:1]:  # the outer ring; holes do not matter at this scale
                    rings.append(tuple((float(p[0]), float(p[1])) for p in ring if len(p) >= 2))
        points = [p for ring in rings for p in ring]
        if points:
            box = (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))
            out.append((path.stem.replace("_", " "), box, tuple(rings)))
    return tuple(out)


def _map(points: list[tuple[float, float, str, str]], *, width: int = 720, height: int = 420) -> Markup:
    """Points (lon, lat, label, class) over the outlines of the countries around them."""
    if not points:
        return Markup('<p class="muted">No placed figures or places with coordinates.</p>')
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    pad = max(2.0, (max(lons) - min(lons)) * 0.25, (max(lats) - min(lats)) * 0.25)
    # the frame snapped to half degrees, so stories around the same places share one drawing of the land
    west, east = math.floor((min(lons) - pad) * 2) / 2, math.ceil((max(lons) + pad) * 2) / 2
    south, north = math.floor((min(lats) - pad) * 2) / 2, math.ceil((max(lats) + pad) * 2) / 2
    project, w, h = _projection(west, east, south, north, width, height)
    parts = [f'<svg class="map" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" role="img">',
             f'<rect class="sea" x="0" y="0" width="{w:.0f}" height="{h:.0f}"/>',
             _land(west, east, south, north, width, height)]
    for lon, lat, label, cls in points:
        x, y = project(lon, lat)
        parts.append(f'<circle class="pin {cls}" cx="{x:.1f}" cy="{y:.1f}" r="5"><title>{escape(label)}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _projection(west: float, east: float, south: float, north: float, width: int, height: int):
    """Equirectangular, x squeezed by cos(middle latitude) so shapes look right there; (project, w, h)."""
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = min(width / ((east - west) * squeeze), height / (north - south))
    return (lambda lon, lat: ((lon - west) * squeeze * scale, (north - lat) * scale),
            (east - west) * squeeze * scale, (north - south) * scale)


@lru_cache(maxsize=64)
def _land(west: float, east: float, south: float, north: float, width: int, height: int) -> str:
    """The outlines of the countries inside the frame, as SVG paths (points closer than a pixel merged)."""
    project, _w, _h = _projection(west, east, south, north, width, height)
    parts = []
    for name, box, rings in _countries():
        if box[2] < west or box[0] > east or box[3] < south or box[1] > north:
            continue
        d = []
        for ring in rings:
            cmds, last = [], None
            for lon, lat in ring:
                x, y = project(lon, lat)
                xy = (int(x), int(y))
                if xy != last:
                    cmds.append(f"{xy[0]},{xy[1]}")
                    last = xy
            if len(cmds) > 2:
                d.append("M" + " L".join(cmds) + "Z")
        if d:
            parts.append(f'<path class="land" d="{" ".join(d)}"><title>{escape(name)}</title></path>')
    return "".join(parts)


def _coords(brief: dict[str, Any]) -> dict[str, tuple[float, float]]:
    return {p["name"]: (float(p["lon"]), float(p["lat"])) for p in brief.get("places") or []
            if p.get("name") and isinstance(p.get("lat"), (int, float)) and isinstance(p.get("lon"), (int, float))}


def story_map(brief: dict[str, Any]) -> Markup:
    where = _coords(brief)
    return _map([(lon, lat, name, "place") for name, (lon, lat) in where.items()], width=480, height=300)


def corpus_map(briefs: Iterable[dict[str, Any]]) -> Markup:
    """Every placed figure (coloured by status) and each story's most mentioned place."""
    points = []
    for brief in briefs:
        where = _coords(brief)
        if where:
            name = next(iter(where))
            points.append((*where[name], f"story: {brief.get('title')} ({name})", "story"))
        for f in brief.get("figures") or []:
            place = (f.get("place") or {}).get("text") if isinstance(f.get("place"), dict) else None
            if place in where:
                points.append((*where[place], f"{f.get('category')} {f.get('subject')} at {place}: {f.get('status')}",
                               f"status-{f.get('status')}"))
    return _map(points)


def copy_graph(brief: dict[str, Any]) -> Markup:
    """The story's articles on a circle, an arrow from each reprint to what it copies."""
    records = brief.get("articles") or []
    edges = [(r["id"], c) for r in records for c in r.get("copy_of") or []]
    if not edges:
        return Markup('<p class="muted">No article here reprints another.</p>')
    ids = [r["id"] for r in records]
    n, size = len(ids), 360
    pos = {a: (size / 2 + 130 * math.cos(2 * math.pi * i / n), size / 2 + 130 * math.sin(2 * math.pi * i / n))
           for i, a in enumerate(ids)}
    label = {r["id"]: r.get("source") or r["id"] for r in records}
    parts = [f'<svg class="copies" viewBox="0 0 {size} {size}" width="{size}" height="{size}" role="img">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>']
    for a, b in edges:
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            k = 1 - 8 / max(math.hypot(x2 - x1, y2 - y1), 1)
            parts.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x1 + (x2 - x1) * k:.1f}" '
                         f'y2="{y1 + (y2 - y1) * k:.1f}" marker-end="url(#arrow)"/>')
    for a, (x, y) in pos.items():
        parts.append(f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="6"><title>{escape(a)}</title></circle>'
                     f'<text class="legend" x="{x + 8:.1f}" y="{y - 8:.1f}">{escape(str(label[a])[:22])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
