"""The figures stage: every count of people (and of homes destroyed) with what it counts, who claims
it, where and when.

For each sentence (outside boilerplate) the stage takes the count expressions of
:mod:`newsfuse.annotate.figures.numbers`, reads the words around each one with the lexicon of
:mod:`newsfuse.annotate.figures.categories`, and writes a :class:`~newsfuse.model.Figure`:

- what is counted (``unit``, ``subject``): the noun after the number ("280 Daesh terrorists" → fighters),
  a noun before it ("IDPs total 122 387", "the camp's population to over 56,000"), or nothing when a
  verb says the count is of people ("the toll rose to 45", "killing 12").
- what happened (``category``), first rule that answers wins:
  1. an anchor noun the number is the value of ("death toll ... 45" → dead, "population" near a camp →
     sheltered);
  2. a verb or noun right before it that governs it ("killed at least 70", "the death of nearly 40,000",
     "forced the evacuation of 2,000");
  3. the first trigger in the predicate after it, within the clause ("400 to 600 militants remain holed
     up"; appositives such as ", mostly children under the age of five," are skipped; "remained" passes on
     to "displaced" when that follows);
  4. the noun itself ("46 deaths", "IDPs", "displaced persons", "casualties");
  5. the figure it is coordinated with ("killed 6 priests and 2 women", "3,000 people, including hundreds
     of militants, left");
  6. the nearest trigger on its left in the clause (only for a lexicon noun), else ``other``.
- ``negated`` ("were not harmed"; "no civilians were killed" gives a figure of 0), ``modality``
  ("expected to arrive", "could rise to"), ``cumulative`` ("the toll rose to", "so far", "since Sunday").
- ``claimant``: the attribution of the figure's span
  (:func:`newsfuse.annotate.attribution.claimants.claimant_for_span`), else the speaker of the quote
  holding it, else the speech cue of the sentence ("according to OCHA", "the SDF believes", "..., OCHA
  said"; "it said" takes the previous claimant); the span is the entity mention when the entities
  layer has one.
- ``place``: a place mention of the sentence outside the claimant, nearest the figure, preferring the
  destination for arrivals ("reached the Al Hol camp from Baghouz" → Al Hol).
- ``period``: a time of the sentence that is not the reporting time ("..., OCHA said on Monday"),
  nearest the figure; "the past 10 days" and "since Sunday" become intervals ending on the publish date.
  A casualty count with no time in its sentence, not cumulative and not in a clause about the history
  around the event, takes the day the article dates its event on (:mod:`newsfuse.annotate.figures.event_date`:
  "A bomb killed six on Wednesday ... The blast also wounded 32" → both Wednesday); no such day (no
  date in the text, two incident dates, only the day of a report): it stays unknown.

The stage uses no model, so it runs on upper-case wire text as well (MUC) and costs little.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ...knowledge.periods import reanchored_weekday
from ...model import Article, Figure, PlaceMention, PlaceRef, Sentence, SpanRef, TimeExpr
from ...stage import Stage
from ..attribution.claimants import claimant_for_span, narrow_claimant
from ..clean.sentences import sentences_of
from . import event_date
from . import parts
from .categories import Lexicon, Token, lexicon, words
from .numbers import NumberExpr, find_numbers

NAME = "figures"
VERSION = "rules-2"  # rules-2: parts of a count (scope), earlier tolls, datelines
METHOD = f"{NAME}/{VERSION}"

# --------------------------------------------------------------------------- word classes (function words)

_FUNCTION = frozenset(
    "the a an of in on at to from by with for and or but nor were was are is be been being have has had who "
    "that which whom whose as into onto near across after before during since including while than not no "
    "there their its his her they it he she we i you this these those them said say says saying told "
    "reported according per among between over under about around some many most mostly mainly all both "
    "each every such only also still now already just then when where why how if so do does did can could "
    "may might must shall should will would up down out off again further more less other others another "
    "own same very too s 's".split()
)
_MORE = frozenset({"more", "other", "others", "additional", "further", "extra", "new", "plus"})
# "by" is missing on purpose: "murdered by four gunmen" counts the killers, not the dead.
_LEFT_FILLERS = frozenset(
    "the a an another further additional other total of to at more than forced have has had been "
    "were was also reportedly now only just its their his her 's some estimated nearly an [".split()
) | {'"', "“"}  # 'killed "tens of people"': a quoted count
_SUBORDINATORS = frozenset({"when", "after", "before", "because", "who", "which", "that", "where", "if",
                            "since", "whom", "whose", "until", "unless"})
_ADVERBIAL = frozenset({"when", "after", "before", "because", "if", "until", "unless", "while"})
_UNCOUNTED_SINGULAR = frozenset(
    "people police personnel staff crew dead wounded injured missing homeless children women men folk "
    "militia clergy youth elderly".split()
)
_STATES = frozenset({"homeless", "dead", "injured", "wounded", "stranded", "trapped", "missing"})
_NEEDS_AUX = frozenset({"shot", "seized", "held", "shooting"})  # triggers only as a passive ("were shot")
_RATE = re.compile(r"^(?:per|a|an|each|every)\s+(?:day|week|month|year|hour|annum)\b|^(?:annually|daily|weekly|yearly)\b")
_RIGHT_STOP = frozenset({";", "&", "but", "while", "whereas", "although", "though", "however", "and", "or", "nor",
                         '"', "“", "”", "«", "»", ".", "!", "?", "plus", "yet"})
_CLAUSE_STOP = frozenset({";", "but", "while", "whereas", "although", "though", "however", '"', "“", "”",
                          "«", "»", ".", "!", "?", "yet", "meanwhile"})
_APPOSITIVE_START = frozenset(
    "including include includes among mostly mainly largely predominantly many most some all both half "
    "majority of whom among which nearly almost about around roughly some the a an mainly mostly "
    "especially particularly notably primarily chiefly <num>".split()
)
_GENERIC_HEADS = frozenset(
    "members member men man youths youth supporters followers sympathisers sympathizers leaders commanders "
    "officers personnel staff elements recruits males people persons individuals".split()
)
_STRONG = frozenset({"dead", "injured", "dead_or_injured", "missing", "abducted", "detained", "displaced",
                     "fled", "arrived", "sheltered", "returned", "surrendered"})
_FORCE_LOSS = frozenset({"lost", "eliminated", "liquidated", "neutralized", "neutralised"})
# Words that say what happened but cannot govern a count after them ("dead 100 injured").
_NOT_GOVERNING = frozenset({"dead", "deaths", "death", "fatalities", "casualties", "injuries", "bodies", "lives"})
_EARLIER = frozenset({"previous", "earlier", "initial", "preliminary", "first", "old", "former", "prior"})
_COUNT_NOUNS = frozenset({"toll", "tolls", "count", "counts", "figure", "figures", "tally", "reports", "report",
                          "estimate", "estimates", "number"})
_CAMP_WORDS = re.compile(r"\b(?:camps?|shelters?|settlements?|centres?|centers?|sites?)\b", re.I)
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "it": "ORG", "they": "ORG", "we": "ORG"}
_TIME_PREFERRED = re.compile(
    r"^(?:in\s+the\s+|over\s+the\s+|during\s+the\s+|for\s+the\s+)?(?:past|last|previous|since|between|from|"
    r"during|over|this|so\s+far|to\s+date)\b",
    re.I,
)


# --------------------------------------------------------------------------- the stage


def annotate(article: Article) -> Article:
    """The article with its ``figures`` layer filled."""
    return article.with_layer(figures=find_figures(article))


STAGE = Stage(
    name=NAME,
    version=VERSION,
    requires=("sentences", "entities", "places", "times", "quotes"),
    provides=("figures",),
    process=annotate,
)


def find_figures(article: Article) -> list[Figure]:
    """Every figure of the article, in text order."""
    text = article.text
    lex = lexicon()
    sentences = join_wrapped_lines(text, list(sentences_of(article)))
    numbers = [n for n in find_numbers(text, lex.is_count_noun) if not _in_boilerplate(article, n.start, n.end)]
    out: list[Figure] = []
    state = _DocState()
    event = event_date.find_event_date(article, sentences)
    undated: list[int] = []  # figures that take the event's date (see _with_event_date)
    for sent in sentences:
        if _in_boilerplate(article, sent.start, sent.end, whole=True):
            continue
        sent_numbers = [n for n in numbers if sent.start <= n.start and n.end <= sent.end]
        ctx = _SentenceContext(article, sent, sent_numbers, lex, state)
        for fig in ctx.figures():
            try:
                claimant = claimant_for_span(article, fig.start, fig.end)
            except Exception:  # a bug in the attribution rules must not lose the figure
                claimant = None
            if claimant is None:
                claimant = _quote_speaker(article, fig)
            if claimant is None:
                # The cue rules' own phrase, narrowed to the source it names ("a wedding" names none).
                found = ctx.claimant(fig)
                claimant = narrow_claimant(article, found) if found is not None else None
            place = ctx.place(fig, claimant)
            period = ctx.period(fig)
            if period is None and event is not None and ctx.takes_event_date(fig):
                undated.append(len(out))
            out.append(_replace(fig, claimant=claimant, place=place, period=period))
        state.remember(ctx)
    return _with_event_date(out, undated, event, sentences)


APPOSITIVE_SPAN = 24  # tokens of an appositive skipped between a count and its verb
SINCE_SPAN = 10  # tokens of a "since …" phrase between a toll and its verb
BACKGROUND_FACTOR = 10  # an undated count this many times the incident's own counts is a background total


def _with_event_date(figures: list[Figure], undated: list[int], event: event_date.EventDate | None,
                     sentences: list[Sentence]) -> list[Figure]:
    """The undated counts of the incident given the day the article dates its event on
    (:mod:`newsfuse.annotate.figures.event_date`), except a count far larger than the counts stated next
    to that date ("More than 300,000 people have been killed" in a report of a blast that killed 26): the
    war's toll."""
    if event is None or not undated:
        return figures
    dated = [s for s in sentences if any(s.start <= t.start < s.end for t in event.evidence)]
    near = [f for f in figures if f.category in event_date.CASUALTY_CATEGORIES and f.value is not None
            and any(s.start <= f.start < s.end for s in dated)]
    scale = max((f.high or f.value or 0 for f in near), default=None)
    out = list(figures)
    for i in undated:
        size = figures[i].low or figures[i].value
        if scale and size is not None and size >= BACKGROUND_FACTOR * scale:
            continue
        out[i] = _replace(figures[i], period=event.day.isoformat())
    return out


