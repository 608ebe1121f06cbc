"""Which calendar a CalDAV spec means, and how calsync logs in: by display name under the
server's root, the target defaulting to the calendar read, credentials never shown."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from calsync.adapters.base import Context
from calsync.adapters.caldav import open_source, open_target
from calsync.errors import AuthError, ConfigError, UsageError
from calsync.settings import Settings
from tests.caldav.conftest import NOW, make_calendar, spec
from tests.caldav.servers import Proxy, Server, radicale_command, start
from tests.caldav.test_target import SINCE, followup, run, server_copy

UNTIL = NOW + timedelta(days=365)


def test_a_calendar_is_chosen_by_its_name_under_the_servers_root(
    server: Server, proxy: Proxy, new_ctx: Callable[..., Context]
) -> None:
    name = f"Job search {uuid.uuid4().hex[:6]}"
    path = make_calendar(server.url, name)
    make_calendar(server.url, "Family")
    root = spec(proxy.url, "/")
    read = open_source(root, new_ctx(Settings(calendar=name.upper()))).read(
        since=SINCE, until=UNTIL
    )
    assert read.calendar == path and read.name == name
    # the choice is remembered: the next run asks the server nothing about it
    proxy.reset()
    open_source(root, new_ctx(Settings(calendar=name))).read(since=SINCE, until=UNTIL)
    assert proxy.count() == {"REPORT": 1}


def test_several_calendars_and_none_named_is_a_usage_error_listing_them(
    server: Server, new_ctx: Callable[..., Context]
) -> None:
    name = f"Job search {uuid.uuid4().hex[:6]}"
    make_calendar(server.url, name)
    make_calendar(server.url, "Family")
    source = open_source(spec(server.url, "/"), new_ctx())  # "primary" means "not given"
    with pytest.raises(UsageError) as caught:
        source.read(since=SINCE, until=UNTIL)
    assert caught.value.exit_code == 2
    message = str(caught.value)
    assert "several calendars" in message and repr(name) in message and "'Family'" in message
    with pytest.raises(UsageError, match="no calendar named 'Nope'"):
        open_source(spec(server.url, "/"), new_ctx(Settings(calendar="Nope"))).read(
            since=SINCE, until=UNTIL
        )


def test_a_target_on_the_same_server_defaults_to_the_calendar_read(
    server: Server, new_ctx: Callable[..., Context]
) -> None:
    name = f"Interviews {uuid.uuid4().hex[:6]}"
    path = make_calendar(server.url, name)
    make_calendar(server.url, "Family")
    root = spec(server.url, "/")
    ctx = new_ctx(Settings(calendar=name))
    target = open_target(root, ctx, source=root)
    _held, _actions, report = run(target, [followup()])
    assert report.created and set(server_copy(server, path))
    # the source given as the calendar's own URL: a target at the root writes there too
    other = open_target(root, new_ctx(), source=spec(server.url, path))
    assert len(other.held(since=SINCE).events) == 1
    assert other.lock_key != open_target(root, new_ctx(), source="google").lock_key


def test_specs_never_carry_or_show_secrets(new_ctx: Callable[..., Context]) -> None:
    with pytest.raises(UsageError, match="CALSYNC_CALDAV_USER") as caught:
        open_source("caldav+https://alex:hunter2@dav.example.com/cal/", new_ctx())
    assert "hunter2" not in str(caught.value)
    with pytest.raises(UsageError, match="only for a server on this machine"):
        open_source("caldav+http://dav.example.com/cal/", new_ctx())
    source = open_source("caldav+https://dav.example.com:8443/dav/cal", new_ctx())
    assert source.label == "caldav+https://dav.example.com:8443/dav/cal/"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A Radicale that asks for a login (alex / s3cret)."""
    folder = tmp_path_factory.mktemp("radicale-login")
    users = folder / "users"
    users.write_text("alex:s3cret\n")
    server = start("radicale", folder, lambda f, p: radicale_command(f, p, htpasswd=users))
    yield server
    server.stop()


def _calendar_with_login(server: Server) -> str:
    from caldav.davclient import DAVClient

    client = DAVClient(url=server.url, username="alex", password="s3cret", enable_rfc6764=False)
    calendar = client.principal().make_calendar(name="Work", cal_id=uuid.uuid4().hex)
    path: str = calendar.url.path
    return path


def test_a_refused_login_is_exit_3_with_a_caldav_hint(
    guarded: Server, monkeypatch: pytest.MonkeyPatch, new_ctx: Callable[..., Context]
) -> None:
    path = _calendar_with_login(guarded)
    monkeypatch.setenv("CALSYNC_CALDAV_PASSWORD", "wrong-password")
    target = open_target(spec(guarded.url, path), new_ctx(), source="-")
    with pytest.raises(AuthError) as caught:
        target.held(since=SINCE)
    message = str(caught.value)
    assert caught.value.exit_code == 3
    assert "CALSYNC_CALDAV_USER" in message and "CALSYNC_CALDAV_PASSWORD" in message
    assert "wrong-password" not in message and "calsync auth" not in message


def test_the_password_can_come_from_a_command(
    guarded: Server,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    new_ctx: Callable[..., Context],
) -> None:
    path = _calendar_with_login(guarded)
    monkeypatch.delenv("CALSYNC_CALDAV_USER")
    monkeypatch.delenv("CALSYNC_CALDAV_PASSWORD")
    settings = Settings(caldav_user="alex", caldav_password_command="printf 's3cret\\n'")
    target = open_target(spec(guarded.url, path), new_ctx(settings), source="-")
    _held, _actions, report = run(target, [followup()])
    assert report.created
    assert "s3cret" not in target.label and "s3cret" not in repr(settings.caldav_user)
    failing = Settings(caldav_user="alex", caldav_password_command="exit 3")
    with pytest.raises(ConfigError, match="caldav_password_command failed"):
        open_target(spec(guarded.url, path), new_ctx(failing), source="-").held(since=SINCE)
