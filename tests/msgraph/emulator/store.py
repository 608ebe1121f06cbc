"""The emulated mailbox: calendars, events with change keys, extended properties, and a change log.

Every change bumps a global sequence number; a delta token is the number it was issued at, so an
incremental read returns what changed after it (an event deleted or moved out of the window as
`@removed`). Times are kept as UTC instants plus the zone the event was written in, which Graph
reports back as a Windows zone name in `originalStartTimeZone` — or, for an invitation another
system sent, a name that is no zone at all ("tzone://Microsoft/Custom", `shown_zone`).

As Graph answers (Microsoft's docs on the event resource, dateTimeTimeZone and the Prefer header):
start and end in UTC unless the request says `Prefer: outlook.timezone="ZONE"` (a Windows or IANA
name), then in that zone, named as asked; an all-day event at midnight of its dates in whatever
zone the answer is in (so "2027-01-20T00:00:00.0000000" in UTC by default).
"""

from __future__ import annotations

import copy
import itertools
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

Json = dict[str, Any]
USER = "pat@example.com"
DATA_PROPERTY = "String {6f0b3c52-1d8e-4a57-9c2b-6a1d3e7f5b80} Name calsyncData"
DEFAULT_CALENDAR = "AAMkDefaultCalendar"

# IANA → Windows for the zones tests use; Graph answers with Windows names
WINDOWS = {
    "America/Los_Angeles": "Pacific Standard Time",
    "America/New_York": "Eastern Standard Time",
    "America/Chicago": "Central Standard Time",
    "Europe/Berlin": "W. Europe Standard Time",
    "Europe/London": "GMT Standard Time",
    "UTC": "UTC",
}
IANA = {v: k for k, v in WINDOWS.items()}


def zone_of(name: str) -> ZoneInfo:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    return ZoneInfo(IANA.get(name) or WINDOWS_TO_OLSON.get(name) or name)


def preferred_zone(headers: dict[str, str]) -> str:
    """The zone a request's `Prefer: outlook.timezone="ZONE"` asks for; "" when none (UTC)."""
    prefer = headers.get("prefer", "")
    marker = "outlook.timezone="
    if marker not in prefer:
        return ""
    value = prefer.split(marker, 1)[1].strip()
    if value.startswith('"'):
        return value[1:].split('"', 1)[0]
    return value.split(",", 1)[0].strip()


def parse_time(value: Json) -> datetime:
    moment = datetime.fromisoformat(str(value["dateTime"]).split(".")[0])
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone_of(str(value.get("timeZone") or "UTC")))
    return moment.astimezone(UTC)


def graph_time(moment: datetime, zone: str = "") -> Json:
    """A dateTimeTimeZone in the zone asked for (its name as asked), else in UTC."""
    try:
        here = zone_of(zone) if zone else ZoneInfo("UTC")
    except (KeyError, ValueError):
        here, zone = ZoneInfo("UTC"), ""
    return {
        "dateTime": moment.astimezone(here).strftime("%Y-%m-%dT%H:%M:%S.0000000"),
        "timeZone": zone or "UTC",
    }


def all_day_time(day: date, zone: str = "") -> Json:
    """An all-day event's start or end: midnight of the date, in the zone the answer is in."""
    return {"dateTime": f"{day.isoformat()}T00:00:00.0000000", "timeZone": zone or "UTC"}


