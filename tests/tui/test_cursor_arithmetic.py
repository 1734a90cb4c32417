"""The pure parts of the cursors: the x of a plot column, the cursor's steps, zoom and pan, and what it reads."""

import math
import re

import numpy as np
import pytest
from textual_plotext.plot import Plot

from engine.activations import sigmoid
from engine.losses import LOSSES
from engine.records import StepRecord
from tui_clf.views.curve_readout import curve_readout
from tui_clf.views.cursor import AxisCursor, nearest_index
from tui_clf.views.history import History
from tui_clf.views.loss_figure import MIN_Z_SPAN, Z_LIMITS, Z_WINDOW, window_curves, y_limits
from tui_clf.views.loss_readout import loss_readout
from tui_clf.views.plot_columns import x_at_column
from tui_clf.views.ticks import nice_ticks

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def figure_cursor(x: float = 0.0) -> AxisCursor:
    return AxisCursor(x, *Z_WINDOW, limits=Z_LIMITS, min_span=MIN_Z_SPAN)


def drawn_line_column(width: int, low: float, high: float, x: float) -> tuple[int, range]:
    """Where plotext itself draws a vertical line at x, and its canvas columns."""
    plt = Plot()
    plt.plotsize(width, 12)
    plt.plot([low, high], [0.0, 1.0])
    plt.xlim(low, high)
    plt.vline(x)
    top = ANSI.sub("", plt.build()).splitlines()[0]
    return top.index("┬"), plt.monitor.matrix.Cols_canvas


@pytest.mark.parametrize("width, low, high", [(60, -4.0, 4.0), (75, -16.0, 16.0), (41, 0.0, 123.0)])
def test_the_x_of_a_column_is_drawn_by_plotext_in_that_very_column(width, low, high):
    _, canvas = drawn_line_column(width, low, high, low)
    for column in range(canvas.start, canvas.stop, 7):
        drawn, _ = drawn_line_column(width, low, high, x_at_column(column, canvas, low, high))
        assert drawn == column


def test_columns_outside_the_canvas_read_as_its_ends():
    canvas = range(5, 59)
    assert x_at_column(0, canvas, -4.0, 4.0) == -4.0
    assert x_at_column(58, canvas, -4.0, 4.0) == 4.0
    assert x_at_column(70, canvas, -4.0, 4.0) == 4.0


def test_the_cursor_steps_a_tenth_on_the_lectures_window_and_reaches_z_minus_5_exactly():
    cursor = figure_cursor()
    assert cursor.step == 0.1
    for _ in range(50):
        cursor = cursor.moved(-1)
    assert cursor.x == -5.0
    assert cursor.low <= -5.0 <= cursor.high and cursor.span == 8.0


def test_coarse_steps_are_ten_fine_ones_and_land_on_their_own_grid():
    assert figure_cursor(-4.6).moved(-1, coarse=True).x == -5.0  # off the coarse grid: the first step goes to it
    assert figure_cursor(-4.6).moved(1, coarse=True).x == -4.0
    assert figure_cursor(-5.0).moved(-1, coarse=True).x == -6.0
    assert figure_cursor().moved(-3, coarse=True).moved(5).x == -2.5


def test_the_window_pans_to_hold_the_cursor_a_tenth_inside_its_edge():
    cursor = figure_cursor()
    for _ in range(11):
        cursor = cursor.moved(-1, coarse=True)
    for _ in range(5):
        cursor = cursor.moved(-1)
    assert cursor.x == -11.5
    assert cursor.low == pytest.approx(-11.5 - 0.8) and cursor.span == pytest.approx(8.0)


def test_zooming_keeps_the_cursor_at_the_same_place_in_the_window():
    cursor = figure_cursor(-2.0)
    out = cursor.zoomed(2.0)
    assert out.span == 16.0 and out.x == -2.0
    assert (out.x - out.low) / out.span == pytest.approx((cursor.x - cursor.low) / cursor.span)
    back = out.zoomed(0.5)
    assert (back.low, back.high) == pytest.approx((cursor.low, cursor.high))


def test_zoom_and_moves_never_leave_the_limits_nor_narrow_below_the_least_span():
    cursor = figure_cursor(3.0)
    for _ in range(10):
        cursor = cursor.zoomed(2.0)
    assert (cursor.low, cursor.high) == Z_LIMITS
    for _ in range(20):
        cursor = cursor.zoomed(0.5)
    assert cursor.span == pytest.approx(MIN_Z_SPAN)
    cursor = figure_cursor()
    for _ in range(100):
        cursor = cursor.moved(1, coarse=True)
    assert cursor.x == Z_LIMITS[1] and cursor.high == Z_LIMITS[1] and cursor.span == pytest.approx(8.0)


