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
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events
import x_wr_timezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from calsync.adapters.base import Skipped
from calsync.adapters.ics import defined_zones, recurrence
from calsync.adapters.ics import scan as ics_scan
from calsync.adapters.ics.broken import Without, without_broken
from calsync.errors import InputError
from calsync.model import Attendee, SourceEvent

MAX_TEXT = 1024 * 1024  # one description longer than this is not notes but a broken export
MAX_INSTANCES = 10_000  # a series repeating more often than this in the window is not a calendar
_RUNAWAY = f"repeats more than {MAX_INSTANCES:,} times in the range read"


@dataclass(frozen=True)
class IcsRead:
    """What an .ics source holds: its events in the window, and the calendar's own zone."""

    events: list[SourceEvent]
    time_zone: str | None  # X-WR-TIMEZONE, when the calendar names one
    name: str | None = None  # X-WR-CALNAME: Google exports put the owner's address there
    skipped: list[Skipped] = field(default_factory=list)  # events that could not be read
    warnings: list[str] = field(default_factory=list)  # events read with a zone guessed
    size: int = 0  # bytes read
    left_out: int = 0  # events the first pass left out: they cannot touch the range


def parse_calendars(text: str, name: str) -> tuple[list[icalendar.Calendar], Without]:
    """Every VCALENDAR block in `text` (`cat a.ics b.ics` holds two), and the components left
    out of the parse because they cannot be read: the file's zones (TZID → problem) and its
    to-dos, journal entries and free/busy blocks (as skipped)."""
    # icalendar keeps the first VTIMEZONE it saw under each TZID for the whole process; another
    # calendar's "Customized Time Zone" (each invitation has its own rules) must not inherit it
    icalendar.timezone.tzp.use_zoneinfo()
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
        left = Without(text=text)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        # one broken VTIMEZONE (an RDATE;VALUE=DATE in it) or to-do fails the whole parse;
        # without it only the events in that zone are lost, reported one by one
        left = without_broken(text)
        if not left.found:
            raise _invalid(name, exc) from None
        try:
            calendars = icalendar.Calendar.from_ical(left.text, multiple=True)
        except (ValueError, KeyError, IndexError, TypeError) as again:
            raise _invalid(name, again) from None
    if not calendars:
        raise InputError(f"{name}: no VCALENDAR in the file")
    return list(calendars), left


def parse_calendar(data: bytes, name: str) -> icalendar.Calendar:
    """Bytes → calendar, or an `InputError` that says in one line what is wrong with `name`.

    A file with several VCALENDAR blocks gives one calendar holding all their components.
    """
    text = ics_scan.scan([data], name, since=None, until=None).text
    calendars, _ = parse_calendars(text, name)
    calendar: icalendar.Calendar = calendars[0]
    for other in calendars[1:]:
        for component in other.subcomponents:
            calendar.add_component(component)
    return calendar


def _invalid(name: str, exc: Exception) -> InputError:
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return InputError(f"{name}: not valid iCalendar ({detail[:160]})")


def _zone_error(zone: Any) -> str:
    try:
        zone.to_tz()
    except Exception as exc:  # dateutil and icalendar raise many kinds on a broken zone
        return _detail(exc)[:120]
    return "icalendar cannot use it"


def read_events(
    data: bytes | Iterable[bytes],
    name: str,
    *,
    since: datetime,
    until: datetime,
    timezone: str | None,
    system_tz: str,
    prescan: bool = True,
) -> IcsRead:
    """Every event of the calendar that starts in [since, until), recurring ones expanded.

    `data` is the file's bytes, or its chunks as they arrive (a download is never held whole).
    Floating times are read in `timezone` (the user's --timezone) when given, else in the
    calendar's X-WR-TIMEZONE, else in `system_tz`. An event that cannot be read is left out and
    listed in `skipped`; a file that cannot be read at all raises `InputError`. `prescan` False
    parses every event (the first pass must give the same result; tests compare the two).
    """
    chunks = [data] if isinstance(data, bytes | bytearray) else data
    scanned = ics_scan.scan(
        chunks,
        name,
        since=since if prescan else None,
        until=until if prescan else None,
    )
    calendars, left = parse_calendars(scanned.text, name)
    broken_zones = left.zones
    skipped: list[Skipped] = list(left.skipped)
    skipped.extend(Skipped(t.uid, t.summary, t.problem, partly=True) for t in scanned.trimmed)
    warnings: list[str] = []
    events: list[SourceEvent] = []
    parts = [
        _read_one(c, name, timezone, system_tz, broken_zones, skipped, warnings)
        for c in calendars
    ]
    singles = [single for part in parts for single in part.singles]
    repeated = _repeated_uids([component for component, _ in singles])
    repeated |= {e.uid for _, e in singles if e.uid and e.uid in scanned.dropped_uids}
    for part in parts:
        for _component, event in part.singles:
            if _overlaps(event, since, until):
                if event.uid in repeated:
                    # RFC 5545 forbids two events with one UID, yet exports have them; keyed by
                    # the UID alone they would share follow-ups and rewrite each other every run
                    event = replace(event, id=f"{event.id}#{_rid_text(event.start, part.zone)}")
                events.append(event)
        events.extend(part.instances(since, until, skipped))
    events.sort(key=lambda e: (e.start, e.id))
    first = parts[0]
    return IcsRead(
        events=events,
        time_zone=next((p.wr_tz for p in parts if p.wr_tz), None),
        name=first.calname or next((p.calname for p in parts if p.calname), None),
        skipped=skipped,
        warnings=warnings,
        size=scanned.size,
        left_out=scanned.dropped,
    )


