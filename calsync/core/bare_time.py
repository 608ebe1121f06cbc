"""A time said on its own in the notes of a call: "they said 5 working days", "Jan 12".

The notes of a call answer "what next, and when?", so a sentence that is only a time still says
when. Whose time it is decides what it means, as in the window rules: one the employer gave
("they said 5 working days", "we should know by 20th Feb", "they expect to pick someone by
Dec 18") is a decision date; one the user wrote with no one else in it ("after the holidays,
say the 4th") is the day of the next call.
Within the sentence the specific day wins over the vague one it refines ("…, say the 4th").

Only sentences made of dates and a few words of saying, knowing and hedging count, so a start
date, a past call and a room booking are never read as a time.

>>> bare_time("They said 5 working days.", date(2026, 12, 11))
BareTime(day=datetime.date(2026, 12, 18), employers=True, phrase='They said 5 working days', \
start=0)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from calsync.core.dates import BusinessDays, find_date_expressions

_MAX_DAYS_AHEAD = 300  # as the window rules: further out is a past date misread
_READ = 64 * 1024  # as the window rules: no one writes a timetable after a page of base64

_SENTENCE_END = re.compile(r"[.!?;\n](?=\s|$)|\n")
_TOKEN = re.compile(r"[a-z']+", re.IGNORECASE)
# The employer said it, or the answer comes then: a decision date.
_SAYING_WORDS = "said says told tells mentioned reckon reckons reckoned estimated quoted indicated"
_KNOWING_WORDS = "know find out hear news word answer result results update"
# The employer choosing is a decision too: "they expect to pick someone by Dec 18".
_CHOOSING_WORDS = """
    pick picks picking choose chooses choosing select selects selecting hire hires hiring fill
    fills filling appoint appoints someone somebody candidate a an role position job vacancy
"""
_SPEAKER_WORDS = "they they'll they're he she he'll she'll we we'll recruiter hr"
# Words that hedge or join a time without saying anything else.
_HEDGE_WORDS = """
    say maybe probably prob around about roughly approx approximately ie i e like so likely
    perhaps hopefully or latest at the by in on within after before until till and then next
    i i'll will should shall might may could would expect expecting ok okay apparently sometime
    be it it's me us specifically exactly to
"""
# Before a later date, these make it the specific day of the vaguer one before it.
_REFINING_WORDS = "say ie e probably prob likely specifically exactly so"
_SAYING, _KNOWING, _SPEAKERS, _HEDGES, _REFINING = (
    frozenset(words.split())
    for words in (
        _SAYING_WORDS,
        _KNOWING_WORDS + _CHOOSING_WORDS,
        _SPEAKER_WORDS,
        _HEDGE_WORDS,
        _REFINING_WORDS,
    )
)


@dataclass(frozen=True)
class BareTime:
    """A sentence that is only a time: the day, whether the employer gave it, its words."""

    day: date
    employers: bool
    phrase: str
    start: int


def bare_time(
    notes: str,
    base: date,
    *,
    date_order: str = "MDY",
    business: BusinessDays | None = None,
) -> BareTime | None:
    """The first sentence of the notes that is only a time after `base`, or None."""
    business = business or BusinessDays()
    text = notes[:_READ].replace("\u2019", "'")
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    by_sentence: dict[int, list[tuple[int, int, date | None]]] = {}
    for expr in find_date_expressions(text):
        when = expr.resolve(base, date_order=date_order, business=business)
        by_sentence.setdefault(bisect_right(ends, expr.start), []).append(
            (expr.start, expr.end, when)
        )
    latest = base + timedelta(days=_MAX_DAYS_AHEAD)
    for index, dates in by_sentence.items():
        start = ends[index - 1] if index else 0
        end = ends[index] if index < len(ends) else len(text)
        found = _only_a_time(text, start, end, dates)
        if found is None:
            continue
        when, employers = found
        if when is None or not base < when <= latest:
            continue
        phrase = " ".join(text[start:end].split()).strip(" .;!?-*•>")
        return BareTime(when, employers, phrase, start)
    return None


def _only_a_time(
    text: str, start: int, end: int, dates: list[tuple[int, int, date | None]]
) -> tuple[date | None, bool] | None:
    """The day a sentence of only dates and hedges gives, and whether the employer gave it."""
    words: list[str] = []
    chosen = dates[0][2]
    pos = start
    for i, (first, last, when) in enumerate(dates):
        between = [w.lower() for w in _TOKEN.findall(text, pos, first)]
        if i and between and between[-1] in _REFINING:
            chosen = when  # "after the holidays, say the 4th"
        words += between
        pos = last
    words += [w.lower() for w in _TOKEN.findall(text, pos, end)]
    spoken = False
    for i, word in enumerate(words):
        if word in _SAYING:
            spoken = True
            continue
        if word in _KNOWING or word in _SPEAKERS:
            spoken = True
            continue
        if word in _HEDGES:
            continue
        if i + 1 < len(words) and words[i + 1] in _SAYING:
            continue  # the speaker: "Maria said two weeks"
        return None
    return chosen, spoken
