"""`calsync auth --no-browser` end to end: the real google-auth-oauthlib installed-app flow on a
loopback port, the consent redirect made by the test (as the user's browser would), the code
exchanged at the emulator's token endpoint, and the token saved with mode 0600."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from click.testing import CliRunner

from calsync.cli import cli
from tests.emulator.oauth import CLIENT_ID, CLIENT_SECRET, CONSENT_CODE
from tests.emulator.server import CalendarEmulator

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _client_file(path: Path, emulator: CalendarEmulator) -> Path:
    path.write_text(
        json.dumps(
            {
                "installed": {
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "auth_uri": emulator.url + "o/oauth2/auth",
                    "token_uri": emulator.token_uri,
                    "redirect_uris": ["http://localhost"],
                }
            }
        )
    )
    return path


def test_sign_in_without_a_browser_saves_a_working_token(tmp_path: Path, monkeypatch: Any) -> None:
    with CalendarEmulator() as emulator:
        token = tmp_path / "token.json"
        port = _free_port()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "CALSYNC_TOKEN": str(token),
            "CALSYNC_API_ENDPOINT": emulator.url,
            # oauthlib refuses plain http unless told; only the loopback emulator needs this
            "OAUTHLIB_INSECURE_TRANSPORT": "1",
        }
        secrets_file = _client_file(tmp_path / "client_secret.json", emulator)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "calsync",
                "auth",
                "--client-secrets",
                str(secrets_file),
                "--no-browser",
                "--port",
                str(port),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        address = ""
        for line in proc.stdout:
            if line.startswith(emulator.url):
                address = line.strip()
                break
        assert address, "calsync auth --no-browser printed no sign-in address"
        query = parse_qs(urlsplit(address).query)
        assert query["scope"] == ["https://www.googleapis.com/auth/calendar.events.owned"]
        assert query["redirect_uri"] == [f"http://localhost:{port}/"]
        consent = urlencode(
            {"code": CONSENT_CODE, "state": query["state"][0], "scope": query["scope"][0]}
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?{consent}", timeout=10) as page:
            assert page.status == 200
        rest, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert f"token saved to {token}" in rest
        assert oct(token.stat().st_mode & 0o777) == "0o600"
        saved = json.loads(token.read_text())
        assert saved["refresh_token"].startswith("consented-")
        assert saved["refresh_token"] not in rest + err and saved["token"] not in rest + err

        monkeypatch.setenv("CALSYNC_TOKEN", str(token))
        monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)
        status = CliRunner().invoke(cli, ["auth", "--status"])
        assert status.exit_code == 0, status.output
        assert "works" in status.output and "calendar.events.owned" in status.output
        assert saved["token"] not in status.output


def test_status_without_a_token_says_to_sign_in(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("CALSYNC_TOKEN", str(tmp_path / "none.json"))
    result = CliRunner().invoke(cli, ["auth", "--status"])
    assert result.exit_code == 3
    assert "calsync auth" in result.output


def test_a_missing_client_file_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["auth", "--client-secrets", str(tmp_path / "nope.json"), "--no-browser"]
    )
    assert result.exit_code == 2
    assert "nope.json" in result.output