@dataclass
class _Part:
    """One VCALENDAR block, read: its single events and its recurring series."""

    calendar: icalendar.Calendar
    name: str
    zone: ZoneInfo
    floating: str
    fixed: str  # the zone a UTC time is local in: the calendar's, else the floating one
    wr_tz: str | None
    calname: str | None
    singles: list[tuple[icalendar.Event, SourceEvent]]
    series: dict[str, list[icalendar.Event]]

    def instances(
        self, since: datetime, until: datetime, skipped: list[Skipped]
    ) -> list[SourceEvent]:
        found: list[SourceEvent] = []
        for occurrence in _expand(self.calendar, self.series, since, until, skipped):
            try:
                event = _to_source(
                    occurrence, self.name, self.zone, self.floating, instance=True, fixed=self.fixed
                )
            except (ValueError, TypeError, AttributeError, KeyError) as exc:
                skipped.append(_skipped(occurrence, _detail(exc)))
                continue
            if event is not None:
                found.append(event)
        return found


def _read_one(
    calendar: icalendar.Calendar,
    name: str,
    timezone: str | None,
    system_tz: str,
    broken_zones: dict[str, str],
    skipped: list[Skipped],
    warnings: list[str],
) -> _Part:
    wr_tz = _calendar_zone(calendar)
    # with --timezone the user's zone wins for floating times only; x-wr-timezone would put them
    # in the calendar's zone. A UTC time keeps its instant and is local in the calendar's zone
    # (SPEC: --timezone is for floating times), so the notes planned after it stay on its day.
    if wr_tz is not None and timezone is None:
        try:
            calendar = x_wr_timezone.to_standard(calendar)
        except Exception as exc:  # the library raises plain errors on odd exports
            raise InputError(f"{name}: cannot apply X-WR-TIMEZONE ({exc})") from None
    floating = timezone or wr_tz or system_tz
    fixed = wr_tz or floating
    zone = _zone(floating, name)
    singles: list[tuple[icalendar.Event, SourceEvent]] = []
    series: dict[str, list[icalendar.Event]] = defaultdict(list)
    # the zones the file defines itself: one icalendar could not use is named in the problem
    defined = {str(tz.get("TZID", "")): tz for tz in calendar.walk("VTIMEZONE")}
    component: Any
    for component in calendar.walk("VEVENT"):
        unknown = _place_unknown_zones(component, defined, broken_zones, ZoneInfo(fixed))
        if unknown:
            who = _skipped(component, "")
            warnings.append(
                f"event {who.uid} ({who.summary}): unknown time zone {unknown!r} with no "
                f"VTIMEZONE; read in the calendar's zone {fixed}"
            )
        problem = _problem(component, broken_zones, defined)
        if problem is not None:
            skipped.append(_skipped(component, problem))
            continue
        uid = str(component.get("UID", ""))
        if "RRULE" in component or "RDATE" in component or "RECURRENCE-ID" in component:
            series[uid].append(component)
            continue
        try:
            event = _to_source(component, name, zone, floating, instance=False, fixed=fixed)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            skipped.append(_skipped(component, _detail(exc)))
            continue
        if event is not None:
            singles.append((component, event))
    calname = calendar.get("X-WR-CALNAME")
    return _Part(
        calendar=calendar,
        name=name,
        zone=zone,
        floating=floating,
        fixed=fixed,
        wr_tz=wr_tz,
        calname=str(calname) if calname else None,
        singles=singles,
        series=series,
    )


def _skipped(component: Any, problem: str) -> Skipped:
    uid = str(component.get("UID", "")).strip() or "(no UID)"
    summary = " ".join(str(component.get("SUMMARY", "")).split())[:60]
    return Skipped(uid=uid, summary=summary, problem=problem)


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


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


