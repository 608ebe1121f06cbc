"""The calendars and events behind the emulator, with Google's rules for writing them.

Times are kept as instants and rendered on the way out in the calendar's zone (or the zone a
list asks for), because Google answers `dateTime` in the calendar's zone whatever zone the
event was written in. Deleted events stay as `cancelled` tombstones so that incremental sync can
report them and so that their ids can never be inserted again.
"""

from __future__ import annotations

import copy
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tests.emulator.errors import ApiError

USER_EMAIL = "user@example.com"
_ID_PATTERN = re.compile(r"^[a-v0-9]{5,1024}$")
_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuv"
# Google drops longer keys and cuts longer values of extended properties without an error.
_MAX_PROPERTY_KEY = 44
_MAX_PROPERTY_VALUE = 1024
# Fields a client may send but Google computes itself.
_COMPUTED = {"kind", "etag", "created", "updated", "creator", "organizer", "htmlLink"}
# Changes that make Google raise an event's sequence (what invitations care about).
_SEQUENCED = ("start", "end", "recurrence", "status", "location")


@dataclass
class StoredEvent:
    resource: dict[str, Any]
    key: int  # insertion order: the stable order of an unordered list
    changed: int  # the store's change counter at the last write
    start_at: datetime
    end_at: datetime

    @property
    def deleted(self) -> bool:
        return bool(self.resource.get("status") == "cancelled")


