"""2.1: the 0-1 loss has a zero gradient almost everywhere, so gradient descent cannot move."""

from __future__ import annotations

import numpy as np

from engine.losses import LOSSES
from engine.objective import Params, cost
from tui_clf.views.tour.setup import Setup
from tui_clf.views.tour.side_by_side import prepared, train_side_by_side
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

# Length of each random change of all the weights together, relative to theirs: small, as in
# the lecture's "a small enough change", yet far above rounding.
NUDGE = 1e-3
NUDGES = 100


def measure(setup: Setup) -> Measured:
    finish = train_side_by_side(setup)["zero-one"]
    data = prepared(setup)
    loss = LOSSES["zero-one"]
    X, T = data.train.X, loss.encode(data.train.y)
    start = finish.initial
    before = cost(start, X, T, loss)
    rng = np.random.default_rng(setup.seed)
    length = float(np.sqrt(np.vdot(start.W, start.W) + np.vdot(start.b, start.b)))
    flat = 0
    for _ in range(NUDGES):
        v = rng.standard_normal(start.W.size + start.b.size)
        v *= NUDGE * length / np.linalg.norm(v)
        nudged = Params(start.W + v[:-1].reshape(start.W.shape), start.b + v[-1:])
        flat += cost(nudged, X, T, loss) == before
    return {
        "data": setup.data,
        "error_start": finish.first.train_error,
        "grad_norm": finish.first.grad_norm,
        "steps": finish.steps,
        "steps_said": f"{finish.steps} step" + ("" if finish.steps == 1 else "s"),
        "stop": str(finish.stop.kind) if finish.stop else "none",
        "error_end": finish.final.train_error,
        "moved": any(not np.array_equal(a, b) for a, b in zip(finish.params, start)),
        "nudge": NUDGE,
        "n_nudges": NUDGES,
        "n_flat": flat,
    }


def check(m: Measured) -> Verdict:
    stuck = m["grad_norm"] == 0 and not m["moved"] and m["error_end"] == m["error_start"]
    flat = m["n_flat"] >= 0.9 * m["n_nudges"]
    return Verdict(
        stuck and flat and m["stop"] == "zero-gradient",
        f"gradient norm {m['grad_norm']:g}, weights moved: {m['moved']}, error {m['error_start']:.1%} -> "
        f"{m['error_end']:.1%}, stop {m['stop']}; {m['n_flat']} of {m['n_nudges']} nudges left the cost unchanged",
    )


STOP = TourStop(
    id="2.1",
    section="2.1",
    title="The 0-1 loss: nothing to descend",
    setup=Setup(data="blobs", losses=("zero-one",), lr=0.1, epochs=50, view="curves"),
    template=(
        "Train the 0-1 loss on {data}: the training error starts at {error_start:.1%} and the gradient there "
        "is exactly {grad_norm:g}, so the run stops after {steps_said} ({stop}) with the error still at "
        "{error_end:.1%}. Nudge the weights by {nudge:.1%} of their length in {n_nudges} random directions: {n_flat} of the nudges "
        "leave the cost exactly where it was. The cost curve is a flat line: there is no slope to follow."
    ),
    measure_with=measure,
    check=check,
)
