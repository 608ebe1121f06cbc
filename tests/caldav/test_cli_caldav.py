"""CalDAV through the command line, as a user runs it: `calsync sync/plan/clean` against real
Radicale and Xandikos servers on loopback, alone and mixed with Google and an .ics file, and the
follow-up chain moved on by notes typed into a call event on the server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from click.testing import Result

from calsync.core.ownership import is_calsync
from tests.caldav.conftest import USER, make_calendar
from tests.caldav.servers import Proxy, Server
from tests.contract.harness import NY, DavApp, Interview, _invoke, at
from tests.emulator.server import CalendarEmulator
from tests.emulator.store import USER_EMAIL
from tests.helpers import Ev, calendar_bytes, read_events

ME = "alex.rivera@example.com"
ACME = Interview("acmeonsite1", "Acme", days=3, notes="They decide within two weeks.")


@pytest.fixture(autouse=True)
def _own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


class CalendarApp:
    """One server as a calendar app sees it: calendars made, events PUT, events read."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.dav = DavApp(self.url, USER, "unused")

    def spec(self, path: str = "/") -> str:
        return f"caldav+{self.url}{path}"

    def add_interview(self, path: str, iv: Interview = ACME) -> None:
        lead = f"lead@{iv.company.lower()}.com"
        event = Ev(
            uid=f"{iv.key}@example.com",
            title=iv.title,
            start=at(iv.days, iv.hour),
            description=iv.notes,
            attendees=[(ME, "Alex Rivera", "ACCEPTED"), (lead, "Jane Doe", "ACCEPTED")],
            organizer=(lead, "Jane Doe"),
        )
        calendar = icalendar.Calendar.from_ical(calendar_bytes([event]))
        calendar.add_missing_timezones()
        self.dav.put(f"{path.rstrip('/')}/{iv.key}.ics", calendar.to_ical())

    def events(self, path: str) -> dict[str, icalendar.Event]:
        """href → the event, for every resource in the calendar."""
        found = {}
        for href in self.dav.listing(path):
            data, _ = self.dav.get(href)
            found[href] = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
        return found

    def followups(self, path: str) -> dict[str, str]:
        """title → local start ("YYYY-MM-DD HH:MM") of calsync's events in the calendar."""
        return {
            str(e["SUMMARY"]): e["DTSTART"].dt.astimezone(NY).strftime("%Y-%m-%d %H:%M")
            for e in self.events(path).values()
            if is_calsync(uid=str(e["UID"]))
        }

    def type_into(self, path: str, title_start: str, text: str) -> None:
        """The user opens the event in the app and writes into its notes; the app PUTs it."""
        href, _ = next(
            (h, e)
            for h, e in self.events(path).items()
            if str(e["SUMMARY"]).startswith(title_start)
        )
        data, etag = self.dav.get(href)
        calendar = icalendar.Calendar.from_ical(data)
        for event in calendar.walk("VEVENT"):
            event["DESCRIPTION"] = f"{event.get('DESCRIPTION', '')}\n\n{text}"
            event["SEQUENCE"] = int(event.get("SEQUENCE", 0)) + 1
            for name in ("DTSTAMP", "LAST-MODIFIED"):
                event.pop(name, None)
                event.add(name, datetime.now(NY))
        self.dav.put(href, calendar.to_ical(), If_Match=etag)


@pytest.fixture
def app(server: Server) -> CalendarApp:
    return CalendarApp(server.url)


def sync(source: str, target: str, *args: str) -> Result:
    return _invoke("sync", "--from", source, "--to", target, "--email", ME, *args)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def test_sync_into_the_calendar_read_then_nothing_to_do(app: CalendarApp) -> None:
    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)
    where = app.spec(path)

    first = ok(sync(where, where))

    assert app.followups(path).keys() == {
        "Send thank-you note — Data Analyst at Acme",
        "Follow-up call — Data Analyst at Acme",
    }
    assert "2 created" in first.output
    before = {h: app.dav.get(h) for h in app.dav.listing(path)}
    again = ok(sync(where, where))
    assert "up to date" in again.output
    assert {h: app.dav.get(h) for h in app.dav.listing(path)} == before
    assert len(before) == 3  # the interview and its two follow-ups, nothing more


