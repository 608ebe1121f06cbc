"""Microsoft 365 and Outlook.com calendars as calsync's source and target (Microsoft Graph).

`open_source("microsoft", ctx)` and `open_target("microsoft", ctx, source=...)` are what the
registry calls. A spec may name the calendar after a colon (`microsoft:Job search`); otherwise
`--calendar` / `--target-calendar` do, and "primary" means the account's default calendar. When
source and target are the same calendar, one read serves both, so a run with nothing new costs
one delta request.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from calsync.adapters.base import ApplyReport, Context, Held, SourceRead
from calsync.adapters.microsoft.backend import OutlookCalendar, held_of
from calsync.adapters.microsoft.graph import Graph
from calsync.model import Action

__all__ = ["MicrosoftSource", "MicrosoftTarget", "open_source", "open_target"]

SCHEME = "microsoft"
Sleep = Callable[[float], None]

# how a run waits out a 429's Retry-After or a 5xx backoff (the tests record the waits instead)
wait: Sleep = time.sleep

# what this process opened, per run (context): one sign-in and one read per calendar serve the
# source and the target alike
_opened: dict[int, tuple[Context, Graph, str, dict[str, OutlookCalendar]]] = {}


def _calendar_of(spec: str, default: str) -> str:
    _, _, named = spec.partition(":")
    return named.strip() or default or "primary"


def _open(ctx: Context, calendar: str, sleep: Sleep | None) -> OutlookCalendar:
    from calsync.adapters.microsoft.auth import SignedIn

    run = _opened.get(id(ctx))
    if run is None or run[0] is not ctx:
        _opened.clear()  # one run at a time: what an earlier run read is of no use
        signed_in = SignedIn(ctx.settings.microsoft_client_id)
        graph = Graph(signed_in.token, sleep=sleep or wait, progress=ctx.progress)
        signed_in.token()  # learns the account's address (the user among attendees)
        run = (ctx, graph, signed_in.username, {})
        _opened[id(ctx)] = run
    _, graph, user, calendars = run
    if calendar not in calendars:
        opened = OutlookCalendar(
            graph,
            calendar,
            state_dir=ctx.state_dir / "microsoft",
            fallback_zone=ctx.settings.timezone or "",
            reminder_minutes=ctx.settings.reminder_minutes,
            user=user,
        )
        # a name and "primary" may be the same calendar: one object, one read
        same = next((c for c in calendars.values() if c.key == opened.key), opened)
        calendars[calendar] = same
    return calendars[calendar]


def _until(ctx: Context) -> datetime:
    day = ctx.settings.until or (ctx.now.date() + timedelta(days=365))
    return datetime.combine(day + timedelta(days=1), clock(0), ctx.now.tzinfo or ZoneInfo("UTC"))


class MicrosoftSource:
    def __init__(self, calendar: OutlookCalendar) -> None:
        self._calendar = calendar

    @property
    def label(self) -> str:
        return f"microsoft:{self._calendar.name}"

    def read(self, *, since: datetime, until: datetime) -> SourceRead:
        snapshot = self._calendar.read(since, until)
        return SourceRead(
            calendar=self._calendar.key,
            events=snapshot.events,
            time_zone=snapshot.time_zone,
            own=snapshot.own,
            deleted_ids=snapshot.deleted_ids,
            skipped=snapshot.skipped,
            warnings=snapshot.warnings,
        )


class MicrosoftTarget:
    def __init__(self, calendar: OutlookCalendar, until: datetime) -> None:
        self._calendar = calendar
        self._until = until

    @property
    def label(self) -> str:
        return f"microsoft:{self._calendar.name}"

    @property
    def lock_key(self) -> str:
        return f"microsoft:{self._calendar.base}:{self._calendar.key}"

    def held(self, *, since: datetime) -> Held:
        return held_of(self._calendar.read(since, max(self._until, since)), since)

    def apply(self, actions: Sequence[Action], *, source_calendar: str) -> ApplyReport:
        return self._calendar.apply(actions)

    def owned(self) -> Held:
        return Held(self._calendar.owned())


def open_source(spec: str, ctx: Context, *, sleep: Sleep | None = None) -> MicrosoftSource:
    """`microsoft` or `microsoft:CALENDAR` (a name or an id; default `--calendar`)."""
    return MicrosoftSource(_open(ctx, _calendar_of(spec, ctx.settings.calendar), sleep))


def open_target(
    spec: str, ctx: Context, *, source: str, sleep: Sleep | None = None
) -> MicrosoftTarget:
    """`microsoft` or `microsoft:CALENDAR`; default `--target-calendar`, else the calendar
    read when the source is Microsoft too, else `--calendar`."""
    default = ctx.settings.target_calendar
    if not default and source.split(":", 1)[0] == SCHEME:
        default = _calendar_of(source, ctx.settings.calendar)
    return MicrosoftTarget(
        _open(ctx, _calendar_of(spec, default or ctx.settings.calendar), sleep), _until(ctx)
    )
