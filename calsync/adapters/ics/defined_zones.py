"""Zones a file defines itself (a VTIMEZONE named `US-Eastern`), made as quick as IANA zones.

icalendar turns such a VTIMEZONE into a dateutil zone, which finds the offset of a moment by
walking each of its rules (a change every spring and autumn) from the rule's first year, again
for every moment asked: a long series in such a zone took time growing with the square of its
occurrences (60 s for 1990–2040, against 3 s in `America/New_York`). Here each rule's changes
are listed once, up to a far year, and looked up by bisection, and each moment's answer is
remembered: the same answers, each in a few steps. The IANA zone behind such a zone (for the
name a follow-up is planned in) is found once per zone, not once per year of a series.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LAST_YEAR = 2200  # changes after this year are asked of the rule itself, as before
MAX_CHANGES = 2000  # a rule changing more often than this is not a time zone: left as it is
MAX_ANSWERS = 100_000  # moments remembered per zone, then forgotten all at once


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
        _remember_answers(zone)
        for part in parts:
            rule = getattr(part, "rrule", None)
            if rule is None or isinstance(rule, _Changes):
                continue
            changes = _list(rule)
            if changes is not None:
                part.rrule = _Changes(rule, changes)


def _remember_answers(zone: Any) -> None:
    """Each moment's part of the zone (standard or daylight time) worked out once: a series
    asks about the same moments again and again while it is expanded and compared."""
    find = getattr(zone, "_find_comp", None)
    fold = getattr(zone, "_fold", None)
    if find is None or fold is None or getattr(find, "remembers", False):
        return
    answers: dict[tuple[datetime, int], Any] = {}

    def remembered(moment: datetime) -> Any:
        key = (moment.replace(tzinfo=None), fold(moment))
        found = answers.get(key)
        if found is None:
            if len(answers) >= MAX_ANSWERS:
                answers.clear()
            found = answers[key] = find(moment)
        return found

    remembered.remembers = True  # type: ignore[attr-defined]
    zone._find_comp = remembered


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


def iana_behind(
    name: str, samples: tuple[datetime, ...], scan: Callable[[tuple[datetime, ...]], str | None]
) -> str | None:
    """The IANA zone with the offsets of `samples` (moments through one year in the zone the
    file defines as `name`): the zone's answer for an earlier year if it still fits, else one
    spelled like `name` (`US-Eastern` is `US/Eastern`), else what `scan` finds (all IANA zones,
    a tenth of a second: once per zone, not once per year of a long series)."""
    zone = samples[0].tzinfo
    offsets = [s.utcoffset() for s in samples]
    candidates = [getattr(zone, "_calsync_iana", None), *_spelled_like(name)]
    for candidate in candidates:
        if candidate and _offsets_in(candidate, samples) == offsets:
            found: str | None = candidate
            break
    else:
        found = scan(samples)
    if found is not None:
        with contextlib.suppress(AttributeError, TypeError):
            zone._calsync_iana = found  # type: ignore[union-attr]
    return found


def _spelled_like(name: str) -> list[str]:
    """IANA names `name` may stand for: dashes for slashes (`America-Chicago`)."""
    tail = name.rstrip("/").rsplit("/", 1)[-1] if name.startswith("/") else name  # /mozilla.org/…
    found: list[str] = []
    for spelling in (tail.replace("-", "/"), tail.replace("-", "/", 1)):
        if spelling != name and spelling not in found and _is_iana(spelling):
            found.append(spelling)
    return found


def _is_iana(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _offsets_in(name: str, samples: tuple[datetime, ...]) -> list[Any]:
    zone = ZoneInfo(name)
    return [s.astimezone(zone).utcoffset() for s in samples]
