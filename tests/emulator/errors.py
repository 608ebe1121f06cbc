"""Google's error answers, shaped as the Calendar API v3 sends them.

google-api-python-client turns these bodies into `HttpError`s whose `reason` and
`error_details` come from the `errors` list, so code that branches on `reason`
("duplicate", "fullSyncRequired", "rateLimitExceeded") sees what Google would send.
"""

from __future__ import annotations

from typing import Any

# The status words Google's newer front ends add next to the code.
_STATUS_WORDS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    410: "GONE",
    412: "FAILED_PRECONDITION",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}

# What Google says for each reason when the emulator is not told otherwise.
DEFAULT_MESSAGES = {
    "authError": "Request had invalid authentication credentials. Expected OAuth 2 access token, "
    "login cookie or other valid authentication credential. "
    "See https://developers.google.com/identity/sign-in/web/devconsole-project.",
    "badRequest": "Bad Request",
    "backendError": "Backend Error",
    "conditionNotMet": "Precondition Failed",
    "deleted": "Resource has been deleted",
    "duplicate": "The requested identifier already exists.",
    "forbidden": "Forbidden",
    "fullSyncRequired": "Sync token is no longer valid, a full sync is required.",
    "insufficientPermissions": "Request had insufficient authentication scopes.",
    "invalid": "Invalid Value",
    "notFound": "Not Found",
    "parseError": "Parse Error",
    "quotaExceeded": "Calendar usage limits exceeded.",
    "rateLimitExceeded": "Rate Limit Exceeded",
    "required": "Required",
    "requiredAccessLevel": "You need to have writer access to this calendar.",
    "timeRangeEmpty": "The specified time range is empty.",
    "userRateLimitExceeded": "User Rate Limit Exceeded",
}

# Rate and quota reasons live in Google's "usageLimits" domain, everything else in "global".
_USAGE_LIMIT_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"}

# The reason a bare status code gets when a fault is injected without one.
DEFAULT_REASONS = {
    400: "badRequest",
    401: "authError",
    403: "rateLimitExceeded",
    404: "notFound",
    409: "duplicate",
    410: "fullSyncRequired",
    412: "conditionNotMet",
    429: "rateLimitExceeded",
    500: "backendError",
    503: "backendError",
}


class ApiError(Exception):
    """A call that Google would refuse; the HTTP layer turns it into the JSON body."""

    def __init__(self, status: int, reason: str = "", message: str = "") -> None:
        self.status = status
        self.reason = reason or DEFAULT_REASONS.get(status, "backendError")
        self.message = message or DEFAULT_MESSAGES.get(self.reason, "Error")
        super().__init__(f"{status} {self.reason}: {self.message}")

    def body(self) -> dict[str, Any]:
        domain = "usageLimits" if self.reason in _USAGE_LIMIT_REASONS else "global"
        detail: dict[str, Any] = {"domain": domain, "reason": self.reason, "message": self.message}
        if self.status == 401:
            detail.update(location="Authorization", locationType="header")
        error: dict[str, Any] = {"code": self.status, "message": self.message, "errors": [detail]}
        if self.status in _STATUS_WORDS:
            error["status"] = _STATUS_WORDS[self.status]
        return {"error": error}
