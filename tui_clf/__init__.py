"""tui-clf: the Textual app and the command line, two faces of the engine."""
