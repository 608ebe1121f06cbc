"""Issue 13, item 10: `--to -`, URL names, the first Google sign-in, zone labels, --timezone."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import ME, Ev, calendar_bytes, write_calendar

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
RANGE = ["--since", "2026-12-01", "--until", "2027-02-28"]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _two_zones() -> list[Ev]:
    jane = ("jane@acme.com", "Jane Doe", "ACCEPTED")
    hans = ("hans@globex.de", "Hans Weber", "ACCEPTED")
    return [
        # listed first, but 14:00 UTC: after the Berlin one at 11:00 UTC
        Ev("ny", "Interview with Acme — Analyst", datetime(2026, 12, 10, 9, tzinfo=NEW_YORK),
           attendees=[jane, ME]),
        Ev("de", "Interview with Globex — Engineer", datetime(2026, 12, 10, 12, tzinfo=BERLIN),
           attendees=[hans, ME]),
    ]  # fmt: skip


# ---- a. --to - ---------------------------------------------------------------------------------


def test_to_dash_writes_the_calendar_to_stdout(tmp_path: Path) -> None:
    source = str(write_calendar(tmp_path / "in.ics", _two_zones()))
    for _ in range(2):  # stdout holds nothing from before: every run writes the whole calendar
        code, out, err = _run("sync", "--from", source, "--to", "-", *RANGE)
        assert code == 0
        calendar = icalendar.Calendar.from_ical(out)
        titles = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
        assert len(titles) == 4
        assert any(t.startswith("Send thank-you note — Analyst at Acme") for t in titles)
        assert "<stdout>: 4 created" in err  # the summary goes to stderr
    assert not (tmp_path / "-").exists()


def test_to_dash_quiet_leaves_stderr_empty(tmp_path: Path) -> None:
    source = str(write_calendar(tmp_path / "in.ics", _two_zones()))
    code, out, err = _run("sync", "--from", source, "--to", "-", "--quiet", *RANGE)
    assert code == 0
    assert out.startswith("BEGIN:VCALENDAR")
    assert err == ""


def test_to_dash_with_json_is_a_usage_error(tmp_path: Path) -> None:
    source = str(write_calendar(tmp_path / "in.ics", _two_zones()))
    code, out, err = _run("sync", "--from", source, "--to", "-", "--json", *RANGE)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--json" in err and "--to -" in err
    assert not (tmp_path / "-").exists()


# ---- b. URL sources --------------------------------------------------------------------------


@pytest.fixture
def published(tmp_path: Path) -> Iterator[str]:
    body = calendar_bytes(_two_zones())

    class Publisher(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Publisher)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/private-s3cret/basic.ics?k=s3cret"
    server.shutdown()
    server.server_close()


def test_url_source_is_named_by_scheme_host_and_port(published: str) -> None:
    port = published.split("127.0.0.1:", 1)[1].split("/", 1)[0]
    for args in (["plan"], ["plan", "--json"], ["sync", "--to", "out.ics"]):
        code, out, err = _run(*args, "--from", published, *RANGE)
        assert code == 0
        assert f"http://127.0.0.1:{port}/…" in out
        assert "s3cret" not in out + err
    # a user name and password in the address never reach a message either
    with_login = published.replace("http://", "http://alex:hunter2@")
    _, out, err = _run("plan", "--from", with_login, *RANGE)
    assert "hunter2" not in out + err and "s3cret" not in out + err
    assert f"127.0.0.1:{port}" in out + err


# ---- c. Google without a token ---------------------------------------------------------------


def test_google_without_a_token_says_sign_in_not_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALSYNC_TOKEN", str(tmp_path / "never-signed-in.json"))
    for args in (["clean", "--to", "google"], ["plan", "--from", "google"]):
        code, _, err = _run(*args)
        assert code == 3
        assert "sign in with `calsync auth`" in err
        assert "again" not in err


@pytest.fixture
def revoking_token_endpoint() -> Iterator[str]:
    class Revoked(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the base class's name
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            body = b'{"error": "invalid_grant", "error_description": "Token has been revoked."}'
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Revoked)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/token"
    server.shutdown()
    server.server_close()


def test_google_with_a_revoked_token_says_sign_in_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, revoking_token_endpoint: str
) -> None:
    token = tmp_path / "token.json"
    token.write_text(
        json.dumps(
            {
                "client_id": "calsync-test.apps.googleusercontent.com",
                "client_secret": "not-a-secret",
                "refresh_token": "revoked-refresh-token",
                "token": "expired-access-token",
                "expiry": "2020-01-01T00:00:00Z",
                "token_uri": revoking_token_endpoint,
            }
        )
    )
    monkeypatch.setenv("CALSYNC_TOKEN", str(token))
    code, _, err = _run("clean", "--to", "google")
    assert code == 3
    assert "sign in to Google again" in err


# ---- d. plan labels zones and orders by instant -----------------------------------------------


def test_plan_labels_each_time_with_its_zone_in_order_of_instant(tmp_path: Path) -> None:
    source = write_calendar(tmp_path / "in.ics", _two_zones())
    code, out, _ = _run("plan", "--from", str(source), *RANGE)
    assert code == 0
    assert out.index("Engineer at Globex") < out.index("Analyst at Acme")
    assert "2026-12-10 12:00 CET  Interview with Globex" in out
    assert "2026-12-10 09:00 EST  Interview with Acme" in out
    code, out, _ = _run("plan", "--from", str(source), "--json", *RANGE)
    assert [a["company"] for a in json.loads(out)["applications"]] == ["Globex", "Acme"]


# ---- e. --timezone is for floating times only -------------------------------------------------

MIXED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//calsync tests//EN\r
X-WR-TIMEZONE:Europe/Berlin\r
BEGIN:VEVENT\r
UID:utc\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261210T090000Z\r
DTEND:20261210T100000Z\r
SUMMARY:Interview with Acme\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:floating\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261211T090000\r
DTEND:20261211T100000\r
SUMMARY:Interview with Globex\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:tokyo\r
DTSTAMP:20261101T000000Z\r
DTSTART;TZID=Asia/Tokyo:20261212T090000\r
DTEND;TZID=Asia/Tokyo:20261212T100000\r
SUMMARY:Interview with Initech\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.mark.parametrize("calendar_zone", [True, False])
def test_timezone_moves_floating_times_only(tmp_path: Path, calendar_zone: bool) -> None:
    data = MIXED if calendar_zone else MIXED.replace(b"X-WR-TIMEZONE:Europe/Berlin\r\n", b"")
    source = tmp_path / "mixed.ics"
    source.write_bytes(data)
    code, out, _ = _run(
        "plan", "--from", str(source), "--timezone", "America/New_York", "--json", *RANGE
    )
    assert code == 0
    found = {i["source_id"]: i for i in json.loads(out)["interviews"]}
    starts = {key: datetime.fromisoformat(i["start"]) for key, i in found.items()}
    assert starts["utc"] == datetime(2026, 12, 10, 9, tzinfo=UTC)  # the instant is kept
    assert starts["tokyo"] == datetime(2026, 12, 12, 9, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert starts["floating"] == datetime(2026, 12, 11, 9, tzinfo=NEW_YORK)
    # a UTC time is local in the calendar's zone when it names one, else in the given zone
    assert found["utc"]["timezone"] == ("Europe/Berlin" if calendar_zone else "America/New_York")
    assert found["tokyo"]["timezone"] == "Asia/Tokyo"
    assert found["floating"]["timezone"] == "America/New_York"
