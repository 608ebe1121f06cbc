"""calsync against Outlook (the Graph emulator), through `open_source` / `open_target` only."""

from __future__ import annotations

import html
import math
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from calsync.adapters import microsoft
from calsync.adapters.base import Source, Target
from calsync.errors import UsageError
from calsync.model import Action
from tests.msgraph.conftest import NOW, Sleeps, context, sync
from tests.msgraph.emulator.server import GraphEmulator
from tests.msgraph.emulator.store import Event

ACME = "Interview with Acme — Senior Engineer"


def seed_interviews(ms: GraphEmulator, count: int, *, days: int = 2) -> list[Event]:
    return [
        ms.seed(
            f"Interview with Company{n} — Engineer",
            datetime(2026, 12, 1, 9, 0) + timedelta(days=days + n % 40, minutes=15 * (n % 20)),
            attendees=((f"Person {n}", f"person{n}@company{n}.com"),),
        )
        for n in range(count)
    ]


def titles(ms: GraphEmulator) -> list[str]:
    return sorted(str(e.fields["subject"]) for e in ms.calsync_events())


def test_factories_give_a_source_and_a_target(
    ms: GraphEmulator, signed_in: Path, state_dir: Path
) -> None:
    ctx = context(state_dir, NOW)
    assert isinstance(microsoft.open_source("microsoft", ctx), Source)
    target = microsoft.open_target("microsoft", ctx, source="microsoft")
    assert isinstance(target, Target)
    assert target.label == "microsoft:primary"


def test_first_sync_writes_follow_ups_and_a_second_is_one_delta_request(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0), attendees=(("Dana Lee", "dana@acme.com"),))
    ms.seed("Dentist", datetime(2026, 12, 4, 10, 0))
    first = sync()
    assert len(first.created) == 2
    assert titles(ms) == [
        "Follow-up call — Senior Engineer at Acme",
        "Send thank-you note — Senior Engineer at Acme",
    ]
    # the thank-you note is an hour after the interview ends, in the interview's own zone
    note = next(e for e in ms.calsync_events() if str(e.fields["subject"]).startswith("Send"))
    assert note.zone == "Pacific Standard Time"
    assert note.start == datetime.fromisoformat("2026-12-03T12:00:00-08:00")
    ms.reset_records()
    again = sync()
    assert not again.wrote
    assert [(r.method, r.path.rsplit("/", 2)[-2:]) for r in ms.graph_requests()] == [
        ("GET", ["calendarView", "delta"])
    ]


