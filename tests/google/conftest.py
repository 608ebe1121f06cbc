"""A started Calendar API emulator, a token for it, and calsync pointed at both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from calsync.adapters.google import auth, client
from calsync.adapters.google.calendar import GoogleCalendar
from tests.emulator.server import CalendarEmulator


@pytest.fixture
def emulator() -> Iterator[CalendarEmulator]:
    with CalendarEmulator() as google:
        yield google


@pytest.fixture
def token_file(emulator: CalendarEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = emulator.make_token_file(tmp_path / "token.json")
    monkeypatch.setenv("CALSYNC_TOKEN", str(path))
    monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)
    return path


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def service(token_file: Path) -> Any:
    return client.build_service(auth.load_credentials())


class Sleeps(list[float]):
    """Records the backoff delays instead of waiting them out."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def calendar(service: Any, state_dir: Path, sleeps: Sleeps) -> GoogleCalendar:
    return GoogleCalendar(service, state_dir=state_dir, batch_size=50, sleep=sleeps)