def _replace(fig: Figure, **kw) -> Figure:
    return dataclasses.replace(fig, **kw)


def _quote_speaker(article: Article, fig: Figure) -> SpanRef | None:
    """The speaker of the reported speech the figure is part of ("OCHA said around 15,000 ...")."""
    best = None
    for q in article.quotes:
        if q.speaker is not None and q.start <= fig.start and fig.end <= q.end:
            if best is None or q.end - q.start < best.end - best.start:
                best = q
    return best.speaker if best is not None else None


def _in_boilerplate(article: Article, start: int, end: int, whole: bool = False) -> bool:
    for b in article.boilerplate:
        if whole:
            if b.start <= start and end <= b.end:
                return True
        elif b.start < end and start < b.end:
            return True
    return False


# --------------------------------------------------------------------------- sentences


def join_wrapped_lines(text: str, sentences: list[Sentence]) -> list[Sentence]:
    r"""Sentences that hard-wrapped wire text cut at line ends ("TWO\nPEOPLE WERE KILLED"), joined again.

    A sentence that ends without punctuation and is followed by a single line break (not a blank line)
    continues on the next line; headlines stay apart because a blank line follows them.

    >>> t = "TWO\nPEOPLE WERE KILLED.\n\nNext"
    >>> [t[s.start:s.end] for s in join_wrapped_lines(t, [Sentence(0, 3), Sentence(4, 23), Sentence(25, 29)])]
    ['TWO\nPEOPLE WERE KILLED.', 'Next']
    """
    out: list[Sentence] = []
    for sent in sentences:
        if out:
            prev = out[-1]
            gap = text[prev.end : sent.start]
            ends = text[prev.start : prev.end].rstrip()[-1:]
            if gap.count("\n") == 1 and not gap.strip() and ends and ends not in ".!?…\"”’':;)]":
                out[-1] = Sentence(prev.start, sent.end)
                continue
        out.append(sent)
    return out


