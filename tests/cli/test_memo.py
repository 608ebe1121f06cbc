"""A run with nothing new costs almost nothing: unchanged sources and targets are not parsed
again, a published address is asked "anything new?" (HTTP 304), readings of unchanged events
are reused; and a memo that is corrupted, foreign or from another version is never trusted.
"""

from __future__ import annotations

import hashlib
import http.server
import os
import pickle
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from calsync.adapters.memo import header
from calsync.cli import cli
from tests.helpers import read_events

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "interviews.ics"
RANGE = ["--since", "2026-11-01", "--until", "2027-03-01", "--email", "alex.rivera@example.com"]


def _sync(source: str, out: Path, *more: str) -> str:
    result = CliRunner().invoke(
        cli, ["sync", "--from", source, "--to", str(out), *RANGE, "--verbose", *more]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _memos(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "state" / "calsync" / "memo").glob("*.memo"))


def test_an_unchanged_file_and_target_are_neither_parsed_nor_rewritten(tmp_path: Path) -> None:
    source = tmp_path / "cal.ics"
    source.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out.ics"
    first = _sync(str(source), out)
    assert "not parsed again" not in first
    written, stamp = out.read_bytes(), out.stat().st_mtime_ns
    again = _sync(str(source), out)
    assert "cal.ics: unchanged since the last run; not parsed again" in again
    # the file the first run wrote is read once; from then on its content hash vouches for it
    third = _sync(str(source), out)
    assert "cal.ics: unchanged since the last run; not parsed again" in third
    assert "out.ics: unchanged since calsync last read it; not parsed again" in third
    assert "readings reused, 0 made" in third
    assert out.read_bytes() == written and out.stat().st_mtime_ns == stamp


def test_a_change_that_keeps_size_and_mtime_is_still_seen(tmp_path: Path) -> None:
    """The content hash decides: an editor that restores the mtime cannot hide a change."""
    source = tmp_path / "cal.ics"
    source.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out.ics"
    _sync(str(source), out)
    before = source.stat()
    edited = EXAMPLE.read_bytes().replace(b"Data Analyst", b"Data Chemist")
    assert len(edited) == before.st_size
    source.write_bytes(edited)
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    output = _sync(str(source), out)
    assert "cal.ics: unchanged" not in output
    titles = {str(e["SUMMARY"]) for e in read_events(out).values()}
    assert any("Data Chemist" in t for t in titles)


def test_a_changed_event_is_the_only_one_read_again(tmp_path: Path) -> None:
    source = tmp_path / "cal.ics"
    source.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out.ics"
    _sync(str(source), out)
    source.write_bytes(EXAMPLE.read_bytes().replace(b"Intro call with Sam", b"First call with Sam"))
    output = _sync(str(source), out)
    # the event itself and the window of its notes, and the two readings of the whole calendar
    # (the user's name and addresses, the look-alikes); every other event's reading is reused
    assert "readings reused, 4 made" in output


class _Published(http.server.BaseHTTPRequestHandler):
    body = EXAMPLE.read_bytes()
    answers: list[int] = []
    etag = True
    modified = "Tue, 01 Dec 2026 10:00:00 GMT"

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        tag = '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'
        modified = self.modified
        asked_tag = self.headers.get("If-None-Match")
        asked_date = self.headers.get("If-Modified-Since")
        fresh = asked_tag == tag if self.etag else asked_date == modified
        if fresh:
            self.answers.append(304)
            self.send_response(304)
            self.end_headers()
            return
        self.answers.append(200)
        self.send_response(200)
        if self.etag:
            self.send_header("ETag", tag)
        else:
            self.send_header("Last-Modified", modified)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def published() -> Iterator[type[_Published]]:
    class Handler(_Published):
        answers: list[int] = []

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.url = f"http://127.0.0.1:{server.server_address[1]}/secret77/basic.ics"  # type: ignore[attr-defined]
    yield Handler
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("etag", [True, False], ids=["etag", "last-modified"])
def test_a_published_address_that_answers_304_is_not_read_again(
    published: type[_Published], tmp_path: Path, etag: bool
) -> None:
    published.etag = etag
    url = published.url  # type: ignore[attr-defined]
    out = tmp_path / "out.ics"
    _sync(url, out)
    written = out.read_bytes()
    output = _sync(url, out)
    assert published.answers == [200, 304]
    assert "not modified (HTTP 304); not parsed again" in output
    assert "secret77" not in output
    assert out.read_bytes() == written
    published.body = EXAMPLE.read_bytes().replace(b"Data Analyst", b"Data Engineer")
    published.modified = "Tue, 08 Dec 2026 10:00:00 GMT"
    _sync(url, out)
    assert published.answers == [200, 304, 200]
    assert any("Data Engineer" in str(e["SUMMARY"]) for e in read_events(out).values())
    assert not any(b"secret77" in memo.read_bytes() for memo in _memos(tmp_path))


def _foreign(memo: Path) -> bytes:
    """A memo with a valid header and checksum whose body would run a command if trusted."""
    body = pickle.dumps(("key", os.system), protocol=pickle.HIGHEST_PROTOCOL)
    return header() + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data, memo: b"\x00garbage\xff" * 50,
        lambda data, memo: data[: len(data) // 2],  # truncated: the checksum fails
        lambda data, memo: data.replace(header(), header("0.0.1-other"), 1),
        lambda data, memo: data[:-10] + b"0123456789",  # one flipped tail: checksum fails
        lambda data, memo: _foreign(memo),
        lambda data, memo: b"",
    ],
    ids=["garbage", "truncated", "other-version", "flipped", "foreign-pickle", "empty"],
)
def test_a_spoilt_memo_is_ignored_never_trusted(tmp_path: Path, spoil: object) -> None:
    source = tmp_path / "cal.ics"
    source.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out.ics"
    _sync(str(source), out)
    expected = out.read_bytes()
    memos = _memos(tmp_path)
    assert {m.name.split("-")[0] for m in memos} == {"ics", "readings"}
    for memo in memos:
        memo.write_bytes(spoil(memo.read_bytes(), memo))  # type: ignore[operator]
    out.unlink()  # the next run writes the whole file from what it reads
    output = _sync(str(source), out)
    assert "not parsed again" not in output
    assert "0 readings reused" in output
    assert out.read_bytes().replace(b"\r\n", b"\n").count(b"BEGIN:VEVENT") == expected.count(
        b"BEGIN:VEVENT"
    )
    assert {k: str(v["SUMMARY"]) for k, v in read_events(out).items()} == {
        k: str(v["SUMMARY"]) for k, v in _events(expected, tmp_path).items()
    }


def _events(data: bytes, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "expected.ics"
    path.write_bytes(data)
    return dict(read_events(path))


def test_a_range_that_moves_every_day_replaces_its_memo_instead_of_adding_one(
    tmp_path: Path,
) -> None:
    """From cron the range moves a day at a time: the state folder must not grow with it."""
    source = tmp_path / "cal.ics"
    source.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out.ics"
    _sync(str(source), out)
    _sync(str(source), out)
    kept = [m.name for m in _memos(tmp_path)]
    for day in ("02", "03", "04"):
        output = _sync(str(source), out, "--since", f"2026-11-{day}")
        assert "cal.ics: unchanged" not in output  # another range is another reading
    assert [m.name for m in _memos(tmp_path)] == kept
