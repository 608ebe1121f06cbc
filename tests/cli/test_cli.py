"""The command line end to end, through click's CliRunner and one real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
import pytest
from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import ME, Ev, read_events, write_calendar

NY = ZoneInfo("America/New_York")
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "interviews.ics"


def _day(offset: int, hour: int = 10) -> datetime:
    return datetime.combine(date.today() + timedelta(days=offset), time(hour), NY)


def _source(tmp_path: Path) -> Path:
    return write_calendar(
        tmp_path / "source.ics",
        [
            Ev(
                "acme-1",
                "Interview with Acme — Senior Engineer",
                _day(10),
                description="Jane said they will make a decision by " + _day(20).strftime("%B %d"),
                attendees=[("jane@acme.com", "Jane Doe", "ACCEPTED"), ME],
                organizer=("jane@acme.com", "Jane Doe"),
            ),
            Ev(
                "globex-1",
                "Phone screen - Globex - Data Analyst",
                _day(12, 14),
                attendees=[("sam@globex.com", "Sam Lee", "ACCEPTED"), ME],
            ),
            Ev("dentist", "Dentist", _day(11)),
        ],
    )


def _invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_every_command_has_help_with_an_example() -> None:
    for command in ("sync", "plan", "clean", "auth"):
        result = _invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output
    top = _invoke("--help")
    assert "sync" in top.output and "Example" in top.output


def test_version() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0
    assert "calsync" in result.output and "0." in result.output


def test_sync_writes_a_thank_you_and_a_call_per_interview_then_nothing(tmp_path: Path) -> None:
    source = _source(tmp_path)
    out = tmp_path / "followups.ics"
    first = _invoke("sync", "--from", str(source), "--to", str(out), "--email", ME[0])
    assert first.exit_code == 0, first.output
    assert "2 interviews" in first.output and "4 created" in first.output
    events = read_events(out)
    titles = sorted(str(e["SUMMARY"]) for e in events.values())
    assert titles == [
        "Follow-up call — Data Analyst at Globex",
        "Follow-up call — Senior Engineer at Acme",
        "Send thank-you note — Data Analyst at Globex",
        "Send thank-you note — Senior Engineer at Acme",
    ]
    before = out.read_bytes()
    second = _invoke("sync", "--from", str(source), "--to", str(out), "--email", ME[0])
    assert second.exit_code == 0
    assert "up to date" in second.output
    assert out.read_bytes() == before


def test_thank_you_is_an_hour_after_the_interview_and_the_call_follows_the_decision(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.ics"
    assert _invoke("sync", "--from", str(_source(tmp_path)), "--to", str(out)).exit_code == 0
    events = {str(e["SUMMARY"]): e for e in read_events(out).values()}
    thanks = events["Send thank-you note — Senior Engineer at Acme"]["DTSTART"].dt
    assert thanks == _day(10, 12)  # the interview ends at 11:00, plus an hour
    call = events["Follow-up call — Senior Engineer at Acme"]["DTSTART"].dt
    decision = _day(20).date()
    assert decision < call.date() <= decision + timedelta(days=4)  # 1st business day after
    assert call.weekday() < 5 and call.time() == time(10, 0)


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    result = _invoke("sync", "--from", str(_source(tmp_path)), "--to", str(out), "--dry-run")
    assert result.exit_code == 0
    assert "create" in result.output and "Follow-up call — Senior Engineer at Acme" in result.output
    assert not out.exists()


def test_json_result_is_machine_readable(tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    result = _invoke("sync", "--from", str(_source(tmp_path)), "--to", str(out), "--json")
    payload = json.loads(result.output)
    assert payload["changes"]["create"] == 4
    assert {a["kind"] for a in payload["actions"]} == {"thank-you", "follow-up-call"}
    again = json.loads(
        _invoke("sync", "--from", str(_source(tmp_path)), "--to", str(out), "--json").output
    )
    assert again["changes"] == {"create": 0, "update": 0, "cancel": 0, "keep": 4}
    assert again["written"] is False


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    result = _invoke("sync", "--from", str(_source(tmp_path)), "--to", "out.ics", "--quiet")
    assert result.exit_code == 0
    assert result.output == ""


def test_plan_shows_each_window_and_the_phrase_it_came_from(tmp_path: Path) -> None:
    result = _invoke("plan", "--from", str(_source(tmp_path)))
    assert result.exit_code == 0
    assert "2 interviews" in result.output
    assert "decision by" in result.output and "from: " in result.output
    assert "7 to 10 days" in result.output  # Globex: no timetable
    payload = json.loads(_invoke("plan", "--from", str(_source(tmp_path)), "--json").output)
    acme = next(i for i in payload["interviews"] if i["company"] == "Acme")
    assert acme["window"]["rule"] == "decision"
    assert acme["role"] == "Senior Engineer"


def test_plan_reads_stdin(tmp_path: Path) -> None:
    data = _source(tmp_path).read_bytes()
    result = CliRunner().invoke(cli, ["plan", "--from", "-"], input=data)
    assert result.exit_code == 0
    assert "2 interviews in <stdin>" in result.output


def test_clean_cancels_every_calsync_event_and_nothing_is_left_active(tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    _invoke("sync", "--from", str(_source(tmp_path)), "--to", str(out))
    result = _invoke("clean", "--to", str(out))
    assert result.exit_code == 0
    assert "4 removed" in result.output
    statuses = {str(e["STATUS"]) for e in read_events(out).values()}
    assert statuses == {"CANCELLED"}
    assert {int(e["SEQUENCE"]) for e in read_events(out).values()} == {1}
    assert "up to date" in _invoke("clean", "--to", str(out)).output


def test_config_file_supplies_the_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "calsync.toml"
    config.write_text('name = "Alex Rivera"\nemails = ["alex.rivera@example.com"]\n')
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    out = tmp_path / "out.ics"
    assert _invoke("sync", "--from", str(_source(tmp_path)), "--to", str(out)).exit_code == 0
    notes = [str(e["DESCRIPTION"]) for e in read_events(out).values()]
    assert any("Alex Rivera" in n for n in notes)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("nmae = 'x'\n", "unknown key 'nmae'"),
        ("max_calls = 'many'\n", "max_calls"),
        ("timezone = 'Mars/Base'\n", "Mars/Base"),
        ("date_order = 'XYZ'\n", "date_order"),
        ("name = \n", "not valid TOML"),
    ],
)
def test_bad_config_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, needle: str
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text)
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    result = CliRunner().invoke(cli, ["sync", "--from", str(_source(tmp_path)), "--to", "out.ics"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(config) in lines[0] and needle in lines[0]
    assert not (tmp_path / "out.ics").exists()


def test_a_second_overlapping_run_stops_with_a_notice(tmp_path: Path) -> None:
    from calsync import app, lock

    out = tmp_path / "out.ics"
    with lock.held(app._state_dir() / "locks", str(out), now=datetime.now(UTC), budget=600):
        result = _invoke("sync", "--from", str(_source(tmp_path)), "--to", str(out))
    assert result.exit_code == 0
    assert "another calsync run" in result.output
    assert not out.exists()


def test_help_and_plan_do_not_import_the_google_libraries(tmp_path: Path) -> None:
    source = _source(tmp_path)
    probe = (
        "import sys\n"
        "from calsync.cli import cli\n"
        "args = sys.argv[1:]\n"
        "try:\n"
        "    cli.main(args, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('googleapiclient', 'google.', 'google_auth', 'httplib2')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "print('LOADED:' + ','.join(loaded))\n"
    )
    for args in (["--help"], ["plan", "--from", str(source)]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert "LOADED:\n" in done.stdout, done.stdout[-300:]


def test_the_installed_script_runs_the_example(tmp_path: Path) -> None:
    script = shutil.which("calsync", path=str(Path(sys.executable).parent)) or shutil.which(
        "calsync"
    )
    assert script is not None, "the calsync console script is not installed"
    out = tmp_path / "followups.ics"
    done = subprocess.run(
        [
            script,
            "sync",
            "--from",
            str(EXAMPLE),
            "--to",
            str(out),
            "--since",
            "2026-11-01",
            "--until",
            "2027-03-01",
        ],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert done.returncode == 0, done.stderr
    assert "interviews in" in done.stdout
    events = read_events(out)
    assert len(events) >= 20
    assert {str(e["X-CALSYNC-KIND"]) for e in events.values()} == {"thank-you", "follow-up-call"}


def test_timezone_flag_wins_over_the_calendars_zone_for_floating_times(tmp_path: Path) -> None:
    day = (date.today() + timedelta(days=9)).strftime("%Y%m%d")
    source = tmp_path / "floating.ics"
    source.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
            "X-WR-TIMEZONE:America/New_York\r\nBEGIN:VEVENT\r\nUID:float-1\r\n"
            f"DTSTAMP:20261101T000000Z\r\nDTSTART:{day}T100000\r\nDTEND:{day}T110000\r\n"
            "SUMMARY:Interview with Acme - Engineer\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
    )
    out = tmp_path / "out.ics"
    assert (
        _invoke(
            "sync", "--from", str(source), "--to", str(out), "--timezone", "Europe/London"
        ).exit_code
        == 0
    )
    thanks = next(e for e in read_events(out).values() if "thank-you" in str(e["SUMMARY"]))
    start = thanks["DTSTART"].dt
    assert start.tzinfo.key == "Europe/London" and start.hour == 12  # type: ignore[union-attr]


def test_a_rescheduled_interview_moves_its_follow_ups_and_plans_nothing_else(
    tmp_path: Path,
) -> None:
    """Regression: the old call text still in the file was read as an outcome after a move."""
    out = tmp_path / "out.ics"
    source = _source(tmp_path)
    assert _invoke("sync", "--from", str(source), "--to", str(out)).exit_code == 0
    moved = [
        Ev(
            "acme-1",
            "Interview with Acme — Senior Engineer",
            _day(16),
            attendees=[("jane@acme.com", "Jane Doe", "ACCEPTED"), ME],
        ),
        Ev(
            "globex-1",
            "Phone screen - Globex - Data Analyst",
            _day(12, 14),
            attendees=[("sam@globex.com", "Sam Lee", "ACCEPTED"), ME],
        ),
    ]
    write_calendar(source, moved)
    second = json.loads(_invoke("sync", "--from", str(source), "--to", str(out), "--json").output)
    assert second["changes"] == {"create": 0, "update": 2, "cancel": 0, "keep": 2}
    third = json.loads(_invoke("sync", "--from", str(source), "--to", str(out), "--json").output)
    assert third["changes"] == {"create": 0, "update": 0, "cancel": 0, "keep": 4}


def test_outlook_zones_named_by_windows_or_defined_in_the_file_are_local_time(
    tmp_path: Path,
) -> None:
    """Outlook writes TZID="Pacific Standard Time" or "Customized Time Zone" with its own
    VTIMEZONE; "10:00 local" must still be the interviewer's 10:00, not UTC's."""
    source = ROOT / "tests" / "data" / "ics" / "outlook-windows-tzid.ics"
    payload = json.loads(
        _invoke(
            "plan",
            "--from",
            str(source),
            "--since",
            "2026-11-01",
            "--until",
            "2027-01-01",
            "--json",
        ).output
    )
    zones = {i["company"]: i["timezone"] for i in payload["interviews"]}
    assert zones["Contoso"] == "America/Los_Angeles"
    fabrikam = ZoneInfo(zones["Fabrikam"])  # a zone with Central European rules
    assert zones["Fabrikam"].startswith("Europe/")
    assert fabrikam.utcoffset(datetime(2026, 12, 3)) == timedelta(hours=1)
    assert fabrikam.utcoffset(datetime(2027, 7, 3)) == timedelta(hours=2)
    contoso = next(i for i in payload["interviews"] if i["company"] == "Contoso")
    thanks = datetime.fromisoformat(contoso["followups"][0]["start"])
    assert (thanks.hour, thanks.minute) == (15, 30)  # 14:30 Pacific + 1 hour
    call = datetime.fromisoformat(contoso["followups"][1]["start"])
    assert call.hour == 10 and call.utcoffset() == timedelta(hours=-8)


def test_reminder_minutes_sets_the_alarm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "calsync.toml"
    config.write_text("reminder_minutes = 30\n")
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    out = tmp_path / "out.ics"
    assert _invoke("sync", "--from", str(_source(tmp_path)), "--to", str(out)).exit_code == 0
    triggers = {
        alarm["TRIGGER"].dt for e in read_events(out).values() for alarm in e.walk("VALARM")
    }
    assert triggers == {-timedelta(minutes=30)}


def test_a_follow_up_deleted_from_the_ics_file_is_not_put_back(tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    source = _source(tmp_path)
    assert _invoke("sync", "--from", str(source), "--to", str(out)).exit_code == 0
    text = out.read_bytes().decode()
    start = text.index("BEGIN:VEVENT")
    end = text.index("END:VEVENT", start) + len("END:VEVENT\r\n")
    removed = text[start:end]
    out.write_bytes((text[:start] + text[end:]).encode())  # the user deletes one event
    result = json.loads(_invoke("sync", "--from", str(source), "--to", str(out), "--json").output)
    assert result["changes"]["create"] == 0
    assert any("deleted by you" in a["reason"] for a in result["actions"])
    assert removed.split("UID:")[1].split("\r\n")[0] not in out.read_text()
    out.unlink()  # the whole file deleted: a fresh start writes everything again
    again = json.loads(_invoke("sync", "--from", str(source), "--to", str(out), "--json").output)
    assert again["changes"]["create"] == 4
