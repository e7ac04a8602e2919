"""Facts per second written to Neo4j: batched (UNWIND + MERGE, 10,000 facts a transaction)
against one transaction per fact, through :class:`~diplograph.graph.stores.neo4j_store.Neo4jStore`.

Usage::

    .venv/bin/python bench/bench_neo4j.py                 # starts its own Neo4j in a temp folder
    .venv/bin/python bench/bench_neo4j.py --facts 200000 --single 5000
    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/bench_neo4j.py --use-env   # an EMPTY scratch database

The facts are generated (seeded): coded events between 200 states over 21 relation types and
ten years of dates, each with an event id, CAMEO code, Goldstein weight and source URL, as a
GDELT load writes them. Server and client share the machine; the figures include the
Python-side work of building the rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator

from diplograph.graph.model.records import Actor, Fact
from diplograph.graph.stores.neo4j_server import Neo4jServer, free_port
from diplograph.graph.stores.neo4j_store import Neo4jStore
from diplograph.graph.model.vocabulary import RELATIONS, STRUCTURAL_RELATIONS, ActorKind, RelationType


def iter_generated_facts(n: int, seed: int, prefix: str) -> Iterator[Fact]:
    """``n`` event facts between 200 generated states, reproducible from ``seed``, one at a time."""
    rng = random.Random(seed)
    states = [Actor(f"S{i:03d}", ActorKind.STATE, f"State {i}") for i in range(200)]
    relations = [r for r in RelationType if r not in STRUCTURAL_RELATIONS]
    start = dt.date(2015, 1, 1)
    for i in range(n):
        subject, obj = rng.sample(states, 2)
        relation = rng.choice(relations)
        spec = RELATIONS[relation]
        yield Fact(
            subject, relation, obj, date=(start + dt.timedelta(days=rng.randrange(3650))).isoformat(),
            cameo=spec.cameo, goldstein=spec.goldstein, event_id=f"{prefix}{i}",
            source_url=f"https://example.org/news/{prefix}{i}", extractor="bench",
        )


def generate_facts(n: int, seed: int, prefix: str) -> list[Fact]:
    """:func:`iter_generated_facts` as a list."""
    return list(iter_generated_facts(n, seed, prefix))


def count_facts(store: Neo4jStore) -> int:
    return store.stats().facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000, help="facts for the batched run (default 100,000)")
    parser.add_argument("--batch", type=int, default=10_000, help="facts per transaction in the batched run")
    parser.add_argument("--single", type=int, default=5_000, help="facts for the one-transaction-per-fact run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="1g", help="heap of the Neo4j this script starts")
    parser.add_argument("--use-env", action="store_true",
                        help="use NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD (the database is CLEARED) instead of starting one")
    args = parser.parse_args(argv)

    server = home = None
    if args.use_env:
        uri, user = os.environ["NEO4J_URI"], os.environ.get("NEO4J_USERNAME", "neo4j")
        password, database = os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE") or None
    else:
        home = tempfile.mkdtemp(prefix="diplograph-bench-neo4j-")
        server = Neo4jServer(home, port=free_port(), heap=args.heap, pagecache="512m")
        t0 = time.perf_counter()
        password, _ = server.start(password="diplograph-bench")
        print(f"Neo4j started in {time.perf_counter() - t0:.1f} s at {server.uri} (heap {args.heap})")
        uri, user, database = server.uri, "neo4j", None
    try:
        with Neo4jStore(uri, user, password, database) as store:
            store.clear()
            facts = generate_facts(args.facts, args.seed, "b")
            t0 = time.perf_counter()
            summary = store.write_facts(facts, batch_size=args.batch)
            batched_s = time.perf_counter() - t0
            assert summary.facts == count_facts(store) == args.facts, (summary, count_facts(store))
            batched = args.facts / batched_s
            print(f"batched:  {args.facts:,} facts in {batched_s:.1f} s, batches of {args.batch:,}: "
                  f"{batched:,.0f} facts/s")

            t0 = time.perf_counter()
            again = store.write_facts(facts, batch_size=args.batch)
            rerun_s = time.perf_counter() - t0
            assert again.facts == 0 and count_facts(store) == args.facts
            print(f"re-run (all already stored, MERGE matches): {rerun_s:.1f} s, {args.facts / rerun_s:,.0f} facts/s")

            store.clear()
            singles = generate_facts(args.single, args.seed + 1, "s")
            t0 = time.perf_counter()
            for fact in singles:
                store.write_facts([fact])
            single_s = time.perf_counter() - t0
            assert count_facts(store) == args.single
            single = args.single / single_s
            print(f"per fact: {args.single:,} facts in {single_s:.1f} s, one transaction each: {single:,.0f} facts/s")
            print(f"ratio batched / per fact: {batched / single:.1f}x")
            store.clear()
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
