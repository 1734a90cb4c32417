"""What the convexity view shows of a cost: the Jensen probe's verdict, the test in z, and J along one segment.

The probe is `tui-clf convexity`'s (engine.jensen_probe, the same seed and segments); the
segment drawn is chord.segment_to_draw's, with the probe's worst lambda among the points of
the curve so that the counterexample is drawn exactly where the probe found it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.convexity import ConvexityInZ, convexity_in_z
from engine.jensen import JensenResult, jensen_probe
from engine.losses import Loss
from engine.objective import Params
from engine.train_config import TrainConfig
from tui_clf.views.chord import CostAlongSegment, Segment, cost_along, segment_to_draw
from tui_clf.views.reference_weights import cross_entropy_reference


@dataclass(frozen=True)
class Probed:
    """The probe's verdict, the test in z, the segment drawn and J along it."""

    probe: JensenResult
    in_z: ConvexityInZ
    segment: Segment
    along: CostAlongSegment


def probe_cost(
    X: np.ndarray, y: np.ndarray, n_classes: int, loss: Loss, training: TrainConfig, initial: Params,
    cancelled: Callable[[], bool] = lambda: False,
) -> Probed | None:
    """Probe J on X (N, D), labels y (N,) for `loss` with `training`'s l2 and seed; None if cancelled."""
    T = loss.encode(y, n_classes, X.dtype)
    probe = jensen_probe(X, T, loss, training.l2, seed=training.seed)
    example = probe.counterexample
    reference = None
    if example is None:
        reference = cross_entropy_reference(X, y, n_classes, training, cancelled)
        if reference is None:
            return None
    segment = segment_to_draw(probe, initial, reference, training.seed)
    along = cost_along(segment, X, T, loss, training.l2, also=(example.lam,) if example else ())
    return Probed(probe, convexity_in_z(loss), segment, along)
