"""? and F1 show every key of the app and what it does, the hidden ones too, and hide them again."""

from textual.widgets import HelpPanel


def shown_keys_text(app) -> str:
    """The keys panel's table as plain text."""
    table = app.screen.query_one(HelpPanel).query_one("BindingsTable")
    return "".join(segment.text for segment in app.console.render(table.render_bindings_table()))


async def test_question_mark_and_f1_toggle_a_panel_of_every_key(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        shown = shown_keys_text(app)
        # Keys the footer leaves out at 80 columns are in the panel, with what they do.
        for description in ("Show the kept step after this one", "Save the screen", "Cursor"):
            assert description in shown, description
        await pilot.press("f1", "f1", "question_mark")
        await pilot.pause()
        assert not app.screen.query(HelpPanel)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query(HelpPanel)
