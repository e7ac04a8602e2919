"""Neo4j URIs (issue 15, items 2 and 10): a password written into the URI never prints,
whatever its characters, and a malformed URI is one error line, never a traceback. Run as a
user would (typer's runner)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app


@pytest.fixture(autouse=True)
def _no_neo4j_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)


def _run(*args: str):
    result = CliRunner().invoke(app, list(args))
    result.returncode = result.exit_code
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.mark.parametrize("uri, secret", [
    ("bolt://neo4j:12345/TopSecret@127.0.0.1:7701", "TopSecret"),
    ("bolt://neo4j:S3cretPart/tail@127.0.0.1:7701", "S3cretPart"),
    ("neo4j://neo4j:pa#ss?w0rd@127.0.0.1:7701", "w0rd"),
    ("bolt://neo4j:p@ss@127.0.0.1:7701", "ss@"),
    ("bolt://neo4j:plain@127.0.0.1:7701", "plain"),
])
def test_a_password_in_the_uri_never_prints(uri: str, secret: str) -> None:
    for command in (["stats", "--neo4j", uri], ["query", "--cypher", "RETURN 1", "--neo4j", uri]):
        result = _run(*command)
        assert result.returncode == 1
        assert secret not in result.stdout + result.stderr
        assert result.stderr.splitlines() == [
            "error: invalid Neo4j URI 'bolt://127.0.0.1:7701': user and password go in NEO4J_USERNAME and "
            "NEO4J_PASSWORD, not in the URI".replace("bolt://", uri.split("://")[0] + "://")]


@pytest.mark.parametrize("uri, reason", [
    ("bolt://127.0.0.1:abc", "the port must be a number in 1..65535, not 'abc'"),
    ("bolt://127.0.0.1:99999", "the port must be a number in 1..65535, not '99999'"),
    ("bolt://127.0.0.1:", "the port must be a number in 1..65535, not ''"),
    ("bolt://", "no host"),
    ("http://127.0.0.1:7474", "the scheme must be one of bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc"),
])
def test_a_malformed_uri_is_one_line(uri: str, reason: str) -> None:
    result = _run("stats", "--neo4j", uri)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"error: invalid Neo4j URI {uri!r}: {reason}"]


@pytest.mark.parametrize("uri, message", [
    ("bolt://127.0.0.1:7701?password=TopSecret",
     "invalid Neo4j URI 'bolt://127.0.0.1:7701': Routing context (providing URI query parameters) is not supported by "
     "direct drivers (\"bolt[+s[sc]]://\" scheme). Given URI: 'bolt://127.0.0.1:7701'."),
    ("bolt://127.0.0.1:7701#TopSecret", "invalid Neo4j URI 'bolt://127.0.0.1:7701': a Neo4j URI has no '#' fragment"),
])
def test_a_query_or_fragment_of_the_uri_never_prints(uri: str, message: str) -> None:
    result = _run("stats", "--neo4j", uri)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"error: {message}"]
