"""Space changes the footer's word for it (Run, Pause) where it stands: its keys are not mounted again."""

from app_pilot import press_at_once, ready, screen_text, wait_for
from textual.widgets._footer import FooterKey

from tui_clf.app.widgets.compare_screen import CompareScreen


async def test_space_turns_run_into_pause_and_back_on_the_same_footer_keys(make_app):
    app = make_app(data="breast_cancer", epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        keys = list(app.screen.query(FooterKey))
        assert "space Run" in screen_text(app)[-1]
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: "space Pause" in screen_text(app)[-1], "Pause in the footer")
        assert list(app.screen.query(FooterKey)) == keys  # the same widgets, updated where they are
        space = next(key for key in keys if key.key == "space")
        assert space.action == "pause" and space.tooltip == "Pause after the current step"
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: "space Run" in screen_text(app)[-1], "Run in the footer again")
        await wait_for(pilot, lambda: app.state == "paused", "the pause")
        assert list(app.screen.query(FooterKey)) == keys


async def test_other_keys_are_composed_as_textual_does(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, "c")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen), "the compare screen")
        await wait_for(pilot, lambda: "Restart" in screen_text(app)[-1], "the race's keys")
        await press_at_once(pilot, "escape")
        await wait_for(pilot, lambda: "space Run" in screen_text(app)[-1] and "Compare" in screen_text(app)[-1], "the app's keys again")
