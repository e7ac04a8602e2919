"""``diplograph query``: run a named query of ``cypher/queries/`` (Cypher on Neo4j, its SQL twin
on the embedded SQLite store) or free Cypher on Neo4j.

A thin layer over :mod:`diplograph.cypher.catalogue` and :mod:`diplograph.cypher.run`::

    diplograph query --list
    diplograph query supporters --param actor=Venezuela --format json
    diplograph query --cypher "MATCH (s:State) RETURN s.id AS id ORDER BY id" --format csv
    diplograph query --cypher "MATCH (a:Actor {id: \\$id}) SET a.checked = true" --param id=VEN --write

Queries run in a READ transaction unless ``--write`` is given with ``--cypher``. The server is
``--neo4j URI`` or ``NEO4J_URI``; credentials come from ``NEO4J_USERNAME``/``NEO4J_PASSWORD``
and the database from ``NEO4J_DATABASE`` (never printed).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from diplograph.graph.cli.options import Neo4jOption, OutputOption, StoreOption, console, counted, err_console, output_console
from diplograph.graph.model.errors import StoreError
from diplograph.graph.model.safe_output import safe_csv_writer
from diplograph.graph.stores.opening import neo4j_uri, open_store

__all__ = ["register", "query_command", "format_rows"]


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _cell(value: Any) -> str:
    """Text of one value in a table or CSV cell: empty for null, JSON for lists and maps."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def format_rows(keys: list[str], rows: list[dict[str, Any]], output_format: QueryFormat, title: str | None = None,
                out: Console | None = None) -> None:
    """Print rows as a rich table, a JSON array of objects, or CSV with a header.

    Parameters
    ----------
    keys:
        Column names in order (printed even when there are no rows: CSV header, table header).
    rows:
        Plain rows (see :func:`diplograph.cypher.run.to_plain`).
    output_format:
        ``table``, ``json`` or ``csv``. In CSV, lists and maps are written as JSON text.
    title:
        Table title (table format only).
    out:
        Where to (:func:`~diplograph.graph.cli.options.output_console`; default standard output).
    """
    out = out or console
    if output_format is QueryFormat.json:
        out.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif output_format is QueryFormat.csv:
        writer = safe_csv_writer(out.file, lineterminator="\n")
        writer.writerow(keys)
        for row in rows:
            writer.writerow([_cell(row.get(key)) for key in keys])
    else:
        table = Table(*keys, title=title, caption=counted(len(rows), "row"))
        for row in rows:
            table.add_row(*(_cell(row.get(key)) for key in keys))
        out.print(table)


def _list_queries(queries: list, output_format: QueryFormat) -> None:
    if output_format is QueryFormat.json:
        print(json.dumps([
            {
                "name": q.name, "description": q.description, "example": q.example, "returns": list(q.returns),
                "params": [{"name": p.name, "type": p.type, "meaning": p.meaning, "required": p.required,
                            "default": None if p.required else p.default} for p in q.params],
            } for q in queries
        ], ensure_ascii=False, indent=2, default=str))
        return
    if output_format is QueryFormat.csv:
        writer = safe_csv_writer(sys.stdout, lineterminator="\n")
        writer.writerow(["name", "description", "params", "returns"])
        for q in queries:
            writer.writerow([q.name, q.description, "; ".join(p.describe() for p in q.params), ", ".join(q.returns)])
        return
    table = Table("name", "description", "params", title="Named queries (diplograph query NAME --param key=value)")
    for q in queries:
        params = "\n".join(p.describe() for p in q.params) or "none"
        table.add_row(Text(q.name, style="bold"), q.description, params)
    console.print(table)


def query_command(
    name: Annotated[Optional[str], typer.Argument(help="Name of a query (see --list).", show_default=False)] = None,
    param: Annotated[
        Optional[list[str]],
        typer.Option("--param", "-p", help="A parameter, key=value (repeat for more). With --cypher, key:type=value forces a type.", show_default=False),
    ] = None,
    cypher: Annotated[Optional[str], typer.Option("--cypher", help="Run this Cypher instead of a named query ('-' reads it from standard input).", show_default=False)] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
    output_format: Annotated[QueryFormat, typer.Option("--format", help="table, json or csv.")] = QueryFormat.table,
    write: Annotated[bool, typer.Option("--write", help="Allow --cypher to write (default: a read-only transaction).")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds before Neo4j stops the query.", min=0.001)] = 60.0,
    neo4j: Neo4jOption = None,
    store: StoreOption = None,
    output: OutputOption = None,
) -> None:
    """Run a named query (on Neo4j, or its SQL twin on the embedded store), or your own Cypher on Neo4j (read-only unless --write)."""
    # Imported here, not at the top: the Neo4j driver (which loads pandas) takes seconds, and
    # `diplograph --help` and the other commands do not need it.
    from diplograph.cypher import catalogue, params, run

    if list_:
        _list_queries(catalogue.list_queries(), output_format)
        return
    if (name is None) == (cypher is None):
        raise typer.BadParameter("give a query NAME or --cypher TEXT (one of them); --list shows the named queries")
    pairs = params.parse_pairs(param or [])
    if name is not None:
        if write:
            raise typer.BadParameter("named queries only read; --write applies to --cypher")
        query = catalogue.get_query(name)
        text, values, title = query.text, params.bind_params(query, pairs), query.name
    else:
        text = sys.stdin.read() if cypher == "-" else cypher
        values, title = params.bind_free_params(pairs), None
        if not text.strip():
            raise typer.BadParameter("--cypher is empty")
    uri = neo4j_uri(neo4j) if store is None else neo4j
    if not uri:
        if name is None:
            raise StoreError(run.NEEDS_NEO4J)
        # the embedded store: the query's SQL twin, same parameters and columns
        with open_store(store, readonly=True) as sqlite:
            result = run.run_named_sql(sqlite, query, values)
        with output_console(output) as out:
            format_rows(result.keys, result.rows, output_format, title, out)
        return
    # Opening the store checks the server and the credentials at once (a managed transaction
    # would retry an unreachable server for 30 s) and reports them as the other commands do.
    with open_store(neo4j=uri) as store:
        if name is not None:
            run.check_actors_exist(store.driver, values, database=store.database)
        result = run.execute(store.driver, text, values, write=write, timeout=timeout, database=store.database)
    with output_console(output) as out:
        format_rows(result.keys, result.rows, output_format, title, out)
    if result.counters:
        err_console.print(", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in result.counters.items()))


def register(app: typer.Typer) -> None:
    """Add ``diplograph query`` to the app."""
    app.command("query", no_args_is_help=True)(query_command)
