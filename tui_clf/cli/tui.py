"""`tui-clf tui` (and plain `tui-clf`): open the app with these settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from engine.atomic import check_writable
from engine.errors import DataError
from tui_clf.cli import options as opt
from tui_clf.cli.run_options import with_run_options
from tui_clf.cli.failures import OutputFileError, reports_failures
from tui_clf.config import RunConfig
from tui_clf.views.tour import STOP_IDS, get_stop

TourStop = Annotated[
    Optional[str],
    typer.Option("--tour-stop", metavar="ID", help=f"Open at this stop of the lecture's tour, one of: {', '.join(STOP_IDS)}.", show_default="none"),
]

SaveData = Annotated[
    Optional[Path],
    typer.Option(
        "--save-data",
        help="Write the data, with the points you added, removed or relabelled in the app, here as CSV "
        "(in the file's units and columns) when you press w and when the app ends.",
        show_default="none",
        rich_help_panel=opt.OUTPUT,
    ),
]


@reports_failures
@with_run_options()
def tui(
    save_data: SaveData = None,
    tour_stop: TourStop = None,
    *,
    run_options: dict[str, Any],
) -> None:
    """Open the app with these settings (space trains, g checks the gradient, q quits)."""
    stop = get_stop(tour_stop).id if tour_stop is not None else None  # an unknown stop is refused here, with the list
    if save_data is not None:
        check_writable(save_data, OutputFileError)
    open_app(opt.run_config(run_options), tour_stop=stop, save_data=save_data)


def open_app(config: RunConfig | None = None, tour_stop: str | None = None, save_data: Path | None = None) -> None:
    """Run the app (at the tour's stop `tour_stop`, if given) and leave with its exit code;
    `save_data`: where w and the app's end write the (edited) data."""
    from tui_clf.app.launch import run_app  # the CLI reaches the app only here, when it opens it

    try:
        code = run_app(config or RunConfig(), tour_stop, save_data)
    except DataError as error:  # the data file could not be written
        raise OutputFileError(str(error)) from None
    if code:
        raise typer.Exit(code)
