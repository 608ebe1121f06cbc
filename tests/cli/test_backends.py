"""Opening backends by name, and what every backend's skipped events look like in output."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from calsync.adapters import registry
from calsync.adapters.base import Skipped
from calsync.app import Result
from calsync.cli import _warn_skipped, cli
from calsync.report import plan_json, sync_json
from tests.helpers import Ev, write_calendar


@pytest.mark.parametrize(
    ("spec", "module"),
    [
        ("google", "calsync.adapters.google.backend"),
        ("microsoft", "calsync.adapters.microsoft"),
        ("caldav+https://dav.example.com/cal/", "calsync.adapters.caldav"),
        ("CALDAV+HTTP://127.0.0.1:5232/u/c/", "calsync.adapters.caldav"),
        ("followups.ics", "calsync.adapters.ics"),
        ("-", "calsync.adapters.ics"),
        ("webcal://example.com/secret/basic.ics", "calsync.adapters.ics"),
    ],
)
def test_each_name_opens_its_backend(spec: str, module: str) -> None:
    assert registry.module_for(spec) == module


def test_a_backend_this_calsync_lacks_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setitem(registry._PREFIXES, "nowhere+https://", "calsync.adapters.nowhere")
    source = write_calendar(
        tmp_path / "in.ics",
        [Ev("a@x", "Interview with Acme", datetime(2026, 12, 1, 15, tzinfo=UTC))],
    )
    result = CliRunner().invoke(
        cli, ["sync", "--from", str(source), "--to", "nowhere+https://host/cal/"]
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("calsync: error: nowhere+https:")
    assert "Traceback" not in result.output


SKIPPED = [Skipped(uid="bday-1@google.com", summary="Sam's birthday", problem="broken RDATE")]


def test_skipped_events_are_one_warning_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    _warn_skipped("calendar.ics", SKIPPED)
    assert capsys.readouterr().err == (
        "calsync: warning: calendar.ics: skipped event bday-1@google.com (Sam's birthday): "
        "broken RDATE\n"
    )


def test_json_lists_the_skipped_events_for_sync_and_plan() -> None:
    result = Result("in.ics", "out.ics", [], [], dry_run=False, skipped=SKIPPED)
    wanted = [{"uid": "bday-1@google.com", "summary": "Sam's birthday", "problem": "broken RDATE"}]
    assert json.loads(sync_json(result))["skipped"] == wanted
    assert json.loads(plan_json([], source="in.ics", skipped=SKIPPED))["skipped"] == wanted
    assert json.loads(plan_json([], source="in.ics"))["skipped"] == []
