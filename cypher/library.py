"""The named Cypher queries of ``cypher/queries/`` and the code that reads and runs them.

Each ``queries/NAME.cypher`` file holds one query with a header of ``//`` comment lines::

    // name: supporters
    // description: Actors that support an actor, most facts first.
    // param: actor: string — the actor supported: its id, name or an alias (case-insensitive)
    // param: limit: int = 10 — how many rows (a parameter with a default is optional)
    // example: diplograph query supporters --param actor=Venezuela
    // returns: id, name, kind, facts, first, last

Parameter types are ``string``, ``int``, ``float``, ``date`` (``YYYY-MM-DD``, sent as a
Neo4j DATE), ``list<string>`` (comma-separated) and ``bool``. A query without parameters
says ``// param: none``. Every ``$name`` of the body must be declared and every declared
parameter used; the header is checked when the file is read.

Actor parameters follow one convention in every query: the value matches an actor whose
``id``, ``name`` or one of its ``aliases`` equals it, ignoring case and outer spaces
(``VEN``, ``venezuela`` and ``Caracas`` all name Venezuela).

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
import difflib
import math
import re
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from diplograph.graph.model.errors import QueryError, StoreError
from diplograph.graph.model.records import iso_day

from .readonly import check_read_only

__all__ = [
    "QUERY_DIR",
    "PARAM_TYPES",
    "NEEDS_NEO4J",
    "Param",
    "NamedQuery",
    "QueryFileError",
    "parse_query_file",
    "list_queries",
    "get_query",
    "parse_pairs",
    "parse_value",
    "infer_value",
    "bind_params",
    "QueryResult",
    "bind_free_params",
    "execute",
    "run_named",
    "run_cypher",
    "to_plain",
    "translate_error",
    "readme_table",
]

#: Folder of the named queries shipped with diplograph.
QUERY_DIR = Path(__file__).with_name("queries")

#: Parameter types a header may declare.
PARAM_TYPES = ("string", "int", "float", "date", "list<string>", "bool")

#: What to tell a user whose store is the embedded SQLite file.
NEEDS_NEO4J = (
    "Cypher queries need a Neo4j store, and the store in use is the embedded SQLite file: "
    "start one with `diplograph neo4j start`, or point at one with `export NEO4J_URI=bolt://host:7687` "
    "(credentials in NEO4J_USERNAME/NEO4J_PASSWORD) or `--neo4j URI`"
)

_HEADER_KEYS = ("name", "description", "param", "example", "returns")
_KEY_LINE = re.compile(r"^//\s*([a-z][a-z_-]*)\s*:\s?(.*)$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PARAM_LINE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>list<string>|[a-z]+)"
    r"(?:\s*=\s*(?P<default>.*?))?\s+(?:—|--)\s+(?P<meaning>\S.*)$"
)
_DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_INT = re.compile(r"^[+-]?\d+$")
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}
_MISSING = object()
_COUNTERS = (
    "nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set",
    "labels_added", "labels_removed", "indexes_added", "indexes_removed", "constraints_added", "constraints_removed",
)


class QueryFileError(QueryError):
    """A ``.cypher`` file whose header is missing or malformed; names the file and line.

    Parameters
    ----------
    path:
        The file.
    message:
        What is wrong.
    line:
        1-based line number, or ``None`` when the whole file is at fault.
    """

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a named query.

    Attributes
    ----------
    name:
        The Cypher parameter name (``$name`` in the body).
    type:
        One of :data:`PARAM_TYPES`.
    meaning:
        One line for users.
    default:
        Parsed default value, or ``None`` with ``required`` True when there is none.
    required:
        True when the caller must give a value.
    """

    name: str
    type: str
    meaning: str
    default: Any = None
    required: bool = True

    def describe(self) -> str:
        """``name: type[ = default] — meaning``, as in the header."""
        default = "" if self.required else f" = {_show_default(self.default)}"
        return f"{self.name}: {self.type}{default} — {self.meaning}"


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A named query read from a ``.cypher`` file.

    Attributes
    ----------
    name, description, example:
        From the header.
    params:
        Declared parameters, in header order.
    returns:
        Column names of the result, in order.
    text:
        The whole file (header comments included: Cypher ignores them, and error positions
        then match the file's lines).
    path:
        Where the file is.
    """

    name: str
    description: str
    params: tuple[Param, ...]
    example: str
    returns: tuple[str, ...]
    text: str
    path: Path = field(compare=False)

    def param(self, name: str) -> Param | None:
        """The declared parameter called ``name``, or ``None``."""
        return next((p for p in self.params if p.name == name), None)


def _show_default(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ",".join(value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def parse_value(type_name: str, text: str, *, name: str = "value", query: str | None = None) -> Any:
    """Parse the text of one parameter value into the Python value sent to Neo4j.

    Parameters
    ----------
    type_name:
        One of :data:`PARAM_TYPES`.
    text:
        The value as typed by a user (``--param key=value``).
    name, query:
        Parameter and query names, for the error message.

    Returns
    -------
    str | int | float | datetime.date | list[str] | bool
        ``date`` gives a :class:`datetime.date` (the driver sends it as a Neo4j DATE);
        ``list<string>`` splits on commas, strips spaces and drops empty items (``""`` → ``[]``).

    Raises
    ------
    QueryError
        If the text is not a value of that type (one line naming parameter and type).
    """
    where = f"parameter '{name}'" + (f" of query '{query}'" if query else "")
    raw = text.strip()
    if type_name == "string":
        return text
    if type_name == "int":
        if _INT.match(raw):
            return _cypher_int(int(raw), where)
        raise QueryError(f"{where} must be an int (a whole number such as 10), got {text!r}")
    if type_name == "float":
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number
        raise QueryError(f"{where} must be a float (a number such as 0.5), got {text!r}")
    if type_name == "date":
        try:
            return iso_day(raw)
        except ValueError:
            raise QueryError(f"{where} must be a date (YYYY-MM-DD, such as 2019-01-24), got {text!r}") from None
    if type_name == "bool":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise QueryError(f"{where} must be a bool (true or false), got {text!r}")
    if type_name == "list<string>":
        return [item.strip() for item in text.split(",") if item.strip()]
    raise QueryError(f"{where} has unknown type {type_name!r} (known: {', '.join(PARAM_TYPES)})")


def _check_value(param: Param, value: Any, query: str) -> Any:
    """Validate a value given from Python (not text) against the declared type."""
    where = f"parameter '{param.name}' of query '{query}'"
    kind = param.type
    if isinstance(value, str) and kind != "string":
        return parse_value(kind, value, name=param.name, query=query)
    ok = {
        "string": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "date": isinstance(value, (_dt.date, neo4j.time.Date)) and not isinstance(value, _dt.datetime),
        "bool": isinstance(value, bool),
        "list<string>": isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value),
    }[kind]
    if not ok:
        article = "an" if kind[0] in "aeiou" else "a"
        raise QueryError(f"{where} must be {article} {kind}, got {type(value).__name__} {value!r}")
    if kind == "float":
        return float(value)
    if kind == "list<string>":
        return list(value)
    return value


def parse_query_file(path: Path | str) -> NamedQuery:
    """Read one ``.cypher`` file and validate its header.

    Parameters
    ----------
    path:
        The file; its stem must equal the header's ``name``.

    Returns
    -------
    NamedQuery

    Raises
    ------
    QueryFileError
        If the file cannot be read, a header line is unknown or malformed, ``name``,
        ``description``, ``param`` (or ``param: none``), ``example`` or ``returns`` is missing,
        the name differs from the file name, the example does not run this query with its
        required parameters, or the ``$parameters`` of the body differ from those declared.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryFileError(path, f"cannot read query file: {error}") from None
    values: dict[str, str] = {}
    lines_of: dict[str, int] = {}
    params: list[Param] = []
    no_params = False
    body_start = None
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            body_start = number
            break
        match = _KEY_LINE.match(stripped)
        if not match:
            continue  # a free comment line
        key, value = match.group(1), match.group(2).strip()
        if key not in _HEADER_KEYS:
            raise QueryFileError(path, f"unknown header key {key!r} (known: {', '.join(_HEADER_KEYS)})", number)
        if key == "param":
            if value.lower() == "none":
                no_params = True
                continue
            params.append(_parse_param_line(path, number, value))
            continue
        if key in values:
            raise QueryFileError(path, f"header key {key!r} given twice", number)
        if not value:
            raise QueryFileError(path, f"header key {key!r} is empty", number)
        values[key] = value
        lines_of[key] = number
    for key in ("name", "description"):
        if key not in values:
            raise QueryFileError(path, f"header has no '// {key}:' line")
    if not params and not no_params:
        raise QueryFileError(path, "header has no '// param:' line (write '// param: none' for a query without parameters)")
    for key in ("example", "returns"):
        if key not in values:
            raise QueryFileError(path, f"header has no '// {key}:' line")
    if body_start is None:
        raise QueryFileError(path, "no Cypher after the header")
    name = values["name"]
    if not _NAME.match(name):
        raise QueryFileError(path, f"query name {name!r} must be lower-case words joined by '-'", lines_of["name"])
    if name != path.stem:
        raise QueryFileError(path, f"query name {name!r} differs from the file name {path.name!r}", lines_of["name"])
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryFileError(path, "a parameter is declared twice")
    returns = tuple(column.strip() for column in values["returns"].split(","))
    if not all(_IDENT.match(column) for column in returns) or len(set(returns)) != len(returns):
        raise QueryFileError(path, f"returns must be distinct column names separated by commas, got {values['returns']!r}", lines_of["returns"])
    body = "\n".join(line for line in lines[body_start - 1 :] if not line.strip().startswith("//"))
    used = set(_DOLLAR.findall(body))
    if used - set(names):
        raise QueryFileError(path, f"the Cypher uses undeclared parameter(s): {', '.join(sorted(used - set(names)))}")
    if set(names) - used:
        raise QueryFileError(path, f"declared parameter(s) not used by the Cypher: {', '.join(sorted(set(names) - used))}")
    query = NamedQuery(name, values["description"], tuple(params), values["example"], returns, text, path)
    _check_example(query, lines_of["example"])
    return query


def _parse_param_line(path: Path, number: int, value: str) -> Param:
    match = _PARAM_LINE.match(value)
    if not match:
        raise QueryFileError(path, f"param line must read 'name: type — meaning' or 'name: type = default — meaning', got {value!r}", number)
    type_name = match.group("type")
    if type_name not in PARAM_TYPES:
        raise QueryFileError(path, f"parameter type {type_name!r} is not one of {', '.join(PARAM_TYPES)}", number)
    default_text = match.group("default")
    if default_text is None:
        return Param(match.group("name"), type_name, match.group("meaning"))
    if type_name == "list<string>":
        default_text = default_text.strip()
        if default_text.startswith("[") and default_text.endswith("]"):
            default_text = default_text[1:-1]
    try:
        default = parse_value(type_name, default_text, name=match.group("name"))
    except QueryError as error:
        raise QueryFileError(path, f"bad default: {error}", number) from None
    return Param(match.group("name"), type_name, match.group("meaning"), default, required=False)


def _check_example(query: NamedQuery, line: int) -> None:
    try:
        words = shlex.split(query.example)
    except ValueError as error:
        raise QueryFileError(query.path, f"example is not a shell line: {error}", line) from None
    if words[:3] != ["diplograph", "query", query.name]:
        raise QueryFileError(query.path, f"example must start with 'diplograph query {query.name}'", line)
    pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word in ("--param", "-p")]
    try:
        bind_params(query, parse_pairs(pairs))
    except QueryError as error:
        raise QueryFileError(query.path, f"example does not run: {error}", line) from None


