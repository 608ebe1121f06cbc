"""Google Calendar event resources ↔ calsync's model values.

Google hands back `dateTime` values rendered in the calendar's zone whatever zone the event was
written in, so times become aware datetimes (instants) and the event's own zone travels in `tz`.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calsync.core.draft_links import as_plain, with_link_text
from calsync.core.ownership import is_calsync
from calsync.model import Attendee, ExistingEvent, FollowUp, SourceEvent

# The private extended properties that mark an event as calsync's own.
KIND = "calsync_kind"
SOURCE = "calsync_source"
NUMBER = "calsync_number"
FINGERPRINT = "calsync_fingerprint"
INTERVIEW_START = "calsync_interview_start"

# Only what calsync reads: a smaller response is a faster sync.
LIST_FIELDS = (
    "nextPageToken,nextSyncToken,timeZone,"
    "items(id,status,summary,description,location,start,end,attendees,organizer,"
    "iCalUID,recurringEventId,extendedProperties,updated,transparency)"
)

Resource = dict[str, Any]


def private_properties(event: Resource) -> dict[str, str]:
    """The event's private extended properties (empty when it has none)."""
    props = event.get("extendedProperties") or {}
    private = props.get("private") or {}
    return {str(k): str(v) for k, v in private.items()} if isinstance(private, dict) else {}


def is_calsync_event(event: Resource) -> bool:
    """True only for events calsync wrote: the guard before any change or delete."""
    return is_calsync(kind=private_properties(event).get(KIND))


def valid_zone(name: str | None, fallback: str) -> str:
    """`name` when it is an IANA zone this machine knows, else `fallback`."""
    if name:
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return fallback


def _when(value: Resource, zone: str) -> tuple[datetime, bool]:
    """A Google `start`/`end` object as an aware datetime, and whether it is all-day."""
    if value.get("dateTime"):
        moment = datetime.fromisoformat(str(value["dateTime"]))
        if moment.tzinfo is None:  # floating: Google means the event's (or calendar's) zone
            moment = moment.replace(tzinfo=ZoneInfo(zone))
        return moment.astimezone(ZoneInfo(zone)), False
    day = date.fromisoformat(str(value.get("date", "1970-01-01")))
    return datetime.combine(day, time(0, 0), tzinfo=ZoneInfo(zone)), True


def _attendee(person: Resource, *, organizer: bool = False) -> Attendee:
    return Attendee(
        email=str(person.get("email", "")),
        name=str(person.get("displayName", "")),
        is_self=bool(person.get("self", False)),
        response=str(person.get("responseStatus", "accepted" if organizer else "needsAction")),
        is_organizer=organizer or bool(person.get("organizer", False)),
    )


def source_event(event: Resource, calendar_zone: str) -> SourceEvent:
    """One live Google event as a source event."""
    start_obj = event.get("start") or {}
    zone = valid_zone(start_obj.get("timeZone"), calendar_zone)
    start, all_day = _when(start_obj, zone)
    end, _ = _when(event.get("end") or start_obj, zone)
    attendees = tuple(_attendee(a) for a in event.get("attendees") or ())
    organizer = None
    if event.get("organizer"):
        org = event["organizer"]
        listed = next((a for a in attendees if a.is_organizer), None)
        organizer = listed or _attendee(org, organizer=True)
    props = private_properties(event)
    return SourceEvent(
        id=str(event["id"]),
        title=str(event.get("summary", "")),
        start=start,
        end=end,
        tz=zone,
        all_day=all_day,
        description=as_plain(str(event.get("description", ""))),
        location=str(event.get("location", "")),
        status=str(event.get("status", "confirmed")),
        organizer=organizer,
        attendees=attendees,
        uid=str(event.get("iCalUID", "")),
        calsync_kind=props.get(KIND),
        calsync_source=props.get(SOURCE),
        calsync_fingerprint=props.get(FINGERPRINT),
        updated=_updated(event),
        busy=_TRANSPARENCY.get(str(event.get("transparency", ""))),
    )


# whether the event blocks time on the user's calendar (free slots); absent: not said
_TRANSPARENCY = {"opaque": True, "transparent": False}


def _updated(event: Resource) -> datetime | None:
    """When the event last changed: for a follow-up call, when its outcome was written."""
    try:
        return datetime.fromisoformat(str(event["updated"]))
    except (KeyError, ValueError):
        return None


def existing_event(event: Resource, calendar_zone: str) -> ExistingEvent:
    """One of calsync's own events as the target holds it now (with the user's edits)."""
    return existing_from(source_event(event, calendar_zone), event)


def existing_from(seen: SourceEvent, event: Resource) -> ExistingEvent:
    """calsync's own event from its already converted fields and its resource (for the marks)."""
    props = private_properties(event)
    try:
        number = int(props.get(NUMBER, "1"))
    except ValueError:
        number = 1
    interview_start = None
    if props.get(INTERVIEW_START):
        try:
            interview_start = datetime.fromisoformat(props[INTERVIEW_START])
        except ValueError:
            interview_start = None
    return ExistingEvent.seen_in(
        seen,
        id=seen.id,
        kind=props[KIND],
        number=number,
        source_id=props.get(SOURCE, ""),
        fingerprint=props.get(FINGERPRINT),
        interview_start=interview_start,
        raw=event,
    )


