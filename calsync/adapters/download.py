"""Downloading a published calendar (http, https, webcal) within firm limits.

- A total deadline: a server that sends one byte a second, or dribbles its headers, cannot keep
  the run past it (a watchdog shuts the connection's socket at the deadline).
- A user name and password in the address are the HTTP login (Basic), sent only over https or
  to this machine, and only to the host named: they are never part of a host lookup, never
  forwarded by a redirect and never shown.
- Redirects: to http(s) only, at most `MAX_REDIRECTS`, never from https down to http.
- Failures name the host: the network, a silent server, a garbage answer and a server error are
  exit 1 (a later run may succeed); an address that cannot work as given is exit 2.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from calsync import __version__
from calsync.errors import InputError, SyncError

DOWNLOAD_LIMIT = 300.0  # seconds for a whole download; a busy year of calendar takes a few
MAX_REDIRECTS = 5
PIECE = 65536
MAX_VALIDATOR = 256  # an ETag or Last-Modified longer than this is not kept (it is sent back)


def without_login(url: str) -> tuple[str, tuple[str, str] | None]:
    """The address with any `user:password@` taken out, and that login (percent-decoded).

    >>> without_login("https://me%40home:p%3Aw@cal.example.com:8443/a.ics")
    ('https://cal.example.com:8443/a.ics', ('me@home', 'p:w'))
    >>> without_login("https://cal.example.com/a.ics")
    ('https://cal.example.com/a.ics', None)
    """
    parts = urlsplit(url)
    login, at, host = parts.netloc.rpartition("@")
    if not at:
        return url, None
    user, _, password = login.partition(":")
    return urlunsplit(parts._replace(netloc=host)), (unquote(user), unquote(password))


def is_loopback(host: str) -> bool:
    """
    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("calendar.example.com"), is_loopback("10.0.0.1")
    (False, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redirect_refused(old: str, new: str, followed: int) -> str | None:
    """Why calsync will not follow a redirect from `old` to `new` (None: it will).

    >>> redirect_refused("https://a.example/c.ics", "ftp://a.example/c.ics", 0)
    'a redirect to ftp:// (calsync follows only http and https)'
    >>> redirect_refused("https://a.example/c.ics", "http://a.example/c.ics", 0)
    'a redirect from https:// down to http://'
    >>> redirect_refused("http://a.example/c.ics", "https://b.example/c.ics", 5)
    'more than 5 redirects'
    >>> redirect_refused("http://a.example/c.ics", "https://b.example/c.ics", 4) is None
    True
    """
    scheme = urlsplit(new).scheme.lower()
    if scheme not in ("http", "https"):
        where = f"{scheme}://" if scheme else "an address with no scheme"
        return f"a redirect to {where} (calsync follows only http and https)"
    if urlsplit(old).scheme.lower() == "https" and scheme == "http":
        return "a redirect from https:// down to http://"
    if followed >= MAX_REDIRECTS:
        return f"more than {MAX_REDIRECTS} redirects"
    return None


class _Watchdog:
    """Shuts every socket of one download when its deadline passes, waking a blocked read."""

    def __init__(self, deadline: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to wake
        sock.shutdown(socket.SHUT_RDWR)


class _WatchedHTTP(http.client.HTTPConnection):
    def __init__(self, *args: Any, watchdog: _Watchdog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._watchdog = watchdog

    def connect(self) -> None:
        super().connect()
        self._watchdog.watch(self.sock)


class _WatchedHTTPS(http.client.HTTPSConnection):
    def __init__(self, *args: Any, watchdog: _Watchdog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._watchdog = watchdog

    def connect(self) -> None:
        super().connect()
        self._watchdog.watch(self.sock)


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._connection = functools.partial(_WatchedHTTP, watchdog=watchdog)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._connection = functools.partial(_WatchedHTTPS, watchdog=watchdog)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirect handling, with calsync's rules checked before each one is followed."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> Any:
        target = headers.get("location") or headers.get("uri")
        if target is not None:
            followed = len(getattr(req, "redirect_dict", {}))
            why = redirect_refused(req.full_url, urljoin(req.full_url, target), followed)
            if why is not None:
                fp.close()
                raise InputError(f"{self._name}: the server answered with {why}; not followed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


@dataclass
class Validators:
    """A conditional GET: the version the last answer named (ETag, Last-Modified), sent back as
    If-None-Match / If-Modified-Since; `read_url` puts the new answer's in, and sets
    `not_modified` when the server answered 304 (nothing new: no body to read)."""

    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False

    def ask(self, request: urllib.request.Request) -> None:
        if self.etag:
            request.add_header("If-None-Match", self.etag)  # the answer was the last address's
        if self.last_modified:
            request.add_header("If-Modified-Since", self.last_modified)

    def note(self, headers: http.client.HTTPMessage) -> None:
        self.etag = version_tag(headers.get("ETag"))
        self.last_modified = version_tag(headers.get("Last-Modified"))


def version_tag(value: str | None) -> str | None:
    """A server's version tag (ETag, Last-Modified), kept only when it is short printable text:
    it is stored and sent back.

    >>> version_tag('"5f2a"'), version_tag("x" * 300)
    ('"5f2a"', None)
    """
    if value is None or len(value) > MAX_VALIDATOR or not value.isprintable():
        return None
    return value


def read_url(
    url: str,
    name: str,
    *,
    timeout: float,
    deadline: float | None = None,
    max_bytes: int | None = None,
    too_big: InputError | None = None,
    conditional: Validators | None = None,
) -> Iterator[bytes]:
    """The body at http(s) `url` in pieces as they arrive, all of it before `deadline`.

    `timeout` bounds each wait for the server; `deadline` (a `time.monotonic()` instant; by
    default `DOWNLOAD_LIMIT` seconds from the first piece asked for) bounds the whole download,
    redirects included. `name` is how the address is shown (no secret in it). A body that
    announces more than `max_bytes` is refused with `too_big` before any of it is read. With
    `conditional`, the request is a conditional GET (see `Validators`).
    """
    start = time.monotonic()
    deadline = start + DOWNLOAD_LIMIT if deadline is None else deadline
    address, login = without_login(url)
    request = urllib.request.Request(
        address, headers={"User-Agent": f"calsync/{__version__}", "Accept": "text/calendar, */*"}
    )
    if login is not None:
        host = urlsplit(address).hostname or ""
        if urlsplit(address).scheme.lower() != "https" and not is_loopback(host):
            raise InputError(
                f"{name}: a user name and password in an http:// address would cross the "
                "network unencrypted; use the https:// address (calsync sends them as its login)"
            )
        token = base64.b64encode(f"{login[0]}:{login[1]}".encode()).decode("ascii")
        # unredirected: the login goes to the host the user named, never on to another
        request.add_unredirected_header("Authorization", f"Basic {token}")
    if conditional is not None:
        conditional.ask(request)
    limit = max(0.0, deadline - start)
    with _Watchdog(deadline) as watchdog:
        opener = urllib.request.build_opener(_HTTP(watchdog), _HTTPS(watchdog), _Redirects(name))
        try:
            wait = max(0.001, min(timeout, deadline - time.monotonic()))
            with opener.open(request, timeout=wait) as response:
                if conditional is not None:
                    conditional.note(response.headers)
                length = response.headers.get("Content-Length") or ""
                if max_bytes is not None and length.isdigit() and int(length) > max_bytes:
                    raise too_big or InputError(f"{name}: larger than {max_bytes} bytes")
                yield from _pieces(response, watchdog)
            if watchdog.expired:  # the shut socket read as an end: the body is not whole
                raise _late(name, limit)
        except (InputError, SyncError):
            raise
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and conditional is not None and not watchdog.expired:
                exc.close()
                conditional.not_modified = True  # unchanged since the answer we keep
                return
            raise _failure(exc, name, timeout=timeout, late=watchdog.expired, limit=limit) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise _failure(exc, name, timeout=timeout, late=watchdog.expired, limit=limit) from None


def _pieces(response: http.client.HTTPResponse, watchdog: _Watchdog) -> Iterator[bytes]:
    # read1: whatever has arrived, so the deadline is looked at between pieces, however slow
    while not watchdog.expired and (piece := response.read1(PIECE)):
        yield piece


def _late(name: str, limit: float) -> SyncError:
    return SyncError(f"{name}: the download did not finish within {limit:g} seconds")


def _failure(
    exc: BaseException, name: str, *, timeout: float, late: bool, limit: float
) -> InputError | SyncError:
    if late:
        return _late(name, limit)
    if isinstance(exc, urllib.error.HTTPError):
        answer = f"{name}: the server answered HTTP {exc.code} {exc.reason}"
        # 4xx: the address is wrong or private (bad input); 5xx: the server is failing now
        return SyncError(answer) if exc.code >= 500 else InputError(answer)
    reason: object = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return SyncError(f"{name}: no answer within {timeout:g} seconds")
    if isinstance(reason, http.client.InvalidURL | ValueError):
        return InputError(f"{name}: not an address calsync can fetch")
    if isinstance(reason, http.client.HTTPException) and not isinstance(reason, OSError):
        return SyncError(
            f"{name}: the server's answer is not HTTP calsync can read ({type(reason).__name__})"
        )
    # a refused connection or a failed name lookup is the network's (exit 1; cron retries)
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return SyncError(f"{name}: cannot be fetched ({text})")
