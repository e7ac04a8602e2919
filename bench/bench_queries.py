"""Benchmark of the named Cypher queries: milliseconds per query on a generated graph in Neo4j.

Builds a random graph (seeded) of 200 states, 300 leaders (LEADS), 200 firms (OWNS),
20 organisations (MEMBER_OF) and ``--facts`` dated facts of random fact types, written through
:class:`Neo4jStore.write_facts`, then runs every named query with fitting parameters: once cold
(plan not cached) and ``--repeat`` times warm, printing the median warm time and the row count.

Needs a Neo4j server whose database may be wiped: by default the project's own server is started
in a temporary folder (``graph/stores/neo4j_server.py``, java and mvn on PATH); ``--uri`` with
``--wipe`` uses another one (NEO4J_USERNAME/NEO4J_PASSWORD/NEO4J_DATABASE from the environment).

Run: ``.venv/bin/python bench/bench_queries.py [--facts 100000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time

from diplograph.cypher.catalogue import list_queries
from diplograph.cypher.run import run_named
from diplograph.graph.model.records import Actor, Fact
from diplograph.graph.model.vocabulary import STRUCTURAL_RELATIONS, ActorKind, RelationType


def generate(n_facts: int, seed: int) -> tuple[list[Fact], list[Actor]]:
    """Structural facts and ``n_facts`` random dated facts; returns (facts, states)."""
    rng = random.Random(seed)
    states = [Actor(f"S{i:03d}", ActorKind.STATE, f"State {i}", aliases=(f"Capital {i}",)) for i in range(200)]
    leaders = [Actor(f"leader-{i}", ActorKind.LEADER, f"Leader {i}", country=states[i % 200].id) for i in range(300)]
    firms = [Actor(f"firm-{i}", ActorKind.FIRM, f"Firm {i}", country=states[i % 200].id) for i in range(200)]
    orgs = [Actor(f"ORG{i}", ActorKind.ORGANIZATION, f"Organisation {i}") for i in range(20)]
    facts = [Fact(leader, RelationType.LEADS, states[i % 200], role="President") for i, leader in enumerate(leaders)]
    facts += [Fact(states[i % 200], RelationType.OWNS, firm) for i, firm in enumerate(firms)]
    facts += [Fact(state, RelationType.MEMBER_OF, orgs[rng.randrange(20)]) for state in states]
    actors = states * 4 + leaders + firms + orgs  # states act most often
    types = [r for r in RelationType if r not in STRUCTURAL_RELATIONS]
    start = dt.date(2015, 1, 1)
    for i in range(n_facts):
        subject, obj = rng.sample(actors, 2)
        if subject.id == obj.id:
            continue
        date = (start + dt.timedelta(days=rng.randrange(3650))).isoformat()
        facts.append(Fact(subject, rng.choice(types), obj, date=date, event_id=f"bench-{i}", sentence=f"Event {i}."))
    return facts, states


PARAMS = {
    "supporters": {"actor": "State 1"},
    "sanctioners": {"actor": "s002"},
    "sanctions-imposed": {"actor": "Capital 3"},
    "trade-partners": {"actor": "S004"},
    "common-allies": {"actor": "S005", "other": "S006"},
    "split-stance": {"actor": "S007", "other": "S008"},
    "evidence": {"actor": "S009", "other": "S010"},
    "relations-between-dates": {"actor": "S011", "since": "2018-01-01", "until": "2019-12-31"},
    "shortest-chain": {"actor": "firm-12", "other": "ORG3"},
    "leaders": {"actor": "State 13"},
    "most-sanctioned": {"limit": 10},
    "new-since": {"since": "2024-06-01"},
}


def bench(uri: str, user: str, password: str, database: str | None, n_facts: int, repeat: int, seed: int) -> None:
    import neo4j

    from diplograph.graph.stores.neo4j_store import Neo4jStore

    facts, _ = generate(n_facts, seed)
    with Neo4jStore(uri, user, password, database) as store:
        store.clear()
        started = time.perf_counter()
        store.write_facts(facts)
        print(f"graph: {store.stats().actors} actors, {store.stats().facts:,} relationships "
              f"written in {time.perf_counter() - started:.1f} s", flush=True)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF") as driver:
        print(f"{'query':26s} {'rows':>6s} {'cold ms':>9s} {'warm ms (median of ' + str(repeat) + ')':>24s}")
        for query in list_queries():
            params = PARAMS.get(query.name)
            if params is None:
                print(f"{query.name:26s} (no benchmark parameters)")
                continue
            started = time.perf_counter()
            rows = run_named(driver, query.name, params, database=database)
            cold = (time.perf_counter() - started) * 1000
            warm = []
            for _ in range(repeat):
                started = time.perf_counter()
                run_named(driver, query.name, params, database=database)
                warm.append((time.perf_counter() - started) * 1000)
            print(f"{query.name:26s} {len(rows):6d} {cold:9.1f} {statistics.median(warm):24.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--uri", help="use this Neo4j instead of starting one (needs --wipe)")
    parser.add_argument("--wipe", action="store_true", help="allow deleting everything in the --uri database")
    args = parser.parse_args()
    if args.uri:
        if not args.wipe:
            parser.error("--uri needs --wipe: the benchmark deletes everything in that database")
        bench(args.uri, os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
              os.environ.get("NEO4J_DATABASE") or None, args.facts, args.repeat, args.seed)
        return
    from diplograph.graph.stores.neo4j_server import Neo4jServer, free_port

    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as home:
        server = Neo4jServer(home, port=free_port(), heap="1g", pagecache="512m")
        password, _ = server.start(password="bench-password", timeout=180)
        try:
            bench(server.uri, "neo4j", password, None, args.facts, args.repeat, args.seed)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
