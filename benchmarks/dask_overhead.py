"""The Dask path's time per full-batch step against the in-memory path, interleaved, median of each.

The same X (rows x features, float64, standardised) trains a cross-entropy classifier either in
this process (engine.Trainer on arrays) or on a Dask cluster (engine.cluster: partitions kept in
the workers' memory, each step sends the weights out and gathers per-partition sums). The steps
alternate, in-memory then Dask, so a busy machine slows both alike; the floor is one 2-thread
read of X (X @ v), timed in the same rounds.

    python benchmarks/dask_overhead.py [--rows 1000000] [--features 100] [--steps 15] [--cluster local|tcp://host:8786]

With --cluster tcp://..., the file must be readable at the same path by every worker.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from common import problem

from engine import Standardizer, TrainConfig, Trainer
from engine.cluster.connect import connected
from engine.cluster.open_rows import open_cluster_rows


def seconds(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--cluster", default="local")
    parser.add_argument("--folder", type=Path, default=None, help="where to write the .npy file (default: a temporary folder)")
    args = parser.parse_args()
    X, y = problem(args.rows, args.features)
    config = TrainConfig(epochs=10**9)
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        path = Path(folder) / "problem.npy"
        np.save(path, np.column_stack([X, y]))
        X = Standardizer.fit(X).transform_in_place(X)
        in_memory = Trainer(X, y, 2, config)
        v = np.ones(args.features)
        with connected(args.cluster) as client:
            started = time.perf_counter()
            data = open_cluster_rows(client, str(path), config)
            opened = time.perf_counter() - started
            on_cluster = Trainer.on_rows(data.rows, data.n_classes, config, data.val)
            in_memory.step(), on_cluster.step()  # the first step of each measures its start point too
            rounds = [(seconds(in_memory.step), seconds(on_cluster.step), seconds(lambda: X @ v)) for _ in range(args.steps)]
            workers = len(client.scheduler_info()["workers"])
    memory, dask, read = (statistics.median(times) for times in zip(*rounds))
    print(f"X: {args.rows} x {args.features} float64; cluster {args.cluster!r}: {workers} workers, {data.rows.n_partitions} partitions")
    print(f"reading and preparing the file on the cluster: {opened:.1f} s (once per run)")
    print(f"median of {args.steps} interleaved full-batch steps:")
    print(f"  in memory   {memory * 1e3:8.1f} ms")
    print(f"  Dask        {dask * 1e3:8.1f} ms   ({dask / memory:.2f}x in memory, overhead {(dask - memory) * 1e3:+.1f} ms)")
    print(f"  floor: one read of X {read * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