@lru_cache(maxsize=8)
def _load_dir(directory: Path) -> dict[str, NamedQuery]:
    queries = {}
    for path in sorted(directory.glob("*.cypher")):
        query = parse_query_file(path)
        queries[query.name] = query
    return queries


def list_queries(directory: Path | str | None = None) -> list[NamedQuery]:
    """All named queries, sorted by name.

    Parameters
    ----------
    directory:
        Folder of ``.cypher`` files; default :data:`QUERY_DIR` (the queries shipped with diplograph).

    Raises
    ------
    QueryFileError
        If a file's header is invalid (see :func:`parse_query_file`).
    """
    return list(_load_dir(Path(directory or QUERY_DIR).resolve()).values())


def get_query(name: str, directory: Path | str | None = None) -> NamedQuery:
    """The named query ``name``.

    Raises
    ------
    QueryError
        If there is no such query; the message suggests close names (difflib) or lists them all.
    """
    queries = _load_dir(Path(directory or QUERY_DIR).resolve())
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.7)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else f"known queries: {', '.join(queries)}"
    raise QueryError(f"unknown query {name!r}; {hint} (`diplograph query --list` shows them all)")


def parse_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """Split ``key=value`` strings (``--param``) into a dict of text values.

    Only the first ``=`` splits, so values may hold ``=``. A key given twice is an error.

    Raises
    ------
    QueryError
        If an item has no ``=`` or an empty key, or a key is repeated.
    """
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"parameter {pair!r} must be written key=value")
        if key in out:
            raise QueryError(f"parameter {key!r} is given twice")
        out[key] = value
    return out


