"""The cursor on the losses figure reads the lecture's numbers off the engine: keys (typed ahead, as fast
as a terminal delivers them), the mouse and the wheel move and zoom it, at 120 x 40 and at 80 x 24."""

import numpy as np
import pytest
from app_pilot import press_at_once, ready, settle, turn_wheel, widget_lines

from engine.losses import LOSSES
from tui_clf.app.widgets.losses_plot import LossesPlot
from tui_clf.views.formatting import number
from tui_clf.views.plot_columns import x_at_column

SIZES = [(120, 40), (80, 24)]


async def losses_view(pilot) -> tuple[LossesPlot, str]:
    """Open the app, press v for the losses view (its plot takes the focus); the plot and its readout's text."""
    app = await ready(pilot)
    await press_at_once(pilot, "v")
    await settle(pilot)
    return app.query_one(LossesPlot), readout_text(app)


def readout_text(app) -> str:
    """The readout under the plot as one line of words."""
    return " ".join(" ".join(widget_lines(app, app.query_one("#losses-readout"))).split())


def engine_reading(name: str, z: float, label: int = 1) -> tuple[str, str]:
    """L and dL/dz of `name` at z, straight from the engine, to the readout's digits."""
    loss = LOSSES[name]
    t = loss.encode(np.array([label]))
    return number(float(loss.value(np.array([z]), t)[0]), 3), number(float(loss.grad(np.array([z]), t)[0]), 3)


async def press(pilot, *keys: str) -> str:
    await press_at_once(pilot, *keys)
    await settle(pilot)
    return readout_text(pilot.app)


@pytest.mark.parametrize("size", SIZES)
async def test_five_coarse_steps_left_read_the_lectures_weak_gradient_at_z_minus_5(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        plot, _ = await losses_view(pilot)
        assert app.focused is plot
        text = await press(pilot, *["shift+left"] * 5)
        assert plot.cursor.x == -5.0
        value, grad = engine_reading("logistic-squared-error", -5.0)
        assert grad == "-0.0066"  # the lecture: dL/dz ~ -0.0066 for y ~ 0.0067
        assert "z = -5 " in text and "y = σ(z) = 0.00669" in text
        assert f"l logistic-squared-error {value}, {grad}" in text


async def test_the_cursor_reaches_cross_entropy_at_y_of_a_hundredth_and_of_1e_minus_5(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        plot, _ = await losses_view(pilot)
        text = await press(pilot, *["shift+left"] * 4, *["left"] * 6)
        assert plot.cursor.x == -4.6 and "y = σ(z) = 0.00995" in text
        assert "c cross-entropy 4.61, -0.99" in text  # the lecture: L_CE(0.01, 1) = 4.6
        text = await press(pilot, *["shift+left"] * 7, *["left"] * 5)  # -5 (onto the grid of 1), ..., -11, then -11.5
        assert plot.cursor.x == -11.5 and "y = σ(z) = 1.01e-05" in text
        assert "c cross-entropy 11.5, -1" in text  # the lecture: L_CE(0.00001, 1) = 11.5
        assert plot.cursor.low < -11.5 < plot.cursor.high  # the window panned to follow


async def test_f_flips_the_target_and_d_draws_the_derivatives(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        plot, _ = await losses_view(pilot)
        text = await press(pilot, *["shift+left"] * 5, "i")
        assert "t = 0 (hinge: -1)" in text
        for name in LOSSES:
            if name != "softmax-cross-entropy":  # K = 2 with logits (0, z): cross-entropy's numbers, checked below
                value, grad = engine_reading(name, -5.0, label=0)
                assert f"{name} {value}, {grad}" in text
        value, grad = engine_reading("cross-entropy", -5.0, label=0)
        assert f"softmax-cross-entropy {value}, {grad}" in text
        title = widget_lines(app, plot)[0]
        assert "L(z, t = 0) against z" in title
        await press(pilot, "d")
        assert "dL/dz(z, t = 0) against z" in widget_lines(app, plot)[0]


async def test_plus_and_minus_zoom_around_the_cursor_and_the_wheel_does_the_same(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        plot, _ = await losses_view(pilot)
        await press(pilot, *["shift+left"] * 2)
        fraction = (plot.cursor.x - plot.cursor.low) / plot.cursor.span
        await press(pilot, "minus", "minus")
        assert plot.cursor.span == 32.0 and plot.cursor.x == -2.0
        assert (plot.cursor.x - plot.cursor.low) / plot.cursor.span == pytest.approx(fraction)
        await press(pilot, "plus")
        assert plot.cursor.span == 16.0
        await turn_wheel(pilot, plot, (30, 5), 3)
        await settle(pilot)
        assert plot.cursor.span == 2.0 and plot.cursor.x == -2.0
        await turn_wheel(pilot, plot, (30, 5), -2)
        await settle(pilot)
        assert plot.cursor.span == 8.0


@pytest.mark.parametrize("size", SIZES)
async def test_a_click_puts_the_cursor_at_the_z_of_the_column_and_the_line_is_drawn_there(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        plot, _ = await losses_view(pilot)
        columns, low, high = plot._canvas
        for column in (columns.start + 3, columns.start + len(columns) // 3, columns.stop - 6):
            await pilot.click(plot, offset=(column, 4))
            await settle(pilot)
            z = x_at_column(column, columns, low, high)
            assert plot.cursor.x == pytest.approx(round(z, 1))
            assert abs(plot.cursor.x - z) <= plot.cursor.step / 2 + 1e-12
            top_frame = next(line for line in widget_lines(app, plot) if "┌" in line)
            assert abs(top_frame.index("┬") - column) <= 1  # the line, at the click (to the 0.1 grid)
            value, grad = engine_reading("cross-entropy", plot.cursor.x)
            assert f"c cross-entropy {value}, {grad}" in readout_text(app)


async def test_dragging_with_the_button_held_moves_the_cursor_and_hovering_does_not(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        plot, _ = await losses_view(pilot)
        columns, low, high = plot._canvas
        await pilot.mouse_down(plot, offset=(columns.start + 10, 4))
        await pilot.hover(plot, offset=(columns.start + 20, 4))
        await settle(pilot)
        assert plot.cursor.x == pytest.approx(round(x_at_column(columns.start + 10, columns, low, high), 1))


async def test_the_arrow_keys_move_the_losses_cursor_only_while_its_view_is_shown(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        plot, _ = await losses_view(pilot)
        await press(pilot, "left", "v", "left", "left")  # v: on to the per-example view
        assert plot.cursor.x == -0.1
        assert not isinstance(app.focused, LossesPlot)
