"""Interviews → the follow-up events that should exist, each with its deterministic identity.

For every interview: a thank-you note right after it, and a chain of follow-up calls that starts
at the inferred window and continues from what the user wrote on each call (see `chain`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from calsync.core import templates
from calsync.core.dates import BusinessDays
from calsync.core.identity import event_id, fingerprint
from calsync.core.infer import infer_window
from calsync.model import THANK_YOU, ExistingEvent, FollowUp, Interview, Outcome, Window
from calsync.settings import Settings

EVENT_LENGTH = timedelta(minutes=15)
DAY_STARTS = time(8, 0)
DAY_ENDS = time(20, 0)
MORNING = time(9, 0)
ALL_DAY_THANK_YOU = time(17, 0)


@dataclass(frozen=True)
class ChainStep:
    """One follow-up call the calendar already holds, and what the user wrote after it."""

    number: int
    event_id: str
    call_date: date
    outcome: Outcome


@dataclass(frozen=True)
class InterviewPlan:
    """Everything calsync decided about one interview: `calsync plan` prints this."""

    interview: Interview
    window: Window
    followups: tuple[FollowUp, ...]
    steps: tuple[ChainStep, ...]
    next_step: str


def plan_interviews(
    interviews: Iterable[Interview],
    settings: Settings,
    *,
    source_calendar: str,
    observed: Mapping[str, ExistingEvent] | None = None,
    business: BusinessDays | None = None,
) -> list[InterviewPlan]:
    """The plan for each interview. `observed` holds calsync's events as the user's calendar
    has them now (keyed by id), so the chain can read the outcomes written on past calls."""
    from calsync.core.chain import follow_calls

    business = business or BusinessDays(settings.holidays)
    seen = observed or {}
    plans = []
    for interview in interviews:
        window = infer_window(
            interview.notes,
            interview.local_date,
            date_order=settings.date_order,
            business=business,
        )
        thank_you = make_followup(
            interview,
            kind=THANK_YOU,
            number=1,
            title=templates.thank_you_title(interview),
            description=templates.thank_you_description(interview, settings),
            start=thank_you_start(interview),
            source_calendar=source_calendar,
        )
        calls, steps, next_step = follow_calls(
            interview,
            window,
            settings,
            source_calendar=source_calendar,
            observed=seen,
            business=business,
        )
        plans.append(
            InterviewPlan(
                interview=interview,
                window=window,
                followups=(thank_you, *calls),
                steps=tuple(steps),
                next_step=next_step,
            )
        )
    return plans


def thank_you_start(interview: Interview) -> datetime:
    """An hour after the interview ends; moved to the next 09:00 when that time falls outside
    08:00–20:00 local time (both ends inside). An all-day interview gets its note at 17:00."""
    zone = ZoneInfo(interview.tz)
    if interview.all_day:
        return datetime.combine(interview.local_date, ALL_DAY_THANK_YOU, zone)
    # add the hour in UTC: local wall-clock arithmetic would be off by one across a DST change
    start = (interview.end.astimezone(UTC) + timedelta(hours=1)).astimezone(zone)
    start = start.replace(second=0, microsecond=0)
    if start.time() < DAY_STARTS:
        return datetime.combine(start.date(), MORNING, zone)
    if start.time() > DAY_ENDS:  # 20:00 itself is still within the day
        return datetime.combine(start.date() + timedelta(days=1), MORNING, zone)
    return start


def at_local(day: date, when: time, tz: str) -> datetime:
    return datetime.combine(day, when, ZoneInfo(tz))


def make_followup(
    interview: Interview,
    *,
    kind: str,
    number: int,
    title: str,
    description: str,
    start: datetime,
    source_calendar: str,
) -> FollowUp:
    end = (start.astimezone(UTC) + EVENT_LENGTH).astimezone(start.tzinfo)
    return FollowUp(
        id=event_id(source_calendar, interview.source_id, kind, number),
        kind=kind,
        number=number,
        source_id=interview.source_id,
        title=title,
        description=description,
        start=start,
        end=end,
        tz=interview.tz,
        interview_start=interview.start,
        fingerprint=fingerprint(title, description, start, end),
    )
