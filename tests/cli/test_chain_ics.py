"""The follow-up chain through .ics round trips.

The user imports calsync's .ics into their calendar app, writes what they learned into a call's
notes, and the app's export (same UIDs, X- properties dropped) becomes the next source.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from calsync.app import Result, Run, sync
from calsync.report import plan_json, plan_text
from calsync.settings import Settings
from tests.helpers import ME, Ev, exported, read_events, write_calendar

NY = ZoneInfo("America/New_York")
INTERVIEW = Ev(
    "initech-onsite",
    "Initech: Onsite (Product Manager)",
    datetime(2026, 12, 1, 10, 0, tzinfo=NY),  # a Tuesday; no timetable → call on Dec 8
    attendees=[("maria@initech.com", "Maria Gonzalez", "ACCEPTED"), ME],
)
OTHER = Ev("lunch", "Lunch with Sam", datetime(2026, 12, 2, 12, 0, tzinfo=NY))


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def _run(now: date, **settings: object) -> Run:
    return Run(
        settings=Settings(
            emails=(ME[0],),
            since=date(2026, 11, 1),
            until=date(2027, 6, 1),
            **settings,  # type: ignore[arg-type]
        ),
        now=datetime.combine(now, time(12), NY),
        system_tz="America/New_York",
    )


class Round:
    """A user's calendar app round trip: calsync's output imported, notes written, exported."""

    def __init__(self, tmp_path: Path) -> None:
        self.source = tmp_path / "calendar.ics"
        self.out = tmp_path / "followups.ics"
        self.notes: dict[str, tuple[str, datetime | None]] = {}
        write_calendar(self.source, [INTERVIEW, OTHER])

    def sync(self, now: date, **settings: object) -> Result:
        return sync(str(self.source), str(self.out), _run(now, **settings), dry_run=False)

    def call(self, number: int) -> tuple[str, object]:
        title = "Follow-up call — " if number == 1 else f"Follow-up call #{number} — "
        found = [
            (uid, e)
            for uid, e in read_events(self.out).items()
            if str(e["SUMMARY"]).startswith(title) and str(e.get("STATUS")) != "CANCELLED"
        ]
        assert len(found) == 1, [str(e["SUMMARY"]) for _, e in found]
        return found[0]

    def write_note(self, number: int, note: str, *, on: datetime | None = None) -> None:
        uid, _ = self.call(number)
        self.notes[uid] = (note, on)
        self.export()

    def export(self) -> None:
        """The calendar app's export: the user's events plus calsync's, with their notes."""
        events = [INTERVIEW, OTHER]
        for uid, component in read_events(self.out).items():
            if str(component.get("STATUS")) == "CANCELLED":
                continue
            note, on = self.notes.get(uid, (None, None))
            copy = exported(component, notes=note)
            copy.last_modified = on
            events.append(copy)
        write_calendar(self.source, events)

    def active(self) -> dict[str, str]:
        return {
            str(e["SUMMARY"]): e["DTSTART"].dt.strftime("%Y-%m-%d %H:%M")
            for e in read_events(self.out).values()
            if str(e.get("STATUS")) != "CANCELLED"
        }


