"""The dataset: which one, what is in it, and how it is prepared for training."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Label, Select, Static

from engine.bundled import BUNDLED, bundled_name
from tui_clf.app.messages import SettingsChanged
from tui_clf.views.palette import class_color, rich_color
from tui_clf.app.session import Session
from tui_clf.app.widgets.number_input import NumberInput
from tui_clf.app.widgets.on_off_checkbox import OnOffCheckbox
from tui_clf.config import RunConfig
from tui_clf.views.formatting import count

AUTO = "auto"  # the positive-class choice that lets the loss decide (see session.fit_config_to_data)
BAR_WIDTH = 12
MAX_CLASS_ROWS = 5


def class_balance(session: Session) -> Text:
    """One line per class: name, count and a bar; the classes trained on, after one-vs-rest."""
    train = session.data.train
    counts = train.class_counts()
    total = max(int(counts.sum()), 1)
    text = Text()
    shown = list(zip(train.classes, counts))[:MAX_CLASS_ROWS]
    width = max(len(name) for name, _ in shown)
    for k, (name, n) in enumerate(shown):
        bar = "█" * max(1, round(BAR_WIDTH * n / counts.max()))
        text.append(f"{name:<{width}} ", style="bold")
        text.append(bar, style=rich_color(class_color(k)))
        text.append(f" {n} ({100 * n / total:.0f}%)\n")
    if len(counts) > MAX_CLASS_ROWS:
        text.append(f"... and {len(counts) - MAX_CLASS_ROWS} more classes\n", style="dim")
    text.rstrip()
    return text


def dataset_label(spec: str) -> str:
    """How a dataset reads in the list: its bundled name, or its file's name."""
    return spec if bundled_name(spec) else Path(spec).name


class DatasetPane(Vertical):
    """Choose a bundled dataset or open a file; see its size and class balance; prepare it.

    Changes are posted as SettingsChanged; the Open button asks the app to open a file.
    """

    BORDER_TITLE = "Dataset"

    def __init__(self, config: RunConfig, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._config = config

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label("Data", classes="field-label")
            yield Select(self._options(self._config.data), value=self._config.data, allow_blank=False, compact=True, id="dataset")
            yield Button("Open…", id="open-file", compact=True, tooltip="Open a CSV, svmlight or .npz file (o)")
        yield Static(id="dataset-description")
        yield Static(id="dataset-summary")
        yield Static(id="class-balance")
        with Horizontal(classes="row"):
            yield OnOffCheckbox(
                "Standardise",
                self._config.standardize,
                compact=True,
                id="standardize",
                tooltip="Rescale each feature to mean 0, variance 1 (fitted on the training part)",
            )
            yield Label(" Val", classes="field-label")
            yield NumberInput(
                self._config.val_split,
                name="val_split",
                id="field-val-split",
                tooltip="Fraction of the examples held out for validation (stratified)",
            )
        with Horizontal(classes="row", id="positive-row"):
            yield Label("Positive", classes="field-label")
            yield Select([(AUTO, AUTO)], value=AUTO, allow_blank=False, compact=True, id="positive-class")

    def show_session(self, session: Session, requested: RunConfig) -> None:
        """Describe the session's data; `requested` is the config the person asked for."""
        self.show_config(requested)
        dataset, data = session.dataset, session.data
        name = bundled_name(requested.data)
        description = BUNDLED[name] if name else str(dataset.source or requested.data)
        self.query_one("#dataset-description", Static).update(description)
        val_rows = data.val.n_rows if data.val is not None else 0
        summary = (
            f"{count(dataset.n_rows)} rows · {dataset.n_features} features · {dataset.n_classes} classes\n"
            f"{count(data.train.n_rows)} train · {count(val_rows)} validation"
        )
        if session.streamed:  # the trainer reads the file; the pane and the views hold a sample of it
            summary = (
                f"{count(session.trainer.n_train)} train rows, streamed · {dataset.n_features} features · "
                f"{dataset.n_classes} classes\nthe views draw a sample of {count(dataset.n_rows)}"
            )
        if session.config.positive_class is not None:
            summary += f"\ntraining {session.config.positive_class!r} vs rest"
        self.query_one("#dataset-summary", Static).update(summary)
        self.query_one("#class-balance", Static).update(class_balance(session))
        positive = self.query_one("#positive-class", Select)
        with self.prevent(Select.Changed):
            positive.set_options([(AUTO, AUTO)] + [(name, name) for name in dataset.classes])
            positive.value = requested.positive_class if requested.positive_class in dataset.classes else AUTO
        self.query_one("#positive-row").display = dataset.n_classes > 2

    def show_config(self, config: RunConfig) -> None:
        """Display `config`'s data settings, posting nothing."""
        self._config = config
        dataset = self.query_one("#dataset", Select)
        with self.prevent(Select.Changed, Checkbox.Changed):
            dataset.set_options(self._options(config.data))
            dataset.value = config.data
            self.query_one("#standardize", Checkbox).value = config.standardize
        self.query_one("#field-val-split", NumberInput).show(config.val_split)

    @staticmethod
    def _options(current: str) -> list[tuple[str, str]]:
        options = [(name, name) for name in BUNDLED]
        if not bundled_name(current):
            options.append((dataset_label(current), current))
        return options

    @on(Select.Changed, "#dataset")
    def _dataset_changed(self, event: Select.Changed) -> None:
        if event.value != self._config.data:
            self.post_message(SettingsChanged({"data": event.value, "target": None, "positive_class": None}))

    @on(Select.Changed, "#positive-class")
    def _positive_changed(self, event: Select.Changed) -> None:
        value = None if event.value == AUTO else event.value
        if value != self._config.positive_class:
            self.post_message(SettingsChanged({"positive_class": value}))

    @on(Checkbox.Changed, "#standardize")
    def _standardize_changed(self, event: Checkbox.Changed) -> None:
        if event.value != self._config.standardize:
            self.post_message(SettingsChanged({"standardize": event.value}))
