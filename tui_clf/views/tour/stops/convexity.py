"""4: cross-entropy is convex; logistic + squared error is not, with a counterexample."""

from __future__ import annotations

from engine.convexity import convexity_in_z
from engine.jensen import jensen_probe
from engine.losses import LOSSES
from tui_clf.views.tour.setup import Setup
from tui_clf.views.tour.side_by_side import prepared
from tui_clf.views.tour.stop import Measured, TourStop, Verdict

CE, LSE = "cross-entropy", "logistic-squared-error"


def measure(setup: Setup) -> Measured:
    data = prepared(setup)
    X, y = data.train.X, data.train.y
    probes = {name: jensen_probe(X, LOSSES[name].encode(y), LOSSES[name], seed=setup.seed) for name in (CE, LSE)}
    in_z = {name: convexity_in_z(LOSSES[name]) for name in (CE, LSE)}
    example = probes[LSE].counterexample
    return {
        "data": setup.data,
        "n_segments": probes[CE].n_segments,
        "ce_convex": probes[CE].convex,
        "ce_violation": probes[CE].max_violation,
        "lse_convex": probes[LSE].convex,
        "lse_violating": probes[LSE].n_violating_segments,
        "lam": example.lam if example else float("nan"),
        "f0": example.f0 if example else float("nan"),
        "f1": example.f1 if example else float("nan"),
        "f_lam": example.f_lambda if example else float("nan"),
        "lse_violation": probes[LSE].max_violation,
        "ce_in_z_convex": in_z[CE].convex,
        "lse_in_z_convex": in_z[LSE].convex,
        "lse_dip": in_z[LSE].min_second_difference,
        "lse_dip_z": in_z[LSE].at_z,
    }


def check(m: Measured) -> Verdict:
    return Verdict(
        m["ce_convex"] and m["ce_in_z_convex"] and not m["lse_convex"] and not m["lse_in_z_convex"],
        f"Jensen: cross-entropy convex {m['ce_convex']}, logistic + squared error convex {m['lse_convex']} "
        f"(violation {m['lse_violation']:.3g}); second differences in z: {m['ce_in_z_convex']} and {m['lse_in_z_convex']}",
    )


STOP = TourStop(
    id="4",
    section="4",
    title="Convexity: cross-entropy is a bowl, logistic + squared error is not",
    # Logistic + squared error first: tried in the app, the convexity view draws its counterexample.
    setup=Setup(data="blobs-overlap", losses=(LSE, CE), lr=0.5, epochs=100, view="convexity"),
    template=(
        "Along {n_segments} random segments between two sets of weights on {data}, cross-entropy's cost never rose "
        "above its chord (its largest height above the chord: {ce_violation:.1e}, rounding at most). Logistic + squared error did on "
        "{lse_violating} of them: between costs {f0:.3f} and {f1:.3f}, at lambda = {lam:.2f} it is {f_lam:.3f}, "
        "{lse_violation:.3f} above the chord. In z alone its second difference dips to {lse_dip:.1e} "
        "at z = {lse_dip_z:.2f}, where a convex curve never goes below zero."
    ),
    measure_with=measure,
    check=check,
)