@dataclass
class Calendar:
    id: str
    summary: str
    time_zone: str
    access_role: str = "owner"
    events: dict[str, StoredEvent] = field(default_factory=dict)
    ical_uids: set[str] = field(default_factory=set)
    updated_ms: int = 0

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def rfc3339_ms(ms: int) -> str:
    """Google's `updated`/`created` shape: UTC with milliseconds."""
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def render_instant(moment: datetime, zone: ZoneInfo) -> str:
    text = moment.astimezone(zone).isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_instant(text: str, what: str) -> datetime:
    """An RFC 3339 timestamp with an offset, as Google requires for timeMin and friends."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ApiError(400, "badRequest", f"Bad Request: invalid {what} '{text}'.") from None
    if moment.tzinfo is None:
        raise ApiError(400, "badRequest", f"Bad Request: {what} needs an offset.")
    return moment


def new_event_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(26))


class Store:
    """Calendars and their events; callers hold the emulator's lock around every method."""

    def __init__(self) -> None:
        self.calendars: dict[str, Calendar] = {}
        self.counter = 0  # bumped by every write, in every calendar: what sync tokens count
        self.sync_generation = 0
        self._next_key = 0
        self._last_ms = 0

    # -- calendars -------------------------------------------------------------------------

    def add_calendar(self, calendar_id: str, time_zone: str, summary: str, role: str) -> None:
        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {time_zone!r}") from None
        self.calendars[calendar_id] = Calendar(
            calendar_id, summary, time_zone, role, updated_ms=self._tick()
        )

    def calendar(self, calendar_id: str) -> Calendar:
        if calendar_id == USER_EMAIL:
            calendar_id = "primary"
        found = self.calendars.get(calendar_id)
        if found is None:
            raise ApiError(404, "notFound")
        return found

    def writable(self, calendar_id: str) -> Calendar:
        cal = self.calendar(calendar_id)
        if cal.access_role not in ("owner", "writer"):
            raise ApiError(403, "requiredAccessLevel")
        return cal

    # -- reads -----------------------------------------------------------------------------

    def stored(self, cal: Calendar, event_id: str) -> StoredEvent:
        found = cal.events.get(event_id)
        if found is None:
            raise ApiError(404, "notFound")
        return found

    def render(
        self, cal: Calendar, event: StoredEvent, zone: ZoneInfo | None = None
    ) -> dict[str, Any]:
        out = copy.deepcopy(event.resource)
        zone = zone or cal.zone
        for name, moment in (("start", event.start_at), ("end", event.end_at)):
            if "dateTime" in out[name]:
                out[name]["dateTime"] = render_instant(moment, zone)
        return out

    # -- writes ----------------------------------------------------------------------------

    def insert(
        self, cal: Calendar, body: dict[str, Any], *, any_id: bool = False
    ) -> dict[str, Any]:
        """A new event; `any_id` admits ids Google makes itself (recurring instances, imports)."""
        event_id = body.get("id")
        if event_id is None:
            event_id = new_event_id()
        elif not isinstance(event_id, str) or not (
            _ID_PATTERN.match(event_id) or (any_id and event_id)
        ):
            raise ApiError(400, "invalid", "Invalid resource id value.")
        # A deleted event keeps its id for good: Google refuses to reuse it.
        if event_id in cal.events:
            raise ApiError(409, "duplicate")
        ical_uid = body.get("iCalUID") or f"{event_id}@google.com"
        # the instances of a recurring event share their series' iCalUID
        if ical_uid in cal.ical_uids and not body.get("recurringEventId"):
            raise ApiError(409, "duplicate")
        resource = self._clean(cal, body)
        start_at, end_at = self._times(cal, resource)
        ms = self._tick()
        resource.update(
            kind="calendar#event",
            id=event_id,
            status=resource.get("status", "confirmed"),
            htmlLink=f"https://www.google.com/calendar/event?eid={event_id}",
            created=rfc3339_ms(ms),
            updated=rfc3339_ms(ms),
            creator={"email": USER_EMAIL, "self": True},
            organizer=self._organizer(cal),
            iCalUID=ical_uid,
            sequence=max(0, int(resource.get("sequence", 0))),
            etag=f'"{ms * 1000}"',
        )
        resource.setdefault("reminders", {"useDefault": True})
        resource.setdefault("eventType", "default")
        self._next_key += 1
        self.counter += 1
        stored = StoredEvent(resource, self._next_key, self.counter, start_at, end_at)
        cal.events[event_id] = stored
        cal.ical_uids.add(ical_uid)
        cal.updated_ms = ms
        return self.render(cal, stored)

    def update(
        self, cal: Calendar, event_id: str, body: dict[str, Any], etag: str = ""
    ) -> dict[str, Any]:
        stored = self.stored(cal, event_id)
        self._check_etag(stored, etag)
        kept = {k: stored.resource[k] for k in ("id", "iCalUID", "created", "sequence")}
        return self._replace(
            cal, stored, {**body, **kept, "sequence": body.get("sequence", kept["sequence"])}
        )

    def patch(
        self, cal: Calendar, event_id: str, body: dict[str, Any], etag: str = ""
    ) -> dict[str, Any]:
        stored = self.stored(cal, event_id)
        self._check_etag(stored, etag)
        merged = _merge(copy.deepcopy(stored.resource), body)
        merged.update(id=stored.resource["id"], iCalUID=stored.resource["iCalUID"])
        return self._replace(cal, stored, merged)

    def delete(self, cal: Calendar, event_id: str, etag: str = "") -> None:
        stored = self.stored(cal, event_id)
        if stored.deleted:
            raise ApiError(410, "deleted")
        self._check_etag(stored, etag)
        self._replace(cal, stored, {**stored.resource, "status": "cancelled"})

    def _replace(self, cal: Calendar, stored: StoredEvent, body: dict[str, Any]) -> dict[str, Any]:
        old = stored.resource
        resource = self._clean(cal, body)
        resource.setdefault("status", "confirmed")
        start_at, end_at = self._times(cal, resource)
        sequence = int(old.get("sequence", 0))
        asked = int(resource.get("sequence", sequence))
        if asked < sequence:
            raise ApiError(
                400,
                "invalid",
                "Invalid sequence value. The specified sequence number is below the current "
                "sequence number of the resource.",
            )
        moved = (start_at, end_at) != (stored.start_at, stored.end_at)
        if asked == sequence and (
            moved or any(old.get(k) != resource.get(k) for k in _SEQUENCED[2:])
        ):
            asked += 1
        ms = self._tick()
        resource.update(
            kind="calendar#event",
            id=old["id"],
            status=resource.get("status", "confirmed"),
            htmlLink=old["htmlLink"],
            created=old["created"],
            updated=rfc3339_ms(ms),
            creator=old["creator"],
            organizer=old["organizer"],
            iCalUID=old["iCalUID"],
            sequence=asked,
            etag=f'"{ms * 1000}"',
        )
        resource.setdefault("reminders", {"useDefault": True})
        resource.setdefault("eventType", old.get("eventType", "default"))
        self.counter += 1
        stored.resource, stored.changed = resource, self.counter
        stored.start_at, stored.end_at = start_at, end_at
        cal.updated_ms = ms
        return self.render(cal, stored)

    # -- helpers ---------------------------------------------------------------------------

    def _tick(self) -> int:
        """Milliseconds that never repeat, so every write gets a fresh `updated` and etag."""
        self._last_ms = max(int(time.time() * 1000), self._last_ms + 1)
        return self._last_ms

    def _organizer(self, cal: Calendar) -> dict[str, Any]:
        if cal.id == "primary":
            return {"email": USER_EMAIL, "self": True}
        return {"email": cal.id, "displayName": cal.summary, "self": True}

    @staticmethod
    def _check_etag(stored: StoredEvent, etag: str) -> None:
        if etag and etag != "*" and etag != stored.resource["etag"]:
            raise ApiError(412, "conditionNotMet")

    def _clean(self, cal: Calendar, body: dict[str, Any]) -> dict[str, Any]:
        resource = {k: copy.deepcopy(v) for k, v in body.items() if k not in _COMPUTED}
        status = resource.get("status", "confirmed")
        if status not in ("confirmed", "tentative", "cancelled"):
            raise ApiError(400, "invalid", f"Invalid value for status: {status}")
        props = resource.get("extendedProperties")
        if isinstance(props, dict):
            for scope in ("private", "shared"):
                values = props.get(scope)
                if isinstance(values, dict):
                    props[scope] = {
                        str(k): str(v)[:_MAX_PROPERTY_VALUE]
                        for k, v in values.items()
                        if v is not None and len(str(k)) <= _MAX_PROPERTY_KEY
                    }
        attendees = resource.get("attendees")
        if isinstance(attendees, list):
            for person in attendees:
                if isinstance(person, dict):
                    person.setdefault("responseStatus", "needsAction")
                    if str(person.get("email", "")).lower() == USER_EMAIL:
                        person["self"] = True
        return resource

    def _times(self, cal: Calendar, resource: dict[str, Any]) -> tuple[datetime, datetime]:
        if not isinstance(resource.get("start"), dict):
            raise ApiError(400, "required", "Missing start time.")
        if not isinstance(resource.get("end"), dict):
            raise ApiError(400, "required", "Missing end time.")
        start, start_all_day = self._when(cal, resource["start"], "start")
        end, end_all_day = self._when(cal, resource["end"], "end")
        if start_all_day != end_all_day:
            raise ApiError(
                400, "invalid", "Start and end times must either both be date or both be dateTime."
            )
        if end < start or (start_all_day and end == start):
            raise ApiError(400, "timeRangeEmpty")
        return start, end

    def _when(self, cal: Calendar, when: dict[str, Any], name: str) -> tuple[datetime, bool]:
        zone = cal.zone
        if when.get("timeZone"):
            try:
                zone = ZoneInfo(str(when["timeZone"]))
            except (ZoneInfoNotFoundError, ValueError):
                raise ApiError(
                    400, "timeZoneInvalid", f"Invalid time zone definition for {name} time."
                ) from None
        if when.get("dateTime"):
            try:
                moment = datetime.fromisoformat(str(when["dateTime"]))
            except ValueError:
                raise ApiError(400, "invalid", f"Invalid {name} time.") from None
            if moment.tzinfo is None:
                if not when.get("timeZone"):
                    raise ApiError(
                        400, "required", f"Missing time zone definition for {name} time."
                    )
                moment = moment.replace(tzinfo=zone)
            when.pop("date", None)
            return moment, False
        if when.get("date"):
            try:
                day = date.fromisoformat(str(when["date"]))
            except ValueError:
                raise ApiError(400, "invalid", f"Invalid {name} time.") from None
            # An all-day event covers the day in the calendar's zone.
            return datetime(day.year, day.month, day.day, tzinfo=cal.zone), True
        raise ApiError(400, "required", f"Missing {name} time.")


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Google's PATCH: given fields replace, objects merge by key, lists replace, null clears."""
    for key, value in patch.items():
        if value is None:
            base.pop(key, None)
        elif (
            key in ("start", "end") and isinstance(value, dict) and isinstance(base.get(key), dict)
        ):
            # A date and a dateTime cannot live side by side, so switching kinds starts afresh.
            when = {} if "date" in value else {k: v for k, v in base[key].items() if k != "date"}
            base[key] = _merge(when, value)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base
