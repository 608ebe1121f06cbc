"""The user's own files (`--from`, `--to`): only regular files are read or written.

A named pipe, a device or a socket given as a calendar would block a run forever or read
something that is no calendar: each is refused (exit 2) before anything opens it for reading.
A symbolic link is followed; what counts is the file it points to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from calsync.errors import InputError

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_regular(mode: int) -> str | None:
    """What a file of this mode is, in words, when it is not a regular file or a folder.

    >>> not_regular(stat.S_IFIFO | 0o644)
    'a named pipe (FIFO)'
    >>> not_regular(stat.S_IFREG | 0o644) is None
    True
    """
    for test, words in _KINDS:
        if test(mode):
            return words
    return None


def refuse_special(path: Path, name: str) -> None:
    """Raise an InputError if `path` (its link followed) exists and is a pipe, device or socket.

    Only `stat` looks at it: nothing is opened, so a pipe with no writer cannot block.
    An OSError other than a missing file reaches the caller, who names the file.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    _refuse(mode, name)


def open_regular(path: Path, name: str) -> BinaryIO:
    """`path` opened for reading, checked again on the open file (it may have been swapped).

    The open does not block (O_NONBLOCK): a pipe that appeared since the check is refused, not
    waited on. OSErrors (missing file, folder, permission) reach the caller.
    """
    refuse_special(path, name)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        _refuse(mode, name)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _refuse(mode: int, name: str) -> None:
    kind = not_regular(mode)
    if kind is not None:
        raise InputError(f"{name}: is {kind}, not a regular file; calsync needs an .ics file")
