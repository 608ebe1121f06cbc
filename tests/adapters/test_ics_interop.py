"""calsync's .ics output as other software reads it, and how it changes from run to run.

Every output is read back twice: by icalendar (what calsync itself uses) and by vobject, an
independent parser, so a file that only calsync can read does not pass. The sources are the
example job search and real-world shaped exports in tests/data/ics/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from click.testing import CliRunner

from calsync import app
from calsync.app import Run
from calsync.cli import cli
from calsync.core.identity import uid_for
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, FollowUp
from calsync.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "interviews.ics"
DATA = ROOT / "tests" / "data" / "ics"
RECURRING = DATA / "recurring-panel.ics"
GOOGLE_BERLIN = DATA / "google-x-wr-timezone.ics"
FLOATING = DATA / "floating-times.ics"

FIXED_NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SETTINGS = Settings(since=date(2026, 11, 1), until=date(2027, 3, 1))
NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
ACME = "002-20261124-example@google.com"  # the Acme interview of the example, Nov 24 14:00


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)


def _run(now: datetime = FIXED_NOW, settings: Settings = SETTINGS) -> Run:
    return Run(settings=settings, now=now, system_tz="America/New_York")


def _sync(source: Path, target: Path, now: datetime = FIXED_NOW) -> app.Result:
    return app.sync(str(source), str(target), _run(now), dry_run=False)


def _planned(source: Path) -> dict[str, FollowUp]:
    """What `calsync plan` decides for `source`, by the UID each follow-up gets."""
    plans = app.plan(str(source), _run()).plans
    return {uid_for(f.id): f for p in plans for f in p.followups}


# ---- reading the output ---------------------------------------------------------------------


def _icalendar_events(data: bytes) -> dict[str, Any]:
    # Any: icalendar's property access is a union of 30 types, which helps no assertion here
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _vobject_events(data: bytes) -> dict[str, Any]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value: e for e in calendar.vevent_list}


def _blocks(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's exact bytes, by UID: to tell which events a run rewrote."""
    found: dict[str, bytes] = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.S):
        uid = re.search(rb"\r\nUID:([^\r\n]+)", block)
        assert uid is not None
        found[uid.group(1).decode()] = block
    return found


def _instant(value: datetime) -> datetime:
    assert value.tzinfo is not None and value.utcoffset() is not None
    return value.astimezone(UTC)


def _sources(data: bytes) -> dict[str, str]:
    return {uid: str(e["X-CALSYNC-SOURCE"]) for uid, e in _icalendar_events(data).items()}


def _of(events: dict[str, Any], source: str, kind: str) -> list[Any]:
    return [
        e
        for e in events.values()
        if e["X-CALSYNC-SOURCE"] == source and e["X-CALSYNC-KIND"] == kind
    ]


def _edit(data: bytes, old: bytes, new: bytes) -> bytes:
    assert data.count(old) == 1, old
    return data.replace(old, new)


@pytest.fixture
def example_output(tmp_path: Path) -> Path:
    target = tmp_path / "followups.ics"
    _sync(EXAMPLE, target)
    return target


# ---- what the file holds --------------------------------------------------------------------


def test_both_parsers_read_the_planned_followups(example_output: Path) -> None:
    data = example_output.read_bytes()
    planned = _planned(EXAMPLE)
    # 15 interviews, each a thank-you note; 13 applications (Initech and Hooli have two rounds
    # each), each a call
    assert len(planned) == 28
    by_icalendar = _icalendar_events(data)
    by_vobject = _vobject_events(data)
    assert set(by_icalendar) == set(planned) == set(by_vobject)

    for uid, followup in planned.items():
        event = by_icalendar[uid]
        assert _instant(event["DTSTART"].dt) == followup.start
        assert _instant(event["DTEND"].dt) == followup.end
        assert str(event["SUMMARY"]) == followup.title
        assert str(event["X-CALSYNC-KIND"]) == followup.kind
        assert str(event["X-CALSYNC-SOURCE"]) == followup.source_id
        assert int(event["SEQUENCE"]) == 0
        assert isinstance(event["DTSTAMP"].dt, datetime)
        assert event["STATUS"] == "CONFIRMED"
        assert [a["ACTION"] for a in event.walk("VALARM")] == ["DISPLAY"]

        other = by_vobject[uid]
        assert _instant(other.dtstart.value) == followup.start
        assert _instant(other.dtend.value) == followup.end
        assert other.summary.value == followup.title
        assert other.x_calsync_kind.value == followup.kind
        assert other.x_calsync_source.value == followup.source_id
        assert other.sequence.value == "0"
        assert other.dtstamp.value.tzinfo is not None
        assert other.valarm.action.value == "DISPLAY"
        categories = other.categories.value
        assert "Job search" in categories
        assert ("Thank-you note" if followup.kind == THANK_YOU else "Follow-up call") in categories


