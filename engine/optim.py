"""Optimisers as `init` + `update`, their state in small immutable records (the optax habit).

`update(grad, state, params, lr)` returns `(updates, new_state)`; the trainer applies
`params + updates`. The learning rate is an argument, not state, so it can change between
two steps.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from engine.errors import ConfigError
from engine.objective import Params


def _map(fn, *trees: Params) -> Params:
    """Apply `fn` leaf by leaf to Params of the same structure."""
    return Params(*map(fn, *trees))


def add(params: Params, updates: Params) -> Params:
    """params + updates, leaf by leaf (spelled out: a small step feels _map's Python)."""
    return Params(params.W + updates.W, params.b + updates.b)


def squared_norm(tree: Params) -> float:
    """sum of squares over every leaf."""
    return float(sum(np.vdot(leaf, leaf) for leaf in tree))


class NoState(NamedTuple):
    """Plain gradient descent remembers nothing."""


class GradientDescent:
    """The lecture's update: w <- w - lr * dJ/dw."""

    name = "gd"

    def init(self, params: Params) -> NoState:
        return NoState()

    def update(self, grad: Params, state: NoState, params: Params, lr: float) -> tuple[Params, NoState]:
        return Params(grad.W * -lr, grad.b * -lr), state


class MomentumState(NamedTuple):
    velocity: Params


class Momentum:
    """Heavy ball: v <- mu v + g, w <- w - lr v. Nesterov: w <- w - lr (g + mu v)."""

    name = "momentum"

    def __init__(self, mu: float = 0.9, nesterov: bool = False) -> None:
        self.mu = mu
        self.nesterov = nesterov

    def init(self, params: Params) -> MomentumState:
        return MomentumState(_map(np.zeros_like, params))

    def update(self, grad: Params, state: MomentumState, params: Params, lr: float) -> tuple[Params, MomentumState]:
        velocity = _map(lambda v, g: self.mu * v + g, state.velocity, grad)
        if self.nesterov:
            updates = _map(lambda v, g: -lr * (g + self.mu * v), velocity, grad)
        else:
            updates = _map(lambda v: -lr * v, velocity)
        return updates, MomentumState(velocity)


class AdamState(NamedTuple):
    count: int
    m: Params
    v: Params


class Adam:
    """Adam: m <- b1 m + (1-b1) g, v <- b2 v + (1-b2) g^2, w <- w - lr m_hat / (sqrt(v_hat) + eps).

    m_hat = m / (1 - b1^k), v_hat = v / (1 - b2^k) undo the bias of the zero start.
    """

    name = "adam"

    def __init__(self, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> None:
        self.b1, self.b2, self.eps = b1, b2, eps

    def init(self, params: Params) -> AdamState:
        return AdamState(0, _map(np.zeros_like, params), _map(np.zeros_like, params))

    def update(self, grad: Params, state: AdamState, params: Params, lr: float) -> tuple[Params, AdamState]:
        count = state.count + 1
        m = _map(lambda m, g: self.b1 * m + (1 - self.b1) * g, state.m, grad)
        v = _map(lambda v, g: self.b2 * v + (1 - self.b2) * g * g, state.v, grad)
        # Python floats keep float32 leaves float32 (NumPy 2 promotion rules).
        step = lr * math.sqrt(1 - self.b2**count) / (1 - self.b1**count)
        eps = self.eps * math.sqrt(1 - self.b2**count)
        updates = _map(lambda m, v: -step * m / (np.sqrt(v) + eps), m, v)
        return updates, AdamState(count, m, v)


# Full-batch methods that search along a direction: their update takes the cost and a BatchObjective, not lr.
LINE_SEARCH_OPTIMIZERS = ("lbfgs", "newton")
OPTIMIZERS = ("gd", "momentum", "adam", *LINE_SEARCH_OPTIMIZERS)


def make_optimizer(name: str, *, momentum: float = 0.9, nesterov: bool = False):
    """The optimiser called `name` (one of OPTIMIZERS) with its hyper-parameters."""
    if name == "gd":
        return GradientDescent()
    if name == "momentum":
        return Momentum(momentum, nesterov)
    if name == "adam":
        return Adam()
    # Imported here: both modules build on this one's add().
    if name == "lbfgs":
        from engine.lbfgs import Lbfgs

        return Lbfgs()
    if name == "newton":
        from engine.newton import Newton

        return Newton()
    raise ConfigError(f"unknown optimizer {name!r}; choose one of: {', '.join(OPTIMIZERS)}")
