"""`tui-clf tour [--stop S]`: the app, opened at a stop of the lecture's tour (n and p move, space tries it)."""

from __future__ import annotations

from typing import Annotated

import typer

from tui_clf.cli.completion import complete_stop
from tui_clf.cli.failures import reports_failures
from tui_clf.cli.tui import open_app
from tui_clf.views.tour import STOP_IDS, get_stop

Stop = Annotated[
    str,
    typer.Option("--stop", metavar="ID", help=f"The stop to open at, one of: {', '.join(STOP_IDS)}.", autocompletion=complete_stop),
]


@reports_failures
def tour(stop: Stop = STOP_IDS[0]) -> None:
    """Walk through the lecture's claims in the app, each one measured live and checked."""
    open_app(tour_stop=get_stop(stop).id)  # an unknown stop is refused here, with the list, before the app opens
