"""Token rules around a reporting verb: who speaks, and where the reported content lies.

These are the rules the quote stage runs instead of a parser (the parser would cost more than the
whole annotate budget). They work on :func:`~newsfuse.annotate.quotes.tokens.tokenize` tokens of one
sentence and return token-index ranges:

- :func:`left_subject` — the noun phrase before a verb, over adverbs ("also", "on Monday"),
  appositions and relative clauses ("The Observatory, which relies on ..., said");
- :func:`right_subject` — the noun phrase after an inverted verb (", said the official");
- :func:`skip_adverbials` / :func:`skip_object` — what sits between a verb and its content
  ("said in a statement on Monday that", "told AFP that");
- :func:`cue_after` / :func:`cue_before` — the cue phrase beside a direct quote;
- :func:`clause_attributions` — indirect attributions in a sentence ("X said ...", "..., X said",
  "according to X", ", saying ...").

Why one module of this length: the cue shapes share one small grammar (the subject finders, the
adverb and apposition skips), and every rule here calls the others.

>>> toks = tokenize("The Observatory, which relies on sources, said on Monday that 280 left.")
>>> v = 8; toks[v].text
'said'
>>> [t.text for t in toks[slice(*left_subject(toks, v, 0))]]
['The', 'Observatory']
>>> [t.text for t in toks[skip_adverbials(toks, v + 1, len(toks)):]]
['that', '280', 'left', '.']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...text import calendar_words
from .speech_verbs import CLAUSE_KINDS, DIRECT_KINDS, DETERMINERS, NAMING_KINDS, VerbForm, match_at
from .tokens import Token, tokenize
from ...text.lexicon import word_groups, word_set

WEEKDAYS = frozenset(calendar_words.WEEKDAY_NAMES)
# The tokenizer keeps the period of an abbreviated month ("Jan.": see tokens.ABBREVIATIONS).
MONTHS = frozenset(calendar_words.MONTHS) | {short + "." for short in calendar_words.MONTH_SHORT}
_ADVERBS = word_set("quote_words.tsv", "adverb") | WEEKDAYS
_AUXILIARIES = word_set("quote_words.tsv", "auxiliary")
_NEGATIONS = frozenset("not never n't nt".split())
_BE = word_set("quote_words.tsv", "be")
_VENUE_WORDS = word_set("quote_words.tsv", "venue") | WEEKDAYS | MONTHS
_PREPOSITIONS = word_set("quote_words.tsv", "venue_preposition")
_AUDIENCE = word_set("quote_words.tsv", "audience")
_AUDIENCE_NOUNS = word_set("quote_words.tsv", "audience_noun")
BOUNDARY_WORDS = word_set("quote_words.tsv", "boundary")
_NP_INNER = frozenset("of for at".split())  # "spokesman for the coalition", "head of OCHA"
_APPOSITION_STARTS = word_set("quote_words.tsv", "apposition_start")
_RELATIVES = frozenset("who which that".split())
PERSONAL_PRONOUNS = word_set("quote_words.tsv", "personal_pronoun")
# Verbs that often take a noun object ("declared victory", "confirmed the deaths"): they report a
# claim only with "that" or a clause after them.
NOUN_OBJECT_LEMMAS = word_set("quote_words.tsv", "noun_object_lemma")
# Idioms whose object is no claim: "claimed responsibility", "declared victory", "claimed 20 lives".
_IDIOM_OBJECTS = word_groups("quote_words.tsv", "idiom_object")
# ... of which these report a count as a claim ("confirmed 90 deaths"), unlike "claimed 20 lives".
_COUNT_CLAIM_LEMMAS = frozenset("announce confirm reveal disclose state".split())  # not "claim"
# Reported content never opens with a preposition or a conjunction ("responded with a lawsuit",
# "added to the picture", "says and promises").
_NOT_CONTENT_START = word_set("quote_words.tsv", "not_content_start")
_CLAUSE_MARKERS = word_set("quote_words.tsv", "clause_marker")
MAX_NP = 10


# --------------------------------------------------------------------------- small predicates


def _word(tokens: list[Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) else ""


def _is_name(tok: Token, i: int) -> bool:
    """A capitalised token not at the sentence start ("May" in "Theresa May said")."""
    return i > 0 and tok.is_title


def _np_token(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    if tok.text in ("(", ")", "&", "-", "'s", "’s", "'", "’"):
        return True
    if not tok.is_word:
        return False
    low = tok.lower
    if low in BOUNDARY_WORDS and not _is_name(tok, i):
        return False
    if match_at(tokens, i) is not None and not tok.is_title:
        return False
    return True


def _skip_pre_verb(tokens: list[Token], j: int, lo: int) -> int:
    """Walk left over auxiliaries and adverbs between a subject and its verb ("OCHA on Monday said")."""
    while j >= lo:
        low = tokens[j].lower
        if low in _AUXILIARIES or low in _ADVERBS or low in ("is", "are", "was", "were", "been"):
            j -= 1  # passives were refused before: "is calling" is progressive
        elif j - 1 >= lo and tokens[j - 1].lower in ("on", "late", "early", "last") and low in WEEKDAYS | {"week", "night", "month"}:
            j -= 2
        else:
            break
    return j


def negated_or_passive(tokens: list[Token], verb: int, lo: int = 0) -> bool:
    """"was told to", "is said to", "did not say", "declined to say": not an attribution."""
    j = verb - 1
    while j >= lo and tokens[j].lower in _ADVERBS:
        j -= 1
    if j < lo:
        return False
    low = tokens[j].lower
    if low in _NEGATIONS or low.endswith(("n't", "n’t")) or low == "to":
        return True
    return low in _BE and not tokens[verb].lower.endswith("ing")


# --------------------------------------------------------------------------- noun phrases


def _walk_np_left(tokens: list[Token], end: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``end`` (inclusive), or None."""
    j = end
    if j >= lo and tokens[j].text == ")":  # "The Syrian Observatory for Human Rights (SOHR)"
        k = j
        while k >= lo and tokens[k].text != "(":
            k -= 1
        if k < lo or j - k > 6:
            return None
        j = k - 1
    stop = max(lo, end - MAX_NP + 1)
    while j >= stop and _np_token(tokens, j):
        if tokens[j].lower in _NP_INNER and (j == end or not _np_token(tokens, j - 1)):
            break
        j -= 1
    start = j + 1
    while start <= end and (tokens[start].lower in _NP_INNER or not tokens[start].is_word and tokens[start].text != "("):
        start += 1
    if start > end:
        return None
    return start, end + 1


