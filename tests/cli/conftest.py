"""What every CLI test runs in: its own state, config and data folders, and its own working folder.

A run never reads the machine's or the user's calsync config, state or token, and a relative
path such as `followups.ics` lands in the test's temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
