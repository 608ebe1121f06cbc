"""A call at a time the user can take it (SPEC "The events calsync writes", follow-up-call).

The planner gets the calendar's busy time as data; these tests hand it in directly and read the
calls and the reasons `calsync plan` shows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calsync.core.free_slots import Ask, Busy, SlotBook, busy_times
from calsync.core.identity import fingerprint
from calsync.core.plan import InterviewPlan, plan_interviews, thank_you_start
from calsync.model import FOLLOW_UP_CALL, Attendee, ExistingEvent, Interview, Person, SourceEvent
from calsync.settings import Settings

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
LA = ZoneInfo("America/Los_Angeles")
INTERVIEW_DAY = datetime(2026, 12, 1, 10, 0, tzinfo=NY)  # a Tuesday; window Dec 8 – Dec 11
WINDOW_DAY = date(2026, 12, 8)


def _interview(
    key: str = "iv-1",
    company: str = "Acme",
    start: datetime = INTERVIEW_DAY,
    minutes: int = 60,
    tz: str = "America/New_York",
) -> Interview:
    return Interview(
        source_id=key,
        title=f"Interview with {company} — Engineer",
        company=company,
        role="Engineer",
        interviewers=(Person("Jane Doe", "jane@example.com"),),
        notes="",
        start=start,
        end=start + timedelta(minutes=minutes),
        tz=tz,
    )


def _busy(title: str, day: date, begins: time, minutes: int, zone: ZoneInfo = NY) -> Busy:
    start = datetime.combine(day, begins, zone)
    return Busy(start, start + timedelta(minutes=minutes), title)


def _plan(
    *interviews: Interview,
    busy: tuple[Busy, ...] = (),
    user_zone: str | None = "America/New_York",
    observed: dict[str, ExistingEvent] | None = None,
    config: Settings | None = None,
) -> list[InterviewPlan]:
    return plan_interviews(
        interviews or (_interview(),),
        config or Settings(),
        source_calendar="ics",
        busy=busy,
        user_zone=user_zone,
        observed=observed,
    )


def _call(plan: InterviewPlan) -> tuple[datetime, str, str | None]:
    call = next(f for f in plan.followups if f.kind == FOLLOW_UP_CALL)
    slot = plan.slot_of(call.id)
    assert slot is not None
    return call.start, slot.reason, slot.note


# ---- which events make the user busy --------------------------------------------------------


def _event(title: str, **changes: object) -> SourceEvent:
    start = datetime.combine(WINDOW_DAY, time(10), NY)
    event = SourceEvent(id=title, title=title, start=start, end=start + timedelta(hours=1), tz="")
    return replace(event, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("event", "blocks"),
    [
        (_event("Dentist"), True),
        (_event("Marked busy", busy=True), True),
        (_event("Yoga (shown as free)", busy=False), False),
        (_event("Cancelled sync", status="cancelled"), False),
        (
            _event("Declined demo", attendees=(Attendee("me@example.com", response="declined"),)),
            False,
        ),
        (
            _event(
                "Declined (Google self)", attendees=(Attendee(is_self=True, response="declined"),)
            ),
            False,
        ),
        (
            _event("Accepted demo", attendees=(Attendee("me@example.com", response="accepted"),)),
            True,
        ),
        (_event("Birthday (all day)", all_day=True), False),
        (_event("Vacation (all day, busy)", all_day=True, busy=True), True),
        (_event("calsync's own call", calsync_kind="follow-up-call"), False),
        (_event("calsync's own, by UID", uid="0123456789abcdef0123456789abcdef@calsync"), False),
    ],
    ids=lambda v: v.title if isinstance(v, SourceEvent) else str(v),
)
def test_what_blocks_a_call(event: SourceEvent, blocks: bool) -> None:
    found = busy_times([event], frozenset({"me@example.com"}))
    assert bool(found) is blocks


# ---- the first free slot ----------------------------------------------------------------------


def test_an_empty_calendar_keeps_the_call_at_call_time_on_the_windows_first_day() -> None:
    start, reason, note = _call(_plan()[0])
    assert start == datetime.combine(WINDOW_DAY, time(10), NY)
    assert reason == "10:00 is free"
    assert note is None


def test_a_call_moves_off_a_conflicting_interview_and_says_what_took_the_time() -> None:
    onsite = _busy("Onsite — Globex", WINDOW_DAY, time(9, 30), 120)
    start, reason, _ = _call(_plan(busy=(onsite,))[0])
    assert start == datetime.combine(WINDOW_DAY, time(11, 30), NY)
    assert reason == "10:00 was taken by 'Onsite — Globex'; 11:30 is the first free slot"


def test_a_meeting_ending_off_the_clock_leaves_the_call_on_the_next_five_minutes() -> None:
    start, _, _ = _call(_plan(busy=(_busy("Standup", WINDOW_DAY, time(9, 50), 17),))[0])
    assert start == datetime.combine(WINDOW_DAY, time(10, 10), NY)


def test_a_full_day_moves_the_call_to_the_windows_next_day_not_past_the_window() -> None:
    day = _busy("Offsite", WINDOW_DAY, time(8), 10 * 60)
    start, reason, _ = _call(_plan(busy=(day,))[0])
    assert start == datetime.combine(WINDOW_DAY + timedelta(days=1), time(10), NY)
    assert reason == (
        "10:00 on 2026-12-08 was taken by 'Offsite'; 10:00 on 2026-12-09 is the first free slot"
    )


def test_a_calendar_with_no_free_time_still_gets_a_call_with_a_note() -> None:
    busy = tuple(
        _busy("Bootcamp", WINDOW_DAY + timedelta(days=n), time(0), 24 * 60) for n in range(4)
    )
    start, reason, note = _call(_plan(busy=busy)[0])
    assert start == datetime.combine(WINDOW_DAY, time(10), NY)
    assert reason.startswith("no free slot in the window")
    assert note is not None and "no free time" in note


def test_two_calls_never_share_a_slot() -> None:
    plans = _plan(
        _interview("a", "Acme"), _interview("b", "Globex", start=INTERVIEW_DAY + timedelta(hours=3))
    )
    starts = sorted(_call(p)[0] for p in plans)
    assert starts == [
        datetime.combine(WINDOW_DAY, time(10), NY),
        datetime.combine(WINDOW_DAY, time(10, 15), NY),
    ]


def test_call_hours_bound_the_slot() -> None:
    config = Settings(call_hours=(time(13), time(15)))
    start, _, _ = _call(_plan(config=config)[0])
    assert start == datetime.combine(WINDOW_DAY, time(13), NY)
    late = _busy("Long lunch", WINDOW_DAY, time(13), 119)
    start, _, _ = _call(_plan(busy=(late,), config=config)[0])
    assert start == datetime.combine(WINDOW_DAY + timedelta(days=1), time(13), NY)


# ---- both sides' business hours ----------------------------------------------------------------


def _london_interview() -> Interview:
    return _interview(
        company="Globex", start=datetime(2026, 12, 1, 14, tzinfo=LONDON), tz="Europe/London"
    )


def test_a_cross_zone_call_lands_inside_both_sides_hours() -> None:
    morning = _busy("Dentist", WINDOW_DAY, time(10), 90)  # 10:00–11:30 New York
    start, reason, note = _call(_plan(_london_interview(), busy=(morning,))[0])
    assert start == datetime.combine(WINDOW_DAY, time(11, 30), NY)  # 16:30 in London
    assert reason == (
        "10:00 (15:00 in London) was taken by 'Dentist'; 11:30 (16:30 in London) is the first "
        "free slot that is also within Globex's hours in London"
    )
    assert note is None


def test_when_their_hours_close_before_a_free_slot_the_call_goes_to_the_next_day() -> None:
    morning = _busy("Dentist", WINDOW_DAY, time(10), 7 * 60)  # London closes at 12:00 New York
    start, _, _ = _call(_plan(_london_interview(), busy=(morning,))[0])
    assert start == datetime.combine(WINDOW_DAY + timedelta(days=1), time(10), NY)


def test_hours_that_never_overlap_give_the_nearest_slot_with_a_note() -> None:
    start, reason, note = _call(_plan(_london_interview(), user_zone="America/Los_Angeles")[0])
    assert start == datetime.combine(WINDOW_DAY, time(10), LA)  # 18:00 London: nearest to 17:00
    assert "do not overlap" in reason
    assert note == "outside Globex's business hours in London"


def test_a_zone_with_the_same_clock_is_not_another_place() -> None:
    toronto = _interview(tz="America/Toronto")
    start, reason, _ = _call(_plan(toronto)[0])
    assert start == datetime.combine(WINDOW_DAY, time(10), NY)
    assert reason == "10:00 is free"


# ---- stability: a call calsync placed stays while its slot is free ----------------------------


def _held(plan: InterviewPlan, start: datetime, *, moved_by_user: bool = False) -> ExistingEvent:
    call = next(f for f in plan.followups if f.kind == FOLLOW_UP_CALL)
    end = start + timedelta(minutes=15)
    written = fingerprint(call.title, call.description, start, end)
    return ExistingEvent(
        id=call.id,
        kind=FOLLOW_UP_CALL,
        number=1,
        source_id=call.source_id,
        title=call.title,
        description=call.description,
        start=start + timedelta(hours=2) if moved_by_user else start,
        end=end + timedelta(hours=2) if moved_by_user else end,
        tz=call.tz,
        fingerprint=written,
    )


def test_an_untouched_call_keeps_its_slot_when_the_meeting_that_moved_it_is_gone() -> None:
    onsite = _busy("Onsite — Globex", WINDOW_DAY, time(9, 30), 120)
    first = _plan(busy=(onsite,))[0]
    placed, _, _ = _call(first)
    held = _held(first, placed)

    again, reason, _ = _call(_plan(observed={held.id: held})[0])

    assert again == placed
    assert "still free" in reason


def test_an_untouched_call_moves_when_a_new_meeting_takes_its_slot() -> None:
    first = _plan()[0]
    held = _held(first, _call(first)[0])
    clash = _busy("Interview with Initech", WINDOW_DAY, time(10), 60)

    again, reason, _ = _call(_plan(busy=(clash,), observed={held.id: held})[0])

    assert again == datetime.combine(WINDOW_DAY, time(11), NY)
    assert "'Interview with Initech'" in reason


def test_a_call_the_user_moved_is_theirs_and_blocks_other_calls() -> None:
    first = _plan()[0]
    held = _held(first, _call(first)[0], moved_by_user=True)  # now 12:00
    other = _interview("b", "Globex", start=INTERVIEW_DAY + timedelta(hours=3))

    plans = {p.interview.source_id: p for p in _plan(_interview(), other, observed={held.id: held})}

    assert _call(plans["iv-1"])[1] == "you changed this call; it stays as you made it"
    assert _call(plans["b"])[0] == datetime.combine(WINDOW_DAY, time(10), NY)


# ---- the thank-you note after back-to-back interviews ------------------------------------------


def test_a_back_to_back_onsite_gets_its_thank_you_notes_after_the_last_session() -> None:
    sessions = [
        _interview("s1", start=INTERVIEW_DAY, minutes=60),
        _interview("s2", start=INTERVIEW_DAY + timedelta(hours=1), minutes=60),
        _interview("s3", start=INTERVIEW_DAY + timedelta(hours=2, minutes=30), minutes=60),
    ]
    after_last = datetime(2026, 12, 1, 14, 30, tzinfo=NY)
    assert [thank_you_start(s, sessions) for s in sessions] == [after_last] * 3
    # a session three hours later does not follow directly
    later = _interview("s4", start=INTERVIEW_DAY + timedelta(hours=6), minutes=60)
    assert thank_you_start(sessions[0], [*sessions, later]) == after_last


# ---- properties --------------------------------------------------------------------------------

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAYS = tuple(WINDOW_DAY + timedelta(days=n) for n in range(4))
meetings = st.lists(
    st.tuples(st.integers(0, 3), st.integers(7 * 4, 19 * 4), st.integers(1, 16)),
    max_size=25,
)


def _book(items: list[tuple[int, int, int]]) -> tuple[SlotBook, list[Busy]]:
    busy = [
        _busy(f"m{i}", DAYS[day], time(quarter // 4, quarter % 4 * 15), length * 15)
        for i, (day, quarter, length) in enumerate(items)
    ]
    return SlotBook(busy, call_time=time(10), call_hours=(time(9), time(17))), busy


def _ask(kept: datetime | None = None, employer: str | None = None) -> Ask:
    return Ask(DAYS, "America/New_York", "America/New_York", employer, "Acme", kept=kept)


@PROPERTY
@given(items=meetings, calls=st.integers(1, 6), employer=st.sampled_from([None, "Europe/London"]))
def test_no_slot_overlaps_a_busy_interval_or_another_call(
    items: list[tuple[int, int, int]], calls: int, employer: str | None
) -> None:
    book, busy = _book(items)
    slots = [book.place(_ask(employer=employer)) for _ in range(calls)]
    for slot in slots:
        if slot.note is not None:
            continue
        end = slot.start + timedelta(minutes=15)
        assert not any(b.start < end and slot.start < b.end for b in busy)
        local = slot.start.astimezone(NY)
        assert time(10) <= local.time() and (local + timedelta(minutes=15)).time() <= time(17)
        assert local.date() in DAYS
    free = [s.start for s in slots if s.note is None]
    assert all(
        abs(a - b) >= timedelta(minutes=15) for i, a in enumerate(free) for b in free[i + 1 :]
    )


@PROPERTY
@given(items=meetings, extra=meetings)
def test_a_rerun_gives_the_same_slot_and_unrelated_new_meetings_do_not_move_it(
    items: list[tuple[int, int, int]], extra: list[tuple[int, int, int]]
) -> None:
    first = _book(items)[0].place(_ask())
    assert _book(items)[0].place(_ask()) == first
    book, busy = _book(items + extra)
    end = first.start + timedelta(minutes=15)
    clash = any(b.start < end and first.start < b.end for b in busy)
    again = book.place(_ask(kept=first.start))
    if first.note is None and not clash:
        assert again.start == first.start


def test_sync_says_a_call_moved_to_a_free_slot_when_its_interview_did_not_move() -> None:
    from calsync.core.reconcile import reconcile

    first = _plan()[0]
    call = next(f for f in first.followups if f.kind == FOLLOW_UP_CALL)
    held = replace(_held(first, call.start), interview_start=call.interview_start)
    clash = _busy("Interview with Initech", WINDOW_DAY, time(10), 60)
    moved = next(
        f for f in _plan(busy=(clash,), observed={held.id: held})[0].followups if f.id == call.id
    )
    now = datetime(2026, 12, 2, tzinfo=NY)
    [action] = reconcile([moved], [held], now=now, since=now, until=now + timedelta(days=30))
    assert (action.op, action.reason) == ("update", "moved to a free slot")


@PROPERTY
@given(
    starts=st.lists(st.integers(0, 8 * 4), min_size=4, max_size=4),
    calls=st.integers(1, 4),
    employer=st.sampled_from([None, "Europe/London", "Asia/Tokyo"]),
)
def test_a_calendar_with_no_free_time_still_gets_every_call_with_a_note(
    starts: list[int], calls: int, employer: str | None
) -> None:
    # each window day is busy from some time before 10:00 until after 17:00
    busy = [
        _busy(f"all day {n}", DAYS[n], time(quarter // 4, quarter % 4 * 15), 18 * 60)
        for n, quarter in enumerate(starts)
    ]
    book = SlotBook(busy, call_time=time(10), call_hours=(time(9), time(17)))
    for _ in range(calls):
        slot = book.place(_ask(employer=employer))
        assert slot.note is not None
        assert slot.start.astimezone(NY).date() in DAYS
