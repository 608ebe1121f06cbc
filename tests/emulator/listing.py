"""events.list: filters, pages and sync tokens as Google hands them out.

A full list pages in insertion order with a cursor on that order, so events written while a
client pages through neither shift nor hide the rest. Its last page carries a sync token that
counts every write up to the moment the first page was served; an incremental read returns, in
the order they happened, the events written after that moment, deleted ones included and
whatever the time range of the first list was.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tests.emulator.errors import ApiError
from tests.emulator.store import Calendar, Store, StoredEvent, parse_instant, rfc3339_ms

DEFAULT_PAGE = 250
MAX_PAGE = 2500
# Google refuses these next to a syncToken, so that a client's state cannot drift.
FORBIDDEN_WITH_SYNC_TOKEN = (
    "iCalUID",
    "orderBy",
    "privateExtendedProperty",
    "q",
    "sharedExtendedProperty",
    "timeMin",
    "timeMax",
    "updatedMin",
)


def list_events(store: Store, cal: Calendar, params: dict[str, list[str]]) -> dict[str, Any]:
    def first(name: str) -> str | None:
        values = params.get(name)
        return values[0] if values else None

    zone = _zone(first("timeZone"), cal)
    limit = _page_size(first("maxResults"))
    sync_token = first("syncToken")
    if sync_token:
        for name in FORBIDDEN_WITH_SYNC_TOKEN:
            if name in params:
                raise ApiError(
                    400, "invalid", f"Sync token cannot be used with the {name} parameter."
                )
    page_token = first("pageToken")
    if page_token:
        page = _decode(page_token)
        if page is None or page.get("c") != cal.id:
            raise ApiError(400, "invalid", "Invalid page token value.")
        mode, cursor, high, since = page["m"], page["k"], int(page["h"]), int(page["s"])
    else:
        high, cursor = store.counter, None
        since = _since(store, cal, sync_token) if sync_token else 0
        mode = "sync" if sync_token else ("ordered" if first("orderBy") else "full")

    if mode == "sync":
        chosen = sorted(
            (e for e in cal.events.values() if since < e.changed <= high),
            key=lambda e: (e.changed, e.key),
        )
        if cursor is not None:
            chosen = [e for e in chosen if [e.changed, e.key] > cursor]
    elif mode == "full":
        chosen = sorted(_filtered(cal, params), key=lambda e: e.key)
        if cursor is not None:
            chosen = [e for e in chosen if e.key > cursor]
    else:
        chosen = _ordered(_filtered(cal, params), first("orderBy"), first("singleEvents"))
        chosen = chosen[int(cursor or 0) :]

    shown, more = chosen[:limit], len(chosen) > limit
    response: dict[str, Any] = {
        "kind": "calendar#events",
        "etag": f'"p{store.counter}"',
        "summary": cal.summary,
        "description": "",
        "updated": rfc3339_ms(cal.updated_ms),
        "timeZone": cal.time_zone,
        "accessRole": cal.access_role,
        "defaultReminders": [{"method": "popup", "minutes": 10}],
        "items": [_item(store, cal, e, zone) for e in shown],
    }
    if more:
        last = shown[-1]
        if mode == "sync":
            next_cursor: Any = [last.changed, last.key]
        elif mode == "full":
            next_cursor = last.key
        else:
            next_cursor = int(cursor or 0) + len(shown)
        page = {"c": cal.id, "m": mode, "k": next_cursor, "h": high, "s": since}
        response["nextPageToken"] = _encode(page)
    else:
        response["nextSyncToken"] = _encode({"c": cal.id, "n": high, "g": store.sync_generation})
    return response


def _item(store: Store, cal: Calendar, event: StoredEvent, zone: ZoneInfo) -> dict[str, Any]:
    if event.deleted:
        # Google only promises the id of a deleted event in a list.
        res = event.resource
        return {"kind": res["kind"], "etag": res["etag"], "id": res["id"], "status": "cancelled"}
    return store.render(cal, event, zone)


def _since(store: Store, cal: Calendar, token: str) -> int:
    payload = _decode(token)
    if (
        payload is None
        or payload.get("c") != cal.id
        or payload.get("g") != store.sync_generation
        or not isinstance(payload.get("n"), int)
        or payload["n"] > store.counter
    ):
        raise ApiError(410, "fullSyncRequired")
    return int(payload["n"])


def _filtered(cal: Calendar, params: dict[str, list[str]]) -> list[StoredEvent]:
    def first(name: str) -> str | None:
        values = params.get(name)
        return values[0] if values else None

    time_min = parse_instant(first("timeMin") or "", "timeMin") if first("timeMin") else None
    time_max = parse_instant(first("timeMax") or "", "timeMax") if first("timeMax") else None
    if time_min and time_max and time_max <= time_min:
        raise ApiError(400, "timeRangeEmpty")
    updated_min = (
        parse_instant(first("updatedMin") or "", "updatedMin") if first("updatedMin") else None
    )
    # updatedMin reports deletions too, as incremental reads do.
    show_deleted = first("showDeleted") == "true" or updated_min is not None
    private = _properties(params.get("privateExtendedProperty", []))
    shared = _properties(params.get("sharedExtendedProperty", []))
    ical_uid = first("iCalUID")
    words = (first("q") or "").lower().split()

    chosen = []
    for event in cal.events.values():
        res = event.resource
        if event.deleted and not show_deleted:
            continue
        if time_min and event.end_at <= time_min:
            continue
        if time_max and event.start_at >= time_max:
            continue
        if updated_min and datetime.fromisoformat(res["updated"]) < updated_min:
            continue
        if ical_uid and res.get("iCalUID") != ical_uid:
            continue
        props = res.get("extendedProperties") or {}
        if any((props.get("private") or {}).get(k) != v for k, v in private):
            continue
        if any((props.get("shared") or {}).get(k) != v for k, v in shared):
            continue
        if words and not all(w in _searchable(res) for w in words):
            continue
        chosen.append(event)
    return chosen


def _ordered(events: list[StoredEvent], order: str | None, single: str | None) -> list[StoredEvent]:
    if order == "startTime":
        if single != "true":
            raise ApiError(
                400,
                "badRequest",
                "The requested ordering is not available for the particular query.",
            )
        return sorted(events, key=lambda e: (e.start_at, e.key))
    if order == "updated":
        return sorted(events, key=lambda e: (e.resource["updated"], e.key))
    raise ApiError(400, "invalid", f"Invalid value for orderBy: {order}")


def _properties(values: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for text in values:
        key, sep, value = text.partition("=")
        if not sep or not key:
            raise ApiError(400, "invalid", f"Invalid extended property constraint: {text}")
        pairs.append((key, value))
    return pairs


def _searchable(res: dict[str, Any]) -> str:
    parts = [str(res.get(k, "")) for k in ("summary", "description", "location")]
    for person in res.get("attendees") or []:
        parts += [str(person.get("email", "")), str(person.get("displayName", ""))]
    return " ".join(parts).lower()


def _page_size(text: str | None) -> int:
    if text is None:
        return DEFAULT_PAGE
    try:
        size = int(text)
    except ValueError:
        raise ApiError(
            400,
            "invalid",
            f"Invalid value '{text}'. Values must match the following regular expression: '[0-9]+'",
        ) from None
    if size < 1:
        raise ApiError(
            400, "invalid", f"Invalid value '{text}'. Values must be within the range: [1, 2500]"
        )
    return min(size, MAX_PAGE)


def _zone(name: str | None, cal: Calendar) -> ZoneInfo:
    if not name:
        return cal.zone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ApiError(400, "timeZoneInvalid", f"Invalid time zone: {name}") from None


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return "CAES" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str) -> dict[str, Any] | None:
    if not token.startswith("CAES"):
        return None
    text = token[4:]
    try:
        payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        return None
    return payload if isinstance(payload, dict) else None