def left_subject(tokens: list[Token], verb: int, lo: int) -> tuple[int, int] | None:
    """Token range of the subject before ``verb`` (not earlier than ``lo``), or None."""
    j = _skip_pre_verb(tokens, verb - 1, lo)
    if j < lo:
        return None
    if tokens[j].lower in _RELATIVES:
        return None  # "those who said ...": a relative clause defines a group, it reports no claim
    if tokens[j].text == ",":
        return _subject_before_apposition(tokens, j, lo)
    return _walk_np_left(tokens, j, lo)


def _subject_before_apposition(tokens: list[Token], comma: int, lo: int) -> tuple[int, int] | None:
    # "Smith, a spokesman for the group, which ..., said": hop back over up to three commas
    for _ in range(3):
        k = comma - 1
        while k >= lo and tokens[k].text != ",":
            k -= 1
        if k < lo or comma - k > 30:
            return None
        segment_first = _word(tokens, k + 1)
        name_segment = comma - k - 1 <= 5 and all(t.is_title for t in tokens[k + 1 : comma])
        np = _walk_np_left(tokens, k - 1, lo)
        if np is None:
            return None
        named = all(t.is_title or not t.is_word for t in tokens[np[0] : np[1]])
        possessive = segment_first.endswith(("'s", "’s"))
        if not (
            segment_first in _APPOSITION_STARTS
            or tokens[k + 1].text[:1].isdigit()
            or name_segment
            or possessive
            or (named and comma - k - 1 <= 12)  # "Jenna Golden, Twitter’s director of ..., said"
        ):
            return None
        if name_segment:
            return np[0], comma  # "Her campaign manager, Robby Mook, suggested": role and name
        if _word(tokens, np[0]) in ("a", "an") and np[0] - 1 >= lo and tokens[np[0] - 1].text == ",":
            comma = np[0] - 1
            continue
        return np
    return None


def right_subject(tokens: list[Token], start: int, hi: int) -> tuple[int, int] | None:
    """Token range of the noun phrase after an inverted verb (", said the official, who ...")."""
    i = start
    while i < hi and tokens[i].lower in _ADVERBS:
        i += 1
    if i >= hi or tokens[i].lower in _NP_INNER or (tokens[i].lower in BOUNDARY_WORDS and not tokens[i].is_title):
        return None  # '..., said of the plan': no speaker after the verb
    j = i
    while j < hi and j - i < MAX_NP and _np_token(tokens, j) and tokens[j].text not in ("(", ")"):
        if tokens[j].lower in _NP_INNER and not (j + 1 < hi and _np_token(tokens, j + 1)):
            break
        j += 1
    while j > i and (tokens[j - 1].lower in _NP_INNER or not tokens[j - 1].is_word):
        j -= 1
    return (i, j) if j > i else None


