"""The one root exception of diplograph, and the errors users see.

The CLI catches :class:`DiplographError` and prints its message as one line, with a
non-zero exit code; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = ["DiplographError", "InputError", "StoreError", "StoreUnavailable", "QueryError", "ReportError"]


class DiplographError(Exception):
    """Root of every error diplograph raises on purpose."""


class InputError(DiplographError):
    """Bad input: names the file and, where known, the 1-based line.

    Parameters
    ----------
    path:
        File name as the user gave it (``-`` for standard input).
    message:
        What is wrong, in the user's terms.
    line:
        1-based line number, or ``None`` for the whole file.
    """

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        """Pickle by the constructor's arguments (errors of worker processes reach the loader)."""
        return type(self), (self.path, self.reason, self.line)


class StoreError(DiplographError):
    """A store cannot be opened, reached or written (bad path, server down, wrong password)."""


class StoreUnavailable(StoreError):
    """The store's server cannot be reached or went away: nothing more can be written until
    it is back, so a load stops at once instead of trying every remaining item."""


class QueryError(DiplographError):
    """A query cannot run: unknown name, missing or mistyped parameter, malformed Cypher."""


class ReportError(DiplographError):
    """A report cannot be made as asked (unknown actor, bad window, unknown format)."""