def test_a_vtimezone_for_every_zone_used(example_output: Path, tmp_path: Path) -> None:
    berlin = tmp_path / "berlin.ics"
    _sync(GOOGLE_BERLIN, berlin)
    for path in (example_output, berlin):
        text = path.read_text(encoding="utf-8")
        used = set(re.findall(r"^(?:DTSTART|DTEND);TZID=([^:;]+):", text, flags=re.M))
        defined = set(re.findall(r"BEGIN:VTIMEZONE\r?\nTZID:([^\r\n]+)", text))
        assert used and used == defined
        # vobject builds its zones from those VTIMEZONEs alone: the offsets must come out right
        named = {
            uid: str(e["DTSTART"].params["TZID"])
            for uid, e in _icalendar_events(path.read_bytes()).items()
        }
        for uid, event in _vobject_events(path.read_bytes()).items():
            start = event.dtstart.value
            assert start.utcoffset() == start.replace(tzinfo=ZoneInfo(named[uid])).utcoffset()


def test_each_event_carries_its_interview_and_kind(example_output: Path) -> None:
    events = _icalendar_events(example_output.read_bytes())
    acme = {str(e["X-CALSYNC-KIND"]): e for e in events.values() if e["X-CALSYNC-SOURCE"] == ACME}
    assert set(acme) == {THANK_YOU, FOLLOW_UP_CALL}
    # the interview ends at 15:00 New York time; the note is due an hour later
    assert acme[THANK_YOU]["DTSTART"].dt == datetime(2026, 11, 24, 16, 0, tzinfo=NY)
    # the notes say "follow up on Dec 3"
    assert acme[FOLLOW_UP_CALL]["DTSTART"].dt == datetime(2026, 12, 3, 10, 0, tzinfo=NY)
    assert "Senior Engineer at Acme" in str(acme[THANK_YOU]["SUMMARY"])


# ---- kinds of source ------------------------------------------------------------------------


def test_recurring_interview_series_gets_followups_per_instance(tmp_path: Path) -> None:
    """Weekly panel, four times from Jan 6: Jan 13 is excluded, Jan 20 moved to Jan 21 14:00."""
    target = tmp_path / "out.ics"
    _sync(RECURRING, target)
    data = target.read_bytes()
    events = _icalendar_events(data)
    assert set(events) == set(_planned(RECURRING)) == set(_vobject_events(data))

    series = "5B2E6F0C-panel-series@aperture.example"
    instances = {  # X-CALSYNC-SOURCE (UID#RECURRENCE-ID) → when the interview ended
        f"{series}#20270106T160000Z": datetime(2027, 1, 6, 12, 0, tzinfo=NY),
        f"{series}#20270120T160000Z": datetime(2027, 1, 21, 15, 0, tzinfo=NY),
        f"{series}#20270127T160000Z": datetime(2027, 1, 27, 12, 0, tzinfo=NY),
    }
    kinds: dict[str, list[str]] = {}
    for event in events.values():
        kinds.setdefault(str(event["X-CALSYNC-SOURCE"]), []).append(str(event["X-CALSYNC-KIND"]))
    # the instances are rounds of one application: each a thank-you note, the last the call
    last = f"{series}#20270127T160000Z"
    assert {source: sorted(k) for source, k in kinds.items()} == {
        source: [FOLLOW_UP_CALL, THANK_YOU] if source == last else [THANK_YOU]
        for source in instances
    }
    for event in events.values():
        if event["X-CALSYNC-KIND"] == THANK_YOU:
            ended = instances[str(event["X-CALSYNC-SOURCE"])]
            assert event["DTSTART"].dt == ended + timedelta(hours=1)
            assert str(event["X-CALSYNC-INTERVIEW"]) == (ended - timedelta(hours=1)).astimezone(
                UTC
            ).strftime("%Y%m%dT%H%M%SZ")


