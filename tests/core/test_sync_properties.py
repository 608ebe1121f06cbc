"""The sync rules as properties, over random job searches written as .ics files.

Each example is a calendar of 1–12 events — interviews and ordinary appointments, in several
time zones, floating or all-day, with notes from a small vocabulary of what interviewers say —
synced into an .ics target through `calsync.app.sync`, with a fixed "now" in the middle of it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calsync import app
from calsync.app import Run
from calsync.core.identity import uid_for
from calsync.core.plan import plan_applications
from calsync.settings import Settings

FIXED_NOW = datetime(2026, 12, 10, 17, 0, tzinfo=UTC)
SETTINGS = Settings(since=date(2026, 11, 1), until=date(2027, 3, 1))
FIRST_DAY = date(2026, 11, 16)  # interviews fall in the 13 weeks from here: past and future

INTERVIEWS = (
    ("Interview with Acme - Senior Engineer", "jane.doe@acme.example", "Jane Doe"),
    ("Phone screen - Globex - Data Analyst", "sam.lee@globex.example", "Sam Lee"),
    ("Initrode: Onsite (Backend Engineer)", "raj@initrode.example", "Raj Patel"),
    ("Final round at Hooli for Product Manager", "gavin@hooli.example", "Gavin Belson"),
    ("Recruiter call - Stark Industries - Architect", "pepper@stark.example", "Pepper Potts"),
)
OTHERS = ("Dentist appointment", "Team standup", "Mock interview practice", "Lunch with Sam")
NOTES = (
    "",
    "Great conversation about the data platform.",
    "They will decide by Friday.",
    "Jane asked me to follow up on Jan 12 if I have not heard anything.",
    "We should hear back within two weeks.",
    "Decision next week; her direct line is (415) 555-0134.",
    "Next steps: a take-home, then the team will get back to me by end of the month.",
    "Starts in March if all goes well; I was told on Nov 2 about the role.",
)
ZONES = ("America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC", "floating")
ME = "alex.rivera@example.com"
VTIMEZONES = "".join(
    icalendar.Timezone.from_tzid(zone, first_date=date(2026, 1, 1), last_date=date(2027, 12, 31))
    .to_ical()
    .decode()
    for zone in ZONES
    if zone not in ("UTC", "floating")
)


@dataclass(frozen=True)
class Appointment:
    """One event of a generated calendar."""

    title: str
    day: int  # days after FIRST_DAY
    minute: int  # of the day, local
    minutes: int  # length
    zone: str
    all_day: bool
    notes: str
    interviewer: tuple[str, str] | None  # (email, name)

    @property
    def is_interview(self) -> bool:
        return self.interviewer is not None


def _appointment(draw: st.DrawFn) -> Appointment:
    interview = draw(st.booleans())
    if interview:
        title, email, name = draw(st.sampled_from(INTERVIEWS))
        interviewer: tuple[str, str] | None = (email, name)
    else:
        title, interviewer = draw(st.sampled_from(OTHERS)), None
    return Appointment(
        title=title,
        # half of the days near "now" (day 24), where a note is past and its call still ahead
        day=draw(st.integers(14, 30) | st.integers(0, 90)),
        minute=draw(st.integers(7 * 4, 19 * 4)) * 15,
        minutes=draw(st.sampled_from((30, 45, 60, 90))),
        zone=draw(st.sampled_from(ZONES)),
        all_day=draw(st.booleans()) and draw(st.booleans()),  # one in four
        notes=draw(st.sampled_from(NOTES)),
        interviewer=interviewer,
    )


calendars = st.lists(st.composite(_appointment)(), min_size=1, max_size=12)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _when(key: str, appointment: Appointment, offset_minutes: int) -> str:
    day = FIRST_DAY + timedelta(days=appointment.day)
    if appointment.all_day:
        return f"{key};VALUE=DATE:{(day + timedelta(days=1 if offset_minutes else 0)):%Y%m%d}"
    local = datetime(day.year, day.month, day.day) + timedelta(
        minutes=appointment.minute + offset_minutes
    )
    if appointment.zone == "floating":
        return f"{key}:{local:%Y%m%dT%H%M%S}"
    if appointment.zone == "UTC":
        return f"{key}:{local:%Y%m%dT%H%M%S}Z"
    return f"{key};TZID={appointment.zone}:{local:%Y%m%dT%H%M%S}"


def _uid(index: int) -> str:
    return f"event-{index}@example.com"


def _fold(line: str) -> str:
    """RFC 5545 lines of at most 75 octets (the vocabulary is ASCII: characters are octets)."""
    parts = [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]
    return "\r\n".join(parts)


def calendar_bytes(
    appointments: list[Appointment], cancelled: frozenset[int] = frozenset()
) -> bytes:
    """The calendar as an export writes it; `cancelled` holds the indexes of cancelled ones."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Job search//EN"]
    text = "\r\n".join(lines) + "\r\n" + VTIMEZONES.replace("\r\n", "\n").replace("\n", "\r\n")
    for index, appointment in enumerate(appointments):
        event = [
            "BEGIN:VEVENT",
            f"UID:{_uid(index)}",
            "DTSTAMP:20261101T120000Z",
            f"SUMMARY:{_escape(appointment.title)}",
            _when("DTSTART", appointment, 0),
            _when("DTEND", appointment, appointment.minutes),
            f"STATUS:{'CANCELLED' if index in cancelled else 'CONFIRMED'}",
        ]
        if appointment.notes:
            event.append(f"DESCRIPTION:{_escape(appointment.notes)}")
        if appointment.interviewer:
            email, name = appointment.interviewer
            event.append(f'ORGANIZER;CN="{name}":mailto:{email}')
            event.append(f'ATTENDEE;CN="{name}";PARTSTAT=ACCEPTED:mailto:{email}')
            event.append(f'ATTENDEE;CN="Alex Rivera";PARTSTAT=ACCEPTED:mailto:{ME}')
        event.append("END:VEVENT")
        text += "\r\n".join(_fold(line) for line in event) + "\r\n"
    return (text + "END:VCALENDAR\r\n").encode("utf-8")


