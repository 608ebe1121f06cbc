"""What earlier runs learnt, kept in the state folder so a run with nothing new costs little.

A memo entry is a value stored under a key that names exactly what the value was computed from
(a file's size, mtime and content hash; the settings that matter; calsync's version). It is an
optimisation, never a source of truth: a file that is missing, truncated, corrupted, written by
another version or another program is ignored (the run computes everything again), and a memo
that cannot be written costs only the speed-up.

The format is calsync's own: a header line naming the format and calsync's version, the SHA-256
of the body, and the body, a pickle that may only name calsync's plain values and the standard
types they are made of (`_Values`), so a foreign file cannot make a run build anything else.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import importlib
import io
import logging
import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import calsync
from calsync.adapters.atomic import replace_file
from calsync.adapters.files import open_regular
from calsync.errors import InputError

log = logging.getLogger("calsync")

T = TypeVar("T")

FORMAT = 1
FOLDER = "memo"

# The only things a memo body may name: calsync's plain values (dataclasses of calsync's own
# modules, by class name) and the standard types they are made of. Never a whole module: any
# function in one could be called by a body that names it.
_STANDARD = frozenset(
    {
        ("datetime", "datetime"),
        ("datetime", "date"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("zoneinfo", "ZoneInfo"),
        ("builtins", "frozenset"),
        ("builtins", "set"),
    }
)


def header(version: str | None = None) -> bytes:
    """The first line of every memo: the format, and the calsync that wrote it."""
    return f"calsync-memo {FORMAT} {version or calsync.__version__}\n".encode()


def digest(*parts: object) -> str:
    """A key for `parts`: the SHA-256 of their reprs (calsync's values are frozen dataclasses of
    strings, numbers, dates and tuples, whose repr names every field).

    >>> digest("a", 1) == digest("a", 1) != digest("a", 2)
    True
    """
    text = "\x1f".join(repr(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_stamp(path: Path) -> tuple[int, int, str] | None:
    """A regular file's size, mtime (ns) and content hash; None when it cannot be read, or is
    a pipe, device or socket (never opened here: reading one could wait for ever)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        content = hashlib.sha256()
        with open_regular(path, str(path)) as handle:  # never waits on a pipe swapped in
            while piece := handle.read(1 << 20):
                content.update(piece)
    except (OSError, InputError):
        return None
    return (info.st_size, info.st_mtime_ns, content.hexdigest())


def _zone(zone: ZoneInfo) -> tuple[type[ZoneInfo], tuple[str]]:
    if zone.key is None:
        raise pickle.PicklingError("a zone read from a file has no name to keep")
    return (ZoneInfo, (zone.key,))  # by name: its own pickling goes through getattr


def _encode(value: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, ZoneInfo: _zone}
    pickler.dump(value)
    return buffer.getvalue()


class _Values(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _STANDARD:
            return super().find_class(module, name)
        if module.startswith("calsync.") and name.isidentifier():
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"a memo may not name {module}.{name}")


class Memo:
    """The memo folder of one state folder; `kind` separates what different stores keep."""

    def __init__(self, state_dir: Path, *, version: str | None = None) -> None:
        self._folder = state_dir / FOLDER
        self._header = header(version)

    def path(self, kind: str, key: str) -> Path:
        return self._folder / f"{kind}-{digest(kind, key)[:32]}.memo"

    def load(self, kind: str, key: str) -> Any:
        """The value kept under (`kind`, `key`), or None when there is none worth trusting."""
        path = self.path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        value = self._decode(data, key)
        if value is None:
            log.debug("memo %s: not usable; computed again", path.name)
        return value

    def save(self, kind: str, key: str, value: object) -> None:
        try:
            body = _encode((key, value))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            log.debug("memo %s: not kept (%s)", kind, exc)
            return
        check = hashlib.sha256(body).hexdigest().encode()
        try:
            replace_file(self.path(kind, key), self._header + check + b"\n" + body, mode=0o600)
        except OSError as exc:  # a memo is only a speed-up: the run's result does not need it
            log.debug("memo %s: not written (%s)", kind, exc.strerror or exc)

    def _decode(self, data: bytes, key: str) -> Any:
        if not data.startswith(self._header):
            return None
        check, _, body = data[len(self._header) :].partition(b"\n")
        if hashlib.sha256(body).hexdigest().encode() != check:
            return None
        try:
            stored_key, value = _Values(io.BytesIO(body)).load()
        except Exception:  # noqa: BLE001 - whatever a bad body raises, it is not trusted
            return None
        return value if stored_key == key else None


class Kept:
    """Values kept per item (a CalDAV event, …) in one memo: an item whose key is the same as
    in the last run is not computed again; only the items of this run are kept for the next."""

    def __init__(self, memo: Memo | None, kind: str, key: str) -> None:
        self._memo, self._kind, self._key = memo, kind, key
        before = memo.load(kind, key) if memo is not None else None
        self._before: dict[str, object] = before if isinstance(before, dict) else {}
        self._now: dict[str, object] = {}

    def get(self, key: str, compute: Callable[[], T], kind: type[T]) -> T:
        kept = self._before.get(key)
        value: T = kept if isinstance(kept, kind) else compute()
        self._now[key] = value
        return value

    def save(self) -> None:
        if self._memo is not None and self._now.keys() != self._before.keys():
            self._memo.save(self._kind, self._key, self._now)
