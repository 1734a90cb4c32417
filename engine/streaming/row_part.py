"""Which rows of a streamed file a source trains or validates on: engine.row_split's hash split,
a function of the row index and the seed alone, so each chunk is split by itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.row_split import validation_mask


@dataclass(frozen=True)
class RowPart:
    """The training rows (validation False) or the validation rows of a split by `fraction` and `seed`."""

    seed: int
    fraction: float
    validation: bool = False

    def mask(self, first_row: int, n: int) -> np.ndarray | None:
        """True for the rows first_row .. first_row + n - 1 in this part, (n,); None when all are."""
        if self.fraction == 0:
            return np.zeros(n, dtype=bool) if self.validation else None
        in_validation = validation_mask(first_row, n, self.seed, self.fraction)
        return in_validation if self.validation else ~in_validation

    def count(self, first_row: int, n: int) -> int:
        """How many of rows first_row .. first_row + n - 1 are in this part."""
        mask = self.mask(first_row, n)
        return n if mask is None else int(np.count_nonzero(mask))
