"""``diplograph neo4j import`` (graph/stores/neo4j_import.py): the offline importer builds the graph
``sync`` builds, from an SQLite store and from a Parquet fact set; a database with data is
not replaced without ``overwrite``.

Runs its own server home (the importer replaces a stopped server's database), so it needs
``java`` and ``mvn`` like tests/conftest.py; skipped without them, except under CI=true.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from diplograph.graph.model.errors import StoreError
from diplograph.graph.stores.fact_set import FactSet, export_fact_set
from diplograph.graph.stores.neo4j_import import import_database, write_import_files
from diplograph.graph.stores.neo4j_store import Neo4jStore
from diplograph.graph.stores.sync import sync_stores

from test_fact_set import _source

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
PASSWORD = "diplograph-import-test"


def _graph(store: Neo4jStore) -> tuple[list, list]:
    """Every node (labels, properties) and relationship (ends, type, properties), sorted."""
    with store.driver.session(database="neo4j") as session:
        nodes = [
            (sorted(r["labels"]), sorted((k, sorted(v) if k == "aliases" else v) for k, v in r["p"].items()))
            for r in session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p")
        ]
        rels = [
            (r["s"], r["type"], r["o"], sorted(r["p"].items()))
            for r in session.run("MATCH (s)-[r]->(o) RETURN s.id AS s, type(r) AS type, o.id AS o, properties(r) AS p")
        ]
    return sorted(nodes, key=repr), sorted(rels, key=repr)


def test_csv_files_quote_text_and_leave_nulls_empty(tmp_path: Path) -> None:
    counts = write_import_files(_source(tmp_path), tmp_path)
    assert (counts.actors, counts.articles, counts.facts, counts.mentions, counts.multiline) == (8, 1, 9, 3, {"articles.csv", "facts.csv"})
    lines = (tmp_path / "facts.csv").read_text(encoding="utf-8").splitlines()
    consult = next(line for line in lines if line.startswith('"vladimir-putin","VEN","CONSULTS"'))
    assert consult.split(",")[4:11] == ["2019-04-01", '"month"', '"CONSULT"', "0.75", '"diplograph"', '"a1"', '"Putin met Maduro in April."']
    actors = (tmp_path / "actors.csv").read_text(encoding="utf-8").splitlines()
    assert '"RUS","Actor\x1fState","Russia","State","RUS",,"Russia\x1fRussian Federation"' in actors  # role: null
    assert '"vladimir-putin","Actor\x1fLeader","Vladimir Putin","Leader","RUS","President","Vladimir Putin\x1fPutin"' in actors  # aliases of leaders.tsv


def test_import_builds_the_graph_sync_builds(tmp_path: Path) -> None:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{' and '.join(missing)} needed under CI=true")
        pytest.skip(f"{' and '.join(missing)} not found")
    from diplograph.graph.stores.neo4j_server import Neo4jServer, free_port

    source = _source(tmp_path)
    export_fact_set(source, tmp_path / "set")
    server = Neo4jServer(tmp_path / "home", port=free_port(), heap="512m", pagecache="64m")
    try:
        result = import_database(source, server, PASSWORD)
        assert result.replaced is None and result.counts.facts == 9
        # the importer's JVM wrote its class-data-sharing archive at exit (or used one written before)
        java, classpath = shutil.which("java"), server.classpath()
        assert server.class_archive("importer", classpath, java).exists()
        with Neo4jStore(server.uri, "neo4j", PASSWORD, "neo4j") as store:
            imported = _graph(store)
            assert len(imported[0]) == 9 and len(imported[1]) == 12  # 8 actors + 1 article; 9 facts + 3 mentions
            # a database with data is left alone without overwrite, and the message says what it holds
            with pytest.raises(StoreError, match="holds 9 nodes and 12 relationships in database neo4j; give --overwrite"):
                import_database(source, server, PASSWORD)
            # sync finds everything there already ...
            again = sync_stores(source, store)
            assert (again.articles, again.actors, again.facts) == (0, 0, 0)
            # ... and builds the same graph into an empty database
            store.clear()
            synced = sync_stores(source, store)
            assert (synced.articles, synced.facts) == (1, 9)
            assert _graph(store) == imported
            schema = {r["name"] for r in store.driver.execute_query("SHOW CONSTRAINTS YIELD name", database_="neo4j").records}
            assert {"actor_id", "article_id", "fact_key_supports"} <= schema
        from_parquet = import_database(FactSet(tmp_path / "set"), server, PASSWORD, overwrite=True, unique_keys=True)
        assert from_parquet.replaced == (9, 12)
        with Neo4jStore(server.uri, "neo4j", PASSWORD, "neo4j") as store:
            assert _graph(store) == imported
        if shutil.which("jcmd"):  # the server's archive is dumped by jcmd in the background after a start
            archive = server.class_archive("server", classpath, java)
            deadline = time.monotonic() + 300
            while not archive.exists() and time.monotonic() < deadline:
                time.sleep(1)
            assert archive.exists()
    finally:
        server.stop()
