"""Getting the bytes of an .ics source: a file, standard input, or an http(s)/webcal URL.

Every failure becomes an `InputError` that names the source, so the CLI can print one line.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import BinaryIO

from calsync import __version__
from calsync.errors import InputError, SyncError

MAX_BYTES = 64 * 1024 * 1024  # a year of even a busy calendar is a few MB; this stops runaways
URL_TIMEOUT = 30.0


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://", "webcal://", "webcals://"))


def describe(source: str) -> str:
    """How a source is named in messages (never with credentials a URL may carry)."""
    if source == "-":
        return "<stdin>"
    if is_url(source):
        from urllib.parse import urlsplit

        parts = urlsplit(source)
        # secret iCal addresses carry their secret in the path: show the host only
        return f"{parts.scheme}://{parts.hostname or ''}/…"
    return source


def read_bytes(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
) -> bytes:
    """The raw bytes of `source`, at most `max_bytes` (default MAX_BYTES) of them."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    timeout = URL_TIMEOUT if timeout is None else timeout
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _capped(stream.read(max_bytes + 1), source, max_bytes)
    if is_url(source):
        return _read_url(source, max_bytes=max_bytes, timeout=timeout)
    path = Path(source).expanduser()
    try:
        with path.open("rb") as handle:
            return _capped(handle.read(max_bytes + 1), source, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not an .ics file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror or exc})") from None


def _reason(reason: object) -> str:
    return getattr(reason, "strerror", None) or str(reason)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    return f"{count / 1024:g} KB"


def _capped(data: bytes, source: str, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise InputError(
            f"{describe(source)}: larger than {_size(max_bytes)}; not a calendar calsync will read"
        )
    return data


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


def _read_url(source: str, *, max_bytes: int, timeout: float) -> bytes:
    url = http_url(source)
    request = urllib.request.Request(
        url, headers={"User-Agent": f"calsync/{__version__}", "Accept": "text/calendar, */*"}
    )
    name = describe(source)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(
                    f"{name}: larger than {_size(max_bytes)}; not a calendar calsync will read"
                )
            chunks: list[bytes] = []
            total = 0
            while True:
                chunk = response.read(65536)
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise InputError(
                        f"{name}: larger than {_size(max_bytes)}; not a calendar calsync will read"
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        answer = f"{name}: the server answered HTTP {exc.code} {exc.reason}"
        # 4xx: the address is wrong or private (bad input); 5xx: the server is failing now
        raise (SyncError(answer) if exc.code >= 500 else InputError(answer)) from None
    except TimeoutError:
        raise InputError(f"{name}: no answer within {timeout:g} seconds") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise InputError(f"{name}: no answer within {timeout:g} seconds") from None
        # a refused connection or a failed name lookup is the network's (exit 1; cron retries)
        raise SyncError(f"{name}: cannot be fetched ({_reason(reason)})") from None
    except OSError as exc:
        raise SyncError(f"{name}: cannot be fetched ({_reason(exc)})") from None
