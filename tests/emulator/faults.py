"""Trouble on demand: the errors Google's front end gives under load, when and how often asked."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass

# What Google answers under load or trouble; a client should retry every one of them.
RANDOM_FAULTS = (
    (429, "rateLimitExceeded"),
    (403, "rateLimitExceeded"),
    (403, "userRateLimitExceeded"),
    (500, "backendError"),
    (503, "backendError"),
)


@dataclass
class Fault:
    status: int
    reason: str = ""
    count: int = 1
    path_contains: str = ""
    method: str = ""
    after_write: bool = False  # the call takes effect, then the error is sent anyway


class Faults:
    """Injected faults in order, then random ones at `rate`; callers hold the emulator's lock."""

    def __init__(self) -> None:
        self.rate = 0.0
        self.seed = 0
        self.drops = 0
        self._queue: list[Fault] = []
        self._rng = random.Random(0)

    def add(self, fault: Fault) -> None:
        self._queue.append(fault)

    def reseed(self, seed: int) -> None:
        self.seed = seed
        self._rng = random.Random(seed)

    def for_call(self, path: str, method: str) -> Fault | None:
        """The fault for one API call (a single request or a batch part), if any."""
        fault = self.injected(path, method, endpoint=False)
        if fault is None and self.rate and self._rng.random() < self.rate:
            status, reason = self._rng.choice(RANDOM_FAULTS)
            fault = Fault(status, reason)
        return fault

    def injected(self, path: str, method: str, *, endpoint: bool) -> Fault | None:
        """The first injected fault that matches, used up by one. An `endpoint` (the batch
        envelope, the token endpoint) is hit only by faults that name part of its path."""
        for fault in self._queue:
            if fault.method and fault.method != method:
                continue
            if endpoint and not fault.path_contains:
                continue
            if fault.path_contains not in path:
                continue
            fault.count -= 1
            if fault.count <= 0:
                self._queue.remove(fault)
            return copy.copy(fault)
        return None
