"""The app reads data from regular files only: a FIFO, a device or a socket can block a read
for ever (a FIFO no one writes to) or never end (/dev/zero), so such a path is refused before
it is opened."""

from __future__ import annotations

import os
import stat

from engine.bundled import bundled_name
from engine.errors import DataError

# What a path that is not a regular file is, in words (stat's tests, in order).
KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def refuse_unless_regular_file(spec: str | os.PathLike) -> None:
    """Raise DataError, without opening it, if `spec` is an existing path that is not a regular
    file (symbolic links followed). A bundled dataset's name, a missing path or one that
    cannot be looked at are left to the loader, which says what they are."""
    if isinstance(spec, str) and bundled_name(spec) is not None:
        return
    try:
        mode = os.stat(spec).st_mode
    except (OSError, ValueError):
        return
    if not stat.S_ISREG(mode):
        kind = next((name for is_kind, name in KINDS if is_kind(mode)), "a special file")
        raise DataError(f"{kind}, not a regular file: the app reads data from regular files only", str(spec))
