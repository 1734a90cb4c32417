"""The engine's exceptions: each one carries a message a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


class EngineError(Exception):
    """Base class of every error the engine raises on purpose."""


@dataclass
class DataError(EngineError):
    """A dataset that cannot be used: unreadable, malformed, or the wrong shape for the loss.

    `path`, `line` and `column` (1-based) point at the offending place when there is one.
    """

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class ModelFileError(EngineError):
    """A model file that cannot be written or read back."""


class ConfigError(EngineError):
    """A training configuration that makes no sense (unknown loss, negative learning rate, ...)."""


class ClusterError(EngineError):
    """A Dask cluster that cannot be reached, or that lost the data in a way it could not recover from."""
