"""A Dask client for the `--cluster` setting: "local" starts a LocalCluster here, an address joins a scheduler.

The local cluster's workers are processes on this machine (LOCAL_WORKERS, one thread each),
listening on 127.0.0.1 only and without a dashboard. They start with SIGINT and SIGHUP ignored: a
Ctrl-C at the terminal reaches the whole process group, and a worker dying under a step in flight
would leave the run waiting; the run stops between two steps and closes them itself. Leaving the
context closes the client and a cluster it started, however the run ends (an error, Ctrl-C).
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster

from engine.errors import ClusterError

LOCAL = "local"
LOCAL_WORKERS = 2
CONNECT_SECONDS = 5


@contextmanager
def connected(address: str, *, workers: int = LOCAL_WORKERS) -> Iterator[Client]:
    """A client of a new local cluster (`address` "local") or of the scheduler at `address` (tcp://host:8786)."""
    cluster = None
    try:
        if address == LOCAL:
            with _terminal_signals_ignored_by_new_processes(), _stderr_with_a_file_descriptor():
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR
                )
            client = Client(cluster)
        else:
            client = Client(address, timeout=f"{CONNECT_SECONDS}s")
    except (OSError, ValueError, TypeError) as error:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address!r}: {str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def _stderr_with_a_file_descriptor() -> Iterator[None]:
    """sys.stderr as the process's own while the workers start: multiprocessing hands stderr's file
    descriptor to the processes it starts, and an app that captures stderr (Textual) has none."""
    captured = sys.stderr
    try:
        has_one = captured.fileno() >= 0  # Textual's capture says -1
    except (AttributeError, OSError, ValueError):
        has_one = False
    if not has_one:
        sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = captured


@contextmanager
def _terminal_signals_ignored_by_new_processes() -> Iterator[None]:
    """SIGINT and SIGHUP ignored while inside, so processes started meanwhile inherit them ignored.

    Only the main thread may change signal handlers; elsewhere (the app's worker thread) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in (signal.SIGINT, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
