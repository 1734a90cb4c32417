"""A plot's title is never left blank for want of width: parts are dropped, then the first is cut with "…"."""

import pytest
from app_pilot import ready, settle

from tui_clf.app.widgets.boundary_plot import BoundaryPlot


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_boundary_view_of_30_features_says_what_it_shows_at_small_sizes(make_app, size):
    app = make_app(data="breast_cancer")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("0")  # Train: the boundary view beside the cost curve, at half the width
        await settle(pilot)
        plot = app.query_one(BoundaryPlot)
        assert plot.size.width < 50
        title = plot.render().plain.splitlines()[0]
        assert title.strip().startswith("score z = w·x + b by"), title


async def test_a_title_wider_than_its_plot_is_cut_after_a_word(make_app):
    app = make_app(data="breast_cancer")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        plot = app.query_one(BoundaryPlot)
        room = plot.size.width - 8
        words = " ".join(["word"] * room)
        cut = plot.fitted_title(words, "a second part")
        assert cut.endswith("word…") and len(cut) <= room, cut
        assert plot.fitted_title("short", "x" * room) == "short"
