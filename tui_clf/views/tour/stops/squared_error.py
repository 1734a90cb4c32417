"""2.2: squared error punishes confident, correct answers, and outliers on the right side drag its line."""

from __future__ import annotations

import numpy as np

from engine.losses import LOSSES
from tui_clf.views.tour.setup import Setup
from tui_clf.views.tour.side_by_side import train_side_by_side
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

Y_CONFIDENT, Y_WRONG = 9.0, 0.0  # the lecture's outputs for a positive example


def measure(setup: Setup) -> Measured:
    squared = LOSSES["squared-error"]
    confident, wrong = squared.value(np.array([Y_CONFIDENT, Y_WRONG]), np.array([1.0, 1.0]))
    runs = train_side_by_side(setup)
    return {
        "y_confident": Y_CONFIDENT,
        "y_wrong": Y_WRONG,
        "se_confident": float(confident),
        "se_wrong": float(wrong),
        "data": setup.data,
        "epochs": setup.epochs,
        "lr": setup.lr,
        "se_error": runs["squared-error"].final.train_error,
        "ce_error": runs["cross-entropy"].final.train_error,
        "se_val_error": runs["squared-error"].final.val_error,
        "ce_val_error": runs["cross-entropy"].final.val_error,
    }


def check(m: Measured) -> Verdict:
    return Verdict(
        m["se_confident"] > m["se_wrong"] and m["se_error"] > m["ce_error"],
        f"L({m['y_confident']:g}) = {m['se_confident']:g} > L({m['y_wrong']:g}) = {m['se_wrong']:g}; "
        f"training error: squared error {m['se_error']:.1%}, cross-entropy {m['ce_error']:.1%}",
    )


STOP = TourStop(
    id="2.2",
    section="2.2",
    title="Squared error and the confidently right point",
    setup=Setup(data="blobs-outliers", losses=("squared-error", "cross-entropy"), lr=0.1, epochs=200, view="boundary"),
    template=(
        "For a positive example, squared error charges {se_confident:g} for the confident, correct output "
        "y = {y_confident:g}, far more than the {se_wrong:g} it charges for the wrong y = {y_wrong:g}. "
        "On {data}, far but correct points therefore drag its line into the blobs: after {epochs} epochs at "
        "learning rate {lr:g}, squared error misclassifies {se_error:.1%} of the training points "
        "({se_val_error:.1%} of the validation points), cross-entropy {ce_error:.1%} ({ce_val_error:.1%}). "
        "Compare the two boundaries."
    ),
    measure_with=measure,
    check=check,
)
