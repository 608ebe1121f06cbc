"""One CalDAV calendar as calsync knows it between runs: its objects, ETags and sync token.

The first run lists the calendar from the start of the range read (a PROPFIND for its sync token,
then one calendar-query); later runs ask only what changed since the token (RFC 6578
sync-collection) and fetch just the objects whose ETag moved, so a run with no change is one
REPORT. A token the server refuses or has expired means a full listing again; a server that
refuses tokens twice in a row is listed in full from then on (one REPORT a run). Everything is
kept in a JSON file in calsync's state folder, replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from calsync.adapters.caldav import http
from calsync.adapters.caldav.events import Remembered
from calsync.errors import SyncError, UsageError

STATE_VERSION = 1
MULTIGET_BATCH = 200
RELIST_AFTER = timedelta(days=60)
_SAFE = "/@:+~!$&'()*,;="  # kept as they are in a path (Nextcloud's user@example.com)


@dataclass
class Item:
    etag: str | None
    data: str


@dataclass
class State:
    """What calsync keeps of one calendar collection."""

    url: str
    name: str | None = None
    time_zone: str | None = None
    token: str | None = None
    tokens: bool = True  # False: the server refuses sync tokens; list in full
    refusals: int = 0
    time_min: str | None = None  # the start of the listing the items come from (ISO)
    items: dict[str, Item] = field(default_factory=dict)
    written: dict[str, Remembered] = field(default_factory=dict)  # ids calsync wrote here
    # hrefs calsync wrote after the token was taken: the next sync must name them, or they are
    # gone (a server such as Xandikos names nothing that was created and deleted since a token)
    pending: set[str] = field(default_factory=set)

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    def href_url(self, href: str) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}{quote(href, safe=_SAFE)}"

    def covers(self, since: datetime) -> bool:
        """True when the items were listed from `since` or earlier, and not too long ago.

        The range read moves forward every day while changes keep arriving through the token;
        listing afresh once the listing's start is RELIST_AFTER behind keeps the stored set
        from growing with events long past (one extra request every two months).
        """
        if self.time_min is None:
            return False
        listed_from = datetime.fromisoformat(self.time_min)
        return listed_from <= since < listed_from + RELIST_AFTER


class Collection:
    """A calendar's state, loaded from and saved to one file, refreshed over a Session."""

    def __init__(self, session: http.Session, url: str, state_dir: Path) -> None:
        self.session = session
        key = f"{url}\x1f{session.login.user or ''}".encode()
        self._file = state_dir / "caldav" / f"{hashlib.sha256(key).hexdigest()[:20]}.json"
        self.state = _load(self._file, url) or State(url=url)
        # refreshed in this run by one side, not yet used by the other ("source" / "target")
        self.fresh_for: str | None = None

    # ---- reading -------------------------------------------------------------------------

    def refresh(self, since: datetime, *, props: Any = None) -> None:
        """Bring the items up to date with the server (changes only, when a token allows)."""
        state = self.state
        if state.token and state.tokens and state.covers(since) and self._sync(state.token):
            self.save()
            return
        self._list(since, props)
        self.save()

    def _sync(self, token: str) -> bool:
        state = self.state
        reply = self.session.request("REPORT", state.url, http.sync_body(token), {"Depth": "1"})
        if reply.status != 207:
            if reply.status == 404:
                raise self.session.failed("reading the calendar", reply)
            # an expired or refused token (403/409/412/507 …): list everything instead
            state.token = None
            state.refusals += 1
            if state.refusals >= 2:
                state.tokens = False
            return False
        state.refusals = 0
        stale: list[str] = []
        named: set[str] = set()
        for member in http.members(reply.tree, collection_path=state.path):
            named.add(member.href)
            known = state.items.get(member.href)
            if member.gone:
                state.items.pop(member.href, None)
            elif known is None or member.etag is None or known.etag != member.etag:
                stale.append(member.href)
        for href in state.pending - named:
            state.items.pop(href, None)
        state.pending = set()
        self._fetch(stale)
        state.token = http.prop_text(reply.tree, f"{http.DAV}sync-token") or None
        return True

    def _fetch(self, hrefs: list[str]) -> None:
        """Load the data of these objects (calendar-multiget, in batches)."""
        state = self.state
        for start in range(0, len(hrefs), MULTIGET_BATCH):
            batch = hrefs[start : start + MULTIGET_BATCH]
            reply = self.session.request(
                "REPORT", state.url, http.multiget_body(batch), {"Depth": "1"}
            )
            if reply.status != 207:
                raise self.session.failed("reading changed events", reply)
            found = {m.href: m for m in http.members(reply.tree, collection_path=state.path)}
            for href in batch:
                member = found.get(href)
                if member is None or member.gone or member.data is None:
                    state.items.pop(href, None)
                else:
                    state.items[href] = Item(etag=member.etag, data=member.data)

    def _list(self, since: datetime, props: Any) -> None:
        state = self.state
        if props is not None or state.tokens or state.time_min is None:
            # the token comes before the listing: a change made in between is seen next run
            props = self.properties(props)
            token = http.prop_text(props, f"{http.DAV}sync-token")
            state.token = token if state.tokens else None
            if token is None:
                state.tokens = False
        reply = self.session.request("REPORT", state.url, http.query_body(since), {"Depth": "1"})
        if reply.status != 207:
            raise self.session.failed("listing the calendar", reply)
        items: dict[str, Item] = {}
        for member in http.members(reply.tree, collection_path=state.path):
            if member.data is not None and not member.gone:
                items[member.href] = Item(etag=member.etag, data=member.data)
        state.items = items
        state.pending = set()
        state.time_min = since.isoformat()

    def properties(self, known: Any = None) -> Any:
        """The calendar's own properties (name, zone, sync token); also checks it is one.

        `known` is the PROPFIND answer discovery already got, which saves asking again.
        """
        state = self.state
        tree = known
        if tree is None:
            reply = self.session.request(
                "PROPFIND", state.url, http.calendar_props_body(), {"Depth": "0"}
            )
            if reply.status != 207:
                raise self.session.failed("reading the calendar", reply)
            tree = reply.tree
        if not http.is_calendar(tree):
            raise UsageError(f"{self.session.location.label}: this address is not a calendar")
        state.name = http.prop_text(tree, f"{http.DAV}displayname") or state.name
        state.time_zone = _tzid(http.prop_text(tree, f"{http.CALDAV}calendar-timezone"))
        return tree

    def everything(self) -> list[tuple[str, Item]]:
        """Every event in the calendar, whatever its date (for `clean`); the state is kept."""
        state = self.state
        reply = self.session.request("REPORT", state.url, http.query_body(None), {"Depth": "1"})
        if reply.status != 207:
            raise self.session.failed("listing the calendar", reply)
        return [
            (m.href, Item(etag=m.etag, data=m.data))
            for m in http.members(reply.tree, collection_path=state.path)
            if m.data is not None and not m.gone
        ]

    # ---- keeping ------------------------------------------------------------------------

    def save(self) -> None:
        state = self.state
        data = {
            "version": STATE_VERSION,
            "url": state.url,
            "name": state.name,
            "time_zone": state.time_zone,
            "token": state.token,
            "tokens": state.tokens,
            "refusals": state.refusals,
            "time_min": state.time_min,
            "items": {h: [i.etag, i.data] for h, i in state.items.items()},
            "pending": sorted(state.pending),
            "written": {
                i: [
                    r.kind,
                    r.number,
                    r.source_id,
                    r.start.isoformat(),
                    r.interview_start.isoformat() if r.interview_start else None,
                ]
                for i, r in state.written.items()
            },
        }
        _write_json(self._file, data)


