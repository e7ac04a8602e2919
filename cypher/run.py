"""Running queries: named queries and user Cypher on Neo4j, named queries' SQL twins on the
embedded SQLite store, and the driver's values and errors made plain.

Actor parameters follow one convention in every query: the value matches an actor whose
``id``, ``name`` or one of its ``aliases`` equals it, ignoring case and outer spaces
(``VEN``, ``venezuela`` and ``Caracas`` all name Venezuela); one that names no actor is an
error, not an empty answer.

User values reach Neo4j only as query parameters; relationship types are literal text of the
``.cypher`` files, taken from :class:`diplograph.graph.model.vocabulary.RelationType`. User Cypher
(:func:`run_cypher`) runs in a READ transaction unless ``write=True``, and must first pass
:func:`~diplograph.cypher.readonly.check_read_only` (an allow-list of read clauses and read
procedures: no administration command, no side-effect procedure, no ``LOAD CSV``); Neo4j
also refuses any write in a READ transaction with ``Neo.ClientError.Statement.AccessMode``
(checked on Neo4j Community 5.26.30).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from diplograph.graph.model.errors import QueryError, StoreError

from .catalogue import NamedQuery, get_query
from .params import bind_params, parse_pairs
from .readonly import check_read_only

__all__ = [
    "NEEDS_NEO4J",
    "ACTOR_PARAMS",
    "QueryResult",
    "execute",
    "run_cypher",
    "run_named",
    "run_named_sql",
    "check_actors_exist",
    "to_plain",
    "translate_error",
]

#: What to tell a user whose store is the embedded SQLite file.
NEEDS_NEO4J = (
    "Cypher queries need a Neo4j store, and the store in use is the embedded SQLite file: "
    "start one with `diplograph neo4j start`, or point at one with `export NEO4J_URI=bolt://host:7687` "
    "(credentials in NEO4J_USERNAME/NEO4J_PASSWORD) or `--neo4j URI`"
)

_COUNTERS = (
    "nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set",
    "labels_added", "labels_removed", "indexes_added", "indexes_removed", "constraints_added", "constraints_removed",
)


def to_plain(value: Any) -> Any:
    """Turn a value returned by Neo4j into plain JSON-able Python.

    Neo4j DATE, DATETIME, TIME → ISO 8601 string; DURATION → ISO 8601 duration string;
    node → ``{"labels": [...], "properties": {...}}``; relationship →
    ``{"type", "start", "end", "properties"}`` (``start``/``end`` are the nodes' ``id``
    property, else their element id); path → ``{"nodes": [...], "relationships": [...]}``;
    lists and maps converted item by item; points → their coordinates as a dict.
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, neo4j.time.Duration):
        return value.iso_format()
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": {k: to_plain(v) for k, v in sorted(value.items())}}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "type": value.type,
            "start": _node_name(value.start_node),
            "end": _node_name(value.end_node),
            "properties": {k: to_plain(v) for k, v in sorted(value.items())},
        }
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [to_plain(n) for n in value.nodes], "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return str(value)


def _node_name(node: neo4j.graph.Node | None) -> Any:
    if node is None:
        return None
    return node.get("id", node.element_id)


def _one_line(message: str | None) -> str:
    first = (message or "").strip().splitlines()[0] if (message or "").strip() else ""
    # Neo4j lists every keyword it expected; keep what was wrong and where.
    match = re.match(r"^(Invalid input '.*?'): expected .*?(\(line \d+, column \d+ \(offset: \d+\)\))$", first)
    if match:
        return f"{match.group(1)} {match.group(2)}"
    return first


def translate_error(error: Exception, timeout: float | None = None) -> Exception:
    """A one-line :class:`QueryError` or :class:`StoreError` for an error of the Neo4j driver
    (other exceptions are returned unchanged). Messages never hold credentials."""
    if isinstance(error, neo4j_errors.CypherSyntaxError):
        return QueryError(f"malformed Cypher: {_one_line(error.message)}")
    if isinstance(error, neo4j_errors.AuthError):
        return StoreError("Neo4j refused the credentials (check NEO4J_USERNAME and NEO4J_PASSWORD)")
    if isinstance(error, neo4j_errors.ServiceUnavailable):
        return StoreError(f"cannot reach Neo4j: {_one_line(str(error))} (is it running? `diplograph neo4j status`)")
    if isinstance(error, neo4j_errors.Neo4jError):
        code = error.code or ""
        if code == "Neo.ClientError.Statement.AccessMode":
            return QueryError("this Cypher writes to the graph, and queries run read-only: add --write (write=True) to allow it")
        if code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
            return QueryError(f"the query did not finish within {timeout or 0:g} s and was stopped (raise it with --timeout)")
        if code == "Neo.ClientError.Statement.ParameterMissing":
            return QueryError(f"{_one_line(error.message)} (give it with --param key=value)")
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(f"Neo4j: {_one_line(error.message)} (check NEO4J_DATABASE)")
        return QueryError(f"Neo4j refused the query: {_one_line(error.message)} [{code}]")
    if isinstance(error, neo4j_errors.DriverError):
        return StoreError(f"Neo4j driver error: {_one_line(str(error))}")
    return error


