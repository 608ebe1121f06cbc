"""Google's OAuth side as calsync meets it: bearer tokens, the refresh grant, token files.

An access token remembers the refresh token it came from, so revoking that refresh token
(as a user does in their Google account) also ends the access tokens it produced.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

from tests.emulator.errors import ApiError

CLIENT_ID = "emulator-client.apps.googleusercontent.com"
CLIENT_SECRET = "emulator-secret"
DEFAULT_SCOPES = (
    "https://www.googleapis.com/auth/calendar.events.owned",
    "https://www.googleapis.com/auth/calendar.events.readonly",
)


class Tokens:
    """Who may call; callers hold the emulator's lock."""

    def __init__(self) -> None:
        self.valid_refresh: set[str] = {"good-refresh"}
        self.revoked_refresh: set[str] = set()
        self._access: dict[str, tuple[str | None, frozenset[str]]] = {}

    def issue(self, refresh_token: str | None, scopes: tuple[str, ...], token: str = "") -> str:
        token = token or "ya29.emu-" + secrets.token_urlsafe(24)
        self._access[token] = (refresh_token, frozenset(scopes))
        return token

    def expire(self) -> None:
        self._access.clear()

    def scopes(self, authorization: str) -> set[str]:
        """The scopes behind an `Authorization: Bearer …` header; 401 authError if none."""
        kind, _, token = authorization.partition(" ")
        grant = self._access.get(token.strip()) if kind.lower() == "bearer" else None
        if grant is None or (grant[0] is not None and grant[0] in self.revoked_refresh):
            raise ApiError(401, "authError")
        return set(grant[1])

    def refresh_grant(self, body: bytes) -> tuple[int, dict[str, Any]]:
        """Answer a POST to the token endpoint as Google's does."""
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}
        grant = form.get("grant_type", "")
        if grant not in ("refresh_token", "authorization_code"):
            return _refusal(400, "unsupported_grant_type", f"Invalid grant_type: {grant}")
        # the code exchange may authenticate the client with HTTP Basic instead of the body
        if form.get("client_id", CLIENT_ID if grant == "authorization_code" else "") != CLIENT_ID:
            return _refusal(401, "invalid_client", "The OAuth client was not found.")
        if grant == "authorization_code":
            return self._code_grant(form)
        refresh = form.get("refresh_token", "")
        if refresh in self.revoked_refresh or refresh not in self.valid_refresh:
            return _refusal(400, "invalid_grant", "Token has been expired or revoked.")
        scopes = tuple(form["scope"].split()) if form.get("scope") else DEFAULT_SCOPES
        answer = {
            "access_token": self.issue(refresh, scopes),
            "expires_in": 3599,
            "scope": " ".join(scopes),
            "token_type": "Bearer",
        }
        return 200, answer

    def _code_grant(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """The end of the installed-app flow: the code the consent screen redirected with."""
        if form.get("code") != CONSENT_CODE or not form.get("code_verifier"):
            return _refusal(400, "invalid_grant", "Malformed auth code.")
        refresh = "consented-" + secrets.token_urlsafe(8)
        self.valid_refresh.add(refresh)
        answer = {
            "access_token": self.issue(refresh, DEFAULT_SCOPES),
            "refresh_token": refresh,
            "expires_in": 3599,
            "token_type": "Bearer",
        }
        return 200, answer


def authorized_user_info(
    *, token: str, refresh_token: str, token_uri: str, scopes: tuple[str, ...], expired: bool
) -> dict[str, Any]:
    """The JSON google-auth's `Credentials.to_json` writes (naive UTC expiry with a Z)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    expiry = now - timedelta(minutes=5) if expired else now + timedelta(hours=1)
    return {
        "token": token,
        "refresh_token": refresh_token,
        "token_uri": token_uri,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scopes": list(scopes),
        "universe_domain": "googleapis.com",
        "account": "",
        "expiry": expiry.isoformat() + "Z",
    }


CONSENT_CODE = "4/emulator-consent-code"  # what the emulated consent screen hands back


def _refusal(status: int, error: str, description: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": error, "error_description": description}
