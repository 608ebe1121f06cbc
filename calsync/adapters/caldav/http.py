"""The HTTP conversation with one CalDAV server: the `caldav` library's client, calsync's rules.

Requests go through the library's `DAVClient` (its session, its login negotiation), but calsync
writes the request bodies and preconditions itself and reads the multistatus answers itself, so
that it knows exactly which requests a run sends and what each answer means. Transient failures
(a dropped connection, 429, 5xx) are retried with backoff; a 401 is exit 3 with a hint about the
CalDAV credentials; nothing here ever shows the password.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from calsync.adapters.caldav.location import CHECK_CREDENTIALS, Credentials, Location
from calsync.errors import AuthError, SyncError, UsageError

DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
RETRIES = 4
TRANSIENT = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Reply:
    """One HTTP answer, reduced to what calsync looks at."""

    status: int
    headers: Mapping[str, str]
    tree: Any  # the parsed XML body (lxml), or None
    attempts: int = 1

    @property
    def etag(self) -> str | None:
        """The strong ETag, or None: a weak one can never satisfy If-Match."""
        value = self.headers.get("ETag") or self.headers.get("etag")
        if not value or value.startswith("W/"):
            return None
        return str(value)


@dataclass(frozen=True)
class Member:
    """One calendar object in a multistatus answer."""

    href: str
    etag: str | None
    data: str | None  # calendar-data when asked for
    gone: bool = False  # a 404 in a sync-collection answer: removed since the token


@dataclass
class Session:
    """Requests to one server for one run; counts what it sends (for the benchmark)."""

    location: Location
    login: Credentials
    sleep: Callable[[float], None] = time.sleep
    sent: dict[str, int] = field(default_factory=dict)
    _client: Any = None
    _negotiated: bool = False
    _answered: int | None = None  # the HTTP status of the latest answer, whatever its body

    @property
    def client(self) -> Any:
        if self._client is None:
            from caldav.davclient import DAVClient

            self._client = DAVClient(
                url=self.location.url,
                username=self.login.user,
                password=self.login.password,
                enable_rfc6764=False,  # the user named the server; no DNS detours
                timeout=60,
            )
            # the library parses every body as XML before calsync sees the status: an error
            # page from a failing server would read as "not XML" without this note of it
            self._client.session.hooks["response"].append(self._note_status)
            if self.login.user is not None and self.login.password is not None:
                # Basic from the first request (over HTTPS, or to this machine): left to the
                # library, every run would open with a 401 to learn the scheme, doubling the
                # cost of an unchanged sync; a server that wants another scheme gets its
                # negotiation after the first refusal (`_send`)
                self._client.build_auth_object(["basic"])
            else:
                self._negotiated = True
        return self._client

    def request(
        self, method: str, url: str, body: str = "", headers: Mapping[str, str] | None = None
    ) -> Reply:
        """Send one request, retrying transient failures; auth failures become AuthError."""
        from caldav.lib import error

        wanted = {"Content-Type": "application/xml; charset=utf-8", **(headers or {})}
        for attempt in range(1, RETRIES + 2):
            self.sent[method] = self.sent.get(method, 0) + 1
            self._answered = None
            try:
                response = self._send(url, method, body, wanted)
            except error.AuthorizationError as exc:
                if _forbidden(exc):
                    return Reply(status=403, headers={}, tree=None, attempts=attempt)
                raise self._auth_error() from None
            except error.RateLimitError:
                status = 429
            except (error.DAVError, ValueError, SyntaxError) as exc:  # not the XML promised
                answered = self._answered
                if answered is None or answered < 400:
                    raise SyncError(
                        f"{self.location.label}: the server sent an answer calsync cannot read "
                        f"({type(exc).__name__})"
                    ) from None
                # an error page where XML was promised: the status is the answer, not the page
                if answered not in TRANSIENT or attempt > RETRIES:
                    return Reply(status=answered, headers={}, tree=None, attempts=attempt)
                status = answered
            except Exception as exc:  # the HTTP library's connection errors have many types
                if attempt > RETRIES:
                    raise SyncError(
                        f"{self.location.label}: cannot reach the server ({type(exc).__name__})"
                    ) from None
                self.sleep(0.5 * 2 ** (attempt - 1))
                continue
            else:
                status = int(response.status)
                if status not in TRANSIENT or attempt > RETRIES:
                    return Reply(
                        status=status,
                        headers=dict(response.headers or {}),
                        tree=response.tree,
                        attempts=attempt,
                    )
            self.sleep(0.5 * 2 ** (attempt - 1))
        raise SyncError(f"{self.location.label}: the server kept answering HTTP {status}")

    def _note_status(self, response: Any, *args: Any, **kwargs: Any) -> None:
        self._answered = getattr(response, "status_code", None)

    def _send(self, url: str, method: str, body: str, headers: Mapping[str, str]) -> Any:
        from caldav.lib import error

        try:
            return self.client.request(url, method, body, headers)
        except error.AuthorizationError as exc:
            if self._negotiated or _forbidden(exc):
                raise
        # the unprompted Basic login was refused: the library reads the server's
        # WWW-Authenticate (Digest …) and tries once more its way
        self._negotiated = True
        self.client.auth = None
        self.sent[method] = self.sent.get(method, 0) + 1
        return self.client.request(url, method, body, headers)

    def _auth_error(self) -> AuthError:
        if self.login.user is None:
            return AuthError(
                f"{self.location.label}: the server asks for a login",
                hint=f"set {CHECK_CREDENTIALS.removeprefix('check ')}",
            )
        return AuthError(
            f"{self.location.label}: the server refused the login (HTTP 401)",
            hint=CHECK_CREDENTIALS,
        )

    def failed(self, what: str, reply: Reply) -> SyncError | UsageError:
        """The error for an answer that is not what the request needs."""
        if reply.status == 403:
            return UsageError(f"{self.location.label}: the server does not allow {what} (HTTP 403)")
        if reply.status == 404:
            return UsageError(f"{self.location.label}: no calendar at this address (HTTP 404)")
        return SyncError(f"{self.location.label}: {what} failed (HTTP {reply.status})")

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


# ---- request bodies --------------------------------------------------------------------------

_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'


def _forbidden(exc: Any) -> bool:
    return getattr(exc, "status", None) == 403 or "403" in str(exc.reason or "")


def calendar_props_body() -> str:
    """PROPFIND for what calsync needs to know of a calendar (and its current sync token)."""
    return (
        _HEAD + '<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        "<d:prop><d:resourcetype/><d:displayname/><d:sync-token/><c:calendar-timezone/>"
        "</d:prop></d:propfind>"
    )


def query_body(since: datetime | None) -> str:
    """calendar-query REPORT: every event (from `since` on), with ETag and data."""
    window = ""
    if since is not None:
        start = since.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        window = f'<c:time-range start="{start}"/>'
    return (
        _HEAD + '<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
        '<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">'
        f"{window}</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>"
    )


def sync_body(token: str) -> str:
    """sync-collection REPORT (RFC 6578): what changed since `token`, as hrefs and ETags."""
    return (
        _HEAD + '<d:sync-collection xmlns:d="DAV:">'
        f"<d:sync-token>{escape(token)}</d:sync-token><d:sync-level>1</d:sync-level>"
        "<d:prop><d:getetag/></d:prop></d:sync-collection>"
    )


def multiget_body(hrefs: list[str]) -> str:
    """calendar-multiget REPORT: the data of these objects in one request."""
    listed = "".join(f"<d:href>{escape(h)}</d:href>" for h in hrefs)
    return (
        _HEAD + '<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        f"<d:prop><d:getetag/><c:calendar-data/></d:prop>{listed}</c:calendar-multiget>"
    )


# ---- reading answers ----------------------------------------------------------------------


def members(tree: Any, *, collection_path: str) -> Iterator[Member]:
    """The calendar objects of a multistatus answer (the collection itself left out)."""
    if tree is None:
        return
    for response in tree.iter(f"{DAV}response"):
        href_el = response.find(f"{DAV}href")
        if href_el is None or not (href_el.text or "").strip():
            continue
        href = _path(href_el.text.strip())
        if href.rstrip("/") == collection_path.rstrip("/"):
            continue
        status = _status(response.find(f"{DAV}status"))
        etag: str | None = None
        data: str | None = None
        for propstat in response.iter(f"{DAV}propstat"):
            if _status(propstat.find(f"{DAV}status")) not in (None, 200):
                continue
            etag_el = propstat.find(f"{DAV}prop/{DAV}getetag")
            if etag_el is not None and etag_el.text and not etag_el.text.startswith("W/"):
                etag = etag_el.text.strip()
            data_el = propstat.find(f"{DAV}prop/{CALDAV}calendar-data")
            if data_el is not None and data_el.text:
                data = data_el.text
        yield Member(href=href, etag=etag, data=data, gone=status == 404)


def prop_text(tree: Any, name: str) -> str | None:
    """The first non-empty value of property `name` (Clark notation) in an answer."""
    if tree is None:
        return None
    for element in tree.iter(name):
        if element.text and element.text.strip():
            return str(element.text.strip())
    return None


def is_calendar(tree: Any) -> bool:
    return tree is not None and any(True for _ in tree.iter(f"{CALDAV}calendar"))


def _status(element: Any) -> int | None:
    if element is None or not element.text:
        return None
    parts = element.text.split()
    try:
        return int(parts[1]) if len(parts) > 1 else None
    except ValueError:
        return None


def _path(href: str) -> str:
    """An href as a path: servers may answer with full URLs (iCloud) or paths."""
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(href).path) if "://" in href else unquote(href)
