"""Fixtures: Radicale and Xandikos on loopback, every test run against both; a new calendar
per test; a counting proxy in front; a fresh state folder and a fresh Context per run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from caldav.davclient import DAVClient

from calsync.adapters.base import Context
from calsync.settings import Settings
from tests.caldav.servers import Proxy, Server, radicale_command, start, xandikos_command

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
USER = "alex"


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    started: dict[str, Server] = {}
    try:
        started["radicale"] = start(
            "radicale", tmp_path_factory.mktemp("radicale"), radicale_command
        )
        started["xandikos"] = start(
            "xandikos", tmp_path_factory.mktemp("xandikos"), xandikos_command
        )
        yield started
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture(params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest, servers: dict[str, Server]) -> Server:
    found: Server = servers[request.param]
    return found


@pytest.fixture
def proxy(server: Server) -> Iterator[Proxy]:
    front = Proxy(server.url)
    yield front
    front.stop()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALSYNC_CALDAV_USER", USER)
    monkeypatch.setenv("CALSYNC_CALDAV_PASSWORD", "unused")
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)
    for name in [k for k in os.environ if "proxy" in k.lower()]:
        monkeypatch.delenv(name)  # loopback only, whatever the machine's proxy settings


def dav(url: str) -> Any:
    """The caldav library's own client: how the tests play the user's calendar app."""
    return DAVClient(url=url, username=USER, password="unused", enable_rfc6764=False)


def make_calendar(base: str, name: str = "Interview follow-ups") -> str:
    """A new, empty calendar on the server; its path (each test gets its own)."""
    calendar = dav(base).principal().make_calendar(name=name, cal_id=uuid.uuid4().hex)
    path: str = calendar.url.path
    return path


@pytest.fixture
def calendar_path(server: Server) -> str:
    return make_calendar(server.url)


@pytest.fixture
def new_ctx(tmp_path: Path) -> Callable[..., Context]:
    """A Context for one run: each run of calsync is a new process with a new Context."""

    def make(settings: Settings | None = None, now: datetime = NOW) -> Context:
        return Context(settings=settings or Settings(), state_dir=tmp_path / "state", now=now)

    return make


def spec(url: str, path: str) -> str:
    return "caldav+" + url.rstrip("/") + path
