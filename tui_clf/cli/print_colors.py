"""The colours of printed curves: as readable on a dark terminal as on a light one, and kept in 256 colours.

A printed plot keeps the terminal's own background, which may be black, white or anything
between. Each colour here is of middle luminance: its WCAG contrast ratio with black and with
white is at least 4. And each is one of xterm's 256 colours, so that a 256-colour terminal
(TERM=xterm-256color) shows it as it is and no two of them become one. The hues are the app's
(loss_style.py, palette.py): blue for training and cross-entropy, orange for validation.
"""

from __future__ import annotations

from tui_clf.views.palette import RGB

BLUE: RGB = (95, 95, 255)  # xterm 63
ORANGE: RGB = (175, 95, 0)  # xterm 130
GREEN: RGB = (0, 135, 0)  # xterm 28
PURPLE: RGB = (135, 95, 175)  # xterm 97
RED: RGB = (175, 95, 95)  # xterm 131
TEAL: RGB = (0, 135, 135)  # xterm 30
GREY: RGB = (118, 118, 118)  # xterm 243

# One a series: training, validation and the optimum first, as the app colours them.
SERIES_COLORS: tuple[RGB, ...] = (BLUE, ORANGE, GREEN, PURPLE, RED, TEAL, GREY)
LOSS_PRINT_COLORS: dict[str, RGB] = {
    "zero-one": GREY,
    "squared-error": RED,
    "logistic-squared-error": ORANGE,
    "cross-entropy": BLUE,
    "cross-entropy-naive": PURPLE,
    "hinge": GREEN,
    "softmax-cross-entropy": TEAL,
}
