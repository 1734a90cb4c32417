"""Visit a stop headless: measure it, check its claim, and say it in plain text."""

from __future__ import annotations

from dataclasses import dataclass

from tui_clf.views.tour.stop import Measured, TourStop, Verdict


@dataclass(frozen=True)
class Visit:
    """A stop with its live numbers, its verdict and its sentences."""

    stop: TourStop
    measured: Measured
    verdict: Verdict
    text: str

    def as_text(self) -> str:
        """What a pane (or a terminal) shows: title, setup, the sentences, the check."""
        setup = self.stop.setup
        lrs = ", ".join(f"{loss} at lr {setup.lr_of(loss):g}" for loss in setup.losses)
        start = setup.start.kind + (f" (z = {setup.start.z:g})" if setup.start.z is not None else "")
        return "\n".join(
            [
                f"{self.stop.id}  {self.stop.title}",
                f"Setup: {setup.data}{'' if setup.standardize else ' (not standardised)'}; {lrs}; "
                f"{setup.epochs} epochs; start: {start}; view: {setup.view}",
                "",
                self.text,
                "",
                f"Check: {'holds' if self.verdict.passed else 'FAILS'}: {self.verdict.reason}",
            ]
        )


def visit(stop: TourStop) -> Visit:
    """Measure `stop` on the engine now, check its claim and fill in its text."""
    measured = stop.measure()
    return Visit(stop, measured, stop.check(measured), stop.text(measured))
