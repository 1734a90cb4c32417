"""Every loss of the lecture against the score z, with its derivative (Figures 1, 2 and 3).

For a positive example (label 1: t = 1, or t = +1 for hinge) each binary loss is evaluated
on a grid of z. softmax-cross-entropy is shown with K = 2 and logits (0, z) for the true
class 1: L = log(1 + e^z) - z = log(1 + e^-z), the same curve as cross-entropy, which is
the lecture's "plug in K = 2" exercise; its derivative is dL/dz_2 = softmax(0, z)_2 - 1.
The derivative is the loss's own `grad` (the subgradient -t for hinge with t z < 1, 0 for zero-one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.losses import LOSSES, Loss


@dataclass(frozen=True)
class LossCurve:
    """L(z, t) and dL/dz on the grid z, all of shape (M,), for the example's label."""

    loss: str
    label: int
    z: np.ndarray
    value: np.ndarray
    derivative: np.ndarray

    def as_dict(self) -> dict:
        """JSON-ready: the arrays as lists."""
        return {
            "loss": self.loss,
            "label": self.label,
            "z": self.z.tolist(),
            "value": self.value.tolist(),
            "derivative": self.derivative.tolist(),
        }


def default_z_grid() -> np.ndarray:
    """401 points over [-5, 5], step 0.025: wide enough to see every loss saturate or grow."""
    return np.linspace(-5.0, 5.0, 401)


def loss_curve(loss: Loss, z: np.ndarray | None = None, label: int = 1) -> LossCurve:
    """`loss` for one example of class `label` (0 or 1) at every score in z (default_z_grid)."""
    z = default_z_grid() if z is None else np.asarray(z, dtype=np.float64)
    if loss.multiclass:
        logits = np.stack([np.zeros_like(z), z], axis=1)
        t = loss.encode(np.full(z.shape, label), n_classes=2)
        value, grad = loss.value_and_grad(logits, t)
        return LossCurve(loss.name, label, z, value, grad[:, 1])
    t = loss.encode(np.full(z.shape, label))
    value, grad = loss.value_and_grad(z, t)
    return LossCurve(loss.name, label, z, value, grad)


def loss_curves(z: np.ndarray | None = None, label: int = 1) -> dict[str, LossCurve]:
    """`loss_curve` of every loss in the registry, by name (Figure 3 is label 1)."""
    return {name: loss_curve(loss, z, label) for name, loss in LOSSES.items()}
