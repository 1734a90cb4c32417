"""Without colour (NO_COLOR: Textual then draws in monochrome) every view still tells its series
apart, and in every theme the plots' labels stand out from their background.

Read from the screen's strips, as the terminal gets them after Textual's colour filters.
"""

import re

import pytest
from app_pilot import ready, screen_strips, settle, train, widget_lines

from engine.losses import LOSSES
from engine.objective import scores
from tui_clf.views.palette import class_marker, region_marker, wrong_marker
from tui_clf.views.loss_style import LOSS_LETTERS


@pytest.fixture
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # read when the App is created


def canvas(lines: list[str]) -> str:
    """What is inside a plot's frame, the legend's entries ("oo 0", "▞▞ hinge") left out."""
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    left, right = lines[top].index("┌") + 1, lines[top].index("┐")
    return "\n".join(re.sub(r"^ (\S)\1 [\w-]+", "", line[left:right]) for line in lines[top + 1 : bottom])


async def show_view(pilot, tab: str) -> None:
    pilot.app.action_show_section("views")
    pilot.app.query_one("#view-tabs").active = tab
    await settle(pilot)


async def test_under_no_color_every_loss_against_z_has_its_own_letter_on_the_plot_and_in_the_legend(make_app, no_color):
    app = make_app(loss="hinge")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.no_color
        await show_view(pilot, "tab-losses")
        drawn = canvas(widget_lines(app, app.query_one("#losses-plot")))
        legend = " ".join(" ".join(widget_lines(app, app.query_one("#losses-readout"))).split())
        assert len(set(LOSS_LETTERS.values())) == len(LOSSES)
        for name, letter in LOSS_LETTERS.items():
            assert letter in drawn, f"{name}'s curve carries no {letter!r}"
            assert f"{letter} {name}" in legend


async def test_under_no_color_the_standardise_box_looks_different_on_and_off(make_app, no_color):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        box = app.query_one("#standardize")
        assert box.value
        on = widget_lines(app, box)[0]
        box.toggle()
        await settle(pilot)
        assert not box.value and not app.session.config.standardize
        off = widget_lines(app, box)[0]
        assert on != off and "X" in on and "X" not in off


async def test_under_no_color_the_boundary_view_shades_each_predicted_class_and_marks_the_misclassified(make_app, no_color):
    app = make_app(data="blobs-overlap", loss="cross-entropy")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await train(pilot, 30)
        session, params = app.session, app.progress.params
        X, labels = session.data.train.X[session.view_rows], session.data.train.y[session.view_rows]
        predicted = session.loss.predict(scores(params, X, session.loss))
        assert set(predicted) == {0, 1} and (predicted != labels).any(), "both regions, and some mistakes, to draw"
        drawn = canvas(widget_lines(app, app.query_one("#boundary-plot")))
        for k in (0, 1):
            assert region_marker(k) in drawn, f"no shading of class {k}'s region"
            assert class_marker(k) in drawn
        assert {wrong_marker(k) for k in set(labels[predicted != labels])} <= set(drawn), "a misclassified point is not marked"
        assert len({region_marker(k) for k in (0, 1)} | {class_marker(k) for k in (0, 1)} | {wrong_marker(k) for k in (0, 1)}) == 6


@pytest.mark.parametrize("theme", ["ansi-light", "ansi-dark", "textual-light", "textual-dark"])
async def test_in_every_theme_the_plot_labels_stand_out_from_their_background(make_app, theme):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await ready(pilot)
        await train(pilot, 10)
        plot = app.query_one("#cost-plot")
        region = plot.region
        labels = [
            segment.style
            for strip in screen_strips(app)[region.y : region.bottom]
            for segment in strip.crop(region.x, region.right)
            if "┤" in segment.text or "cost" in segment.text
        ]
        assert labels
        for style in labels:
            # The terminal's own colours (an ANSI theme's default) are readable by definition; any other pair must differ.
            own = style.color.is_default and (style.bgcolor is None or style.bgcolor.is_default)
            assert own or style.color.get_truecolor() != style.bgcolor.get_truecolor(), f"labels {style} in {theme}"
