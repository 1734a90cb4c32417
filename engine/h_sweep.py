"""How the error of a finite difference depends on the step h (the data of lecture Figure 5).

For each h on a log grid (default 1e-12 .. 1e-1) and each method, the error is

    error(h) = max over v of |numeric_v(h) - grad . v| / ||grad||   (/ 1 where grad = 0)

over a few seeded random unit directions v, with the textbook quotients of Eq. 26-27 over
the nominal step: the error of the directional derivative, relative to the size of the
gradient. The function differenced is the cost J_A on a fixed seeded half A of the
examples, not the whole cost J: at a minimum of J its gradient is ~0, every difference is
pure rounding and the relative error is meaningless (1e13 after training), while J_A, the
same kind of sum, keeps a gradient of the size of the examples' disagreement at any weights. Truncation makes it grow with h (like h for the one-sided difference, h^2 for the
two-sided one); rounding of J and of theta +- h v makes it grow like eps/h as h shrinks.
The minima therefore land near sqrt(eps) ~ 1.5e-8 (forward) and eps^(1/3) ~ 6e-6 (central)
in float64, and the two-sided minimum is lower by about eps^(-1/6) ~ 400.
Use a loss whose curvature varies: on squared error the two-sided difference is exact up to
rounding (its third derivative is 0), and a kink or a jump inside a step adds an error no h removes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import ConfigError
from engine.finite_differences import METHODS, Method, default_step, difference, flatten, unflatten
from engine.losses import Loss
from engine.objective import Params, cost, cost_and_grad


@dataclass(frozen=True)
class HSweep:
    """Error against h for both methods, arrays of shape (M,), and where each is smallest.

    theory_h_*: sqrt(eps) and eps^(1/3) of the dtype; best_h_*: the measured argmin;
    measured: one sentence saying which function and which error, for the CLI and the app.
    """

    loss: str
    dtype: str
    h: np.ndarray
    forward_error: np.ndarray
    central_error: np.ndarray
    best_h_forward: float
    best_h_central: float
    theory_h_forward: float
    theory_h_central: float
    n_directions: int
    n_examples: int
    measured: str

    def as_dict(self) -> dict:
        """JSON-ready: the arrays as lists."""
        return {
            "loss": self.loss,
            "dtype": self.dtype,
            "h": self.h.tolist(),
            "forward_error": self.forward_error.tolist(),
            "central_error": self.central_error.tolist(),
            "best_h_forward": self.best_h_forward,
            "best_h_central": self.best_h_central,
            "theory_h_forward": self.theory_h_forward,
            "theory_h_central": self.theory_h_central,
            "n_directions": self.n_directions,
            "n_examples": self.n_examples,
            "measured": self.measured,
        }


def h_sweep(
    params: Params,
    X: np.ndarray,
    T: np.ndarray,
    loss: Loss,
    l2: float = 0.0,
    *,
    h: np.ndarray | None = None,
    directions: int = 4,
    seed: int = 0,
    dtype: str = "float64",
) -> HSweep:
    """The error of one- and two-sided differences of `cost` at `params` for every step in `h`.

    h: the steps, default 45 points log-spaced over 1e-12 .. 1e-1 (4 per decade).
    The cost is evaluated in `dtype` end to end, on the seeded half of the examples (module docstring).
    """
    h = np.logspace(-12, -1, 45) if h is None else np.asarray(h, dtype=np.float64)
    if not (np.isfinite(h).all() and (h > 0).all()):
        raise ConfigError("every step h of the sweep must be a positive number")
    X, T = X.astype(dtype), T.astype(dtype)
    params = Params(params.W.astype(dtype), params.b.astype(dtype))
    half = np.sort(np.random.default_rng([seed, 1]).permutation(X.shape[0])[: max(1, X.shape[0] // 2)])
    X, T = X[half], T[half]
    shape = params.W.shape
    theta = flatten(params)
    grad = flatten(cost_and_grad(params, X, T, loss, l2).grad).astype(np.float64)
    # Relative to the gradient's size; where the gradient is exactly 0 (the 0-1 loss), absolute.
    grad_norm = float(np.linalg.norm(grad)) or 1.0

    def J(th: np.ndarray) -> float:
        return cost(unflatten(th, shape), X, T, loss, l2)

    J_theta = J(theta)
    v = np.random.default_rng(seed).standard_normal((directions, theta.size))
    v = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(dtype)

    def error(step: float, method: Method) -> float:
        quotients = [difference(J, theta, grad, u, step, method, J_theta, exact_step=False) for u in v]
        return max(abs(d.numeric - d.analytic) for d in quotients) / grad_norm

    errors = {method: np.array([error(step, method) for step in h]) for method in METHODS}
    return HSweep(
        loss=loss.name,
        dtype=dtype,
        h=h,
        forward_error=errors["forward"],
        central_error=errors["central"],
        best_h_forward=float(h[np.argmin(errors["forward"])]),
        best_h_central=float(h[np.argmin(errors["central"])]),
        theory_h_forward=default_step("forward", np.dtype(dtype)),
        theory_h_central=default_step("central", np.dtype(dtype)),
        n_directions=directions,
        n_examples=int(half.size),
        measured=(
            f"error of the slope of the cost on a fixed half of the examples ({half.size}) along "
            f"{directions} random directions, relative to its gradient (the whole cost's is ~0 at a minimum)"
        ),
    )
