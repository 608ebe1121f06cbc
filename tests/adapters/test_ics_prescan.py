"""The first pass over an .ics file leaves out only events that cannot matter (issue 10).

The property: for random calendars — folded lines (even inside a property name), DATE and
DATE-TIME, TZID, UTC and floating times, RRULE/RDATE/EXDATE, overrides (RECURRENCE-ID) far from
their master, DTEND or DURATION reaching into the range, duplicate UIDs, calsync's own events,
several VCALENDAR blocks, bytes arriving in chunks of any size — reading with the first pass
gives exactly the events that parsing everything gives.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calsync.adapters.ics import scan as ics_scan
from calsync.adapters.ics.source import IcsRead, read_events
from calsync.errors import InputError

ZONE = ZoneInfo("America/New_York")
SINCE = datetime(2026, 11, 1, tzinfo=ZONE)
UNTIL = datetime(2027, 3, 1, tzinfo=ZONE)
TZIDS = ("America/New_York", "Europe/London", "Asia/Tokyo", "Pacific/Kiritimati")
UIDS = ("a@example.com", "b@example.com", "c@example.com", "d@google.com")
CALSYNC_UID = "0123456789abcdef0123456789abcdef@calsync"


@dataclass(frozen=True)
class When:
    moment: datetime  # naive: its reading depends on `form`
    form: str  # date | utc | floating | tzid


def _value(name: str, when: When, tzid: str) -> str:
    if when.form == "date":
        return f"{name};VALUE=DATE:{when.moment:%Y%m%d}"
    if when.form == "utc":
        return f"{name}:{when.moment:%Y%m%dT%H%M%S}Z"
    if when.form == "tzid":
        return f"{name};TZID={tzid}:{when.moment:%Y%m%dT%H%M%S}"
    return f"{name}:{when.moment:%Y%m%dT%H%M%S}"


# moments near the edges of the range (where a wrong margin would show) and far from it
near = st.sampled_from([SINCE, UNTIL]).flatmap(
    lambda edge: st.one_of(
        st.integers(-4 * 24 * 60, 4 * 24 * 60), st.integers(-45 * 24 * 60, 0)
    ).map(lambda minutes: edge.replace(tzinfo=None) + timedelta(minutes=minutes))
)
far = st.datetimes(min_value=datetime(2012, 1, 1), max_value=datetime(2031, 12, 31))
moments = st.one_of(near, far).map(lambda m: m.replace(second=0, microsecond=0))
forms = st.sampled_from(["date", "utc", "floating", "tzid"])


@st.composite
def vevents(draw: st.DrawFn) -> list[str]:
    form = draw(forms)
    start = When(draw(moments), form)
    tzid = draw(st.sampled_from(TZIDS))
    uid = draw(st.sampled_from((*UIDS, CALSYNC_UID, f"single-{draw(st.integers(0, 99))}")))
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z"]
    lines.append(_value("DTSTART", start, tzid))
    length = timedelta(hours=draw(st.sampled_from([1, 24, 240, 960])))
    ending = draw(st.sampled_from(["dtend", "duration", "none", "negative"]))
    if ending == "dtend":
        lines.append(_value("DTEND", When(start.moment + length, form), tzid))
    elif ending == "duration":
        lines.append(f"DURATION:P{length.days}DT{length.seconds // 3600}H")
    elif ending == "negative":
        lines.append("DURATION:-PT1H")
    kind = draw(st.sampled_from(["single", "single", "rrule", "rdate", "override", "calsync"]))
    if kind == "rrule":
        lines.append(f"RRULE:FREQ=WEEKLY;COUNT={draw(st.integers(1, 30))}")
        if draw(st.booleans()):
            lines.append(_value("EXDATE", When(start.moment + timedelta(weeks=1), form), tzid))
    elif kind == "rdate":
        lines.append(_value("RDATE", When(draw(moments).replace(hour=0), form), tzid))
    elif kind == "override":
        rid = When(draw(moments), form)  # the instance moved may be far from its new time
        lines.append(_value("RECURRENCE-ID", rid, tzid))
    elif kind == "calsync":
        lines.append("X-CALSYNC-KIND:thank-you")
    title = draw(st.sampled_from(["Interview with Acme", "Dentist", "Lunch with Sam"]))
    lines.append(f"SUMMARY:{title} {draw(st.text('abcé ,;', max_size=90))}")
    if draw(st.booleans()):
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DURATION:PT5M", "REPEAT:1",
                  "TRIGGER:-PT15M", "END:VALARM"]  # fmt: skip
    lines.append("END:VEVENT")
    return lines


def _fold(line: str, at: list[int]) -> str:
    """Fold at 75 octets like writers do, or at the drawn places (even inside a name)."""
    places = sorted({p for p in at if 0 < p < len(line)}) or list(range(75, len(line), 74))
    parts, last = [], 0
    for place in places:
        parts.append(line[last:place])
        last = place
    parts.append(line[last:])
    return "\r\n ".join(parts)


@st.composite
def calendars(draw: st.DrawFn) -> tuple[bytes, list[int]]:
    blocks = []
    for _ in range(draw(st.integers(1, 2))):
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//prescan//EN"]
        if draw(st.booleans()):
            lines.append(f"X-WR-TIMEZONE:{draw(st.sampled_from(TZIDS))}")
        for event in draw(st.lists(vevents(), max_size=12)):
            lines += event
        lines.append("END:VCALENDAR")
        # the first line stays whole: a file must start with BEGIN:VCALENDAR to be read at all
        folded = [lines[0]] + [
            _fold(line, draw(st.lists(st.integers(1, 80), max_size=2))) for line in lines[1:]
        ]
        newline = draw(st.sampled_from(["\r\n", "\n"]))
        blocks.append(newline.join(folded).replace("\r\n", newline) + newline)
    data = "".join(blocks).encode("utf-8")
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=6)))
    return data, cuts


def _read(data: bytes, cuts: list[int], *, prescan: bool) -> IcsRead | str:
    pieces = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
    try:
        return read_events(
            pieces,
            "random.ics",
            since=SINCE,
            until=UNTIL,
            timezone=None,
            system_tz="America/New_York",
            prescan=prescan,
        )
    except InputError as exc:
        return str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calendars())
def test_the_first_pass_leaves_out_nothing_that_matters(case: tuple[bytes, list[int]]) -> None:
    data, cuts = case
    full = _read(data, [], prescan=False)
    scanned = _read(data, cuts, prescan=True)
    if isinstance(full, str) or isinstance(scanned, str):
        assert scanned == full
        return
    assert scanned.events == full.events
    assert (scanned.time_zone, scanned.name) == (full.time_zone, full.name)
    # what the first pass leaves out cannot be reported as skipped; nothing else may differ
    assert set(scanned.skipped) <= set(full.skipped)


def test_a_single_event_sharing_its_uid_with_one_left_out_keeps_its_own_id() -> None:
    """Two events with one UID are told apart by their start, even when one is years old."""
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:a@example.com\r\nDTSTART:20140101T100000Z\r\nSUMMARY:old\r\n"
        b"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:a@example.com\r\nDTSTART:20261201T100000Z\r\n"
        b"SUMMARY:new\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    scanned, full = _read(data, [], prescan=True), _read(data, [], prescan=False)
    assert isinstance(scanned, IcsRead) and isinstance(full, IcsRead)
    assert scanned.left_out == 1
    assert [e.id for e in scanned.events] == [e.id for e in full.events]
    assert [e.id for e in scanned.events] == ["a@example.com#20261201T100000Z"]


def _history(years: int) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//history//EN"]
    day = date(2027, 2, 1) - timedelta(days=365 * years)
    number = 0
    while day < date(2027, 2, 1):
        lines += [
            "BEGIN:VEVENT",
            f"UID:e{number}@example.com",
            f"DTSTART:{day:%Y%m%d}T150000Z",
            f"DTEND:{day:%Y%m%d}T160000Z",
            "SUMMARY:Lunch",
            "DESCRIPTION:" + "notes " * 40,
            "END:VEVENT",
        ]
        day += timedelta(days=1)
        number += 1
    return ("\r\n".join(_fold(line, []) for line in lines) + "\r\nEND:VCALENDAR\r\n").encode()


def test_the_first_pass_reads_in_time_linear_in_the_file() -> None:
    small, big = _history(2), _history(16)

    def cost(data: bytes) -> float:
        started = time.perf_counter()
        found = ics_scan.scan([data], "history.ics", since=SINCE, until=UNTIL)
        elapsed = time.perf_counter() - started
        assert found.dropped > 0
        return elapsed

    cost(small)  # warm up
    ratio = min(cost(big) for _ in range(3)) / min(cost(small) for _ in range(3))
    assert ratio < 8 * 2.5, ratio  # 8x the bytes: well under 8² the time
