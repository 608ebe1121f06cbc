"""`plan --all` lists the trainings, the hiring side and unnamed rounds, each with its reason,
beside the interviews it plans (issue 17)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import ME, Ev, write_calendar

NY = ZoneInfo("America/New_York")


def _at(days: int) -> datetime:
    return datetime.combine(date.today() + timedelta(days=days), time(11), NY)


EVENTS = {
    "Workshop: how to ace behavioural interviews": 'training or teaching, "workshop"',
    "Interviewer training: structured interviews": 'you are the interviewer, "interviewer"',
    "Interview debrief": 'you are the interviewer, "debrief"',
    "Portfolio review": 'a round that names no employer or role, "portfolio review"',
}


def test_plan_all_says_why_each_look_alike_was_passed_over(tmp_path: Path) -> None:
    events = [Ev(f"e{i}", title, _at(i + 1)) for i, title in enumerate(EVENTS)]
    events.append(Ev("round", "Lumina Labs: Portfolio review (UX Designer)", _at(9)))
    source = write_calendar(tmp_path / "source.ics", events, wr_timezone="America/New_York")
    result = CliRunner().invoke(
        cli, ["plan", "--from", str(source), "--email", ME[0], "--all", "--until", "+30d"]
    )
    assert result.exit_code == 0, result.output
    listed = result.stdout.split("Not interviews (4 events with an interview word):\n", 1)[1]
    for title, reason in EVENTS.items():
        assert f"{title}  ({reason})" in listed
    assert "UX Designer at Lumina Labs (1 round)" in result.stdout
