"""When the thank-you note and the first call are planned (SPEC "The events calsync writes")."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from calsync.core.plan import plan_interviews, thank_you_start
from calsync.model import Interview, Person
from calsync.settings import Settings

NY = ZoneInfo("America/New_York")


def _interview(
    start: datetime, minutes: int = 60, *, all_day: bool = False, notes: str = ""
) -> Interview:
    return Interview(
        source_id="iv-1",
        title="Interview with Acme — Engineer",
        company="Acme",
        role="Engineer",
        interviewers=(Person("Jane Doe", "jane@acme.com"),),
        notes=notes,
        start=start,
        end=start + (timedelta(days=1) if all_day else timedelta(minutes=minutes)),
        tz="America/New_York",
        all_day=all_day,
    )


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [
        (datetime(2026, 12, 1, 10, 0, tzinfo=NY), 60, datetime(2026, 12, 1, 12, 0, tzinfo=NY)),
        (datetime(2026, 12, 1, 14, 30, tzinfo=NY), 45, datetime(2026, 12, 1, 16, 15, tzinfo=NY)),
        # ends 19:00: the note at 20:00 is still within the day
        (datetime(2026, 12, 1, 18, 0, tzinfo=NY), 60, datetime(2026, 12, 1, 20, 0, tzinfo=NY)),
        # ends 19:30: 20:30 is past the day, so the next morning at 09:00
        (datetime(2026, 12, 1, 18, 30, tzinfo=NY), 60, datetime(2026, 12, 2, 9, 0, tzinfo=NY)),
        # an interview at 05:30 (another continent): 07:30 is before the day, so 09:00
        (datetime(2026, 12, 1, 5, 30, tzinfo=NY), 60, datetime(2026, 12, 1, 9, 0, tzinfo=NY)),
        # ends 23:30: the next morning
        (datetime(2026, 12, 1, 22, 30, tzinfo=NY), 60, datetime(2026, 12, 2, 9, 0, tzinfo=NY)),
        # the hour is an hour of real time across the DST change (Nov 1, 2026, 02:00 → 01:00)
        (datetime(2026, 11, 1, 0, 0, tzinfo=NY), 30, datetime(2026, 11, 1, 9, 0, tzinfo=NY)),
        # ends 07:00: 08:00 itself is already within the day
        (datetime(2026, 3, 8, 6, 0, tzinfo=NY), 60, datetime(2026, 3, 8, 8, 0, tzinfo=NY)),
    ],
)
def test_thank_you_an_hour_after_within_the_day(
    start: datetime, minutes: int, expected: datetime
) -> None:
    assert thank_you_start(_interview(start, minutes)) == expected


def test_all_day_interview_gets_its_note_at_five() -> None:
    iv = _interview(datetime(2026, 12, 3, 0, 0, tzinfo=NY), all_day=True)
    assert thank_you_start(iv) == datetime(2026, 12, 3, 17, 0, tzinfo=NY)


def test_plan_has_a_fifteen_minute_note_and_a_call_at_ten_on_the_windows_first_day() -> None:
    iv = _interview(datetime(2026, 12, 1, 10, 0, tzinfo=NY), notes="They'll decide by Friday.")
    [plan] = plan_interviews([iv], Settings(), source_calendar="ics")
    note, call = plan.followups
    assert (note.kind, call.kind) == ("thank-you", "follow-up-call")
    assert note.end - note.start == call.end - call.start == timedelta(minutes=15)
    # decision Fri Dec 4 → first business day after is Mon Dec 7
    assert call.start == datetime(2026, 12, 7, 10, 0, tzinfo=NY)
    assert plan.window.first == date(2026, 12, 7) and plan.window.rule == "decision"
    assert call.title == "Follow-up call — Engineer at Acme"
    assert note.title == "Send thank-you note — Engineer at Acme"


def test_call_time_comes_from_the_settings() -> None:
    iv = _interview(datetime(2026, 12, 1, 10, 0, tzinfo=NY))
    [plan] = plan_interviews([iv], Settings(call_time=time(14, 30)), source_calendar="ics")
    assert plan.followups[1].start == datetime(2026, 12, 8, 14, 30, tzinfo=NY)


def test_ids_are_deterministic_and_differ_by_source_calendar() -> None:
    iv = _interview(datetime(2026, 12, 1, 10, 0, tzinfo=NY))
    first = plan_interviews([iv], Settings(), source_calendar="primary")[0].followups
    again = plan_interviews([iv], Settings(), source_calendar="primary")[0].followups
    other = plan_interviews([iv], Settings(), source_calendar="ics")[0].followups
    assert [f.id for f in first] == [f.id for f in again]
    assert not {f.id for f in first} & {f.id for f in other}
