"""The skipped-event warnings a `--quiet` run has printed already (SPEC "One bad event").

An hourly cron job mails whatever a run prints: the same "skipped event" line every hour, for
as long as the event exists, teaches the user to ignore calsync's mail. Under `--quiet` a
warning is printed the first time the event is skipped, and again only when its problem
changes (or after a run in which it was not skipped); without `--quiet` every run prints it.
What was printed is kept in the state folder as digests: no path, address or title in clear.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from calsync.adapters.base import Skipped

FILE = "warned.json"


def to_print(
    state_dir: Path, source: str, skipped: Sequence[Skipped], *, quiet: bool
) -> list[Skipped]:
    """The warnings this run prints, of `skipped` read from `source`; remembers them."""
    if not quiet:
        return list(skipped)
    path = state_dir / FILE
    memory = _load(path)
    key = _digest(source)
    before = memory.get(key, {})
    now: dict[str, list[str]] = {}
    for item in skipped:
        now.setdefault(_digest(f"{item.uid}\x1f{item.summary}"), []).append(_digest(item.problem))
    fresh = [
        item
        for item in skipped
        if _digest(item.problem) not in before.get(_digest(f"{item.uid}\x1f{item.summary}"), [])
    ]
    if now != before:
        if now:
            memory[key] = now
        else:
            memory.pop(key, None)
        _save(path, memory)
    return fresh


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:20]


def _load(path: Path) -> dict[str, dict[str, list[str]]]:
    """The memory, or an empty one when it is missing or not calsync's (never trusted)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(source): {
            str(event): [str(p) for p in problems if isinstance(p, str)]
            for event, problems in events.items()
            if isinstance(problems, list)
        }
        for source, events in data.items()
        if isinstance(events, dict)
    }


def _save(path: Path, memory: dict[str, dict[str, list[str]]]) -> None:
    from calsync.adapters.atomic import replace_file

    # a state folder that cannot be written costs a repeated warning, not the run
    with contextlib.suppress(OSError):
        replace_file(path, json.dumps(memory, sort_keys=True).encode(), mode=0o600)
