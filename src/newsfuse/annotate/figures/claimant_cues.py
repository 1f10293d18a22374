"""The figures stage's own claimant cues, for a count no quote covers: "according to OCHA", "the SDF
believes", "..., OCHA said"; "it said" takes the previous claimant."""

from __future__ import annotations

import re

from ...knowledge.parties import names_a_party
from ...model import Figure, SpanRef
from .word_classes import CLAUSE_STOP, FUNCTION, NOT_A_CLAUSE, PRONOUNS, QUOTE_MARKS, TIME_WORDS


class ClaimantCues:
    """Part of :class:`.sentence.SentenceContext`: the claimant the sentence's speech cues name."""

    # ------------------------------------------------------------------ claimant

    def claimant(self, fig: Figure) -> SpanRef | None:
        """Who the sentence attributes the figure to, by its speech cue (nearest to the figure)."""
        if not self.speech:
            return None
        k = self._figure_tok.get(fig.start)
        if k is None:
            k = next((i for i, t in enumerate(self.toks) if t.start >= fig.start), 0)
        best = None
        for m in self.speech:
            if m.i <= k < m.j:
                continue
            lo, hi = (k + 1, m.i) if m.i > k else (m.j, k)
            if m.i < k and lo < hi and self.lows[lo] in QUOTE_MARKS:
                lo += 1  # 'which said "tens of terrorists" had been killed': the mark opens what it says
            if any(w in CLAUSE_STOP for w in self.lows[lo:hi]):
                continue  # "20,000 fled, but the SDF said more could be trapped": not the SDF's figure
            ref = self._cue_claimant(m)
            if ref is None:
                continue
            if m.i > k and self._joined_clause(ref, m):
                continue  # "injured dozens and the monitor said the toll could rise": it reports the rise
            dist = m.i - k if m.i > k else k - m.j
            if best is None or dist < best[0]:
                best = (dist, ref)
        return best[1] if best else None

    def _joined_clause(self, ref: SpanRef, m) -> bool:
        """"... and the monitor said the toll could rise": a speaker and verb joined by "and" to the
        count's clause, with a clause of its own after the verb (not the sentence's end, a time or a
        manner: "said on Monday"), say something of their own, not the count."""
        before = next((x for x in range(len(self.toks) - 1, -1, -1) if self.toks[x].end <= ref.start), None)
        if before is None or self.lows[before] != "and" and not (
                self.lows[before] == "the" and before > 0 and self.lows[before - 1] == "and"):
            return False
        if m.j >= len(self.lows):
            return False
        nxt = self.lows[m.j]
        return nxt[:1].isalpha() and nxt not in NOT_A_CLAUSE and nxt not in TIME_WORDS

    def _cue_claimant(self, m) -> SpanRef | None:
        if m.i in self._claimant_cache:
            return self._claimant_cache[m.i]
        ref = self._find_cue_claimant(m)
        if ref is not None and ref.text.lower() not in PRONOUNS and not names_a_party(ref, self.article):
            ref = None  # "... the market in Maaret al-Numan, blaming ...": a town or a fragment claims nothing
        self._claimant_cache[m.i] = ref
        if ref is not None:
            self.explicit_claimants.append(ref)
        return ref

    def _find_cue_claimant(self, m) -> SpanRef | None:
        lows = self.lows
        if m.text.startswith("according to") or m.text in ("figures from", "data from", "selon"):
            return self._np_after(m.j)
        j = m.i - 1
        while j >= 0 and lows[j] in ("also", "later", "earlier", "previously", "has", "have", "had", "had", "further",
                                     "reportedly", "separately", "then", "now", "in", "a", "statement", "recently"):
            j -= 1
        if j >= 0 and lows[j] == "," and self._appositive_before(j):
            return self._np_before(j)  # "The Observatory, a Britain-based monitor, said"
        if j < 0 or lows[j] in (",", '"', "“", "”", "'", "’"):
            return self._np_after(m.j)  # "..., said provincial spokesman Mohammad Yusufi"
        if lows[j] in ("was", "is", "were", "are", "be", "been"):
            return None  # "it was estimated that": no one in particular
        if lows[j] in ("which", "who") and j > 0:
            return self._np_before(j - 1)  # "reported by state television which said": the relative's antecedent
        return self._np_before(j)

    def _appositive_before(self, j: int) -> bool:
        """``X, a Britain-based war monitor, said``: the comma before the cue closes an appositive."""
        lows = self.lows
        for x in range(j - 1, max(-1, j - 12), -1):
            if lows[x] == ",":
                return x + 1 < j and lows[x + 1] in ("a", "an", "the", "which", "who") and x > 0
            if lows[x] in CLAUSE_STOP or lows[x] in ("<num>", "<nonum>"):
                return False
        return False

    def _np_before(self, j: int) -> SpanRef | None:
        lows = self.lows
        end_tok = j
        if lows[j] == ",":  # ", a Britain-based war monitor, said": skip the appositive
            x = j - 1
            while x >= 0 and lows[x] != "," and j - x < 12:
                x -= 1
            if x < 0 or lows[x] != ",":
                return None
            end_tok = j = x - 1
        start_tok = j
        depth = 0
        while start_tok >= 0 and end_tok - start_tok < 10:
            w = lows[start_tok]
            if w == ")":
                depth += 1
            elif w == "(":
                depth -= 1
            elif depth == 0 and (w in ("that", "which", "who", "and", "but", ",", ";", ":", '"', "“", "”", "<num>",
                                       "<nonum>", "as", "when", "while", "after", "before", "since", "because", "if")
                                 or (w in FUNCTION and w not in ("the", "of", "for", "'s", "a", "an", "he", "she",
                                                                  "it", "they", "we", "s"))
                                 or (w in self.triggers and w not in self.lex.person)):
                break
            start_tok -= 1
        start_tok += 1
        while start_tok <= end_tok and lows[start_tok] in ("the", "a", "an", "of", "for"):
            start_tok += 1
        if start_tok > end_tok:
            return None
        return self._spanref(self.toks[start_tok].start, self.toks[end_tok].end)

    def _np_after(self, i: int) -> SpanRef | None:
        lows = self.lows
        x = i
        while x < len(lows) and lows[x] in ("the", "a", "an"):
            x += 1
        start = x
        while x < len(lows) and x - start < 12:
            w = lows[x]
            if w in (",", ".", ";", ":", '"', "“", "”", "<num>", "<nonum>", "that", "which", "who", "on", "in", "at",
                     "as", "and", "citing", "quoting", "said", "says", "told", "after", "when", "while", "to", "with"):
                break
            x += 1
        if x == start:
            return None
        return self._spanref(self.toks[start].start, self.toks[x - 1].end)

    def _spanref(self, start: int, end: int) -> SpanRef | None:
        text = self.text[start:end]
        low = text.lower()
        if low in PRONOUNS:
            return self._resolve_pronoun(start, end, low)
        ents = [e for e in self.article.entities if e.start < end and start < e.end and e.end <= end
                and e.start >= start - 4]  # "The Monitor" when the span starts at "Monitor"
        core_end = end
        paren = re.search(r"\s*\([^()]*\)\s*\Z", text)
        if paren:
            core_end = start + paren.start()
        named = [e for e in ents if e.label in ("PERSON", "ORG", "NORP", "GPE", "FAC")]
        at_end = [e for e in named if abs(e.end - core_end) <= 1 or abs(e.end - end) <= 1]
        if at_end:
            e = max(at_end, key=lambda e: e.end - e.start)
            return SpanRef(e.start, e.end, e.text, e.entity)
        people_orgs = [e for e in named if e.label in ("PERSON", "ORG")]
        entity = people_orgs[-1].entity if people_orgs and len(people_orgs) == 1 and \
            people_orgs[-1].end - people_orgs[-1].start >= (core_end - start) / 2 else None
        return SpanRef(start, end, text, entity)

    def all_cue_claimants(self) -> list[SpanRef]:
        """The claimant of every speech cue of the sentence (for "it said" in the next ones)."""
        out = []
        for m in self.speech:
            ref = self._cue_claimant(m)
            if ref is not None:
                out.append(ref)
        return out

    def _resolve_pronoun(self, start: int, end: int, low: str) -> SpanRef:
        """"it said": the last claimant of the two sentences before, of the right kind (person or not)."""
        want_person = PRONOUNS[low] == "PERSON"
        for sent_no, c in reversed(self.state.claimants):
            if self.state.sentence - sent_no > 2:
                break
            is_person = self._label_of(c) == "PERSON"
            if is_person == want_person:
                return SpanRef(start, end, self.text[start:end], c.entity or c.text)
        return SpanRef(start, end, self.text[start:end], None)

    def _label_of(self, ref: SpanRef) -> str | None:
        for e in self.article.entities:
            if e.start == ref.start and e.end == ref.end:
                return e.label
        for e in self.article.entities:  # "Observatory chief Rami Abdel Rahman": the name at its end
            if ref.start <= e.start and e.end == ref.end:
                return e.label
        return None
