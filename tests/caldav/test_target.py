"""CalDAV as calsync's target, against real Radicale and Xandikos servers.

Each test drives the backend through its factory and the Target protocol, as the app does: read
what the calendar holds, reconcile with what should exist, apply. The user's calendar app is
played by the `caldav` library writing to the same server.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar

from calsync.adapters.base import ApplyReport, Context, Held, Target
from calsync.adapters.caldav import open_target
from calsync.core.identity import event_id, fingerprint, uid_for, user_edited
from calsync.core.reconcile import reconcile
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, Action, FollowUp
from tests.caldav.conftest import NOW, dav, spec
from tests.caldav.servers import Proxy, Server

SINCE = NOW - timedelta(days=30)
UNTIL = NOW + timedelta(days=365)
INTERVIEW = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def followup(kind: str = THANK_YOU, number: int = 1, *, hours: int = 2, text: str = "") -> FollowUp:
    start = INTERVIEW + timedelta(hours=hours)
    end = start + timedelta(minutes=15)
    title = f"{'Send thank-you note' if kind == THANK_YOU else 'Follow-up call'} — Engineer at Acme"
    description = text or f"Dear Jo,\nthank you ({kind} {number})."
    return FollowUp(
        id=event_id("ics", "interview-1@example.com", kind, number),
        kind=kind,
        number=number,
        source_id="interview-1@example.com",
        title=title,
        description=description,
        start=start,
        end=end,
        tz="America/New_York",
        interview_start=INTERVIEW,
        fingerprint=fingerprint(title, description, start, end),
    )


def run(target: Target, desired: Sequence[FollowUp]) -> tuple[Held, list[Action], ApplyReport]:
    """One sync as the app does it: held → reconcile → apply."""
    held = target.held(since=SINCE)
    actions = reconcile(
        desired, held.events, now=NOW, since=SINCE, until=UNTIL, deleted_ids=held.deleted_ids
    )
    return held, actions, target.apply(actions, source_calendar="ics")


def server_copy(server: Server, path: str) -> dict[str, Any]:
    """What the server holds now, as the user's calendar app reads it: UID → VEVENT."""
    calendar = dav(server.url).calendar(url=server.url.rstrip("/") + path)
    found: dict[str, Any] = {}
    for resource in calendar.get_events():
        component = icalendar.Calendar.from_ical(resource.data)
        for event in component.walk("VEVENT"):
            found[str(event["UID"])] = event
    return found


def user_edits(server: Server, path: str, uid: str, **changes: str) -> None:
    """The user changes an event in their calendar app (which saves it back over CalDAV)."""
    calendar = dav(server.url).calendar(url=server.url.rstrip("/") + path)
    resource = calendar.get_event_by_uid(uid)
    component = resource.icalendar_component
    for key, value in changes.items():
        del component[key]
        component.add(key, value)
    resource.save(increase_seqno=False)


def user_deletes(server: Server, path: str, uid: str) -> None:
    calendar = dav(server.url).calendar(url=server.url.rstrip("/") + path)
    calendar.get_event_by_uid(uid).delete()


def test_creates_updates_and_deletes_with_preconditions(
    server: Server, proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    note, call = followup(), followup(FOLLOW_UP_CALL, hours=24 * 8)
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="interviews.ics")
    _held, _actions, report = run(target, [note, call])
    assert sorted(report.created) == sorted([note.id, call.id])
    puts = [s for s in proxy.seen if s.method == "PUT"]
    assert len(puts) == 2 and all(s.headers.get("If-None-Match") == "*" for s in puts)
    stored = server_copy(server, calendar_path)
    assert set(stored) == {uid_for(note.id), uid_for(call.id)}
    event = stored[uid_for(call.id)]
    assert str(event["X-CALSYNC-KIND"]) == FOLLOW_UP_CALL and int(event["SEQUENCE"]) == 0
    assert str(event["X-CALSYNC-FINGERPRINT"]) == call.fingerprint
    assert event["DTSTART"].params["TZID"] == "America/New_York"

    # the interview moved: the untouched call moves with it, to the href the server gave
    moved = followup(FOLLOW_UP_CALL, hours=24 * 9)
    proxy.reset()
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="interviews.ics")
    held, _actions, report = run(target, [note, moved])
    assert report.updated == [call.id] and not report.created
    put = next(s for s in proxy.seen if s.method == "PUT")
    stored_href = next(e.raw.href for e in held.events if e.id == call.id)  # type: ignore[union-attr]
    assert put.path == stored_href
    assert put.headers.get("If-Match") and "If-None-Match" not in put.headers
    event = server_copy(server, calendar_path)[uid_for(call.id)]
    assert int(event["SEQUENCE"]) == 1
    assert event["DTSTART"].dt.astimezone(UTC) == moved.start

    # the interview was cancelled: calsync deletes the future call (not STATUS:CANCELLED)
    proxy.reset()
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="interviews.ics")
    _held, _actions, report = run(target, [note])
    assert report.removed == [call.id]
    delete = next(s for s in proxy.seen if s.method == "DELETE")
    assert delete.headers.get("If-Match")
    assert set(server_copy(server, calendar_path)) == {uid_for(note.id)}


