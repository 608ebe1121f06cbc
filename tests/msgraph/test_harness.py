"""The contract-suite harness drives a whole sync cycle the way the other backends are driven."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.msgraph import drive
from tests.msgraph.harness import MicrosoftHarness

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LA = ZoneInfo("America/Los_Angeles")


def test_the_harness_runs_a_sync_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with MicrosoftHarness(tmp_path, monkeypatch) as backend:
        interview = backend.add_event(
            "Interview with Acme — Senior Engineer",
            datetime(2026, 12, 3, 10, 0, tzinfo=LA),
            attendees=(("Dana Lee", "dana@acme.com"),),
        )
        drive.sync(backend.context(NOW))
        assert [e.kind for e in backend.own_events()] == ["thank-you", "follow-up-call"]
        backend.reset_requests()
        drive.sync(backend.context(NOW))
        assert backend.requests() == 1
        backend.move_event(interview, datetime(2026, 12, 4, 10, 0, tzinfo=LA))
        drive.sync(backend.context(NOW))
        note = backend.own_events()[0]
        assert note.start == datetime(2026, 12, 4, 12, 0, tzinfo=LA)
        assert note.end - note.start == timedelta(minutes=15)
        backend.cancel_event(interview)
        drive.sync(backend.context(NOW))
        assert backend.own_events() == []
