"""Issue 18, part A: a hostile server, path or setting at calsync's edges cannot stall a run.

One row per attack, on loopback only, each in a few seconds (the limits that would take minutes
are set small, as a test's configuration): the exit code SPEC gives, one line naming the host or
file, the user's file intact, no secret in the output.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calsync.adapters import download, fetch
from calsync.adapters.caldav import location
from calsync.adapters.caldav.http import Session, calendar_props_body
from calsync.adapters.caldav.location import Credentials, password_from_command
from calsync.cli import cli
from calsync.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "interviews.ics"
WINDOW = ("--since", "2026-11-01", "--until", "2027-03-01")
CALENDAR = EXAMPLE.read_bytes()

Talk = Callable[[socket.socket, bytes], None]  # one connection: the socket and the request read


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    monkeypatch.delenv("CALSYNC_CALDAV_USER", raising=False)
    monkeypatch.delenv("CALSYNC_CALDAV_PASSWORD", raising=False)
    monkeypatch.chdir(tmp_path)


class Server:
    """A loopback TCP server that answers each connection with `talk`, and keeps the requests."""

    def __init__(self, talk: Talk) -> None:
        self.requests: list[bytes] = []
        self._talk = talk
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            request = b""
            try:
                while b"\r\n\r\n" not in request or len(request) < _length(request):
                    piece = conn.recv(4096)
                    if not piece:
                        return
                    request += piece
                self.requests.append(request)
                self._talk(conn, request)
            except OSError:  # the client hung up: what an attack hopes for
                return

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._listener.close()


def _length(request: bytes) -> int:
    """The whole request's length once its head is in: the head and the body it announces."""
    head, _, _ = request.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(head) + 4 + int(value)
    return len(head) + 4


@pytest.fixture
def serve() -> Iterator[Callable[[Talk], Server]]:
    started: list[Server] = []

    def start(talk: Talk) -> Server:
        started.append(Server(talk))
        return started[-1]

    yield start
    for server in started:
        server.close()


def _calendar(conn: socket.socket, request: bytes) -> None:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Length: {len(CALENDAR)}\r\n"
    conn.sendall(head.encode() + b"Connection: close\r\n\r\n" + CALENDAR)


def _redirect(to: str) -> Talk:
    def talk(conn: socket.socket, request: bytes) -> None:
        conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n".encode())

    return talk


def _sync(source: str, target: Path, *more: str) -> Result:
    return CliRunner().invoke(cli, ["sync", "--from", source, "--to", str(target), *WINDOW, *more])


def _one_line(result: Result, *, exit_code: int, names: str) -> str:
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert names in lines[0] and "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def earlier(tmp_path: Path) -> tuple[Path, bytes]:
    """The user's out.ics from an earlier good run: what every failed run must leave alone."""
    target = tmp_path / "out.ics"
    assert _sync(str(EXAMPLE), target).exit_code == 0
    return target, target.read_bytes()


# ---- 1. every download ends: a total deadline, and only regular files ---------------------


def _one_byte_at_a_time(conn: socket.socket, request: bytes) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\n\r\n")
    for byte in CALENDAR * 100:
        conn.sendall(bytes([byte]))
        time.sleep(0.05)


def _headers_one_byte_at_a_time(conn: socket.socket, request: bytes) -> None:
    for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Filler: " + b"x" * 60000:
        conn.sendall(bytes([byte]))
        time.sleep(0.05)


