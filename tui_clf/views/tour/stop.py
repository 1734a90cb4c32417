"""A stop of the tour: one claim of the lecture, measured live and checked.

`measure(setup)` computes every number the stop names from the engine and returns them as
plain data (the setup's own numbers included); `text(measured)` fills the stop's sentences
from them, so no number is typed into the text; `check(measured)` says whether the claim held.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from tui_clf.views.tour.setup import Setup

Measured = dict[str, Union[float, int, str, bool]]


@dataclass(frozen=True)
class Verdict:
    """Whether a stop's claim held on the measured numbers, and why (with the numbers)."""

    passed: bool
    reason: str


@dataclass(frozen=True)
class TourStop:
    """id: as given on the command line ("2.3"); section: the lecture's section it illustrates."""

    id: str
    section: str
    title: str
    setup: Setup
    template: str
    measure_with: Callable[[Setup], Measured]
    check: Callable[[Measured], Verdict]

    def measure(self) -> Measured:
        return self.measure_with(self.setup)

    def text(self, measured: Measured) -> str:
        """The stop's two or three sentences with the measured numbers filled in."""
        return self.template.format(**measured)
