"""calsync's .ics output stored on a real CalDAV server (Radicale) and read back over CalDAV.

Many users put the generated file into a CalDAV calendar (Fastmail, Nextcloud, iCloud). The
server validates every object it stores, one per UID, so this catches output that a calendar app
would import but a server refuses: missing VTIMEZONEs, duplicate UIDs, malformed properties.
The server runs in a subprocess on 127.0.0.1 only, with its storage in a temporary folder.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from caldav.davclient import DAVClient

from calsync import app
from calsync.app import Run
from calsync.settings import Settings
from tests.caldav import servers

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "interviews.ics"
DATA = ROOT / "tests" / "data" / "ics"
FIXED_NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SETTINGS = Settings(since=date(2026, 11, 1), until=date(2027, 3, 1))


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a Radicale server of our own; stopped when the module's tests are done."""
    folder = tmp_path_factory.mktemp("radicale")
    server = servers.start("radicale", folder, servers.radicale_command)
    yield server.url
    server.stop()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    for name in [k for k in os.environ if "proxy" in k.lower()]:
        monkeypatch.delenv(name)  # loopback only, whatever the machine's proxy settings


def _calendar(url: str) -> Any:
    """A new, empty calendar on the server (each test gets its own)."""
    client: Any = DAVClient(url=url, username="alex", password="unused", enable_rfc6764=False)
    principal = client.principal()
    return principal.make_calendar(name="Interview follow-ups", cal_id=uuid.uuid4().hex)


def _sync(source: Path, target: Path, now: datetime = FIXED_NOW) -> bytes:
    run = Run(settings=SETTINGS, now=now, system_tz="America/New_York")
    app.sync(str(source), str(target), run, dry_run=False)
    return target.read_bytes()


def _vevents(data: bytes) -> list[Any]:
    # Any: icalendar types property access as a union of 30 value types
    events: list[Any] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return events


def _objects(data: bytes) -> dict[str, str]:
    """calsync's file split the way a CalDAV client uploads it: one object per UID, each with
    the VTIMEZONEs its times use."""
    calendar = icalendar.Calendar.from_ical(data)
    zones = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    objects: dict[str, str] = {}
    for event in _vevents(data):
        single = icalendar.Calendar()
        single.add("PRODID", str(calendar["PRODID"]))
        single.add("VERSION", "2.0")
        used = {event[key].params.get("TZID") for key in ("DTSTART", "DTEND")}
        for tzid in sorted(str(t) for t in used if t):
            single.add_component(zones[tzid])
        single.add_component(event)
        objects[str(event["UID"])] = single.to_ical().decode()
    return objects


def _upload(calendar: Any, data: bytes, *, first: bool) -> None:
    for text in _objects(data).values():
        # verbatim, as an import does: the client must not bump SEQUENCE on its own, and on
        # the first upload the server must not already hold any of these UIDs
        calendar.add_event(text, increase_seqno=False, no_overwrite=first)


def _sequences(data: bytes) -> dict[str, int]:
    return {str(e["UID"]): int(str(e["SEQUENCE"])) for e in _vevents(data)}


def _starts(data: bytes) -> dict[str, datetime]:
    starts: dict[str, datetime] = {}
    for event in _vevents(data):
        start = event["DTSTART"].dt
        assert isinstance(start, datetime)
        starts[str(event["UID"])] = start.astimezone(UTC)
    return starts


def _stored(calendar: Any) -> dict[str, Any]:
    """What the server holds, parsed by vobject from the text it sends back, by UID."""
    found: dict[str, Any] = {}
    for resource in calendar.get_events():
        parsed = vobject.readOne(resource.data)
        events = parsed.vevent_list
        assert len(events) == 1
        found[events[0].uid.value] = events[0]
    return found


@pytest.mark.parametrize(
    "source",
    [EXAMPLE, DATA / "recurring-panel.ics", DATA / "google-x-wr-timezone.ics"],
    ids=lambda p: p.name,
)
def test_server_stores_and_returns_every_followup(
    radicale: str, source: Path, tmp_path: Path
) -> None:
    data = _sync(source, tmp_path / "followups.ics")
    expected = _starts(data)
    assert expected
    calendar = _calendar(radicale)
    _upload(calendar, data, first=True)

    stored = _stored(calendar)
    assert set(stored) == set(expected)
    for uid, event in stored.items():
        assert event.dtstart.value.astimezone(UTC) == expected[uid]
        assert event.x_calsync_kind.value in ("thank-you", "follow-up-call")
    # and through the client library's own reading, one UID at a time
    for uid, start in expected.items():
        component = calendar.get_event_by_uid(uid).icalendar_component
        assert component["DTSTART"].dt.astimezone(UTC) == start


def test_rewritten_followups_replace_their_server_copy(radicale: str, tmp_path: Path) -> None:
    """The next run's file uploaded again: same UIDs, so the server updates instead of adding."""
    target = tmp_path / "followups.ics"
    calendar = _calendar(radicale)
    _upload(calendar, _sync(EXAMPLE, target), first=True)

    moved = tmp_path / "moved.ics"
    source = EXAMPLE.read_bytes()
    for hour in (b"14", b"15"):  # the Acme interview moves from Nov 24 to Nov 25
        old = b"TZID=America/New_York:20261124T" + hour + b"0000"
        assert source.count(old) == 1
        source = source.replace(old, b"TZID=America/New_York:20261125T" + hour + b"0000")
    moved.write_bytes(source)
    data = _sync(moved, target)
    _upload(calendar, data, first=False)

    stored = _stored(calendar)
    assert set(stored) == set(_starts(data))
    assert {uid: e.dtstart.value.astimezone(UTC) for uid, e in stored.items()} == _starts(data)
    sequences = {uid: int(e.sequence.value) for uid, e in stored.items()}
    assert sequences == _sequences(data)
    assert sorted(sequences.values()).count(1) == 2  # the Acme note and call; the rest 0
