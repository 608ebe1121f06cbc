"""The emulator, driven through the real google-api-python-client as calsync drives Google."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from google.auth.exceptions import RefreshError
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from calsync.core.identity import event_id
from tests.emulator.server import CalendarEmulator

ROOT = Path(__file__).resolve().parents[2]


def credentials_from(path: Path) -> Credentials:
    info = json.loads(path.read_text())
    loaded = Credentials.from_authorized_user_info(info)  # type: ignore[no-untyped-call]
    # google-auth swaps any token_uri in the file for Google's own; keep the emulator's, and
    # keep the expiry that the copy made by with_token_uri forgets.
    honoured: Credentials = loaded.with_token_uri(info["token_uri"])
    honoured.expiry = loaded.expiry
    return honoured


def connect(google: CalendarEmulator, token_file: Path) -> Any:
    return build(
        "calendar",
        "v3",
        credentials=credentials_from(token_file),
        client_options={"api_endpoint": google.api_endpoint},
        static_discovery=True,
        cache_discovery=False,
    )


def meeting(summary: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    return {"summary": summary, "start": {"dateTime": start}, "end": {"dateTime": end}, **extra}


def failure(call: Any) -> HttpError:
    with pytest.raises(HttpError) as caught:
        call.execute()
    return caught.value


def reason_of(error: HttpError) -> str:
    return str(error.error_details[0]["reason"])


@pytest.fixture
def google() -> Iterator[CalendarEmulator]:
    with CalendarEmulator() as emulator:
        yield emulator


@pytest.fixture
def service(google: CalendarEmulator, tmp_path: Path) -> Any:
    return connect(google, google.make_token_file(tmp_path / "token.json"))


def list_all(service: Any, **params: Any) -> tuple[list[dict[str, Any]], str, int]:
    """Every item of a list, its sync token and how many pages it took."""
    items, pages, token = [], 0, None
    while True:
        page = service.events().list(calendarId="primary", pageToken=token, **params).execute()
        pages += 1
        items += page["items"]
        token = page.get("nextPageToken")
        if token is None:
            return items, page["nextSyncToken"], pages


# -- events: insert, get, patch, update, delete ---------------------------------------------


def test_insert_answers_in_the_calendars_zone_and_get_returns_the_same(service: Any) -> None:
    body = meeting("Interview with Acme", "2026-03-02T15:00:00Z", "2026-03-02T16:00:00Z")
    body["end"]["timeZone"] = "Europe/London"
    created = service.events().insert(calendarId="primary", body=body).execute()

    assert created["start"] == {"dateTime": "2026-03-02T10:00:00-05:00"}
    assert created["end"] == {"dateTime": "2026-03-02T11:00:00-05:00", "timeZone": "Europe/London"}
    assert created["status"] == "confirmed" and created["sequence"] == 0
    assert created["iCalUID"] == created["id"] + "@google.com"
    assert service.events().get(calendarId="primary", eventId=created["id"]).execute() == created


def test_a_deterministic_calsync_id_is_accepted(service: Any) -> None:
    wanted = event_id("primary", "abc", "thank-you", 1)
    body = meeting("Send thank-you note", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z", id=wanted)
    assert service.events().insert(calendarId="primary", body=body).execute()["id"] == wanted


@pytest.mark.parametrize("bad_id", ["Interview-1", "abcw1234", "abc1", "ABCDE12345"])
def test_an_id_outside_base32hex_is_refused(service: Any, bad_id: str) -> None:
    body = meeting("x", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z", id=bad_id)
    error = failure(service.events().insert(calendarId="primary", body=body))
    assert error.status_code == 400 and reason_of(error) == "invalid"


def test_an_existing_id_conflicts_even_after_it_was_deleted(service: Any) -> None:
    body = meeting("Call", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z", id="abcde12345")
    service.events().insert(calendarId="primary", body=body).execute()
    error = failure(service.events().insert(calendarId="primary", body=body))
    assert (error.status_code, reason_of(error)) == (409, "duplicate")
    assert error.error_details[0]["message"] == "The requested identifier already exists."

    service.events().delete(calendarId="primary", eventId="abcde12345").execute()
    error = failure(service.events().insert(calendarId="primary", body=body))
    assert (error.status_code, reason_of(error)) == (409, "duplicate")


def test_deleting_leaves_a_cancelled_tombstone(google: CalendarEmulator, service: Any) -> None:
    body = meeting("Call", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z", id="abcde12345")
    service.events().insert(calendarId="primary", body=body).execute()
    service.events().delete(calendarId="primary", eventId="abcde12345").execute()

    got = service.events().get(calendarId="primary", eventId="abcde12345").execute()
    assert got["status"] == "cancelled" and got["summary"] == "Call"
    error = failure(service.events().delete(calendarId="primary", eventId="abcde12345"))
    assert (error.status_code, reason_of(error)) == (410, "deleted")
    assert service.events().list(calendarId="primary").execute()["items"] == []
    shown = service.events().list(calendarId="primary", showDeleted=True).execute()["items"]
    assert [(e["id"], e["status"]) for e in shown] == [("abcde12345", "cancelled")]
    assert google.events("primary") == []
    assert len(google.events("primary", include_deleted=True)) == 1


def test_unknown_event_and_unknown_calendar_are_not_found(service: Any) -> None:
    error = failure(service.events().get(calendarId="primary", eventId="nosuchevent"))
    assert (error.status_code, reason_of(error)) == (404, "notFound")
    error = failure(service.events().list(calendarId="someone@example.org"))
    assert (error.status_code, reason_of(error)) == (404, "notFound")


def test_patch_merges_private_properties_and_moving_raises_the_sequence(service: Any) -> None:
    body = meeting("Call", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z", description="keep")
    body["extendedProperties"] = {"private": {"calsync_kind": "thank-you", "fp": "1"}}
    created = service.events().insert(calendarId="primary", body=body).execute()

    patch = {
        "extendedProperties": {"private": {"fp": "2", "calsync_source": "abc"}},
        "start": {"dateTime": "2026-03-03T17:00:00Z"},
        "end": {"dateTime": "2026-03-03T17:15:00Z"},
    }
    patched = service.events().patch(calendarId="primary", eventId=created["id"], body=patch)
    patched = patched.execute()

    assert patched["extendedProperties"]["private"] == {
        "calsync_kind": "thank-you",
        "fp": "2",
        "calsync_source": "abc",
    }
    assert patched["description"] == "keep"
    assert patched["sequence"] == 1
    assert patched["etag"] != created["etag"] and patched["updated"] > created["updated"]


def test_update_replaces_the_whole_event(service: Any) -> None:
    body = meeting("Call", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z", description="old")
    created = service.events().insert(calendarId="primary", body=body).execute()
    replacement = meeting("Call again", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z")
    updated = (
        service.events()
        .update(calendarId="primary", eventId=created["id"], body=replacement)
        .execute()
    )
    assert updated["summary"] == "Call again" and "description" not in updated
    assert updated["sequence"] == 0 and updated["created"] == created["created"]


def test_a_stale_etag_is_refused(google: CalendarEmulator, service: Any) -> None:
    body = meeting("Call", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z")
    created = service.events().insert(calendarId="primary", body=body).execute()
    google.edit_event("primary", created["id"], summary="Renamed by the user")
    request = service.events().patch(
        calendarId="primary", eventId=created["id"], body={"summary": "calsync's title"}
    )
    request.headers["If-Match"] = created["etag"]
    error = failure(request)
    assert (error.status_code, reason_of(error)) == (412, "conditionNotMet")
    assert google.get("primary", created["id"])["summary"] == "Renamed by the user"  # type: ignore[index]


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        ({"dateTime": "2026-03-02T17:00:00Z"}, None, "required"),
        ({"dateTime": "2026-03-02T17:00:00"}, {"dateTime": "2026-03-02T18:00:00Z"}, "required"),
        (
            {"dateTime": "2026-03-02T17:00:00Z"},
            {"dateTime": "2026-03-02T16:00:00Z"},
            "timeRangeEmpty",
        ),
    ],
)
def test_impossible_times_are_refused(
    service: Any, start: dict[str, str], end: dict[str, str] | None, reason: str
) -> None:
    body: dict[str, Any] = {"summary": "x", "start": start}
    if end is not None:
        body["end"] = end
    error = failure(service.events().insert(calendarId="primary", body=body))
    assert (error.status_code, reason_of(error)) == (400, reason)


def test_a_local_time_with_its_zone_is_accepted(service: Any) -> None:
    body = {
        "summary": "Onsite",
        "start": {"dateTime": "2026-07-01T09:00:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-07-01T10:00:00", "timeZone": "Europe/Berlin"},
    }
    created = service.events().insert(calendarId="primary", body=body).execute()
    assert created["start"] == {
        "dateTime": "2026-07-01T03:00:00-04:00",
        "timeZone": "Europe/Berlin",
    }


# -- lists: pages, filters, sync tokens ---------------------------------------------------------


def test_six_thousand_events_come_in_three_pages_of_at_most_2500(
    google: CalendarEmulator, service: Any
) -> None:
    for n in range(6000):
        google.put_event(
            "primary", meeting(f"e{n}", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")
        )
    google.reset_counts()
    sizes = []
    token = None
    while True:
        page = (
            service.events().list(calendarId="primary", maxResults=5000, pageToken=token).execute()
        )
        sizes.append(len(page["items"]))
        token = page.get("nextPageToken")
        assert ("nextSyncToken" in page) == (token is None)
        if token is None:
            break
    assert sizes == [2500, 2500, 1000]
    assert google.http_requests == 3


def test_a_list_without_max_results_pages_by_250(google: CalendarEmulator, service: Any) -> None:
    for n in range(260):
        google.put_event(
            "primary", meeting(f"e{n}", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")
        )
    items, _, pages = list_all(service)
    assert pages == 2 and len({e["id"] for e in items}) == 260


def test_private_properties_and_the_time_window_filter_together(
    google: CalendarEmulator, service: Any
) -> None:
    def seed(summary: str, day: int, **private: str) -> None:
        start, end = f"2026-03-{day:02d}T17:00:00Z", f"2026-03-{day:02d}T18:00:00Z"
        props = {"extendedProperties": {"private": private}}
        google.put_event("primary", meeting(summary, start, end, **props))

    seed("ours, in range", 10, calsync_kind="thank-you", calsync_source="s1")
    seed("ours, other source", 10, calsync_kind="thank-you", calsync_source="s2")
    seed("ours, too late", 20, calsync_kind="thank-you", calsync_source="s1")
    seed("not ours", 10)
    items, _, _ = list_all(
        service,
        privateExtendedProperty=["calsync_kind=thank-you", "calsync_source=s1"],
        timeMin="2026-03-01T00:00:00Z",
        timeMax="2026-03-15T00:00:00-05:00",
    )
    assert [e["summary"] for e in items] == ["ours, in range"]


def test_incremental_sync_returns_only_changes_including_deletions(
    google: CalendarEmulator, service: Any
) -> None:
    kept = google.put_event(
        "primary", meeting("kept", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")
    )
    edited = google.put_event(
        "primary", meeting("edit", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")
    )
    gone = google.put_event(
        "primary", meeting("gone", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")
    )
    _, sync_token, _ = list_all(service, timeMin="2026-03-01T00:00:00Z")

    google.edit_event("primary", edited["id"], summary="edited by the user")
    google.delete_event("primary", gone["id"])
    far = meeting("far away", "2030-01-01T17:00:00Z", "2030-01-01T18:00:00Z")
    added = service.events().insert(calendarId="primary", body=far).execute()

    changes, next_token, _ = list_all(service, syncToken=sync_token)
    assert [e["id"] for e in changes] == [edited["id"], gone["id"], added["id"]]
    assert changes[0]["summary"] == "edited by the user"
    # A deleted event comes back with its id only, as Google promises no more.
    assert {k: v for k, v in changes[1].items() if k != "etag"} == {
        "kind": "calendar#event",
        "id": gone["id"],
        "status": "cancelled",
    }
    assert kept["id"] not in {e["id"] for e in changes}
    assert list_all(service, syncToken=next_token)[0] == []


def test_writes_made_while_paging_reach_the_next_sync(
    google: CalendarEmulator, service: Any
) -> None:
    for n in range(5):
        google.put_event(
            "primary", meeting(f"e{n}", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")
        )
    first = service.events().list(calendarId="primary", maxResults=2).execute()
    moved = google.edit_event("primary", first["items"][0]["id"], summary="moved meanwhile")
    rest, sync_token, _ = list_all(service, maxResults=2)  # a fresh full list is fine too
    page = (
        service.events()
        .list(calendarId="primary", maxResults=2, pageToken=first["nextPageToken"])
        .execute()
    )
    assert len(page["items"]) == 2 and len(rest) == 5
    changes, _, _ = list_all(service, syncToken=sync_token)
    assert changes == []
    # The token from the first list predates the edit, so its next sync carries it.
    while "nextPageToken" in page:
        page = (
            service.events()
            .list(calendarId="primary", maxResults=2, pageToken=page["nextPageToken"])
            .execute()
        )
    changes, _, _ = list_all(service, syncToken=page["nextSyncToken"])
    assert [e["id"] for e in changes] == [moved["id"]]


@pytest.mark.parametrize(
    "extra",
    [
        {"timeMin": "2026-03-01T00:00:00Z"},
        {"timeMax": "2026-03-01T00:00:00Z"},
        {"privateExtendedProperty": "calsync_kind=thank-you"},
        {"q": "interview"},
        {"orderBy": "updated"},
        {"iCalUID": "x@google.com"},
        {"updatedMin": "2026-03-01T00:00:00Z"},
    ],
)
def test_a_sync_token_refuses_parameters_that_would_narrow_it(
    service: Any, extra: dict[str, str]
) -> None:
    _, sync_token, _ = list_all(service)
    error = failure(service.events().list(calendarId="primary", syncToken=sync_token, **extra))
    assert (error.status_code, reason_of(error)) == (400, "invalid")


def test_an_invalidated_or_unknown_sync_token_needs_a_full_sync(
    google: CalendarEmulator, service: Any
) -> None:
    _, sync_token, _ = list_all(service)
    google.invalidate_sync_tokens()
    for token in (sync_token, "made-up-token"):
        error = failure(service.events().list(calendarId="primary", syncToken=token))
        assert (error.status_code, reason_of(error)) == (410, "fullSyncRequired")
    _, fresh, _ = list_all(service)
    assert list_all(service, syncToken=fresh)[0] == []


def test_ordering_by_start_time_needs_single_events(google: CalendarEmulator, service: Any) -> None:
    google.put_event("primary", meeting("later", "2026-03-05T17:00:00Z", "2026-03-05T18:00:00Z"))
    google.put_event("primary", meeting("sooner", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z"))
    error = failure(service.events().list(calendarId="primary", orderBy="startTime"))
    assert error.status_code == 400
    items, _, _ = list_all(service, orderBy="startTime", singleEvents=True)
    assert [e["summary"] for e in items] == ["sooner", "later"]


def test_a_list_tells_the_calendars_zone_and_renders_in_an_asked_zone(
    google: CalendarEmulator, service: Any
) -> None:
    google.put_event("primary", meeting("x", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z"))
    page = service.events().list(calendarId="primary", timeZone="Asia/Tokyo").execute()
    assert page["timeZone"] == "America/New_York"
    assert page["items"][0]["start"]["dateTime"] == "2026-03-03T02:00:00+09:00"


# -- batches ---------------------------------------------------------------------------------


def run_batch(google: CalendarEmulator, requests: list[Any]) -> dict[str, tuple[Any, Any]]:
    answers: dict[str, tuple[Any, Any]] = {}

    def callback(request_id: str, response: Any, exception: Any) -> None:
        answers[request_id] = (response, exception)

    batch = BatchHttpRequest(callback=callback, batch_uri=google.batch_uri)
    for request in requests:
        batch.add(request)
    batch.execute()
    return answers


def three_inserts(service: Any) -> list[Any]:
    return [
        service.events().insert(
            calendarId="primary",
            body=meeting(f"call {n}", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z"),
        )
        for n in range(3)
    ]


def test_a_batch_of_three_inserts_is_one_http_request(
    google: CalendarEmulator, service: Any
) -> None:
    google.reset_counts()
    answers = run_batch(google, three_inserts(service))
    assert sorted(r["summary"] for r, e in answers.values() if e is None) == [
        "call 0",
        "call 1",
        "call 2",
    ]
    assert google.http_requests == 1 and google.api_calls == 3
    assert [c.status for c in google.requests[0].calls] == [200, 200, 200]
    assert len(google.events("primary")) == 3


def test_a_fault_in_one_batch_part_fails_only_that_part(
    google: CalendarEmulator, service: Any
) -> None:
    google.inject(status=503, path_contains="/events")
    answers = run_batch(google, three_inserts(service))
    failed = {k: e for k, (_, e) in answers.items() if e is not None}
    assert list(failed) == ["1"] and failed["1"].status_code == 503
    assert len(google.events("primary")) == 2


def test_a_fault_on_the_batch_post_fails_the_whole_batch(
    google: CalendarEmulator, service: Any
) -> None:
    google.inject(status=500, path_contains="/batch/")
    with pytest.raises(HttpError) as caught:
        run_batch(google, three_inserts(service))
    assert caught.value.status_code == 500 and google.events("primary") == []


def test_a_batch_part_with_its_own_error_reports_it(google: CalendarEmulator, service: Any) -> None:
    again = meeting("x", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z", id="abcde12345")
    google.put_event("primary", again)
    answers = run_batch(
        google,
        [
            service.events().insert(calendarId="primary", body=again),
            service.events().delete(calendarId="primary", eventId="abcde12345"),
        ],
    )
    assert reason_of(answers["1"][1]) == "duplicate"
    assert answers["2"] == ("", None)


def test_a_batch_of_more_than_1000_parts_is_refused(google: CalendarEmulator) -> None:
    token = google.issue_access_token()
    part = (
        "--b\r\nContent-Type: application/http\r\nContent-ID: <x + {n}>\r\n\r\n"
        "GET /calendar/v3/calendars/primary/events HTTP/1.1\r\n\r\n\r\n"
    )
    body = "".join(part.format(n=n) for n in range(1001)) + "--b--\r\n"
    request = urllib.request.Request(
        google.batch_uri,
        data=body.encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "multipart/mixed; boundary=b"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request)
    assert caught.value.code == 400


# -- auth ------------------------------------------------------------------------------------


def test_an_expired_token_file_is_refreshed_at_the_token_endpoint(
    google: CalendarEmulator, tmp_path: Path
) -> None:
    service = connect(google, google.make_token_file(tmp_path / "t.json", expired=True))
    service.events().list(calendarId="primary").execute()
    assert [(r.path, r.status) for r in google.requests] == [
        ("/token", 200),
        ("/calendar/v3/calendars/primary/events", 200),
    ]


def test_an_access_token_expiring_meanwhile_is_refreshed_transparently(
    google: CalendarEmulator, service: Any
) -> None:
    service.events().list(calendarId="primary").execute()
    google.expire_access_tokens()
    google.reset_counts()
    service.events().list(calendarId="primary").execute()
    assert [r.status for r in google.requests] == [401, 200, 200]
    assert google.requests[1].path == "/token"


def test_a_revoked_refresh_token_cannot_be_refreshed(
    google: CalendarEmulator, tmp_path: Path
) -> None:
    service = connect(google, google.make_token_file(tmp_path / "t.json", expired=True))
    google.revoked_refresh_tokens.add("good-refresh")
    with pytest.raises(RefreshError, match="invalid_grant"):
        service.events().list(calendarId="primary").execute()


def test_an_unknown_refresh_token_cannot_be_refreshed(
    google: CalendarEmulator, tmp_path: Path
) -> None:
    token_file = google.make_token_file(tmp_path / "t.json", refresh_token="never-issued")
    service = connect(google, token_file)
    google.expire_access_tokens()
    with pytest.raises(RefreshError, match="expired or revoked"):
        service.events().list(calendarId="primary").execute()


def test_a_call_without_a_token_gets_googles_auth_error(google: CalendarEmulator) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(google.api_endpoint + "calendars/primary/events")
    assert caught.value.code == 401
    error = json.loads(caught.value.read())["error"]
    assert error["status"] == "UNAUTHENTICATED" and error["errors"][0]["reason"] == "authError"


def test_the_narrow_scope_cannot_read_calendar_metadata(service: Any) -> None:
    error = failure(service.calendars().get(calendarId="primary"))
    assert (error.status_code, reason_of(error)) == (403, "insufficientPermissions")


def test_someone_elses_calendar_is_read_only(google: CalendarEmulator, service: Any) -> None:
    google.add_calendar("team@group.calendar.google.com", access_role="reader", summary="Team")
    body = meeting("x", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")
    google.put_event("team@group.calendar.google.com", body)
    page = service.events().list(calendarId="team@group.calendar.google.com").execute()
    assert page["summary"] == "Team" and len(page["items"]) == 1
    error = failure(service.events().insert(calendarId="team@group.calendar.google.com", body=body))
    assert (error.status_code, reason_of(error)) == (403, "requiredAccessLevel")


# -- faults ----------------------------------------------------------------------------------


def test_one_dropped_connection_is_resent_by_httplib2_two_are_an_error(
    google: CalendarEmulator, service: Any
) -> None:
    google.drop_next_connection()
    assert service.events().list(calendarId="primary").execute()["items"] == []
    assert [r.status for r in google.requests] == [0, 200]

    google.reset_counts()
    google.drop_next_connection(2)
    body = meeting("x", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")
    with pytest.raises(http.client.RemoteDisconnected):
        service.events().insert(calendarId="primary", body=body).execute()
    assert [r.status for r in google.requests] == [0, 0]
    assert google.events("primary") == []


def test_a_fault_after_the_write_makes_the_retry_meet_a_duplicate(
    google: CalendarEmulator, service: Any
) -> None:
    body = meeting("x", "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z", id="abcde12345")
    google.inject(status=500, after_write=True)
    error = failure(service.events().insert(calendarId="primary", body=body))
    assert (error.status_code, reason_of(error)) == (500, "backendError")
    assert google.get("primary", "abcde12345") is not None
    assert (
        reason_of(failure(service.events().insert(calendarId="primary", body=body))) == "duplicate"
    )


@pytest.mark.parametrize(("status", "reason"), [(403, "userRateLimitExceeded"), (429, "")])
def test_injected_rate_limits_carry_googles_reasons(
    google: CalendarEmulator, service: Any, status: int, reason: str
) -> None:
    google.inject(status=status, reason=reason, count=2)
    for _ in range(2):
        error = failure(service.events().list(calendarId="primary"))
        assert error.status_code == status
        assert reason_of(error) == (reason or "rateLimitExceeded")
        assert error.error_details[0]["domain"] == "usageLimits"
    assert service.events().list(calendarId="primary").execute()["items"] == []


def test_random_faults_repeat_with_the_same_seed(tmp_path: Path) -> None:
    def statuses() -> list[int]:
        with CalendarEmulator() as google:
            service = connect(google, google.make_token_file(tmp_path / "t.json"))
            google.fault_rate, google.fault_seed = 0.5, 7
            seen = []
            for _ in range(20):
                try:
                    service.events().list(calendarId="primary").execute()
                    seen.append(200)
                except HttpError as error:
                    seen.append(error.status_code)
            return seen

    first = statuses()
    assert first == statuses()
    assert set(first) - {200} and set(first) <= {200, 403, 429, 500, 503}


def test_latency_slows_every_request(google: CalendarEmulator, service: Any) -> None:
    google.latency = 0.2
    began = time.monotonic()
    service.events().list(calendarId="primary").execute()
    assert time.monotonic() - began >= 0.2


# -- running by hand -------------------------------------------------------------------------


def test_the_module_runs_standalone_and_prints_its_url(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.emulator",
            "--port",
            "0",
            "--token-file",
            str(tmp_path / "t"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("Calendar API emulator at http://127.0.0.1:")
        url = line.split(" at ", 1)[1].strip()
        token = json.loads((tmp_path / "t").read_text())["token"]
        request = urllib.request.Request(
            url + "calendar/v3/calendars/primary/events",
            headers={"Authorization": f"Bearer {token}"},
        )
        with urllib.request.urlopen(request) as answer:
            assert json.loads(answer.read())["kind"] == "calendar#events"
    finally:
        process.terminate()
        process.wait(timeout=5)


def test_long_request_ids_survive_the_clients_header_folding(
    google: CalendarEmulator, service: Any
) -> None:
    answers: dict[str, Any] = {}
    batch = BatchHttpRequest(
        callback=lambda rid, response, error: answers.update({rid: error or response}),
        batch_uri=google.batch_uri,
    )
    long_id = "insert-" + event_id("primary", "source", "follow-up-call", 2)
    body = meeting("call", "2026-03-02T17:00:00Z", "2026-03-02T17:15:00Z")
    batch.add(service.events().insert(calendarId="primary", body=body), request_id=long_id)
    batch.execute()
    assert answers[long_id]["summary"] == "call"


def test_a_batch_after_the_access_token_expired_still_lands(
    google: CalendarEmulator, service: Any
) -> None:
    service.events().list(calendarId="primary").execute()
    google.expire_access_tokens()
    google.reset_counts()
    answers = run_batch(google, three_inserts(service))
    assert all(error is None for _, error in answers.values())
    assert len(google.events("primary")) == 3
    # Each part is refused on its own; the client refreshes and sends those parts again.
    assert [(r.path, r.status, [c.status for c in r.calls]) for r in google.requests] == [
        ("/batch/calendar/v3", 200, [401, 401, 401]),
        ("/token", 200, []),
        ("/batch/calendar/v3", 200, [200, 200, 200]),
    ]
