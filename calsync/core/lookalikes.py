"""The events that look like interviews but are not, each with the reason it was passed over.

A title with an interview word that calsync still skips (a declined screen, a cancelled onsite,
a mock interview, calsync's own follow-up) surprises a user unless `plan` says why. The
judgement is detection's own: the same predicates, asked in the order a user would find the
reason most telling.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from calsync.core.attendance import declined_by_user
from calsync.core.detect import is_cancelled_title, is_own_title, passed_over
from calsync.core.other_meetings import HIRING_SIDE, names_a_round
from calsync.core.ownership import is_calsync
from calsync.core.titles import mentions
from calsync.model import ExistingEvent, SourceEvent
from calsync.settings import Settings

OWN = "made by calsync"
CANCELLED = "cancelled"
DECLINED = "declined by you"


@dataclass(frozen=True)
class NotInterview:
    """An event with an interview word in its title that is not planned for, and why."""

    source_id: str
    title: str
    start: datetime
    tz: str
    all_day: bool
    reason: str


def excluded_word(title: str, excludes: Sequence[str]) -> str | None:
    """The first exclude word the title holds (whole words, any case), or None.

    >>> excluded_word("Mock interview with Dana", ("practice", "mock"))
    'mock'
    >>> excluded_word("Interview with Acme", ("mock",)) is None
    True
    """
    return next((word for word in excludes if mentions(title, (word,))), None)


def why_not(
    event: SourceEvent, settings: Settings, own_ids: frozenset[str] = frozenset()
) -> str | None:
    """Why an event whose title names an interview is not one; None when it is an interview
    or its title names none (then it is no look-alike, just another event)."""
    title = event.title  # the whole title, as detection reads it, so the two always agree
    if not (
        mentions(title, settings.interview_words)
        or names_a_round(title)
        or mentions(title, HIRING_SIDE.words)
    ):
        return None
    own = is_calsync(uid=event.uid, kind=event.calsync_kind) or is_own_title(title)
    if own or event.id in own_ids:
        return OWN
    if event.status.lower() == "cancelled" or is_cancelled_title(title):
        return CANCELLED
    word = excluded_word(title, settings.exclude_words)
    if word is not None:
        return f'excluded word "{word}"'
    if declined_by_user(event, settings.own_emails):
        return DECLINED
    return passed_over(event, settings)


def not_interviews(
    events: Iterable[SourceEvent],
    settings: Settings,
    *,
    own_ids: frozenset[str] = frozenset(),
    own: Iterable[ExistingEvent] = (),
) -> list[NotInterview]:
    """The look-alikes among the events, earliest first. `own_ids` are events known to be
    calsync's own follow-ups come back through a calendar app (recognised by their UID); `own`
    are calsync's events a backend set apart while reading (Google, CalDAV, Microsoft)."""
    found = [
        NotInterview(e.id, e.title, e.start, e.tz, e.all_day, reason)
        for e in events
        if (reason := why_not(e, settings, own_ids)) is not None
    ]
    found += [
        NotInterview(e.id, e.title, e.start, e.tz, False, OWN)
        for e in own
        if e.status != "cancelled" and mentions(e.title, settings.interview_words)
    ]
    found.sort(key=lambda n: (n.start, n.source_id))
    return found
