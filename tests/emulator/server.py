"""A local Google Calendar API v3 that the real google-api-python-client can talk to.

Start it on a loopback port, point the client at it and drive it as if it were Google:

    with CalendarEmulator() as google:
        token = google.make_token_file(tmp_path / "token.json")
        creds = Credentials.from_authorized_user_file(str(token))
        service = build("calendar", "v3", credentials=creds, static_discovery=True,
                        client_options={"api_endpoint": google.api_endpoint})

`url` is the API root: calls go to ROOT/calendar/v3/…, batches to ROOT/batch/calendar/v3 and
token refreshes to ROOT/token. The client's `api_endpoint` option replaces the root *and* the
service path, so it must be given ROOT + "calendar/v3/" (`api_endpoint` here), and a batch needs
its own `batch_uri` (`batch_uri` here).

Tests can seed and edit events as a user would in Google's web UI, inject faults (a status for
the next calls, a random fault rate, dropped connections, latency), expire or revoke tokens, and
read back every HTTP request. Recurring events are stored and returned as written; `singleEvents`
is accepted but does not expand them.
"""

from __future__ import annotations

import contextlib
import copy
import json
import random
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.emulator import api
from tests.emulator.batch import build_batch, parse_batch
from tests.emulator.errors import ApiError
from tests.emulator.store import USER_EMAIL, Store

CLIENT_ID = "emulator-client.apps.googleusercontent.com"
CLIENT_SECRET = "emulator-secret"
DEFAULT_SCOPES = (
    "https://www.googleapis.com/auth/calendar.events.owned",
    "https://www.googleapis.com/auth/calendar.events.readonly",
)
BATCH_PATH = "/batch/calendar/v3"
TOKEN_PATH = "/token"
# What Google's front end answers under load or trouble; all are worth a retry.
_RANDOM_FAULTS = (
    (429, "rateLimitExceeded"),
    (403, "rateLimitExceeded"),
    (403, "userRateLimitExceeded"),
    (500, "backendError"),
    (503, "backendError"),
)
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class RequestRecord:
    """One HTTP request, or one call inside a batch (then listed in the batch's `calls`)."""

    method: str
    path: str
    query: dict[str, str]  # the first value of each parameter
    status: int  # 0 when the connection was dropped without an answer
    params: dict[str, list[str]] = field(default_factory=dict)  # every value of each parameter
    body: Any = None  # the JSON sent, when there was one
    calls: list[RequestRecord] = field(default_factory=list)

    @property
    def is_batch(self) -> bool:
        return self.path == BATCH_PATH


@dataclass
class _Fault:
    status: int
    reason: str
    count: int
    path_contains: str
    method: str
    after_write: bool


@dataclass
class _Answer:
    status: int
    payload: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # a body that is not JSON (a batch's multipart)


