"""Backend harnesses for the contract suite: one small class per backend.

A harness owns one source calendar and one target calendar of its backend, and exposes what a
user (or a calendar app) does to them. The sync rules in `test_sync_rules.py` are written once
against this interface; a new backend adds one class here and one entry in `conftest.HARNESSES`.

Interface (every method is required):

- `started(folder, monkeypatch)` (a classmethod context manager): start whatever the backend needs
  (a server on 127.0.0.1, credentials in the environment) and yield a ready harness.

- `put_interview(iv)`: create the interview in the source, or change it to `iv` (same `key`).
- `remove_interview(key)`: the interview disappears from the source (deleted or cancelled).
- `empty_source()`: the source reads as a valid calendar with no events at all.
- `sync(*args)` / `clean(*args)`: run `calsync sync` / `calsync clean` through the CLI against this
  source and target (with the user's address), returning click's `Result`.
- `followups()`: calsync's events in the target by id, as `Seen` (title, start, live or removed).
- `edit(id, title)`, `delete(id)`, `note(id, text)`: the user changes a follow-up in the target
  (renames it, deletes it, types a note into its description).
- `add_foreign(title, days)`: the user (or another program) adds an event of its own to the
  target; returns its id.
- `foreign()`: a value that changes whenever any foreign event in the target changes at all
  (the raw bytes of an .ics event; the full resource of a Google or Outlook event).
- `target_state()`: a value that changes whenever anything in the target changes (for "a
  second run writes nothing").
- `lose_state()`: forget what calsync remembers between runs, as a crash before it saved would.
- `move(id, hours)`: the user moves a follow-up in the target by `hours` (same length).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner, Result

from calsync.adapters.ics.target import foreign_blocks
from calsync.cli import cli
from calsync.core.ownership import is_calsync
from tests.emulator.server import CalendarEmulator
from tests.emulator.store import USER_EMAIL
from tests.helpers import Ev, calendar_bytes
from tests.msgraph.harness import MicrosoftHarness as GraphControl

NY = ZoneInfo("America/New_York")


def at(days: int, hour: int = 10, zone: str = "America/New_York") -> datetime:
    return datetime.combine(date.today() + timedelta(days=days), clock(hour), ZoneInfo(zone))


# Outlook's names of the zones the contract tests use
WINDOWS_ZONES = {"America/New_York": "Eastern Standard Time", "Europe/London": "GMT Standard Time"}


@dataclass(frozen=True)
class Interview:
    """One interview in the source calendar, in days from today."""

    key: str
    company: str
    days: int
    hour: int = 10
    notes: str = ""
    declined: bool = False
    role: str = "Data Analyst"
    zone: str = "America/New_York"  # the zone the interview is written in (the employer's)

    @property
    def title(self) -> str:
        return f"Interview with {self.company} — {self.role}"


@dataclass(frozen=True)
class Seen:
    """One of calsync's events as the target holds it."""

    title: str
    start: datetime
    live: bool  # False: removed (deleted in Google, STATUS:CANCELLED in an .ics file)
    description: str


