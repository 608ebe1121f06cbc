"""One error hierarchy; each error knows the exit code SPEC gives it.

Errors are raised with a one-line message that names the file (or URL, or setting) and what is
wrong. The CLI prints that line and exits with `exit_code`; nothing else prints errors.
"""

from __future__ import annotations


class CalsyncError(Exception):
    """Base class. `exit_code` follows SPEC: 1 sync failure, 2 bad input, 3 auth needed."""

    exit_code = 1


class SyncError(CalsyncError):
    """A failure while syncing: network, API after retries, file system. A rerun converges."""

    exit_code = 1


class UsageError(CalsyncError):
    """Bad usage, configuration or input data."""

    exit_code = 2


class InputError(UsageError):
    """A source or target file/URL that cannot be used (not iCalendar, too large, …)."""


class ConfigError(UsageError):
    """A config file or option value that is not valid."""


class AuthError(CalsyncError):
    """Authorisation is missing, expired or revoked (Google, or a CalDAV server's login).

    `hint` says what to do next; without one it is Google's (`calsync auth`), so a backend with
    its own credentials (CalDAV) passes its own.
    """

    exit_code = 3

    def __init__(self, message: str = "", *, hint: str | None = None) -> None:
        if hint is not None:
            super().__init__(f"{message}; {hint}" if message else hint)
            return
        hint = "run `calsync auth` to sign in to Google again"
        super().__init__(
            f"{message}; {hint}" if message else f"Google authorisation needed: {hint}"
        )


class LockBusy(CalsyncError):
    """Another calsync run holds the lock; not a failure (exit 0)."""

    exit_code = 0
