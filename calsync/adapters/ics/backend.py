"""The .ics backend behind the Source / Target interface.

Reading is `source` (files, stdin, URLs through `calsync.adapters.fetch`, with `scan` leaving out
what cannot touch the range first); the target file is `target` (render, foreign events kept,
atomic replace) with `memory` remembering what calsync wrote, so an event the user deleted from
the file stays deleted.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from calsync.adapters import fetch
from calsync.adapters.base import ApplyReport, Context, Held, SourceRead
from calsync.adapters.ics import target as ics_target
from calsync.adapters.ics.memory import WrittenIds
from calsync.adapters.memo import Memo, digest, file_stamp
from calsync.model import Action

if TYPE_CHECKING:
    from calsync.adapters.download import Validators

log = logging.getLogger("calsync")

CALENDAR = "ics"  # the "source calendar" part of ids for .ics sources, wherever they live


class IcsSource:
    """An iCalendar file, `-` (stdin) or an http(s):// / webcal:// address."""

    def __init__(self, spec: str, ctx: Context) -> None:
        self._spec = spec
        self._ctx = ctx

    @property
    def label(self) -> str:
        return fetch.describe(self._spec)  # a published address carries its secret in the path

    def read(self, *, since: datetime, until: datetime) -> SourceRead:
        if self._spec == "-" or not self._ctx.memo:
            return self._parse(self._pieces(), since=since, until=until)
        # one memo per address or file (its name hashed: a secret address is never stored), so
        # a range that moves every day replaces the memo instead of adding one
        memo = Memo(self._ctx.state_dir)
        reading = (since, until, self._ctx.settings.timezone)
        if fetch.is_url(self._spec):
            return self._read_url(memo, digest(self._spec), reading)
        # a file whose size, mtime and content are those of the last run is not parsed again
        path = Path(self._spec).expanduser()
        key = digest(self._spec, str(path.resolve()))
        stamp = file_stamp(path)
        kept = memo.load("ics-read", key) if stamp is not None else None
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == (stamp, reading):
            log.debug("%s: unchanged since the last run; not parsed again", self.label)
            read: SourceRead = kept[1]
            return read
        read = self._parse(self._pieces(), since=since, until=until)
        if stamp is not None and file_stamp(path) == stamp:  # not changed while it was read
            memo.save("ics-read", key, ((stamp, reading), read))
        return read

    def _read_url(
        self, memo: Memo, key: str, reading: tuple[datetime, datetime, str | None]
    ) -> SourceRead:
        """A published address, asked "anything new since this version?" when a read of the
        same range is kept."""
        from calsync.adapters.download import Validators

        since, until, _ = reading
        kept = memo.load("url-read", key)
        usable = (
            isinstance(kept, tuple)
            and len(kept) == 4
            and kept[2] == reading
            and isinstance(kept[3], SourceRead)
        )
        asked = Validators(kept[0], kept[1]) if usable else Validators()
        pieces = self._pieces(asked)
        first = next(pieces, None)
        if asked.not_modified and usable:
            log.debug("%s: not modified (HTTP 304); not parsed again", self.label)
            read: SourceRead = kept[3]
            return read
        if asked.not_modified:  # a 304 to a question not asked: read it whole, unconditionally
            return self._parse(self._pieces(), since=since, until=until)
        read = self._parse(
            itertools.chain([first] if first else [], pieces), since=since, until=until
        )
        if asked.etag or asked.last_modified:
            memo.save("url-read", key, (asked.etag, asked.last_modified, reading, read))
        return read

    def _pieces(self, conditional: Validators | None = None) -> Iterator[bytes]:
        return fetch.stream(self._spec, stdin=self._ctx.stdin, conditional=conditional)

    def _parse(
        self, pieces: Iterable[bytes], *, since: datetime, until: datetime
    ) -> SourceRead:
        from calsync.adapters.ics.source import read_events

        ctx = self._ctx
        # the bytes go to the reader as they arrive: it keeps only the events that can matter
        read = read_events(
            pieces,
            self.label,
            since=since,
            until=until,
            timezone=ctx.settings.timezone,
            # the range is given in the system's zone: floating times fall back to it
            system_tz=getattr(since.tzinfo, "key", "UTC"),
        )
        if ctx.progress:
            ctx.progress("reading", read.size, None)
        log.debug(
            "read %d events from %s (%d bytes; %d events outside the range left unread; "
            "calendar zone %s)",
            len(read.events),
            self.label,
            read.size,
            read.left_out,
            read.time_zone or "not given",
        )
        return SourceRead(
            calendar=CALENDAR,
            events=list(read.events),
            time_zone=read.time_zone,
            name=read.name,
            skipped=list(read.skipped),
            warnings=list(read.warnings),
        )