# --------------------------------------------------------------------------- between verb and content


def skip_adverbials(tokens: list[Token], i: int, hi: int) -> int:
    """First token after the adverbials that follow a reporting verb ("in a statement on Monday")."""
    while i < hi:
        low = tokens[i].lower
        if low in _ADVERBS or low in MONTHS or (low.isdigit() and len(low) <= 2 and _word(tokens, i - 1) in MONTHS):
            i += 1
            continue
        if low in _PREPOSITIONS or low in ("late", "early", "earlier"):
            end = _venue_phrase_end(tokens, i, hi)
            if end > i:
                i = end
                continue
        break
    return i


def _venue_phrase_end(tokens: list[Token], i: int, hi: int) -> int:
    last_venue = -1
    j = i + 1
    while j < hi and j - i <= 8:
        tok = tokens[j]
        if not tok.is_word or tok.lower == "that":
            break
        if tok.lower in _VENUE_WORDS:
            last_venue = j
        j += 1
    if last_venue > 0:
        return last_venue + 1
    if j < hi and tokens[j].lower == "that" and j - i <= 7:
        return j  # "told reporters at the Pentagon on Monday that"
    return i


def skip_object(tokens: list[Token], i: int, hi: int, required: bool) -> int:
    """Skip the addressee of "told"/"warned" ("told AFP", "told the BBC's Newsnight programme")."""
    if i >= hi or tokens[i].lower == "that":
        return i
    for j in range(i, min(hi, i + 12)):
        if tokens[j].text in (",", ".", ":", ";"):
            break
        if tokens[j].lower == "that":
            return j
    low = tokens[i].lower
    if low in _AUDIENCE:
        return i + 1
    j = i
    if low in ("the", "a", "an", "his", "her", "their", "its", "our", "my", "your"):
        j += 1
    start = j
    while j < hi and (tokens[j].is_title or tokens[j].lower in _AUDIENCE_NOUNS or tokens[j].lower in ("'s", "’s")):
        j += 1
    if j > start:
        return j
    if j > i:  # "told his closest advisers": a determiner, then up to three plain words
        while j < hi and j - i <= 3 and tokens[j].is_word and tokens[j].lower not in BOUNDARY_WORDS:
            j += 1
        return j
    return i + 1 if required and tokens[i].is_word else i


# --------------------------------------------------------------------------- direct quote cues


@dataclass(slots=True)
class Cue:
    """A reporting verb (token range) with its speaker (token range) if one was found."""

    verb: tuple[int, int]
    speaker: tuple[int, int] | None
    form: VerbForm | None  # None for "according to"
    that: bool = False  # the content is introduced by "that"


_DASHES = frozenset("-—–―")
_LEADING = frozenset(",-—–―:")
_CLOSING_MARKS = frozenset({"”", "\"", "’", "'", "»", "“"})
_OPENING_MARKS = frozenset({"“", "\"", "‘", "'", "«", "„"})


def cue_after(tokens: list[Token]) -> Cue | None:
    """The cue right after a closing mark: ', he said.', ', said Smith', ', according to OCHA'."""
    i = 0
    while i < len(tokens) and tokens[i].text in _LEADING:
        i += 1
    if i >= len(tokens):
        return None
    if _word(tokens, i) == "according" and _word(tokens, i + 1) == "to":
        np = right_subject(tokens, i + 2, len(tokens))
        return Cue((i, i + 2), np, None) if np else None
    dash = next((j for j in range(i - 1, -1, -1) if tokens[j].text in _DASHES), None)
    if dash is not None:
        # '"...." ― Sonya Herridge' / '"...," — Name, role': a signature after a dash
        np = right_subject(tokens, i, len(tokens))
        if (
            np is not None
            and np[0] == i
            and all(t.is_title for t in tokens[np[0] : np[1]] if t.is_word)
            and (np[1] == len(tokens) or tokens[np[1]].text in (",", ".", "("))
            and not any(match_at(tokens, k) for k in range(np[0], np[1]))
        ):
            return Cue((dash, dash + 1), np, None)
    for v in range(i, min(len(tokens), i + 16)):
        if tokens[v].text in (".", "!", "?", ";", "\"", "“", "”"):
            return _unlisted_cue(tokens, i, v)
        form = match_at(tokens, v)
        if form is None or form.kind not in DIRECT_KINDS or form.participle and v > i:
            continue
        after_verb = v + len(form.words)
        if v == i:  # inverted: '"...," said the official'
            np = right_subject(tokens, after_verb, len(tokens))
            return Cue((v, after_verb), np, form) if np else None
        if negated_or_passive(tokens, v, i):
            return None
        np = left_subject(tokens, v, i)
        if np is not None and np[0] != i and _phrase_of_words(tokens, i, np[0]):
            np = (i, np[1])  # "a narrator in the Clinton ad asks": the walk stopped at "in"
        if np is None or np[0] != i:
            return None
        return Cue((v, after_verb), np, form)
    return _unlisted_cue(tokens, i, len(tokens))


