"""A full-batch training step against two streaming reads of X, measured in one run.

A gradient step must read X twice (z = X w, then X^T dL/dz), so two streaming reads of X
are the floor. Prints the ratio for each loss and dtype; below 1.5 is good, 1 is the floor.

    python benchmarks/step_vs_read.py [--rows 1000000] [--features 100]
"""

from __future__ import annotations

import argparse

import numpy as np
from common import best_seconds, problem

from engine import TrainConfig, Trainer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=100)
    args = parser.parse_args()
    print(f"X: {args.rows} x {args.features}; times are the best of 5")
    for dtype in ("float64", "float32"):
        X, y = problem(args.rows, args.features, dtype)
        v = np.ones(args.features, dtype=dtype)
        read = best_seconds(lambda: X @ v)  # one streaming pass over X, as fast as NumPy reads it
        for loss in ("cross-entropy", "hinge", "softmax-cross-entropy"):
            trainer = Trainer(X, y, 2, TrainConfig(loss=loss, dtype=dtype, epochs=10**9))
            step = best_seconds(trainer.step)
            print(
                f"{dtype:8} {loss:22} step {step * 1e3:7.1f} ms   two reads {2 * read * 1e3:6.1f} ms"
                f"   ratio {step / (2 * read):.2f}"
            )


if __name__ == "__main__":
    main()
