"""Signing in to Microsoft with the device code, the token cache, and a revoked grant (exit 3)."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from calsync.adapters.microsoft import auth
from calsync.cli import cli
from calsync.errors import AuthError, ConfigError
from tests.msgraph.conftest import Sleeps, sync
from tests.msgraph.emulator.server import CLIENT_ID, GraphEmulator

ACME = "Interview with Acme — Senior Engineer"


def test_calsync_auth_microsoft_prints_a_code_and_saves_a_private_cache(
    ms: GraphEmulator, tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["auth", "--microsoft"])
    assert result.exit_code == 0, result.output
    assert "CALSYNC7" in result.output and "https://microsoft.com/devicelogin" in result.output
    cache = tmp_path / "ms-cache.json"
    assert "Signed in to Microsoft" in result.output and str(cache) in result.output
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    # the cache holds the grant, never shown: the refresh token does not reach the output
    assert next(iter(ms.refresh_tokens)) not in result.output


@pytest.mark.filterwarnings("ignore:Attempted too soon")  # the test's sleeps take no time
def test_the_device_code_is_polled_until_granted_slowing_down_when_asked(
    ms: GraphEmulator, sleeps: Sleeps
) -> None:
    ms.device_script = ["authorization_pending", "slow_down", "authorization_pending"]
    lines: list[str] = []
    path = auth.run_device_flow(CLIENT_ID, echo=lines.append, sleep=sleeps)
    assert ms.polls == ["authorization_pending", "slow_down", "authorization_pending", "grant"]
    assert sleeps == [1, 6, 6]
    assert "enter CALSYNC7" in lines[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_expired_code_is_an_auth_error_saying_what_to_run(
    ms: GraphEmulator, sleeps: Sleeps
) -> None:
    ms.device_script = ["authorization_pending", "expired_token"]
    with pytest.raises(AuthError, match="calsync auth --microsoft") as caught:
        auth.run_device_flow(CLIENT_ID, echo=lambda _l: None, sleep=sleeps)
    assert caught.value.exit_code == 3
    assert "expired" in str(caught.value)


def test_a_missing_client_id_is_a_config_error(
    ms: GraphEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALSYNC_MS_CLIENT_ID")
    with pytest.raises(ConfigError, match="microsoft_client_id"):
        auth.run_device_flow("", echo=lambda _l: None)


def test_the_client_id_can_come_from_the_config_file(
    ms: GraphEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALSYNC_MS_CLIENT_ID")
    config = tmp_path / "config.toml"
    config.write_text(f'microsoft_client_id = "{CLIENT_ID}"\n', encoding="utf-8")
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    result = CliRunner().invoke(cli, ["auth", "--microsoft"])
    assert result.exit_code == 0, result.output


def test_a_silent_refresh_is_saved_to_the_cache(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(ACME, datetime(2026, 12, 3, 10, 0))
    before = signed_in.read_text(encoding="utf-8")
    ms.expire_access_tokens()  # Graph answers 401: calsync refreshes once and goes on
    outcome = sync()
    assert len(outcome.created) == 2
    assert ms.refreshes == 1
    after = signed_in.read_text(encoding="utf-8")
    assert after != before
    assert stat.S_IMODE(signed_in.stat().st_mode) == 0o600
    # the rotated refresh token is the one saved: a second refresh works too
    ms.expire_access_tokens()
    sync()
    assert ms.refreshes == 2


def test_a_revoked_grant_exits_3_saying_to_run_calsync_auth_microsoft(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.revoke()
    with pytest.raises(AuthError) as caught:
        sync()
    assert caught.value.exit_code == 3
    assert "calsync auth --microsoft" in str(caught.value)
    assert "Google" not in str(caught.value)


def test_no_cache_at_all_is_an_auth_error(
    ms: GraphEmulator, state_dir: Path, sleeps: Sleeps
) -> None:
    with pytest.raises(AuthError, match="not signed in to Microsoft.*calsync auth --microsoft"):
        sync()


def test_googles_message_is_unchanged() -> None:
    assert str(AuthError()) == (
        "Google authorisation needed: run `calsync auth` to sign in to Google again"
    )


def test_status_tells_whether_the_microsoft_sign_in_works(
    ms: GraphEmulator, signed_in: Path
) -> None:
    polls = len(ms.polls)
    works = CliRunner().invoke(cli, ["auth", "--microsoft", "--status"])
    assert works.exit_code == 0, works.output
    assert "Microsoft sign-in works" in works.output and str(signed_in) in works.output
    assert len(ms.polls) == polls  # no new sign-in was started
    ms.revoke()
    ms.expire_access_tokens()
    revoked = CliRunner().invoke(cli, ["auth", "--microsoft", "--status"])
    assert revoked.exit_code == 3
    assert "calsync auth --microsoft" in revoked.output