def test_three_calls_then_an_offer(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    assert trip.active() == {
        "Send thank-you note — Product Manager at Initech": "2026-12-01 12:00",
        "Follow-up call — Product Manager at Initech": "2026-12-08 10:00",
    }
    trip.export()  # imported into the app; nothing written yet
    assert trip.sync(date(2026, 11, 28)).count("create") == 0

    trip.write_note(1, "No decision yet, call again Dec 15")
    trip.sync(date(2026, 12, 8))
    assert trip.active()["Follow-up call #2 — Product Manager at Initech"] == "2026-12-15 10:00"

    trip.write_note(2, "Decision pushed to Dec 18")
    trip.sync(date(2026, 12, 15))
    # a day or two after Friday Dec 18: Monday Dec 21
    assert trip.active()["Follow-up call #3 — Product Manager at Initech"] == "2026-12-21 10:00"

    trip.write_note(3, "Got the offer!")
    before = trip.out.read_bytes()
    result = trip.sync(date(2026, 12, 21))
    assert result.count("create") == 0
    assert trip.out.read_bytes() == before
    assert len(trip.active()) == 4
    assert result.plans[0].next_step == "chain ends: an offer"


def test_a_rejection_plans_exactly_one_more_thank_you_note(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    trip.write_note(
        1, "They went with another candidate", on=datetime(2026, 12, 8, 15, 0, tzinfo=NY)
    )
    trip.sync(date(2026, 12, 8))
    active = trip.active()
    assert active["Send another thank-you note — Product Manager at Initech"] == "2026-12-09 09:00"
    assert not any(title.startswith("Follow-up call #2") for title in active)
    events = read_events(trip.out)
    kinds = [str(e["X-CALSYNC-KIND"]) for e in events.values()]
    assert kinds.count("thank-you") == 2 and kinds.count("follow-up-call") == 1
    before = trip.out.read_bytes()
    trip.export()
    trip.sync(date(2026, 12, 9))
    assert trip.out.read_bytes() == before


def test_an_outcome_edited_again_replans_the_untouched_next_call(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    trip.write_note(1, "call again Dec 15")
    trip.sync(date(2026, 12, 8))
    assert trip.active()["Follow-up call #2 — Product Manager at Initech"] == "2026-12-15 10:00"

    uid, _ = trip.call(1)
    trip.notes[uid] = ("call again Dec 17", None)
    trip.export()
    trip.sync(date(2026, 12, 9))
    uid2, call2 = trip.call(2)
    assert trip.active()["Follow-up call #2 — Product Manager at Initech"] == "2026-12-17 10:00"
    assert int(call2["SEQUENCE"]) == 1  # type: ignore[index]

    trip.notes[uid] = ("They chose someone else.", datetime(2026, 12, 10, 9, 0, tzinfo=NY))
    trip.export()
    trip.sync(date(2026, 12, 10))
    events = read_events(trip.out)
    assert str(events[uid2]["STATUS"]) == "CANCELLED"
    assert "Send another thank-you note — Product Manager at Initech" in trip.active()


def test_max_calls_ends_the_chain(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27), max_calls=2)
    trip.write_note(1, "call again Dec 15")
    trip.sync(date(2026, 12, 8), max_calls=2)
    trip.write_note(2, "still nothing; call again Jan 5")
    result = trip.sync(date(2026, 12, 15), max_calls=2)
    assert not any(t.startswith("Follow-up call #3") for t in trip.active())
    assert "max_calls" in result.plans[0].next_step


def test_notes_without_an_outcome_change_nothing(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    before = trip.out.read_bytes()
    trip.write_note(1, "Left a voicemail for Maria.")
    result = trip.sync(date(2026, 12, 8))
    assert trip.out.read_bytes() == before
    assert result.plans[0].steps[0].outcome.kind == "none"


# --- Outcomes as people write them (issue 24) ----------------------------------------------


def test_the_users_own_subjectless_plan_is_the_day_of_the_next_call(tmp_path: Path) -> None:
    # "will try again Jan 12" is the user speaking: the call is on Jan 12, not a business day
    # after it as if the employer were to decide that day
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    trip.write_note(1, "Rang Maria, no answer, will try again Jan 12")
    trip.sync(date(2026, 12, 8))
    assert trip.active()["Follow-up call #2 — Product Manager at Initech"] == "2027-01-12 10:00"


def test_a_written_rejection_opening_with_consideration_ends_the_chain(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    trip.write_note(
        1,
        "Email from Maria:\nAfter careful consideration, the team will proceed with other "
        "applicants whose experience more closely matches the role.",
        on=datetime(2026, 12, 8, 15, 0, tzinfo=NY),
    )
    result = trip.sync(date(2026, 12, 8))
    assert trip.active()["Send another thank-you note — Product Manager at Initech"] == (
        "2026-12-09 09:00"
    )
    assert result.plans[0].steps[0].outcome.kind == "rejected"


def test_plan_says_which_line_decided_and_which_were_set_aside(tmp_path: Path) -> None:
    trip = Round(tmp_path)
    trip.sync(date(2026, 11, 27))
    trip.write_note(
        1,
        "Did they go with someone else? Maria wouldn't say.\n"
        "They'll decide by Dec 18.\n"
        "No answer on the second try, will try again Dec 16",
    )
    result = trip.sync(date(2026, 12, 8))
    step = result.plans[0].steps[0]
    assert step.outcome.window is not None
    assert step.outcome.window.first == date(2026, 12, 16)
    assert step.decided_by == "No answer on the second try, will try again Dec 16"
    assert {a.phrase: a.why for a in step.set_aside} == {
        "Did they go with someone else? Maria wouldn't say.": "a question",
        "They'll decide by Dec 18.": "the first instruction to call decides",
    }
    text = plan_text(result.plans, source="calendar.ics").splitlines()
    assert '      decided by the line: "No answer on the second try, will try again Dec 16"' in text
    set_aside = '"They\'ll decide by Dec 18." — the first instruction to call decides'
    assert f"      set aside: {set_aside}" in text
    chain = json.loads(plan_json(result.plans, source="calendar.ics"))["interviews"][0]["chain"]
    assert chain[0]["decided_by"] == "No answer on the second try, will try again Dec 16"
    question = "Did they go with someone else? Maria wouldn't say."
    assert {"phrase": question, "why": "a question"} in chain[0]["set_aside"]
