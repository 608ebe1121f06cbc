"""An .ics event whose TZID names no zone and whose file defines none (`Mars/Olympus_Mons`) is
read in the calendar's zone — X-WR-TIMEZONE, else --timezone, else the system's — with one
warning line naming the zone used; it is not skipped."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner, Result

from calsync.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "data" / "ics" / "unknown-tzid.ics"
WINDOW = ("--since", "2026-11-01", "--until", "2027-03-01")
ACME = "Send thank-you note — Senior Engineer at Acme"


def _sync(source: Path, target: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["sync", "--from", str(source), "--to", str(target), *args])


def _thank_you(target: Path) -> datetime:
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    event = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == ACME)
    start: datetime = event["DTSTART"].dt
    return start


def _with_calendar_zone(folder: Path, zone: str) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    path = folder / "with-zone.ics"
    path.write_text(text.replace("VERSION:2.0\n", f"VERSION:2.0\nX-WR-TIMEZONE:{zone}\n", 1))
    return path


@pytest.mark.parametrize(
    ("system", "calendar_zone", "option", "used"),
    [
        ("Asia/Tokyo", None, (), "Asia/Tokyo"),
        ("Asia/Tokyo", None, ("--timezone", "America/Chicago"), "America/Chicago"),
        ("Asia/Tokyo", "Europe/Berlin", ("--timezone", "America/Chicago"), "Europe/Berlin"),
    ],
    ids=["the system's zone", "--timezone", "X-WR-TIMEZONE first"],
)
def test_an_unknown_tzid_is_read_in_the_calendars_zone_with_a_warning(
    system: str,
    calendar_zone: str | None,
    option: tuple[str, ...],
    used: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", system)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    source = _with_calendar_zone(tmp_path, calendar_zone) if calendar_zone else SOURCE
    target = tmp_path / "out.ics"

    result = _sync(source, target, *option, *WINDOW)

    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [
        f"calsync: warning: {source}: event acme-onsite@example.com (Interview with Acme - "
        f"Senior Engineer): unknown time zone 'Mars/Olympus_Mons' with no VTIMEZONE; read in "
        f"the calendar's zone {used}"
    ]
    # 13:00–14:00 on Dec 2 in that zone: the thank-you an hour after it ends
    assert _thank_you(target) == datetime(2026, 12, 2, 15, 0, tzinfo=ZoneInfo(used))
