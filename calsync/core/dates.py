"""The date expressions people write ("by Friday", "in 2-3 weeks", "12/05", "22.12.", "KW 7").

The calendar arithmetic and business days live in `calsync.core.reading.calendar` (re-exported
here); the international period words in `calsync.core.reading.periods`.

Date expressions are found by a small set of precompiled regular expressions and resolved
against a base date (the interview's date) by the rules of SPEC "Inferring the follow-up
window": a weekday is the first one after the base; a date without a year is the next one on or
after it; a range means its later end; numeric dates are ISO, or read the only way they can be
(a day over 12: "21/01", "15-03-2027"; a dotted date, "22.12." or "05.12.2026", is day-first), or
follow the configured order.

Hurried and period forms resolve the same way: "EOW"/"EOM" are the ends of the week and month,
"2wks", "5 biz days" and "a fortnight" are durations, a week ("the week of Dec 14", "w/c 12/21",
"next wk") means its Friday, "early next week" its Tuesday; holiday names are their day ("by
Christmas Eve"), the day before ("before Thanksgiving") or the Friday of the week after ("after
New Year"). Numbers that count something else are not dates: a rota ("1 week in 6", "every two
weeks"), a floor ("the 12th floor"), money ("$1.5m"), an amount ("2.5 years"), a clock time
("9.30-10.30").

>>> from datetime import date
>>> [e.resolve(date(2026, 12, 8)) for e in find_date_expressions("by 21/01 or a week on Friday")]
[datetime.date(2027, 1, 21), datetime.date(2026, 12, 18)]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from calsync.core.reading.calendar import (
    BusinessDays,
    Context,
    add_months,
    friday_of_week,
    last_day_of_month,
    next_day_of_month,
    next_month_day,
    next_weekday,
)
from calsync.core.reading.holidays import HOLIDAYS, is_season, thanksgiving
from calsync.core.reading.numeric import NUMERIC, make_date
from calsync.core.reading.periods import PERIODS

__all__ = [
    "DATE_ORDERS",
    "BusinessDays",
    "DateExpression",
    "add_months",
    "find_date_expressions",
    "friday_of_week",
    "last_day_of_month",
    "next_day_of_month",
    "next_month_day",
    "next_weekday",
    "thanksgiving",
]


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
_WEEKDAY = r"""(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday
               |mon|tues?|weds?|thu(?:rs?)?|fri)"""
_NUMBER = r"""(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve
                |a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few|an?)"""
_ORDINAL = r"(?:st|nd|rd|th)"
_WEEK = r"(?:week|wk)"
_NEXT = r"(?:next|nxt)"
# Hurried units: "2wks", "5 biz days", "3 bus. days", "48 hrs".
_UNIT = r"""(?P<unit>(?:business|working|biz|bus\.?)\s+days?|days?|weeks?|wks?|months?|mos?
             |hours?|hrs?|h|fortnights?)"""
# "1 week in 6", "one week out of five", "every two weeks": a rota, not a timetable.
_NOT_A_ROTA = r"""(?!\s+(?:in|out\s+of|of\s+every)\s+(?:\d|one|two|three|four|five|six|seven|eight
                   |nine|ten|every))"""
# "the 12th floor", "the 3rd round": an ordinal that counts things, not a day of the month.
_COUNTED = r"""(?!\s+(?:floor|fl\b|storey|story|level|round|stage|time|place|person|candidate
                |interview|attempt|century|percentile|anniversary|edition|row|seat|gate|hole))"""


def _month(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _number(text: str) -> int:
    words = text.lower().split()
    if words[0].isdigit():
        return int(words[0])
    key = words[1] if words[0] == "a" and len(words) > 1 else words[0]
    return _NUMBER_WORDS[key]


_Context = Context

Resolver = Callable[[re.Match[str], _Context], "date | None"]


def _month_name(m: re.Match[str], ctx: _Context) -> date | None:
    month, day = _month(m["mon"]), int(m["day"])
    if m["y"]:
        return make_date(int(m["y"]), month, day)
    return next_month_day(ctx.base, month, day)


def _day_of_month(m: re.Match[str], ctx: _Context) -> date | None:
    return next_day_of_month(ctx.base, int(m["day"]))


def _weekday(m: re.Match[str], ctx: _Context) -> date:
    return next_weekday(ctx.base, _WEEKDAYS[m["wd"][:3].lower()])


def _weekday_next_week(m: re.Match[str], ctx: _Context) -> date:
    """ "Friday next week": that weekday in the week after the base's week."""
    monday = friday_of_week(ctx.base, 1) - timedelta(days=4)
    return monday + timedelta(days=_WEEKDAYS[m["wd"][:3].lower()])


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
    if unit.startswith("f"):
        return ctx.base + timedelta(days=14 * n)
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
    middle = m["part"].lower().startswith("mid")
    return friday_of_week(ctx.base, 1) - timedelta(days=2 if middle else 3)


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