def _load(path: Path, url: str) -> State | None:
    """The stored state, or None when there is none or it cannot be trusted."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != STATE_VERSION or data.get("url") != url:
            return None
        return State(
            url=url,
            name=data["name"],
            time_zone=data["time_zone"],
            token=data["token"],
            tokens=bool(data["tokens"]),
            refusals=int(data["refusals"]),
            time_min=data["time_min"],
            items={str(h): Item(etag=e, data=str(d)) for h, (e, d) in data["items"].items()},
            pending={str(h) for h in data["pending"]},
            written={
                str(i): Remembered(
                    kind=str(k),
                    number=int(n),
                    source_id=str(s),
                    start=datetime.fromisoformat(st),
                    interview_start=datetime.fromisoformat(iv) if iv else None,
                )
                for i, (k, n, s, st, iv) in data["written"].items()
            },
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no state or a damaged one: a full listing rebuilds it


def _write_json(path: Path, data: Any) -> None:
    """Replace a state file atomically: a crash leaves the old one or the new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".caldav-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError as err:
        raise SyncError(f"cannot write sync state {path}: {err.strerror}") from err


def _tzid(text: str | None) -> str | None:
    """The IANA zone of a calendar-timezone property (a VTIMEZONE), when it names one (an IANA
    name, or a Windows one as Exchange-backed servers send)."""
    if not text or "TZID" not in text:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    for line in text.splitlines():
        if line.upper().startswith("TZID"):
            name = line.split(":", 1)[-1].strip()
            if name in WINDOWS_TO_OLSON:
                return str(WINDOWS_TO_OLSON[name])
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                return None
            return name
    return None