def _google_time(moment: datetime, zone: str) -> Resource:
    return {"dateTime": moment.astimezone(ZoneInfo(zone)).isoformat(), "timeZone": zone}


def follow_up_fields(follow_up: FollowUp, reminder_minutes: int = 0) -> Resource:
    """The fields calsync owns on a follow-up: what a create sends and an update patches."""
    return {
        "summary": follow_up.title,
        "description": with_link_text(follow_up.description),  # Google shows links as HTML
        "start": _google_time(follow_up.start, follow_up.tz),
        "end": _google_time(follow_up.end, follow_up.tz),
        "reminders": {
            "useDefault": False,
            "overrides": [{"method": "popup", "minutes": reminder_minutes}],
        },
        "extendedProperties": {
            "private": {
                KIND: follow_up.kind,
                SOURCE: follow_up.source_id,
                NUMBER: str(follow_up.number),
                FINGERPRINT: follow_up.fingerprint,
                INTERVIEW_START: follow_up.interview_start.astimezone(UTC).isoformat(),
            }
        },
    }


def new_event_body(follow_up: FollowUp, reminder_minutes: int = 0) -> Resource:
    """The body of an insert: the deterministic id makes a repeated insert a 409, never a copy."""
    return {"id": follow_up.id, **follow_up_fields(follow_up, reminder_minutes)}


# ---- the compact form the sync state keeps ------------------------------------------------------
#
# Converting a resource costs zone look-ups and ISO parsing; a calendar of 20,000 events is
# converted once, when each event arrives, and later runs rebuild the values from this form.

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def microseconds(moment: datetime) -> int:
    """An instant as whole microseconds since the epoch: exact, and ordered like the instant."""
    return (moment - _EPOCH) // _MICROSECOND


def _person(who: Attendee) -> list[Any]:
    return [who.email, who.name, who.is_self, who.response, who.is_organizer]


Compact = tuple[Any, ...]

# The columns `compact` fills, in order (the sync state's table has them after id and own).
COMPACT_COLUMNS = (
    "start_us, end_us, title, tz, all_day, description, location, status, organizer, "
    "attendees, uid, kind, source, fingerprint, updated, busy"
)


def compact(event: SourceEvent) -> Compact:
    """A converted event's fields other than its id as plain values (people as short JSON)."""
    return (
        microseconds(event.start),
        microseconds(event.end),
        event.title,
        event.tz,
        int(event.all_day),
        event.description,
        event.location,
        event.status,
        _people([event.organizer]) if event.organizer is not None else None,
        _people(event.attendees) if event.attendees else None,
        event.uid,
        event.calsync_kind,
        event.calsync_source,
        event.calsync_fingerprint,
        event.updated.isoformat() if event.updated is not None else None,
        None if event.busy is None else int(event.busy),
    )


def _people(people: Any) -> str:
    return json.dumps(
        [[a.email, a.name, a.is_self, a.response, a.is_organizer] for a in people],
        separators=(",", ":"),
        ensure_ascii=False,
    )


_ZONES: dict[str, ZoneInfo] = {}


def _instant(us: int, zone: ZoneInfo) -> datetime:
    seconds, micro = divmod(us, 1_000_000)
    moment = datetime.fromtimestamp(seconds, zone)
    return moment.replace(microsecond=micro) if micro else moment


@functools.lru_cache(maxsize=4096)
def _people_of(text: str) -> tuple[Attendee, ...]:
    """People as `_people` wrote them; the same organiser on many events is parsed once."""
    return tuple(Attendee(*p) for p in json.loads(text))


def from_compact(event_id: str, *values: Any) -> SourceEvent:
    """The event `compact` gave `values` for, equal to the one converted from its resource."""
    (start_us, end_us, title, tz, all_day, description, location, status, organizer, people,
     uid, kind, source, fingerprint, updated, busy) = values  # fmt: skip
    zone = _ZONES.get(tz)
    if zone is None:
        zone = _ZONES[tz] = ZoneInfo(tz)
    return SourceEvent(
        id=event_id,
        title=title,
        start=_instant(start_us, zone),
        end=_instant(end_us, zone),
        tz=tz,
        all_day=bool(all_day),
        description=description,
        location=location,
        status=status,
        organizer=_people_of(organizer)[0] if organizer is not None else None,
        attendees=_people_of(people) if people is not None else (),
        uid=uid,
        calsync_kind=kind,
        calsync_source=source,
        calsync_fingerprint=fingerprint,
        updated=datetime.fromisoformat(updated) if updated is not None else None,
        busy=None if busy is None else bool(busy),
    )
