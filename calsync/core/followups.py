"""One follow-up event: when it starts, how long it lasts and its deterministic identity.

Shared by the planner (thank-you notes) and the chain (calls), so neither imports the other.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from calsync.core.identity import event_id, fingerprint
from calsync.model import FollowUp, Interview, Outcome, SetAside

EVENT_LENGTH = timedelta(minutes=15)
THANK_YOU_GAP = timedelta(hours=1)
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
    source_id: str = ""  # the round the call belongs to
    # the line of the call's notes that decided the next step, and the lines read but set
    # aside, each with why ("a question", "a final outcome decides, not a date" …)
    decided_by: str | None = None
    set_aside: tuple[SetAside, ...] = ()


def thank_you_start(interview: Interview, others: Sequence[Interview] = ()) -> datetime:
    """An hour after the interview ends; moved to the next 09:00 when that time falls outside
    08:00–20:00 local time (both ends inside). An all-day interview gets its note at 17:00.

    An interview that follows directly (it starts before the note would be done) pushes the
    note after itself: a back-to-back onsite gets its notes after the last session. `others`
    are the calendar's interviews in order of start."""
    zone = ZoneInfo(interview.tz)
    if interview.all_day:
        return datetime.combine(interview.local_date, ALL_DAY_THANK_YOU, zone)
    ends = interview.end.astimezone(UTC)
    for other in others[bisect_right(others, interview.start, key=_start) :]:
        if other.all_day:
            continue
        if other.start >= ends + THANK_YOU_GAP + EVENT_LENGTH:
            break
        ends = max(ends, other.end.astimezone(UTC))
    # add the hour in UTC: local wall-clock arithmetic would be off by one across a DST change
    start = (ends + THANK_YOU_GAP).astimezone(zone)
    start = start.replace(second=0, microsecond=0)
    if start.time() < DAY_STARTS:
        return datetime.combine(start.date(), MORNING, zone)
    if start.time() > DAY_ENDS:  # 20:00 itself is still within the day
        return datetime.combine(start.date() + timedelta(days=1), MORNING, zone)
    return start


def _start(interview: Interview) -> datetime:
    return interview.start


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