def _phrase_of_words(tokens: list[Token], start: int, end: int) -> bool:
    """Plain words only (no clause word, no punctuation but a hyphen), at most eight."""
    if end - start > 8:
        return False
    return all(
        (t.is_word and t.lower not in _RELATIVES and match_at(tokens, k) is None) or t.text in ("-", "’s", "'s")
        for k, t in enumerate(tokens[start:end], start)
    )


def _unlisted_cue(tokens: list[Token], i: int, end: int) -> Cue | None:
    """'"Why not?" Vitter demanded.' — a name (or he/she) and one past-tense verb the lexicon lacks,
    closing the sentence right after the quote."""
    if end - i < 2 or end - i > 6:
        return None
    verb = end - 1
    while verb > i and tokens[verb].lower in _ADVERBS:
        verb -= 1
    word = tokens[verb]
    if not (word.is_word and word.text.islower() and word.lower.endswith("ed")) or verb == i:
        return None
    np = (i, verb)
    first = tokens[i]
    if not (first.is_title or first.lower in ("he", "she", "they")):
        return None
    if not all(t.is_title or not t.is_word or t.lower in ("he", "she", "they") for t in tokens[i:verb]):
        return None
    return Cue((verb, verb + 1), np, None)


def cue_before(tokens: list[Token]) -> Cue | None:
    """The cue ending right before an opening mark: 'He said: ', 'Smith told AFP, ', 'said that '."""
    n = len(tokens)
    while n > 0 and tokens[n - 1].text in _LEADING:
        n -= 1
    if n == 0:
        return None
    for v in range(n - 1, max(-1, n - 14), -1):
        if tokens[v].text in (".", "!", "?", ";", "\"", "“", "”"):
            return None
        if _word(tokens, v) == "according" and _word(tokens, v + 1) == "to":
            np = right_subject(tokens, v + 2, n)
            return Cue((v, v + 2), np, None) if np and np[1] == n else None
        form = match_at(tokens, v)
        if form is None or form.kind not in DIRECT_KINDS | CLAUSE_KINDS:
            continue
        after_verb = v + len(form.words)
        k = skip_adverbials(tokens, after_verb, n)
        if form.kind == "object":
            k = skip_adverbials(tokens, skip_object(tokens, k, n, required=form.lemma == "tell"), n)
        that = k < n and tokens[k].lower == "that"
        if that:
            k += 1
        if k != n and (v == 0 or not tokens[v - 1].is_word):
            np = right_subject(tokens, after_verb, n)  # 'Stated Stone: "..."', 'Said Ann Poe, who ..., "..."'
            if np is not None and (np[1] == n or tokens[np[1]].text == ","):
                return Cue((v, after_verb), np, form)
        if k != n and not that and len(tokens) > n and n - k <= 8 and _plain_phrase(tokens, k, n):
            k = n  # 'wrote to his 20,000 Twitter followers, "..."': an addressee or setting, then the quote
        if k != n or negated_or_passive(tokens, v, 0):
            return None
        np = left_subject(tokens, v, 0)
        if np is None and form.participle:
            np = None  # ', adding: "..."' — the speaker is the clause subject, found by the caller
        return Cue((v, after_verb), np, form, that)
    return None


def _plain_phrase(tokens: list[Token], start: int, end: int) -> bool:
    """No clause inside: no "that", no auxiliary, no reporting verb, no punctuation but a hyphen."""
    for i in range(start, end):
        tok = tokens[i]
        if not tok.is_word and tok.text not in ("-", "’s", "'s"):
            return False
        if tok.lower == "that" or tok.text in _CLAUSE_MARKERS or match_at(tokens, i) is not None:
            return False
    return True


