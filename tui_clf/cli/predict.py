"""`tui-clf predict`: a saved model's labels (and probabilities) for every row, as CSV."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from engine import load_features
from engine.atomic import check_writable, write_atomically
from engine.model_file import load_model
from tui_clf.cli import options as opt
from tui_clf.cli.evaluate import ModelPath, RequiredData
from tui_clf.cli.exit_codes import ExitCode
from tui_clf.cli.failures import OutputFileError, fail, reports_failures

Proba = Annotated[bool, typer.Option("--proba", help="Add one probability column per class (losses that give them).")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the CSV here (atomically) instead of stdout.", show_default="stdout")]


@reports_failures
def predict(
    model: ModelPath,
    data: RequiredData,
    target: opt.Target = None,
    proba: Proba = False,
    output: Output = None,
) -> None:
    """Predict a class for every row of the data: CSV with a `label` column (and `p_<class>` columns)."""
    if output is not None:
        check_writable(output, OutputFileError)
    trained = load_model(model)
    if proba and not trained.loss.gives_proba:
        raise fail(f"the {trained.loss_name} loss gives no probabilities; drop --proba", ExitCode.USAGE)
    X = load_features(data, trained.feature_names, target=target)
    labels = [trained.classes[k] for k in trained.predict(X)]
    header = ["label"] + ([f"p_{name}" for name in trained.classes] if proba else [])
    rows = [[label] for label in labels]
    if proba:
        rows = [row + [f"{p:.6g}" for p in ps] for row, ps in zip(rows, trained.predict_proba(X).tolist())]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    if output is None:
        sys.stdout.write(text.getvalue())
        return
    try:
        write_atomically(output, lambda f: f.write(text.getvalue().encode("utf-8")))
    except OSError as e:
        raise OutputFileError(f"{output}: cannot write the predictions: {e.strerror or e}") from None
