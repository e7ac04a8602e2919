"""Neo4j store faults (issue 15, item 8), against a real server: loaders opening an empty
database at once all create or find the schema (was: 6-7 of 8 failed with DeadlockDetected
or EquivalentSchemaRuleAlreadyExists)."""

from __future__ import annotations

import multiprocessing

import neo4j
import pytest

pytestmark = pytest.mark.neo4j


def _drop_schema(target) -> None:
    with neo4j.GraphDatabase.driver(target.uri, auth=(target.user, target.password)) as driver:
        for record in driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=target.database).records:
            driver.execute_query(f"DROP CONSTRAINT `{record['name']}`", database_=target.database)
        for record in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'",
                                           database_=target.database).records:
            driver.execute_query(f"DROP INDEX `{record['name']}`", database_=target.database)


def _schema_names(target) -> set[str]:
    with neo4j.GraphDatabase.driver(target.uri, auth=(target.user, target.password)) as driver:
        names = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=target.database).records}
        names |= {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name", database_=target.database).records}
    return names


def _open(target, barrier, results) -> None:
    from diplograph.graph.errors import StoreError
    from diplograph.graph.neo4j_store import Neo4jStore

    barrier.wait()
    try:
        with Neo4jStore(target.uri, target.user, target.password, target.database) as store:
            results.put(store.stats().facts >= 0)
    except StoreError as error:
        results.put(str(error))


def test_loaders_opening_an_empty_database_at_once_all_succeed(neo4j_server) -> None:
    from diplograph.graph.neo4j_store import schema_statements

    wanted = {statement.split()[2] for statement in schema_statements()}
    context = multiprocessing.get_context("fork")
    failures = []
    for _ in range(3):
        _drop_schema(neo4j_server)
        assert not wanted & _schema_names(neo4j_server)
        barrier, results = context.Barrier(8), context.Queue()
        workers = [context.Process(target=_open, args=(neo4j_server, barrier, results)) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(180)
        failures += [outcome for outcome in (results.get(timeout=5) for _ in workers) if outcome is not True]
        assert wanted <= _schema_names(neo4j_server)
    assert failures == []
