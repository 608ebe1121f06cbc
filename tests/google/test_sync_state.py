"""The stored sync state: later runs see exactly what a fresh read sees, and cost what changed."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from calsync.adapters.google.calendar import GoogleCalendar
from tests.emulator.server import CalendarEmulator
from tests.google.test_calendar import NY, SINCE, creates, follow_up, timed


def _calendar_like_a_users(emulator: CalendarEmulator, calendar_id: str = "primary") -> None:
    people = [
        {"email": "me@example.com", "self": True, "responseStatus": "accepted"},
        {"email": "jane@acme.com", "displayName": "Jane «Roe»", "responseStatus": "tentative"},
    ]
    emulator.put_event(
        calendar_id,
        timed("Interview with Acme", datetime(2026, 3, 3, 10, tzinfo=NY), attendees=people),
    )
    emulator.put_event(
        calendar_id,
        {"summary": "Onsite", "start": {"date": "2026-03-08"}, "end": {"date": "2026-03-09"}},
    )
    emulator.put_event(
        calendar_id,
        {
            "summary": "Night before the clocks go back",
            "start": {"dateTime": "2026-11-01T01:30:00-04:00", "timeZone": "America/New_York"},
            "end": {"dateTime": "2026-11-01T01:30:00-05:00", "timeZone": "America/New_York"},
            "description": "ünïcode\nand lines",
        },
    )
    emulator.put_event(
        calendar_id,
        timed("Phone screen", datetime(2026, 4, 1, 9, 15, 30, tzinfo=UTC), location="Zoom"),
    )


def _same(left: Any, right: Any) -> None:
    """Equal, and equal in every detail a later step might look at (zone objects, offsets)."""
    assert left == right
    assert repr(left) == repr(right)
    for a, b in zip(left, right, strict=True):
        assert (a.start.isoformat(), a.end.isoformat()) == (b.start.isoformat(), b.end.isoformat())
        assert (a.start.tzinfo, a.end.tzinfo) == (b.start.tzinfo, b.end.tzinfo)


def test_a_later_run_sees_exactly_what_a_fresh_read_sees(
    emulator: CalendarEmulator, calendar: GoogleCalendar, service: Any, tmp_path: Path
) -> None:
    _calendar_like_a_users(emulator)
    calendar.apply("primary", creates(follow_up("src1")), source_calendar="primary")
    calendar.read("primary", time_min=SINCE)
    emulator.put_event(
        "primary", timed("Interview with Globex", datetime(2026, 5, 1, 9, tzinfo=NY))
    )

    later = calendar.read("primary", time_min=SINCE)
    fresh = GoogleCalendar(service, state_dir=tmp_path / "fresh").read("primary", time_min=SINCE)

    assert len(later.events) == 5
    _same(later.events, fresh.events)
    _same(later.own, fresh.own)
    assert [o.raw for o in later.own] == [o.raw for o in fresh.own]
    assert later.time_zone == fresh.time_zone


def test_only_events_starting_before_the_end_of_the_range_are_rebuilt(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    _calendar_like_a_users(emulator)
    calendar.apply("primary", creates(follow_up("src1")), source_calendar="primary")

    snapshot = calendar.read("primary", time_min=SINCE, until=datetime(2026, 3, 5, tzinfo=UTC))

    assert [e.title for e in snapshot.events] == ["Interview with Acme"]
    assert len(snapshot.own) == 1  # calsync's own events always come back, whatever their date


def test_a_run_with_no_change_leaves_the_stored_events_alone(
    emulator: CalendarEmulator, calendar: GoogleCalendar, state_dir: Path
) -> None:
    _calendar_like_a_users(emulator)
    calendar.read("primary", time_min=SINCE)
    (stored,) = state_dir.glob("google-*.sqlite")
    # a marker only a rewrite of the stored events would remove
    with sqlite3.connect(stored) as db:
        db.execute("UPDATE events SET location = 'marker' WHERE title = 'Onsite'")
    db.close()
    emulator.reset_counts()

    snapshot = calendar.read("primary", time_min=SINCE)

    assert emulator.http_requests == 1
    assert {e.title: e.location for e in snapshot.events}["Onsite"] == "marker"


def test_a_state_from_an_earlier_version_is_replaced_by_a_full_read(
    emulator: CalendarEmulator, calendar: GoogleCalendar, state_dir: Path
) -> None:
    _calendar_like_a_users(emulator)
    calendar.read("primary", time_min=SINCE)
    (stored,) = state_dir.glob("google-*.sqlite")
    legacy = stored.with_suffix(".json")
    legacy.write_text(json.dumps({"version": 1, "items": {}}))
    stored.unlink()
    emulator.reset_counts()

    snapshot = calendar.read("primary", time_min=SINCE)

    assert len(snapshot.events) == 4
    assert "timeMin" in emulator.requests[-1].query  # a full read, not an incremental one
    assert not legacy.exists()


def test_a_new_calendar_zone_converts_every_event_again(
    emulator: CalendarEmulator, calendar: GoogleCalendar, service: Any, tmp_path: Path
) -> None:
    emulator.add_calendar("work", time_zone="America/New_York")
    _calendar_like_a_users(emulator, "work")
    before = calendar.read("work", time_min=SINCE)
    emulator._store.calendar("work").time_zone = "Asia/Tokyo"  # the user moved
    emulator.put_event("work", timed("Interview with Globex", datetime(2026, 5, 1, 9, tzinfo=NY)))

    after = calendar.read("work", time_min=SINCE)
    fresh = GoogleCalendar(service, state_dir=tmp_path / "fresh").read("work", time_min=SINCE)

    onsite = {e.title: e for e in after.events}["Onsite"]
    assert onsite.tz == "Asia/Tokyo" and after.time_zone == "Asia/Tokyo"
    assert {e.title: e for e in before.events}["Onsite"].tz == "America/New_York"
    _same(after.events, fresh.events)


def test_moving_the_start_forgets_what_ended_before_it(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    _calendar_like_a_users(emulator)
    calendar.read("primary", time_min=SINCE)

    snapshot = calendar.read("primary", time_min=datetime(2026, 3, 9, 5, tzinfo=UTC))

    # the onsite ends at midnight of 9 March in New York, 05:00 UTC: gone, as a full read would
    assert [e.title for e in snapshot.events] == [
        "Night before the clocks go back",
        "Phone screen",
    ]
    later = calendar.read("primary", time_min=datetime(2026, 3, 9, 5, tzinfo=UTC) + timedelta(1))
    assert len(later.events) == 2
