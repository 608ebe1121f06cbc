"""Google Calendar behind the Source / Target interface.

Source and target of one run share one `GoogleCalendar` and the snapshots it read: when both
are the same calendar, the target's events are the ones the source read, so a run with no change
stays one request.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from datetime import datetime

from calsync.adapters.base import ApplyReport, Context, Held, SourceRead
from calsync.adapters.google.calendar import CalendarSnapshot, GoogleCalendar
from calsync.model import Action

NAME = "google"


class _Session:
    """One account's calendar client for one run, and what it read."""

    def __init__(self, ctx: Context) -> None:
        # not the context itself: the session lives as long as the context does, no longer
        self._settings, self._state_dir, self._progress = ctx.settings, ctx.state_dir, ctx.progress
        self._calendar: GoogleCalendar | None = None
        self._ids: dict[str, str] = {}
        self._refreshed: set[tuple[str, datetime]] = set()
        self._snapshots: dict[tuple[str, datetime, datetime | None, bool], CalendarSnapshot] = {}

    @property
    def calendar(self) -> GoogleCalendar:
        """The client, built on first use: opening a source or target (to take the run's lock
        first) costs nothing, and a run that fails before reading never loads credentials."""
        if self._calendar is None:
            from calsync.adapters.google.auth import load_credentials
            from calsync.adapters.google.client import build_service

            self._calendar = GoogleCalendar(
                build_service(load_credentials()),
                state_dir=self._state_dir / "google",
                batch_size=self._settings.batch_size,
                progress=self._progress,
                reminder_minutes=self._settings.reminder_minutes,
            )
        return self._calendar

    def resolve(self, calendar: str) -> str:
        if calendar not in self._ids:
            self._ids[calendar] = self.calendar.resolve(calendar)
        return self._ids[calendar]

    def snapshot(
        self, calendar_id: str, since: datetime, until: datetime | None, *, with_events: bool
    ) -> CalendarSnapshot:
        """The calendar refreshed once per run; then only the part asked for is rebuilt."""
        if (calendar_id, since) not in self._refreshed:
            self.calendar.refresh(calendar_id, time_min=since)
            self._refreshed.add((calendar_id, since))
        key = (calendar_id, since, until, with_events)
        if not with_events:  # calsync's own events only: any snapshot of the run has them all
            key = next((k for k in self._snapshots if k[:2] == key[:2]), key)
        if key not in self._snapshots:
            self._snapshots[key] = self.calendar.stored(
                calendar_id, until=until, with_events=with_events
            )
        return self._snapshots[key]

    def forget(self, calendar_id: str) -> None:
        """After a write the calendar changed: a later read asks Google again."""
        self._refreshed = {k for k in self._refreshed if k[0] != calendar_id}
        for key in [k for k in self._snapshots if k[0] == calendar_id]:
            del self._snapshots[key]


_SESSIONS: dict[int, _Session] = {}


def _session(ctx: Context) -> _Session:
    """The session of this run's context (source and target are opened with the same one).

    Keyed by identity, not by value (a context need not be hashable), and dropped when the
    context is.
    """
    found = _SESSIONS.get(id(ctx))
    if found is None:
        found = _SESSIONS[id(ctx)] = _Session(ctx)
        weakref.finalize(ctx, _SESSIONS.pop, id(ctx), None)
    return found


class GoogleSource:
    """The calendar named by `--calendar` (default primary), read incrementally."""

    def __init__(self, ctx: Context) -> None:
        self._session = _session(ctx)
        self._calendar = ctx.settings.calendar

    @property
    def label(self) -> str:
        return NAME

    def read(self, *, since: datetime, until: datetime) -> SourceRead:
        calendar_id = self._session.resolve(self._calendar)
        snapshot = self._session.snapshot(calendar_id, since, until, with_events=True)
        return SourceRead(
            calendar=calendar_id,
            events=[e for e in snapshot.events if e.start < until],
            time_zone=snapshot.time_zone,
            own=list(snapshot.own),
            deleted_ids=snapshot.deleted_ids,
        )


class GoogleTarget:
    """The calendar named by `--target-calendar`, else the one read."""

    def __init__(self, ctx: Context) -> None:
        self._session = _session(ctx)
        self._calendar = ctx.settings.target_calendar or ctx.settings.calendar

    @property
    def calendar_id(self) -> str:
        return self._session.resolve(self._calendar)

    @property
    def label(self) -> str:
        return f"{NAME}:{self.calendar_id}"

    @property
    def lock_key(self) -> str:
        return NAME  # one account: runs into any of its calendars take turns

    def held(self, *, since: datetime) -> Held:
        snapshot = self._session.snapshot(self.calendar_id, since, None, with_events=False)
        return Held(events=list(snapshot.own), deleted_ids=snapshot.deleted_ids)

    def owned(self) -> Held:
        return Held(events=self._session.calendar.owned(self.calendar_id))

    def apply(self, actions: Sequence[Action], *, source_calendar: str) -> ApplyReport:
        report = ApplyReport()
        if not any(a.writes for a in actions):
            return report
        calendar_id = self.calendar_id
        done = self._session.calendar.apply(calendar_id, actions, source_calendar=source_calendar)
        self._session.forget(calendar_id)
        for outcome, event_id in done.outcomes:
            getattr(report, outcome).append(event_id)
        return report


def open_source(spec: str, ctx: Context) -> GoogleSource:
    return GoogleSource(ctx)


def open_target(spec: str, ctx: Context, *, source: str) -> GoogleTarget:
    return GoogleTarget(ctx)
