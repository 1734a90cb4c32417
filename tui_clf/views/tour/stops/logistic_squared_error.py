"""2.3: logistic + squared error has almost no gradient for a confidently wrong example."""

from __future__ import annotations

import numpy as np

from engine.losses import LOSSES
from engine.objective import scores
from tui_clf.views.tour.setup import Setup, Start
from tui_clf.views.tour.side_by_side import prepared, train_side_by_side
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

LECTURE_GRADIENT = -0.0066  # "about -0.0066" at z = -5 for t = 1 (lecture 2.3)
NEAR = 1.0  # an example "at" the start's score lies within this of it


def measure(setup: Setup) -> Measured:
    z = setup.start.z
    lse, ce = LOSSES["logistic-squared-error"], LOSSES["cross-entropy"]
    at_z, positive = np.array([z]), np.array([1.0])
    runs = train_side_by_side(setup)
    data = prepared(setup)
    # Score on the side of the example's own class: z for a positive, -z for a negative example.
    signed = (2 * data.train.y - 1) * scores(runs[lse.name].initial, data.train.X, lse)
    return {
        "z": z,
        "minus_z": -z,
        "y": float(lse.output(at_z)[0]),
        "lse_grad": float(lse.grad(at_z, positive)[0]),
        "ce_grad": float(ce.grad(at_z, positive)[0]),
        "n_near": int(np.sum(np.abs(signed - z) <= NEAR)),
        "near": NEAR,
        "n_train": int(signed.size),
        "data": setup.data,
        "lse_norm": runs[lse.name].first.grad_norm,
        "ce_norm": runs[ce.name].first.grad_norm,
        "epochs": setup.epochs,
        "lr": setup.lr,
        "lse_error": runs[lse.name].final.train_error,
        "ce_error": runs[ce.name].final.train_error,
    }


def check(m: Measured) -> Verdict:
    lecture = round(m["lse_grad"], 4) == LECTURE_GRADIENT
    weak = m["ce_norm"] > 10 * m["lse_norm"] and m["lse_error"] > m["ce_error"] and m["n_near"] > 0
    return Verdict(
        lecture and weak,
        f"dL/dz at z = {m['z']:g}: {m['lse_grad']:.6f} (lecture {LECTURE_GRADIENT}); gradient norm "
        f"{m['lse_norm']:.4f} against cross-entropy's {m['ce_norm']:.4f}; error after training "
        f"{m['lse_error']:.1%} against {m['ce_error']:.1%}; {m['n_near']} examples near the start's score",
    )


STOP = TourStop(
    id="2.3",
    section="2.3",
    title="Logistic + squared error: the weak gradient when badly wrong",
    setup=Setup(
        data="blobs",
        losses=("logistic-squared-error", "cross-entropy"),
        lr=1.0,
        epochs=50,
        view="margins",
        start=Start("badly-wrong", z=-5.0),
    ),
    template=(
        "Start badly wrong: weights that score the typical positive example at z = {z:g} and the typical "
        "negative one at {minus_z:g}; {n_near} of the {n_train} training points lie within {near:g} of that. "
        "There y = {y:.4f}, and logistic + squared error gives dL/dz = {lse_grad:.4f} where cross-entropy gives "
        "{ce_grad:.4f}: the whole gradient has norm {lse_norm:.4f} against {ce_norm:.3f}. After {epochs} epochs "
        "at learning rate {lr:g}, logistic + squared error still misclassifies {lse_error:.1%} of the training points of {data}, "
        "cross-entropy {ce_error:.1%}."
    ),
    measure_with=measure,
    check=check,
)
