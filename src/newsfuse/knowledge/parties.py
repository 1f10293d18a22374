"""Who a figure comes from, as a key that says when two reports rest on the same source.

A claimant phrase ("the Syrian Observatory for Human Rights", "SOHR and medics", "Syrian state TV",
"medical sources via SANA", "a hospital source") becomes one or more :class:`Party` records:

- *named* parties get a key shared by all their names: the canonical entity (from the entity stage, or
  the alias lexicon), or, when the name is a registered outlet, the outlet's independence group (so
  "SANA" cited by Reuters and SANA's own reporting are one source);
- *generic* parties ("activists", "a medical source", "witnesses") cannot be identified across texts:
  their key is only meaningful inside one text (the caller scopes it), so two outlets that each quote
  "activists" are not presumed to quote the same people.

A relay ("OCHA, citing local authorities", "medical sources via SANA", "activists quoted by SOHR")
is split into the claimant and the claimant's own source (its *origin*).

Names vary between outlets more than spelling: the state media of one country are one source
("Syrian state TV", "the Assad regime's official television", SANA: the country's registered state
outlets, see :mod:`.claimant_facts`); "London-based"/"Britain-based" say nothing about who it is; a
possessive that lost its apostrophe is read as one ("Russias Defense Ministry"); a well-known
spokesperson stands for the organisation ("Rami Abdel Rahman" → the Syrian Observatory); a title before
a person's name is dropped ("Homs Governor Talal Barazi" → "Talal Barazi").

>>> [p.key for p in parties("Syrian Observatory for Human Rights")] == [p.key for p in parties("SOHR")]
True
>>> [(p.label, p.generic) for p in parties("SOHR and medics")]
[('Syrian Observatory for Human Rights', False), ('medics', True)]
>>> split_chain("medical sources via SANA")
('SANA', 'medical sources')
>>> parties("Russian defence ministry")[0].key == parties("Russian Defense Ministry (Konashenkov)")[0].key
True
>>> parties("Russias Defense Ministry")[0].key == parties("Konashenkov")[0].key == parties("Russian defence ministry")[0].key
True
>>> outlets = OutletRegistry.load()
>>> parties("Wednesday the Assad regimes official television channel", None, outlets)[0].key == parties("SANA", None, outlets)[0].key
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Article, SpanRef
from . import claimant_facts as knowledge
from .aliases import load_lexicon
from .outlets import OutletRegistry
from .roles import is_role_word, split_leading_title
from ..text.lexicon import word_map, word_set

# Head nouns of claimants that name nobody in particular.
GENERIC_HEADS = word_set("role_words.tsv", "generic_head")

# Words that vary between outlets naming the same body.
_SYNONYMS = word_map("role_words.tsv", "synonym")

# "X citing Y" / "X quoting Y" / "according to Y" keep the claimant first; "Y via X" / "Y quoted by X"
# put the relay last.
_RELAY_FIRST = re.compile(r"^(?P<claimant>.+?),?\s+(?:citing|quoting|relying on|based on)\s+(?P<origin>.+)$", re.I)
_RELAY_LAST = re.compile(r"^(?P<origin>.+?),?\s+(?:via|quoted by|cited by|relayed by|through)\s+(?P<claimant>.+)$", re.I)
_PARENS = re.compile(r"\s*[\(\[][^)\]]*[\)\]]")
# "local" is no article in a name ("Local Coordination Committees"): only before a lower-case word.
_ARTICLE = re.compile(r"^(?:(?i:the|a|an|some|several|two|three|one)|(?i:local|unnamed|anonymous)(?=\s+[a-z]))\s+")
# "Britain-based", "London-based": where an organisation sits says nothing about who it is.
_BASED = re.compile(r"\b[\w-]+-based\s+", re.I)
# A possessive whose apostrophe the text lost: "Russias Defense Ministry".
_LOST_APOSTROPHE = re.compile(r"\b([A-Z][a-z]+[a-rt-z])s\b")


@dataclass(frozen=True, slots=True)
class Party:
    label: str  # how to show it: canonical name, or the phrase as written
    key: str  # equal keys = the same source ("ent:…", "outlet:…", "gen:…")
    generic: bool = False


def split_chain(text: str) -> tuple[str, str | None]:
    """(claimant, origin) of a relay phrase; origin None when the phrase names one party."""
    text = " ".join(text.split())
    m = _RELAY_FIRST.match(text) or _RELAY_LAST.match(text)
    if m:
        return m.group("claimant").strip(" ,"), m.group("origin").strip(" ,")
    return text, None


def _fold(text: str) -> str:
    s = _PARENS.sub("", text)
    s = re.sub(r"(?:'s|’s)\b", "", s)
    s = " ".join(re.findall(r"[\w\-]+", s.casefold()))
    for a, b in _SYNONYMS.items():
        s = re.sub(rf"\b{re.escape(a)}\b", b, s)
    return s


def _strip_articles(text: str) -> str:
    prev = None
    while prev != text:
        prev, text = text, _ARTICLE.sub("", text)
    return text


@lru_cache(maxsize=1)
def _lexicon():
    """The alias lexicon, or None when a user's alias file cannot be read: then names are compared as
    written, and reconciliation still runs."""
    try:
        return load_lexicon()
    except Exception:  # pragma: no cover - a broken user file must not stop reconciliation
        return None


@lru_cache(maxsize=1)
def _alias_scanner():
    """One regex over every alias, longest first, to find a known name inside a longer phrase."""
    lex = _lexicon()
    if lex is None:
        return None
    pats = sorted(lex.patterns(), key=lambda p: -len(p[0]))
    sensitive = [re.escape(s) for s, _e, cs in pats if cs and len(s) > 1]
    folded = [re.escape(s) for s, _e, cs in pats if not cs]
    table = {s: e.canonical for s, e, _cs in pats}
    rx_cs = re.compile(r"(?<![\w-])(" + "|".join(sensitive) + r")(?![\w-])") if sensitive else None
    rx_ci = re.compile(r"(?<![\w-])(" + "|".join(folded) + r")(?![\w-])", re.I) if folded else None
    return rx_cs, rx_ci, table, {k.casefold(): v for k, v in table.items()}


def _canonical_name(text: str) -> str | None:
    """The alias lexicon's canonical name for the phrase, or for the longest known name inside it; a
    possessive that lost its apostrophe is read as one ("Russias Defense Ministry")."""
    found = _canonical_name_as_written(text)
    if found is None and _LOST_APOSTROPHE.search(text):
        found = _canonical_name_as_written(_LOST_APOSTROPHE.sub(r"\1's", text))
    return found


def _canonical_name_as_written(text: str) -> str | None:
    lex = _lexicon()
    if lex is None:
        return None
    hit = lex.lookup(_PARENS.sub("", text)) or lex.lookup(text)
    if hit:
        return hit.canonical
    scanner = _alias_scanner()
    if scanner is None:
        return None
    rx_cs, rx_ci, table, folded = scanner
    found = []
    for rx in (rx_cs, rx_ci):
        if rx is None:
            continue
        for m in rx.finditer(text):
            found.append((m.end() - m.start(), m.group(1)))
    if not found:
        return None
    name = max(found)[1]
    return table.get(name) or folded.get(name.casefold())


def canonical_name(text: str) -> str | None:
    """Public face of the alias lookup: the canonical name the phrase (or a known name in it) has."""
    return _canonical_name(text)


def known_names(text: str, registry: OutletRegistry | None = None) -> list[tuple[int, int, str]]:
    """Spans of known names in ``text`` (aliases of the lexicon, registered outlets) with their
    canonical name; overlapping hits keep the longest."""
    hits: list[tuple[int, int, str]] = []
    scanner = _alias_scanner()
    if scanner is not None:
        rx_cs, rx_ci, table, folded = scanner
        for rx in (rx_cs, rx_ci):
            if rx is None:
                continue
            for m in rx.finditer(text):
                name = table.get(m.group(1)) or folded.get(m.group(1).casefold())
                if name:
                    hits.append((m.start(1), m.end(1), name))
    outlets = _outlet_scanner(registry)
    if outlets is not None:
        rx, by_name = outlets
        for m in rx.finditer(text):
            hits.append((m.start(1), m.end(1), by_name[m.group(1).casefold()].name))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if all(h[1] <= k[0] or k[1] <= h[0] for k in kept):
            kept.append(h)
    return sorted(kept)


_OUTLET_SCANNERS: dict[int, tuple] = {}


def _outlet_scanner(registry: OutletRegistry | None):
    """One regex over registered outlet names; short or one-word names only as written ("AP", "RT")."""
    registry = registry if registry is not None else _default_registry()
    if registry is None or not registry.by_name:
        return None
    cached = _OUTLET_SCANNERS.get(id(registry))
    if cached is not None and cached[0] is registry:
        return cached[1]
    names = sorted({o.name for o in registry.by_name.values()} | {a for o in registry.by_name.values() for a in o.aliases},
                   key=len, reverse=True)
    parts = []
    for n in names:
        if len(n) < 2:
            continue
        parts.append(re.escape(n) if " " not in n else "(?i:" + re.escape(n) + ")")
    rx = re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?![\w-])")
    result = (rx, registry.by_name)
    _OUTLET_SCANNERS[id(registry)] = (registry, result)
    return result


@lru_cache(maxsize=1)
def _default_registry() -> OutletRegistry | None:
    try:
        return OutletRegistry.load()
    except Exception:  # pragma: no cover - a broken user file must not stop claimants
        return None


def _registered(registry: OutletRegistry | None, *names: str | None):
    """The registered outlet among these names (or any alias of their canonical entity)."""
    if registry is None:
        return None
    lex = _lexicon()
    for name in names:
        if not name:
            continue
        if name.casefold() in registry.by_name:
            return registry.by_name[name.casefold()]
        entry = lex.entries.get(name) if lex is not None else None
        for alias in (entry[1] if entry else ()):
            if alias.casefold() in registry.by_name:
                return registry.by_name[alias.casefold()]
    return None


def _is_generic(text: str) -> bool:
    """'activists', 'a medical source', 'Syrian activists': a head noun that names nobody. A capitalised
    head in a longer phrase is part of a proper name ('Northern Relief Monitor', 'Crisis Group')."""
    words = re.findall(r"[\w'’-]+", _PARENS.sub("", text))
    if not words:
        return True
    head = words[-1]
    if head.casefold() not in GENERIC_HEADS:
        return False
    return len(words) == 1 or not head[:1].isupper()


def _party(text: str, entity: str | None, registry: OutletRegistry | None, tails: bool = True) -> Party | None:
    text = " ".join(text.split()).strip(" ,.;:\"“”'")
    text = _BASED.sub("", text).strip() or text
    if not text and not entity:
        return None
    outlet = _registered(registry, entity, text, _strip_articles(_PARENS.sub("", text)))
    if outlet is not None:
        return Party(outlet.name, "outlet:" + outlet.independence_group)
    state = _state_media(text if not entity else entity, registry)
    if state is not None:
        return state
    name = entity or _canonical_name(text)
    if name:
        outlet = _registered(registry, name)
        if outlet is not None:
            return Party(outlet.name, "outlet:" + outlet.independence_group)
        speaks_for = knowledge.organisation_of_speaker(name)
        if speaks_for:
            return _party(speaks_for, speaks_for, registry)
        if not _is_generic(name):
            known = _known_tail(name) if tails else None
            return _party(known, None, registry, False) if known else Party(name, "ent:" + _fold(name))
    bare = _strip_articles(_PARENS.sub("", text)).strip()
    if _is_generic(bare):
        shown = re.sub(r"^(?:the|a|an)\s+", "", _PARENS.sub("", text), flags=re.I).strip() or text
        return Party(shown, "gen:" + _fold(bare or text), generic=True)
    person = _person_without_role(bare)
    if person != bare:
        speaks_for = knowledge.organisation_of_speaker(person)
        return _party(speaks_for, speaks_for, registry) if speaks_for else Party(person, "ent:" + _fold(person))
    speaks_for = knowledge.organisation_of_speaker(bare)
    if speaks_for:
        return _party(speaks_for, speaks_for, registry)
    bare_folded = _fold(bare)
    outlet = _registered(registry, bare_folded)
    if outlet is not None:
        return Party(outlet.name, "outlet:" + outlet.independence_group)
    known = _known_tail(bare) if tails else None
    if known:
        return _party(known, None, registry, False)
    return Party(bare, "ent:" + bare_folded)


def _known_tail(text: str) -> str | None:
    """The longest known name that ends the phrase, after words the extractor took in front of it
    ("Syrian Rami Abdel Rahman", "monitoring group the Syrian Observatory"): a known spokesperson or
    an alias of the lexicon, of two words or more."""
    words = text.split()
    for k in range(1, len(words) - 1):
        tail = " ".join(words[k:])
        if knowledge.organisation_of_speaker(tail) or _canonical_name(tail):
            return tail
    return None


def _state_media(text: str, registry: OutletRegistry | None) -> Party | None:
    """'Syrian state TV', "the Assad regime's official television channel": the country's state media,
    one source with every state outlet of that country (its registered group, else ``state:CC``)."""
    code = knowledge.state_media_country(text)
    if not code:
        return None
    outlets = {id(o): o for o in (registry.by_name.values() if registry else ())
               if o.country == code and (o.kind or "").startswith("state")}
    if outlets:
        low = text.casefold()
        wanted = "agency" if "agency" in low else "broadcaster"
        chosen = sorted(outlets.values(), key=lambda o: (wanted not in (o.kind or ""), o.name))[0]
        return Party(chosen.name, "outlet:" + chosen.independence_group)
    label = f"{knowledge.demonym(code) or code} state media"
    return Party(label, "outlet:state:" + code)


def _person_without_role(text: str) -> str:
    """'Homs Governor Talal Barazi' → 'Talal Barazi', 'opposition figure George Sabra' → 'George Sabra':
    the name after a title or role, when what follows reads as a personal name (two to four
    capitalised words)."""
    words = text.split()
    cut = split_leading_title(words) if len(words) > 2 else 0
    if cut == 0:
        k = 0
        while k < len(words) and words[k][:1].islower():
            k += 1
        if 0 < k and any(is_role_word(w) for w in words[:k]):
            cut = k
    rest = words[cut:]
    if cut and 2 <= len(rest) <= 4 and all(w[:1].isupper() for w in rest) and not _canonical_name(" ".join(rest)):
        return " ".join(rest)
    return text


def _split_parties(text: str) -> list[str]:
    """'SOHR and medics' → two parties; a known name with 'and' inside stays whole."""
    if _canonical_name(text) and (_lexicon() and _lexicon().lookup(text)):
        return [text]
    parts = re.split(r"\s*(?:/|;|\band\b|&)\s*", text)
    parts = [p for p in (p.strip(" ,") for p in parts) if p]
    return parts or [text]


def _names_a_source(part: str) -> bool:
    """A part of a joined claimant that stands alone as a source: a known name or a generic source."""
    words = part.strip().lower().split()
    return bool(words) and (_canonical_name(part) == part or words[-1] in GENERIC_HEADS)


def parties(text: str | None, entity: str | None = None, registry: OutletRegistry | None = None) -> list[Party]:
    """The parties a claimant phrase names (usually one), without its relay origin (see :func:`split_chain`)."""
    if not text and not entity:
        return []
    if entity and " and " in entity and not (_lexicon() and _lexicon().lookup(entity)) and all(
            _names_a_source(part) for part in entity.split(" and ")):
        # Two sources resolved apart ("Syrian Observatory for Human Rights and medics"): each its party;
        # not a name that holds "and" ("Ministry of Foreign Affairs and Expatriates").
        out = []
        for part in entity.split(" and "):
            p = _party(part, part if _canonical_name(part) == part else None, registry)
            if p and p.key not in {q.key for q in out}:
                out.append(p)
        return out
    if entity and text and _lexicon() is not None:
        # The entity stage already resolved the phrase: trust it unless it is plainly generic.
        p = _party(text, entity, registry)
        return [p] if p else []
    out: list[Party] = []
    for part in _split_parties(text or entity or ""):
        p = _party(part, None, registry)
        if p and p.key not in {q.key for q in out}:
            out.append(p)
    return out


def names_a_party(claimant: SpanRef, article: Article) -> bool:
    """Whether a claimant names someone who can claim a count: a person, an organisation, an outlet,
    a government (a country stands for its government: "Turkey said"). A town or district named as
    claimant ("Maaret al-Numan", "Tijuana"; or a pronoun resolved to one) is where the count comes
    from, not who gives it; a lone word that is only a piece of a longer name ("United") names nobody."""
    text = claimant.text.strip()
    names = {text.casefold(), (claimant.entity or "").strip().casefold()} - {""}
    for m in article.places:
        inside = m.start <= claimant.start and claimant.end <= m.end
        if (inside or m.text.strip().casefold() in names) and m.precision not in ("country", "region"):
            return False
    words = text.split()
    if len(words) == 1 and text[:1].isupper() and not text.isupper():
        covered = any(e.start <= claimant.start and claimant.end <= e.end and e.label in _PARTY_LABELS
                      for e in article.entities)
        return covered or text.casefold().rstrip("s") in _PARTY_WORDS
    return True


_PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Lone words that name a claimant by themselves (capitalised at a sentence start).
_PARTY_WORDS = word_set("role_words.tsv", "party_word")
