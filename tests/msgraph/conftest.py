"""A started Graph emulator, calsync pointed at it, a finished Microsoft sign-in, and one
sync through the real app (`calsync.app.sync`, as `calsync sync --from microsoft --to microsoft`
runs it) at a fixed "now"."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from calsync import app
from calsync.adapters import microsoft
from calsync.adapters.base import ApplyReport, Context
from calsync.adapters.microsoft import auth
from calsync.settings import Settings
from tests.msgraph.emulator.server import CLIENT_ID, GraphEmulator

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def settings(**values: Any) -> Settings:
    return Settings(**{"microsoft_client_id": CLIENT_ID, "timezone": "UTC", **values})


def context(state_dir: Path, now: datetime = NOW, **values: Any) -> Context:
    """What the app hands a backend, for tests of the factories themselves."""
    return Context(settings=settings(**values), state_dir=state_dir, now=now)


def sync(now: datetime = NOW, *, target: str = "microsoft", **values: Any) -> ApplyReport:
    """One `calsync sync --from microsoft --to TARGET` through the app; what the target did."""
    run = app.Run(settings=settings(**values), now=now, system_tz="UTC")
    result = app.sync("microsoft", target, run, dry_run=False)
    assert result.applied is not None
    return result.applied


class Sleeps(list[float]):
    """Records the waits instead of waiting them out."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    """The waits of every run in the test, recorded instead of waited out; the emulator (when
    the test has one) counts them as time that passed, so a Retry-After waited out is kept."""
    recorded = Sleeps()
    monkeypatch.setattr(microsoft, "wait", recorded)
    if "ms" in request.fixturenames:
        emulator: GraphEmulator = request.getfixturevalue("ms")
        emulator.clock = lambda: time.monotonic() + sum(recorded)
    return recorded


@pytest.fixture
def ms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphEmulator]:
    with GraphEmulator(tmp_path / "tls") as emulator:
        monkeypatch.setenv("CALSYNC_MS_AUTHORITY", emulator.authority)
        monkeypatch.setenv("CALSYNC_GRAPH_ENDPOINT", emulator.graph)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(emulator.ca_file))
        monkeypatch.setenv("CALSYNC_MS_TOKEN_CACHE", str(tmp_path / "ms-cache.json"))
        monkeypatch.setenv("CALSYNC_MS_CLIENT_ID", CLIENT_ID)
        monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
        monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
        yield emulator
        # Graph throttles the whole mailbox: nothing may leave before a Retry-After has passed
        assert emulator.retry_after_violations == 0


@pytest.fixture
def signed_in(ms: GraphEmulator, tmp_path: Path) -> Path:
    """The token cache after a device-code sign-in granted at the first poll."""
    path = auth.run_device_flow(CLIENT_ID, echo=lambda _line: None, sleep=lambda _s: None)
    ms.reset_records()
    return path


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    """calsync's state folder, where the app keeps it under the `ms` fixture's XDG_STATE_HOME."""
    return tmp_path / "xdg-state" / "calsync"
