"""Minibatch SGD epochs per second: the engine's Trainer against scikit-learn, in one run.

Both run logistic regression (cross-entropy, no penalty) by SGD over the same data for the same
epochs: scikit-learn's SGDClassifier(log_loss) one example at a time, the Trainer by batches of
512. Prints epochs/s (everything from the data in memory to the last epoch: our once-per-run
shuffle included), the ratio against scikit-learn next to its target (issue 14: 3x in float64,
5x in float32) and the objective's cost J at each one's final weights, which must be the same
or lower than scikit-learn's. Needs scikit-learn (`pip install '.[bench]'`).

    python benchmarks/versus_sklearn.py [--rows 1000000] [--features 100] [--batch-size 512] [--epochs 5]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from common import problem
from sklearn.linear_model import SGDClassifier

from engine import TrainConfig, Trainer, get_loss
from engine.objective import Params, cost

TARGETS = {"float64": 3.0, "float32": 5.0}


def engine_run(X: np.ndarray, y: np.ndarray, batch_size: int, epochs: int, lr: float, dtype: str) -> tuple[float, Params]:
    """Seconds for `epochs` epochs of minibatch SGD, and the final weights."""
    start = time.perf_counter()
    trainer = Trainer(X, y, 2, TrainConfig(lr=lr, epochs=epochs, batch_size=batch_size, dtype=dtype))
    trainer.run()
    return time.perf_counter() - start, trainer.params


def sklearn_run(X: np.ndarray, y: np.ndarray, epochs: int) -> tuple[float, Params]:
    model = SGDClassifier(loss="log_loss", learning_rate="constant", eta0=0.01, alpha=0.0, max_iter=epochs, tol=None, random_state=0)
    start = time.perf_counter()
    model.fit(X, y)
    seconds = time.perf_counter() - start
    return seconds, Params(model.coef_.astype(X.dtype), model.intercept_.astype(X.dtype))


def final_cost(params: Params, X: np.ndarray, y: np.ndarray) -> float:
    """J = mean cross-entropy at `params` on the training data, in float64 for both."""
    loss = get_loss("cross-entropy")
    as64 = Params(*(np.asarray(leaf, dtype=np.float64) for leaf in params))
    return cost(as64, X, loss.encode(y, 2, np.float64), loss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=1.0, help="the Trainer's learning rate (scikit-learn: eta0 0.01)")
    args = parser.parse_args()
    X, y = problem(args.rows, args.features)
    theirs, their_params = sklearn_run(X, y, args.epochs)
    their_cost = final_cost(their_params, X, y)
    print(f"X: {args.rows} x {args.features}, {args.epochs} epochs each, batch {args.batch_size}, lr {args.lr}")
    print(f"scikit-learn SGDClassifier(log_loss)  float64: {args.epochs / theirs:6.2f} epochs/s   final cost {their_cost:.6f}")
    for dtype, target in TARGETS.items():
        seconds, params = engine_run(X.astype(dtype), y, args.batch_size, args.epochs, args.lr, dtype)
        ratio = theirs / seconds
        ours = final_cost(params, X, y)
        print(
            f"tui-clf Trainer                       {dtype}: {args.epochs / seconds:6.2f} epochs/s   final cost {ours:.6f}"
            f"   ratio {ratio:4.1f}x (target {target:.0f}x: {'met' if ratio >= target else 'NOT met'})"
            f"   cost {'<=' if ours <= their_cost else '>'} scikit-learn's"
        )


if __name__ == "__main__":
    main()
