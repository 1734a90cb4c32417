"""In a colour terminal a printed plot keeps the terminal's own background, and its curves read on a dark and on a light one.

plotext's default theme painted every plot a bright white rectangle (ESC[107m) with black axes
(ESC[30m) and bright green and blue curves: glaring on a dark terminal, faint on a light one.
"""

import re

import pytest

from tui_clf.cli.print_colors import LOSS_PRINT_COLORS, SERIES_COLORS

COLOUR_TERMINAL = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "80"}
SGR = re.compile(r"\x1b\[([0-9;]*)m")
COMMANDS = {
    "train": ["train", "-d", "breast_cancer", "--epochs", "20"],
    "losses": ["losses", "--derivatives"],
    "losses --stability": ["losses", "--stability"],
    "gradcheck --h-sweep": ["gradcheck", "-d", "breast_cancer", "--h-sweep"],
    "compare": ["compare", "-d", "blobs-outliers", "--epochs", "40"],
}
CUBE = (0, 95, 135, 175, 215, 255)  # xterm's 6 x 6 x 6 colour cube, colours 16-231
BLACK, WHITE = (0, 0, 0), (255, 255, 255)


def xterm_rgb(n: int) -> tuple[int, int, int]:
    """The RGB of xterm colour n, 16-255 (0-15 are the terminal's own palette)."""
    if n >= 232:
        return (8 + 10 * (n - 232),) * 3
    n -= 16
    return CUBE[n // 36], CUBE[n // 6 % 6], CUBE[n % 6]


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2's contrast ratio, from 1 (none) to 21 (black on white)."""
    low, high = sorted((relative_luminance(a), relative_luminance(b)))
    return (high + 0.05) / (low + 0.05)


def styles(text: str) -> list[list[str]]:
    """The parameters of every SGR escape in `text`, e.g. ['38', '5', '63']."""
    return [m.group(1).split(";") for m in SGR.finditer(text)]


def colours(params: list[str]) -> tuple[list[str], list[str]]:
    """The (foreground, background) colours an SGR escape sets: "30"-"37", "90"-"97" (40-47, 100-107
    behind) are the terminal's palette; "5;n" one of xterm's 256; "2;r;g;b" true colour."""
    fore, back, i = [], [], 0
    while i < len(params):
        p = params[i]
        if p in ("38", "48"):
            width = 2 if params[i + 1] == "5" else 4
            (fore if p == "38" else back).append(";".join(params[i + 1:i + 1 + width]))
            i += 1 + width
            continue
        code = int(p or 0)
        if 30 <= code <= 37 or 90 <= code <= 97:
            fore.append(p)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            back.append(p)
        i += 1
    return fore, back


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_plot_in_a_colour_terminal_sets_no_background(cli, name):
    result = cli(*COMMANDS[name], env=COLOUR_TERMINAL)
    assert result.exit_code == 0, result.stderr
    found = styles(result.stdout)
    assert found, "no escape codes at all: the command did not see a colour terminal"
    set_backgrounds = sorted({b for p in found for b in colours(p)[1]})
    assert not set_backgrounds, f"`tui-clf {' '.join(COMMANDS[name])}` paints backgrounds {set_backgrounds}"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_curve_colour_reads_on_black_and_on_white(cli, name):
    result = cli(*COMMANDS[name], env=COLOUR_TERMINAL)
    plot_rows = "\n".join(line for line in result.stdout.splitlines() if "┤" in line)
    for params in styles(plot_rows):
        for colour in colours(params)[0]:
            assert colour.startswith("5;"), f"colour {colour}: a palette's shade is the terminal's guess"
            rgb = xterm_rgb(int(colour[2:]))
            assert min(contrast(rgb, BLACK), contrast(rgb, WHITE)) >= 4, f"colour {colour} = {rgb} is faint on black or on white"


@pytest.mark.parametrize("color", sorted(set(SERIES_COLORS) | set(LOSS_PRINT_COLORS.values())))
def test_each_print_colour_is_an_xterm_colour_of_middle_luminance(color):
    assert all(channel in CUBE for channel in color) or len(set(color)) == 1, f"{color} is not one of xterm's 256"
    assert contrast(color, BLACK) >= 4 and contrast(color, WHITE) >= 4


def test_no_two_losses_share_a_print_colour():
    assert len(set(LOSS_PRINT_COLORS.values())) == len(LOSS_PRINT_COLORS)