# --------------------------------------------------------------------------- per-sentence analysis


@dataclass
class _NP:
    head: str | None  # lowercase head word(s), None for a bare number
    kind: str | None  # person | household | home | thing | unknown | None
    subject: str
    category: str | None  # category the noun phrase itself implies ("46 deaths")
    end: int  # token index one past the noun phrase
    from_left: bool = False
    partitive: bool = False  # "15 of the wounded": a part of the count the noun names


@dataclass
class _Decision:
    category: str
    trigger: tuple[int, int] | None  # token span of the word that decided
    how: str  # anchor | left | right | noun | coordination | nearest | none
    cumulative: bool = False


class _DocState:
    """What later sentences need from earlier ones: the last claimant (for "it said"), the last count
    seen in footage (for "another five bodies")."""

    def __init__(self) -> None:
        self.claimants: list[tuple[int, SpanRef]] = []  # (sentence number, claimant)
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

    def remember(self, ctx: "_SentenceContext") -> None:
        for c in ctx.all_cue_claimants():
            if c.text.lower() not in _PRONOUNS:
                self.claimants.append((self.sentence, c))
        self.sentence += 1


class _SentenceContext:
    def __init__(self, article: Article, sent: Sentence, numbers: list[NumberExpr], lex: Lexicon, state: _DocState):
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
        self.decided: list[tuple[int, _Decision, _NP]] = []
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
                out.append(_replace(fig, category=second))
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
        if np_.end < len(self.toks) and _RATE.match(self.text[self.toks[np_.end].start : self.toks[np_.end].start + 20].lower()):
            return None  # "54 violent deaths per day": a rate, not a count
        if np_.head is None:
            left = self._left_head(k)
            if left is not None:
                np_ = left
        if np_.head in ("others", "more"):  # "destroyed 20 others": others of what came before
            prev = self._coordinated_np(k)
            if prev is not None:
                np_ = _NP(np_.head, prev.kind, prev.subject, np_.category, np_.end)
        decision = self._category(k, n, np_)
        if decision is None:
            return None
        unit = {"person": "people", "household": "households", "home": "homes"}.get(np_.kind or "", "people")
        category = decision.category
        if np_.kind == "home" and category not in ("homes_destroyed", "fled", "affected", "other"):
            category = "other"
        if np_.kind in (None, "unknown") and decision.how in ("nearest", "none"):
            return None  # a bare number with no verb about people is not a people count
        if np_.kind == "unknown" and category not in _STRONG:
            return None
        if np_.kind is None and category == "other":
            return None
        if np_.kind == "home" and category == "other" and decision.how == "none":
            return None
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

    # ------------------------------------------------------------------ parts of a larger count

    def _part(self, k: int, np_: _NP, category: str, subject: str) -> tuple[str, str, str | None]:
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
            return category, subject, self._scope_of_part(subject, head_words, whole_subject)
        if np_.category in parts.POPULATION_CATEGORIES and category in parts.TOLL_CATEGORIES and not np_.from_left:
            return category, subject, parts.part_label(head_words, lex)  # "98 evacuees ... were killed"
        return category, subject, None

    def _head_words(self, k: int, np_: _NP) -> list[str]:
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
        """"The previous death toll was 20", "a previous toll of 112", "initial reports of 20 killed": an
        earlier point of a count that has moved since (cumulative: reconciliation reads it as a rise)."""
        lows = self.lows
        for x in range(k - 1, max(-1, k - 7), -1):
            if lows[x] in _CLAUSE_STOP or lows[x] == "<num>":
                return False
            if lows[x] in _EARLIER and x + 1 < len(lows) and any(
                    w in _COUNT_NOUNS for w in lows[x + 1 : min(k, x + 4)]):
                return True
        return False

    # ------------------------------------------------------------------ what is counted

    def _noun_phrase(self, k: int, n: NumberExpr) -> _NP:
        lows = self.lows
        lex = self.lex
        i = k + 1
        L = len(lows)
        more = None
        if i + 1 < L and lows[i] == "-" and lows[i + 1] == "strong":  # "a 5,000-strong force"
            return _NP("strong", "person", self._subject_from(lows[i + 2 : i + 4], "people"), "present", i + 2)
        while i < L and lows[i] in _MORE:
            more = lows[i]
            i += 1
        partitive = False
        if i < L and lows[i] == "of" and (n.qualifier == "vague" or n.scaled or i + 1 < L and lows[i + 1] in
                                          ("the", "them", "whom", "those", "these", "which", "us", "our", "its",
                                           "their")):
            i += 1
            if i < L and lows[i] in ("them", "whom", "those", "us"):
                return _NP(lows[i], "person", "people", None, i + 1)
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
            noun = lex.noun(lows, j)
            if noun is not None:
                kind, length, val, cat = noun
                nxt = lex.noun(lows, j + length) if j + length < L else None
                after = lows[j + length] if j + length < L else ""
                if nxt is None and not lows[j + length - 1].endswith("s") and after and after not in _FUNCTION \
                        and re.match(r"[^\W\d_]", after) and (j + length) not in self.triggers \
                        and lows[j + length - 1] not in _UNCOUNTED_SINGULAR:
                    run.extend(range(j, j + length))  # "126 fighter jets": the noun is a modifier here
                    j += length
                    continue
                if cat is not None and run and nxt is None:
                    break  # "individuals displaced": the participle is the predicate, not part of the noun
                head_idx, head_val = (j, length), noun
                run.extend(range(j, j + length))
                j += length
                if nxt is None and not (j < L and lows[j] == "-"):
                    break
                continue
            if w == "-" and run:
                j += 1
                continue
            if (w in _FUNCTION and not (w in lex.modifier and j + 1 < L and lex.noun(lows, j + 1) is not None)) \
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
                if head in _GENERIC_HEADS and subject in ("people", "civilians"):
                    subject = self._subject_of_group(head_idx[0] + length) or subject
                cat = cat or self._implied_by_mods(mods)
                return _NP(head, "person", subject, cat, head_idx[0] + length, partitive=partitive)
            if kind == "household":
                return _NP(head, "household", "people", self._implied_by_mods(mods), head_idx[0] + length)
            if kind == "home":
                return _NP(head, "home", "other", self._home_implied_by_mods(mods), head_idx[0] + length)
            return _NP(head, "thing", "other", None, head_idx[0] + length)
        if more == "others" or (more is not None and not run):
            return _NP(more, "person" if more == "others" else None, "people", None, i)
        if run:
            # an unknown noun ("35,326 Brus", "51 peole"): a people count only if the verb says so
            return _NP(lows[run[-1]], "unknown", "people", None, run[-1] + 1)
        return _NP(None, None, "people", None, i)

    def _subject_from(self, mods: list[str], subject: str, head: str | None = None) -> str:
        if subject in ("people", "civilians") or (head in _GENERIC_HEADS):
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
            if lows[x] in _CLAUSE_STOP or lows[x] in (",", "<num>"):
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

    def _left_head(self, k: int) -> _NP | None:
        """A label before the number: "IDPs total 122 387", "Completely destroyed housing: 146"."""
        lows = self.lows
        lex = self.lex
        j = k - 1
        steps = 0
        while j >= 0 and steps < 7:
            w = lows[j]
            if w in _CLAUSE_STOP or w in ("<num>", "<nonum>"):
                return None
            for start in range(max(0, j - 3), j + 1):
                noun = lex.noun(lows, start)
                if noun is not None and start + noun[1] == j + 1:
                    kind, length, val, cat = noun
                    if kind == "thing":
                        return None
                    mods = lows[max(0, start - 3) : start]
                    if kind == "home":
                        return _NP(" ".join(lows[start : j + 1]), "home", "other", self._home_implied_by_mods(mods),
                                   k + 1, from_left=True)
                    if kind == "household":
                        return _NP(" ".join(lows[start : j + 1]), "household", "people", self._implied_by_mods(mods),
                                   k + 1, from_left=True)
                    return _NP(" ".join(lows[start : j + 1]), "person", self._subject_from(mods, val),
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

    # ------------------------------------------------------------------ what happened

    def _category(self, k: int, n: NumberExpr, np_: _NP) -> _Decision | None:
        lows = self.lows
        is_home = np_.kind == "home"
        triggers = self.home_triggers if is_home else self.triggers

        if np_.head is None or np_.from_left:
            anchor = self._anchor(k)
            if anchor is not None:
                return anchor

        if self._lost(k, np_):  # "ISIL also lost 15 militants": a force's dead
            return _Decision("dead", None, "left")
        left = self._left_trigger(k, triggers)
        if left is not None and np_.category is not None and left.text in _NOT_GOVERNING:
            left = None  # "48 people dead over 100 injured": "dead" describes the count before it
        if left is not None and not self._is_light(left):
            return _Decision(left.value, (left.i, left.j), "left")

        among = self._among(np_)
        if among is not None:  # "two medics were among at least 31 people killed"
            return _Decision(among[0], None, "noun")

        right = self._right_trigger(np_.end, triggers)
        if right is not None:
            return _Decision(right[0], right[1], "right")

        if np_.category:
            return _Decision(np_.category, None, "noun")

        coord = self._coordination(k, np_)
        if coord is not None:
            return coord

        if np_.kind in ("person", "household", "home"):
            near = self._nearest_left(k, triggers)
            if near is not None:
                return _Decision(near.value, (near.i, near.j), "nearest")
            return _Decision("other", None, "none")
        return _Decision("other", None, "none")

    def _lost(self, k: int, np_: _NP) -> bool:
        """``lost|eliminated N fighters``: an armed force's dead, in military communiqués
        (the verbs count dead only with fighters, soldiers or police)."""
        j = k - 1
        while j >= 0 and self.lows[j] in ("also", "reportedly", "has", "have", "had", "at", "least", "about"):
            j -= 1
        return j >= 0 and self.lows[j] in _FORCE_LOSS and np_.kind == "person" and \
            np_.subject in ("fighters", "soldiers", "police")

    def _among(self, np_: _NP) -> tuple[str, str | None] | None:
        """``<people> were among the [N] [...] killed``: the category (and subject) of the whole."""
        if np_.kind != "person":
            return None
        lows = self.lows
        x = np_.end
        if x < len(lows) and lows[x] in ("from", "of", "in"):  # "nine people from the Caucasus among ..."
            y = x + 1
            while y < min(len(lows), x + 6) and lows[y] != "among" and lows[y] not in _CLAUSE_STOP and \
                    lows[y] not in (",", "<num>") and y not in self.triggers:
                y += 1
            x = y
        while x < len(lows) and lows[x] in parts.COPULA:
            x += 1
        if x < len(lows) and lows[x] == "among":
            return parts.among_whole(self.lows, x, self.lex, self.triggers)
        return None

    def _anchor(self, k: int) -> _Decision | None:
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
            if lows[j] in _CLAUSE_STOP or lows[j] in ("<num>", "<nonum>"):
                return None
            for start in range(max(0, j - 3), j + 1):
                m = self.lex.match_at("anchor", lows, start)
                if m is not None and m.j == j + 1:
                    category = m.value
                    if m.text.startswith("population") or m.text.endswith("population"):
                        category = "sheltered" if _CAMP_WORDS.search(self.text[self.sent.start : self.sent.end]) else "other"
                    if category == "other":
                        after = self.lex.match_at("trigger", lows, m.j + 1) if m.j + 1 < len(lows) and lows[m.j] == "of" else None
                        if after is None:
                            return None
                        category = after.value
                    # "toll" counts the dead unless the sentence says injured ("injury toll" is its own anchor)
                    cumulative = "toll" in m.text or any(
                        x.i >= m.j and x.j <= k for x in self.lex.match("cumulative", lows, m.i, k)
                    )
                    return _Decision(category, (m.i, m.j), "anchor", cumulative)
            if not (self._is_link(j) or lows[j] in (":", ",", "'s", "camp", "camps", "<old>", "from")):
                return None
            j -= 1
            steps += 1
        return None

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
            if lows[i] == "since":
                return i
            if lows[i] in _CLAUSE_STOP or lows[i] == ",":
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
            if lows[j] in _LEFT_FILLERS:
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
        while j < L and seen < 12:
            w = lows[j]
            m = triggers.get(j)
            if m is not None and j > start and lows[j - 1] in ("the", "a", "an", "their", "his", "her", "its", "this") \
                    and not (j >= 2 and lows[j - 2] == "among"):
                m = None  # "five members of the army in the assassination of": a noun, not their predicate
            if m is not None and m.j - m.i == 1 and lows[j] in _NEEDS_AUX and lows[j - 1] not in (
                    "were", "was", "been", "being", "are", "is", "be"):
                m = None  # "a 9-iron approach shot": a noun; "16 peasants were shot": the predicate
            if m is not None:
                if self.lex.match_at("copula", lows, j) is not None and m.value == "present":
                    # "remained displaced", "remain holed up": a following trigger says more
                    for x in range(m.j, min(L, m.j + 3)):
                        nxt = triggers.get(x)
                        if nxt is not None:
                            return nxt.value, (nxt.i, nxt.j)
                        if lows[x] in _RIGHT_STOP or lows[x] in (",", "<num>"):
                            break
                if self._is_light(m) and m.value == "fled" and j + 1 < L and lows[j + 1] in _STATES:
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
                if self._joins_names(j):  # "98 evacuees from Fuaa and Kafraya were killed"
                    j += 2
                    seen += 2
                    continue
            if w in ("<num>",) or w in _RIGHT_STOP:
                return None
            if w in _ADVERBIAL:
                return None  # "killed 6 teachers and 2 nurses before fleeing": another clause
            if w in _SUBORDINATORS and j not in attached and lows[j - 1] not in (
                    "those", "them", "ones", "all", "many", "some", "others", "among", ","):
                return None  # "two collaborators of the assassin who murdered ...": another noun's clause
            if w == "-" and j + 1 < L and lows[j + 1] == "-" or w in ("—", "–"):
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
            if w == ",":
                close = self._appositive_end(j)
                if close is None:
                    return None
                j = close + 1
                continue
            j += 1
            seen += 1
        return None

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
        while x < len(lows) and lows[x] in _MORE:
            x += 1
        for y in range(x, min(len(lows), x + 4)):
            noun = self.lex.noun(lows, y)
            if noun is not None:
                return y + noun[1] if noun[0] != "thing" else None
            if lows[y] in _FUNCTION or not re.match(r"[^\W\d_]", lows[y]) or y in self.triggers:
                return None
        return None

    def _dash_close(self, j: int) -> int | None:
        lows = self.lows
        x = j + (2 if lows[j] == "-" else 1)
        while x < min(len(lows), j + 18):
            if lows[x] in ("—", "–") or (lows[x] == "-" and x + 1 < len(lows) and lows[x + 1] == "-"):
                return x + (1 if lows[x] == "-" else 0)
            if lows[x] in _CLAUSE_STOP:
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
        if j + 1 >= len(lows) or lows[j + 1] not in _APPOSITIVE_START:
            return None
        # Hyphenated words are several tokens ("a 58 - year - old shepherd"): a generous window.
        for x in range(j + 1, min(len(lows), j + APPOSITIVE_SPAN)):
            if lows[x] == ",":
                return x
            if lows[x] in _CLAUSE_STOP:
                return None
        return None

    def _coordination(self, k: int, np_: _NP) -> _Decision | None:
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
                if any(w in _CLAUSE_STOP for w in between):
                    return None
                return _Decision(decision.category, decision.trigger, "coordination", decision.cumulative)
        return None

    def _coordinated_subject(self, k: int) -> str | None:
        prev = self._coordinated_np(k)
        return prev.subject if prev is not None else None

    def _coordinated_np(self, k: int) -> _NP | None:
        for prev_k, decision, np_ in reversed(self.decided):
            if 0 < k - prev_k <= 12:
                return np_
        return None

    def _nearest_left(self, k: int, triggers):
        lows = self.lows
        for j in range(k - 1, max(-1, k - 9), -1):
            if lows[j] in _CLAUSE_STOP or lows[j] in _SUBORDINATORS or lows[j] == "<num>":
                return None
            for start in range(max(0, j - 4), j + 1):
                m = triggers.get(start)
                if m is not None and m.j == j + 1 and not self._is_light(m):
                    return m
        return None

    # ------------------------------------------------------------------ attributes

    def _span_between(self, k: int, decision: _Decision) -> tuple[int, int]:
        if decision.trigger is None:
            return max(0, k - 3), k
        a, b = decision.trigger
        return (min(a, k), max(b, k + 1))

    def _negated(self, k: int, decision: _Decision) -> bool:
        if decision.trigger is None:
            return False
        lo, hi = self._span_between(k, decision)
        lo = max(0, min(lo, decision.trigger[0] - 2))
        return any(m for m in self.lex.match("negation", self.lows, lo, hi) if not (m.i <= k < m.j))

    def _modality(self, k: int, decision: _Decision) -> str | None:
        lo, hi = self._span_between(k, decision)
        lo = max(0, lo - 3) if decision.trigger is None or decision.trigger[0] > k else max(0, lo - 2)
        # never across a clause boundary
        for x in range(k - 1, lo - 1, -1):
            if self.lows[x] in _CLAUSE_STOP or self.lows[x] == ",":
                lo = x + 1
                break
        hits = self.lex.match("modal", self.lows, lo, hi)
        hits = [m for m in hits if not (m.i <= k < m.j)]
        return hits[0].value if hits else None

    def _cumulative(self, k: int) -> bool:
        lows = self.lows
        lo = k
        while lo > 0 and lows[lo - 1] not in _CLAUSE_STOP and k - lo < 10:
            lo -= 1
        hi = k + 1
        while hi < len(lows) and lows[hi] not in _CLAUSE_STOP and hi - k < 14:
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
                    if lows[j] in _FUNCTION:
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
            if any(w in _CLAUSE_STOP for w in self.lows[lo:hi]):
                continue  # "20,000 fled, but the SDF said more could be trapped": not the SDF's figure
            ref = self._cue_claimant(m)
            if ref is None:
                continue
            dist = m.i - k if m.i > k else k - m.j
            if best is None or dist < best[0]:
                best = (dist, ref)
        return best[1] if best else None

    def _cue_claimant(self, m) -> SpanRef | None:
        if m.i in self._claimant_cache:
            return self._claimant_cache[m.i]
        ref = self._find_cue_claimant(m)
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
        return self._np_before(j)

    def _appositive_before(self, j: int) -> bool:
        """``X, a Britain-based war monitor, said``: the comma before the cue closes an appositive."""
        lows = self.lows
        for x in range(j - 1, max(-1, j - 12), -1):
            if lows[x] == ",":
                return x + 1 < j and lows[x + 1] in ("a", "an", "the", "which", "who") and x > 0
            if lows[x] in _CLAUSE_STOP or lows[x] in ("<num>", "<nonum>"):
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
                                 or (w in _FUNCTION and w not in ("the", "of", "for", "'s", "a", "an", "he", "she",
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
        if low in _PRONOUNS:
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
        want_person = _PRONOUNS[low] == "PERSON"
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

    # ------------------------------------------------------------------ place

    def place(self, fig: Figure, claimant: SpanRef | None) -> PlaceRef | None:
        cands = [p for p in self.article.places if self.sent.start <= p.start and p.end <= self.sent.end]
        if claimant is not None:
            cands = [p for p in cands if not (claimant.start <= p.start and p.end <= claimant.end)]
        cands = [p for p in cands if not self._inside_speech_np(p)]
        # "US-backed", "Britain-based", "US-led": an adjective, not where the people are
        cands = [p for p in cands if not re.match(r"-\s*(?:backed|based|led|born|made|funded|owned|run|allied|brokered)\b",
                                                  self.text[p.end : p.end + 12])]
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

    # ------------------------------------------------------------------ period

    def own_times(self, fig: Figure) -> list[TimeExpr]:
        """The times of the sentence that can date the figure: not the time of a report, not the page's
        dateline, not inside the figure itself."""
        times = [t for t in self.article.times if self.sent.start <= t.start and t.end <= self.sent.end]
        return [t for t in times if not self._reporting_time(t) and not (fig.start <= t.start < fig.end)
                and not self._dateline(t)]

    def takes_event_date(self, fig: Figure) -> bool:
        """The figure is an undated count of the article's incident: a casualty count with no time of its
        own in its sentence, not cumulative ("the toll rose to", "so far"), not in a clause about the
        history around the event ("the conflict has killed ...")."""
        if fig.category not in event_date.CASUALTY_CATEGORIES or fig.cumulative:
            return False
        # A time of its own, even one that gives no period ("seven days of airstrikes have killed"); a
        # noun's length ("Syria's five-year conflict") is not the figure's time.
        if any(not _DURATION_ADJECTIVE.match(t.text) for t in self.own_times(fig)):
            return False
        sentence = self.text[self.sent.start : self.sent.end]
        if event_date.names_a_day(sentence) and not any(
                self.sent.start <= t.start < self.sent.end for t in self.article.times):
            return False  # a day the times layer missed ("Saturdays convoy attack killed 126")
        start, end = event_date.clause_of(self.text, self.sent, fig)
        return not event_date.background_sentence(self.text[start:end])

    def period(self, fig: Figure) -> str | None:
        times = self.own_times(fig)
        if not times:
            return None

        def score(t: TimeExpr) -> float:
            s = float(t.start - fig.end if t.start >= fig.end else (fig.start - t.end) * 1.2)
            if t.value and ("/" in t.value or t.value.startswith("P")):
                s -= 40
            if _TIME_PREFERRED.match(t.text) or re.search(r"\b(?:since|over|in|during|past|last|between|from)\s+(?:the\s+)?\Z",
                                                          self.text[max(0, t.start - 15) : t.start].lower()) \
                    or _SINCE_CLAUSE.search(self.text[max(0, t.start - 60) : t.start]):
                s -= 30
            if t.value is None:
                s += 100
            return s

        for t in sorted(times, key=score):  # the best time that gives a period ("four-year war" gives none)
            period = anchored_period(self._reanchored(t), self.text, self.article.published)
            if period is not None:
                return period
        return None

    def _reanchored(self, t: TimeExpr) -> TimeExpr:
        """A bare weekday ("on Monday") resolved against the date the page itself prints at its top
        ("Date of publication 3 October 2017") when that differs from the given publish date: the
        metadata of a page is often the crawl or the first version, the printed date the text's own."""
        printed = self.state.printed_date(self.article)
        value = reanchored_weekday(t.text, t.value, date.fromisoformat(printed) if printed else None,
                                   self.article.published)
        return t if value == t.value else dataclasses.replace(t, value=value)

    def _dateline(self, t: TimeExpr) -> bool:
        """"Tuesday 5 Jul 2016 Motorbike bomber kills 16": the page's date at its top, not the figure's."""
        dates = {(self.article.published or "")[:10], self.state.printed_date(self.article)} - {"", None}
        return t.start < event_date.DATELINE_CHARS and (t.value or "")[:10] in dates and bool(re.search(r"\d{4}", t.text))

    def _reporting_time(self, t: TimeExpr) -> bool:
        """"..., OCHA said on Monday": the day of the report, not of the figure."""
        return event_date.reporting_time(self.text, self.sent.start, t)


# --------------------------------------------------------------------------- periods

_DURATION_ADJECTIVE = re.compile(r"^\S+-(?:year|month|week|day|hour)$", re.I)
_SINCE_CLAUSE = re.compile(r"\bsince\b[^.;,:]*\Z", re.I)  # "since the offensive began on Friday"
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:\d+M)?(?:\d+S)?)?$")


def anchored_period(t: TimeExpr, text: str, published: str | None) -> str | None:
    """The ISO period of a time expression, anchored on the publish date where the phrase is relative.

    >>> anchored_period(TimeExpr(0, 16, "the past 10 days", "P10D"), "the past 10 days", "2019-03-05")
    '2019-02-23/2019-03-05'
    >>> anchored_period(TimeExpr(6, 12, "Sunday", "2019-03-03"), "since Sunday", "2019-03-05")
    '2019-03-03/2019-03-05'
    """
    value = t.value
    if not value:
        return None
    pub = _date(published)
    lead = text[max(0, t.start - 12) : t.start].lower()
    clause_lead = re.split(r"[.;,:]", text[max(0, t.start - 40) : t.start])[-1].lower()
    if value.startswith("P") and _DURATION_ADJECTIVE.match(t.text) and not re.search(
            r"\b(?:past|last|previous|recent)\s+\Z", lead):
        return None  # "the four-year war", "a 10-day offensive": a noun's length, not the figure's window
    if value.startswith("P") and pub is not None and (
        re.search(r"\b(?:past|last|previous|recent)\b", t.text.lower()) or re.search(r"\b(?:past|last|over|in)\s+(?:the\s+)?\Z", lead)
    ):
        m = _DURATION.match(value)
        if m:
            years, months, weeks, days, hours = (int(x) if x else 0 for x in m.groups())
            start = _minus_months(pub, years * 12 + months) - timedelta(weeks=weeks, days=days + (hours + 23) // 24)
            return f"{start.isoformat()}/{pub.isoformat()}"
    if value.startswith("P"):
        return None  # a length of time with no anchor ("for 30 years") is no period
    if "/" not in value and pub is not None and (
        re.search(r"\bsince\b", clause_lead) or t.text.lower().startswith("since ")
    ):
        return f"{value}/{pub.isoformat()}"  # "since it started in 2011": up to the publish date
    return value


def _date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _minus_months(d: date, months: int) -> date:
    if not months:
        return d
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    day = min(d.day, 28)
    return date(y, m + 1, day)
