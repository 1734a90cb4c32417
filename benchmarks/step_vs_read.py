"""A full-batch cost-and-gradient step against ONE streaming read of X with the same threads.

The yardstick is one read of X: the chunked pass reads each chunk once from memory and works on
it while it is in cache. The read runs on as many threads as the step (each thread sums its share
of rows), because a 2-thread step against a 1-thread read would flatter the step. A loaded
machine slows the read and the step differently, so the two are interleaved and each figure is
the median of the repeats. Each row also prints the floor: the pass's two products alone, in the
same chunked loop on the same threads (products_only), also as a ratio to the read, so a reader
sees how much of each target any NumPy code could reach on this machine. Prints each ratio next
to its target from issue 14:
- cross-entropy on 1e6 x 100, float64 and float32: step <= 1.3 reads;
- softmax-cross-entropy with K = 10 on 1e5 x 100: step <= 2 reads;
- the same at D = 10 and 3000 and K = 2 and 10, reported (many small BLAS calls must not wait
  on each other);
- Trainer.step() on breast_cancer (full batch, no validation, cross-entropy): <= 1.5x a bare
  NumPy gradient step of the same shape (z = X w + b, sigmoid, gradient, update).

    python benchmarks/step_vs_read.py [--threads N] [--repeats 9] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
from common import problem

from engine import TrainConfig, get_loss, load_dataset, prepare
from engine.chunk_threads import default_threads, run_in_threads, split_evenly
from engine.objective import Params, chunk_rows, cost_and_grad
from engine.trainer import Trainer

# (rows, features, classes, dtype, target ratio or None when only reported)
CASES = [
    (1_000_000, 100, 2, "float64", 1.3),
    (1_000_000, 100, 2, "float32", 1.3),
    (100_000, 100, 10, "float64", 2.0),
    (100_000, 100, 10, "float32", 2.0),
    (1_000_000, 10, 2, "float64", None),
    (1_000_000, 10, 10, "float64", None),
    (100_000, 3000, 2, "float64", None),
    (30_000, 3000, 10, "float64", None),
]
SMALL_STEP_TARGET = 1.5


def interleaved_medians(first: Callable[[], object], second: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median seconds of each, run alternately so that both see the same load."""
    first_s, second_s = medians_of_interleaved([first, second], repeats)
    return first_s, second_s


def medians_of_interleaved(runs: list[Callable[[], object]], repeats: int) -> list[float]:
    """Median seconds of each run, the runs taking turns so that all see the same load."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for run, out in zip(runs, times):
            start = time.perf_counter()
            run()
            out.append(time.perf_counter() - start)
    return [statistics.median(each) for each in times]


def one_read(X: np.ndarray, threads: int) -> Callable[[], object]:
    """One streaming pass over X on `threads` threads: each sums its consecutive share of the rows."""
    shares = split_evenly(len(X), threads)
    return lambda: run_in_threads(lambda i: X[shares[i][0] : shares[i][1]].sum(), threads)


def products_only(X: np.ndarray, W: np.ndarray, threads: int) -> Callable[[], object]:
    """The floor of the chunked pass: its two products alone, z = W chunk^T and z chunk, nothing else.

    Same chunks, same split of the chunks over the same threads, BLAS on one thread, the K
    scores kept as (K, n) rows as the engine keeps them; what it leaves out is the loss and the
    Python between the products, so (step - floor) is what the engine's own code costs.
    """
    rows = chunk_rows(X)
    n_chunks = -(-len(X) // rows)
    runs = split_evenly(n_chunks, max(1, min(threads, n_chunks)))
    z = np.empty((W.shape[0], len(X)), X.dtype)

    def run_products(run: int) -> np.ndarray:
        total = np.zeros_like(W)
        for start in range(runs[run][0] * rows, min(runs[run][1] * rows, len(X)), rows):
            chunk, zc = X[start : start + rows], z[:, start : start + rows]
            if len(W) == 1:  # one score per example: two matrix-vector products, as the engine does
                np.matmul(chunk, W[0], out=zc[0])
                total[0] += zc[0] @ chunk
            else:
                np.matmul(W, chunk.T, out=zc)
                total += zc @ chunk
        return total

    return lambda: run_in_threads(run_products, len(runs))


def full_step(n: int, d: int, k: int, dtype: str, threads: int) -> Callable[[], object]:
    """One cost-and-gradient pass of the engine at some weights, counting the errors a step reports."""
    X, y = problem(n, d, dtype)
    loss = get_loss("softmax-cross-entropy" if k > 2 else "cross-entropy")
    if k > 2:
        y = np.random.default_rng(1).integers(0, k, n)
    T = loss.encode(y, k, X.dtype)
    rng = np.random.default_rng(2)
    k_out = k if loss.multiclass else 1
    params = Params((0.01 * rng.standard_normal((k_out, d))).astype(dtype), np.zeros(k_out, dtype=dtype))
    return X, params.W, lambda: cost_and_grad(params, X, T, loss, 0.0, threads, labels=y)


def bare_gradient_step(X: np.ndarray, y: np.ndarray, lr: float) -> Callable[[], None]:
    """The least a gradient step of logistic regression does: z = X w + b, sigmoid, gradient, update."""
    w, b, t, n = np.zeros(X.shape[1]), 0.0, y.astype(np.float64), len(y)

    def step() -> None:
        nonlocal w, b
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        g = p - t
        w = w - lr * (g @ X) / n
        b = b - lr * g.mean()

    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=default_threads(), help="threads of the step and of the read")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows (checks the script, not the figures)")
    args = parser.parse_args()
    print(f"threads {args.threads}; medians of {args.repeats} interleaved runs")
    for n, d, k, dtype, target in CASES:
        n = n // 10 if args.quick else n
        X, W, step = full_step(n, d, k, dtype, args.threads)
        read, floor = one_read(X, args.threads), products_only(X, W, args.threads)
        step_s, read_s, floor_s = medians_of_interleaved([step, read, floor], args.repeats)
        verdict = f"target <= {target}: {'met' if step_s / read_s <= target else 'NOT met'}" if target else "reported"
        print(
            f"{n:>9} x {d:<5} K={k:<3} {dtype:8} step {step_s * 1e3:8.2f} ms   one read {read_s * 1e3:7.2f} ms"
            f"   ratio {step_s / read_s:5.2f}   floor {floor_s / read_s:5.2f}   ({verdict})"
        )
        del X, W, step, read, floor
    data = prepare(load_dataset("breast_cancer"))
    trainer = Trainer(data.train.X, data.train.y, 2, TrainConfig(epochs=10**9))
    bare = bare_gradient_step(data.train.X, data.train.y, trainer.lr)
    many = 200  # per timing: one step is tens of microseconds
    ours, theirs = interleaved_medians(
        lambda: [trainer.step() for _ in range(many)], lambda: [bare() for _ in range(many)], args.repeats
    )
    ratio = ours / theirs
    print(
        f"breast_cancer Trainer.step() {ours / many * 1e6:6.1f} us   bare NumPy step {theirs / many * 1e6:6.1f} us"
        f"   ratio {ratio:4.2f}   (target <= {SMALL_STEP_TARGET}: {'met' if ratio <= SMALL_STEP_TARGET else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
