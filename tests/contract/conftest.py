"""The `harness` fixture: every contract test runs once per backend in `HARNESSES`.

A new backend adds its harness class (see harness.py) and one entry here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.contract.harness import (
    GoogleHarness,
    Harness,
    IcsHarness,
    MicrosoftHarness,
    RadicaleHarness,
    XandikosHarness,
)

HARNESSES: dict[str, type[Harness]] = {
    "ics": IcsHarness,
    "google": GoogleHarness,
    "microsoft": MicrosoftHarness,
    "caldav-radicale": RadicaleHarness,
    "caldav-xandikos": XandikosHarness,
}


@pytest.fixture(params=sorted(HARNESSES))
def harness(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Harness]:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    with HARNESSES[request.param].started(tmp_path, monkeypatch) as started:
        yield started
