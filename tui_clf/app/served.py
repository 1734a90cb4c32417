"""An app served to a browser (`tui-clf serve`, through textual-serve) ends when its server does.

The server is such an app's terminal: it runs one app per browser and holds the pipes to it.
A server that stops normally ends each app itself; one that is killed (SIGKILL, a crash) cannot,
and its apps would run on, orphaned, for ever. So a served app watches its parent and, once that
is gone, hangs up on itself: SIGHUP ends it as a terminal that goes away does (signals.to_event_loop,
within its grace period).
"""

from __future__ import annotations

import os
import signal
import threading
import time

# How often a served app looks for its server: a second's delay costs nothing, the check almost as little.
PARENT_POLL_SECONDS = 0.5


def is_served() -> bool:
    """Whether Textual was told to use another driver than the terminal's (textual-serve names its web driver)."""
    return bool(os.environ.get("TEXTUAL_DRIVER"))


def hang_up_when_orphaned() -> None:
    """From now on, SIGHUP this process once its parent (the server) has gone."""
    server = os.getppid()

    def watch() -> None:
        while os.getppid() == server:  # an orphan is adopted by another process: its parent id changes
            time.sleep(PARENT_POLL_SECONDS)
        os.kill(os.getpid(), signal.SIGHUP)

    threading.Thread(target=watch, name="served-app-watches-its-server", daemon=True).start()
