"""Whether the user said no to an event: the one definition detection and the chain share."""

from __future__ import annotations

from calsync.model import Attendee, SourceEvent


def is_user(person: Attendee, own_emails: frozenset[str]) -> bool:
    """The user among an event's people: Google's `self` mark, or one of the user's addresses."""
    return person.is_self or person.email.strip().lower() in own_emails


def declined_by_user(event: SourceEvent, own_emails: frozenset[str]) -> bool:
    """True when the user (as attendee or organiser) answered the invitation with "declined".

    >>> me = Attendee(email="Alex@Example.com", response="DECLINED")
    >>> from datetime import UTC, datetime
    >>> at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    >>> event = SourceEvent("e1", "Interview", at, at, "UTC", attendees=(me,))
    >>> declined_by_user(event, frozenset({"alex@example.com"}))
    True
    >>> declined_by_user(event, frozenset())
    False
    """
    people = [*event.attendees, *([event.organizer] if event.organizer else [])]
    return any(is_user(a, own_emails) and a.response.lower() == "declined" for a in people)