def _place_unknown_zones(
    component: icalendar.Event, defined: dict[str, Any], broken: dict[str, str], zone: ZoneInfo
) -> str | None:
    """Put times whose TZID names no zone (and the file defines none) in `zone`, the calendar's;
    the first such TZID, or None. (With X-WR-TIMEZONE the x-wr-timezone library has done so.)"""
    found = None
    for key in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = component.get(key)
        tzid = getattr(prop, "params", {}).get("TZID") if prop is not None else None
        if not tzid or str(tzid) in defined or str(tzid) in broken or _named(str(tzid)):
            continue
        value = getattr(prop, "dt", None)
        if isinstance(value, datetime):
            if value.tzinfo is None:
                prop.dt = value.replace(tzinfo=zone)
            found = found or str(tzid)
    return found


def _named(tzid: str) -> bool:
    """The TZID is an IANA or Windows zone name (icalendar knows it without a VTIMEZONE)."""
    name = tzid.strip().strip('"')
    if name in WINDOWS_TO_OLSON:
        return True
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# the properties an event cannot be placed in time without
TIME_KEYS = ("DTSTART", "DTEND", "RECURRENCE-ID", "DURATION", "RRULE", "RDATE", "EXDATE")


def _problem(
    component: icalendar.Event, broken_zones: dict[str, str], defined: dict[str, Any]
) -> str | None:
    """Why this event would otherwise become a wrong event or a traceback later; None if fine."""
    if component.get("DTSTART") is None:
        return "no DTSTART"
    for key, error in getattr(component, "errors", []):
        if str(key).upper() in TIME_KEYS:
            return f"unreadable {str(key).upper()} ({' '.join(str(error).split())[:80]})"
    for key in ("DTSTART", "DTEND", "RECURRENCE-ID", "DURATION"):
        prop = component.get(key)
        if prop is None:
            continue
        try:
            value = prop.dt
        except (ValueError, AttributeError):  # icalendar keeps unparsable values as "broken"
            raw = str(getattr(prop, "to_ical", lambda: b"")().decode("utf-8", "replace"))[:40]
            return f"unreadable {key} ({raw!r})"
        tzid = getattr(prop, "params", {}).get("TZID")
        if isinstance(value, datetime) and value.tzinfo is None and tzid:
            if str(tzid) not in broken_zones and str(tzid) in defined:
                broken_zones[str(tzid)] = _zone_error(defined[str(tzid)])
            if str(tzid) in broken_zones:
                return f"its time zone {str(tzid)!r} cannot be read ({broken_zones[str(tzid)]})"
            return f"unknown time zone {str(tzid)!r} in {key}"
    for key in ("DESCRIPTION", "SUMMARY", "LOCATION"):
        if len(str(component.get(key, ""))) > MAX_TEXT:
            return f"a {key} over {MAX_TEXT // 1024} KB"
    return None


def _expand(
    calendar: icalendar.Calendar,
    series: dict[str, list[icalendar.Event]],
    since: datetime,
    until: datetime,
    skipped: list[Skipped],
) -> list[icalendar.Event]:
    """The occurrences of every series in [since, until); a series that cannot be expanded,
    or repeats more than MAX_INSTANCES times, is skipped alone."""
    zones = list(calendar.walk("VTIMEZONE"))
    todo = dict(series)
    defined_zones.speed_up(defined_zones.zones_of(c for cs in series.values() for c in cs))
    counted = True  # every series' count is known: expanded in one pass, not lazily
    for uid, components in series.items():
        recurrence.start_near(components, since)  # the walk starts at the range, not DTSTART
        runaway = recurrence.repeats_more_than(components, since, until, MAX_INSTANCES)
        if runaway:
            skipped.append(_skipped(todo.pop(uid)[0], _RUNAWAY))
        counted = counted and runaway is not None
    while todo:
        try:
            return _occurrences(zones, todo, since, until, counted=counted)
        except _Runaway as runaway:
            skipped.append(
                _skipped(
                    todo.pop(runaway.uid)[0],
                    _RUNAWAY,
                )
            )
        except Exception:  # the expander reports bad rules with many exception types
            return _one_by_one(zones, todo, since, until, skipped)
    return []


def _one_by_one(
    zones: list[Any],
    series: dict[str, list[icalendar.Event]],
    since: datetime,
    until: datetime,
    skipped: list[Skipped],
) -> list[icalendar.Event]:
    """Each series expanded alone, to find the ones at fault (slower; only after a failure)."""
    found: list[icalendar.Event] = []
    for components in series.values():
        try:
            found.extend(_occurrences(zones, {"": components}, since, until))
        except _Runaway:
            skipped.append(_skipped(components[0], _RUNAWAY))
        except Exception as exc:  # as above: many exception types for one bad rule
            skipped.append(_skipped(components[0], f"cannot be expanded ({_detail(exc)})"))
    found.sort(key=lambda occurrence: _occurrence_start(occurrence, since))
    return found


class _Runaway(Exception):
    def __init__(self, uid: str) -> None:
        super().__init__(uid)
        self.uid = uid


