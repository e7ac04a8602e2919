"""Read-only user Cypher: an allow-list of read clauses and read procedures, checked before
a query is sent to the server.

A READ transaction alone is not enough: Neo4j runs administration commands
(``TERMINATE TRANSACTIONS``), procedures with side effects (``CALL db.clearQueryCaches()``)
and ``LOAD CSV FROM 'http://...'`` (an outbound request) in one. So a query run without
``--write`` must pass :func:`check_read_only` first:

- the text is read as Cypher tokens: string literals, backtick-quoted names and comments
  are set aside (a keyword inside them is text, not a clause);
- every statement begins with a read clause (:data:`READ_CLAUSES`, after an optional
  ``EXPLAIN`` or ``PROFILE``), which rules out every administration command (``SHOW``,
  ``TERMINATE``, ``GRANT``, ``USE``...);
- no Cypher keyword of a clause that writes, loads or manages (:data:`WRITE_CLAUSES`)
  appears as a word in keyword position (a property ``n.set``, a label ``:Create``, a map
  key ``{delete: 1}`` or a ``$parameter`` is not a keyword);
- ``CALL`` opens a subquery (``CALL {`` / ``CALL (x) {``, checked like the rest) or names a
  procedure of :data:`READ_PROCEDURES`.

Keywords are those of the Cypher Manual 5, "Keywords" (reserved words by clause) and the
administration commands of its "Administration" chapter; procedures are the read-only
``db.*``/``dbms.*`` procedures of the Operations Manual 5, "Procedures" (mode READ, no side
effect). A variable named like a write keyword (``MATCH (set)``) is refused too: write it
quoted, `` `set` ``.
"""

from __future__ import annotations

import re

from diplograph.graph.model.errors import QueryError

__all__ = ["READ_CLAUSES", "WRITE_CLAUSES", "READ_PROCEDURES", "check_read_only", "cypher_words"]

#: Clauses a read-only statement may begin with.
READ_CLAUSES = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})

#: Keywords of clauses that write, load data or manage the server (never in a read-only query).
WRITE_CLAUSES = frozenset({
    # writing clauses
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "FOREACH", "INSERT", "NODETACH",
    # loading (an outbound URL or a server file)
    "LOAD",
    # schema and administration
    "DROP", "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "TERMINATE", "SHOW", "START", "STOP",
    "ENABLE", "USE", "CONSTRAINT", "INDEX",
})

#: Procedures a read-only query may CALL (lower case): read mode, no side effect.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.info", "db.ping",
    "dbms.components", "dbms.info",
})

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d[\w.]*)
  | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def cypher_words(text: str) -> list[tuple[str, str]]:
    """The significant tokens of Cypher ``text`` as ``(kind, text)``: ``word`` (a keyword or a
    bare name), ``name`` (a backtick-quoted name), ``string``, ``number`` or ``symbol``;
    spaces and comments dropped.

    >>> cypher_words("MATCH (n) // SET\\nRETURN 'DELETE', `CREATE`")[:3]
    [('word', 'MATCH'), ('symbol', '('), ('word', 'n')]
    >>> [t for k, t in cypher_words("RETURN 'DELETE', `CREATE`") if k == "word"]
    ['RETURN']
    """
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("space", "comment"):
            continue
        out.append(("name" if kind == "quoted" else kind, match.group()))
    return out


def check_read_only(text: str) -> None:
    """Refuse Cypher that is not a read (see the module docstring) before it runs.

    Raises
    ------
    QueryError
        One line naming what is not a read: ``this Cypher is not read-only (SET): queries
        run read-only, add --write (write=True) to run it``, or ``this Cypher does not begin
        with a read clause (TERMINATE; ...)``.

    Examples
    --------
    >>> check_read_only("MATCH (n:State) WHERE n.set = 'CREATE' RETURN n.create AS x // DELETE")
    >>> check_read_only("CALL db.clearQueryCaches()")
    Traceback (most recent call last):
    diplograph.graph.model.errors.QueryError: this Cypher is not read-only (CALL db.clearQueryCaches): queries run read-only, add --write (write=True) to run it
    """
    tokens = cypher_words(text)
    statement_start = True
    for i, (kind, token) in enumerate(tokens):
        if kind == "symbol" and token == ";":
            statement_start = True
            continue
        if kind != "word":
            statement_start = False
            continue
        before = tokens[i - 1][1] if i else ""
        after = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        keyword = token.upper()
        if statement_start:
            if keyword in ("EXPLAIN", "PROFILE"):
                continue
            statement_start = False
            if keyword not in READ_CLAUSES:
                raise QueryError(f"this Cypher does not begin with a read clause ({token}; a read begins with "
                                 "MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN or CALL): queries run read-only, "
                                 "add --write (write=True) to run it")
        if before in (".", ":", "$") or after == ":":
            continue  # a property, label, relationship type, parameter or map key
        if keyword in WRITE_CLAUSES:
            raise _not_read(token)
        if keyword == "CALL" and after not in ("{", "("):
            name = _procedure_name(tokens, i + 1)
            if name.lower() not in READ_PROCEDURES:
                raise _not_read(f"CALL {name}")


def _procedure_name(tokens: list[tuple[str, str]], start: int) -> str:
    parts = []
    i = start
    while i < len(tokens) and tokens[i][0] in ("word", "name"):
        parts.append(tokens[i][1].strip("`"))
        if i + 1 < len(tokens) and tokens[i + 1][1] == ".":
            i += 2
        else:
            break
    return ".".join(parts)


def _not_read(what: str) -> QueryError:
    return QueryError(f"this Cypher is not read-only ({what}): queries run read-only, add --write (write=True) to run it")
