"""Where and how the CLI writes: rich tables on stdout, progress on stderr, JSON (plots: plots.py).

Colour only reaches a terminal: rich turns it off on a pipe and under NO_COLOR.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import numpy as np
from rich.console import Console


class ToolConsole(Console):
    """rich's Console, except that a closed pipe ends the command quietly (see failures.py)."""

    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; a reader that has gone (say, `head`) is not an error.
        self.quiet = True
        raise BrokenPipeError


def stdout_console() -> Console:
    return ToolConsole(highlight=False)


def stderr_console() -> Console:
    return ToolConsole(stderr=True, highlight=False)


def finite_or_none(value: float | None) -> float | None:
    """JSON has no NaN or infinity: a non-finite number becomes null (and `diverged` says why)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


class JsonOutput:
    """Whether the running command was asked for JSON, and whether it has printed its one object."""

    wanted = False
    printed = False


def print_json(payload: dict[str, Any]) -> None:
    """Exactly one JSON object on stdout; numpy scalars become plain numbers."""
    sys.stdout.write(json.dumps(payload, default=_plain, allow_nan=False) + "\n")
    JsonOutput.printed = True


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