@dataclass
class Event:
    id: str
    calendar: str
    fields: Json  # subject, body, attendees, organizer, isAllDay, isCancelled, transactionId …
    start: datetime
    end: datetime
    zone: str  # Windows name
    shown_zone: str = ""  # what originalStartTimeZone says, when not `zone` (a custom zone)
    props: dict[str, str] = field(default_factory=dict)
    change_key: str = ""
    seq: int = 0
    deleted: bool = False
    modified: datetime = field(default_factory=lambda: datetime.now(UTC))
    garbled: Json = field(default_factory=dict)  # fields sent broken, as a faulty server might

    def days(self) -> tuple[date, date]:
        """An all-day event's first day and the day after its last, in its own zone."""
        here = zone_of(self.zone)
        return self.start.astimezone(here).date(), self.end.astimezone(here).date()

    def as_json(self, *, expand: str | None = None, zone: str = "") -> Json:
        """The event as Graph answers it, times in `zone` (Prefer: outlook.timezone), else UTC."""
        data = copy.deepcopy(self.fields)
        if self.fields.get("isAllDay"):
            first, after = self.days()
            start, end = all_day_time(first, zone), all_day_time(after, zone)
        else:
            start, end = graph_time(self.start, zone), graph_time(self.end, zone)
        data.update(
            {
                "id": self.id,
                "@odata.etag": f'W/"{self.change_key}"',
                "changeKey": self.change_key,
                "start": start,
                "end": end,
                "originalStartTimeZone": self.shown_zone or self.zone,
                "originalEndTimeZone": self.shown_zone or self.zone,
                "lastModifiedDateTime": self.modified.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "iCalUId": f"ical-{self.id}",
            }
        )
        data.update(self.garbled)
        if expand is not None:
            data["singleValueExtendedProperties"] = [
                {"id": k, "value": v} for k, v in self.props.items() if k.lower() == expand.lower()
            ]
        return data


class Store:
    def __init__(self) -> None:
        self.calendars: dict[str, Json] = {
            DEFAULT_CALENDAR: {
                "id": DEFAULT_CALENDAR,
                "name": "Calendar",
                "isDefaultCalendar": True,
            }
        }
        self.events: dict[str, Event] = {}
        self._transactions: dict[tuple[str, str], str] = {}
        self._seq = itertools.count(1)
        self.seq = 0

    def _bump(self, event: Event) -> None:
        self.seq = next(self._seq)
        event.seq = self.seq
        event.change_key = secrets.token_hex(6)
        event.modified = datetime.now(UTC)

    def add_calendar(self, name: str) -> str:
        calendar_id = f"AAMkCal{secrets.token_hex(4)}"
        self.calendars[calendar_id] = {"id": calendar_id, "name": name, "isDefaultCalendar": False}
        return calendar_id

    def calendar_id(self, path_part: str | None) -> str:
        return DEFAULT_CALENDAR if path_part is None else path_part

    def live(self, calendar: str | None = None) -> list[Event]:
        return [
            e
            for e in self.events.values()
            if not e.deleted and (calendar is None or e.calendar == calendar)
        ]

    def create(self, calendar: str, body: Json) -> tuple[Event, bool]:
        """The new event, or the live one with the same transactionId; True when new."""
        tx = body.get("transactionId")
        if tx:
            known = self.events.get(self._transactions.get((calendar, str(tx)), ""))
            if known is not None and not known.deleted:
                return known, False
        event = Event(
            id=f"AAMkEv{secrets.token_hex(10)}",
            calendar=calendar,
            fields={},
            start=datetime.now(UTC),
            end=datetime.now(UTC),
            zone="UTC",
        )
        self._apply_body(event, {"isAllDay": False, "isCancelled": False, **body})
        self._bump(event)
        self.events[event.id] = event
        if tx:
            self._transactions[(calendar, str(tx))] = event.id
        return event, True

    def _apply_body(self, event: Event, body: Json) -> None:
        for key, value in body.items():
            if key == "start":
                event.start = parse_time(value)
                event.zone = WINDOWS.get(str(value.get("timeZone")), str(value.get("timeZone")))
                event.shown_zone = ""
            elif key == "end":
                event.end = parse_time(value)
            elif key == "singleValueExtendedProperties":
                for prop in value:
                    event.props[str(prop["id"])] = str(prop["value"])
            else:
                event.fields[key] = copy.deepcopy(value)

    def update(self, event: Event, body: Json) -> None:
        self._apply_body(event, body)
        self._bump(event)

    def delete(self, event: Event) -> None:
        event.deleted = True
        self._bump(event)

    def own_filter(self, calendar: str, prop: str, value: str) -> list[Event]:
        return [e for e in self.live(calendar) if e.props.get(prop) == value]

    def in_window(self, event: Event, start: datetime, end: datetime) -> bool:
        return event.end > start and event.start < end
