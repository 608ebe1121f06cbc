"""The one interface every backend (.ics, Google, CalDAV, Microsoft) implements.

A `Source` reads the events of one calendar in a range; a `Target` holds calsync's follow-ups and
carries out a plan of actions on them. The core never sees a backend: `calsync.app` opens a source
and a target by name through `calsync.adapters.registry` and talks to them only through these
Protocols. Adding a backend means one new module and one registry line.

Everything here is plain data or a Protocol, so importing it costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from calsync.model import Action, ExistingEvent, SourceEvent
from calsync.settings import Settings

Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class Skipped:
    """An event that could not be read; the run goes on without it (SPEC "One bad event").

    With `partly`, the event was read but part of it was left out (50,000 attendees): a
    warning all the same, never counted as a skipped event.
    """

    uid: str
    summary: str
    problem: str
    partly: bool = False  # not skipped but read in part (the problem says which part is left out)


@dataclass
class SourceRead:
    """A calendar as read for one run.

    `calendar` is the calendar's part of every follow-up id (so ids stay the same run after run);
    `own` holds calsync's own events found in the source (recognised by the backend's markers),
    `deleted_ids` the ids of calsync's events the user deleted there; `warnings` are lines about
    events that were read, but not as plainly as they were written (a zone guessed).
    """

    calendar: str
    events: list[SourceEvent]
    time_zone: str | None
    name: str | None = None
    own: list[ExistingEvent] = field(default_factory=list)
    deleted_ids: frozenset[str] = frozenset()
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Held:
    """calsync's events as a target holds them now, and the ones the user deleted there."""

    events: list[ExistingEvent]
    deleted_ids: frozenset[str] = frozenset()


@dataclass
class ApplyReport:
    """What a target actually did with a plan (which may differ from what was planned)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # deleted, or cancelled in an .ics file
    already_there: list[str] = field(default_factory=list)  # a create that found it existing
    skipped_user_deleted: list[str] = field(default_factory=list)
    skipped_user_changed: list[str] = field(default_factory=list)  # a 412: the user's version wins

    @property
    def wrote(self) -> bool:
        return bool(self.created or self.updated or self.removed)


@dataclass(frozen=True)
class Context:
    """What opening a backend may depend on: the settings, where state lives, how to report."""

    settings: Settings
    state_dir: Path
    now: datetime  # the run's "now" (stamps such as DTSTAMP use it; nothing reads the clock)
    progress: Progress | None = None
    stdin: BinaryIO | None = None
    memo: bool = True  # an unchanged source or target may be recalled instead of read again


@runtime_checkable
class Source(Protocol):
    """A calendar calsync reads interviews (and its own events, with their outcomes) from."""

    @property
    def label(self) -> str:
        """How the source is named in output and messages; never holds a secret."""
        ...

    def read(self, *, since: datetime, until: datetime) -> SourceRead:
        """The events that overlap [since, until), plus calsync's own events in the calendar."""
        ...


@runtime_checkable
class Target(Protocol):
    """A calendar calsync writes follow-ups into."""

    @property
    def label(self) -> str:
        """How the target is named in output and messages; never holds a secret."""
        ...

    @property
    def lock_key(self) -> str:
        """What two overlapping runs must not write at once (a path, a calendar URL …)."""
        ...

    def held(self, *, since: datetime) -> Held:
        """calsync's events in the target whose start is on or after `since` (or that matter)."""
        ...

    def apply(self, actions: Sequence[Action], *, source_calendar: str) -> ApplyReport:
        """Carry out the writing actions (create / update / cancel); skip "keep".

        Safe to repeat: a create that finds the event already there, an update or delete that
        finds it changed or deleted by the user, are reported, never forced. Never touches an
        event calsync did not create.
        """
        ...

    def owned(self) -> Held:
        """Every event calsync created in the target, whatever its date (for `clean`)."""
        ...
