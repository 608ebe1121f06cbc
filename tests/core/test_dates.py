"""Business days with and without a country's holidays, and the calendar arithmetic under them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calsync.core.dates import (
    BusinessDays,
    add_months,
    find_date_expressions,
    friday_of_week,
    last_day_of_month,
    next_day_of_month,
    next_month_day,
    next_weekday,
    thanksgiving,
)
from calsync.core.reading.holidays import HOLIDAYS
from calsync.core.reading.numeric import NUMERIC
from calsync.core.reading.periods import PERIODS, Period

# December 2026: Fri 4, Sat 5, Sun 6, Mon 7 … Thu 24, Fri 25 (Christmas), Mon 28.
FRI_DEC_4 = date(2026, 12, 4)
SAT_DEC_5 = date(2026, 12, 5)
SUN_DEC_6 = date(2026, 12, 6)
MON_DEC_7 = date(2026, 12, 7)
CHRISTMAS = date(2026, 12, 25)


def test_without_a_country_business_days_are_monday_to_friday() -> None:
    plain = BusinessDays()
    assert plain.is_business_day(FRI_DEC_4)
    assert not plain.is_business_day(SAT_DEC_5)
    assert not plain.is_business_day(SUN_DEC_6)
    assert plain.is_business_day(CHRISTMAS)


def test_a_country_takes_its_public_holidays_out() -> None:
    us = BusinessDays("US")
    assert not us.is_business_day(CHRISTMAS)
    assert not us.is_business_day(date(2026, 11, 26))  # Thanksgiving
    assert us.is_business_day(date(2026, 11, 27))  # not a federal holiday
    assert not us.is_business_day(date(2026, 7, 3))  # July 4th observed on the Friday
    assert not BusinessDays("GB").is_business_day(date(2026, 12, 28))  # Boxing Day observed
    assert not BusinessDays("DE").is_business_day(date(2026, 4, 6))  # Easter Monday
    assert us.is_business_day(date(2026, 4, 6))


def test_a_region_adds_its_own_holidays() -> None:
    assert not BusinessDays("US-CA").is_business_day(date(2026, 11, 27))  # day after Thanksgiving


def test_country_codes_are_case_insensitive() -> None:
    assert not BusinessDays("us").is_business_day(CHRISTMAS)


def test_an_unknown_country_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match=r"unknown holiday country 'XX'.*'US', 'GB'"):
        BusinessDays("XX")


def test_roll_forward_keeps_a_business_day_and_moves_a_weekend_to_monday() -> None:
    plain = BusinessDays()
    assert plain.roll_forward(FRI_DEC_4) == FRI_DEC_4
    assert plain.roll_forward(SAT_DEC_5) == MON_DEC_7
    assert plain.roll_forward(SUN_DEC_6) == MON_DEC_7


def test_roll_forward_steps_over_holidays_and_the_weekend_after_them() -> None:
    assert BusinessDays("US").roll_forward(CHRISTMAS) == date(2026, 12, 28)
    assert BusinessDays("GB").roll_forward(CHRISTMAS) == date(2026, 12, 29)
    assert BusinessDays().roll_forward(CHRISTMAS) == CHRISTMAS


def test_after_counts_business_days_strictly_after_the_date() -> None:
    plain = BusinessDays()
    assert plain.after(FRI_DEC_4, 1) == MON_DEC_7
    assert plain.after(FRI_DEC_4, 2) == date(2026, 12, 8)
    assert plain.after(SAT_DEC_5, 1) == MON_DEC_7
    assert plain.after(MON_DEC_7, 5) == date(2026, 12, 14)


def test_after_skips_holidays() -> None:
    # Decision by Thu Dec 24, 2026: Christmas Friday, then the weekend.
    us = BusinessDays("US")
    assert us.after(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert us.after(date(2026, 12, 24), 2) == date(2026, 12, 29)
    # Dec 31 → New Year's Day is a Friday holiday → Monday Jan 4, 2027.
    assert us.after(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert BusinessDays().after(date(2026, 12, 31), 1) == date(2027, 1, 1)


def test_after_needs_at_least_one_day() -> None:
    with pytest.raises(ValueError):
        BusinessDays().after(FRI_DEC_4, 0)


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    n=st.integers(min_value=1, max_value=30),
    country=st.sampled_from([None, "US", "GB", "DE"]),
)
def test_after_lands_on_the_nth_business_day(start: date, n: int, country: str | None) -> None:
    business = BusinessDays(country)
    end = business.after(start, n)
    assert end > start
    assert business.is_business_day(end)
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(business.is_business_day(d) for d in days) == n


def test_friday_of_week() -> None:
    assert friday_of_week(date(2026, 12, 1)) == FRI_DEC_4
    assert friday_of_week(SUN_DEC_6) == FRI_DEC_4  # weeks run Monday to Sunday
    assert friday_of_week(date(2026, 12, 1), 1) == date(2026, 12, 11)


def test_next_weekday_is_strictly_after() -> None:
    assert next_weekday(FRI_DEC_4, 4) == date(2026, 12, 11)
    assert next_weekday(FRI_DEC_4, 0) == MON_DEC_7


def test_month_arithmetic() -> None:
    assert last_day_of_month(2027, 2) == date(2027, 2, 28)
    assert last_day_of_month(2028, 2) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)


def test_a_date_without_a_year_is_the_next_one_on_or_after_the_base() -> None:
    base = date(2026, 12, 10)
    assert next_month_day(base, 12, 10) == base
    assert next_month_day(base, 1, 5) == date(2027, 1, 5)
    assert next_month_day(base, 2, 29) == date(2028, 2, 29)
    assert next_month_day(base, 2, 30) is None
    assert next_day_of_month(base, 3) == date(2027, 1, 3)
    assert next_day_of_month(date(2027, 2, 1), 31) == date(2027, 3, 31)
    assert next_day_of_month(base, 32) is None


TUE_DEC_1 = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("Friday", date(2026, 12, 4)),
        ("next Tuesday", date(2026, 12, 8)),  # the first Tuesday after the base
        ("Dec 5", date(2026, 12, 5)),
        ("December 5th, 2027", date(2027, 12, 5)),
        ("5 Dec", date(2026, 12, 5)),
        ("Nov 30", date(2027, 11, 30)),  # already past: next year
        ("the 3rd", date(2026, 12, 3)),
        ("the 1st", date(2026, 12, 1)),  # on or after the base
        ("Friday the 11th", date(2026, 12, 11)),
        ("2026-12-09", date(2026, 12, 9)),
        ("12/09", date(2026, 12, 9)),
        ("1/8/27", date(2027, 1, 8)),
        ("in 10 days", date(2026, 12, 11)),
        ("within two weeks", date(2026, 12, 15)),
        ("a couple of weeks", date(2026, 12, 15)),
        ("a few days", date(2026, 12, 4)),
        ("2-3 weeks", date(2026, 12, 22)),
        ("two to three weeks", date(2026, 12, 22)),
        ("a week or two", date(2026, 12, 15)),
        ("3 business days", date(2026, 12, 4)),
        ("in a month", date(2027, 1, 1)),
        ("end of the week", date(2026, 12, 4)),
        ("next week", date(2026, 12, 11)),
        ("end of next week", date(2026, 12, 11)),
        ("end of the month", date(2026, 12, 31)),
        ("end of January", date(2027, 1, 31)),
        ("mid-January", date(2027, 1, 15)),
        ("tomorrow", date(2026, 12, 2)),
        # hurried abbreviations and units
        ("EOW", date(2026, 12, 4)),
        ("EOM", date(2026, 12, 31)),
        ("next wk", date(2026, 12, 11)),
        ("nxt wk", date(2026, 12, 11)),
        ("2wks", date(2026, 12, 15)),
        ("in 1-2 wks", date(2026, 12, 15)),
        ("5 biz days", date(2026, 12, 8)),
        ("3 bus. days", date(2026, 12, 4)),
        ("48 hrs", date(2026, 12, 3)),
        ("EOD Friday", date(2026, 12, 4)),
        ("COB thurs", date(2026, 12, 3)),
        ("weds", date(2026, 12, 2)),
        # periods: a week means its Friday, early/mid its Tuesday/Wednesday
        ("w/c 12/21", date(2026, 12, 25)),
        ("week commencing 14 Dec", date(2026, 12, 18)),
        ("the week of Dec 14", date(2026, 12, 18)),
        ("the week after Dec 11", date(2026, 12, 18)),
        ("the following week", date(2026, 12, 11)),
        ("the week after next", date(2026, 12, 18)),
        ("early next week", date(2026, 12, 8)),
        ("mid-next week", date(2026, 12, 9)),
        ("later this week", date(2026, 12, 4)),
        ("early January", date(2027, 1, 10)),
        ("late January", date(2027, 1, 31)),
        # holidays: "by" the day, "before" the day before, "after" the next week's Friday
        ("Christmas Eve", date(2026, 12, 24)),
        ("Christmas", date(2026, 12, 25)),
        ("New Year's Eve", date(2026, 12, 31)),
        ("before the holidays", date(2026, 12, 23)),
        ("after New Year", date(2027, 1, 8)),
        ("after the holidays", date(2027, 1, 8)),
        ("before Thanksgiving", date(2027, 11, 24)),  # this year's is past
    ],
)
def test_date_expressions_resolve_against_the_base(text: str, meant: date) -> None:
    [expr] = find_date_expressions(f"decision: {text}.")
    assert expr.text == text
    assert expr.resolve(TUE_DEC_1) == meant


def test_numeric_dates_follow_the_date_order_unless_dotted() -> None:
    [expr] = find_date_expressions("05/12/2026")
    assert expr.resolve(TUE_DEC_1, date_order="DMY") == date(2026, 12, 5)
    assert expr.resolve(TUE_DEC_1, date_order="MDY") == date(2026, 5, 12)
    # a dotted date is the European, day-first form whatever the order (SPEC, issue 16)
    [dotted] = find_date_expressions("05.12.2026")
    assert dotted.resolve(TUE_DEC_1, date_order="MDY") == date(2026, 12, 5)
    [short] = find_date_expressions("26/12/09")
    assert short.resolve(TUE_DEC_1, date_order="YMD") == date(2026, 12, 9)


def test_numbers_that_are_not_dates_are_not_found() -> None:
    noise = "Meeting ID: 812 3456 7890, Passcode 123456, +1 646-558-8656, 10:30, 1.5 weeks ago"
    assert [e.text for e in find_date_expressions(noise)] == []


def test_thanksgiving_is_the_fourth_thursday_of_november() -> None:
    assert thanksgiving(2026) == date(2026, 11, 26)
    assert thanksgiving(2027) == date(2027, 11, 25)
    assert thanksgiving(2029) == date(2029, 11, 22)  # Nov 1 is a Thursday


def test_after_thanksgiving_means_the_week_after_it() -> None:
    [expr] = find_date_expressions("after Thanksgiving")
    assert expr.resolve(date(2026, 11, 18)) == date(2026, 12, 4)


def test_a_week_prefix_only_joins_a_calendar_date() -> None:
    # "the week of" before a duration is not a week-commencing date
    assert [e.text for e in find_date_expressions("the week of 2 weeks")] == ["2 weeks"]


# The grammar's tables (issue 16): each entry reads its own example, and numbers that count
# something else are no dates.


@pytest.mark.parametrize("entry", [*NUMERIC, *PERIODS, *HOLIDAYS], ids=lambda e: e.name)
def test_every_table_entry_reads_its_own_example(entry: Period) -> None:
    [expr] = find_date_expressions(entry.example)
    assert expr.text == entry.example
    assert expr.resolve(date(2026, 12, 8), business=BusinessDays("GB")) is not None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("22.12.2026", date(2026, 12, 22)),
        ("22.12.", date(2026, 12, 22)),
        ("15-03-2027", date(2027, 3, 15)),
        ("21/01", date(2027, 1, 21)),
        ("within a fortnight", date(2026, 12, 22)),
        ("a week on Friday", date(2026, 12, 18)),
        ("Friday week", date(2026, 12, 18)),
        ("w/c 4th Jan", date(2027, 1, 8)),
        ("end of Q1", date(2027, 3, 31)),
        ("KW 7", date(2027, 2, 19)),
        ("calendar week 51", date(2026, 12, 18)),
        ("the first week of February", date(2027, 2, 5)),
        ("the last week of January", date(2027, 1, 29)),
        ("Thursday 17th", date(2026, 12, 17)),
        ("over the next fortnight", date(2026, 12, 22)),
    ],
)
def test_international_forms_resolve_under_mdy(text: str, meant: date) -> None:
    [expr] = find_date_expressions(f"decision {text}.")
    assert expr.resolve(date(2026, 12, 8), date_order="MDY") == meant


@pytest.mark.parametrize(
    "text",
    [
        "reception, the 12th floor",
        "on-call 1 week in 6",
        "on call one week out of five",
        "rotates every two weeks",
        "band $1.5m",
        "9.30-10.30 with the CTO",
        "2.5 years of Go",
        "week 7 of onboarding",
    ],
)
def test_floors_rotas_money_clock_times_and_amounts_are_no_dates(text: str) -> None:
    assert find_date_expressions(text) == []


def test_after_the_bank_holiday_needs_a_holiday_country() -> None:
    [expr] = find_date_expressions("after the bank holiday")
    may = date(2027, 5, 25)  # GB spring bank holiday Mon May 31; work resumes Tue Jun 1
    assert expr.resolve(may, business=BusinessDays("GB")) == date(2027, 6, 4)
    assert expr.resolve(may) is None
