"""Microsoft as one more backend of a contract suite: everything such a suite needs, in one place.

    with MicrosoftHarness(tmp_path, monkeypatch) as backend:
        event_id = backend.add_event("Interview with Acme — Engineer", start, 60, notes="…")
        ctx = backend.context(now)
        source = backend.open_source(ctx)             # calsync.adapters.microsoft.open_source
        target = backend.open_target(ctx)             # … open_target(spec, ctx, source=spec)
        backend.own_events()                          # calsync's events as Outlook holds them

The harness starts the Graph emulator (TLS, loopback), points calsync at it through the
environment (CALSYNC_MS_AUTHORITY, CALSYNC_GRAPH_ENDPOINT, REQUESTS_CA_BUNDLE, the token cache
and client id) and signs in with the device-code flow, so calsync runs its real HTTP code.
User actions (add, edit, delete, write notes into calsync's events) go straight to the emulator's
store, as edits in Outlook would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

from calsync.adapters import microsoft
from calsync.adapters.base import Context
from calsync.adapters.microsoft import auth
from calsync.settings import Settings
from tests.msgraph.emulator.server import CLIENT_ID, GraphEmulator
from tests.msgraph.emulator.store import DATA_PROPERTY


@dataclass(frozen=True)
class OwnEvent:
    """One of calsync's events as the user sees it in Outlook."""

    graph_id: str
    calsync_id: str
    kind: str
    title: str
    notes: str
    start: datetime
    end: datetime


class MicrosoftHarness:
    spec = "microsoft"

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self._monkeypatch = monkeypatch
        self.emulator = GraphEmulator(folder / "msgraph-tls")

    def __enter__(self) -> MicrosoftHarness:
        ms = self.emulator.__enter__()
        env = {
            "CALSYNC_MS_AUTHORITY": ms.authority,
            "CALSYNC_GRAPH_ENDPOINT": ms.graph,
            "REQUESTS_CA_BUNDLE": str(ms.ca_file),
            "CALSYNC_MS_TOKEN_CACHE": str(self.folder / "msgraph-cache.json"),
            "CALSYNC_MS_CLIENT_ID": CLIENT_ID,
        }
        for name, value in env.items():
            self._monkeypatch.setenv(name, value)
        auth.run_device_flow(CLIENT_ID, echo=lambda _line: None, sleep=lambda _s: None)
        ms.reset_records()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.emulator.__exit__(kind, exc, tb)
        if kind is None:  # Graph throttles the mailbox: nothing may leave before Retry-After
            assert self.emulator.retry_after_violations == 0

    # ---- calsync's side ------------------------------------------------------------------------

    def context(self, now: datetime, **settings: Any) -> Context:
        values: dict[str, Any] = {"microsoft_client_id": CLIENT_ID, **settings}
        return Context(settings=Settings(**values), state_dir=self.folder / "state", now=now)

    def open_source(self, ctx: Context) -> microsoft.MicrosoftSource:
        return microsoft.open_source(self.spec, ctx, sleep=lambda _s: None)

    def open_target(self, ctx: Context) -> microsoft.MicrosoftTarget:
        return microsoft.open_target(self.spec, ctx, source=self.spec, sleep=lambda _s: None)

    def requests(self) -> int:
        """Graph requests since the last call of `reset_requests` (sign-in not counted)."""
        return len(self.emulator.graph_requests())

    def reset_requests(self) -> None:
        self.emulator.reset_records()

    # ---- the user's side -----------------------------------------------------------------------

    def add_event(
        self,
        title: str,
        start: datetime,
        minutes: int = 60,
        *,
        notes: str = "",
        attendees: tuple[tuple[str, str], ...] = (),
        zone: str = "Pacific Standard Time",
    ) -> str:
        """An event the user (or an invitation) put in Outlook; `start` is aware."""
        return self.emulator.seed(
            title, start, minutes, zone=zone, body=notes, html=False, attendees=attendees
        ).id

    def move_event(self, event_id: str, start: datetime, minutes: int = 60) -> None:
        from datetime import timedelta

        self.emulator.user_edit(
            event_id,
            start={"dateTime": start.replace(tzinfo=None).isoformat(), "timeZone": _zone(start)},
            end={
                "dateTime": (start + timedelta(minutes=minutes)).replace(tzinfo=None).isoformat(),
                "timeZone": _zone(start),
            },
        )

    def cancel_event(self, event_id: str) -> None:
        self.emulator.user_edit(event_id, isCancelled=True)

    def delete_event(self, event_id: str) -> None:
        self.emulator.user_delete(event_id)

    def write_notes(self, graph_id: str, notes_html: str) -> None:
        """The user types into an event's notes in Outlook, which stores HTML."""
        self.emulator.user_edit(graph_id, body={"contentType": "html", "content": notes_html})

    def own_events(self) -> list[OwnEvent]:
        found = []
        for event in self.emulator.calsync_events():
            data = json.loads(event.props[DATA_PROPERTY])
            found.append(
                OwnEvent(
                    graph_id=event.id,
                    calsync_id=str(data["id"]),
                    kind=str(data["kind"]),
                    title=str(event.fields.get("subject", "")),
                    notes=str((event.fields.get("body") or {}).get("content", "")),
                    start=event.start,
                    end=event.end,
                )
            )
        return sorted(found, key=lambda e: (e.start, e.title))


def _zone(moment: datetime) -> str:
    key = getattr(moment.tzinfo, "key", None)
    return str(key) if key else "UTC"
