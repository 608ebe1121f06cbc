"""SPEC's sync rules as invariants of random user sessions (the way vdirsyncer tests its sync).

A Hypothesis state machine plays a job seeker in Google Calendar — adding, moving, cancelling and
declining interviews, adding other events, editing and deleting calsync's follow-ups, typing the
outcome of a call into its notes — and runs `calsync sync` (Google → Google, the emulator's
primary calendar) in between, sometimes with 20 % of API calls failing. After every sync the
calendar must be what SPEC promises: nothing of the user's touched, the user's edits and deletions
kept, every live interview followed up, no duplicates, and a second run that writes nothing.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings
from hypothesis import event as tally
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
)

from calsync.cli import cli
from calsync.core.infer import MAX_DAYS_AHEAD
from tests.emulator.server import BATCH_PATH, CalendarEmulator
from tests.emulator.store import USER_EMAIL

NY = ZoneInfo("America/New_York")
CAL = "primary"
THANK_YOU = "thank-you"
CALL = "follow-up-call"
MAX_CALLS = 3
WRITES = ("POST", "PATCH", "PUT", "DELETE")

COMPANIES = ("Acme", "Globex", "Initech", "Hooli", "Umbrella")
ROLES = ("Data Analyst", "Backend Engineer", "Product Manager")
SHAPES = (
    "Interview with {c} — {r}",
    "{c}: Onsite ({r})",
    "Phone screen - {c} - {r}",
    "Final round at {c} for {r}",
)
# Not interviews: no interview word, or an exclude word beside one.
OTHER_TITLES = ("Dentist", "Team standup", "Lunch with Sam", "Mock interview with Dana", "Gym")
EDITED_TITLES = ("Call Jane myself", "Follow-up: Interview with them (my words)", "Thank Jane")
OUTCOMES = ("again", "They went with another candidate", "Got the offer!", "Left a voicemail")


def _today() -> date:
    return datetime.now(NY).date()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, clock(hour), NY)


def _when(moment: datetime) -> dict[str, str]:
    return {"dateTime": moment.isoformat(), "timeZone": "America/New_York"}


def _private(event: dict[str, Any]) -> dict[str, str]:
    return dict((event.get("extendedProperties") or {}).get("private") or {})


def _is_ours(event: dict[str, Any]) -> bool:
    return bool(_private(event).get("calsync_kind"))


def _live(event: dict[str, Any] | None) -> bool:
    return event is not None and event.get("status") != "cancelled"


def _start(event: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(event["start"]["dateTime"]).astimezone(NY)


# The emulator's calendar is in America/New_York, so SPEC's business days skip US holidays.
US_HOLIDAYS = holidays.country_holidays("US")


def _business_on_or_after(day: date) -> date:
    while day.weekday() >= 5 or day in US_HOLIDAYS:
        day += timedelta(days=1)
    return day


def _next_on_or_after(month: int, day: int, base: date) -> date:
    """A date written without a year: the next such date on or after `base`."""
    candidate = date(base.year, month, day)
    return candidate if candidate >= base else date(base.year + 1, month, day)


def _month_day(day: date) -> str:
    return f"{day:%B} {day.day}"


@dataclass
class Job:
    """An interview as the user left it in the calendar."""

    id: str
    company: str
    day: date
    decision: tuple[int, int] | None  # (month, day) of "decision by …" in the notes
    state: str = "live"  # "live" | "cancelled" | "declined"
    role: str = ""

    def first_call(self) -> date:
        """SPEC's window: 1st business day after a decision date, else I + 7 rolled forward."""
        if self.decision is None:
            return _business_on_or_after(self.day + timedelta(days=7))
        decided = _next_on_or_after(*self.decision, self.day)
        if decided - self.day > timedelta(days=MAX_DAYS_AHEAD):
            # a year-less date just before a moved interview is past, not next year (issue 11)
            return _business_on_or_after(self.day + timedelta(days=7))
        return _business_on_or_after(decided + timedelta(days=1))


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.home = Path(tempfile.mkdtemp(prefix="calsync-sm-"))
        self.google = CalendarEmulator()
        self.google.start()
        token = self.google.make_token_file(self.home / "token.json")
        self.env = {
            "CALSYNC_TOKEN": str(token),
            "CALSYNC_API_ENDPOINT": self.google.url,
            "XDG_STATE_HOME": str(self.home / "state"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_DATA_HOME": str(self.home / "data"),
            "CALSYNC_CONFIG": None,
        }
        self.jobs: dict[str, Job] = {}
        # every event calsync did not create, as the user left it (deleted ones as tombstones)
        self.theirs: dict[str, dict[str, Any]] = {}
        # calsync's events the user edited or deleted, exactly as the user left them
        self.touched: dict[str, dict[str, Any]] = {}
        # outcome lines typed into calls: call id → "again" (with the date) or a final outcome
        self.outcomes: dict[str, tuple[str, tuple[int, int] | None]] = {}
        self.count = 0

    def teardown(self) -> None:
        self.google.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    # ---- the user, in Google Calendar ------------------------------------------------------

    def _remember(self, event_id: str) -> None:
        found = self.google.get(CAL, event_id)
        assert found is not None
        self.theirs[event_id] = found

    def _new_id(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count:04d}"  # Google's id alphabet: a–v, 0–9

    @initialize(
        jobs=st.lists(
            st.tuples(
                st.sampled_from(SHAPES),
                st.sampled_from(COMPANIES),
                st.sampled_from(ROLES),
                st.integers(2, 40),
                st.none() | st.integers(3, 20),
            ),
            min_size=1,
            max_size=2,
        ),
        faults=st.booleans(),
    )
    def start(self, jobs: list[tuple[str, str, str, int, int | None]], faults: bool) -> None:
        for job in jobs:
            self.add_interview(*job)
        self.sync(faults=faults, seed=len(jobs))

    @rule(
        shape=st.sampled_from(SHAPES),
        company=st.sampled_from(COMPANIES),
        role=st.sampled_from(ROLES),
        days=st.integers(2, 40),
        decide_after=st.none() | st.integers(3, 20),
    )
    def add_interview(
        self, shape: str, company: str, role: str, days: int, decide_after: int | None
    ) -> None:
        event_id = self._new_id("job")
        day = _today() + timedelta(days=days)
        decision = None
        notes = ""
        if decide_after is not None:
            decided = day + timedelta(days=decide_after)
            decision = (decided.month, decided.day)
            notes = f"Nice chat with Jane.\nThey will make a decision by {_month_day(decided)}."
        domain = company.lower() + ".com"
        self.google.put_event(
            CAL,
            {
                "id": event_id,
                "summary": shape.format(c=company, r=role),
                "description": notes,
                "start": _when(_at(day)),
                "end": _when(_at(day, 11)),
                "attendees": [
                    {"email": USER_EMAIL, "self": True, "responseStatus": "accepted"},
                    {"email": f"jane@{domain}", "displayName": "Jane Doe"},
                ],
                "organizer": {"email": f"jane@{domain}", "displayName": "Jane Doe"},
            },
        )
        self.jobs[event_id] = Job(event_id, company, day, decision, role=role)
        self._remember(event_id)

    @rule(title=st.sampled_from(OTHER_TITLES), days=st.integers(-5, 40), all_day=st.booleans())
    def add_other_event(self, title: str, days: int, all_day: bool) -> None:
        event_id = self._new_id("own")
        day = _today() + timedelta(days=days)
        if all_day:
            start = {"date": day.isoformat()}
            end = {"date": (day + timedelta(days=1)).isoformat()}
        else:
            start, end = _when(_at(day, 9)), _when(_at(day, 10))
        self.google.put_event(CAL, {"id": event_id, "summary": title, "start": start, "end": end})
        self._remember(event_id)

    def _jobs(self, *states: str) -> list[str]:
        return sorted(i for i, job in self.jobs.items() if job.state in states)

    @precondition(lambda self: self._jobs("live", "declined"))
    @rule(data=st.data(), days=st.integers(2, 40))
    def reschedule_interview(self, data: st.DataObject, days: int) -> None:
        event_id = data.draw(st.sampled_from(self._jobs("live", "declined")))
        day = _today() + timedelta(days=days)
        self.google.edit_event(CAL, event_id, start=_when(_at(day)), end=_when(_at(day, 11)))
        self.jobs[event_id].day = day
        self._remember(event_id)

    @precondition(lambda self: self._jobs("live", "declined"))
    @rule(data=st.data())
    def cancel_interview(self, data: st.DataObject) -> None:
        event_id = data.draw(st.sampled_from(self._jobs("live", "declined")))
        self.google.delete_event(CAL, event_id)
        self.jobs[event_id].state = "cancelled"
        self._remember(event_id)

    @precondition(lambda self: self._jobs("live"))
    @rule(data=st.data())
    def decline_interview(self, data: st.DataObject) -> None:
        self._answer(data.draw(st.sampled_from(self._jobs("live"))), "declined")

    @precondition(lambda self: self._jobs("declined"))
    @rule(data=st.data())
    def accept_interview_again(self, data: st.DataObject) -> None:
        self._answer(data.draw(st.sampled_from(self._jobs("declined"))), "accepted")

    @precondition(lambda self: self._jobs("cancelled"))
    @rule(data=st.data())
    def restore_interview(self, data: st.DataObject) -> None:
        """Undo in Google Calendar: the deleted interview is back, as it was."""
        event_id = data.draw(st.sampled_from(self._jobs("cancelled")))
        self.google.edit_event(CAL, event_id, status="confirmed")
        event = self.google.get(CAL, event_id)
        assert event is not None
        declined = any(
            a.get("self") and a.get("responseStatus") == "declined" for a in event["attendees"]
        )
        self.jobs[event_id].state = "declined" if declined else "live"
        self._remember(event_id)

    def _answer(self, event_id: str, response: str) -> None:
        """The user's own reply to an invitation, as Google's RSVP buttons set it."""
        event = self.google.get(CAL, event_id)
        assert event is not None
        mine = {"responseStatus": response}
        attendees = [{**a, **mine} if a.get("self") else a for a in event["attendees"]]
        self.google.edit_event(CAL, event_id, attendees=attendees)
        self.jobs[event_id].state = "declined" if response == "declined" else "live"
        self._remember(event_id)

    # ---- the user, on calsync's events ------------------------------------------------------

    def _ours(self, kind: str | None = None) -> list[str]:
        return sorted(
            e["id"]
            for e in self.google.events(CAL)
            if _is_ours(e) and (kind is None or _private(e)["calsync_kind"] == kind)
        )

    def _open_calls(self) -> list[str]:
        return [i for i in self._ours(CALL) if i not in self.outcomes]

    @precondition(lambda self: self._ours())
    @rule(data=st.data(), title=st.sampled_from(EDITED_TITLES), hours=st.sampled_from([0, 3, 24]))
    def edit_follow_up(self, data: st.DataObject, title: str, hours: int) -> None:
        event_id = data.draw(st.sampled_from(self._ours()))
        event = self.google.get(CAL, event_id)
        assert event is not None
        if hours:  # moved later, as a whole
            start = _start(event) + timedelta(hours=hours)
            end = datetime.fromisoformat(event["end"]["dateTime"]) + timedelta(hours=hours)
            self.google.edit_event(CAL, event_id, start=_when(start), end=_when(end))
        else:
            self.google.edit_event(CAL, event_id, summary=f"{title} ({self._new_id('')})")
        self.touched[event_id] = self.google.get(CAL, event_id) or {}

    @precondition(lambda self: self._ours())
    @rule(data=st.data())
    def delete_follow_up(self, data: st.DataObject) -> None:
        event_id = data.draw(st.sampled_from(self._ours()))
        self.google.delete_event(CAL, event_id)
        self.touched[event_id] = self.google.get(CAL, event_id) or {}

    @precondition(lambda self: self._open_calls())
    @rule(data=st.data(), outcome=st.sampled_from(OUTCOMES), after=st.integers(3, 20))
    def write_outcome(self, data: st.DataObject, outcome: str, after: int) -> None:
        event_id = data.draw(st.sampled_from(self._open_calls()))
        event = self.google.get(CAL, event_id)
        assert event is not None
        again = None
        line = outcome
        if outcome == "again":
            day = _start(event).date() + timedelta(days=after)
            again = (day.month, day.day)
            line = f"No decision yet, call again {day:%b} {day.day}"
        self.google.edit_event(CAL, event_id, description=event["description"] + "\n" + line)
        self.outcomes[event_id] = (outcome, again)
        self.touched[event_id] = self.google.get(CAL, event_id) or {}

    # ---- calsync ---------------------------------------------------------------------------

    @rule()
    def sync_now(self) -> None:
        self.sync(faults=False, seed=0)

    @rule(seed=st.integers(0, 10_000))
    def sync_while_google_struggles(self, seed: int) -> None:
        self.sync(faults=True, seed=seed)

    def _run(self) -> Result:
        return CliRunner(env=self.env).invoke(cli, ["sync"], catch_exceptions=False)

    def _calendar(self) -> str:
        return json.dumps(self.google.events(CAL, include_deleted=True), sort_keys=True)

    def sync(self, *, faults: bool, seed: int) -> None:
        # SPEC's empty source guard: a calendar with none of the user's events (calsync's own
        # do not count) stops the run unwritten when it would remove a future follow-up
        empty = not [
            e for e in self.google.events(CAL) if e.get("status") != "cancelled" and not _is_ours(e)
        ]
        before = self._calendar()
        if faults:
            self.google.fault_seed = seed
            self.google.fault_rate = 0.2
        try:
            with pytest.MonkeyPatch.context() as patch:
                # retries still happen, but their jittered backoff is drawn as zero seconds
                patch.setattr(random, "uniform", lambda low, high: low)
                result = self._run()
        finally:
            self.google.fault_rate = 0.0
        if empty and result.exit_code == 1:
            assert "--allow-empty-source" in result.output
            assert self._calendar() == before
            return
        assert result.exit_code == 0, result.output
        self.check_the_sync_rules()

        after = self._calendar()
        self.google.reset_counts()
        again = self._run()
        # a run that went through left nothing for the guard to stop: the user's events cannot
        # have gone in between, and what it was to remove, it removed
        assert again.exit_code == 0, again.output
        writes = [
            f"{r.method} {r.path}"
            for r in self.google.requests
            if r.method in WRITES and (r.path.startswith("/calendar/v3") or r.path == BATCH_PATH)
        ]
        assert writes == [], f"a second sync wrote: {writes}\n{again.output}"
        assert self.google.http_requests <= 2, [r.path for r in self.google.requests]
        assert self._calendar() == after

    # ---- SPEC's sync rules ------------------------------------------------------------------

    def check_the_sync_rules(self) -> None:
        everything = self.google.events(CAL, include_deleted=True)
        ids = [e["id"] for e in everything]
        assert len(ids) == len(set(ids)), "an event id repeats"
        ours: dict[tuple[str, str, int], dict[str, Any]] = {}
        for event in filter(_is_ours, everything):
            private = _private(event)
            key = (
                private["calsync_source"],
                private["calsync_kind"],
                int(private["calsync_number"]),
            )
            assert key not in ours, f"two calsync events for {key}"
            ours[key] = event

        # only its own events: the user's are byte for byte as the user left them
        theirs = {e["id"]: e for e in everything if not _is_ours(e)}
        assert theirs == self.theirs

        # the user's edits and deletions win
        for event_id, as_left in self.touched.items():
            assert self.google.get(CAL, event_id) == as_left, f"calsync changed {event_id}"

        for job in self.jobs.values():
            self._check_follow_ups(job, ours)

    def _rounds(self, job: Job) -> list[Job]:
        """The live rounds of `job`'s application: one company (and its domain), one role;
        every interview here lies within 40 days, so within SPEC's 60-day gap."""
        same = [
            j
            for j in self.jobs.values()
            if j.state == "live" and (j.company, j.role) == (job.company, job.role)
        ]
        return sorted(same, key=lambda j: (j.day, j.id))

    def _planned(
        self, job: Job, ours: dict[tuple[str, str, int], dict[str, Any]]
    ) -> dict[tuple[str, int], datetime | None]:
        """SPEC "Applications": the round that carries the call is the latest one, unless an
        outcome on an earlier round's call ended the application; the others get a note."""
        if job.state != "live":
            return {}
        rounds = self._rounds(job)
        for round_ in rounds:
            chain, final = self._expected(round_, ours)
            if round_ is job and (final or round_ is rounds[-1]):
                return chain
            if final or round_ is job:
                break
        tally("a round without a call of its own")
        return {(THANK_YOU, 1): _at(job.day, 12)}

    def _check_follow_ups(self, job: Job, ours: dict[tuple[str, str, int], dict[str, Any]]) -> None:
        expected = self._planned(job, ours)
        for (kind, number), when in expected.items():
            event = ours.get((job.id, kind, number))
            if event is not None and event["id"] in self.touched:
                continue
            assert _live(event), f"{job.id} ({job.state}) has no live {kind} #{number}"
            assert event is not None
            if when is not None and kind == CALL:  # an untouched call is in a free slot
                self._check_free_slot(event, when, ours)
            elif when is not None:  # an untouched event is where SPEC puts it
                assert _start(event) == when, f"{kind} #{number} of {job.id}"
            if (kind, number) == (THANK_YOU, 1):
                assert event["summary"].startswith("Send thank-you note — ")
                assert job.company in event["summary"]
        for (source, kind, number), event in ours.items():
            if source != job.id or event["id"] in self.touched or not _live(event):
                continue
            assert (kind, number) in expected, (
                f"{kind} #{number} of {job.id} ({job.state}) should have been removed"
            )

    def _check_free_slot(
        self,
        call: dict[str, Any],
        first: datetime,
        ours: dict[tuple[str, str, int], dict[str, Any]],
    ) -> None:
        """SPEC's free slot: on the window's first day (every day here has free time), at or
        after 10:00 and done by 17:00, on no live interview (10–11) and no other untouched call;
        where in that time depends on what blocked 10:00 when calsync placed it (it stays)."""
        start = _start(call)
        end = start + timedelta(minutes=15)
        assert start.date() == first.date() and first <= start and end <= _at(first.date(), 17)
        for other in self.jobs.values():
            if other.state == "live" and other.day == start.date():
                assert not (start < _at(other.day, 11) and _at(other.day) < end), call["id"]
        for (_, kind, _), event in ours.items():
            if kind != CALL or event is call or not _live(event) or event["id"] in self.touched:
                continue
            assert not (start < _start(event) + timedelta(minutes=15) and _start(event) < end)
        if start != first:
            tally("a call moved off an interview at 10:00")

    def _expected(
        self, job: Job, ours: dict[tuple[str, str, int], dict[str, Any]]
    ) -> tuple[dict[tuple[str, int], datetime | None], bool]:
        """The follow-ups a live interview should have, and where the untouched ones start;
        and whether an offer or a rejection ended its chain."""
        expected: dict[tuple[str, int], datetime | None] = {
            (THANK_YOU, 1): _at(job.day, 12),  # an hour after the 10–11 interview
            (CALL, 1): _at(job.first_call()),
        }
        number = 1
        while True:
            call = ours.get((job.id, CALL, number))
            if not _live(call):
                return expected, False  # not yet written, or deleted by the user: it stops
            assert call is not None
            outcome, again = self.outcomes.get(call["id"], ("", None))
            called = _start(call).date()
            if outcome == "again" and again is not None and number < MAX_CALLS:
                number += 1
                tally(f"the chain reaches call #{number}")
                day = _business_on_or_after(_next_on_or_after(*again, called))
                expected[(CALL, number)] = _at(day)
                continue
            if outcome == "They went with another candidate":
                tally("a rejection asks for another thank-you note")
                # dated from the day the outcome was written: the event's `updated`
                recorded = datetime.fromisoformat(call["updated"]).astimezone(NY).date()
                expected[(THANK_YOU, 2)] = _at(recorded + timedelta(days=1), 9)
            return expected, outcome in ("They went with another candidate", "Got the offer!")


SyncMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TestSyncStateMachine = SyncMachine.TestCase


# ---- found by the machine above ------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [(3, 2), (3, 4), (3, 10), (10, 3)])
def test_moving_an_interview_does_not_read_calsyncs_old_text_as_an_outcome(
    tmp_path: Path, before: int, after: int
) -> None:
    """An untouched call still holds the text calsync wrote for the old date; when the
    interview moves, those lines are not the user's notes and plan no call #2."""
    with CalendarEmulator() as google:
        env = {
            "CALSYNC_TOKEN": str(google.make_token_file(tmp_path / "token.json")),
            "CALSYNC_API_ENDPOINT": google.url,
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "CALSYNC_CONFIG": None,
        }
        day = _today() + timedelta(days=before)
        google.put_event(
            CAL,
            {
                "id": "job0001",
                "summary": "Interview with Acme — Data Analyst",
                "start": _when(_at(day)),
                "end": _when(_at(day, 11)),
                "attendees": [
                    {"email": USER_EMAIL, "self": True, "responseStatus": "accepted"},
                    {"email": "jane@acme.com", "displayName": "Jane Doe"},
                ],
            },
        )
        assert CliRunner(env=env).invoke(cli, ["sync"]).exit_code == 0
        moved = _today() + timedelta(days=after)
        google.edit_event(CAL, "job0001", start=_when(_at(moved)), end=_when(_at(moved, 11)))
        result = CliRunner(env=env).invoke(cli, ["sync"])
        assert result.exit_code == 0, result.output
        calls = [e for e in google.events(CAL) if _private(e).get("calsync_kind") == CALL]
        assert [e["summary"] for e in calls] == ["Follow-up call — Data Analyst at Acme"]
        first = _business_on_or_after(moved + timedelta(days=7))
        assert _start(calls[0]) == _at(first)


@pytest.mark.parametrize("edit", ["title", "time"])
def test_a_call_the_user_renamed_or_moved_plans_no_second_call_when_its_interview_moves(
    tmp_path: Path, edit: str
) -> None:
    """The user renames (or moves) call #1 without touching its notes, then the interview
    moves to a date where its "decision by" no longer applies. The call's notes are still
    calsync's text for the old date, which is not an outcome the user wrote: no call #2."""
    with CalendarEmulator() as google:
        env = {
            "CALSYNC_TOKEN": str(google.make_token_file(tmp_path / "token.json")),
            "CALSYNC_API_ENDPOINT": google.url,
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "CALSYNC_CONFIG": None,
        }
        day = _today() + timedelta(days=3)
        google.put_event(
            CAL,
            {
                "id": "job0001",
                "summary": "Interview with Acme — Data Analyst",
                "description": "Nice chat with Jane.\nThey will make a decision by "
                + _month_day(day + timedelta(days=3))
                + ".",
                "start": _when(_at(day)),
                "end": _when(_at(day, 11)),
                "attendees": [
                    {"email": USER_EMAIL, "self": True, "responseStatus": "accepted"},
                    {"email": "jane@acme.com", "displayName": "Jane Doe"},
                ],
                "organizer": {"email": "jane@acme.com", "displayName": "Jane Doe"},
            },
        )
        assert CliRunner(env=env).invoke(cli, ["sync"]).exit_code == 0
        [call] = [e for e in google.events(CAL) if _private(e).get("calsync_kind") == CALL]
        if edit == "title":
            google.edit_event(CAL, call["id"], summary="Call Jane myself")
        else:
            start, end = _start(call), datetime.fromisoformat(call["end"]["dateTime"])
            hours = timedelta(hours=3)
            google.edit_event(CAL, call["id"], start=_when(start + hours), end=_when(end + hours))
        as_left = google.get(CAL, call["id"])
        moved = _today() + timedelta(days=23)
        google.edit_event(CAL, "job0001", start=_when(_at(moved)), end=_when(_at(moved, 11)))

        result = CliRunner(env=env).invoke(cli, ["sync"])
        assert result.exit_code == 0, result.output
        calls = [e for e in google.events(CAL) if _private(e).get("calsync_kind") == CALL]
        assert [e["id"] for e in calls] == [call["id"]], [e["summary"] for e in calls]
        assert google.get(CAL, call["id"]) == as_left
        [thanks] = [e for e in google.events(CAL) if _private(e).get("calsync_kind") == THANK_YOU]
        assert _start(thanks) == _at(moved, 12)


def test_an_outcome_is_read_without_calsyncs_old_text_after_a_round_is_added_and_it_moves(
    tmp_path: Path,
) -> None:
    """Call #1 still holds calsync's text for a lone interview on its old date when the user
    types "call again …" under it; since then a second round was added and the interview moved,
    so those lines no longer match what calsync writes now. Only the user's line is the
    outcome: call #2 on the date they wrote, not on a date from calsync's old text."""
    with CalendarEmulator() as google:
        env = {
            "CALSYNC_TOKEN": str(google.make_token_file(tmp_path / "token.json")),
            "CALSYNC_API_ENDPOINT": google.url,
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "CALSYNC_CONFIG": None,
        }
        day = _today() + timedelta(days=2)
        for event_id in ("job0001", "job0002"):
            google.put_event(
                CAL,
                {
                    "id": event_id,
                    "summary": "Interview with Acme — Data Analyst",
                    "start": _when(_at(day)),
                    "end": _when(_at(day, 11)),
                    "attendees": [
                        {"email": USER_EMAIL, "self": True, "responseStatus": "accepted"},
                        {"email": "jane@acme.com", "displayName": "Jane Doe"},
                    ],
                    "organizer": {"email": "jane@acme.com", "displayName": "Jane Doe"},
                },
            )
            if event_id == "job0001":
                assert CliRunner(env=env).invoke(cli, ["sync"]).exit_code == 0
        moved = _today() + timedelta(days=23)
        google.edit_event(CAL, "job0001", start=_when(_at(moved)), end=_when(_at(moved, 11)))
        [call] = [e for e in google.events(CAL) if _private(e).get("calsync_kind") == CALL]
        again = _start(call).date() + timedelta(days=3)
        line = f"No decision yet, call again {again:%b} {again.day}"
        google.edit_event(CAL, call["id"], description=call["description"] + "\n" + line)

        result = CliRunner(env=env).invoke(cli, ["sync"])
        assert result.exit_code == 0, result.output
        second = [
            e
            for e in google.events(CAL)
            if _private(e).get("calsync_kind") == CALL and _private(e)["calsync_number"] == "2"
        ]
        assert [_private(e)["calsync_source"] for e in second] == ["job0001"]
        assert _start(second[0]) == _at(_business_on_or_after(again))
