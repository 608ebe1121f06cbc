"""The one place that turns a source or target name into a backend.

Each backend is a module with `open_source(spec, ctx)` and `open_target(spec, ctx, *, source)`;
it is imported only when a run names it, so `calsync --help` loads none of them. A new backend
is one line in `_BACKENDS` (or in `_PREFIXES` when it is chosen by a URL scheme).
"""

from __future__ import annotations

import importlib
from typing import Any

from calsync.adapters.base import Context, Source, Target
from calsync.errors import UsageError

_BACKENDS = {
    "google": "calsync.adapters.google.backend",
    "microsoft": "calsync.adapters.microsoft",
}
_PREFIXES = {
    "microsoft:": "calsync.adapters.microsoft",  # microsoft:CALENDAR
    "caldav+http://": "calsync.adapters.caldav",
    "caldav+https://": "calsync.adapters.caldav",
}
_FILES = "calsync.adapters.ics"  # a path, `-`, or an http(s):// / webcal:// address


def module_for(spec: str) -> str:
    """The module of the backend `spec` names.

    >>> module_for("google"), module_for("caldav+https://dav.example.com/cal/")
    ('calsync.adapters.google.backend', 'calsync.adapters.caldav')
    >>> module_for("followups.ics")
    'calsync.adapters.ics'
    """
    if spec in _BACKENDS:
        return _BACKENDS[spec]
    lowered = spec.lower()
    for prefix, module in _PREFIXES.items():
        if lowered.startswith(prefix):
            return module
    return _FILES


def _backend(spec: str) -> Any:
    name = module_for(spec)
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (name == exc.name or name.startswith(exc.name + ".")):
            shown = spec.split("://", 1)[0]
            raise UsageError(
                f"{shown}: this calsync has no backend for it (module {name} is missing)"
            ) from None
        raise


def open_source(spec: str, ctx: Context) -> Source:
    """The source `spec` names (`google`, `microsoft[:CALENDAR]`, a file, `-`, a URL,
    `caldav+https://…`)."""
    source: Source = _backend(spec).open_source(spec, ctx)
    return source


def open_target(spec: str, ctx: Context, *, source: str) -> Target:
    """The target `spec` names; `source` lets a backend default to the calendar read."""
    target: Target = _backend(spec).open_target(spec, ctx, source=source)
    return target
