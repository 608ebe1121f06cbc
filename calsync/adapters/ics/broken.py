"""The components of a calendar, other than events, that cannot be read: left out alone.

icalendar refuses a whole file for one broken VTIMEZONE, to-do, journal entry or free/busy
block (a to-do's `DTSTART:-0011130T100000`, a FREEBUSY period whose end is before its start).
calsync reads events only; such a component costs only itself, like a broken event: a broken
zone costs the events in it (they are reported one by one), any other is reported by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import icalendar

from calsync.adapters.base import Skipped

# the kinds tried one by one after a failed parse; a VEVENT's own errors are kept by icalendar
KINDS = {
    "VTIMEZONE": "time zone",
    "VTODO": "to-do",
    "VJOURNAL": "journal entry",
    "VFREEBUSY": "free/busy block",
    "VAVAILABILITY": "availability block",
}
BEGIN = re.compile(r"^BEGIN:(" + "|".join(KINDS) + r")[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)


@dataclass
class Without:
    """`text` without its unreadable components; broken zones by TZID, the others as skipped."""

    text: str
    zones: dict[str, str] = field(default_factory=dict)  # TZID → problem
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.zones or self.skipped)


def without_broken(text: str) -> Without:
    """Each component of KINDS parsed alone (linear: each is read once); broken ones left out."""
    result = Without(text="")
    kept: list[str] = []
    upper = text.upper()
    position = 0
    for match in BEGIN.finditer(text):
        begin = match.start()
        if begin < position:
            continue  # inside a component already handled
        kind = match.group(1).upper()
        end = upper.find(f"END:{kind}", begin)
        if end < 0:
            break
        end = upper.find("\n", end)
        end = len(text) if end < 0 else end + 1
        block = text[begin:end]
        kept.append(text[position:begin])
        problem = _problem(block, kind)
        if problem is None:
            kept.append(block)
        elif kind == "VTIMEZONE":
            result.zones[_line(block, "TZID") or "?"] = problem
        else:
            result.skipped.append(
                Skipped(
                    uid=_line(block, "UID") or "(no UID)",
                    summary=" ".join(_line(block, "SUMMARY").split())[:60],
                    problem=f"a {KINDS[kind]} that cannot be read ({problem})",
                )
            )
        position = end
    kept.append(text[position:])
    result.text = "".join(kept)
    return result


def detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


def _problem(block: str, kind: str) -> str | None:
    wrapped = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{block.rstrip()}\r\nEND:VCALENDAR\r\n"
    try:
        calendar = icalendar.Calendar.from_ical(wrapped)
        zone: Any
        for zone in calendar.walk("VTIMEZONE") if kind == "VTIMEZONE" else ():
            zone.to_tz()
    except Exception as exc:  # dateutil and icalendar raise many kinds on a broken component
        return detail(exc)[:120]
    return None


def _line(block: str, name: str) -> str:
    """The value of the first `name` line of `block` (its parameters skipped), or ""."""
    for line in block.splitlines():
        head = line[: len(name) + 1].upper()
        if head in (f"{name}:", f"{name};"):
            return line.partition(":")[2].strip()
    return ""