@dataclass(slots=True)
class QueryResult:
    """What one query gave: column names (in ``RETURN`` order, known even with no rows), rows
    made plain by :func:`to_plain`, and the update counters that are not zero
    (``{"nodes_created": 1, ...}``; empty for a read)."""

    keys: list[str]
    rows: list[dict[str, Any]]
    counters: dict[str, int] = field(default_factory=dict)


def execute(
    driver: Any,
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = 60.0,
    database: str | None = None,
) -> QueryResult:
    """Run Cypher and return a :class:`QueryResult`; :func:`run_cypher` without the
    conversion to rows or DataFrame. Same parameters and errors as :func:`run_cypher`."""
    driver, database = _resolve(driver, database)
    if not text or not text.strip():
        raise QueryError("no Cypher given")
    if timeout is not None and not timeout > 0:
        raise QueryError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if not write:
        check_read_only(text)
    parameters = dict(params or {})

    def work(tx: neo4j.ManagedTransaction) -> QueryResult:
        result = tx.run(text, parameters)
        keys = list(result.keys())
        rows = [{key: to_plain(record[key]) for key in keys} for record in result]
        summary = result.consume().counters
        counters = {name: getattr(summary, name) for name in _COUNTERS if getattr(summary, name)}
        return QueryResult(keys, rows, counters)

    work = neo4j.unit_of_work(timeout=timeout)(work)
    access = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    try:
        with driver.session(database=database, default_access_mode=access) as session:
            return session.execute_write(work) if write else session.execute_read(work)
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
        raise translate_error(error, timeout) from None


def _frame(keys: list[str], rows: list[dict[str, Any]]):
    import pandas as pd

    return pd.DataFrame(rows, columns=keys)


def run_cypher(
    driver: Any,
    text: str,
    params: Mapping[str, Any] | None = None,
    write: bool = False,
    timeout: float | None = 60.0,
    database: str | None = None,
    as_dataframe: bool = False,
):
    """Run Cypher text on Neo4j and return its rows.

    Parameters
    ----------
    driver:
        A ``neo4j.Driver`` or a Neo4j store (anything with ``.driver``; its ``.database``
        is used when ``database`` is None).
    text:
        The Cypher. User values belong in ``params``, never in the text.
    params:
        Query parameters (name → value; dates as :class:`datetime.date`).
    write:
        False (default): a READ transaction, in which Neo4j refuses writes
        (``QueryError`` "... add --write"). True: a WRITE transaction.
    timeout:
        Seconds after which the server stops the transaction (``None``: the server's own limit).
    database:
        Neo4j database name (``None``: the server's default database).
    as_dataframe:
        Return a :class:`pandas.DataFrame` (columns in result order, even with no rows).

    Returns
    -------
    list[dict] | pandas.DataFrame
        One dict per row, keys in the order of the ``RETURN`` clause, values made plain by
        :func:`to_plain` (dates as ISO strings).

    Raises
    ------
    QueryError
        Malformed Cypher, a write without ``write=True``, a missing parameter, a timeout,
        or another refusal by Neo4j (one line each).
    StoreError
        Neo4j unreachable, bad credentials, unknown database, or an embedded (SQLite) store.
        The driver retries an unreachable server for its ``max_transaction_retry_time``
        (30 s by default) before this is raised; ``diplograph query`` checks the connection
        first and fails at once.
    """
    result = execute(driver, text, params, write=write, timeout=timeout, database=database)
    return _frame(result.keys, result.rows) if as_dataframe else result.rows


