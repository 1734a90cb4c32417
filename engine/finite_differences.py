"""Finite differences of the cost along one direction in parameter space (lecture Eq. 26-27).

The parameters are handled as one flat vector theta = (W.ravel(), b) of n = K*D + K numbers,
named "W[k,j]" and "b[k]". A coordinate check is a difference along the unit vector e_i; the
fast mode uses random unit directions v. For a step h along v:

    forward (one-sided, Eq. 26):  J(theta + h v) - J(theta)           over the displacement
    central (two-sided, Eq. 27):  J(theta + h v) - J(theta - h v)     over the displacement

Both quotients divide by the displacement that was really taken, theta_plus - theta_minus
after rounding to the parameters' dtype, and the analytic side is grad . (theta_plus -
theta_minus) over the same length: the error of representing theta + h v then cancels and
what remains is the method's own truncation error plus the rounding error of J.

Error model (f = J along v, delta = rounding error of one evaluation of J):
    forward:  h |f''| / 2    + 2 delta / h   -> smallest near h ~ sqrt(eps)
    central:  h^2 |f'''| / 6 + delta / h     -> smallest near h ~ eps^(1/3)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

import numpy as np

from engine.losses import Loss
from engine.objective import Params, l2_penalty, scores

Method = Literal["central", "forward"]
METHODS: tuple[Method, ...] = ("central", "forward")


def flatten(params: Params) -> np.ndarray:
    """theta = (W.ravel(), b), shape (K*D + K,)."""
    return np.concatenate([params.W.ravel(), params.b])


def unflatten(theta: np.ndarray, shape: tuple[int, int]) -> Params:
    """The inverse of `flatten` for W of shape (K, D)."""
    k, d = shape
    return Params(theta[: k * d].reshape(k, d), theta[k * d :])


def parameter_names(shape: tuple[int, int]) -> list[str]:
    """"W[k,j]" for each weight in row-major order, then "b[k]"; K*D + K names."""
    k, d = shape
    return [f"W[{r},{c}]" for r in range(k) for c in range(d)] + [f"b[{r}]" for r in range(k)]


def default_step(method: Method, dtype: np.dtype) -> float:
    """The step theory recommends before scaling: eps^(1/2) one-sided, eps^(1/3) two-sided.

    These balance the truncation and rounding terms of the error model above when J and
    its derivatives are of order one: 1.5e-8 and 6.1e-6 in float64, 3.5e-4 and 4.9e-3 in float32.
    """
    eps = float(np.finfo(dtype).eps)
    return eps ** (1 / 2) if method == "forward" else eps ** (1 / 3)


def scaled_step(h: float, size: float, score_speed: float) -> float:
    """The step for h along a direction: h * max(size, 1 / score_speed).

    size: |theta_i| (or rms(theta) for a random direction); score_speed: the rms over the
    examples of how far the scores move per unit step (rms(x_j) for a weight W[k,j], 1 for
    a bias). A loss bends on the scale of z, so the step moves the scores by about h, and
    never by less than h relative to the parameter itself: standardised data and weights of
    size <= 1 get h as it is, a raw feature in the thousands a step a thousand times shorter.
    """
    return h * max(size, 1.0 / score_speed if score_speed > 0 else 1.0)


@dataclass(frozen=True)
class CostRounding:
    """delta, the rounding error of one evaluation of J at some weights, in J's units.

    ideal: what J's arithmetic makes when each loss value is good to about one ulp;
    actual: the same with each loss's own value error (Loss.value_error), larger only
    where the loss's formula cancels (the naive cross-entropy at large z).
    """

    ideal: float
    actual: float


def cost_rounding_error(params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float) -> CostRounding:
    """delta, the first-order rounding error of one evaluation of J at `params`.

    ideal  = eps * [ mean_i |L_i| + mean_i sum_k |dL/dz_ik| (|x_i| . |W_k| + |b_k|) + (l2/2)||W||^2 ]:
    each loss value is good to about one ulp, and each score z_ik = x_i . W_k + b_k carries
    about one ulp of its terms' absolute sum, which the loss multiplies by |dL/dz|;
    actual = ideal with eps |L_i| replaced by the loss's value_error(z_i, t_i).
    """
    eps = float(np.finfo(X.dtype).eps)
    z = scores(params, X, loss)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        values, dl_dz = loss.value_and_grad(z, T)
        value_error = float(loss.value_error(z, T).mean())
    z_size = scores(Params(np.abs(params.W), np.abs(params.b)), np.abs(X), loss)
    propagated = np.abs(dl_dz) * z_size
    per_example = propagated.sum(axis=-1) if loss.multiclass else propagated
    rest = eps * (float(per_example.mean()) + l2_penalty(params, l2))
    return CostRounding(ideal=eps * float(np.abs(values).mean()) + rest, actual=value_error + rest)


@dataclass(frozen=True)
class Difference:
    """One finite difference along a unit direction v: the numeric and the analytic slope.

    numeric = (J(theta_plus) - J(theta_minus)) / length and analytic = grad . displacement / length,
    with displacement = theta_plus - theta_minus (theta_minus = theta for `forward`) and
    length = ||displacement|| as rounded (`exact_step`), or the nominal 2h or h and grad . v.
    """

    numeric: float
    analytic: float
    length: float


def difference(
    J: Callable[[np.ndarray], float],
    theta: np.ndarray,
    grad: np.ndarray,
    v: np.ndarray,
    h: float,
    method: Method,
    J_theta: float,
    exact_step: bool = True,
) -> Difference:
    """The finite difference of J at theta along the unit vector v with step h.

    J_theta = J(theta), passed in because every forward difference reuses it.
    exact_step=False gives the textbook quotients of Eq. 26-27 over the nominal step, whose
    error also counts the rounding of theta +- h v (as in Figure 5).
    """
    step = theta.dtype.type(h) * v.astype(theta.dtype)  # a float64 h must not lift float32 theta to float64
    theta_plus = theta + step
    if method == "central":
        theta_minus = theta - step
        delta_J = J(theta_plus) - J(theta_minus)
    else:
        theta_minus = theta
        delta_J = J(theta_plus) - J_theta
    grad = grad.astype(np.float64)
    if not exact_step:
        length = 2 * h if method == "central" else h
        return Difference(delta_J / length, float(np.dot(grad, v)), length)
    displacement = (theta_plus - theta_minus).astype(np.float64)
    length = float(np.linalg.norm(displacement))
    return Difference(delta_J / length, float(np.dot(grad, displacement)) / length, length)