class Harness(Protocol):
    name: str

    @classmethod
    def started(
        cls, folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> AbstractContextManager[Harness]: ...

    def put_interview(self, iv: Interview) -> None: ...
    def remove_interview(self, key: str) -> None: ...
    def empty_source(self) -> None: ...
    def sync(self, *args: str) -> Result: ...
    def clean(self, *args: str) -> Result: ...
    def followups(self) -> dict[str, Seen]: ...
    def edit(self, event_id: str, title: str) -> None: ...
    def delete(self, event_id: str) -> None: ...
    def note(self, event_id: str, text: str) -> None: ...
    def add_foreign(self, title: str, days: int) -> str: ...
    def foreign(self) -> Any: ...
    def target_state(self) -> Any: ...
    def lose_state(self) -> None: ...
    def move(self, event_id: str, hours: int) -> None: ...


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


# ---- .ics ----------------------------------------------------------------------------------


class IcsHarness:
    """An .ics file as the source, another .ics file as the target."""

    name = "ics"
    user = "alex.rivera@example.com"

    @classmethod
    @contextmanager
    def started(cls, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[IcsHarness]:
        yield cls(folder)

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.source = folder / "interviews.ics"
        self.target = folder / "followups.ics"
        self.interviews: dict[str, Interview] = {}
        self._write_source()

    def _write_source(self) -> None:
        events = [
            Ev(
                uid=f"{iv.key}@example.com",
                title=iv.title,
                start=at(iv.days, iv.hour, iv.zone),
                description=iv.notes,
                attendees=[
                    (self.user, "Alex Rivera", "DECLINED" if iv.declined else "ACCEPTED"),
                    (f"lead@{iv.company.lower()}.com", "Jane Doe", "ACCEPTED"),
                ],
                organizer=(f"lead@{iv.company.lower()}.com", "Jane Doe"),
            )
            for iv in self.interviews.values()
        ]
        self.source.write_bytes(calendar_bytes(events))

    def put_interview(self, iv: Interview) -> None:
        self.interviews[iv.key] = iv
        self._write_source()

    def remove_interview(self, key: str) -> None:
        del self.interviews[key]
        self._write_source()

    def empty_source(self) -> None:
        self.interviews.clear()
        self._write_source()

    def sync(self, *args: str) -> Result:
        return _invoke(
            "sync",
            "--from",
            str(self.source),
            "--to",
            str(self.target),
            "--email",
            self.user,
            *args,
        )

    def clean(self, *args: str) -> Result:
        return _invoke("clean", "--to", str(self.target), *args)

    def _calendar(self) -> icalendar.Calendar:
        return icalendar.Calendar.from_ical(self.target.read_bytes())

    def followups(self) -> dict[str, Seen]:
        if not self.target.exists():
            return {}
        found = {}
        for event in self._calendar().walk("VEVENT"):
            uid = str(event["UID"])
            if is_calsync(uid=uid):
                found[uid.split("@")[0]] = Seen(
                    title=str(event["SUMMARY"]),
                    start=event["DTSTART"].dt,
                    live=str(event.get("STATUS", "")).upper() != "CANCELLED",
                    description=str(event.get("DESCRIPTION", "")),
                )
        return found

    def _change(self, event_id: str, change: Any) -> None:
        calendar = self._calendar()
        kept = []
        for component in calendar.subcomponents:
            if str(component.get("UID", "")).startswith(event_id):
                component = change(component)
            if component is not None:
                kept.append(component)
        calendar.subcomponents = kept
        self.target.write_bytes(calendar.to_ical())

    def edit(self, event_id: str, title: str) -> None:
        def rename(component: icalendar.Event) -> icalendar.Event:
            component["SUMMARY"] = title
            return component

        self._change(event_id, rename)

    def delete(self, event_id: str) -> None:
        self._change(event_id, lambda component: None)

    def move(self, event_id: str, hours: int) -> None:
        self._change(event_id, lambda component: _moved(component, hours))

    def note(self, event_id: str, text: str) -> None:
        def add(component: icalendar.Event) -> icalendar.Event:
            component["DESCRIPTION"] = f"{component.get('DESCRIPTION', '')}\n{text}"
            return component

        self._change(event_id, add)

    def add_foreign(self, title: str, days: int) -> str:
        """An event added by hand: LF line ends, odd order, lower-case hex, an alarm."""
        uid = f"dentist-{days}-{len(title)}@example.org"
        start = at(days, 8).strftime("%Y%m%dT%H%M%S")
        block = (
            "BEGIN:VEVENT\n"
            f"SUMMARY:{title}\n"
            f"UID:{uid}\n"
            f"DTSTART;TZID=America/New_York:{start}\n"
            "DURATION:PT30M\n"
            "X-ODD-TOOL:keep me\\, exactly\n"
            "DESCRIPTION:a long line that a tool folded at an odd place, with an ü and a \n"
            " continuation\n"
            "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT10M\nDESCRIPTION:x\nEND:VALARM\n"
            "END:VEVENT\n"
        ).encode()
        data = self.target.read_bytes()
        end = data.rstrip().rfind(b"END:VCALENDAR")
        self.target.write_bytes(data[:end] + block + data[end:])
        return uid

    def foreign(self) -> Any:
        blocks = foreign_blocks(self.target.read_bytes())
        return sorted(b for b in blocks if not b.upper().startswith(b"BEGIN:VTIMEZONE"))

    def target_state(self) -> Any:
        return self.target.read_bytes() if self.target.exists() else None

    def lose_state(self) -> None:
        shutil.rmtree(self.folder / "state", ignore_errors=True)


# ---- Google (the local emulator, through the real google-api-python-client) -----------------


class GoogleHarness:
    """Google's primary calendar as the source, a second calendar of the account as target."""

    name = "google"
    user = USER_EMAIL
    target_calendar = "followups@group.calendar.google.com"

    @classmethod
    @contextmanager
    def started(cls, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GoogleHarness]:
        with CalendarEmulator() as emulator:
            token = emulator.make_token_file(folder / "token.json")
            monkeypatch.setenv("CALSYNC_TOKEN", str(token))
            monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)
            yield cls(folder, emulator)

    def __init__(self, folder: Path, emulator: CalendarEmulator) -> None:
        self.folder = folder
        self.google = emulator
        emulator.add_calendar(self.target_calendar, summary="Follow-ups")
        self.keys: set[str] = set()

    def _body(self, iv: Interview) -> dict[str, Any]:
        start = at(iv.days, iv.hour, iv.zone)
        lead = f"lead@{iv.company.lower()}.com"
        return {
            "summary": iv.title,
            "description": iv.notes,
            "start": {"dateTime": start.isoformat(), "timeZone": iv.zone},
            "end": {
                "dateTime": (start + timedelta(hours=1)).isoformat(),
                "timeZone": iv.zone,
            },
            "attendees": [
                {
                    "email": USER_EMAIL,
                    "self": True,
                    "responseStatus": "declined" if iv.declined else "accepted",
                },
                {"email": lead, "displayName": "Jane Doe", "responseStatus": "accepted"},
            ],
            "organizer": {"email": lead, "displayName": "Jane Doe"},
        }

    def put_interview(self, iv: Interview) -> None:
        if iv.key in self.keys:
            self.google.edit_event("primary", iv.key, **self._body(iv))
        else:
            self.google.put_event("primary", {"id": iv.key, **self._body(iv)})
            self.keys.add(iv.key)

    def remove_interview(self, key: str) -> None:
        self.google.delete_event("primary", key)
        self.keys.discard(key)

    def empty_source(self) -> None:
        for key in list(self.keys):
            self.remove_interview(key)

    def sync(self, *args: str) -> Result:
        return _invoke(
            "sync",
            "--from",
            "google",
            "--to",
            "google",
            "--target-calendar",
            self.target_calendar,
            *args,
        )

    def clean(self, *args: str) -> Result:
        return _invoke("clean", "--to", "google", "--target-calendar", self.target_calendar, *args)

    def _events(self) -> list[dict[str, Any]]:
        return self.google.events(self.target_calendar, include_deleted=True)

    @staticmethod
    def _ours(event: dict[str, Any]) -> bool:
        private = (event.get("extendedProperties") or {}).get("private") or {}
        return is_calsync(kind=private.get("calsync_kind"))

    def followups(self) -> dict[str, Seen]:
        return {
            e["id"]: Seen(
                title=str(e.get("summary", "")),
                start=datetime.fromisoformat(e["start"]["dateTime"]),
                live=e.get("status") != "cancelled",
                description=str(e.get("description", "")),
            )
            for e in self._events()
            if self._ours(e)
        }

    def edit(self, event_id: str, title: str) -> None:
        self.google.edit_event(self.target_calendar, event_id, summary=title)

    def delete(self, event_id: str) -> None:
        self.google.delete_event(self.target_calendar, event_id)

    def move(self, event_id: str, hours: int) -> None:
        event = self.google.get(self.target_calendar, event_id) or {}
        times = {
            key: {
                **event[key],
                "dateTime": (
                    datetime.fromisoformat(event[key]["dateTime"]) + timedelta(hours=hours)
                ).isoformat(),
            }
            for key in ("start", "end")
        }
        self.google.edit_event(self.target_calendar, event_id, **times)

    def note(self, event_id: str, text: str) -> None:
        event = self.google.get(self.target_calendar, event_id) or {}
        description = f"{event.get('description', '')}\n{text}"
        self.google.edit_event(self.target_calendar, event_id, description=description)

    def add_foreign(self, title: str, days: int) -> str:
        start = at(days, 8)
        event = self.google.put_event(
            self.target_calendar,
            {
                "summary": title,
                "start": {"dateTime": start.isoformat(), "timeZone": "America/New_York"},
                "end": {
                    "dateTime": (start + timedelta(minutes=30)).isoformat(),
                    "timeZone": "America/New_York",
                },
                "extendedProperties": {"private": {"other_app": "1"}},
            },
        )
        return str(event["id"])

    def foreign(self) -> Any:
        return json.dumps(
            [e for e in self._events() if not self._ours(e)], sort_keys=True, default=str
        )

    def target_state(self) -> Any:
        return json.dumps(self._events(), sort_keys=True, default=str)

    def lose_state(self) -> None:
        shutil.rmtree(self.folder / "state", ignore_errors=True)


# ---- Microsoft (the local Graph emulator, through calsync's real HTTP code) ----------------


class MicrosoftHarness:
    """The account's default Outlook calendar as the source, a second calendar as the target."""

    name = "microsoft"
    target_name = "Follow-ups"
    zone = "Eastern Standard Time"  # Outlook's name for America/New_York, as `at` uses

    @classmethod
    @contextmanager
    def started(cls, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MicrosoftHarness]:
        with GraphControl(folder, monkeypatch) as control:
            yield cls(folder, control)

    def __init__(self, folder: Path, control: GraphControl) -> None:
        self.folder = folder
        self.ms = control.emulator
        self.ms.mailbox_zone = self.zone  # the user is in New York, as on every other backend
        self.target_calendar = self.ms.store.add_calendar(self.target_name)
        self.ids: dict[str, str] = {}  # interview key → Graph id

    def _fields(self, iv: Interview) -> dict[str, Any]:
        lead = {"emailAddress": {"name": "Jane Doe", "address": f"lead@{iv.company.lower()}.com"}}
        return {
            "organizer": lead,
            "isOrganizer": False,
            "responseStatus": {"response": "declined" if iv.declined else "accepted"},
            "attendees": [{**lead, "status": {"response": "accepted"}, "type": "required"}],
        }

    def put_interview(self, iv: Interview) -> None:
        start = at(iv.days, iv.hour, iv.zone)
        zone = WINDOWS_ZONES[iv.zone]
        if iv.key in self.ids:
            wall = start.replace(tzinfo=None)
            self.ms.user_edit(
                self.ids[iv.key],
                subject=iv.title,
                body={"contentType": "text", "content": iv.notes},
                start={"dateTime": wall.isoformat(), "timeZone": zone},
                end={"dateTime": (wall + timedelta(hours=1)).isoformat(), "timeZone": zone},
                **self._fields(iv),
            )
            return
        fields = self._fields(iv)
        lead = fields.pop("attendees")[0]["emailAddress"]
        event = self.ms.seed(
            iv.title,
            start,
            60,
            zone=zone,
            body=iv.notes,
            html=False,
            attendees=((lead["name"], lead["address"]),),
            **fields,
        )
        self.ids[iv.key] = event.id

    def remove_interview(self, key: str) -> None:
        self.ms.user_delete(self.ids.pop(key))

    def empty_source(self) -> None:
        for key in list(self.ids):
            self.remove_interview(key)

    def sync(self, *args: str) -> Result:
        return _invoke(
            "sync",
            "--from",
            "microsoft",
            "--to",
            "microsoft",
            "--target-calendar",
            self.target_name,
            *args,
        )

    def clean(self, *args: str) -> Result:
        return _invoke("clean", "--to", "microsoft", "--target-calendar", self.target_name, *args)

    def _events(self) -> list[Any]:
        with self.ms.lock:
            return [e for e in self.ms.store.events.values() if e.calendar == self.target_calendar]

    @staticmethod
    def _ours(event: Any) -> bool:
        return bool(event.fields.get("transactionId"))

    def followups(self) -> dict[str, Seen]:
        return {
            e.id: Seen(
                title=str(e.fields.get("subject", "")),
                start=e.start,
                live=not e.deleted,
                description=str((e.fields.get("body") or {}).get("content", "")),
            )
            for e in self._events()
            if self._ours(e)
        }

    def edit(self, event_id: str, title: str) -> None:
        self.ms.user_edit(event_id, subject=title)

    def delete(self, event_id: str) -> None:
        self.ms.user_delete(event_id)

    def move(self, event_id: str, hours: int) -> None:
        event = self.ms.store.events[event_id]
        shift = timedelta(hours=hours)
        self.ms.user_edit(
            event_id,
            **{
                key: {"dateTime": (moment + shift).isoformat(), "timeZone": event.zone}
                for key, moment in (("start", event.start), ("end", event.end))
            },
        )

    def note(self, event_id: str, text: str) -> None:
        """Outlook stores what the user types as HTML, the text calsync wrote included."""
        import html

        old = str((self.ms.store.events[event_id].fields.get("body") or {}).get("content", ""))
        paragraphs = [*old.split("\n"), text]
        body = "".join(f"<p>{html.escape(line)}</p>" for line in paragraphs)
        self.ms.user_edit(
            event_id,
            body={"contentType": "html", "content": f"<html><body>{body}</body></html>"},
        )

    def add_foreign(self, title: str, days: int) -> str:
        event = self.ms.seed(
            title,
            at(days, 8),
            30,
            zone=self.zone,
            body="Bring the <b>forms</b>.",
            calendar=self.target_calendar,
            singleValueExtendedProperties=[
                {"id": "String {00020329-0000-0000-c000-000000000046} Name other", "value": "1"}
            ],
        )
        return event.id

    @staticmethod
    def _dump(event: Any) -> str:
        return json.dumps(
            [event.as_json(), event.props, event.deleted, event.calendar],
            sort_keys=True,
            default=str,
        )

    def foreign(self) -> Any:
        return sorted(self._dump(e) for e in self._events() if not self._ours(e))

    def target_state(self) -> Any:
        return sorted(self._dump(e) for e in self._events())

    def lose_state(self) -> None:
        shutil.rmtree(self.folder / "state", ignore_errors=True)


# ---- CalDAV (Radicale and Xandikos on loopback, through calsync's real HTTP code) ----------


class DavApp:
    """What a calendar app sends a CalDAV server: plain PROPFIND, GET, PUT and DELETE."""

    def __init__(self, base: str, user: str, password: str) -> None:
        import base64

        self.base = base.rstrip("/")
        login = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {login}"}

    def send(
        self, method: str, path: str, body: bytes = b"", **headers: str
    ) -> tuple[int, dict[str, str], bytes]:
        import http.client
        from urllib.parse import urlsplit

        where = urlsplit(self.base)
        connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=60)
        try:
            named = {k.replace("_", "-"): v for k, v in headers.items()}
            connection.request(method, path, body=body, headers={**self.headers, **named})
            answer = connection.getresponse()
            return answer.status, dict(answer.getheaders()), answer.read()
        finally:
            connection.close()

    def listing(self, collection: str) -> dict[str, str]:
        """href → ETag of every resource in the collection."""
        from xml.etree import ElementTree

        query = b'<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
        status, _, answer = self.send(
            "PROPFIND", collection, query, Depth="1", Content_Type="application/xml"
        )
        assert status == 207, (status, answer[:300])
        found = {}
        for response in ElementTree.fromstring(answer).iter("{DAV:}response"):
            href = response.findtext("{DAV:}href") or ""
            etag = response.findtext(".//{DAV:}getetag")
            if etag and not href.endswith("/"):
                found[href] = etag
        return found

    def get(self, href: str) -> tuple[bytes, str]:
        status, headers, body = self.send("GET", href)
        assert status == 200, (status, href)
        return body, headers.get("ETag") or headers.get("etag") or ""

    def put(self, href: str, body: bytes, **preconditions: str) -> None:
        status, _, answer = self.send(
            "PUT", href, body, Content_Type="text/calendar; charset=utf-8", **preconditions
        )
        assert status in (200, 201, 204), (status, answer[:300])

    def delete(self, href: str) -> None:
        status, _, _ = self.send("DELETE", href)
        assert status in (200, 204), (status, href)


