"""The reporting-verb lexicon (``data/speech_verbs.tsv``) and its lookup on tokens.

The file lists surface forms, so no lemmatizer is needed; users may extend it. A form that is also
a common noun ("claims", "reports") counts only in verb position: not after a determiner or a
possessive, and not before "of"/"by"/"from".

>>> form = match_at(tokenize("The UN said on Monday"), 2)
>>> (form.lemma, form.kind, form.participle)
('say', 'speech', False)
>>> match_at(tokenize("the claims of the UN"), 1) is None
True
>>> match_at(tokenize("He pointed out that"), 1).lemma
'point_out'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...text.lexicon import table, word_set
from .tokens import Token, tokenize

LEXICON = "speech_verbs.tsv"  # read with the user's additions by text.lexicon.table

# Verbs that name something with a quoted word: a mixed quote when a quoted fragment follows.
NAMING_KINDS = frozenset({"naming"})
# Classes whose verbs introduce an indirect clause ("X said that ...").
CLAUSE_KINDS = frozenset({"speech", "object", "cognition", "thatonly"})
# Classes whose verbs cue a direct quote ('"...", X said').
DIRECT_KINDS = frozenset({"speech", "object", "cognition", "question", "manner"})

DETERMINERS = word_set("quote_words.tsv", "determiner")
_ARTICLES = word_set("quote_words.tsv", "article")
_CLAUSE_STARTS = word_set("quote_words.tsv", "clause_start")
_NOUN_FOLLOWERS = word_set("quote_words.tsv", "noun_follower")


@dataclass(slots=True, frozen=True)
class VerbForm:
    lemma: str
    kind: str  # speech | object | cognition | thatonly | question | manner
    words: tuple[str, ...]  # lower-cased words of the form ("pointed", "out")
    noun_too: bool  # also a common noun: needs verb position
    participle: bool  # an -ing form ("saying"): cues ", saying ..." clauses


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, tuple[VerbForm, ...]]:
    """Forms indexed by their first word, longest first: ``speech_verbs.tsv`` with the rows of the
    user's file of that name, read once per process."""
    index: dict[str, list[VerbForm]] = {}
    for lemma, kind, forms in table(LEXICON):
        for raw in forms.split():
            noun_too = raw.endswith("*")
            words = tuple(raw.rstrip("*").lower().split("_"))
            form = VerbForm(lemma, kind, words, noun_too, words[0].endswith("ing"))
            index.setdefault(words[0], []).append(form)
    return {k: tuple(sorted(v, key=lambda f: -len(f.words))) for k, v in index.items()}


def match_at(tokens: list[Token], i: int, lexicon: dict[str, tuple[VerbForm, ...]] | None = None) -> VerbForm | None:
    """The reporting-verb form starting at token ``i``, if it is used as a verb there."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    candidates = lexicon.get(tokens[i].lower)
    if not candidates:
        return None
    for form in candidates:
        n = len(form.words)
        if tuple(t.lower for t in tokens[i : i + n]) != form.words:
            continue
        if form.noun_too and (not _verb_position(tokens, i, n) or (i > 0 and tokens[i].is_title)):
            return None  # "the Gulf States": a capitalised noun inside a name
        if i > 0 and tokens[i - 1].lower in _ARTICLES:
            return None  # "the said document", "their say"
        if i > 0 and _possessive(tokens[i - 1].lower):
            return None  # "Trump’s reported net worth", "the group’s stated aim"
        return form
    return None


_PRONOUNS = word_set("quote_words.tsv", "pronoun_before_verb")
_ADJECTIVE_ENDINGS = ("ous", "ive", "al", "ic", "ful", "less", "able", "ible", "ent", "ant", "ary", "ial")


def _possessive(word: str) -> bool:
    if not word.endswith(("'s", "’s")):
        return False
    return word[:-2] not in _PRONOUNS  # "he’s said" is a verb


def _verb_position(tokens: list[Token], i: int, n: int) -> bool:
    if i == 0 or not tokens[i - 1].is_word:
        return False  # "Reports say ...": a noun heading the clause
    previous = tokens[i - 1].lower
    if previous in DETERMINERS or previous.endswith(("'s", "’s")):
        return False
    following = tokens[i + n] if i + n < len(tokens) else None
    if following is None:
        return True
    if following.lower in _NOUN_FOLLOWERS:
        return False
    if tokens[i].lower.endswith(("ed", "ing")):
        return True
    if not previous[:1].isupper() and tokens[i - 1].text.islower() and previous.endswith(_ADJECTIVE_ENDINGS):
        return False  # "more ambiguous remarks", "recent reports"
    # present tense "claims", "reports", "fears": a clause or an object must follow, not a noun
    # compound ("Syria state television", "the UN reports office") nor the sentence end
    return (
        following.text in (":", ",")
        or (not following.is_word and (tokens[i - 1].is_title or previous in ("he", "she", "it", "they")))
        or following.lower in _CLAUSE_STARTS
        or following.is_title
        or following.text[:1].isdigit()
    )


def is_reporting_word(word: str) -> bool:
    """Cheap pre-filter: could this lower-cased word start a reporting verb or "according to"?"""
    return word == "according" or word in load_lexicon()


__all__ = ["VerbForm", "load_lexicon", "match_at", "is_reporting_word", "CLAUSE_KINDS", "DIRECT_KINDS", "tokenize"]