def test_sync_into_another_calendar_chosen_by_name_under_the_server_root(app: CalendarApp) -> None:
    mine, theirs = f"Work {uuid.uuid4().hex[:6]}", f"Job search {uuid.uuid4().hex[:6]}"
    source, target = make_calendar(app.url + "/", mine), make_calendar(app.url + "/", theirs)
    app.add_interview(source)

    ok(sync(app.spec(), app.spec(), "--calendar", mine, "--target-calendar", theirs))

    assert len(app.followups(target)) == 2
    assert app.followups(source) == {}  # the source calendar holds only the interview
    again = ok(sync(app.spec(), app.spec(), "--calendar", mine, "--target-calendar", theirs))
    assert "up to date" in again.output


def test_plan_reads_caldav_and_writes_nothing(app: CalendarApp) -> None:
    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)

    shown = ok(_invoke("plan", "--from", app.spec(path), "--email", ME))

    assert "Acme" in shown.output and "Follow-up call" in shown.output
    assert app.followups(path) == {}


def test_clean_removes_calsyncs_events_and_leaves_the_interview(app: CalendarApp) -> None:
    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)
    ok(sync(app.spec(path), app.spec(path)))
    assert len(app.followups(path)) == 2

    dry = ok(_invoke("clean", "--to", app.spec(path), "--dry-run"))
    assert "2 to remove" in dry.output and len(app.followups(path)) == 2
    ok(_invoke("clean", "--to", app.spec(path)))

    assert app.followups(path) == {}
    assert [str(e["SUMMARY"]) for e in app.events(path).values()] == [ACME.title]


def test_from_caldav_to_an_ics_file(app: CalendarApp, tmp_path: Path) -> None:
    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)
    out = tmp_path / "followups.ics"

    ok(sync(app.spec(path), str(out)))

    titles = sorted(str(e["SUMMARY"]) for e in read_events(out).values())
    assert titles == [
        "Follow-up call — Data Analyst at Acme",
        "Send thank-you note — Data Analyst at Acme",
    ]
    assert app.followups(path) == {}  # a read-only source stays as it was


@pytest.fixture
def google(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CalendarEmulator]:
    with CalendarEmulator() as emulator:
        monkeypatch.setenv("CALSYNC_TOKEN", str(emulator.make_token_file(tmp_path / "t.json")))
        monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)
        yield emulator


def test_from_google_to_caldav(app: CalendarApp, google: CalendarEmulator) -> None:
    start = at(3)
    lead = {"email": "lead@acme.com", "displayName": "Jane Doe", "responseStatus": "accepted"}
    google.put_event(
        "primary",
        {
            "id": "acmeonsite1",
            "summary": ACME.title,
            "start": {"dateTime": start.isoformat(), "timeZone": "America/New_York"},
            "end": {
                "dateTime": (start + timedelta(hours=1)).isoformat(),
                "timeZone": "America/New_York",
            },
            "attendees": [
                {"email": USER_EMAIL, "self": True, "responseStatus": "accepted"},
                lead,
            ],
            "organizer": {"email": "lead@acme.com", "displayName": "Jane Doe"},
        },
    )
    path = make_calendar(app.url + "/", "Follow-ups")

    ok(_invoke("sync", "--from", "google", "--to", app.spec(path)))

    assert sorted(app.followups(path)) == [
        "Follow-up call — Data Analyst at Acme",
        "Send thank-you note — Data Analyst at Acme",
    ]
    assert "up to date" in ok(_invoke("sync", "--from", "google", "--to", app.spec(path))).output


def _call_date(followups: dict[str, str], title: str) -> date:
    return date.fromisoformat(followups[title][:10])