# ---- running calsync ----------------------------------------------------------------------


@contextmanager
def _folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh folder per example (tmp_path is one per test, shared by all examples)."""
    with tempfile.TemporaryDirectory(prefix="calsync-prop-") as name:
        folder = Path(name)
        monkeypatch.setenv("XDG_STATE_HOME", str(folder / "state"))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        yield folder


@pytest.fixture(autouse=True)
def _no_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)


def _run(now: datetime = FIXED_NOW) -> Run:
    return Run(settings=SETTINGS, now=now, system_tz="America/New_York")


def _sync(source: Path, target: Path, now: datetime = FIXED_NOW) -> app.Result:
    return app.sync(str(source), str(target), _run(now), dry_run=False)


def _write(folder: Path, appointments: list[Appointment], **kwargs: Any) -> Path:
    path = folder / "source.ics"
    path.write_bytes(calendar_bytes(appointments, **kwargs))
    return path


def _events(data: bytes) -> list[Any]:
    # Any: icalendar types property access as a union of 30 value types
    found: list[Any] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return found


def _blocks(data: bytes) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.S):
        uid = re.search(rb"\r\nUID:([^\r\n]+)", block)
        assert uid is not None
        found[uid.group(1).decode()] = block
    return found


PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# ---- the properties -------------------------------------------------------------------------


@PROPERTY
@given(appointments=calendars)
def test_second_run_changes_nothing(
    appointments: list[Appointment], monkeypatch: pytest.MonkeyPatch
) -> None:
    with _folder(monkeypatch) as folder:
        source, target = _write(folder, appointments), folder / "out.ics"
        _sync(source, target)
        first = target.read_bytes() if target.exists() else None
        again = _sync(source, target, now=FIXED_NOW + timedelta(hours=1))
        assert not again.written
        assert all(a.op == "keep" for a in again.actions)
        assert (target.read_bytes() if target.exists() else None) == first


@PROPERTY
@given(appointments=calendars)
def test_output_parses_back_to_the_plan(
    appointments: list[Appointment], monkeypatch: pytest.MonkeyPatch
) -> None:
    with _folder(monkeypatch) as folder:
        source, target = _write(folder, appointments), folder / "out.ics"
        _sync(source, target)
        plans = app.plan(str(source), _run()).plans
        planned = {uid_for(f.id): f for p in plans for f in p.followups}
        events = _events(target.read_bytes()) if target.exists() else []

        uids = [str(e["UID"]) for e in events]
        assert len(uids) == len(set(uids))  # no two events share a UID
        assert set(uids) == set(planned)
        for event in events:
            followup = planned[str(event["UID"])]
            assert event["DTSTART"].dt.astimezone(UTC) == followup.start
            assert str(event["SUMMARY"]) == followup.title
            assert str(event["X-CALSYNC-SOURCE"]) == followup.source_id
        # every interview, and nothing else, has a thank-you note; every application one call,
        # on its latest round
        interviews = {_uid(i) for i, a in enumerate(appointments) if a.is_interview}
        thanks = [e for e in events if str(e["X-CALSYNC-KIND"]) == "thank-you"]
        assert {str(e["X-CALSYNC-SOURCE"]) for e in thanks} == interviews
        calls = {str(e["X-CALSYNC-SOURCE"]) for e in events if e not in thanks}
        applications = plan_applications(plans)
        assert calls == {a.latest.interview.source_id for a in applications}
        assert len(events) == len(interviews) + len(applications)


@PROPERTY
@given(appointments=calendars, data=st.data())
def test_cancelling_an_interview_cancels_exactly_its_future_followups(
    appointments: list[Appointment], data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    interviews = [i for i, a in enumerate(appointments) if a.is_interview]
    if not interviews:
        appointments = [*appointments, _appointment_from(INTERVIEWS[0])]
        interviews = [len(appointments) - 1]
    chosen = data.draw(st.sampled_from(interviews), label="cancelled interview")
    with _folder(monkeypatch) as folder:
        target = folder / "out.ics"
        source = _write(folder, appointments)
        _sync(source, target)
        plans = app.plan(str(source), _run()).plans
        before = target.read_bytes()
        _sync(_write(folder, appointments, cancelled=frozenset({chosen})), target)
        after = target.read_bytes()

    # the earlier rounds of the cancelled one's application may get their call back
    rounds = next(
        {r.interview.source_id for r in a.rounds}
        for a in plan_applications(plans)
        if _uid(chosen) in {r.interview.source_id for r in a.rounds}
    )
    old, new = _blocks(before), _blocks(after)
    assert set(old) <= set(new)  # cancelled, never deleted
    for uid, event in {str(e["UID"]): e for e in _events(after)}.items():
        if uid not in old:
            assert str(event["X-CALSYNC-KIND"]) == "follow-up-call"
            assert str(event["X-CALSYNC-SOURCE"]) in rounds - {_uid(chosen)}
    old_events = {str(e["UID"]): e for e in _events(before)}
    new_events = {str(e["UID"]): e for e in _events(after)}
    expected = {
        uid
        for uid, e in old_events.items()
        if str(e["X-CALSYNC-SOURCE"]) == _uid(chosen) and e["DTSTART"].dt >= FIXED_NOW
    }
    changed = {uid for uid in old if new[uid] != old[uid]}
    assert expected <= changed
    # besides: the call of another round of the application, whose script lists the rounds,
    # and the thank-you note of an interview that the cancelled one followed directly (the
    # note waited for the end of the back-to-back sessions)
    gone = next(p.interview for p in plans if p.interview.source_id == _uid(chosen))
    for uid in changed - expected:
        if str(new_events[uid]["X-CALSYNC-KIND"]) == "thank-you":
            assert old_events[uid]["DTSTART"].dt > gone.start
            assert new_events[uid]["DTSTART"].dt < old_events[uid]["DTSTART"].dt
            continue
        assert str(new_events[uid]["X-CALSYNC-KIND"]) == "follow-up-call"
        assert str(new_events[uid]["X-CALSYNC-SOURCE"]) in rounds - {_uid(chosen)}
        assert str(new_events[uid]["STATUS"]) != "CANCELLED"
    for uid in expected:
        assert new_events[uid]["STATUS"] == "CANCELLED"
        assert int(new_events[uid]["SEQUENCE"]) == int(old_events[uid]["SEQUENCE"]) + 1
        assert new_events[uid]["DTSTART"].dt == old_events[uid]["DTSTART"].dt
        assert str(new_events[uid]["SUMMARY"]) == str(old_events[uid]["SUMMARY"])


def _appointment_from(interview: tuple[str, str, str]) -> Appointment:
    title, email, name = interview
    return Appointment(title, 40, 14 * 60, 60, "America/New_York", False, "", (email, name))
