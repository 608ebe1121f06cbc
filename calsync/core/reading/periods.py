"""Periods that British, European and Indian English name: the date grammar's international words.

Each entry is a pattern, how it resolves against the base date, the words it cannot match
without (so an entry whose words are absent costs nothing), and an example. Every period means
its later end, as in SPEC: a week is its Friday, a quarter its last day.

>>> from datetime import date
>>> from calsync.core.reading.calendar import BusinessDays, Context
>>> ctx = Context(date(2026, 12, 8), "MDY", BusinessDays())
>>> [(p.example, p.resolver(p.pattern.search(p.example), ctx)) for p in PERIODS][:2]
[('a week on Friday', datetime.date(2026, 12, 18)), ('end of Q1', datetime.date(2027, 3, 31))]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from calsync.core.reading.calendar import (
    Context,
    friday_of_week,
    last_day_of_month,
    next_weekday,
)

_FLAGS = re.IGNORECASE | re.VERBOSE

Resolver = Callable[[re.Match[str], Context], "date | None"]

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY = r"""(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday
               |mon|tues?|weds?|thu(?:rs?)?|fri)"""
MONTH = r"""(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
               |sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"""
_ORDINAL_WEEKS = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
}  # fmt: skip
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}


def _group(m: re.Match[str], name: str) -> str:
    """The named group, from whichever of its alternatives ("wd", "wd2") matched."""
    return m[name] or m[name + "2"] or m.groupdict().get(name + "3") or ""


def _week_on(m: re.Match[str], ctx: Context) -> date:
    """ "a week on Friday", "Friday week": the Friday a week after the coming one."""
    return next_weekday(ctx.base, WEEKDAYS[_group(m, "wd")[:3].lower()]) + timedelta(days=7)


def _end_of_quarter(m: re.Match[str], ctx: Context) -> date:
    word = (_group(m, "q") or m["qword"]).lower()
    quarter = int(word) if word.isdigit() else _QUARTER_WORDS[word]
    end = last_day_of_month(ctx.base.year, quarter * 3)
    return end if end >= ctx.base else last_day_of_month(ctx.base.year + 1, quarter * 3)


def _calendar_week(m: re.Match[str], ctx: Context) -> date | None:
    """ "KW 7", "calendar week 7", "by week 7": the Friday of that ISO week, this year or next."""
    week = int(_group(m, "n"))
    for year in (ctx.base.year, ctx.base.year + 1):
        try:
            friday = date.fromisocalendar(year, week, 5)
        except ValueError:
            return None
        if friday >= ctx.base:
            return friday
    return None


def _week_of_month(m: re.Match[str], ctx: Context) -> date | None:
    """ "the first week of February": the Friday of the first week that starts in the month
    (Monday to Thursday of it), or of the month's last week for "the last week of"."""
    month = _month_number(m["mon"])
    year = ctx.base.year if month >= ctx.base.month else ctx.base.year + 1
    nth = m["nth"].lower()
    if nth in ("last", "final"):
        friday = friday_of_week(last_day_of_month(year, month))
        return friday if friday.month == month else friday - timedelta(days=7)
    first = date(year, month, 1)
    week = friday_of_week(first, 0 if first.weekday() <= 3 else 1)
    return week + timedelta(days=7 * _ORDINAL_WEEKS[nth])


def _bank_holiday(m: re.Match[str], ctx: Context) -> date | None:
    """The next public holiday of the calendar's country; "after" it, the Friday of the week
    work resumes; "before" it, the business day before. Unread without a holiday country."""
    holiday = ctx.business.next_holiday(ctx.base)
    if holiday is None:
        return None
    rel = (m["rel"] or "").lower()
    if rel == "after":
        return friday_of_week(ctx.business.after(holiday, 1))
    if rel == "before":
        day = holiday - timedelta(days=1)
        while not ctx.business.is_business_day(day) and day > ctx.base:
            day -= timedelta(days=1)
        return day
    return holiday


def _month_number(word: str) -> int:
    names = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    return names.index(word[:3].lower()) + 1


@dataclass(frozen=True)
class Period:
    """One named form of the grammar."""

    name: str
    pattern: re.Pattern[str]
    resolver: Resolver
    needs: tuple[str, ...]  # words the pattern cannot match without
    example: str


def period(name: str, pattern: str, resolver: Resolver, needs: str, example: str) -> Period:
    return Period(name, re.compile(pattern, _FLAGS), resolver, tuple(needs.split()), example)


PERIODS: tuple[Period, ...] = (
    period(
        "a week on a weekday, a weekday week",
        rf"\ba\s+week\s+(?:on|from)\s+(?P<wd>{WEEKDAY})\b|\b(?P<wd2>{WEEKDAY})\s+week\b(?!\s*\d)",
        _week_on,
        "week",
        "a week on Friday",
    ),
    period(
        "the end of a quarter",
        r"""\b(?:the\s+)?end\s+of\s+(?:the\s+)?(?:q(?P<q>[1-4])\b
            |(?P<qword>first|second|third|fourth|last|final)\s+quarter\b)
            |\bq(?P<q2>[1-4])[\s-]end\b
            |(?<=\bin\s|\bby\s)q(?P<q3>[1-4])\b(?![\s-]+(?:planning|results|earnings|report
                |review|goals?|okrs?|targets?|roadmap|kick-?off|budget|plan))""",
        _end_of_quarter,
        "q quarter",
        "end of Q1",
    ),
    period(
        "a calendar week by number",
        r"""\b(?:(?:calendar\s+week|cw|kw)\s*(?P<n>\d{1,2})
            |(?<=by\s|in\s)week\s+(?P<n2>\d{1,2}))\b(?!\s*(?:of|in)\b|[/.\-]\d)""",
        _calendar_week,
        "week cw kw",
        "calendar week 7",
    ),
    period(
        "a week of a named month",
        rf"""\b(?:the\s+)?(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+week\s+
            (?:of|in)\s+(?P<mon>{MONTH})""",
        _week_of_month,
        "week",
        "the first week of February",
    ),
    period(
        "a bank holiday",
        r"""\b(?:(?P<rel>before|after)\s+)?(?:the\s+)?(?:next\s+)?(?:bank|public)\s+holiday
            (?:\s+weekend)?\b""",
        _bank_holiday,
        "holiday",
        "after the bank holiday",
    ),
)
