"""Each backend's "free / busy" mark on an event, as free slots read it (`SourceEvent.busy`)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from calsync.adapters.google import events as google
from calsync.adapters.google import state as google_state
from calsync.adapters.ics.source import read_events
from calsync.adapters.microsoft import events as microsoft
from tests.helpers import Ev, calendar_bytes

NY = ZoneInfo("America/New_York")


def _google(**fields: Any) -> dict[str, Any]:
    return {
        "id": "e1",
        "summary": "Dentist",
        "start": {"dateTime": "2026-12-08T10:00:00-05:00"},
        "end": {"dateTime": "2026-12-08T11:00:00-05:00"},
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "busy"),
    [({}, None), ({"transparency": "opaque"}, True), ({"transparency": "transparent"}, False)],
)
def test_google_transparency(fields: dict[str, Any], busy: bool | None) -> None:
    event = google.source_event(_google(**fields), "America/New_York")
    assert event.busy is busy
    # the sync state keeps the mark: an incremental run sees what a full read saw
    assert google.from_compact(event.id, *google.compact(event)) == event


def test_an_older_google_sync_state_gains_the_busy_column(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    old = sqlite3.connect(path)
    old.executescript(google_state._SCHEMA.replace(" busy INTEGER,", ""))
    old.commit()
    old.close()
    connection = google_state._prepared(sqlite3.connect(path))
    columns = {row[1] for row in connection.execute("PRAGMA table_info(events)")}
    assert "busy" in columns


@pytest.mark.parametrize(
    ("show_as", "busy"),
    [
        ("busy", True),
        ("oof", True),
        ("tentative", True),
        ("free", False),
        ("workingElsewhere", False),
        (None, None),
    ],
)
def test_outlook_show_as(show_as: str | None, busy: bool | None) -> None:
    item: dict[str, Any] = {
        "id": "e1",
        "subject": "Dentist",
        "start": {"dateTime": "2026-12-08T15:00:00.0000000", "timeZone": "UTC"},
        "end": {"dateTime": "2026-12-08T16:00:00.0000000", "timeZone": "UTC"},
    }
    if show_as is not None:
        item["showAs"] = show_as
    assert microsoft.source_event(item, "America/New_York").busy is busy


@pytest.mark.parametrize(
    ("extra", "all_day", "busy"),
    [
        ({}, False, None),
        ({"TRANSP": "OPAQUE"}, False, True),
        ({"TRANSP": "TRANSPARENT"}, False, False),
        ({"X-MICROSOFT-CDO-BUSYSTATUS": "FREE", "TRANSP": "OPAQUE"}, False, False),
        ({"X-MICROSOFT-CDO-BUSYSTATUS": "OOF"}, False, True),
        # the standard's default, written on every event by many apps: on an all-day event it
        # says nothing (the day stays free for calls) …
        ({"TRANSP": "OPAQUE"}, True, None),
        ({"TRANSP": "TRANSPARENT"}, True, False),
        # … while Outlook's "busy" or "out of office" on a whole day is meant
        ({"X-MICROSOFT-CDO-BUSYSTATUS": "OOF", "TRANSP": "OPAQUE"}, True, True),
    ],
)
def test_ics_transp(extra: dict[str, str], all_day: bool, busy: bool | None) -> None:
    start: date | datetime = date(2026, 12, 8) if all_day else datetime(2026, 12, 8, 10, tzinfo=NY)
    data = calendar_bytes([Ev("e1@example.com", "Dentist", start, extra=extra)])  # type: ignore[arg-type]
    read = read_events(
        data,
        "test.ics",
        since=datetime(2026, 12, 1, tzinfo=UTC),
        until=datetime(2026, 12, 31, tzinfo=UTC),
        timezone=None,
        system_tz="America/New_York",
    )
    [event] = read.events
    assert event.busy is busy
