"""The .ics file calsync writes: read what it holds, render a plan into it, replace it atomically.

A file calsync did not write (its PRODID is not exactly calsync's) is refused. Inside a file it
did write, only events with calsync's UIDs are calsync's: anything else (an event added by hand or
by a tool that merged calendars) is copied through byte for byte, through `sync` and `clean`.
Events the plan keeps are re-emitted exactly as read, which is what makes an unchanged run
byte-identical; DTSTAMP and SEQUENCE move only for events whose content changed.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from calsync.adapters.atomic import replace_file
from calsync.adapters.files import open_regular
from calsync.core.identity import id_from_uid, uid_for
from calsync.core.ownership import is_calsync
from calsync.errors import InputError, SyncError
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, Action, ExistingEvent, FollowUp

if TYPE_CHECKING:  # parsing and rendering import icalendar when they run: a run that writes
    import icalendar  # nothing into an unchanged file never loads it

PRODID = "-//calsync//calsync follow-ups//EN"
CALNAME = "Interview follow-ups"
CATEGORY = {THANK_YOU: "Thank-you note", FOLLOW_UP_CALL: "Follow-up call"}


@dataclass(frozen=True)
class TargetFile:
    """An .ics target as read before a run: its bytes (None: no file yet) and its events."""

    path: Path
    original: bytes | None
    events: list[ExistingEvent]
    foreign: tuple[bytes, ...] = ()  # other components, as the raw text blocks read


def load_target(path: Path) -> TargetFile:
    """Read calsync's earlier output at `path`; refuse a file that calsync did not write."""
    name = str(path)
    if path.is_dir():
        raise InputError(f"{name}: is a folder; --to needs an .ics file path")
    try:
        data = _read(path)
    except FileNotFoundError:
        return TargetFile(path=path, original=None, events=[])
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        return TargetFile(path=path, original=data, events=[])
    calendar = _parse_own(data, name)
    try:
        events = [
            _existing(component, name)  # type: ignore[arg-type]
            for component in calendar.walk("VEVENT")
            if is_calsync(uid=str(component.get("UID", "")))
        ]
    except ValueError as exc:  # a value edited by hand into something unreadable
        raise InputError(f"{name}: {' '.join(str(exc).split())[:160]}") from None
    return TargetFile(path=path, original=data, events=events, foreign=foreign_blocks(data))


def read_existing(path: Path) -> bytes | None:
    """The target's bytes, or None when there are none to read (`load_target` says why)."""
    try:
        return _read(path)
    except OSError:
        return None


def _read(path: Path) -> bytes:
    """The target's bytes; a pipe, device or socket is refused (exit 2), never waited on."""
    with open_regular(path, str(path)) as handle:
        return handle.read()


def foreign_blocks(data: bytes) -> tuple[bytes, ...]:
    """The raw text of every top-level component that is not one of calsync's events.

    Copying these bytes through (rather than re-serialising what icalendar parsed) is what keeps
    someone else's event exactly as it was. VTIMEZONEs are included; `render` drops the ones
    calsync writes itself. One pass over the lines: linear in the size of the file.
    """
    blocks: list[bytes] = []
    current: list[bytes] = []
    depth = 0
    for line in data.splitlines(keepends=True):
        word = line.rstrip().upper()
        if word.startswith(b"BEGIN:"):
            depth += 1
        if depth >= 2:
            current.append(line)
        if word.startswith(b"END:"):
            depth -= 1
            if depth == 1 and current:
                block = b"".join(current)
                if not block.endswith(b"\n"):
                    block += b"\r\n"
                current = []
                if not (word == b"END:VEVENT" and is_calsync(uid=_property(block, b"UID"))):
                    blocks.append(block)
    return tuple(blocks)


def _property(block: bytes, name: bytes) -> str:
    """The value of the first `name` property at the top of a raw component, unfolded."""
    lines = block.splitlines()
    depth = 0
    for index, line in enumerate(lines):
        upper = line.upper()
        if upper.startswith(b"BEGIN:"):
            depth += 1
        elif upper.startswith(b"END:"):
            depth -= 1
        elif depth == 1 and upper.startswith(name) and upper[len(name) : len(name) + 1] in b":;":
            value = line
            for more in lines[index + 1 :]:
                if more[:1] not in (b" ", b"\t"):
                    break
                value += more[1:]
            return value.partition(b":")[2].decode("utf-8", "replace").strip()
    return ""


