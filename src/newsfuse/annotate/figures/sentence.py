"""One sentence of an article read for its counts (the figures stage's reader).

The reader is one object per sentence; its parts live in modules of one job each (the noun phrase,
what happened, modifiers, claimant cues, place, period) and share its state.
"""

from __future__ import annotations

import dataclasses
import re

from ...model import Article, Figure, Sentence, SpanRef
from . import event_date, parts
from .categories import Lexicon, Token, words
from .claimant_cues import ClaimantCues
from .happened import HappenedReading
from .modifiers import ModifierReading
from .numbers import NumberExpr
from .period_choice import PeriodChoice
from .place_choice import PlaceChoice
from .reading import Decision, METHOD, NounPhrase
from .subject import SubjectReading
from .word_classes import CLAUSE_STOP, COUNT_NOUNS, EARLIER, PRONOUNS, RATE, STRONG

ARMED = frozenset({"fighters", "soldiers", "police"})
PART_CUES = frozenset({"including", "among", "whom", "included"})  # "among them", "of whom": a list of parts follows


class DocState:
    """What later sentences need from earlier ones: the last claimant (for "it said"), the last count
    seen in footage (for "another five bodies")."""

    def __init__(self) -> None:
        self.claimants: list[tuple[int, SpanRef]] = []  # (sentence number, claimant)
        self.toll: tuple[int, str] | None = None  # (sentence number, category) of the last toll word read
        self.sentence = 0
        self.footage_sentence: int | None = None
        self._printed: str | None = None

    def printed_date(self, article: Article) -> str | None:
        """The full date the page prints near its top ("Sunday 3 Jul 2016"), if any (computed once)."""
        if self._printed is None:
            day = event_date.printed_day(article)
            self._printed = day.isoformat() if day else ""
        return self._printed or None

    def footage_recent(self) -> bool:
        return self.footage_sentence is not None and self.sentence - self.footage_sentence <= 2

    def remember(self, ctx: "SentenceContext") -> None:
        for c in ctx.all_cue_claimants():
            if c.text.lower() not in PRONOUNS:
                self.claimants.append((self.sentence, c))
        for _k, decision, _np in ctx.decided:
            if decision.how == "anchor" and decision.category != "other":
                self.toll = (self.sentence, decision.category)
        self.sentence += 1

    def toll_just_read(self) -> str | None:
        """The category of the toll word of this or the previous sentence, for "This was later updated
        to 82" and "It rose to 82": a pronoun standing for that toll."""
        if self.toll is not None and self.sentence - self.toll[0] <= 1:
            return self.toll[1]
        return None


