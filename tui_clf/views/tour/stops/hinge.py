"""2.6: hinge is an upper bound of the 0-1 loss, and in practice behaves like cross-entropy."""

from __future__ import annotations

import numpy as np

from engine.loss_curves import default_z_grid
from engine.losses import LOSSES
from tui_clf.views.tour.setup import Setup
from tui_clf.views.tour.side_by_side import train_side_by_side
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

Z_FAR = -10.0  # far on the wrong side of a positive example, where the asymptotes show
SIMILAR = 0.01  # "behaves like": training errors within one percentage point


def measure(setup: Setup) -> Measured:
    hinge, zero_one, ce = LOSSES["hinge"], LOSSES["zero-one"], LOSSES["cross-entropy"]
    z = default_z_grid()
    gaps = [
        hinge.value(z, hinge.encode(np.full(z.shape, label))) - zero_one.value(z, zero_one.encode(np.full(z.shape, label)))
        for label in (0, 1)
    ]
    far, positive = np.array([Z_FAR]), np.ones(1)
    runs = train_side_by_side(setup)
    hinge_error, ce_error = runs["hinge"].final.train_error, runs["cross-entropy"].final.train_error
    return {
        "n_grid": int(z.size),
        "z_low": float(z[0]),
        "z_high": float(z[-1]),
        "min_gap": float(min(gap.min() for gap in gaps)),
        "z_far": Z_FAR,
        "hinge_slope": float(hinge.grad(far, hinge.encode(positive))[0]),
        "ce_slope": float(ce.grad(far, positive)[0]),
        "data": setup.data,
        "epochs": setup.epochs,
        "hinge_error": hinge_error,
        "ce_error": ce_error,
        "gap_points": 100 * abs(hinge_error - ce_error),
    }


def check(m: Measured) -> Verdict:
    return Verdict(
        m["min_gap"] >= 0 and abs(m["hinge_error"] - m["ce_error"]) <= SIMILAR,
        f"hinge - 0-1 >= {m['min_gap']:g} on {m['n_grid']} scores; training error hinge {m['hinge_error']:.1%}, "
        f"cross-entropy {m['ce_error']:.1%}",
    )


STOP = TourStop(
    id="2.6",
    section="2.6",
    title="Hinge: an upper bound of the 0-1 loss that behaves like cross-entropy",
    setup=Setup(data="blobs-noisy", losses=("hinge", "cross-entropy"), lr=0.1, epochs=100, view="compare"),
    template=(
        "On {n_grid} scores from {z_low:g} to {z_high:g}, for both labels, hinge never falls below the 0-1 loss "
        "(the smallest gap is {min_gap:g}): pushing hinge down pushes the error down. Far on the wrong side the "
        "two surrogates run parallel: at z = {z_far:g} hinge's slope is {hinge_slope:g} and cross-entropy's "
        "{ce_slope:.5f}. On {data}, after {epochs} epochs, hinge misclassifies {hinge_error:.1%} of the training "
        "points and cross-entropy {ce_error:.1%}, {gap_points:.1f} points apart."
    ),
    measure_with=measure,
    check=check,
)
