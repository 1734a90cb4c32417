"""Turn every expected failure into one line on stderr and its documented exit code.

Commands are wrapped by `reports_failures`: bad data exits 3, model or history files 5 (and a
Dask cluster that cannot be reached or lost the data), a bad configuration 2, Ctrl-C 130, and anything unexpected 1 with a hint to use --debug,
which shows the traceback instead.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Callable, TypeVar

import typer

from engine.errors import ClusterError, ConfigError, DataError, ModelFileError
from tui_clf.cli.exit_codes import ExitCode
from tui_clf.cli.output import JsonOutput, print_json
from tui_clf.config import ConfigFileError
from tui_clf.signals import STOPS, as_interrupted, raise_if_swallowed
from tui_clf.views.formatting import printable

F = TypeVar("F", bound=Callable)


class OutputFileError(Exception):
    """A file the CLI was asked to write (history, predictions) could not be written."""


class Settings:
    """Process-wide switches set by the top-level options."""

    debug = False


EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (DataError, ExitCode.BAD_DATA),
    (ModelFileError, ExitCode.FILE_IO),
    (ClusterError, ExitCode.FILE_IO),
    (OutputFileError, ExitCode.FILE_IO),
    (ConfigError, ExitCode.USAGE),
    (ConfigFileError, ExitCode.USAGE),
)


def quiet_stdout() -> None:
    """The reader of stdout (say, `head`) has gone: send the rest nowhere, so Python exits quietly too."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def fail(message: str, code: int) -> typer.Exit:
    """Print `message` as the one error line and return the Exit to raise.

    Under --json, stdout still gets its one object: this error, unless the command printed one.
    """
    print(f"tui-clf: error: {printable(message)}", file=sys.stderr)
    if JsonOutput.wanted and not JsonOutput.printed:
        print_json({"error": message, "exit_code": int(code)})
    return typer.Exit(int(code))


def reports_failures(command: F) -> F:
    """Wrap a command so that its failures end as one line and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        JsonOutput.wanted, JsonOutput.printed = bool(kwargs.get("json_output")), False
        try:
            result = command(*args, **kwargs)
            raise_if_swallowed()  # a signal that a finalizer swallowed still ends the command with its code
            return result
        except typer.Exit:
            raise
        except STOPS as error:
            interrupted = as_interrupted(error)
            raise fail(f"interrupted by {interrupted.what}", interrupted.exit_code) from None
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None
        except Exception as error:
            if Settings.debug:
                raise
            for kind, code in EXIT_CODES:
                if isinstance(error, kind):
                    raise fail(str(error), code) from None
            raise fail(f"internal error: {error!r} (run with --debug for the traceback)", ExitCode.BUG) from None

    return wrapper  # type: ignore[return-value]
