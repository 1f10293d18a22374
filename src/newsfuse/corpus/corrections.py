"""Analyst corrections: overrides kept in the store and applied whenever results are read.

A correction never rewrites stored annotations. The store keeps the analyst's decisions
(``store.add_correction(kind, target, payload)``) and these pure functions apply them to fresh
copies every time briefings are built, so a correction survives re-runs of every stage.
A later correction of the same kind and target overrides an earlier one. Record, list and retract
them with ``newsfuse correct`` or from Python with ``newsfuse.api.add_correction``,
``api.list_corrections`` and ``api.retract_correction``;
:class:`newsfuse.output.corrected.CorrectedBriefing` applies them to briefings.

Kinds (target → payload):

- ``merge_entities``: entity name → ``{"into": canonical name}``
- ``split_entity``: mention ``"article_id:start"`` → ``{"entity": new name}``
- ``figure_category``: figure ``"article_id:start"`` → ``{"category": ...}``
- ``figure_claimant``: figure ``"article_id:start"`` → ``{"claimant": name}``
- ``not_a_copy``: article id → ``{"of": other article id, or None for "of nothing"}``
- ``move_article``: article id → ``{"story": story id}``; the id names the story's briefing files, so
  it is letters, digits, ``_``, ``-`` and inner dots only (:func:`safe_story_id`): ``../../x`` or
  ``/etc/x`` is refused when the correction is made, and ignored if a store holds one already
- ``outlet_affiliation``: outlet name → ``{"group": ..., "affiliation": ...}``

>>> from newsfuse.model import Article, EntityMention
>>> from newsfuse.store.rows import Correction
>>> a = Article.create(id="a1", text="ISIS fled.").with_layer(
...     entities=[EntityMention(0, 4, "ISIS", "ORG", "ISIS", method="entities/rules-1")])
>>> fix = Correction(1, "merge_entities", "ISIS", {"into": "IS"}, "ana", "2026-01-01", True)
>>> [fixed], notes = apply_corrections([a], [fix])
>>> fixed.entities[0].entity, fixed.entities[0].method
('IS', 'entities/rules-1+corrected')
>>> notes[0]["note"]
'entity "ISIS" merged into "IS" (1 mention)'
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, Mapping, Sequence

from ..knowledge.outlets import Outlet, OutletRegistry
from ..model import Article, Figure, Quote, SpanRef
from ..store.rows import Correction
from .reuse import ArticleReuse

# kind → the payload keys it needs (a CLI and the API both check them)
KINDS: dict[str, tuple[str, ...]] = {
    "merge_entities": ("into",),
    "split_entity": ("entity",),
    "figure_category": ("category",),
    "figure_claimant": ("claimant",),
    "not_a_copy": (),  # "of" is optional: missing or None means "a copy of nothing"
    "move_article": ("story",),
    "outlet_affiliation": (),  # "group" and/or "affiliation"
}
CORRECTED = "+corrected"
_STORY_ID = re.compile(r"[A-Za-z0-9_-](?:[A-Za-z0-9_.-]{0,118}[A-Za-z0-9_-])?")


def safe_story_id(story: object) -> bool:
    """Whether ``story`` can name a briefing file inside the output folder: 1-120 letters, digits,
    ``_``, ``-`` and dots, no dot first or last and no ``..``.

    >>> [safe_story_id(s) for s in ("story-3f2a", "floods.2023", "../../x", "/etc/x", "a/b", ".x", "")]
    [True, True, False, False, False, False, False]
    """
    if isinstance(story, int) and not isinstance(story, bool):
        story = str(story)
    return isinstance(story, str) and _STORY_ID.fullmatch(story) is not None and ".." not in story


def validate(kind: str, target: str, payload: Mapping[str, Any]) -> None:
    """Raise ValueError when a correction cannot be applied as written.

    >>> validate("split_entity", "a1:12", {"entity": "SDF"})
    >>> validate("split_entity", "a1", {"entity": "SDF"})
    Traceback (most recent call last):
    ...
    ValueError: split_entity needs a target "article_id:start", not 'a1'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown correction kind {kind!r}; one of: {', '.join(KINDS)}")
    missing = [k for k in KINDS[kind] if payload.get(k) in (None, "")]
    if missing:
        raise ValueError(f"{kind} needs {', '.join(missing)}")
    if kind in ("split_entity", "figure_category", "figure_claimant"):
        parse_span_target(target, kind)
    if kind == "outlet_affiliation" and not ({"group", "affiliation"} & set(payload)):
        raise ValueError("outlet_affiliation needs group and/or affiliation")
    if kind == "move_article" and not safe_story_id(payload["story"]):
        raise ValueError(f"move_article needs a story id of letters, digits, '_', '-' and inner dots (it names "
                         f"the briefing files in the output folder), not {payload['story']!r}")


