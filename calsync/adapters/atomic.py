"""Replacing a file so that a crash leaves either the old content or the new, never half of it.

Every file calsync writes (the .ics target, its memory of written ids, Google's sync state, the
OAuth token) goes through `replace_file`, so they all get the same guarantees.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from calsync.budget import writing


def replace_file(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, rename it over `path`.

    The temporary file is created with mode 0600 and only opened up to `mode` before the rename,
    so a secret is never readable by others, not even for a moment. On any failure the temporary
    file is removed and the error (an `OSError`) reaches the caller, who names the file.

    A symbolic link is written through: its real file (the end of the chain of links, which
    may not exist yet) is the one replaced, in its own folder, so the rename stays atomic on
    that file system and the link stays a link.
    """
    path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    with writing():  # the run's time budget lets a write finish (calsync.budget)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp_name, mode)
            os.replace(temp_name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            raise
