"""`tui-clf datasets`: the bundled datasets, by name, with their size and classes."""

from __future__ import annotations

from rich.table import Table

from engine import list_bundled
from tui_clf.cli import options as opt
from tui_clf.cli.failures import reports_failures
from tui_clf.cli.output import print_json, stdout_console


@reports_failures
def datasets(json_output: opt.Json = False) -> None:
    """List the bundled datasets: use their names with --data."""
    infos = list_bundled()
    if json_output:
        print_json(
            {
                "datasets": [
                    {"name": i.name, "rows": i.rows, "features": i.features, "classes": list(i.classes), "description": i.description}
                    for i in infos
                ]
            }
        )
        return
    table = Table(title="bundled datasets (--data NAME)")
    for column in ("name", "rows", "features", "classes", "description"):
        table.add_column(column, justify="right" if column in ("rows", "features") else "left")
    for i in infos:
        table.add_row(i.name, str(i.rows), str(i.features), ", ".join(i.classes), i.description)
    stdout_console().print(table)
