"""Free slots on every backend (SPEC "The events calsync writes", follow-up-call): a call goes
where the user can take it, inside both sides' hours, and stays there run after run.

The user is in New York (`--timezone`, as the config key `timezone` would say); interviews are
written in New York unless a test puts the employer in London.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.contract.harness import Harness, Interview, Seen

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
USER_ZONE = ("--timezone", "America/New_York")
ACME = Interview("acmeslots1", "Acme", days=3)


def _sync(harness: Harness) -> None:
    result = harness.sync(*USER_ZONE)
    assert result.exit_code == 0, result.output


def _call(harness: Harness, company: str) -> tuple[str, Seen]:
    [found] = [
        (key, seen)
        for key, seen in harness.followups().items()
        if seen.live and seen.title == f"Follow-up call — Data Analyst at {company}"
    ]
    return found


def _local(moment: datetime, zone: ZoneInfo = NY) -> datetime:
    return moment.astimezone(zone)


def _meeting(key: str, company: str, day: date, hour: int) -> Interview:
    """Another interview of the user's, at `hour` New York time on `day`."""
    return Interview(key, company, days=(day - date.today()).days, hour=hour)


def _within(moment: datetime, zone: ZoneInfo, opens: int, closes: int) -> bool:
    local = _local(moment, zone)
    ends = local + timedelta(minutes=15)
    return (
        time(opens) <= local.time() and ends.time() <= time(closes) and ends.date() == local.date()
    )


def test_a_call_moves_off_an_interview_that_takes_its_slot(harness: Harness) -> None:
    harness.put_interview(ACME)
    _sync(harness)
    _, call = _call(harness, "Acme")
    assert _local(call.start).time() == time(10)  # nothing in the way: call_time

    day = _local(call.start).date()
    harness.put_interview(_meeting("initechslots2", "Initech", day, 10))
    _sync(harness)

    _, moved = _call(harness, "Acme")
    assert _local(moved.start) == datetime.combine(day, time(11), NY)  # right after it


def test_a_cross_zone_call_falls_inside_both_sides_hours(harness: Harness) -> None:
    london = Interview("globexslots3", "Globex", days=3, hour=14, zone="Europe/London")
    harness.put_interview(london)
    _sync(harness)
    _, call = _call(harness, "Globex")
    # 10:00 in New York is 15:00 in London: both open
    assert _within(call.start, NY, 10, 17) and _within(call.start, LONDON, 9, 17)

    # the New York morning fills up until London has closed: the call goes to another day
    day = _local(call.start).date()
    harness.put_interview(_meeting("initechslots4", "Initech", day, 10))
    harness.put_interview(_meeting("hoolislots5", "Hooli", day, 11))
    _sync(harness)

    _, moved = _call(harness, "Globex")
    assert _local(moved.start).date() > day
    assert _within(moved.start, NY, 10, 17) and _within(moved.start, LONDON, 9, 17)


def test_a_call_keeps_its_slot_across_reruns_with_unrelated_new_events(harness: Harness) -> None:
    harness.put_interview(ACME)
    _sync(harness)
    key, call = _call(harness, "Acme")
    day = _local(call.start).date()
    clash = _meeting("initechslots6", "Initech", day, 10)
    harness.put_interview(clash)
    _sync(harness)
    placed = _call(harness, "Acme")[1].start  # 11:00, after the clash

    # an interview later that day, an event in the target, a rerun: nothing moves the call
    harness.put_interview(_meeting("hooliislots7", "Hooli", day, 14))
    harness.add_foreign("Dentist", days=(day - date.today()).days)
    _sync(harness)
    _sync(harness)
    assert _call(harness, "Acme") == (key, _call(harness, "Acme")[1])
    assert _call(harness, "Acme")[1].start == placed

    # the clash is cancelled: 10:00 is free again, but the call stays where it was put
    harness.remove_interview(clash.key)
    _sync(harness)
    assert _call(harness, "Acme")[1].start == placed


def test_a_call_the_user_moved_is_left_alone(harness: Harness) -> None:
    harness.put_interview(ACME)
    _sync(harness)
    key, call = _call(harness, "Acme")
    harness.move(key, 2)  # the user drags it to 12:00
    _sync(harness)
    assert _local(_call(harness, "Acme")[1].start).time() == time(12)

    # even an interview put right on top of it does not move the user's call
    day = _local(call.start).date()
    harness.put_interview(_meeting("initechslots8", "Initech", day, 12))
    _sync(harness)
    assert _local(_call(harness, "Acme")[1].start) == datetime.combine(day, time(12), NY)
