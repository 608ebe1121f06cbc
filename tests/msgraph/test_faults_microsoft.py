"""Outlook under faults, through the CLI: injected errors and lost answers, 429s, and a
`calsync sync` process killed mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calsync.adapters.microsoft import auth
from calsync.cli import cli
from tests.msgraph.conftest import Sleeps, sync
from tests.msgraph.emulator.server import CLIENT_ID, GraphEmulator
from tests.msgraph.emulator.store import DATA_PROPERTY

ROOT = Path(__file__).resolve().parents[2]
SYNC = ["sync", "--from", "microsoft", "--to", "microsoft"]


def day(offset: int, hour: int = 9) -> datetime:
    """A wall-clock time in the interviews' zone, `offset` days from today (the CLI's "now")."""
    return datetime.combine(date.today() + timedelta(days=offset), clock(hour))


def seed(ms: GraphEmulator, count: int) -> None:
    for n in range(count):
        ms.seed(
            f"Phone screen - Globex{n} - Data Analyst",
            day(1 + n % 30) + timedelta(minutes=30 * (n % 8)),
            attendees=((f"Rita {n}", f"rita{n}@globex{n}.com"),),
        )


def reschedule_some(ms: GraphEmulator) -> None:
    """The user moves five interviews, so that updates meet the faults too."""
    moved = day(20)
    for event in [e for e in ms.store.live() if not e.fields.get("transactionId")][:5]:
        ms.user_edit(
            event.id,
            start={"dateTime": moved.isoformat(), "timeZone": "Pacific Standard Time"},
            end={
                "dateTime": (moved + timedelta(hours=1)).isoformat(),
                "timeZone": "Pacific Standard Time",
            },
        )


def final_state(ms: GraphEmulator) -> list[tuple[str, str, datetime, datetime]]:
    """calsync's events by (calsync id, title, start, end); a duplicate would show twice."""
    return sorted(
        (e.props[DATA_PROPERTY], str(e.fields["subject"]), e.start, e.end)
        for e in ms.calsync_events()
    )


def calsync(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_twenty_percent_injected_errors_give_the_same_calendar_and_no_copies(
    ms: GraphEmulator,
    signed_in: Path,
    sleeps: Sleeps,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(ms, 30)
    ms.fault_rate = 0.2
    calsync(*SYNC)
    statuses = Counter(r.status for r in ms.records)
    assert statuses[429] and statuses[503]  # faults did happen, and were retried
    assert sleeps  # and each retry waited (recorded, not waited out, in the tests)
    assert ms.retry_after_violations == 0  # no request left while the mailbox was throttled
    reschedule_some(ms)
    calsync(*SYNC)
    ms.fault_rate = 0.0
    calsync(*SYNC)
    got = final_state(ms)
    assert len(got) == len({row[0] for row in got}) == 60
    # the reference: the same interviews, rescheduled alike, never a fault
    with GraphEmulator(tmp_path / "ref-tls") as clean:
        monkeypatch.setenv("CALSYNC_MS_AUTHORITY", clean.authority)
        monkeypatch.setenv("CALSYNC_GRAPH_ENDPOINT", clean.graph)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(clean.ca_file))
        monkeypatch.setenv("CALSYNC_MS_TOKEN_CACHE", str(tmp_path / "ref-cache.json"))
        monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "ref-state"))
        auth.run_device_flow(CLIENT_ID, echo=lambda _l: None, sleep=lambda _s: None)
        seed(clean, 30)
        calsync(*SYNC)
        reschedule_some(clean)
        calsync(*SYNC)
        expected = final_state(clean)
    assert [row[1:] for row in got] == [row[1:] for row in expected]


def test_a_run_killed_mid_write_converges_on_the_rerun(
    ms: GraphEmulator, signed_in: Path, sleeps: Sleeps
) -> None:
    seed(ms, 30)  # 60 follow-ups: three batches
    child = subprocess.Popen(
        [sys.executable, "-m", "calsync", *SYNC],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    ms.after_write = lambda count: count == 27 and os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=120)
    assert child.returncode == -signal.SIGKILL
    written = len(ms.calsync_events())
    assert 27 <= written < 60
    ms.after_write = None

    rerun = calsync(*SYNC)

    assert f"{60 - written} created, 0 updated, 0 removed, {written} unchanged" in rerun.output
    rows = final_state(ms)
    assert len(rows) == len({row[0] for row in rows}) == 60
    assert "up to date (60 follow-ups unchanged)" in calsync(*SYNC).output


def test_a_429_waits_as_long_as_retry_after_says(
    ms: GraphEmulator, signed_in: Path, sleeps: Sleeps
) -> None:
    ms.seed("Phone screen - Globex - Data Analyst", datetime(2026, 12, 2, 9, 0))
    ms.next_statuses.extend([429, 503])
    outcome = sync()
    assert len(outcome.created) == 2
    # Retry-After: 1, then backoff for the 503 (second attempt); nothing left before its time
    assert sleeps == [pytest.approx(1.0, abs=0.05), pytest.approx(4.0, abs=0.05)]
    assert ms.retry_after_violations == 0
