"""A local Google Calendar API v3 that the real google-api-python-client can talk to.

Start it on a loopback port, point the client at it and drive it as if it were Google:

    with CalendarEmulator() as google:
        info = json.loads(google.make_token_file(tmp_path / "token.json").read_text())
        creds = Credentials.from_authorized_user_info(info).with_token_uri(info["token_uri"])
        service = build("calendar", "v3", credentials=creds, static_discovery=True,
                        client_options={"api_endpoint": google.api_endpoint})

google-auth's `from_authorized_user_info/_file` put Google's token URI in place of the file's,
hence `with_token_uri` (which in turn forgets the expiry: the first call then meets a 401 and
google-auth refreshes, as it would at Google).

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
import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.emulator import api
from tests.emulator.batch import build_batch, parse_batch
from tests.emulator.errors import ApiError
from tests.emulator.faults import Fault, Faults
from tests.emulator.oauth import DEFAULT_SCOPES, Tokens, authorized_user_info
from tests.emulator.store import USER_EMAIL, Store
from tests.emulator.wire import Answer, Handler

BATCH_PATH = "/batch/calendar/v3"
TOKEN_PATH = "/token"


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


class CalendarEmulator:
    def __init__(self, *, latency: float = 0.0) -> None:
        self.latency = latency
        self.requests: list[RequestRecord] = []
        self.url = ""
        self._store = Store()
        self._store.add_calendar("primary", "America/New_York", USER_EMAIL, "owner")
        self._lock = threading.RLock()
        self._tokens = Tokens()
        self._faults = Faults()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()

    # -- life cycle ------------------------------------------------------------------------

    def start(self, *, port: int = 0) -> None:
        emulator = self

        class Bound(Handler):
            app = emulator

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Bound)
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

    @property
    def valid_refresh_tokens(self) -> set[str]:
        return self._tokens.valid_refresh

    @valid_refresh_tokens.setter
    def valid_refresh_tokens(self, tokens: set[str]) -> None:
        self._tokens.valid_refresh = tokens

    @property
    def revoked_refresh_tokens(self) -> set[str]:
        """Refresh tokens the user revoked; their access tokens stop working too."""
        return self._tokens.revoked_refresh

    @revoked_refresh_tokens.setter
    def revoked_refresh_tokens(self, tokens: set[str]) -> None:
        self._tokens.revoked_refresh = tokens

    def issue_access_token(
        self, refresh_token: str | None = None, scopes: tuple[str, ...] = DEFAULT_SCOPES
    ) -> str:
        with self._lock:
            return self._tokens.issue(refresh_token, scopes)

    def expire_access_tokens(self) -> None:
        """Every access token handed out so far now answers 401, as after an hour at Google."""
        with self._lock:
            self._tokens.expire()

    def make_token_file(
        self,
        path: str | Path,
        *,
        refresh_token: str = "good-refresh",
        access_token: str | None = None,
        expired: bool = False,
        scopes: tuple[str, ...] = DEFAULT_SCOPES,
    ) -> Path:
        """An authorized-user JSON as google-auth writes it, refreshing against this emulator.

        Its access token is valid unless `expired` (then it is unknown here and past its
        expiry, so google-auth refreshes before the first call).
        """
        if expired:
            token = access_token or "ya29.expired-" + secrets.token_urlsafe(8)
        else:
            with self._lock:
                token = self._tokens.issue(refresh_token, scopes, access_token or "")
        info = authorized_user_info(
            token=token,
            refresh_token=refresh_token,
            token_uri=self.token_uri,
            scopes=scopes,
            expired=expired,
        )
        path = Path(path)
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
            self._faults.add(
                Fault(status, reason, count, path_contains, method.upper(), after_write)
            )

    @property
    def fault_rate(self) -> float:
        """The share of API calls that fail at random with a retryable error."""
        return self._faults.rate

    @fault_rate.setter
    def fault_rate(self, rate: float) -> None:
        with self._lock:
            self._faults.rate = rate

    @property
    def fault_seed(self) -> int:
        return self._faults.seed

    @fault_seed.setter
    def fault_seed(self, seed: int) -> None:
        with self._lock:
            self._faults.reseed(seed)

    def drop_next_connection(self, count: int = 1) -> None:
        """Close the socket of the next `count` HTTP requests without an answer.

        httplib2 resends once on a dropped connection by itself, so two drops in a row are
        what a caller's own retry logic gets to see.
        """
        with self._lock:
            self._faults.drops += count

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

    def track(self, connection: socket.socket, *, open_: bool) -> None:
        with self._lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def serve(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> Answer | None:
        """Answer one HTTP request; None means drop the connection."""
        if self.latency:
            time.sleep(self.latency)
        path, query, params = _split_target(target)
        with self._lock:
            if self._faults.drops:
                self._faults.drops -= 1
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
                answer = Answer.refusal(ApiError(404, "notFound"))
            record.status = answer.status
            return answer

    def _call(
        self, record: RequestRecord, headers: dict[str, str], body: bytes, authorization: str
    ) -> tuple[Answer, RequestRecord]:
        fault = self._faults.for_call(record.path, record.method)
        if fault is not None and not fault.after_write:
            return Answer.refusal(ApiError(fault.status, fault.reason)), record
        try:
            scopes = self._tokens.scopes(authorization)
            status, payload = api.call(
                self._store, record.method, record.path, record.params, body, headers, scopes
            )
            answer = Answer(status, payload)
        except ApiError as refusal:
            answer = Answer.refusal(refusal)
        if fault is not None:
            answer = Answer.refusal(ApiError(fault.status, fault.reason))
        return answer, record

    def _batch(self, record: RequestRecord, headers: dict[str, str], body: bytes) -> Answer:
        record.body = None
        fault = self._faults.injected(record.path, "POST", endpoint=True)
        if fault is not None:
            return Answer.refusal(ApiError(fault.status, fault.reason))
        # Google applies the envelope's headers to each part rather than checking them on the
        # envelope, so a stale token shows up as a 401 in every part, not on the batch POST.
        outer = headers.get("authorization", "")
        try:
            parts = parse_batch(headers.get("content-type", ""), body)
        except ApiError as refusal:
            return Answer.refusal(refusal)
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
                answer = Answer.refusal(ApiError(404, "notFound"))
            inner.status = answer.status
            payload = b"" if answer.payload is None else json.dumps(answer.payload).encode()
            answers.append((part.content_id, answer.status, payload))
        content_type, raw = build_batch(answers)
        return Answer(200, headers={"Content-Type": content_type}, raw=raw)

    def _token(self, path: str, method: str, body: bytes) -> Answer:
        fault = self._faults.injected(path, method, endpoint=True)
        if fault is not None:
            return Answer.refusal(ApiError(fault.status, fault.reason))
        return Answer(*self._tokens.refresh_grant(body))


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
