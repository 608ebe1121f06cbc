"""calsync's follow-ups as CalDAV objects, and CalDAV objects read back as calsync's events.

A follow-up is stored one per resource with the very properties of calsync's `.ics` output (the
`.ics` target's own builder makes the VEVENT and its VTIMEZONEs), so a calendar app shows the
same event whichever way it arrived. A resource is calsync's when its UID carries calsync's id
(`…@calsync`) and either calsync's X- properties or calsync's memory of having written it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import icalendar

from calsync.adapters.ics.target import PRODID, _existing, _timezones, event_component
from calsync.core.identity import UID_DOMAIN, id_from_uid
from calsync.model import ExistingEvent, FollowUp

CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class Stored:
    """Where one of calsync's events lives on the server: the adapter's `raw` record."""

    href: str
    etag: str | None  # None: not known, re-read before writing
    uid: str
    created: datetime | None = None


@dataclass(frozen=True)
class Remembered:
    """What calsync's memory holds of an event it wrote (for apps that drop X- properties)."""

    kind: str
    number: int
    source_id: str
    start: datetime
    interview_start: datetime | None = None


def body(
    followup: FollowUp,
    *,
    sequence: int,
    stamp: datetime,
    created: datetime,
    reminder_minutes: int,
) -> str:
    """The text of one calendar object resource holding one follow-up."""
    event = event_component(
        followup,
        sequence=sequence,
        stamp=stamp.astimezone(UTC).replace(microsecond=0),
        created=created,
        reminder_minutes=reminder_minutes,
    )
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    # no METHOD: RFC 4791 forbids it in a stored calendar object
    for zone in _timezones([event]):
        calendar.add_component(zone)
    calendar.add_component(event)
    return bytes(calendar.to_ical()).decode("utf-8")


def parse(data: str) -> icalendar.Calendar | None:
    """A resource's calendar, or None when it is not readable iCalendar."""
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return calendars[0] if calendars else None


def may_be_calsyncs(data: str) -> bool:
    """False when the text cannot hold one of calsync's UIDs (checked before parsing)."""
    unfolded = data.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "")
    return ("@" + UID_DOMAIN).lower() in unfolded.lower()


def is_calsync_uid(uid: str) -> bool:
    return uid.strip().lower().endswith("@" + UID_DOMAIN)


def first_event(calendar: icalendar.Calendar) -> icalendar.Event | None:
    for component in calendar.walk("VEVENT"):
        if isinstance(component, icalendar.Event):
            return component
    return None


def own_event(
    calendar: icalendar.Calendar,
    href: str,
    etag: str | None,
    label: str,
    memory: dict[str, Remembered],
) -> ExistingEvent | None:
    """One of calsync's events as the server holds it, or None when it is not calsync's."""
    component = first_event(calendar)
    if component is None:
        return None
    uid = str(component.get("UID", "")).strip()
    if not is_calsync_uid(uid):
        return None
    try:
        event = _existing(component, label)
    except Exception:  # noqa: BLE001 - a damaged event of ours is left alone, never rewritten
        return None
    created = getattr(component.get("CREATED"), "dt", None)
    stored = Stored(
        href=href,
        etag=etag,
        uid=uid,
        created=created if isinstance(created, datetime) else None,
    )
    event = replace(event, raw=stored)
    if event.status == "cancelled":
        # calsync deletes its events on CalDAV; a cancelled one was cancelled by the user
        event = replace(event, deleted_by_user=True)
    if not event.kind:
        known = memory.get(id_from_uid(uid))
        if known is None:
            return None
        # an app dropped calsync's X- properties on edit: the memory knows what it was, and
        # without its fingerprint it counts as edited by the user (never overwritten)
        event = replace(
            event,
            kind=known.kind,
            number=known.number,
            source_id=known.source_id,
            interview_start=known.interview_start,
            fingerprint="",
        )
    return event
