"""Time as each backend really gives it: the same interview gives the same follow-ups (kind and
start instant) on every backend as in an .ics file.

The calendar's zone is New York everywhere (X-WR-TIMEZONE in the .ics file, the Google
calendar's setting, the Outlook mailbox's zone, the CalDAV calendar's `calendar-timezone`), and
calsync runs with a system zone unlike it (Tokyo), so a backend that loses the calendar's zone
shows. Each interview is written the way that backend carries it:

- at 15:00 in a custom zone: a VTIMEZONE named "Customized Time Zone" (.ics, CalDAV), Outlook's
  `tzone://Microsoft/Custom` on an invitation, a bare UTC offset with no zone name (Google);
- all day: a DATE (.ics, CalDAV), `date` (Google), `isAllDay` (Outlook);
- at 10:00 in Berlin, a zone other than the calendar's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.contract.harness import Harness, IcsHarness
from tests.helpers import system_zone

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
SYSTEM = "Asia/Tokyo"  # the calsync process's zone: unlike every calendar's
CUSTOM = "Customized Time Zone"
USER = ("alex.rivera@example.com", "Alex Rivera")
LEAD = ("lead@acme.com", "Jane Doe")
TITLE = "Interview with Acme — Data Analyst"


def _day() -> date:
    return date.today() + timedelta(days=5)


# ---- the interview as an .ics file holds it (the .ics and CalDAV backends) -----------------


def _ics(case: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//Test//calsync contract//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("X-WR-TIMEZONE", "America/New_York")
    event = icalendar.Event()
    event.add("UID", f"{case}@example.com")
    event.add("DTSTAMP", datetime(2026, 11, 1, 12, 0, tzinfo=UTC))
    event.add("SUMMARY", TITLE)
    if case == "all-day":
        event.add("DTSTART", _day())
        event.add("DTEND", _day() + timedelta(days=1))
    elif case == "custom":
        zone = icalendar.Timezone.from_tzid(
            "America/New_York",
            first_date=_day() - timedelta(days=400),
            last_date=_day() + timedelta(days=400),
        )
        zone["TZID"] = CUSTOM
        calendar.add_component(zone)
        start = datetime.combine(_day(), clock(15))
        event.add("DTSTART", start, parameters={"TZID": CUSTOM})
        event.add("DTEND", start + timedelta(hours=1), parameters={"TZID": CUSTOM})
    else:
        start = datetime.combine(_day(), clock(10), BERLIN)
        event.add("DTSTART", start)
        event.add("DTEND", start + timedelta(hours=1))
    organizer = icalendar.vCalAddress(f"mailto:{LEAD[0]}")
    organizer.params["CN"] = LEAD[1]
    event.add("ORGANIZER", organizer)
    for (email, name), answer in ((USER, "ACCEPTED"), (LEAD, "ACCEPTED")):
        attendee = icalendar.vCalAddress(f"mailto:{email}")
        attendee.params["CN"] = name
        attendee.params["PARTSTAT"] = answer
        event.add("ATTENDEE", attendee)
    calendar.add_component(event)
    if case == "elsewhere":
        calendar.add_missing_timezones()
    return calendar.to_ical()


def _put_ics(harness: Any, case: str) -> None:
    harness.source.write_bytes(_ics(case))


# New York as calendar apps send it in `calendar-timezone` (by rule, no folded lines)
NEW_YORK = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VTIMEZONE\r\n"
    "TZID:America/New_York\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"
    "TZNAME:EDT\r\nDTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
    "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
    "TZNAME:EST\r\nDTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
    "END:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"
)


def _put_caldav(harness: Any, case: str) -> None:
    """The calendar's zone is its `calendar-timezone` (set as a calendar app sets it)."""
    wrapped = NEW_YORK
    body = (
        '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" '
        'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><c:calendar-timezone>'
        f"<![CDATA[{wrapped}]]></c:calendar-timezone></d:prop></d:set></d:propertyupdate>"
    ).encode()
    status, _, answer = harness.dav.send(
        "PROPPATCH", harness.source_path, body, Content_Type="application/xml"
    )
    assert status == 207, (status, answer[:300])
    harness.dav.put(f"{harness.source_path.rstrip('/')}/{case}.ics", _ics(case))


# ---- the interview as Google holds it ---------------------------------------------------------


