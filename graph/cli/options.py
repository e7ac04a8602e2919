"""What every ``diplograph`` command module shares: consoles, the one-line error printer,
the progress bar, and the options declared once for every command that takes them: the store
(``--store``, ``--neo4j``), the output file, the analysis window and weighting (``--since``,
``--until``, ``--half-life``, ``--organizations``, ``--event-rule``, ``--event-weight``,
``--seed``) and the local Neo4j server (``--home``, ``--port``, ``--heap``, ``--pagecache``; its
password comes from NEO4J_PASSWORD, never from an option)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Optional, TypeVar

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

from diplograph.graph.analysis.events import EventRule, EventWeight
from diplograph.graph.model.errors import InputError
from diplograph.graph.model.records import iso_day
from diplograph.graph.model.wording import counted

__all__ = [
    "console", "err_console", "report_error", "progress_bar", "check_output_path", "check_outputs", "sqlite_store_files",
    "write_output", "StoreOption", "Neo4jOption", "DateOption", "OutputOption", "writable_path", "output_console",
    "Verbosity", "set_verbosity", "say", "counted", "store_label", "iso_date", "SinceOption", "UntilOption",
    "HalfLifeOption", "OrganizationsOption", "EventRuleOption", "EventWeightOption", "SeedOption", "HomeOption",
    "PortOption", "HeapOption", "PagecacheOption",
]

T = TypeVar("T")

# markup off: ids, names and file names are data ("nofile[/x].txt" is no rich markup); styles
# are given as Text styles where wanted
console = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


#: Width of tables written to a file (no terminal to fit): wide enough that no column wraps.
FILE_WIDTH = 160


@contextmanager
def output_console(output: Path | None) -> Iterator[Console]:
    """The console a command's output goes to: standard output, whose tables fit the terminal
    (rich wraps cells and folds long slugs to the terminal's width, 80 columns when it is not
    a terminal), or the file ``output`` (UTF-8, no colour, :data:`FILE_WIDTH` columns).
    Write text with ``console.file.write`` and tables with ``console.print``."""
    if output is None:
        yield console
        console.file.flush()
        return
    with output.open("w", encoding="utf-8") as fh:
        yield Console(file=fh, width=FILE_WIDTH, highlight=False, color_system=None, soft_wrap=False, markup=False,
                      emoji=False)


def report_error(error: Exception) -> None:
    """Print one error as one line on standard error (``error: ...``), its text as written."""
    err_console.print(Text.assemble(("error:", "bold red"), f" {error}"))


def report_warning(warning: Exception) -> None:
    """Print one warning as one line on standard error (``warning: ...``), its text as written."""
    err_console.print(Text.assemble(("warning:", "bold yellow"), f" {warning}"))


class Verbosity(IntEnum):
    """How much a command says besides its output: ``-q`` quiet, default, ``-v`` verbose."""

    QUIET = -1
    NORMAL = 0
    VERBOSE = 1


_verbosity = Verbosity.NORMAL
_LOG_HANDLER = "diplograph-cli"


def set_verbosity(level: Verbosity) -> None:
    """Set what commands say (the app's ``-q/--quiet`` and ``-v/--verbose``).

    Quiet: errors only (no progress bar, no summary lines). Verbose: also the log records
    of diplograph's modules at INFO level (which store is opened, what is skipped), on
    standard error, one line each (``INFO: using the sqlite store PATH``), as error lines are.
    """
    global _verbosity
    _verbosity = level
    log = logging.getLogger("diplograph")
    for handler in [h for h in log.handlers if getattr(h, "name", None) == _LOG_HANDLER]:
        log.removeHandler(handler)
    if level is Verbosity.VERBOSE:
        handler = logging.StreamHandler(sys.stderr)  # the stderr in force now (a test runner swaps it)
        handler.set_name(_LOG_HANDLER)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    else:
        log.setLevel(logging.WARNING)


def say(message: str, to: Console | None = None) -> None:
    """Print a status line unless quiet: on standard error (where a file went), or on ``to``
    (``console``: the summary that is a command's result, such as what ``load`` added)."""
    if _verbosity > Verbosity.QUIET:
        (to or err_console).print(message, markup=False)


def store_label(store) -> str:
    """Which store a command used, for its messages: ``sqlite store /path/graph.sqlite``,
    ``neo4j store bolt://host:7687`` (never credentials: ``uri`` is already the display form)."""
    where = getattr(store, "path", None) or getattr(store, "uri", None)
    return f"{store.name} store {where}" if where else f"{store.name} store"


def progress_bar() -> Progress:
    """A progress bar on standard error (off with ``-q`` or when stderr is no terminal)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=_verbosity is Verbosity.QUIET or not err_console.is_terminal,
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


#: The first 16 bytes of every SQLite 3 database file (https://www.sqlite.org/fileformat.html, 1.3).
_SQLITE_HEADER = b"SQLite format 3\x00"


def _is_sqlite_database(path: Path) -> bool:
    """Whether ``path`` is an existing file that starts with the SQLite 3 header."""
    try:
        with open(path, "rb") as file:
            return file.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def check_outputs(outputs: Iterable[Path | None], store: str | Path | None, neo4j: str | None,
                  inputs: Iterable[str | Path] = ()) -> None:
    """Check every output file of a command before any work: each can be written, none is
    the store (:func:`sqlite_store_files`), another SQLite database or an input, and no two
    are the same file.

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
        if _is_sqlite_database(output):
            raise InputError(str(output), "cannot write: it is an SQLite database (a store?); remove it first to replace it")
        for other in seen:
            if _same_file(other, output):
                raise InputError(str(output), f"cannot write: {other} is written too (one file per output)")
        seen.append(output)


def write_output(path: Path, write: Callable[[], T]) -> T:
    """Run ``write`` (which writes ``path``) and return what it returns; a full disk or any
    other OS error is one line.

    Raises
    ------
    InputError
        ``<path>: cannot write: <reason>`` (``No space left on device`` for ``/dev/full``).
    """
    try:
        return write()
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


def writable_path(value: Optional[Path]) -> Optional[Path]:
    """Check an output file before any work (a folder, a missing folder, no permission: one line)."""
    return None if value is None else check_output_path(value)


OutputOption = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", callback=writable_path, help="Write to this file instead of standard output.", show_default=False),
]
DateOption = Annotated[
    Optional[str],
    typer.Option("--date", help="Date (YYYY-MM-DD) of articles whose metadata has none.", show_default=False),
]


def iso_date(value: Optional[str]) -> Optional[str]:
    """A date option as ISO ``YYYY-MM-DD`` (``None`` stays ``None``).

    Raises
    ------
    typer.BadParameter
        If ``value`` is no date (a usage error: one line, exit code 2).
    """
    if value is None:
        return None
    try:
        return iso_day(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


# -- the analysis window and weighting (report commands, export) --------------------------
SinceOption = Annotated[Optional[str], typer.Option("--since", callback=iso_date, help="First date counted (YYYY-MM-DD, inclusive).", show_default=False)]
UntilOption = Annotated[Optional[str], typer.Option("--until", callback=iso_date, help="Last date counted (YYYY-MM-DD, inclusive).", show_default=False)]
HalfLifeOption = Annotated[Optional[float], typer.Option("--half-life", min=0.001, help="Half-life of a fact's weight, in days (default: no decay).", show_default=False)]
OrganizationsOption = Annotated[bool, typer.Option("--organizations", help="Keep organisations (EU, NATO, ...) as nodes besides states.")]
EventRuleOption = Annotated[EventRule, typer.Option(
    "--event-rule",
    help="How coded event data (GDELT, ICEWS) count: day = one event per actor pair, CAMEO root code and day "
         "(syndicated copies of one story count once); source = one per source, pair, root code and day; every = each coded event.",
)]
EventWeightOption = Annotated[EventWeight, typer.Option(
    "--event-weight",
    help="What a merged event weighs: one = its strongest coding; sources = that times the number of sources that coded it.",
)]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of Louvain, the signed partition, sampled betweenness and the layout.")]

# -- the local Neo4j server (neo4j start|stop|status|fetch|import) -------------------------
HomeOption = Annotated[
    Optional[Path],
    typer.Option("--home", help="Folder of the server (default: neo4j in the user data directory).", show_default=False),
]
PortOption = Annotated[Optional[int], typer.Option("--port", help="Bolt port on 127.0.0.1 (default 7687, or the home's).", show_default=False)]
HeapOption = Annotated[str, typer.Option("--heap", help="Java heap size of the server (and of the importer), e.g. 1g, 512m.")]
PagecacheOption = Annotated[str, typer.Option("--pagecache", help="Neo4j page cache size.")]