class CalendarEmulator:
    def __init__(self, *, latency: float = 0.0) -> None:
        self.latency = latency
        self.fault_rate = 0.0
        self.valid_refresh_tokens: set[str] = {"good-refresh"}
        self.revoked_refresh_tokens: set[str] = set()
        self.requests: list[RequestRecord] = []
        self.url = ""
        self._store = Store()
        self._store.add_calendar("primary", "America/New_York", USER_EMAIL, "owner")
        self._lock = threading.RLock()
        self._access: dict[str, tuple[str | None, frozenset[str]]] = {}
        self._faults: list[_Fault] = []
        self._fault_seed = 0
        self._rng = random.Random(0)
        self._drops = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()

    # -- life cycle ------------------------------------------------------------------------

    def start(self, *, port: int = 0) -> None:
        emulator = self

        class Handler(_Handler):
            owner = emulator

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        # Kept-alive client connections would otherwise hold handler threads open.
        with self._lock:
            for conn in list(self._connections):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> CalendarEmulator:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def api_endpoint(self) -> str:
        """What to pass as google-api-python-client's `api_endpoint` (root + service path)."""
        return self.url + "calendar/v3/"

    @property
    def batch_uri(self) -> str:
        return self.url + BATCH_PATH.lstrip("/")

    @property
    def token_uri(self) -> str:
        return self.url + TOKEN_PATH.lstrip("/")

    # -- calendars and events, as the user sees them in Google -----------------------------

    def add_calendar(
        self,
        calendar_id: str,
        *,
        time_zone: str = "America/New_York",
        summary: str | None = None,
        access_role: str = "owner",
    ) -> None:
        """A calendar; `access_role` "reader" or "writer" makes it someone else's."""
        with self._lock:
            self._store.add_calendar(calendar_id, time_zone, summary or calendar_id, access_role)

    def put_event(self, calendar_id: str, event: dict[str, Any]) -> dict[str, Any]:
        """Seed an event as if the user had made it in Google; any id is accepted here."""
        with self._lock:
            cal = self._store.calendar(calendar_id)
            return self._store.insert(cal, event, any_id=True)

    def edit_event(self, calendar_id: str, event_id: str, **fields: Any) -> dict[str, Any]:
        """Change an event as the user would in Google's UI (merged like a PATCH)."""
        with self._lock:
            cal = self._store.calendar(calendar_id)
            return self._store.patch(cal, event_id, fields)

    def delete_event(self, calendar_id: str, event_id: str) -> None:
        """Delete as the user would: the event stays as a `cancelled` tombstone."""
        with self._lock:
            self._store.delete(self._store.calendar(calendar_id), event_id)

    def events(self, calendar_id: str, *, include_deleted: bool = False) -> list[dict[str, Any]]:
        with self._lock:
            cal = self._store.calendar(calendar_id)
            stored = sorted(cal.events.values(), key=lambda e: e.key)
            return [self._store.render(cal, e) for e in stored if include_deleted or not e.deleted]

    def get(self, calendar_id: str, event_id: str) -> dict[str, Any] | None:
        with self._lock:
            cal = self._store.calendar(calendar_id)
            found = cal.events.get(event_id)
            return None if found is None else self._store.render(cal, found)

    def invalidate_sync_tokens(self) -> None:
        """Every sync token handed out so far now answers 410 fullSyncRequired."""
        with self._lock:
            self._store.sync_generation += 1

    # -- auth ------------------------------------------------------------------------------

    def issue_access_token(
        self, refresh_token: str | None = None, scopes: tuple[str, ...] = DEFAULT_SCOPES
    ) -> str:
        token = "ya29.emu-" + secrets.token_urlsafe(24)
        with self._lock:
            self._access[token] = (refresh_token, frozenset(scopes))
        return token

    def expire_access_tokens(self) -> None:
        with self._lock:
            self._access.clear()

    def make_token_file(
        self,
        path: str | Path,
        *,
        refresh_token: str = "good-refresh",
        access_token: str | None = None,
        expired: bool = False,
        scopes: tuple[str, ...] = DEFAULT_SCOPES,
    ) -> Path:
        """An authorized-user JSON as google-auth writes it, refreshing against this emulator."""
        path = Path(path)
        now = datetime.now(UTC).replace(tzinfo=None)
        if expired:
            token = access_token or "ya29.expired-" + secrets.token_urlsafe(8)
            expiry = now - timedelta(minutes=5)
        else:
            token = access_token or self.issue_access_token(refresh_token, scopes)
            if access_token is not None:
                with self._lock:
                    self._access[access_token] = (refresh_token, frozenset(scopes))
            expiry = now + timedelta(hours=1)
        info = {
            "token": token,
            "refresh_token": refresh_token,
            "token_uri": self.token_uri,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scopes": list(scopes),
            "universe_domain": "googleapis.com",
            "account": "",
            "expiry": expiry.isoformat() + "Z",
        }
        path.write_text(json.dumps(info))
        return path

    # -- faults ----------------------------------------------------------------------------

    def inject(
        self,
        *,
        status: int,
        reason: str = "",
        count: int = 1,
        path_contains: str = "",
        method: str = "",
        after_write: bool = False,
    ) -> None:
        """The next `count` matching calls answer `status`.

        Calls are single API calls and each part of a batch. A `path_contains` naming the batch
        path ("/batch/") fails a whole batch POST instead, and "/token" fails token refreshes.
        `after_write` lets the write happen before the error is sent, as when Google commits
        and the answer is lost, so a retry meets its own earlier write.
        """
        with self._lock:
            self._faults.append(
                _Fault(status, reason, count, path_contains, method.upper(), after_write)
            )

    @property
    def fault_seed(self) -> int:
        return self._fault_seed

    @fault_seed.setter
    def fault_seed(self, seed: int) -> None:
        with self._lock:
            self._fault_seed = seed
            self._rng = random.Random(seed)

    def drop_next_connection(self, count: int = 1) -> None:
        """Close the socket of the next `count` HTTP requests without an answer.

        httplib2 resends once on a dropped connection by itself, so two drops in a row are
        what a caller's own retry logic gets to see.
        """
        with self._lock:
            self._drops += count

    # -- accounting ------------------------------------------------------------------------

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()

    @property
    def http_requests(self) -> int:
        with self._lock:
            return len(self.requests)

    @property
    def api_calls(self) -> int:
        """Calendar calls, each part of a batch counted on its own; token refreshes excluded."""
        with self._lock:
            total = 0
            for record in self.requests:
                if record.is_batch:
                    total += len(record.calls)
                elif record.path.startswith(api.PREFIX):
                    total += 1
            return total

    # -- serving ---------------------------------------------------------------------------

    def _serve(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> _Answer | None:
        """Answer one HTTP request; None means drop the connection."""
        if self.latency:
            time.sleep(self.latency)
        path, query, params = _split_target(target)
        with self._lock:
            if self._drops:
                self._drops -= 1
                self.requests.append(
                    RequestRecord(method, path, query, 0, params, _body_json(body))
                )
                return None
            record = RequestRecord(method, path, query, 0, params, _body_json(body))
            self.requests.append(record)
            if path == TOKEN_PATH and method == "POST":
                answer = self._token(path, method, body)
            elif path == BATCH_PATH and method == "POST":
                answer = self._batch(record, headers, body)
            elif path.startswith(api.PREFIX):
                answer, _ = self._call(record, headers, body, headers.get("authorization", ""))
            else:
                answer = _error(ApiError(404, "notFound"))
            record.status = answer.status
            return answer

    def _call(
        self, record: RequestRecord, headers: dict[str, str], body: bytes, authorization: str
    ) -> tuple[_Answer, RequestRecord]:
        fault = self._fault_for(record.path, record.method, batch=False)
        if fault is None and self.fault_rate and self._rng.random() < self.fault_rate:
            fault = _Fault(*self._rng.choice(_RANDOM_FAULTS), 1, "", "", False)
        if fault is not None and not fault.after_write:
            return _error(ApiError(fault.status, fault.reason)), record
        try:
            scopes = self._scopes(authorization)
            status, payload = api.call(
                self._store, record.method, record.path, record.params, body, headers, scopes
            )
            answer = _Answer(status, payload)
        except ApiError as refusal:
            answer = _error(refusal)
        if fault is not None:
            answer = _error(ApiError(fault.status, fault.reason))
        return answer, record

    def _batch(self, record: RequestRecord, headers: dict[str, str], body: bytes) -> _Answer:
        record.body = None
        fault = self._fault_for(record.path, "POST", batch=True)
        if fault is not None:
            return _error(ApiError(fault.status, fault.reason))
        outer = headers.get("authorization", "")
        try:
            self._scopes(outer)
            parts = parse_batch(headers.get("content-type", ""), body)
        except ApiError as refusal:
            return _error(refusal)
        answers = []
        for part in parts:
            path, query, params = _split_target(part.target)
            inner = RequestRecord(part.method, path, query, 0, params, _body_json(part.body))
            record.calls.append(inner)
            # A part without its own Authorization header acts with the envelope's.
            auth = part.headers.get("authorization", outer)
            if path.startswith(api.PREFIX):
                answer, _ = self._call(inner, part.headers, part.body, auth)
            else:
                answer = _error(ApiError(404, "notFound"))
            inner.status = answer.status
            payload = b"" if answer.payload is None else json.dumps(answer.payload).encode()
            answers.append((part.content_id, answer.status, payload))
        content_type, raw = build_batch(answers)
        return _Answer(200, headers={"Content-Type": content_type}, raw=raw)

    def _token(self, path: str, method: str, body: bytes) -> _Answer:
        fault = self._fault_for(path, method, batch=True)
        if fault is not None:
            return _error(ApiError(fault.status, fault.reason))
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}
        grant = form.get("grant_type", "")
        if grant != "refresh_token":
            return _oauth_error(400, "unsupported_grant_type", f"Invalid grant_type: {grant}")
        if form.get("client_id") != CLIENT_ID:
            return _oauth_error(401, "invalid_client", "The OAuth client was not found.")
        refresh = form.get("refresh_token", "")
        if refresh in self.revoked_refresh_tokens or refresh not in self.valid_refresh_tokens:
            return _oauth_error(400, "invalid_grant", "Token has been expired or revoked.")
        scopes = tuple(form["scope"].split()) if form.get("scope") else DEFAULT_SCOPES
        token = self.issue_access_token(refresh, scopes)
        return _Answer(
            200,
            {
                "access_token": token,
                "expires_in": 3599,
                "scope": " ".join(scopes),
                "token_type": "Bearer",
            },
        )

    def _scopes(self, authorization: str) -> set[str]:
        kind, _, token = authorization.partition(" ")
        grant = self._access.get(token.strip()) if kind.lower() == "bearer" else None
        if grant is None or (grant[0] is not None and grant[0] in self.revoked_refresh_tokens):
            raise ApiError(401, "authError")
        return set(grant[1])

    def _fault_for(self, path: str, method: str, *, batch: bool) -> _Fault | None:
        """The first injected fault that matches; `batch` marks the batch and token endpoints,
        which only faults naming their path can hit."""
        for fault in self._faults:
            if fault.method and fault.method != method:
                continue
            if batch and not fault.path_contains:
                continue
            if fault.path_contains not in path:
                continue
            fault.count -= 1
            if fault.count <= 0:
                self._faults.remove(fault)
            return copy.copy(fault)
        return None