def record(store: Any, kind: str, target: str, payload: Mapping[str, Any] | None = None, *,
           author: str | None = None) -> int:
    """Check a correction and keep it in ``store`` (a :class:`newsfuse.store.Store`); returns its id.
    ``newsfuse correct``, the API and the desk's pages all record corrections through here."""
    payload = dict(payload or {})
    validate(kind, target, payload)
    return store.add_correction(kind, target, payload, author=author)


def parse_span_target(target: str, kind: str = "correction") -> tuple[str, int]:
    """``"article_id:start"`` → (article id, start); article ids may themselves contain ':'."""
    article_id, sep, start = target.rpartition(":")
    if not sep or not article_id or not start.strip().lstrip("-").isdigit():
        raise ValueError(f'{kind} needs a target "article_id:start", not {target!r}')
    return article_id, int(start)


def _latest(corrections: Iterable[Correction], kind: str) -> dict[str, Correction]:
    """The active corrections of one kind by target; a later one replaces an earlier one."""
    out: dict[str, Correction] = {}
    for c in sorted(corrections, key=lambda c: c.id):
        if c.kind == kind and c.active:
            out[c.target] = c
    return out


def _payload(c: Correction) -> dict[str, Any]:
    return c.payload if isinstance(c.payload, dict) else {}


def _note(c: Correction, article_id: str | None, text: str) -> dict[str, Any]:
    """A line for the briefing: where a human corrected the machine, and who."""
    return {"id": c.id, "kind": c.kind, "target": c.target, "article": article_id, "author": c.author,
            "created": c.created, "note": text}


def _marked(method: str) -> str:
    return method if method.endswith(CORRECTED) else method + CORRECTED


# --------------------------------------------------------------------------- entities


def _merge_map(corrections: Iterable[Correction]) -> dict[str, tuple[str, Correction]]:
    """entity (casefolded) → (final canonical name, correction); chains A→B→C resolve to C, cycles stop."""
    direct = {t.casefold(): (str(_payload(c)["into"]), c) for t, c in _latest(corrections, "merge_entities").items()
              if _payload(c).get("into")}
    out = {}
    for key, (into, c) in direct.items():
        seen = {key}
        while into.casefold() in direct and into.casefold() not in seen:
            seen.add(into.casefold())
            into = direct[into.casefold()][0]
        out[key] = (into, c)
    return out


def _rename_ref(ref: SpanRef | None, merges: dict[str, tuple[str, Correction]]) -> SpanRef | None:
    if ref is None or not ref.entity or ref.entity.casefold() not in merges:
        return ref
    return replace(ref, entity=merges[ref.entity.casefold()][0])


# --------------------------------------------------------------------------- articles


