"""The emulator harness the contract suite builds on runs a whole sync cycle through the app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.msgraph.conftest import sync
from tests.msgraph.harness import MicrosoftHarness

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LA = ZoneInfo("America/Los_Angeles")


def test_the_harness_runs_a_sync_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    with MicrosoftHarness(tmp_path, monkeypatch) as backend:
        interview = backend.add_event(
            "Interview with Acme — Senior Engineer",
            datetime(2026, 12, 3, 10, 0, tzinfo=LA),
            attendees=(("Dana Lee", "dana@acme.com"),),
        )
        sync(NOW)
        assert [e.kind for e in backend.own_events()] == ["thank-you", "follow-up-call"]
        backend.reset_requests()
        sync(NOW)
        assert backend.requests() == 1
        backend.move_event(interview, datetime(2026, 12, 4, 10, 0, tzinfo=LA))
        sync(NOW)
        note = backend.own_events()[0]
        assert note.start == datetime(2026, 12, 4, 12, 0, tzinfo=LA)
        assert note.end - note.start == timedelta(minutes=15)
        backend.cancel_event(interview)
        sync(NOW)
        assert backend.own_events() == []