_SERVERS: dict[str, Any] = {}


def _caldav_server(kind: str) -> Any:
    """One server of each kind per test process (each test gets its own calendars)."""
    if kind not in _SERVERS:
        import atexit
        import tempfile

        from tests.caldav import servers

        command = servers.radicale_command if kind == "radicale" else servers.xandikos_command
        folder = Path(tempfile.mkdtemp(prefix=f"calsync-contract-{kind}-"))
        server = servers.start(kind, folder, command)
        _SERVERS[kind] = server

        def stop() -> None:
            server.stop()
            shutil.rmtree(folder, ignore_errors=True)

        atexit.register(stop)
    return _SERVERS[kind]


class CalDavHarness:
    """One calendar of a real CalDAV server as the source, another on it as the target.

    The test plays the calendar app: it PUTs and DELETEs resources the way Apple Calendar or
    Thunderbird do, with If-Match on changes to calsync's events.
    """

    name = "caldav"
    kind = ""
    user = "alex.rivera@example.com"
    login = "alex"
    password = "contract-secret"

    @classmethod
    @contextmanager
    def started(cls, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CalDavHarness]:
        import os

        for variable in [k for k in os.environ if "proxy" in k.lower()]:
            monkeypatch.delenv(variable)  # loopback only, whatever the machine's settings
        monkeypatch.setenv("CALSYNC_CALDAV_USER", cls.login)
        monkeypatch.setenv("CALSYNC_CALDAV_PASSWORD", cls.password)
        yield cls(folder, _caldav_server(cls.kind).url)

    def __init__(self, folder: Path, url: str) -> None:
        from tests.caldav.conftest import make_calendar

        self.folder = folder
        self.url = url.rstrip("/")
        self.dav = DavApp(self.url, self.login, self.password)
        self.source_path = make_calendar(url, "Interviews")
        self.target_path = make_calendar(url, "Follow-ups")
        self.keys: set[str] = set()

    def _href(self, key: str) -> str:
        return f"{self.source_path.rstrip('/')}/{key}.ics"

    def put_interview(self, iv: Interview) -> None:
        event = Ev(
            uid=f"{iv.key}@example.com",
            title=iv.title,
            start=at(iv.days, iv.hour, iv.zone),
            description=iv.notes,
            attendees=[
                (self.user, "Alex Rivera", "DECLINED" if iv.declined else "ACCEPTED"),
                (f"lead@{iv.company.lower()}.com", "Jane Doe", "ACCEPTED"),
            ],
            organizer=(f"lead@{iv.company.lower()}.com", "Jane Doe"),
        )
        calendar = icalendar.Calendar.from_ical(calendar_bytes([event]))
        calendar.add_missing_timezones()
        self.dav.put(self._href(iv.key), calendar.to_ical())
        self.keys.add(iv.key)

    def remove_interview(self, key: str) -> None:
        self.dav.delete(self._href(key))
        self.keys.discard(key)

    def empty_source(self) -> None:
        for key in list(self.keys):
            self.remove_interview(key)

    def _spec(self, path: str) -> str:
        return f"caldav+{self.url}{path}"

    def sync(self, *args: str) -> Result:
        return _invoke(
            "sync",
            "--from",
            self._spec(self.source_path),
            "--to",
            self._spec(self.target_path),
            "--email",
            self.user,
            *args,
        )

    def clean(self, *args: str) -> Result:
        return _invoke("clean", "--to", self._spec(self.target_path), *args)

    def _resources(self) -> dict[str, tuple[bytes, str]]:
        return {href: self.dav.get(href) for href in self.dav.listing(self.target_path)}

    @staticmethod
    def _event(data: bytes) -> icalendar.Event:
        return next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))

    def followups(self) -> dict[str, Seen]:
        found = {}
        for href, (data, _) in self._resources().items():
            event = self._event(data)
            if is_calsync(uid=str(event["UID"])):
                found[href] = Seen(
                    title=str(event["SUMMARY"]),
                    start=event["DTSTART"].dt,
                    live=str(event.get("STATUS", "")).upper() != "CANCELLED",
                    description=str(event.get("DESCRIPTION", "")),
                )
        return found

    def _change(self, href: str, change: Any) -> None:
        """The app's edit: read, change, bump SEQUENCE and DTSTAMP, PUT with If-Match."""
        data, etag = self.dav.get(href)
        calendar = icalendar.Calendar.from_ical(data)
        for event in calendar.walk("VEVENT"):
            change(event)
            event["SEQUENCE"] = int(event.get("SEQUENCE", 0)) + 1
            event.pop("DTSTAMP", None)
            event.add("DTSTAMP", datetime.now(NY))
        self.dav.put(href, calendar.to_ical(), If_Match=etag)

    def edit(self, event_id: str, title: str) -> None:
        self._change(event_id, lambda event: event.__setitem__("SUMMARY", title))

    def delete(self, event_id: str) -> None:
        self.dav.delete(event_id)

    def move(self, event_id: str, hours: int) -> None:
        self._change(event_id, lambda event: _moved(event, hours))

    def note(self, event_id: str, text: str) -> None:
        def add(event: icalendar.Event) -> None:
            event["DESCRIPTION"] = f"{event.get('DESCRIPTION', '')}\n{text}"

        self._change(event_id, add)

    def add_foreign(self, title: str, days: int) -> str:
        """An event another app wrote: its own UID, X- property and alarm, CRLF as it should."""
        uid = f"dentist-{days}-{len(title)}@example.org"
        start = at(days, 8).strftime("%Y%m%dT%H%M%S")
        data = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//App//EN\r\n"
            "BEGIN:VEVENT\r\n"
            f"SUMMARY:{title}\r\nUID:{uid}\r\nDTSTAMP:20261101T120000Z\r\n"
            f"DTSTART;TZID=America/New_York:{start}\r\nDURATION:PT30M\r\n"
            "X-ODD-TOOL:keep me\\, exactly\r\n"
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M\r\nDESCRIPTION:x\r\nEND:VALARM\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
        href = f"{self.target_path.rstrip('/')}/{uid}.ics"
        self.dav.put(href, data, If_None_Match="*")
        return href

    def foreign(self) -> Any:
        return sorted(
            (href, etag, data)
            for href, (data, etag) in self._resources().items()
            if not is_calsync(uid=str(self._event(data)["UID"]))
        )

    def target_state(self) -> Any:
        return sorted((href, etag, data) for href, (data, etag) in self._resources().items())

    def lose_state(self) -> None:
        shutil.rmtree(self.folder / "state", ignore_errors=True)


class RadicaleHarness(CalDavHarness):
    name = "caldav-radicale"
    kind = "radicale"


class XandikosHarness(CalDavHarness):
    name = "caldav-xandikos"
    kind = "xandikos"


def _moved(event: icalendar.Event, hours: int) -> icalendar.Event:
    """The event as a calendar app writes it after the user drags it `hours` later."""
    for key in ("DTSTART", "DTEND"):
        if key in event:
            moved = event.decoded(key) + timedelta(hours=hours)
            del event[key]
            event.add(key, moved)
    return event