# --------------------------------------------------------------------------- indirect clauses


@dataclass(slots=True)
class ClauseAttribution:
    """An indirect attribution found in one sentence (token ranges into that sentence's tokens)."""

    verb: tuple[int, int]
    speaker: tuple[int, int] | None
    parts: list[tuple[int, int]]
    pattern: str  # subject-verb | content-then-cue | inverted | according-to | participle
    form: VerbForm | None = None
    subject_hint: tuple[int, int] | None = None  # for participles: the span to search for the subject
    extra: dict = field(default_factory=dict)


def _content_end(tokens: list[Token], start: int, hi: int) -> int:
    """End of a right-hand content clause: the sentence end, or before ', adding/saying ...' — never
    inside a quoted fragment, whose commas and dashes belong to the speaker."""
    j = start
    inside = False
    while j < hi:
        mark = _mark_kind(tokens, j)
        if mark is not None:
            inside = (not inside) if mark == "toggle" else mark == "open"
            j += 2 if tokens[j].text == "'" else 1
            continue
        if inside:
            j += 1
            continue
        if j > start and (tokens[j].text in (";", "—", "―", "–") or (tokens[j].text == "-" and _word(tokens, j + 1) == "-")):
            after_dash = j + (2 if tokens[j].text == "-" else 1)
            quoted_next = after_dash < hi and _mark_kind(tokens, after_dash) in ("open", "toggle")
            if (tokens[j].text == ";" or tokens[j].start > tokens[j - 1].end) and not quoted_next:
                break  # "...; 46 percent said ...", "... -- something he denied": the narrator again
        if tokens[j].text == "," and _word(tokens, j + 1) in ("which", "who") and not any(
            t.text == "," for t in tokens[j + 1 : hi]
        ):
            break  # "..., which was passed in 2010.": the narrator's aside closes the sentence
        if tokens[j].text == "," and j + 1 < hi:
            nxt = j + 1
            while nxt < hi and tokens[nxt].text in _CLOSING_MARKS:
                nxt += 1  # '...maniacal,” adding, “...'
            if nxt < hi:
                form = match_at(tokens, nxt)
                if form is not None and form.participle and form.kind in CLAUSE_KINDS:
                    return nxt if nxt > j + 1 else j
                if _word(tokens, nxt) == "according" and _word(tokens, nxt + 1) == "to":
                    return nxt if nxt > j + 1 else j
        if tokens[j].text == "," and _word(tokens, j + 1) in ("and", "but", "while") and j > start:
            for m in range(j + 2, min(hi, j + 10)):
                if not _np_token(tokens, m):
                    form = match_at(tokens, m)
                    if form is not None and form.kind in CLAUSE_KINDS and not form.participle:
                        return j  # "..., and more than 4 in 10 said ...": another attribution
                    break
        if tokens[j].lower in ("and", "but") and j > start:
            nxt = j + 1 + (_word(tokens, j + 1) in _ADVERBS)
            form = match_at(tokens, nxt) if nxt < hi else None
            if form is not None and form.kind in CLAUSE_KINDS and not form.participle:
                k = skip_adverbials(tokens, nxt + len(form.words), hi)
                if form.kind == "object":
                    k = skip_object(tokens, k, hi, required=False)
                if _word(tokens, k) == "that":
                    return j  # "... and argued that ...": a second attribution starts
        j += 1
    while j > start and not tokens[j - 1].is_word and tokens[j - 1].text not in "\"”’'»)":
        j -= 1
    return j


def _mark_kind(tokens: list[Token], j: int) -> str | None:
    """"open", "close" or "toggle" when token ``j`` is a double quotation mark."""
    text = tokens[j].text
    if text in ("“", "„", "«"):
        return "open"
    if text in ("”", "»"):
        return "close"
    if text == '"':
        return "toggle"
    if text == "'" and j + 1 < len(tokens) and tokens[j + 1].text == "'" and tokens[j + 1].start == tokens[j].end:
        return "toggle"  # '' as a double mark
    return None


def _clause_start(tokens: list[Token], before: int, lo: int) -> int:
    """Start of the content clause that ends at ``before`` (exclusive): the sentence start."""
    i = lo
    while i < before and tokens[i].text in _LEADING:
        i += 1
    return i


