"""Where a CalDAV calendar is and how to log in: `caldav+https://HOST/PATH` and credentials.

The spec never carries a secret: credentials come from the environment or the config (a
command that prints the password), and every label shown to the user is built without them.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import signal
import subprocess
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from calsync.errors import ConfigError, UsageError
from calsync.settings import Settings

PREFIXES = ("caldav+https://", "caldav+http://")
USER_ENV = "CALSYNC_CALDAV_USER"
PASSWORD_ENV = "CALSYNC_CALDAV_PASSWORD"
PASSWORD_COMMAND_LIMIT = 30.0  # seconds: `pass` or a keychain answers in well under one
CHECK_CREDENTIALS = (
    f"check {USER_ENV} and {PASSWORD_ENV} (or caldav_user and caldav_password_command "
    "in the config)"
)


@dataclass(frozen=True)
class Location:
    """A parsed spec: the HTTP(S) URL to talk to and how to name it in output."""

    url: str  # http(s)://host[:port]/path/ without credentials
    label: str  # caldav+https://host[:port]/path/

    @property
    def origin(self) -> str:
        """scheme://host:port: two specs with the same origin are on the same server."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}".lower()


def parse(spec: str) -> Location:
    """`caldav+https://HOST/PATH` → a Location, or one line saying what is wrong with it."""
    text = spec.strip()
    if not text.lower().startswith(PREFIXES):
        raise UsageError(f"{spec!r}: a CalDAV calendar is written caldav+https://HOST/PATH")
    parts = urlsplit(text[len("caldav+") :])
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            "a CalDAV URL must not hold a user name or password; "
            f"set {USER_ENV} and {PASSWORD_ENV} instead"
        )
    host = parts.hostname or ""
    if not host:
        raise UsageError(f"{_shown(parts)}: no server name in the CalDAV URL")
    try:
        port = parts.port
    except ValueError:
        raise UsageError(f"{_shown(parts)}: the port is not a number") from None
    if parts.scheme == "http" and not _loopback(host):
        raise UsageError(
            f"{_shown(parts)}: caldav+http:// is only for a server on this machine "
            "(passwords would cross the network unencrypted); use caldav+https://"
        )
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None:
        netloc += f":{port}"
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"  # collections are folders; servers answer their URL with a slash
    url = urlunsplit((parts.scheme, netloc, path, "", ""))
    return Location(url=url, label="caldav+" + url)


def _shown(parts: SplitResult) -> str:
    """The spec as it may be shown: scheme, host and path, never credentials."""
    return f"caldav+{parts.scheme}://{parts.hostname or ''}{parts.path}"


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Credentials:
    user: str | None
    password: str | None = None

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return f"Credentials(user={self.user!r}, password={'***' if self.password else None})"


def credentials(settings: Settings) -> Credentials:
    """The login: environment first, then the config's user and password command."""
    user = os.environ.get(USER_ENV) or settings.caldav_user or None
    password = os.environ.get(PASSWORD_ENV) or None
    if password is None and settings.caldav_password_command:
        password = password_from_command(settings.caldav_password_command)
    if password is not None and not user:
        raise ConfigError(
            f"a CalDAV password is set but no user name; set {USER_ENV} or caldav_user"
        )
    return Credentials(user=user, password=password)


def password_from_command(command: str, *, limit: float | None = None) -> str:
    """The first line the password command prints, waiting at most `limit` seconds for it.

    Run by a shell, as mail clients run theirs (`pass show fastmail | head -1` works), in a
    process group of its own: past the limit the whole group is killed, so a stuck command (or
    a child it left behind) neither holds up the run nor outlives it. The output is the
    secret, so it appears in no message.
    """
    limit = PASSWORD_COMMAND_LIMIT if limit is None else limit
    try:
        process = subprocess.Popen(
            command,
            shell=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            process_group=0,  # a group of its own, still on the user's terminal for a prompt
        )
    except OSError as exc:
        problem = type(exc).__name__
        raise ConfigError(f"caldav_password_command could not be run ({problem})") from None
    try:
        out, _ = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConfigError(
            f"caldav_password_command did not finish within {limit:g} seconds; it was stopped"
        ) from None
    finally:
        if process.poll() is None:  # interrupted (Ctrl-C): leave nothing running
            _kill_group(process)
    if process.returncode != 0:
        raise ConfigError(f"caldav_password_command failed (exit status {process.returncode})")
    lines = out.splitlines()
    if not lines or not lines[0].strip():
        raise ConfigError("caldav_password_command printed no password")
    return lines[0].rstrip("\r\n")


def _kill_group(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    # reaped, its pipe closed: a grandchild still holding the pipe was killed with the group
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=5)
