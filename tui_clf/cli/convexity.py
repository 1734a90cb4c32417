"""`tui-clf convexity`: Jensen's inequality (Eq. 25) probed on the real cost, loss by loss."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import numpy as np
import typer
from rich.table import Table

from engine import LOSSES, convexity_in_z, get_loss, jensen_probe
from engine.trainer import check_loss_fits
from tui_clf.cli import options as opt
from tui_clf.cli.run_options import ROWS_ELSEWHERE_OPTIONS, with_run_options
from tui_clf.cli.failures import reports_failures
from tui_clf.cli.output import print_json, stdout_console
from tui_clf.views.formatting import number

Names = Annotated[
    Optional[list[opt.LossName]],
    typer.Option(
        "--loss", "-l", metavar="NAME", help=f"A loss to probe, one of: {', '.join(opt.LossName)}; repeat for several.",
        show_default="every loss that fits the data",
    ),
]
NAIVE_NOTE = (
    "note: cross-entropy-naive is convex on paper; what fails Jensen's inequality here is the cost as "
    "computed, where 1 - sigma(z) loses its digits for large z. The stable cross-entropy does not."
)
Segments = Annotated[int, typer.Option("--segments", min=1, help="Random segments between weight vectors.")]


@reports_failures
@with_run_options(without=('val_split', 'loss', 'lr', 'epochs', 'batch_size', 'optimizer', 'momentum', 'nesterov', 'tol', 'patience', 'dtype', *ROWS_ELSEWHERE_OPTIONS))
def convexity(
    names: Names = None,
    segments: Segments = 192,
    json_output: opt.Json = False,
    *,
    run_options: dict[str, Any],
) -> None:
    """Look for f((1-λ)w0 + λw1) > (1-λ)f(w0) + λf(w1) along random segments of the cost."""
    run_config = opt.run_config({**run_options, "val_split": 0.0})
    prepared = run_config.prepare(run_config.load())
    train = prepared.train
    if names:
        chosen = [get_loss(name) for name in names]
        for loss in chosen:
            check_loss_fits(loss, train.n_classes)
    else:
        # A binary loss cannot score K > 2 classes; on such data only softmax is probed.
        chosen = [loss for loss in LOSSES.values() if loss.multiclass or train.n_classes == 2]
    training = run_config.training
    results = []
    for loss in chosen:
        T = loss.encode(train.y, train.n_classes)
        results.append((jensen_probe(train.X, T, loss, training.l2, segments=segments, seed=training.seed), convexity_in_z(loss)))
    if json_output:
        print_json(
            {
                "dataset": train.name,
                "results": [{**probe.as_dict(), "convex_in_z": in_z.convex} for probe, in_z in results],
                "note": NAIVE_NOTE if any(p.loss == "cross-entropy-naive" and not p.convex for p, _ in results) else None,
            }
        )
        return
    console = stdout_console()
    table = Table(title=f"Jensen probe on {train.name}: {segments} segments, seed {training.seed}")
    # The loss's name is what the row is about: narrow terminals wrap the other columns, never cut it.
    table.add_column("loss", no_wrap=True)
    for column in ("convex in z", "convex (probe)", "max violation", "segments violating"):
        table.add_column(column)
    for probe, in_z in results:
        table.add_row(
            probe.loss,
            "yes" if in_z.convex else "no",
            "[green]yes[/green]" if probe.convex else "[red]no[/red]",
            number(probe.max_violation),
            f"{probe.n_violating_segments} of {probe.n_segments}",
        )
    console.print(table)
    for probe, _ in results:
        example = probe.counterexample
        if example is not None:
            console.print(
                f"{probe.loss}: at λ = {example.lam:.3f} between ||w0|| = {_norm(example.w0):.3g} and ||w1|| = {_norm(example.w1):.3g}, "
                f"f = {example.f_lambda:.6g} > (1-λ)·{example.f0:.6g} + λ·{example.f1:.6g} by {example.violation:.3g}"
            )
    if any(probe.loss == "cross-entropy-naive" and not probe.convex for probe, _ in results):
        console.print(NAIVE_NOTE)
    console.print(
        f"violations up to the rounding tolerance (about {max(p.tolerance for p, _ in results):.1e}) do not count."
    )


def _norm(params) -> float:
    return float(np.sqrt(sum(np.vdot(leaf, leaf) for leaf in params)))
