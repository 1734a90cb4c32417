"""5: gradient checking by finite differences, and the best step h of each formula (Figure 5)."""

from __future__ import annotations

import math

from engine.gradcheck import check_gradient
from engine.h_sweep import h_sweep
from engine.losses import LOSSES
from tui_clf.views.tour.setup import Setup
from tui_clf.views.tour.side_by_side import prepared, train_side_by_side
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

CE = "cross-entropy"
DECADE = 1.0  # the best h must land within this many powers of ten of the theory's


def measure(setup: Setup) -> Measured:
    data = prepared(setup)
    params = train_side_by_side(setup)[CE].params
    loss = LOSSES[CE]
    X, T = data.train.X, loss.encode(data.train.y)
    checked = check_gradient(params, X, T, loss, method="central")
    sweep = h_sweep(params, X, T, loss, seed=setup.seed)
    return {
        "data": setup.data,
        "epochs": setup.epochs,
        "n_params": checked.n_params,
        "max_rel_error": checked.max_rel_error,
        "passed": checked.passed,
        "best_h_forward": sweep.best_h_forward,
        "theory_forward": sweep.theory_h_forward,
        "best_h_central": sweep.best_h_central,
        "theory_central": sweep.theory_h_central,
        "forward_min": float(sweep.forward_error.min()),
        "central_min": float(sweep.central_error.min()),
    }


def check(m: Measured) -> Verdict:
    def near(best: float, theory: float) -> bool:
        return abs(math.log10(best / theory)) <= DECADE

    ok = (
        m["passed"]
        and near(m["best_h_forward"], m["theory_forward"])
        and near(m["best_h_central"], m["theory_central"])
        and m["central_min"] < m["forward_min"]
    )
    return Verdict(
        ok,
        f"check passed {m['passed']} (max relative error {m['max_rel_error']:.1e}); best h {m['best_h_forward']:.1e} "
        f"forward (theory {m['theory_forward']:.1e}), {m['best_h_central']:.1e} central (theory {m['theory_central']:.1e})",
    )


STOP = TourStop(
    id="5",
    section="5",
    title="Gradient checking and the best step h (Figure 5)",
    setup=Setup(data="breast_cancer", losses=(CE,), lr=0.1, epochs=20, view="h-sweep"),
    template=(
        "At the weights after {epochs} epochs on {data}, two-sided differences agree with the gradient to a "
        "relative error of {max_rel_error:.1e} over {n_params} parameters. Sweeping the step h, the one-sided "
        "error is smallest at h = {best_h_forward:.1e} (the square root of eps is {theory_forward:.1e}) and the "
        "two-sided one at h = {best_h_central:.1e} (the cube root of eps is {theory_central:.1e}), where it is "
        "{central_min:.1e} against the one-sided {forward_min:.1e}."
    ),
    measure_with=measure,
    check=check,
)
