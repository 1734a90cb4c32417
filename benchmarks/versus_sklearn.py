"""Minibatch SGD epochs per second: the engine's Trainer against scikit-learn, in one run.

Both run logistic regression (cross-entropy) by plain SGD over the same data, one epoch at a
time, and report epochs/s and the training accuracy reached. Needs scikit-learn
(`pip install '.[bench]'`).

    python benchmarks/versus_sklearn.py [--rows 1000000] [--features 100] [--batch-size 512]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from common import problem
from sklearn.linear_model import SGDClassifier

from engine import TrainConfig, Trainer

EPOCHS = 3


def engine_epochs_per_second(X: np.ndarray, y: np.ndarray, batch_size: int, dtype: str) -> tuple[float, float]:
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.1, epochs=EPOCHS, batch_size=batch_size, dtype=dtype))
    start = time.perf_counter()
    trainer.run()
    seconds = time.perf_counter() - start
    return EPOCHS / seconds, 1 - trainer.evaluate().train_error


def sklearn_epochs_per_second(X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    model = SGDClassifier(loss="log_loss", learning_rate="constant", eta0=0.01, alpha=0.0, max_iter=EPOCHS, tol=None, random_state=0)
    start = time.perf_counter()
    model.fit(X, y)
    seconds = time.perf_counter() - start
    return EPOCHS / seconds, float(model.score(X, y))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=512)
    args = parser.parse_args()
    X, y = problem(args.rows, args.features)
    theirs, their_accuracy = sklearn_epochs_per_second(X, y)
    print(f"X: {args.rows} x {args.features}, {EPOCHS} epochs each")
    print(f"scikit-learn SGDClassifier(log_loss) float64: {theirs:6.2f} epochs/s, accuracy {their_accuracy:.4f}")
    for dtype in ("float64", "float32"):
        ours, accuracy = engine_epochs_per_second(X.astype(dtype), y, args.batch_size, dtype)
        print(
            f"tui-clf Trainer, batch {args.batch_size}, {dtype}:  {ours:6.2f} epochs/s, accuracy {accuracy:.4f}"
            f"   ratio {ours / theirs:.1f}x"
        )


if __name__ == "__main__":
    main()
