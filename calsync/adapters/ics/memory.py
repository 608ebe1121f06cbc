"""What calsync has put into an .ics target, so an event the user deleted stays deleted.

The target file itself cannot tell a follow-up the user deleted from one calsync never wrote,
so the ids written to each target are remembered in the user state folder. A target file that
is gone altogether is a fresh start: its memory is forgotten and everything is written anew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from calsync.adapters.atomic import replace_file
from calsync.errors import SyncError


class WrittenIds:
    """The ids calsync wrote into one .ics target, kept between runs."""

    def __init__(self, state_dir: Path, target: Path) -> None:
        key = hashlib.sha256(str(target.expanduser().resolve()).encode()).hexdigest()[:20]
        self._path = state_dir / f"ics-{key}.json"

    def _load(self) -> set[str]:
        try:
            return {str(i) for i in json.loads(self._path.read_text(encoding="utf-8"))}
        except (OSError, ValueError, TypeError):
            return set()

    def deleted(self, present: Iterable[str], *, file_exists: bool) -> frozenset[str]:
        """Ids calsync wrote earlier that the file no longer holds: the user removed them."""
        if not file_exists:
            return frozenset()
        return frozenset(self._load() - set(present))

    def remember(self, ids: Iterable[str]) -> None:
        """Record what the target holds now (written after the target itself)."""
        wanted = sorted(set(ids))
        if wanted == sorted(self._load()):
            return
        try:
            replace_file(self._path, json.dumps(wanted).encode("utf-8"))
        except OSError as exc:
            raise SyncError(f"cannot write state {self._path}: {exc.strerror or exc}") from None
