"""The code stays ruff- and mypy-clean: checked in the same run as the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_ruff_finds_nothing_in_calsync() -> None:
    done = _run("ruff", "check", "calsync")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_finds_nothing_in_calsync() -> None:
    done = _run("mypy", "calsync")
    assert done.returncode == 0, done.stdout + done.stderr
