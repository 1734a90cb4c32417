"""The step-wise trainer: each call to `step()` performs exactly one gradient update.

Shapes: X (N, D), integer labels y (N,) in 0..K-1; the weights are Params(W (K, D), b (K,))
with K = 1 for a binary loss. Everything the trainer remembers between steps lives in one
immutable `Progress` record whose arrays are never written in place, so `snapshot()` can hand
it to another thread as it is and `restore()` can resume from it bit for bit.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, replace
from typing import Any, Iterator

import numpy as np

from engine.errors import ConfigError, DataError
from engine.losses import Loss, get_loss
from engine.objective import Params, cost_and_grad, scores
from engine.optim import add, make_optimizer, squared_norm
from engine.records import StepRecord, Stop, StopKind
from engine.train_config import TrainConfig

ZERO_ONE_IS_FLAT = (
    "the 0-1 loss is flat almost everywhere: its gradient is 0, so gradient descent cannot move "
    "the weights (lecture 2.1); train a surrogate such as cross-entropy"
)
# A cost this many times the first one counts as diverged even before it overflows.
DIVERGENCE_FACTOR = 1e3
# Features whose standard deviations reach this, or differ this many times, are called unscaled.
UNSCALED = 100.0


@dataclass(frozen=True)
class Progress:
    """Everything that changes from step to step; immutable, safe to share between threads."""

    params: Params
    opt_state: Any
    previous: Progress | None = None
    steps: int = 0
    epochs_done: int = 0
    position: int = 0
    epoch_cost_sum: float = 0.0
    epoch_batches: int = 0
    epoch_gradients_zero: bool = True
    last_epoch_cost: float | None = None
    first_cost: float | None = None
    best_val_cost: float = math.inf
    best_params: Params | None = None
    evals_since_best: int = 0


@dataclass(frozen=True)
class Evaluation:
    """Cost and error rate of the current weights on the training and validation sets."""

    train_cost: float
    train_error: float
    val_cost: float | None
    val_error: float | None


@dataclass(frozen=True)
class RunResult:
    """The records of a run and why it stopped (None if it was stopped from outside)."""

    records: tuple[StepRecord, ...]
    stop: Stop | None


def initial_params(n_outputs: int, n_features: int, config: TrainConfig) -> Params:
    """W ~ N(0, init_scale^2) drawn from the seed, b = 0."""
    rng = np.random.default_rng(config.seed)
    W = rng.normal(0.0, config.init_scale, size=(n_outputs, n_features)).astype(config.dtype)
    return Params(W, np.zeros(n_outputs, dtype=config.dtype))


def check_loss_fits(loss: Loss, n_classes: int) -> None:
    """Refuse data the loss cannot train on, with the fix in the message."""
    if n_classes < 2:
        raise DataError(f"the data has {n_classes} class; a classifier needs at least two")
    if n_classes > 2 and not loss.multiclass:
        raise DataError(
            f"the {loss.name} loss is binary but the data has {n_classes} classes: "
            "use softmax-cross-entropy, or choose a positive class for one-vs-rest (--positive-class)"
        )


class Trainer:
    """Trains a linear classifier one update at a time; see the module docstring for shapes."""

    def __init__(
        self,
        X: np.ndarray,
        y: np.ndarray,
        n_classes: int,
        config: TrainConfig,
        X_val: np.ndarray | None = None,
        y_val: np.ndarray | None = None,
    ) -> None:
        self.config = config
        self.loss = get_loss(config.loss)
        check_loss_fits(self.loss, n_classes)
        self.n_classes = n_classes
        self._X, self._y, self._T = self._arrays(X, y)
        self._val = None if X_val is None or len(X_val) == 0 else self._arrays(X_val, y_val)
        self._optimizer = make_optimizer(config.optimizer, momentum=config.momentum, nesterov=config.nesterov)
        n_outputs = n_classes if self.loss.multiclass else 1
        self._initial = initial_params(n_outputs, self._X.shape[1], config)
        self._lr = config.lr
        self._feature_scales = _feature_scales(self._X)
        self._order: tuple[int, np.ndarray] | None = None
        self.reset()

    def _arrays(self, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        X = np.ascontiguousarray(X, dtype=self.config.dtype)
        y = np.asarray(y, dtype=np.intp)
        return X, y, self.loss.encode(y, self.n_classes, X.dtype)

    @property
    def n_train(self) -> int:
        return int(self._X.shape[0])

    @property
    def batch_size(self) -> int:
        """Rows per step; the whole training set when the config says full batch."""
        return min(self.config.batch_size or self.n_train, self.n_train)

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(self.n_train / self.batch_size)

    @property
    def lr(self) -> float:
        """The learning rate of the next step; may be changed between steps."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        if not value > 0:
            raise ConfigError(f"the learning rate must be positive, got {value}")
        self._lr = float(value)

    @property
    def params(self) -> Params:
        """The current weights (read-only arrays)."""
        return self._progress.params

    @property
    def steps(self) -> int:
        return self._progress.steps

    @property
    def epochs_done(self) -> int:
        return self._progress.epochs_done

    @property
    def notes(self) -> tuple[str, ...]:
        """Things a person should know before training with this loss."""
        if self.loss.name == "zero-one":
            return (f"{ZERO_ONE_IS_FLAT[0].upper()}{ZERO_ONE_IS_FLAT[1:]}.",)
        return ()

    def reset(self) -> None:
        """Back to the initial weights of the seed, as if no step had been taken."""
        self._lr = self.config.lr
        self._progress = Progress(
            params=_read_only(self._initial), opt_state=self._optimizer.init(self._initial)
        )

    def snapshot(self) -> Progress:
        """The trainer's state: immutable, so another thread may keep and read it."""
        return self._progress

    def restore(self, progress: Progress) -> None:
        """Resume from a snapshot taken of this trainer."""
        self._progress = progress

    def step(self) -> StepRecord:
        """One update: cost and gradient at the current weights, then the optimiser's step."""
        start = time.perf_counter()
        p = self._progress
        X, T, y = self._batch(p)
        result = cost_and_grad(p.params, X, T, self.loss, self.config.l2)
        grad_norm = math.sqrt(squared_norm(result.grad))
        train_error = float(np.mean(self.loss.predict(result.z) != y))
        measure_val = self._val is not None and (self.config.batch_size is None or p.position == 0)
        val_cost, val_error = self._measure(p.params, *self._val) if measure_val else (None, None)
        stop = self._divergence(p, result.cost, grad_norm)
        if stop is not None:
            self._progress = self._rolled_back(p.previous or p)
        else:
            updates, opt_state = self._optimizer.update(result.grad, p.opt_state, p.params, self._lr)
            params = add(p.params, updates)
            if all(np.isfinite(leaf).all() for leaf in params):
                self._progress, stop = self._advance(p, params, opt_state, result.cost, grad_norm, val_cost, X.shape[0])
            else:
                stop = self._diverged("the weights became infinite", p.steps + 1)
                self._progress = self._rolled_back(p)
        return StepRecord(
            step=p.steps + 1,
            epoch=p.epochs_done + 1,
            train_cost=result.cost,
            train_error=train_error,
            val_cost=val_cost,
            val_error=val_error,
            grad_norm=grad_norm,
            seconds=time.perf_counter() - start,
            lr=self._lr,
            stop=stop,
        )

    def iter_steps(self, max_steps: int | None = None) -> Iterator[StepRecord]:
        """Yield one record per step until a stop rule fires, the budget is spent or `max_steps`."""
        if self.budget_spent:
            return
        for _ in range(max_steps) if max_steps is not None else itertools.count():
            record = self.step()
            yield record
            if record.stop:
                return

    def run(self, max_steps: int | None = None) -> RunResult:
        """Step until a stop rule fires, the epoch budget is spent or `max_steps` have run."""
        if self.budget_spent:
            return RunResult((), Stop(StopKind.FINISHED, f"all {self.config.epochs} epochs are done"))
        records = tuple(self.iter_steps(max_steps))
        return RunResult(records, records[-1].stop if records else None)

    @property
    def budget_spent(self) -> bool:
        """True once the config's epochs are done."""
        return self._progress.epochs_done >= self.config.epochs

    def evaluate(self) -> Evaluation:
        """Cost and error of the current weights on the whole training and validation sets."""
        train_cost, train_error = self._measure(self.params, self._X, self._y, self._T)
        val_cost, val_error = self._measure(self.params, *self._val) if self._val else (None, None)
        return Evaluation(train_cost, train_error, val_cost, val_error)

    def _measure(self, params: Params, X: np.ndarray, y: np.ndarray, T: np.ndarray) -> tuple[float, float]:
        z = scores(params, X, self.loss)
        with np.errstate(over="ignore", invalid="ignore"):
            cost = float(self.loss.value(z, T).mean())
        return cost, float(np.mean(self.loss.predict(z) != y))

    def _batch(self, p: Progress) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self.batch_size == self.n_train:
            return self._X, self._T, self._y
        rows = self._epoch_order(p.epochs_done)[p.position : p.position + self.batch_size]
        return self._X[rows], self._T[rows], self._y[rows]

    def _epoch_order(self, epoch: int) -> np.ndarray:
        # Derived from (seed, epoch) alone, so a restored snapshot shuffles as the original did.
        if self._order is None or self._order[0] != epoch:
            self._order = (epoch, np.random.default_rng([self.config.seed, epoch]).permutation(self.n_train))
        return self._order[1]

    def _advance(
        self,
        p: Progress,
        params: Params,
        opt_state: Any,
        cost: float,
        grad_norm: float,
        val_cost: float | None,
        batch_rows: int,
    ) -> tuple[Progress, Stop | None]:
        """The progress after a good update, and the stop rule that fired, if any."""
        position = p.position + batch_rows
        epoch_ended = position >= self.n_train
        q = replace(
            p,
            params=_read_only(params),
            opt_state=opt_state,
            previous=replace(p, previous=None),  # one step back, not a chain of every step
            steps=p.steps + 1,
            epochs_done=p.epochs_done + epoch_ended,
            position=0 if epoch_ended else position,
            epoch_cost_sum=0.0 if epoch_ended else p.epoch_cost_sum + cost,
            epoch_batches=0 if epoch_ended else p.epoch_batches + 1,
            epoch_gradients_zero=True if epoch_ended else p.epoch_gradients_zero and grad_norm == 0,
            first_cost=cost if p.first_cost is None else p.first_cost,
        )
        if epoch_ended:
            q = replace(q, last_epoch_cost=(p.epoch_cost_sum + cost) / (p.epoch_batches + 1))
        # One batch can have a zero gradient by itself; a whole epoch of them cannot move at all.
        flat_epoch = epoch_ended and p.epoch_gradients_zero and grad_norm == 0
        stop = (self._zero_gradient(q.last_epoch_cost, q.steps) if flat_epoch else None) or self._converged(
            p, q, grad_norm, epoch_ended
        )
        if stop is None and val_cost is not None and self.config.patience:
            q, stop = self._early_stopping(p, q, val_cost)
        if stop is None and epoch_ended and q.epochs_done == self.config.epochs:
            stop = Stop(StopKind.FINISHED, f"all {self.config.epochs} epochs are done")
        return q, stop

    def _zero_gradient(self, cost: float, step: int) -> Stop:
        """The stop for an epoch whose every gradient was exactly 0; `cost` is the epoch's mean."""
        if cost == 0:
            return Stop(StopKind.CONVERGED, f"cost and gradient are exactly 0 at step {step}")
        if self.loss.name == "zero-one":
            return Stop(StopKind.ZERO_GRADIENT, ZERO_ONE_IS_FLAT)
        return Stop(StopKind.ZERO_GRADIENT, f"the gradient is exactly 0 at step {step} though the cost is {cost:.4g}")

    def _converged(self, p: Progress, q: Progress, grad_norm: float, epoch_ended: bool) -> Stop | None:
        tol = self.config.tol
        if not tol:
            return None
        if self.config.batch_size is None:
            if grad_norm <= tol:
                return Stop(StopKind.CONVERGED, f"gradient norm {grad_norm:.3g} <= tol {tol:g} at step {q.steps}")
            return None
        if epoch_ended and p.last_epoch_cost is not None:
            change = abs(p.last_epoch_cost - q.last_epoch_cost) / max(abs(p.last_epoch_cost), 1.0)
            if change < tol:
                return Stop(StopKind.CONVERGED, f"epoch mean cost changed by {change:.3g} < tol {tol:g}")
        return None

    def _early_stopping(self, p: Progress, q: Progress, val_cost: float) -> tuple[Progress, Stop | None]:
        """Remember the best validation cost; after `patience` evaluations without it, go back to it."""
        if val_cost < p.best_val_cost:  # False for nan and inf: only finite costs count as best
            return replace(q, best_val_cost=val_cost, best_params=p.params, evals_since_best=0), None
        q = replace(q, evals_since_best=p.evals_since_best + 1)
        if q.evals_since_best < self.config.patience:
            return q, None
        if p.best_params is None:
            message = f"validation cost was never finite in {self.config.patience} evaluations; kept the current weights"
            return q, Stop(StopKind.EARLY_STOPPED, message)
        stop = Stop(
            StopKind.EARLY_STOPPED,
            f"validation cost has not improved for {self.config.patience} evaluations; "
            f"restored the best weights (validation cost {p.best_val_cost:.4g})",
        )
        return replace(q, params=p.best_params), stop

    def _divergence(self, p: Progress, cost: float, grad_norm: float) -> Stop | None:
        step = p.steps + 1
        if not math.isfinite(cost):
            return self._diverged(f"the cost became {cost}", step)
        if not math.isfinite(grad_norm):
            return self._diverged(f"the gradient became {'nan' if math.isnan(grad_norm) else 'inf'}", step)
        if p.first_cost is not None and cost > DIVERGENCE_FACTOR * max(p.first_cost, 1.0):
            return self._diverged(f"the cost grew from {p.first_cost:.3g} to {cost:.3g}", step)
        return None

    def _rolled_back(self, good: Progress) -> Progress:
        """Back to the progress of the last good weights (step count included), with a fresh optimiser state."""
        return replace(good, opt_state=self._optimizer.init(good.params))

    def _diverged(self, what: str, step: int) -> Stop:
        """A divergence stop whose message names the likely cause and the fix."""
        where = f"{what} at step {step}"
        if self.loss.name == "cross-entropy-naive":
            advice = (
                "the naive cross-entropy overflowed: sigma(z) rounded to 0 or 1 and log(0) = -inf "
                "(lecture Eq. 15-16); use cross-entropy, the stable form"
            )
        elif (scales := self._feature_scales)[1] >= UNSCALED * min(scales[0], 1.0):
            advice = (
                f"the features are unscaled (column standard deviations from {scales[0]:.3g} to {scales[1]:.3g}): "
                "standardise them, or lower the learning rate"
            )
        else:
            advice = f"the learning rate {self._lr:g} is too large: try {self._lr / 10:g}"
        return Stop(StopKind.DIVERGED, f"diverged: {where}; {advice}; kept the last good weights")


def _feature_scales(X: np.ndarray) -> tuple[float, float]:
    """The smallest and largest standard deviation among the non-constant feature columns."""
    std = X.std(axis=0)
    std = std[std > 0]
    return (float(std.min()), float(std.max())) if std.size else (1.0, 1.0)


def _read_only(params: Params) -> Params:
    """Copies that nobody can write to, so a shared snapshot never changes under a reader."""
    leaves = []
    for leaf in params:
        leaf = np.array(leaf, copy=True)
        leaf.flags.writeable = False
        leaves.append(leaf)
    return Params(*leaves)
