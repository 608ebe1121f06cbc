"""Microsoft Graph event JSON ↔ calsync's model values.

Graph gives times as wall clock plus a zone name — Windows names ("Pacific Standard Time") as
often as IANA ones, or no real name at all on invitations from other systems
("tzone://Microsoft/Custom", "Customized Time Zone"): those are read in the mailbox's zone. An
all-day event is a date: Graph sends it as midnight in whatever zone it answers in (UTC unless
asked otherwise), so only the date of its wall clock counts. Bodies are HTML once anyone edited
them in Outlook. calsync's identity
rides in single-value extended properties under its own GUID: one marks the event as calsync's
(Graph can filter on it), one holds the follow-up's id, kind, number, source and fingerprint.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calsync.core.draft_links import DRAFT_LINE, as_html, html_as_plain
from calsync.core.notes import html_to_text
from calsync.model import Attendee, ExistingEvent, FollowUp, SourceEvent

GUID = "{6f0b3c52-1d8e-4a57-9c2b-6a1d3e7f5b80}"
MARK = f"String {GUID} Name calsync"
DATA = f"String {GUID} Name calsyncData"
MARK_VALUE = "follow-up"
TRANSACTION_PREFIX = "calsync-"
OWN_FILTER = (
    f"singleValueExtendedProperties/Any(ep: ep/id eq '{MARK}' and ep/value eq '{MARK_VALUE}')"
)
EXPAND_DATA = f"singleValueExtendedProperties($filter=id eq '{DATA}')"

Json = dict[str, Any]

_RESPONSES = {
    "accepted": "accepted",
    "declined": "declined",
    "tentativelyAccepted": "tentative",
    "organizer": "accepted",
}


@lru_cache(maxsize=512)
def named_zone(name: str | None) -> str | None:
    """The IANA zone a Graph zone name (Windows or IANA) stands for; None when it names none
    (a custom zone from an invitation, an unknown name, nothing)."""
    if not name:
        return None
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    if name in WINDOWS_TO_OLSON:
        return str(WINDOWS_TO_OLSON[name])
    if name in ("tzone://Microsoft/Utc", "Coordinated Universal Time"):
        return "UTC"
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        return None


def iana_zone(name: str | None, fallback: str) -> str:
    """An IANA zone for a Graph zone name (Windows or IANA); `fallback` when it names none."""
    return named_zone(name) or fallback


def _wall(value: Any) -> datetime:
    """The wall clock of a Graph dateTimeTimeZone, as Graph wrote it (naive unless it has an
    offset)."""
    value = value if isinstance(value, dict) else {}
    text = str(value.get("dateTime", ""))
    if "." in text:  # Graph sends seven fractional digits; Python reads at most six
        head, frac = text.split(".", 1)
        text = f"{head}.{frac[:6]}"
    return datetime.fromisoformat(text)


def _when(value: Any, fallback: str) -> datetime:
    """A Graph dateTimeTimeZone as an aware datetime."""
    moment = _wall(value)
    if moment.tzinfo is None:
        name = value.get("timeZone") if isinstance(value, dict) else None
        moment = moment.replace(tzinfo=ZoneInfo(iana_zone(name, fallback)))
    return moment


def _day(value: Any) -> date:
    """The date of an all-day event's start or end: the date of its wall clock, whatever zone
    Graph answered in (it sends all-day events as midnight there)."""
    return _wall(value).date()


def unnamed_zone_warning(event: Json, mailbox_zone: str) -> str | None:
    """A line for an event whose zone names no zone calsync knows, read in the mailbox's zone;
    None when its zone is known (or it is all-day, where the zone does not matter)."""
    original = event.get("originalStartTimeZone")
    if not original or event.get("isAllDay") or named_zone(str(original)) is not None:
        return None
    subject = str(event.get("subject") or "")[:80]
    return (
        f"event {subject!r} is in a time zone with no known name ({str(original)[:60]!r}); "
        f"read in the mailbox's zone {mailbox_zone}"
    )


def own_identity(event: Json) -> dict[str, str] | None:
    """calsync's identity stored on the event (when Graph returned the property), else None."""
    for prop in event.get("singleValueExtendedProperties") or ():
        if isinstance(prop, dict) and str(prop.get("id", "")).lower() == DATA.lower():
            try:
                data = json.loads(str(prop.get("value", "")))
            except ValueError:
                return None
            if isinstance(data, dict) and data.get("id") and data.get("kind"):
                return {str(k): str(v) for k, v in data.items()}
    return None


def looks_own(event: Json) -> bool:
    """calsync made it: its transactionId says so (delta does not return extended properties)."""
    return str(event.get("transactionId") or "").startswith(TRANSACTION_PREFIX)


def description(event: Json) -> str:
    body = event.get("body") if isinstance(event.get("body"), dict) else {}
    content = str(body.get("content", "")) if body else str(event.get("bodyPreview", ""))
    if body and str(body.get("contentType", "")).lower() == "html":
        return html_to_text(html_as_plain(content))
    return content


def _person(value: Any, *, response: str = "needsAction", organizer: bool = False) -> Attendee:
    address = value.get("emailAddress") if isinstance(value, dict) else None
    address = address if isinstance(address, dict) else {}
    return Attendee(
        email=str(address.get("address", "")),
        name=str(address.get("name", "")),
        response=response,
        is_organizer=organizer,
    )


