"""A CalDAV calendar as calsync's source and target (iCloud, Fastmail, Nextcloud, Radicale …).

Reading: the calendar's objects come from `Collection` (one REPORT when nothing changed); calsync's
own events are recognised by their UID and properties and handed over as `own`, with whatever
the user typed into them, so the follow-up chain reads outcomes here as it does on Google.

Writing: one PUT or DELETE per action, to the href the server gave, with calsync's own
preconditions: `If-None-Match: *` on create (a 412 means already there), `If-Match` with the ETag
read on update and delete (a 412 means the user changed it since: the user wins). An ETag calsync
does not know is read again before writing. calsync remembers what it wrote, so a follow-up the
user deleted (or that a server such as Nextcloud keeps in its trash bin and refuses to re-create)
is never forced back.
"""

from __future__ import annotations

import functools
import logging
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from calsync.adapters.base import ApplyReport, Context, Held, Skipped, SourceRead
from calsync.adapters.caldav import discovery, events, http
from calsync.adapters.caldav.collection import Collection, Item
from calsync.adapters.caldav.location import Location, credentials
from calsync.adapters.memo import Kept, Memo, digest
from calsync.errors import InputError, UsageError
from calsync.model import Action, ExistingEvent, SourceEvent

log = logging.getLogger("calsync")

# one Collection per calendar per run, shared by the source and the target of that run (a run
# that reads and writes one calendar sends one REPORT, not two); keyed by the run's Context
_RUNS: dict[tuple[int, str], tuple[weakref.ref[Context], Collection]] = {}


def _shared(ctx: Context, url: str, make: type[Collection], session: http.Session) -> Collection:
    key = (id(ctx), url)
    found = _RUNS.get(key)
    if found is not None and found[0]() is ctx:
        return found[1]
    collection = make(session, url, ctx.state_dir)
    _RUNS[key] = (weakref.ref(ctx, lambda _ref: _RUNS.pop(key, None)), collection)
    return collection


@dataclass
class Calendar:
    """One CalDAV calendar for one run: where it is, how to reach it, its state once opened."""

    location: Location
    ctx: Context
    name: str | None  # the display name asked for; None: the URL is the calendar, or the only one
    _session: http.Session | None = None
    _collection: Collection | None = None
    _props: object = None

    @property
    def session(self) -> http.Session:
        if self._session is None:
            self._session = http.Session(self.location, credentials(self.ctx.settings))
        return self._session

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            url, self._props = discovery.resolve(self.session, self.name, self.ctx.state_dir)
            self._collection = _shared(self.ctx, url, Collection, self.session)
        return self._collection

    def refresh(self, since: datetime, *, by_target: bool) -> Collection:
        """The collection brought up to date, once for the source and the target of a run.

        A read by one side leaves the collection fresh for the other side's next read (in
        either order); any further read asks the server again.
        """
        collection = self.collection
        side = "target" if by_target else "source"
        if collection.fresh_for == side:
            collection.fresh_for = None
            return collection
        try:
            collection.refresh(since, props=self._props)
        except UsageError:
            # the calendar found earlier is gone or refused (404, 403): look it up again next run
            discovery.forget(self.session, self.name, self.ctx.state_dir)
            raise
        self._props = None
        collection.fresh_for = "source" if by_target else "target"
        return collection

    def own(self, collection: Collection, since: datetime) -> tuple[list[ExistingEvent], Seen]:
        """calsync's events in the calendar that end after `since`, and where all of them are."""
        label = self.location.label
        found: list[ExistingEvent] = []
        seen = Seen()
        for href, item in collection.state.items.items():
            if not events.may_be_calsyncs(item.data):
                continue  # parsing is most of a run's time: the user's events are skipped
            calendar = events.parse(item.data)
            if calendar is None:
                continue
            event = events.own_event(calendar, href, item.etag, label, collection.state.written)
            if event is not None:
                seen.hrefs.add(href)
                seen.ids.add(event.id)
                if event.end > since:
                    found.append(event)
        found.sort(key=lambda e: (e.start, e.id))
        return found, seen

    def deleted(self, collection: Collection, seen: Seen) -> frozenset[str]:
        """Ids calsync wrote here that the calendar no longer holds: the user deleted them."""
        state = collection.state
        if state.time_min is None:
            return frozenset()
        listed_from = datetime.fromisoformat(state.time_min)
        return frozenset(
            i for i, r in state.written.items() if i not in seen.ids and r.start >= listed_from
        )


@dataclass
class Seen:
    """Where calsync's events are in a calendar, whatever their dates."""

    hrefs: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)


# ---- the source ------------------------------------------------------------------------------


