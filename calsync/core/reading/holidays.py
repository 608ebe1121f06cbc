"""Holiday names as dates: "by Christmas Eve" is the day, "before Thanksgiving" the day
before, "after the new year" or "after the Christmas break" the Friday of the week after.

A named day ("Christmas", "New Year's Eve") is as specific as a date; a season ("the holidays",
"the Christmas break", "after the new year") is a period, and a date in the same statement
beats it (`is_season`).

>>> from datetime import date
>>> from calsync.core.reading.calendar import BusinessDays, Context
>>> ctx = Context(date(2026, 12, 8), "MDY", BusinessDays())
>>> [(p.example, p.resolver(p.pattern.search(p.example), ctx)) for p in HOLIDAYS]
[('after the Christmas break', datetime.date(2027, 1, 8))]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from calsync.core.reading.calendar import Context, friday_of_week
from calsync.core.reading.periods import Period, period

_SEASON_WORDS = ("holiday", "break", "shutdown", "closure")


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _holiday_span(name: str, year: int) -> tuple[date, date]:
    """The first and last day a holiday name means, in the season that starts in `year`."""
    name = name.lower()
    if any(word in name for word in _SEASON_WORDS):
        return date(year, 12, 24), date(year + 1, 1, 1)  # "the holidays", "Christmas break"
    if "thanksgiving" in name:
        day = thanksgiving(year)
        return day, day
    if "eve" in name or name == "nye":
        day = date(year, 12, 24) if "christmas" in name or "xmas" in name else date(year, 12, 31)
        return day, day
    if "new" in name:
        return date(year + 1, 1, 1), date(year + 1, 1, 1)
    return date(year, 12, 25), date(year, 12, 25)  # Christmas, Xmas


def _holiday(m: re.Match[str], ctx: Context) -> date:
    """ "by Christmas Eve" is the day; "before" it the day before; "after" it the week after."""
    rel = (m["rel"] or "").lower()
    year = ctx.base.year - 1
    first, last = _holiday_span(m["hol"], year)
    if rel == "after":
        while last < ctx.base - timedelta(days=14):
            year += 1
            first, last = _holiday_span(m["hol"], year)
        return friday_of_week(last, 1)
    while first < ctx.base:
        year += 1
        first, last = _holiday_span(m["hol"], year)
    return first - timedelta(days=1) if rel == "before" else first


def is_season(m: re.Match[str]) -> bool:
    """A holiday phrase that names a stretch of days, or counts from one ("after Christmas")."""
    named = (m.groupdict().get("hol") or "holiday").lower()
    season = any(word in named for word in _SEASON_WORDS)
    return season or named.startswith("new") and "eve" not in named or bool(m["rel"])


HOLIDAYS: tuple[Period, ...] = (
    period(
        "a holiday or the holiday season",
        r"""\b(?:(?P<rel>before|after)\s+)?(?:the\s+)?
            (?P<hol>(?:christmas|xmas|new\s+year'?s?|winter|festive|year[\s-]end)
                \s+(?:break|shutdown|closure)
            |(?<=the\s)(?:winter\s+|christmas\s+|festive\s+)?holidays|holiday\s+break
            |christmas\s+eve|xmas\s+eve|new\s+year'?s?\s+eve|nye
            |christmas(?:\s+day)?|xmas|new\s+year'?s?(?:\s+day)?|thanksgiving(?:\s+day)?
            )\b""",
        _holiday,
        "christmas xmas year nye thanksgiving holiday winter festive",
        "after the Christmas break",
    ),
)
