"""The tour of the lecture: one stop per claim, each measured live from the engine and checked.

Pure: no textual, no printing. The app shows a stop's `Visit.as_text()` in a pane, applies its
`setup` (setup.py) and `starts.start_trainer` for its initial weights; `tui-clf tour --stop ID`
finds it with `get_stop`.
"""

from tui_clf.views.tour.registry import STOP_IDS, get_stop, neighbour
from tui_clf.views.tour.run import Visit, visit
from tui_clf.views.tour.setup import VIEWS, Setup, Start
from tui_clf.views.tour.side_by_side import Finish, train_side_by_side
from tui_clf.views.tour.starts import badly_wrong_start, initial_weights, start_trainer
from tui_clf.views.tour.stop import Measured, TourStop, Verdict
from tui_clf.views.tour.stops import STOPS

__all__ = [
    "STOPS",
    "STOP_IDS",
    "VIEWS",
    "Finish",
    "Measured",
    "Setup",
    "Start",
    "TourStop",
    "Verdict",
    "Visit",
    "badly_wrong_start",
    "get_stop",
    "initial_weights",
    "neighbour",
    "start_trainer",
    "train_side_by_side",
    "visit",
]