@pytest.mark.parametrize("talk", [_one_byte_at_a_time, _headers_one_byte_at_a_time])
def test_a_server_that_trickles_cannot_keep_the_run_past_the_download_deadline(
    talk: Talk,
    serve: Callable[[Talk], Server],
    earlier: tuple[Path, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(download, "DOWNLOAD_LIMIT", 1.5)  # 300 s in real runs
    target, before = earlier
    server = serve(talk)
    began = time.monotonic()
    result = _sync(f"{server.url}/private-abc/cal.ics", target)
    took = time.monotonic() - began
    line = _one_line(result, exit_code=1, names="http://127.0.0.1")
    assert "did not finish within 1.5 seconds" in line
    assert "private-abc" not in line
    assert took < 4, took  # each byte arrives well within the per-read timeout
    assert target.read_bytes() == before


def _calsync(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """calsync in a process of its own: a run that blocks fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "calsync", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _special(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.ics"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(path))
        listener.close()
    else:
        path.symlink_to("/dev/zero")  # a link is followed: what counts is the device
    return path


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
@pytest.mark.parametrize("side", ["--from", "--to"])
def test_a_pipe_device_or_socket_is_refused_not_waited_on(
    kind: str, side: str, tmp_path: Path
) -> None:
    special = _special(kind, tmp_path)
    mode = special.stat().st_mode
    other = str(EXAMPLE) if side == "--to" else str(tmp_path / "out.ics")
    source, target = (other, str(special)) if side == "--to" else (str(special), other)
    began = time.monotonic()
    done = _calsync("sync", "--from", source, "--to", target, *WINDOW, cwd=tmp_path)
    assert time.monotonic() - began < 10
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "not a regular file" in done.stderr
    assert str(special) in done.stderr
    assert special.stat().st_mode == mode  # still what it was: nothing replaced it
    assert not (tmp_path / "out.ics").exists()


def test_a_symlinked_source_is_followed(tmp_path: Path) -> None:
    link = tmp_path / "calendar.ics"
    link.symlink_to(EXAMPLE)
    result = _sync(str(link), tmp_path / "out.ics")
    assert result.exit_code == 0, result.output
    assert "28 created" in result.output


# ---- 2. a symlinked target is written through --------------------------------------------


@pytest.mark.parametrize("exists", [True, False], ids=["real file there", "link dangling"])
def test_a_symlinked_target_is_written_through_and_stays_a_link(
    exists: bool, tmp_path: Path
) -> None:
    synced = tmp_path / "Dropbox" / "calendars"
    synced.mkdir(parents=True)
    real = synced / "followups.ics"
    if exists:  # an earlier run, under another name, wrote the real file
        assert _sync(str(EXAMPLE), real, "--name", "Sam Lee").exit_code == 0
    before = real.read_bytes() if exists else b""
    link = tmp_path / "followups.ics"
    link.symlink_to(real)
    first = _sync(str(EXAMPLE), link)
    assert first.exit_code == 0, first.output
    assert link.is_symlink() and link.resolve() == real
    after = real.read_bytes()
    assert after != before and after.count(b"BEGIN:VEVENT") >= 28  # the real file has them all
    assert sorted(p.name for p in synced.iterdir()) == ["followups.ics"]  # no temporary left
    again = _sync(str(EXAMPLE), link)
    assert again.exit_code == 0 and "unchanged" in again.output  # the real file was read back


# ---- 3. credentials in a URL -------------------------------------------------------------


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every host name handed to the system resolver during the test."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def recorded(host: object, *args: object, **kwargs: object) -> object:
        asked.append(str(host))
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", recorded)
    return asked


def test_a_login_in_a_loopback_url_is_the_basic_login_and_never_a_host_name(
    serve: Callable[[Talk], Server], lookups: list[str], tmp_path: Path
) -> None:
    server = serve(_calendar)
    address = server.url.replace("http://", "http://alex:s3cr%40t@") + "/cal.ics"
    result = _sync(address, tmp_path / "out.ics")
    assert result.exit_code == 0, result.output
    (request,) = server.requests
    login = base64.b64encode(b"alex:s3cr@t").decode()
    assert f"Authorization: Basic {login}".encode() in request
    assert b"Host: 127.0.0.1:" in request and b"alex" not in request.split(b"\r\n")[1]
    assert lookups and all("@" not in host and "s3cr" not in host for host in lookups)
    assert "s3cr" not in result.output and "alex" not in result.output


def test_a_login_is_not_carried_on_by_a_redirect(serve: Callable[[Talk], Server]) -> None:
    landing = serve(_calendar)
    hop = serve(_redirect(f"{landing.url}/cal.ics"))
    body = fetch.read_bytes(hop.url.replace("http://", "http://alex:s3cret@") + "/cal.ics")
    assert body == CALENDAR
    assert b"Authorization" in hop.requests[0]
    assert b"Authorization" not in landing.requests[0]


@pytest.mark.parametrize("host", ["calendar.invalid", "10.1.2.3"])
def test_a_login_in_a_plain_http_url_to_another_machine_is_refused_unsent(
    host: str, lookups: list[str], tmp_path: Path
) -> None:
    result = _sync(f"http://alex:s3cret@{host}/cal.ics", tmp_path / "out.ics")
    line = _one_line(result, exit_code=2, names=f"http://{host}/")
    assert "https://" in line  # where the login may go
    assert "s3cret" not in result.output and "alex" not in result.output
    assert lookups == []  # refused before any lookup


def test_a_login_in_an_https_url_looks_up_only_the_host(lookups: list[str], tmp_path: Path) -> None:
    result = _sync("https://alex:s3cret@calendar.invalid/cal.ics", tmp_path / "out.ics")
    _one_line(result, exit_code=1, names="https://calendar.invalid/")
    assert lookups == ["calendar.invalid"]
    assert "s3cret" not in result.output


# ---- 4. redirects --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("to", "why"),
    [
        ("ftp://127.0.0.1/cal.ics", "ftp://"),
        ("file:///etc/passwd", "file://"),
    ],
)
def test_a_redirect_away_from_http_is_refused(
    to: str, why: str, serve: Callable[[Talk], Server], earlier: tuple[Path, bytes]
) -> None:
    target, before = earlier
    result = _sync(f"{serve(_redirect(to)).url}/cal.ics", target)
    line = _one_line(result, exit_code=2, names="http://127.0.0.1")
    assert why in line and "not followed" in line
    assert target.read_bytes() == before


def test_a_redirect_from_https_down_to_http_is_refused() -> None:
    # no certificate on loopback: the rule itself, as the redirect handler asks it
    why = download.redirect_refused("https://a.example/c.ics", "http://a.example/c.ics", 0)
    assert why == "a redirect from https:// down to http://"


@pytest.mark.parametrize(("hops", "exit_code"), [(5, 0), (6, 2)])
def test_at_most_five_redirects_are_followed(
    hops: int, exit_code: int, serve: Callable[[Talk], Server], tmp_path: Path
) -> None:
    url = f"{serve(_calendar).url}/cal.ics"
    for _ in range(hops):
        url = f"{serve(_redirect(url)).url}/cal.ics"
    result = _sync(url, tmp_path / "out.ics")
    assert result.exit_code == exit_code, result.output
    if exit_code:
        assert "more than 5 redirects" in result.stderr


# ---- 6. the password command ---------------------------------------------------------------


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"  # killed, waiting only for its parent to collect it


def test_a_stuck_password_command_is_stopped_with_everything_it_started(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    began = time.monotonic()
    with pytest.raises(ConfigError, match="did not finish within 1 seconds"):
        password_from_command(f"sleep 300 & echo $! > {pids}; sleep 300", limit=1)
    assert time.monotonic() - began < 5
    child = int(pids.read_text())
    deadline = time.monotonic() + 3
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


def test_a_stuck_password_command_is_exit_2_in_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(location, "PASSWORD_COMMAND_LIMIT", 1.0)  # 30 s in real runs
    config = tmp_path / "config.toml"
    config.write_text('caldav_user = "alex"\ncaldav_password_command = "sleep 300"\n')
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    began = time.monotonic()
    result = _sync("caldav+http://127.0.0.1:9/cal/", tmp_path / "out.ics")
    assert time.monotonic() - began < 5
    _one_line(result, exit_code=2, names="caldav_password_command")


# ---- 7. out-of-range dates, garbage and silence --------------------------------------------


@pytest.mark.parametrize(
    "dates",
    [
        ("--since", "0001-01-01", "--until", "9999-12-31"),
        ("--until", "+99999999w"),
        ("--since", "-" + "9" * 5000 + "d"),
    ],
    ids=["year 1 to 9999", "+99999999w", "5000 digits"],
)
def test_a_date_out_of_range_is_a_usage_error(
    dates: tuple[str, ...], earlier: tuple[Path, bytes]
) -> None:
    target, before = earlier
    result = CliRunner().invoke(cli, ["sync", "--from", str(EXAMPLE), "--to", str(target), *dates])
    line = _one_line(result, exit_code=2, names="is outside 1900-01-01 … 2199-12-31")
    assert len(line) < 200
    assert target.read_bytes() == before


def test_a_date_out_of_range_in_the_config_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("until = 9999-12-31\n")
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    result = CliRunner().invoke(cli, ["plan", "--from", str(EXAMPLE)])
    _one_line(result, exit_code=2, names="until")


def _garbage(conn: socket.socket, request: bytes) -> None:
    conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")


def _broken_chunks(conn: socket.socket, request: bytes) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nBEGIN\r\n")


def _silent(conn: socket.socket, request: bytes) -> None:
    time.sleep(3)


def _failing(conn: socket.socket, request: bytes) -> None:
    conn.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")


@pytest.mark.parametrize(
    ("talk", "says"),
    [
        (_garbage, "not HTTP"),
        (_broken_chunks, "not HTTP"),
        (_silent, "no answer within 0.5 seconds"),
        (_failing, "HTTP 503"),
    ],
    ids=["garbage status line", "broken chunks", "never answers", "server error"],
)
def test_a_failing_server_is_exit_1_naming_the_host(
    talk: Talk,
    says: str,
    serve: Callable[[Talk], Server],
    earlier: tuple[Path, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetch, "URL_TIMEOUT", 0.5)
    target, before = earlier
    server = serve(talk)
    result = _sync(f"{server.url}/private-abc/cal.ics", target)
    line = _one_line(result, exit_code=1, names=server.url)
    assert says in line and "private-abc" not in line
    assert target.read_bytes() == before


def _error_page(conn: socket.socket, request: bytes) -> None:
    page = b"<html><body><h1>500 Internal Server Error</h1><br></body></html>"
    head = f"HTTP/1.1 500 Internal Server Error\r\nContent-Length: {len(page)}\r\n"
    conn.sendall(head.encode() + b"Content-Type: text/xml\r\nConnection: close\r\n\r\n" + page)


def test_a_caldav_server_error_is_reported_as_the_http_error(
    serve: Callable[[Talk], Server],
) -> None:
    server = serve(_error_page)
    place = location.parse(f"caldav+{server.url}/cal/")
    session = Session(place, Credentials(user=None), sleep=lambda _seconds: None)
    reply = session.request("PROPFIND", place.url, calendar_props_body(), {"Depth": "0"})
    assert reply.status == 500
    assert len(server.requests) == 5  # a 500 is transient: retried, then given up
    error = session.failed("reading the calendar", reply)
    assert error.exit_code == 1
    assert str(error) == f"caldav+{server.url}/cal/: reading the calendar failed (HTTP 500)"
