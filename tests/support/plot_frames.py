"""Read plots and tables back from text, as a person sees them: their frames and their legends."""

from __future__ import annotations

import re

TOP_LEFT = re.compile("[┌┏]")
TOP_RIGHT = re.compile("[┐┓]")
LEGEND_ENTRY = re.compile(r" (\S)\1 (.+?)(?:  |$)")  # plotext: the series' marker twice, then its label


def boxes(lines: list[str]) -> list[tuple[int, int, int, int]]:
    """(top row, bottom row, left column, right column) of every box drawn in `lines`, plot or table."""
    found = []
    for top, line in enumerate(lines):
        for left in (m.start() for m in TOP_LEFT.finditer(line)):
            right = TOP_RIGHT.search(line, left).start()
            bottom = next(row for row in range(top + 1, len(lines)) if lines[row][left:left + 1] == "└")
            found.append((top, bottom, left, right))
    return found


def inside(lines: list[str], box: tuple[int, int, int, int]) -> list[str]:
    """The rows of a box between its borders, without the borders."""
    top, bottom, left, right = box
    return [line[left + 1:right] for line in lines[top + 1:bottom]]


def legend(rows: list[str]) -> dict[str, str]:
    """label -> marker of each entry of plotext's legend, which fills the first rows of a plot."""
    entries = {}
    for row in rows:
        match = LEGEND_ENTRY.match(row)
        if match is None:
            break
        entries[match.group(2)] = match.group(1)
    return entries
