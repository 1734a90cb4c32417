"""The colours shared by the text and the plots, so class k looks the same everywhere.

Every plot also tells series and classes apart by marker, so nothing depends on colour
alone (NO_COLOR, monochrome projectors).
"""

from __future__ import annotations

RGB = tuple[int, int, int]

CLASS_COLORS: tuple[RGB, ...] = (
    (86, 182, 194),
    (229, 152, 75),
    (198, 120, 221),
    (152, 195, 121),
    (224, 108, 117),
    (97, 175, 239),
)
# Markers of the classes in scatter plots, in the same order as the colours; a misclassified
# point gets its class's marker filled in, and each predicted region its own light shading,
# so that a boundary view reads without colour.
CLASS_MARKERS = ("o", "x", "+", "*", "#", "@")
WRONG_MARKERS = ("●", "✖", "✚", "✱", "▦", "◉")
REGION_MARKERS = ("·", ":", "˙", "'", ",", "-")

TRAIN_COLOR: RGB = (97, 175, 239)
VALIDATION_COLOR: RGB = (229, 152, 75)
BOUNDARY_COLOR: RGB = (240, 200, 80)
WRONG_COLOR: RGB = (224, 108, 117)
RIGHT_COLOR: RGB = (152, 195, 121)
KEPT_COLOR: RGB = RIGHT_COLOR  # the good weights a divergence went back to
SHOWN_STEP_COLOR: RGB = (198, 120, 221)  # the past step that b shows, and the edit cursor
OPTIMUM_COLOR: RGB = RIGHT_COLOR  # the lowest cost reachable: squared error's exact solution


def class_color(k: int) -> RGB:
    return CLASS_COLORS[k % len(CLASS_COLORS)]


def class_marker(k: int) -> str:
    return CLASS_MARKERS[k % len(CLASS_MARKERS)]


def wrong_marker(k: int) -> str:
    return WRONG_MARKERS[k % len(WRONG_MARKERS)]


def region_marker(k: int) -> str:
    return REGION_MARKERS[k % len(REGION_MARKERS)]


def rich_color(rgb: RGB) -> str:
    """The colour as a Rich style string."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)
