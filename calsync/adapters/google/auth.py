"""Google OAuth for calsync: the narrowest scope, a token file only the user can read.

The token file is the authorized-user JSON that google-auth writes. Its `token_uri` is honoured,
so a refresh can go to a local emulator in tests. No function here prints or logs a token.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import google.auth.exceptions
import platformdirs
from google.oauth2.credentials import Credentials

from calsync.adapters.atomic import replace_file
from calsync.errors import AuthError, SyncError, UsageError

# `calendar.events.owned` reads and writes events on calendars the user owns, and nothing else.
OWNED_SCOPE = "https://www.googleapis.com/auth/calendar.events.owned"
# Reading a calendar someone else owns (a shared interview calendar) needs this as well.
READONLY_SCOPE = "https://www.googleapis.com/auth/calendar.events.readonly"
# Naming a calendar ("Job search") instead of giving its id needs the calendar list.
NAMES_SCOPE = "https://www.googleapis.com/auth/calendar.calendarlist.readonly"
SCOPES: tuple[str, ...] = (OWNED_SCOPE,)

APP_NAME = "calsync"


def scopes(read_others: bool = False, calendar_names: bool = False) -> list[str]:
    """The scopes to ask for: only the owned-events scope unless the user asks for more."""
    wanted = list(SCOPES)
    if read_others:
        wanted.append(READONLY_SCOPE)
    if calendar_names:
        wanted.append(NAMES_SCOPE)
    return wanted


def token_path() -> Path:
    """Where the token lives: `CALSYNC_TOKEN`, else the platform's user data folder."""
    explicit = os.environ.get("CALSYNC_TOKEN")
    if explicit:
        return Path(explicit).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "token.json"


def client_secrets_path(explicit: str | None = None) -> Path:
    """The OAuth client file: `--client-secrets`, else `CALSYNC_CLIENT_SECRETS`, else config."""
    chosen = explicit or os.environ.get("CALSYNC_CLIENT_SECRETS")
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "client_secret.json"


def save_credentials(credentials: Credentials, path: Path | None = None) -> Path:
    """Write the token atomically, readable by the user alone (mode 0600 from the first byte)."""
    target = path or token_path()
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    replace_file(target, credentials.to_json().encode("utf-8"), mode=0o600)  # type: ignore[no-untyped-call]
    return target


FIRST_SIGN_IN = "sign in with `calsync auth`"


def _safe_token_uri(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme == "https" or (
        parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")
    )


def _read_token(path: Path) -> Credentials:
    if not path.is_file():
        # a first-time user has never signed in: "again" would send them looking for a token
        raise AuthError(f"no Google token at {path}", hint=FIRST_SIGN_IN)
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        credentials: Credentials = Credentials.from_authorized_user_info(info)  # type: ignore[no-untyped-call]
        # google-auth now ignores the file's token_uri; SPEC honours it (tests refresh against
        # a local emulator), but never over plain HTTP to anything except this machine.
        token_uri = info.get("token_uri")
        if token_uri and token_uri != credentials.token_uri:
            if not _safe_token_uri(str(token_uri)):
                raise AuthError(f"the Google token at {path} names an unsafe token_uri")
            moved: Credentials = credentials.with_token_uri(str(token_uri))
            moved.expiry = credentials.expiry  # the copy forgets it
            credentials = moved
        return credentials
    except (OSError, ValueError, TypeError) as err:
        raise AuthError(
            f"the Google token at {path} cannot be used ({type(err).__name__})"
        ) from err


def refresh(credentials: Credentials, path: Path) -> None:
    """Get a fresh access token and store it; a revoked grant means signing in again."""
    # requests (a tenth of a second to import) only when a token has expired: an hourly sync
    # within the token's hour never needs it.
    from google.auth.transport.requests import Request

    try:
        credentials.refresh(Request())  # type: ignore[no-untyped-call]
    except google.auth.exceptions.RefreshError as err:
        raise AuthError(
            f"Google refused to refresh the token at {path} (revoked or expired)"
        ) from err
    except google.auth.exceptions.TransportError as err:
        raise SyncError(f"could not reach Google's token endpoint: {type(err).__name__}") from err
    save_credentials(credentials, path)


def load_credentials() -> Credentials:
    """The stored credentials, refreshed when the access token has expired."""
    path = token_path()
    credentials = _read_token(path)
    if not credentials.valid:
        if not credentials.refresh_token:
            raise AuthError(f"the Google token at {path} has expired and cannot be refreshed")
        refresh(credentials, path)
    return credentials


def run_flow(
    client_secrets: Path,
    *,
    open_browser: bool,
    read_others: bool = False,
    calendar_names: bool = False,
    port: int = 0,
) -> Path:
    """Sign in through the browser (or a printed URL) and store the token; returns its path."""
    from google_auth_oauthlib.flow import InstalledAppFlow

    try:
        flow = InstalledAppFlow.from_client_secrets_file(
            str(client_secrets), scopes=scopes(read_others, calendar_names)
        )
    except FileNotFoundError as err:
        raise UsageError(f"{client_secrets}: no OAuth client file there") from err
    except (ValueError, KeyError, OSError) as err:
        raise UsageError(
            f"{client_secrets}: not a Google OAuth client file for an installed app"
        ) from err
    prompt = (
        "Open this address in a browser and allow calsync (over SSH, forward the port in its "
        "redirect_uri first: docs/backends/google.md, Headless machines):\n{url}"
        if not open_browser
        else "Your browser should open; if it does not, visit:\n{url}"
    )
    from oauthlib.oauth2.rfc6749.errors import OAuth2Error

    # Google may grant scopes the user gave this client before; oauthlib would raise on that
    os.environ.setdefault("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")
    try:
        credentials = flow.run_local_server(
            port=port,
            open_browser=open_browser,
            authorization_prompt_message=prompt,
            success_message="calsync is authorised; you can close this window.",
        )
    except OAuth2Error as err:
        raise AuthError(f"Google refused the sign-in ({err.error})") from err
    except OSError as err:
        raise UsageError(
            f"cannot listen on port {port} for Google's answer ({err.strerror})"
        ) from err
    return save_credentials(credentials, token_path())


def status() -> str:
    """One line on the stored token: whether it works and what it allows, never the token."""
    path = token_path()
    credentials = load_credentials()
    granted = sorted(credentials.granted_scopes or credentials.scopes or [])
    names = ", ".join(s.rsplit("/", 1)[-1] for s in granted) or "unknown scopes"
    return f"Google token at {path} works (scopes: {names})"
