"""The Textual app: its screen (app.py + app.tcss), widgets, messages, background jobs and session state.

Nothing here imports tui_clf.cli; importing this package alone loads no Textual (the launcher imports the app only when it runs).
"""
