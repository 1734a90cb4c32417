"""SIGINT, SIGTERM and SIGHUP end a command the same way: cleanly, between two steps.

The handler raises `Interrupted` for all three, so a `kill` or a dropped ssh connection
stops as cleanly as Ctrl-C; the exit code is 128 + the signal's number (130, 143, 129). It is
not a KeyboardInterrupt, which typer would turn into a silent exit 130 whatever the signal. Inside `deferred()` (a save, say) a signal
waits until the block is done, so a file that is being written is always finished;
`interruptible()` opens a window inside it where a signal acts at once.

A signal that lands in a finalizer (a Dask future's `__del__`, say) is swallowed there:
Python prints "Exception ignored" and goes on. The handler remembers each signal it raises
until a stop catches it, so `raise_if_swallowed()` between two steps raises it again, and
the hook for such exceptions stays silent about an `Interrupted`.

While the app runs, an exception raised wherever the main thread happens to be would land
inside a callback of the event loop: the task dies and the app hangs on the alternate
screen. `to_event_loop()` turns the signal into a call on the loop instead (app.exit), so
the app shuts down through Textual's own path and gives the terminal back.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

HANDLED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
NAMES = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM", signal.SIGHUP: "SIGHUP (the terminal went away)"}


class Interrupted(BaseException):
    """A signal asked the command to stop."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + int(self.signum)

    @property
    def what(self) -> str:
        return NAMES.get(self.signum, f"signal {self.signum}")


class _State:
    deferring = 0
    pending: int | None = None
    raised: int | None = None  # raised by the handler and not caught by a stop yet


def _handler(signum: int, frame: object) -> None:
    if _State.deferring:
        _State.pending = _State.pending or signum
        return
    _State.raised = signum
    raise Interrupted(signum)


def _quiet_about_interrupted(unraisable: sys.UnraisableHookArgs) -> None:
    """An `Interrupted` swallowed by a finalizer is raised again between two steps: no traceback for it."""
    if not isinstance(unraisable.exc_value, Interrupted):
        sys.__unraisablehook__(unraisable)


def install() -> None:
    """Turn the three signals into `Interrupted` in the main thread."""
    for signum in HANDLED:
        signal.signal(signum, _handler)
    sys.unraisablehook = _quiet_about_interrupted


def raise_if_swallowed() -> None:
    """Raise again, once, a signal the handler raised that no stop caught (a finalizer swallowed it)."""
    if _State.raised is not None:
        signum, _State.raised = _State.raised, None
        raise Interrupted(signum)


# What to catch to stop cleanly: a signal, or Ctrl-C that Python saw before `install()`.
STOPS = (Interrupted, KeyboardInterrupt)


def as_interrupted(error: BaseException) -> Interrupted:
    """Ctrl-C seen before `install()` (Python's own KeyboardInterrupt) counts as SIGINT."""
    _State.raised = None  # caught: nothing was swallowed
    return error if isinstance(error, Interrupted) else Interrupted(signal.SIGINT)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold signals until the block ends, then act on the first one that came."""
    _State.deferring += 1
    try:
        yield
    finally:
        _State.deferring -= 1
        if not _State.deferring and _State.pending is not None:
            signum, _State.pending = _State.pending, None
            raise Interrupted(signum)


@contextmanager
def interruptible() -> Iterator[None]:
    """Inside a `deferred()` block, let signals interrupt this part at once (the training loop)."""
    held, _State.deferring = _State.deferring, 0
    try:
        if _State.pending is not None:
            signum, _State.pending = _State.pending, None
            raise Interrupted(signum)
        yield
    finally:
        _State.deferring = held


# How long the app may take to shut down after a signal before the process ends regardless.
SHUTDOWN_GRACE_SECONDS = 3.0


def _end_process_after(seconds: float, code: int) -> None:
    """Exit with `code` in `seconds` unless the process has ended by then (a daemon timer)."""

    def end() -> None:
        message = f"tui-clf: error: the app did not shut down within {seconds:g} s of the signal; ended with code {code}\n"
        try:
            os.write(2, message.encode())  # unbuffered: sys.stderr's lock may be held by the stalled thread
        except OSError:
            pass  # the terminal is gone (EIO after a hangup): nobody is there to read it
        finally:
            os._exit(code)

    deadline = threading.Timer(seconds, end)
    deadline.daemon = True  # a shutdown that ends in time ends the process, timer and all
    deadline.start()


@contextmanager
def to_event_loop(stop: Callable[[int], object]) -> Iterator[None]:
    """In the block, a signal calls `stop(signum)` on the running asyncio loop, between two of its callbacks.

    If the process is still alive SHUTDOWN_GRACE_SECONDS later, it exits at once with the
    signal's code: after a dropped connection, Textual's last writes to a terminal that is gone
    can block its shutdown (and the loop with it) for ever, and a process must never outlive
    its terminal. Outside a running loop (before the app starts, after it ends) the signal raises
    `Interrupted`, as `install()` makes it do. The handlers in place before are put back after.
    """

    def handler(signum: int, frame: object) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise Interrupted(signum) from None
        loop.call_soon_threadsafe(stop, signum)  # wakes the loop; safe from a signal handler
        _end_process_after(SHUTDOWN_GRACE_SECONDS, Interrupted(signum).exit_code)

    previous = {signum: signal.signal(signum, handler) for signum in HANDLED}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
