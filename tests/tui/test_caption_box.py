"""A long caption under a figure scrolls in a small terminal instead of squeezing the figure."""

import pytest

from tui_clf.app.widgets.caption_box import CaptionBox


async def show_h_sweep(app, pilot) -> None:
    await pilot.press("s", "g")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("3", "v", "v", "v")
    await pilot.pause()


@pytest.mark.parametrize(("size", "scrolls"), [((60, 20), True), ((80, 24), False)])
async def test_the_h_sweep_keeps_a_readable_plot_and_its_whole_caption(make_app, size, scrolls):
    app = make_app(data="breast_cancer")
    async with app.run_test(size=size) as pilot:
        await show_h_sweep(app, pilot)
        plot = app.query_one("#h-sweep")
        box = app.query_one("#h-sweep-caption").parent
        assert isinstance(box, CaptionBox)
        assert "Smallest error" in str(app.query_one("#h-sweep-caption").render())
        # Four rows of data at least between the plot's title and its axis labels.
        assert plot.size.height >= 5, plot.size
        # What the box cannot show is reachable by scrolling; at 80x24 all of it is shown.
        assert (box.max_scroll_y > 0) is scrolls
        assert box.virtual_size.height >= 5