def _progressive(tokens: list[Token], v: int) -> bool:
    """"is declaring", "He’s predicting": an -ing form used as a finite verb."""
    j = v - 1
    while j >= 0 and tokens[j].lower in _ADVERBS:
        j -= 1
    if j < 0:
        return False
    low = tokens[j].lower
    return low in ("is", "are", "was", "were", "been", "be") or (low.endswith(("’s", "'s", "’re", "'re")) and low[:-2].rstrip("’'") in PERSONAL_PRONOUNS)


def _looks_like_clause(tokens: list[Token], start: int, end: int, counts: bool = True) -> bool:
    if start < end and tokens[start].lower in PERSONAL_PRONOUNS:
        return True
    if counts and any(t.text[:1].isdigit() for t in tokens[start : min(end, start + 8)]):
        return True  # "confirmed 90 deaths": a count is a claim worth its claimant
    # exact case: "IS" (the group) is not "is"
    return any(t.text in _CLAUSE_MARKERS for t in tokens[start : min(end, start + 8)])


def _word_count(tokens: list[Token], span: tuple[int, int]) -> int:
    return sum(1 for t in tokens[span[0] : span[1]] if t.is_word)


def clause_attributions(tokens: list[Token], blocked: set[int] | None = None) -> list[ClauseAttribution]:
    """Indirect attributions of one sentence. ``blocked`` token indices are never cues."""
    blocked = blocked or set()
    found: list[ClauseAttribution] = []
    n = len(tokens)
    hi = n
    i = 0
    while i < n:
        if i in blocked:
            i += 1
            continue
        if _word(tokens, i) == "according" and _word(tokens, i + 1) == "to":
            att = _according_to(tokens, i, hi)
            if att:
                found.append(att)
            i += 2
            continue
        form = match_at(tokens, i)
        if form is None or form.kind not in CLAUSE_KINDS | NAMING_KINDS:
            i += 1
            continue
        if form.kind in NAMING_KINDS:
            att = _naming(tokens, i, form, hi)
        else:
            att = _verb_attribution(tokens, i, form, hi, found[-1].speaker if found else None)
        if att:
            found.append(att)
        i += len(form.words)
    return found


def _speaker_like(tok: Token) -> bool:
    return tok.is_title or tok.lower in ("the", "a", "an", "he", "she", "they", "it", "one", "another")


def _comma_before(tokens: list[Token], np_start: int) -> int | None:
    """The punctuation opening the subject phrase, over a short prepositional tail the walk left out
    ("..., officials in both cities insist, ...")."""
    for j in range(np_start - 1, max(-1, np_start - 5), -1):
        if tokens[j].text in (",", "—", "–", "-", "”", "\"", "’"):
            return j
        if not tokens[j].is_word:
            return None
    return None


def _sentence_subject(tokens: list[Token], before: int) -> tuple[int, int] | None:
    """The name or pronoun opening the sentence ("Clinton, speaking to mayors, did not ..., but told")."""
    lead = _clause_start(tokens, before, 0)
    np = right_subject(tokens, lead, before)
    if np is None:
        return None
    first = tokens[np[0]]
    if first.lower in PERSONAL_PRONOUNS or (first.is_title and first.lower not in DETERMINERS | BOUNDARY_WORDS):
        return np
    if first.lower == "the" and np[1] - np[0] > 1 and tokens[np[0] + 1].is_title:
        return np  # "The State Department has deemed ... and says ..."
    return None


def _according_to(tokens: list[Token], i: int, hi: int) -> ClauseAttribution | None:
    np = right_subject(tokens, i + 2, hi)
    if np is None:
        return None
    lead = _clause_start(tokens, i, 0)
    if i <= lead + 1 or tokens[i - 1].text in (":",):
        # "According to OCHA, 15,000 people arrived."
        comma = next((j for j in range(np[1], min(hi, np[0] + 25)) if tokens[j].text == ","), None)
        if comma is not None and comma > np[1]:
            np = (np[0], comma)  # "According to early results of the exit poll conducted by ..., "
        k = np[1]
        while k < hi and tokens[k].text in (",", "—", "–", "-"):
            k += 1
        end = _content_end(tokens, k, hi)
        parts = [(k, end)] if _word_count(tokens, (k, end)) >= 3 else []
    else:
        # "Hundreds more are expected, according to OCHA."
        end = i
        while end > lead and tokens[end - 1].text in (",", "—", "–", "-"):
            end -= 1
        parts = [(lead, end)] if _word_count(tokens, (lead, end)) >= 3 else []
        k = np[1]
        if tokens[i - 1].text == "," and k < hi and tokens[k].text == ",":
            # "Over the long term, according to the budget office, the deficit will rise": both sides
            right = (k + 1, _content_end(tokens, k + 1, hi))
            if _word_count(tokens, right) >= 3:
                parts = ([(lead, end)] if end > lead else []) + [right]
    if not parts:
        return None
    return ClauseAttribution((i, i + 2), np, parts, "according-to")


