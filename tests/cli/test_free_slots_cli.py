"""Free slots end to end on an .ics calendar: what blocks a call, `call_hours`, and what
`calsync plan` says about the time it chose."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import ME, Ev, write_calendar

NY = ZoneInfo("America/New_York")
USER = ME[0]
INTERVIEW = Ev(
    uid="acme@example.com",
    title="Interview with Acme — Data Analyst",
    start=datetime(2026, 12, 1, 10, tzinfo=NY),  # window: Dec 8 – Dec 11
    attendees=[ME, ("jane@acme.com", "Jane Doe", "ACCEPTED")],
)
WINDOW_DAY = datetime(2026, 12, 8, tzinfo=NY)


def _at(hour: int, minute: int = 0) -> datetime:
    return WINDOW_DAY + timedelta(hours=hour, minutes=minute)


def _plan(tmp_path: Path, *others: Ev) -> dict[str, object]:
    source = write_calendar(
        tmp_path / "in.ics", [INTERVIEW, *others], wr_timezone="America/New_York"
    )
    result = CliRunner().invoke(
        cli,
        ["plan", "--from", str(source), "--email", USER, "--json",
         "--since", "2026-11-20", "--until", "2027-01-31"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [app] = [a for a in json.loads(result.output)["applications"] if a["company"] == "Acme"]
    [call] = app["call"]["followups"]
    return dict(call)


def test_free_declined_and_cancelled_events_leave_the_call_where_it_was(tmp_path: Path) -> None:
    call = _plan(
        tmp_path,
        Ev("yoga@x", "Yoga", _at(10), extra={"TRANSP": "TRANSPARENT"}),
        Ev("demo@x", "Vendor demo", _at(10), attendees=[(USER, "Alex", "DECLINED")]),
        Ev("sync@x", "Team sync", _at(10), status="CANCELLED"),
    )
    assert call["start"] == _at(10).isoformat()
    assert call["slot"] == {"start": _at(10).isoformat(), "reason": "10:00 is free", "note": None}


def test_a_busy_event_moves_the_call_and_plan_says_why(tmp_path: Path) -> None:
    call = _plan(tmp_path, Ev("onsite@x", "Onsite — Globex", _at(10), minutes=90))
    assert call["start"] == _at(11, 30).isoformat()
    slot = call["slot"]
    assert isinstance(slot, dict)
    assert slot["reason"] == "10:00 was taken by 'Onsite — Globex'; 11:30 is the first free slot"

    text = CliRunner().invoke(
        cli, ["plan", "--from", str(tmp_path / "in.ics"), "--email", USER,
              "--since", "2026-11-20", "--until", "2027-01-31"],
    )  # fmt: skip
    assert "why this time: 10:00 was taken by 'Onsite — Globex'" in text.output


def test_call_hours_come_from_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "calsync.toml"
    config.write_text('call_hours = "13:00-15:00"\n')
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    assert _plan(tmp_path)["start"] == _at(13).isoformat()


@pytest.mark.parametrize("value", ['"17:00-09:00"', '"noon"', "42"])
def test_bad_call_hours_are_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    config = tmp_path / "calsync.toml"
    config.write_text(f"call_hours = {value}\n")
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    source = write_calendar(tmp_path / "in.ics", [INTERVIEW])
    result = CliRunner().invoke(cli, ["plan", "--from", str(source)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(config) in lines[0] and "09:00-17:00" in lines[0]
