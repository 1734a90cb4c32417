"""The gradient-check lab's results: both methods' verdicts and the worst parameters.

The h sweep of the same check is drawn in the model views' "h sweep" tab (Figure 5).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from engine.gradcheck import GradCheckResult
from tui_clf.app.gradient_lab import GradientReport
from tui_clf.views.formatting import count, number

# Each verdict as a sign and a word, so it reads the same without colour (NO_COLOR).
VERDICTS = {
    "correct": ("✓", "correct", "green"),
    "cost inaccurate": ("~", "cost inaccurate", "cyan"),
    "suspicious": ("?", "suspicious", "yellow"),
    "wrong": ("✗", "wrong", "bold red"),
}
LEGEND = "  ".join(f"{sign} {word}" for sign, word, _ in VERDICTS.values())
COLUMNS = ("param", "analytic", "numeric", "rel. error")
PROMPT = "Press g to compare the gradient with finite differences at the current weights (lecture section 5)."


def verdict(status: str, *, short: bool = False) -> Text:
    """'✓ correct' in green, or just the sign (the table, whose legend spells them out)."""
    sign, word, style = VERDICTS[status]
    return Text(sign if short else f"{sign} {word}", style=style)


def method_line(name: str, result: GradCheckResult) -> Text:
    """'two-sided (Eq. 27): 3.1e-10 ✓ correct', the largest relative error and its verdict."""
    line = Text(f"{name}: {number(result.max_rel_error, 2)} ")
    line.append_text(verdict(result.verdict))
    return line


def summary(report: GradientReport) -> Text:
    """Where the check ran, both methods' largest relative errors and verdicts, the steps h and thresholds."""
    central, forward = report.central, report.forward
    where = f"Step {count(report.step)}: {central.n_params} params, {count(report.rows_checked)} examples"
    if report.rows_checked < report.rows_total:
        where += f" of {count(report.rows_total)}"
    if central.mode == "directions":
        where += f", {central.n_checked} random directions"
    text = Text(f"{where}, {central.dtype}\n")
    text.append_text(method_line("two-sided (Eq. 27)", central))
    text.append("\n")
    text.append_text(method_line("one-sided (Eq. 26)", forward))
    t = central.thresholds
    text.append(f"\nh {central.h:.0e}, {forward.h:.0e}; ✓ <= {t.correct:.0e}, ✗ > {t.wrong:.0e}", style="dim")
    return text


def spaced(cells: tuple[str | Text, ...]) -> list[Text]:
    """The cells of a row, each after the first with one blank before it (the table pads no cell)."""
    return [Text.assemble(" " if i else "", cell) for i, cell in enumerate(cells)]


class GradCheckPane(VerticalScroll):
    """Shows a GradientReport: summary, the two-sided check's worst parameters, notes."""

    BORDER_TITLE = "Gradient check"

    def compose(self) -> ComposeResult:
        yield Static(PROMPT, id="gradcheck-summary")
        # One blank between columns, not DataTable's two plus one at each end: the side pane is 46
        # wide, and the table (7 + 9 + 9 + 10 letters at most) then fits beside a scrollbar.
        table: DataTable = DataTable(id="gradcheck-table", cursor_type="row", zebra_stripes=True, cell_padding=0)
        table.display = False
        yield table
        yield Static(id="gradcheck-notes", classes="caption")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*spaced(COLUMNS))

    def clear(self) -> None:
        """Back to the prompt (new loss or dataset: the old check no longer applies)."""
        self.query_one("#gradcheck-summary", Static).update(PROMPT)
        self.query_one(DataTable).display = False
        self.query_one("#gradcheck-notes", Static).update("")

    def show_running(self, step: int) -> None:
        self.query_one("#gradcheck-summary", Static).update(f"Checking the gradient at the weights of step {count(step)}…")

    def show_report(self, report: GradientReport) -> None:
        self.query_one("#gradcheck-summary", Static).update(summary(report))
        table = self.query_one(DataTable)
        table.clear()
        for check in report.central.worst:
            rel_error = Text.assemble(number(check.rel_error, 2), " ", verdict(check.status, short=True))
            table.add_row(*spaced((check.name, number(check.analytic, 3), number(check.numeric, 3), rel_error)))
        table.display = True
        # Either method may meet the naive cross-entropy's inaccurate cost: each note once.
        checked = dict.fromkeys((*report.central.notes, *report.forward.notes))
        notes = [LEGEND, "The error against h (Figure 5): the Model pane's h sweep view (3, then v three times).", *checked]
        self.query_one("#gradcheck-notes", Static).update("\n".join(notes))
