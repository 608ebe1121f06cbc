"""What `plan` says about each call against today: ahead, overdue, or done with an outcome.

The core plans without a clock; only this view knows "today" (in the interview's own zone), so
a call dated yesterday reads "overdue since Dec 7 — done? write the outcome in its notes", and a
call still ahead never shows an outcome.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from calsync.core.followups import ChainStep
from calsync.core.plan import ApplicationPlan, InterviewPlan
from calsync.model import FOLLOW_UP_CALL

ASK_OUTCOME = "done? write the outcome in its notes"


def short_day(day: date) -> str:
    """The day as people write it in a sentence.

    >>> short_day(date(2026, 12, 7))
    'Dec 7'
    """
    return f"{day:%b} {day.day}"


def today_of(item: InterviewPlan, now: datetime) -> date:
    """Today on the interview's own clock: its calls are dated there."""
    return now.astimezone(ZoneInfo(item.interview.tz)).date()


def step_text(step: ChainStep, today: date) -> str:
    """One call of the chain: its outcome, or where it stands when nothing is written yet."""
    head = f"call #{step.number} on {step.call_date.isoformat()}"
    if step.outcome.kind != "none":
        said = f' — "{step.outcome.phrase}"' if step.outcome.phrase else ""
        return f"{head}: {step.outcome.kind}{said}"
    if step.call_date > today:
        return f"{head}: still ahead"
    if step.call_date == today:
        return f"{head}: today"
    return f"{head}: overdue since {short_day(step.call_date)} — {ASK_OUTCOME}"


def next_text(app: ApplicationPlan, now: datetime | None) -> str:
    """The application's next step, marked when its day has passed."""
    carrier = next((r for r in app.rounds if r.interview.source_id == app.call_round), None)
    if now is None or carrier is None:
        return app.next_step
    calls = [f for f in carrier.followups if f.kind == FOLLOW_UP_CALL]
    if not calls:
        return app.next_step
    last = max(calls, key=lambda f: f.number)
    today = today_of(carrier, now)
    step = next((s for s in carrier.steps if s.number == last.number), None)
    if step is None:  # planned, not yet in the calendar: dated by its window's first day
        day = last.start.astimezone(ZoneInfo(last.tz)).date()
    elif step.outcome.kind == "none":
        day = step.call_date
    else:
        return app.next_step
    head = f"follow-up call #{last.number} on {day.isoformat()}"
    if day < today:
        return f"{head} — overdue since {short_day(day)}: {ASK_OUTCOME}"
    if step is None:
        return f"{app.next_step} (today)" if day == today else app.next_step
    return f"{head}{' (today)' if day == today else ''}; afterwards write the outcome in its notes"
