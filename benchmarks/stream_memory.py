"""Peak memory of `tui-clf train --stream` against the file's size, and its time per epoch against
the in-memory path, in one run.

Each size runs `tui-clf train` in a child process (one BLAS thread) that reports its own peak
resident size (VmHWM, which exec resets; a child's ru_maxrss would start from this process's). Streamed: a .npy of the rows (labels in the last column); in memory:
the same rows as .npz, loaded whole. Memory streamed should stay flat as the file grows; in memory
it grows with it. Time per epoch is the run's training seconds (its JSON) over its epochs.

    python benchmarks/stream_memory.py [--sizes-mb 100 300 600] [--features 20] [--epochs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from common import problem

from engine import Dataset, save_dataset

RUN_CLI = (
    "import atexit, sys\n"
    "def peak():\n"
    "    sys.stderr.write(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')))\n"
    "atexit.register(peak)\n"
    "from tui_clf.cli import main; sys.argv[0] = 'tui-clf'; main()\n"
)


def run_train(args: list[str]) -> tuple[dict, int]:
    """(the JSON summary, the child's peak RSS in bytes) of `tui-clf train *args --json`."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "TUI_CLF_MAX_BYTES": "64G"}
    child = subprocess.run([sys.executable, "-c", RUN_CLI, "train", *args, "--json"], capture_output=True, text=True, env=env)
    if child.returncode:
        raise SystemExit(f"tui-clf train {' '.join(args)} failed with exit {child.returncode}: {child.stderr}")
    peak_kib = int(child.stderr.strip().splitlines()[-1].split()[1])  # "VmHWM:  123456 kB"
    return json.loads(child.stdout), peak_kib * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", type=int, nargs="+", default=[100, 300, 600])
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    d = args.features
    settings = ["--epochs", str(args.epochs), "--lr", "0.5", "--val-split", "0"]
    print(f"{'file MB':>8} {'rows':>10} {'peak RSS MB streamed':>21} {'in memory':>10} {'s/epoch streamed':>17} {'in memory':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes_mb:
            n = size * 2**20 // (8 * (d + 1))
            X, y = problem(n, d)
            npy, npz = Path(folder) / "rows.npy", Path(folder) / "rows.npz"
            np.save(npy, np.column_stack([X, y]))
            save_dataset(Dataset("bench", X, y, ("0", "1"), tuple(f"x{j}" for j in range(1, d + 1))), npz)
            del X, y
            streamed, streamed_rss = run_train(["--data", str(npy), "--stream", *settings])
            whole, whole_rss = run_train(["--data", str(npz), "--in-memory", *settings])
            print(
                f"{npy.stat().st_size / 2**20:8.0f} {n:10d} {streamed_rss / 2**20:21.0f} {whole_rss / 2**20:10.0f} "
                f"{streamed['seconds'] / args.epochs:17.3f} {whole['seconds'] / args.epochs:10.3f}"
            )


if __name__ == "__main__":
    main()
