"""What a count counts: the noun phrase after (or before) the number and the subject it names."""

from __future__ import annotations

import re

from .numbers import NumberExpr
from .reading import NounPhrase
from .word_classes import CLAUSE_STOP, FUNCTION, GENERIC_HEADS, MORE, SPEAKER_HEADS, UNCOUNTED_SINGULAR


class SubjectReading:
    """Part of :class:`.sentence.SentenceContext`: the noun phrase of a count and its subject."""

    # ------------------------------------------------------------------ what is counted

    def _noun_phrase(self, k: int, n: NumberExpr) -> NounPhrase:
        lows = self.lows
        lex = self.lex
        i = k + 1
        L = len(lows)
        more = None
        if i + 1 < L and lows[i] == "-" and lows[i + 1] == "strong":  # "a 5,000-strong force"
            return NounPhrase("strong", "person", self._subject_from(lows[i + 2 : i + 4], "people"), "present", i + 2)
        while i < L and lows[i] in MORE:
            more = lows[i]
            i += 1
        i = self._past_aside(i)
        partitive = False
        if i < L and lows[i] == "of" and (n.qualifier == "vague" or n.scaled or i + 1 < L and lows[i + 1] in
                                          ("the", "them", "whom", "those", "these", "which", "us", "our", "its",
                                           "their")):
            i += 1
            if i < L and lows[i] in ("them", "whom", "those", "us"):
                return NounPhrase(lows[i], "person", "people", None, i + 1)
            if i < L and lows[i] in ("the", "these", "our", "their", "its"):
                i += 1
                partitive = True
        # the run of content words after the number
        run: list[int] = []
        j = i
        head_idx = None
        head_val = None
        while j < L and len(run) < 5:
            w = lows[j]
            if self._speaks(j):
                run = []  # "wounding dozens more observers said": the speaker; the count's noun is left out
                break
            noun = lex.noun(lows, j)
            if noun is not None:
                kind, length, val, cat = noun
                nxt = lex.noun(lows, j + length) if j + length < L else None
                after = lows[j + length] if j + length < L else ""
                if nxt is None and not lows[j + length - 1].endswith("s") and after and after not in FUNCTION \
                        and re.match(r"[^\W\d_]", after) and (j + length) not in self.triggers \
                        and lows[j + length - 1] not in UNCOUNTED_SINGULAR:
                    run.extend(range(j, j + length))  # "126 fighter jets": the noun is a modifier here
                    j += length
                    continue
                if cat is not None and head_idx is not None and nxt is None:
                    # "individuals displaced": after a head noun, the participle is the predicate, not part
                    # of the noun; after adjectives alone it is the head ("6 Lebanese martyrs")
                    break
                head_idx, head_val = (j, length), noun
                run.extend(range(j, j + length))
                j += length
                if nxt is None and not (j < L and lows[j] == "-"):
                    break
                continue
            if w == "-" and run:
                j += 1
                continue
            if (w in FUNCTION and not (w in lex.modifier and j + 1 < L and lex.noun(lows, j + 1) is not None)) \
                    or not re.match(r"[^\W\d_]", w) or w in ("<num>", "<nonum>"):
                break  # ("IS fighters": a modifier that is also a function word)
            if j in self.triggers and lex.noun(lows, j) is None:
                break
            run.append(j)
            j += 1
        if head_val is not None:
            kind, length, val, cat = head_val
            mods = [lows[x] for x in run if x < head_idx[0]]
            head = " ".join(lows[head_idx[0] : head_idx[0] + length])
            if kind == "person":
                subject = self._subject_from(mods, val, head)
                if head in GENERIC_HEADS and subject in ("people", "civilians"):
                    subject = self._subject_of_group(head_idx[0] + length) or subject
                cat = cat or self._implied_by_mods(mods)
                return NounPhrase(head, "person", subject, cat, head_idx[0] + length, partitive=partitive)
            if kind == "household":
                return NounPhrase(head, "household", "people", self._implied_by_mods(mods), head_idx[0] + length)
            if kind == "home":
                return NounPhrase(head, "home", "other", self._home_implied_by_mods(mods), head_idx[0] + length)
            return NounPhrase(head, "thing", "other", None, head_idx[0] + length)
        if more == "others" or (more is not None and not run):
            return NounPhrase(more, "person" if more == "others" else None, "people", None, i)
        if run:
            # an unknown noun ("35,326 Brus", "51 peole"): a people count only if the verb says so
            return NounPhrase(lows[run[-1]], "unknown", "people", None, run[-1] + 1)
        return NounPhrase(None, None, "people", None, i)

    def _past_aside(self, i: int) -> int:
        """Past a short bracketed aside between a number and its noun ("up to 80 (IS group) fighters",
        "80 [Daesh] fighters"): an editor's gloss, not what is counted."""
        close = {"(": ")", "[": "]"}.get(self.lows[i]) if i < len(self.lows) else None
        if close is None:
            return i
        for j in range(i + 1, min(i + 6, len(self.lows))):
            if self.lows[j] == close:
                return j + 1
        return i

    def _speaks(self, j: int) -> bool:
        """The word at ``j`` names a source and a speech verb follows it at once: it is who speaks."""
        return self.lows[j] in SPEAKER_HEADS and any(m.i == j + 1 for m in self.speech)

    def _subject_from(self, mods: list[str], subject: str, head: str | None = None) -> str:
        if subject in ("people", "civilians") or (head in GENERIC_HEADS):
            for m in reversed(mods):
                if m in self.lex.modifier:
                    return self.lex.modifier[m]
        return subject

    def _subject_of_group(self, j: int) -> str | None:
        """"25 members of Al-Nusra Front": the subject the group after "of" gives to a generic head."""
        lows = self.lows
        if j >= len(lows) or lows[j] != "of":
            return None
        for x in range(j + 1, min(len(lows), j + 5)):
            if lows[x] in self.lex.modifier:
                return self.lex.modifier[lows[x]]
            if lows[x] in CLAUSE_STOP or lows[x] in (",", "<num>"):
                return None
        return None

    def _implied_by_mods(self, mods: list[str]) -> str | None:
        phrases = [m for m in self.lex.match("trigger", mods) if m.j - m.i > 1]
        if phrases:  # "hundreds of dead and injured people": the phrase, not its last word
            return phrases[-1].value
        for m in reversed(mods):
            t = self.lex.person.get(m)
            if t and t[1]:
                return t[1]
        hits = self.lex.match("trigger", mods)
        return hits[-1].value if hits else None

    def _home_implied_by_mods(self, mods: list[str]) -> str | None:
        hits = self.lex.match("home_trigger", mods)
        return hits[-1].value if hits else None

    def _left_head(self, k: int) -> NounPhrase | None:
        """A label before the number: "IDPs total 122 387", "Completely destroyed housing: 146"."""
        lows = self.lows
        lex = self.lex
        j = k - 1
        steps = 0
        while j >= 0 and steps < 7:
            w = lows[j]
            if w in CLAUSE_STOP or w in ("<num>", "<nonum>"):
                return None
            for start in range(max(0, j - 3), j + 1):
                noun = lex.noun(lows, start)
                if noun is not None and start + noun[1] == j + 1:
                    kind, length, val, cat = noun
                    if kind == "thing":
                        return None
                    # its modifiers, not the words of a count before it ("one child and wounded 22")
                    m = start
                    while m > max(0, start - 3) and lows[m - 1] not in FUNCTION and lows[m - 1] not in (
                            ",", "<num>", "<nonum>", "<old>"):
                        m -= 1
                    mods = lows[m:start]
                    if kind == "home":
                        return NounPhrase(" ".join(lows[start : j + 1]), "home", "other", self._home_implied_by_mods(mods),
                                   k + 1, from_left=True)
                    if kind == "household":
                        return NounPhrase(" ".join(lows[start : j + 1]), "household", "people", self._implied_by_mods(mods),
                                   k + 1, from_left=True)
                    return NounPhrase(" ".join(lows[start : j + 1]), "person", self._subject_from(mods, val),
                               cat or self._implied_by_mods(mods), k + 1, from_left=True)
            if not (self._is_link(j) or w == ":"):
                return None
            j -= 1
            steps += 1
        return None

    def _is_link(self, j: int) -> bool:
        for start in range(max(0, j - 2), j + 1):
            m = self.lex.match_at("link", self.lows, start)
            if m is not None and m.i <= j < m.j:
                return True
        return False
