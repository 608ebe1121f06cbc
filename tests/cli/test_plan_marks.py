"""`plan` against today: a past call is marked overdue with what to do, a call still ahead
never shows an outcome. Each case is a user's calendar on a fixed day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from calsync.app import plan
from calsync.report import plan_text
from tests.cli.test_chain_ics import Round, _run


@pytest.fixture(autouse=True)
def _own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def _plan_on(trip: Round, today: date) -> str:
    run = _run(today)
    planned = plan(str(trip.source), run)
    return plan_text(planned.plans, source=planned.source, now=run.now)


def test_a_planned_call_whose_day_has_passed_is_overdue(tmp_path: Path) -> None:
    trip = Round(tmp_path)  # Initech onsite Dec 1, no timetable: call #1 on Dec 8
    text = _plan_on(trip, date(2026, 12, 9))
    assert (
        "next: follow-up call #1 on 2026-12-08 — overdue since Dec 8: "
        "done? write the outcome in its notes"
    ) in text


def test_a_call_still_ahead_shows_no_outcome_after_a_round_trip(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    trip.export()  # imported into the calendar app; the call has not happened yet
    text = _plan_on(trip, date(2026, 12, 3))
    assert "call #1 on 2026-12-08: still ahead" in text
    assert ": none" not in text and "waiting for the outcome" not in text
    assert "next: follow-up call #1 on 2026-12-08; afterwards write the outcome" in text


def test_a_call_on_today_and_one_past_without_an_outcome(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    trip.export()
    assert "call #1 on 2026-12-08: today" in _plan_on(trip, date(2026, 12, 8))
    text = _plan_on(trip, date(2026, 12, 10))
    assert "call #1 on 2026-12-08: overdue since Dec 8 — done? write the outcome" in text
    assert "next: follow-up call #1 on 2026-12-08 — overdue since Dec 8" in text


def test_a_written_outcome_is_shown_and_the_next_call_is_ahead(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    trip.write_note(1, "No decision yet, call again Dec 15")
    text = _plan_on(trip, date(2026, 12, 9))
    assert 'call #1 on 2026-12-08: next-date — "' in text
    assert "next: follow-up call #2 on 2026-12-15" in text and "overdue" not in text


def test_without_today_the_plan_reads_as_before(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    planned = plan(str(trip.source), _run(date(2026, 12, 9)))
    text = plan_text(planned.plans, source=planned.source)
    assert "next: follow-up call #1 on 2026-12-08\n" in text
