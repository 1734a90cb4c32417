"""The command palette with keys typed ahead: ctrl+p, enter, enter runs one command once, and the app lives on.

Both enters select the highlighted command before the palette has closed. Textual 8.2.8's
own palette then dismisses itself twice: the second time it pops the app's last screen
(ScreenStackError) and the app ends, within a minute of key presses.
"""

from app_pilot import press_at_once, ready, settle, wait_for
from textual.command import CommandInput, CommandList

from tui_clf.app.widgets.command_palette import CommandPalette


def listed_commands(app) -> list[str]:
    """The commands the open palette lists once it has gathered them all (none before)."""
    if not CommandPalette.is_open(app) or not app.screen.has_class("-ready"):
        return []
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


async def test_ctrl_p_enter_enter_typed_ahead_runs_the_command_once_and_the_app_lives_on(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        app.screen.query_one(CommandInput).value = "training: one step"
        await wait_for(pilot, lambda: listed_commands(app)[:1] == ["training: one step"], "the palette to list the command")
        await press_at_once(pilot, "enter", "enter")
        await wait_for(pilot, lambda: not CommandPalette.is_open(app), "the palette to close")
        await settle(pilot)
        assert app.is_running
        assert app.progress.steps == 1, "one step: the command ran once"
        await pilot.press("s")
        await settle(pilot)
        assert app.progress.steps == 2, "the keys still drive the trainer"


async def test_the_theme_picker_with_enter_enter_typed_ahead_changes_the_theme_and_the_app_lives_on(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        theme = app.theme
        app.action_change_theme()  # the palette's "Theme" command
        await wait_for(pilot, lambda: len(listed_commands(app)) > 1, "the themes")
        await press_at_once(pilot, "down", "enter", "enter")
        await wait_for(pilot, lambda: not CommandPalette.is_open(app), "the picker to close")
        await settle(pilot)
        assert app.is_running and app.theme != theme
