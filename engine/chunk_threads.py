"""A small persistent pool of Python threads for the chunked pass, with BLAS held to one thread.

Measured on 2 cores (DESIGN.md section 4): the fused chunked pass on 2 Python threads with BLAS
at 1 thread ran at 0.7-0.8x two reads of X, while spinning BLAS threads next to the Python
threads slowed it by 60%. So while any threaded pass runs, BLAS runs on one thread; the limit is
taken by the first pass that starts and given back by the last that ends, so passes that overlap
(the app's compare races several trainers) never restore each other's limit too early.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

try:
    from threadpoolctl import ThreadpoolController
except ImportError:  # the engine stands on NumPy alone (DESIGN): without it BLAS keeps its threads, only slower
    ThreadpoolController = None

# More Python threads than this gain nothing on a memory-bound pass and cost a dispatch each.
MAX_DEFAULT_THREADS = 4

Result = TypeVar("Result")

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_workers = 0
_controller = None
_limit = None
_passes_running = 0


def default_threads() -> int:
    """The cores this process may run on, at most MAX_DEFAULT_THREADS."""
    return max(1, min(len(os.sched_getaffinity(0)), MAX_DEFAULT_THREADS))


def run_in_threads(work: Callable[[int], Result], pieces: int) -> list[Result]:
    """[work(0), ..., work(pieces - 1)], the pieces run at once on the pool, BLAS on one thread.

    The results come back in the order of the pieces, whichever thread finished first.
    """
    with _blas_on_one_thread():
        futures = [_thread_pool(pieces).submit(work, i) for i in range(1, pieces)] if pieces > 1 else []
        first = work(0)  # the calling thread takes a piece too, rather than waiting idle
        return [first, *(future.result() for future in futures)]


def split_evenly(n_items: int, pieces: int) -> Sequence[tuple[int, int]]:
    """`pieces` consecutive (start, stop) ranges covering range(n_items), sizes differing by at most 1."""
    bounds = [n_items * i // pieces for i in range(pieces + 1)]
    return list(zip(bounds[:-1], bounds[1:]))


def _thread_pool(pieces: int) -> ThreadPoolExecutor:
    """The pool, grown once to the most pieces ever asked for (the caller runs one piece itself)."""
    global _pool, _pool_workers
    with _lock:
        if _pool is None or _pool_workers < pieces - 1:
            _pool_workers = pieces - 1
            _pool = ThreadPoolExecutor(max_workers=_pool_workers, thread_name_prefix="tui-clf-chunks")
        return _pool


def _forget_pool_in_child() -> None:
    """A forked child has none of the parent's threads: a pool it inherited would wait forever."""
    global _lock, _pool, _pool_workers, _passes_running
    _lock, _pool, _pool_workers, _passes_running = threading.Lock(), None, 0, 0


os.register_at_fork(after_in_child=_forget_pool_in_child)


@contextmanager
def _blas_on_one_thread() -> Iterator[None]:
    global _controller, _limit, _passes_running
    if ThreadpoolController is None:
        yield
        return
    with _lock:
        if _passes_running == 0:
            # Made once: scanning the loaded libraries costs about 0.3 ms, a limit on a known one 10 us.
            _controller = _controller or ThreadpoolController()
            _limit = _controller.limit(limits=1, user_api="blas")
        _passes_running += 1
    try:
        yield
    finally:
        with _lock:
            _passes_running -= 1
            if _passes_running == 0:
                _limit.restore_original_limits()
