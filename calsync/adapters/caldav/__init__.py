"""CalDAV calendars (iCloud, Fastmail, Nextcloud, mailbox.org, Radicale …) as source and target.

`caldav+https://HOST/PATH` names a calendar collection, or the server's root or a principal with
`--calendar NAME` (source) / `--target-calendar NAME` (target) choosing a calendar by its display
name. The registry calls the two factories below; nothing is sent to the server until the
first read or write, and nothing heavy is imported before that either.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from calsync.adapters.base import Context, Source, Target
from calsync.adapters.caldav.location import PREFIXES, Location, parse


def _name(value: str | None) -> str | None:
    # "primary" is Settings' default and a Google calendar id: for CalDAV it means "not given"
    if value is None or not value.strip() or value.strip() == "primary":
        return None
    return value.strip()


def open_source(spec: str, ctx: Context) -> Source:
    """The CalDAV calendar `spec` as a source (`--calendar` names it under a root URL)."""
    from calsync.adapters.caldav.backend import CalDAVSource, Calendar

    location = parse(spec)
    return CalDAVSource(Calendar(location, ctx, _name(ctx.settings.calendar)))


def open_target(spec: str, ctx: Context, *, source: str) -> Target:
    """The CalDAV calendar `spec` as a target.

    `--target-calendar` names it under a root URL; without it, a target on the same server as
    a CalDAV source writes into the calendar read (as Google does).
    """
    from calsync.adapters.caldav.backend import CalDAVTarget, Calendar

    location = parse(spec)
    name = _name(ctx.settings.target_calendar)
    if name is None and _same_server(location, source):
        source_location = parse(source)
        if _is_root_of(location, source_location):
            # the target names the server (or the very calendar) the source reads from
            location, name = source_location, _name(ctx.settings.calendar)
    key = f"caldav:{location.url}#{name or ''}"
    return CalDAVTarget(Calendar(location, ctx, name), lock_key=key)


def _same_server(location: Location, source: str) -> bool:
    if not source.strip().lower().startswith(PREFIXES):
        return False
    try:
        return parse(source).origin == location.origin
    except Exception:  # noqa: BLE001 - a bad source spec is reported by the source itself
        return False


def _is_root_of(root: Location, inner: Location) -> bool:
    """True when `inner`'s path lies under `root`'s (a server root above a calendar)."""
    return urlsplit(inner.url).path.startswith(urlsplit(root.url).path)


__all__ = ["open_source", "open_target"]
