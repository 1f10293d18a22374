"""Which period a count is about: a time of its sentence that is not the reporting time, nearest the
count; "the past 10 days" and "since Sunday" become intervals ending on the publish date."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from ...knowledge.periods import reanchored_weekday
from ...model import Figure, TimeExpr
from . import event_date
from .word_classes import TIME_PREFERRED


class PeriodChoice:
    """Part of :class:`.sentence.SentenceContext`: the period of a count."""

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
            if TIME_PREFERRED.match(t.text) or re.search(r"\b(?:since|over|in|during|past|last|between|from)\s+(?:the\s+)?\Z",
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
            if _DURATION.match(t.value or "") and not _DURATION_ADJECTIVE.match(t.text):
                # "Seven days of airstrikes had left 75 dead": a window of that length whose end the text
                # does not give; a bare duration, never the incident's own count
                return t.value
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
