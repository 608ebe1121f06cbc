"""Dates written in numbers: ISO, year-first, and the two- and three-part forms ("12/05",
"22.12.", "15-03-2027").

A numeric date that can only be read one way is read that way whatever `date_order` says: a
first part over 12 is the day ("21/01", "15-03-2027"), and a dotted date is the European,
day-first form ("22.12.", "05.12.2026"). Otherwise the configured order decides; a three-part
date in YMD order has the year first, written short. Numbers that are something else are not
dates: a time of day ("at 10.30", "9.30-10.30"), an amount ("2.5 years", "$1.5m", "3.5x"),
money after a currency sign.

>>> from datetime import date
>>> from calsync.core.reading.calendar import BusinessDays, Context
>>> ctx = Context(date(2026, 12, 8), "MDY", BusinessDays())
>>> [(p.example, p.resolver(p.pattern.search(p.example), ctx)) for p in NUMERIC][2:]
[('15-03-2027', datetime.date(2027, 3, 15)), ('22.12.', datetime.date(2026, 12, 22))]
"""

from __future__ import annotations

import re
from datetime import date

from calsync.core.reading.calendar import Context, next_month_day
from calsync.core.reading.periods import Period, period

# "Thu 12/10", "Thursday (12/10)": the numeric date says which Thursday.
_WEEKDAY_BEFORE_NUMBER = (
    r"(?:\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri)(?:day)?|saturday|sunday)"
    r"\b\.?,?\s*\(?\s*(?=\d))?"
)
NOT_NUMBER_AFTER = r"(?!\d|[/.\-]\d)"


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when no calendar has it (02/30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(m: re.Match[str], ctx: Context) -> date | None:
    return make_date(int(m["y"]), int(m["m"]), int(m["d"]))


def _day_first(a: int, b: int, m: re.Match[str], order: str) -> bool:
    """Whether a numeric date is day-first: whatever the order when only that reading exists
    (a day over 12; a dotted date, "22.12." or "05.12.2026", is the European form), else by
    `date_order`."""
    if a > 12 >= b or m.groupdict().get("sep") == "." or m.groupdict().get("dot"):
        return True
    if b > 12 >= a:
        return False
    return order == "DMY"


def _numeric(m: re.Match[str], ctx: Context) -> date | None:
    a, b, year = int(m["a"]), int(m["b"]), m.groupdict().get("y")
    if ctx.order == "YMD" and year is not None:
        # Three parts in YMD order: the first is the year, written short.
        return make_date(_year(m["a"]), b, int(year))
    month, day = (b, a) if _day_first(a, b, m, ctx.order) else (a, b)
    if year is None:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return next_month_day(ctx.base, month, day)
    return make_date(_year(year), month, day)


NUMERIC: tuple[Period, ...] = (
    period(
        "ISO date",
        r"(?<![\d/.\-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + NOT_NUMBER_AFTER,
        _iso,
        "-",
        "2026-12-05",
    ),
    period(
        "year-first date",
        r"(?<![\d/.\-+])(?P<y>\d{4})([/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})" + NOT_NUMBER_AFTER,
        _iso,
        "/ .",
        "2026/12/05",
    ),
    period(
        # a dash only with three parts, so "2-3 weeks" stays a range of weeks
        "three-part numeric date",
        _WEEKDAY_BEFORE_NUMBER
        + r"(?<![\d/.\-+$£€])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)"
        + r"(?P<y>\d{4}|\d{2})"
        + NOT_NUMBER_AFTER,
        _numeric,
        "/ . -",
        "15-03-2027",
    ),
    period(
        "two-part numeric date",
        _WEEKDAY_BEFORE_NUMBER
        + r"(?<![\w/.\-+$£€,])(?<!\bat\s)(?<!\bfrom\s)(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})"
        + r"(?P<dot>(?:(?<=\.\d\d)|(?<=\.\d))\.(?!\d))?"
        + NOT_NUMBER_AFTER
        + r"(?!\s*(?:%|am\b|pm\b|h\b|hrs?\b|uhr\b|k\b|m\b|bn\b|x\b|years?\b|yrs?\b"
        r"|[-–]\s*\d{1,2}[.:]\d\d|days?\b|weeks?\b|wks?\b|months?\b|hours?\b|business"
        r"|working|biz\b|bus\b))",
        _numeric,
        "/ .",
        "22.12.",
    ),
)
