"""2.4, Eq. 15-18: the naive cross-entropy overflows where the stable one does not."""

from __future__ import annotations

import math

import numpy as np

from engine.losses import LOSSES
from engine.stability import break_points, stability_curve
from tui_clf.views.tour.setup import Setup
from tui_clf.views.tour.side_by_side import train_side_by_side
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

NAIVE, STABLE = "cross-entropy-naive", "cross-entropy"


def measure(setup: Setup) -> Measured:
    positive = break_points(stability_curve("float64", 1))[0]
    negative = break_points(stability_curve("float64", 0))[0]
    runs = train_side_by_side(setup)
    naive, stable = runs[NAIVE], runs[STABLE]
    y_there = LOSSES[NAIVE].output(np.array([positive.z], dtype=positive.dtype))[0]
    return {
        "dtype": positive.dtype,
        "y_there": float(y_there),
        "break_z": positive.z,
        "naive_returns": str(positive.naive_returns),
        "stable_there": positive.stable_there,
        "break_z_negative": negative.z,
        "data": setup.data,
        "lr": setup.lr,
        "epochs": setup.epochs,
        "naive_steps": naive.steps,
        "naive_cost": str(naive.last.train_cost),
        "naive_stop": str(naive.stop.kind) if naive.stop else "none",
        "stable_stop": str(stable.stop.kind) if stable.stop else "none",
        "stable_accuracy": 1 - stable.final.train_error,
        "stable_cost": stable.final.train_cost,
    }


def check(m: Measured) -> Verdict:
    naive_broke = m["naive_stop"] == "diverged" and not math.isfinite(float(m["naive_cost"]))
    stable_fine = m["stable_stop"] == "finished" and math.isfinite(m["stable_cost"]) and m["stable_accuracy"] > 0.85
    return Verdict(
        naive_broke and stable_fine and m["naive_returns"] == "inf" and m["y_there"] == 0,
        f"naive: {m['naive_stop']} at step {m['naive_steps']} with cost {m['naive_cost']}; stable: {m['stable_stop']}, "
        f"cost {m['stable_cost']:.4g}, accuracy {m['stable_accuracy']:.1%}; naive value inf from z = {m['break_z']:.4f}",
    )


STOP = TourStop(
    id="2.4-naive",
    section="2.4",
    title="The naive cross-entropy overflows; the stable one does not",
    setup=Setup(
        data="breast_cancer", losses=(STABLE, NAIVE), lr=1e-3, epochs=300, view="curves", standardize=False
    ),
    template=(
        "Computed literally, cross-entropy takes log(y) with y = sigma(z), and in {dtype} y is exactly {y_there:g} from "
        "z = {break_z:.2f} down: the naive form returns {naive_returns} there, the stable form {stable_there:.2f} "
        "(for a negative example it breaks from z = {break_z_negative:.2f}). On {data} without standardising, at "
        "learning rate {lr:g}, the first steps reach such scores: the naive run stops at step {naive_steps} with "
        "cost {naive_cost} ({naive_stop}), while the stable one reaches {stable_accuracy:.1%} training accuracy "
        "in {epochs} epochs."
    ),
    measure_with=measure,
    check=check,
)