def apply_corrections(
    articles: Sequence[Article], corrections: Iterable[Correction]
) -> tuple[list[Article], list[dict[str, Any]]]:
    """Copies of ``articles`` with entity and figure corrections applied, plus one note per change.

    Merges rename every mention (and every claimant/speaker reference) of an entity; splits then give
    one mention its own entity; figure fixes set one figure's category or claimant. Changed records
    get ``method`` suffixed ``+corrected``. Each note is a dict with ``note`` (readable text),
    ``article``, ``id`` (the correction), ``kind``, ``target`` and ``author``.
    """
    corrections = list(corrections)
    merges = _merge_map(corrections)
    splits = _by_span(_latest(corrections, "split_entity"))
    categories = _by_span(_latest(corrections, "figure_category"))
    claimants = _by_span(_latest(corrections, "figure_claimant"))
    notes: list[dict[str, Any]] = []
    out = []
    for a in articles:
        merged: dict[int, int] = {}  # correction id → mentions renamed in this article
        entities = []
        for m in a.entities:
            new = m
            if m.entity.casefold() in merges:
                into, c = merges[m.entity.casefold()]
                if into != m.entity:
                    new = replace(m, entity=into, method=_marked(m.method))
                    merged[c.id] = merged.get(c.id, 0) + 1
            split = splits.get((a.id, m.start))
            if split is not None:
                name = str(_payload(split)["entity"])
                new = replace(new, entity=name, method=_marked(m.method))
                notes.append(_note(split, a.id, f'mention "{m.text}" at {m.start} is "{name}", not "{m.entity}"'))
            entities.append(new)
        for c in {mc.id: mc for _, mc in merges.values()}.values():
            if c.id in merged:
                n = merged[c.id]
                notes.append(_note(c, a.id, f'entity "{c.target}" merged into "{merges[c.target.casefold()][0]}" '
                                            f'({n} mention{"s" if n != 1 else ""})'))
        figures = [_fix_figure(a, f, merges, categories, claimants, notes) for f in a.figures]
        quotes = [_fix_quote(q, merges) for q in a.quotes]
        if entities != list(a.entities) or figures != list(a.figures) or quotes != list(a.quotes):
            a = a.with_layer(entities=entities, figures=figures, quotes=quotes)
        out.append(a)
    return out, notes


def _by_span(latest: dict[str, Correction]) -> dict[tuple[str, int], Correction]:
    out = {}
    for target, c in latest.items():
        try:
            out[parse_span_target(target, c.kind)] = c
        except ValueError:
            continue  # a malformed target matches nothing; the CLI refuses to store one
    return out


def _fix_figure(a: Article, f: Figure, merges, categories, claimants, notes: list) -> Figure:
    new = replace(f, claimant=_rename_ref(f.claimant, merges))
    fix = categories.get((a.id, f.start))
    if fix is not None:
        category = str(_payload(fix)["category"])
        new = replace(new, category=category, method=_marked(f.method))
        notes.append(_note(fix, a.id, f'figure "{f.text}" is category "{category}", not "{f.category}"'))
    fix = claimants.get((a.id, f.start))
    if fix is not None:
        name = str(_payload(fix)["claimant"])
        new = replace(new, claimant=_claimant_ref(a, f, name), method=_marked(f.method))
        before = f.claimant.text if f.claimant else "no one"
        notes.append(_note(fix, a.id, f'figure "{f.text}" is claimed by "{name}", not {before!r}'))
    return new


def _claimant_ref(a: Article, f: Figure, name: str) -> SpanRef:
    """The analyst's claimant: its span in the text when it is written there (the occurrence nearest the
    figure), else an empty span at the figure carrying the name (the text does not name it)."""
    text, key = a.text.casefold(), name.casefold()
    starts, i = [], text.find(key)
    while i >= 0 and key:
        starts.append(i)
        i = text.find(key, i + 1)
    if starts:
        s = min(starts, key=lambda s: abs(s - f.start))
        return SpanRef(s, s + len(name), a.text[s:s + len(name)], name)
    return SpanRef(f.start, f.start, name, name)


def _fix_quote(q: Quote, merges) -> Quote:
    speaker = _rename_ref(q.speaker, merges)
    return q if speaker is q.speaker else replace(q, speaker=speaker)


# --------------------------------------------------------------------------- copies, stories, outlets


def apply_copy_corrections(
    reports: Mapping[str, ArticleReuse], corrections: Iterable[Correction]
) -> dict[str, ArticleReuse]:
    """Reuse reports with ``not_a_copy`` applied: the named original (or every one, when ``of`` is None)
    is taken out of the article's ``copy_of``, so the two count as independent sources again.

    >>> r = {"b": ArticleReuse("b", 0.9, ("a",))}
    >>> fix = Correction(2, "not_a_copy", "b", {"of": None}, None, "", True)
    >>> apply_copy_corrections(r, [fix])["b"].copy_of
    ()
    """
    out = dict(reports)
    for target, c in _latest(corrections, "not_a_copy").items():
        if target in out:
            of = _payload(c).get("of")
            r = out[target]
            out[target] = replace(r, copy_of=tuple(o for o in r.copy_of if of is not None and o != of))
    return out


