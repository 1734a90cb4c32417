"""The open-file dialog: type a path or pick a file; a file that cannot be used says why, here.

The dialog reads the file and makes the app's next session from it (split, standardise, a
trainer for the app's loss and settings) before it closes, so that every failure reaches the
dialog as one line, the file's and the session's alike (a value too large to standardise, a
label column the loss cannot use): the loader's and the engine's own errors as they are,
anything else (an OSError, an exception the loader did not foresee) with its kind. The app
keeps its data until a session is ready. A path that is not a regular file (a FIFO, a device)
is refused before it is opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Footer, Input, Label, Static
from textual.worker import get_current_worker

from engine.data import FORMATS
from engine.errors import EngineError
from tui_clf.app.jobs import unless_cancelled
from tui_clf.app.messages import FileLoaded, FileRefused
from tui_clf.app.session import build_session
from tui_clf.config import RunConfig


class DataFileTree(DirectoryTree):
    """A directory tree that lists folders and the files load_dataset can read (no hidden ones)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if not path.name.startswith(".") and (path.is_dir() or is_data_file(path))]


def is_data_file(path: Path) -> bool:
    """True for a name load_dataset knows: .csv, .svm, .svmlight, .libsvm, .txt, .npz (text ones also .gz)."""
    name = path.name.lower().removesuffix(".gz")
    return Path(name).suffix in FORMATS


def why_not_read(path: str, error: Exception) -> str:
    """One line on why `path` could not be read: the loader's message, else the error's kind and text."""
    if isinstance(error, EngineError):
        why = str(error)
    elif isinstance(error, OSError):
        why = f"{path}: {error.strerror or error}"
    else:
        why = f"{path}: cannot be read: {type(error).__name__}: {error}"
    return " ".join(why.splitlines())


class OpenFileScreen(ModalScreen[FileLoaded | None]):
    """Dismissed with the session made from the file, or None when cancelled; never with a file that failed."""

    BINDINGS = [Binding("escape", "dismiss_dialog", "Cancel")]

    def __init__(self, start: Path, config: RunConfig) -> None:
        super().__init__()
        self._start = start
        self._config = config  # the app's: a file opened keeps its loss and settings

    def compose(self) -> ComposeResult:
        with Vertical(id="open-dialog"):
            yield Static("Open a data file: CSV (label in the last column unless named), svmlight or .npz")
            with Horizontal(classes="row"):
                yield Label("Path", classes="field-label")
                yield Input(placeholder="data.csv", id="open-path", compact=True)
            with Horizontal(classes="row"):
                yield Label("Label col", classes="field-label")
                yield Input(placeholder="last column (CSV: name or 0-based index)", id="open-target", compact=True)
            yield DataFileTree(self._start, id="open-tree")
            yield Static(id="open-error")
            with Horizontal(id="open-buttons"):
                yield Button("Open", variant="primary", id="open-confirm", compact=True)
                yield Button("Cancel", id="open-cancel", compact=True)
        yield Footer()  # the dialog's own keys (esc), not the app's, which do nothing here

    def on_mount(self) -> None:
        self.query_one("#open-path", Input).focus()

    @on(DirectoryTree.FileSelected)
    def _file_picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#open-path", Input).value = str(event.path)
        self._open()

    @on(Input.Submitted)
    @on(Button.Pressed, "#open-confirm")
    def _open(self) -> None:
        path = self.query_one("#open-path", Input).value.strip()
        if not path:
            self._show_error("Type a path, or pick a file in the tree.")
            return
        target = self.query_one("#open-target", Input).value.strip() or None
        self.query_one("#open-error", Static).update(f"Reading {path}…")
        self._load(path, target)

    @on(Button.Pressed, "#open-cancel")
    def action_dismiss_dialog(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-file")
    def _load(self, path: str, target: str | None) -> None:
        try:
            # Through RunConfig, so a label column is read exactly as `--target` reads it.
            config = self._config.updated(data=path, target=target, positive_class=None)
            session = unless_cancelled(partial(build_session, 0, config))
        except Exception as error:
            self.post_message(FileRefused(why_not_read(path, error)))
            return
        if session is not None and get_current_worker().is_cancelled:
            session.resources.close()  # the dialog closed, or a newer path replaced this one
        elif session is not None:
            self.post_message(FileLoaded(path, target, session))

    def on_file_refused(self, message: FileRefused) -> None:
        self._show_error(message.error)

    def on_file_loaded(self, message: FileLoaded) -> None:
        self.dismiss(message)

    def _show_error(self, error: str) -> None:
        self.query_one("#open-error", Static).update(f"✗ {error}")