def _parse_own(data: bytes, name: str) -> icalendar.Calendar:
    from calsync.adapters.ics.source import parse_calendar

    try:
        calendar = parse_calendar(data, name)
    except InputError as exc:
        raise InputError(f"{exc}; calsync only overwrites files it wrote itself") from None
    if str(calendar.get("PRODID", "")).strip() != PRODID:
        raise InputError(
            f"{name}: was not written by calsync; refusing to overwrite it "
            "(choose another --to file)"
        )
    return calendar


def _existing(component: icalendar.Event, name: str) -> ExistingEvent:
    uid = str(component.get("UID", ""))
    start = _as_datetime(component.get("DTSTART"), name, uid)
    end_prop = component.get("DTEND")
    end = _as_datetime(end_prop, name, uid) if end_prop is not None else start
    tz = getattr(getattr(component.get("DTSTART"), "dt", None), "tzinfo", None)
    interview = component.get("X-CALSYNC-INTERVIEW")
    last_modified = component.get("LAST-MODIFIED")
    return ExistingEvent(
        id=id_from_uid(uid),
        kind=str(component.get("X-CALSYNC-KIND", "")),
        number=_int(component.get("X-CALSYNC-NUMBER"), 1),
        source_id=str(component.get("X-CALSYNC-SOURCE", "")),
        title=str(component.get("SUMMARY", "")),
        description=str(component.get("DESCRIPTION", "")),
        start=start,
        end=end,
        tz=getattr(tz, "key", "UTC"),
        status=str(component.get("STATUS", "CONFIRMED")).lower(),
        fingerprint=_text(component.get("X-CALSYNC-FINGERPRINT")),
        interview_start=_parse_utc(_text(interview)),
        sequence=_int(component.get("SEQUENCE"), 0),
        updated=getattr(last_modified, "dt", None),
        raw=component,
    )


def _as_datetime(prop: Any, name: str, uid: str) -> datetime:
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0), UTC)
    raise InputError(f"{name}: event {uid!r} has no usable DTSTART")


