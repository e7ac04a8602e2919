"""``diplograph query`` in-process (CliRunner), on the fixture graph of tests/cypher_graph.py on real Neo4j."""

from __future__ import annotations

import csv
import io
import json

import neo4j
import pytest
from typer.testing import CliRunner

from cypher_graph import counts, load_graph
from diplograph.cypher.catalogue import list_queries
from diplograph.graph.cli import app

runner = CliRunner()


def invoke(*args: str, env: dict | None = None, input: str | None = None):
    return runner.invoke(app, ["query", *args], env=env, input=input, catch_exceptions=False)


def one_error_line(result) -> str:
    """The single line a failed command prints on standard error."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


# --- without a server ------------------------------------------------------------------------


def test_list_shows_every_query_in_json_and_table():
    result = invoke("--list", "--format", "json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [q["name"] for q in listed] == [q.name for q in list_queries()]
    sanctioned = next(q for q in listed if q["name"] == "most-sanctioned")
    assert sanctioned["params"] == [{"name": "limit", "type": "int", "meaning": "how many states to list", "required": False, "default": 10}]
    assert sanctioned["returns"] == ["id", "name", "facts", "sanctioners", "first", "last"]
    table = invoke("--list")
    assert table.exit_code == 0
    for query in list_queries():
        assert query.name in table.stdout


def test_embedded_store_says_how_to_reach_neo4j_for_free_cypher(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = invoke("--cypher", "MATCH (n) RETURN n")
    assert result.exit_code == 1
    line = one_error_line(result)
    assert line.startswith("error: Cypher queries need a Neo4j store")
    assert "diplograph neo4j start" in line and "export NEO4J_URI=" in line and "--neo4j URI" in line


@pytest.mark.parametrize(
    "args, message",
    [
        (["suporters", "--param", "actor=VEN"], "error: unknown query 'suporters'; did you mean 'supporters'? (`diplograph query --list` shows them all)"),
        (["relations-between-dates", "--param", "actor=RUS", "--param", "since=2019-01-01"],
         "error: query 'relations-between-dates' needs parameter 'until' (date: last day of the range (YYYY-MM-DD), inclusive); give it with --param until=..."),
        (["most-sanctioned", "--param", "limit=abc"],
         "error: parameter 'limit' of query 'most-sanctioned' must be an int (a whole number such as 10), got 'abc'"),
        (["new-since", "--param", "since=2020-13-01"],
         "error: parameter 'since' of query 'new-since' must be a date (YYYY-MM-DD, such as 2019-01-24), got '2020-13-01'"),
        (["supporters", "--param", "actor"], "error: parameter 'actor' must be written key=value"),
        (["supporters", "--param", "actr=VEN"], "error: query 'supporters' has no parameter 'actr'; did you mean 'actor'?"),
    ],
)
def test_bad_names_and_parameters_fail_before_connecting(args, message, monkeypatch):
    # an unreachable server: these errors must come before any connection is tried
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    result = invoke(*args)
    assert result.exit_code == 1
    assert one_error_line(result) == message


def test_usage_errors_exit_2():
    assert invoke("--format", "json").exit_code == 2
    assert invoke("supporters", "--cypher", "RETURN 1").exit_code == 2
    result = invoke("supporters", "--param", "actor=VEN", "--write")
    assert result.exit_code == 2 and "--write applies to --cypher" in result.stderr


def test_unreachable_server_is_one_line_without_the_password(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "very-secret-pw")
    result = invoke("--cypher", "RETURN 1", "--neo4j", "bolt://127.0.0.1:1")
    assert result.exit_code == 1
    line = one_error_line(result)
    assert line.startswith("error: cannot reach Neo4j") and "very-secret-pw" not in result.output


# --- on the real server ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(neo4j_server):
    load_graph(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database)
    driver = neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password),
                                        notifications_min_severity="OFF")
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def env(graph, neo4j_env):
    """NEO4J_* variables pointing at the server that holds the fixture graph."""
    return neo4j_env


def test_named_query_as_json(env):
    result = invoke("sanctioners", "--param", "actor=Venezuela", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"id": "USA", "name": "United States", "kind": "State", "facts": 2, "first": "2019-03-10", "last": "2021-06-01"},
        {"id": "EU", "name": "European Union", "kind": "Organization", "facts": 1, "first": "2019-09-25", "last": "2019-09-25"},
    ]
    assert env.password not in result.output


def test_named_query_as_csv_and_table(env):
    result = invoke("most-sanctioned", "--param", "limit=2", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "id,name,facts,sanctioners,first,last\n"
        "VEN,Venezuela,3,2,2019-03-10,2021-06-01\n"
        "RUS,Russia,2,2,2019-09-25,2020-02-18\n"
    )
    chain = invoke("shortest-chain", "-p", "actor=Cuba", "-p", "other=PDVSA", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(chain.stdout)))
    assert row["hops"] == "2" and json.loads(row["actors"]) == ["CUB", "VEN", "pdvsa"]
    table = invoke("leaders", "--param", "actor=VEN")
    assert table.exit_code == 0
    assert "nicolas-maduro" in table.stdout and "Vice President" in table.stdout and "2 rows" in table.stdout


def test_free_cypher_with_typed_params(env):
    result = invoke(
        "--cypher", "MATCH (s)-[r:SANCTIONS]->(o) WHERE r.date >= $since RETURN s.id AS s, o.id AS o, r.date AS d ORDER BY d, s LIMIT $n",
        "--param", "since:date=2020-01-01", "--param", "n=2", "--format", "json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"s": "CHN", "o": "USA", "d": "2020-02-18"}, {"s": "EU", "o": "RUS", "d": "2020-02-18"}]
    empty = invoke("--cypher", "MATCH (a:Actor {id: 'nobody'}) RETURN a.id AS id", "--format", "csv")
    assert empty.exit_code == 0 and empty.stdout == "id\n"


def test_cypher_from_standard_input(env):
    text = "// a comment line\nMATCH (l:Leader)-[:LEADS]->(:State {id: $state})\nRETURN l.id AS id ORDER BY id"
    result = invoke("--cypher", "-", "--param", "state=VEN", "--format", "csv", input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "id\ndelcy-rodriguez\nnicolas-maduro\n"


def test_a_write_without_write_fails_and_changes_nothing(env, graph):
    before = counts(graph)
    result = invoke("--cypher", "MATCH (n) DETACH DELETE n")
    assert result.exit_code == 1
    assert one_error_line(result) == (
        "error: this Cypher is not read-only (DETACH): queries run read-only, add --write (write=True) to run it")
    assert counts(graph) == before


def test_a_write_with_write_is_done_and_reported(env, graph):
    before = counts(graph)
    result = invoke("--cypher", "CREATE (:Actor:State {id: $id, name: 'Zed'})", "--param", "id=ZZZ", "--write", "--format", "json")
    try:
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip() == "[]"
        assert result.stderr.strip() == "nodes created: 1, properties set: 2, labels added: 2"
        assert counts(graph) == (before[0] + 1, before[1])
    finally:
        graph.execute_query("MATCH (a:Actor {id: 'ZZZ'}) DELETE a")
    assert counts(graph) == before


def test_a_parameter_holding_cypher_is_a_plain_value(env, graph):
    before = counts(graph)
    for value in ["x' }) DETACH DELETE n //", 'x"}) MATCH (n) DETACH DELETE n //', "VEN' OR 1=1 //"]:
        result = invoke("supporters", "--param", f"actor={value}", "--format", "json")
        assert result.exit_code == 1
        assert one_error_line(result) == f"error: no actor matches {value!r} (give an id, name or alias: RUS, Russia, vladimir-putin, Putin)"
    assert counts(graph) == before


def test_malformed_cypher_is_one_line(env):
    result = invoke("--cypher", "MATCH (n RETURN n")
    assert result.exit_code == 1
    line = one_error_line(result)
    assert line.startswith("error: malformed Cypher: Invalid input 'RETURN'") and line.endswith("(line 1, column 10 (offset: 9))")


def test_timeout_stops_the_query(env):
    result = invoke("--cypher", "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n", "--timeout", "0.5")
    assert result.exit_code == 1
    assert one_error_line(result) == "error: the query did not finish within 0.5 s and was stopped (raise it with --timeout)"


def test_wrong_password_is_one_line(env, monkeypatch, neo4j_server):
    # A user of its own: Neo4j locks a user after three failed logins (see test_neo4j_store.py).
    monkeypatch.setenv("NEO4J_USERNAME", "analyst-query")
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-password-xyz")
    result = invoke("leaders", "--param", "actor=VEN")
    assert result.exit_code == 1
    line = one_error_line(result)
    assert line == f"error: Neo4j at {neo4j_server.uri} refused the credentials for user analyst-query"
