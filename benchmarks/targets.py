"""Every speed and memory figure of issue 14 next to its target, in one run: the scripts one after
another, each in its own interpreter so none inherits another's threads or memory peak.

    python benchmarks/targets.py [--quick]

--quick passes --quick to the scripts that have it (smaller sizes: checks that they run; the
targets hold for the full sizes only). Run it on a quiet machine: other work slows memory reads
and BLAS unevenly, which is why each script interleaves what it compares.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
# (script, its arguments, its arguments under --quick)
SCRIPTS = (
    ("step_vs_read.py", [], ["--quick"]),
    ("versus_sklearn.py", [], ["--rows", "100000", "--epochs", "2"]),
    ("train_memory.py", [], ["--rows", "200000"]),
    ("app_vs_headless.py", [], ["--seconds", "1", "--rounds", "1", "--history", "10000"]),
    ("time_to_optimum.py", [], ["--quick", "--repeats", "1"]),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: checks that every script runs")
    args = parser.parse_args()
    failed = []
    for script, full, quick in SCRIPTS:
        command = [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        print(f"\n$ python benchmarks/{script} {' '.join(quick if args.quick else full)}".rstrip(), flush=True)
        started = time.perf_counter()
        if subprocess.run(command, cwd=HERE).returncode != 0:
            failed.append(script)
        print(f"({time.perf_counter() - started:.0f} s)", flush=True)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
