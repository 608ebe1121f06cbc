"""CalDAV as calsync's source, and the follow-up chain through a CalDAV calendar.

The interviews are put on a real server the way a calendar app does; calsync reads them,
writes its follow-ups into the same calendar, and on the next run reads back what the user
typed into a call event — so the chain moves on by itself, as it does on Google.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from calsync.adapters.base import Context, SourceRead
from calsync.adapters.caldav import open_source, open_target
from calsync.core.dates import BusinessDays
from calsync.core.detect import detect_interviews
from calsync.core.identity import uid_for, user_edited
from calsync.core.plan import plan_interviews
from calsync.core.reconcile import reconcile
from calsync.model import FOLLOW_UP_CALL, FollowUp
from calsync.settings import Settings
from tests.caldav.conftest import NOW, dav, spec
from tests.caldav.servers import Proxy, Server
from tests.caldav.test_target import user_edits

SETTINGS = Settings(since=date(2026, 11, 1), until=date(2027, 3, 1), emails=("alex@example.com",))
SINCE = datetime(2026, 11, 1, tzinfo=UTC)
UNTIL = datetime(2027, 3, 2, tzinfo=UTC)


def add_interview(server: Server, path: str) -> None:
    calendar = dav(server.url).calendar(url=server.url.rstrip("/") + path)
    calendar.save_event(
        """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 15//EN
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:STANDARD
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:acme-onsite-1@example.com
DTSTAMP:20261101T120000Z
DTSTART;TZID=America/New_York:20261124T140000
DTEND;TZID=America/New_York:20261124T150000
SUMMARY:Interview with Acme — Senior Engineer
DESCRIPTION:Met Jo Park. They will decide by Dec 4.
ORGANIZER;CN=Jo Park:mailto:jo.park@acme.example
ATTENDEE;CN=Jo Park;PARTSTAT=ACCEPTED:mailto:jo.park@acme.example
ATTENDEE;CN=Alex Rivera;PARTSTAT=ACCEPTED:mailto:alex@example.com
END:VEVENT
END:VCALENDAR
"""
    )
    calendar.save_event(
        dtstart=datetime(2026, 11, 23, 9, tzinfo=UTC),
        dtend=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
        summary="Team standup",
        uid="standup@example.com",
        rrule={"FREQ": "DAILY", "COUNT": 3},
    )


def plan_and_apply(spec_: str, ctx: Context) -> tuple[SourceRead, list[FollowUp]]:
    """One sync from the calendar into itself, as the app does it."""
    read = open_source(spec_, ctx).read(since=SINCE, until=UNTIL)
    plans = plan_interviews(
        detect_interviews(read.events, SETTINGS),
        SETTINGS,
        source_calendar=read.calendar,
        observed={e.id: e for e in read.own},
        business=BusinessDays(None),
    )
    desired = [f for p in plans for f in p.followups]
    target = open_target(spec_, ctx, source=spec_)
    held = target.held(since=SINCE)
    actions = reconcile(
        desired, held.events, now=ctx.now, since=SINCE, until=UNTIL, deleted_ids=held.deleted_ids
    )
    target.apply(actions, source_calendar=read.calendar)
    return read, desired


def test_reads_interviews_and_expands_recurring_events(
    server: Server, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    add_interview(server, calendar_path)
    read = open_source(spec(server.url, calendar_path), new_ctx(SETTINGS)).read(
        since=SINCE, until=UNTIL
    )
    assert read.calendar == calendar_path and read.name == "Interview follow-ups"
    titles = sorted(e.title for e in read.events)
    assert titles == ["Interview with Acme — Senior Engineer"] + ["Team standup"] * 3
    interview = next(e for e in read.events if e.id == "acme-onsite-1@example.com")
    assert interview.tz == "America/New_York"
    assert interview.start == datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
    assert interview.organizer is not None and interview.organizer.name == "Jo Park"
    assert not read.own and not read.skipped


def test_the_chain_reads_the_outcome_typed_into_a_call(
    server: Server, proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    add_interview(server, calendar_path)
    where = spec(proxy.url, calendar_path)
    read, desired = plan_and_apply(where, new_ctx(SETTINGS))
    call = next(f for f in desired if f.kind == FOLLOW_UP_CALL)
    assert call.number == 1 and call.start.date() == date(2026, 12, 7)

    # a no-change run: the source read and the target's read share one REPORT
    proxy.reset()
    read, again = plan_and_apply(where, new_ctx(SETTINGS, now=NOW + timedelta(days=1)))
    assert again == desired and "PUT" not in proxy.count()
    assert proxy.count() == {"REPORT": 1}
    assert {e.id for e in read.own} == {f.id for f in desired}

    # after the call the user writes what they learned into the event's notes
    note = call.description + "\n\nSpoke to Jo: decision now expected Dec 18."
    user_edits(server, calendar_path, uid_for(call.id), DESCRIPTION=note)
    later = NOW + timedelta(days=18)
    read, chained = plan_and_apply(where, new_ctx(SETTINGS, now=later))
    seen = next(e for e in read.own if e.id == call.id)
    assert seen.description == note and user_edited(seen)
    calls = sorted((f.number, f.start.date()) for f in chained if f.kind == FOLLOW_UP_CALL)
    assert calls == [(1, date(2026, 12, 7)), (2, date(2026, 12, 21))]
    stored = {e.id: e for e in open_source(where, new_ctx(SETTINGS, now=later)).read(
        since=SINCE, until=UNTIL
    ).own}
    assert stored[call.id].description == note  # the user's notes stay as written
    second = next(f for f in chained if f.kind == FOLLOW_UP_CALL and f.number == 2)
    assert second.id in stored


def test_one_calendar_as_source_and_target_is_read_once_a_run_in_either_order(
    server: Server, proxy: Proxy, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    add_interview(server, calendar_path)
    where = spec(proxy.url, calendar_path)
    plan_and_apply(where, new_ctx(SETTINGS))
    proxy.reset()
    ctx = new_ctx(SETTINGS)
    held = open_target(where, ctx, source=where).held(since=SINCE)
    read = open_source(where, ctx).read(since=SINCE, until=UNTIL)
    assert {e.id for e in held.events} == {e.id for e in read.own} and held.events
    assert proxy.count() == {"REPORT": 1}
    # a later read in the same run asks the server again: nothing is taken from a stale copy
    user_edits(server, calendar_path, "acme-onsite-1@example.com", SUMMARY="Onsite: Acme")
    read = open_source(where, ctx).read(since=SINCE, until=UNTIL)
    assert "Onsite: Acme" in {e.title for e in read.events}
    assert proxy.count()["REPORT"] >= 2


def test_one_unreadable_event_costs_only_itself(
    server: Server, calendar_path: str, new_ctx: Callable[..., Context]
) -> None:
    add_interview(server, calendar_path)
    calendar = dav(server.url).calendar(url=server.url.rstrip("/") + calendar_path)
    calendar.save_event(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Old app//EN\r\nBEGIN:VEVENT\r\n"
        "UID:mars-1@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n"
        f"DESCRIPTION:{'x' * (1024 * 1024 + 1)}\r\n"  # a broken export, not notes
        "SUMMARY:Interview on Mars\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    read = open_source(spec(server.url, calendar_path), new_ctx(SETTINGS)).read(
        since=SINCE, until=UNTIL
    )
    assert "acme-onsite-1@example.com" in {e.id for e in read.events}
    assert [(s.uid, s.summary) for s in read.skipped] == [
        ("mars-1@example.com", "Interview on Mars")
    ]
    assert read.skipped[0].problem == "a DESCRIPTION over 1024 KB"


def test_a_run_with_nothing_new_reads_what_it_read_before_without_parsing_it(
    server: Server, calendar_path: str, new_ctx: Callable[..., Context], tmp_path: Path
) -> None:
    """The memo changes what a read costs, never what it reads: the same events, the same
    skipped ones, a change seen at once; a spoilt memo is read past."""
    add_interview(server, calendar_path)
    where = spec(server.url, calendar_path)

    def read(memo: bool = True) -> SourceRead:
        ctx = replace(new_ctx(SETTINGS), memo=memo)
        return open_source(where, ctx).read(since=SINCE, until=UNTIL)

    first = read()
    memos = list((tmp_path / "state" / "memo").glob("caldav-read-*.memo"))
    assert len(memos) == 1
    assert read().events == first.events == read(memo=False).events
    user_edits(server, calendar_path, "acme-onsite-1@example.com", SUMMARY="Onsite: Acme")
    edited = read()
    assert edited.events == read(memo=False).events
    assert "Onsite: Acme" in {e.title for e in edited.events}
    memos[0].write_bytes(b"not a memo")
    assert read().events == edited.events
