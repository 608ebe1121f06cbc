"""Planning by application: thank-you notes for every round, the call for the latest, and
outcomes written on any round's call."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from calsync.core.identity import event_id
from calsync.core.plan import InterviewPlan, plan_applications, plan_interviews
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, ExistingEvent, FollowUp, Interview, Person
from calsync.settings import Settings

NY = ZoneInfo("America/New_York")
SETTINGS = Settings(holidays=None)


def _round(sid: str, start: datetime, role: str = "Backend Engineer") -> Interview:
    return Interview(
        source_id=sid,
        title=f"Hooli - {role}",
        company="Hooli",
        role=role,
        interviewers=(Person("Gavin Belson", "gavin@hooli.com"),),
        notes="",
        start=start,
        end=start + timedelta(hours=1),
        tz="America/New_York",
    )


SCREEN = _round("screen", datetime(2026, 11, 16, 10, 0, tzinfo=NY))
FINAL = _round("final", datetime(2026, 12, 10, 10, 0, tzinfo=NY), "Senior Backend Engineer")


def _plans(observed: dict[str, ExistingEvent] | None = None) -> list[InterviewPlan]:
    return plan_interviews([FINAL, SCREEN], SETTINGS, source_calendar="cal", observed=observed)


def _noted(call: FollowUp, note: str, *, on: datetime | None = None) -> ExistingEvent:
    """The call as the calendar holds it after the user wrote `note` in it."""
    return ExistingEvent(
        id=call.id,
        kind=call.kind,
        number=call.number,
        source_id=call.source_id,
        title=call.title,
        description=call.description + "\n" + note,
        start=call.start,
        end=call.end,
        tz=call.tz,
        fingerprint=call.fingerprint,
        updated=on,
    )


def _screen_call() -> FollowUp:
    """The call the screen had before the final round was booked."""
    (plan,) = plan_interviews([SCREEN], SETTINGS, source_calendar="cal")
    return next(f for f in plan.followups if f.kind == FOLLOW_UP_CALL)


def test_every_round_a_thank_you_note_and_only_the_latest_a_call() -> None:
    screen, final = _plans()
    assert [f.kind for f in screen.followups] == [THANK_YOU]
    assert [f.kind for f in final.followups] == [THANK_YOU, FOLLOW_UP_CALL]
    assert screen.superseded == "a later round is scheduled on 2026-12-10"
    assert screen.next_step == "no call: a later round is scheduled on 2026-12-10"
    # the call keeps the id derivation: source calendar, the round's source id, kind, number
    assert final.followups[1].id == event_id("cal", "final", FOLLOW_UP_CALL, 1)
    (app,) = plan_applications([screen, final])
    assert app.call_round == "final" and app.role == "Senior Backend Engineer"


def test_the_call_script_names_the_position_the_latest_round_and_the_rounds() -> None:
    _, final = _plans()
    script = final.followups[1].description
    assert "Follow-up call about your application for Senior Backend Engineer at Hooli." in script
    assert "Latest round: Thursday, December 10, 2026" in script
    assert "- Monday, November 16, 2026, 10:00 AM: Hooli - Backend Engineer" in script
    assert "most recently on Thursday, December 10" in script


def test_an_offer_written_on_an_earlier_call_ends_the_application() -> None:
    call = _screen_call()
    screen, final = _plans({call.id: _noted(call, "Got the offer!")})
    assert [f.id for f in screen.followups if f.kind == FOLLOW_UP_CALL] == [call.id]
    assert screen.next_step == "chain ends: an offer"
    assert [f.kind for f in final.followups] == [THANK_YOU]
    assert final.next_step == "no call: the application ended after the 2026-11-16 round"
    (app,) = plan_applications([screen, final])
    assert app.call_round == "screen" and app.next_step == "chain ends: an offer"


def test_a_rejection_on_an_earlier_call_plans_the_last_thank_you_there() -> None:
    call = _screen_call()
    recorded = datetime(2026, 11, 27, 15, 0, tzinfo=NY)
    screen, final = _plans({call.id: _noted(call, "They chose someone else", on=recorded)})
    another = [f for f in screen.followups if f.kind == THANK_YOU and f.number == 2]
    assert [f.start for f in another] == [datetime(2026, 11, 28, 9, 0, tzinfo=NY)]
    assert [f.kind for f in final.followups] == [THANK_YOU]


def test_the_last_thank_you_is_dated_from_the_day_the_outcome_was_recorded() -> None:
    """Issue 13 item 9: the news came before the planned call; the note follows the news."""
    (plan,) = plan_interviews([FINAL], SETTINGS, source_calendar="cal")
    call = plan.followups[1]
    assert call.start.date() > datetime(2026, 12, 12).date()
    recorded = datetime(2026, 12, 12, 22, 0, tzinfo=UTC)  # 17:00 in New York
    (plan,) = plan_interviews(
        [FINAL],
        SETTINGS,
        source_calendar="cal",
        observed={call.id: _noted(call, "Not moving forward", on=recorded)},
    )
    another = plan.followups[-1]
    assert another.title.startswith("Send another thank-you note")
    assert another.start == datetime(2026, 12, 13, 9, 0, tzinfo=NY)
    # a calendar that does not say when: the day after the call
    (plan,) = plan_interviews(
        [FINAL],
        SETTINGS,
        source_calendar="cal",
        observed={call.id: _noted(call, "Not moving forward")},
    )
    day_after = call.start.date() + timedelta(days=1)
    assert plan.followups[-1].start == datetime(
        day_after.year, day_after.month, day_after.day, 9, 0, tzinfo=NY
    )


def test_a_different_role_at_the_same_company_keeps_its_own_call() -> None:
    other = replace(FINAL, source_id="pm", role="Product Manager", title="Hooli - PM")
    plans = plan_interviews([SCREEN, other], SETTINGS, source_calendar="cal")
    assert [[f.kind for f in p.followups] for p in plans] == [
        [THANK_YOU, FOLLOW_UP_CALL],
        [THANK_YOU, FOLLOW_UP_CALL],
    ]
    assert len(plan_applications(plans)) == 2
