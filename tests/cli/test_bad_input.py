"""Bad input through `calsync sync --from BAD --to out.ics`: exit 2, one line, no harm done.

SPEC: bad usage, config or input data exits 2 with one line that names the file (or URL) and
what is wrong, never a traceback; and the target is left exactly as it was — absent stays
absent, calsync's earlier output keeps its bytes.
"""

from __future__ import annotations

import http.server
import random
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calsync.adapters import fetch
from calsync.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "interviews.ics"
BAD = ROOT / "tests" / "data" / "bad"
WINDOW = ("--since", "2026-11-01", "--until", "2027-03-01")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def _sync(source: str, target: Path) -> Result:
    return CliRunner().invoke(cli, ["sync", "--from", source, "--to", str(target), *WINDOW])


def _assert_one_line_error(result: Result, *, names: str, exit_code: int = 2) -> str:
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert names in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return lines[0]


@pytest.fixture
def calsync_output(tmp_path: Path) -> tuple[Path, bytes]:
    """An out.ics that an earlier, good run of calsync wrote."""
    target = tmp_path / "out.ics"
    result = _sync(str(EXAMPLE), target)
    assert result.exit_code == 0, result.output
    return target, target.read_bytes()


# ---- files that are not calendars ---------------------------------------------------------


def _empty(folder: Path) -> Path:
    path = folder / "empty.ics"
    path.write_bytes(b"")
    return path


def _png(folder: Path) -> Path:
    path = folder / "photo.ics"
    path.write_bytes(PNG + bytes(range(256)) * 8)
    return path


def _random_bytes(folder: Path) -> Path:
    noise = random.Random(7).randbytes(8192)
    path = folder / "noise.ics"
    path.write_bytes(noise[:100] + b"\x00\x00" + noise[100:])
    return path


def _fixture(name: str) -> Callable[[Path], Path]:
    return lambda folder: BAD / name


# how to make the bad source → the words the one-line error must contain
BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_empty, "empty"),
    "plain text": (_fixture("plain-text.ics"), "not an iCalendar file"),
    "truncated in the middle": (_fixture("truncated.ics"), "truncated"),
    "PNG bytes": (_png, "binary"),
    "random bytes with NULs": (_random_bytes, "binary"),
}
# one unreadable event (no DTSTART, an unknown zone, a 20 MB description, a runaway rule) costs
# only itself: tests/cli/test_bad_events.py


@pytest.mark.parametrize(("make", "says"), BAD_FILES.values(), ids=list(BAD_FILES))
def test_bad_file_exits_2_and_writes_no_target(
    make: Callable[[Path], Path], says: str, tmp_path: Path
) -> None:
    source = make(tmp_path)
    target = tmp_path / "out.ics"
    result = _sync(str(source), target)
    line = _assert_one_line_error(result, names=str(source))
    assert says in line
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.ics")] == []


@pytest.mark.parametrize(
    "name", ["truncated in the middle", "random bytes with NULs", "plain text"]
)
def test_bad_file_leaves_earlier_output_byte_for_byte(
    name: str, tmp_path: Path, calsync_output: tuple[Path, bytes]
) -> None:
    target, before = calsync_output
    make, _ = BAD_FILES[name]
    result = _sync(str(make(tmp_path)), target)
    assert result.exit_code == 2
    assert target.read_bytes() == before


def test_missing_source_file(tmp_path: Path) -> None:
    result = _sync(str(tmp_path / "nowhere.ics"), tmp_path / "out.ics")
    _assert_one_line_error(result, names="nowhere.ics")
    assert not (tmp_path / "out.ics").exists()


# ---- URLs ---------------------------------------------------------------------------------


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback port that accepts connections and never answers a byte."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    listener.close()


class _BigCalendar(http.server.BaseHTTPRequestHandler):
    """Serves half a megabyte of calendar; with `?stream` without a Content-Length header."""

    body = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example Corp//Calendar 1.0//EN\r\n"
        + b"X-FILLER:"
        + b"x" * 70
        + b"\r\n"
    ) * 3200 + b"END:VCALENDAR\r\n"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        if "stream" not in self.path:
            self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


@pytest.fixture
def big_server() -> Iterator[int]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _BigCalendar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(timeout=2)


def test_url_that_never_answers_times_out_with_exit_1(
    silent_server: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "URL_TIMEOUT", 0.5)
    target = tmp_path / "out.ics"
    result = _sync(f"http://127.0.0.1:{silent_server}/secret-token/basic.ics", target)
    # a silent server is the network's failure, not the user's input: exit 1, cron retries
    line = _assert_one_line_error(result, names="http://127.0.0.1", exit_code=1)
    assert "no answer" in line
    assert "secret-token" not in line  # secret iCal addresses keep their secret
    assert not target.exists()


@pytest.mark.parametrize(
    "path", ["/cal.ics", "/cal.ics?stream"], ids=["Content-Length", "streamed"]
)
def test_url_larger_than_the_cap_exits_2(
    path: str,
    big_server: int,
    monkeypatch: pytest.MonkeyPatch,
    calsync_output: tuple[Path, bytes],
) -> None:
    monkeypatch.setattr(fetch, "MAX_BYTES", 64 * 1024)
    target, before = calsync_output
    result = _sync(f"http://127.0.0.1:{big_server}{path}", target)
    line = _assert_one_line_error(result, names="http://127.0.0.1")
    assert "larger than" in line
    assert target.read_bytes() == before


# ---- targets and config -------------------------------------------------------------------


def test_target_written_by_another_program_is_refused_and_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    theirs = EXAMPLE.read_bytes()  # a Google export: a real calendar, not calsync's
    target.write_bytes(theirs)
    result = _sync(str(EXAMPLE), target)
    _assert_one_line_error(result, names=str(target))
    assert target.read_bytes() == theirs


def test_target_that_is_not_a_calendar_is_refused_and_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    target.write_bytes(b"my shopping list\n")
    result = _sync(str(EXAMPLE), target)
    _assert_one_line_error(result, names=str(target))
    assert target.read_bytes() == b"my shopping list\n"


def test_unknown_config_key_names_the_file_and_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "calsync.toml"
    config.write_text('name = "Alex Rivera"\ncolour = "blue"\n')
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    target = tmp_path / "out.ics"
    result = _sync(str(EXAMPLE), target)
    line = _assert_one_line_error(result, names=str(config))
    assert "colour" in line
    assert not target.exists()
