"""Framing per actor per outlet: the labels each outlet gives each entity of a story.

For every canonical entity (``Article.entities``) and every outlet, rule-based patterns over the
sentence text collect what the outlet calls it:

- ``noun``: a label noun right after a mention ("SDF militants", "Daesh terrorists", "IS group");
- ``modifier``: participle modifiers right before a mention ("Kurdish-led SDF", "YPG dominated SDF");
- ``apposition``: "SOHR, a Britain-based war monitor";
- ``description``: a copula after the mention ("the SDF is the Syrian branch of the PKK");
- ``phrase``: a bare noun phrase from the lexicon that names no entity but refers to one the same
  article mentions ("US-backed militants" → SDF, "the extremist group" → IS);
- ``alias``: the name variant used (IS / ISIS / Daesh); the most frequent one is the outlet's
  preferred alias.

Words inside direct quotes are not the outlet's own: they are kept, flagged ``quoted``, and left out
of ``terms``. Reported speech ("he said the jihadists held ...") is the outlet's own wording and counts.
Every label carries its ``[start, end)`` spans. The lexicon is ``data/framing_terms.tsv`` plus the
user's ``$NEWSFUSE_HOME/framing_terms.tsv``.

>>> from newsfuse.model import Article, EntityMention, Sentence
>>> text = "Northland Brigades fighters shelled the port. The Brigades, a Kestan-backed militia, denied it."
>>> a = Article.create(id="a1", text=text, source="Ledger").with_layer(
...     sentences=(Sentence(0, 45), Sentence(46, len(text))),
...     entities=(EntityMention(0, 18, "Northland Brigades", "ORG", "Northland Brigades"),
...               EntityMention(50, 58, "Brigades", "ORG", "Northland Brigades")))
>>> [(l["source"], l["terms"], l["alias"]) for f in framing_json([a]) for l in f["labels"]]
[('Ledger', ['fighters', 'a Kestan-backed militia'], 'Northland Brigades')]
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..annotate.clean.sentences import sentence_at
from ..model import Article, EntityMention
from ..settings import DATA_DIR, home_dir
from ..text.lexicon import read_terms, word_set

METHOD = "framing/rules-1"

# Entity kinds that can be framed; places and dates are not actors.
ACTOR_LABELS = frozenset({"ORG", "NORP", "PERSON"})

# Participles that turn a name into a stance: "US-backed", "Kurdish-led", "YPG dominated".
_PARTICIPLE = r"(?:backed|led|based|linked|allied|affiliated|aligned|dominated|controlled|supported|funded|sponsored|run|held|inspired)"
_MODIFIER = rf"[\w.]+(?:-|\s){_PARTICIPLE}"
_QUOTE_CHARS = "\"“”"
# "X was the size of ...", "X is the first to ...": a copula that does not say what X is.
_NOT_A_DESCRIPTION = word_set("story_words.tsv", "not_a_description")


@dataclass(frozen=True)
class LexiconEntry:
    term: str  # lowercase; may end with * (any ending)
    kind: str  # noun | alias | phrase | word
    loaded: bool
    refers_to: str | None = None


@dataclass(frozen=True)
class Label:
    """One label an outlet gives an entity at one place in one article."""

    entity: str
    source: str
    article_id: str
    start: int
    end: int
    term: str
    kind: str  # noun | modifier | apposition | description | phrase | alias | word
    loaded: bool
    quoted: bool


# --------------------------------------------------------------------------- lexicon


def _read_lexicon(path: Path) -> list[LexiconEntry]:
    entries = []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")
        for row in rows:
            if len(row) < 2 or row[0] == "term":
                continue
            term, kind = row[0].strip().lower(), row[1].strip()
            loaded = len(row) > 2 and row[2].strip().lower() in ("yes", "true", "1")
            refers = row[3].strip() if len(row) > 3 and row[3].strip() not in ("", "-") else None
            entries.append(LexiconEntry(term, kind, loaded, refers))
    return entries


@lru_cache(maxsize=4)
def lexicon(user_file: str | None = None) -> tuple[LexiconEntry, ...]:
    """The bundled lexicon, then the user's rows (a user row for the same term and kind wins)."""
    entries = _read_lexicon(DATA_DIR / "framing_terms.tsv")
    user = Path(user_file) if user_file else home_dir() / "framing_terms.tsv"
    if user.is_file():
        entries += _read_lexicon(user)
    merged: dict[tuple[str, str], LexiconEntry] = {}
    for e in entries:
        merged[(e.term, e.kind)] = e
    return tuple(merged.values())


def _term_regex(term: str) -> str:
    words = [re.escape(w[:-1]) + r"[\w-]*" if w.endswith("*") else re.escape(w) for w in term.split()]
    return r"\s+".join(words)


def _pattern(entries: Iterable[LexiconEntry]) -> re.Pattern[str] | None:
    parts = sorted((_term_regex(e.term) for e in entries), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE) if parts else None


