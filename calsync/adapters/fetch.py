"""Getting the bytes of an .ics source: a file, standard input, or an http(s)/webcal URL.

Every failure becomes an error that names the source, so the CLI can print one line: an
`InputError` (exit 2) for a source that cannot work as given, a `SyncError` (exit 1) for a
network or server failing now. Files must be regular files (`calsync.adapters.files`); URLs are
downloaded within a total deadline and calsync's rules for logins and redirects
(`calsync.adapters.download`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from calsync.adapters.files import open_regular
from calsync.errors import InputError

if TYPE_CHECKING:
    from calsync.adapters.download import Validators

MAX_BYTES = 64 * 1024 * 1024  # a year of even a busy calendar is a few MB; this stops runaways
URL_TIMEOUT = 30.0


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://", "webcal://", "webcals://"))


def describe(source: str) -> str:
    """How a source is named in messages (never with credentials a URL may carry).

    >>> describe("https://user:pw@calendar.example.com:8443/private-d4e5f6/basic.ics?key=s3cret")
    'https://calendar.example.com:8443/…'
    >>> describe("http://127.0.0.1:8080/")
    'http://127.0.0.1:8080'
    >>> describe("webcal://[::1]:8000/cal.ics")
    'webcal://[::1]:8000/…'
    """
    if source == "-":
        return "<stdin>"
    if is_url(source):
        from urllib.parse import urlsplit

        parts = urlsplit(source)
        # secret iCal addresses carry their secret in the path or query, and a user name and
        # password may sit before the host: show where it is (host and port) and no more
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"  # an IPv6 address, as a URL spells it
        try:
            port = parts.port
        except ValueError:  # a port that is no number names nothing worth showing
            port = None
        where = f"{parts.scheme.lower()}://{host}" + (f":{port}" if port is not None else "")
        hidden = parts.path.strip("/") or parts.query or parts.fragment
        return f"{where}/…" if hidden else where
    return source


CHUNK = 1024 * 1024  # read in pieces this big: the scanner keeps only what can matter


def read_bytes(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    deadline: float | None = None,
) -> bytes:
    """The raw bytes of `source`, at most `max_bytes` (default MAX_BYTES) of them."""
    return b"".join(
        stream(source, stdin=stdin, max_bytes=max_bytes, timeout=timeout, deadline=deadline)
    )


def stream(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    deadline: float | None = None,
    conditional: Validators | None = None,
) -> Iterator[bytes]:
    """The bytes of `source` in pieces as they arrive, at most `max_bytes` in all.

    Nothing is opened until the first piece is asked for; every failure is an `InputError`
    (or a `SyncError` for a network that fails now) naming the source. `timeout` bounds each
    wait for a server, `deadline` (a `time.monotonic()` instant, by default
    `download.DOWNLOAD_LIMIT` seconds on) a whole download; `conditional` makes a URL's
    request a conditional GET (`download.Validators`). A file must be a regular file (its
    link followed): a pipe, device or socket is refused without being opened for reading.
    """
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    timeout = URL_TIMEOUT if timeout is None else timeout
    if source == "-":
        handle = stdin if stdin is not None else sys.stdin.buffer
        yield from _capped(_pieces(handle), source, max_bytes)
        return
    if is_url(source):
        from calsync.adapters.download import read_url

        pieces = read_url(
            http_url(source),
            describe(source),
            timeout=timeout,
            deadline=deadline,
            too_big=_too_big(source, max_bytes),
            max_bytes=max_bytes,
            conditional=conditional,
        )
        yield from _capped(pieces, source, max_bytes)
        return
    path = Path(source).expanduser()
    try:
        with open_regular(path, source) as handle:
            yield from _capped(_pieces(handle), source, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not an .ics file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror or exc})") from None


def _pieces(handle: BinaryIO, size: int = CHUNK) -> Iterator[bytes]:
    while piece := handle.read(size):
        yield piece


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    return f"{count / 1024:g} KB"


def _too_big(source: str, max_bytes: int) -> InputError:
    return InputError(
        f"{describe(source)}: larger than {_size(max_bytes)}; not a calendar calsync will read"
    )


def _capped(pieces: Iterable[bytes], source: str, max_bytes: int) -> Iterator[bytes]:
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > max_bytes:
            raise _too_big(source, max_bytes)
        yield piece


def http_url(source: str) -> str:
    """The address to fetch: webcal:// is http(s) by another name, and publishers all serve it
    over https (webcals:// says so outright).

    >>> http_url("webcal://example.com/basic.ics")
    'https://example.com/basic.ics'
    >>> http_url("WEBCALS://example.com/basic.ics")
    'https://example.com/basic.ics'
    >>> http_url("http://127.0.0.1:8080/basic.ics")
    'http://127.0.0.1:8080/basic.ics'
    """
    scheme, sep, rest = source.partition("://")
    if scheme.lower() in ("webcal", "webcals"):
        return f"https{sep}{rest}"
    return source
