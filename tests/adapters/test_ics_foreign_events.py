"""Events calsync did not write, inside its .ics output, are kept byte for byte (SPEC "Foreign
events in an .ics target"), and only a file with calsync's exact PRODID counts as calsync's."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calsync import app
from calsync.adapters.ics.target import PRODID, foreign_blocks
from calsync.app import Run
from calsync.cli import cli
from calsync.settings import Settings
from tests.helpers import ME, Ev, write_calendar

NOW = datetime(2026, 12, 10, 17, 0, tzinfo=UTC)
SETTINGS = Settings(since=date(2026, 11, 1), until=date(2027, 3, 1), emails=(ME[0],))
INTERVIEWS = [
    Ev(
        uid=f"job{n}@example.com",
        title=f"Interview with Corp{n} — Analyst",
        start=datetime(2026, 12, 12 + n, 15, tzinfo=UTC),
        attendees=[ME, (f"lead@corp{n}.example", "Jane Doe", "ACCEPTED")],
    )
    for n in range(3)
]


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)


def _insert(target: Path, block: bytes, *, first: bool = False) -> None:
    data = target.read_bytes()
    at = data.find(b"BEGIN:VEVENT") if first else data.rstrip().rfind(b"END:VCALENDAR")
    at = at if at >= 0 else data.rstrip().rfind(b"END:VCALENDAR")
    target.write_bytes(data[:at] + block + data[at:])


def _foreign(target: Path) -> list[bytes]:
    return sorted(b for b in foreign_blocks(target.read_bytes()) if b.startswith(b"BEGIN:VEVENT"))


def _vevent(uid: str, title: str, *, newline: str = "\r\n", extra: str = "") -> bytes:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SUMMARY:{title}",
        "DTSTART:20261215T090000Z",
        "DTEND:20261215T093000Z",
        *([extra] if extra else []),
        "END:VEVENT",
    ]
    return (newline.join(lines) + newline).encode()


def _sync(source: Path, target: Path, *, allow_empty: bool = False) -> app.Result:
    run = Run(settings=SETTINGS, now=NOW, system_tz="UTC", allow_empty_source=allow_empty)
    return app.sync(str(source), str(target), run, dry_run=False)


def _clean(target: Path) -> app.Result:
    return app.clean(str(target), Run(settings=SETTINGS, now=NOW, system_tz="UTC"), dry_run=False)


@pytest.mark.parametrize(
    ("prodid", "refused"),
    [
        (PRODID, False),
        ("-//calsync//calsync follow-ups//EN (merged)", True),  # a substring is not enough
        ("-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", True),
    ],
)
def test_only_a_file_with_calsyncs_exact_prodid_is_overwritten(
    tmp_path: Path, prodid: str, refused: bool
) -> None:
    source = write_calendar(tmp_path / "in.ics", INTERVIEWS)
    target = tmp_path / "out.ics"
    target.write_bytes(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{prodid}\r\nEND:VCALENDAR\r\n".encode()
    )
    before = target.read_bytes()

    result = CliRunner().invoke(cli, ["sync", "--from", str(source), "--to", str(target)])

    if refused:
        assert result.exit_code == 2
        assert str(target) in result.output and "not written by calsync" in result.output
        assert target.read_bytes() == before
    else:
        assert result.exit_code == 0, result.output
        assert target.read_bytes().count(b"BEGIN:VEVENT") == 6


@pytest.mark.parametrize(
    "block",
    [
        _vevent("dentist@example.org", "Dentist"),
        _vevent("lf-only@example.org", "Written with LF line ends", newline="\n"),
        # a UID with calsync's domain but not its shape is not calsync's
        _vevent("party@calsync", "Party", extra="X-CALSYNC-KIND:thank-you"),
        _vevent("0123456789abcdef0123456789abcdef@example.com", "Hex UID, other domain"),
        _vevent(
            "alarm@example.org",
            "With an alarm",
            extra="BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nDESCRIPTION:x\r\nEND:VALARM",
        ),
    ],
)
def test_a_foreign_event_survives_sync_reschedule_and_clean_byte_for_byte(
    tmp_path: Path, block: bytes
) -> None:
    source = write_calendar(tmp_path / "in.ics", INTERVIEWS)
    target = tmp_path / "out.ics"
    _sync(source, target)
    _insert(target, block, first=True)

    assert _sync(source, target).count("create") == 0
    moved = [replace(INTERVIEWS[0], start=datetime(2026, 12, 20, 15, tzinfo=UTC))]
    write_calendar(source, moved + INTERVIEWS[1:])
    assert _sync(source, target).written
    assert block in target.read_bytes()
    assert _clean(target).written

    assert block in target.read_bytes()
    assert _foreign(target) == [block]


def test_the_empty_source_guard_is_a_config_key_too(tmp_path: Path) -> None:
    source = write_calendar(tmp_path / "in.ics", INTERVIEWS)
    target = tmp_path / "out.ics"
    args = ["sync", "--from", str(source), "--to", str(target), "--email", ME[0]]
    assert CliRunner().invoke(cli, args).exit_code == 0
    write_calendar(source, [])
    before = target.read_bytes()
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 1 and target.read_bytes() == before

    config = tmp_path / "config.toml"
    config.write_text("allow_empty_source = true\n")
    allowed = CliRunner().invoke(cli, args, env={"CALSYNC_CONFIG": str(config)})

    assert allowed.exit_code == 0, allowed.output
    assert "0 created, 0 updated, 6 removed" in allowed.output


# ---- the property ---------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\\;,"),
    min_size=1,
    max_size=40,
)
FOREIGN = st.builds(
    _vevent,
    uid=st.uuids().map(lambda u: f"{u}@example.org") | st.uuids().map(lambda u: f"{u.hex}@x.y"),
    title=TEXT,
    newline=st.sampled_from(["\r\n", "\n"]),
)
STEPS = st.lists(
    st.sampled_from(["sync", "reschedule", "cancel one", "empty", "clean", "add foreign"]),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(foreign=st.lists(FOREIGN, min_size=1, max_size=4), steps=STEPS, more=FOREIGN)
def test_random_foreign_events_stay_identical_through_random_sync_and_clean(
    monkeypatch: pytest.MonkeyPatch, foreign: list[bytes], steps: list[str], more: bytes
) -> None:
    with tempfile.TemporaryDirectory(prefix="calsync-foreign-") as name:
        folder = Path(name)
        monkeypatch.setenv("XDG_STATE_HOME", str(folder / "state"))
        source = write_calendar(folder / "in.ics", INTERVIEWS)
        target = folder / "out.ics"
        _sync(source, target)
        for index, block in enumerate(foreign):
            _insert(target, block, first=index % 2 == 0)
        expected = sorted(foreign)
        for step in steps:
            if step == "sync":
                before = target.read_bytes()
                try:
                    _sync(source, target)
                except app.EmptySource:  # the source was emptied by an earlier step
                    assert target.read_bytes() == before
            elif step == "reschedule":
                moved = replace(INTERVIEWS[1], start=datetime(2026, 12, 28, 9, tzinfo=UTC))
                write_calendar(source, [INTERVIEWS[0], moved, INTERVIEWS[2]])
                _sync(source, target)
            elif step == "cancel one":
                write_calendar(source, INTERVIEWS[1:])
                _sync(source, target)
            elif step == "empty":
                write_calendar(source, [])
                _sync(source, target, allow_empty=True)
            elif step == "clean":
                _clean(target)
            elif more not in expected:
                _insert(target, more)
                expected = sorted([*expected, more])
            assert _foreign(target) == expected


def test_a_foreign_events_own_time_zone_is_kept_with_it(tmp_path: Path) -> None:
    zone = (
        b"BEGIN:VTIMEZONE\r\nTZID:Office Time\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        b"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    event = _vevent("standup@example.org", "Standup").replace(
        b"DTSTART:20261215T090000Z", b"DTSTART;TZID=Office Time:20261215T090000"
    )
    source = write_calendar(tmp_path / "in.ics", INTERVIEWS)
    target = tmp_path / "out.ics"
    _sync(source, target)
    _insert(target, zone + event, first=True)

    write_calendar(source, INTERVIEWS[1:])
    assert _sync(source, target).written
    assert _clean(target).written

    data = target.read_bytes()
    assert zone in data and event in data
    parsed = icalendar.Calendar.from_ical(data)
    standup = next(e for e in parsed.walk("VEVENT") if str(e["UID"]) == "standup@example.org")
    assert standup["DTSTART"].dt.utcoffset() == timedelta(hours=1)
