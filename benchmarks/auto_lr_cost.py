"""What `--lr auto` costs, against one full-batch step, and how close its L is to the exact one.

Resolving auto (engine.learning_rate) is done once per trainer; it should cost a small
fraction of one step. Each line times resolving (full batch, and batches of 512, which also
reads every row once for the largest ||x_i||^2) interleaved with the step it is compared to,
the median of a few rounds, and compares the estimated lambda_max(X1^T X1 / N) with the
exact one from a dense eigvalsh (above 1 is the safe side).

    python benchmarks/auto_lr_cost.py [--sizes 100000x100 1000000x100] [--rounds 5]

The power iteration's mat-vecs on the 8192-row sample are small BLAS calls: on a busy machine
OpenBLAS's threads wait on each other in each one (the issue 14 item on small BLAS calls), so
compare with OPENBLAS_NUM_THREADS=1 as well.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from common import problem

from engine import TrainConfig, Trainer, load_dataset
from engine.curvature import largest_gram_eigenvalue, lipschitz_constant
from engine.learning_rate import auto_learning_rate
from engine.pipeline import prepare
from engine.training_rows import InMemoryRows

LOSS = "cross-entropy"


def seconds(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def resolve(X: np.ndarray, batch: int) -> float:
    rows = InMemoryRows(X, np.zeros(len(X), dtype=np.intp), np.zeros(len(X), dtype=X.dtype))  # auto reads X alone
    return auto_learning_rate(rows, LOSS, "gd", 0.0, batch, lambda: lipschitz_constant(X, LOSS)).lr


def exact_eigenvalue(X: np.ndarray) -> float:
    """lambda_max(X1^T X1 / N) by a dense eigvalsh, the Gram matrix built in blocks of rows."""
    d = X.shape[1] + 1
    gram = np.zeros((d, d))
    for start in range(0, len(X), 65536):
        block = np.hstack([X[start : start + 65536], np.ones((len(X[start : start + 65536]), 1))])
        gram += block.T @ block
    return float(np.linalg.eigvalsh(gram / len(X))[-1])


def measure(name: str, X: np.ndarray, y: np.ndarray, rounds: int) -> None:
    trainer = Trainer(X, y, 2, TrainConfig(loss=LOSS, lr=0.1, epochs=10**9))
    trainer.step()
    step, full, batched = [], [], []
    for _ in range(rounds):  # interleaved, so a busy moment slows both sides alike
        step.append(seconds(trainer.step))
        full.append(seconds(lambda: resolve(X, len(X))))
        batched.append(seconds(lambda: resolve(X, 512)))
    step_s, full_s, batched_s = (statistics.median(t) for t in (step, full, batched))
    ratio = largest_gram_eigenvalue(X) / exact_eigenvalue(X)
    print(
        f"{name:16} step {step_s * 1e3:8.3f} ms   auto {full_s * 1e3:8.3f} ms ({full_s / step_s:5.2f} steps)"
        f"   auto, batch 512 {batched_s * 1e3:8.3f} ms ({batched_s / step_s:5.2f} steps)"
        f"   lambda_max estimate / exact {ratio:.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["100000x100", "1000000x100"])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"{LOSS}, float64; medians of {args.rounds} interleaved rounds")
    data = prepare(load_dataset("breast_cancer"), val_split=0.2, standardize=True, seed=0).train
    measure("breast_cancer", data.X, data.y, args.rounds)
    for size in args.sizes:
        n, d = (int(part) for part in size.split("x"))
        X, y = problem(n, d)
        X[:, 1] += X[:, 0]  # correlated columns: lambda_max well above the rest
        measure(size, X, y, args.rounds)


if __name__ == "__main__":
    main()