def copy_notes(reports: Mapping[str, ArticleReuse], corrections: Iterable[Correction]) -> list[dict[str, Any]]:
    """A note for each ``not_a_copy`` correction about an article among ``reports``."""
    notes = []
    for target, c in _latest(corrections, "not_a_copy").items():
        if target in reports:
            of = _payload(c).get("of")
            notes.append(_note(c, target, f"{target} is not a copy" + (f" of {of}" if of else "")))
    return notes


def apply_story_corrections(
    assignments: Mapping[str, str], corrections: Iterable[Correction]
) -> dict[str, str]:
    """Article id → story id with ``move_article`` applied (articles not in ``assignments`` are ignored).

    >>> fix = Correction(3, "move_article", "a2", {"story": "s9"}, None, "", True)
    >>> apply_story_corrections({"a1": "s1", "a2": "s1"}, [fix])
    {'a1': 's1', 'a2': 's9'}
    """
    out = dict(assignments)
    for target, c in _moves(corrections).items():
        if target in out:
            out[target] = str(_payload(c)["story"])
    return out


def _moves(corrections: Iterable[Correction]) -> dict[str, Correction]:
    """The active ``move_article`` corrections that can apply: a story id that could name a file
    outside the output folder (stored before ids were checked) is ignored."""
    return {t: c for t, c in _latest(corrections, "move_article").items() if safe_story_id(_payload(c).get("story"))}


def story_notes(assignments: Mapping[str, str], corrections: Iterable[Correction]) -> list[dict[str, Any]]:
    notes = []
    for target, c in _moves(corrections).items():
        if target in assignments:
            notes.append(_note(c, target, f"{target} moved to story {_payload(c)['story']} by an analyst"))
    return notes


def registry_with_corrections(registry: OutletRegistry, corrections: Iterable[Correction]) -> OutletRegistry:
    """A new registry where each ``outlet_affiliation`` correction sets the outlet's group/affiliation
    (an unregistered outlet is registered under its name). The given registry is not changed.

    >>> fix = Correction(4, "outlet_affiliation", "Kessor Daily", {"group": "state:XX"}, None, "", True)
    >>> registry_with_corrections(OutletRegistry(), [fix]).lookup(source="Kessor Daily").group
    'state:XX'
    """
    latest = _latest(corrections, "outlet_affiliation")
    if not latest:
        return registry
    known: dict[int, Outlet] = {}
    for outlet in [*registry.by_name.values(), *registry.by_domain.values()]:
        known.setdefault(id(outlet), outlet)
    fixed = []
    for target, c in latest.items():
        p = _payload(c)
        outlet = registry.lookup(source=target)
        changes = {k: (p[k] or None) for k in ("group", "affiliation") if k in p}
        fixed.append(replace(outlet, **changes))
    return OutletRegistry([*known.values(), *fixed])  # later rows win


def outlet_notes(articles: Sequence[Article], registry: OutletRegistry,
                 corrections: Iterable[Correction]) -> list[dict[str, Any]]:
    """A note per article whose outlet's group or affiliation an analyst set."""
    notes = []
    for target, c in _latest(corrections, "outlet_affiliation").items():
        name = registry.lookup(source=target).name.casefold()
        p = _payload(c)
        said = ", ".join(f"{k} {p[k]!r}" for k in ("group", "affiliation") if k in p)
        for a in articles:
            if (a.source or a.url) and registry.lookup(source=a.source, url=a.url).name.casefold() == name:
                notes.append(_note(c, a.id, f"outlet {target}: {said} set by an analyst"))
    return notes


# --------------------------------------------------------------------------- reading and briefing


def moved_articles(corrections: Iterable[Correction]) -> set[str]:
    """The ids of the articles an active ``move_article`` correction puts in a story of the analyst's."""
    return set(_moves(corrections))


def copy_filter(corrections: Sequence[Correction]):
    """The ``reuse_filter`` for ``build_brief``: machine reuse reports with ``not_a_copy`` applied."""
    return lambda reports: apply_copy_corrections(reports, corrections)
