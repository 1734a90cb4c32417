"""Open a file for reading only if it is a regular file, and say what it is when it is not.

A FIFO would block the reader forever, a device such as /dev/zero never ends: both are
refused before a byte is read. The path is checked with stat, opened without blocking, and
checked again on the open descriptor, so a file swapped in between is caught too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from engine.errors import DataError

KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotARegularFile(Exception):
    """Why a path cannot be read as a file; `missing` when nothing is there at all."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def open_regular_file(path: Path) -> BinaryIO:
    """`path` opened for binary reading; NotARegularFile saying what it is if it is not a regular file."""
    try:
        _check_kind(os.stat(path).st_mode, path)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise NotARegularFile(_why(error, path), missing=error.errno == errno.ENOENT) from None
    try:
        _check_kind(os.fstat(descriptor).st_mode, path)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


class MissingDataFile(DataError):
    """The DataError for a data path where there is nothing (load_dataset adds the bundled names)."""


def open_data_file(path: Path) -> BinaryIO:
    """open_regular_file for a data file: a DataError naming the file if it cannot be read."""
    try:
        return open_regular_file(path)
    except NotARegularFile as problem:
        refusal = MissingDataFile if problem.missing else DataError
        raise refusal(problem.reason, str(path)) from None


def _check_kind(mode: int, path: Path) -> None:
    for is_kind, kind in KINDS:
        if is_kind(mode):
            via = " (through a symbolic link)" if path.is_symlink() else ""
            raise NotARegularFile(f"{kind}{via}, not a regular file")


def _why(error: OSError, path: Path) -> str:
    """What an OSError from stat or open means for the person who named `path`."""
    if error.errno == errno.ENOENT:
        return "a broken symbolic link: its target does not exist" if path.is_symlink() else "no such file"
    if error.errno == errno.ELOOP:
        return "a symbolic link loop: following the links never reaches a file"
    if error.errno == errno.ENOTDIR:
        return "no such file: a part of the path before the file name is a file, not a folder"
    if error.errno == errno.EACCES:
        return "permission denied: you may not read this file or enter a folder on its path"
    return f"cannot open the file: {error.strerror or error}"
