"""Every attribution of one article, its speaker narrowed to a source and resolved in text order.

An :class:`ArticleClaimants` finds where the article says who a statement comes from — the quotes
layer's speakers, and reporting verbs, "according to" and toll verbs ("put the toll at") of every
sentence, which also catches "... killed six people Syrian state television reported" when the text
lost the comma the quote rules need — and resolves each speaker phrase, in text order:

- the phrase is cut to the noun phrase that names the source (:func:`.phrase.source_np`);
- a known name (alias lexicon, registered outlet) or an entity mention gives the entity; a person who
  speaks for an organisation stands for it: "Rami Abdel Rahman head of the Syrian Observatory ..." in
  the same article, a role before the name ("Observatory chief ..."), or the claimant knowledge table;
- "it" / "he" / "they" → the latest earlier claimant of that kind;
- a description ("the monitor", "a Britain-based monitoring group", "the ministry") → the latest
  earlier claimant it can describe, else the nearest earlier organisation named in the text, else
  (an AFP lead says "a monitor said" before naming it) the first one named later;
- state media ("Syrian state TV", "the regime's official television", "state TV") → the country's
  state media; a country left unsaid is the country of the latest state medium named before, else the
  country most of the article's places lie in;
- "the defence ministry in Moscow" → the ministry of the place's country ("Russian defence ministry");
- "the Observatory and medics said" → both (the claimant parties split them).

A statement takes the attribution of the quote around it, except a first-hand one inside that quote
("X reported 30 bodies ... according to Reuters" → X); outside quotes, the nearest attribution of its
sentence that no "but"/";" separates from it and that does not report a clause of its own ("12 workers
died and the police said the cause was unknown" → none); with none in its sentence, a named source
whose report the sentence continues (one or two sentences before, same paragraph). A place
after a preposition ("the village of Taduf said the Observatory") is never the speaker.

Why one module of this length: :class:`ArticleClaimants` is one pass over one article's
attributions in text order, and its steps read the state the earlier ones resolved.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...knowledge import claimant_facts as knowledge
from ...knowledge.parties import canonical_name, known_names
from ...text.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from ..places.mistaken_people import towns_tagged_as_people
from ...model import Article, EntityMention, Quote, SpanRef
from ..quotes.speech_verbs import match_at
from ..clean.sentences import sentences_of
from ..quotes.tokens import Token, tokenize
from .phrase import PRONOUNS, SOURCE_HEADS, SourceNP, plausible_source, source_np
from ...text.lexicon import word_set

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
# People who speak for the organisation they lead or represent ("X, head of Y").
SPOKES_ROLES = word_set("attribution_words.tsv", "spokes_role")
# Description heads that refer back to a named organisation.
DESCRIPTION_HEADS = word_set("attribution_words.tsv", "description_head")
_STATE_MEDIA_HEADS = word_set("attribution_words.tsv", "state_media_head")
_CLAUSE_STOPS = word_set("attribution_words.tsv", "clause_stop")
_PRE_VERB = word_set("attribution_words.tsv", "before_verb")
_BE = word_set("attribution_words.tsv", "be")
# Nouns for people the text does not name: never resolved to a name nearby.
_ANONYMOUS_HEADS = word_set("attribution_words.tsv", "anonymous_head")
_RELATIVES = frozenset({"which", "who"})
# Words after which a speech verb's form is an adjective ("in continued attacks", "the reported toll").
_NOT_BEFORE_A_VERB = frozenset({"in", "on", "at", "of", "for", "with", "from", "amid", "during", "under", "the", "a",
                                "an", "this", "these", "its", "their"})
# Words that start no reported clause after a cue ("reported on Wednesday without giving details").
_NOT_A_CLAUSE = word_set("attribution_words.tsv", "not_a_clause")
_TOLL_VERBS = word_set("attribution_words.tsv", "toll_verb")
_RIGHT_STOPS = word_set("attribution_words.tsv", "right_stop")
HISTORY_WINDOW = 3000  # characters a pronoun looks back
# Words that end a clause's time adverbial: a speech verb right after one opens an inverted attribution.
_WHEN_WORDS = frozenset(WEEKDAY_NAMES) | frozenset(MONTH_NAMES) | {"today", "yesterday", "tonight", "overnight"}
# Prepositions whose object is a place: "the village of Taduf", "in Damascus".
_PLACE_PREPOSITIONS = frozenset({"of", "in", "at", "near", "from", "into", "outside", "on"})
_DETERMINED = frozenset({"of", "for", "at", "in", "from", "with", "to", "on", "by"})  # "head of the group"
CARRY_OVER = 2  # sentences an unattributed statement looks back for the report it continues
TOLL_REACH = 8  # tokens from a toll verb to its count ("put the toll in opposition areas at 45")


@dataclass
class _Cue:
    start: int  # the cue's first character
    end: int
    speaker: tuple[int, int] | None  # the raw speaker phrase
    sentence: tuple[int, int]
    quote: Quote | None = None


@dataclass
class _Resolved:
    ref: SpanRef
    kind: str  # person | org | state | generic
    country: str | None = None  # for state media


# "claimed the lives of", "claimed responsibility": the verb of a toll or of an attack's authorship, not
# a claim about a figure
_NOT_A_CLAIM = re.compile(r"claim(?:s|ed|ing)?\s+(?:the\s+)?(?:lives|life|responsibility)\b")
# A speaker inside a time clause ("... killed 24 people, a monitor said, a day after Russia and the US
# agreed a truce"): what the clause's subject said or agreed is the occasion, not the source of the count.
_TIME_CLAUSE_BEFORE = re.compile(r"\b(?:after|before|since|until|once)\s+(?:the\s+)?\Z", re.I)
# A time phrase opening what follows a speech verb ("said a day after ...", "said hours before ..."): no
# reported clause, so the statement before the verb is what it reports.
_TIME_PHRASE = re.compile(r"[\"“]?(?:(?:a|an|one|two|three|four|five|six|several|few|many|some|just|only|shortly|"
                          r"hours?|days?|weeks?|months?|minutes?|moments?)\s+){1,3}(?:after|before|since|ago)\b", re.I)
# An attribution to no one in particular ("Earlier it was reported that ...", "it is believed"): the
# sentence names its own (unnamed) source and continues no earlier report.
_IMPERSONAL_REPORT = re.compile(r"\bit\s+(?:was|is|has\s+been|had\s+been)\s+(?:reported|said|claimed|announced|"
                                r"believed|estimated|thought|understood|feared)\b", re.I)


class ArticleClaimants:
    """Attributions of one article (see the module docstring)."""

    def __init__(self, article: Article, quotes: tuple[Quote, ...]):
        self.article = article
        self.text = article.text
        # A mention the places layer read as a town ("Maaret al-Numan" tagged PERSON) is nobody's name.
        towns = towns_tagged_as_people(article)
        self.mentions = sorted((m for m in article.entities if m.label in SPEAKER_LABELS and (m.start, m.end) not in towns),
                               key=lambda m: m.start)
        self.places = list(article.places)
        self.names = known_names(self.text)
        self.name_spans = [(s, e) for s, e, _n in self.names]
        self.demonyms = frozenset(knowledge.fold(d) for d in knowledge.load().demonyms.values())
        self.sentences = [(s.start, s.end) for s in sentences_of(article)]
        self.quotes = quotes
        self.person_org = self._people_speaking_for_organisations()
        self.cues = self._cues()
        self.history: list[_Resolved] = []
        self.resolved: dict[tuple[int, int], _Resolved | None] = {}
        for cue in sorted(self.cues, key=lambda c: c.speaker[0] if c.speaker else c.start):
            if cue.speaker is not None and cue.speaker not in self.resolved:
                self.resolved[cue.speaker] = self._resolve(cue.speaker, cue.quote)

    # ------------------------------------------------------------------ public

    def claimant(self, start: int, end: int, covering: Quote | None) -> SpanRef | None:
        """The resolved claimant of ``[start, end)``: the covering quote's speaker, else the nearest
        attribution of its sentence that no clause break separates from it."""
        if covering is not None and covering.speaker is not None:
            inner = self._inner(start, end, covering)
            if inner is not None:
                return inner
            found = self.resolved.get((covering.speaker.start, covering.speaker.end))
            if found is not None:
                return found.ref
            if self._plausible_raw(covering.speaker):
                return None  # the caller keeps the quote's own speaker
        return self._in_sentence(start, end)

    def _inner(self, start: int, end: int, covering: Quote) -> SpanRef | None:
        """'Activists of the X Committee reported at least 30 bodies ... according to Reuters': an
        attribution inside the reported content, before the statement, is its first-hand source."""
        for cue in self.cues:
            if cue.quote is covering or cue.speaker is None:
                continue
            if covering.start <= cue.speaker[0] and cue.end <= start and cue.speaker[1] <= cue.start:
                gap = tokenize(self.text, cue.end, start)
                # "... while the LCC put the toll in opposition areas at 45": a toll verb's count comes after
                # the toll phrase it governs
                reach = TOLL_REACH if self.text[cue.start : cue.end].lower() in _TOLL_VERBS else 3
                if len(gap) <= reach and not self._clause_break(cue.end, start):
                    found = self.resolved.get(cue.speaker)
                    if found is not None:
                        return found.ref
        return None

    def _in_sentence(self, start: int, end: int) -> SpanRef | None:
        sentence = next(((s, e) for s, e in self.sentences if s <= start < e), None)
        if sentence is None:
            return None
        best = None
        for cue in self.cues:
            if cue.sentence != sentence or cue.speaker is None:
                continue
            found = self.resolved.get(cue.speaker)
            if found is None:
                continue
            lo_s, hi_s = min(cue.start, found.ref.start), max(cue.end, found.ref.end)
            if lo_s < end and start < hi_s:
                continue  # the span is the cue or its speaker
            gap = (end, lo_s) if lo_s >= end else (hi_s, start)
            if self._clause_break(*gap):
                continue
            if lo_s >= end and self._says_something_else(cue):
                continue  # "The fire killed 12 workers and the police said the cause was unknown"
            distance = gap[1] - gap[0]
            if best is None or distance < best[0]:
                best = (distance, found.ref)
        if best is None and CARRY_OVER and not any(c.sentence == sentence for c in self.cues) \
                and not _IMPERSONAL_REPORT.search(self.text, sentence[0], sentence[1]):
            return self._carried_over(sentence)
        return best[1] if best else None

    def _says_something_else(self, cue: _Cue) -> bool:
        """The cue's own reported clause follows it, so what comes before is not what it reports."""
        if cue.speaker is None or cue.speaker[0] >= cue.end:
            return False  # "..., said the head of the group": what follows the cue is its speaker
        for q in self.quotes:
            if q.cue is not None and q.cue.start == cue.start and q.start >= cue.end:
                first = q.text.split()[0].lower().strip('"“') if q.text.split() else ""
                return first not in _NOT_A_CLAUSE and not _TIME_PHRASE.match(q.text)
        return False

    def _carried_over(self, sentence: tuple[int, int]) -> SpanRef | None:
        """A sentence with no attribution of its own that follows an attributed one in the same
        paragraph continues that report ("The Observatory said 14 of the dead were fighters. The three
        others had not been identified."): the claimant of the nearest attributed sentence before, at
        most ``CARRY_OVER`` sentences back."""
        k = self.sentences.index(sentence)
        for back in range(1, CARRY_OVER + 1):
            if k - back < 0:
                return None
            prev = self.sentences[k - back]
            if "\n" in self.text[prev[1] : sentence[0]]:
                return None  # a new paragraph
            cues = [c for c in self.cues if c.sentence == prev and c.speaker is not None
                    and self.resolved.get(c.speaker) is not None]  # not a phrase that named no source
            if cues:
                last = max(cues, key=lambda c: c.start)
                found = self.resolved.get(last.speaker)
                if found is None or found.ref.entity is None or found.ref.text.lower() in PRONOUNS:
                    return None  # only a named source is carried: "a witness" says one thing
                return found.ref
        return None

    def narrow(self, start: int, end: int) -> SpanRef | None:
        """Any speaker phrase found elsewhere (another stage's rules) narrowed and resolved the same
        way; None when it names no source ("critical condition", "a wedding")."""
        if (start, end) in self.resolved:
            found = self.resolved[(start, end)]
        else:
            kept = len(self.history)
            found = self._resolve((start, end), None)
            del self.history[kept:]  # a phrase outside the attributions does not become an antecedent
        return found.ref if found is not None else None

    # ------------------------------------------------------------------ finding cues

    def _cues(self) -> list[_Cue]:
        out: list[_Cue] = []
        for q in self.quotes:
            if q.speaker is None:
                continue
            sent = next(((s, e) for s, e in self.sentences if s <= q.speaker.start < e), (q.start, q.end))
            cue = q.cue or q.speaker
            out.append(_Cue(cue.start, cue.end, (q.speaker.start, q.speaker.end), sent, q))
        for s, e in self.sentences:
            toks = tokenize(self.text, s, e)
            for i, tok in enumerate(toks):
                cue = self._cue_at(toks, i, (s, e))
                if cue is not None:
                    out.append(cue)
        return out

    def _cue_at(self, toks: list[Token], i: int, sent: tuple[int, int]) -> _Cue | None:
        low = toks[i].lower
        if low == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to":
            right = self._right_np(toks, i + 2)
            return _Cue(toks[i].start, toks[i + 1].end, right, sent) if right else None
        if low in _TOLL_VERBS and any(t.lower == "toll" for t in toks[i + 1 : i + 6]):
            left = self._left_np(toks, i)
            return _Cue(toks[i].start, toks[i].end, left, sent) if left else None
        if toks[i].is_title and i > 0:
            return None
        form = match_at(toks, i)
        if form is None or form.participle or form.kind not in ("speech", "cognition", "object", "thatonly"):
            return None
        if i > 0 and toks[i - 1].lower in _BE:
            return None  # "was reported": no one in particular
        if i > 0 and toks[i - 1].lower in _NOT_BEFORE_A_VERB:
            return None  # "in continued terrorist attacks", "the reported toll": an adjective, not a verb
        if _NOT_A_CLAIM.match(" ".join(t.lower for t in toks[i : i + 3])):
            return None  # "the blast in Homs claimed the lives of 40": a toll, not a speaker
        if i > 0 and toks[i - 1].lower in _WHEN_WORDS:
            # "... in a mosque on Friday said a monitoring group": the time ends the clause, the source follows
            right = self._right_np(toks, i + len(form.words))
            if right is not None and self._plausible_span(right):
                return _Cue(toks[i].start, toks[i + len(form.words) - 1].end, right, sent)
        left = self._left_np(toks, i)
        if left is not None and self._plausible_span(left):
            return _Cue(toks[i].start, toks[i + len(form.words) - 1].end, left, sent)
        if left is not None:  # "The Observatory which relies on ... said": _resolve finds the subject
            rel = self._relative_subject(left[0] if left[0] < toks[i].start else toks[i].start)
            if rel is not None and self._plausible_span((rel.start, rel.end)):
                return _Cue(toks[i].start, toks[i + len(form.words) - 1].end, left, sent)
        right = self._right_np(toks, i + len(form.words))  # "... said the head of the group"
        if right is not None and self._plausible_span(right):
            return _Cue(toks[i].start, toks[i + len(form.words) - 1].end, right, sent)
        return None

    def _left_np(self, toks: list[Token], verb: int) -> tuple[int, int] | None:
        j = verb - 1
        while j >= 0 and toks[j].lower in _PRE_VERB:
            j -= 1
        if j < 0 or not toks[j].is_word:
            return None
        lo = max(0, j - 13)
        for k in range(j, lo - 1, -1):
            if toks[k].text in (",", ";", ":", '"', "“", "”", "(", ")") or toks[k].lower in _CLAUSE_STOPS:
                lo = k + 1
                break
        return toks[lo].start, toks[j].end

    def _right_np(self, toks: list[Token], i: int) -> tuple[int, int] | None:
        k = i
        while k < len(toks) and k - i < 12:
            t = toks[k]
            if not t.is_word and t.text not in ("-", "'s", "’s") or (t.lower in _RIGHT_STOPS and k > i):
                break
            if k > i and (t.text[:1].isdigit()):
                break
            if k > i and t.lower in ("the", "a", "an") and toks[k - 1].is_title and toks[k - 1].lower not in _DETERMINED:
                break  # "According to Harbor Wire the blast damaged ...": a determiner after a name starts the clause
            k += 1
        if k == i:
            return None
        return toks[i].start, toks[k - 1].end

    def _clause_break(self, lo: int, hi: int) -> bool:
        return any(t.lower in _CLAUSE_STOPS or t.text in ('"', "“", "”") for t in tokenize(self.text, lo, hi))

    # ------------------------------------------------------------------ resolving

    def _np(self, start: int, end: int) -> SourceNP | None:
        return source_np(self.text, start, end, self.mentions, self.places, self.name_spans, self.demonyms)

    def _plausible_span(self, span: tuple[int, int]) -> bool:
        np = self._np(*span)
        return np is not None and plausible_source(self.text, np, self.name_spans + [(m.start, m.end) for m in self.mentions]) \
            and not self._place_after_preposition(np.start, np.end)

    def _place_after_preposition(self, start: int, end: int) -> bool:
        """'... a barrel bomb on the village of Taduf said the Observatory', 'Activists in Syria reported':
        a place that is the object of a preposition is not the subject of the verb that follows."""
        before = tokenize(self.text, max(0, start - 12), start)
        if not before or before[-1].lower not in _PLACE_PREPOSITIONS:
            return False
        spans = [(p.start, p.end) for p in self.places] + \
            [(m.start, m.end) for m in self.article.entities if m.label in ("GPE", "LOC")]
        return any(s <= start and end <= e for s, e in spans)

    def plausible(self, speaker: SpanRef) -> bool:
        """Does the speaker phrase name a source at all?"""
        return speaker.entity is not None and not speaker.text[:1].islower() or self._plausible_span((speaker.start, speaker.end))

    def source_of_speaker(self, speaker: SpanRef) -> SpanRef | None:
        """A speaker phrase the quote rules found: for a place after a preposition ("Activists in Syria
        reported"), the phrase the place belongs to, resolved ("Activists"), or None; None for a phrase
        with no entity that names no source; any other phrase as it is."""
        if self._place_after_preposition(speaker.start, speaker.end):
            before = tokenize(self.text, max(0, speaker.start - 80), speaker.start)[:-1]  # up to the preposition
            words = []
            for t in reversed(before):
                if not t.is_word or t.text[:1].isdigit() or t.lower in _CLAUSE_STOPS or len(words) == 5:
                    break
                words.insert(0, t)
            return self.narrow(words[0].start, words[-1].end) if words else None
        if speaker.entity is None and not self._plausible_raw(speaker):
            return None  # "The US military is investigating reports that ...": "investigating" names no one
        return speaker

    def _plausible_raw(self, speaker: SpanRef) -> bool:
        return self._plausible_span((speaker.start, speaker.end))

    def _resolve(self, span: tuple[int, int], quote: Quote | None) -> _Resolved | None:
        np = self._widened(span) or self._np(*span)
        units = self.name_spans + [(m.start, m.end) for m in self.mentions if m.label in ("PERSON", "ORG")]
        if np is None or not plausible_source(self.text, np, units) or self._place_after_preposition(np.start, np.end):
            np = self._relative_subject(span[0])
            if np is None or not plausible_source(self.text, np, units):
                return None
        if _TIME_CLAUSE_BEFORE.search(self.text, max(0, np.start - 12), np.start):
            return None  # "a day after Russia and the US agreed a truce": the occasion, not a source
        phrase = self.text[np.start : np.end]
        low = phrase.lower()
        found = (
            self._pronoun(np, low, quote)
            or self._state_media(np, phrase)
            or self._named(np)
            or self._described(np, phrase)
            or self._located(np, phrase)
        )
        if found is None:
            entity = None
            head = low.split()[-1] if low.split() else ""
            if quote is not None and quote.speaker is not None and quote.speaker.entity is not None and \
                    quote.speaker.start - 4 <= np.start <= quote.speaker.start + 4 and head not in _ANONYMOUS_HEADS \
                    and (quote.speaker.start, quote.speaker.end) == span:
                # the quotes layer resolved it (a role, "the spokesman"): keep its phrase as it is
                found = _Resolved(quote.speaker, "org")
                self.history.append(found)
                return found
            head = low.split()[-1] if low.split() else ""
            kind = "person" if head in ("spokesman", "spokeswoman", "official", "source", "witness") else "generic"
            found = _Resolved(SpanRef(np.start, np.end, phrase, entity), kind if entity is None else "org")
        partner = self._coordinated(np)
        if partner is not None:  # "the Observatory and medics said": both; the claimant parties split them
            ptext = self.text[partner.start : partner.end]
            other = self._state_media(partner, ptext) or self._named(partner) or self._described(partner, ptext)
            names = [other.ref.entity if other and other.ref.entity else ptext,
                     found.ref.entity or found.ref.text]
            s0 = partner.start
            found = _Resolved(SpanRef(s0, found.ref.end, self.text[s0 : found.ref.end], " and ".join(names)), found.kind)
        self.history.append(found)
        return found

    def _relative_subject(self, pos: int) -> SourceNP | None:
        """'The Observatory which relies on a network of sources ... said': the phrase before the
        relative clause the speaker phrase ends."""
        sent = next(((s, e) for s, e in self.sentences if s <= pos < e), None)
        if sent is None:
            return None
        toks = tokenize(self.text, sent[0], pos)
        for k in range(len(toks) - 1, max(0, len(toks) - 16), -1):
            if toks[k].lower in _RELATIVES and k > 0:
                lo = max(0, k - 10)
                return self._np(toks[lo].start, toks[k - 1].end)
            if toks[k].text in (",", ";", '"', "“", "”") or toks[k].lower in _CLAUSE_STOPS:
                break
        return None

    def _widened(self, span: tuple[int, int]) -> SourceNP | None:
        """'A hospital source in Hassakeh city said': a speaker phrase that is only the place after a
        source noun is the source noun's phrase."""
        toks = tokenize(self.text, max(0, span[0] - 60), span[0])
        if len(toks) < 2 or toks[-1].lower not in ("in", "at", "from", "near") or toks[-2].lower not in SOURCE_HEADS:
            return None
        np = self._np(toks[0].start, span[1])
        return np if np is not None and np.place is not None else None

    def _coordinated(self, np: SourceNP) -> SourceNP | None:
        """The source before "and" when two sources share the verb ("SOHR and medics said")."""
        lo = np.start
        sent_start = next((a for a, b in self.sentences if a <= lo < b), 0)
        toks = tokenize(self.text, max(sent_start, lo - 120), lo)
        if np.determiner:
            toks = toks[:-1] if toks and toks[-1].lower == np.determiner else toks
        if len(toks) < 2 or toks[-1].lower != "and":
            return None
        other = self._np(toks[0].start, toks[-2].end)
        if other is None:
            return None
        before = [t for t in toks if t.end <= other.start][-3:]
        if any(t.text[:1].isdigit() for t in before):
            return None  # "killed 12 workers and the police said": the workers are counted, not sources
        units = self.name_spans + [(m.start, m.end) for m in self.mentions if m.label in ("PERSON", "ORG")]
        head = tokenize(self.text, other.start, other.end)[-1].lower
        named = any(us < other.end and other.end <= ue + 1 for us, ue in units)
        return other if named or head in SOURCE_HEADS else None

    def _pronoun(self, np: SourceNP, low: str, quote: Quote | None = None) -> _Resolved | None:
        if low not in PRONOUNS:
            return None
        want = {"he": ("person",), "she": ("person",), "it": ("org", "state"), "they": ("org", "state", "generic")}[low]
        for r in reversed(self.history):
            if np.start - r.ref.start > HISTORY_WINDOW:
                break
            if r.kind in want and r.ref.start < np.start:
                return _Resolved(SpanRef(np.start, np.end, self.text[np.start : np.end], r.ref.entity), r.kind, r.country)
        phrase = self.text[np.start : np.end]
        if low in ("he", "she"):
            people = [m for m in self.mentions if m.label == "PERSON" and m.end <= np.start and np.start - m.end < HISTORY_WINDOW]
            if people:
                org = self._organisation_of(people[-1])
                return _Resolved(SpanRef(np.start, np.end, phrase, org or people[-1].entity), "org" if org else "person")
        if quote is not None and quote.speaker is not None and quote.speaker.entity:
            return _Resolved(SpanRef(np.start, np.end, phrase, quote.speaker.entity), "org")
        return _Resolved(SpanRef(np.start, np.end, phrase, None), "generic")

    def _named(self, np: SourceNP) -> _Resolved | None:
        """A known name or an entity mention at the head of the phrase."""
        names = [n for n in self.names if np.start <= n[0] and n[1] <= np.end]
        mentions = [m for m in self.mentions if m.start < np.end and np.start < m.end and m.label in ("PERSON", "ORG")
                    and m.end >= np.end - 1]
        person = next((m for m in mentions if m.label == "PERSON"), None)
        if person is not None and (not names or names[-1][1] <= person.start):
            org = self._organisation_of(person)
            s, e = max(person.start, np.start), min(person.end, np.end)
            ref = SpanRef(s, e, self.text[s:e], org or person.entity)
            return _Resolved(ref, "org" if org else "person")
        if names:
            canonical = names[-1][2]  # the last known name: "head of the Syrian Observatory ..." → the Observatory
            org = knowledge.organisation_of_speaker(canonical)
            return _Resolved(SpanRef(np.start, np.end, self.text[np.start : np.end], org or canonical), "org")
        if mentions:
            m = max(mentions, key=lambda m: (m.end, m.end - m.start))
            s, e = max(m.start, np.start), min(m.end, np.end)
            trimmed = self.text[s:e]
            entity = canonical_name(trimmed) or (m.entity if (s, e) == (m.start, m.end) else trimmed)
            org = knowledge.organisation_of_speaker(entity)
            return _Resolved(SpanRef(s, min(m.end, np.end), self.text[s : min(m.end, np.end)], org or entity), "org")
        toks = tokenize(self.text, np.start, np.end)
        canonical = canonical_name(self.text[np.start : np.end])
        if canonical and any(t.is_title for t in toks) and toks[-1].lower in canonical.lower().split():
            # the known name heads the phrase ("Russias Defense Ministry"), not a modifier ("Syrias ... agency")
            return _Resolved(SpanRef(np.start, np.end, self.text[np.start : np.end], canonical), "org")
        return None

    def _state_media(self, np: SourceNP, phrase: str) -> _Resolved | None:
        code = knowledge.state_media_country(phrase)
        if code is None:
            return None
        if code == "":
            # "state TV" without a country: the state medium named before, else, only when the phrase says
            # "state" or "regime", the country of the article's places ("public radio" or "a government
            # agency" is not made a state medium on the strength of the places alone).
            code = next((r.country for r in reversed(self.history) if r.kind == "state" and r.country), None)
            if not code and re.search(r"\b(?:state|regime)\b", phrase, re.I):
                code = self._article_country()
        if not code:
            return None
        entity = f"{knowledge.demonym(code) or code} state media"
        return _Resolved(SpanRef(np.start, np.end, phrase, entity), "state", code)

    def _described(self, np: SourceNP, phrase: str) -> _Resolved | None:
        words = phrase.lower().split()
        if not words or words[-1] not in DESCRIPTION_HEADS or np.determiner is None:
            return None
        if any(t.is_title and "-" not in t.text for t in tokenize(self.text, np.start, np.end)):
            return None  # it carries a name of its own
        for r in reversed(self.history):
            if r.kind == "org" and r.ref.entity and r.ref.start < np.start and knowledge.describes(r.ref.entity, phrase):
                return _Resolved(SpanRef(np.start, np.end, phrase, r.ref.entity), "org")
        if words[-1] in _STATE_MEDIA_HEADS:
            for r in reversed(self.history):
                if r.kind == "state" and r.ref.start < np.start:
                    return _Resolved(SpanRef(np.start, np.end, phrase, r.ref.entity), "state", r.country)
        named = [(s, e, n) for s, e, n in self.names] + [(m.start, m.end, m.entity) for m in self.mentions if m.label == "ORG"]
        before = [x for x in named if x[1] <= np.start and knowledge.describes(x[2], phrase)]
        after = [x for x in named if x[0] >= np.end and knowledge.describes(x[2], phrase)]
        chosen = max(before)[2] if before else (min(after)[2] if after else None)
        if chosen is None:
            return None
        return _Resolved(SpanRef(np.start, np.end, phrase, chosen), "org")

    def _located(self, np: SourceNP, phrase: str) -> _Resolved | None:
        """'the defence ministry in Moscow' → 'Russian defence ministry', when the lexicon knows it."""
        if np.place is None:
            return None
        place_text = self.text[np.place[0] : np.place[1]]
        code = next((p.country_code for p in self.places if np.place[0] <= p.start < np.place[1] and p.country_code), None)
        code = code or knowledge.country_in(place_text)
        demonym = knowledge.demonym(code) if code else None
        if not demonym:
            return None
        canonical = canonical_name(f"{demonym} {phrase}")
        if canonical is None:
            return None
        return _Resolved(SpanRef(np.start, np.end, phrase, canonical), "org")

    def _article_country(self) -> str | None:
        counts = Counter(p.country_code for p in self.places if p.country_code)
        return counts.most_common(1)[0][0] if counts else None

    # ------------------------------------------------------------------ people who speak for organisations

    def _people_speaking_for_organisations(self) -> dict[str, str]:
        """Person entity → organisation, from "X, head of Y", "Y chief X" in this article."""
        out: dict[str, str] = {}
        self.person_role_org: dict[str, str] = {}  # weaker: from a role word before the name
        text = self.text
        for m in self.mentions:
            if m.label != "PERSON":
                continue
            after = re.match(r"\s*,?\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?(" + "|".join(SPOKES_ROLES) + r")\s+(?:of|for|at)\s+(?:the\s+)?",
                             text[m.end : m.end + 80], re.I)
            if after:
                org = self._organisation_at(m.end + after.end())
                if org:
                    out.setdefault(m.entity, org)
                    continue
            role = m.role or text[max(0, m.start - 40) : m.start]
            words = re.findall(r"[\w'-]+", role)
            if words and words[-1].lower() in SPOKES_ROLES:
                k = len(words) - 1
                while k > 0 and words[k - 1][:1].isupper():
                    k -= 1
                employer = " ".join(words[k:-1])
                org = self._organisation_named(employer, m.start) if employer else None
                if org:
                    self.person_role_org.setdefault(m.entity, org)
        return out

    def _organisation_of(self, person: EntityMention) -> str | None:
        """The organisation a person speaks for: said in this article ("X, head of Y"), else known."""
        return self.person_org.get(person.entity) or knowledge.organisation_of_speaker(person.entity) \
            or knowledge.organisation_of_speaker(person.text) or self.person_role_org.get(person.entity)

    def _organisation_at(self, pos: int) -> str | None:
        for s, e, n in self.names:
            if s == pos:
                return n
        for m in self.mentions:
            if m.start == pos and m.label == "ORG":
                return m.entity
        return None

    def _organisation_named(self, words: str, near: int) -> str | None:
        """'Observatory' → the organisation of the article it names or describes ("Observatory chief")."""
        canonical = canonical_name(words)
        if canonical:
            return canonical
        for named in ([(s, n) for s, _e, n in self.names],
                      [(m.start, m.entity) for m in self.mentions if m.label == "ORG" and " the " not in m.text]):
            fits = [(abs(s - near), n) for s, n in named if knowledge.describes(n, words)]
            if fits:
                return min(fits)[1]
        return None


__all__ = ["ArticleClaimants", "SPOKES_ROLES", "DESCRIPTION_HEADS"]
