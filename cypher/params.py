"""Parameter values of Cypher queries: text (``--param key=value``) or Python values, parsed
and checked against the types a named query declares (:class:`~diplograph.cypher.catalogue.Param`),
or guessed for free Cypher. Integers are checked against Cypher's 64-bit range."""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import neo4j

from diplograph.graph.model.errors import QueryError
from diplograph.graph.model.records import iso_day

if TYPE_CHECKING:
    from .catalogue import NamedQuery, Param

__all__ = ["PARAM_TYPES", "CYPHER_INT_RANGE", "parse_value", "parse_pairs", "infer_value", "bind_params", "bind_free_params"]

#: Parameter types a header may declare.
PARAM_TYPES = ("string", "int", "float", "date", "list<string>", "bool")

#: A Cypher parameter (or column) name.
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INT = re.compile(r"^[+-]?\d+$")
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}
_MISSING = object()


def show_default(value: Any) -> str:
    """A default value as a header writes it (lists in brackets, booleans in lower case)."""
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
        if not IDENT.match(name):
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
