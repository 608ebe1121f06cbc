"""Outlook's times as Graph really gives them: the mailbox's zone, custom zones on invitations,
all-day events, a throttled mailbox, lost answers, and batch items Graph would refuse."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import requests

from calsync.adapters import microsoft
from calsync.adapters.microsoft import auth
from tests.msgraph.conftest import NOW, Sleeps, context, sync
from tests.msgraph.emulator.server import GraphEmulator
from tests.msgraph.emulator.store import DATA_PROPERTY

NY = ZoneInfo("America/New_York")
ACME = "Interview with Acme — Senior Engineer"


def follow_ups(ms: GraphEmulator) -> list[tuple[str, datetime]]:
    """calsync's events as (kind, start instant), in time order."""
    found = [(json.loads(e.props[DATA_PROPERTY])["kind"], e.start) for e in ms.calsync_events()]
    return sorted(found, key=lambda row: row[1])


def test_an_invitation_in_a_custom_zone_is_planned_in_the_mailboxs_zone_with_a_warning(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.mailbox_zone = "Eastern Standard Time"
    ms.seed(
        ACME,
        datetime(2026, 12, 3, 15, 0, tzinfo=NY),
        zone="Eastern Standard Time",
        shown_zone="tzone://Microsoft/Custom",  # as invitations from other systems arrive
    )
    sync()  # --timezone UTC: the mailbox's zone still decides, not UTC
    assert follow_ups(ms) == [
        ("thank-you", datetime(2026, 12, 3, 17, 0, tzinfo=NY)),
        ("follow-up-call", datetime(2026, 12, 10, 10, 0, tzinfo=NY)),
    ]
    read = microsoft.open_source("microsoft", context(state_dir)).read(
        since=NOW - timedelta(days=30), until=NOW + timedelta(days=365)
    )
    assert read.time_zone == "America/New_York"
    assert read.warnings == [
        f"event {ACME!r} is in a time zone with no known name ('tzone://Microsoft/Custom'); "
        "read in the mailbox's zone America/New_York"
    ]


def test_the_mailboxs_zone_is_read_once_and_again_when_the_delta_window_is_renewed(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.mailbox_zone = "W. Europe Standard Time"
    ms.seed(ACME, datetime(2027, 1, 20, 10, 0))
    sync()
    sync()
    paths = [r.path for r in ms.graph_requests()]
    assert paths.count("/v1.0/me/mailboxSettings") == 1
    # the user moved: once the delta window is renewed (a month on), the new zone counts
    ms.mailbox_zone = "Eastern Standard Time"
    ms.reset_records()
    sync(NOW + timedelta(days=40))
    assert [r.path for r in ms.graph_requests()].count("/v1.0/me/mailboxSettings") == 1
    read = microsoft.open_source("microsoft", context(state_dir, NOW + timedelta(days=40))).read(
        since=NOW + timedelta(days=10), until=NOW + timedelta(days=405)
    )
    assert read.time_zone == "America/New_York"


def test_an_all_day_interview_keeps_its_date(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.mailbox_zone = "Eastern Standard Time"
    ms.seed(ACME, datetime(2027, 1, 20), 1440, zone="Eastern Standard Time", all_day=True)
    sync()
    assert follow_ups(ms)[0] == ("thank-you", datetime(2027, 1, 20, 17, 0, tzinfo=NY))


def test_without_the_mailboxs_zone_an_all_day_interview_still_keeps_its_date(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    """Graph then answers in UTC: the all-day event comes as midnight UTC, which is the evening
    before in New York; its date is what counts."""
    ms.mailbox_zone = None
    ms.seed(ACME, datetime(2027, 1, 20), 1440, zone="Eastern Standard Time", all_day=True)
    sync(timezone="America/New_York")
    assert follow_ups(ms)[0] == ("thank-you", datetime(2027, 1, 20, 17, 0, tzinfo=NY))
    read = microsoft.open_source("microsoft", context(state_dir, timezone="America/New_York")).read(
        since=NOW - timedelta(days=30), until=NOW + timedelta(days=365)
    )
    assert read.time_zone == "America/New_York"
    assert len(read.warnings) == 1
    assert read.warnings[0].startswith("cannot read the mailbox's time zone (HTTP 403")


def test_after_a_429_no_batch_leaves_before_retry_after_has_passed(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    for n in range(30):  # 60 follow-ups: three batches of 20
        ms.seed(f"Phone screen - Globex{n} - Data Analyst", datetime(2026, 12, 2 + n % 20, 9, 0))
    # mailboxSettings, the delta read and the first batch pass; its first item is throttled
    ms.next_statuses.extend([0, 0, 0, 429])
    outcome = sync()
    assert len(outcome.created) == 60
    assert ms.retry_after_violations == 0
    assert sleeps and sleeps[0] > 0.9  # the second batch waited out the Retry-After


def test_a_batch_whose_answer_is_lost_with_its_connection_makes_no_copies(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    ms.drop_batch_answers = 1
    outcome = sync()
    assert len(outcome.created) == 2
    assert len(ms.calsync_events()) == 2
    assert not sync().wrote


def test_the_emulator_refuses_a_batch_item_with_a_body_and_no_content_type(
    ms: GraphEmulator, signed_in: Path
) -> None:
    token = auth.SignedIn("").token()
    item = {"method": "POST", "url": "/me/calendar/events", "body": {"subject": "x"}}
    answer = requests.post(
        f"{ms.graph}/$batch",
        json={"requests": [{"id": "1", **item}]},
        headers={"Authorization": f"Bearer {token}"},
        verify=str(ms.ca_file),
        timeout=30,
    ).json()
    assert answer["responses"][0]["status"] == 400
    assert ms.store.live() == []


def test_graph_answers_in_utc_unless_asked_and_all_day_at_midnight_there(
    ms: GraphEmulator,
) -> None:
    timed = ms.seed(ACME, datetime(2027, 1, 20, 15, 0, tzinfo=NY), zone="Eastern Standard Time")
    day = ms.seed("Onsite", datetime(2027, 1, 20), 1440, zone="Tokyo Standard Time", all_day=True)
    assert timed.as_json()["start"] == {
        "dateTime": "2027-01-20T20:00:00.0000000",
        "timeZone": "UTC",
    }
    asked = timed.as_json(zone="Pacific Standard Time")["start"]
    assert asked == {"dateTime": "2027-01-20T12:00:00.0000000", "timeZone": "Pacific Standard Time"}
    assert day.as_json()["start"]["dateTime"] == f"{date(2027, 1, 20).isoformat()}T00:00:00.0000000"
    assert day.as_json(zone="Eastern Standard Time")["end"] == {
        "dateTime": "2027-01-21T00:00:00.0000000",
        "timeZone": "Eastern Standard Time",
    }
