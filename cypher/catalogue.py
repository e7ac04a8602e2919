"""The catalogue of named queries: the files of ``cypher/queries/``, read and checked.

Each ``queries/NAME.cypher`` file holds one query with a header of ``//`` comment lines::

    // name: supporters
    // description: Actors that support an actor, most facts first.
    // param: actor: string — the actor supported: its id, name or an alias (case-insensitive)
    // param: limit: int = 10 — how many rows (a parameter with a default is optional)
    // example: diplograph query supporters --param actor=Venezuela
    // returns: id, name, kind, facts, first, last

Parameter types are :data:`~diplograph.cypher.params.PARAM_TYPES`. A query without
parameters says ``// param: none``. Every ``$name`` of the body must be declared and every
declared parameter used; the header is checked when the file is read, and its example must
bind (:func:`~diplograph.cypher.params.bind_params`). A query may have an SQL twin,
``NAME.sql``, for the embedded store. Running them is :mod:`diplograph.cypher.run`.
"""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from diplograph.graph.model.errors import QueryError

from .params import IDENT, PARAM_TYPES, bind_params, parse_pairs, parse_value, show_default

__all__ = ["QUERY_DIR", "Param", "NamedQuery", "QueryFileError", "parse_query_file", "list_queries", "get_query", "readme_table"]

#: Folder of the named queries shipped with diplograph.
QUERY_DIR = Path(__file__).with_name("queries")

_HEADER_KEYS = ("name", "description", "param", "example", "returns")
_KEY_LINE = re.compile(r"^//\s*([a-z][a-z_-]*)\s*:\s?(.*)$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_PARAM_LINE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>list<string>|[a-z]+)"
    r"(?:\s*=\s*(?P<default>.*?))?\s+(?:—|--)\s+(?P<meaning>\S.*)$"
)
_DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


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
        default = "" if self.required else f" = {show_default(self.default)}"
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

    @property
    def sql(self) -> str | None:
        """The SQLite twin of the query (``NAME.sql`` beside the ``.cypher`` file: same
        parameters as ``:name``, same columns and order), or ``None`` when it has none."""
        twin = self.path.with_suffix(".sql")
        return twin.read_text(encoding="utf-8") if twin.is_file() else None


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
    if not all(IDENT.match(column) for column in returns) or len(set(returns)) != len(returns):
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


def readme_table(queries: Iterable[NamedQuery] | None = None) -> str:
    """The Markdown table of named queries that ``cypher/README.md`` carries (name, description,
    parameters, columns, example), generated from the headers."""
    rows = ["| query | what it answers | parameters | columns | example |", "|---|---|---|---|---|"]
    for query in queries if queries is not None else list_queries():
        params = "<br>".join(f"`{p.name}`: {p.type}" + ("" if p.required else f" = {show_default(p.default)}") for p in query.params) or "none"
        example = query.example.replace("|", "\\|")
        rows.append(f"| `{query.name}` | {query.description} | {params} | {', '.join(query.returns)} | `{example}` |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # python -m diplograph.cypher.library: the table of cypher/README.md
    print(readme_table(), end="")
