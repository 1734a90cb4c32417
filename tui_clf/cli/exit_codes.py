"""The exit codes of DESIGN.md section 3, which scripts rely on."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BUG = 1
    USAGE = 2
    BAD_DATA = 3
    DIVERGED = 4
    FILE_IO = 5
    GRADCHECK_FAILED = 6
    HANGUP = 129
    INTERRUPTED = 130
    TERMINATED = 143
