"""Zones a file names its own way. An .ics event whose TZID names no zone and whose file defines
none (`Mars/Olympus_Mons`) is read in the calendar's zone — X-WR-TIMEZONE, else --timezone, else
the system's — with one warning line naming the zone used; it is not skipped. A zone the file
defines under a made-up name ("Customized Time Zone") is read by that file's own rules."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner, Result

from calsync.cli import cli
from tests.helpers import system_zone

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
) -> None:
    source = _with_calendar_zone(tmp_path, calendar_zone) if calendar_zone else SOURCE
    target = tmp_path / "out.ics"

    with system_zone(system):
        result = _sync(source, target, *option, *WINDOW)

    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [
        f"calsync: warning: {source}: event acme-onsite@example.com (Interview with Acme - "
        f"Senior Engineer): unknown time zone 'Mars/Olympus_Mons' with no VTIMEZONE; read in "
        f"the calendar's zone {used}"
    ]
    # 13:00–14:00 on Dec 2 in that zone: the thank-you an hour after it ends
    assert _thank_you(target) == datetime(2026, 12, 2, 15, 0, tzinfo=ZoneInfo(used))


def test_under_quiet_the_zone_warning_is_printed_once_as_a_skipped_events_is(
    tmp_path: Path,
) -> None:
    """An hourly cron run must not mail the same guess every hour; without --quiet every run
    says it."""
    target = tmp_path / "out.ics"
    with system_zone("Asia/Tokyo"):
        first = _sync(SOURCE, target, "--quiet", *WINDOW)
        second = _sync(SOURCE, target, "--quiet", *WINDOW)
        loud = _sync(SOURCE, target, *WINDOW)
    assert [r.exit_code for r in (first, second, loud)] == [0, 0, 0]
    assert "Mars/Olympus_Mons" in first.stderr
    assert second.stderr == ""
    assert "Mars/Olympus_Mons" in loud.stderr


def _custom_zone_calendar(folder: Path, rules: str) -> Path:
    """An Outlook-style invitation: 15:00 in "Customized Time Zone", defined as `rules`."""
    zone = icalendar.Timezone.from_tzid(
        rules, first_date=datetime(2026, 1, 1).date(), last_date=datetime(2028, 1, 1).date()
    )
    zone["TZID"] = "Customized Time Zone"
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    calendar.add("VERSION", "2.0")
    calendar.add_component(zone)
    event = icalendar.Event()
    event.add("UID", f"acme-{rules.replace('/', '-')}@example.com")
    event.add("DTSTAMP", datetime(2026, 11, 1, 12, 0, tzinfo=ZoneInfo("UTC")))
    event.add("SUMMARY", "Interview with Acme - Senior Engineer")
    start = datetime(2026, 12, 2, 15, 0)
    event.add("DTSTART", start, parameters={"TZID": "Customized Time Zone"})
    event.add("DTEND", start.replace(hour=16), parameters={"TZID": "Customized Time Zone"})
    calendar.add_component(event)
    path = folder / f"{rules.replace('/', '-')}.ics"
    path.write_bytes(calendar.to_ical())
    return path


def test_each_calendar_reads_a_custom_zone_name_by_its_own_rules(tmp_path: Path) -> None:
    """Two invitations, two "Customized Time Zone"s: the second is not read by the first's."""
    for rules in ("Europe/Berlin", "America/New_York"):
        target = tmp_path / f"out-{rules.replace('/', '-')}.ics"
        result = _sync(_custom_zone_calendar(tmp_path, rules), target, *WINDOW)
        assert result.exit_code == 0, result.output
        assert _thank_you(target) == datetime(2026, 12, 2, 17, 0, tzinfo=ZoneInfo(rules))