class IcsTarget:
    """An .ics file calsync writes (and refuses to overwrite when another program wrote it)."""

    def __init__(self, spec: str, ctx: Context) -> None:
        self._path = Path(spec).expanduser()
        self._ctx = ctx
        self._memory = WrittenIds(ctx.state_dir, self._path)
        self._file: ics_target.TargetFile | None = None
        self._deleted: frozenset[str] = frozenset()
        self._remembered = False  # the events held came from the memo, without their components

    @property
    def label(self) -> str:
        return str(self._path)

    @property
    def lock_key(self) -> str:
        return str(self._path.resolve())

    def _load(self) -> ics_target.TargetFile:
        if self._file is None:
            self._file = ics_target.load_target(self._path)
        return self._file

    def _recall(self) -> ics_target.TargetFile:
        """The file as the last run read it, when its bytes are the same: not parsed again.

        The events recalled carry no parsed component; `apply` reads the file for real before
        it writes anything.
        """
        memo, key = Memo(self._ctx.state_dir), digest("ics-target", str(self._path.resolve()))
        data = ics_target.read_existing(self._path)
        if data is None or not data.strip():
            return self._load()
        stamp = (len(data), hashlib.sha256(data).hexdigest())
        kept = memo.load("ics-target", key)
        if isinstance(kept, tuple) and len(kept) == 3 and kept[0] == stamp:
            log.debug("%s: unchanged since calsync last read it; not parsed again", self.label)
            self._remembered = True
            self._file = ics_target.TargetFile(self._path, data, kept[1], foreign=kept[2])
            return self._file
        file = self._load()
        if file.original == data:
            events = [replace(e, raw=None) for e in file.events]
            memo.save("ics-target", key, (stamp, events, file.foreign))
        return file

    def held(self, *, since: datetime) -> Held:
        file = self._recall() if self._ctx.memo else self._load()
        present = {e.id for e in file.events}
        self._deleted = self._memory.deleted(present, file_exists=file.original is not None)
        return Held(events=list(file.events), deleted_ids=self._deleted)

    def owned(self) -> Held:
        # a cancelled event is one calsync already removed: calendar apps drop it on import
        return Held(events=[e for e in self._load().events if e.status != "cancelled"])

    def apply(self, actions: Sequence[Action], *, source_calendar: str) -> ApplyReport:
        if self._remembered and any(a.writes for a in actions):
            self._file, self._remembered = None, False  # writing needs the parsed components
            parsed = {e.id: e for e in self._load().events}
            actions = [replace(a, existing=parsed.get(a.id, a.existing)) for a in actions]
        file = self._load()
        report = ApplyReport()
        # nothing to write into a file that exists: re-rendering would give the same bytes
        if file.original is None or any(a.writes for a in actions):
            rendered = ics_target.render(
                file.events,
                actions,
                now=self._ctx.now,
                reminder_minutes=self._ctx.settings.reminder_minutes,
                foreign=file.foreign,
            )
            ics_target.write_atomically(file, rendered)
            self._file = None  # the file changed: a later call reads it again
            for action in actions:
                if action.op == "create":
                    report.created.append(action.id)
                elif action.op == "update":
                    report.updated.append(action.id)
                elif action.op == "cancel":
                    report.removed.append(action.id)
        written = {a.id for a in actions if a.op in ("create", "update")}
        # the ones the user deleted stay remembered, so they stay deleted on every later run
        self._memory.remember({e.id for e in file.events} | written | self._deleted)
        return report
