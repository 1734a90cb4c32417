"""What the cursor on the loss figure reads: L and dL/dz of every loss at one z, for t = 1 or t = 0.

The numbers are the engine's own (each loss's value and grad at that z, through loss_curves),
never read off a drawn curve: so the lecture's numbers can be checked on the screen,
L_CE(sigma(z) = 0.01, t = 1) = 4.6 at z = -4.6, 11.5 at z = -11.5, and for logistic +
squared error dL/dz = (y - t) y (1 - y) = -0.0066 at z = -5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.activations import sigmoid
from engine.loss_curves import loss_curves


@dataclass(frozen=True)
class LossReading:
    """One loss at the cursor: L(z, t) and dL/dz."""

    loss: str
    value: float
    derivative: float


@dataclass(frozen=True)
class LossReadout:
    """z, y = sigma(z) and the label (1: t = 1, or +1 for hinge; 0: t = 0, or -1), and each loss's reading, by name."""

    z: float
    y: float
    label: int
    readings: dict[str, LossReading]


def loss_readout(z: float, label: int) -> LossReadout:
    """Every loss of the registry at the single score `z` for an example of class `label`."""
    curves = loss_curves(np.array([z]), label)
    readings = {name: LossReading(name, float(c.value[0]), float(c.derivative[0])) for name, c in curves.items()}
    return LossReadout(z, float(sigmoid(np.array([z]))[0]), label, readings)
