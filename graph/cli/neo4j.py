"""``diplograph neo4j start|stop|status|fetch|import`` and ``diplograph sync``: the project's
own Neo4j server, building its database offline from a store or a fact set, and copying the
embedded store into Neo4j.

Each command is a thin layer over :class:`~diplograph.graph.stores.neo4j_server.Neo4jServer`,
:func:`~diplograph.graph.stores.neo4j_import.import_database` and
:func:`~diplograph.graph.stores.sync.sync_stores`. Passwords never go on the command line (where the
process list and the shell history would keep them) and are never printed: the initial password of a
new home comes from NEO4J_PASSWORD, else from a prompt with hidden input on a terminal, else it is
generated, stored in ``HOME/password`` (mode 0600), and the commands print how to read it from there.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from diplograph.graph.cli.app import PlainHelpGroup
from diplograph.graph.cli.options import (
    HeapOption,
    HomeOption,
    Neo4jOption,
    PagecacheOption,
    PortOption,
    StoreOption,
    console,
    counted,
    say,
    progress_bar,
    report_error,
)
from diplograph.graph.model.errors import InputError, StoreError, StoreUnavailable
from diplograph.graph.stores.fact_set import FactSet, is_fact_set
from diplograph.graph.stores.neo4j_server import NEO4J_VERSION, Neo4jServer
from diplograph.graph.stores.opening import neo4j_uri, open_store
from diplograph.graph.stores.settings import Settings
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.graph.stores.sync import sync_stores

__all__ = ["register", "neo4j_app"]

neo4j_app = typer.Typer(
    cls=PlainHelpGroup,
    name="neo4j",
    help="Run a local Neo4j Community server for diplograph (fetched from Maven Central with Maven).",
    no_args_is_help=True,
)

def _server(home: Path | None, port: int | None = None, heap: str = "1g", pagecache: str = "256m"):
    return Neo4jServer(home, port=port, heap=heap, pagecache=pagecache)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _password(server: Neo4jServer, settings: Settings) -> tuple[str | None, str]:
    """The password of user neo4j for ``server`` and where it came from: ``"environment"``
    (NEO4J_PASSWORD), ``"prompt"`` (typed, hidden, on a terminal, for a new home) or ``"home"``
    (``None`` here: :meth:`Neo4jServer.start` generates one for a new home, or reads the home's
    password file)."""
    if settings.neo4j_password is not None:
        return settings.neo4j_password.get_secret_value(), "environment"
    if not server.initialised and _interactive():
        typed = typer.prompt("Initial password of user neo4j (at least 8 characters; empty: generate one)",
                             default="", show_default=False, hide_input=True, confirmation_prompt=True, err=True)
        if typed:
            return typed, "prompt"
    return None, "home"


@neo4j_app.command("start")
def start(
    home: HomeOption = None,
    port: PortOption = None,
    heap: HeapOption = "1g",
    pagecache: PagecacheOption = "256m",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for the server.")] = 120.0,
) -> None:
    """Start the server in the background (fetching Neo4j with Maven the first time) and print how to use it.
    The initial password of a new home: NEO4J_PASSWORD, else asked (hidden) on a terminal, else generated."""
    server = _server(home, port, heap, pagecache)
    password, source = _password(server, Settings())
    _, generated = server.start(password=password, timeout=timeout)
    status = server.status()
    console.print(f"Neo4j {NEO4J_VERSION} started (pid {status.pid}) at {server.uri}, home {server.home}")
    console.print("Use it with:")
    console.print(f"  export NEO4J_URI={server.uri}")
    console.print("  export NEO4J_USERNAME=neo4j")
    if source == "environment":
        console.print("  # NEO4J_PASSWORD is set already")
    elif source == "home" and server.read_password_file() is not None:
        note = "  # generated" if generated else ""
        console.print(f'  export NEO4J_PASSWORD="$(cat {shlex.quote(str(server.password_file))})"{note}')
    else:
        console.print("  export NEO4J_PASSWORD=...  # the password chosen when this home was created")


@neo4j_app.command("stop")
def stop(
    home: HomeOption = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait after SIGTERM before SIGKILL.")] = 60.0,
) -> None:
    """Stop the server (SIGTERM, then SIGKILL after the timeout)."""
    server = _server(home)
    pid = server.pid()
    if server.stop(timeout=timeout):
        console.print(f"Neo4j stopped (pid {pid})")
    else:
        console.print(f"Neo4j was not running (home {server.home})")


@neo4j_app.command("status")
def status(home: HomeOption = None, port: PortOption = None) -> None:
    """Say whether the server runs and whether Bolt answers on its port (the home's, or --port); exit code 0 if it runs, 3 if not."""
    state = _server(home, port).status()
    console.print(state.describe())
    if not state.running:
        raise typer.Exit(3)


@neo4j_app.command("fetch")
def fetch(home: HomeOption = None) -> None:
    """Resolve Neo4j's jars with Maven now (into ~/.m2), without starting anything."""
    jars = _server(home).classpath(refresh=True).split(":")
    console.print(f"Neo4j {NEO4J_VERSION}: {len(jars)} jars resolved")


@neo4j_app.command("import")
def import_(
    source: Annotated[
        Optional[Path],
        typer.Argument(help="An SQLite store file or a Parquet fact set folder (default: the embedded store in force).", show_default=False),
    ] = None,
    home: HomeOption = None,
    port: PortOption = None,
    heap: HeapOption = "1g",
    pagecache: PagecacheOption = "256m",
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace a database that holds data.")] = False,
) -> None:
    """Build database neo4j of the project's server from a store or a fact set with Neo4j's offline
    importer (the server is stopped for it), then start the server, create the schema and check the counts.
    The password: NEO4J_PASSWORD, else the home's password file; a new home's as for ``neo4j start``."""
    # Imported here: it loads the Neo4j driver, which the other commands of this module do
    # not need (as open_store does).
    from diplograph.graph.stores.neo4j_import import import_database

    settings = Settings()
    path = source or settings.store
    if not path.exists():
        raise InputError(str(path), "no such store or fact set")
    server = _server(home, port, heap, pagecache)
    password, _ = _password(server, settings)
    if password is None and server.initialised:
        password = server.read_password_file()
    if is_fact_set(path):
        result = import_database(FactSet(path), server, password, overwrite, unique_keys=True, say=say)
    else:
        with SQLiteStore(path, readonly=True) as store:
            result = import_database(store, server, password, overwrite, say=say)
    counts = result.counts
    total = result.csv_seconds + result.import_seconds + result.ready_seconds
    console.print(
        f"{counts.actors} actors, {counts.articles} articles and {counts.facts} facts imported into Neo4j at {server.uri} "
        f"in {total:.1f} s ({counts.facts / total:,.0f} facts/s; schema created, counts checked)"
    )


def sync(
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Copy the embedded store into Neo4j, article by article; what Neo4j holds already is skipped."""
    settings = Settings()
    uri = neo4j_uri(neo4j, settings)
    if not uri:
        raise StoreError("no Neo4j to sync to: give --neo4j URI or set NEO4J_URI")
    with SQLiteStore(store or settings.store, readonly=True) as source, open_store(None, uri) as target:
        with progress_bar() as progress:
            task = progress.add_task("Copying articles", total=source.stats().articles)
            failed: list[StoreError] = []
            try:
                summary = sync_stores(source, target, progress=lambda: progress.advance(task), errors=failed)
            except StoreUnavailable as error:
                raise StoreUnavailable(f"{error}; when it is back, run the same command again (what Neo4j "
                                       "holds is skipped)") from None
    for error in failed:
        report_error(error)
    say(
        f"{counted(summary.articles, 'article')}, {counted(summary.actors, 'actor')} and {counted(summary.facts, 'fact')} added to Neo4j at {target.uri}"
        + (f"; {counted(len(failed), 'article')} not copied" if failed else ""),
        console,
    )
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``neo4j start|stop|status|fetch|import`` and ``sync`` to the ``diplograph`` app."""
    app.add_typer(neo4j_app, name="neo4j")
    app.command("sync")(sync)
