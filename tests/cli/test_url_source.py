"""A published calendar address as the source (Google's "secret address in iCal format")."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import read_events

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "interviews.ics"


class _Publisher(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if not self.path.endswith("/basic.ics"):
            self.send_error(404)
            return
        body = EXAMPLE.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def published() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Publisher)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/calendar/ical/secret123/basic.ics"
    server.shutdown()
    server.server_close()


def test_sync_from_a_published_address(
    published: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    out = tmp_path / "followups.ics"
    args = [
        "sync",
        "--from",
        published,
        "--to",
        str(out),
        "--since",
        "2026-11-01",
        "--until",
        "2027-03-01",
        "--name",
        "Alex Rivera",
        "--email",
        "alex.rivera@example.com",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "15 interviews" in result.output
    assert "secret123" not in result.output  # a secret address is not echoed
    events = read_events(out)
    assert len(events) == 28  # 15 thank-you notes, 13 calls: one per application
    assert any("Alex Rivera" in str(e["DESCRIPTION"]) for e in events.values())


def test_a_missing_published_calendar_is_one_line(published: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "sync",
            "--from",
            published.replace("basic.ics", "nope.ics"),
            "--to",
            str(tmp_path / "o.ics"),
        ],
    )
    assert result.exit_code == 2
    assert "HTTP 404" in result.output and "secret123" not in result.output


def test_a_server_that_is_down_is_a_sync_failure_not_bad_input(tmp_path: Path) -> None:
    """SPEC: exit 1 for a network failure (cron will simply try again), 2 for bad input."""
    import socket

    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = tmp_path / "o.ics"
    result = CliRunner().invoke(
        cli, ["sync", "--from", f"http://127.0.0.1:{port}/basic.ics", "--to", str(out)]
    )
    assert result.exit_code == 1
    assert "cannot be fetched" in result.output and not out.exists()
