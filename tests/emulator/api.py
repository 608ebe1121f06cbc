"""One Calendar API v3 call: route, scope check, and the store's answer.

Scopes are checked as Google does, so that a client which asks for the narrow
`calendar.events.owned` scope learns here, not in production, that it cannot read calendar
metadata with it (the events list carries the calendar's `timeZone` for that reason).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from tests.emulator.errors import ApiError
from tests.emulator.listing import list_events
from tests.emulator.store import USER_EMAIL, Calendar, Store

PREFIX = "/calendar/v3/"
_AUTH = "https://www.googleapis.com/auth/"
_EVENT_WRITE = {"calendar", "calendar.events", "calendar.events.owned", "calendar.app.created"}
_EVENT_READ = _EVENT_WRITE | {
    "calendar.readonly",
    "calendar.events.readonly",
    "calendar.events.owned.readonly",
}
# Scopes that reach only the calendars the user owns.
_OWNED_ONLY = {"calendar.events.owned", "calendar.events.owned.readonly", "calendar.app.created"}
_CALENDAR_READ = {
    "calendar",
    "calendar.readonly",
    "calendar.calendars",
    "calendar.calendars.readonly",
}
_LIST_READ = {
    "calendar",
    "calendar.readonly",
    "calendar.calendarlist",
    "calendar.calendarlist.readonly",
}
_SETTINGS_READ = {"calendar", "calendar.readonly", "calendar.settings.readonly"}


def call(
    store: Store,
    method: str,
    path: str,
    params: dict[str, list[str]],
    body: bytes,
    headers: dict[str, str],
    scopes: set[str],
) -> tuple[int, dict[str, Any] | None]:
    """Answer one call whose path starts with /calendar/v3/; raises ApiError for refusals."""
    granted = {s.removeprefix(_AUTH) for s in scopes}
    parts = [unquote(p) for p in path[len(PREFIX) :].strip("/").split("/")]
    etag = headers.get("if-match", "")
    match parts:
        case ["calendars", calendar_id, "events"]:
            if method == "GET":
                cal = _events_calendar(store, calendar_id, granted, _EVENT_READ)
                return 200, list_events(store, cal, params)
            if method == "POST":
                cal = _events_calendar(store, calendar_id, granted, _EVENT_WRITE, write=True)
                return 200, store.insert(cal, _json(body))
        case ["calendars", calendar_id, "events", event_id]:
            if method == "GET":
                cal = _events_calendar(store, calendar_id, granted, _EVENT_READ)
                return 200, store.render(cal, store.stored(cal, event_id))
            cal = _events_calendar(store, calendar_id, granted, _EVENT_WRITE, write=True)
            if method == "PUT":
                return 200, store.update(cal, event_id, _json(body), etag)
            if method == "PATCH":
                return 200, store.patch(cal, event_id, _json(body), etag)
            if method == "DELETE":
                store.delete(cal, event_id, etag)
                return 204, None
        case ["calendars", calendar_id]:
            if method == "GET":
                _need(granted, _CALENDAR_READ)
                return 200, _calendar_resource(store.calendar(calendar_id))
        case ["users", "me", "calendarList"]:
            if method == "GET":
                _need(granted, _LIST_READ)
                items = [_list_entry(c) for c in store.calendars.values()]
                return 200, {"kind": "calendar#calendarList", "etag": '"l"', "items": items}
        case ["users", "me", "calendarList", calendar_id]:
            if method == "GET":
                _need(granted, _LIST_READ)
                return 200, _list_entry(store.calendar(calendar_id))
        case ["users", "me", "settings", "timezone"]:
            if method == "GET":
                _need(granted, _SETTINGS_READ)
                zone = store.calendar("primary").time_zone
                return 200, {
                    "kind": "calendar#setting",
                    "etag": '"s"',
                    "id": "timezone",
                    "value": zone,
                }
        case _:
            raise ApiError(404, "notFound")
    raise ApiError(405, "httpMethodNotAllowed", f"Method {method} is not allowed here.")


def _events_calendar(
    store: Store, calendar_id: str, granted: set[str], needed: set[str], *, write: bool = False
) -> Calendar:
    _need(granted, needed)
    cal = store.writable(calendar_id) if write else store.calendar(calendar_id)
    if cal.access_role != "owner" and not (granted & needed) - _OWNED_ONLY:
        raise ApiError(403, "insufficientPermissions")
    return cal


def _need(granted: set[str], needed: set[str]) -> None:
    if not granted & needed:
        raise ApiError(403, "insufficientPermissions")


def _json(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        value = json.loads(body)
    except ValueError:
        raise ApiError(400, "parseError", "Parse Error") from None
    if not isinstance(value, dict):
        raise ApiError(400, "badRequest", "The request body must be a JSON object.")
    return value


def _calendar_resource(cal: Calendar) -> dict[str, Any]:
    calendar_id = USER_EMAIL if cal.id == "primary" else cal.id
    return {
        "kind": "calendar#calendar",
        "etag": f'"c{cal.updated_ms}"',
        "id": calendar_id,
        "summary": cal.summary,
        "timeZone": cal.time_zone,
        "conferenceProperties": {"allowedConferenceSolutionTypes": ["hangoutsMeet"]},
    }


def _list_entry(cal: Calendar) -> dict[str, Any]:
    entry = _calendar_resource(cal)
    entry.update(kind="calendar#calendarListEntry", accessRole=cal.access_role)
    if cal.id == "primary":
        entry["primary"] = True
    return entry
