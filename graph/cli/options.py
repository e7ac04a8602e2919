"""What every ``diplograph`` command module shares: consoles, the one-line error printer,
the progress bar and the options that name a store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from diplograph.graph.model.errors import InputError

__all__ = [
    "console", "err_console", "report_error", "progress_bar", "check_output_path", "StoreOption", "Neo4jOption", "DateOption",
]

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def report_error(error: Exception) -> None:
    """Print one error as one line on standard error (``error: ...``)."""
    err_console.print(f"[bold red]error:[/] {error}", markup=True, emoji=False)


def progress_bar(silent: bool) -> Progress:
    """A progress bar on standard error (off with ``silent`` or when stderr is no terminal)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=silent,
        transient=True,
    )


def check_output_path(path: Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Make sure ``path`` can be written before any work is done, and is none of ``inputs``.

    Nothing is left behind: a file made by the check is removed again.

    Raises
    ------
    InputError
        ``<path>: cannot write: it is a folder`` (or: no such folder, it is one of the
        inputs, permission denied, ...).
    """
    if path.is_dir():
        raise InputError(str(path), "cannot write: it is a folder")
    if not path.parent.is_dir():
        raise InputError(str(path), f"cannot write: no folder {path.parent}")
    for given in inputs:
        if Path(given).exists() and Path(given).resolve() == path.resolve():
            raise InputError(str(path), "cannot write: it is one of the inputs")
    existed = path.exists()
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as error:
        raise InputError(str(path), f"cannot write: {error.strerror or error}") from None
    if not existed:
        path.unlink()
    return path


StoreOption = Annotated[
    Optional[Path],
    typer.Option("--store", help="SQLite store file (default: DIPLOGRAPH_STORE or the user data directory).", show_default=False),
]
Neo4jOption = Annotated[
    Optional[str],
    typer.Option(
        "--neo4j",
        help="Neo4j URI (default: NEO4J_URI); credentials from NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE.",
        show_default=False,
    ),
]
DateOption = Annotated[
    Optional[str],
    typer.Option("--date", help="Date (YYYY-MM-DD) of articles whose metadata has none.", show_default=False),
]
