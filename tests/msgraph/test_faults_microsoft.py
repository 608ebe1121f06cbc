"""Outlook under faults: injected errors and lost answers, 429s, and a run killed mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from tests.msgraph import drive
from tests.msgraph.conftest import NOW, Sleeps
from tests.msgraph.emulator.server import GraphEmulator
from tests.msgraph.emulator.store import DATA_PROPERTY

ROOT = Path(__file__).resolve().parents[2]


def seed(ms: GraphEmulator, count: int) -> None:
    for n in range(count):
        ms.seed(
            f"Phone screen - Globex{n} - Data Analyst",
            datetime(2026, 12, 2, 9, 0) + timedelta(days=n % 30, minutes=30 * (n % 8)),
            attendees=((f"Rita {n}", f"rita{n}@globex{n}.com"),),
        )


def final_state(ms: GraphEmulator) -> list[tuple[str, str, datetime, datetime]]:
    """calsync's events by (calsync id, title, start, end); a duplicate would show twice."""
    return sorted(
        (e.props[DATA_PROPERTY], str(e.fields["subject"]), e.start, e.end)
        for e in ms.calsync_events()
    )


def test_twenty_percent_injected_errors_give_the_same_calendar_and_no_copies(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps, tmp_path: Path
) -> None:
    seed(ms, 30)
    ms.fault_rate = 0.2
    drive.sync(drive.context(state_dir, NOW), sleep=sleeps)
    statuses = Counter(r.status for r in ms.records)
    assert statuses[429] and statuses[503]  # faults did happen, and were retried
    # reschedule some interviews, so updates meet faults too
    for event in ms.store.live()[:5]:
        if not event.fields.get("transactionId"):
            ms.user_edit(
                event.id,
                start={"dateTime": "2026-12-21T09:00:00", "timeZone": "Pacific Standard Time"},
                end={"dateTime": "2026-12-21T10:00:00", "timeZone": "Pacific Standard Time"},
            )
    drive.sync(drive.context(state_dir, NOW), sleep=sleeps)
    ms.fault_rate = 0.0
    drive.sync(drive.context(state_dir, NOW), sleep=sleeps)
    got = final_state(ms)
    assert len(got) == len({row[0] for row in got}) == 60
    # the reference: the same interviews, rescheduled alike, never a fault
    with GraphEmulator(tmp_path / "ref-tls") as clean:
        env = {
            "CALSYNC_MS_AUTHORITY": clean.authority,
            "CALSYNC_GRAPH_ENDPOINT": clean.graph,
            "REQUESTS_CA_BUNDLE": str(clean.ca_file),
            "CALSYNC_MS_TOKEN_CACHE": str(tmp_path / "ref-cache.json"),
        }
        saved = {k: os.environ[k] for k in env}
        os.environ.update(env)
        try:
            from calsync.adapters.microsoft import auth

            auth.run_device_flow(drive.CLIENT_ID, echo=lambda _l: None)
            seed(clean, 30)
            for event in clean.store.live()[:5]:
                clean.user_edit(
                    event.id,
                    start={"dateTime": "2026-12-21T09:00:00", "timeZone": "Pacific Standard Time"},
                    end={"dateTime": "2026-12-21T10:00:00", "timeZone": "Pacific Standard Time"},
                )
            drive.sync(drive.context(tmp_path / "ref-state", NOW), sleep=lambda _s: None)
            expected = final_state(clean)
        finally:
            os.environ.update(saved)
    assert [row[1:] for row in got] == [row[1:] for row in expected]


def test_a_run_killed_mid_write_converges_on_the_rerun(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    seed(ms, 30)  # 60 follow-ups: three batches
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.msgraph.drive", str(state_dir), NOW.isoformat()],
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
    rerun = drive.sync(drive.context(state_dir, NOW), sleep=sleeps)
    assert len(rerun.report.created) == 60 - written
    rows = final_state(ms)
    assert len(rows) == len({row[0] for row in rows}) == 60
    again = drive.sync(drive.context(state_dir, NOW), sleep=sleeps)
    assert not again.report.wrote


def test_a_429_waits_as_long_as_retry_after_says(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    seed(ms, 1)
    ms.next_statuses.extend([429, 503])
    outcome = drive.sync(drive.context(state_dir, NOW), sleep=sleeps)
    assert len(outcome.report.created) == 2
    assert sleeps == [1.0, 4.0]  # Retry-After: 1, then backoff for the 503 (second attempt)
