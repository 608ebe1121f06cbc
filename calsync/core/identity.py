"""Deterministic identity and change detection for the events calsync writes.

An id is a pure function of (source calendar, source event id, kind, number), so a rerun after a
crash addresses the same event instead of making a second one. The same 32 hex digits serve as a
Google event id (Google allows the base32hex alphabet a–v, 0–9) and, with `@calsync`, as an .ics
UID; when calsync's events come back through a calendar app that dropped the X- properties, the
UID alone is enough to recognise them.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from calsync.model import ExistingEvent

UID_DOMAIN = "calsync"


def event_id(source_calendar: str, source_id: str, kind: str, number: int) -> str:
    """The id of one follow-up.

    >>> first = event_id("primary", "abc123", "thank-you", 1)
    >>> first == event_id("primary", "abc123", "thank-you", 1)
    True
    >>> first == event_id("primary", "abc123", "thank-you", 2)
    False
    >>> len(event_id("primary", "abc123", "follow-up-call", 2))
    32
    """
    key = "\x1f".join((source_calendar, source_id, kind, str(number)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def uid_for(event_id_: str) -> str:
    """The .ics UID of a follow-up."""
    return f"{event_id_}@{UID_DOMAIN}"


def id_from_uid(uid: str) -> str:
    """The event id inside a UID, whatever domain a calendar app gave it (`…@google.com`)."""
    return uid.split("@", 1)[0].strip().lower()


def normalise_text(text: str) -> str:
    """Text as calendar apps hand it back: line endings unified, trailing spaces dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


# A fingerprint is 16 hex digits over everything calsync writes, then 8 over the notes alone:
# the first part tells an edit, the second whether the notes are still calsync's text when the
# user only renamed or moved the event. Events written before the second part have 16 digits.
WHOLE = 16
NOTES = 8


def fingerprint(title: str, description: str, start: datetime, end: datetime) -> str:
    """A short hash of the fields calsync writes; a different value later means a user edit."""
    notes = normalise_text(description)  # once: both parts hash it
    parts = (
        title.strip(),
        notes,
        start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
        end.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
    )
    whole = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:WHOLE]
    return whole + _hash_notes(notes)


def _hash_notes(notes: str) -> str:
    """The notes part of a fingerprint, over notes already normalised."""
    return hashlib.sha256(notes.encode("utf-8")).hexdigest()[:NOTES]


def same_fingerprint(stored: str | None, wanted: str) -> bool:
    """True when an event calsync wrote still matches what it would write now. Only the part
    over every field counts, so events written before the notes part are not rewritten."""
    return stored is not None and stored[:WHOLE] == wanted[:WHOLE]


def user_edited(event: ExistingEvent) -> bool:
    """True when the title, description or time differ from what calsync last wrote."""
    if event.fingerprint is None:
        return False
    now = fingerprint(event.title, event.description, event.start, event.end)
    return not same_fingerprint(event.fingerprint, now)


def notes_as_written(event: ExistingEvent) -> bool:
    """True when the event's notes are exactly what calsync last wrote there, whatever the user
    did to its title or time; unknown (False) for an event without the notes part."""
    stored = event.fingerprint or ""
    if len(stored) != WHOLE + NOTES:
        return False
    return _hash_notes(normalise_text(event.description)) == stored[WHOLE:]
