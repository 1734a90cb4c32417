"""Suggest options for a mistyped one by their names, not by their shared leading dashes.

Click compares "--bogus" with "--loss" dashes included, so the two look alike (ratio 0.62)
and `train --bogus` suggested `--loss`. Compared without the dashes ("bogus" against "loss":
0.44) only names a user plausibly meant remain, and a typed prefix (`--val` for
`--val-split`) counts too.

Bare `tui-clf` opens the app, so a user types `tui-clf --loss hinge` for the app with hinge; the
group takes no such option, and the error names the command that does: `tui-clf tui --loss hinge`.
"""

from __future__ import annotations

import shlex
from difflib import get_close_matches


def bare(option: str) -> str:
    """The option's name without its leading dashes: "--val-split" -> "val-split"."""
    return option.lstrip("-")


def suggested_options(typed: str, known: list[str]) -> list[str]:
    """The known long options close to `typed` (difflib ratio >= 0.6) or starting with it."""
    name = bare(typed)
    long_options = [option for option in known if option.startswith("--")]
    by_name = {bare(option): option for option in long_options}
    close = set(get_close_matches(name, list(by_name), n=3, cutoff=0.6))
    prefixed = {option for option in by_name if len(name) >= 2 and option.startswith(name)}
    return sorted(by_name[option] for option in close | prefixed)


def command_options(ctx) -> list[str]:
    """Every option string of the command a usage error came from (empty without a context)."""
    if ctx is None or ctx.command is None:
        return []
    return option_strings(ctx.command.get_params(ctx))


def option_strings(params) -> list[str]:
    """Every option string of these Click parameters: "--loss", "-l", ..."""
    return [opt for param in params for opt in (*param.opts, *param.secondary_opts)]


def resuggest(error) -> None:
    """Replace a NoSuchOption error's suggestions by suggested_options (other errors pass)."""
    if not hasattr(error, "possibilities") or not hasattr(error, "option_name"):
        return
    error.possibilities = suggested_options(error.option_name, command_options(error.ctx))


def app_command(error, argv: list[str]) -> str | None:
    """`tui-clf tui <argv>` when bare `tui-clf` (which opens the app) was given an option that only its
    `tui` command takes, such as `tui-clf --loss hinge`; None for any other error."""
    if getattr(error, "option_name", None) is None or error.ctx is None or error.ctx.parent is not None:
        return None
    commands = getattr(error.ctx.command, "commands", {})  # the error came from the group itself
    if any(arg in commands for arg in argv):  # `tui-clf --loss hinge train`: meant for a command
        return None
    app = commands.get("tui")
    if app is None or error.option_name not in option_strings(app.params):
        return None
    return shlex.join(["tui-clf", "tui", *argv])
