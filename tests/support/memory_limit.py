"""Run `tui-clf` in a child process whose address space is capped with RLIMIT_AS.

A loader that allocates what a file claims then fails with MemoryError (exit 1) instead of
refusing the file (exit 3 or 5): the cap turns "uses too much memory" into a test failure.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys

# The interpreter, numpy, typer and rich on one BLAS thread run in under 150 MB of address space.
BASELINE_BYTES = 512 * 2**20
RUN_CLI = "import sys; from tui_clf.cli import main; sys.argv[0] = 'tui-clf'; main()"


def run_with_memory_limit(
    args: list[str], extra_bytes: int, *, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """`tui-clf *args` with its address space limited to BASELINE_BYTES + extra_bytes."""
    limit = BASELINE_BYTES + extra_bytes

    def cap_address_space() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run(
        [sys.executable, "-c", RUN_CLI, *args],
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", **(env or {})},
        preexec_fn=cap_address_space,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def peak_rss_of(code: str, *, env: dict[str, str] | None = None) -> tuple[int, int]:
    """(peak RSS before, peak RSS after) running `code` in a fresh interpreter, in bytes.

    `code` runs after `before` is measured; it may import anything. ru_maxrss is in KiB on Linux.
    """
    script = (
        "import resource, numpy, engine\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"{code}\n"
        "print(before * 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    before, after = done.stdout.split()[-2:]
    return int(before), int(after)