def test_a_second_run_writes_nothing_and_reads_with_one_report(
    proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    desired = [followup(), followup(FOLLOW_UP_CALL, hours=24 * 8)]
    run(open_target(spec(proxy.url, calendar_path), new_ctx(), source="-"), desired)
    for _ in range(2):
        proxy.reset()
        target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
        held, actions, report = run(target, desired)
        assert len(held.events) == 2 and all(a.op == "keep" for a in actions)
        assert not report.wrote
        assert proxy.count() == {"REPORT": 1}
        assert b"sync-collection" in proxy.seen[0].body


def test_the_users_edit_wins_over_calsyncs_update(
    server: Server, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    call = followup(FOLLOW_UP_CALL, hours=24 * 8)
    run(open_target(spec(server.url, calendar_path), new_ctx(), source="-"), [call])
    target = open_target(spec(server.url, calendar_path), new_ctx(), source="-")
    held = target.held(since=SINCE)
    # between calsync's read and its write, the user moves the call in their app
    user_edits(server, calendar_path, uid_for(call.id), SUMMARY="Call Jo at 4, not 10")
    moved = followup(FOLLOW_UP_CALL, hours=24 * 9)
    update = Action("update", "its interview moved", call.id, moved, held.events[0])
    report = target.apply([update], source_calendar="ics")
    assert report.skipped_user_changed == [call.id] and not report.updated
    stored = server_copy(server, calendar_path)[uid_for(call.id)]
    assert str(stored["SUMMARY"]) == "Call Jo at 4, not 10"
    # and a delete on the stale ETag is refused the same way
    cancel = Action("cancel", "its interview was cancelled", call.id, None, held.events[0])
    report = target.apply([cancel], source_calendar="ics")
    assert report.skipped_user_changed == [call.id] and not report.removed
    assert uid_for(call.id) in server_copy(server, calendar_path)
    # the next run sees the edit and leaves the event as the user made it
    target = open_target(spec(server.url, calendar_path), new_ctx(), source="-")
    _held, actions, report = run(target, [moved])
    assert [a.reason for a in actions] == ["edited by you; left as you made it"]
    assert not report.wrote


def test_a_followup_the_user_deleted_is_not_recreated(
    server: Server, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    note, call = followup(), followup(FOLLOW_UP_CALL, hours=24 * 8)
    run(open_target(spec(server.url, calendar_path), new_ctx(), source="-"), [note, call])
    user_deletes(server, calendar_path, uid_for(call.id))
    target = open_target(spec(server.url, calendar_path), new_ctx(), source="-")
    held, actions, report = run(target, [note, call])
    assert held.deleted_ids == frozenset({call.id})
    assert not report.wrote
    assert set(server_copy(server, calendar_path)) == {uid_for(note.id)}
    # even a create asked for directly is not forced
    report = target.apply([Action("create", "new", call.id, call, None)], source_calendar="ics")
    assert report.skipped_user_deleted == [call.id]
    assert set(server_copy(server, calendar_path)) == {uid_for(note.id)}


def test_a_create_that_finds_the_event_there_is_already_there(
    server: Server, proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    note = followup()
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    target.held(since=SINCE)
    # another run (killed before it saved its state) wrote the same event meanwhile
    other = open_target(spec(server.url, calendar_path), new_ctx(), source="-")
    other.apply([Action("create", "new", note.id, note, None)], source_calendar="ics")
    changed = followup(text="A different text, from the run that wrote first.")
    report = target.apply([Action("create", "new", note.id, changed, None)], source_calendar="ics")
    assert report.already_there == [note.id] and not report.created
    stored = server_copy(server, calendar_path)[uid_for(note.id)]
    assert str(stored["DESCRIPTION"]) == note.description  # not overwritten


def test_a_create_whose_answer_was_lost_is_retried_without_a_duplicate(
    server: Server, proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    note = followup()
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    target.held(since=SINCE)
    proxy.quirks.lose_answers = 1  # the PUT is stored, but its answer never arrives
    report = target.apply([Action("create", "new", note.id, note, None)], source_calendar="ics")
    assert report.created == [note.id] and not report.already_there
    assert [(s.method, s.status) for s in proxy.seen[-2:]] == [("PUT", 503), ("PUT", 412)]
    assert set(server_copy(server, calendar_path)) == {uid_for(note.id)}


def test_a_uid_in_nextclouds_trash_bin_counts_as_deleted_by_the_user(
    proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    note, call = followup(), followup(FOLLOW_UP_CALL, hours=24 * 8)
    proxy.quirks.refuse_create.add(f"{calendar_path.rstrip('/')}/{call.id}.ics")
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    _held, _actions, report = run(target, [note, call])
    assert report.created == [note.id] and report.skipped_user_deleted == [call.id]
    proxy.reset()
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    held, actions, report = run(target, [note, call])
    assert call.id in held.deleted_ids
    assert not report.wrote and "PUT" not in proxy.count()


def test_a_missing_etag_is_fetched_once_then_trusted(
    proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    proxy.quirks.strip_put_etag = True
    desired = [followup(FOLLOW_UP_CALL, hours=24 * 8)]
    run(open_target(spec(proxy.url, calendar_path), new_ctx(), source="-"), desired)
    # what calsync wrote has no known ETag: the next run fetches it (once) and writes nothing
    proxy.reset()
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    held, _actions, report = run(target, desired)
    assert held.events[0].raw.etag  # type: ignore[union-attr]
    assert not report.wrote and proxy.count() == {"REPORT": 2}
    proxy.reset()
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    _held, _actions, report = run(target, desired)
    assert not report.wrote and proxy.count() == {"REPORT": 1}


def test_a_server_without_etags_is_read_again_before_each_write(
    server: Server, proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    proxy.quirks.strip_all_etags = True
    call = followup(FOLLOW_UP_CALL, hours=24 * 8)
    run(open_target(spec(proxy.url, calendar_path), new_ctx(), source="-"), [call])
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    held = target.held(since=SINCE)
    assert held.events[0].raw.etag is None  # type: ignore[union-attr]
    proxy.reset()
    moved = followup(FOLLOW_UP_CALL, hours=24 * 9)
    update = Action("update", "its interview moved", call.id, moved, held.events[0])
    report = target.apply([update], source_calendar="ics")
    assert report.updated == [call.id]
    assert [s.method for s in proxy.seen] == ["REPORT", "PUT"]  # read again, then written
    assert server_copy(server, calendar_path)[uid_for(call.id)]["DTSTART"].dt == moved.start
    # read; the user edits; calsync's write finds the event changed on reading it again
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    held = target.held(since=SINCE)
    user_edits(server, calendar_path, uid_for(call.id), DESCRIPTION="They will decide Dec 18")
    proxy.reset()
    again = Action("update", "its details changed", call.id, call, held.events[0])
    report = target.apply([again], source_calendar="ics")
    assert report.skipped_user_changed == [call.id] and not report.updated
    assert "PUT" not in proxy.count()
    stored = server_copy(server, calendar_path)[uid_for(call.id)]
    assert str(stored["DESCRIPTION"]) == "They will decide Dec 18"


def _rewritten(body: bytes) -> bytes:
    """What some servers store instead of what was sent: times in UTC, lines re-ordered and
    re-folded, their own property added."""
    calendar = icalendar.Calendar.from_ical(body)
    out = icalendar.Calendar()
    out.add("PRODID", "-//Some Server//EN")
    out.add("VERSION", "2.0")
    for event in calendar.walk("VEVENT"):
        copy = icalendar.Event()
        for key in reversed(list(event.keys())):
            if key in ("DTSTART", "DTEND"):
                copy.add(key, event[key].dt.astimezone(UTC))
            else:
                copy[key] = event[key]
        copy.add("X-SERVER-STAMP", "rewritten")
        for alarm in event.subcomponents:
            copy.add_component(alarm)
        out.add_component(copy)
    return bytes(out.to_ical())


def test_a_server_that_rewrites_the_body_is_compared_by_content(
    server: Server, proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    proxy.quirks.rewrite_put = _rewritten
    desired = [followup(), followup(FOLLOW_UP_CALL, hours=24 * 8)]
    _held, _actions, report = run(
        open_target(spec(proxy.url, calendar_path), new_ctx(), source="-"), desired
    )
    assert len(report.created) == 2
    stored = server_copy(server, calendar_path)
    assert all(str(e["X-SERVER-STAMP"]) == "rewritten" for e in stored.values())
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    held, actions, report = run(target, desired)
    assert not any(user_edited(e) for e in held.events)
    assert [a.op for a in actions] == ["keep", "keep"] and not report.wrote


EXPIRED = (
    b'<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:">'
    b"<D:valid-sync-token/></D:error>"
)


def test_an_expired_sync_token_falls_back_to_a_full_listing(
    server: Server, proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    call = followup(FOLLOW_UP_CALL, hours=24 * 8)
    run(open_target(spec(proxy.url, calendar_path), new_ctx(), source="-"), [call])
    user_edits(server, calendar_path, uid_for(call.id), DESCRIPTION="Offer made!")
    proxy.quirks.sync_answer = (403, EXPIRED)
    proxy.reset()
    target = open_target(spec(proxy.url, calendar_path), new_ctx(), source="-")
    held = target.held(since=SINCE)
    assert held.events[0].description == "Offer made!" and user_edited(held.events[0])
    assert [s.method for s in proxy.seen] == ["REPORT", "PROPFIND", "REPORT"]
    assert b"calendar-query" in proxy.seen[-1].body
    # the server takes tokens again: the next run is back to one REPORT
    proxy.quirks.sync_answer = None
    proxy.reset()
    open_target(spec(proxy.url, calendar_path), new_ctx(), source="-").held(since=SINCE)
    assert proxy.count() == {"REPORT": 1} and b"sync-collection" in proxy.seen[0].body


def test_a_server_that_refuses_sync_tokens_is_listed_once_a_run(
    proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    proxy.quirks.sync_answer = (501, b"sync-collection is not supported")
    desired = [followup()]
    run(open_target(spec(proxy.url, calendar_path), new_ctx(), source="-"), desired)
    for _ in range(2):  # two refusals: tokens are given up on
        run(open_target(spec(proxy.url, calendar_path), new_ctx(), source="-"), desired)
    proxy.reset()
    held, _actions, report = run(
        open_target(spec(proxy.url, calendar_path), new_ctx(), source="-"), desired
    )
    assert len(held.events) == 1 and not report.wrote
    assert proxy.count() == {"REPORT": 1} and b"calendar-query" in proxy.seen[0].body


def test_clean_removes_calsyncs_events_and_nothing_else(
    server: Server, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    desired = [followup(), followup(FOLLOW_UP_CALL, hours=24 * 8)]
    run(open_target(spec(server.url, calendar_path), new_ctx(), source="-"), desired)
    calendar = dav(server.url).calendar(url=server.url.rstrip("/") + calendar_path)
    calendar.save_event(
        dtstart=datetime(2026, 12, 1, 15, tzinfo=UTC),
        dtend=datetime(2026, 12, 1, 16, tzinfo=UTC),
        summary="Dentist",
        uid="dentist-1@example.com",
    )
    target = open_target(spec(server.url, calendar_path), new_ctx(), source="-")
    owned = target.owned()
    assert {e.id for e in owned.events} == {f.id for f in desired}
    actions = [Action("cancel", "made by calsync", e.id, None, e) for e in owned.events]
    report = target.apply(actions, source_calendar="")
    assert sorted(report.removed) == sorted(f.id for f in desired)
    assert set(server_copy(server, calendar_path)) == {"dentist-1@example.com"}
