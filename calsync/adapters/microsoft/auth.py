"""Signing in to Microsoft (MSAL's device-code flow) and the access token every Graph call carries.

The device-code flow prints a code and an address, so it works on a machine without a browser.
MSAL keeps the grant in a token cache; calsync writes that cache (mode 0600) after the sign-in
and after every silent refresh that changed it, so the refresh token Microsoft rotates is never
lost.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calsync.errors import AuthError, ConfigError, SyncError

if TYPE_CHECKING:
    import msal

# MSAL adds offline_access (the refresh token), openid and profile by itself and refuses them here.
SCOPES = ["Calendars.ReadWrite"]
# Signing in also asks to read the mailbox's settings (its time zone). Silent token requests ask
# for SCOPES only: Microsoft's access token carries every scope the user consented to, and a
# sign-in made before this scope existed keeps working (the zone then comes from --timezone).
SIGN_IN_SCOPES = [*SCOPES, "MailboxSettings.Read"]
DEFAULT_AUTHORITY = "https://login.microsoftonline.com/common"
HINT = "run `calsync auth --microsoft` to sign in to Microsoft again"


def auth_error(message: str = "") -> AuthError:
    return AuthError(message, hint=HINT, service="Microsoft")


def client_id(configured: str = "") -> str:
    """The public client id the user registered: CALSYNC_MS_CLIENT_ID, else the config key."""
    found = os.environ.get("CALSYNC_MS_CLIENT_ID", "").strip() or configured.strip()
    if not found:
        raise ConfigError(
            "no Microsoft client id: set microsoft_client_id in the config file or "
            'CALSYNC_MS_CLIENT_ID (docs/backends/microsoft.md says how to get one)'
        )
    return found


def cache_path() -> Path:
    explicit = os.environ.get("CALSYNC_MS_TOKEN_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return platformdirs.user_data_path("calsync") / "microsoft-token-cache.json"


def authority() -> str:
    return os.environ.get("CALSYNC_MS_AUTHORITY", "").strip() or DEFAULT_AUTHORITY


def _load_cache(path: Path) -> msal.SerializableTokenCache:
    import msal

    cache = msal.SerializableTokenCache()
    try:
        cache.deserialize(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        raise auth_error(f"{path}: the Microsoft token cache cannot be read ({exc})") from None
    return cache


def _save_cache(cache: msal.SerializableTokenCache, path: Path) -> None:
    """Replace the cache atomically, readable by the user alone (it holds a refresh token)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".ms-token-", dir=path.parent)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(cache.serialize())
        os.replace(tmp, path)
    except OSError as exc:
        raise SyncError(f"cannot write the Microsoft token cache {path}: {exc.strerror}") from exc


def _app(client: str, cache: msal.SerializableTokenCache) -> msal.PublicClientApplication:
    import msal

    custom = authority() != DEFAULT_AUTHORITY
    try:
        return msal.PublicClientApplication(
            client,
            authority=authority(),
            token_cache=cache,
            # a custom authority (a national cloud, the test emulator) is not in Microsoft's
            # list of known hosts; asking login.microsoftonline.com about it would fail
            validate_authority=not custom,
            instance_discovery=False if custom else None,
        )
    except ValueError as exc:
        raise ConfigError(f"CALSYNC_MS_AUTHORITY: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - requests' network errors, whatever their class
        raise SyncError(f"cannot reach Microsoft's sign-in service ({type(exc).__name__})") from exc


class SignedIn:
    """The stored Microsoft sign-in: hands out access tokens, refreshing them silently."""

    def __init__(self, configured_client_id: str = "", path: Path | None = None) -> None:
        self._path = path or cache_path()
        self.path = self._path
        if not self._path.exists():
            raise auth_error(f"not signed in to Microsoft (no token cache at {self._path})")
        self._cache = _load_cache(self._path)
        self._app = _app(client_id(configured_client_id), self._cache)
        self.username = ""

    def token(self, *, force_refresh: bool = False) -> str:
        accounts = self._app.get_accounts()
        if not accounts:
            raise auth_error("not signed in to Microsoft")
        account = accounts[0]
        self.username = str(account.get("username", ""))
        try:
            result = self._app.acquire_token_silent_with_error(
                SCOPES, account=account, force_refresh=force_refresh
            )
        except Exception as exc:  # noqa: BLE001 - requests' network errors
            raise SyncError(f"cannot reach Microsoft's sign-in service ({exc})") from exc
        if self._cache.has_state_changed:
            _save_cache(self._cache, self._path)
        if not result or "access_token" not in result:
            reason = (result or {}).get("error", "no token")
            raise auth_error(f"Microsoft refused the stored sign-in ({reason})")
        return str(result["access_token"])


def run_device_flow(
    configured_client_id: str = "",
    *,
    echo: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> Path:
    """Sign in with a code typed at Microsoft's device-login page; returns the cache's path."""
    path = cache_path()
    cache = _load_cache(path)
    app = _app(client_id(configured_client_id), cache)
    try:
        flow: dict[str, Any] = app.initiate_device_flow(scopes=SIGN_IN_SCOPES)
    except Exception as exc:  # noqa: BLE001 - requests' network errors
        raise SyncError(f"cannot reach Microsoft's sign-in service ({exc})") from exc
    if "user_code" not in flow:
        raise auth_error(f"Microsoft did not start the sign-in ({flow.get('error', 'no code')})")
    echo(
        str(flow.get("message") or f"Open {flow['verification_uri']} and enter {flow['user_code']}")
    )
    interval = max(1, int(flow.get("interval", 5)))
    flow["interval"] = 1  # MSAL's own loop then asks once; calsync waits (and slows down) itself
    while True:
        result = app.acquire_token_by_device_flow(flow, exit_condition=lambda _flow: True)
        error = result.get("error")
        if error == "authorization_pending":
            sleep(interval)
        elif error == "slow_down":
            interval += 5  # RFC 8628: wait five seconds longer from now on
            sleep(interval)
        elif "access_token" in result:
            _save_cache(cache, path)
            return path
        elif error == "expired_token":
            raise auth_error("the sign-in code expired before it was entered")
        else:
            raise auth_error(f"Microsoft refused the sign-in ({error or 'no token'})")


def _configured_client_id() -> str:
    from calsync import config

    table, source = config.load_file()
    configured = table.get("microsoft_client_id", "")
    if not isinstance(configured, str):
        raise ConfigError(f"{source}: microsoft_client_id must be text")
    return configured


def sign_in_command(*, echo: Callable[[str], None]) -> Path:
    """`calsync auth --microsoft`: the client id from the environment or the config file."""
    return run_device_flow(_configured_client_id(), echo=echo)


def status() -> str:
    """`calsync auth --microsoft --status`: whether the stored sign-in still gives a token.

    Exits 3 (an AuthError saying what to run) when it does not, as a sync would.
    """
    signed_in = SignedIn(_configured_client_id())
    signed_in.token(force_refresh=True)  # a cached access token would hide a revoked grant
    who = f" as {signed_in.username}" if signed_in.username else ""
    return (
        f"Microsoft sign-in works{who} ({', '.join(SIGN_IN_SCOPES)}, offline_access); "
        f"token cache {signed_in.path}"
    )
