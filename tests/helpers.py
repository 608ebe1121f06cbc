"""Small builders for test calendars: real .ics text, as a calendar app would export it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import icalendar


@dataclass
class Ev:
    """One event of a test calendar."""

    uid: str
    title: str
    start: datetime  # aware
    minutes: int = 60
    description: str = ""
    status: str = "CONFIRMED"
    attendees: list[tuple[str, str, str]] = field(default_factory=list)  # (email, name, partstat)
    organizer: tuple[str, str] | None = None
    extra: dict[str, str] = field(default_factory=dict)
    last_modified: datetime | None = None


ME = ("alex.rivera@example.com", "Alex Rivera", "ACCEPTED")


def calendar_bytes(events: list[Ev], *, wr_timezone: str | None = None) -> bytes:
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//Test//calsync tests//EN")
    cal.add("VERSION", "2.0")
    if wr_timezone:
        cal.add("X-WR-TIMEZONE", wr_timezone)
    for ev in events:
        event = icalendar.Event()
        event.add("UID", ev.uid)
        event.add("DTSTAMP", datetime(2026, 11, 1, 12, 0))
        event.add("SUMMARY", ev.title)
        event.add("DTSTART", ev.start)
        event.add("DTEND", ev.start + timedelta(minutes=ev.minutes))
        if ev.description:
            event.add("DESCRIPTION", ev.description)
        event.add("STATUS", ev.status)
        if ev.organizer:
            org = icalendar.vCalAddress(f"mailto:{ev.organizer[0]}")
            org.params["CN"] = ev.organizer[1]
            event.add("ORGANIZER", org)
        for email, name, partstat in ev.attendees:
            att = icalendar.vCalAddress(f"mailto:{email}")
            att.params["CN"] = name
            att.params["PARTSTAT"] = partstat
            event.add("ATTENDEE", att)
        if ev.last_modified:
            event.add("LAST-MODIFIED", ev.last_modified)
        for key, value in ev.extra.items():
            event.add(key, value)
        cal.add_component(event)
    return bytes(cal.to_ical())


def write_calendar(path: Path, events: list[Ev], **kwargs: str) -> Path:
    path.write_bytes(calendar_bytes(events, **kwargs))
    return path


def read_events(path: Path) -> dict[str, icalendar.Event]:
    """The VEVENTs of an .ics file by UID."""
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def exported(component: icalendar.Event, *, notes: str | None = None, drop_x: bool = True) -> Ev:
    """calsync's event as a calendar app exports it after import: same UID, X- properties
    dropped, and the user's notes added to the description."""
    description = str(component.get("DESCRIPTION", ""))
    if notes:
        description = f"{description}\n{notes}"
    start = component["DTSTART"].dt
    end = component["DTEND"].dt
    extra = {} if drop_x else {k: str(v) for k, v in component.items() if k.startswith("X-")}
    return Ev(
        uid=str(component["UID"]),
        title=str(component["SUMMARY"]),
        start=start,
        minutes=int((end - start).total_seconds() // 60),
        description=description,
        extra=extra,
    )


@contextmanager
def system_zone(zone: str) -> Iterator[None]:
    """The machine's zone, as calsync runs in this process see it (TZ), for the block only.

    tzlocal reads TZ once and caches it, so it is reloaded on the way in and on the way out."""
    import tzlocal

    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    tzlocal.reload_localzone()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        tzlocal.reload_localzone()