def test_the_chain_moves_on_from_notes_typed_into_the_call_on_the_server(app: CalendarApp) -> None:
    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)
    where = app.spec(path)
    ok(sync(where, where))
    first_call = _call_date(app.followups(path), "Follow-up call — Data Analyst at Acme")
    again_on = first_call + timedelta(days=14)  # the same weekday: a business day

    app.type_into(
        path,
        "Follow-up call —",
        f"No decision yet, call again {again_on.strftime('%B')} {again_on.day}",
    )
    ok(sync(where, where))

    after = app.followups(path)
    assert after["Follow-up call #2 — Data Analyst at Acme"] == f"{again_on.isoformat()} 10:00"
    assert "up to date" in ok(sync(where, where)).output

    app.type_into(path, "Follow-up call #2", "They went with another candidate.")
    ok(sync(where, where))
    ok(sync(where, where))

    titles = list(app.followups(path))
    assert titles.count("Send another thank-you note — Data Analyst at Acme") == 1
    assert len(titles) == 4
    assert not any(t.startswith("Follow-up call #3") for t in titles)


# ---- credentials -----------------------------------------------------------------------------


@pytest.fixture
def guarded(server: Server) -> Iterator[Proxy]:
    """The server behind a login, as Radicale with htpasswd or nginx in front of Xandikos."""
    front = Proxy(server.url)
    front.quirks.login = (USER, "right-horse-battery")
    yield front
    front.stop()


def test_a_wrong_password_is_exit_3_with_the_caldav_hint_and_never_shown(
    guarded: Proxy, app: CalendarApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)
    where = f"caldav+{guarded.url.rstrip('/')}{path}"
    monkeypatch.setenv("CALSYNC_CALDAV_PASSWORD", "Wrong-Secret-93")

    refused = sync(where, where)

    assert refused.exit_code == 3, refused.output
    assert "CALSYNC_CALDAV_PASSWORD" in refused.output and "401" in refused.output
    assert "Wrong-Secret-93" not in refused.output
    assert app.followups(path) == {}

    monkeypatch.setenv("CALSYNC_CALDAV_PASSWORD", "right-horse-battery")
    ok(sync(where, where))
    assert len(app.followups(path)) == 2
    # the login goes with the first request: an unchanged run is one request, no 401 first
    guarded.reset()
    assert "up to date" in ok(sync(where, where)).output
    assert guarded.count() == {"REPORT": 1}


def test_a_server_that_refuses_an_unprompted_login_gets_its_own_way(
    guarded: Proxy, app: CalendarApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)
    where = f"caldav+{guarded.url.rstrip('/')}{path}"
    monkeypatch.setenv("CALSYNC_CALDAV_PASSWORD", "right-horse-battery")
    guarded.quirks.challenge_first = True

    ok(sync(where, where))

    # refused, then the library's own round: unprompted, told the scheme, logged in
    assert [s.status for s in guarded.seen[:3]] == [401, 401, 207]
    assert len(app.followups(path)) == 2


def test_a_url_with_credentials_in_it_or_plain_http_afar_is_refused(app: CalendarApp) -> None:
    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)
    secret = app.url.replace("http://", f"http://{USER}:Hunter2-Secret@") + path

    refused = sync("caldav+" + secret, app.spec(path))
    to_refused = _invoke("clean", "--to", "caldav+" + secret)

    in_clear = _invoke("plan", "--from", "caldav+http://dav.example.com/cal/")

    assert in_clear.exit_code == 2 and "caldav+https://" in in_clear.output
    for result in (refused, to_refused):
        assert result.exit_code == 2, result.output
        assert "Hunter2-Secret" not in result.output
        assert "CALSYNC_CALDAV_USER" in result.output
    assert app.followups(path) == {}


def test_the_readmes_cron_line_with_the_password_from_a_command(
    guarded: Proxy, app: CalendarApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = f"Work {uuid.uuid4().hex[:6]}", f"Job search {uuid.uuid4().hex[:6]}"
    source, target = make_calendar(app.url + "/", mine), make_calendar(app.url + "/", theirs)
    app.add_interview(source)
    config = tmp_path / "config" / "calsync" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'emails = ["{ME}"]\ncaldav_password_command = "printf \'right-horse-battery\\\\n\'"\n'
    )
    monkeypatch.delenv("CALSYNC_CALDAV_PASSWORD")
    root = f"caldav+{guarded.url}"
    cron = ["sync", "--quiet", "--from", root, "--calendar", mine]
    cron += ["--to", root, "--target-calendar", theirs]

    first = _invoke(*cron)

    assert first.exit_code == 0 and first.output == "", first.output
    assert len(app.followups(target)) == 2
    guarded.reset()
    again = _invoke(*cron)
    assert again.exit_code == 0 and again.output == ""
    assert guarded.count() == {"REPORT": 2}  # one per calendar, nothing written


