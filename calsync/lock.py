"""One run per target at a time (SPEC "One at a time"), and a loud stop when the holder is stuck.

An overlapping cron run stops quietly (exit 0) instead of interleaving its writes. But a run
that has held the lock for longer than a run's time budget is not overlapping, it is stuck
(stopped, or an old calsync without a budget): then each later run exits 1 naming its process
and since when, so that cron mails it instead of follow-ups stopping silently for good.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from calsync.budget import describe
from calsync.errors import ConfigError, LockBusy, SyncError


class LockStuck(SyncError):
    """The lock has been held for longer than a run may take (exit 1)."""


@contextmanager
def held(
    folder: Path,
    key: str,
    *,
    now: datetime,
    budget: int,
    label: Callable[[], str] | None = None,
) -> Iterator[None]:
    """Hold the lock of `key` for the body, or raise `LockBusy` / `LockStuck`.

    `label` names the target in the notice; it is asked for only then (naming a Google
    calendar may need a request, which must not happen before the lock is held).
    """
    from filelock import FileLock, Timeout

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{folder}: cannot create the lock folder ({exc.strerror})") from None
    name = hashlib.sha256(key.encode()).hexdigest()[:16]
    lock = FileLock(str(folder / f"{name}.lock"), timeout=0)
    holder = folder / f"{name}.holder"  # the lock file itself is truncated by every try
    try:
        lock.acquire()
    except Timeout:
        what = label() if label else key
        stuck = _stuck_holder(holder, now, budget)
        if stuck is not None:
            pid, since = stuck
            raise LockStuck(
                f"{what}: calsync process {pid} has held the lock since "
                f"{since.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC, longer than a run's time "
                f"budget ({describe(budget)}); it looks stuck: stop it (kill {pid}) so that "
                "runs can go on"
            ) from None
        raise LockBusy(
            f"another calsync run is already writing to {what}; this one stops"
        ) from None
    try:
        with contextlib.suppress(OSError):
            holder.write_text(json.dumps({"pid": os.getpid(), "since": now.isoformat()}))
        yield
    finally:
        with contextlib.suppress(OSError):
            holder.unlink()
        lock.release()


def _stuck_holder(holder: Path, now: datetime, budget: int) -> tuple[int, datetime] | None:
    """The holder's process and start, when it has held the lock longer than `budget` s."""
    try:
        data = json.loads(holder.read_text())
        pid, since = int(data["pid"]), datetime.fromisoformat(str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # written by nobody yet, or not ours: an ordinary overlap
    if since.tzinfo is None or now - since <= timedelta(seconds=budget):
        return None
    return pid, since
