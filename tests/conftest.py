"""Shared fixtures of the test suite."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

# ======================================================================================
# --- Neo4j fixtures (owner: Neo4j area, issue 3) ---------------------------------------
# A REAL Neo4j server, never a mock:
#   1. NEO4J_URI set: that server (NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE). Tests
#      delete everything in that database, so the fixture refuses a database that holds
#      labels diplograph does not write.
#   2. otherwise, with java and mvn on PATH: the project's own server
#      (graph/stores/neo4j_server.py) in a temporary home on a free port, stopped at the end;
#   3. otherwise the Neo4j tests are skipped, except under CI=true, where they fail.
# ======================================================================================

_OUR_LABELS = {"Actor", "State", "Leader", "Firm", "Organization", "Article"}


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the test server is: ``uri``, ``user``, ``password``, ``database`` (None: default)."""

    uri: str
    user: str
    password: str
    database: str | None

    def env(self) -> dict[str, str]:
        """The environment variables that point diplograph at this server."""
        env = {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.user, "NEO4J_PASSWORD": self.password}
        if self.database:
            env["NEO4J_DATABASE"] = self.database
        return env


def _no_neo4j(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Neo4j is required under CI=true: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j: {reason}")


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """A running Neo4j server for the whole session (see the block comment above)."""
    if os.environ.get("NEO4J_URI"):
        target = Neo4jTarget(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USERNAME", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or None,
        )
        _refuse_foreign_data(target)
        yield target
        return
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _no_neo4j(f"NEO4J_URI is not set and {' and '.join(missing)} not found to start one")
    from diplograph.graph.stores.neo4j_server import Neo4jServer, ServerError, free_port

    server = Neo4jServer(tmp_path_factory.mktemp("neo4j-home"), port=free_port(), heap="512m", pagecache="128m")
    try:
        password, _ = server.start(password="diplograph-test", timeout=180)
    except ServerError as error:
        _no_neo4j(f"cannot start the project's Neo4j: {error}")
    try:
        yield Neo4jTarget(server.uri, "neo4j", password, None)
    finally:
        server.stop()


def _refuse_foreign_data(target: Neo4jTarget) -> None:
    import neo4j

    try:
        with neo4j.GraphDatabase.driver(target.uri, auth=(target.user, target.password)) as driver:
            records, _, _ = driver.execute_query(
                "MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label", database_=target.database
            )
    except neo4j.exceptions.Neo4jError as error:
        _no_neo4j(f"Neo4j at {target.uri}: {error.code}")
        return
    except neo4j.exceptions.DriverError as error:
        _no_neo4j(f"cannot reach Neo4j at {target.uri}: {type(error).__name__}")
        return
    foreign = sorted({record["label"] for record in records} - _OUR_LABELS)
    if foreign:
        pytest.fail(
            f"the Neo4j database at {target.uri} holds other data (labels {', '.join(foreign)}); the tests "
            "delete everything in it: point NEO4J_URI at a scratch database",
            pytrace=False,
        )


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jTarget):
    """A :class:`Neo4jStore` on an emptied database (schema kept), closed after the test."""
    from diplograph.graph.stores.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database)
    store.clear()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def neo4j_env(neo4j_server: Neo4jTarget, monkeypatch: pytest.MonkeyPatch) -> Neo4jTarget:
    """Point diplograph's settings (NEO4J_* variables) at the test server for one test."""
    for name, value in neo4j_server.env().items():
        monkeypatch.setenv(name, value)
    if not neo4j_server.database:
        monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return neo4j_server


# --- end of Neo4j fixtures -------------------------------------------------------------
