"""One bad event costs only itself; every VCALENDAR block in a file is read.

Real calendars from other programs hold odd events: a Google birthday with a broken RDATE, an
Outlook zone with `RDATE;VALUE=DATE` in its VTIMEZONE, an event without DTSTART. Each is skipped
with one warning line on stderr (`calsync: warning: LABEL: skipped event UID (SUMMARY): PROBLEM`)
and listed in `--json`; the interviews around it are planned as usual.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calsync.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ics"
WINDOW = ("--since", "2026-11-01", "--until", "2027-03-01")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, *WINDOW])


def _huge_description(folder: Path) -> Path:
    """One DESCRIPTION of 20 MB (a broken export, not notes) next to a readable interview."""
    path = folder / "huge.ics"
    head = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example Corp//Calendar 1.0//EN\r\n"
        "BEGIN:VEVENT\r\nUID:huge@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        "SUMMARY:All hands\r\nDTSTART:20261202T150000Z\r\nDTEND:20261202T160000Z\r\n"
        "DESCRIPTION:"
    )
    line = "notes " * 12 + "ab"  # folded the way an exporter writes long lines
    body = ("\r\n " + line) * (20 * 1024 * 1024 // len(line))
    good = (DATA / "missing-dtstart.ics").read_text().split("BEGIN:VEVENT", 2)[2]
    path.write_bytes((head + line + body + "\r\nEND:VEVENT\r\nBEGIN:VEVENT" + good).encode())
    return path


def _runaway(folder: Path) -> Path:
    """FREQ=MINUTELY forever: hundreds of thousands of events in the window."""
    path = folder / "minutely.ics"
    good = (DATA / "missing-dtstart.ics").read_text().split("BEGIN:VEVENT", 2)[2]
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:runaway@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART:20261201T100000Z\r\nDTEND:20261201T100500Z\r\n"
        "RRULE:FREQ=MINUTELY\r\nSUMMARY:Interview loop\r\nEND:VEVENT\r\nBEGIN:VEVENT" + good
    )
    return path


# the fixture → (UID, summary, words of the problem) of the one event skipped, the interview kept
CASES: dict[str, tuple[str, str, str, str]] = {
    "google-birthday-broken-rdate.ics": (
        "2014_BIRTHDAY_self@google.com", "Sam Lee's birthday", "unreadable RDATE", "Acme",
    ),
    "vtimezone-rdate-value-date.ics": (
        "040000008200E00074C5B7101A82E00800000000custom@outlook.com",
        "Team offsite planning",
        "its time zone 'Customized Time Zone' cannot be read",
        "Acme",
    ),
    "missing-dtstart.ics": (
        "acme-onsite@example.com", "Interview with Acme - Senior Engineer", "no DTSTART",
        "Globex",
    ),
    "malformed-dtstart.ics": (
        "acme-onsite@example.com", "Interview with Acme - Senior Engineer",
        "unreadable DTSTART", "Globex",
    ),
    "ten-years-one-bad-2014-event.ics": (
        "2014-broken-no-start@google.com", "Dinner with Sam", "no DTSTART", "Acme",
    ),
}  # fmt: skip


@pytest.mark.parametrize("fixture", list(CASES))
def test_one_bad_event_is_skipped_with_one_warning_and_the_rest_syncs(
    fixture: str, tmp_path: Path
) -> None:
    uid, summary, problem, company = CASES[fixture]
    source, target = DATA / fixture, tmp_path / "out.ics"
    result = _run("sync", "--from", str(source), "--to", str(target))
    assert result.exit_code == 0, result.output
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 1, result.stderr
    prefix = f"calsync: warning: {source}: skipped event {uid} ({summary}): "
    assert warnings[0].startswith(prefix), warnings[0]
    assert problem in warnings[0]
    assert "1 interview in" in result.stdout
    assert company in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "uid", "problem"),
    [
        (_huge_description, "huge@example.com", "a DESCRIPTION over 1024 KB"),
        (_runaway, "runaway@example.com", "repeats more than 10,000 times in the range read"),
    ],
    ids=["20 MB description", "FREQ=MINUTELY forever"],
)
def test_an_event_too_big_to_read_is_skipped_not_the_file(
    make: object, uid: str, problem: str, tmp_path: Path
) -> None:
    assert callable(make)
    source = make(tmp_path)
    result = _run("sync", "--from", str(source), "--to", str(tmp_path / "out.ics"))
    assert result.exit_code == 0, result.output
    assert f"skipped event {uid} (" in result.stderr
    assert result.stderr.strip().endswith(problem)
    assert "Globex" in (tmp_path / "out.ics").read_text(encoding="utf-8")


def test_json_lists_the_skipped_events_for_sync_and_plan(tmp_path: Path) -> None:
    source = str(DATA / "google-birthday-broken-rdate.ics")
    expected = [
        {
            "uid": "2014_BIRTHDAY_self@google.com",
            "summary": "Sam Lee's birthday",
            "problem": "unreadable RDATE (Expected time, got: --0312)",
        }
    ]
    synced = _run("sync", "--from", source, "--to", str(tmp_path / "out.ics"), "--json")
    assert synced.exit_code == 0, synced.output
    assert json.loads(synced.stdout)["skipped"] == expected
    planned = _run("plan", "--from", source, "--json")
    assert planned.exit_code == 0, planned.output
    assert json.loads(planned.stdout)["skipped"] == expected
    clean_source = _run("plan", "--from", str(DATA / "two-vcalendar-blocks.ics"), "--json")
    assert json.loads(clean_source.stdout)["skipped"] == []


def test_every_vcalendar_block_is_read(tmp_path: Path) -> None:
    """Mozilla exports and `cat a.ics b.ics` give one VCALENDAR per block."""
    result = _run("plan", "--from", str(DATA / "two-vcalendar-blocks.ics"), "--json")
    assert result.exit_code == 0, result.output
    titles = [i["title"] for i in json.loads(result.stdout)["interviews"]]
    assert titles == [
        "Interview with Globex - Data Analyst",
        "Interview with Initech - Backend Engineer",
        "Phone screen - Hooli - Staff Engineer",
    ]
    assert result.stderr == ""


def test_two_files_concatenated_plan_what_each_file_plans(tmp_path: Path) -> None:
    first, second = DATA / "two-vcalendar-blocks.ics", DATA / "missing-dtstart.ics"
    joined = tmp_path / "both.ics"
    joined.write_bytes(first.read_bytes() + second.read_bytes())

    def interviews(path: Path) -> list[str]:
        result = _run("plan", "--from", str(path), "--json")
        assert result.exit_code == 0, result.output
        return [i["source_id"] for i in json.loads(result.stdout)["interviews"]]

    assert sorted(interviews(joined)) == sorted(interviews(first) + interviews(second))