def test_google_export_with_x_wr_timezone_gets_berlin_times(tmp_path: Path) -> None:
    """Google writes UTC times and names the calendar's zone in X-WR-TIMEZONE."""
    target = tmp_path / "out.ics"
    _sync(GOOGLE_BERLIN, target)
    data = target.read_bytes()
    text = data.decode()
    # 13:00–14:00 UTC is 14:00–15:00 in Berlin in December: the note is due at 16:00 there
    assert "DTSTART;TZID=Europe/Berlin:20261202T160000" in text
    # 08:00–08:30 Berlin: the note at 09:30; every call at 10:00 Berlin time
    assert "DTSTART;TZID=Europe/Berlin:20261203T093000" in text
    for event in _vobject_events(data).values():
        if event.x_calsync_kind.value == FOLLOW_UP_CALL:
            assert event.dtstart.value.astimezone(BERLIN).hour == 10
    zalando = [e for e in _icalendar_events(data).values() if "Zalando" in str(e["SUMMARY"])]
    assert {_instant(e["DTSTART"].dt) for e in zalando if e["X-CALSYNC-KIND"] == THANK_YOU} == {
        datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
    }


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Asia/Tokyo", "20261202T120000"), ("America/Los_Angeles", "20261202T120000")],
)
def test_floating_times_take_the_timezone_option(zone: str, expected: str, tmp_path: Path) -> None:
    """DTSTART:20261202T100000 without a zone: 10:00 wherever --timezone says."""
    target = tmp_path / "out.ics"
    result = CliRunner().invoke(
        cli,
        [
            "sync",
            "--from",
            str(FLOATING),
            "--to",
            str(target),
            "--timezone",
            zone,
            "--since",
            "2026-11-01",
            "--until",
            "2027-03-01",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert f"DTSTART;TZID={zone}:{expected}".encode() in data
    thank_you = [e for e in _vobject_events(data).values() if e.x_calsync_kind.value == THANK_YOU]
    assert [_instant(e.dtstart.value) for e in thank_you] == [
        datetime(2026, 12, 2, 12, 0, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    ]


# ---- run after run --------------------------------------------------------------------------


@pytest.mark.parametrize("source", [EXAMPLE, RECURRING, GOOGLE_BERLIN], ids=lambda p: p.name)
def test_second_run_is_byte_identical(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    first = _sync(source, target)
    assert first.written
    before = target.read_bytes()
    # the next hourly cron run, and one a few days on: nothing in the source changed
    for later in (FIXED_NOW + timedelta(hours=1), FIXED_NOW + timedelta(days=3)):
        again = _sync(source, target, now=later)
        assert not again.written
        assert all(a.op == "keep" for a in again.actions)
        assert target.read_bytes() == before


def _moved_acme(tmp_path: Path) -> Path:
    """The example with the Acme interview moved a day later, same hours."""
    data = EXAMPLE.read_bytes()
    for hour in (b"14", b"15"):
        data = _edit(
            data,
            b"TZID=America/New_York:20261124T" + hour + b"0000",
            b"TZID=America/New_York:20261125T" + hour + b"0000",
        )
    path = tmp_path / "moved.ics"
    path.write_bytes(data)
    return path


def test_moved_interview_moves_only_its_followups(example_output: Path, tmp_path: Path) -> None:
    before = _blocks(example_output.read_bytes())
    _sync(_moved_acme(tmp_path), example_output)
    data = example_output.read_bytes()
    after = _blocks(data)
    sources = _sources(data)
    assert set(after) == set(before)

    changed = {uid for uid in after if after[uid] != before[uid]}
    assert {sources[uid] for uid in changed} == {ACME}
    events = _icalendar_events(data)
    for uid in after:
        assert int(events[uid]["SEQUENCE"]) == (1 if uid in changed else 0)
    thank_you = next(events[u] for u in changed if events[u]["X-CALSYNC-KIND"] == THANK_YOU)
    assert thank_you["DTSTART"].dt == datetime(2026, 11, 25, 16, 0, tzinfo=NY)
    assert _vobject_events(data)[str(thank_you["UID"])].sequence.value == "1"


def test_user_edited_followup_is_kept_as_edited(example_output: Path, tmp_path: Path) -> None:
    events = _icalendar_events(example_output.read_bytes())
    call = next(
        uid
        for uid, e in events.items()
        if e["X-CALSYNC-SOURCE"] == ACME and e["X-CALSYNC-KIND"] == FOLLOW_UP_CALL
    )
    title = str(events[call]["SUMMARY"])
    edited = _edit(
        example_output.read_bytes(),
        f"SUMMARY:{title}\r\n".encode(),
        b"SUMMARY:Call Jane at Acme\r\n",
    )
    example_output.write_bytes(edited)

    again = _sync(EXAMPLE, example_output)
    assert not again.written
    assert example_output.read_bytes() == edited

    # the interview moves: the untouched note follows it, the edited call stays as the user left it
    _sync(_moved_acme(tmp_path), example_output)
    data = example_output.read_bytes()
    after = _icalendar_events(data)
    assert str(after[call]["SUMMARY"]) == "Call Jane at Acme"
    assert _vobject_events(data)[call].summary.value == "Call Jane at Acme"
    assert _blocks(data)[call] == _blocks(edited)[call]
    moved = [e["DTSTART"].dt for e in _of(after, ACME, THANK_YOU)]
    assert moved == [datetime(2026, 11, 25, 16, 0, tzinfo=NY)]


def _cancelled_acme(tmp_path: Path) -> Path:
    data = EXAMPLE.read_bytes()
    start = data.index(f"UID:{ACME}".encode())
    status = data.index(b"STATUS:CONFIRMED", start)
    data = data[:status] + b"STATUS:CANCELLED" + data[status + len(b"STATUS:CONFIRMED") :]
    path = tmp_path / "cancelled.ics"
    path.write_bytes(data)
    return path


def test_cancelled_interview_cancels_its_future_followups(
    example_output: Path, tmp_path: Path
) -> None:
    before = _blocks(example_output.read_bytes())
    # an evening later: the Acme thank-you note (16:00–16:15 New York) is already in the past
    evening = datetime(2026, 11, 24, 22, 0, tzinfo=UTC)
    _sync(_cancelled_acme(tmp_path), example_output, now=evening)
    data = example_output.read_bytes()
    after = _blocks(data)
    events = _icalendar_events(data)
    sources = _sources(data)

    changed = {uid for uid in after if after[uid] != before[uid]}
    assert len(changed) == 1
    (call,) = changed
    assert sources[call] == ACME and events[call]["X-CALSYNC-KIND"] == FOLLOW_UP_CALL
    assert events[call]["STATUS"] == "CANCELLED"
    assert int(events[call]["SEQUENCE"]) == 1
    assert _vobject_events(data)[call].status.value == "CANCELLED"
    assert [e["STATUS"] for e in _of(events, ACME, THANK_YOU)] == ["CONFIRMED"]

    # idempotent in the cancelled state too
    assert not _sync(_cancelled_acme(tmp_path), example_output, now=evening).written

    # the interview is back on: the call returns, with a higher SEQUENCE again
    _sync(EXAMPLE, example_output, now=evening)
    restored = _icalendar_events(example_output.read_bytes())[call]
    assert restored["STATUS"] == "CONFIRMED"
    assert int(restored["SEQUENCE"]) == 2


@pytest.mark.parametrize(
    ("change", "instance"),
    [
        # the moved instance is called off: STATUS:CANCELLED on its RECURRENCE-ID override
        ((b"RECURRENCE-ID", b"STATUS:CANCELLED\r\nRECURRENCE-ID"), "20270120T160000Z"),
        # the last one is dropped from the series: another EXDATE
        ((b"20270113T110000\r\n", b"20270113T110000,20270127T110000\r\n"), "20270127T160000Z"),
    ],
    ids=["cancelled override", "new EXDATE"],
)
def test_one_instance_of_a_series_called_off(
    change: tuple[bytes, bytes], instance: str, tmp_path: Path
) -> None:
    target = tmp_path / "out.ics"
    _sync(RECURRING, target)
    before = _blocks(target.read_bytes())
    source = tmp_path / "series.ics"
    source.write_bytes(_edit(RECURRING.read_bytes(), *change))
    _sync(source, target)
    data = target.read_bytes()
    after = _blocks(data)
    events = _icalendar_events(data)

    changed = {uid for uid in after if after[uid] != before.get(uid)}
    called_off = f"5B2E6F0C-panel-series@aperture.example#{instance}"
    its_own = {uid for uid, e in events.items() if e["X-CALSYNC-SOURCE"] == called_off}
    assert its_own <= changed
    assert {events[uid]["STATUS"] for uid in its_own} == {"CANCELLED"}
    assert {int(events[uid]["SEQUENCE"]) for uid in its_own} == {1}
    # the instances are rounds of one application: the one call now belongs to the latest
    # remaining round (a new call, or the same call with the list of rounds updated)
    others = changed - its_own
    assert len(others) == 1
    (call,) = others
    assert events[call]["X-CALSYNC-KIND"] == FOLLOW_UP_CALL
    assert events[call]["STATUS"] == "CONFIRMED"
    assert [
        e
        for e in events.values()
        if e["X-CALSYNC-KIND"] == FOLLOW_UP_CALL and e["STATUS"] != "CANCELLED"
    ] == [events[call]]


def test_two_events_sharing_a_uid_do_not_churn_the_output(tmp_path: Path) -> None:
    """Some exporters give unrelated events one UID (RFC 5545 forbids it). Whatever calsync
    makes of that, an hourly cron run must not rewrite the file each time (SPEC: idempotent),
    and no two follow-ups may share a UID."""
    source = DATA / "duplicate-uid.ics"
    target = tmp_path / "out.ics"
    _sync(source, target)
    first = target.read_bytes()
    uids = re.findall(rb"\r\nUID:([^\r\n]+)", first)
    assert len(uids) == len(set(uids))
    again = _sync(source, target, now=FIXED_NOW + timedelta(hours=1))
    assert not again.written, [(a.op, a.reason) for a in again.actions if a.op != "keep"]
    assert target.read_bytes() == first


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    result = app.sync(str(EXAMPLE), str(target), _run(), dry_run=True)
    assert result.count("create") == 28  # 15 thank-you notes, a call per application: 13
    assert not target.exists()


def _zones(data: bytes) -> Iterator[str]:
    yield from re.findall(r"TZID=([^:;]+):", data.decode())


def test_interviews_in_two_zones_keep_their_own(tmp_path: Path) -> None:
    """One interview in Berlin, one in New York, in the same file: each note in its own zone."""
    tz_ny = icalendar.Timezone.from_tzid("America/New_York").to_ical().decode()
    source = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Two zones//EN\r\n"
        + tz_ny.replace("\r\n", "\n").replace("\n", "\r\n")
        + "BEGIN:VEVENT\r\nUID:ny@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        "SUMMARY:Interview with Globex - Analyst\r\n"
        "DTSTART;TZID=America/New_York:20261202T090000\r\n"
        "DTEND;TZID=America/New_York:20261202T100000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:berlin@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        "SUMMARY:Interview with Siemens - Analyst\r\n"
        "DTSTART;TZID=Europe/Berlin:20261202T090000\r\n"
        "DTEND;TZID=Europe/Berlin:20261202T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = tmp_path / "two.ics"
    path.write_text(source, encoding="utf-8", newline="")
    target = tmp_path / "out.ics"
    _sync(path, target)
    data = target.read_bytes()
    assert set(_zones(data)) == {"America/New_York", "Europe/Berlin"}
    assert b"DTSTART;TZID=America/New_York:20261202T110000" in data
    assert b"DTSTART;TZID=Europe/Berlin:20261202T110000" in data
    assert set(_vobject_events(data)) == set(_planned(path))


def test_settings_name_reaches_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    run = _run(settings=replace(SETTINGS, name="Alex Rivera"))
    app.sync(str(EXAMPLE), str(target), run, dry_run=False)
    descriptions = [e.description.value for e in _vobject_events(target.read_bytes()).values()]
    assert any("Alex Rivera" in d for d in descriptions)
