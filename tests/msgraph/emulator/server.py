"""A local Microsoft identity platform + Graph calendar API that MSAL and calsync talk to over TLS.

MSAL insists on an https authority, so the emulator serves TLS with a throwaway self-signed
certificate made at start-up (for 127.0.0.1); clients trust it through REQUESTS_CA_BUNDLE.

    with GraphEmulator(tmp_path) as ms:
        monkeypatch.setenv("CALSYNC_MS_AUTHORITY", ms.authority)
        monkeypatch.setenv("CALSYNC_GRAPH_ENDPOINT", ms.graph)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ms.ca_file))

Identity side: openid-configuration, device codes (a scripted answer per poll:
`authorization_pending`, `slow_down`, `expired_token`, then the grant), refresh tokens that can be
revoked, access tokens that can be expired. Graph side: calendars, events with change keys and
412s, extended properties with `$filter`/`$expand`, `calendarView/delta` with paging, `@removed`
and injectable 410s, `$batch` (20 at most, faults per item), 429 with Retry-After, Windows zones.

Written to answer as Microsoft documents Graph, not as calsync expects:
- times in UTC unless `Prefer: outlook.timezone` asks for a zone (in a batch: each item's own
  headers); all-day events as midnight of their dates in the answer's zone; custom zone names
  ("tzone://Microsoft/Custom") in `originalStartTimeZone` of invitations (`seed(shown_zone=…)`);
- `/me/mailboxSettings` with the mailbox's `timeZone` (`mailbox_zone`);
- a batch item with a body but no Content-Type header is a 400, as Graph's JSON batching demands;
- a lost answer is a dropped connection (the work done, nothing sent back), not a tidy 502;
- after a 429 the mailbox is throttled until Retry-After has passed: a request that comes sooner
  is refused again and counted in `retry_after_violations` (tests assert it stays 0). `clock`
  is what "passed" is measured with (tests that record waits instead of waiting add them).
"""

from __future__ import annotations

import base64
import json
import random
import secrets
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.msgraph.emulator.store import USER, Event, Json, Store, preferred_zone, zone_of
from tests.msgraph.emulator.tls import make_certificate

TENANT = "consumers"
DROPPED = 0  # the status of an answer never sent: the connection is closed instead
RETRY_AFTER = 1  # seconds a 429 tells the client to wait
CLIENT_ID = "00000000-calsync-test-client"


@dataclass
class Record:
    method: str
    path: str
    status: int
    in_batch: bool = False


def _b64(data: Json) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _token_of(kind: str, data: Json) -> str:
    return kind + base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


def _untoken(kind: str, text: str) -> Json:
    return dict(json.loads(base64.urlsafe_b64decode(text[len(kind) :].encode())))


def _error(status: int, code: str, message: str = "") -> tuple[int, Json, dict[str, str]]:
    return status, {"error": {"code": code, "message": message or code}}, {}


