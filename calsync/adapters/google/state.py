"""What calsync remembers of one Google calendar between runs, in a small SQLite file.

Each event is kept already converted (compact JSON of the fields calsync reads, start and end as
exact microseconds), so a run rebuilds only the events it needs and converts only what changed;
an incremental read updates the rows that changed and the sync token, never the whole file.
SQLite's journal makes every update all-or-nothing, like the atomic replace of other state.
Only calsync's own events keep their whole resource: writes check their marks before touching
them.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from calsync.adapters.google import events
from calsync.errors import SyncError
from calsync.model import ExistingEvent, SourceEvent

VERSION = "3"  # 3: events remember whether they are busy (free slots)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id TEXT NOT NULL UNIQUE,
    own INTEGER NOT NULL,
    start_us INTEGER, end_us INTEGER, title TEXT, tz TEXT, all_day INTEGER, description TEXT,
    location TEXT, status TEXT, organizer TEXT, attendees TEXT, uid TEXT, kind TEXT,
    source TEXT, fingerprint TEXT, updated TEXT, busy INTEGER,
    raw TEXT
);
CREATE TABLE IF NOT EXISTS deleted (id TEXT PRIMARY KEY);
"""

_WIDTH = len(events.COMPACT_COLUMNS.split(","))
_ROW = f"id, own, {events.COMPACT_COLUMNS}, raw"
_UPDATE = ", ".join(f"{c} = excluded.{c}" for c in _ROW.split(", ")[1:])

Row = tuple[Any, ...]


def _row(item: dict[str, Any], event_id: str, zone: str) -> Row:
    """One live resource as a row; a malformed one is kept without data, as Google sent it."""
    try:
        own = events.is_calsync_event(item)
        seen = events.source_event(item, zone)
    except (KeyError, ValueError, TypeError):
        return (event_id, 0, *(None,) * _WIDTH, None)
    return (
        event_id,
        int(own),
        *events.compact(seen),
        json.dumps(item, separators=(",", ":")) if own else None,
    )


