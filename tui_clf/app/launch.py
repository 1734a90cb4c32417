"""The app's entry point for the CLI: refuse a pipe or a dumb terminal, else run the app.

SIGINT, SIGTERM and SIGHUP (a dropped ssh connection) end the app through Textual's own
shutdown, which gives the terminal back (normal screen, no mouse reporting); the command
then ends as the CLI does on that signal: one line, exit code 128 + the signal's number.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from engine.data import save_dataset
from tui_clf import signals
from tui_clf.app.served import hang_up_when_orphaned, is_served
from tui_clf.config import RunConfig

USAGE_ERROR = 2


def why_not_interactive() -> str | None:
    """Why this process cannot show a full-screen app, or None when it can."""
    if is_served():
        return None  # textual-serve's driver speaks to the browser over pipes, not a terminal
    if os.environ.get("TERM", "") == "dumb":
        return "TERM is 'dumb'"
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        return "input or output is not a terminal"
    return None


def run_app(config: RunConfig, tour_stop: str | None = None, save_data: Path | None = None) -> int:
    """Run the app on `config` (opened at the tour's stop `tour_stop`, if given) and return the exit code
    (2, with one line on stderr, without a terminal). With `save_data`, w writes the data there, with
    its edits, and so does the app's end (DataError if it cannot).

    Raises signals.Interrupted, once the app has ended and the terminal is restored, if a signal ended it.
    """
    reason = why_not_interactive()
    if reason is not None:
        print(
            f"tui-clf: the app needs an interactive terminal ({reason}); "
            "to train without one, run `tui-clf train` with the same options.",
            file=sys.stderr,
        )
        return USAGE_ERROR
    from tui_clf.app.app import ClassifierApp  # Textual costs ~200 ms to import: only when the app runs

    app = ClassifierApp(config, tour_stop=tour_stop)
    app.save_data_path = save_data
    if is_served():
        hang_up_when_orphaned()
    with signals.to_event_loop(app.end_on_signal):
        app.run()
    if app.session is not None:
        app.session.resources.close()  # a cluster the app trained on stops with it
    if save_data is not None and app.session is not None and not app.session.streamed:  # a streamed file is its own copy
        save_dataset(app.session.dataset, save_data)
    if app.ended_by_signal is not None:
        raise signals.Interrupted(app.ended_by_signal)
    return app.return_code or 0
