"""One run of calsync: source → core → target, with "now" and the settings passed in.

This module knows the jobs (plan, sync, clean) and nothing of any backend: sources and targets
are opened by name through `calsync.adapters.registry` and used only through the Protocols of
`calsync.adapters.base`. Backends are imported only when a run names them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from calsync import lock
from calsync.adapters import registry
from calsync.adapters.base import ApplyReport, Context, Skipped, SourceRead
from calsync.adapters.memo import Memo, digest
from calsync.budget import time_budget
from calsync.core.dates import BusinessDays
from calsync.core.free_slots import busy_times
from calsync.core.gone import why_gone
from calsync.core.holiday_country import HolidayChoice, choose_holidays
from calsync.core.identity import id_from_uid
from calsync.core.language_choice import reading_languages, writing_language
from calsync.core.lookalikes import NotInterview, not_interviews
from calsync.core.ownership import is_calsync
from calsync.core.plan import InterviewPlan, plan_interviews, superseded_reasons
from calsync.core.reconcile import reconcile
from calsync.core.returned import candidate_ids, with_returned
from calsync.core.user import guess_user_emails, with_user
from calsync.errors import SyncError
from calsync.model import Action, ExistingEvent, SourceEvent
from calsync.readings import Readings
from calsync.settings import Settings
from calsync.zone_countries import zone_countries

log = logging.getLogger("calsync")

Progress = Callable[[str, int, int | None], None]
CLEAN_REASON = "made by calsync"


class EmptySource(SyncError):
    """The source read with no events at all: likely a glitch, so nothing is removed."""


@dataclass(frozen=True)
class Run:
    """What a run depends on besides its source and target."""

    settings: Settings
    now: datetime
    system_tz: str
    system_locale: str = ""  # "de_DE.UTF-8": one of the languages read by default
    progress: Progress | None = None
    stdin: BinaryIO | None = None
    allow_empty_source: bool = False
    memo: bool = True  # keep readings and unchanged sources between runs (the state folder)

    @property
    def since(self) -> datetime:
        day = self.settings.since or (self.now.date() - timedelta(days=30))
        return datetime.combine(day, time(0), ZoneInfo(self.system_tz))

    @property
    def until(self) -> datetime:
        """The end of the range read: the whole of the --until day is in it."""
        day = self.settings.until or (self.now.date() + timedelta(days=365))
        return datetime.combine(day + timedelta(days=1), time(0), ZoneInfo(self.system_tz))

    def context(self) -> Context:
        return Context(
            settings=self.settings,
            state_dir=_state_dir(),
            now=self.now,
            progress=self.progress,
            stdin=self.stdin,
            memo=self.memo,
        )


@dataclass
class Result:
    """What a sync (or a clean) did or, with --dry-run, would do."""

    source: str
    target: str
    plans: list[InterviewPlan]
    actions: list[Action]
    dry_run: bool
    written: bool = False
    skipped: list[Skipped] = field(default_factory=list)
    applied: ApplyReport | None = None  # what the target did (None: nothing was applied)
    warnings: list[str] = field(default_factory=list)  # events read with a guessed zone

    def count(self, op: str) -> int:
        return sum(1 for a in self.actions if a.op == op)


# ---- the three jobs -------------------------------------------------------------------------


@dataclass
class Planned:
    """What `plan` found: the source as read (and named), and a plan per interview."""

    source: str
    read: SourceRead
    plans: list[InterviewPlan]
    business: str = ""  # whose public holidays are not business days, and why
    not_interviews: list[NotInterview] = field(default_factory=list)  # look-alikes, and why
    language: str = "en"  # the language calsync writes in (plan's text too)


def plan(source: str, run: Run, *, target: str | None = None) -> Planned:
    """The interviews in `source`, their windows, chains and the next step; writes nothing."""
    with time_budget(run.settings.run_timeout):
        return _plan(source, run, target=target)


def sync(source: str, target: str, run: Run, *, dry_run: bool) -> Result:
    """Bring `target` in line with the interviews in `source`."""
    with time_budget(run.settings.run_timeout):
        return _sync(source, target, run, dry_run=dry_run)


def clean(target: str, run: Run, *, dry_run: bool, source: str = "") -> Result:
    """Remove every event calsync created in `target`, and nothing else: a plan of cancels."""
    with time_budget(run.settings.run_timeout):
        return _clean(target, run, dry_run=dry_run, source=source)


def _plan(source: str, run: Run, *, target: str | None = None) -> Planned:
    """The interviews in `source`, their windows, chains and the next step; writes nothing.

    With a `target`, the outcomes are read from calsync's events there (where the user types
    them); without one, from calsync's events found in the source.
    """
    ctx = run.context()
    opened = registry.open_source(source, ctx)
    read = opened.read(since=run.since, until=run.until)
    own = read.own
    if target is not None:
        own = registry.open_target(target, ctx, source=source).held(since=run.since).events
    plans, lookalikes, _ = _judged(read, run, observed={e.id: e for e in own}, label=opened.label)
    choice = holidays(read, run)
    return Planned(
        opened.label,
        read,
        plans,
        business=choice.line,
        not_interviews=lookalikes,
        language=writing_language(run.settings.language, choice.country),
    )


def _sync(source: str, target: str, run: Run, *, dry_run: bool) -> Result:
    ctx = run.context()
    opened_source = registry.open_source(source, ctx)
    opened = registry.open_target(target, ctx, source=source)
    with _lock(opened.lock_key, run, lambda: opened.label):
        read = opened_source.read(since=run.since, until=run.until)
        held = opened.held(since=run.since)
        plans, lookalikes, settings = _judged(
            read, run, observed={e.id: e for e in held.events}, label=opened_source.label
        )
        for item in lookalikes:
            log.debug(
                "not an interview: %s %s (%s)", item.start.isoformat(), item.title, item.reason
            )
        actions = _reconcile(
            plans, held.events, read, run, settings=settings, deleted_ids=held.deleted_ids
        )
        glitch = _looks_glitched(read, actions, run.now)
        if glitch and not run.allow_empty_source:
            raise EmptySource(
                f"{opened_source.label}: {glitch} from {run.since.date()} to "
                f"{(run.until - timedelta(days=1)).date()}; nothing written, since removing "
                "every follow-up on a glitch would be worse (run with --allow-empty-source "
                "if the calendar really is empty)"
            )
        applied = None
        if not dry_run:
            applied = opened.apply(actions, source_calendar=read.calendar)
        return Result(
            opened_source.label,
            opened.label,
            plans,
            actions,
            dry_run=dry_run,
            written=applied is not None and applied.wrote,
            skipped=list(read.skipped),
            applied=applied,
            warnings=list(read.warnings),
        )


def _looks_glitched(read: SourceRead, actions: Sequence[Action], now: datetime) -> str:
    """What makes this read look like a glitch (SPEC "Empty source guard"), or "" if nothing.

    A source with none of the user's events in the range (calsync's own do not count: with
    source and target the same calendar they stay when everything else is gone) reads like a
    published address that glitched or the wrong file. Removing future follow-ups on such a
    read does harm a later good read cannot undo (the user's notes on them are gone), so the
    run stops before it writes anything. With nothing to remove, nothing is at risk.
    """
    if any(not is_calsync(uid=e.uid, kind=e.calsync_kind) for e in read.events):
        return ""
    if not any(_removes_future(action, now) for action in actions):
        return ""
    count = sum(1 for item in read.skipped if not item.partly)
    if count:
        return f"{count} event{'s' if count != 1 else ''}, all skipped as unreadable,"
    return "no events at all"


def _removes_future(action: Action, now: datetime) -> bool:
    existing = action.existing
    return action.op == "cancel" and existing is not None and existing.start > now


def _clean(target: str, run: Run, *, dry_run: bool, source: str = "") -> Result:
    ctx = run.context()
    opened = registry.open_target(target, ctx, source=source)
    with _lock(opened.lock_key, run, lambda: opened.label):
        owned = opened.owned().events
        actions = [Action("cancel", CLEAN_REASON, e.id, None, e) for e in owned]
        applied = None
        if not dry_run and actions:
            applied = opened.apply(actions, source_calendar="")
        written = applied is not None and applied.wrote
        return Result(
            "", opened.label, [], actions, dry_run=dry_run, written=written, applied=applied
        )


# ---- the core, fed --------------------------------------------------------------------------


def holidays(read: SourceRead, run: Run) -> HolidayChoice:
    """Whose public holidays are not business days, and why (`plan` says it)."""
    zone = read.time_zone or run.settings.timezone
    return choose_holidays(run.settings.holidays, zone, run.system_tz, zone_countries())


def _settings(read: SourceRead, run: Run, readings: Readings | None = None) -> Settings:
    """The run's settings completed from the calendar: the user's addresses (given, else
    guessed; a source that marks the user itself, like Google's `self`, needs no guess), the
    user's name, the holiday country, and the languages read and written (the configured ones,
    else those of the calendar's country and the system locale). With `readings`, a calendar
    read before with the same settings is not read again for them.
    """
    if readings is not None:
        key = digest(
            readings.calendar(read.events),
            read.name,
            read.time_zone,
            run.settings,
            run.system_locale,
        )
        return readings.recall(
            "settings", f"{key}{run.system_tz}", lambda: _settings(read, run), Settings
        )
    country = holidays(read, run).country
    settings = replace(
        run.settings,
        languages=reading_languages(run.settings.languages, country, run.system_locale),
        language=writing_language(run.settings.language, country),
    )
    if not settings.emails and not any(a.is_self for e in read.events for a in e.attendees):
        guessed = guess_user_emails(
            read.events,
            settings.interview_words,
            settings.exclude_words,
            calendar_name=read.name,
            languages=settings.languages or (),
        )
        if guessed:
            settings = replace(settings, emails=guessed)
    return with_user(settings, read.events, holidays=country)


def _judged(
    read: SourceRead, run: Run, *, observed: Mapping[str, ExistingEvent], label: str
) -> tuple[list[InterviewPlan], list[NotInterview], Settings]:
    """The plan of every interview, and the look-alikes passed over with their reasons.

    Detection and window inference reuse what earlier runs read from the same events
    (`calsync.readings`); planning runs on them afresh, since it depends on "now".
    """
    memo = Memo(_state_dir()) if run.memo else None
    readings = Readings(memo, f"{read.calendar}\x1f{label}")
    settings = _settings(read, run, readings)
    interviews = readings.interviews(read.events, settings)
    log.debug(
        "%d of %d events are interviews (the user: %s)",
        len(interviews),
        len(read.events),
        ", ".join(settings.emails) or "not known",
    )
    candidates = candidate_ids(read.calendar, [i.source_id for i in interviews], settings)
    seen = with_returned(read.events, candidates, observed)
    returned = frozenset(i.source_id for i in interviews if i.source_id in candidates)
    interviews = [i for i in interviews if i.source_id not in candidates]
    plans = plan_interviews(
        interviews,
        settings,
        source_calendar=read.calendar,
        observed=seen,
        business=BusinessDays(settings.holidays),
        busy=busy_times(
            (e for e in read.events if not _ours(e, candidates, seen)),
            settings.own_emails,
        ),
        user_zone=read.time_zone or settings.timezone,  # the calendar's zone is where the user is
        window_of=readings.window_reader(settings),
    )
    lookalikes = readings.recall(
        "look-alikes",
        digest(readings.calendar(read.events), settings, sorted(returned), read.own),
        lambda: not_interviews(read.events, settings, own_ids=returned, own=read.own),
        list,
    )
    readings.save()
    return plans, lookalikes, settings


def _ours(event: SourceEvent, *known: Mapping[str, object]) -> bool:
    """An event of calsync's that came back in the source, by id or by UID alone."""
    return any(key in ids for key in (event.id, id_from_uid(event.uid)) for ids in known)


def _reconcile(
    plans: Sequence[InterviewPlan],
    held: Sequence[ExistingEvent],
    read: SourceRead,
    run: Run,
    *,
    settings: Settings,
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
        gone={
            **why_gone(read.events, held, settings.own_emails),
            **superseded_reasons(plans),
        },
    )


# ---- the machine ----------------------------------------------------------------------------


def _state_dir() -> Path:
    import platformdirs

    return platformdirs.user_state_path("calsync")


@contextmanager
def _lock(key: str, run: Run, label: Callable[[], str] | None = None) -> Iterator[None]:
    """One run per target at a time (`calsync.lock`), within the run's time budget."""
    with lock.held(
        _state_dir() / "locks", key, now=run.now, budget=run.settings.run_timeout, label=label
    ):
        yield


def today_in(zone: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(zone)).date()
