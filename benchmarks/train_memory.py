"""Peak resident memory of `tui-clf train` on an npz, against the bytes of its X.

Writes a seeded 1e6 x 100 float64 npz (800 MB) to a temporary folder, runs `tui-clf train` on it
in a fresh interpreter for each dtype (full batch, the default validation split) and prints the
peak resident set (VmHWM: the interpreter and its imports included) divided by the bytes of X,
next to the target of issue 14: at most 1.5x.

    python benchmarks/train_memory.py [--rows 1000000] [--features 100] [--epochs 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from common import problem

TARGET = 1.5
RUN_CLI = (
    "import atexit, sys; atexit.register(lambda: print(open('/proc/self/status').read(), file=sys.stderr)); "
    "from tui_clf.cli import main; sys.argv[0] = 'tui-clf'; main()"
)


def peak_resident_bytes(args: list[str]) -> int:
    """VmHWM of `tui-clf *args` run to its end."""
    done = subprocess.run([sys.executable, "-c", RUN_CLI, *args], capture_output=True, text=True, env=os.environ.copy())
    if done.returncode:
        raise SystemExit(done.stderr)
    line = next(line for line in done.stderr.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.npz"
        X, y = problem(args.rows, args.features)
        np.savez(path, X=X, y=y)
        x_bytes = X.nbytes
        del X, y
        print(f"X: {args.rows} x {args.features} float64 in {path.name}, {x_bytes / 2**20:.0f} MiB")
        for dtype in ("float64", "float32"):
            peak = peak_resident_bytes(["train", "--data", str(path), "--epochs", str(args.epochs), "--dtype", dtype, "--json"])
            ratio = peak / x_bytes
            print(
                f"tui-clf train --dtype {dtype}: peak RSS {peak / 2**20:6.0f} MiB = {ratio:4.2f}x the bytes of X"
                f"   (target <= {TARGET}: {'met' if ratio <= TARGET else 'NOT met'})"
            )


if __name__ == "__main__":
    main()
