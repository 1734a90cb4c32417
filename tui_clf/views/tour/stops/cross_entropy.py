"""2.4: cross-entropy tells a bad prediction from a much worse one; squared error hardly does."""

from __future__ import annotations

import numpy as np

from engine.losses import LOSSES
from tui_clf.views.tour.setup import Setup
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

Y_BAD, Y_WORSE = 0.01, 0.00001  # the lecture's outputs for a positive example
LECTURE_VALUES = (4.6, 11.5)  # CE(0.01, 1) and CE(0.00001, 1), to one decimal


def measure(setup: Setup) -> Measured:
    y = np.array([Y_BAD, Y_WORSE])
    z, t = np.log(y / (1 - y)), np.ones(2)  # the scores whose sigma(z) is y
    ce, lse = LOSSES["cross-entropy"], LOSSES["logistic-squared-error"]
    ce_values, se_values = ce.value(z, t), lse.value(z, t)
    ce_grads, se_grads = ce.grad(z, t), lse.grad(z, t)
    return {
        "y_bad": Y_BAD,
        "y_worse": Y_WORSE,
        "ce_bad": float(ce_values[0]),
        "ce_worse": float(ce_values[1]),
        "se_bad": float(se_values[0]),
        "se_worse": float(se_values[1]),
        "ce_grad_worse": float(ce_grads[1]),
        "se_grad_worse": float(se_grads[1]),
    }


def check(m: Measured) -> Verdict:
    lecture = (round(m["ce_bad"], 1), round(m["ce_worse"], 1)) == LECTURE_VALUES
    flat = abs(m["se_bad"] - m["se_worse"]) < 0.01
    return Verdict(
        lecture and flat,
        f"CE: {m['ce_bad']:.4f} and {m['ce_worse']:.4f} (lecture {LECTURE_VALUES[0]} and {LECTURE_VALUES[1]}); "
        f"squared error: {m['se_bad']:.5f} and {m['se_worse']:.5f}",
    )


STOP = TourStop(
    id="2.4",
    section="2.4",
    title="Cross-entropy: a bad mistake against a much worse one",
    setup=Setup(data="blobs-overlap", losses=("cross-entropy", "logistic-squared-error"), lr=0.5, epochs=100, view="losses"),
    template=(
        "For a positive example, an output of y = {y_bad:g} costs {ce_bad:.1f} in cross-entropy and y = {y_worse:g} "
        "costs {ce_worse:.1f}: the second mistake counts as much worse. Squared error on the same outputs gives "
        "{se_bad:.4f} and {se_worse:.4f}, almost the same, so it cannot see a prediction getting warmer. At the worse "
        "output cross-entropy's dL/dz is still {ce_grad_worse:.4f}, squared error's {se_grad_worse:.1e}: read both "
        "curves far to the left in the losses view."
    ),
    measure_with=measure,
    check=check,
)
