"""Zones a file defines itself (a VTIMEZONE named `US-Eastern`), made as quick as IANA zones.

icalendar turns such a VTIMEZONE into a dateutil zone, which finds the offset of a moment by
walking each of its rules (a change every spring and autumn) from the rule's first year, again
for every moment asked: a long series in such a zone took time growing with the square of its
occurrences (60 s for 1990–2040, against 3 s in `America/New_York`). Here each rule's changes
are listed once, up to a far year, and looked up by bisection: the same answers, each in
a few steps.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import datetime
from typing import Any

LAST_YEAR = 2200  # changes after this year are asked of the rule itself, as before
MAX_CHANGES = 2000  # a rule changing more often than this is not a time zone: left as it is


class _Changes:
    """One rule's changes, listed once; answers `before` as dateutil's rrule does."""

    def __init__(self, rule: Any, changes: list[datetime]) -> None:
        self.rule = rule
        self.changes = changes
        self.end = datetime(LAST_YEAR, 12, 31)

    def before(self, moment: datetime, inc: bool = False) -> datetime | None:
        if moment > self.end:
            found: datetime | None = self.rule.before(moment, inc=inc)
            return found
        index = (bisect.bisect_right if inc else bisect.bisect_left)(self.changes, moment)
        return self.changes[index - 1] if index else None


def speed_up(zones: Iterable[Any]) -> None:
    """List the changes of each zone in `zones` that was built from a VTIMEZONE (others, and
    rules that cannot be listed, are left as they are)."""
    seen: set[int] = set()
    for zone in zones:
        parts = getattr(zone, "_comps", None)  # dateutil's zone built from a VTIMEZONE
        if id(zone) in seen or not isinstance(parts, list):
            continue
        seen.add(id(zone))
        for part in parts:
            rule = getattr(part, "rrule", None)
            if rule is None or isinstance(rule, _Changes):
                continue
            changes = _list(rule)
            if changes is not None:
                part.rrule = _Changes(rule, changes)


def _list(rule: Any) -> list[datetime] | None:
    changes: list[datetime] = []
    try:
        for moment in rule:
            if moment.year > LAST_YEAR:
                break
            if len(changes) >= MAX_CHANGES or moment.tzinfo is not None:
                return None
            changes.append(moment)
    except (ValueError, TypeError, OverflowError):
        return None
    return changes


def zones_of(components: Iterable[Any]) -> list[Any]:
    """The zones the times of `components` are in."""
    found: list[Any] = []
    for component in components:
        for key in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            prop = component.get(key)
            value = getattr(prop, "dt", None)
            zone = getattr(value, "tzinfo", None)
            if zone is not None:
                found.append(zone)
    return found
