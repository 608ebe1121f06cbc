"""The calendar under the notes: business days, weeks, months — the arithmetic every date
phrase resolves with.

Business days are Monday to Friday, minus the public holidays of one country when the user's
config names one. Holidays come from the `holidays` package, which computes each year on demand,
so this stays pure: nothing is read from disk or the network.

>>> us = BusinessDays("US")
>>> us.after(date(2026, 12, 24), 1)  # Christmas Day 2026 is a Friday
datetime.date(2026, 12, 28)
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
        import holidays  # only a configured country loads the package (it is slow to import)

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

    def next_holiday(self, d: date, within_days: int = 366) -> date | None:
        """The first public holiday on a weekday on or after `d`; None without a country."""
        if self._holidays is None:
            return None
        for offset in range(within_days):
            day = d + timedelta(days=offset)
            if day.weekday() < 5 and day in self._holidays:
                return day
        return None

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


@dataclass(frozen=True)
class Context:
    """What a date phrase is resolved against: the base date, the numeric order, the business
    days of the calendar's country."""

    base: date
    order: str
    business: BusinessDays
