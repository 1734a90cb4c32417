"""The `tui-clf` console script: signals are handled before anything heavy is imported.

Importing typer, numpy and textual takes a few tenths of a second; a Ctrl-C (or a SIGTERM,
or a dropped connection) in that time ends with one line and its exit code, not a traceback.
"""

from __future__ import annotations

import sys

from tui_clf import signals


def main() -> None:
    signals.install()
    try:
        with signals.deferred():  # a library's bare `except:` at import time must not swallow a signal
            from tui_clf.cli import main as run
        run()
    except signals.STOPS as error:
        interrupted = signals.as_interrupted(error)
        print(f"tui-clf: error: interrupted by {interrupted.what}", file=sys.stderr)
        sys.exit(interrupted.exit_code)