def infer_value(text: str) -> Any:
    """Guess the type of an untyped ``--param`` value given with ``--cypher``.

    Whole numbers become int, other numbers float, ``true``/``false`` bool, anything else
    stays a string. ``key:type=value`` (see :func:`bind_free_params`) forces a type instead.
    """
    raw = text.strip()
    if _INT.match(raw):
        return int(raw)
    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    try:
        number = float(raw)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def bind_free_params(pairs: Mapping[str, str]) -> dict[str, Any]:
    """Parameters for free Cypher (``--cypher``): ``key=value`` is inferred (:func:`infer_value`),
    ``key:type=value`` is parsed as that type (one of :data:`PARAM_TYPES`).

    Raises
    ------
    QueryError
        On an unknown type or a value not of its type.
    """
    out: dict[str, Any] = {}
    for key, text in pairs.items():
        name, sep, type_name = key.partition(":")
        name = name.strip()
        if not _IDENT.match(name):
            raise QueryError(f"parameter name {name!r} is not a Cypher parameter name")
        value = parse_value(type_name.strip(), text, name=name) if sep else infer_value(text)
        out[name] = _cypher_int(value, f"parameter '{name}'") if isinstance(value, int) and not isinstance(value, bool) else value
    return out


#: Cypher's INTEGER is a signed 64-bit number.
CYPHER_INT_RANGE = (-(2**63), 2**63 - 1)


