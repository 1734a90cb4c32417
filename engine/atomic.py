"""Safe file writes: a reader sees the old file or the whole new one, never a torn one.

A regular file (or a missing one) is written to a temporary file in the same folder and
renamed over the target, keeping the old file's permissions. A character device or a pipe
(`/dev/stdout`, `/dev/null`, a FIFO) gets the finished bytes copied into it: renaming over
it would replace the device with a file. Anything else (a folder, a socket, a block device)
is refused.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

STREAMS = (stat.S_IFCHR, stat.S_IFIFO)


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
    if kind in STREAMS:
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


class AtomicWriter:
    """`file` becomes `path` on `commit()`, all at once; `abandon()` (or an exception in a
    `with` block) removes it and leaves `path` as it was. OSError if `path` cannot be written."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._kind = _kind(self.path)
        refusal = _refusal(self.path, self._kind)
        if refusal is not None:
            raise refusal
        self._temporary: Path | None = None
        if self._kind in STREAMS:
            self.file: BinaryIO = tempfile.TemporaryFile()  # zip archives seek back while writing; a pipe cannot
            return
        self._target = Path(os.path.realpath(self.path))  # a link to a file: replace the file, keep the link
        self._temporary = self._target.with_name(f".{self._target.name}.{uuid.uuid4().hex}.tmp")
        self.file = open(self._temporary, "xb+")  # "x" honours the umask, unlike mkstemp's 0600
        if self._kind == stat.S_IFREG:
            os.chmod(self.file.fileno(), stat.S_IMODE(os.stat(self._target).st_mode))

    def commit(self) -> None:
        try:
            if self._temporary is None:
                self.file.seek(0)
                with open(self.path, "wb") as stream:
                    shutil.copyfileobj(self.file, stream)
                self.file.close()
                return
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self._temporary, self._target)
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        self.file.close()
        if self._temporary is not None:
            self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abandon()


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Write with `write` to `path`: atomically for a file, whole for a device or a pipe.

    If `write` raises (a signal included), the temporary file is removed and `path` is left
    as it was. OSError when `path` cannot be written.
    """
    writer = AtomicWriter(path)
    with writer:
        write(writer.file)
