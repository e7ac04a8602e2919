"""``diplograph neo4j start|stop|status|fetch`` and ``diplograph sync``: the project's own
Neo4j server, and copying the embedded store into Neo4j.

Each command is a thin layer over :class:`~diplograph.graph.stores.neo4j_server.Neo4jServer` and
:func:`~diplograph.graph.stores.sync.sync_stores`. Passwords are never printed: a generated one is
stored in ``HOME/password`` (mode 0600) and the commands print how to read it from there.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated, Optional

import typer

from diplograph.graph.cli.options import (
    Neo4jOption,
    StoreOption,
    console,
    progress_bar,
    report_error,
)
from diplograph.graph.model.errors import StoreError, StoreUnavailable
from diplograph.graph.stores.neo4j_server import NEO4J_VERSION, Neo4jServer
from diplograph.graph.stores.opening import neo4j_uri, open_store
from diplograph.graph.stores.settings import Settings
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.graph.stores.sync import sync_stores

__all__ = ["register", "neo4j_app"]

neo4j_app = typer.Typer(
    name="neo4j",
    help="Run a local Neo4j Community server for diplograph (fetched from Maven Central with Maven).",
    no_args_is_help=True,
)

HomeOption = Annotated[
    Optional[Path],
    typer.Option("--home", help="Folder of the server (default: neo4j in the user data directory).", show_default=False),
]


def _server(home: Path | None, port: int | None = None, heap: str = "1g", pagecache: str = "256m"):
    return Neo4jServer(home, port=port, heap=heap, pagecache=pagecache)


@neo4j_app.command("start")
def start(
    home: HomeOption = None,
    port: Annotated[Optional[int], typer.Option("--port", help="Bolt port on 127.0.0.1 (default 7687, or the home's).", show_default=False)] = None,
    heap: Annotated[str, typer.Option("--heap", help="Java heap size (e.g. 1g, 512m).")] = "1g",
    pagecache: Annotated[str, typer.Option("--pagecache", help="Neo4j page cache size.")] = "256m",
    password: Annotated[
        Optional[str],
        typer.Option("--password", help="Initial password of user neo4j for a new home (at least 8 characters); default: generated.", show_default=False),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for the server.")] = 120.0,
) -> None:
    """Start the server in the background (fetching Neo4j with Maven the first time) and print how to use it."""
    server = _server(home, port, heap, pagecache)
    _, generated = server.start(password=password, timeout=timeout)
    status = server.status()
    console.print(f"Neo4j {NEO4J_VERSION} started (pid {status.pid}) at {server.uri}, home {server.home}")
    console.print("Use it with:")
    console.print(f"  export NEO4J_URI={server.uri}")
    console.print("  export NEO4J_USERNAME=neo4j")
    if server.read_password_file() is not None and password is None:
        note = "  # generated" if generated else ""
        console.print(f'  export NEO4J_PASSWORD="$(cat {shlex.quote(str(server.password_file))})"{note}')
    else:
        console.print("  export NEO4J_PASSWORD=...  # the password chosen with --password when this home was created")


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
def status(home: HomeOption = None) -> None:
    """Say whether the server runs; exit code 0 if it does, 3 if not."""
    state = _server(home).status()
    console.print(state.describe())
    if not state.running:
        raise typer.Exit(3)


@neo4j_app.command("fetch")
def fetch(home: HomeOption = None) -> None:
    """Resolve Neo4j's jars with Maven now (into ~/.m2), without starting anything."""
    jars = _server(home).classpath(refresh=True).split(":")
    console.print(f"Neo4j {NEO4J_VERSION}: {len(jars)} jars resolved")


def sync(
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    silent: Annotated[bool, typer.Option("--silent", help="No progress bar.")] = False,
) -> None:
    """Copy the embedded store into Neo4j, article by article; what Neo4j holds already is skipped."""
    settings = Settings()
    uri = neo4j_uri(neo4j, settings)
    if not uri:
        raise StoreError("no Neo4j to sync to: give --neo4j URI or set NEO4J_URI")
    with SQLiteStore(store or settings.store, readonly=True) as source, open_store(None, uri) as target:
        with progress_bar(silent) as progress:
            task = progress.add_task("Copying articles", total=source.stats().articles)
            failed: list[StoreError] = []
            try:
                summary = sync_stores(source, target, progress=lambda: progress.advance(task), errors=failed)
            except StoreUnavailable as error:
                raise StoreUnavailable(f"{error}; when it is back, run the same command again (what Neo4j "
                                       "holds is skipped)") from None
    for error in failed:
        report_error(error)
    console.print(
        f"{summary.articles} articles, {summary.actors} actors and {summary.facts} facts added to Neo4j at {target.uri}"
        + (f"; {len(failed)} articles not copied" if failed else "")
    )
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``neo4j start|stop|status|fetch`` and ``sync`` to the ``diplograph`` app."""
    app.add_typer(neo4j_app, name="neo4j")
    app.command("sync")(sync)