def _put_google(harness: Any, case: str) -> None:
    people = {
        "organizer": {"email": LEAD[0], "displayName": LEAD[1]},
        "attendees": [
            {"email": USER[0], "self": True, "responseStatus": "accepted"},
            {"email": LEAD[0], "displayName": LEAD[1], "responseStatus": "accepted"},
        ],
    }
    if case == "all-day":
        when = {
            "start": {"date": _day().isoformat()},
            "end": {"date": (_day() + timedelta(days=1)).isoformat()},
        }
    elif case == "custom":  # a scheduler's invite: an offset, no zone name
        start = datetime.combine(_day(), clock(15), NY)
        when = {
            "start": {"dateTime": start.isoformat()},
            "end": {"dateTime": (start + timedelta(hours=1)).isoformat()},
        }
    else:
        start = datetime.combine(_day(), clock(10), BERLIN)
        when = {
            "start": {"dateTime": start.isoformat(), "timeZone": "Europe/Berlin"},
            "end": {
                "dateTime": (start + timedelta(hours=1)).isoformat(),
                "timeZone": "Europe/Berlin",
            },
        }
    harness.google.put_event(
        "primary", {"id": case.replace("-", ""), "summary": TITLE, **when, **people}
    )


# ---- the interview as Outlook holds it ---------------------------------------------------------


def _put_microsoft(harness: Any, case: str) -> None:
    ms = harness.ms
    ms.mailbox_zone = "Eastern Standard Time"
    fields = {
        "organizer": {"emailAddress": {"name": LEAD[1], "address": LEAD[0]}},
        "isOrganizer": False,
        "responseStatus": {"response": "accepted"},
    }
    if case == "all-day":
        ms.seed(
            TITLE,
            datetime.combine(_day(), clock(0)),
            1440,
            zone="Eastern Standard Time",
            all_day=True,
            attendees=(LEAD[::-1],),
            **fields,
        )
    elif case == "custom":
        ms.seed(
            TITLE,
            datetime.combine(_day(), clock(15), NY),
            zone="Eastern Standard Time",
            shown_zone="tzone://Microsoft/Custom",
            attendees=(LEAD[::-1],),
            **fields,
        )
    else:
        ms.seed(
            TITLE,
            datetime.combine(_day(), clock(10), BERLIN),
            zone="W. Europe Standard Time",
            attendees=(LEAD[::-1],),
            **fields,
        )


WRITERS: dict[str, Callable[[Any, str], None]] = {
    "ics": _put_ics,
    "google": _put_google,
    "microsoft": _put_microsoft,
    "caldav-radicale": _put_caldav,
    "caldav-xandikos": _put_caldav,
}


def _follow_ups(harness: Harness) -> list[tuple[str, datetime]]:
    """calsync's live events as (kind, start instant in UTC)."""
    found = []
    for seen in harness.followups().values():
        if seen.live:
            kind = "thank-you" if seen.title.startswith("Send") else "follow-up-call"
            start = seen.start
            if not isinstance(start, datetime):
                start = datetime.combine(start, clock(0), NY)
            found.append((kind, start.astimezone(UTC)))
    return sorted(found, key=lambda row: row[1])


def _synced(harness: Harness, case: str) -> list[tuple[str, datetime]]:
    WRITERS[harness.name](harness, case)
    result = harness.sync()
    assert result.exit_code == 0, result.output
    return _follow_ups(harness)


# what the .ics run must give, in the interview's own terms (so the reference is right too)
EXPECTED_THANK_YOU = {
    "custom": lambda: datetime.combine(_day(), clock(17), NY),  # an hour after 15:00–16:00
    "all-day": lambda: datetime.combine(_day(), clock(17), NY),  # 17:00 on the day
    "elsewhere": lambda: datetime.combine(_day(), clock(12), BERLIN),  # Berlin's 12:00
}


@pytest.mark.parametrize("case", ["custom", "all-day", "elsewhere"])
def test_the_same_follow_ups_as_the_ics_run(
    case: str, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference_folder = tmp_path / "reference"
    reference_folder.mkdir()
    with system_zone(SYSTEM), IcsHarness.started(reference_folder, monkeypatch) as reference:
        expected = _synced(reference, case)
    assert [kind for kind, _ in expected] == ["thank-you", "follow-up-call"]
    assert expected[0][1] == EXPECTED_THANK_YOU[case]().astimezone(UTC)

    with system_zone(SYSTEM):
        assert _synced(harness, case) == expected
