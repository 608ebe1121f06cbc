"""Auth and transport against the emulator: tokens, refreshes, endpoints, retries."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from googleapiclient.errors import HttpError

from calsync.adapters.google import auth, client
from calsync.errors import AuthError, SyncError, UsageError
from tests.emulator.server import CalendarEmulator
from tests.google.conftest import Sleeps


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_expired_access_token_is_refreshed_and_stored_private(
    emulator: CalendarEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = emulator.make_token_file(tmp_path / "token.json", expired=True)
    path.chmod(0o644)
    old = json.loads(path.read_text())["token"]
    monkeypatch.setenv("CALSYNC_TOKEN", str(path))

    credentials = auth.load_credentials()

    assert credentials.valid
    stored = json.loads(path.read_text())
    assert stored["token"] != old
    assert stored["token"] == credentials.token
    assert stored["refresh_token"] == "good-refresh"
    assert mode(path) == 0o600
    assert [r.path for r in emulator.requests] == ["/token"]
    assert list(tmp_path.glob(".token-*")) == []  # no temp file left behind


def test_a_refreshed_token_works_against_the_api(
    emulator: CalendarEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = emulator.make_token_file(tmp_path / "token.json", expired=True)
    monkeypatch.setenv("CALSYNC_TOKEN", str(path))
    monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)

    service = client.build_service(auth.load_credentials())
    page = service.events().list(calendarId="primary").execute()

    assert page["timeZone"] == "America/New_York"


def test_a_revoked_refresh_token_asks_to_sign_in_again(
    emulator: CalendarEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = emulator.make_token_file(tmp_path / "token.json", expired=True)
    emulator.revoked_refresh_tokens.add("good-refresh")
    monkeypatch.setenv("CALSYNC_TOKEN", str(path))

    with pytest.raises(AuthError) as caught:
        auth.load_credentials()

    assert caught.value.exit_code == 3
    assert "calsync auth" in str(caught.value)
    assert "good-refresh" not in str(caught.value)


def test_revoked_in_the_middle_of_a_run_is_an_auth_error(
    emulator: CalendarEmulator, token_file: Path, sleeps: Sleeps
) -> None:
    service = client.build_service(auth.load_credentials())
    emulator.revoked_refresh_tokens.add("good-refresh")

    with pytest.raises(AuthError):
        client.execute(
            service.events().list(calendarId="primary"), what="reading", max_retries=2, sleep=sleeps
        )


def test_no_token_file_asks_to_sign_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALSYNC_TOKEN", str(tmp_path / "missing.json"))

    with pytest.raises(AuthError, match="calsync auth") as caught:
        auth.load_credentials()

    assert str(tmp_path / "missing.json") in str(caught.value)


def test_a_damaged_token_file_asks_to_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "token.json"
    path.write_text("{not json")
    monkeypatch.setenv("CALSYNC_TOKEN", str(path))

    with pytest.raises(AuthError, match="calsync auth"):
        auth.load_credentials()


def test_status_names_the_scopes_and_never_the_token(token_file: Path) -> None:
    line = auth.status()

    assert "calendar.events.owned" in line
    assert "\n" not in line
    secrets = json.loads(token_file.read_text())
    assert secrets["token"] not in line
    assert secrets["refresh_token"] not in line


def test_the_narrowest_scope_unless_other_calendars_are_read() -> None:
    assert auth.scopes(False) == ["https://www.googleapis.com/auth/calendar.events.owned"]
    assert auth.scopes(True) == [
        "https://www.googleapis.com/auth/calendar.events.owned",
        "https://www.googleapis.com/auth/calendar.events.readonly",
    ]


def test_token_and_client_file_locations_follow_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALSYNC_TOKEN", str(tmp_path / "t.json"))
    monkeypatch.setenv("CALSYNC_CLIENT_SECRETS", str(tmp_path / "env.json"))

    assert auth.token_path() == tmp_path / "t.json"
    assert auth.client_secrets_path(None) == tmp_path / "env.json"
    assert auth.client_secrets_path(str(tmp_path / "flag.json")) == tmp_path / "flag.json"

    monkeypatch.delenv("CALSYNC_TOKEN")
    monkeypatch.delenv("CALSYNC_CLIENT_SECRETS")
    assert auth.token_path().name == "token.json"
    assert "calsync" in str(auth.token_path())
    assert auth.client_secrets_path(None).name == "client_secret.json"


@pytest.mark.parametrize("content", [None, "{}", "not json"])
def test_a_bad_client_file_is_a_usage_error_naming_it(tmp_path: Path, content: str | None) -> None:
    secrets = tmp_path / "client.json"
    if content is not None:
        secrets.write_text(content)

    with pytest.raises(UsageError) as caught:
        auth.run_flow(secrets, open_browser=False)

    assert caught.value.exit_code == 2
    assert str(secrets) in str(caught.value)


def test_the_api_root_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALSYNC_API_ENDPOINT", raising=False)
    assert client.api_root() == "https://www.googleapis.com/"
    assert client.batch_uri() == "https://www.googleapis.com/batch/calendar/v3"
    monkeypatch.setenv("CALSYNC_API_ENDPOINT", "http://127.0.0.1:9")
    assert client.api_root() == "http://127.0.0.1:9/"


def test_calls_and_batches_go_to_the_configured_root(
    emulator: CalendarEmulator, service: Any, sleeps: Sleeps
) -> None:
    client.execute(
        service.events().list(calendarId="primary"), what="reading", max_retries=0, sleep=sleeps
    )
    client.execute_batches(
        [("a", service.events().get(calendarId="primary", eventId="nosuchevent1"))],
        what="checking",
        batch_size=10,
        max_retries=0,
        sleep=sleeps,
    )

    assert [r.path for r in emulator.requests] == [
        "/calendar/v3/calendars/primary/events",
        "/batch/calendar/v3",
    ]


def test_a_single_call_is_retried_through_transient_failures(
    emulator: CalendarEmulator, service: Any, sleeps: Sleeps
) -> None:
    emulator.inject(status=503, reason="backendError", count=1)
    emulator.inject(status=429, reason="rateLimitExceeded", count=1)
    emulator.inject(status=403, reason="userRateLimitExceeded", count=1)

    page = client.execute(
        service.events().list(calendarId="primary"), what="reading", max_retries=6, sleep=sleeps
    )

    assert page["kind"] == "calendar#events"
    assert len(sleeps) == 3
    assert all(0 <= s <= client.MAX_BACKOFF_SECONDS for s in sleeps)


def test_a_forbidden_call_that_is_not_a_rate_limit_is_not_retried(
    emulator: CalendarEmulator, service: Any, sleeps: Sleeps
) -> None:
    emulator.inject(status=403, reason="forbidden", count=1)

    with pytest.raises(HttpError):
        client.execute(
            service.events().list(calendarId="primary"), what="reading", max_retries=6, sleep=sleeps
        )
    assert sleeps == []


def test_a_call_that_keeps_failing_gives_up_with_a_one_line_sync_error(
    emulator: CalendarEmulator, service: Any, sleeps: Sleeps
) -> None:
    emulator.inject(status=503, reason="backendError", count=100)

    with pytest.raises(SyncError) as caught:
        client.execute(
            service.events().list(calendarId="primary"), what="reading", max_retries=3, sleep=sleeps
        )

    assert caught.value.exit_code == 1
    assert "503" in str(caught.value) and "\n" not in str(caught.value)
    assert len(sleeps) == 3


def test_two_dropped_connections_in_a_row_are_retried(
    emulator: CalendarEmulator, service: Any, sleeps: Sleeps
) -> None:
    client.execute(  # open the kept-alive connection first
        service.events().list(calendarId="primary"), what="reading", max_retries=0, sleep=sleeps
    )
    emulator.drop_next_connection(2)

    page = client.execute(
        service.events().list(calendarId="primary"), what="reading", max_retries=3, sleep=sleeps
    )

    assert page["kind"] == "calendar#events"
    assert len(sleeps) >= 1


def test_a_token_file_never_sends_its_refresh_token_in_clear_text_off_this_machine(
    emulator: CalendarEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = emulator.make_token_file(tmp_path / "token.json", expired=True)
    info = json.loads(path.read_text())
    path.write_text(json.dumps({**info, "token_uri": "http://example.com/token"}))
    monkeypatch.setenv("CALSYNC_TOKEN", str(path))

    with pytest.raises(AuthError, match="token_uri"):
        auth.load_credentials()
    assert emulator.requests == []