def _int(value: Any, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _text(value: Any) -> str | None:
    return None if value is None else (str(value).strip() or None)


def _parse_utc(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        parsed = datetime.strptime(text, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC)


def render(
    existing: Sequence[ExistingEvent],
    actions: Iterable[Action],
    *,
    now: datetime,
    reminder_minutes: int = 0,
    foreign: Sequence[bytes] = (),
) -> bytes:
    """The whole target file after `actions`: kept events byte-for-byte, others rebuilt.

    `foreign` (the raw blocks of events calsync did not write) are copied in unchanged.
    """
    import icalendar

    components: dict[str, icalendar.Event] = {}
    for event in existing:
        if isinstance(event.raw, icalendar.Event):
            components[event.id] = event.raw
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for action in actions:
        before = action.existing
        if action.op in ("create", "update") and action.desired is not None:
            sequence = before.sequence + 1 if before is not None else 0
            created = _created(before, stamp)
            components[action.id] = event_component(
                action.desired,
                sequence=sequence,
                stamp=stamp,
                created=created,
                reminder_minutes=reminder_minutes,
            )
        elif (
            action.op == "cancel" and before is not None and isinstance(before.raw, icalendar.Event)
        ):
            components[action.id] = _cancelled(before.raw, before.sequence + 1, stamp)
    return _calendar(components.values(), foreign)


def _created(before: ExistingEvent | None, stamp: datetime) -> datetime:
    import icalendar

    if before is not None and isinstance(before.raw, icalendar.Event):
        created = getattr(before.raw.get("CREATED"), "dt", None)
        if isinstance(created, datetime):
            return created
    return stamp


def event_component(
    followup: FollowUp,
    *,
    sequence: int,
    stamp: datetime,
    created: datetime,
    reminder_minutes: int = 0,
) -> icalendar.Event:
    """One follow-up as a VEVENT with every property SPEC names."""
    import icalendar

    zone = ZoneInfo(followup.tz)
    event = icalendar.Event()
    event.add("UID", uid_for(followup.id))
    event.add("DTSTAMP", stamp)
    event.add("CREATED", created)
    event.add("LAST-MODIFIED", stamp)
    event.add("DTSTART", followup.start.astimezone(zone))
    event.add("DTEND", followup.end.astimezone(zone))
    event.add("SUMMARY", followup.title)
    event.add("DESCRIPTION", followup.description)
    event.add("STATUS", "CONFIRMED")
    event.add("SEQUENCE", sequence)
    event.add("TRANSP", "TRANSPARENT")
    event.add("CATEGORIES", ["Job search", CATEGORY.get(followup.kind, followup.kind)])
    event.add("X-CALSYNC-KIND", followup.kind)
    event.add("X-CALSYNC-NUMBER", str(followup.number))
    event.add("X-CALSYNC-SOURCE", followup.source_id)
    event.add(
        "X-CALSYNC-INTERVIEW", followup.interview_start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    )
    event.add("X-CALSYNC-FINGERPRINT", followup.fingerprint)
    alarm = icalendar.Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add("DESCRIPTION", followup.title)
    alarm.add("TRIGGER", -timedelta(minutes=reminder_minutes))
    event.add_component(alarm)
    return event


def _cancelled(component: icalendar.Event, sequence: int, stamp: datetime) -> icalendar.Event:
    event = copy.deepcopy(component)
    for key in ("STATUS", "SEQUENCE", "DTSTAMP", "LAST-MODIFIED"):
        if key in event:
            del event[key]
    event.add("DTSTAMP", stamp)
    event.add("LAST-MODIFIED", stamp)
    event.add("STATUS", "CANCELLED")
    event.add("SEQUENCE", sequence)
    return event


def _calendar(components: Iterable[icalendar.Event], foreign: Sequence[bytes] = ()) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", CALNAME)
    events = sorted(components, key=_order)
    zones = _timezones(events)
    for timezone in zones:
        calendar.add_component(timezone)
    for event in events:
        calendar.add_component(event)
    rendered = bytes(calendar.to_ical())
    ours = {str(zone.get("TZID", "")) for zone in zones}
    kept = [block for block in foreign if not _is_timezone(block)]
    # a VTIMEZONE stays when a foreign event uses it and calsync does not write that zone itself
    used = b"".join(kept)
    zones_kept = [
        block
        for block in foreign
        if _is_timezone(block)
        and (tzid := _property(block, b"TZID")) not in ours
        and b"TZID=" + tzid.encode("utf-8") in used
    ]
    kept = zones_kept + kept
    if not kept:
        return rendered
    end = rendered.rstrip().rfind(b"END:VCALENDAR")
    return rendered[:end] + b"".join(kept) + rendered[end:]


def _is_timezone(block: bytes) -> bool:
    return block[:15].upper() == b"BEGIN:VTIMEZONE"


def _order(event: icalendar.Event) -> tuple[str, str]:
    start: Any = getattr(event.get("DTSTART"), "dt", None)
    moment = start.astimezone(UTC) if isinstance(start, datetime) else start
    return (moment.isoformat(), str(event["UID"]))


def _timezones(events: list[icalendar.Event]) -> list[icalendar.Timezone]:
    """A VTIMEZONE for every zone the events use, covering the years they span."""
    import icalendar

    years: dict[str, tuple[int, int]] = {}
    for event in events:
        for key in ("DTSTART", "DTEND"):
            value = getattr(event.get(key), "dt", None)
            key_ = getattr(getattr(value, "tzinfo", None), "key", None)
            if isinstance(value, datetime) and key_ and key_ != "UTC":
                low, high = years.get(key_, (value.year, value.year))
                years[key_] = (min(low, value.year), max(high, value.year))
    return [
        icalendar.Timezone.from_tzid(
            tzid, first_date=date(low - 1, 1, 1), last_date=date(high + 1, 12, 31)
        )
        for tzid, (low, high) in sorted(years.items())
    ]


def write_atomically(target: TargetFile, data: bytes) -> bool:
    """Replace the file with `data` unless it already holds exactly that; True if written.

    The new content goes to a temporary file in the same folder, flushed to disk, and is then
    renamed over the target, so a crash leaves either the old file or the new one. If another
    program changed the file since it was read, nothing is written.
    """
    if data == target.original:
        return False
    path = target.path
    try:
        current: bytes | None = _read(path)
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise SyncError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if current != target.original:
        raise SyncError(f"{path}: changed by another program while calsync ran; run again")
    mode = 0o644
    if current is not None:
        with contextlib.suppress(OSError):  # the mode is a nicety; the content is what matters
            mode = path.stat().st_mode & 0o777
    try:
        replace_file(path, data, mode=mode)
    except OSError as exc:
        raise SyncError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return True
