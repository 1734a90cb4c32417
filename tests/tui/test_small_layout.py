"""At 80 x 24 (and narrower) a student sees the cost fall beside the boundary, reads every
message whole, and the footer shows whole keys only."""

import re

import pytest
from app_pilot import press_at_once, ready, screen_text, settle, train, wait_for
from textual.widgets._footer import FooterKey

from tui_clf.app.widgets.notice_bar import NoticeBar


def on_screen(app, widget) -> bool:
    """True when `widget` is displayed and has room on the screen."""
    region = widget.region
    return widget.display and widget.visible and region.width > 10 and region.height > 5 and app.screen.region.contains_region(region)


def words(text: str) -> str:
    return " ".join(text.split())


async def test_at_80x24_the_app_opens_on_the_cost_curve_beside_the_boundary(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.section == "train"
        await train(pilot, 30)
        cost, boundary = app.query_one("#cost-plot"), app.query_one("#boundary-plot")
        assert on_screen(app, cost) and on_screen(app, boundary)
        assert cost.region.x + cost.region.width <= boundary.region.x, "side by side"
        shown = screen_text(app)
        assert any("cost" in line for line in shown) and any("30" in line for line in shown[cost.region.y : cost.region.bottom])


async def test_the_train_view_is_a_key_in_the_footer_and_takes_back_from_any_section(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "0 Train" in screen_text(app)[-1]
        await press_at_once(pilot, "1")
        assert app.section == "setup"
        await press_at_once(pilot, "0")
        assert app.section == "train"
        await pilot.press("space")  # space from Setup goes to Train too
        assert app.section == "train"


async def test_the_train_key_is_not_in_the_footer_of_the_large_layout(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "Train" not in screen_text(app)[-1]


@pytest.mark.parametrize(
    "options, keys",
    [
        (dict(loss="zero-one"), []),  # the welcome and the 0-1 note (it ended at "train a surrogate such as")
        (dict(loss="squared-error", lr=100), ["space"]),  # the divergence, its cause and its fix
    ],
    ids=["zero-one-note", "divergence"],
)
async def test_every_message_is_readable_whole_at_80x24(make_app, options, keys):
    app = make_app(**options)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        if keys:
            await pilot.press(*keys)
            await wait_for(pilot, lambda: app.state == "diverged", "the divergence")
            await settle(pilot)
        notice = app.query_one(NoticeBar)
        message = words(notice.message)
        assert len(message) > 200, "a long message, as in the issue"
        region = notice.region
        shown = words(" ".join(line[region.x : region.right] for line in screen_text(app)[region.y : region.bottom]))
        assert shown == message


@pytest.mark.parametrize("width", [40, 50, 60, 80])
async def test_the_footer_shows_whole_keys_and_nothing_else(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await ready(pilot)
        line = screen_text(app)[-1]
        keys = [key for key in app.query(FooterKey) if key.display]
        assert {"space", "s", "g", "q"} <= {key.key for key in keys}
        pieces = sorted((key.content_region.x, key.render().plain) for key in keys)
        for x, text in pieces:
            assert line[x : x + len(text)] == text, f"{text!r} is cut at {width} columns"
        rest = line
        for x, text in pieces:
            rest = rest[:x] + " " * len(text) + rest[x + len(text) :]
        assert re.fullmatch(r"[ ▏]*", rest), f"stray characters in the footer: {line!r}"
