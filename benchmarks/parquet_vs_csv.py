"""Reading the same data as Parquet and as CSV through engine.load_dataset, in one run.

Both files are written by the engine (engine.save_dataset: CSV with the shortest repr of each
float, Parquet through pyarrow), so both load to the same arrays; the ratio is CSV time over
Parquet time. Needs the extra tui-clf[arrow].

    python benchmarks/parquet_vs_csv.py [--rows 1000000] [--features 20]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from common import best_seconds, problem

from engine import Dataset, load_dataset, save_dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    args = parser.parse_args()
    X, y = problem(args.rows, args.features)
    dataset = Dataset("bench", X, y, ("0", "1"), tuple(f"x{j}" for j in range(1, args.features + 1)))
    with tempfile.TemporaryDirectory() as folder:
        csv, parquet = Path(folder) / "data.csv", Path(folder) / "data.parquet"
        save_dataset(dataset, csv)
        save_dataset(dataset, parquet)
        assert np.array_equal(load_dataset(parquet).X, load_dataset(csv).X)  # the same data, bit for bit
        sizes = f"CSV {csv.stat().st_size / 1e6:.0f} MB, Parquet {parquet.stat().st_size / 1e6:.0f} MB"
        csv_seconds = best_seconds(lambda: load_dataset(csv), repeats=3)
        parquet_seconds = best_seconds(lambda: load_dataset(parquet), repeats=3)
    print(f"{args.rows} x {args.features} float64 ({sizes}), best of 3")
    print(f"CSV {csv_seconds:.2f} s, Parquet {parquet_seconds:.3f} s: Parquet is {csv_seconds / parquet_seconds:.1f}x faster")


if __name__ == "__main__":
    main()