class CalDAVSource:
    """A CalDAV calendar calsync reads interviews (and its own events) from."""

    def __init__(self, calendar: Calendar) -> None:
        self._calendar = calendar

    @property
    def label(self) -> str:
        return self._calendar.location.label

    def read(self, *, since: datetime, until: datetime) -> SourceRead:

        calendar = self._calendar
        collection = calendar.refresh(since, by_target=False)
        state = collection.state
        settings = calendar.ctx.settings
        own, seen = calendar.own(collection, since)
        found: list[SourceEvent] = []
        skipped: list[Skipped] = []
        warnings: list[str] = []
        # an event whose text was read in an earlier run with the same range is not parsed again
        ctx = calendar.ctx
        kept = Kept(Memo(ctx.state_dir) if ctx.memo else None, "caldav-read", state.path)
        zone, system = settings.timezone or state.time_zone, _system_zone()
        for href, item in state.items.items():
            if href in seen.hrefs:
                continue
            parse = functools.partial(
                _parse_item, f"{self.label} {href}", item, since, until, zone, system
            )
            key = digest(href, item.data, since, until, zone, system)
            events, bad, notes = kept.get(key, parse, tuple)
            found.extend(events)
            skipped.extend(bad)
            warnings.extend(notes)
        kept.save()
        found.sort(key=lambda e: (e.start, e.id))
        if calendar.ctx.progress:
            calendar.ctx.progress("reading", len(state.items), None)
        return SourceRead(
            calendar=state.path,
            events=found,
            time_zone=state.time_zone,
            name=state.name,
            own=[e for e in own if e.start < until],
            deleted_ids=calendar.deleted(collection, seen),
            skipped=skipped,
            warnings=warnings,
        )


# ---- the target ------------------------------------------------------------------------------


class CalDAVTarget:
    """A CalDAV calendar calsync writes follow-ups into."""

    def __init__(self, calendar: Calendar, lock_key: str) -> None:
        self._calendar = calendar
        self._lock_key = lock_key

    @property
    def label(self) -> str:
        return self._calendar.location.label

    @property
    def lock_key(self) -> str:
        return self._lock_key

    def held(self, *, since: datetime) -> Held:
        calendar = self._calendar
        collection = calendar.refresh(since, by_target=True)
        own, seen = calendar.own(collection, since)
        return Held(events=own, deleted_ids=calendar.deleted(collection, seen))

    def owned(self) -> Held:
        calendar = self._calendar
        collection = calendar.collection
        found: list[ExistingEvent] = []
        for href, item in collection.everything():
            parsed = events.parse(item.data)
            if parsed is None:
                continue
            event = events.own_event(parsed, href, item.etag, self.label, collection.state.written)
            if event is not None and not event.deleted_by_user:
                found.append(event)
        return Held(events=sorted(found, key=lambda e: (e.start, e.id)))

    def apply(self, actions: Sequence[Action], *, source_calendar: str) -> ApplyReport:
        from calsync.adapters.caldav.writing import Writer

        calendar = self._calendar
        collection = calendar.collection
        writer = Writer(
            collection,
            now=calendar.ctx.now,
            reminder_minutes=calendar.ctx.settings.reminder_minutes,
            progress=calendar.ctx.progress,
        )
        try:
            return writer.apply(actions)
        finally:
            collection.save()


def _identify(item: Item) -> tuple[str, str]:
    calendar = events.parse(item.data)
    component = events.first_event(calendar) if calendar is not None else None
    if component is None:
        return "", ""
    return str(component.get("UID", "")), str(component.get("SUMMARY", ""))[:60]


def _system_zone() -> str:
    try:
        import tzlocal

        return str(tzlocal.get_localzone_name() or "UTC")
    except Exception:  # noqa: BLE001 - no zone configured on the machine
        return "UTC"


def _parse_item(
    name: str, item: Item, since: datetime, until: datetime, zone: str | None, system: str
) -> tuple[tuple[SourceEvent, ...], tuple[Skipped, ...], tuple[str, ...]]:
    """One calendar object's events; a bad one costs only itself (it is skipped, and why)."""
    from calsync.adapters.ics.source import read_events

    try:
        read = read_events(
            item.data.encode("utf-8"), name, since=since, until=until, timezone=zone,
            system_tz=system,
        )  # fmt: skip
    except InputError as exc:
        uid, summary = _identify(item)
        return ((), (Skipped(uid=uid, summary=summary, problem=str(exc)),), ())
    # the reader skips a bad event and says why, and says which zone it guessed
    return (tuple(read.events), tuple(read.skipped), tuple(read.warnings))
