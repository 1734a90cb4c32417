"""Safe file writes: a reader sees the old file or the whole new one, never a torn one.

A regular file (or a missing one) is written to a temporary file in the same folder and
renamed over the target, keeping the old file's permissions. A character device or a pipe
(`/dev/stdout`, `/dev/null`, a FIFO) is written directly: renaming over it would replace the
device with a file. Anything else (a folder, a socket, a block device) is refused.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def _kind(path: Path) -> int | None:
    """The file type bits of what `path` leads to (links followed), or None if nothing is there."""
    try:
        return stat.S_IFMT(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def _refusal(path: Path, kind: int | None) -> OSError | None:
    """Why `path` cannot be written, or None if it can (as far as can be known before writing)."""
    if kind == stat.S_IFDIR:
        return IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if kind in (stat.S_IFCHR, stat.S_IFIFO):
        return None if os.access(path, os.W_OK) else PermissionError(errno.EACCES, "permission denied", str(path))
    if kind not in (None, stat.S_IFREG):
        return OSError(errno.EINVAL, "is not a regular file, a device or a pipe", str(path))
    folder = Path(os.path.realpath(path)).parent
    if not folder.is_dir():
        return FileNotFoundError(errno.ENOENT, f"no such folder {folder}", str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        return PermissionError(errno.EACCES, f"cannot create files in {folder}", str(path))
    return None


def check_writable(path: str | os.PathLike, error: type[Exception]) -> None:
    """Raise `error` naming `path` if a later write to it would surely fail."""
    path = Path(path)
    refusal = _refusal(path, _kind(path))
    if refusal is not None:
        raise error(f"{path}: cannot be written: {refusal.strerror}")


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Write with `write` to `path`: atomically for a file, directly for a device or a pipe.

    If `write` raises (a signal included), the temporary file is removed and `path` is left
    as it was. OSError when `path` cannot be written.
    """
    path = Path(path)
    kind = _kind(path)
    refusal = _refusal(path, kind)
    if refusal is not None:
        raise refusal
    if kind in (stat.S_IFCHR, stat.S_IFIFO):
        buffer = io.BytesIO()  # zip archives seek back while writing; a pipe cannot
        write(buffer)
        with open(path, "wb") as file:
            file.write(buffer.getbuffer())
        return
    target = Path(os.path.realpath(path))  # a link to a file: replace the file, keep the link
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "xb") as file:  # "x" honours the umask, unlike mkstemp's 0600
            if kind == stat.S_IFREG:
                os.chmod(file.fileno(), stat.S_IMODE(os.stat(target).st_mode))
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
