"""Who a speaker phrase stands for: a canonical entity, through names, titles, pronouns and roles.

The quote stage finds speaker *phrases* ("Coalition spokesman Sean Ryan", "he", "the spokesman",
"it"); :class:`SpeakerResolver` turns each into a :class:`~newsfuse.model.SpanRef` whose ``entity``
is the canonical entity of ``Article.entities``:

- a phrase overlapping an entity mention takes that mention's entity (a person before an
  organisation, the head of the phrase before a modifier: "Observatory chief Rami Abdel Rahman" →
  the person; "Syria state television" → no entity, the country only modifies the head);
- "he"/"she" → the nearest preceding person: a recent person speaker or a person mention outside
  quoted content; "it" → the nearest organisation speaker or organisation mention; "they" → the
  nearest group or organisation;
- a definite role ("the spokesman", "the war monitor") → the entity named beside the last earlier
  use of that role word ("Coalition spokesman Sean Ryan"), else the nearest person (for person
  roles) or organisation (for organisation roles).

Speakers are resolved in text order; each resolved speaker joins the history that later pronouns
look back on.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...model import EntityMention, SpanRef
from ...text.lexicon import word_map, word_set

PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
SPEAKER_LABELS = PERSON_LABELS | GROUP_LABELS

PERSON_ROLES = word_set("quote_words.tsv", "person_role")
ORG_ROLES = word_set("quote_words.tsv", "org_role")
FEMALE_MARKERS = word_set("quote_words.tsv", "female_marker")
MALE_MARKERS = word_set("quote_words.tsv", "male_marker")
_PRONOUN_KIND = word_map("quote_words.tsv", "pronoun_kind")
_WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*\.?")
# Which mentions a pronoun or role may point back to ("it said" is an organisation, rarely a country).
_LABELS_FOR = {"person": PERSON_LABELS, "org": frozenset({"ORG"}), "group": frozenset({"ORG", "NORP"})}
HISTORY_WINDOW = 1200  # characters: how far back a pronoun looks for an earlier speaker


@dataclass(slots=True)
class _Speaker:
    ref: SpanRef
    kind: str | None  # person | org | group | None
    gender: str | None = None


class SpeakerResolver:
    """Resolves speaker phrases of one article, in text order."""

    def __init__(self, text: str, entities: tuple[EntityMention, ...] | list[EntityMention], quoted: list[tuple[int, int]],
                 towns: frozenset[tuple[int, int]] = frozenset()):
        self.text = text
        # A mention that the places layer read as a town ("Maaret al-Numan" tagged PERSON) speaks for nobody.
        self.mentions = sorted((m for m in entities if m.label in SPEAKER_LABELS and (m.start, m.end) not in towns),
                               key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self.quoted = sorted(quoted)
        self.history: list[_Speaker] = []

    # ------------------------------------------------------------------ public

    def exclude(self, start: int, end: int) -> None:
        """Mark reported content: mentions inside it are not antecedents of later pronouns."""
        bisect.insort(self.quoted, (start, end))

    def resolve(self, start: int, end: int) -> SpanRef:
        """The speaker phrase ``text[start:end]`` as a SpanRef with its canonical entity, if any."""
        phrase = self.text[start:end]
        words = [w.lower() for w in _WORD.findall(phrase)]
        if len(words) == 1 and words[0].endswith(("’s", "'s", "’re", "'re")):
            words = [words[0][:-2].rstrip("’'")]  # "He’s predicting ..."
        mention = self._mention_in(start, end)
        if mention is not None:
            kind = "person" if mention.label in PERSON_LABELS else "org"
            return self._remember(SpanRef(start, end, phrase, mention.entity), kind, self._gender_of(mention))
        if len(words) == 1 and words[0] in _PRONOUN_KIND:
            kind = _PRONOUN_KIND[words[0]]
            gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(words[0])
            antecedent = self._antecedent(start, kind, gender)
            entity = antecedent.ref.entity if antecedent else None
            return self._remember(SpanRef(start, end, phrase, entity), kind, gender)
        head = words[-1] if words else ""
        if words and words[0] in ("the", "this", "that") and head in PERSON_ROLES | ORG_ROLES:
            kind = "person" if head in PERSON_ROLES else "org"
            entity = self._by_role(head, start, kind)
            return self._remember(SpanRef(start, end, phrase, entity), kind, _gender_of_words(words))
        kind = "person" if head in PERSON_ROLES else "org" if head in ORG_ROLES else "group" if head.endswith("s") else None
        return self._remember(SpanRef(start, end, phrase, None), kind, _gender_of_words(words))

    def subject_before(self, lo: int, hi: int) -> SpanRef | None:
        """The likely subject of a clause in ``[lo, hi)`` (for ", saying ..."): its person, else its group."""
        inside = [m for m in self.mentions[self._index(lo) :] if m.start >= lo and m.end <= hi and not self._quoted(m.start)]
        if not inside:
            return None
        people = [m for m in inside if m.label in PERSON_LABELS]
        groups = [m for m in inside if m.label in ("ORG", "NORP")]
        chosen = people[0] if people else groups[0] if groups else None  # the clause subject comes first
        if chosen is None:
            return None
        kind = "person" if chosen.label in PERSON_LABELS else "org"
        return self._remember(SpanRef(chosen.start, chosen.end, chosen.text, chosen.entity), kind, self._gender_of(chosen))

    def latest(self, since: int, before: int) -> SpanRef | None:
        """The most recent speaker whose phrase lies in ``[since, before)`` (for quotes without a cue)."""
        for speaker in reversed(self.history):
            if since <= speaker.ref.start < before:
                return speaker.ref
        return None

    # ------------------------------------------------------------------ internals

    def _remember(self, ref: SpanRef, kind: str | None, gender: str | None) -> SpanRef:
        self.history.append(_Speaker(ref, kind, gender))
        return ref

    def _index(self, pos: int) -> int:
        return max(0, bisect.bisect_left(self._starts, pos) - 1)

    def _quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted, (pos, float("inf"))) - 1
        # ranges may nest; look back a little
        for s, e in self.quoted[max(0, i - 3) : i + 1]:
            if s <= pos < e:
                return True
        return False

    def _mention_in(self, start: int, end: int) -> EntityMention | None:
        best, best_score = None, -1
        for m in self.mentions[self._index(start) :]:
            if m.start >= end:
                break
            if m.end <= start:
                continue
            is_head = m.end >= end - 1 or not self.text[m.end : end].strip(" )(.,'’s")
            if m.label in PERSON_LABELS:
                score = 3
            elif m.label == "ORG":
                score = 2
            elif is_head:
                score = 1
            else:
                continue  # "Syria state television", "US officials": a modifier, not the speaker
            score = score * 10000 + m.end  # then the one nearest the head
            if score > best_score:
                best, best_score = m, score
        return best

    def _gender_of(self, mention: EntityMention) -> str | None:
        lead = self.text[max(0, mention.start - 30) : mention.start].lower().split()
        words = lead[-2:] + (mention.role or "").lower().split()
        return _gender_of_words(words)

    def _antecedent(self, at: int, kind: str, gender: str | None) -> _Speaker | None:
        candidates: list[tuple[int, _Speaker]] = []
        for speaker in reversed(self.history):
            if speaker.ref.start >= at:
                continue
            if at - speaker.ref.start > HISTORY_WINDOW:
                break
            if _compatible(speaker.kind, kind) and _gender_ok(speaker.gender, gender):
                candidates.append((speaker.ref.start, speaker))
                break
        wanted = _LABELS_FOR[kind]
        for m in reversed(self.mentions[: bisect.bisect_left(self._starts, at)]):
            if m.end > at or m.label not in wanted or self._quoted(m.start):
                continue
            g = self._gender_of(m) if kind == "person" else None
            if not _gender_ok(g, gender):
                continue
            mkind = "person" if m.label in PERSON_LABELS else "org"
            candidates.append((m.start, _Speaker(SpanRef(m.start, m.end, m.text, m.entity), mkind, g)))
            break
        if not candidates:
            return None
        return max(candidates, key=lambda c: c[0])[1]  # the nearer of the last speaker and mention

    def _by_role(self, role: str, at: int, kind: str) -> str | None:
        pattern = re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)
        last = None
        for match in pattern.finditer(self.text, 0, at):
            if not self._quoted(match.start()):
                last = match
        if last is not None:
            near = self._mention_near(last.start(), last.end(), kind)
            if near is not None:
                return near.entity
            for speaker in reversed(self.history):
                if speaker.ref.start <= last.start() and last.end() == speaker.ref.end:
                    return speaker.ref.entity  # "a US official said ... the official said"
            return None
        if kind != "person":
            return None  # "the coalition" never named before: leave it unresolved rather than guess
        antecedent = self._antecedent(at, kind, None)
        return antecedent.ref.entity if antecedent else None

    def _mention_near(self, start: int, end: int, kind: str) -> EntityMention | None:
        wanted = _LABELS_FOR[kind]
        best, best_distance = None, 10**9
        for m in self.mentions[self._index(start - 60) :]:
            if m.start > end + 40:
                break
            if m.label not in wanted:
                continue
            if m.start >= end:
                distance = m.start - end
                gap = self.text[end : m.start]
            elif m.end <= start:
                distance = start - m.end
                gap = self.text[m.end : start]
            else:
                distance, gap = 0, ""
            if distance > 40 or re.search(r"[.;!?]", gap):
                continue
            if distance < best_distance:
                best, best_distance = m, distance
        return best


def _compatible(have: str | None, want: str) -> bool:
    if want == "person":
        return have == "person"
    if want == "org":
        return have == "org"
    return have in ("org", "group")


def _gender_ok(have: str | None, want: str | None) -> bool:
    return have is None or want is None or have == want


def _gender_of_words(words: list[str]) -> str | None:
    lowered = {w.lower() for w in words}
    if lowered & FEMALE_MARKERS - {"her"}:
        return "f"
    if lowered & MALE_MARKERS - {"his", "he"}:
        return "m"
    return None