def _cypher_int(value: int, where: str) -> int:
    """``value`` if Cypher can hold it, else a :class:`QueryError` naming ``where``."""
    low, high = CYPHER_INT_RANGE
    if not low <= value <= high:
        raise QueryError(f"{where} is {value}: beyond Cypher's integers ({low}..{high})")
    return value


def bind_params(query: NamedQuery, values: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check and convert the values for a named query.

    Parameters
    ----------
    query:
        The query.
    values:
        Parameter name → value; text values are parsed by the declared type
        (:func:`parse_value`), other values are checked against it. Defaults fill the rest.

    Returns
    -------
    dict
        Every declared parameter with its typed value.

    Raises
    ------
    QueryError
        On an unknown parameter (with close names), a missing required one, or a mistyped value.
    """
    values = dict(values or {})
    declared = {p.name for p in query.params}
    for key in values:
        if key not in declared:
            close = difflib.get_close_matches(key, sorted(declared), n=2, cutoff=0.5)
            hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else (
                f"its parameters: {', '.join(p.name for p in query.params)}" if query.params else "it takes no parameters"
            )
            raise QueryError(f"query {query.name!r} has no parameter {key!r}; {hint}")
    out: dict[str, Any] = {}
    for param in query.params:
        value = values.get(param.name, _MISSING)
        if value is _MISSING or value is None:
            if param.required:
                raise QueryError(
                    f"query {query.name!r} needs parameter '{param.name}' ({param.type}: {param.meaning}); "
                    f"give it with --param {param.name}=..."
                )
            out[param.name] = list(param.default) if isinstance(param.default, list) else param.default
            continue
        out[param.name] = _check_value(param, value, query.name)
    return out


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
        A ``neo4j.Driver`` or a Neo4j store (``Neo4jStore``).
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
        Neo4j unreachable or an embedded store given.

    Examples
    --------
    >>> from diplograph.cypher.library import run_named  # doctest: +SKIP
    >>> run_named(driver, "supporters", {"actor": "Venezuela"})  # doctest: +SKIP
    [{'id': 'CHN', 'name': 'China', 'kind': 'State', 'facts': 1, 'first': '2019-01-24', 'last': '2019-01-24'}, ...]
    """
    query = get_query(name)
    if params is not None and not isinstance(params, Mapping):
        params = parse_pairs(params)
    values = bind_params(query, params)
    check_actors_exist(driver_or_store, values, database=database)
    return run_cypher(driver_or_store, query.text, values, write=False, timeout=timeout, database=database, as_dataframe=as_dataframe)


#: Parameters of the named queries that name an actor (see the convention above).
ACTOR_PARAMS = ("actor", "other")

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
                raise QueryError(
                    f"no actor matches {value!r} (give an id, name or alias: RUS, Russia, Moscow, vladimir-putin)"
                )


def _resolve(target: Any, database: str | None) -> tuple[neo4j.Driver, str | None]:
    if isinstance(target, neo4j.Driver):
        return target, database
    inner = getattr(target, "driver", None)
    if isinstance(inner, neo4j.Driver):
        return inner, database if database is not None else getattr(target, "database", None)
    raise StoreError(NEEDS_NEO4J)


def readme_table(queries: Iterable[NamedQuery] | None = None) -> str:
    """The Markdown table of named queries that ``cypher/README.md`` carries (name, description,
    parameters, columns, example), generated from the headers."""
    rows = ["| query | what it answers | parameters | columns | example |", "|---|---|---|---|---|"]
    for query in queries if queries is not None else list_queries():
        params = "<br>".join(f"`{p.name}`: {p.type}" + ("" if p.required else f" = {_show_default(p.default)}") for p in query.params) or "none"
        example = query.example.replace("|", "\\|")
        rows.append(f"| `{query.name}` | {query.description} | {params} | {', '.join(query.returns)} | `{example}` |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # python -m diplograph.cypher.library: the table of cypher/README.md
    print(readme_table(), end="")
