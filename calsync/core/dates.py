"""Business days, and the date expressions people write ("by Friday", "in 2-3 weeks", "12/05").

Business days are Monday to Friday, minus the public holidays of one country when the user's
config names one. Holidays come from the `holidays` package, which computes each year on demand,
so this stays pure: nothing is read from disk or the network.

Date expressions are found by a small set of precompiled regular expressions and resolved
against a base date (the interview's date) by the rules of SPEC "Inferring the follow-up
window": a weekday is the first one after the base; a date without a year is the next one on or
after it; a range means its later end; numeric dates are ISO or follow the configured order.

Hurried and period forms resolve the same way: "EOW"/"EOM" are the ends of the week and month,
"2wks" and "5 biz days" are durations, a week ("the week of Dec 14", "w/c 12/21", "next wk")
means its Friday, "early next week" its Tuesday; holiday names are their day ("by Christmas
Eve"), the day before ("before Thanksgiving") or the Friday of the week after ("after New Year").

>>> from datetime import date
>>> us = BusinessDays("US")
>>> us.after(date(2026, 12, 24), 1)  # Christmas Day 2026 is a Friday
datetime.date(2026, 12, 28)
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import holidays


class BusinessDays:
    """Which days a recruiter can be called on: weekdays that are not public holidays.

    `country` is a code the `holidays` package knows ("US", "GB", "DE" …), optionally with a
    subdivision ("US-CA", "DE-BY"); None means Monday to Friday with no holidays.
    """

    def __init__(self, country: str | None = None) -> None:
        self.country = country
        self._holidays: holidays.HolidayBase | None = None
        if country is None:
            return
        code, _, subdiv = country.strip().upper().partition("-")
        try:
            self._holidays = holidays.country_holidays(code, subdiv=subdiv or None)
        except NotImplementedError as exc:
            raise ValueError(
                f"unknown holiday country {country!r}: use a country code such as "
                f"'US', 'GB' or 'DE' (optionally with a region, like 'US-CA')"
            ) from exc

    def __repr__(self) -> str:
        return f"BusinessDays({self.country!r})"

    def is_holiday(self, d: date) -> bool:
        return self._holidays is not None and d in self._holidays

    def is_business_day(self, d: date) -> bool:
        return d.weekday() < 5 and not self.is_holiday(d)

    def roll_forward(self, d: date) -> date:
        """`d` itself when it is a business day, else the next one."""
        while not self.is_business_day(d):
            d += timedelta(days=1)
        return d

    def after(self, d: date, n: int) -> date:
        """The n-th business day strictly after `d` (n >= 1)."""
        if n < 1:
            raise ValueError(f"after() counts business days from 1, got {n}")
        for _ in range(n):
            d = self.roll_forward(d + timedelta(days=1))
        return d


def friday_of_week(d: date, weeks_ahead: int = 0) -> date:
    """The Friday of the Monday-to-Sunday week holding `d`, or of a week after it."""
    return d - timedelta(days=d.weekday()) + timedelta(days=4 + 7 * weeks_ahead)


def next_weekday(base: date, weekday: int) -> date:
    """The first day strictly after `base` that falls on `weekday` (Monday = 0)."""
    return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month (Jan 31 + 1 → Feb 28)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def next_month_day(base: date, month: int, day: int) -> date | None:
    """The first `month`/`day` on or after `base`; None when no year has it (Feb 30)."""
    # Eight years always reach a leap year, so Feb 29 resolves too.
    for year in range(base.year, base.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= base:
            return candidate
    return None


def next_day_of_month(base: date, day: int) -> date | None:
    """The first date on or after `base` whose day of the month is `day` ("the 5th")."""
    if not 1 <= day <= 31:
        return None
    year, month = base.year, base.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= base:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


# ---------------------------------------------------------------------------------------------
# Date expressions in free text: "Dec 5", "Friday", "within two weeks", "end of the month", "12/05"

DATE_ORDERS = ("MDY", "DMY", "YMD")
_FLAGS = re.IGNORECASE | re.VERBOSE

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "couple": 2, "few": 3,
}  # fmt: skip

_MONTH = r"""(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
               |sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:\.(?=\s*\d))?"""
# A weekday written in front of a date ("Friday, Dec 5", "Fri the 5th") adds nothing.
_WEEKDAY_PREFIX = r"""(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri)(?:day)?|saturday|sunday)
                      \b\.?,?\s+"""
# "Thu 12/10", "Thursday (12/10)": the numeric date says which Thursday.
_WEEKDAY_BEFORE_NUMBER = (
    r"(?:\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri)(?:day)?|saturday|sunday)"
    r"\b\.?,?\s*\(?\s*(?=\d))?"
)
_WEEKDAY = r"""(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday
               |mon|tues?|weds?|thu(?:rs?)?|fri)"""
_NUMBER = r"""(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve
                |a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few|an?)"""
_ORDINAL = r"(?:st|nd|rd|th)"
_WEEK = r"(?:week|wk)"
_NEXT = r"(?:next|nxt)"
# Hurried units: "2wks", "5 biz days", "3 bus. days", "48 hrs".
_UNIT = r"""(?P<unit>(?:business|working|biz|bus\.?)\s+days?|days?|weeks?|wks?|months?|mos?
             |hours?|hrs?)"""
_NOT_NUMBER_AFTER = r"(?!\d|[/.\-]\d)"


def _month(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _number(text: str) -> int:
    words = text.lower().split()
    if words[0].isdigit():
        return int(words[0])
    key = words[1] if words[0] == "a" and len(words) > 1 else words[0]
    return _NUMBER_WORDS[key]


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Context:
    base: date
    order: str
    business: BusinessDays


Resolver = Callable[[re.Match[str], _Context], "date | None"]


def _iso(m: re.Match[str], ctx: _Context) -> date | None:
    return _make_date(int(m["y"]), int(m["m"]), int(m["d"]))


def _numeric(m: re.Match[str], ctx: _Context) -> date | None:
    a, b, year = int(m["a"]), int(m["b"]), m.groupdict().get("y")
    if ctx.order == "YMD" and year is not None:
        # Three parts in YMD order: the first is the year, written short.
        return _make_date(_year(m["a"]), b, int(year))
    month, day = (b, a) if ctx.order == "DMY" else (a, b)
    if year is None:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return next_month_day(ctx.base, month, day)
    return _make_date(_year(year), month, day)


def _long_ymd(m: re.Match[str], ctx: _Context) -> date | None:
    return _make_date(int(m["y"]), int(m["m"]), int(m["d"]))


def _month_name(m: re.Match[str], ctx: _Context) -> date | None:
    month, day = _month(m["mon"]), int(m["day"])
    if m["y"]:
        return _make_date(int(m["y"]), month, day)
    return next_month_day(ctx.base, month, day)


def _day_of_month(m: re.Match[str], ctx: _Context) -> date | None:
    return next_day_of_month(ctx.base, int(m["day"]))


def _weekday(m: re.Match[str], ctx: _Context) -> date:
    return next_weekday(ctx.base, _WEEKDAYS[m["wd"][:3].lower()])


def _duration(m: re.Match[str], ctx: _Context) -> date:
    # A range ("two to three weeks") means its later end.
    n = max(_number(m["n"]), _number(m["n2"])) if m["n2"] else _number(m["n"])
    unit = m["unit"].lower()
    if unit.startswith(("business", "working", "biz", "bus")):
        return ctx.business.after(ctx.base, n)
    if unit.startswith("mo"):
        return add_months(ctx.base, n)
    if unit.startswith("h"):
        return ctx.base + timedelta(days=-(-n // 24))
    return ctx.base + timedelta(days=n * (7 if unit.startswith("w") else 1))


def _one_or_two(m: re.Match[str], ctx: _Context) -> date:
    n = _number(m["n2"])
    unit = m["unit"].lower()
    if unit == "month":
        return add_months(ctx.base, n)
    return ctx.base + timedelta(days=n * (7 if unit == "week" else 1))


def _end_of_this_week(m: re.Match[str], ctx: _Context) -> date:
    return friday_of_week(ctx.base)


def _next_week(m: re.Match[str], ctx: _Context) -> date:
    return friday_of_week(ctx.base, 1)


def _early_next_week(m: re.Match[str], ctx: _Context) -> date:
    # A period means its later end: early = by Tuesday, the middle = Wednesday.
    return friday_of_week(ctx.base, 1) - timedelta(days=2 if m["part"].lower() == "mid" else 3)


def _week_after_next(m: re.Match[str], ctx: _Context) -> date:
    return friday_of_week(ctx.base, 2)


def _part_of_month(m: re.Match[str], ctx: _Context) -> date | None:
    month = _month(m["mon"])
    if m["part"].lower() == "early":
        return next_month_day(ctx.base, month, 10)
    return _end_of_named_month(m, ctx)


def _today(m: re.Match[str], ctx: _Context) -> date:
    return ctx.base


def _end_of_this_month(m: re.Match[str], ctx: _Context) -> date:
    return last_day_of_month(ctx.base.year, ctx.base.month)


def _end_of_next_month(m: re.Match[str], ctx: _Context) -> date:
    first_of_next = add_months(ctx.base.replace(day=1), 1)
    return last_day_of_month(first_of_next.year, first_of_next.month)


def _end_of_named_month(m: re.Match[str], ctx: _Context) -> date:
    month = _month(m["mon"])
    year = ctx.base.year if month >= ctx.base.month else ctx.base.year + 1
    return last_day_of_month(year, month)


def _mid_month(m: re.Match[str], ctx: _Context) -> date | None:
    return next_month_day(ctx.base, _month(m["mon"]), 15)


def _end_of_year(m: re.Match[str], ctx: _Context) -> date:
    return date(ctx.base.year, 12, 31)


def _tomorrow(m: re.Match[str], ctx: _Context) -> date:
    return ctx.base + timedelta(days=1)


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _holiday_span(name: str, year: int) -> tuple[date, date]:
    """The first and last day a holiday name means, in the season that starts in `year`."""
    name = name.lower()
    if "thanksgiving" in name:
        day = thanksgiving(year)
        return day, day
    if "eve" in name or name == "nye":
        day = date(year, 12, 24) if "christmas" in name or "xmas" in name else date(year, 12, 31)
        return day, day
    if "new" in name:
        return date(year + 1, 1, 1), date(year + 1, 1, 1)
    if "christmas" in name or "xmas" in name:
        return date(year, 12, 25), date(year, 12, 25)
    return date(year, 12, 24), date(year + 1, 1, 1)  # "the holidays", "holiday break"


def _holiday(m: re.Match[str], ctx: _Context) -> date:
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


_DATE_PATTERNS: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(pattern, _FLAGS), resolver)
    for pattern, resolver in (
        (r"(?<![\d/.\-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _NOT_NUMBER_AFTER, _iso),
        (
            r"(?<![\d/.\-+])(?P<y>\d{4})([/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})" + _NOT_NUMBER_AFTER,
            _long_ymd,
        ),
        (
            # 12/05/2026, 05.12.26, 12-05-2026: a dash only with three parts, so "2-3 weeks"
            # stays a range of weeks.
            _WEEKDAY_BEFORE_NUMBER
            + r"(?<![\d/.\-+])(?P<a>\d{1,2})([/.\-])(?P<b>\d{1,2})\2(?P<y>\d{4}|\d{2})"
            + _NOT_NUMBER_AFTER,
            _numeric,
        ),
        (
            # "at 10.30" is a time of day.
            _WEEKDAY_BEFORE_NUMBER
            + r"(?<![\d/.\-+])(?<!\bat\s)(?P<a>\d{1,2})[/.](?P<b>\d{1,2})"
            + _NOT_NUMBER_AFTER
            + r"(?!\s*(?:%|am\b|pm\b|h\b|days?\b|weeks?\b|wks?\b|months?\b|hours?\b|hrs?\b|business"
            r"|working|biz\b|bus\b))",
            _numeric,
        ),
        (
            rf"\b(?:{_WEEKDAY_PREFIX})?(?:the\s+)?(?P<mon>{_MONTH})\s*(?:the\s+)?"
            rf"(?P<day>\d{{1,2}}){_ORDINAL}?\b(?!:)(?:,?\s+(?P<y>\d{{4}})\b)?",
            _month_name,
        ),
        (
            rf"\b(?:{_WEEKDAY_PREFIX})?(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}?\s+(?:of\s+)?"
            rf"(?P<mon>{_MONTH})(?:,?\s+(?P<y>\d{{4}})\b)?",
            _month_name,
        ),
        (rf"\b(?:{_WEEKDAY_PREFIX})?the\s+(?P<day>\d{{1,2}}){_ORDINAL}\b", _day_of_month),
        (
            # "EOD Friday", "COB Thu": the day is the deadline.
            rf"""\b(?:(?:eod|cob|end\s+of\s+(?:the\s+)?day)\s+)?(?:(?:this|next|nxt|coming|on)\s+)?
                (?P<wd>{_WEEKDAY})\b""",
            _weekday,
        ),
        (r"\b(?:eod|cob|end\s+of\s+(?:the\s+)?day)\b(?:\s+today\b)?", _today),
        (
            # At most three lead-in words, and "~" right after their spaces: "in in in …" or
            # a long run of spaces is then read once, not again from every word or space.
            rf"""\b(?:(?:in|within|about|around|roughly|approximately|approx\.|another|
                    the\s+next|next|over\s+the\s+next)\s++){{0,3}}(?:~\s*+)?
                (?P<n>{_NUMBER})(?:\s*(?:-|–|—|to|or)\s*(?P<n2>{_NUMBER}))?(?:(?<=\d)\s*|\s+)
                (?:more\s+)?{_UNIT}\b(?!\s+ago)""",
            _duration,
        ),
        (
            r"""\b(?:(?:in|within)\s+)?(?:a|an|one)\s+(?P<unit>day|week|month)\s+or\s+
                (?P<n2>two|three|2|3)\b(?!\s+ago)""",
            _one_or_two,
        ),
        (
            rf"""\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?{_WEEK}\b|\b(?:later\s+)?this\s+{_WEEK}\b
                |\beow\b""",
            _end_of_this_week,
        ),
        (
            rf"""\b(?:the\s+)?end\s+of\s+{_NEXT}\s+{_WEEK}\b
                |\b(?:(?:later|late|sometime|some\s+time)[\s-]+)?{_NEXT}\s+{_WEEK}\b
                |\b(?:the\s+)?(?:following\s+{_WEEK}|{_WEEK}\s+after(?:\s+that)?)\b""",
            _next_week,
        ),
        (rf"\b(?P<part>early|mid)[\s-]+{_NEXT}\s+{_WEEK}\b", _early_next_week),
        (rf"\b(?:the\s+)?{_WEEK}\s+after\s+{_NEXT}\b", _week_after_next),
        (
            r"\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month\b|\bmonth[\s-]end\b|\beom\b",
            _end_of_this_month,
        ),
        (r"\b(?:the\s+)?end\s+of\s+next\s+month\b", _end_of_next_month),
        (rf"\b(?:the\s+)?end\s+of\s+(?P<mon>{_MONTH})", _end_of_named_month),
        (rf"\b(?:mid|middle\s+of)[\s-]*(?P<mon>{_MONTH})", _mid_month),
        (rf"\b(?P<part>early|late)[\s-]+(?P<mon>{_MONTH})", _part_of_month),
        (
            r"\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year\b|\byear[\s-]end\b|\beoy\b",
            _end_of_year,
        ),
        (
            r"""\b(?:(?P<rel>before|after)\s+)?(?:the\s+)?
                (?P<hol>christmas\s+eve|xmas\s+eve|new\s+year'?s?\s+eve|nye
                |christmas(?:\s+day)?|xmas|new\s+year'?s?(?:\s+day)?|thanksgiving(?:\s+day)?
                |(?<=the\s)(?:winter\s+|christmas\s+|festive\s+)?holidays|holiday\s+break)\b""",
            _holiday,
        ),
        (r"\btomorrow\b", _tomorrow),
    )
)


# Words a pattern cannot match without: a pattern whose words are all absent is not run, which
# keeps the many patterns cheap on the long invite text most notes carry.
_MONTH_WORDS = tuple(_MONTHS)
_WEEK_WORDS = ("week", "wk", "eow")
_NEEDS: dict[Resolver, tuple[str, ...]] = {
    _month_name: _MONTH_WORDS,
    _day_of_month: ("the",),
    _weekday: tuple(_WEEKDAYS),
    _today: ("eod", "cob", "end"),
    _duration: ("day", "week", "wk", "mo", "hour", "hr"),
    _one_or_two: ("or",),
    _end_of_this_week: _WEEK_WORDS,
    _next_week: _WEEK_WORDS,
    _early_next_week: _WEEK_WORDS,
    _week_after_next: _WEEK_WORDS,
    _end_of_this_month: ("month", "eom"),
    _end_of_next_month: ("month",),
    _end_of_named_month: ("end",),
    _mid_month: ("mid",),
    _part_of_month: ("early", "late"),
    _end_of_year: ("year", "eoy"),
    _holiday: ("christmas", "xmas", "year", "nye", "thanksgiving", "holiday"),
    _tomorrow: ("tomorrow",),
}
_ABSOLUTE = frozenset({_iso, _long_ymd, _numeric, _month_name, _day_of_month})
# "the week of Dec 14", "w/c 12/21" (week commencing): a period, meaning that week's Friday;
# "the week after Dec 11" the Friday after it. Searched in a short stretch before a date.
_WEEK_PREFIX = re.compile(
    rf"""(?:\bthe\s+)?(?:\bw/c|\bw\.c\.|\bwc|\b{_WEEK}\s+(?P<kind>of|commencing|beginning|starting
        |after)(?:\s+on)?)\s*(?:the\s+)?$""",
    _FLAGS,
)
_RELATIVE = re.compile(rf"(?:the\s+)?(?:following\s+{_WEEK}|{_WEEK}\s+after(?:\s+that)?)", _FLAGS)


@dataclass(frozen=True)
class DateExpression:
    """One date expression found in a text, resolved later against a base date."""

    start: int
    end: int
    match: re.Match[str] = field(repr=False)
    resolver: Resolver = field(repr=False)
    # Fridays after the week of the date: 0 for "the week of Dec 14", 1 for "the week after".
    week_of: int | None = None

    @property
    def text(self) -> str:
        return self.match.string[self.start : self.end]

    @property
    def relative(self) -> bool:
        """ "the following week": counts from the date said before it, where there is one."""
        return _RELATIVE.fullmatch(self.text) is not None

    def resolve(
        self, base: date, *, date_order: str = "MDY", business: BusinessDays | None = None
    ) -> date | None:
        """The date meant, counting from `base`; None when no calendar has it (02/30)."""
        day = self.resolver(self.match, _Context(base, date_order, business or BusinessDays()))
        if day is None or self.week_of is None:
            return day
        return friday_of_week(day, self.week_of)


def _with_week_prefix(text: str, expr: DateExpression) -> DateExpression | None:
    if expr.resolver not in _ABSOLUTE:
        return None
    m = _WEEK_PREFIX.search(text, max(0, expr.start - 30), expr.start)
    if m is None:
        return None
    weeks = 1 if (m["kind"] or "").lower() == "after" else 0
    return replace(expr, start=m.start(), week_of=weeks)


def find_date_expressions(text: str) -> list[DateExpression]:
    """Every date expression in `text`, the longest winning where two overlap, in text order.

    >>> [e.text for e in find_date_expressions("Decision by Fri, Dec 11 or within 2-3 weeks")]
    ['Fri, Dec 11', 'within 2-3 weeks']
    """
    lowered = text.lower()
    found = [
        DateExpression(m.start(), m.end(), m, resolver)
        for pattern, resolver in _DATE_PATTERNS
        if any(word in lowered for word in _NEEDS.get(resolver, ("",)))
        for m in pattern.finditer(text)
    ]
    found += [w for w in (_with_week_prefix(text, e) for e in found) if w is not None]
    found.sort(key=lambda e: (e.start - e.end, e.start))
    # Longest first; a sorted list of the chosen spans keeps each overlap test to two neighbours.
    starts: list[int] = []
    chosen: list[DateExpression] = []
    for expr in found:
        i = bisect_left(starts, expr.start)
        if i > 0 and chosen[i - 1].end > expr.start:
            continue
        if i < len(chosen) and chosen[i].start < expr.end:
            continue
        starts.insert(i, expr.start)
        chosen.insert(i, expr)
    return chosen
