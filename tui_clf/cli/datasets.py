"""`tui-clf datasets`: the bundled datasets, by name, with their size and classes; --export writes them as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from engine import list_bundled
from engine.bundled import export_bundled
from tui_clf.cli import options as opt
from tui_clf.cli.failures import OutputFileError, reports_failures
from tui_clf.cli.output import print_json, stdout_console

Export = Annotated[
    Optional[Path],
    typer.Option(
        "--export", metavar="DIR", file_okay=False,
        help="Write every bundled dataset into DIR as NAME.csv (DIR is made if missing), to open in your own tools.",
        show_default="list them",
    ),
]
Force = Annotated[bool, typer.Option("--force", help="With --export: overwrite files of the same names in DIR.")]


@reports_failures
def datasets(export: Export = None, force: Force = False, json_output: opt.Json = False) -> None:
    """List the bundled datasets: use their names with --data. --export DIR writes them as CSV files."""
    if export is not None:
        _export(export, force, json_output)
        return
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


def _export(folder: Path, force: bool, json_output: bool) -> None:
    """Write the bundled CSV files into `folder`; an existing file without --force, or a failed write, exits 5."""
    try:
        written = export_bundled(folder, overwrite=force)
    except FileExistsError as error:
        raise OutputFileError(str(error)) from None
    except OSError as error:
        where = error.filename or folder
        raise OutputFileError(f"{where}: cannot write the dataset: {error.strerror or error}") from None
    if json_output:
        print_json({"exported": [str(path) for path in written]})
        return
    console = stdout_console()
    for path in written:
        console.print(str(path), markup=False, highlight=False, soft_wrap=True)  # one path per line, never wrapped
