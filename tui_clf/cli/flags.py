"""Commands whose --help shows an on/off flag as a flag, and says what leaving it out means.

typer 0.29 gives every option a type column in --help, flags too: `--json <bool>` reads as
if it took a value, and a flag that is off by default shows no default at all. The command
and group classes below fix both for every flag of every command, including --help itself.
"""

from __future__ import annotations

from typer.core import TyperCommand, TyperGroup


def show_as_flag(param) -> None:
    """No type for a flag (it takes no value); "off" as the default of one without a --no- twin."""
    if not getattr(param, "is_flag", False) or getattr(param, "count", False):
        return
    param.metavar = ""
    # --help and --version act rather than set something: they have no default to show.
    if not param.secondary_opts and not param.is_eager and param.default is False and param.show_default is True:
        param.show_default = "off"


class FlagsAsFlags:
    """Mixed into typer's command classes: every parameter passes through show_as_flag."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            show_as_flag(param)
        return params


class Command(FlagsAsFlags, TyperCommand):
    pass


class Group(FlagsAsFlags, TyperGroup):
    pass
