"""The catalogue of named queries (cypher/catalogue.py): every query file is there, and headers are
parsed and checked, without a server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diplograph.cypher.catalogue import QUERY_DIR, QueryFileError, get_query, list_queries, parse_query_file, readme_table
from diplograph.graph.model.errors import QueryError
from diplograph.graph.model.vocabulary import RelationType
from locations import ROOT

REQUIRED = {
    "supporters", "sanctioners", "sanctions-imposed", "trade-partners", "common-allies", "split-stance",
    "evidence", "relations-between-dates", "shortest-chain", "leaders", "most-sanctioned", "new-since",
}

GOOD_HEADER = """\
// name: {name}
// description: A test query.
// param: actor: string — an actor
// param: limit: int = 5 — how many
// example: diplograph query {name} --param actor=VEN
// returns: id, name
MATCH (a:Actor) WHERE a.id = $actor RETURN a.id AS id, a.name AS name LIMIT $limit
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return path


# --- headers, without a server -------------------------------------------------------------


def test_every_required_query_is_there_with_a_valid_header():
    queries = {q.name: q for q in list_queries()}
    assert REQUIRED <= set(queries)
    for query in queries.values():
        assert query.path.parent == QUERY_DIR and query.path.stem == query.name
        assert query.description and query.returns and query.example.startswith(f"diplograph query {query.name}")


def test_header_is_parsed_into_typed_params(tmp_path):
    query = parse_query_file(write(tmp_path, "demo", GOOD_HEADER.format(name="demo")))
    assert query.name == "demo" and query.description == "A test query."
    assert [(p.name, p.type, p.required, p.default) for p in query.params] == [("actor", "string", True, None), ("limit", "int", False, 5)]
    assert query.returns == ("id", "name")
    assert query.params[1].describe() == "limit: int = 5 — how many"


@pytest.mark.parametrize(
    "drop, message",
    [
        ("// name: demo\n", "header has no '// name:' line"),
        ("// description: A test query.\n", "header has no '// description:' line"),
        ("// returns: id, name\n", "header has no '// returns:' line"),
        ("// example: diplograph query demo --param actor=VEN\n", "header has no '// example:' line"),
    ],
)
def test_a_missing_header_line_is_an_error_naming_the_file(tmp_path, drop, message):
    path = write(tmp_path, "demo", GOOD_HEADER.format(name="demo").replace(drop, ""))
    with pytest.raises(QueryFileError) as caught:
        parse_query_file(path)
    assert str(caught.value) == f"{path}: {message}"


def test_missing_params_is_an_error_and_param_none_is_allowed(tmp_path):
    no_params = "// name: bare\n// description: d\n// example: diplograph query bare\n// returns: n\nRETURN 1 AS n\n"
    path = write(tmp_path, "bare", no_params)
    with pytest.raises(QueryFileError, match=r"bare\.cypher: header has no '// param:' line"):
        parse_query_file(path)
    path.write_text(no_params.replace("// returns", "// param: none\n// returns"), encoding="utf-8")
    assert parse_query_file(path).params == ()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("// param: limit: int = 5 — how many", "// param: limit: integer — how many", r":4: parameter type 'integer' is not one of"),
        ("// param: limit: int = 5 — how many", "// param: limit int", r":4: param line must read"),
        ("// param: limit: int = 5 — how many", "// param: limit: int = five — how many", r":4: bad default: parameter 'limit' must be an int"),
        ("// name: {name}", "// name: other", r":1: query name 'other' differs from the file name 'demo.cypher'"),
        ("// returns: id, name", "// returns: id name", r":6: returns must be distinct column names"),
        ("// returns: id, name", "// returns: id, name\n// retruns: x", r":7: unknown header key 'retruns'"),
        ("--param actor=VEN", "", r":5: example does not run: query 'demo' needs parameter 'actor'"),
        ("LIMIT $limit", "LIMIT $limt", r"the Cypher uses undeclared parameter\(s\): limt"),
        ("// param: actor: string — an actor", "// param: actor: string — an actor\n// param: unused: bool — never used", r"declared parameter\(s\) not used by the Cypher: unused"),
    ],
)
def test_malformed_headers_are_one_line_errors_with_file_and_line(tmp_path, old, new, message):
    text = GOOD_HEADER.replace(old, new).format(name="demo")
    path = write(tmp_path, "demo", text)
    with pytest.raises(QueryFileError) as caught:
        parse_query_file(path)
    assert str(caught.value).startswith(str(path))
    assert re.search(message, str(caught.value)) and "\n" not in str(caught.value)


def test_relationship_types_in_the_queries_come_from_the_vocabulary():
    vocabulary = {r.value for r in RelationType} | {"MENTIONS"}
    for query in list_queries():
        body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("//"))
        for group in re.findall(r"\[\s*\w*\s*:\s*([A-Z_|]+)", body):
            assert set(group.split("|")) <= vocabulary, (query.name, group)


def test_shortest_chain_follows_every_relationship_type_of_the_vocabulary():
    body = get_query("shortest-chain").text
    group = re.search(r"shortestPath\(\(a\)-\[:([A-Z_|]+)\*", body).group(1)
    assert set(group.split("|")) == {r.value for r in RelationType}


def test_unknown_query_name_suggests_close_names():
    with pytest.raises(QueryError) as caught:
        get_query("suporters")
    assert str(caught.value) == "unknown query 'suporters'; did you mean 'supporters'? (`diplograph query --list` shows them all)"
    with pytest.raises(QueryError, match=r"unknown query 'zzz'; known queries: common-allies, evidence, "):
        get_query("zzz")


def test_readme_lists_every_query():
    # the repository's copy (a non-editable install carries no README next to the queries)
    readme = (ROOT / "cypher" / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "cypher/README.md is stale: regenerate its table with readme_table()"
