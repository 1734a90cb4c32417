"""Loading a CSV file: engine.load_dataset against NumPy's own np.loadtxt, in one run.

load_dataset also checks every cell, maps string labels to classes and names any bad cell by
line and column; np.loadtxt only parses numbers. Prints both times and their ratio.

    python benchmarks/load_csv.py [--rows 100000] [--features 100]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from common import best_seconds, problem

from engine import load_dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--features", type=int, default=100)
    args = parser.parse_args()
    X, y = problem(args.rows, args.features)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        header = ",".join(f"x{j}" for j in range(args.features)) + ",label"
        np.savetxt(path, np.column_stack([X, y]), delimiter=",", header=header, comments="", fmt="%.6g")
        megabytes = path.stat().st_size / 1e6
        ours = best_seconds(lambda: load_dataset(path), repeats=3)
        theirs = best_seconds(lambda: np.loadtxt(path, delimiter=",", skiprows=1), repeats=3)
    print(f"{args.rows} x {args.features} CSV ({megabytes:.0f} MB), best of 3")
    print(f"engine.load_dataset {ours:.2f} s, np.loadtxt {theirs:.2f} s, ratio {ours / theirs:.2f}")


if __name__ == "__main__":
    main()
