"""The plain values that flow through calsync's pipeline.

source events → interviews → follow-up windows → follow-ups (what should exist)
                                                 → actions (against what the target holds)

Every value is a frozen dataclass: the core only builds new values from old ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

THANK_YOU = "thank-you"
FOLLOW_UP_CALL = "follow-up-call"
Kind = Literal["thank-you", "follow-up-call"]
KINDS: tuple[str, ...] = (THANK_YOU, FOLLOW_UP_CALL)


@dataclass(frozen=True)
class Attendee:
    """Someone on an event: an interviewer, the organiser or the user."""

    email: str = ""
    name: str = ""
    is_self: bool = False  # Google's `self`; the .ics reader leaves it False
    response: str = "needsAction"  # accepted | declined | tentative | needsAction
    is_organizer: bool = False


@dataclass(frozen=True)
class SourceEvent:
    """One event as read from a calendar (Google or .ics), before any judgement.

    `id` is the stable identity calsync keys everything on: the Google event id, or for .ics
    the UID (with `#RECURRENCE-ID` appended for one instance of a recurring event).
    `start`/`end` are timezone-aware; an all-day event starts at local midnight of its date
    and `all_day` is set. `tz` is the IANA zone the event is "local" in.
    """

    id: str
    title: str
    start: datetime
    end: datetime
    tz: str
    all_day: bool = False
    description: str = ""
    location: str = ""
    status: str = "confirmed"  # confirmed | tentative | cancelled
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()
    uid: str = ""  # raw iCalendar UID / Google iCalUID: how calsync recognises its own events
    calsync_kind: str | None = None  # set when the event carries calsync's own markers
    calsync_source: str | None = None
    calsync_fingerprint: str | None = None
    updated: datetime | None = (
        None  # when the event was last changed (Google `updated`, LAST-MODIFIED)
    )
    # does it make the user busy? TRANSP, Google `transparency`, Outlook `showAs`; None: the
    # calendar did not say (a timed event then counts as busy, an all-day one as free)
    busy: bool | None = None


@dataclass(frozen=True)
class Person:
    """An interviewer as the scripts address them."""

    name: str
    email: str = ""


@dataclass(frozen=True)
class Interview:
    """A source event judged to be a job interview, with what the scripts need."""

    source_id: str
    title: str
    company: str
    role: str
    interviewers: tuple[Person, ...]
    notes: str  # plain text, boilerplate removed
    start: datetime
    end: datetime
    tz: str
    all_day: bool = False
    phones: tuple[str, ...] = ()
    organiser_email: str = ""  # tells rounds of one employer apart when the title does not

    @property
    def local_date(self) -> date:
        from zoneinfo import ZoneInfo

        return self.start.astimezone(ZoneInfo(self.tz)).date()


WindowRule = Literal["explicit", "decision", "default"]


@dataclass(frozen=True)
class SetAside:
    """A dated phrase of the notes that did not decide the window, and why."""

    phrase: str
    why: str


@dataclass(frozen=True)
class Window:
    """When to make a follow-up call: `first` to `last` (inclusive), and why."""

    first: date
    last: date
    rule: WindowRule
    phrase: str | None = None  # the words in the notes the window came from
    decision_date: date | None = None  # the employer's decision date, for rule "decision"
    # what the notes said that was not taken; shown by `plan`, not part of the window itself
    set_aside: tuple[SetAside, ...] = field(default=(), compare=False, repr=False)


OutcomeKind = Literal["next-date", "rejected", "offer", "withdrew", "none"]


@dataclass(frozen=True)
class Outcome:
    """What the user wrote on a follow-up call after making it."""

    kind: OutcomeKind
    phrase: str | None = None
    window: Window | None = None  # for kind "next-date": when the next call falls
    line: str = ""  # the whole line of the user's notes the phrase was found in


@dataclass(frozen=True)
class FollowUp:
    """An event calsync wants the target to hold."""

    id: str  # deterministic: derived from (source calendar, source id, kind, number)
    kind: str  # THANK_YOU | FOLLOW_UP_CALL
    number: int  # 1 for the first of its kind; 2, 3 … further calls / the second thank-you
    source_id: str
    title: str
    description: str
    start: datetime
    end: datetime
    tz: str
    interview_start: datetime
    fingerprint: str = ""


@dataclass(frozen=True)
class ExistingEvent:
    """One of calsync's own events as the target (or the source) holds it now."""

    id: str
    kind: str
    number: int
    source_id: str
    title: str
    description: str
    start: datetime
    end: datetime
    tz: str = "UTC"
    status: str = "confirmed"  # "cancelled": calsync cancelled it (.ics) or it was deleted
    fingerprint: str | None = None  # what calsync stored when it last wrote the event
    interview_start: datetime | None = None
    sequence: int = 0
    deleted_by_user: bool = False  # Google: the user deleted it; never recreate
    updated: datetime | None = None  # when the event was last changed: when the outcome was written
    raw: object = field(default=None, compare=False, repr=False)  # adapter's own record

    @classmethod
    def seen_in(
        cls,
        event: SourceEvent,
        *,
        id: str,  # noqa: A002 - the field's name
        kind: str,
        number: int,
        source_id: str,
        fingerprint: str | None,
        interview_start: datetime | None = None,
        raw: object = None,
    ) -> ExistingEvent:
        """One of calsync's events as a calendar holds it, with whatever the user changed."""
        return cls(
            id=id,
            kind=kind,
            number=number,
            source_id=source_id,
            title=event.title,
            description=event.description,
            start=event.start,
            end=event.end,
            tz=event.tz,
            status=event.status,
            fingerprint=fingerprint,
            interview_start=interview_start,
            updated=event.updated,
            raw=raw,
        )


ActionOp = Literal["create", "update", "cancel", "keep"]


@dataclass(frozen=True)
class Action:
    """One step of a plan: what to do with one follow-up, and why."""

    op: ActionOp
    reason: str
    id: str
    desired: FollowUp | None = None
    existing: ExistingEvent | None = None

    @property
    def writes(self) -> bool:
        return self.op != "keep"
