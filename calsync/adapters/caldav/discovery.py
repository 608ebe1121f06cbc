"""Which calendar a CalDAV spec means: the collection itself, or one found by its name.

A spec may name a calendar collection directly, or the server's root or a principal; then the
`caldav` library finds the principal and its calendar home, and the calendar is chosen by
display name (or the last part of its address). The answer is remembered in calsync's state
folder, so later runs send no discovery request at all.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from calsync.adapters.caldav import http
from calsync.adapters.caldav.collection import _write_json
from calsync.errors import UsageError


def _cache_file(state_dir: Path) -> Path:
    return state_dir / "caldav" / "calendars.json"


def _key(session: http.Session, name: str | None) -> str:
    raw = f"{session.location.url}\x1f{session.login.user or ''}\x1f{(name or '').casefold()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def resolve(session: http.Session, name: str | None, state_dir: Path) -> tuple[str, Any]:
    """The URL of the calendar meant, and the PROPFIND answer when it was read on the way."""
    cache = _load(state_dir)
    key = _key(session, name)
    if key in cache:
        return cache[key], None
    reply = session.request(
        "PROPFIND", session.location.url, http.calendar_props_body(), {"Depth": "0"}
    )
    if reply.status == 207 and http.is_calendar(reply.tree):
        url, props = session.location.url, reply.tree
    else:
        if reply.status not in (207, 404, 405):
            raise session.failed("reading the calendar list", reply)
        url, props = _by_name(session, name), None
    cache[key] = url
    _write_json(_cache_file(state_dir), cache)
    return url, props


def forget(session: http.Session, name: str | None, state_dir: Path) -> None:
    cache = _load(state_dir)
    if cache.pop(_key(session, name), None) is not None:
        _write_json(_cache_file(state_dir), cache)


def _by_name(session: http.Session, name: str | None) -> str:
    calendars = _calendars(session)
    label = session.location.label
    if not calendars:
        raise UsageError(f"{label}: no calendars found for this login")
    names = ", ".join(sorted(repr(n) for n, _ in calendars))
    if name is None:
        if len(calendars) == 1:
            return calendars[0][1]
        raise UsageError(
            f"{label}: this account has several calendars ({names}); "
            "choose one with --calendar / --target-calendar NAME"
        )
    wanted = name.strip().casefold()
    found = [
        url
        for shown, url in calendars
        if shown.strip().casefold() == wanted or _last_part(url).casefold() == wanted
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"{label}: no calendar named {name!r} (calendars: {names})")
    raise UsageError(f"{label}: several calendars are named {name!r}; give the calendar's URL")


def _calendars(session: http.Session) -> list[tuple[str, str]]:
    """(display name, URL) of every calendar of the login, found by the library."""
    from caldav.lib import error

    try:
        principal = session.client.principal()
        found = principal.calendars()
        result: list[tuple[str, str]] = []
        for calendar in found:
            url = str(calendar.url)
            shown = calendar.get_display_name() or ""
            result.append((str(shown) or _last_part(url), url))
        return result
    except error.AuthorizationError:
        raise session._auth_error() from None
    except error.DAVError as exc:
        raise UsageError(
            f"{session.location.label}: cannot find the calendars of this account "
            f"({type(exc).__name__}); give a calendar's URL"
        ) from None


def _last_part(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _load(state_dir: Path) -> dict[str, str]:
    try:
        return {
            str(k): str(v) for k, v in json.loads(_cache_file(state_dir).read_text("utf-8")).items()
        }
    except (OSError, ValueError, TypeError, AttributeError):
        return {}
