"""What every ``diplograph`` command module shares: consoles, the one-line error printer,
the progress bar and the options that name a store."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
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
from rich.text import Text

from diplograph.graph.model.errors import InputError

__all__ = [
    "console", "err_console", "report_error", "progress_bar", "check_output_path", "check_outputs", "sqlite_store_files",
    "write_output", "StoreOption", "Neo4jOption", "DateOption",
]

# markup off: ids, names and file names are data ("nofile[/x].txt" is no rich markup); styles
# are given as Text styles where wanted
console = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def report_error(error: Exception) -> None:
    """Print one error as one line on standard error (``error: ...``), its text as written."""
    err_console.print(Text.assemble(("error:", "bold red"), f" {error}"))


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


def _same_file(a: str | Path, b: str | Path) -> bool:
    """True if ``a`` and ``b`` name one file (links resolved; neither need exist yet)."""
    a, b = Path(a), Path(b)
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def sqlite_store_files(store: str | Path | None, neo4j: str | None = None) -> list[Path]:
    """The files of the SQLite store a command uses (``--store``, else ``DIPLOGRAPH_STORE`` or
    the default, unless Neo4j is in force): the database and its ``-wal``, ``-shm`` and
    ``-journal`` files (SQLite deletes those: a file written there is lost)."""
    from diplograph.graph.stores.opening import neo4j_uri
    from diplograph.graph.stores.settings import Settings

    if store is None and neo4j_uri(neo4j):
        return []
    path = Path(store) if store is not None else Settings().store
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def check_output_path(path: Path, inputs: Iterable[str | Path] = (), store_files: Iterable[Path] = ()) -> Path:
    """Make sure ``path`` can be written before any work is done, and is none of ``inputs``
    and none of the store's files (:func:`sqlite_store_files`).

    Nothing is left behind: a file made by the check is removed again.

    Raises
    ------
    InputError
        ``<path>: cannot write: it is a folder`` (or: no such folder, it is one of the
        inputs, it is the store, permission denied, ...).
    """
    if path.is_dir():
        raise InputError(str(path), "cannot write: it is a folder")
    if not path.parent.is_dir():
        raise InputError(str(path), f"cannot write: no folder {path.parent}")
    for given in store_files:
        if _same_file(given, path):
            raise InputError(str(path), f"cannot write: it is the store ({given})")
    for given in inputs:
        if _same_file(given, path):
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


def check_outputs(outputs: Iterable[Path | None], store: str | Path | None, neo4j: str | None,
                  inputs: Iterable[str | Path] = ()) -> None:
    """Check every output file of a command before any work: each can be written, none is
    the store (:func:`sqlite_store_files`) or an input, and no two are the same file.

    Raises
    ------
    InputError
        One line naming the output (see :func:`check_output_path`; ``it is also
        <other option's file>`` for two outputs on one file).
    """
    store_files = sqlite_store_files(store, neo4j)
    seen: list[Path] = []
    for output in outputs:
        if output is None:
            continue
        check_output_path(output, inputs, store_files)
        for other in seen:
            if _same_file(other, output):
                raise InputError(str(output), f"cannot write: {other} is written too (one file per output)")
        seen.append(output)


def write_output(path: Path, write: Callable[[], object]) -> None:
    """Run ``write`` (which writes ``path``); a full disk or any other OS error is one line.

    Raises
    ------
    InputError
        ``<path>: cannot write: <reason>`` (``No space left on device`` for ``/dev/full``).
    """
    try:
        write()
    except OSError as error:
        raise InputError(str(path), f"cannot write: {error.strerror or error}") from None


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
