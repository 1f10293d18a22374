"""What qualifies a count: negation, modality, a running total, and counts of nobody ("no one was hurt")."""

from __future__ import annotations

from ...model import Figure
from .reading import Decision, METHOD
from .word_classes import CLAUSE_STOP, FUNCTION


class ModifierReading:
    """Part of :class:`.sentence.SentenceContext`: negated, modal and cumulative counts, zero counts."""

    def _negated(self, k: int, decision: Decision) -> bool:
        if decision.trigger is None:
            return False
        lo, hi = self._span_between(k, decision)
        lo = max(0, min(lo, decision.trigger[0] - 2))
        return any(m for m in self.lex.match("negation", self.lows, lo, hi) if not (m.i <= k < m.j))

    def _modality(self, k: int, decision: Decision) -> str | None:
        lo, hi = self._span_between(k, decision)
        lo = max(0, lo - 3) if decision.trigger is None or decision.trigger[0] > k else max(0, lo - 2)
        # never across a clause boundary
        for x in range(k - 1, lo - 1, -1):
            if self.lows[x] in CLAUSE_STOP or self.lows[x] == ",":
                lo = x + 1
                break
        hits = self.lex.match("modal", self.lows, lo, hi)
        hits = [m for m in hits if not (m.i <= k < m.j)]
        return hits[0].value if hits else None

    def _cumulative(self, k: int) -> bool:
        lows = self.lows
        lo = k
        while lo > 0 and lows[lo - 1] not in CLAUSE_STOP and k - lo < 10:
            lo -= 1
        hi = k + 1
        while hi < len(lows) and lows[hi] not in CLAUSE_STOP and hi - k < 14:
            hi += 1
        return bool(self.lex.match("cumulative", lows, lo, hi))

    # ------------------------------------------------------------------ zero counts

    def _zero_figures(self) -> list[Figure]:
        """"No one was killed", "no civilians were hurt", "there were no casualties": a count of 0."""
        lows = self.lows
        out = []
        for i, w in enumerate(lows):
            if w not in ("no", "nobody", "none"):
                continue
            if w == "no" and i + 1 < len(lows) and lows[i + 1] in ("longer", "more", "fewer", "less", "matter", "doubt"):
                continue
            end = i + 1
            subject, np_cat = "people", None
            if w == "no" and i + 1 < len(lows) and (lows[i + 1] == "one" or (
                    lows[i + 1] == "<num>" and self.num_at[i + 1].text.lower() == "one")):
                end = i + 2
            elif w == "no":
                found = None
                for j in range(i + 1, min(len(lows), i + 4)):
                    noun = self.lex.noun(lows, j)
                    if noun is not None:
                        found = (j, noun)
                        break
                    if lows[j] in FUNCTION:
                        break
                if found is None or found[1][0] != "person":
                    continue
                j, (kind, length, val, cat) = found
                end = j + length
                subject, np_cat = self._subject_from(lows[i + 1 : j], val, lows[j]), cat
            right = self._right_trigger(end, self.triggers)
            category = right[0] if right else np_cat
            if category is None:
                continue
            start, stop = self.toks[i].start, self.toks[end - 1].end
            out.append(Figure(start=start, end=stop, text=self.text[start:stop], value=0, low=0, high=0,
                              qualifier="exact", unit="people", category=category, subject=subject, negated=True,
                              method=METHOD, confidence=0.7))
        return out