def _mid_this_month(m: re.Match[str], ctx: _Context) -> date | None:
    """ "by mid-month": the 15th, of this month while it is ahead, else of the next."""
    return next_day_of_month(ctx.base, 15)


def _mid_month(m: re.Match[str], ctx: _Context) -> date | None:
    return next_month_day(ctx.base, _month(m["mon"]), 15)


def _end_of_year(m: re.Match[str], ctx: _Context) -> date:
    return date(ctx.base.year, 12, 31)


def _tomorrow(m: re.Match[str], ctx: _Context) -> date:
    return ctx.base + timedelta(days=1)


def _the_next_unit(m: re.Match[str], ctx: _Context) -> date:
    if m["unit"].lower() == "month":
        return add_months(ctx.base, 1)
    return ctx.base + timedelta(days=14)


_DATE_PATTERNS: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(pattern, _FLAGS), resolver)
    for pattern, resolver in (
        (
            rf"\b(?:{_WEEKDAY_PREFIX})?(?:the\s+)?(?P<mon>{_MONTH})\s*(?:the\s+)?"
            rf"(?P<day>\d{{1,2}}){_ORDINAL}?\b(?!:)(?:(?:,?\s+|-)(?P<y>\d{{4}})\b)?",
            _month_name,
        ),
        (
            # "18 Jan", "18th of January 2027", "18-Jan-2027"
            rf"\b(?:{_WEEKDAY_PREFIX})?(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}?(?:\s+(?:of\s+)?|-)"
            rf"(?P<mon>{_MONTH})(?:(?:,?\s+|-)(?P<y>\d{{4}})\b)?",
            _month_name,
        ),
        (
            # "the 5th", and "on 16th", "by 3rd" without "the" (the word stays outside the date)
            rf"""(?:\b(?:{_WEEKDAY_PREFIX})?the\s+|\b{_WEEKDAY_PREFIX}|(?<=\bon\s)|(?<=\bby\s)|(?<=\bbefore\s)
                |(?<=\buntil\s)|(?<=\btill\s)|(?<=\blatest\s)|(?<=\bdue\s)|(?<=\bor\s)|(?<=\band\s)|(?<=\baround\s)|(?<=\babout\s)|(?<=\bcirca\s))(?P<day>\d{{1,2}}){_ORDINAL}\b{_COUNTED}""",
            _day_of_month,
        ),
        (
            # "EOD Friday", "COB Thu": the day is the deadline.
            rf"""\b(?:(?:eod|cob|end\s+of\s+(?:the\s+)?day)\s+)?(?:(?:this|next|nxt|coming|on)\s+)?
                (?P<wd>{_WEEKDAY})\b""",
            _weekday,
        ),
        (rf"\b(?P<wd>{_WEEKDAY})\s+(?:of\s+)?{_NEXT}\s+{_WEEK}\b", _weekday_next_week),
        (r"\b(?:eod|cob|end\s+of\s+(?:the\s+)?day)\b(?:\s+today\b)?", _today),
        (
            # At most three lead-in words, and "~" right after their spaces: "in in in …" or
            # a long run of spaces is then read once, not again from every word or space.
            rf"""(?<!\bevery\s)(?<!\bevery\sother\s)\b(?:(?:in|within|about|around|roughly|approximately|approx\.|another|
                    the\s+next|next|over\s+the\s+next)\s++){{0,3}}(?:~\s*+)?
                (?P<n>{_NUMBER})(?:\s*(?:-|–|—|to|or)\s*(?P<n2>{_NUMBER}))?(?:(?<=\d)\s*|\s+)
                (?:more\s+)?{_UNIT}\b(?!\s+ago)(?:\s+later\b)?{_NOT_A_ROTA}""",
            _duration,
        ),
        (
            r"""\b(?:(?:in|within)\s+)?(?:a|an|one)\s+(?P<unit>day|week|month)\s+or\s+
                (?P<n2>two|three|2|3)\b(?!\s+ago)""",
            _one_or_two,
        ),
        (
            rf"""\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?{_WEEK}\b|\b(?:later\s+)?this\s+{_WEEK}\b
                |\bwithin\s+the\s+{_WEEK}\b|\beow\b""",
            _end_of_this_week,
        ),
        (
            rf"""\b(?:the\s+)?end\s+of\s+{_NEXT}\s+{_WEEK}\b
                |\b(?:(?:later|late|sometime|some\s+time)[\s-]+)?{_NEXT}\s+{_WEEK}\b
                |\b(?:the\s+)?(?:following\s+{_WEEK}|{_WEEK}\s+after(?:\s+that)?)\b""",
            _next_week,
        ),
        (
            rf"\b(?P<part>early|mid|middle\s+of)[\s-]+(?:the\s+)?{_NEXT}\s+{_WEEK}\b",
            _early_next_week,
        ),
        (rf"\b(?:the\s+)?{_WEEK}\s+after\s+{_NEXT}\b", _week_after_next),
        # "off till the 18th, back to me that week": counts from the date before it
        (rf"\b(?:that|the\s+same)\s+{_WEEK}\b", _end_of_this_week),
        (
            r"\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month\b|\bmonth[\s-]end\b|\beom\b",
            _end_of_this_month,
        ),
        (r"\b(?:the\s+)?end\s+of\s+next\s+month\b", _end_of_next_month),
        (rf"\b(?:the\s+)?end\s+of\s+(?P<mon>{_MONTH})", _end_of_named_month),
        (rf"\b(?:mid|middle\s+of)[\s-]*(?P<mon>{_MONTH})", _mid_month),
        (r"\b(?:mid|middle\s+of\s+(?:the|this))[\s-]*month\b", _mid_this_month),
        (rf"\b(?P<part>early|late)[\s-]+(?P<mon>{_MONTH})", _part_of_month),
        (
            r"\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year\b|\byear[\s-]end\b|\beoy\b",
            _end_of_year,
        ),
        (
            # "the following day", "the day after": counts from the date said before it
            r"\btomorrow\b|\b(?:the\s+)?(?:following|next)\s+day\b|\bthe\s+day\s+after(?:\s+that)?\b",
            _tomorrow,
        ),
        (
            # "over the next fortnight", "within the coming month", "within the fortnight"
            r"""\b(?:(?:(?:in|within|over|during)\s+)?the\s+(?:next|coming)\s+
                |(?:in|within|over|during)\s+the\s+(?=fortnight))(?P<unit>fortnight|month)\b""",
            _the_next_unit,
        ),
    )
)


