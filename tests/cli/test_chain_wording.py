"""The words of the chain through .ics round trips: what an earlier calsync wrote on a call is
never read as the user's outcome, and the extra thank-you quotes the line the user wrote."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from calsync.app import plan
from tests.cli.test_chain_ics import INTERVIEW, OTHER, Round, _run
from tests.helpers import Ev, read_events, write_calendar

NY = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def _own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def _as_wrapped_before(description: str) -> str:
    """The call's description as calsync wrote it before descriptions stopped being wrapped
    by hand (the example dates then counted calendar days from the window's end)."""
    for joined, wrapped in (
        (
            "and that you are calling about the status:",
            "and that you are calling\nabout the status:",
        ),
        (" role on ", " role\non "),
        ("impression you made. If they", "impression you made.\n  If they"),
        ('notes, for example "', 'notes, for example\n"'),
        (
            'Dec 15", "decision now expected Dec 11", "they',
            'Dec 18", "decision now expected Dec 16",\n"they',
        ),
    ):
        assert joined in description, joined
        description = description.replace(joined, wrapped)
    return description


def test_a_call_written_by_an_earlier_version_holds_no_outcome_of_its_own(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    ((uid, call),) = [
        (u, e) for u, e in read_events(trip.out).items() if str(e["SUMMARY"]).startswith("Follow")
    ]
    old = _as_wrapped_before(str(call["DESCRIPTION"]))
    start = call["DTSTART"].dt
    edited = Ev(uid, str(call["SUMMARY"]), start, description=old + "\nLeft a voicemail.")
    write_calendar(trip.source, [INTERVIEW, OTHER, edited])
    planned = plan(str(trip.source), _run(date(2026, 12, 9)))
    (step,) = planned.plans[0].steps
    assert step.outcome.kind == "none"  # the old example "next follow-up: Dec 15" is calsync's
    assert len([f for f in planned.plans[0].followups if f.kind == "follow-up-call"]) == 1


def test_the_extra_thank_you_quotes_the_whole_line_the_user_wrote(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    line = "Maria called back: they went with another candidate, but she will keep my CV."
    trip.write_note(1, line, on=datetime(2026, 12, 8, 15, 0, tzinfo=NY))
    trip.sync(date(2026, 12, 8))
    (thanks,) = [
        e
        for e in read_events(trip.out).values()
        if str(e["SUMMARY"]).startswith("Send another thank-you note")
    ]
    assert f"What you noted after the call:\n{line}\n" in str(thanks["DESCRIPTION"])
