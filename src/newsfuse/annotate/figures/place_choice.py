"""Which place a count is about: a place mention of its sentence outside the claimant, nearest the count,
the destination for arrivals ("reached the Al Hol camp from Baghouz" -> Al Hol)."""

from __future__ import annotations

import re

from ...model import Figure, PlaceMention, PlaceRef, SpanRef


# A speech verb, perhaps its audience or occasion ("told reporters", "told a news conference"), then
# "in"/"at"/"from": the place where the claim was made. "said the attack in X" is not matched.
_SPOKEN_AT = re.compile(
    r"\b(?:said|says|told|tells|speaking|spoke|announced|stated|declared)"
    r"(?:\s+(?:[\w'-]+\s+){0,3}?(?:reporters|journalists|conference|briefing|statement|meeting|interview|"
    r"television|radio|parliament|summit|AFP|Reuters|AP))?\s+(?:in|at|from)\s+(?:the\s+)?\Z", re.I)


# Nouns of those who strike or fight, after a nationality ("Russian airstrikes", "Turkish-backed forces" is
# handled by the "-backed" rule): the nationality is the actor's.
_ACTOR_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,1}?(?:air\s*strikes?|airstrikes?|strikes?|air\s*raids?|raids?|warplanes?|war\s+planes?|"
    r"jets?|planes?|aircraft|bombers?|helicopters?|gunships?|drones?|missiles?|rockets?|artillery|shelling|"
    r"bombardments?|forces|troops|army|military|navy|air\s+force|regime|government|soldiers|militias?)\b", re.I)


class PlaceChoice:
    """Part of :class:`.sentence.SentenceContext`: the place of a count."""

    # ------------------------------------------------------------------ place

    def place(self, fig: Figure, claimant: SpanRef | None) -> PlaceRef | None:
        cands = [p for p in self.article.places if self.sent.start <= p.start and p.end <= self.sent.end]
        if claimant is not None:
            cands = [p for p in cands if not (claimant.start <= p.start and p.end <= claimant.end)]
        cands = [p for p in cands if not self._inside_speech_np(p)]
        # "US-backed", "Britain-based", "US-led": an adjective, not where the people are
        cands = [p for p in cands if not re.match(r"-\s*(?:backed|based|led|born|made|funded|owned|run|allied|brokered)\b",
                                                  self.text[p.end : p.end + 12])]
        # "22 Lebanese pilgrims were injured": a nationality right after the number says who, not where
        cands = [p for p in cands if not (p.method.endswith(":demonym") and 0 <= p.start - fig.end <= 25)]
        # "Assad regime and Russian airstrikes", "Turkish warplanes": a nationality naming who struck, not where
        cands = [p for p in cands if not (p.method.endswith(":demonym") and _ACTOR_AFTER.match(self.text, p.end))]
        # "near the Syrian-Turkish border": a border names two countries, the count is in neither for sure
        cands = [p for p in cands if not re.match(r"[\s-]*(?:[A-Z][\w-]*\s+)?(?:border|frontier)\b", self.text[p.end : p.end + 30])]
        # "Sabra said in Turkey the attack had killed 1300": where the claim was made, not where people died
        cands = [p for p in cands if not _SPOKEN_AT.search(self.text[max(self.sent.start, p.start - 50) : p.start])]
        if not cands:
            return None
        norp = [(e.start, e.end) for e in self.article.entities if e.label == "NORP"]

        def score(p: PlaceMention) -> float:
            before = self.text[max(self.sent.start, p.start - 25) : p.start].lower()
            dist = p.start - fig.end if p.start >= fig.end else (fig.start - p.end) * 1.5
            s = float(dist)
            if fig.category in ("arrived", "sheltered"):
                if re.search(r"\b(?:from|out of|fled|left)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}\Z", before):
                    s += 200
                if re.search(r"\b(?:reached|reach|to|into|in|at|arrived)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}\Z", before):
                    s -= 40
            if re.search(r"\b(?:from|out of)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}\Z", before) and fig.category in (
                    "fled", "displaced", "returned"):
                s -= 20
            if self._text_between_has_clause_stop(fig, p):
                s += 150
            if any(a <= p.start and p.end <= b for a, b in norp) or re.search(r"(?:ian|ese|ish|i)\Z", p.text) and \
                    p.name and p.text != p.name:
                s += 80  # "the Syrian village of Baghuz": prefer the village to the adjective
            return s

        best = min(cands, key=score)
        return PlaceRef(best.text, best.geonameid)

    def _inside_speech_np(self, p: PlaceMention) -> bool:
        for ref in self.explicit_claimants:
            if ref.start <= p.start and p.end <= ref.end:
                return True
        return False

    def _text_between_has_clause_stop(self, fig: Figure, p: PlaceMention) -> bool:
        a, b = (fig.end, p.start) if p.start >= fig.end else (p.end, fig.start)
        between = self.text[a:b]
        return bool(re.search(r";|\bbut\b|\bwhile\b|\bwhereas\b", between))
