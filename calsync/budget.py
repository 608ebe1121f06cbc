"""The time budget of one run (SPEC "Every run ends"): past it, the run stops and says so.

A hostile calendar (a rule repeating every second since 2020), a server that trickles bytes or
a stuck disk must not keep a cron run, and the lock it holds, for ever. The budget is a timer:
when it runs out, the run is interrupted wherever it is — a loop, a blocked read — except in
the middle of writing a file, which is finished first; then it stops before any further write,
releases its lock, and exits 1 with one line. A rerun converges, as after a crash.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from calsync.errors import SyncError

DEFAULT_SECONDS = 600
RETRY_SECONDS = 1.0  # once out of time, the timer fires again until the run has stopped


class OutOfTime(SyncError):
    """The run used up its time budget and stopped (exit 1)."""


class _Expired(BaseException):
    """Raised by the timer. Not an `Exception`, so the readers' `except Exception` (one bad
    event costs only itself) cannot mistake it for a bad event and carry on."""


@dataclass
class _State:
    writing: int = 0  # depth of `writing()` sections in progress
    late: bool = False  # the budget ran out during a write


_state = _State()


def describe(seconds: int) -> str:
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds} s"


@contextmanager
def time_budget(seconds: int) -> Iterator[None]:
    """Run the body within `seconds`, or raise `OutOfTime` (in the main thread, where signals
    are delivered; elsewhere the body runs unbounded, as before)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        if _state.writing:
            _state.late = True
            return
        raise _Expired

    _state.writing, _state.late = 0, False
    previous = signal.signal(signal.SIGALRM, expired)
    earlier = signal.setitimer(signal.ITIMER_REAL, seconds, RETRY_SECONDS)  # a host's own timer
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)  # a signal just before this is caught below
    except _Expired:
        raise OutOfTime(
            f"the run took longer than its time budget ({describe(seconds)}, config "
            "run_timeout) and stopped before writing anything more; a rerun picks up from here"
        ) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
        if earlier[0]:
            signal.setitimer(signal.ITIMER_REAL, *earlier)


@contextmanager
def writing() -> Iterator[None]:
    """A write the budget does not cut in half: if time runs out meanwhile, the run stops
    right after it."""
    _state.writing += 1
    try:
        yield
    finally:
        _state.writing -= 1
    if not _state.writing and _state.late:
        _state.late = False
        raise _Expired