def _verb_attribution(
    tokens: list[Token], v: int, form: VerbForm, hi: int, previous_speaker: tuple[int, int] | None = None
) -> ClauseAttribution | None:
    after_verb = v + len(form.words)
    if negated_or_passive(tokens, v) or _word(tokens, after_verb) == "than":
        return None  # "easier said than done"
    if form.participle and not _progressive(tokens, v):
        return _participle(tokens, v, form, hi)
    # inverted: "..., said the official." / '..., says Smith.' (not "Smith, an engineer, said the dam held")
    if v > 0 and tokens[v - 1].text in (",", "”", "\"", "’") and left_subject(tokens, v, 0) is None:
        np = right_subject(tokens, after_verb, hi)
        if np is not None and not _speaker_like(tokens[np[0]]):
            np = None  # "..., announced tighter controls": an object, not an inverted speaker
        rest = skip_adverbials(tokens, np[1], hi) if np else after_verb
        if np and (rest >= hi or tokens[rest].text in (",", ".", "!", "?", ";")):
            lead = _clause_start(tokens, v, 0)
            end = v - 1
            while end > lead and tokens[end - 1].text in (",",):
                end -= 1
            if _word_count(tokens, (lead, end)) >= 3:
                return ClauseAttribution((v, after_verb), np, [(lead, end)], "inverted", form)
    np = left_subject(tokens, v, 0)
    if np is None:
        j = v - 1
        while j >= 0 and tokens[j].lower in _ADVERBS:
            j -= 1
        if j < 0 or tokens[j].lower not in ("and", "but", ","):
            return None
        # "Paul suggested ... and argued that ...", "Kasich offered him a job, then says ..."
        np = previous_speaker or _sentence_subject(tokens, j)
        if np is None:
            return None
    k = skip_adverbials(tokens, after_verb, hi)
    if form.kind == "object":
        k = skip_adverbials(tokens, skip_object(tokens, k, hi, required=form.lemma == "tell"), hi)
    comma_before = _comma_before(tokens, np[0])
    middle = (
        k + 1 < hi
        and tokens[k].text == ","
        and comma_before is not None
        and tokens[comma_before].text == ","
        and not tokens[k + 1].lower.endswith("ing")  # "..., X reported, citing local sources."
        and tokens[k + 1].lower not in _NOT_CONTENT_START
    )
    if middle:
        k += 1  # "In the long run, many economists say, this effect could ripple ..."
    that = k < hi and tokens[k].lower == "that"
    if that:
        k += 1
    if form.kind == "thatonly" and not that:
        return None
    end = _content_end(tokens, k, hi)
    if not that and not middle and form.lemma in NOUN_OBJECT_LEMMAS and not _looks_like_clause(
        tokens, k, end, counts=form.lemma in _COUNT_CLAIM_LEMMAS
    ):
        end = k  # "declared victory": an object, not reported content
    idioms = _IDIOM_OBJECTS.get(form.lemma)
    if idioms and not that and any(t.lower in idioms for t in tokens[k : min(end, k + 4)]):
        end = k
    if not that and k < hi and tokens[k].lower in _NOT_CONTENT_START:
        if not any(t.text in _OPENING_MARKS for t in tokens[k:end]):
            end = k  # ... unless their own words follow: 'pledged to end “the ... regime.”'

    right_ok = k < hi and tokens[k].text not in (",", ".", ":", ";", "?", "!") and _word_count(tokens, (k, end)) >= 3
    if k < hi and tokens[k].text == ":":
        return None  # 'He said: "..."' is a direct quote, handled by the caller
    if right_ok:
        parts = [(k, end)]
        before_np = comma_before if comma_before is not None else np[0] - 1
        # "The attack, he said, was planned" — content on both sides of the cue
        if before_np > 0 and tokens[before_np].text == "," and k > after_verb and tokens[k - 1].text == ",":
            lead = _clause_start(tokens, before_np, 0)
            if _word_count(tokens, (lead, before_np)) >= 2:
                parts.insert(0, (lead, before_np))
        return ClauseAttribution((v, after_verb), np, parts, "subject-verb", form)
    # "..., OCHA said (on Monday)." — the content is the clause before the cue
    before_np = comma_before if comma_before is not None else np[0] - 1
    if before_np >= 1 and tokens[before_np].text in (",", "—", "–", "-", "”", "\"", "’"):
        rest = k
        if form.kind == "object" and rest < hi and tokens[rest].is_word:
            rest = skip_object(tokens, rest, hi, required=True)
        if rest < hi and tokens[rest].text not in (".", ",", "!", "?", ";", "”", "\"", "’"):
            return None
        lead = _clause_start(tokens, before_np, 0)
        end = before_np
        while end > lead and tokens[end - 1].text in (",", "—", "–", "-"):
            end -= 1
        if _word_count(tokens, (lead, end)) >= 3:
            return ClauseAttribution((v, after_verb), np, [(lead, end)], "content-then-cue", form)
    return None