def test_a_root_url_as_target_writes_into_the_calendar_read(app: CalendarApp) -> None:
    """The --help example: `--from ROOT --calendar Work --to ROOT`."""
    mine = f"Work {uuid.uuid4().hex[:6]}"
    source = make_calendar(app.url + "/", mine)
    make_calendar(app.url + "/", f"Family {uuid.uuid4().hex[:6]}")
    app.add_interview(source)

    unnamed = sync(app.spec(), app.spec())
    assert unnamed.exit_code == 2 and repr(mine) in unnamed.output  # which one? it lists them

    ok(sync(app.spec(), app.spec(), "--calendar", mine))

    assert len(app.followups(source)) == 2
    assert "up to date" in ok(sync(app.spec(), app.spec(), "--calendar", mine)).output


def test_help_names_caldav_calendars() -> None:
    for command in ("sync", "plan", "clean"):
        shown = ok(_invoke(command, "--help")).output
        assert "CalDAV name" in shown
        assert "caldav+https://HOST/PATH" in shown


def test_verbose_output_never_holds_the_password(
    guarded: Proxy, app: CalendarApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--verbose` in a real process (logging set up as a user gets it), wrong login and right."""
    import base64
    import subprocess
    import sys

    path = make_calendar(app.url + "/", "Work")
    app.add_interview(path)
    where = f"caldav+{guarded.url.rstrip('/')}{path}"
    command = [sys.executable, "-m", "calsync", "sync", "--from", where, "--to", where]
    for password, status in (("Wrong-Secret-93", 3), ("right-horse-battery", 0)):
        monkeypatch.setenv("CALSYNC_CALDAV_PASSWORD", password)
        done = subprocess.run(
            [*command, "--email", ME, "--verbose"], capture_output=True, text=True, timeout=120
        )
        shown = done.stdout + done.stderr
        assert done.returncode == status, shown
        login = base64.b64encode(f"{USER}:{password}".encode()).decode()
        assert password not in shown and login not in shown
        assert "calsync: debug: 2 follow-ups planned" in shown or status == 3
        assert "calsync: debug:" in shown


def test_the_chain_reads_outcomes_from_a_follow_up_calendar_of_its_own(app: CalendarApp) -> None:
    """Interviews in one calendar, follow-ups in another (the README's iCloud example)."""
    mine, theirs = f"Work {uuid.uuid4().hex[:6]}", f"Job search {uuid.uuid4().hex[:6]}"
    source, target = make_calendar(app.url + "/", mine), make_calendar(app.url + "/", theirs)
    app.add_interview(source)
    names = ("--calendar", mine, "--target-calendar", theirs)
    ok(sync(app.spec(), app.spec(), *names))
    first_call = _call_date(app.followups(target), "Follow-up call — Data Analyst at Acme")
    again_on = first_call + timedelta(days=7)
    typed = f"No decision yet, call again {again_on.strftime('%B')} {again_on.day}"
    app.type_into(target, "Follow-up call —", typed)

    shown = ok(_invoke("plan", "--from", app.spec(), *names, "--email", ME)).output
    assert f'"call again {again_on.strftime("%B")} {again_on.day}"' in shown
    assert f"{again_on.isoformat()} 10:00 EST  Follow-up call #2" in shown  # with its zone
    assert len(app.followups(target)) == 2  # plan wrote nothing

    ok(sync(app.spec(), app.spec(), *names))
    after = app.followups(target)
    assert after["Follow-up call #2 — Data Analyst at Acme"] == f"{again_on.isoformat()} 10:00"
    assert app.followups(source) == {}
