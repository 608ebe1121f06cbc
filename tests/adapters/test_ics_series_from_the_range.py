"""A series expanded from the range read gives the same occurrences as one walked from DTSTART.

`calsync.adapters.ics.recurrence.start_near` moves a series' start forward by whole steps of its
rule (so that an endless FREQ=SECONDLY series since 2020 costs no more than a weekly one); here
the occurrences in the range are compared with the expander's own, walked from the first day,
for rules with intervals, BY-parts, COUNT and UNTIL, in a zone with clock changes, in UTC,
floating and all-day.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from calsync.adapters.ics.recurrence import start_near

SINCE = datetime(2026, 12, 1, tzinfo=UTC)
UNTIL = datetime(2027, 2, 15, tzinfo=UTC)
RULES = (
    "FREQ=HOURLY;INTERVAL=7",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=MINUTELY;INTERVAL=97;BYHOUR=9,10",
    "FREQ=DAILY;COUNT=1000",
    "FREQ=HOURLY;INTERVAL=5;COUNT=5000",
    "FREQ=WEEKLY;BYDAY=TU;COUNT=200",
    "FREQ=DAILY;UNTIL=20261215T000000Z",
    "FREQ=SECONDLY;INTERVAL=3600;BYMINUTE=17",
    "FREQ=DAILY;BYHOUR=8,20;BYSETPOS=-1",
)
STARTS: dict[str, Any] = {
    "New York": datetime(2024, 3, 9, 10, 17, tzinfo=ZoneInfo("America/New_York")),
    "UTC": datetime(2024, 3, 9, 10, 17, tzinfo=UTC),
    "floating": datetime(2024, 3, 9, 10, 17),
}


def _series(rule: str, start: date | datetime) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    event = icalendar.Event()
    event.add("UID", "series")
    event.add("SUMMARY", "Sync")
    event.add("DTSTART", start)
    event.add("DURATION" if isinstance(start, datetime) else "DTEND", _length(start))
    event.add("RRULE", icalendar.vRecur.from_ical(rule))
    calendar.add_component(event)
    return calendar


def _length(start: date | datetime) -> Any:
    from datetime import timedelta

    return timedelta(minutes=45) if isinstance(start, datetime) else start + timedelta(days=1)


def _starts(calendar: icalendar.Calendar) -> list[str]:
    found = recurring_ical_events.of(calendar).between(SINCE, UNTIL)
    return sorted(str(e["DTSTART"].dt) for e in found)


@pytest.mark.parametrize("zone", sorted(STARTS))
@pytest.mark.parametrize("rule", RULES)
def test_the_same_occurrences_in_the_range(rule: str, zone: str) -> None:
    walked = _series(rule, STARTS[zone])
    moved = copy.deepcopy(walked)
    start_near(list(moved.walk("VEVENT")), SINCE)
    assert _starts(moved) == _starts(walked)


@pytest.mark.parametrize("rule", [r for r in RULES if r.startswith(("FREQ=DAILY", "FREQ=WEEKLY"))])
def test_the_same_days_for_an_all_day_series(rule: str) -> None:
    walked = _series(rule.replace("UNTIL=20261215T000000Z", "UNTIL=20261215"), date(2024, 3, 9))
    moved = copy.deepcopy(walked)
    start_near(list(moved.walk("VEVENT")), SINCE)
    assert _starts(moved) == _starts(walked)


def test_an_endless_series_is_moved_to_just_before_the_range() -> None:
    calendar = _series("FREQ=SECONDLY", datetime(2020, 1, 1, 10, tzinfo=UTC))
    event = next(iter(calendar.walk("VEVENT")))
    start_near([event], SINCE)
    moved = event["DTSTART"].dt
    assert SINCE - moved < (UNTIL - SINCE) / 10 and moved < SINCE
