"""3: softmax-cross-entropy with K = 2 is cross-entropy, once the learning rate is matched."""

from __future__ import annotations

import numpy as np

from engine.activations import sigmoid, softmax
from engine.loss_curves import default_z_grid
from tui_clf.views.tour.setup import Setup, Start
from tui_clf.views.tour.side_by_side import Finish, train_side_by_side
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

CE, SOFTMAX = "cross-entropy", "softmax-cross-entropy"
EQUAL = 1e-9  # relative: what rounding leaves of two runs that are the same run


def measure(setup: Setup) -> Measured:
    z = default_z_grid()
    sigma_gap = np.abs(softmax(np.stack([np.zeros_like(z), z], axis=1))[:, 1] - sigmoid(z)).max()
    matched = train_side_by_side(setup)
    unmatched = train_side_by_side(setup.with_one_lr())
    return {
        "sigma_gap": float(sigma_gap),
        "data": setup.data,
        "epochs": setup.epochs,
        "ce_lr": setup.lr_of(CE),
        "softmax_lr": setup.lr_of(SOFTMAX),
        "matched_gap": abs(matched[SOFTMAX].final.train_cost - matched[CE].final.train_cost),
        "weight_gap": _logit_difference_gap(matched[SOFTMAX], matched[CE]),
        "unmatched_gap": abs(unmatched[SOFTMAX].final.train_cost - unmatched[CE].final.train_cost),
        "cost": matched[CE].final.train_cost,
    }


def _logit_difference_gap(softmax_run: Finish, ce_run: Finish) -> float:
    """max |(w_2 - w_1, b_2 - b_1) - (w, b)|: softmax's second logit minus its first against the logistic's score."""
    W, b = softmax_run.params
    return float(max(np.abs(W[1] - W[0] - ce_run.params.W[0]).max(), abs(b[1] - b[0] - ce_run.params.b[0])))


def check(m: Measured) -> Verdict:
    return Verdict(
        m["matched_gap"] <= EQUAL * m["cost"] and m["weight_gap"] <= EQUAL and m["unmatched_gap"] > 1e-4,
        f"cost gap {m['matched_gap']:.2e} at learning rates {m['softmax_lr']:g} and {m['ce_lr']:g}, "
        f"{m['unmatched_gap']:.2e} at {m['ce_lr']:g} for both; weights {m['weight_gap']:.2e} apart",
    )


STOP = TourStop(
    id="3",
    section="3",
    title="Softmax with K = 2 is the logistic",
    setup=Setup(
        data="blobs-overlap",
        losses=(CE, SOFTMAX),
        lr=0.5,
        lrs={SOFTMAX: 0.25},
        epochs=50,
        view="compare",
        start=Start("logistic"),
    ),
    template=(
        "With K = 2 and logits (0, z), softmax gives back sigma(z) (largest difference on a grid: {sigma_gap:.1e}), "
        "so softmax-cross-entropy is cross-entropy of the difference of the two logits. A step moves the two logits "
        "in opposite directions, so their difference moves twice as far: trained at learning rate {softmax_lr:g} "
        "against cross-entropy's {ce_lr:g} from the same start on {data}, after {epochs} epochs the two costs differ "
        "by {matched_gap:.1e}, and by {unmatched_gap:.1e} when both use {ce_lr:g}."
    ),
    measure_with=measure,
    check=check,
)
