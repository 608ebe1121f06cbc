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
from calsync.core.translations import Words, words
from calsync.model import FOLLOW_UP_CALL
from calsync.plan_words import say

ENGLISH = words("en")


def short_day(day: date) -> str:
    """The day as people write it in a sentence.

    >>> short_day(date(2026, 12, 7))
    'Dec 7'
    """
    return f"{day:%b} {day.day}"


def today_of(item: InterviewPlan, now: datetime) -> date:
    """Today on the interview's own clock: its calls are dated there."""
    return now.astimezone(ZoneInfo(item.interview.tz)).date()


def _short_day(day: date, _: Words) -> str:
    return short_day(day) if _.language == ENGLISH.language else _.short_date(day)


def _outcome_kind(kind: str, _: Words) -> str:
    # each a literal, so the catalogs hold them; English keeps the kind as --json gives it
    if kind == "next-date":
        return _("next-date")
    if kind == "rejected":
        return _("rejected")
    if kind == "offer":
        return _("offer")
    if kind == "withdrew":
        return _("withdrew")
    return kind


def outcome_text(step: ChainStep, _: Words = ENGLISH) -> str:
    """A call with its written outcome and the words that said it."""
    head = _("call #{number} on {day}", number=step.number, day=step.call_date.isoformat())
    said = f' — "{step.outcome.phrase}"' if step.outcome.phrase else ""
    return f"{head}: {_outcome_kind(step.outcome.kind, _)}{said}"


def step_text(step: ChainStep, today: date, _: Words = ENGLISH) -> str:
    """One call of the chain: its outcome, or where it stands when nothing is written yet."""
    if step.outcome.kind != "none":
        return outcome_text(step, _)
    head = _("call #{number} on {day}", number=step.number, day=step.call_date.isoformat())
    if step.call_date > today:
        return _("{call}: still ahead", call=head)
    if step.call_date == today:
        return _("{call}: today", call=head)
    return _(
        "{call}: overdue since {day} — done? write the outcome in its notes",
        call=head,
        day=_short_day(step.call_date, _),
    )


def next_text(app: ApplicationPlan, now: datetime | None, _: Words = ENGLISH) -> str:
    """The application's next step in the language of `_`, marked when its day has passed."""
    carrier = next((r for r in app.rounds if r.interview.source_id == app.call_round), None)
    planned = say(app.next_step, _)
    if now is None or carrier is None:
        return planned
    calls = [f for f in carrier.followups if f.kind == FOLLOW_UP_CALL]
    if not calls:
        return planned
    last = max(calls, key=lambda f: f.number)
    today = today_of(carrier, now)
    step = next((s for s in carrier.steps if s.number == last.number), None)
    if step is None:  # planned, not yet in the calendar: dated by its window's first day
        day = last.start.astimezone(ZoneInfo(last.tz)).date()
    elif step.outcome.kind == "none":
        day = step.call_date
    else:
        return planned
    head = _("follow-up call #{number} on {day}", number=last.number, day=day.isoformat())
    if day < today:
        return _(
            "{call} — overdue since {day}: done? write the outcome in its notes",
            call=head,
            day=_short_day(day, _),
        )
    if step is None:
        return _("{step} (today)", step=planned) if day == today else planned
    if day == today:
        return _("{call} (today); afterwards write the outcome in its notes", call=head)
    return _("{call}; afterwards write the outcome in its notes", call=head)