def _lookup(entries: Sequence[LexiconEntry], text: str) -> LexiconEntry | None:
    low = " ".join(text.lower().split())
    for e in entries:
        if re.fullmatch(_term_regex(e.term), low):
            return e
    return None


def _shared_loaded_terms() -> list[LexiconEntry]:
    """The project's shared loaded-term list (``data/loaded_terms.txt``, also used by the summary)."""
    path = DATA_DIR / "loaded_terms.txt"
    return [LexiconEntry(term, "word", True) for term in read_terms(path)] if path.is_file() else []


class _Lexicon:
    def __init__(self, entries: Sequence[LexiconEntry]) -> None:
        self.by_kind = {k: [e for e in entries if e.kind == k] for k in ("noun", "alias", "phrase", "word")}
        self.nouns = _pattern(self.by_kind["noun"])
        self.phrases = _pattern(self.by_kind["phrase"])
        self.words = _pattern([e for e in entries if e.loaded] + _shared_loaded_terms())

    def entry(self, kind: str, text: str) -> LexiconEntry | None:
        return _lookup(self.by_kind[kind], text)

    def is_loaded(self, text: str) -> bool:
        return bool(self.words and self.words.search(text))


@lru_cache(maxsize=4)
def _compiled(entries: tuple[LexiconEntry, ...]) -> _Lexicon:
    return _Lexicon(entries)


def loaded_spans(text: str) -> list[tuple[int, int, str]]:
    """Every loaded term in a text as ``(start, end, term)``: the framing lexicon's loaded rows plus the
    shared ``loaded_terms.txt``.

    >>> loaded_spans("Rebels slammed the so-called truce.")
    [(7, 14, 'slammed'), (19, 28, 'so-called')]
    """
    pattern = _compiled(lexicon()).words
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)] if pattern else []


# --------------------------------------------------------------------------- per article


def _quoted_spans(article: Article) -> list[tuple[int, int]]:
    """Direct quotes, plus text between quotation marks inside mixed quotes: not the outlet's words."""
    spans = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    for q in article.quotes:
        if q.kind == "mixed":
            for m in re.finditer(r"[\"“]([^\"“”]+)[\"”]", q.text):
                spans.append((q.start + m.start(1), q.start + m.end(1)))
    return spans


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _sentence_of(article: Article, start: int) -> tuple[int, int]:
    sentence = sentence_at(article, start)
    return (sentence.start, sentence.end) if sentence else (0, len(article.text))


def _strip_generic(mention: EntityMention, lex: _Lexicon) -> tuple[str, int]:
    """The alias without a trailing label noun ("IS group" → "IS") and where that noun starts."""
    m = re.match(r"^(.*\S)\s+(\w+)$", mention.text)
    if m and lex.entry("noun", m.group(2)) and not m.group(2)[0].isupper():
        return m.group(1), mention.start + m.start(2)
    return mention.text, -1


def _clean_np(text: str) -> str:
    """A noun phrase as a label: trimmed, sentence-initial determiner lowercased."""
    text = " ".join(text.split()).strip(" ,;:")
    return re.sub(r"^(The|A|An)\b", lambda m: m.group(1).lower(), text)


