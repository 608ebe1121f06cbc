"""The follow-up chain: what the user wrote on each call decides the next step.

Call #1 comes from the inferred window. After each call the user writes what they learned in
that event's notes; the lines they added (the description minus what calsync wrote) are read as
an outcome:

- a new date → call #N+1 by the same window rules, relative to the date of call #N
  (at most `max_calls` calls);
- the job went to someone else → one "send another thank-you note" event; the chain ends;
- an offer, a hire or a withdrawal → the chain ends;
- nothing recognisable → nothing more is planned.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from calsync.core import templates
from calsync.core.dates import BusinessDays
from calsync.core.followups import MORNING, ChainStep, at_local, make_followup
from calsync.core.free_slots import Ask, Slot, SlotBook, employer_zone
from calsync.core.identity import event_id, normalise_text, notes_as_written, user_edited
from calsync.core.notes import notes_text
from calsync.core.outcome import CallNotes, read_call_notes
from calsync.core.said import said
from calsync.model import (
    FOLLOW_UP_CALL,
    THANK_YOU,
    ExistingEvent,
    FollowUp,
    Interview,
    Outcome,
    Window,
    WindowRule,
)
from calsync.settings import Settings

_SPACE = re.compile(r"\s+")
_QUOTE = 'from your notes: "'
_RULES: tuple[WindowRule, ...] = ("explicit", "decision", "default")
_NUMBER = re.compile(r"\d+")
_CALENDAR_WORD = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?|am|pm)\b"
)


def follow_calls(
    interview: Interview,
    window: Window,
    settings: Settings,
    *,
    source_calendar: str,
    observed: Mapping[str, ExistingEvent],
    business: BusinessDays,
    rounds: tuple[Interview, ...] = (),
    book: SlotBook | None = None,
    user_zone: str | None = None,
) -> tuple[list[FollowUp], list[ChainStep], str, dict[str, Slot]]:
    """The calls (and a closing thank-you note) that should exist, the steps already taken,
    a sentence saying what happens next, and each call's slot with why it was chosen.
    `rounds` are the application's rounds so far (the interview is the latest), for the call
    script; `book` holds the calendar's busy time (none: the first day at `call_time`);
    `user_zone` is where the user is (none: the interview's zone)."""
    zone = ZoneInfo(interview.tz)
    book = book or SlotBook((), call_time=settings.call_time, call_hours=settings.call_hours)
    followups: list[FollowUp] = []
    steps: list[ChainStep] = []
    slots: dict[str, Slot] = {}
    number = 1
    previous: Outcome | None = None
    while True:
        call_id = event_id(source_calendar, interview.source_id, FOLLOW_UP_CALL, number)
        description = templates.call_description(
            interview, window, number, settings, previous, rounds=rounds, business=business
        )
        slot = _slot(
            book,
            interview,
            window,
            (call_id, description),
            observed.get(call_id),
            business,
            user_zone,
        )
        slots[call_id] = slot
        call = make_followup(
            interview,
            kind=FOLLOW_UP_CALL,
            number=number,
            title=templates.call_title(interview, number, settings.language),
            description=description,
            start=slot.start.astimezone(zone),
            source_calendar=source_calendar,
        )
        followups.append(call)
        seen = observed.get(call.id)
        if seen is None or seen.deleted_by_user:
            on = slot.start.astimezone(zone).date().isoformat()
            return followups, steps, f"follow-up call #{number} on {on}", slots
        call_date = seen.start.astimezone(zone).date()
        # notes exactly as calsync wrote them hold no outcome, whatever they say by now (the
        # interview may have moved since) and whatever the user did to the title or time
        untouched = seen.fingerprint is not None and not user_edited(seen)
        as_written = untouched or notes_as_written(seen)
        added = (
            ""
            if as_written
            else user_notes(
                seen.description,
                call.description,
                *_texts_it_may_hold(
                    interview, window, number, settings, previous, rounds, business
                ),
            )
        )
        read = (
            read_call_notes(
                added,
                call_date,
                date_order=settings.date_order,
                business=business,
                languages=settings.languages or (),
            )
            if added
            else CallNotes(Outcome(kind="none"))
        )
        outcome = replace(read.outcome, line=line_with(added, read.outcome.phrase))
        steps.append(
            ChainStep(
                number=number,
                event_id=call.id,
                call_date=call_date,
                outcome=outcome,
                source_id=interview.source_id,
                decided_by=read.line,
                set_aside=read.set_aside,
            )
        )
        if outcome.kind == "next-date" and outcome.window is not None:
            if number >= settings.max_calls:
                return (
                    followups,
                    steps,
                    f"no further call: max_calls ({settings.max_calls}) reached",
                    slots,
                )
            number += 1
            window = outcome.window
            previous = outcome
            continue
        if outcome.kind == "rejected":
            recorded = recorded_on(seen, call_date, zone)
            day = recorded + timedelta(days=1)
            followups.append(
                make_followup(
                    interview,
                    kind=THANK_YOU,
                    number=2,
                    title=templates.another_thank_you_title(interview, settings.language),
                    description=templates.another_thank_you_description(
                        interview, outcome, settings
                    ),
                    start=at_local(day, MORNING, interview.tz),
                    source_calendar=source_calendar,
                )
            )
            said = f"send another thank-you note on {day.isoformat()}; chain ends"
            return followups, steps, said, slots
        if outcome.kind == "offer":
            return followups, steps, "chain ends: an offer", slots
        if outcome.kind == "withdrew":
            return followups, steps, "chain ends: you withdrew", slots
        return (
            followups,
            steps,
            f"waiting for the outcome of call #{number} (write it in that event's notes)",
            slots,
        )


def _slot(
    book: SlotBook,
    interview: Interview,
    window: Window,
    call: tuple[str, str],
    seen: ExistingEvent | None,
    business: BusinessDays,
    user_zone: str | None,
) -> Slot:
    """Where the call goes: where the user put it, else the book's first free slot, or where
    calsync put it before while that is still free and the call is otherwise as calsync would
    write it now (its description names the window: a new window is a new placement).
    `call` is the call's id and description."""
    call_id, description = call
    live = seen is not None and not seen.deleted_by_user and seen.status != "cancelled"
    if seen is not None and live and seen.fingerprint is not None and user_edited(seen):
        book.take(seen.start)
        return Slot(seen.start, said("you changed this call; it stays as you made it"))
    same = seen is not None and normalise_text(seen.description) == normalise_text(description)
    kept = seen.start if seen is not None and live and seen.fingerprint and same else None
    days = [window.first + timedelta(days=n) for n in range((window.last - window.first).days + 1)]
    days = [d for d in days if d == window.first or business.is_business_day(d)] or [window.first]
    mine = user_zone or interview.tz
    return book.place(
        Ask(
            days=tuple(days),
            day_zone=interview.tz,
            user_zone=mine,
            employer_zone=employer_zone(interview.tz, mine),
            company=interview.company,
            kept=kept,
            call_id=call_id,
        )
    )


def recorded_on(seen: ExistingEvent, call_date: date, zone: ZoneInfo) -> date:
    """The day the outcome was written: the event's last change (LAST-MODIFIED, Google's
    `updated`), which may come before the call when the news came first; the call's own date
    only when the calendar does not say."""
    if seen.updated is None:
        return call_date
    return seen.updated.astimezone(zone).date()


def line_with(notes: str, phrase: str | None) -> str:
    r"""The whole line of `notes` that holds `phrase` (what the user wrote, not just the words
    that matched), or "" when there is none.

    >>> line_with("Called Jane.\nSadly they hired someone else, fine.", "hired someone else")
    'Sadly they hired someone else, fine.'
    """
    if not phrase:
        return ""
    wanted = _key(phrase)
    return next((line.strip() for line in notes.split("\n") if wanted in _key(line)), "")


def _texts_it_may_hold(
    interview: Interview,
    window: Window,
    number: int,
    settings: Settings,
    previous: Outcome | None,
    rounds: tuple[Interview, ...],
    business: BusinessDays,
) -> list[str]:
    """What calsync may have written on this call before the source changed: the same call with
    a window of each kind (one day or two, from a decision date, the notes or the default) and
    as a lone interview's call or an application's. A moved interview or a round added since
    changes these lines; they are still not the user's."""
    decided = window.decision_date or window.first
    windows = [
        replace(window, rule=rule, last=last, decision_date=decided)
        for rule in _RULES
        for last in (window.first, window.first + timedelta(days=1))
    ]
    shapes = [(), (interview, interview) if len(rounds) < 2 else rounds]
    # and in English, the language every call was written in before `language` existed
    languages = [
        replace(settings, language=code) for code in dict.fromkeys((settings.language, "en"))
    ]
    return [
        templates.call_description(
            interview, each, number, written, previous, rounds=shape, business=business
        )
        for written in languages
        for each in windows
        for shape in shapes
    ] + [templates.former_call_lines(interview, window, settings, shape) for shape in shapes]


def user_notes(current: str, generated: str, *before: str) -> str:
    """The lines of `current` that calsync did not write: what the user added.

    Calendar apps turn plain text into HTML when a user edits it, so both sides are reduced to
    text first; lines are compared without case and spacing. `generated` is what calsync would
    write now, `before` what it may have written earlier; the event may still hold what it
    wrote before the interview moved, so a line that differs from one of calsync's only in its
    dates and numbers is calsync's too, and so is its quote of the interview's notes.
    """
    ours = {_key(line) for text in (generated, *before) for line in _lines(text)}
    shapes = {_shape(key) for key in ours}
    added = [
        line
        for line in _lines(current)
        if _key(line) not in ours and _shape(_key(line)) not in shapes and not _quote(line)
    ]
    return "\n".join(added)


def _quote(line: str) -> bool:
    """calsync's quote of the words a window came from: 'From your notes: "…"'."""
    key = _key(line)
    return key.startswith(_QUOTE) and key.endswith('"') and len(key) > len(_QUOTE)


def _lines(text: str) -> list[str]:
    plain = notes_text(text) if "<" in text else text
    return [line.strip() for line in normalise_text(plain).split("\n") if line.strip()]


def _key(line: str) -> str:
    return _SPACE.sub(" ", line).strip().casefold()


def _shape(key: str) -> str:
    """A line with its dates and times blanked: "call on: thursday, december 3, 2026" and
    "call on: monday, december 14, 2026" have the same shape."""
    return _NUMBER.sub("#", _CALENDAR_WORD.sub("@", key))
