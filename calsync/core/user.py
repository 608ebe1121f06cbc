"""Telling the user apart from interviewers when they did not say who they are.

Google marks the user's own attendee entry (`self`); an .ics export does not. When neither
`--email` nor the config names the user, the address that attends nearly every interview is the
user's: interviewers change from one company to the next, the candidate does not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from calsync.core.detect import MAX_TITLE_READ, is_interview_title
from calsync.core.reading.languages import read_in
from calsync.model import SourceEvent
from calsync.settings import Settings

MIN_INTERVIEWS = 2
SHARE = 0.6


def guess_user_emails(
    events: Iterable[SourceEvent],
    words: Sequence[str],
    excludes: Sequence[str],
    *,
    calendar_name: str | None = None,
    languages: Sequence[str] = (),
) -> tuple[str, ...]:
    """The addresses that are most likely the user's (empty when nothing stands out): those
    on most of the interviews, whose titles are read in `languages` too.

    >>> from datetime import datetime, UTC
    >>> from calsync.model import Attendee
    >>> def iv(*emails):
    ...     t = datetime(2026, 12, 1, tzinfo=UTC)
    ...     people = tuple(Attendee(email=e) for e in emails)
    ...     return SourceEvent(id=emails[0], title="Interview", start=t, end=t, tz="UTC",
    ...                        attendees=people)
    >>> guess_user_emails([iv("a@x.com", "me@y.org"), iv("b@z.com", "me@y.org")],
    ...                   ["interview"], [])
    ('me@y.org',)
    """
    found: list[str] = []
    if calendar_name and "@" in calendar_name and " " not in calendar_name.strip():
        found.append(calendar_name.strip().lower())
    counts: Counter[str] = Counter()
    interviews = 0
    for event in events:
        if not is_interview_title(
            read_in(event.title[:MAX_TITLE_READ], languages).text, words, excludes
        ):
            continue
        interviews += 1
        counts.update({a.email.lower() for a in event.attendees if a.email})
    if interviews >= MIN_INTERVIEWS:
        found.extend(
            email
            for email, seen in counts.most_common()
            if seen >= SHARE * interviews and email not in found
        )
    return tuple(found)


def user_name(events: Iterable[SourceEvent], own_emails: frozenset[str]) -> str:
    """The name the calendar gives the user's own attendee entry ("" when it gives none).

    Google marks that entry `self`; otherwise it is the entry with one of the user's addresses.
    The most frequent spelling wins, so one odd invite does not rename the user.
    """
    names: Counter[str] = Counter()
    for event in events:
        for person in (*event.attendees, *([event.organizer] if event.organizer else [])):
            name = " ".join(person.name.split())
            if not name or "@" in name:
                continue
            if person.is_self or person.email.strip().lower() in own_emails:
                names[name] += 1
    return names.most_common(1)[0][0] if names else ""


def with_user(
    settings: Settings, events: Sequence[SourceEvent], *, holidays: str | None
) -> Settings:
    """The run's settings completed from the calendar: the user's name when `--name` and the
    config give none (so scripts are signed), and the holiday country already chosen."""
    name = settings.name.strip() or user_name(events, settings.own_emails)
    return replace(settings, name=name, holidays=holidays)
