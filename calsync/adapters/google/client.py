"""The transport to the Calendar API: endpoint, retries with backoff, and batches.

google-api-python-client retries neither the failed parts of a batch nor (unless asked) a single
request, and its own backoff sleeps with `time.sleep`; calsync retries here so that the sleep can
be injected and every transient failure — 429, 403 rate limits, 5xx, a dropped connection — is
treated the same way.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import google.auth.exceptions
import google_auth_httplib2
import httplib2
from googleapiclient.errors import BatchError, HttpError
from googleapiclient.http import BatchHttpRequest, HttpRequest

from calsync.adapters.google.service import CalendarService
from calsync.errors import AuthError, SyncError

DEFAULT_ROOT = "https://www.googleapis.com/"
TIMEOUT_SECONDS = 60.0
MAX_BACKOFF_SECONDS = 32.0
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})

Sleep = Callable[[float], None]
Progress = Callable[[str, int, int | None], None]


def api_root() -> str:
    """The API root: `CALSYNC_API_ENDPOINT`, else Google's; always ending with "/"."""
    root = os.environ.get("CALSYNC_API_ENDPOINT") or DEFAULT_ROOT
    return root if root.endswith("/") else root + "/"


def batch_uri() -> str:
    """Where batches go; `api_endpoint` alone would leave them pointed at Google."""
    return api_root() + "batch/calendar/v3"


def build_service(credentials: Any) -> CalendarService:
    """A Calendar v3 client whose calls go to ROOT/calendar/v3/…, with a timeout."""
    authorized = google_auth_httplib2.AuthorizedHttp(
        credentials, http=httplib2.Http(timeout=TIMEOUT_SECONDS)
    )
    return CalendarService(authorized, api_root() + "calendar/v3/")


def error_reason(error: HttpError) -> tuple[str, str]:
    """The API's `reason` and `message` from an error body (empty strings when absent)."""
    try:
        body = json.loads(error.content.decode("utf-8", "replace"))
        detail = body.get("error", {})
        errors = detail.get("errors") or [{}]
        return str(errors[0].get("reason", "")), str(detail.get("message", ""))
    except (ValueError, AttributeError, TypeError):
        return "", ""


def status_of(error: HttpError) -> int:
    return int(error.resp.status)


def is_transient(error: BaseException) -> bool:
    """Worth another try: rate limits, server errors, and connections that broke."""
    if isinstance(error, HttpError):
        status = status_of(error)
        if status == 429 or status >= 500:
            return True
        return status == 403 and error_reason(error)[0] in RATE_LIMIT_REASONS
    return isinstance(
        error,
        OSError  # includes ConnectionError, timeouts and TLS errors
        | httplib2.HttpLib2Error
        | http.client.HTTPException
        | BatchError  # a batch response cut short by a dropped connection
        | google.auth.exceptions.TransportError,
    )


def describe(error: BaseException) -> str:
    """A short, secret-free account of a failure for a one-line error message."""
    if isinstance(error, HttpError):
        reason, message = error_reason(error)
        text = f"HTTP {status_of(error)} {reason}".rstrip()
        return f"{text}: {message}" if message else text
    return type(error).__name__


def backoff(attempt: int, error: BaseException | None = None) -> float:
    """Exponential backoff with full jitter; honours a server's Retry-After when it gives one."""
    delay = random.uniform(0, min(MAX_BACKOFF_SECONDS, 2.0**attempt))
    if isinstance(error, HttpError):
        with contextlib.suppress(TypeError, ValueError):
            delay = max(delay, min(MAX_BACKOFF_SECONDS, float(error.resp.get("retry-after", 0))))
    return delay


NOT_ACCEPTED = "Google does not accept the stored token"


def execute(request: HttpRequest, *, what: str, max_retries: int, sleep: Sleep) -> Any:
    """Run one request, retrying transient failures; auth failures become AuthError."""
    attempt = 0
    while True:
        try:
            return request.execute(num_retries=0)
        except google.auth.exceptions.RefreshError as err:
            raise AuthError("Google refused to refresh the token (revoked or expired)") from err
        except Exception as err:
            if isinstance(err, HttpError) and status_of(err) == 401:
                # still refused after google-auth refreshed the token
                raise AuthError(NOT_ACCEPTED) from err
            if not is_transient(err):
                raise
            if attempt >= max_retries:
                raise SyncError(
                    f"{what} failed after {max_retries} retries ({describe(err)})"
                ) from err
            attempt += 1
            sleep(backoff(attempt, err))


@dataclass(frozen=True)
class Result:
    """The outcome of one call in a batch: the response, or an error that retrying won't fix."""

    response: Any = None
    error: HttpError | None = None
    attempts: int = 1


def execute_batches(
    calls: Sequence[tuple[str, HttpRequest]],
    *,
    what: str,
    batch_size: int,
    max_retries: int,
    sleep: Sleep,
    progress: Progress | None = None,
) -> dict[str, Result]:
    """Run keyed calls in batch requests of `batch_size`, retrying only the parts that failed.

    Returns a result for every key; permanent errors (400, 404, 409 …) are left for the caller to
    judge, because what they mean depends on the call.
    """
    results: dict[str, Result] = {}
    total = len(calls)
    size = max(1, batch_size)
    for first in range(0, total, size):
        # Short numeric part ids: long Content-IDs get folded across lines, which some
        # servers do not unfold.
        keys = {str(n): key for n, (key, _) in enumerate(calls[first : first + size])}
        chunk = {str(n): request for n, (_, request) in enumerate(calls[first : first + size])}
        done = _run_chunk(chunk, what=what, max_retries=max_retries, sleep=sleep)
        results.update({keys[part]: result for part, result in done.items()})
        if progress:
            progress("writing", len(results), total)
    return results


def _run_chunk(
    calls: dict[str, HttpRequest], *, what: str, max_retries: int, sleep: Sleep
) -> dict[str, Result]:
    results: dict[str, Result] = {}
    pending = dict(calls)
    attempt = 0
    while pending:
        failed = _send_batch(pending, results, attempt)
        if not failed:
            break
        if attempt >= max_retries:
            sample = next(iter(failed.values()))
            raise SyncError(
                f"{what}: {len(failed)} call(s) still failing after {max_retries} retries "
                f"({describe(sample)}); rerun to finish"
            )
        attempt += 1
        sleep(backoff(attempt, next(iter(failed.values()))))
        pending = {key: calls[key] for key in failed}
    return results


def _send_batch(
    pending: dict[str, HttpRequest], results: dict[str, Result], attempt: int
) -> dict[str, BaseException]:
    """One batch request; settled calls go into `results`, transient failures are returned."""
    failed: dict[str, BaseException] = {}

    def collect(key: str, response: Any, error: HttpError | None) -> None:
        if error is not None and status_of(error) == 401:
            raise AuthError(NOT_ACCEPTED) from error
        if error is not None and is_transient(error):
            failed[key] = error
        else:
            results[key] = Result(response=response, error=error, attempts=attempt + 1)

    batch = BatchHttpRequest(callback=collect, batch_uri=batch_uri())
    for key, request in pending.items():
        batch.add(request, request_id=key)
    try:
        batch.execute()
    except AuthError:
        raise
    except google.auth.exceptions.RefreshError as err:
        raise AuthError("Google refused to refresh the token (revoked or expired)") from err
    except Exception as err:
        if not is_transient(err):
            raise SyncError(f"a batch request failed ({describe(err)})") from err
        # The whole request failed: some parts may have been applied, which the
        # deterministic ids make harmless to send again.
        return {key: err for key in pending if key not in results}
    return failed
