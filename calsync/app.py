"""One run of calsync: source → core → target, with "now" and the settings passed in.

This is the only module that knows both the core and the adapters. The Google libraries are
imported only when Google is the source or the target: they take longer to import than the
rest of calsync together.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from zoneinfo import ZoneInfo

from calsync.adapters import fetch
from calsync.adapters.base import Skipped
from calsync.core.dates import BusinessDays
from calsync.core.detect import detect_interviews
from calsync.core.identity import event_id, id_from_uid
from calsync.core.plan import InterviewPlan, plan_interviews
from calsync.core.reconcile import reconcile
from calsync.core.user import guess_user_emails
from calsync.errors import ConfigError, LockBusy
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, Action, ExistingEvent, SourceEvent
from calsync.settings import Settings

if TYPE_CHECKING:
    from calsync.adapters.google.calendar import GoogleCalendar

log = logging.getLogger("calsync")

GOOGLE = "google"
ICS_CALENDAR = "ics"  # the "source calendar" part of ids for .ics sources, wherever they live
Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class Run:
    """What a run depends on besides its source and target."""

    settings: Settings
    now: datetime
    system_tz: str
    progress: Progress | None = None
    stdin: BinaryIO | None = None

    @property
    def since(self) -> datetime:
        day = self.settings.since or (self.now.date() - timedelta(days=30))
        return datetime.combine(day, time(0), ZoneInfo(self.system_tz))

    @property
    def until(self) -> datetime:
        """The end of the range read: the whole of the --until day is in it."""
        day = self.settings.until or (self.now.date() + timedelta(days=365))
        return datetime.combine(day + timedelta(days=1), time(0), ZoneInfo(self.system_tz))


@dataclass
class SourceData:
    """A source as read: its events, the calendar's zone and name, calsync's events in it."""

    calendar: str
    events: list[SourceEvent]
    time_zone: str | None
    own: list[ExistingEvent] = field(default_factory=list)
    deleted_ids: frozenset[str] = frozenset()
    name: str | None = None
    emails: tuple[str, ...] = ()  # the user's addresses, guessed when not given
    skipped: list[Skipped] = field(default_factory=list)  # events that could not be read

    def settings(self, run: Run) -> Settings:
        """The run's settings, knowing the user's addresses: given, else guessed."""
        if run.settings.emails or not self.emails:
            return run.settings
        return replace(run.settings, emails=self.emails)


@dataclass
class Result:
    """What a sync (or a clean) did or, with --dry-run, would do."""

    source: str
    target: str
    plans: list[InterviewPlan]
    actions: list[Action]
    dry_run: bool
    written: bool = False
    skipped: list[Skipped] = field(default_factory=list)  # source events that could not be read

    def count(self, op: str) -> int:
        return sum(1 for a in self.actions if a.op == op)


# ---- the three jobs -------------------------------------------------------------------------


def plan(source: str, run: Run) -> tuple[SourceData, list[InterviewPlan]]:
    """The interviews in `source`, their windows, chains and the next step; writes nothing."""
    google = _google(run) if source == GOOGLE else None
    data = read_source(source, run, google)
    own = data.own
    if google is not None and run.settings.target_calendar:
        # the chain's outcomes are written on the follow-ups, wherever those live
        target_id = google.resolve(run.settings.target_calendar)
        if target_id != data.calendar:
            own = google.read(target_id, time_min=run.since).own
    return data, _plans(data, run, observed={e.id: e for e in own})


def sync(source: str, target: str, run: Run, *, dry_run: bool) -> Result:
    """Bring `target` in line with the interviews in `source`."""
    with _lock(target):
        google = _google(run) if GOOGLE in (source, target) else None
        data = read_source(source, run, google)
        if google is not None and target == GOOGLE:
            return _sync_google(source, data, run, google, dry_run=dry_run)
        return _sync_ics(source, data, Path(target).expanduser(), run, dry_run=dry_run)


def clean(target: str, run: Run, *, dry_run: bool) -> Result:
    """Remove every event calsync created in `target`, and nothing else."""
    with _lock(target):
        if target == GOOGLE:
            google = _google(run)
            calendar_id = google.resolve(run.settings.target_calendar or run.settings.calendar)
            if dry_run:
                own = google.read(calendar_id, time_min=run.since).own
                actions = [Action("cancel", "made by calsync", e.id, None, e) for e in own]
                return Result(source="", target=target, plans=[], actions=actions, dry_run=True)
            removed = google.clean(calendar_id)
            actions = [
                Action("cancel", "made by calsync", str(i), None, None) for i in range(removed)
            ]
            return Result("", target, [], actions, dry_run=False, written=removed > 0)
        from calsync.adapters import ics_target

        held = ics_target.load_target(Path(target).expanduser())
        actions = [
            Action("cancel", "made by calsync", e.id, None, e)
            for e in held.events
            if e.status != "cancelled"
        ]
        written = False
        if not dry_run and actions:
            written = ics_target.write_atomically(
                held, ics_target.render(held.events, actions, now=run.now)
            )
        return Result("", target, [], actions, dry_run=dry_run, written=written)


# ---- reading --------------------------------------------------------------------------------


def read_source(source: str, run: Run, google: GoogleCalendar | None = None) -> SourceData:
    if source == GOOGLE:
        google = google or _google(run)
        calendar_id = google.resolve(run.settings.calendar)
        snapshot = google.read(calendar_id, time_min=run.since)
        events = [e for e in snapshot.events if e.start < run.until]
        log.debug(
            "read %d events and %d of calsync's from Google calendar %s (zone %s)",
            len(events),
            len(snapshot.own),
            calendar_id,
            snapshot.time_zone,
        )
        return SourceData(
            calendar=calendar_id,
            events=events,
            time_zone=snapshot.time_zone,
            own=list(snapshot.own),
            deleted_ids=snapshot.deleted_ids,
        )
    from calsync.adapters.ics_source import read_events

    # the bytes go to the reader as they arrive: it keeps only the events that can matter
    read = read_events(
        fetch.stream(source, stdin=run.stdin),
        fetch.describe(source),
        since=run.since,
        until=run.until,
        timezone=run.settings.timezone,
        system_tz=run.system_tz,
    )
    if run.progress:
        run.progress("reading", read.size, None)
    log.debug(
        "read %d events from %s (%d bytes; %d events outside the range left unread; "
        "calendar zone %s)",
        len(read.events),
        fetch.describe(source),
        read.size,
        read.left_out,
        read.time_zone or "not given",
    )
    data = SourceData(
        calendar=ICS_CALENDAR,
        events=read.events,
        time_zone=read.time_zone,
        name=read.name,
        skipped=list(read.skipped),
    )
    if not run.settings.emails:
        data.emails = guess_user_emails(
            data.events,
            run.settings.interview_words,
            run.settings.exclude_words,
            calendar_name=data.name,
        )
    return data


def _plans(
    data: SourceData, run: Run, *, observed: Mapping[str, ExistingEvent]
) -> list[InterviewPlan]:
    settings = data.settings(run)
    interviews = detect_interviews(data.events, settings)
    log.debug(
        "%d of %d events are interviews (the user: %s)",
        len(interviews),
        len(data.events),
        ", ".join(settings.emails) or "not known",
    )
    candidates = _candidate_ids(data.calendar, [i.source_id for i in interviews], settings)
    seen = dict(observed)
    # calsync's events that came back through a calendar app (which may drop X- properties):
    # recognised by the id inside their UID; their notes carry the outcomes of the calls
    for event in data.events:
        key = event.id if event.id in candidates else id_from_uid(event.uid)
        if key in candidates:
            seen[key] = _as_existing(key, event, candidates[key], seen.get(key))
    interviews = [i for i in interviews if i.source_id not in candidates]
    return plan_interviews(
        interviews,
        settings,
        source_calendar=data.calendar,
        observed=seen,
        business=BusinessDays(settings.holidays),
    )


def _candidate_ids(
    calendar: str, source_ids: Sequence[str], settings: Settings
) -> dict[str, tuple[str, str, int]]:
    """Every id calsync could have given an event of these interviews → (source, kind, n)."""
    found: dict[str, tuple[str, str, int]] = {}
    for source_id in source_ids:
        for kind, top in ((THANK_YOU, 2), (FOLLOW_UP_CALL, settings.max_calls)):
            for number in range(1, top + 1):
                found[event_id(calendar, source_id, kind, number)] = (source_id, kind, number)
    return found


def _as_existing(
    key: str,
    event: SourceEvent,
    identity: tuple[str, str, int],
    held: ExistingEvent | None,
) -> ExistingEvent:
    source_id, kind, number = identity
    if held is not None and held.description.strip() and event.description == held.description:
        return held
    return ExistingEvent.seen_in(
        event,
        id=key,
        kind=kind,
        number=number,
        source_id=source_id,
        # an app that drops X- properties drops the fingerprint too; the target's copy of the
        # same event still has it, which tells an untouched event from one with notes
        fingerprint=event.calsync_fingerprint or (held.fingerprint if held else None),
    )


def _gone(data: SourceData, held: Sequence[ExistingEvent], settings: Settings) -> dict[str, str]:
    """Why the interview behind a follow-up is no longer one, by source id."""
    own = settings.own_emails
    reasons: dict[str, str] = {}
    present = {event.id: event for event in data.events}
    for event in held:
        source = present.get(event.source_id)
        if source is None:
            reasons[event.source_id] = "its interview is no longer in the calendar"
        elif source.status == "cancelled":
            reasons[event.source_id] = "its interview was cancelled"
        elif any(
            a.response == "declined" and (a.is_self or a.email.lower() in own)
            for a in source.attendees
        ):
            reasons[event.source_id] = "you declined its interview"
        else:
            reasons[event.source_id] = "no longer planned"
    return reasons


# ---- targets --------------------------------------------------------------------------------


def _sync_ics(source: str, data: SourceData, path: Path, run: Run, *, dry_run: bool) -> Result:
    from calsync.adapters import ics_target
    from calsync.adapters.ics_memory import WrittenIds

    held = ics_target.load_target(path)
    memory = WrittenIds(_state_dir(), path)
    present = {e.id for e in held.events}
    deleted = memory.deleted(present, file_exists=held.original is not None)
    plans = _plans(data, run, observed={e.id: e for e in held.events})
    actions = _reconcile(plans, held.events, data, run, deleted_ids=deleted)
    written = False
    if not dry_run:
        # nothing to write into a file that exists: re-rendering would give the same bytes
        if held.original is None or any(a.writes for a in actions):
            rendered = ics_target.render(
                held.events, actions, now=run.now, reminder_minutes=run.settings.reminder_minutes
            )
            written = ics_target.write_atomically(held, rendered)
        memory.remember(present | {a.id for a in actions if a.op in ("create", "update")})
    return Result(
        fetch.describe(source),
        str(path),
        plans,
        actions,
        dry_run=dry_run,
        written=written,
        skipped=data.skipped,
    )


def _sync_google(
    source: str, data: SourceData, run: Run, google: GoogleCalendar, *, dry_run: bool
) -> Result:
    target_id = google.resolve(
        run.settings.target_calendar
        or (data.calendar if source == GOOGLE else run.settings.calendar)
    )
    if source == GOOGLE and target_id == data.calendar:
        held, deleted = data.own, data.deleted_ids
    else:
        snapshot = google.read(target_id, time_min=run.since)
        held, deleted = list(snapshot.own), snapshot.deleted_ids
    observed = {e.id: e for e in held}
    plans = _plans(data, run, observed=observed)
    actions = _reconcile(plans, held, data, run, deleted_ids=deleted)
    written = False
    if not dry_run and any(a.writes for a in actions):
        report = google.apply(target_id, actions, source_calendar=data.calendar)
        written = (report.created + report.updated + report.deleted) > 0
    return Result(
        fetch.describe(source),
        f"google:{target_id}",
        plans,
        actions,
        dry_run=dry_run,
        written=written,
        skipped=data.skipped,
    )


def _reconcile(
    plans: Sequence[InterviewPlan],
    held: Sequence[ExistingEvent],
    data: SourceData,
    run: Run,
    *,
    deleted_ids: frozenset[str] = frozenset(),
) -> list[Action]:
    desired = [f for p in plans for f in p.followups]
    log.debug("%d follow-ups planned; the target holds %d of calsync's", len(desired), len(held))
    return reconcile(
        desired,
        held,
        now=run.now,
        since=run.since,
        until=run.until,
        deleted_ids=deleted_ids,
        gone=_gone(data, held, data.settings(run)),
    )


def _state_dir() -> Path:
    import platformdirs

    return platformdirs.user_state_path("calsync")


def _google(run: Run) -> GoogleCalendar:
    from calsync.adapters.google.auth import load_credentials
    from calsync.adapters.google.calendar import GoogleCalendar
    from calsync.adapters.google.client import build_service

    service = build_service(load_credentials())
    return GoogleCalendar(
        service,
        state_dir=_state_dir() / "google",
        batch_size=run.settings.batch_size,
        progress=run.progress,
        reminder_minutes=run.settings.reminder_minutes,
    )


@contextmanager
def _lock(target: str) -> Iterator[None]:
    """One run per target at a time: an overlapping cron run stops instead of interleaving."""
    from filelock import FileLock, Timeout

    folder = _state_dir() / "locks"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{folder}: cannot create the lock folder ({exc.strerror})") from None
    key = target if target == GOOGLE else str(Path(target).expanduser().resolve())
    name = hashlib.sha256(key.encode()).hexdigest()[:16]
    lock = FileLock(str(folder / f"{name}.lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LockBusy(
            f"another calsync run is already writing to {target}; this one stops"
        ) from None
    try:
        yield
    finally:
        lock.release()


def today_in(zone: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(zone)).date()
