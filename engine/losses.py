"""The loss functions of the lecture, each on the raw scores z of the linear model.

Shapes: a binary loss takes z and t of shape (N,), t already in the loss's target encoding
({0,1} or {-1,+1}); softmax-cross-entropy takes z and a one-hot t of shape (N, K).
`value` returns the per-example losses, shape (N,); `grad` returns dL/dz, the shape of z.
The registry `LOSSES` maps the names of DESIGN.md section 3 to the objects.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from engine.activations import shift_by_max, sigmoid, softmax, softplus
from engine.errors import ConfigError


class TargetEncoding(StrEnum):
    """How integer class labels become the targets t a loss expects."""

    ZERO_ONE = "{0,1}"
    PLUS_MINUS_ONE = "{-1,+1}"
    ONE_HOT = "one-hot"


class Loss:
    """A loss L(z, t) on raw scores; subclasses give the formulas and the facts about them."""

    name: str
    equation: str
    targets: TargetEncoding = TargetEncoding.ZERO_ONE
    output_name: str = "z"
    convex: bool = True
    differentiable: bool = True
    gives_proba: bool = False
    # The score at which the prediction changes class (binary losses): z > threshold predicts class 1.
    threshold: float = 0.0
    point: str

    @property
    def multiclass(self) -> bool:
        """True when the loss takes K >= 2 logits per example rather than one score."""
        return self.targets is TargetEncoding.ONE_HOT

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Per-example loss, shape (N,)."""
        raise NotImplementedError

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        """dL/dz, the shape of z."""
        raise NotImplementedError

    def value_and_grad(self, z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Both at once; losses that can share work between the two override this."""
        return self.value(z, t), self.grad(z, t)

    # How many arrays of z's shape value_and_grad_into works in.
    scratch_arrays: int = 0

    def in_place_targets(self, t: np.ndarray) -> np.ndarray:
        """t in the form value_and_grad_into takes it (t itself here), made once for all the chunks of a pass."""
        return t

    def value_and_grad_into(
        self, z: np.ndarray, t: np.ndarray, value: np.ndarray, grad: np.ndarray, scratch: list[np.ndarray]
    ) -> None:
        """value_and_grad written into `value` (N,) and `grad` (z's shape), working in `scratch`;
        t is in_place_targets(targets).

        The chunked pass calls it once a chunk with the same buffers, so no chunk allocates;
        losses that override it compute in place, and their value_and_grad calls it.
        """
        value[...], grad[...] = self.value_and_grad(z, t)

    def value_error(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        """How far `value` may be from the exact L(z, t) by rounding, shape (N,): eps |L| here.

        A loss whose formula cancels (the naive cross-entropy) loses more and says how much.
        """
        return np.finfo(z.dtype).eps * np.abs(self.value(z, t))

    def output(self, z: np.ndarray) -> np.ndarray:
        """The model's output y in the lecture's notation (z itself, sigma(z) or softmax(z))."""
        return z

    def predict(self, z: np.ndarray) -> np.ndarray:
        """Class index of each example: 1[z > threshold] unless a loss says otherwise; shape (N,)."""
        return (z > self.threshold).astype(np.intp)

    def proba(self, z: np.ndarray) -> np.ndarray:
        """Class probabilities, shape (N, 2) for binary losses, for losses that give them."""
        if not self.gives_proba:
            raise ValueError(f"the {self.name} loss does not give probabilities")
        y = self.output(z)
        return np.stack([1 - y, y], axis=-1)

    def encode(self, labels: np.ndarray, n_classes: int = 2, dtype: np.dtype = np.float64) -> np.ndarray:
        """Targets for integer labels in {0, 1}: (N,) in this loss's encoding."""
        t = np.asarray(labels).astype(dtype)
        return 2 * t - 1 if self.targets is TargetEncoding.PLUS_MINUS_ONE else t

    def kink_distance(self, z: np.ndarray, t: np.ndarray) -> np.ndarray | None:
        """How far each z is from the nearest point where L is not differentiable; None if smooth."""
        return None


class ZeroOne(Loss):
    """L = 1[prediction != t] with prediction 1[z > 0] (Eq. 2). dL/dz = 0 wherever defined."""

    name = "zero-one"
    equation = "Eq. 2"
    convex = False
    differentiable = False
    point = "What we care about, but flat almost everywhere: its gradient is 0, so gradient descent cannot move."

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return (self.predict(z) != t).astype(z.dtype)

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.zeros_like(z)

    def kink_distance(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.abs(z)


class SquaredError(Loss):
    """Linear regression as a surrogate: L = (z - t)^2 / 2, dL/dz = z - t (Eq. 3-4)."""

    name = "squared-error"
    equation = "Eq. 3-4"
    threshold = 0.5  # halfway between the targets 0 and 1
    point = "Convex and easy, but it punishes confident right answers: y = 9 for t = 1 costs 32."

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return 0.5 * (z - t) ** 2

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return z - t

    def value_and_grad(self, z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _in_new_arrays(self, z, t)

    def value_and_grad_into(
        self, z: np.ndarray, t: np.ndarray, value: np.ndarray, grad: np.ndarray, scratch: list[np.ndarray]
    ) -> None:
        np.subtract(z, t, out=grad)
        np.multiply(grad, grad, out=value)
        value *= 0.5


class LogisticSquaredError(Loss):
    """y = sigma(z), L = (y - t)^2 / 2, dL/dz = (y - t) y (1 - y) (Eq. 6-10).

    Computed without 1 - sigma(z), which cancels for confident answers: with s = 1 - 2t,
    |y - t| = sigma(s z) and y (1 - y) = e / (1 + e)^2 for e = exp(-|z|), so
    L = sigma(s z)^2 / 2 and dL/dz = s sigma(s z) e / (1 + e)^2, each to a few ulps.
    """

    name = "logistic-squared-error"
    equation = "Eq. 6-10"
    output_name = "sigma(z)"
    convex = False
    gives_proba = True
    point = "Squashing fixes y = 9, but the more confidently wrong, the weaker the gradient; not convex."

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return 0.5 * sigmoid((1 - 2 * t) * z) ** 2

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return self.value_and_grad(z, t)[1]

    scratch_arrays = 3

    def value_and_grad(self, z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _in_new_arrays(self, z, t)

    def in_place_targets(self, t: np.ndarray) -> np.ndarray:
        return _signs(t)

    def value_and_grad_into(
        self, z: np.ndarray, s: np.ndarray, value: np.ndarray, grad: np.ndarray, scratch: list[np.ndarray]
    ) -> None:
        u, e, q = scratch
        _scores_and_exp(z, s, u, e, q)
        miss = _sigmoid_into(u, e, q, grad)  # |y - t| = sigma(s z)
        np.multiply(miss, miss, out=value)
        value *= 0.5
        e /= q
        e /= q  # y (1 - y) = e / (1 + e)^2
        grad *= s
        grad *= e

    def output(self, z: np.ndarray) -> np.ndarray:
        return sigmoid(z)


class CrossEntropy(Loss):
    """Logistic cross-entropy in the stable form (Eq. 17-18).

    L = t log(1 + e^-z) + (1 - t) log(1 + e^z) = softplus(s z) with s = 1 - 2t, t in {0, 1};
    dL/dz = sigma(z) - t = s sigma(s z): -sigma(-z) for t = 1, where sigma(z) - 1 would cancel
    (to exactly 0 from z = 37). Both keep their relative precision for every finite z.
    """

    name = "cross-entropy"
    equation = "Eq. 17-18"
    output_name = "sigma(z)"
    gives_proba = True
    point = "Logistic regression: -log p(right class); a strong gradient y - t when badly wrong; convex."

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return softplus((1 - 2 * t) * z)

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        s = 1 - 2 * t
        return s * sigmoid(s * z)

    scratch_arrays = 3

    def value_and_grad(self, z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _in_new_arrays(self, z, t)

    def in_place_targets(self, t: np.ndarray) -> np.ndarray:
        return _signs(t)

    def value_and_grad_into(
        self, z: np.ndarray, s: np.ndarray, value: np.ndarray, grad: np.ndarray, scratch: list[np.ndarray]
    ) -> None:
        """L = max(u, 0) + log1p(e) and dL/dz = s sigma(u), from one exp: u = s z, e = exp(-|z|)."""
        u, e, q = scratch
        _scores_and_exp(z, s, u, e, q)
        np.maximum(u, 0.0, out=value)
        _sigmoid_into(u, e, q, grad)
        grad *= s
        _add_log1p(value, e, q, work=u)

    def output(self, z: np.ndarray) -> np.ndarray:
        return sigmoid(z)


class CrossEntropyNaive(Loss):
    """Cross-entropy computed literally, for teaching (Eq. 13 and 16).

    y = 1 / (1 + e^-z); L = -log y if t = 1 else -log(1 - y);
    dL/dz = dL/dy * y (1 - y) with dL/dy = -1/y if t = 1 else 1/(1 - y).
    Once y or 1 - y is numerically zero (t = 1 with z < -709, t = 0 with z > 36.7), the
    value is inf and the gradient nan, exactly as the lecture warns.
    """

    name = "cross-entropy-naive"
    equation = "Eq. 13-16"
    output_name = "sigma(z)"
    gives_proba = True
    point = "The same cost computed literally: log(0) and a huge dL/dy give inf or nan once |z| is large."

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            y = self.output(z)
            return np.where(t == 1, -np.log(y), -np.log(1 - y))

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            y = self.output(z)
            dl_dy = np.where(t == 1, -1 / y, 1 / (1 - y))
            return dl_dy * y * (1 - y)

    def value_error(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        """eps (|L| + 1 + (1 - t) e^z): the error of log p, p = y or 1 - y, is p's relative error.

        p carries an ulp of itself, and for t = 0 also y's own rounding error, about eps y, which
        1 - y keeps as an absolute error (Eq. 15's cancellation): eps y / (1 - y) = eps e^z,
        0.35 at z = 35, inf once 1 - y = 0.
        """
        with np.errstate(over="ignore"):
            cancelled = np.exp(np.where(t == 1, -np.inf, z))  # y / (1 - y) for t = 0, nothing for t = 1
            return np.finfo(z.dtype).eps * (np.abs(self.value(z, t)) + 1 + cancelled)

    def output(self, z: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return 1 / (1 + np.exp(-z))


class Hinge(Loss):
    """The linear SVM: L = max(0, 1 - t z) with t in {-1, +1} (Eq. 19-20).

    Subgradient dL/dz = -t where t z < 1, else 0. Not differentiable at t z = 1.
    """

    name = "hinge"
    equation = "Eq. 19-20"
    targets = TargetEncoding.PLUS_MINUS_ONE
    differentiable = False
    point = "The linear SVM: zero beyond the margin, an upper bound on the 0-1 loss; convex, with a kink."

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.maximum(0, 1 - t * z)

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return -t * (t * z < 1)

    def value_and_grad(self, z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _in_new_arrays(self, z, t)

    def in_place_targets(self, t: np.ndarray) -> np.ndarray:
        """-t, the gradient inside the margin."""
        return np.negative(t)

    def value_and_grad_into(
        self, z: np.ndarray, minus_t: np.ndarray, value: np.ndarray, grad: np.ndarray, scratch: list[np.ndarray]
    ) -> None:
        np.multiply(minus_t, z, out=value)
        value += 1.0
        np.maximum(value, 0.0, out=value)
        np.sign(value, out=grad)  # 1 inside the margin, 0 beyond it and on it
        grad *= minus_t

    def kink_distance(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.abs(t * z - 1)


class SoftmaxCrossEntropy(Loss):
    """Softmax regression (Eq. 22-24): y = softmax(z), L = -t . log y, dL/dz = y - t.

    z and t: (N, K), t one-hot. On the shifted logits u = z - max(z) (activations.shift_by_max),
    with r = sum_k e^{u_k} - 1 summed without the largest logit's 1 so that no digit cancels:
        L = log1p(r) - t . u,   dL/dz = e^u / (1 + r) - t,
    and at a true class that holds the largest logit dL/dz = -r / (1 + r) instead of 1/(1 + r) - 1.
    Unchanged when every logit shifts by the same amount; no nan for logits of +-inf or +-1.7e308.
    """

    name = "softmax-cross-entropy"
    equation = "Eq. 22-24"
    targets = TargetEncoding.ONE_HOT
    output_name = "softmax(z)"
    gives_proba = True
    point = "K classes: softmax turns K logits into probabilities, and the gradient is again y - t."

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        shifted, _, rest = _softmax_parts(z)
        return np.log1p(rest[..., 0]) - _target_score(shifted, t)

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return self.value_and_grad(z, t)[1]

    scratch_arrays = 2

    def value_and_grad(self, z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _in_new_arrays(self, z, t)

    def value_and_grad_into(
        self, z: np.ndarray, t: np.ndarray, value: np.ndarray, grad: np.ndarray, scratch: list[np.ndarray]
    ) -> None:
        """Into value (N,), grad and the two scratch arrays of z's shape (N, K); fastest when they
        are (K, N) arrays seen through .T, as the chunked pass keeps them (each sum over K then adds rows)."""
        shifted, e = scratch
        _, _, rest = _softmax_parts(z, shifted, e, work=grad)
        q = rest + 1
        np.negative(_target_score(shifted, t, work=grad), out=value)
        _add_log1p(value, rest[..., 0], q[..., 0])
        np.multiply(t, rest, out=shifted)
        # y - t = (e^u - t - t r) / (1 + r): at a true class with u = 0, e^u - t is exactly 0.
        np.subtract(e, t, out=grad)
        grad -= shifted
        grad /= q

    def output(self, z: np.ndarray) -> np.ndarray:
        return softmax(z)

    def predict(self, z: np.ndarray) -> np.ndarray:
        return z.argmax(axis=-1)

    def proba(self, z: np.ndarray) -> np.ndarray:
        return softmax(z)

    def encode(self, labels: np.ndarray, n_classes: int = 2, dtype: np.dtype = np.float64) -> np.ndarray:
        """One-hot targets, shape (N, K), stored column-major like the objective's (K, N) logits."""
        return np.asfortranarray(np.eye(n_classes, dtype=dtype)[np.asarray(labels)])


def _in_new_arrays(loss: Loss, z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A loss's value_and_grad_into on new arrays of the shape and dtype z and t make together
    (the value without the class axis for softmax)."""
    shape, dtype = np.broadcast_shapes(np.shape(z), np.shape(t)), np.result_type(z, t)
    value = np.empty(shape[:-1] if loss.multiclass else shape, dtype)
    grad, *scratch = np.empty((1 + loss.scratch_arrays, *shape), dtype)
    loss.value_and_grad_into(z, loss.in_place_targets(t), value, grad, scratch)
    return value, grad


def _signs(t: np.ndarray) -> np.ndarray:
    """s = 1 - 2t for t in {0, 1}: +1 for class 0, -1 for class 1, so that s z is the score against the answer."""
    s = np.multiply(t, -2)
    s += 1
    return s


def _scores_and_exp(z: np.ndarray, s: np.ndarray, u: np.ndarray, e: np.ndarray, q: np.ndarray) -> None:
    """Into the three buffers: u = s z, e = exp(-|z|) and q = 1 + e, for the signs s = 1 - 2t.

    With these, sigma(u) = [u >= 0 ? 1 : e] / q (activations.sigmoid_from) and never overflows.
    """
    np.multiply(s, z, out=u)
    np.copysign(u, -1.0, out=e)  # -|z| in one call
    np.exp(e, out=e)
    np.add(e, 1.0, out=q)


def _sigmoid_into(u: np.ndarray, e: np.ndarray, q: np.ndarray, out: np.ndarray) -> np.ndarray:
    """out = sigma(u) = [u >= 0 ? 1 : e] / q for e = exp(-|u|), q = 1 + e, and returns it.

    The numerator is max(sign u, e): sign is -1, 0 or 1 and 0 < e <= 1 (e = 1 at u = 0). out is
    not u: NumPy's sign in place takes a branch per element, 6x slower on mixed signs (measured).
    """
    np.sign(u, out=out)
    np.maximum(out, e, out=out)
    out /= q
    return out


def _softmax_parts(
    z: np.ndarray, shifted: np.ndarray | None = None, e: np.ndarray | None = None, work: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For z (N, K): u = z - max(z), e^u, and r = sum_k e^u_k - 1, shape (N, 1), without cancellation.

    r sums the e^u of every logit but one largest (a tied one adds its e^0 = 1): adding the
    largest logit's 1 first would round away every other term below eps. shifted, e and work
    (arrays of z's shape) take u, e^u and e^u less the largest's 1 instead of new arrays.
    """
    shifted, top = shift_by_max(z, out=shifted)
    e = np.exp(shifted, out=e)
    return shifted, e, np.subtract(e, top, out=work).sum(axis=-1, keepdims=True)


def _target_score(shifted: np.ndarray, t: np.ndarray, work: np.ndarray | None = None) -> np.ndarray:
    """t . u per row, shape (N,), for one-hot t: a u = -inf where t = 0 must add 0, not 0 * -inf = nan.

    Only then (or for a nan logit) is a row's t * u nan, so only then is the slower sum over the
    true classes alone needed. work (z's shape, not `shifted`) takes t * u instead of a new array.
    """
    score = np.multiply(t, shifted, out=work).sum(axis=-1)
    if not np.isnan(score.sum()):
        return score
    return shifted.sum(axis=-1, where=t == 1)


def _add_log1p(value: np.ndarray, x: np.ndarray, q: np.ndarray, work: np.ndarray | None = None) -> None:
    """value += log1p(x) for x >= 0 and q = fl(1 + x), shapes of value, working in `work`.

    NumPy's float32 log is vectorised and its log1p is not (4x slower, measured), so in float32
    log1p(x) = log(q) + (x - (q - 1)) / q: q - 1 is exact, x - (q - 1) is the rounding error d
    of 1 + x, and log(q + d) = log(q) + d / q to eps^2.
    """
    if value.dtype != np.float32:
        value += np.log1p(x, out=work)
        return
    work = np.subtract(q, 1.0, out=work)
    np.subtract(x, work, out=work)
    work /= q
    value += work
    value += np.log(q, out=work)


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        ZeroOne(),
        SquaredError(),
        LogisticSquaredError(),
        CrossEntropy(),
        CrossEntropyNaive(),
        Hinge(),
        SoftmaxCrossEntropy(),
    )
}


def get_loss(name: str) -> Loss:
    """The loss called `name`, or a ConfigError that lists the names there are."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ConfigError(f"unknown loss {name!r}; choose one of: {', '.join(LOSSES)}") from None
