"""The `harness` fixture: every contract test runs once per backend in `HARNESSES`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.contract.harness import GoogleHarness, Harness, IcsHarness
from tests.emulator.server import CalendarEmulator

HARNESSES = ["ics", "google"]


@pytest.fixture(params=HARNESSES)
def harness(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Harness]:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    if request.param == "ics":
        yield IcsHarness(tmp_path)
        return
    with CalendarEmulator() as emulator:
        monkeypatch.setenv("CALSYNC_TOKEN", str(emulator.make_token_file(tmp_path / "token.json")))
        monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)
        yield GoogleHarness(tmp_path, emulator)