def run_named(
    driver_or_store: Any,
    name: str,
    params: Mapping[str, Any] | Iterable[str] | None = None,
    database: str | None = None,
    as_dataframe: bool = False,
    timeout: float | None = 60.0,
):
    """Run a named query of ``cypher/queries/`` in a READ transaction.

    Parameters
    ----------
    driver_or_store:
        A ``neo4j.Driver``, a Neo4j store (``Neo4jStore``), or the embedded SQLite store
        (the query's SQL twin runs there: :func:`run_named_sql`).
    name:
        Query name (``diplograph query --list``).
    params:
        Parameter name → value (text is parsed by the declared type), or ``key=value`` strings.
    database:
        Neo4j database (``None``: the store's, else the server default).
    as_dataframe:
        Return a :class:`pandas.DataFrame` instead of a list of dicts.
    timeout:
        Seconds before the server stops the query.

    Returns
    -------
    list[dict] | pandas.DataFrame
        Rows with the columns of the query's ``returns:`` header, in that order.

    Raises
    ------
    QueryError
        Unknown query (close names suggested), unknown, missing or mistyped parameter, timeout.
    StoreError
        Neo4j unreachable.

    Examples
    --------
    >>> from diplograph.cypher.run import run_named  # doctest: +SKIP
    >>> run_named(driver, "supporters", {"actor": "Venezuela"})  # doctest: +SKIP
    [{'id': 'CHN', 'name': 'China', 'kind': 'State', 'facts': 1, 'first': '2019-01-24', 'last': '2019-01-24'}, ...]
    """
    query = get_query(name)
    if params is not None and not isinstance(params, Mapping):
        params = parse_pairs(params)
    values = bind_params(query, params)
    if hasattr(driver_or_store, "read_query"):
        result = run_named_sql(driver_or_store, query, values)
        return _frame(result.keys, result.rows) if as_dataframe else result.rows
    check_actors_exist(driver_or_store, values, database=database)
    return run_cypher(driver_or_store, query.text, values, write=False, timeout=timeout, database=database, as_dataframe=as_dataframe)


_MATCHING_ACTORS_SQL = """
SELECT count(*) FROM (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:value)) OR lower(name) = lower(trim(:value))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:value))
)
"""


def _sql_value(value: Any) -> Any:
    """A bound value as SQLite takes it: dates as ISO text, lists as a JSON array (read with
    ``json_each``), booleans as 0/1."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    return value


def run_named_sql(store: Any, query: "NamedQuery | str", values: Mapping[str, Any]) -> QueryResult:
    """Run a named query's SQL twin on the embedded store (``SQLiteStore.read_query``).

    ``values`` are bound already (:func:`bind_params`). Actor parameters follow the same
    convention as in Cypher (id, name or alias, ignoring case and outer spaces; SQLite's
    ``lower`` folds ASCII letters only), and one that names no actor is an error.

    Raises
    ------
    QueryError
        If the query has no SQL twin (it needs Neo4j), or an actor parameter names no actor.
    """
    query = get_query(query) if isinstance(query, str) else query
    if query.sql is None:
        raise QueryError(f"query {query.name!r} runs on Neo4j only (no {query.path.with_suffix('.sql').name}); {NEEDS_NEO4J}")
    for key in ACTOR_PARAMS:
        value = values.get(key)
        if isinstance(value, str):
            _, rows = store.read_query(_MATCHING_ACTORS_SQL, {"value": value})
            if not next(iter(rows[0].values())):
                raise QueryError(f"no actor matches {value!r} ({ACTOR_HINT})")
    keys, rows = store.read_query(query.sql, {k: _sql_value(v) for k, v in values.items()})
    return QueryResult(keys, rows)


#: Parameters of the named queries that name an actor (see the convention above).
ACTOR_PARAMS = ("actor", "other")

#: What an actor parameter takes, with examples that a store loaded by the loaders resolves:
#: a state's id, name and aliases (the name and aliases columns of ``loaders/data/states.tsv``;
#: its capitals and metonyms, such as *Moscow*, are read in text but stored as no alias), a
#: leader's slug and names.
ACTOR_HINT = "give an id, name or alias: RUS, Russia, vladimir-putin, Putin"

_COUNT_MATCHING_ACTORS = """
MATCH (a:Actor)
WHERE toLower(a.id) = toLower(trim($value))
   OR toLower(a.name) = toLower(trim($value))
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower(trim($value)))
RETURN count(a) AS n
"""


def check_actors_exist(driver: Any, values: Mapping[str, Any], database: str | None = None) -> None:
    """Make sure every actor parameter (:data:`ACTOR_PARAMS`) names a stored actor, so that a
    misspelt name is an error rather than an empty answer.

    Raises
    ------
    QueryError
        ``no actor matches 'Narnia' (give an id, name or alias: ...)``.
    """
    for key in ACTOR_PARAMS:
        value = values.get(key)
        if isinstance(value, str):
            result = execute(driver, _COUNT_MATCHING_ACTORS, {"value": value}, database=database)
            if not result.rows[0]["n"]:
                raise QueryError(f"no actor matches {value!r} ({ACTOR_HINT})")


def _resolve(target: Any, database: str | None) -> tuple[neo4j.Driver, str | None]:
    if isinstance(target, neo4j.Driver):
        return target, database
    inner = getattr(target, "driver", None)
    if isinstance(inner, neo4j.Driver):
        return inner, database if database is not None else getattr(target, "database", None)
    raise StoreError(NEEDS_NEO4J)
