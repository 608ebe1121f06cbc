"""`--to -`: the calendar of follow-ups written to standard output, for a pipe or a redirect.

Standard output has no previous content to read back, so there is nothing to keep, update or
remember as deleted: every run writes the whole calendar of follow-ups afresh.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import BinaryIO

from calsync.adapters.base import ApplyReport, Context, Held
from calsync.adapters.ics import target as ics_target
from calsync.model import Action

LABEL = "<stdout>"


class StdoutTarget:
    """Writes the rendered calendar to standard output once, when the plan is applied."""

    def __init__(self, ctx: Context, stream: BinaryIO | None = None) -> None:
        self._ctx = ctx
        self._stream = stream

    @property
    def label(self) -> str:
        return LABEL

    @property
    def lock_key(self) -> str:
        # two runs piping to two places share nothing: each has its own key
        return f"{LABEL}:{os.getpid()}"

    def held(self, *, since: datetime) -> Held:
        return Held(events=[])

    def owned(self) -> Held:
        return Held(events=[])

    def apply(self, actions: Sequence[Action], *, source_calendar: str) -> ApplyReport:
        rendered = ics_target.render(
            [],
            actions,
            now=self._ctx.now,
            reminder_minutes=self._ctx.settings.reminder_minutes,
        )
        stream = self._stream if self._stream is not None else sys.stdout.buffer
        stream.write(rendered)
        stream.flush()
        report = ApplyReport()
        report.created.extend(a.id for a in actions if a.op == "create")
        return report