class SentenceContext(SubjectReading, HappenedReading, ModifierReading, ClaimantCues, PlaceChoice, PeriodChoice):
    """One sentence read for its counts: each count with what it counts, what happened, who claims it,
    where and when. The reading of each part is a mixin of its own module; they share this state."""

    def __init__(self, article: Article, sent: Sentence, numbers: list[NumberExpr], lex: Lexicon, state: DocState):
        self.article = article
        self.sent = sent
        self.lex = lex
        self.state = state
        self.text = article.text
        self.numbers = numbers
        raw = words(self.text[sent.start : sent.end], sent.start)
        # Collapse each number expression into one token: "<num>" for counts, "<nonum>" for the rest.
        toks: list[Token] = []
        self.num_at: dict[int, NumberExpr] = {}
        ni = 0
        i = 0
        while i < len(raw):
            t = raw[i]
            while ni < len(numbers) and numbers[ni].end <= t.start:
                ni += 1
            if ni < len(numbers) and numbers[ni].start <= t.start < numbers[ni].end:
                n = numbers[ni]
                self.num_at[len(toks)] = n
                toks.append(Token(n.start, n.end, "<num>" if n.is_count else "<old>" if n.kind == "superseded" else "<nonum>"))
                while i < len(raw) and raw[i].start < n.end:
                    i += 1
                ni += 1
                continue
            toks.append(t)
            i += 1
        self.toks = toks
        self.lows = [t.low for t in toks]
        # a sentence with no count and no "no one" has no figure: skip the trigger matching (speed)
        busy = bool(numbers) or any(w in ("no", "none", "nobody") for w in self.lows)
        self.triggers = {m.i: m for m in lex.match("trigger", self.lows)} if busy else {}
        self.home_triggers = {m.i: m for m in lex.match("home_trigger", self.lows)} if busy else {}
        self.speech = lex.match("speech", self.lows)
        self.decided: list[tuple[int, Decision, NounPhrase]] = []
        self.parts_at: set[int] = set()  # the counts read as parts of a larger one ("including two women")
        self.explicit_claimants: list[SpanRef] = []
        self._claimant_cache: dict[int, SpanRef | None] = {}
        self._figure_tok: dict[int, int] = {}

    # ------------------------------------------------------------------ figures

    def figures(self) -> list[Figure]:
        out: list[Figure] = []
        for k, tok in enumerate(self.toks):
            if tok.low == "<num>":
                for fig in self._figure(k, self.num_at[k]):
                    self._figure_tok[fig.start] = k
                    out.append(fig)
        out.extend(self._zero_figures())
        out.sort(key=lambda f: f.start)
        return out

    def _figure(self, k: int, n: NumberExpr) -> list[Figure]:
        """The figure of the count at token ``k`` (two when it has two predicates: "affected and evacuated")."""
        fig = self._one_figure(k, n)
        if fig is None:
            return []
        out = [fig]
        decision = self.decided[-1][1]
        if decision.how == "right" and decision.trigger is not None:
            second = self._second_predicate(decision.trigger[1], fig.unit == "homes")
            if second is not None and second != fig.category:
                out.append(dataclasses.replace(fig, category=second))
        return out

    def _second_predicate(self, j: int, homes: bool) -> str | None:
        lows = self.lows
        triggers = self.home_triggers if homes else self.triggers
        if j < len(lows) and lows[j] in ("and", "or"):
            x = j + 1
            while x < len(lows) and lows[x] in ("were", "was", "have", "has", "had", "been", "are", "then", "later"):
                x += 1
            m = triggers.get(x)
            if m is not None:
                return m.value
        return None

    def _one_figure(self, k: int, n: NumberExpr) -> Figure | None:
        np_ = self._noun_phrase(k, n)
        if np_.kind == "thing":
            return None
        if np_.end < len(self.toks) and RATE.match(self.text[self.toks[np_.end].start : self.toks[np_.end].start + 20].lower()):
            return None  # "54 violent deaths per day": a rate, not a count
        if np_.head is None:
            left = self._left_head(k)
            if left is not None:
                np_ = left
        if np_.head in ("others", "more"):  # "destroyed 20 others": others of what came before
            prev = self._coordinated_np(k)
            if prev is not None:
                np_ = NounPhrase(np_.head, prev.kind, prev.subject, np_.category, np_.end)
        decision = self._category(k, n, np_)
        if decision is None:
            return None
        unit = {"person": "people", "household": "households", "home": "homes"}.get(np_.kind or "", "people")
        category = decision.category
        if np_.kind == "home" and category not in ("homes_destroyed", "fled", "affected", "other"):
            category = "other"
        if np_.kind in (None, "unknown") and decision.how in ("nearest", "none"):
            return None  # a bare number with no verb about people is not a people count
        if np_.kind == "unknown" and category not in STRONG:
            return None
        if np_.kind is None and category == "other":
            return None
        if np_.kind == "home" and category == "other" and decision.how == "none":
            return None
        if re.search(r"\bbetween\s+the\s+\Z", self.text[max(self.sent.start, n.start - 16) : n.start], re.I):
            return None  # "clashes between the two forces": the sides named, not people counted
        if n.value == 1 and self.text[n.num_start : n.num_end].lower() == "one" and np_.kind != "person":
            return None  # "one of the...", "no one": a pronoun, not a count
        if category == "other" and n.value is not None and n.value < 10:
            return None  # "the two leaders met": a small count nothing happened to is description
        subject = "other" if np_.kind == "home" else np_.subject
        if decision.how == "anchor" and subject == "people" and decision.trigger:
            subject = self._anchor_subject(decision.trigger[0]) or subject  # "the civilian death toll"
        if np_.head in ("others", "more") or (np_.kind is None and decision.how == "coordination"):
            subject = self._coordinated_subject(k) or subject
        scope = None
        if unit == "people":
            category, subject, scope = self._part(k, np_, category, subject)
        self.decided.append((k, decision, np_))
        if scope is not None or self._listed_as_part(k):
            self.parts_at.add(k)
        negated = self._negated(k, decision)
        # What a video or photograph shows is evidence, not a toll anyone claims: shown, not compared.
        modality = "shown" if scope == "footage" else self._modality(k, decision)
        cumulative = decision.cumulative or self._cumulative(k) or self._earlier_count(k)
        confidence = 0.9 if decision.how in ("anchor", "left", "right", "noun") and np_.kind not in ("unknown",) else 0.6
        return Figure(
            start=n.start, end=n.end, text=n.text, value=n.value, low=n.low, high=n.high,
            qualifier=n.qualifier, unit=unit, category=category, subject=subject,
            negated=negated, modality=modality, cumulative=cumulative, method=METHOD, confidence=confidence,
            scope=scope,
        )

    def _listed_as_part(self, k: int) -> bool:
        """The count is in a list of the parts of a count before it ("including five children", "among
        them a child and two women"): a part cue a few words back, with no verb or other number between."""
        for j in range(k - 1, max(-1, k - 7), -1):
            w = self.lows[j]
            if w in PART_CUES:
                return True
            if w == "<num>" or j in self.triggers:
                return False
        return False

    # ------------------------------------------------------------------ parts of a larger count

    def _part(self, k: int, np_: NounPhrase, category: str, subject: str) -> tuple[str, str, str | None]:
        """``(category, subject, scope)`` of a count that is a part of a larger one (see
        :mod:`newsfuse.annotate.figures.parts`); unchanged, with scope None, for a whole count."""
        lows, lex = self.lows, self.lex
        head_words = self._head_words(k, np_)
        if parts.footage_before(lows, k) or (
                k > 0 and lows[k - 1] in ("another", "more") and self.state.footage_recent()):
            self.state.footage_sentence = self.state.sentence
            return category, subject, "footage"
        if np_.partitive and np_.category is not None:
            # "15 of the wounded were in critical condition", "109 of the dead were evacuees"
            whole_category, whole_subject = np_.category, np_.subject
            pred = parts.after_copula(lows, np_.end)
            if pred is None:
                return category, subject, "part"
            for x in range(pred, min(len(lows), pred + 4)):
                noun = lex.noun(lows, x)
                if noun is not None and noun[0] == "person":
                    mods = lows[pred:x]
                    part_subject = self._subject_from(mods, noun[2], lows[x])
                    if part_subject not in parts.WHOLE_SUBJECTS:
                        return whole_category, part_subject, None  # "14 of the dead were opposition fighters"
                    words = lows[pred : x + noun[1]]
                    if lows[x] in parts.GENERIC_HEADS:
                        return whole_category, part_subject, None
                    return whole_category, part_subject, parts.part_label(words, lex)
                if lows[x] in parts.PART_STOPS and lows[x] != "the":
                    break
            return whole_category, whole_subject, parts.part_label(parts.predicate_words(lows, pred), lex)
        whole = self._among(np_)
        if whole is not None:  # "two medics were among the dead", "11 children were among the 26 killed"
            whole_category, whole_subject = whole
            if subject == "people" and whole_subject and whole_subject not in parts.WHOLE_SUBJECTS:
                subject = whole_subject  # "nine people from the Caucasus among the terrorists killed"
            return whole_category, subject, self._scope_of_part(subject, head_words, whole_subject)
        if k > 0 and lows[k - 1] == "including" and np_.kind == "person" and self.decided:
            whole_subject = self.decided[-1][2].subject  # "..., including two medics"
            if whole_subject in ARMED and subject == "civilians" and head_words[-1:] not in (["civilians"], ["civilian"]):
                # "80 fighters including nine natives of the Caucasus": a part of armed men is armed men
                # (the lexicon files "natives", "members" under civilians only for want of a better class)
                subject = whole_subject
            return category, subject, self._scope_of_part(subject, head_words, whole_subject)
        if np_.category in parts.POPULATION_CATEGORIES and category in parts.TOLL_CATEGORIES and not np_.from_left:
            return category, subject, parts.part_label(head_words, lex)  # "98 evacuees ... were killed"
        return category, subject, None

    def _head_words(self, k: int, np_: NounPhrase) -> list[str]:
        """The words of the noun phrase after the number ("medical staff" in "two medical staff")."""
        return [w for w in self.lows[k + 1 : np_.end] if w not in ("of", "the", "-")]

    def _scope_of_part(self, subject: str, head_words: list[str], whole_subject: str | None = None) -> str | None:
        """The scope of a part, None when its subject already keeps it apart from the whole."""
        same = whole_subject is not None and subject == whole_subject
        if subject not in parts.WHOLE_SUBJECTS and not same:
            return None  # children among people, fighters among the dead...: the subject keeps the part apart
        generic = not head_words or head_words[-1] in parts.GENERIC_HEADS or (
            head_words[-1] in self.lex.person and self.lex.person[head_words[-1]][0] == subject and same)
        if generic:
            return "part" if subject == "people" or same else None
        return parts.part_label(head_words, self.lex)

    def _earlier_count(self, k: int) -> bool:
        """"The previous death toll was 20", "a previous toll of 112", "initial reports of 20 killed", the
        first count of a sentence opening "Earlier": an earlier point of a count that has moved since
        (cumulative: reconciliation reads it as a rise)."""
        lows = self.lows
        if lows and lows[0] == "earlier" and "<num>" not in lows[:k]:
            return True  # "Earlier on Wednesday, a source said seven were killed": the article's earlier report
        for x in range(k - 1, max(-1, k - 7), -1):
            if lows[x] in CLAUSE_STOP or lows[x] == "<num>":
                return False
            if lows[x] in EARLIER and x + 1 < len(lows) and any(
                    w in COUNT_NOUNS for w in lows[x + 1 : min(k, x + 4)]):
                return True
        return False
