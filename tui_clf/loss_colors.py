"""Each loss's own colour and marker, the same in every plot that shows several losses at once.

The colour tells the curves apart in a colour terminal; the marker does it without colour
(NO_COLOR, a pipe), so no two losses share either.
"""

from __future__ import annotations

from tui_clf.palette import RGB

LOSS_COLORS: dict[str, RGB] = {
    "zero-one": (171, 178, 191),
    "squared-error": (224, 108, 117),
    "logistic-squared-error": (229, 152, 75),
    "cross-entropy": (97, 175, 239),
    "cross-entropy-naive": (198, 120, 221),
    "hinge": (152, 195, 121),
    "softmax-cross-entropy": (86, 182, 194),
}
LOSS_MARKERS: dict[str, str] = {
    "zero-one": "=",
    "squared-error": "x",
    "logistic-squared-error": "o",
    "cross-entropy": "•",
    "cross-entropy-naive": "*",
    "hinge": "+",
    "softmax-cross-entropy": "#",
}