def _occurrences(
    zones: list[Any],
    series: dict[str, list[icalendar.Event]],
    since: datetime,
    until: datetime,
    *,
    counted: bool = False,
) -> list[icalendar.Event]:
    # Only the recurring events go through the expander: it is much slower than a plain walk,
    # and a calendar is mostly single events.
    subset = icalendar.Calendar()
    for component in zones:
        subset.add_component(component)
    for components in series.values():
        for component in components:
            subset.add_component(component)
    counts: dict[str, int] = defaultdict(int)
    found: list[icalendar.Event] = []
    # `after` yields in start order, lazily: a runaway rule (FREQ=MINUTELY) is stopped at
    # MAX_INSTANCES instead of being expanded into millions of events. It asks the rules
    # window by window, each from the series' start: when every series is known to stay under
    # MAX_INSTANCES, one pass over the range costs far less for a long series.
    query = recurring_ical_events.of(subset)
    for occurrence in query.between(since, until) if counted else query.after(since):
        if _occurrence_start(occurrence, since) >= until:
            if counted:
                continue  # one pass: in no order
            break
        uid = str(occurrence.get("UID", ""))
        counts[uid] += 1
        if counts[uid] > MAX_INSTANCES:
            raise _Runaway(uid)
        found.append(occurrence)
    return found


def _occurrence_start(occurrence: icalendar.Event, since: datetime) -> datetime:
    start = _value(occurrence, "DTSTART")
    if isinstance(start, datetime):
        return start if start.tzinfo else start.replace(tzinfo=since.tzinfo)
    return datetime.combine(start, time(0), since.tzinfo)


def _to_source(
    component: icalendar.Event,
    name: str,
    zone: ZoneInfo,
    floating: str,
    *,
    instance: bool,
    fixed: str | None = None,
) -> SourceEvent | None:
    """One event; `floating` is the zone of times without one, `fixed` the zone a UTC time (or
    one in a zone with no IANA name) is shown and planned in (default: `floating`)."""
    uid = str(component.get("UID", "")).strip()
    start_value: Any = _value(component, "DTSTART")
    all_day = not isinstance(start_value, datetime)
    tz_name = floating
    if all_day:
        start = datetime.combine(start_value, time(0), zone)
    else:
        start = _aware(start_value, zone)
        tzid = component["DTSTART"].params.get("TZID")
        local = floating if start_value.tzinfo is None else (fixed or floating)
        tz_name = _zone_name(start_value.tzinfo) or _iana_for(tzid, start) or local
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
        busy=_busy(component, all_day),
    )


def _busy(component: icalendar.Event, all_day: bool) -> bool | None:
    """Does the event take the user's time? X-MICROSOFT-CDO-BUSYSTATUS, else TRANSP; None when
    the event does not say. TRANSP:OPAQUE is the standard's default and many apps write it on
    every event, so on an all-day event (a date marker more often than a day away) it says
    nothing; Outlook's BUSY or OOF does."""
    status = str(component.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).strip().upper()
    if status:
        return status not in ("FREE", "WORKINGELSEWHERE")
    transp = str(component.get("TRANSP", "")).strip().upper()
    if transp == "TRANSPARENT":
        return False
    if transp == "OPAQUE" and not all_day:
        return True
    return None


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
    samples = tuple(year + timedelta(days=30 * k) for k in range(13))
    return defined_zones.iana_behind(name, samples, _zone_with_offsets)


@functools.cache
def _zone_with_offsets(samples: tuple[datetime, ...]) -> str | None:
    """The first IANA zone with these samples' offsets: a stable choice, most populous regions
    first (the Windows-style names such files use are mostly European and American)."""
    # in UTC once: a zone built from a VTIMEZONE is slow to ask, an IANA zone is quick
    pairs = [(s.astimezone(UTC), s.utcoffset()) for s in samples]
    for candidate in _candidate_zones():
        zone = ZoneInfo(candidate)
        # most candidates differ at the first sample: stop there
        if all(moment.astimezone(zone).utcoffset() == offset for moment, offset in pairs):
            return candidate
    return None


@functools.cache
def _candidate_zones() -> tuple[str, ...]:
    """Every IANA zone a file's own zone may be, in the order they are tried (listing them
    reads the zone folder: once per process)."""
    regions = ("Europe/", "America/", "Asia/", "Australia/", "Pacific/", "Africa/")

    def rank(name: str) -> tuple[int, str]:
        found = [i for i, region in enumerate(regions) if name.startswith(region)]
        return (found[0] if found else len(regions), name)

    return tuple(
        candidate
        for candidate in sorted(zoneinfo.available_timezones(), key=rank)
        if not candidate.startswith(("Etc/", "SystemV/")) and "/" in candidate
    )


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
