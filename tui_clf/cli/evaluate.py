"""`tui-clf evaluate`: a saved model's accuracy, cost and confusion matrix on a labelled dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from engine import load_dataset
from engine.evaluation import evaluate_model
from engine.model_file import load_model
from tui_clf.cli import options as opt
from tui_clf.cli.completion import complete_data
from tui_clf.cli.failures import reports_failures
from tui_clf.cli.output import finite_or_none, print_json, stdout_console
from tui_clf.views.formatting import number, printable

ModelPath = Annotated[Path, typer.Option("--model", "-m", help="A model saved by `tui-clf train --save`.")]
RequiredData = Annotated[str, typer.Option("--data", "-d", help="A bundled dataset name or a labelled file.", autocompletion=complete_data)]


@reports_failures
def evaluate(model: ModelPath, data: RequiredData, target: opt.Target = None, json_output: opt.Json = False) -> None:
    """Evaluate a saved model on labelled data: accuracy, mean loss and the confusion matrix."""
    trained = load_model(model)
    result = evaluate_model(trained, load_dataset(data, target=target, min_classes=1))
    if json_output:
        print_json(
            {
                "model": str(model),
                "data": data,
                "loss": trained.loss_name,
                "accuracy": result.accuracy,
                "cost": finite_or_none(result.cost),
                "mean_loss": finite_or_none(result.loss),
                "l2": trained.l2,
                "n": result.n,
                "classes": list(result.classes),
                "confusion": result.confusion.tolist(),
            }
        )
        return
    console = stdout_console()
    console.print(
        Text(
            f"{printable(str(model))} on {printable(data)}: accuracy {result.accuracy:.4f}, "
            f"cost ({trained.loss_name}) {number(result.cost)}{_mean_loss(trained.l2, result.loss)}, n = {result.n}"
        )
    )
    table = Table(title="confusion matrix (rows: true class, columns: predicted)")
    table.add_column("true \\ predicted", style="bold")
    names = [Text(printable(name)) for name in result.classes]  # Text: a name is shown, never read as markup
    for name in names:
        table.add_column(name, justify="right")
    for name, row in zip(names, result.confusion):
        table.add_row(name, *(str(count) for count in row))
    console.print(table)


def _mean_loss(l2: float, loss: float) -> str:
    """Beside the cost J, the mean loss alone when the model's L2 term makes them differ."""
    return f" (mean loss {number(loss)}, l2 {l2:g})" if l2 else ""