def test_a_step_cursor_moves_by_whole_steps_and_stays_on_the_recorded_ones():
    cursor = AxisCursor(60.0, 0.0, 60.0, limits=(0.0, 60.0), min_span=1.0, quantum=1.0)
    assert cursor.step == 1.0 and cursor.moved(-1).x == 59.0 and cursor.moved(1).x == 60.0
    assert cursor.spanning(0.0, 2000.0).step == 10.0
    assert cursor.spanning(0.0, 30.0).x == 30.0


def test_nearest_index_picks_the_closest_value_and_clamps_at_the_ends():
    xs = np.array([0.0, 1.0, 3.0, 10.0])
    assert [nearest_index(xs, x) for x in (-5, 0.4, 0.5, 0.6, 2.1, 7, 99)] == [0, 0, 0, 1, 2, 3, 3]


def test_the_readout_gives_the_lectures_cross_entropy_at_y_of_a_hundredth_and_of_1e_minus_5():
    for y, lecture in ((0.01, 4.6), (1e-5, 11.5)):
        z = math.log(y / (1 - y))  # logit(y)
        readout = loss_readout(z, 1)
        assert readout.y == pytest.approx(y)
        assert readout.readings["cross-entropy"].value == pytest.approx(-math.log(y))
        assert round(readout.readings["cross-entropy"].value, 1) == lecture


def test_the_readout_gives_the_lectures_weak_gradient_of_logistic_squared_error_at_z_minus_5():
    readout = loss_readout(-5.0, 1)
    y = 1 / (1 + math.exp(5.0))
    assert readout.readings["logistic-squared-error"].derivative == pytest.approx((y - 1) * y * (1 - y))
    assert round(readout.readings["logistic-squared-error"].derivative, 4) == -0.0066


@pytest.mark.parametrize("label", [0, 1])
@pytest.mark.parametrize("z", [-11.5, -5.0, -0.3, 2.7])
def test_every_readout_derivative_matches_finite_differences_of_its_values(z, label):
    h = 1e-6
    here, left, right = loss_readout(z, label), loss_readout(z - h, label), loss_readout(z + h, label)
    for name, reading in here.readings.items():
        slope = (right.readings[name].value - left.readings[name].value) / (2 * h)
        assert reading.derivative == pytest.approx(slope, rel=1e-5, abs=1e-8), name


def test_the_readout_for_t_equals_0_mirrors_t_equals_1_for_cross_entropy():
    assert loss_readout(-5.0, 0).readings["cross-entropy"].value == pytest.approx(loss_readout(5.0, 1).readings["cross-entropy"].value)
    assert loss_readout(-5.0, 0).readings["cross-entropy"].derivative == pytest.approx(float(sigmoid(np.array([-5.0]))[0]))


def test_the_readout_is_the_engines_own_value_and_grad():
    for name in ("squared-error", "hinge", "zero-one", "cross-entropy-naive"):
        loss = LOSSES[name]
        t = loss.encode(np.array([1]))
        reading = loss_readout(-2.5, 1).readings[name]
        assert reading.value == loss.value(np.array([-2.5]), t)[0]
        assert reading.derivative == loss.grad(np.array([-2.5]), t)[0]


@pytest.mark.parametrize("derivative", [False, True])
def test_the_y_range_holds_the_selected_loss_and_cross_entropy_over_the_window(derivative):
    curves = window_curves(-12.0, 4.0, 1)
    bottom, top = y_limits(curves, "logistic-squared-error", derivative)
    for name in ("logistic-squared-error", "cross-entropy"):
        shown = curves[name].derivative if derivative else curves[name].value
        assert bottom <= shown.min() and shown.max() <= top
    assert top >= 11.5 or derivative  # CE at z = -11.5 is on the figure
    assert bottom == 0.0 or derivative


def test_the_curve_readout_reads_the_nearest_step_and_validations_own_nearest_step():
    history = History()
    for s in range(31):
        val = 2.0 if s % 10 == 0 else None  # validation measured on every tenth step only
        history.extend([StepRecord(s, 1, 1.0 / (s + 1), 1.0 / (s + 1), 0.5, val, val, None if val is None else 0.25, 1.0, 0.0, 0.1)])
    readout = curve_readout(history, 13.4)
    assert readout.train.step == 13 and readout.train.cost == 1.0 / 14
    assert readout.val.step == 10 and readout.val.cost == 2.0
    assert curve_readout(History(), 3.0) is None


def test_the_zoomed_figure_is_labelled_at_round_z():
    assert nice_ticks(-4.0, 4.0) == [-4.0, -2.0, 0.0, 2.0, 4.0]
    assert nice_ticks(-13.1, 2.9) == [-10.0, -5.0, 0.0]
    assert nice_ticks(-5.3, -5.1) == [-5.3, -5.2, -5.1]
