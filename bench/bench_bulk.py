"""Bulk loads into Neo4j, in one run on one server (issue 13): the hand-written baseline,
``Neo4jStore.write_facts`` (and the ``MERGE`` writes it replaced), and ``neo4j import``.

Usage::

    .venv/bin/python bench/bench_bulk.py                   # 100,000 facts online, 2,000,000 imported
    .venv/bin/python bench/bench_bulk.py --rounds 3 --import-facts 0 --paths "write_facts 2"   # online only
    .venv/bin/python bench/bench_bulk.py --online 20000 --import-facts 200000 --rounds 1
    .venv/bin/python bench/bench_bulk.py --store /tmp/facts-2m.sqlite   # generated once, then reused
    .venv/bin/python bench/bench_bulk.py --online 1000 --rounds 0 --store /tmp/facts-2m.sqlite   # the import only

Starts its own Neo4j in a temporary home (``--home``/``--port`` to choose them) and stops it
at the end. Every online path writes the same generated event facts (``bench_neo4j.py``'s
generator: 200 states, 21 relation types, ten years) into an emptied database with the
schema in place, in batches of 10,000, one transaction a batch; the rounds alternate the
paths (every other round in the reverse order) so that a busy machine slows them alike, and
the ratio is taken per round. Each path's CPU seconds (this process and the server's JVM) are
printed too, with the baseline's CPU over the path's: on a machine shared with other work the
wall-time ratio swings by 2x between rounds, the CPU one much less.

- *baseline*: what a user would write by hand: ``UNWIND`` + ``MERGE`` of the two states +
  ``CREATE`` of one relationship per fact, one query per relationship type (the issue's
  6,273 facts/s against 4,467 for the old ``write_facts``).
- *merge*: the old ``write_facts``: ``MATCH`` the actors, ``MERGE`` the relationship on its key.
- *write_facts 1*: the current one with one writer: the actors of a batch looked up once,
  one ``CREATE`` per new fact with column parameters (a stored key makes the batch fall back
  to ``MERGE``).
- *write_facts 2*, *write_facts 3*: the same with 2 or 3 transactions at once on batches of
  disjoint actor pairs (:data:`~diplograph.graph.stores.neo4j_store.WRITERS` is the default).

Before the rounds every path writes as many facts once (not timed), so that none pays the
server's query planning, JIT warm-up and the growth of the store's files for the others (with
2,000 facts, the first path of the first round used twice the server CPU of the later rounds),
and before each path the server is left to finish its background work (:func:`settle`). The
server's heap is 4 GB by default: two writers hold two transactions' state at once, and with
1 GB the collector ran during the measurement (server CPU for the same 100,000 facts: 6 to 17 s).

Then the facts are generated into an SQLite store (not timed) and ``neo4j import`` builds
the database from it: CSV, importer, server start, schema, index population, count check,
all timed ("from store to queryable database"), each phase with its CPU seconds (:class:`PhaseClock`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from itertools import islice
from pathlib import Path

import neo4j

from bench_neo4j import iter_generated_facts
from diplograph.graph.model.records import Fact
from diplograph.graph.stores.base import merge_actor_variants
from diplograph.graph.stores.neo4j_import import import_database
from diplograph.graph.stores.neo4j_server import Neo4jServer, free_port
from diplograph.graph.stores.neo4j_store import Neo4jStore, _fact_columns
from diplograph.graph.stores.sqlite_store import SQLiteStore

BATCH = 10_000
PASSWORD = "diplograph-bench"


def baseline(store: Neo4jStore, facts: list[Fact]) -> None:
    """The hand-written load: MERGE both states and CREATE the relationship, per type, per batch."""
    iterator = iter(facts)
    with store.driver.session(database="neo4j") as session:
        while batch := list(islice(iterator, BATCH)):
            by_type: dict[str, list[dict]] = defaultdict(list)
            for f in batch:
                props = {"key": f.key, "plover": f.plover, "confidence": f.confidence, "extractor": f.extractor,
                         "date": f.date, "cameo": f.cameo, "goldstein": f.goldstein, "sourceUrl": f.source_url,
                         "eventId": f.event_id}
                by_type[f.relation.value].append({"s": f.subject.id, "o": f.object.id, "props": props})

            def work(tx: neo4j.ManagedTransaction) -> None:
                for relation, rows in by_type.items():
                    tx.run(f"UNWIND $rows AS row MERGE (s:Actor {{id: row.s}}) MERGE (o:Actor {{id: row.o}}) "
                           f"CREATE (s)-[r:{relation}]->(o) SET r += row.props", rows=rows).consume()

            session.execute_write(work)


def merge(store: Neo4jStore, facts: list[Fact]) -> None:
    """The previous ``write_facts``: actors merged, then ``MERGE`` of each relationship on its key."""
    iterator = iter(facts)
    with store.driver.session(database="neo4j") as session:
        while batch := list(islice(iterator, BATCH)):
            actors, columns = merge_actor_variants(batch), _fact_columns(batch)
            session.execute_write(lambda tx: (store._write_actors(tx, actors), store._write_fact_columns(tx, columns, merge=True)))


def writing_with(writers: int) -> Callable[[Neo4jStore, list[Fact]], None]:
    """``write_facts`` of a second store on the same server with ``writers`` transactions at once."""
    def write(store: Neo4jStore, facts: list[Fact]) -> None:
        with Neo4jStore(store.uri, "neo4j", PASSWORD, "neo4j", writers=writers) as other:
            other.write_facts(facts, batch_size=BATCH)

    return write


def settle(server: Neo4jServer, idle: float = 0.1, longest: float = 30.0) -> None:
    """Wait (at most ``longest`` seconds) until the server has used less than ``idle`` of a
    core for half a second, so that a path does not pay for the background work (page
    flushes, freeing the ids of deleted facts) left by the path before it and ``clear``.
    Without it, the server's CPU for the same 100,000 facts ranged from 6 to 17 s between
    paths of one run on a quiet machine."""
    until = time.perf_counter() + longest
    before = server_cpu(server)[1]
    while time.perf_counter() < until:
        time.sleep(0.5)
        now = server_cpu(server)[1]
        if now - before < idle * 0.5:
            return
        before = now


def server_cpu(server: Neo4jServer) -> tuple[int | None, float]:
    """``(pid, CPU seconds)`` of the server's JVM so far (``/proc/PID/stat``, Linux); ``(None, 0.0)`` when stopped."""
    pid = server.pid()
    if pid is None:
        return None, 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class PhaseClock:
    """Wall and CPU seconds of each phase of ``neo4j import``, as one prefix of its progress lines:
    CPU of this process (CSV), of its finished children (the importer's JVM) and of the
    server's JVM (``/proc/PID/stat``, Linux; started anew by the import). On 2 cores a phase
    cannot take less wall time than half its CPU seconds, and the importer, the server's
    start and the schema run one after the other: the sum of their halves is the floor."""

    def __init__(self, server: Neo4jServer) -> None:
        self.server = server
        self.last = self._now()

    def _now(self) -> tuple[float, float, float, int | None, float]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.perf_counter(), time.process_time(), children.ru_utime + children.ru_stime, *server_cpu(self.server)

    def say(self, line: str) -> None:
        now = self._now()
        server = now[4] - (self.last[4] if now[3] == self.last[3] else 0.0)
        print(f"  [{now[0] - self.last[0]:5.1f} s; CPU: bench {now[1] - self.last[1]:4.1f} s, importer "
              f"{now[2] - self.last[2]:4.1f} s, server {server:4.1f} s] {line}", flush=True)
        self.last = now