class SyncState:
    """One calendar's stored events, deletions and sync token; open it with `open_state`."""

    def __init__(self, connection: sqlite3.Connection, calendar_id: str) -> None:
        self._db = connection
        self._calendar = calendar_id
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        usable = meta.get("version") == VERSION and meta.get("calendar") == calendar_id
        self.time_min: str | None = meta.get("time_min") if usable else None
        self.sync_token = meta.get("sync_token", "") if usable else ""
        self.time_zone = meta.get("time_zone", "UTC") if usable else "UTC"

    def transaction(self) -> sqlite3.Connection:
        """`with state.transaction():` makes the changes inside it all-or-nothing on disk."""
        return self._db

    @property
    def zone(self) -> str:
        """The zone events without one of their own were converted in."""
        return events.valid_zone(self.time_zone, "UTC")

    def start_over(self, time_min: datetime, sync_token: str, time_zone: str) -> None:
        """Forget everything: a full read from `time_min` follows."""
        self._db.execute("DELETE FROM events")
        self._db.execute("DELETE FROM deleted")
        self.time_min = time_min.isoformat()
        self._remember(sync_token, time_zone)

    def set_token(self, sync_token: str, time_zone: str) -> None:
        if (sync_token, time_zone) != (self.sync_token, self.time_zone):
            self._remember(sync_token, time_zone)

    def _remember(self, sync_token: str, time_zone: str) -> None:
        self.sync_token, self.time_zone = sync_token, time_zone
        values = {
            "version": VERSION,
            "calendar": self._calendar,
            "time_min": self.time_min or "",
            "sync_token": sync_token,
            "time_zone": time_zone,
        }
        self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def merge(self, changes: list[dict[str, Any]]) -> None:
        """Apply listed changes: a cancelled event is a deletion, any other replaces the old."""
        zone = self.zone
        for item in changes:
            event_id = str(item.get("id", ""))
            if not event_id:
                continue
            if item.get("status") == "cancelled":
                self._db.execute("DELETE FROM events WHERE id = ?", (event_id,))
                self._db.execute("INSERT OR IGNORE INTO deleted VALUES (?)", (event_id,))
                continue
            # an upsert keeps the row (and its place in the order read) of a changed event
            self._db.execute(
                f"INSERT INTO events ({_ROW}) VALUES ({', '.join('?' * (_WIDTH + 3))}) "
                f"ON CONFLICT(id) DO UPDATE SET {_UPDATE}",
                _row(item, event_id, zone),
            )
            self._db.execute("DELETE FROM deleted WHERE id = ?", (event_id,))

    def move_start(self, time_min: datetime) -> None:
        """Forget events that ended by `time_min`, as a full read from there would.

        The window moves forward every day; without this the stored set would only grow, and
        an incremental read would answer differently from a full one. An old event the user
        edits back into range comes back as a change.
        """
        if self.time_min is None or time_min <= datetime.fromisoformat(self.time_min):
            return
        self._db.execute("DELETE FROM events WHERE end_us <= ?", (events.microseconds(time_min),))
        self.time_min = time_min.isoformat()
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('time_min', ?)", (self.time_min,))

    def deleted(self) -> set[str]:
        return {str(i) for (i,) in self._db.execute("SELECT id FROM deleted")}

    def read(
        self, *, until: datetime | None, with_events: bool
    ) -> tuple[list[SourceEvent], list[ExistingEvent]]:
        """The user's events starting before `until` (all with None), and calsync's own."""
        query = f"SELECT {_ROW} FROM events WHERE start_us IS NOT NULL"
        params: tuple[int, ...] = ()
        if not with_events:
            query += " AND own = 1"
        elif until is not None:
            query += " AND (own = 1 OR start_us < ?)"
            params = (events.microseconds(until),)
        source: list[SourceEvent] = []
        own: list[ExistingEvent] = []
        for event_id, is_own, *values, raw in self._db.execute(query + " ORDER BY rowid", params):
            seen = events.from_compact(event_id, *values)
            if is_own:
                own.append(events.existing_from(seen, json.loads(raw)))
            else:
                source.append(seen)
        return source, own


@contextlib.contextmanager
def open_state(path: Path, calendar_id: str) -> Iterator[SyncState]:
    """The state in `path`, created empty when missing; a damaged file is replaced by an empty
    one (a full read rebuilds it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SyncError(f"cannot write sync state {path}: {err.strerror}") from err
    connection = _connect(path)
    try:
        yield SyncState(connection, calendar_id)
    except sqlite3.DatabaseError as err:
        raise SyncError(f"cannot write sync state {path}: {err}") from err
    finally:
        connection.close()


@contextlib.contextmanager
def stored_state(path: Path, calendar_id: str) -> Iterator[SyncState | None]:
    """Like `open_state`, but None rather than a new empty file when there is none."""
    if not path.exists():
        yield None
        return
    with open_state(path, calendar_id) as state:
        yield state


def _connect(path: Path) -> sqlite3.Connection:
    try:
        return _prepared(sqlite3.connect(path))
    except sqlite3.DatabaseError:
        for damaged in (path, path.with_name(path.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                damaged.unlink()
    try:
        return _prepared(sqlite3.connect(path))
    except sqlite3.DatabaseError as err:
        raise SyncError(f"cannot write sync state {path}: {err}") from err


def _add_new_columns(connection: sqlite3.Connection) -> None:
    """A state written by an earlier version lacks the columns added since; its rows are
    dropped anyway (the version differs), the table only needs the columns."""
    have = {str(row[1]) for row in connection.execute("PRAGMA table_info(events)")}
    for column in events.COMPACT_COLUMNS.split(","):
        if column.strip() not in have:
            connection.execute(f"ALTER TABLE events ADD COLUMN {column.strip()}")


def _prepared(connection: sqlite3.Connection) -> sqlite3.Connection:
    """The connection once its tables exist and can be read; closed when they cannot."""
    try:
        connection.executescript(_SCHEMA)
        connection.execute("SELECT key, value FROM meta").fetchall()
        _add_new_columns(connection)
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection
