"""Suggest options for a mistyped one by their names, not by their shared leading dashes.

Click compares "--bogus" with "--loss" dashes included, so the two look alike (ratio 0.62)
and `train --bogus` suggested `--loss`. Compared without the dashes ("bogus" against "loss":
0.44) only names a user plausibly meant remain, and a typed prefix (`--val` for
`--val-split`) counts too.
"""

from __future__ import annotations

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
    return [opt for param in ctx.command.get_params(ctx) for opt in (*param.opts, *param.secondary_opts)]


def resuggest(error) -> None:
    """Replace a NoSuchOption error's suggestions by suggested_options (other errors pass)."""
    if not hasattr(error, "possibilities") or not hasattr(error, "option_name"):
        return
    error.possibilities = suggested_options(error.option_name, command_options(error.ctx))
