"""An event with 50,000 attendees is read with the first thousand (SPEC "Bounded work").

icalendar builds several objects for every property it parses: one interview with 50,000
ATTENDEE lines (a 2 MB file) took 600 MB. No real meeting needs more than MAX_REPEATED lines
of one property, so the first pass keeps that many of each property of each component and
leaves the rest out before icalendar sees them; the run says so in one warning per event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_REPEATED = 1000  # lines of one property in one component
SHORTEST_LINE = 8  # bytes: "X:y\r\n" and a bit; a block under MAX_REPEATED of them is fine
NAME = re.compile(rb"[A-Za-z0-9-]+")


@dataclass(frozen=True)
class Trimmed:
    """One event read in part: which property lost how many lines."""

    uid: str
    summary: str
    name: str
    dropped: int

    @property
    def problem(self) -> str:
        return (
            f"read in part: its {self.name} lines past the first {MAX_REPEATED:,} "
            f"({self.dropped:,} more) are left out"
        )


def capped(block: bytes, found: list[Trimmed]) -> bytes:
    """`block` (one unfolded VEVENT) with at most MAX_REPEATED lines of each property in each
    of its components; what was left out is added to `found`. Linear in the block's length."""
    if len(block) < MAX_REPEATED * SHORTEST_LINE or block.count(b"\n") <= MAX_REPEATED:
        return block  # too short to hold that many lines: the common case, decided in C
    kept: list[bytes] = []
    counts: list[dict[bytes, int]] = [{}]
    dropped: dict[bytes, int] = {}
    uid = summary = b""
    for line in block.splitlines(keepends=True):
        match = NAME.match(line)
        name = match.group(0).upper() if match else b""
        if name == b"BEGIN":
            counts.append({})
        elif name == b"END":
            if len(counts) > 1:
                counts.pop()
        elif name:
            if len(counts) == 2 and name in (b"UID", b"SUMMARY") and line[len(name) :][:1] == b":":
                value = line[len(name) + 1 :].strip()
                uid, summary = (value, summary) if name == b"UID" else (uid, value)
            seen = counts[-1].get(name, 0) + 1
            counts[-1][name] = seen
            if seen > MAX_REPEATED:
                dropped[name] = dropped.get(name, 0) + 1
                continue
        kept.append(line)
    if not dropped:
        return block
    for name, count in dropped.items():
        found.append(
            Trimmed(
                uid=uid.decode("utf-8", "replace") or "(no UID)",
                summary=" ".join(summary.decode("utf-8", "replace").split())[:60],
                name=name.decode("ascii"),
                dropped=count,
            )
        )
    return b"".join(kept)