def source_event(
    event: Json, mailbox_zone: str, *, user: str = "", with_updated: bool = False
) -> SourceEvent:
    """One live Graph event as a source event; `user` is the signed-in address.

    `mailbox_zone` (IANA) is the zone of all-day events and of events whose zone has no known
    name. `updated` matters only on calsync's own events (when an outcome was written), so only
    those pay for parsing it."""
    all_day = bool(event.get("isAllDay"))
    if all_day:
        zone = mailbox_zone  # a date in the user's calendar (the creator's zone is not kept)
        first = _day(event.get("start"))
        last = _day(event.get("end") or event.get("start"))
        start = datetime.combine(first, time(0), ZoneInfo(zone))
        end = datetime.combine(max(last, first), time(0), ZoneInfo(zone))
    else:
        zone = iana_zone(event.get("originalStartTimeZone"), mailbox_zone)
        here = ZoneInfo(zone)
        start = _when(event.get("start"), mailbox_zone).astimezone(here)
        end = _when(event.get("end") or event.get("start"), mailbox_zone).astimezone(here)
    attendees = []
    for item in event.get("attendees") or ():
        status = item.get("status") if isinstance(item, dict) else None
        answer = str(status.get("response", "")) if isinstance(status, dict) else ""
        attendees.append(_person(item, response=_RESPONSES.get(answer, "needsAction")))
    organizer = (
        _person(event["organizer"], organizer=True, response="accepted")
        if (isinstance(event.get("organizer"), dict))
        else None
    )
    mine = event.get("responseStatus") if isinstance(event.get("responseStatus"), dict) else {}
    mine_answer = _RESPONSES.get(str((mine or {}).get("response", "")), "needsAction")
    if event.get("isOrganizer"):
        mine_answer = "accepted"
    # Graph does not mark the user among the attendees; the user's answer is the event's own
    me = Attendee(email=user, is_self=True, response=mine_answer)
    return SourceEvent(
        id=str(event["id"]),
        title=str(event.get("subject") or ""),
        start=start,
        end=end,
        tz=zone,
        all_day=all_day,
        description=description(event),
        location=str((event.get("location") or {}).get("displayName", "")),
        status="cancelled" if event.get("isCancelled") else "confirmed",
        organizer=organizer,
        attendees=(*attendees, me),
        uid=str(event.get("iCalUId") or ""),
        calsync_kind=None,
        updated=_updated(event) if with_updated else None,
        busy=_SHOW_AS.get(str(event.get("showAs") or "")),
    )


# Outlook's free/busy status: whether the event takes the user's time (free slots)
_SHOW_AS = {"free": False, "workingElsewhere": False, "tentative": True, "busy": True, "oof": True}


def _updated(event: Json) -> datetime | None:
    text = str(event.get("lastModifiedDateTime") or "")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        return None


def existing_event(event: Json, identity: dict[str, str], fallback_zone: str) -> ExistingEvent:
    """One of calsync's events as Graph holds it now (with whatever the user changed)."""
    seen = source_event(event, fallback_zone, with_updated=True)
    try:
        number = int(identity.get("number", "1"))
    except ValueError:
        number = 1
    interview_start = None
    if identity.get("interview_start"):
        try:
            interview_start = datetime.fromisoformat(identity["interview_start"])
        except ValueError:
            interview_start = None
    return ExistingEvent.seen_in(
        seen,
        id=identity["id"],
        kind=identity["kind"],
        number=number,
        source_id=identity.get("source", ""),
        fingerprint=identity.get("fingerprint") or None,
        interview_start=interview_start,
        raw={"graph_id": str(event["id"]), "etag": str(event.get("@odata.etag") or "")},
    )


def identity_of(follow_up: FollowUp) -> dict[str, str]:
    return {
        "id": follow_up.id,
        "kind": follow_up.kind,
        "number": str(follow_up.number),
        "source": follow_up.source_id,
        "fingerprint": follow_up.fingerprint,
        "interview_start": follow_up.interview_start.astimezone(UTC).isoformat(),
    }


def _graph_time(moment: datetime, zone: str) -> Json:
    wall = moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return {"dateTime": wall.isoformat(timespec="seconds"), "timeZone": zone}


def _body(description: str) -> Json:
    """Outlook shows HTML: a note with a draft link goes as HTML, the link as short link text
    over the `mailto:` address; everything else as the plain text it is."""
    if DRAFT_LINE in description:
        return {"contentType": "html", "content": as_html(description)}
    return {"contentType": "text", "content": description}


def follow_up_fields(follow_up: FollowUp, reminder_minutes: int = 0) -> Json:
    """What calsync owns on a follow-up: a create sends it, an update patches it."""
    return {
        "subject": follow_up.title,
        "body": _body(follow_up.description),
        "start": _graph_time(follow_up.start, follow_up.tz),
        "end": _graph_time(follow_up.end, follow_up.tz),
        "isReminderOn": True,
        "reminderMinutesBeforeStart": reminder_minutes,
        "showAs": "free",
        "singleValueExtendedProperties": [
            {"id": MARK, "value": MARK_VALUE},
            {"id": DATA, "value": json.dumps(identity_of(follow_up), sort_keys=True)},
        ],
    }


def new_event_body(follow_up: FollowUp, generation: int, reminder_minutes: int = 0) -> Json:
    """A create: the transactionId is deterministic, so a create retried after a lost answer
    finds the first one instead of making a second."""
    suffix = f"-{generation}" if generation else ""
    return {
        **follow_up_fields(follow_up, reminder_minutes),
        "transactionId": f"{TRANSACTION_PREFIX}{follow_up.id}{suffix}",
    }