def _naming(tokens: list[Token], v: int, form: VerbForm, hi: int) -> ClauseAttribution | None:
    """'called him “a total stiff.”', 'dismissed the whole kerfuffle as “absurd.”' (a quoted name)."""
    after_verb = v + len(form.words)
    if negated_or_passive(tokens, v):
        return None
    for o in range(after_verb, min(hi, after_verb + 10)):
        if tokens[o].text in (".", ";", "!", "?"):
            return None
        if tokens[o].text in _OPENING_MARKS and o + 1 < hi and tokens[o + 1].is_word and tokens[o + 1].start == tokens[o].end:
            close = next((c for c in range(o + 2, min(hi, o + 60)) if tokens[c].text in _CLOSING_MARKS), None)
            if close is None:
                return None
            close = _last_fragment_close(tokens, close, hi)
            parts = [(after_verb, close + 1)]
            if form.participle and not _progressive(tokens, v):
                if v > 0 and tokens[v - 1].text == ",":
                    return ClauseAttribution((v, after_verb), None, parts, "naming", form, subject_hint=(0, v - 1))
                return None
            np = left_subject(tokens, v, 0)
            return ClauseAttribution((v, after_verb), np, parts, "naming", form) if np else None
    return None


def _last_fragment_close(tokens: list[Token], close: int, hi: int) -> int:
    """'called Trump a "pathological liar" who is "utterly amoral," a "bully"': on to the last fragment."""
    j = close + 1
    while j < hi and j - close <= 6 and tokens[j].text not in (".", ";", "!", "?"):
        if tokens[j].text in _OPENING_MARKS and j + 1 < hi and tokens[j + 1].start == tokens[j].end:
            nxt = next((c for c in range(j + 2, min(hi, j + 60)) if tokens[c].text in _CLOSING_MARKS), None)
            if nxt is None:
                break
            close = j = nxt
        j += 1
    return close


def _participle(tokens: list[Token], v: int, form: VerbForm, hi: int) -> ClauseAttribution | None:
    """", saying the IS group has been defeated" / "with the UN saying hundreds are expected"."""
    after_verb = v + len(form.words)
    k = skip_adverbials(tokens, after_verb, hi)
    if form.kind == "object":
        k = skip_adverbials(tokens, skip_object(tokens, k, hi, required=form.lemma == "tell"), hi)
    if k < hi and tokens[k].lower == "that":
        k += 1
    end = _content_end(tokens, k, hi)
    if _word_count(tokens, (k, end)) < 3 or (k < hi and tokens[k].text in (":", ",")):
        return None
    if tokens[k - 1].lower != "that" and tokens[k].lower in _NOT_CONTENT_START:
        return None  # "responding to ...", "adding to ..."
    idioms = _IDIOM_OBJECTS.get(form.lemma)
    if idioms and tokens[k - 1].lower != "that" and any(t.lower in idioms for t in tokens[k : min(end, k + 4)]):
        return None  # "claiming his third victory"
    if form.kind == "thatonly" and tokens[k - 1].lower != "that":
        return None
    # "with the UN saying ..."
    j = v - 1
    np = _walk_np_left(tokens, j, 0) if j >= 0 and tokens[j].is_word else None
    if np and np[0] > 0 and tokens[np[0] - 1].lower == "with":
        return ClauseAttribution((v, after_verb), np, [(k, end)], "participle", form)
    if v > 0 and tokens[v - 1].text == ",":
        return ClauseAttribution((v, after_verb), None, [(k, end)], "participle", form, subject_hint=(0, v - 1))
    return None


__all__ = [
    "Cue",
    "ClauseAttribution",
    "clause_attributions",
    "cue_after",
    "cue_before",
    "left_subject",
    "negated_or_passive",
    "right_subject",
    "skip_adverbials",
    "skip_object",
    "tokenize",
]
