"""`calsync plan` groups the rounds of one hiring process into one application.

What sync does with several rounds (a later round takes over the call, a declined one gives it
back, an edited call stays, a rerun writes nothing) is in tests/contract/test_applications.py,
run on every backend. Dates are relative to today, since the CLI runs with the real clock.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click.testing
import pytest
from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import ME, Ev, write_calendar

NY = ZoneInfo("America/New_York")
ROLE = "Backend Engineer at Hooli"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)


def _day(offset: int, hour: int = 10) -> datetime:
    return datetime.combine(date.today() + timedelta(days=offset), time(hour), NY)


SCREEN = Ev(
    "hooli-screen",
    "Phone screen - Hooli - Senior Backend Engineer",
    _day(3),
    attendees=[("gavin@hooli.com", "Gavin Belson", "ACCEPTED"), ME],
    organizer=("gavin@hooli.com", "Gavin Belson"),
)


FINAL = Ev(
    "hooli-final",
    "Final round at Hooli for Backend Engineer",
    _day(9, 14),
    attendees=[("denise@hooli.com", "Denise Chan", "ACCEPTED"), ME],
    organizer=("denise@hooli.com", "Denise Chan"),
)


def _invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, [*args, "--email", ME[0]], catch_exceptions=False)


def test_plan_groups_rounds_into_one_application(tmp_path: Path) -> None:
    other = Ev(
        "hooli-pm",
        "Interview: Product Manager at Hooli",
        _day(5),
        attendees=[("jian@hooli.com", "Jian Yang", "ACCEPTED"), ME],
    )
    source = write_calendar(tmp_path / "calendar.ics", [SCREEN, other, FINAL])
    text = _invoke("plan", "--from", str(source))
    assert text.exit_code == 0, text.output
    assert "3 interviews in" in text.output and "2 applications" in text.output
    assert f"{ROLE} (2 rounds)" in text.output
    assert "Product Manager at Hooli (1 round)" in text.output
    assert "no follow-up call: a later round is scheduled on" in text.output

    payload = json.loads(_invoke("plan", "--from", str(source), "--json").output)
    assert len(payload["interviews"]) == 3  # the per-interview list stays
    apps = {a["role"]: a for a in payload["applications"]}
    hooli = apps["Backend Engineer"]
    assert [r["source_id"] for r in hooli["rounds"]] == ["hooli-screen", "hooli-final"]
    assert [len(r["thank_you"]) for r in hooli["rounds"]] == [1, 1]
    assert hooli["rounds"][0]["call_removed"].startswith("a later round is scheduled on")
    assert hooli["rounds"][1]["interviewers"] == [
        {"name": "Denise Chan", "email": "denise@hooli.com"}
    ]
    assert hooli["call_round"] == "hooli-final"
    assert hooli["call"]["followups"][0]["title"] == f"Follow-up call — {ROLE}"
    assert apps["Product Manager"]["call_round"] == "hooli-pm"