# Words a pattern cannot match without: a pattern whose words are all absent is not run, which
# keeps the many patterns cheap on the long invite text most notes carry.
_MONTH_WORDS = tuple(_MONTHS)
_WEEK_WORDS = ("week", "wk", "eow")
_NEEDS: dict[Resolver, tuple[str, ...]] = {
    _month_name: _MONTH_WORDS,
    _day_of_month: ("st", "nd", "rd", "th"),
    _weekday: tuple(_WEEKDAYS),
    _weekday_next_week: _WEEK_WORDS,
    _today: ("eod", "cob", "end"),
    _duration: ("day", "week", "wk", "mo", "h", "fortnight"),
    _one_or_two: ("or",),
    _end_of_this_week: _WEEK_WORDS,
    _next_week: _WEEK_WORDS,
    _early_next_week: _WEEK_WORDS,
    _week_after_next: _WEEK_WORDS,
    _end_of_this_month: ("month", "eom"),
    _end_of_next_month: ("month",),
    _end_of_named_month: ("end",),
    _mid_month: ("mid",),
    _mid_this_month: ("mid",),
    _part_of_month: ("early", "late"),
    _end_of_year: ("year", "eoy"),
    _tomorrow: ("tomorrow", "day"),
    _the_next_unit: ("fortnight", "month"),
}
# Every form the grammar reads, with the words it needs: numbers first (on an equal span the
# first form wins), then the word forms above, the international periods and holiday names.
_FORMS: tuple[tuple[re.Pattern[str], Resolver, tuple[str, ...]], ...] = (
    *((p.pattern, p.resolver, p.needs) for p in NUMERIC),
    *((pattern, resolver, _NEEDS[resolver]) for pattern, resolver in _DATE_PATTERNS),
    *((p.pattern, p.resolver, p.needs) for p in (*PERIODS, *HOLIDAYS)),
)
_ABSOLUTE = frozenset({*(p.resolver for p in NUMERIC), _month_name, _day_of_month})
_HOLIDAYS = frozenset(p.resolver for p in (*HOLIDAYS, *PERIODS) if "holiday" in p.name)
# "the week of Dec 14", "w/c 12/21" (week commencing): a period, meaning that week's Friday;
# "the week after Dec 11" the Friday after it. Searched in a short stretch before a date.
_WEEK_PREFIX = re.compile(
    rf"""(?:\bthe\s+)?(?:\bw/c|\bw\.c\.|\bwc|\b{_WEEK}\s+(?P<kind>of|commencing|beginning|starting
        |after)(?:\s+on)?)\s*(?:the\s+)?$""",
    _FLAGS,
)
_RELATIVE = re.compile(
    rf"""(?:the\s+)?(?:following\s+(?:{_WEEK}|day)|(?:{_WEEK}|day)\s+after(?:\s+that)?
        |next\s+day)|(?:that|the\s+same)\s+{_WEEK}|.+\slater""",
    _FLAGS,
)


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
    def specificity(self) -> int:
        """2 for a day ("Jan 6", "Friday", "Christmas Eve"), 1 for a period ("two weeks", "the
        week of Dec 14"), 0 for a holiday season ("after the new year", "the holidays")."""
        if self.resolver in _HOLIDAYS:
            return 0 if is_season(self.match) else 2
        days = (_weekday, _weekday_next_week)
        if self.week_of is None and (self.resolver in _ABSOLUTE or self.resolver in days):
            return 2
        return 1

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
        for pattern, resolver, needs in _FORMS
        if any(word in lowered for word in needs)
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