PATHS = {"baseline": baseline, "merge": merge, **{f"write_facts {n}": writing_with(n) for n in (1, 2, 3)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--online", type=int, default=100_000, help="facts per online path and round (default 100,000)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the online paths (default 1)")
    parser.add_argument("--import-facts", type=int, default=2_000_000, help="facts for neo4j import (default 2,000,000; 0: no import)")
    parser.add_argument("--home", type=Path, help="server home (default: a temporary folder, removed at the end)")
    parser.add_argument("--port", type=int, help="Bolt port (default: a free one)")
    parser.add_argument("--paths", default=",".join(PATHS),
                        help=f"online paths to run, comma-separated, baseline always (default: {','.join(PATHS)})")
    parser.add_argument("--heap", default="4g", help="server heap (default 4g)")
    parser.add_argument("--pagecache", default="1g",
                        help="server page cache (default 1g: holds the 546 MiB store of 2,000,000 imported facts, "
                             "which the key constraints' index population reads 21 times)")
    parser.add_argument("--store", type=Path,
                        help="SQLite store to import: read if it exists, else generated there and kept "
                             "(default: generated in a temporary folder)")
    args = parser.parse_args(argv)
    paths = {name: PATHS[name] for name in PATHS if name == "baseline" or name in args.paths.split(",")}

    home = args.home or Path(tempfile.mkdtemp(prefix="diplograph-bench-bulk-"))
    server = Neo4jServer(home, port=args.port or free_port(), heap=args.heap, pagecache=args.pagecache)
    t0 = time.perf_counter()
    server.start(password=PASSWORD)
    print(f"Neo4j started in {time.perf_counter() - t0:.1f} s at {server.uri} (heap {args.heap}, page cache {args.pagecache}); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    try:
        rates: dict[str, list[float]] = defaultdict(list)
        cpu: dict[str, list[float]] = defaultdict(list)  # what a path costs whatever else runs
        with Neo4jStore(server.uri, "neo4j", PASSWORD, "neo4j") as store:
            for path in paths.values():
                store.clear()
                path(store, list(iter_generated_facts(args.online, seed=1, prefix="warm-")))
            for round_ in range(args.rounds):
                order = list(paths.items())  # every other round backwards: a load that changes during
                for name, path in order if round_ % 2 == 0 else order[::-1]:  # a round slows each path alike
                    facts = list(iter_generated_facts(args.online, seed=10 + round_, prefix=f"r{round_}-"))
                    store.clear()
                    settle(server)
                    t0, mine, theirs = time.perf_counter(), time.process_time(), server_cpu(server)[1]
                    path(store, facts)
                    seconds = time.perf_counter() - t0
                    bench_cpu, server_used = time.process_time() - mine, server_cpu(server)[1] - theirs
                    cpu[name].append(bench_cpu + server_used)
                    stored = store.stats().facts
                    assert stored == args.online, (name, stored)
                    rates[name].append(args.online / seconds)
                    print(f"round {round_ + 1} {name:>13}: {args.online:,} facts in {seconds:.1f} s = "
                          f"{rates[name][-1]:,.0f} facts/s; CPU of bench {bench_cpu:.1f} s and server {server_used:.1f} s", flush=True)
                t0 = time.perf_counter()
                again = store.write_facts(facts, batch_size=BATCH)
                assert again.facts == 0 and store.stats().facts == args.online
                print(f"round {round_ + 1} write_facts again (all stored, nothing written): "
                      f"{args.online / (time.perf_counter() - t0):,.0f} facts/s", flush=True)
            store.clear()
        for name in list(paths)[1:] if args.rounds else []:
            ratios = [mine / base for mine, base in zip(rates[name], rates["baseline"])]
            print(f"{name} / baseline: {statistics.median(ratios):.2f}x (per round: {', '.join(f'{r:.2f}' for r in ratios)})")
            saved = [base / mine for mine, base in zip(cpu[name], cpu["baseline"])]
            print(f"{name}: baseline's CPU / its CPU {statistics.median(saved):.2f}x (per round: "
                  f"{', '.join(f'{r:.2f}' for r in saved)})")

        if not args.import_facts:
            return 0
        with tempfile.TemporaryDirectory(prefix="diplograph-bench-store-") as folder:
            path = args.store or Path(folder) / "facts.sqlite"
            if not path.exists():
                t0 = time.perf_counter()
                with SQLiteStore(path) as source:
                    source.write_facts(iter_generated_facts(args.import_facts, seed=99, prefix="i"), batch_size=100_000)
                print(f"SQLite store of {args.import_facts:,} facts made in {time.perf_counter() - t0:.1f} s (not timed below)",
                      flush=True)
            with SQLiteStore(path, readonly=True) as source:
                t0 = time.perf_counter()
                online = server.pid()
                server.stop()  # timed as before; its JVM, a child of this process, is reaped here so
                if online is not None:  # that its CPU counts in no phase's children
                    with contextlib.suppress(ChildProcessError):
                        os.waitpid(online, 0)
                result = import_database(source, server, PASSWORD, overwrite=True, say=PhaseClock(server).say)
                seconds = time.perf_counter() - t0
        print(f"neo4j import: {result.counts.facts:,} facts from store to queryable database in {seconds:.1f} s = "
              f"{result.counts.facts / seconds:,.0f} facts/s (CSV {result.csv_seconds:.1f} s, importer "
              f"{result.import_seconds:.1f} s, start + schema + indexes + check {result.ready_seconds:.1f} s)")
        if rates["baseline"]:
            print(f"neo4j import / baseline: {result.counts.facts / seconds / statistics.median(rates['baseline']):.1f}x")
    finally:
        server.stop()
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