class _Handler(BaseHTTPRequestHandler):
    owner: CalendarEmulator
    protocol_version = "HTTP/1.1"  # keep-alive, as httplib2 expects

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without this, Nagle's algorithm meets the
        # client's delayed ACK and every keep-alive answer waits 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.owner._lock:
            self.owner._connections.add(self.connection)

    def finish(self) -> None:
        with self.owner._lock:
            self.owner._connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        return

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        answer = self.owner._serve(self.command, self.path, headers, body)
        if answer is None:
            self.close_connection = True
            return
        if answer.raw is not None:
            data = answer.raw
        elif answer.payload is not None:
            data = json.dumps(answer.payload).encode("utf-8")
        else:
            data = b""
        self.send_response(answer.status)
        content_type = answer.headers.get("Content-Type", "application/json; charset=UTF-8")
        if data:
            self.send_header("Content-Type", content_type)
        for name, value in answer.headers.items():
            if name != "Content-Type":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle


def _split_target(target: str) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    parts = urlsplit(target)
    params = parse_qs(parts.query, keep_blank_values=True)
    return parts.path, {k: v[0] for k, v in params.items()}, params


def _body_json(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _error(refusal: ApiError) -> _Answer:
    return _Answer(refusal.status, refusal.body())


def _oauth_error(status: int, error: str, description: str) -> _Answer:
    return _Answer(status, {"error": error, "error_description": description})