def test_first_sync_costs_delta_pages_plus_one_batch_per_twenty_writes(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.page_size = 10
    seed_interviews(ms, 23)
    for n in range(40):
        ms.seed(f"Lunch {n}", datetime(2026, 12, 2, 12, 0) + timedelta(days=n))
    outcome = sync()
    writes = len(outcome.created)
    assert writes == 46
    pages = math.ceil(63 / 10)
    paths = [r.path for r in ms.graph_requests()]
    assert paths.count("/v1.0/$batch") == math.ceil(writes / 20)
    # the mailbox's zone is read once, with the first delta, and kept with the delta state
    assert paths.count("/v1.0/me/mailboxSettings") == 1
    assert len(paths) == 1 + pages + math.ceil(writes / 20)
    assert len(ms.calsync_events()) == 46


def test_a_rescheduled_interview_moves_its_untouched_follow_ups(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    interview = ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync()
    ms.user_edit(
        interview.id,
        start={"dateTime": "2026-12-08T10:00:00", "timeZone": "Pacific Standard Time"},
        end={"dateTime": "2026-12-08T11:00:00", "timeZone": "Pacific Standard Time"},
    )
    outcome = sync()
    assert len(outcome.updated) == 2
    note = next(e for e in ms.calsync_events() if str(e.fields["subject"]).startswith("Send"))
    assert note.start == datetime.fromisoformat("2026-12-08T12:00:00-08:00")
    assert len(ms.calsync_events()) == 2


def test_the_users_edit_wins_even_between_read_and_write(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    interview = ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync()
    note = next(e for e in ms.calsync_events() if str(e.fields["subject"]).startswith("Send"))
    ms.user_edit(
        interview.id,
        start={"dateTime": "2026-12-09T10:00:00", "timeZone": "Pacific Standard Time"},
        end={"dateTime": "2026-12-09T11:00:00", "timeZone": "Pacific Standard Time"},
    )
    kept_start = note.start

    def user_renames_the_note() -> None:
        # the user renames the note after calsync read it and before calsync writes: a 412
        ms.after_read = None
        ms.user_edit(note.id, subject="Thank Dana (done)")

    ms.after_read = user_renames_the_note
    outcome = sync()
    assert len(outcome.skipped_user_changed) == 1
    assert len(outcome.updated) == 1  # the untouched call moved with the interview
    assert (note.fields["subject"], note.start) == ("Thank Dana (done)", kept_start)
    # later runs leave the edited event alone for good
    later = sync()
    assert not later.wrote
    assert (note.fields["subject"], note.start) == ("Thank Dana (done)", kept_start)
    assert len(ms.calsync_events()) == 2


def test_a_follow_up_the_user_deleted_is_not_recreated(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync()
    call = next(e for e in ms.calsync_events() if str(e.fields["subject"]).startswith("Follow"))
    ms.user_delete(call.id)
    for _ in range(2):
        outcome = sync()
        assert not outcome.created
    assert titles(ms) == ["Send thank-you note — Senior Engineer at Acme"]


def test_a_cancelled_interview_removes_its_follow_ups(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    interview = ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync()
    ms.user_edit(interview.id, isCancelled=True)
    outcome = sync()
    assert len(outcome.removed) == 2
    assert ms.calsync_events() == []
    assert [e.id for e in ms.store.live()] == [interview.id]


def test_an_expired_delta_link_means_one_full_read(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync()
    ms.expire_delta_next = True
    ms.reset_records()
    outcome = sync()
    assert not outcome.wrote
    assert [r.status for r in ms.graph_requests()] == [410, 200]
    assert len(ms.calsync_events()) == 2


def test_a_lost_state_file_finds_calsyncs_events_instead_of_copying_them(
    ms: GraphEmulator,
    signed_in: Path,
    state_dir: Path,
    sleeps: Sleeps,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync()
    monkeypatch.setenv("XDG_STATE_HOME", str(state_dir.parent.parent / "another-machine"))
    outcome = sync()
    assert not outcome.wrote
    assert len(ms.calsync_events()) == 2


def test_calendars_by_name_and_a_separate_target(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    jobs = ms.store.add_calendar("Job search")
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync(target_calendar="job search")
    assert len(ms.calsync_events(jobs)) == 2
    assert ms.calsync_events("AAMkDefaultCalendar") == []
    with pytest.raises(UsageError, match="no Outlook calendar 'Holidays'"):
        microsoft.open_target("microsoft:Holidays", context(state_dir, NOW), source="x")


def test_the_chain_reads_an_outcome_typed_into_outlook_as_html(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(
        "Initech: Onsite (Product Manager)",
        datetime(2026, 11, 10, 10, 0),
        attendees=(("Sam Roe", "sam@initech.com"),),
    )
    sync()
    call = next(e for e in ms.calsync_events() if str(e.fields["subject"]).startswith("Follow"))
    text = str(call.fields["body"]["content"])
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    body += "<p><b>Not moving forward</b>: they went with another candidate.</p>"
    ms.user_edit(
        call.id, body={"contentType": "html", "content": f"<html><body>{body}</body></html>"}
    )
    for _ in range(2):
        sync()
    assert titles(ms).count("Send another thank-you note — Product Manager at Initech") == 1
    assert "another candidate" in str(call.fields["body"]["content"])


def test_a_deletion_during_an_expired_delta_link_is_still_the_users(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync()
    call = next(e for e in ms.calsync_events() if str(e.fields["subject"]).startswith("Follow"))
    ms.user_delete(call.id)
    ms.expire_delta_next = True
    outcome = sync()
    assert not outcome.created
    assert titles(ms) == ["Send thank-you note — Senior Engineer at Acme"]


def test_owned_lists_only_calsyncs_events_for_clean(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    ms.seed("Send thank-you note — a look-alike the user typed", datetime(2026, 12, 5, 9, 0))
    sync()
    ctx = context(state_dir, NOW)
    target = microsoft.open_target("microsoft", ctx, source="microsoft", sleep=sleeps)
    owned = target.owned().events
    assert sorted(e.kind for e in owned) == ["follow-up-call", "thank-you"]
    report = target.apply(
        [Action("cancel", "made by calsync", e.id, None, e) for e in owned],
        source_calendar="primary",
    )
    assert len(report.removed) == 2
    assert ms.calsync_events() == []
    assert len(ms.store.live()) == 2  # the interview and the look-alike stay


def test_an_unreadable_event_is_skipped_and_named(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    broken = ms.seed("Interview with Hooli — broken export", datetime(2026, 12, 4, 10, 0))
    broken.garbled["start"] = {"dateTime": "not a time", "timeZone": "UTC"}
    ctx = context(state_dir, NOW)
    read = microsoft.open_source("microsoft", ctx, sleep=sleeps).read(
        since=NOW - timedelta(days=30), until=NOW + timedelta(days=365)
    )
    assert [e.title for e in read.events] == [ACME]
    assert [s.summary for s in read.skipped] == ["Interview with Hooli — broken export"]


def test_the_default_calendar_by_its_name_is_read_once(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    sync(target_calendar="Calendar")
    assert len(ms.calsync_events()) == 2
    ms.reset_records()
    sync(target_calendar="Calendar")
    assert len(ms.graph_requests()) == 1  # the name is remembered; one delta serves both
