"""Microsoft Graph over plain HTTP (requests): retries, and `$batch` requests of up to 20 calls.

429 (with its Retry-After) and 5xx answers and dropped connections are retried with backoff —
the failed items of a batch too, which Graph reports one by one inside a 200 answer. Graph
throttles the whole mailbox, so a Retry-After holds back every request of the run, batches of
other items included, until it has passed. A 401 gets one silent token refresh; after that it is
the user's sign-in that is gone (exit 3).

Times come back in UTC unless a request says `Prefer: outlook.timezone="ZONE"`; once the mailbox's
zone is known (`zone`), every request asks for it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests

from calsync.adapters.microsoft.auth import auth_error
from calsync.errors import SyncError

DEFAULT_ENDPOINT = "https://graph.microsoft.com/v1.0"
BATCH_LIMIT = 20  # Graph's limit of calls in one $batch
IMMUTABLE_IDS = 'IdType="ImmutableId"'
TIMEOUT = 60.0

Json = dict[str, Any]
TokenSource = Callable[..., str]  # token(force_refresh=False) -> access token


def endpoint() -> str:
    return (os.environ.get("CALSYNC_GRAPH_ENDPOINT", "").strip() or DEFAULT_ENDPOINT).rstrip("/")


class GraphError(Exception):
    """A Graph answer that is not a success and not worth retrying."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"HTTP {status} {code}: {message}" if code else f"HTTP {status}")
        self.status = status
        self.code = code


@dataclass
class Call:
    """One call inside a batch; `url` is relative to the endpoint (`/me/events/ID`)."""

    method: str
    url: str
    body: Json | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Answer:
    status: int
    body: Json
    attempts: int = 1  # more than one: an earlier try may have been carried out already


def _retriable(status: int) -> bool:
    return status == 429 or status >= 500


def _retry_after(headers: Any, attempt: int) -> float:
    try:
        value = float(headers.get("Retry-After") or headers.get("retry-after"))
        return max(0.0, min(value, 300.0))
    except (TypeError, ValueError, AttributeError):
        return float(min(2**attempt, 60))


def _error_of(status: int, body: Any) -> GraphError:
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return GraphError(status, str(error.get("code", "")), str(error.get("message", "")))
    return GraphError(status, "", "")