class GraphEmulator:
    def __init__(self, folder: Path, *, page_size: int = 1000) -> None:
        self.store = Store()
        self.page_size = page_size  # the most events one delta page holds, whatever is asked
        self._page = 10
        self.latency = 0.0  # seconds each HTTP request takes
        self.lock = threading.RLock()
        self.records: list[Record] = []
        self.fault_rate = 0.0
        self.random = random.Random(7)
        self.next_statuses: deque[int] = deque()  # forced answers for the next Graph calls
        self.drop_batch_answers = 0  # the next N batches are carried out, their answers lost
        self.expire_delta_next = False
        self.device_script: list[str] = []  # answers to the next device-code polls
        self.polls: list[str] = []
        self.access_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.refreshes = 0
        self.client_id = CLIENT_ID
        self.after_write: Any = None  # called (with the count) after each carried-out write
        self.after_read: Any = None  # called after each delta page served, as the answer leaves
        self.writes = 0
        self._rounds: dict[str, list[Json]] = {}
        # /me/mailboxSettings timeZone; None: the sign-in may not read the mailbox's settings
        self.mailbox_zone: str | None = "Pacific Standard Time"
        self.clock: Any = time.monotonic
        self.quiet_until = 0.0  # a 429 throttles the mailbox until then
        self.retry_after_violations = 0  # requests that came before the Retry-After passed
        cert, key = make_certificate(folder)
        self.ca_file = cert
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)

    # ---- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> GraphEmulator:
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, payload, extra = emulator.serve(self.command, self.path, headers, body)
                if status == DROPPED:
                    self.close_connection = True  # the answer is lost on the way
                    self.connection.close()
                    return
                data = json.dumps(payload).encode() if payload is not None else b""
                self.send_response(status)
                if data:
                    self.send_header("Content-Type", "application/json")
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.socket = self._context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    @property
    def authority(self) -> str:
        return f"{self.origin}/{TENANT}"

    @property
    def graph(self) -> str:
        return f"{self.origin}/v1.0"

    # ---- test helpers ------------------------------------------------------------------------

    def graph_requests(self) -> list[Record]:
        return [r for r in self.records if r.path.startswith("/v1.0") and not r.in_batch]

    def reset_records(self) -> None:
        with self.lock:
            self.records.clear()

    def sign_in_token(self) -> Json:
        """A token response as after a finished sign-in (MSAL stores it in its cache)."""
        with self.lock:
            return self._grant()

    def revoke(self) -> None:
        with self.lock:
            self.refresh_tokens.clear()
            self.access_tokens.clear()

    def expire_access_tokens(self) -> None:
        with self.lock:
            self.access_tokens.clear()

    def seed(
        self,
        subject: str,
        start: datetime,
        minutes: int = 60,
        *,
        zone: str = "Pacific Standard Time",
        shown_zone: str = "",
        all_day: bool = False,
        body: str = "",
        html: bool = True,
        attendees: tuple[tuple[str, str], ...] = (),
        calendar: str | None = None,
        **fields: Any,
    ) -> Event:
        """An event as the user (or an invitation) made it in Outlook; `shown_zone` is the name
        Graph gives its zone when that is not `zone` (a custom zone); `all_day` makes `start`'s
        date an all-day event of `minutes // 1440` days (at least one)."""
        with self.lock:
            store_zone = zone
            if start.tzinfo is not None:
                start = start.astimezone(zone_of(zone)).replace(tzinfo=None)
            if all_day:
                start = start.replace(hour=0, minute=0, second=0, microsecond=0)
                minutes = 1440 * max(1, minutes // 1440)
                fields = {"isAllDay": True, **fields}
            event, _ = self.store.create(
                calendar or self.store.calendar_id(None),
                {
                    "subject": subject,
                    "body": {"contentType": "html" if html else "text", "content": body},
                    "start": {
                        "dateTime": start.replace(tzinfo=None).isoformat(),
                        "timeZone": store_zone,
                    },
                    "end": {
                        "dateTime": (start + timedelta(minutes=minutes))
                        .replace(tzinfo=None)
                        .isoformat(),
                        "timeZone": store_zone,
                    },
                    "attendees": [
                        {
                            "emailAddress": {"name": name, "address": address},
                            "status": {"response": "accepted"},
                            "type": "required",
                        }
                        for name, address in attendees
                    ],
                    "organizer": {"emailAddress": {"name": "Pat", "address": USER}},
                    "isOrganizer": True,
                    "responseStatus": {"response": "organizer"},
                    **fields,
                },
            )
            event.shown_zone = shown_zone
            return event

    def user_edit(self, event_id: str, **body: Any) -> None:
        with self.lock:
            self.store.update(self.store.events[event_id], body)

    def user_delete(self, event_id: str) -> None:
        with self.lock:
            self.store.delete(self.store.events[event_id])

    def calsync_events(self, calendar: str | None = None) -> list[Event]:
        with self.lock:
            return [e for e in self.store.live(calendar) if e.fields.get("transactionId")]

    # ---- dispatch ----------------------------------------------------------------------------

    def serve(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, Json | None, dict[str, str]]:
        parts = urlsplit(target)
        path = unquote(parts.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if self.latency:
            time.sleep(self.latency)
        with self.lock:
            if path.startswith("/v1.0"):
                answer = self._graph_entry(method, path[len("/v1.0") :], query, headers, body)
            else:
                answer = self._identity(method, path, body)
            self.records.append(Record(method, path, answer[0]))
            return answer

    # ---- identity platform -------------------------------------------------------------------

    def _identity(
        self, method: str, path: str, body: bytes
    ) -> tuple[int, Json | None, dict[str, str]]:
        base = f"{self.origin}/{TENANT}"
        if path.endswith("/.well-known/openid-configuration"):
            return (
                200,
                {
                    "issuer": f"{base}/v2.0",
                    "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                    "token_endpoint": f"{base}/oauth2/v2.0/token",
                    "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
                },
                {},
            )
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        if path.endswith("/oauth2/v2.0/devicecode"):
            return (
                200,
                {
                    "device_code": secrets.token_hex(8),
                    "user_code": "CALSYNC7",
                    "verification_uri": "https://microsoft.com/devicelogin",
                    "expires_in": 900,
                    "interval": 1,
                    "message": (
                        "To sign in, open https://microsoft.com/devicelogin and enter CALSYNC7"
                    ),
                },
                {},
            )
        if path.endswith("/oauth2/v2.0/token"):
            grant = form.get("grant_type", "")
            if form.get("client_id") != self.client_id:
                return 400, {"error": "unauthorized_client"}, {}
            if grant.endswith("device_code"):
                answer = self.device_script.pop(0) if self.device_script else "grant"
                self.polls.append(answer)
                if answer != "grant":
                    return 400, {"error": answer}, {}
                return 200, self._grant(), {}
            if grant == "refresh_token":
                if form.get("refresh_token") not in self.refresh_tokens:
                    return 400, {"error": "invalid_grant", "error_description": "revoked"}, {}
                self.refreshes += 1
                self.refresh_tokens.discard(form["refresh_token"])  # rotated, as Microsoft does
                return 200, self._grant(), {}
            return 400, {"error": "unsupported_grant_type"}, {}
        return 404, {"error": "not_found"}, {}

    def _grant(self) -> Json:
        access, refresh = secrets.token_hex(12), secrets.token_hex(12)
        self.access_tokens.add(access)
        self.refresh_tokens.add(refresh)
        now = int(time.time())
        claims = {
            "iss": f"{self.origin}/{TENANT}/v2.0",
            "aud": self.client_id,
            "iat": now,
            "exp": now + 3600,
            "sub": "pat",
            "oid": "00000000-0000-0000-0000-00000000beef",
            "tid": "9188040d-6c67-4c5b-b112-36a304b66dad",
            "preferred_username": USER,
            "name": "Pat",
        }
        return {
            "token_type": "Bearer",
            "scope": "Calendars.ReadWrite MailboxSettings.Read openid profile offline_access",
            "expires_in": 3600,
            "access_token": access,
            "refresh_token": refresh,
            "id_token": f"{_b64({'alg': 'none'})}.{_b64(claims)}.",
            "client_info": _b64({"uid": claims["oid"], "utid": claims["tid"]}),
        }

    # ---- Graph -------------------------------------------------------------------------------

    def _graph_entry(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> tuple[int, Json | None, dict[str, str]]:
        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in self.access_tokens:
            return _error(401, "InvalidAuthenticationToken", "Access token has expired.")
        early = self.quiet_until - self.clock()
        if early > 0:  # throttled: the client did not wait as long as Retry-After said
            self.retry_after_violations += 1
            answer = _error(429, "TooManyRequests", "Retry-After has not passed")
            return answer[0], answer[1], {"Retry-After": str(max(1, round(early)))}
        fault = self._fault()
        if fault is not None:
            return fault
        try:
            payload = json.loads(body) if body else None
        except ValueError:
            return _error(400, "BadRequest", "not JSON")
        if path == "/$batch" and method == "POST":
            return self._batch(payload or {}, headers)
        return self._call(method, path, query, headers, payload)

    def _fault(self) -> tuple[int, Json | None, dict[str, str]] | None:
        status = self.next_statuses.popleft() if self.next_statuses else 0
        if not status and self.fault_rate and self.random.random() < self.fault_rate:
            status = self.random.choice((429, 503, 500))
        if not status:
            return None
        code = "TooManyRequests" if status == 429 else "ServiceUnavailable"
        answer = _error(status, code, "injected")
        if status != 429:
            return answer[0], answer[1], {}
        self.quiet_until = max(self.quiet_until, self.clock() + RETRY_AFTER)
        return answer[0], answer[1], {"Retry-After": str(RETRY_AFTER)}

    def _batch(
        self, payload: Json, headers: dict[str, str]
    ) -> tuple[int, Json | None, dict[str, str]]:
        requests = payload.get("requests") or []
        if len(requests) > 20:
            return _error(400, "BadRequest", "A batch may hold 20 requests at most")
        responses = []
        for item in requests:
            fault = self._fault()
            if fault is not None:
                status, body, extra = fault
                self.records.append(
                    Record(item["method"], "/v1.0" + str(item["url"]), status, True)
                )
            else:
                url = urlsplit(str(item["url"]))
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                item_headers = {k.lower(): v for k, v in (item.get("headers") or {}).items()}
                if "body" in item and "content-type" not in item_headers:
                    status, body, extra = _error(
                        400, "BadRequest", "Content-Type header is required with a body"
                    )
                else:
                    status, body, extra = self._call(
                        item["method"], unquote(url.path), query, item_headers, item.get("body")
                    )
                self.records.append(Record(item["method"], "/v1.0" + url.path, status, True))
                if self.fault_rate and self.random.random() < self.fault_rate / 2:
                    # carried out, but the answer is lost: the client must not make a copy
                    status, body, extra = _error(503, "ServiceUnavailable", "answer lost")
                    self.records[-1].status = status
            responses.append({"id": item["id"], "status": status, "headers": extra, "body": body})
        self.random.shuffle(responses)  # Graph answers in any order
        if self.drop_batch_answers:
            self.drop_batch_answers -= 1
            return DROPPED, None, {}
        if self.fault_rate and self.random.random() < self.fault_rate / 2:
            return DROPPED, None, {}  # carried out, and the whole answer lost with the connection
        return 200, {"responses": responses}, {}

    def _call(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: Any
    ) -> tuple[int, Json | None, dict[str, str]]:
        segments = [s for s in path.split("/") if s]
        if segments[:1] != ["me"]:
            return _error(404, "ResourceNotFound")
        rest = segments[1:]
        zone = preferred_zone(headers)
        if rest == ["mailboxSettings"] and method == "GET":
            if self.mailbox_zone is None:  # a sign-in without MailboxSettings.Read
                return _error(403, "ErrorAccessDenied", "Access is denied.")
            return 200, {"timeZone": self.mailbox_zone, "dateFormat": "M/d/yyyy"}, {}
        if rest == ["calendars"] and method == "GET":
            return 200, {"value": list(self.store.calendars.values())}, {}
        calendar: str | None = None
        if rest[:1] == ["calendar"]:
            calendar, rest = self.store.calendar_id(None), rest[1:]
        elif rest[:1] == ["calendars"] and len(rest) >= 2:
            calendar, rest = rest[1], rest[2:]
            if calendar not in self.store.calendars:
                return _error(404, "ErrorItemNotFound")
        if calendar is not None and rest == ["calendarView", "delta"] and method == "GET":
            prefer = headers.get("prefer", "")
            wanted = (
                prefer.split("odata.maxpagesize=", 1)[1].split(",")[0]
                if ("odata.maxpagesize=" in prefer)
                else "10"
            )  # Graph's default page of a calendarView delta
            self._page = min(int(wanted), self.page_size)
            answer = self._delta(calendar, query, zone)
            if self.after_read is not None and answer[0] == 200:
                self.after_read()
            return answer
        if calendar is not None and rest == ["events"]:
            if method == "POST":
                return self._create(calendar, body or {}, zone)
            if method == "GET":
                return self._list(calendar, query, zone)
        if calendar is None and len(rest) == 2 and rest[0] == "events":
            return self._one(method, rest[1], headers, body or {}, zone)
        return _error(404, "ResourceNotFound", path)

    def _write_done(self) -> None:
        self.writes += 1
        if self.after_write is not None:
            self.after_write(self.writes)

    def _create(
        self, calendar: str, body: Json, zone: str
    ) -> tuple[int, Json | None, dict[str, str]]:
        event, _new = self.store.create(calendar, body)
        self._write_done()
        return 201, event.as_json(zone=zone), {}

    def _one(
        self, method: str, event_id: str, headers: dict[str, str], body: Json, zone: str
    ) -> tuple[int, Json | None, dict[str, str]]:
        event = self.store.events.get(event_id)
        if event is None or event.deleted:
            return _error(404, "ErrorItemNotFound", "The specified object was not found")
        if method == "GET":
            return 200, event.as_json(zone=zone), {}
        wanted = headers.get("if-match")
        if wanted and wanted != f'W/"{event.change_key}"':
            return _error(412, "ErrorIrresolvableConflict", "The change key does not match")
        if method == "PATCH":
            self.store.update(event, body)
            self._write_done()
            return 200, event.as_json(zone=zone), {}
        if method == "DELETE":
            self.store.delete(event)
            self._write_done()
            return 204, None, {}
        return _error(405, "MethodNotAllowed")

    def _list(
        self, calendar: str, query: dict[str, str], zone: str
    ) -> tuple[int, Json | None, dict[str, str]]:
        found = self.store.live(calendar)
        wanted = query.get("$filter", "")
        if wanted:
            # singleValueExtendedProperties/Any(ep: ep/id eq 'ID' and ep/value eq 'VALUE')
            quoted = wanted.split("'")
            if len(quoted) < 5 or "singleValueExtendedProperties/Any" not in wanted:
                return _error(400, "BadRequest", "unsupported $filter")
            found = [e for e in found if e.props.get(quoted[1]) == quoted[3]]
        expand = query.get("$expand", "")
        prop = expand.split("'")[1] if "'" in expand else None
        skip = int(query.get("$skip", "0"))
        top = int(query.get("$top", "10"))
        page = found[skip : skip + top]
        result: Json = {"value": [e.as_json(expand=prop, zone=zone) for e in page]}
        if skip + top < len(found):
            result["@odata.nextLink"] = (
                (
                    f"{self.graph}/me/calendars/{calendar}/events?$filter={wanted}&$expand={expand}"
                    f"&$top={top}&$skip={skip + top}"
                )
                .replace(" ", "%20")
                .replace("'", "%27")
            )
        return 200, result, {}

    def _delta(
        self, calendar: str, query: dict[str, str], zone: str
    ) -> tuple[int, Json | None, dict[str, str]]:
        if "$deltatoken" in query:
            if self.expire_delta_next:
                self.expire_delta_next = False
                return _error(410, "SyncStateNotFound", "The sync state was not found")
            token = _untoken("d", query["$deltatoken"])
            changed = [
                e
                for e in self.store.events.values()
                if e.calendar == calendar and e.seq > token["seq"]
            ]
            start, end = (datetime.fromisoformat(token[k]) for k in ("start", "end"))
            items = [
                {"@removed": {"reason": "deleted"}, "id": e.id}
                if e.deleted or not self.store.in_window(e, start, end)
                else e.as_json(zone=zone)
                for e in sorted(changed, key=lambda e: e.seq)
            ]
            now = {**token, "seq": self.store.seq}
            return 200, self._delta_page(calendar, items, 0, now), {}
        if "$skiptoken" in query:
            token = _untoken("s", query["$skiptoken"])
            items = self._rounds.get(token["round"])
            if items is None:
                return _error(410, "SyncStateNotFound", "The paging state was not found")
            return 200, self._delta_page(calendar, items, token["offset"], token), {}
        start = datetime.fromisoformat(query["startDateTime"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(query["endDateTime"].replace("Z", "+00:00"))
        token = {"start": start.isoformat(), "end": end.isoformat(), "seq": self.store.seq}
        items = [
            e.as_json(zone=zone)
            for e in self.store.live(calendar)
            if self.store.in_window(e, start, end)
        ]
        return 200, self._delta_page(calendar, items, 0, token), {}

    def _delta_page(self, calendar: str, items: list[Json], offset: int, token: Json) -> Json:
        size = self._page
        page = items[offset : offset + size]
        base = f"{self.graph}/me/calendars/{calendar}/calendarView/delta"
        if offset + size < len(items):
            round_id = token.get("round") or secrets.token_hex(6)
            self._rounds[round_id] = items
            skip = {**token, "round": round_id, "offset": offset + size}
            return {"value": page, "@odata.nextLink": f"{base}?$skiptoken={_token_of('s', skip)}"}
        final = {"start": token["start"], "end": token["end"], "seq": token["seq"]}
        return {"value": page, "@odata.deltaLink": f"{base}?$deltatoken={_token_of('d', final)}"}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]
