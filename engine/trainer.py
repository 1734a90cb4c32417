"""The step-wise trainer: each call to `step()` performs exactly one gradient update.

Record k describes the weights after update k (record 0, `current_record()` before the
first step, the initial weights): their cost J, mean loss and error on the batch the next update uses (the whole
training set when full batch), and their validation numbers. So a run's last record is the
cost of the weights it ended with, and with full batches it equals `evaluate()` exactly.

Shapes: X (N, D), integer labels y (N,) in 0..K-1; the weights are Params(W (K, D), b (K,))
with K = 1 for a binary loss. Everything the trainer remembers between steps lives in one
immutable `Progress` record whose arrays are never written in place, so `snapshot()` can hand
it to another thread as it is and `restore()` can resume from it bit for bit.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import replace
from typing import Any, Iterator

import numpy as np

from engine.batch_objective import BatchObjective
from engine.curvature import lipschitz_of
from engine.divergence import divergence_advice
from engine.errors import ConfigError, DataError
from engine.learning_rate import AutoRate, auto_learning_rate, is_auto
from engine.losses import Loss, get_loss
from engine.hessian import check_newton_fits, hessian
from engine.least_squares import least_squares
from engine.objective import Params, cost
from engine.optim import LINE_SEARCH_OPTIMIZERS, add, make_optimizer
from engine.progress import NOWHERE, Evaluation, Point, Progress, RunResult, measured_whole
from engine.records import StepRecord, Stop, StopKind, step_record
from engine.schedules import Schedule
from engine.train_config import TrainConfig
from engine.training_rows import InMemoryRows, TrainingRows

ZERO_ONE_IS_FLAT = (
    "the 0-1 loss is flat almost everywhere: its gradient is 0, so gradient descent cannot move "
    "the weights (lecture 2.1); train a surrogate such as cross-entropy"
)
# A cost this many times the first one counts as diverged even before it overflows.
DIVERGENCE_FACTOR = 1e3


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
        loss = get_loss(config.loss)
        val = None if X_val is None or len(X_val) == 0 else InMemoryRows.of(X_val, y_val, loss, n_classes, config.dtype)
        self._start(InMemoryRows.of(X, y, loss, n_classes, config.dtype, config.threads), n_classes, config, val)

    @classmethod
    def on_rows(cls, rows: TrainingRows, n_classes: int, config: TrainConfig, val: TrainingRows | None = None) -> Trainer:
        """A Trainer on rows that live elsewhere (a streamed file, a cluster), validating on `val`."""
        trainer = cls.__new__(cls)
        trainer._start(rows, n_classes, config, val)
        return trainer

    def _start(self, rows: TrainingRows, n_classes: int, config: TrainConfig, val: TrainingRows | None) -> None:
        self.config = config
        self.loss = get_loss(config.loss)
        check_loss_fits(self.loss, n_classes)
        self.n_classes = n_classes
        self._use_rows(rows)
        self._val = val
        self._optimizer = make_optimizer(config.optimizer, momentum=config.momentum, nesterov=config.nesterov)
        n_outputs = n_classes if self.loss.multiclass else 1
        if config.optimizer == "newton":
            check_newton_fits(self.loss.name, n_outputs, rows.n_features)
            self._arrays_for("Newton's method")  # refused now, not at the first step
        self._initial = initial_params(n_outputs, rows.n_features, config)
        self._lipschitz: tuple[float | None] | None = None
        self._auto_rate: AutoRate | None = None
        self._schedule = Schedule(config.schedule, config.epochs, config.decay, config.step_every, config.step_factor)
        self.reset()

    def _use_rows(self, rows: TrainingRows) -> None:
        """Train on `rows` from now on; their sizes are kept as numbers, read several times a step."""
        self._rows = rows
        self._n_train = rows.n_rows
        self._batch_size = min(self.config.batch_size or self._n_train, self._n_train)

    @property
    def n_train(self) -> int:
        return self._n_train

    @property
    def batch_size(self) -> int:
        """Rows per step; the whole training set when the config says full batch."""
        return self._batch_size

    @property
    def full_batch(self) -> bool:
        return self._batch_size == self._n_train

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(self.n_train / self.batch_size)

    @property
    def lr(self) -> float:
        """The base learning rate (the schedule's lr0; `auto` resolved to its number); may be
        changed between steps, to a number or to "auto"."""
        return self._lr

    @lr.setter
    def lr(self, value: float | str) -> None:
        if is_auto(value):
            value = self.auto_rate.lr
        if isinstance(value, str) or not value > 0:
            raise ConfigError(f"the learning rate must be auto or a positive number, got {value}")
        self._lr = float(value)

    @property
    def auto_rate(self) -> AutoRate:
        """The rate `auto` stands for on this training data (engine.learning_rate), found once."""
        if self._auto_rate is None:
            config = self.config
            self._auto_rate = auto_learning_rate(
                self._rows, config.loss, config.optimizer, config.l2, self.batch_size, lambda: self.lipschitz
            )
        return self._auto_rate

    def scheduled_lr(self) -> float:
        """The learning rate the next step uses: the schedule's rate at the current epoch."""
        p = self._progress
        return self._schedule.rate(self._lr, p.epochs_done + p.position / self._n_train)

    @property
    def lipschitz(self) -> float | None:
        """L of the training cost's gradient, estimated once from the data; None for hinge and zero-one."""
        if self._lipschitz is None:
            self._lipschitz = (lipschitz_of(self._rows.gram_eigenvalue, self.loss.name, self.config.l2),)
        return self._lipschitz[0]

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
        self._lr = self.auto_rate.lr if is_auto(self.config.lr) else float(self.config.lr)
        self._progress = Progress(params=_read_only(self._initial), opt_state=self._optimizer.init(self._initial))

    def snapshot(self) -> Progress:
        """The trainer's state: immutable, so another thread may keep and read it."""
        return self._progress

    def restore(self, progress: Progress) -> None:
        """Resume from a snapshot taken of this trainer."""
        self._progress = progress

    def use_training_data(self, X: np.ndarray, y: np.ndarray) -> None:
        """Train on X (N', D), y (N',) from the next step on; the weights, the optimiser state, the step
        count and the validation set stay (the data must be prepared as the old rows were).

        The current weights are measured again on the new rows, so the fallback for a divergence
        starts from them; an epoch whose position lies past the new end counts as ended. A trainer
        running at `auto` goes on at the rate `auto` chooses for the new rows.
        """
        rows = InMemoryRows.of(X, y, self.loss, self.n_classes, self.config.dtype, self.config.threads)
        d = self._rows.n_features
        if rows.X.ndim != 2 or rows.n_features != d or len(rows.y) != rows.n_rows or not rows.n_rows:
            raise DataError(f"new training data must be (N, {d}) with N > 0 labels, got {rows.X.shape}")
        at_auto = self._auto_rate is not None and self._lr == self._auto_rate.lr
        self._use_rows(rows)
        self._lipschitz, self._auto_rate = None, None
        if at_auto:
            self._lr = self.auto_rate.lr
        p = replace(self._progress, point=None)
        if p.position >= self.n_train:
            p = replace(p, epochs_done=p.epochs_done + 1, position=0, epoch_cost_sum=0.0, epoch_batches=0)
        self._progress = p

    def current_record(self) -> StepRecord:
        """A record of the current weights as step `steps` (record 0 before the first step),
        measured as every step's record measures the weights it produced."""
        p = self._measured()
        val = self._measure(p.params, self._val)
        return _record(p.steps, p.epochs_done, p.point, val, 0.0, self.scheduled_lr(), None)

    def step(self) -> StepRecord:
        """One update with the gradient at the current weights; the record measures the new weights.

        The new weights' cost and gradient on the next batch come from the pass that the next
        step needs anyway. A non-finite or exploding cost rejects the update and falls back to
        the best weights seen; the record then carries the rejected numbers and the stop.
        """
        start = time.perf_counter()
        p = self._measured()
        here = p.point
        step, epoch, lr = p.steps + 1, p.epochs_done + 1, self.scheduled_lr()
        if not here.finite:
            stop = self._diverged(f"the cost is {here.cost} at the weights of step {p.steps}", p, lr)
            return _record(step, epoch, here, (None, None, None), time.perf_counter() - start, lr, stop)
        objective = None
        if self.config.optimizer in LINE_SEARCH_OPTIMIZERS:
            # The line search measures trial weights; the accepted one is the record's point.
            rows = self._batch(p)
            objective = BatchObjective(
                lambda params: rows.point(params, self.loss, self.config.l2),
                lambda params: hessian(params, *self._arrays_for("Newton's method"), self.loss, self.config.l2),
            )
            updates, opt_state = self._optimizer.update(here.grad, p.opt_state, p.params, here.cost, objective)
            lr = opt_state.step_length
        else:
            updates, opt_state = self._optimizer.update(here.grad, p.opt_state, p.params, lr)
        params = add(p.params, updates)
        q = self._moved(p, params, opt_state, here)
        there = (objective and objective.measured(params)) or self._point(q)
        if not there.finite and not _all_finite(params):
            there = NOWHERE  # nothing about overflowed weights is finite, whatever the pass made of them
        measure_val = self._val is not None and (self.full_batch or q.position == 0)
        val = self._measure(q.params, self._val if measure_val else None)
        stop = self._divergence(q, there, step)
        if stop is None:
            self._progress, stop = self._advance(p, q, there, here, val[0])
        else:
            stop = self._diverged(stop, p, lr)
        return _record(step, epoch, there, val, time.perf_counter() - start, lr, stop)

    def least_squares(self) -> Params:
        """The exact optimum of the squared-error cost on the whole training set (lecture 2.2)."""
        if self.loss.name != "squared-error":
            raise ConfigError(f"the exact solver solves squared-error (lecture 2.2), not {self.loss.name}")
        return least_squares(*self._arrays_for("the exact solver"), self.config.l2)

    def least_squares_cost(self) -> float:
        """J at `least_squares()`: the lowest training cost any squared-error run can reach."""
        return cost(self.least_squares(), *self._arrays_for("the exact solver"), self.loss, self.config.l2)

    def solve_exactly(self) -> StepRecord:
        """One step straight to `least_squares()`, whose record (lr 1: the whole way) ends the run as converged."""
        start = time.perf_counter()
        p = self._measured()
        q = self._moved(p, self.least_squares(), p.opt_state, p.point)
        q = replace(q, point=self._point(q))
        self._progress = replace(q, best=q.alone())
        val = self._measure(q.params, self._val)
        stop = Stop(StopKind.CONVERGED, f"solved the normal equations of least squares (gradient norm {q.point.grad_norm:.2g})")
        return _record(q.steps, p.epochs_done + 1, q.point, val, time.perf_counter() - start, 1.0, stop)

    def _arrays_for(self, what: str) -> tuple[np.ndarray, np.ndarray]:
        """X (N, D) and the targets T of the training rows, for `what` needs all of X at once."""
        if not isinstance(self._rows, InMemoryRows):
            raise ConfigError(f"{what} needs the training data in memory, not read chunk by chunk (--stream, --cluster)")
        return self._rows.X, self._rows.T

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
        """J, mean loss and error of the current weights on the whole training and validation sets."""
        p = self._progress
        if self.full_batch:
            point = self._measured().point
            train = (point.cost, point.loss, point.error)
        else:
            train = self._measure(p.params, self._rows)
        val = self._measure(p.params, self._val)
        return Evaluation(*train, *val)

    def final_record(self) -> StepRecord:
        """The record of the weights this trainer holds, measured on the whole training and
        validation sets (as `evaluate()`): how a run's history and curves end."""
        return measured_whole(self.current_record(), self.evaluate())

    def _measured(self) -> Progress:
        """The current progress with its point measured (the first time: the initial weights)."""
        p = self._progress
        if p.point is None:
            point = self._point(p)
            p = replace(p, point=point, first_cost=point.cost if p.first_cost is None else p.first_cost)
            self._progress = p = replace(p, best=p.alone() if point.finite else None)
        return p

    def _point(self, p: Progress) -> Point:
        """Cost, loss, error and gradient at p.params on the batch p's next step uses."""
        return self._batch(p).point(p.params, self.loss, self.config.l2)

    def _measure(self, params: Params, rows: TrainingRows | None) -> tuple[float | None, float | None, float | None]:
        """(J, mean loss, error rate) of `params` on `rows`; Nones without rows."""
        return (None, None, None) if rows is None else rows.measure(params, self.loss, self.config.l2)

    def _batch(self, p: Progress) -> TrainingRows:
        if self._batch_size == self._n_train:
            return self._rows
        return self._rows.batch(p.epochs_done, p.position, self._batch_size, self.config.seed)

    def _moved(self, p: Progress, params: Params, opt_state: Any, here: Point) -> Progress:
        """The progress after an update from p with the gradient of `here`, not yet measured."""
        position = p.position + min(self._batch_size, self._n_train - p.position)
        epoch_ended = position >= self._n_train
        epoch_cost = p.epoch_cost_sum + here.cost
        return p.but(
            params=_frozen(params),
            opt_state=opt_state,
            point=None,
            steps=p.steps + 1,
            epochs_done=p.epochs_done + epoch_ended,
            position=0 if epoch_ended else position,
            epoch_cost_sum=0.0 if epoch_ended else epoch_cost,
            epoch_batches=0 if epoch_ended else p.epoch_batches + 1,
            epoch_gradients_zero=True if epoch_ended else p.epoch_gradients_zero and here.grad_norm == 0,
            last_epoch_cost=epoch_cost / (p.epoch_batches + 1) if epoch_ended else p.last_epoch_cost,
        )

    def _advance(
        self, p: Progress, q: Progress, there: Point, here: Point, val_cost: float | None
    ) -> tuple[Progress, Stop | None]:
        """Accept q, the progress after p, measured at `there`; return it (or what a stop rule went
        back to) and the stop."""
        q = _measured_at(q, there)
        epoch_ended = q.epochs_done > p.epochs_done
        # One batch can have a zero gradient by itself; a whole epoch of them cannot move at all.
        flat_epoch = epoch_ended and p.epoch_gradients_zero and here.grad_norm == 0
        stop = (self._zero_gradient(q.last_epoch_cost, q.steps) if flat_epoch else None) or self._converged(
            p, q, epoch_ended
        )
        if stop is None and val_cost is not None and self.config.patience:
            q, stop = self._early_stopping(q, val_cost)
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

    def _converged(self, p: Progress, q: Progress, epoch_ended: bool) -> Stop | None:
        tol = self.config.tol
        if not tol:
            return None
        if self.full_batch:
            if q.point.grad_norm <= tol:
                return Stop(StopKind.CONVERGED, f"gradient norm {q.point.grad_norm:.3g} <= tol {tol:g} at step {q.steps}")
            return None
        if epoch_ended and p.last_epoch_cost is not None:
            change = abs(p.last_epoch_cost - q.last_epoch_cost) / max(abs(p.last_epoch_cost), 1.0)
            if change < tol:
                return Stop(StopKind.CONVERGED, f"epoch mean cost changed by {change:.3g} < tol {tol:g}")
        return None

    def _early_stopping(self, q: Progress, val_cost: float) -> tuple[Progress, Stop | None]:
        """Remember the best validation cost; after `patience` evaluations without it, go back to it."""
        if val_cost < q.best_val_cost:  # False for nan and inf: only finite costs count as best
            return replace(q, best_val_cost=val_cost, best_val=q.alone(), evals_since_best=0), None
        q = replace(q, evals_since_best=q.evals_since_best + 1)
        if q.evals_since_best < self.config.patience:
            return q, None
        if q.best_val is None:
            message = f"validation cost was never finite in {self.config.patience} evaluations; kept the current weights"
            return q, Stop(StopKind.EARLY_STOPPED, message)
        stop = Stop(
            StopKind.EARLY_STOPPED,
            f"validation cost has not improved for {self.config.patience} evaluations; "
            f"went back to the best weights (step {q.best_val.steps}, validation cost {q.best_val_cost:.4g})",
        )
        return self._fallen_back_to(q.best_val), stop

    def _divergence(self, q: Progress, there: Point, step: int) -> str | None:
        """What went wrong with the weights of `step`, or None if nothing did."""
        if not math.isfinite(there.cost):
            return f"the cost became {there.cost} at step {step}"
        if not math.isfinite(there.grad_norm):
            return f"the gradient became {'nan' if math.isnan(there.grad_norm) else 'inf'} at step {step}"
        if there.cost > DIVERGENCE_FACTOR * max(q.first_cost, 1.0):
            return f"the cost grew from {q.first_cost:.3g} to {there.cost:.3g} at step {step}"
        return None

    def _diverged(self, what: str, p: Progress, lr: float) -> Stop:
        """Fall back to the best weights seen and say why the run diverged at rate `lr` and what to do."""
        if p.best is None:
            self._progress = self._fallen_back_to(p)
            kept = "no weights were finite to keep"
        else:
            self._progress = self._fallen_back_to(p.best)
            kept = f"kept the best weights seen (step {p.best.steps}, cost {p.best.point.cost:.4g})"
        advice = divergence_advice(
            self.loss.name, self.config.optimizer, lr, self._safe_lipschitz(), self._rows.feature_scales()
        )
        return Stop(StopKind.DIVERGED, f"diverged: {what}; {advice}; {kept}")

    def _safe_lipschitz(self) -> float | None:
        with np.errstate(all="ignore"):
            return self.lipschitz

    def _fallen_back_to(self, progress: Progress) -> Progress:
        """Resume from `progress` with a fresh optimiser state, itself as the best so far."""
        fresh = replace(progress.alone(), opt_state=self._optimizer.init(progress.params))
        return replace(fresh, best=fresh if fresh.point is not None and fresh.point.finite else None)


def _record(
    step: int, epoch: int, point: Point, val: tuple, seconds: float, lr: float, stop: Stop | None
) -> StepRecord:
    return step_record(
        step=step,
        epoch=epoch,
        train_cost=point.cost,
        train_loss=point.loss,
        train_error=point.error,
        val_cost=val[0],
        val_loss=val[1],
        val_error=val[2],
        grad_norm=point.grad_norm,
        seconds=seconds,
        lr=lr,
        stop=stop,
    )


def _measured_at(q: Progress, there: Point) -> Progress:
    """q with its point `there`, and itself (without fallbacks) as the best when its cost is the
    lowest yet: two copies at most, where alone() and but() made three."""
    if there.cost < q.best.point.cost:
        alone = q.but(point=there, best=None, best_val=None)
        return alone.but(best=alone, best_val=q.best_val)
    return q.but(point=there)


def _all_finite(params: Params) -> bool:
    return bool(np.isfinite(params.W).all() and np.isfinite(params.b).all())


def _read_only(params: Params) -> Params:
    """Copies that nobody can write to, so a shared snapshot never changes under a reader."""
    return _frozen(Params(*(np.array(leaf, copy=True) for leaf in params)))


def _frozen(params: Params) -> Params:
    """`params`, arrays that only the caller holds, made read-only in place: no copy needed."""
    for leaf in params:
        leaf.setflags(write=False)
    return params
