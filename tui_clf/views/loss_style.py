"""Each loss's own colour and letter, the same in every figure that shows several losses at once.

The colour tells the curves apart in a colour terminal; the letter (tagged along each curve,
and in the legends) does it without colour (NO_COLOR, a pipe, a monochrome projector), so no
two losses share either. softmax-cross-entropy with K = 2 is cross-entropy: their curves
coincide, and the letters, offset along each curve, show both.
"""

from __future__ import annotations

from tui_clf.views.palette import RGB

LOSS_COLORS: dict[str, RGB] = {
    "zero-one": (171, 178, 191),
    "squared-error": (224, 108, 117),
    "logistic-squared-error": (229, 152, 75),
    "cross-entropy": (97, 175, 239),
    "cross-entropy-naive": (198, 120, 221),
    "hinge": (152, 195, 121),
    "softmax-cross-entropy": (86, 182, 194),
}
LOSS_LETTERS: dict[str, str] = {
    "zero-one": "z",
    "squared-error": "s",
    "logistic-squared-error": "l",
    "cross-entropy": "c",
    "cross-entropy-naive": "n",
    "hinge": "h",
    "softmax-cross-entropy": "m",
}
