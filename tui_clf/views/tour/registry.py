"""Find a stop by the id a person types (`--stop 2.3`), and step through the stops in order."""

from __future__ import annotations

from engine.errors import ConfigError
from tui_clf.views.tour.stop import TourStop
from tui_clf.views.tour.stops import STOPS

STOP_IDS = tuple(stop.id for stop in STOPS)


def get_stop(stop_id: str) -> TourStop:
    """The stop called `stop_id`, or a ConfigError (exit 2 on the command line) that lists the ids."""
    wanted = stop_id.strip().lower()
    for stop in STOPS:
        if stop.id == wanted:
            return stop
    raise ConfigError(f"no tour stop {stop_id!r}; the stops are: {', '.join(STOP_IDS)}")


def neighbour(stop_id: str, offset: int) -> TourStop:
    """The stop `offset` places after `stop_id` (before, if negative), held at the first and the last (for n and p)."""
    index = STOP_IDS.index(get_stop(stop_id).id) + offset
    return STOPS[min(max(index, 0), len(STOPS) - 1)]
