"""`calsync sync` against Google, end to end: the CLI, the real google-api-python-client, HTTP,
and the local Calendar API emulator. Nothing of calsync's own is mocked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from calsync.cli import cli
from tests.emulator.server import CalendarEmulator
from tests.emulator.store import USER_EMAIL
from tests.helpers import Ev, read_events, write_calendar

NY = ZoneInfo("America/New_York")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)


def _at(days: int, hour: int = 10) -> datetime:
    return datetime.combine(date.today() + timedelta(days=days), clock(hour), NY)


def _when(moment: datetime) -> dict[str, str]:
    return {"dateTime": moment.isoformat(), "timeZone": "America/New_York"}


def interview(
    google: CalendarEmulator,
    event_id: str,
    title: str,
    days: int,
    *,
    notes: str = "",
    calendar: str = "primary",
) -> dict[str, Any]:
    start = _at(days)
    return google.put_event(
        calendar,
        {
            "id": event_id,
            "summary": title,
            "description": notes,
            "start": _when(start),
            "end": _when(start + timedelta(hours=1)),
            "attendees": [
                {"email": USER_EMAIL, "self": True, "responseStatus": "accepted"},
                {"email": f"lead@{event_id}.com", "displayName": "Jane Doe"},
            ],
            "organizer": {"email": f"lead@{event_id}.com", "displayName": "Jane Doe"},
        },
    )


def seed(google: CalendarEmulator) -> None:
    interview(
        google,
        "acmeinterview1",
        "Interview with Acme — Senior Engineer",
        5,
        notes="They will make a decision by " + _at(15).strftime("%B %d"),
    )
    interview(google, "globexscreen1", "Phone screen - Globex - Data Analyst", 8)
    google.put_event(
        "primary",
        {
            "id": "dentist0001",
            "summary": "Dentist",
            "start": _when(_at(6)),
            "end": _when(_at(6, 11)),
        },
    )
    google.put_event(
        "primary",
        {
            "id": "standup0001",
            "summary": "Team standup",
            "description": "Daily",
            "start": _when(_at(7, 9)),
            "end": _when(_at(7, 10)),
        },
    )


def ours(google: CalendarEmulator, calendar: str = "primary") -> dict[str, dict[str, Any]]:
    return {
        e["id"]: e
        for e in google.events(calendar)
        if e.get("extendedProperties", {}).get("private", {}).get("calsync_kind")
    }


def theirs(google: CalendarEmulator, calendar: str = "primary") -> str:
    """Every event calsync did not create, as JSON: must not change by a byte."""
    return json.dumps(
        [
            e
            for e in google.events(calendar, include_deleted=True)
            if not e.get("extendedProperties", {}).get("private", {}).get("calsync_kind")
        ],
        sort_keys=True,
    )


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["sync", *args], catch_exceptions=False)


@pytest.fixture
def google(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    with CalendarEmulator() as emulator:
        token = emulator.make_token_file(tmp_path / "token.json")
        monkeypatch.setenv("CALSYNC_TOKEN", str(token))
        monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)
        yield emulator


def test_first_sync_creates_the_spec_events_and_a_second_writes_nothing(google: Any) -> None:
    seed(google)
    before = theirs(google)
    first = run()
    assert first.exit_code == 0, first.output
    created = ours(google)
    assert sorted(e["summary"] for e in created.values()) == [
        "Follow-up call — Data Analyst at Globex",
        "Follow-up call — Senior Engineer at Acme",
        "Send thank-you note — Data Analyst at Globex",
        "Send thank-you note — Senior Engineer at Acme",
    ]
    for event in created.values():
        private = event["extendedProperties"]["private"]
        assert private["calsync_kind"] in ("thank-you", "follow-up-call")
        assert private["calsync_source"] in ("acmeinterview1", "globexscreen1")
        assert private["calsync_fingerprint"]
        assert event["reminders"] == {
            "useDefault": False,
            "overrides": [{"method": "popup", "minutes": 0}],
        }
    thanks = next(e for e in created.values() if "thank-you note — Senior" in e["summary"])
    assert datetime.fromisoformat(thanks["start"]["dateTime"]) == _at(5, 12)

    google.reset_counts()
    second = run()
    assert second.exit_code == 0
    assert "up to date" in second.output
    assert google.http_requests <= 2
    assert not any(
        r.method in ("POST", "PATCH", "PUT", "DELETE") and not r.path.endswith("/token")
        for r in google.requests
    )
    assert theirs(google) == before


def test_twenty_percent_faults_reach_the_same_final_state(google: Any, tmp_path: Path) -> None:
    seed(google)
    for n in range(10):
        interview(google, f"corp{n:02d}screen", f"Phone screen - Corp{n} - Analyst", 3 + n)
    google.fault_rate = 0.2
    google.fault_seed = 7
    result = run("--quiet")
    google.fault_rate = 0.0
    assert result.exit_code == 0, result.output
    faulted = {i: (e["summary"], e["start"]["dateTime"]) for i, e in ours(google).items()}

    with CalendarEmulator() as clean:
        seed(clean)
        for n in range(10):
            interview(clean, f"corp{n:02d}screen", f"Phone screen - Corp{n} - Analyst", 3 + n)
        token = clean.make_token_file(tmp_path / "clean-token.json")
        env = {
            "CALSYNC_TOKEN": str(token),
            "CALSYNC_API_ENDPOINT": clean.url,
            "XDG_STATE_HOME": str(tmp_path / "clean-state"),
        }
        assert CliRunner(env=env).invoke(cli, ["sync"]).exit_code == 0
        expected = {i: (e["summary"], e["start"]["dateTime"]) for i, e in ours(clean).items()}
    assert faulted == expected
    assert len(faulted) == 24


def test_killed_mid_write_then_rerun_converges_without_duplicates(
    google: Any, tmp_path: Path
) -> None:
    for n in range(30):
        interview(google, f"firm{n:02d}onsite", f"Firm{n}: Onsite (Engineer)", 2 + n)
    google.latency = 0.05
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "calsync", "sync", "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(ours(google)) < 5:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = len(ours(google))
    assert 0 < partial < 60, "the kill should land while writing"
    google.latency = 0.0
    done = subprocess.run(
        [sys.executable, "-m", "calsync", "sync"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    events = ours(google)
    assert len(events) == 60
    keys = [
        (
            e["extendedProperties"]["private"]["calsync_source"],
            e["extendedProperties"]["private"]["calsync_kind"],
        )
        for e in events.values()
    ]
    assert len(set(keys)) == len(keys) == 60


def test_invalidated_sync_token_falls_back_to_a_full_read(google: Any) -> None:
    seed(google)
    run()
    google.invalidate_sync_tokens()
    google.reset_counts()
    interview(google, "hooliround1", "Final round at Hooli for Backend Engineer", 12)
    result = run()
    assert result.exit_code == 0
    assert any("Hooli" in e["summary"] for e in ours(google).values())
    statuses = [r.status for r in google.requests]
    assert 410 in statuses


def test_revoked_refresh_token_exits_3(google: Any, tmp_path: Path, monkeypatch: Any) -> None:
    google.revoked_refresh_tokens.add("gone-refresh")
    token = google.make_token_file(
        tmp_path / "revoked.json", refresh_token="gone-refresh", expired=True
    )
    monkeypatch.setenv("CALSYNC_TOKEN", str(token))
    result = CliRunner().invoke(cli, ["sync"])
    assert result.exit_code == 3
    assert "calsync auth" in result.output
    assert "ya29" not in result.output and "gone-refresh" not in result.output


def test_expired_access_token_is_refreshed(google: Any, tmp_path: Path, monkeypatch: Any) -> None:
    seed(google)
    token = google.make_token_file(tmp_path / "expired.json", expired=True)
    monkeypatch.setenv("CALSYNC_TOKEN", str(token))
    assert run().exit_code == 0
    assert len(ours(google)) == 4
    assert oct(token.stat().st_mode & 0o777) == "0o600"
    assert any(r.path.endswith("/token") for r in google.requests)


def test_two_concurrent_runs_do_not_interleave(google: Any) -> None:
    seed(google)
    for n in range(20):
        interview(google, f"corp{n:02d}screen", f"Phone screen - Corp{n} - Analyst", 3 + n)
    google.latency = 0.05
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "calsync", "sync"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [0, 0]
    notices = [err for _, err in outputs if "another calsync run" in err]
    assert len(notices) == 1
    assert len(ours(google)) == 44


def test_follow_ups_into_another_calendar_cost_two_requests_when_nothing_changed(
    google: Any,
) -> None:
    seed(google)
    google.add_calendar("jobsearch@group.calendar.google.com")
    assert run("--target-calendar", "jobsearch@group.calendar.google.com").exit_code == 0
    assert len(ours(google, "jobsearch@group.calendar.google.com")) == 4
    assert not ours(google)
    google.reset_counts()
    assert run("--target-calendar", "jobsearch@group.calendar.google.com").exit_code == 0
    assert google.http_requests == 2


def test_ics_to_google_and_google_to_ics(google: Any, tmp_path: Path) -> None:
    source = write_calendar(
        tmp_path / "in.ics",
        [
            Ev(
                "initech-1",
                "Initech: Onsite (Product Manager)",
                _at(4),
                attendees=[("maria@initech.com", "Maria Gonzalez", "ACCEPTED")],
            )
        ],
    )
    assert run("--from", str(source), "--to", "google").exit_code == 0
    assert sorted(e["summary"] for e in ours(google).values()) == [
        "Follow-up call — Product Manager at Initech",
        "Send thank-you note — Product Manager at Initech",
    ]
    seed(google)
    out = tmp_path / "out.ics"
    assert run("--to", str(out)).exit_code == 0
    titles = sorted(str(e["SUMMARY"]) for e in read_events(out).values())
    assert "Follow-up call — Senior Engineer at Acme" in titles
    assert not any("Initech" in t for t in titles)  # calsync's own events are not interviews
    assert len(titles) == 4


def _append_note(google: CalendarEmulator, event_id: str, note: str) -> None:
    event = google.get("primary", event_id)
    assert event is not None
    google.edit_event("primary", event_id, description=event["description"] + "\n" + note)


def _call(google: CalendarEmulator, number: int) -> tuple[str, dict[str, Any]]:
    prefix = "Follow-up call — " if number == 1 else f"Follow-up call #{number} — "
    [(key, event)] = [(i, e) for i, e in ours(google).items() if e["summary"].startswith(prefix)]
    return key, event


def test_the_chain_on_google_three_calls_then_an_offer(google: Any) -> None:
    interview(google, "initechpm01", "Initech: Onsite (Product Manager)", -12)
    assert run().exit_code == 0
    first, event = _call(google, 1)
    day = datetime.fromisoformat(event["start"]["dateTime"]).date()
    _append_note(google, first, f"No decision yet, call again {(day + timedelta(days=7)):%b %d}")
    assert run().exit_code == 0
    second, event2 = _call(google, 2)
    assert ours(google)[first]["description"].endswith(
        "call again " + f"{(day + timedelta(days=7)):%b %d}"
    )
    _append_note(google, second, "They went with another candidate")
    assert run().exit_code == 0
    titles = [e["summary"] for e in ours(google).values()]
    assert titles.count("Send another thank-you note — Product Manager at Initech") == 1
    assert not any(t.startswith("Follow-up call #3") for t in titles)
    google.reset_counts()
    assert "up to date" in run().output
    assert google.http_requests <= 2


def test_clean_removes_only_calsync_events_and_a_later_sync_brings_them_back(google: Any) -> None:
    seed(google)
    before = theirs(google)
    run()
    result = CliRunner().invoke(cli, ["clean", "--to", "google"])
    assert result.exit_code == 0, result.output
    assert "4 removed" in result.output
    assert ours(google) == {}
    assert theirs(google) == before
    assert run().exit_code == 0
    assert len(ours(google)) == 4


def test_a_reinstated_interview_gets_its_follow_ups_back(google: Any) -> None:
    seed(google)
    run()
    google.delete_event("primary", "globexscreen1")
    run()
    assert len(ours(google)) == 2
    google.edit_event("primary", "globexscreen1", status="confirmed")
    assert run().exit_code == 0
    assert len(ours(google)) == 4
    assert run().output.strip().endswith("(4 follow-ups unchanged)")


def test_a_calendar_named_instead_of_its_id(google: Any, tmp_path: Path, monkeypatch: Any) -> None:
    seed(google)
    google.add_calendar("c0ffee@group.calendar.google.com", summary="Job search")
    narrow = run("--target-calendar", "Job search")
    assert narrow.exit_code == 2  # the owned-events scope cannot list calendars by name
    assert "Calendar ID" in narrow.output and "Job search" in narrow.output
    assert not ours(google, "c0ffee@group.calendar.google.com")

    token = google.make_token_file(
        tmp_path / "wide.json",
        scopes=(
            "https://www.googleapis.com/auth/calendar.events.owned",
            "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
        ),
    )
    monkeypatch.setenv("CALSYNC_TOKEN", str(token))
    assert run("--target-calendar", "Job search").exit_code == 0
    assert len(ours(google, "c0ffee@group.calendar.google.com")) == 4
    missing = run("--calendar", "nosuch@group.calendar.google.com")
    assert missing.exit_code == 2 and "nosuch@group.calendar.google.com" in missing.output


def test_a_token_google_keeps_refusing_exits_3(
    google: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """The token refreshes fine elsewhere, yet this API answers 401 every time: sign in again."""
    seed(google)
    with CalendarEmulator() as elsewhere:
        token = elsewhere.make_token_file(tmp_path / "elsewhere.json")
        monkeypatch.setenv("CALSYNC_TOKEN", str(token))
        result = CliRunner().invoke(cli, ["sync"])
    assert result.exit_code == 3, result.output
    assert "calsync auth" in result.output
    assert not ours(google)


def test_a_calendar_left_with_only_calsyncs_own_events_keeps_them(google: Any) -> None:
    """SPEC "Empty source guard", source and target one calendar: calsync's own events are not
    the user's events, so when every one of the user's is gone the run refuses (on Outlook,
    107 future follow-ups were removed with exit 0)."""
    interview(google, "acmeinterview1", "Interview with Acme — Senior Engineer", 5)
    assert run().exit_code == 0
    kept = ours(google)
    assert kept
    google.delete_event("primary", "acmeinterview1")

    refused = run()

    assert refused.exit_code == 1, refused.output
    assert "no events at all" in refused.output and "--allow-empty-source" in refused.output
    assert ours(google) == kept
    allowed = run("--allow-empty-source")
    assert allowed.exit_code == 0, allowed.output
    assert not [e for e in ours(google).values() if e.get("status") != "cancelled"]