class Graph:
    """One signed-in user's Graph; counts its HTTP requests (the benchmark prints them)."""

    def __init__(
        self,
        token: TokenSource,
        *,
        base: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        max_retries: int = 6,
        progress: Callable[[str, int, int | None], None] | None = None,
    ) -> None:
        self._token = token
        self.base = (base or endpoint()).rstrip("/")
        self._sleep = sleep
        self._clock = clock
        self._quiet_until = 0.0  # no request leaves before this (a Retry-After holds)
        self.zone = ""  # the mailbox's zone as Graph names it; answers are asked in it
        self.mailbox_zone: str | None = None  # as /me/mailboxSettings said (None: not asked)
        self._max_retries = max_retries
        self._progress = progress
        self._session = requests.Session()
        self.requests = 0

    def prefer(self, *more: str) -> str:
        """The Prefer header every request carries: immutable ids, the mailbox's zone."""
        wanted = [IMMUTABLE_IDS]
        if self.zone:
            wanted.append(f'outlook.timezone="{self.zone}"')
        return ", ".join([*wanted, *more])

    def _hold(self, seconds: float) -> None:
        """Nothing leaves for `seconds` from now (a longer hold already set stays)."""
        self._quiet_until = max(self._quiet_until, self._clock() + seconds)

    def _wait_turn(self) -> None:
        remaining = self._quiet_until - self._clock()
        if remaining > 0:
            self._sleep(remaining)
        self._quiet_until = 0.0  # waited out (the sleep is trusted, as tests record it)

    def _send(self, method: str, url: str, body: Json | None, headers: dict[str, str]) -> Answer:
        """One request with retries; any final non-2xx answer raises GraphError."""
        refreshed = force = False
        attempt = 0
        while True:
            attempt += 1
            self._wait_turn()
            sent = {
                "Authorization": f"Bearer {self._token(force_refresh=force)}",
                "Prefer": self.prefer(),
                **headers,
            }
            self.requests += 1
            try:
                reply = self._session.request(method, url, json=body, headers=sent, timeout=TIMEOUT)
            except requests.RequestException as exc:
                if attempt > self._max_retries:
                    raise SyncError(
                        f"Microsoft Graph did not answer ({type(exc).__name__})"
                    ) from exc
                self._hold(float(min(2**attempt, 60)))
                continue
            try:
                payload = reply.json() if reply.content else {}
            except ValueError:
                payload = {}
            force = False
            if reply.status_code == 401 and not refreshed:
                refreshed = force = True  # one silent refresh; a second 401 is a lost sign-in
                continue
            if reply.status_code == 401:
                raise auth_error("Microsoft Graph refused the sign-in (HTTP 401)")
            if _retriable(reply.status_code) and attempt <= self._max_retries:
                self._hold(_retry_after(reply.headers, attempt))
                continue
            if reply.status_code >= 300:
                raise _error_of(reply.status_code, payload)
            return Answer(reply.status_code, payload if isinstance(payload, dict) else {}, attempt)

    def get(self, path_or_url: str, params: dict[str, str] | None = None, *, page: int = 0) -> Json:
        """One GET; `page` asks for pages of that many items (Graph's default is small)."""
        url = path_or_url if path_or_url.startswith("http") else self.base + path_or_url
        if params:
            url = (
                url
                + ("&" if "?" in url else "?")
                + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
            )
        headers = {"Prefer": self.prefer(f"odata.maxpagesize={page}")} if page else {}
        return self._send("GET", url, None, headers).body

    def batch(self, calls: Sequence[Call], *, what: str) -> list[Answer]:
        """Every call's final answer, in order: 20 per `$batch`, failed items sent again."""
        answers: dict[int, Answer] = {}
        attempts = dict.fromkeys(range(len(calls)), 0)
        pending = list(range(len(calls)))
        round_ = 0
        while pending:
            round_ += 1
            wait = 0.0
            retry: list[int] = []
            for start in range(0, len(pending), BATCH_LIMIT):
                chunk = pending[start : start + BATCH_LIMIT]
                for index in chunk:
                    attempts[index] += 1
                requests_ = [
                    {
                        "id": str(index),
                        "method": calls[index].method,
                        "url": calls[index].url,
                        "headers": {
                            "Content-Type": "application/json",
                            "Prefer": self.prefer(),
                            **calls[index].headers,
                        },
                        **({"body": calls[index].body} if calls[index].body is not None else {}),
                    }
                    for index in chunk
                ]
                try:
                    reply = self._send(
                        "POST", f"{self.base}/$batch", {"requests": requests_}, {}
                    ).body
                except GraphError as err:
                    raise SyncError(f"{what} failed ({err})") from err
                for item in reply.get("responses", []):
                    try:
                        index = int(item.get("id", ""))
                    except ValueError:
                        continue
                    status = int(item.get("status", 500))
                    body = item.get("body") if isinstance(item.get("body"), dict) else {}
                    if _retriable(status) and round_ <= self._max_retries:
                        retry.append(index)
                        pause = _retry_after(item.get("headers") or {}, round_)
                        wait = max(wait, pause)
                        if status == 429:  # the mailbox is throttled: the next batch waits too
                            self._hold(pause)
                    else:
                        answers[index] = Answer(status, body or {}, attempts[index])
                # an item the answer left out was not carried out, or we cannot know: again
                retry.extend(i for i in chunk if i not in answers and i not in retry)
                if self._progress:
                    self._progress("writing", len(answers), len(calls))
            if retry and round_ > self._max_retries:
                raise SyncError(f"{what} failed: Microsoft Graph kept refusing {len(retry)} calls")
            pending = sorted(set(retry))
            if pending:
                self._hold(wait or float(min(2**round_, 60)))
        return [answers[i] for i in range(len(calls))]
