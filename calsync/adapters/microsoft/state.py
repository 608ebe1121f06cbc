"""What calsync remembers of one Outlook calendar between runs, in a JSON file.

The delta link, the mailbox's time zone (read once with it: later delta answers are asked in it),
the events as last read (by Graph id), and what Graph's delta answers leave out:
which events are calsync's and with which identity, which of them the user deleted, and which
calsync removed itself. `dirty` is set before writes are sent and cleared once their answers are
recorded, so a run killed in between makes the next one ask Graph.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calsync.adapters.microsoft import events
from calsync.errors import SyncError

STATE_VERSION = 1
Json = dict[str, Any]


@dataclass
class State:
    start: str
    end: str
    delta_link: str = ""
    items: dict[str, Json] = field(default_factory=dict)  # Graph id → event
    ours: dict[str, dict[str, str]] = field(default_factory=dict)  # Graph id → identity
    deleted: set[str] = field(default_factory=set)  # calsync ids the user deleted
    removed: dict[str, int] = field(default_factory=dict)  # calsync ids calsync deleted → times
    dirty: bool = False  # writes were sent and not all answers recorded
    mailbox_zone: str = ""  # as /me/mailboxSettings names it ("Pacific Standard Time")

    def merge(self, changes: list[Json]) -> bool:
        """Apply one delta page; True when a calsync event came that the state doesn't know."""
        unknown = False
        for item in changes:
            graph_id = str(item.get("id", ""))
            if not graph_id:
                continue
            if "@removed" in item:
                self.items.pop(graph_id, None)
                mine = self.ours.pop(graph_id, None)
                if mine and mine["id"] not in self.removed:
                    self.deleted.add(mine["id"])
                continue
            self.items[graph_id] = item
            if events.looks_own(item) and graph_id not in self.ours:
                unknown = True
        return unknown

    def as_json(self) -> Json:
        return {
            "version": STATE_VERSION,
            "start": self.start,
            "end": self.end,
            "delta_link": self.delta_link,
            "items": self.items,
            "ours": self.ours,
            "deleted": sorted(self.deleted),
            "removed": self.removed,
            "dirty": self.dirty,
            "mailbox_zone": self.mailbox_zone,
        }


def load_state(path: Path) -> State | None:
    """The stored state; None when there is none or it is damaged (a full read rebuilds it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != STATE_VERSION:
            return None
        return State(
            start=str(data["start"]),
            end=str(data["end"]),
            delta_link=str(data["delta_link"]),
            items=dict(data["items"]),
            ours=dict(data["ours"]),
            deleted=set(data["deleted"]),
            removed=dict(data["removed"]),
            dirty=bool(data["dirty"]),
            mailbox_zone=str(data.get("mailbox_zone") or ""),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_json(path: Path, data: Any) -> None:
    """Replace a state file atomically: a crash leaves the old one or the new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".outlook-", suffix=".tmp", dir=path.parent)
        text = json.dumps(data, separators=(",", ":"))  # dumps uses the C encoder; dump not
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError as err:
        raise SyncError(f"cannot write sync state {path}: {err.strerror}") from err
