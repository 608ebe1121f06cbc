"""Reading an .ics calendar into `SourceEvent`s.

Parsing is icalendar's; recurring series are expanded by recurring-ical-events (RRULE, RDATE,
EXDATE and moved instances are subtle enough that we do not write that ourselves); Google's
X-WR-TIMEZONE exports are made standard by x-wr-timezone. Floating times take the zone the user
gave, else the calendar's, else the system's.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events
import x_wr_timezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from calsync.errors import InputError
from calsync.model import Attendee, SourceEvent

MAX_TEXT = 1024 * 1024  # one description longer than this is not notes but a broken export
MAX_INSTANCES = 10_000  # a series repeating more often than this in the window is not a calendar


@dataclass(frozen=True)
class IcsRead:
    """What an .ics source holds: its events in the window, and the calendar's own zone."""

    events: list[SourceEvent]
    time_zone: str | None  # X-WR-TIMEZONE, when the calendar names one
    name: str | None = None  # X-WR-CALNAME: Google exports put the owner's address there


def parse_calendar(data: bytes, name: str) -> icalendar.Calendar:
    """Bytes → calendar, or an `InputError` that says in one line what is wrong with `name`."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary data, not an iCalendar file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not text, not an iCalendar file") from None
    head = text.lstrip()[:15].upper()
    if not head.startswith("BEGIN:VCALENDAR"):
        raise InputError(f"{name}: not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    if "END:VCALENDAR" not in text[-4096:].upper():
        raise InputError(f"{name}: truncated (no END:VCALENDAR at the end)")
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{name}: not valid iCalendar ({detail[:160]})") from None
    if not calendars:
        raise InputError(f"{name}: no VCALENDAR in the file")
    calendar: icalendar.Calendar = calendars[0]
    return calendar


def read_events(
    data: bytes,
    name: str,
    *,
    since: datetime,
    until: datetime,
    timezone: str | None,
    system_tz: str,
) -> IcsRead:
    """Every event of the calendar that starts in [since, until), recurring ones expanded.

    Floating times are read in `timezone` (the user's --timezone) when given, else in the
    calendar's X-WR-TIMEZONE, else in `system_tz`.
    """
    calendar = parse_calendar(data, name)
    wr_tz = _calendar_zone(calendar)
    # with --timezone the user's zone wins for floating times; x-wr-timezone would put them in
    # the calendar's zone (UTC times then count as local in the user's zone, see _to_source)
    if wr_tz is not None and timezone is None:
        try:
            calendar = x_wr_timezone.to_standard(calendar)
        except Exception as exc:  # the library raises plain errors on odd exports
            raise InputError(f"{name}: cannot apply X-WR-TIMEZONE ({exc})") from None
    floating = timezone or wr_tz or system_tz
    zone = _zone(floating, name)

    singles: list[icalendar.Event] = []
    series: dict[str, list[icalendar.Event]] = defaultdict(list)
    component: Any
    for component in calendar.walk("VEVENT"):
        _check(component, name, zone)
        uid = str(component.get("UID", ""))
        if "RRULE" in component or "RDATE" in component or "RECURRENCE-ID" in component:
            series[uid].append(component)
        else:
            singles.append(component)

    events: list[SourceEvent] = []
    repeated = _repeated_uids(singles)
    for component in singles:
        event = _to_source(component, name, zone, floating, instance=False)
        if event is not None and _overlaps(event, since, until):
            if event.uid in repeated:
                # RFC 5545 forbids two events with one UID, yet exports have them; keyed by the
                # UID alone they would share follow-ups and rewrite each other on every run
                event = replace(event, id=f"{event.id}#{_rid_text(event.start, zone)}")
            events.append(event)
    for occurrence in _expand(calendar, series, since, until, name):
        event = _to_source(occurrence, name, zone, floating, instance=True)
        if event is not None:
            events.append(event)
    events.sort(key=lambda e: (e.start, e.id))
    calname = calendar.get("X-WR-CALNAME")
    return IcsRead(events=events, time_zone=wr_tz, name=str(calname) if calname else None)


def _repeated_uids(components: list[icalendar.Event]) -> set[str]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for component in components:
        uid = str(component.get("UID", "")).strip()
        if uid and uid in seen:
            repeated.add(uid)
        seen.add(uid)
    return repeated


def _calendar_zone(calendar: icalendar.Calendar) -> str | None:
    value = calendar.get("X-WR-TIMEZONE")
    if value is None:
        return None
    text = str(value).strip()
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return text


def _zone(name_: str, source: str) -> ZoneInfo:
    try:
        return ZoneInfo(name_)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"{source}: unknown time zone {name_!r}") from None


def _check(component: icalendar.Event, name: str, zone: ZoneInfo) -> None:
    """Reject what would otherwise become a wrong event or a traceback later."""
    uid = str(component.get("UID", "")) or "(no UID)"
    summary = str(component.get("SUMMARY", ""))[:60]
    label = f"event {uid!r}" + (f" ({summary})" if summary else "")
    start = component.get("DTSTART")
    if start is None:
        raise InputError(f"{name}: {label} has no DTSTART")
    for key in ("DTSTART", "DTEND", "RECURRENCE-ID", "DURATION"):
        prop = component.get(key)
        if prop is None:
            continue
        try:
            value = prop.dt
        except (ValueError, AttributeError):  # icalendar keeps unparsable values as "broken"
            raw = str(getattr(prop, "to_ical", lambda: b"")().decode("utf-8", "replace"))[:40]
            raise InputError(f"{name}: {label} has an unreadable {key} ({raw!r})") from None
        tzid = getattr(prop, "params", {}).get("TZID")
        if isinstance(value, datetime) and value.tzinfo is None and tzid:
            raise InputError(f"{name}: {label} uses unknown time zone {tzid!r} in {key}")
    for key in ("DESCRIPTION", "SUMMARY", "LOCATION"):
        if len(str(component.get(key, ""))) > MAX_TEXT:
            raise InputError(f"{name}: {label} has a {key} over {MAX_TEXT // 1024} KB")


def _expand(
    calendar: icalendar.Calendar,
    series: dict[str, list[icalendar.Event]],
    since: datetime,
    until: datetime,
    name: str,
) -> Iterator[icalendar.Event]:
    if not series:
        return
    # Only the recurring events go through the expander: it is much slower than a plain walk,
    # and a calendar is mostly single events.
    subset = icalendar.Calendar()
    for component in calendar.walk("VTIMEZONE"):
        subset.add_component(component)
    for components in series.values():
        for component in components:
            subset.add_component(component)
    counts: dict[str, int] = defaultdict(int)
    try:
        # `after` yields in start order, lazily: a runaway rule (FREQ=MINUTELY) is stopped at
        # MAX_INSTANCES instead of being expanded into millions of events
        for occurrence in recurring_ical_events.of(subset).after(since):
            if _occurrence_start(occurrence, since) >= until:
                return
            uid = str(occurrence.get("UID", ""))
            counts[uid] += 1
            if counts[uid] > MAX_INSTANCES:
                summary = str(occurrence.get("SUMMARY", ""))[:60]
                raise InputError(
                    f"{name}: event {uid!r} ({summary}) repeats more than {MAX_INSTANCES:,} "
                    "times in the range read; not a calendar calsync will read"
                )
            yield occurrence
    except InputError:
        raise
    except Exception as exc:  # the expander reports bad rules with many exception types
        raise InputError(f"{name}: a recurring event cannot be expanded ({exc})") from None


def _occurrence_start(occurrence: icalendar.Event, since: datetime) -> datetime:
    start = _value(occurrence, "DTSTART")
    if isinstance(start, datetime):
        return start if start.tzinfo else start.replace(tzinfo=since.tzinfo)
    return datetime.combine(start, time(0), since.tzinfo)


def _to_source(
    component: icalendar.Event, name: str, zone: ZoneInfo, floating: str, *, instance: bool
) -> SourceEvent | None:
    uid = str(component.get("UID", "")).strip()
    start_value: Any = _value(component, "DTSTART")
    all_day = not isinstance(start_value, datetime)
    tz_name = floating
    if all_day:
        start = datetime.combine(start_value, time(0), zone)
    else:
        start = _aware(start_value, zone)
        tzid = component["DTSTART"].params.get("TZID")
        tz_name = _zone_name(start_value.tzinfo) or _iana_for(tzid, start) or floating
    end = _end(component, start, all_day, zone)
    event_id = uid or _synthetic_uid(component, start)
    if instance:
        rid = component.get("RECURRENCE-ID")
        original = _value(component, "RECURRENCE-ID") if rid is not None else start_value
        event_id = f"{event_id}#{_rid_text(original, zone)}"
    organizer = _person(component.get("ORGANIZER"), organizer=True)
    attendees = tuple(
        person
        for prop in _as_list(component.get("ATTENDEE"))
        if (person := _person(prop, organizer=False)) is not None
    )
    status = str(component.get("STATUS", "CONFIRMED")).strip().lower() or "confirmed"
    return SourceEvent(
        id=event_id,
        title=str(component.get("SUMMARY", "")).strip(),
        start=start,
        end=end,
        tz=tz_name if tz_name else floating,
        all_day=all_day,
        description=str(component.get("DESCRIPTION", "")),
        location=str(component.get("LOCATION", "")),
        status=status,
        organizer=organizer,
        attendees=attendees,
        uid=uid,
        calsync_kind=_text_or_none(component.get("X-CALSYNC-KIND")),
        calsync_source=_text_or_none(component.get("X-CALSYNC-SOURCE")),
        calsync_fingerprint=_text_or_none(component.get("X-CALSYNC-FINGERPRINT")),
        updated=_updated(component),
    )


def _updated(component: icalendar.Event) -> datetime | None:
    for key in ("LAST-MODIFIED", "DTSTAMP"):
        value = _value(component, key)
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _value(component: Any, key: str) -> Any:
    """A property's Python value; icalendar's own types are too wide for a checker here."""
    try:
        return getattr(component.get(key), "dt", None)
    except ValueError:  # a broken optional property (LAST-MODIFIED …) is as good as none
        return None


def _aware(value: datetime, zone: tzinfo) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _zone_name(tz: tzinfo | None) -> str | None:
    """An IANA name for a zone, or None for UTC and zones without one (use the calendar's)."""
    key = getattr(tz, "key", None)
    if isinstance(key, str) and key not in ("UTC", "Etc/UTC", "GMT", "Z"):
        return key
    return None


def _iana_for(tzid: str | None, moment: datetime) -> str | None:
    """The IANA zone behind a zone the file defines itself (Outlook's "Pacific Standard Time",
    "Customized Time Zone"), so that "10:00 local" means the interviewer's 10:00.

    icalendar computes the right instants from the file's VTIMEZONE, but such a zone has no
    IANA name: Windows names are looked up; any other is matched by its UTC offsets through the
    event's year.
    """
    if not tzid:
        return None
    name = str(tzid).strip().strip('"')
    if name in WINDOWS_TO_OLSON:
        return str(WINDOWS_TO_OLSON[name])
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    else:
        return name
    year = datetime(moment.year, 1, 15, 12, tzinfo=moment.tzinfo)
    return _zone_with_offsets(tuple(year + timedelta(days=30 * k) for k in range(13)))


@functools.cache
def _zone_with_offsets(samples: tuple[datetime, ...]) -> str | None:
    """The first IANA zone with these samples' offsets: a stable choice, most populous regions
    first (the Windows-style names such files use are mostly European and American)."""
    offsets = [s.utcoffset() for s in samples]
    regions = ("Europe/", "America/", "Asia/", "Australia/", "Pacific/", "Africa/")

    def rank(name: str) -> tuple[int, str]:
        found = [i for i, region in enumerate(regions) if name.startswith(region)]
        return (found[0] if found else len(regions), name)

    for candidate in sorted(zoneinfo.available_timezones(), key=rank):
        if candidate.startswith(("Etc/", "SystemV/")) or "/" not in candidate:
            continue
        zone = ZoneInfo(candidate)
        if [s.astimezone(zone).utcoffset() for s in samples] == offsets:
            return candidate
    return None


def _end(component: icalendar.Event, start: datetime, all_day: bool, zone: ZoneInfo) -> datetime:
    prop = component.get("DTEND")
    if prop is not None:
        value = prop.dt
        if isinstance(value, datetime):
            end = _aware(value, zone)
        else:
            end = datetime.combine(value, time(0), zone)
    elif component.get("DURATION") is not None:
        end = start + _value(component, "DURATION")
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    return end if end >= start else start


def _rid_text(value: date | datetime, zone: ZoneInfo) -> str:
    if isinstance(value, datetime):
        return _aware(value, zone).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _synthetic_uid(component: icalendar.Event, start: datetime) -> str:
    # RFC 5545 requires a UID; exports that omit it still deserve a stable identity
    import hashlib

    key = f"{component.get('SUMMARY', '')}\x1f{start.astimezone(UTC).isoformat()}"
    return "no-uid-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _overlaps(event: SourceEvent, since: datetime, until: datetime) -> bool:
    return event.start < until and (event.end > since or event.start >= since)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _person(prop: Any, *, organizer: bool) -> Attendee | None:
    if prop is None:
        return None
    address = str(prop).strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    params = getattr(prop, "params", {})
    name = str(params.get("CN", "")).strip().strip('"')
    if not address and not name:
        return None
    return Attendee(
        email=address.strip().lower(),
        name=name,
        response=_partstat(params.get("PARTSTAT")),
        is_organizer=organizer,
    )


def _partstat(value: Any) -> str:
    text = str(value or "NEEDS-ACTION").strip().upper()
    return {
        "ACCEPTED": "accepted",
        "DECLINED": "declined",
        "TENTATIVE": "tentative",
    }.get(text, "needsAction")


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
