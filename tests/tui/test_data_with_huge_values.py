"""Data with values near the float limit is shown or refused, never a crash; every plot survives such values.

plotext fails on spans past 1e308 (`ValueError: cannot convert float NaN to integer` from
the boundary view, exit 1). The app either refuses the file (the loader's DataError in the
notice or the dialog) or shows the data, with what cannot be drawn left out and counted.
"""

from __future__ import annotations

import numpy as np
import pytest
from app_pilot import settle, wait_for
from data_files import write
from textual.app import App, ComposeResult
from textual.widgets import Input

from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.app.widgets.open_file_screen import OpenFileScreen
from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.plottable import PLOT_LIMIT, drawable

ROWS = 40


def huge_csv(folder, name: str, huge: float, features: int = 2):
    """A CSV of two classes whose first column holds `huge` in row 3 and -`huge` in row 4."""
    rng = np.random.default_rng(7)
    X = rng.normal(size=(ROWS, features))
    X[3, 0], X[4, 0] = huge, -huge
    header = ",".join(f"f{j}" for j in range(features)) + ",label"
    lines = [",".join(repr(float(v)) for v in row) + f",{'ab'[i % 2]}" for i, row in enumerate(X)]
    return write(folder, name, "\n".join([header, *lines]) + "\n")


def shown_or_refused(app) -> bool:
    """The first build is over: a session is shown, or the notice says why there is none."""
    return app.session is not None or app.query_one(NoticeBar).message.startswith("✗")


async def look_at_everything(pilot) -> None:
    """A step and a gradient check, then every view (boundary, losses, per-example, h sweep) and the log scale."""
    app = pilot.app
    for key in ["s", "g", "v", "v", "v", "v", "l"]:
        await pilot.press(key)
        await settle(pilot)
        assert app.is_running and app.state != "failed", app.query_one(NoticeBar).message


@pytest.mark.parametrize(
    ("huge", "features", "standardize"),
    [(1e308, 2, False), (1e308, 2, True), (1e308, 4, False), (1e200, 2, False)],
    ids=["1e308-raw", "1e308-standardised", "1e308-4-features-raw", "1e200-raw"],
)
async def test_data_with_huge_values_is_shown_or_refused_at_start_up(make_app, tmp_path, huge, features, standardize):
    path = huge_csv(tmp_path, "huge.csv", huge, features)
    app = make_app(data=str(path), standardize=standardize)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: shown_or_refused(app), "the data to be shown or refused")
        await settle(pilot)
        if app.session is not None:
            await look_at_everything(pilot)
        else:
            assert "huge.csv" in app.query_one(NoticeBar).message


async def test_data_with_huge_values_is_shown_or_refused_through_the_open_file_dialog(make_app, tmp_path):
    path = huge_csv(tmp_path, "huge.csv", 1e308)
    app = make_app(standardize=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the first session")
        await pilot.press("o")
        app.screen.query_one("#open-path", Input).value = str(path)
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: not isinstance(app.screen, OpenFileScreen) or "✗" in str(app.screen.query_one("#open-error").render()),
            "the file to be shown or refused",
        )
        await settle(pilot)
        if isinstance(app.screen, OpenFileScreen):
            assert "huge.csv" in str(app.screen.query_one("#open-error").render())
        else:
            await wait_for(pilot, lambda: app.session.config.data == str(path) or "✗" in app.query_one(NoticeBar).message, "the new data")
            await look_at_everything(pilot)


def test_plotext_draws_every_value_that_drawable_keeps():
    """The limit is safe: any mix of kept values, linear or log, scatter or line, at any size."""
    rng = np.random.default_rng(0)
    plot = ThemedPlot().plt
    edges = [0.0, 1e-200, 1e-12, 1.0, 1e15, 1e100, PLOT_LIMIT]
    for case in range(240):
        log = case % 2 == 1
        values = rng.choice(edges, size=(2, 3)) * rng.choice([-1.0, 1.0], size=(2, 3)) * (1 + rng.choice([0, 1e-16, 1e-9], size=(2, 3)))
        if log:
            values[1] = np.abs(values[1])
        values = np.where(drawable(values, log=log), values, 1.0)
        plot.clear_figure()
        plot.plotsize(int(rng.integers(4, 120)), int(rng.integers(3, 40)))
        (plot.scatter if case % 3 else plot.plot)(values[0].tolist(), values[1].tolist())
        if log:
            plot.yscale("log")
        plot.build()


def test_drawable_leaves_out_what_plotext_cannot_place():
    values = np.array([0.0, -PLOT_LIMIT, PLOT_LIMIT, 1e201, -1e308, np.inf, np.nan, 1e-300])
    assert drawable(values).tolist() == [True, True, True, False, False, False, False, True]
    assert drawable(values, log=True).tolist() == [False, False, True, False, False, False, False, False]


class OnePlot(App[None]):
    """A bare app with one themed plot of a span plotext's arithmetic overflows on."""

    def compose(self) -> ComposeResult:
        plot = ThemedPlot()
        plot.plt.scatter([-1e308, 1e308], [0.0, 1.0])
        yield plot


async def test_a_plot_that_plotext_cannot_build_says_so_instead_of_ending_the_app():
    app = OnePlot()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        assert app.is_running
        assert "cannot be drawn" in str(app.query_one(ThemedPlot).render())
