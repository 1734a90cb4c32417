"""The app's entry point for the CLI: refuse a pipe or a dumb terminal, else run the app."""

from __future__ import annotations

import os
import sys

from tui_clf.config import RunConfig

USAGE_ERROR = 2


def why_not_interactive() -> str | None:
    """Why this process cannot show a full-screen app, or None when it can."""
    if os.environ.get("TERM", "") == "dumb":
        return "TERM is 'dumb'"
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        return "input or output is not a terminal"
    return None


def run_app(config: RunConfig) -> int:
    """Run the app on `config` and return the exit code (2, with one line on stderr, without a terminal)."""
    reason = why_not_interactive()
    if reason is not None:
        print(
            f"tui-clf: the app needs an interactive terminal ({reason}); "
            "to train without one, run `tui-clf train` with the same options.",
            file=sys.stderr,
        )
        return USAGE_ERROR
    from tui_clf.app import ClassifierApp  # Textual costs ~200 ms to import: only when the app runs

    app = ClassifierApp(config)
    app.run()
    return app.return_code or 0
