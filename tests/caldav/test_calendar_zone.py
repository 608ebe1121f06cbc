"""A CalDAV calendar's own zone (`calendar-timezone`) is the calendar's zone, whatever the zone of
the machine calsync runs on: floating times, all-day events, unknown TZIDs and holidays use it.

calsync runs as a real process with TZ set to Los Angeles; the calendar says Berlin.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from tests.caldav.conftest import USER, make_calendar, spec
from tests.caldav.servers import Server
from tests.contract.harness import DavApp

BERLIN = ZoneInfo("Europe/Berlin")
ROOT = Path(__file__).resolve().parents[2]
ME = "alex@example.com"

# Berlin as calendar apps send it in `calendar-timezone`
CALENDAR_ZONE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"
)


def _event(uid: str, title: str, start: str, end: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261101T120000Z\r\nSUMMARY:{title}\r\n{start}\r\n{end}\r\n"
        f"ATTENDEE;CN=Alex;PARTSTAT=ACCEPTED:mailto:{ME}\r\n"
        "ORGANIZER;CN=Jane Doe:mailto:jane@acme.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


def _calsync(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    # a Berlin calendar is written in German by default; this test reads English titles
    config = home / "config" / "calsync" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('language = "en"\n', encoding="utf-8")
    env = {
        **os.environ,
        "TZ": "America/Los_Angeles",  # the machine's zone: unlike the calendar's
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "calsync", *args, "--email", ME],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )


def test_the_calendar_timezone_places_floating_and_all_day_times_and_names_the_holidays(
    server: Server, tmp_path: Path
) -> None:
    path = make_calendar(server.url, "Interviews")
    app = DavApp(server.url, USER, "unused")
    patch = (
        '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" '
        'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><c:calendar-timezone>'
        f"<![CDATA[{CALENDAR_ZONE}]]></c:calendar-timezone></d:prop></d:set></d:propertyupdate>"
    ).encode()
    assert app.send("PROPPATCH", path, patch, Content_Type="application/xml")[0] == 207
    day = date.today() + timedelta(days=6)
    stamp = day.strftime("%Y%m%d")
    after = (day + timedelta(days=1)).strftime("%Y%m%d")
    events = {
        "floating": _event(
            "floating@example.com",
            "Interview with Acme — Data Analyst",
            f"DTSTART:{stamp}T100000",
            f"DTEND:{stamp}T110000",
        ),
        "all-day": _event(
            "allday@example.com",
            "Onsite interview with Globex — Engineer",
            f"DTSTART;VALUE=DATE:{stamp}",
            f"DTEND;VALUE=DATE:{after}",
        ),
        "unknown": _event(
            "unknown@example.com",
            "Phone screen - Initech - Analyst",
            f"DTSTART;TZID=Mars/Olympus_Mons:{stamp}T140000",
            f"DTEND;TZID=Mars/Olympus_Mons:{stamp}T143000",
        ),
    }
    for name, data in events.items():
        app.put(f"{path.rstrip('/')}/{name}.ics", data)
    target = tmp_path / "follow-ups.ics"

    done = _calsync("sync", "--from", spec(server.url, path), "--to", str(target), home=tmp_path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "read in the calendar's zone Europe/Berlin" in done.stderr
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    notes = {
        str(e["SUMMARY"]): e["DTSTART"].dt
        for e in calendar.walk("VEVENT")
        if str(e["SUMMARY"]).startswith("Send thank-you")
    }
    assert notes == {
        "Send thank-you note — Data Analyst at Acme": _at(day, 12),  # 10:00–11:00 Berlin, +1 h
        "Send thank-you note — Engineer at Globex": _at(day, 17),  # 17:00 that day, in Berlin
        "Send thank-you note — Analyst at Initech": _at(day, 15, 30),  # 14:00–14:30, +1 h
    }

    shown = _calsync("plan", "--from", spec(server.url, path), home=tmp_path)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "minus DE public holidays (from the calendar's zone Europe/Berlin)" in shown.stdout
