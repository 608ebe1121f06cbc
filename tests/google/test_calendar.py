"""GoogleCalendar against the emulator: what a user would notice on their calendar."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from calsync.adapters.google import auth, client
from calsync.adapters.google.calendar import GoogleCalendar
from calsync.core.identity import event_id, fingerprint, user_edited
from calsync.errors import AuthError, SyncError
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, Action, ActionOp, FollowUp
from tests.emulator.server import CalendarEmulator
from tests.google.conftest import Sleeps

NY = ZoneInfo("America/New_York")
SINCE = datetime(2026, 1, 1, tzinfo=UTC)


def timed(summary: str, start: datetime, minutes: int = 60, **extra: Any) -> dict[str, Any]:
    end = start + timedelta(minutes=minutes)
    return {
        "summary": summary,
        "start": {"dateTime": start.isoformat()},
        "end": {"dateTime": end.isoformat()},
        **extra,
    }


def follow_up(
    source_id: str, *, kind: str = THANK_YOU, number: int = 1, hour: int = 15, title: str = ""
) -> FollowUp:
    start = datetime(2026, 3, 2, hour, 0, tzinfo=NY)
    end = start + timedelta(minutes=15)
    title = title or f"Send thank-you note — Engineer at {source_id}"
    description = f"Write to the interviewers at {source_id}."
    return FollowUp(
        id=event_id("primary", source_id, kind, number),
        kind=kind,
        number=number,
        source_id=source_id,
        title=title,
        description=description,
        start=start,
        end=end,
        tz="America/New_York",
        interview_start=datetime(2026, 3, 2, 13, 0, tzinfo=NY),
        fingerprint=fingerprint(title, description, start, end),
    )


def creates(*follow_ups: FollowUp) -> list[Action]:
    return [Action(op="create", reason="new interview", id=f.id, desired=f) for f in follow_ups]


def list_calls(google: CalendarEmulator) -> list[Any]:
    return [r for r in google.requests if r.path.endswith("/events") and r.method == "GET"]


def batch_posts(google: CalendarEmulator) -> list[Any]:
    return [r for r in google.requests if r.is_batch]


def by_id(google: CalendarEmulator, calendar_id: str = "primary") -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in google.events(calendar_id)}


# ---- reading -------------------------------------------------------------------------------


def test_a_first_read_pages_through_a_big_calendar(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    base = datetime(2026, 2, 1, 9, tzinfo=NY)
    for n in range(6000):
        emulator.put_event("primary", timed(f"Event {n}", base + timedelta(hours=n)))
    emulator.reset_counts()

    snapshot = calendar.read("primary", time_min=SINCE)

    assert len(snapshot.events) == 6000
    pages = list_calls(emulator)
    assert len(pages) == 3
    assert all(p.query["maxResults"] == "2500" for p in pages)
    assert pages[0].query["timeMin"] == "2026-01-01T00:00:00Z"
    assert all(
        p.query["singleEvents"] == "true" and p.query["showDeleted"] == "true" for p in pages
    )
    assert "items(" in pages[0].query["fields"]


def test_times_and_zone_come_from_the_calendar(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.add_calendar("work", time_zone="Europe/Berlin")
    emulator.put_event(
        "work", timed("Phone screen - Globex", datetime(2026, 3, 3, 9, 30, tzinfo=UTC))
    )
    emulator.put_event(
        "work",
        {
            "summary": "Onsite at Acme",
            "start": {"date": "2026-03-04"},
            "end": {"date": "2026-03-05"},
        },
    )
    emulator.put_event(
        "work",
        {
            "summary": "Interview with Initech",
            "start": {"dateTime": "2026-03-05T14:00:00-06:00", "timeZone": "America/Chicago"},
            "end": {"dateTime": "2026-03-05T15:00:00-06:00", "timeZone": "America/Chicago"},
        },
    )

    snapshot = calendar.read("work", time_min=SINCE)

    assert snapshot.time_zone == "Europe/Berlin"
    seen = {e.title: e for e in snapshot.events}
    screen = seen["Phone screen - Globex"]
    assert screen.start == datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
    assert screen.tz == "Europe/Berlin" and not screen.all_day
    onsite = seen["Onsite at Acme"]
    assert onsite.all_day
    assert onsite.start == datetime(2026, 3, 4, tzinfo=ZoneInfo("Europe/Berlin"))
    assert onsite.end == datetime(2026, 3, 5, tzinfo=ZoneInfo("Europe/Berlin"))
    chicago = seen["Interview with Initech"]
    assert chicago.tz == "America/Chicago"
    assert chicago.start == datetime(2026, 3, 5, 20, tzinfo=UTC)  # the instant, whatever zone


def test_attendees_and_organiser_are_read(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.put_event(
        "primary",
        timed(
            "Interview with Acme",
            datetime(2026, 3, 3, 10, tzinfo=NY),
            description="Decision by Friday",
            location="Zoom",
            attendees=[
                {"email": "user@example.com", "self": True, "responseStatus": "accepted"},
                {"email": "jane@acme.com", "displayName": "Jane Roe", "responseStatus": "accepted"},
            ],
        ),
    )

    (event,) = calendar.read("primary", time_min=SINCE).events

    assert event.description == "Decision by Friday" and event.location == "Zoom"
    me, jane = event.attendees
    assert me.is_self and not jane.is_self
    assert (jane.email, jane.name, jane.response) == ("jane@acme.com", "Jane Roe", "accepted")
    assert event.organizer is not None and event.organizer.is_organizer
    assert event.uid


def test_calsyncs_own_events_are_kept_apart(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.put_event("primary", timed("Interview with Acme", datetime(2026, 3, 2, 13, tzinfo=NY)))
    wanted = follow_up("src1", kind=FOLLOW_UP_CALL, number=2)
    calendar.apply("primary", creates(wanted), source_calendar="primary")

    snapshot = calendar.read("primary", time_min=SINCE)

    assert [e.title for e in snapshot.events] == ["Interview with Acme"]
    (own,) = snapshot.own
    assert (own.id, own.kind, own.number, own.source_id) == (wanted.id, FOLLOW_UP_CALL, 2, "src1")
    assert (own.title, own.description) == (wanted.title, wanted.description)
    assert (own.start, own.end, own.tz) == (wanted.start, wanted.end, "America/New_York")
    assert own.fingerprint == wanted.fingerprint and not user_edited(own)
    assert own.interview_start == wanted.interview_start
    assert isinstance(own.raw, dict)


def test_a_second_read_is_one_request_and_sees_the_same_calendar(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    for n in range(30):
        emulator.put_event("primary", timed(f"Interview {n}", datetime(2026, 3, 2, 9, tzinfo=NY)))
    first = calendar.read("primary", time_min=SINCE)
    emulator.reset_counts()

    second = calendar.read("primary", time_min=SINCE)

    assert emulator.http_requests == 1
    (call,) = list_calls(emulator)
    assert "syncToken" in call.query
    assert not {"timeMin", "timeMax", "privateExtendedProperty"} & set(call.query)
    assert sorted(second.events, key=lambda e: e.id) == sorted(first.events, key=lambda e: e.id)
    assert second.time_zone == first.time_zone


def test_user_edits_and_deletions_arrive_incrementally(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    kept = emulator.put_event("primary", timed("Interview A", datetime(2026, 3, 2, 9, tzinfo=NY)))
    gone = emulator.put_event("primary", timed("Interview B", datetime(2026, 3, 3, 9, tzinfo=NY)))
    calendar.read("primary", time_min=SINCE)
    emulator.edit_event("primary", kept["id"], description="They'll decide by Dec 5")
    emulator.delete_event("primary", gone["id"])
    added = emulator.put_event("primary", timed("Onsite C", datetime(2026, 3, 4, 9, tzinfo=NY)))
    emulator.reset_counts()

    snapshot = calendar.read("primary", time_min=SINCE)

    assert emulator.http_requests == 1
    seen = {e.id: e for e in snapshot.events}
    assert set(seen) == {kept["id"], added["id"]}
    assert seen[kept["id"]].description == "They'll decide by Dec 5"
    assert gone["id"] in snapshot.deleted_ids


def test_an_expired_sync_token_means_a_full_read(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    one = emulator.put_event("primary", timed("Interview A", datetime(2026, 3, 2, 9, tzinfo=NY)))
    calendar.read("primary", time_min=SINCE)
    emulator.put_event("primary", timed("Interview B", datetime(2026, 3, 3, 9, tzinfo=NY)))
    emulator.invalidate_sync_tokens()
    emulator.reset_counts()

    snapshot = calendar.read("primary", time_min=SINCE)

    assert {e.title for e in snapshot.events} == {"Interview A", "Interview B"}
    assert [r.status for r in emulator.requests] == [410, 200]
    assert "timeMin" in emulator.requests[1].query
    emulator.reset_counts()
    calendar.read("primary", time_min=SINCE)
    assert emulator.http_requests == 1
    assert one["id"] in {e.id for e in calendar.read("primary", time_min=SINCE).events}


def test_asking_for_an_earlier_start_reads_everything_again(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.put_event("primary", timed("Old interview", datetime(2025, 12, 1, 9, tzinfo=NY)))
    assert calendar.read("primary", time_min=SINCE).events == []

    snapshot = calendar.read("primary", time_min=SINCE - timedelta(days=60))

    assert [e.title for e in snapshot.events] == ["Old interview"]


def test_a_damaged_state_file_is_rebuilt(
    emulator: CalendarEmulator, calendar: GoogleCalendar, state_dir: Path
) -> None:
    emulator.put_event("primary", timed("Interview A", datetime(2026, 3, 2, 9, tzinfo=NY)))
    calendar.read("primary", time_min=SINCE)
    for path in state_dir.iterdir():
        path.write_text("{truncated")

    assert [e.title for e in calendar.read("primary", time_min=SINCE).events] == ["Interview A"]


# ---- writing -------------------------------------------------------------------------------


def test_creates_carry_deterministic_ids_properties_and_a_reminder(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    wanted = [follow_up("src1"), follow_up("src1", kind=FOLLOW_UP_CALL, hour=10)]

    report = calendar.apply("primary", creates(*wanted), source_calendar="primary")

    assert report.created == 2
    stored = by_id(emulator)
    assert set(stored) == {f.id for f in wanted}
    event = stored[wanted[0].id]
    assert event["summary"] == wanted[0].title
    assert event["reminders"] == {
        "useDefault": False,
        "overrides": [{"method": "popup", "minutes": 0}],
    }
    assert event["extendedProperties"]["private"] == {
        "calsync_kind": THANK_YOU,
        "calsync_source": "src1",
        "calsync_number": "1",
        "calsync_fingerprint": wanted[0].fingerprint,
        "calsync_interview_start": "2026-03-02T18:00:00+00:00",
    }
    assert event["start"]["timeZone"] == "America/New_York"
    assert datetime.fromisoformat(event["start"]["dateTime"]) == wanted[0].start


def test_creating_again_finds_them_already_there_and_makes_no_copy(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    wanted = [follow_up(f"src{n}") for n in range(5)]
    calendar.apply("primary", creates(*wanted), source_calendar="primary")

    report = calendar.apply("primary", creates(*wanted), source_calendar="primary")

    assert (report.created, report.already_there) == (0, 5)
    assert len(emulator.events("primary")) == 5


def test_a_follow_up_the_user_deleted_is_not_recreated(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    wanted = follow_up("src1")
    calendar.apply("primary", creates(wanted), source_calendar="primary")
    calendar.read("primary", time_min=SINCE)
    emulator.delete_event("primary", wanted.id)
    snapshot = calendar.read("primary", time_min=SINCE)
    assert wanted.id in snapshot.deleted_ids
    emulator.reset_counts()

    report = calendar.apply("primary", creates(wanted), source_calendar="primary")

    assert report.skipped_user_deleted == 1 and report.created == 0
    assert emulator.http_requests == 0
    assert emulator.events("primary") == []


def test_a_deleted_follow_up_stays_deleted_even_before_the_next_read(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    wanted = follow_up("src1")
    calendar.apply("primary", creates(wanted), source_calendar="primary")
    emulator.delete_event("primary", wanted.id)

    report = calendar.apply("primary", creates(wanted), source_calendar="primary")

    assert report.created == 0
    assert emulator.events("primary") == []


def test_updates_patch_calsyncs_fields_and_cancels_delete(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    moving, dropping = follow_up("src1"), follow_up("src2")
    calendar.apply("primary", creates(moving, dropping), source_calendar="primary")
    own = {e.id: e for e in calendar.read("primary", time_min=SINCE).own}
    moved = follow_up("src1", hour=16)

    report = calendar.apply(
        "primary",
        [
            Action(op="update", reason="moved", id=moved.id, desired=moved, existing=own[moved.id]),
            Action(op="cancel", reason="gone", id=dropping.id, existing=own[dropping.id]),
            Action(op="keep", reason="same", id="whatever", desired=moving),
        ],
        source_calendar="primary",
    )

    assert (report.updated, report.deleted) == (1, 1)
    stored = by_id(emulator)
    assert set(stored) == {moved.id}
    event = stored[moved.id]
    assert datetime.fromisoformat(event["start"]["dateTime"]) == moved.start
    assert event["extendedProperties"]["private"]["calsync_fingerprint"] == moved.fingerprint
    again = calendar.read("primary", time_min=SINCE)
    # calsync's own deletion is not the user's: the id stays restorable, not "deleted by you"
    assert dropping.id not in again.deleted_ids and not user_edited(again.own[0])


def test_an_event_calsync_did_not_create_is_never_changed(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    users = emulator.put_event("primary", timed("Interview A", datetime(2026, 3, 2, 9, tzinfo=NY)))
    ours = follow_up("src1")
    before = json.dumps(emulator.events("primary"), sort_keys=True)
    emulator.reset_counts()

    ops: tuple[ActionOp, ...] = ("update", "cancel")
    for op in ops:
        action = Action(op=op, reason="bug", id=users["id"], desired=ours)
        with pytest.raises(SyncError, match="did not create it"):
            calendar.apply("primary", [*creates(ours), action], source_calendar="primary")

    assert json.dumps(emulator.events("primary"), sort_keys=True) == before
    assert batch_posts(emulator) == []  # refused before anything was written


def test_writes_go_in_batches_of_the_configured_size(
    emulator: CalendarEmulator, service: Any, state_dir: Path, sleeps: Sleeps
) -> None:
    progress: list[tuple[str, int, int | None]] = []
    calendar = GoogleCalendar(
        service,
        state_dir=state_dir,
        batch_size=50,
        sleep=sleeps,
        progress=lambda what, done, total: progress.append((what, done, total)),
    )

    report = calendar.apply(
        "primary", creates(*(follow_up(f"src{n}") for n in range(120))), source_calendar="primary"
    )

    assert report.created == 120
    assert [len(b.calls) for b in batch_posts(emulator)] == [50, 50, 20]
    assert progress == [("writing", 50, 120), ("writing", 100, 120), ("writing", 120, 120)]


def test_nothing_to_write_costs_no_request(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    keep = Action(op="keep", reason="same", id="x", desired=follow_up("src1"))

    report = calendar.apply("primary", [keep], source_calendar="primary")

    assert report.created == report.updated == report.deleted == 0
    assert emulator.http_requests == 0


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (429, "rateLimitExceeded"),
        (503, "backendError"),
        (403, "rateLimitExceeded"),
        (403, "userRateLimitExceeded"),
        (500, "backendError"),
    ],
)
def test_failed_parts_of_a_batch_are_retried_alone(
    emulator: CalendarEmulator, calendar: GoogleCalendar, sleeps: Sleeps, status: int, reason: str
) -> None:
    wanted = [follow_up(f"src{n}") for n in range(10)]
    emulator.inject(status=status, reason=reason, count=3)

    report = calendar.apply("primary", creates(*wanted), source_calendar="primary")

    assert report.created == 10
    assert set(by_id(emulator)) == {f.id for f in wanted}
    assert [len(b.calls) for b in batch_posts(emulator)] == [10, 3]
    assert len(sleeps) == 1


def test_a_whole_batch_failing_is_sent_again(
    emulator: CalendarEmulator, calendar: GoogleCalendar, sleeps: Sleeps
) -> None:
    emulator.inject(status=503, reason="backendError", path_contains="/batch/", count=2)

    report = calendar.apply("primary", creates(follow_up("a"), follow_up("b")), source_calendar="p")

    assert report.created == 2
    assert [b.status for b in batch_posts(emulator)] == [503, 503, 200]
    assert len(sleeps) == 2


def test_dropped_connections_are_retried(
    emulator: CalendarEmulator, calendar: GoogleCalendar, sleeps: Sleeps
) -> None:
    emulator.drop_next_connection(3)

    report = calendar.apply("primary", creates(follow_up("a"), follow_up("b")), source_calendar="p")

    assert report.created == 2
    assert len(emulator.events("primary")) == 2
    assert sleeps


def test_a_create_whose_answer_was_lost_is_counted_once(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.inject(status=503, reason="backendError", after_write=True, count=1)

    report = calendar.apply("primary", creates(follow_up("a")), source_calendar="primary")

    assert (report.created, report.already_there) == (1, 0)
    assert len(emulator.events("primary")) == 1


def test_a_flaky_api_still_converges(
    emulator: CalendarEmulator, service: Any, state_dir: Path, sleeps: Sleeps
) -> None:
    calendar = GoogleCalendar(service, state_dir=state_dir, batch_size=25, sleep=sleeps)
    wanted = [follow_up(f"src{n}") for n in range(100)]
    emulator.put_event("primary", timed("Interview A", datetime(2026, 3, 2, 9, tzinfo=NY)))
    emulator.fault_seed = 7
    emulator.fault_rate = 0.2

    calendar.read("primary", time_min=SINCE)
    report = calendar.apply("primary", creates(*wanted), source_calendar="primary")
    snapshot = calendar.read("primary", time_min=SINCE)

    assert report.created + report.already_there == 100
    assert {e.id for e in snapshot.own} == {f.id for f in wanted}
    assert len(emulator.events("primary")) == 101
    assert sleeps


def test_retries_run_out_with_a_sync_error_and_a_rerun_converges(
    emulator: CalendarEmulator, service: Any, state_dir: Path, sleeps: Sleeps
) -> None:
    calendar = GoogleCalendar(service, state_dir=state_dir, max_retries=2, sleep=sleeps)
    wanted = [follow_up("a"), follow_up("b")]
    emulator.inject(status=503, reason="backendError", count=6)  # 3 tries of each

    with pytest.raises(SyncError) as caught:
        calendar.apply("primary", creates(*wanted), source_calendar="primary")

    assert caught.value.exit_code == 1
    message = str(caught.value)
    assert "503" in message and "\n" not in message and "ya29" not in message
    assert len(sleeps) == 2
    report = calendar.apply("primary", creates(*wanted), source_calendar="primary")
    assert report.created + report.already_there == 2
    assert len(emulator.events("primary")) == 2


def test_a_refused_write_names_the_event_and_the_reason(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.inject(status=400, reason="invalid", count=1)

    with pytest.raises(SyncError, match="Send thank-you note — Engineer at a") as caught:
        calendar.apply("primary", creates(follow_up("a"), follow_up("b")), source_calendar="p")

    assert "400" in str(caught.value)
    assert len(emulator.events("primary")) == 1  # the other write still happened


# ---- clean ---------------------------------------------------------------------------------


def test_clean_removes_calsyncs_events_and_leaves_every_other_byte_alone(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.put_event("primary", timed("Interview A", datetime(2026, 3, 2, 9, tzinfo=NY)))
    emulator.put_event(
        "primary",
        timed(
            "Send thank-you note — Engineer at src1",  # looks like ours, is the user's
            datetime(2026, 3, 2, 15, tzinfo=NY),
            extendedProperties={"private": {"other_app": "1"}, "shared": {"calsync_kind": "x"}},
        ),
    )
    emulator.put_event("primary", {**timed("Old", datetime(2020, 1, 1, tzinfo=NY))})
    wanted = [follow_up(f"src{n}") for n in range(3)] + [follow_up("src0", kind=FOLLOW_UP_CALL)]
    calendar.apply("primary", creates(*wanted), source_calendar="primary")
    theirs = [e for e in emulator.events("primary") if e["id"] not in {f.id for f in wanted}]
    before = json.dumps(theirs, sort_keys=True)

    removed = calendar.clean("primary")

    assert removed == 4
    assert json.dumps(emulator.events("primary"), sort_keys=True) == before
    assert calendar.clean("primary") == 0


def test_an_access_token_that_expires_mid_run_is_refreshed(
    emulator: CalendarEmulator, calendar: GoogleCalendar, token_file: Path
) -> None:
    emulator.put_event("primary", timed("Interview A", datetime(2026, 3, 2, 9, tzinfo=NY)))
    emulator.expire_access_tokens()
    assert [e.title for e in calendar.read("primary", time_min=SINCE).events] == ["Interview A"]
    emulator.expire_access_tokens()

    report = calendar.apply("primary", creates(follow_up("a")), source_calendar="primary")

    assert report.created == 1
    assert len(emulator.events("primary")) == 2


def test_a_grant_revoked_mid_run_asks_to_sign_in(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.revoked_refresh_tokens.add("good-refresh")

    with pytest.raises(AuthError):
        calendar.apply("primary", creates(follow_up("a")), source_calendar="primary")
    with pytest.raises(AuthError):
        calendar.read("primary", time_min=SINCE)


def test_a_second_run_with_no_change_costs_one_request_and_no_write(
    emulator: CalendarEmulator, calendar: GoogleCalendar
) -> None:
    emulator.put_event("primary", timed("Interview A", datetime(2026, 3, 2, 9, tzinfo=NY)))
    wanted = [follow_up("a"), follow_up("a", kind=FOLLOW_UP_CALL)]
    calendar.read("primary", time_min=SINCE)
    calendar.apply("primary", creates(*wanted), source_calendar="primary")
    calendar.read("primary", time_min=SINCE)  # the next run sees its own writes come back
    emulator.reset_counts()

    snapshot = calendar.read("primary", time_min=SINCE)
    held = {e.id for e in snapshot.own}
    plan = [
        Action(op="keep" if f.id in held else "create", reason="", id=f.id, desired=f)
        for f in wanted
    ]
    calendar.apply("primary", plan, source_calendar="primary")

    assert held == {f.id for f in wanted}
    assert emulator.http_requests == 1


def test_a_calendar_someone_else_owns_needs_wider_access(
    emulator: CalendarEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state_dir: Path
) -> None:
    emulator.add_calendar("team@example.com", access_role="reader")
    owned_only = ("https://www.googleapis.com/auth/calendar.events.owned",)
    token = emulator.make_token_file(tmp_path / "narrow.json", scopes=owned_only)
    monkeypatch.setenv("CALSYNC_TOKEN", str(token))
    monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)
    calendar = GoogleCalendar(
        client.build_service(auth.load_credentials()), state_dir=state_dir, sleep=lambda s: None
    )

    with pytest.raises(AuthError, match="calsync auth") as caught:
        calendar.read("team@example.com", time_min=SINCE)
    assert caught.value.exit_code == 3


def test_an_incremental_read_answers_like_a_full_one_as_the_window_moves_on(
    emulator: CalendarEmulator, calendar: GoogleCalendar, service: Any, tmp_path: Path
) -> None:
    emulator.put_event("primary", timed("Interview Jan", datetime(2026, 1, 10, 9, tzinfo=NY)))
    emulator.put_event("primary", timed("Interview Mar", datetime(2026, 3, 10, 9, tzinfo=NY)))
    calendar.read("primary", time_min=SINCE)
    later = datetime(2026, 2, 1, tzinfo=UTC)

    incremental = calendar.read("primary", time_min=later)
    fresh = GoogleCalendar(service, state_dir=tmp_path / "fresh").read("primary", time_min=later)

    assert [e.title for e in incremental.events] == ["Interview Mar"]
    assert incremental.events == fresh.events
    emulator.reset_counts()
    calendar.read("primary", time_min=later)
    assert emulator.http_requests == 1
