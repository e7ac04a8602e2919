"""Read-only user Cypher (issue 15, item 5): an allow-list of read clauses and read procedures,
checked before the query runs, against a real server through the CLI: administration
commands, side-effect procedures and LOAD CSV are refused without --write (nothing reaches
the server: a local HTTP server sees no request); keywords inside strings, comments,
backticks, properties and map keys are text; LOAD CSV runs with --write."""

from __future__ import annotations

import http.server
import threading

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app

pytestmark = pytest.mark.neo4j
runner = CliRunner()


def _query(*args: str):
    result = runner.invoke(app, ["query", *args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def csv_server():
    """A local HTTP server of one CSV file; ``requests`` lists the paths asked for."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            requests.append(self.path)
            body = b"id,name\n1,Zed\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/x.csv", requests
    finally:
        server.shutdown()


@pytest.mark.parametrize("text", ["TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "SHOW TRANSACTIONS",
                                  "USE system SHOW USERS", "GRANT ROLE reader TO neo4j", "MATC (n) RETURN n"])
def test_a_statement_that_does_not_begin_with_a_read_clause_is_refused(neo4j_env, text: str) -> None:
    result = _query("--cypher", text)
    assert result.exit_code == 1
    assert result.stderr == (f"error: this Cypher does not begin with a read clause ({text.split()[0]}; a read begins "
                             "with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN or CALL): queries run read-only, "
                             "add --write (write=True) to run it\n")


@pytest.mark.parametrize("text, what", [
    ("CALL db.clearQueryCaches()", "CALL db.clearQueryCaches"),
    ("CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", "CALL dbms.setConfigValue"),
    ("MATCH (n) /* a comment */ SET n.x = 1", "SET"),
    ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "DETACH"),
    ("MATCH (n) CALL { WITH n CREATE (m) } RETURN n", "CREATE"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "FOREACH"),
])
def test_not_a_read_is_refused_before_it_runs(neo4j_env, text: str, what: str) -> None:
    result = _query("--cypher", text)
    assert result.exit_code == 1
    assert result.stderr == (f"error: this Cypher is not read-only ({what}): queries run read-only, "
                             "add --write (write=True) to run it\n")


def test_load_csv_fetches_nothing_without_write(neo4j_env, csv_server) -> None:
    url, requests = csv_server
    result = _query("--cypher", f"LOAD CSV WITH HEADERS FROM '{url}' AS row RETURN row.name AS name")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: this Cypher does not begin with a read clause (LOAD; ")
    assert requests == []
    result = _query("--cypher", f"LOAD CSV WITH HEADERS FROM '{url}' AS row RETURN row.name AS name",
                    "--write", "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "name\nZed\n")
    assert requests == ["/x.csv"]


@pytest.mark.parametrize("text, csv", [
    ("RETURN 'CREATE (x) SET y' AS s // DETACH DELETE", "s\nCREATE (x) SET y\n"),
    ("WITH {set: 1, delete: 2} AS m RETURN m.set AS a, m.delete AS b", "a,b\n1,2\n"),
    ("WITH 1 AS `CREATE` RETURN `CREATE` AS c", "c\n1\n"),
    ("CALL db.labels() YIELD label WITH label WHERE label = 'Nothing' RETURN count(label) AS n", "n\n0\n"),
    ("CALL { RETURN 1 AS one } RETURN one", "one\n1\n"),
    ("EXPLAIN MATCH (n:State) RETURN n.id AS id", "id\n"),
])
def test_reads_with_write_words_in_text_still_run(neo4j_env, text: str, csv: str) -> None:
    result = _query("--cypher", text, "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, csv), result.stderr


def test_load_csv_inside_a_query_is_refused_too(neo4j_env, csv_server) -> None:
    url, requests = csv_server
    result = _query("--cypher", f"WITH 1 AS one LOAD CSV FROM '{url}' AS row RETURN row")
    assert result.stderr.startswith("error: this Cypher is not read-only (LOAD): ")
    assert requests == []
