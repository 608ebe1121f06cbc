"""iCalendar files, stdin and published URLs as a source; an .ics file (or stdout) as a target.

The registry imports this package only when a source or target names a file, `-` or a URL.
"""

from __future__ import annotations

from calsync.adapters.base import Context
from calsync.adapters.ics.backend import IcsSource, IcsTarget
from calsync.adapters.ics.stdout import StdoutTarget


def open_source(spec: str, ctx: Context) -> IcsSource:
    return IcsSource(spec, ctx)


def open_target(spec: str, ctx: Context, *, source: str) -> IcsTarget | StdoutTarget:
    if spec == "-":
        return StdoutTarget(ctx)  # `--to -`: the calendar on standard output
    return IcsTarget(spec, ctx)


__all__ = ["IcsSource", "IcsTarget", "StdoutTarget", "open_source", "open_target"]
