"""A started Graph emulator, calsync pointed at it, and a finished Microsoft sign-in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from calsync.adapters.microsoft import auth
from tests.msgraph.drive import CLIENT_ID
from tests.msgraph.emulator.server import GraphEmulator

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class Sleeps(list[float]):
    """Records the waits instead of waiting them out."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


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


@pytest.fixture
def signed_in(ms: GraphEmulator, tmp_path: Path) -> Path:
    """The token cache after a device-code sign-in granted at the first poll."""
    path = auth.run_device_flow(CLIENT_ID, echo=lambda _line: None, sleep=lambda _s: None)
    ms.reset_records()
    return path


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"
