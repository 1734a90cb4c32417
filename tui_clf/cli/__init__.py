"""The `tui-clf` command: the headless face of the engine, and the door to the app.

Every command and option has help text; errors end as one line on stderr and the exit code
of DESIGN.md section 3 (see failures.py).
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from typing import Annotated

import typer

from tui_clf.cli.compare import compare
from tui_clf.cli.convexity import convexity
from tui_clf.cli.datasets import datasets
from tui_clf.cli.evaluate import evaluate
from tui_clf.cli.exit_codes import ExitCode
from tui_clf.cli.failures import Settings, quiet_stdout
from tui_clf.cli.flags import Command, Group
from tui_clf.cli.gradcheck import gradcheck
from tui_clf.cli.losses import losses
from tui_clf.cli.option_suggestions import app_command, resuggest
from tui_clf.cli.output import print_json
from tui_clf.cli.predict import predict
from tui_clf.cli.serve import serve
from tui_clf.cli.tour import tour
from tui_clf.cli.train import train
from tui_clf.cli.tui import open_app, tui

app = typer.Typer(
    name="tui-clf",
    help="Train linear classifiers in the terminal and see what each loss of the lecture does.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=Group,
)


def _print_version(value: bool) -> None:
    if value:
        print(f"tui-clf {version('tui-clf')}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    show_version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")] = False,
) -> None:
    """Train linear classifiers in the terminal and see what each loss of the lecture does.

    With no command, opens the app on the default dataset.
    """
    Settings.debug = debug
    if ctx.invoked_subcommand is None:
        open_app()


app.command("tui", cls=Command)(tui)
app.command("train", cls=Command)(train)
app.command("compare", cls=Command)(compare)
app.command("tour", cls=Command)(tour)
app.command("serve", cls=Command)(serve)
app.command("evaluate", cls=Command)(evaluate)
app.command("predict", cls=Command)(predict)
app.command("gradcheck", cls=Command)(gradcheck)
app.command("losses", cls=Command)(losses)
app.command("convexity", cls=Command)(convexity)
app.command("datasets", cls=Command)(datasets)


def main() -> None:
    """The console script's entry point: usage errors, too, end as one line on stderr."""
    try:
        code = app(standalone_mode=False)
    except BrokenPipeError:
        quiet_stdout()
        code = ExitCode.OK
    except Exception as error:
        # typer's usage errors (its vendored Click's) carry a message and an exit code.
        if not hasattr(error, "format_message") or not hasattr(error, "exit_code"):
            raise
        resuggest(error)
        command = f" {sys.argv[1]}" if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else ""
        message = f"{error.format_message()} (see tui-clf{command} --help)"
        if corrected := app_command(error, sys.argv[1:]):
            message = f"{error.format_message()} (the app's options come after `tui`: {corrected})"
        print(f"tui-clf: error: {message}", file=sys.stderr)
        code = error.exit_code
        if "--json" in sys.argv[1:]:
            print_json({"error": message, "exit_code": code})
    sys.exit(code or 0)