def article_labels(article: Article, source: str, lex: _Lexicon | None = None) -> list[Label]:
    """Every label ``source`` gives each actor entity in one article, in text order."""
    lex = lex or _compiled(lexicon())
    text = article.text
    quoted = _quoted_spans(article)
    labels: list[Label] = []
    taken: list[tuple[int, int]] = []  # spans already used as a label (bare phrases must not reuse them)

    def add(entity: str, start: int, end: int, kind: str, term: str | None = None) -> None:
        term = term if term is not None else _clean_np(text[start:end])
        if not term:
            return
        loaded = lex.is_loaded(term)
        q = _inside(start, end, quoted) or (kind != "alias" and _between_quote_marks(text, start, end))
        labels.append(Label(entity, source, article.id, start, end, term, kind, loaded, q))
        taken.append((start, end))

    mentions = [m for m in article.entities if m.label in ACTOR_LABELS and m.entity]
    mention_spans = [(m.start, m.end) for m in mentions]  # "US" in "US-backed" is no actor mention
    for m in mentions:
        alias, noun_start = _strip_generic(m, lex)
        add(m.entity, m.start, m.start + len(alias), "alias", alias)
        s_start, s_end = _sentence_of(article, m.start)
        if noun_start >= 0:
            add(m.entity, noun_start, m.end, "noun")
        after = text[m.end:s_end]
        before = text[s_start:m.start]
        # a label noun right after the name: "SDF militants", "Daesh terrorists"
        if lex.nouns and (n := lex.nouns.match(after.lstrip(" ")) if after.startswith(" ") else None):
            off = m.end + (len(after) - len(after.lstrip(" ")))
            add(m.entity, off + n.start(), off + n.end(), "noun")
        # participle modifiers right before the name: "Kurdish-led SDF", "The YPG dominated SDF"
        if mod := re.search(rf"({_MODIFIER})\s+$", before):
            add(m.entity, s_start + mod.start(1), s_start + mod.end(1), "modifier")
        # apposition: "SOHR, a Britain-based war monitor, said"
        if app := re.match(r"\s*(?:\([^)]*\)\s*)?,\s+((?:a|an|the)\s+[^,;:.()\"“”]{2,80}?)(?=,|;|\.|\s+(?:said|says|told|reported)\b)", after):
            add(m.entity, m.end + app.start(1), m.end + app.end(1), "apposition")
        # copular description: "The SDF is the Syrian branch of the PKK"
        if (cop := re.match(r"\s+(?:is|are|was|were|remains|remain)\s+((?:a|an|the)\s+(\w+)[^,;:\"“”]{0,80}?)(?=[,;:.]|\s+(?:that|which|who|and|but)\b|$)", after)) \
                and cop.group(2).lower() not in _NOT_A_DESCRIPTION and len(cop.group(1).split()) <= 8:
            add(m.entity, m.end + cop.start(1), m.end + cop.end(1), "description")

    # bare noun phrases naming no entity: attach to the entity the lexicon names, when mentioned here
    mentioned = {m.entity for m in mentions}
    if lex.phrases:
        for p in lex.phrases.finditer(text):
            start, end = p.start(), p.end()
            if _overlaps(start, end, mention_spans) or _overlaps(start, end, taken):
                continue
            entry = lex.entry("phrase", p.group(0))
            if entry and entry.refers_to in mentioned:
                add(entry.refers_to, start, end, "phrase")
    labels.sort(key=lambda l: (l.start, l.end))
    return labels


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _between_quote_marks(text: str, start: int, end: int) -> bool:
    """Inside a pair of quotation marks on the same line (an odd number of marks before it)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = sum(text[line_start:start].count(c) for c in _QUOTE_CHARS)
    after = sum(text[end:line_end].count(c) for c in _QUOTE_CHARS)
    return before % 2 == 1 and after >= 1


# --------------------------------------------------------------------------- story level


def outlet_name(article: Article, registry: Any = None) -> str:
    """The outlet an article speaks for: the registry's name, else its source, else its id."""
    if registry is not None and (article.source or article.url):
        name = registry.lookup(source=article.source, url=article.url).name
        if name:
            return name
    return article.source or article.id


def story_labels(articles: Sequence[Article], registry: Any = None) -> list[Label]:
    lex = _compiled(lexicon())
    out: list[Label] = []
    for a in articles:
        out += article_labels(a, outlet_name(a, registry), lex)
    return out


def framing_json(articles: Sequence[Article], registry: Any = None) -> list[dict[str, Any]]:
    """The brief's ``framing`` section (CONTRACT.md), with extras.

    ``[{"entity", "labels": [{"source", "terms", "spans", "alias", "aliases", "loaded", "items"}]}]``:
    ``terms`` are the outlet's own descriptive labels (quoted words left out), ``alias`` its preferred
    name, ``loaded`` the loaded terms it uses (aliases included, e.g. "Daesh"), ``items`` each label
    with its kind, loaded/quoted flags and spans. Entities with most labels first.
    """
    labels = story_labels(articles, registry)
    by_entity: dict[str, dict[str, list[Label]]] = {}
    for l in labels:
        by_entity.setdefault(l.entity, {}).setdefault(l.source, []).append(l)
    result = []
    for entity, per_source in by_entity.items():
        rows = []
        for source, ls in per_source.items():
            own = [l for l in ls if not l.quoted]
            aliases = Counter(l.term for l in own if l.kind == "alias")
            described = [l for l in own if l.kind != "alias"]
            if not own:
                continue
            items: dict[tuple[str, str, bool], dict[str, Any]] = {}
            for l in ls:
                key = (l.term, l.kind, l.quoted)
                item = items.setdefault(key, {"term": l.term, "kind": l.kind, "loaded": l.loaded,
                                              "quoted": l.quoted, "spans": []})
                item["spans"].append({"id": l.article_id, "start": l.start, "end": l.end})
            terms = list(dict.fromkeys(l.term for l in described))
            rows.append({
                "source": source,
                "terms": terms,
                "spans": [{"id": l.article_id, "start": l.start, "end": l.end} for l in described],
                "alias": aliases.most_common(1)[0][0] if aliases else None,
                "aliases": dict(aliases.most_common()),
                "loaded": list(dict.fromkeys(l.term for l in own if l.loaded)),
                "items": list(items.values()),
                "method": METHOD,
            })
        if any(r["terms"] or r["loaded"] for r in rows):
            result.append({"entity": entity, "labels": rows})
    result.sort(key=lambda f: -sum(len(r["terms"]) + len(r["loaded"]) for r in f["labels"]))
    return result
