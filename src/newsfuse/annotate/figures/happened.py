"""What happened to the people a count counts: anchors, the verbs around the number, coordination."""

from __future__ import annotations

import re

from . import parts
from .numbers import NumberExpr
from .reading import Decision, NounPhrase
from .word_classes import (
    ADVERBIAL, APPOSITIVE_SPAN, APPOSITIVE_START, CAMP_WORDS, CLAUSE_STOP, FORCE_LOSS, FORCE_LOSS_AFTER, FUNCTION,
    LEFT_FILLERS, MORE, LIGHT_REACH, NEEDS_AUX, NOT_GOVERNING, QUOTE_MARKS, RELATIVE_SPAN, RELATIVES, RIGHT_STOP,
    SINCE_SPAN, STATE_HEADS, STATES, SUBORDINATORS, TOLL_PRONOUNS,
)

PASSIVE_AUX = frozenset({"were", "was", "had", "have", "has", "are", "is"})  # "... and asayesh were killed"


class HappenedReading:
    """Part of :class:`.sentence.SentenceContext`: the category of a count and the word that decided it."""

    # ------------------------------------------------------------------ what happened

    def _category(self, k: int, n: NumberExpr, np_: NounPhrase) -> Decision | None:
        lows = self.lows
        is_home = np_.kind == "home"
        triggers = self.home_triggers if is_home else self.triggers

        # "the death toll has risen to 82 people": a count of people that says nothing of what happened
        # to them is the value of the toll word before it, as a bare number is
        if np_.head is None or np_.from_left or (np_.kind == "person" and np_.category is None):
            anchor = self._anchor(k)
            if anchor is not None:
                return anchor

        if self._lost(k, np_):  # "ISIL also lost 15 militants": a force's dead
            return Decision("dead", None, "left")
        if self._force_loss_after(np_):  # "over 60 militants were eliminated"
            return Decision("dead", None, "right")
        left = self._left_trigger(k, triggers)
        if left is not None and np_.category is not None and left.text in NOT_GOVERNING:
            left = None  # "48 people dead over 100 injured": "dead" describes the count before it
        if left is not None and self._predicate_of_previous(left) and (
                np_.category is not None or self._right_trigger(np_.end, triggers)):
            left = None  # "7 Civilians Killed 25 Injured": "Killed" is the count before's; "Injured" is this one's
        if left is not None and not self._is_light(left):
            return Decision(left.value, (left.i, left.j), "left")

        among = self._among(np_)
        if among is not None:  # "two medics were among at least 31 people killed"
            return Decision(among[0], None, "noun")

        if np_.category and np_.head in STATE_HEADS:
            return Decision(np_.category, None, "noun")  # "20 killed with many injured": killed
        right = self._right_trigger(np_.end, triggers)
        if right is not None and np_.category and any(w in ("<num>", "<nonum>") for w in lows[np_.end : right[1][0]]):
            right = None  # "6 Lebanese Martyrs 22 Injured": a word past another number is that number's
        if right is not None:
            return Decision(right[0], right[1], "right")

        if np_.category:
            return Decision(np_.category, None, "noun")

        if left is not None and np_.kind == "person":
            state = self._state_after_light(np_.end)
            if state is not None:  # "leaving 23 civilians - including nine children - and 16 fighters dead"
                return Decision(state[0], state[1], "left")

        coord = self._coordination(k, np_)
        if coord is not None:
            return coord

        if np_.kind in ("person", "household", "home"):
            near = self._nearest_left(k, triggers)
            if near is not None:
                return Decision(near.value, (near.i, near.j), "nearest")
            return Decision("other", None, "none")
        return Decision("other", None, "none")

    def _predicate_of_previous(self, trigger) -> bool:
        """The trigger is the verb after the count just read ("7 Civilians Killed ...")."""
        return bool(self.decided) and self.decided[-1][1].how == "right" and \
            self.decided[-1][1].trigger == (trigger.i, trigger.j)

    def _lost(self, k: int, np_: NounPhrase) -> bool:
        """``lost|eliminated N fighters``: an armed force's dead, in military communiqués
        (the verbs count dead only with fighters, soldiers or police)."""
        j = k - 1
        while j >= 0 and self.lows[j] in ("also", "reportedly", "has", "have", "had", "at", "least", "about"):
            j -= 1
        return j >= 0 and self.lows[j] in FORCE_LOSS and np_.kind == "person" and \
            np_.subject in ("fighters", "soldiers", "police")

    def _force_loss_after(self, np_: NounPhrase) -> bool:
        """``N militants were eliminated|liquidated|destroyed``: the passive of a military communiqué's
        verbs of loss, which count dead only with fighters, soldiers or police."""
        if np_.kind != "person" or np_.subject not in ("fighters", "soldiers", "police"):
            return False
        j = self._past_including(np_.end)
        start = j
        while j < len(self.lows) and self.lows[j] in ("were", "was", "have", "has", "had", "been", "also", "reportedly"):
            j += 1
        return j > start and j < len(self.lows) and self.lows[j] in FORCE_LOSS_AFTER

    def _past_including(self, j: int) -> int:
        """Past a part the noun phrase names before its verb ("80 fighters including nine natives of the
        Caucasus were destroyed"): the auxiliary that follows it within the clause, else ``j`` itself."""
        lows = self.lows
        if j >= len(lows) or lows[j] != "including":
            return j
        for x in range(j + 1, min(len(lows), j + 10)):
            if lows[x] in ("were", "was", "have", "has", "had"):
                return x
            if lows[x] in CLAUSE_STOP or lows[x] == ",":
                break
        return j

    def _among(self, np_: NounPhrase) -> tuple[str, str | None] | None:
        """``<people> were among the [N] [...] killed``: the category (and subject) of the whole."""
        if np_.kind != "person":
            return None
        lows = self.lows
        x = np_.end
        if x < len(lows) and lows[x] in ("from", "of", "in"):  # "nine people from the Caucasus among ..."
            y = x + 1
            while y < min(len(lows), x + 6) and lows[y] != "among" and lows[y] not in CLAUSE_STOP and \
                    lows[y] not in (",", "<num>") and y not in self.triggers:
                y += 1
            x = y
        while x < len(lows) and lows[x] in parts.COPULA:
            x += 1
        if x < len(lows) and lows[x] == "among":
            return parts.among_whole(self.lows, x, self.lex, self.triggers)
        return None

    def _anchor(self, k: int) -> Decision | None:
        """"the death toll rose to 45", "the camp's population to over 56,000", "Number of displaced: 452"."""
        lows = self.lows
        j = k - 1
        steps = 0
        while j >= 0 and steps < 8:
            since = self._since_phrase_start(j)
            if since is not None:  # "the death toll [since the offensive began on March 10] rose to 173"
                j = since - 1
                steps += 1
                continue
            if lows[j] in CLAUSE_STOP or lows[j] in ("<num>", "<nonum>"):
                return None
            for start in range(max(0, j - 3), j + 1):
                m = self.lex.match_at("anchor", lows, start)
                if m is not None and m.j == j + 1:
                    category = m.value
                    if m.text.startswith("population") or m.text.endswith("population"):
                        category = "sheltered" if CAMP_WORDS.search(self.text[self.sent.start : self.sent.end]) else "other"
                    if category == "other":
                        after = self.lex.match_at("trigger", lows, m.j + 1) if m.j + 1 < len(lows) and lows[m.j] == "of" else None
                        if after is None:
                            return None
                        category = after.value
                    # "toll" counts the dead unless the sentence says injured ("injury toll" is its own anchor)
                    cumulative = any(
                        x.i >= m.j and x.j <= k for x in self.lex.match("cumulative", lows, m.i, k)
                    )
                    return Decision(category, (m.i, m.j), "anchor", cumulative)
            if not (self._is_link(j) or lows[j] in (":", ",", "'s", "camp", "camps", "<old>", "from")):
                return self._toll_pronoun(j)
            j -= 1
            steps += 1
        return self._toll_pronoun(max(j, 0))  # walked back to the sentence's first word, or stopped

    def _toll_pronoun(self, j: int) -> Decision | None:
        """"This was later updated to 82", "It rose to 82": a pronoun opening the sentence, linked to the
        number, stands for the toll the text has just given (this or the previous sentence)."""
        if j != 0 or self.lows[0] not in TOLL_PRONOUNS:
            return None
        category = self.state.toll_just_read()
        return Decision(category, (0, 1), "anchor", True) if category else None

    def _anchor_subject(self, i: int) -> str | None:
        """The subject a modifier before a toll word gives it ("civilian death toll", "the army's toll")."""
        lows = self.lows
        j = i - 1
        while j >= 0 and lows[j] in ("'s", "the", "a", "its", "their"):
            j -= 1
        return self.lex.modifier.get(lows[j]) if j >= 0 else None

    def _since_phrase_start(self, j: int) -> int | None:
        """When token ``j`` ends a "since …" phrase of up to SINCE_SPAN tokens that a link verb follows
        ("since Friday rose to", "since the offensive began on March 10 rose to"), the phrase's first
        token; else None."""
        lows = self.lows
        if j + 1 >= len(lows) or not self._is_link(j + 1) or self._is_link(j):
            return None
        for i in range(j, max(-1, j - SINCE_SPAN), -1):
            if lows[i] in ("since", "from"):  # "the death toll from the air raids at 50" too
                return i
            if lows[i] in CLAUSE_STOP or lows[i] == ",":
                return None
        return None

    def _left_trigger(self, k: int, triggers) -> object | None:
        lows = self.lows
        j = k - 1
        skipped = 0
        while j >= 0 and skipped <= 4:
            for start in range(max(0, j - 4), j + 1):
                m = triggers.get(start)
                if m is not None and m.j == j + 1:
                    return m
            if lows[j] in LEFT_FILLERS:
                j -= 1
                skipped += 1
                continue
            if lows[j] == ",":  # "forced the evacuation of, according to the latest data, 17,631 people"
                x = j - 1
                while x >= 0 and lows[x] != "," and j - x < 12:
                    x -= 1
                if x >= 0 and lows[x] == "," and x + 1 < j and lows[x + 1] in ("according", "as", "officials",
                                                                                 "reportedly", "it"):
                    j = x - 1
                    continue
            return None
        return None

    def _is_light(self, m) -> bool:
        return m.j - m.i == 1 and self.lex.match_at("light", self.lows, m.i) is not None

    def _right_trigger(self, start: int, triggers) -> tuple[str, tuple[int, int]] | None:
        lows = self.lows
        j = start
        L = len(lows)
        seen = 0
        attached = {start, start + 1 if start < L and lows[start] == "," else start}
        relative = False  # inside a relative clause opened on the counted noun
        while j < L and seen < 12:
            w = lows[j]
            m = triggers.get(j)
            if m is not None and j > start and lows[j - 1] in ("the", "a", "an", "their", "his", "her", "its", "this") \
                    and not (j >= 2 and lows[j - 2] == "among"):
                m = None  # "five members of the army in the assassination of": a noun, not their predicate
            if m is not None and m.j - m.i == 1 and lows[j] in NEEDS_AUX and lows[j - 1] not in (
                    "were", "was", "been", "being", "are", "is", "be"):
                m = None  # "a 9-iron approach shot": a noun; "16 peasants were shot": the predicate
            if m is not None:
                if self.lex.match_at("copula", lows, j) is not None and m.value == "present":
                    # "remained displaced", "remain holed up": a following trigger says more
                    for x in range(m.j, min(L, m.j + 3)):
                        nxt = triggers.get(x)
                        if nxt is not None:
                            return nxt.value, (nxt.i, nxt.j)
                        if lows[x] in RIGHT_STOP or lows[x] in (",", "<num>"):
                            break
                if self._is_light(m) and m.value == "fled" and j + 1 < L and lows[j + 1] in STATES:
                    j += 1  # "... leaving many dead": "left" only carries the state that follows
                    continue
                return m.value, (m.i, m.j)
            if w == "including":  # "Over 130 people including 67 children were killed"
                after = self._skip_coordinated_noun(j)
                if after is not None:
                    j = after
                    attached.add(j)
                    continue
            if w in ("and", "or"):
                after = self._skip_coordinated_noun(j)
                if after is not None:  # "200 soldiers and guerrillas have been killed"
                    j = after
                    attached.add(j)
                    continue
                if self._joins_names(j) or self._joins_before_passive(j):
                    # "98 evacuees from Fuaa and Kafraya were killed", "30 members of the YPG and asayesh were killed"
                    j += 2
                    seen += 2
                    continue
            if w in RELATIVES and j == start and not relative:
                # "3,000 families who live near the volcanoes, located in the west, could be evacuated": the
                # clause is about the count, so its verb, or the count's own past the clause's commas, governs it
                relative = True
                seen -= RELATIVE_SPAN
                j += 1
                continue
            if w in QUOTE_MARKS and j == start and self._quoted_count(start):
                j += 1  # 'said "tens of terrorists" had been killed': the quote holds the count, not the clause
                continue
            if w in ("<num>",) or w in RIGHT_STOP:
                return None
            if w in ADVERBIAL:
                return None  # "killed 6 teachers and 2 nurses before fleeing": another clause
            if w in SUBORDINATORS and j not in attached and lows[j - 1] not in (
                    "those", "them", "ones", "all", "many", "some", "others", "among", ","):
                return None  # "two collaborators of the assassin who murdered ...": another noun's clause
            if w == "-" and j + 1 < L and lows[j + 1] == "-" or w in ("—", "–") or self._spaced_dash(j):
                close = self._dash_close(j)  # "six priests -- five Spaniards and one Salvadoran -- and"
                if close is not None:
                    j = close + 1
                    continue
            if w == "(":
                close = self._skip_to(j, ")", 12)
                if close is None:
                    return None
                j = close + 1
                continue
            if w == "," and (relative or self._closes_count_parenthesis(j, start)):
                j += 1  # "(150 families, or 1,206 people), are homeless": the parenthesis was the subject
                seen += 1
                continue
            if w == ",":
                close = self._appositive_end(j)
                if close is None:
                    return None
                j = close + 1
                continue
            j += 1
            seen += 1
        return None

    def _closes_count_parenthesis(self, j: int, start: int) -> bool:
        """The comma at ``j`` comes right after a parenthesis that opened before the counted noun (which
        ends at ``start``): the bracketed count is the subject, and the comma only ends the parenthesis."""
        lows = self.lows
        if j == 0 or lows[j - 1] != ")":
            return False
        for x in range(j - 2, max(-1, j - 16), -1):
            if lows[x] == ")":
                return False
            if lows[x] == "(":
                return x < start
        return False

    def _joins_before_passive(self, j: int) -> bool:
        """``and`` joining one more word to the counted noun right before its passive verb ("members of the
        YPG and asayesh were killed"): the verb is the count's, not a second clause's."""
        lows = self.lows
        return j + 3 < len(lows) and lows[j + 2] in PASSIVE_AUX and lows[j + 1] not in ("<num>", "<nonum>") \
            and self.triggers.get(j + 3) is not None

    def _quoted_count(self, end: int) -> bool:
        """A quotation mark opens shortly before the counted noun that ends at ``end`` and none closes
        in between: the quote is the count's phrase ('"tens of terrorists"')."""
        before = self.lows[max(0, end - 6) : end]
        return sum(w in QUOTE_MARKS for w in before) == 1

    def _joins_names(self, j: int) -> bool:
        """``and`` between two capitalised names in mixed-case text ("Fuaa and Kafraya")."""
        if j == 0 or j + 1 >= len(self.toks):
            return False
        before = self.text[self.toks[j - 1].start : self.toks[j - 1].end]
        after = self.text[self.toks[j + 1].start : self.toks[j + 1].end]
        return all(w[:1].isupper() and not w.isupper() for w in (before, after)) and \
            self.lex.noun(self.lows, j + 1) is None

    def _skip_coordinated_noun(self, j: int) -> int | None:
        """Past ``and [the] [N] [modifiers] noun`` when a person/home noun follows the conjunction."""
        lows = self.lows
        x = j + 1
        if x < len(lows) and lows[x] in ("the", "a", "an", "their", "his", "her", "its"):
            x += 1
        if x < len(lows) and lows[x] == "<num>":
            x += 1
        while x < len(lows) and lows[x] in MORE:
            x += 1
        for y in range(x, min(len(lows), x + 4)):
            noun = self.lex.noun(lows, y)
            if noun is not None:
                return y + noun[1] if noun[0] != "thing" else None
            if lows[y] in FUNCTION or not re.match(r"[^\W\d_]", lows[y]) or y in self.triggers:
                return None
        return None

    def _state_after_light(self, start: int) -> tuple[str, tuple[int, int]] | None:
        """After "leaving"/"left" and its counts, the state word that ends the list ("... dead"), within
        the clause and at most LIGHT_REACH tokens on; every count of the list takes it."""
        lows = self.lows
        for j in range(start, min(len(lows), start + LIGHT_REACH)):
            if lows[j] in CLAUSE_STOP or lows[j] == ",":
                return None
            if lows[j] in STATES:
                m = self.triggers.get(j)
                return (m.value, (m.i, m.j)) if m is not None else None
        return None

    def _spaced_dash(self, j: int) -> bool:
        """A lone hyphen with spaces around it, typed for a dash ("23 civilians - including nine children -");
        a hyphen inside a word ("58-year-old", tokenised apart) has none."""
        if self.lows[j] != "-" or j + 1 < len(self.lows) and self.lows[j + 1] == "-":
            return False
        tok = self.toks[j]
        return self.text[tok.start - 1 : tok.start].isspace() and self.text[tok.end : tok.end + 1].isspace()

    def _dash_close(self, j: int) -> int | None:
        lows = self.lows
        single = self._spaced_dash(j)
        x = j + (1 if single or lows[j] != "-" else 2)
        while x < min(len(lows), j + 18):
            if single and self._spaced_dash(x):
                return x
            if lows[x] in ("—", "–") or (lows[x] == "-" and x + 1 < len(lows) and lows[x + 1] == "-"):
                return x + (1 if lows[x] == "-" else 0)
            if lows[x] in CLAUSE_STOP:
                return None
            x += 1
        return None

    def _skip_to(self, j: int, closing: str, limit: int) -> int | None:
        for x in range(j + 1, min(len(self.lows), j + 1 + limit)):
            if self.lows[x] == closing:
                return x
        return None

    def _appositive_end(self, j: int) -> int | None:
        """``, including hundreds of militants,`` / ``, mostly children under the age of five,``."""
        lows = self.lows
        if j + 1 >= len(lows) or lows[j + 1] not in APPOSITIVE_START:
            return None
        # Hyphenated words are several tokens ("a 58 - year - old shepherd"): a generous window.
        for x in range(j + 1, min(len(lows), j + APPOSITIVE_SPAN)):
            if lows[x] == ",":
                return x
            if lows[x] in CLAUSE_STOP:
                return None
        return None

    def _coordination(self, k: int, np_: NounPhrase) -> Decision | None:
        """"killed 6 priests and 2 women": the second count shares the first one's verb."""
        lows = self.lows
        j = k - 1
        while j >= 0 and lows[j] in ("the", "their", "his", "her", "its", "a", "an"):
            j -= 1
        if j < 0:
            return None
        if lows[j] not in ("and", ",", "including", "plus", "as", "well", "among", "with", "of", "whom"):
            return None
        people = (None, "person", "unknown")
        for prev_k, decision, prev in reversed(self.decided[-1:]):
            same_kind = prev.kind == np_.kind or (prev.kind in people and np_.kind in people)
            if np_.kind == "unknown" and lows[k - 1] != "including" and any(
                    w not in (",", "and", "or", "as", "well", "the", "their", "his", "her", "its", "a", "an")
                    for w in lows[prev.end : j + 1]):
                return None  # an unknown noun joins a list of people only inside that list
            if 0 < k - prev_k <= 12 and decision.how != "none" and same_kind:
                between = lows[prev_k + 1 : k]
                if any(w in CLAUSE_STOP for w in between):
                    return None
                return Decision(decision.category, decision.trigger, "coordination", decision.cumulative)
        return None

    def _coordinated_subject(self, k: int) -> str | None:
        prev = self._coordinated_np(k)
        return prev.subject if prev is not None else None

    def _coordinated_np(self, k: int) -> NounPhrase | None:
        """The count that "N others" / "N more" continues: the nearest one before it within 12 words that
        is not a part of another ("seven killed, among them two women, and nine others injured": the
        others are of the seven, not of the women)."""
        for prev_k, decision, np_ in reversed(self.decided):
            if 0 < k - prev_k <= 12 and prev_k not in self.parts_at:
                return np_
            if k - prev_k > 12:
                break
        return None

    def _nearest_left(self, k: int, triggers):
        lows = self.lows
        for j in range(k - 1, max(-1, k - 9), -1):
            if lows[j] in CLAUSE_STOP or lows[j] in SUBORDINATORS or lows[j] == "<num>":
                return None
            for start in range(max(0, j - 4), j + 1):
                m = triggers.get(start)
                if m is not None and m.j == j + 1 and not self._is_light(m):
                    return m
        return None

    # ------------------------------------------------------------------ attributes

    def _span_between(self, k: int, decision: Decision) -> tuple[int, int]:
        if decision.trigger is None:
            return max(0, k - 3), k
        a, b = decision.trigger
        return (min(a, k), max(b, k + 1))
