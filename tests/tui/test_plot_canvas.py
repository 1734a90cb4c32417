"""A plot shown line by line (PlotCanvas) looks exactly as textual-plotext's one Text did, and a
line that stays the same from one frame to the next is not converted again."""

from app_pilot import ready, train
from rich.text import Text
from textual.content import Content
from textual.visual import RenderOptions, Visual

from tui_clf.app.widgets.curve_plot import CurvePlot
from tui_clf.app.widgets.plot_canvas import PlotCanvas


def strips_of(plot, visual):
    """The plot's lines as the screen gets them."""
    width, height = plot.size
    return Visual.to_strips(plot, visual, width, height, plot.visual_style)


def canvas_strips(plot, canvas):
    """The lines PlotCanvas hands Textual (before the widget's own finishing touches, which copy each line)."""
    width, height = plot.size
    return canvas.render_strips(width, height, plot.visual_style, RenderOptions(plot._get_style, plot.styles))


async def test_the_cost_curve_line_by_line_is_the_whole_text_s_picture(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 60)
        plot = app.query_one("#cost-plot", CurvePlot)
        canvas = plot.render()
        assert isinstance(canvas, PlotCanvas)
        whole = Content.from_rich_text(Text.from_ansi("\n".join(canvas.lines)), console=app.console)
        assert strips_of(plot, canvas) == strips_of(plot, whole)
        assert "cost" in canvas.plain and "\x1b" not in canvas.plain


async def test_a_line_unchanged_since_the_last_frame_is_reused_not_converted_again(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 60)
        plot = app.query_one("#cost-plot", CurvePlot)
        first = canvas_strips(plot, plot.render())
        again = canvas_strips(plot, plot.render())  # nothing changed: every line is the last frame's
        assert all(a is b for a, b in zip(first, again, strict=True))
        await train(pilot, 200)  # the curve and its step axis move
        moved = canvas_strips(plot, plot.render())
        assert moved != first
        assert any(a is b for a, b in zip(first, moved)), "no line was reused (the plot's frame lines at least stay)"
