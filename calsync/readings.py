"""What calsync read from each event, kept between runs so an unchanged event is not read again.

Detecting an interview, extracting its company, role and people, and inferring its follow-up
window are pure functions of the event's content, the settings that affect them and calsync's
version. Their results are kept in the state folder (`calsync.adapters.memo`, whose header names
the version) under a hash of exactly those, one memo per source; planning and reconciliation,
which depend on "now" and on what the target holds, run on them as they always do.

A run keeps only the entries it used, so the memo holds one calendar's worth and no more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import TypeVar

from calsync.adapters.memo import Memo, digest
from calsync.core.detect import detect_interviews
from calsync.model import Interview, SourceEvent, Window
from calsync.settings import Settings

log = logging.getLogger("calsync")

T = TypeVar("T")

KIND = "readings"

# Settings that only say where to read or how to write: they change no reading of an event.
# Every other field (a new one too) is part of the key, so a setting never goes unnoticed.
_NOT_READING = frozenset(
    {
        "calendar",
        "target_calendar",
        "since",
        "until",
        "call_time",
        "max_calls",
        "batch_size",
        "reminder_minutes",
        "microsoft_client_id",
        "caldav_user",
        "caldav_password_command",
    }
)


def reading_settings(settings: Settings) -> str:
    """A hash of the settings that can change how an event is read."""
    return digest(
        *(
            (f.name, getattr(settings, f.name))
            for f in fields(settings)
            if f.name not in _NOT_READING
        )
    )


class Readings:
    """The readings of one source: what earlier runs found, and what this run found."""

    def __init__(self, memo: Memo | None, source: str) -> None:
        self._memo = memo
        self._source = source
        kept = memo.load(KIND, source) if memo is not None else None
        self._before: dict[str, object] = kept if isinstance(kept, dict) else {}
        self._now: dict[str, object] = {}
        self._events: dict[int, tuple[SourceEvent, str]] = {}  # id() → the event and its hash
        self.reused = 0  # readings found in the memo (or earlier in this run)
        self.made = 0  # readings computed

    def calendar(self, events: Sequence[SourceEvent]) -> str:
        """A hash of every event's content, in order: what a reading of the whole calendar
        (the user's addresses and name, the look-alikes) depends on besides the settings."""
        return digest(*(self._event_key(e) for e in events))

    def recall(self, name: str, key: str, compute: Callable[[], T], kind: type[T]) -> T:
        """A reading of the whole calendar kept under `key` (its inputs' hash), else `compute`."""
        entry = digest(name, key)
        found, kept = self._kept(entry)
        if found and isinstance(kept, kind):
            self.reused += 1
            value: T = kept
        else:
            self.made += 1
            value = compute()
        self._now[entry] = value
        return value

    def _kept(self, key: str) -> tuple[bool, object]:
        if key in self._now:
            return True, self._now[key]
        if key in self._before:
            return True, self._before[key]
        return False, None

    def interviews(self, events: Sequence[SourceEvent], settings: Settings) -> list[Interview]:
        """`detect_interviews`, one event at a time, reusing what an earlier run found."""
        context = reading_settings(settings)
        found: list[Interview] = []
        for event in events:
            key = digest("event", context, self._event_key(event))
            found_before, reading = self._kept(key)
            if found_before and _is_reading(reading, Interview):
                self.reused += 1
            else:
                self.made += 1
                reading = next(iter(detect_interviews([event], settings)), None)
            self._now[key] = reading
            if isinstance(reading, Interview):
                found.append(reading)
        found.sort(key=lambda i: (i.start, i.source_id))
        return found

    def window_reader(
        self, settings: Settings
    ) -> Callable[[Interview, Callable[[], Window]], Window]:
        """The follow-up window of an interview: `infer` runs only for notes not read before."""
        context = reading_settings(settings)

        def window(interview: Interview, infer: Callable[[], Window]) -> Window:
            key = digest("window", context, interview.notes, interview.local_date)
            _, kept = self._kept(key)
            if isinstance(kept, Window):
                self.reused += 1
                result = kept
            else:
                self.made += 1
                result = infer()
            self._now[key] = result
            return result

        return window

    def _event_key(self, event: SourceEvent) -> str:
        known = self._events.get(id(event))
        if known is None or known[0] is not event:
            known = (event, digest(event))
            self._events[id(event)] = known
        return known[1]

    def save(self) -> None:
        """Keep this run's readings for the next one (nothing is written when none changed)."""
        if self._memo is not None and self._now != self._before:
            self._memo.save(KIND, self._source, self._now)
        log.debug("%d readings reused, %d made", self.reused, self.made)


def _is_reading(value: object, kind: type) -> bool:
    """A stored reading is an Interview (or a Window), or None for "not an interview"."""
    return value is None or isinstance(value, kind)
