"""Whole-process wall time and peak memory of reports and exports on large generated stores.

For each size (1, 5 and 20 million facts by default) the store ``bench/out/facts-<N>.sqlite``
is built by :mod:`make_store` when missing, then each command runs as a child process of
its own, timed from start to exit; its peak resident memory is the child's ``ru_maxrss``
(``os.wait4``, Linux: kilobytes of the largest resident set):

- ``diplograph report centrality --format json --store STORE`` (output discarded),
- ``diplograph export --format graphml --store STORE --output bench/out/facts-<N>.graphml``.

- with ``--baseline``, the same centrality report built the way every report was before the
  store counted: every fact read into Python (``reports.collect``), as a child process too.

A store written by an older release is migrated (indexes added) before anything is timed.

The operating system's page cache decides much of the wall time at 20 million facts (a 7.5 GB
file read whole): ``--cache warm`` (the default) reads the store file through once before each
command, as after a load or an earlier report on a machine whose memory holds the file;
``--cache cold`` has the kernel drop the file's cached pages (``posix_fadvise(DONTNEED)``,
no root needed) before each command, as on the first report after a restart. The row says
which.
It prints one row a size and command, and the peak memory of each size as a ratio to the
smallest size's, measured in the same run.

Usage::

    .venv/bin/python bench/bench_scale.py                       # 1M, 5M, 20M
    .venv/bin/python bench/bench_scale.py --sizes 200000 1000000
    .venv/bin/python bench/bench_scale.py --sizes 20000000 --commands report --cache cold
    .venv/bin/python bench/bench_scale.py --neo4j-home /tmp/neo4j-bench --neo4j-port 7711 --sizes 1000000
        # also the report on Neo4j: database neo4j of that server's home replaced by the store
        # (``diplograph neo4j import --overwrite``, timed; NEO4J_PASSWORD in the environment)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
DIPLOGRAPH = Path(sys.executable).with_name("diplograph")


def run(argv: list[str]) -> tuple[float, float, float, int]:
    """Run ``argv`` as a child process; return (wall seconds, CPU seconds (user + system),
    peak resident MB, exit code). On a shared machine CPU time is the steadier figure."""
    t0 = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t0
    err = child.stderr.read().decode(errors="replace").strip()
    child.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  {' '.join(argv)}: exit {code}: {err[-500:]}", file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def set_cache(store: Path, state: str) -> None:
    """Put the store's files (``store`` and its ``-wal``) in the page cache (``warm``: read
    through once) or out of it (``cold``: ``os.posix_fadvise(..., POSIX_FADV_DONTNEED)``)."""
    for path in (store, store.with_name(store.name + "-wal")):
        if not path.exists():
            continue
        with open(path, "rb", buffering=0) as file:
            if state == "cold":
                os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            else:
                while file.read(1 << 24):
                    pass


#: The centrality report with every fact in memory (the path before the store counted).
BASELINE = """
import sys
from diplograph.graph.reports import centrality_report, collect, render
from diplograph.graph.stores.sqlite_store import SQLiteStore
with SQLiteStore(sys.argv[1], readonly=True) as store:
    render(centrality_report(collect(store)), "json")
"""


def store_of(n: int) -> Path:
    """The generated store of ``n`` facts, built when missing, at the current schema."""
    from diplograph.graph.stores.sqlite_store import SQLiteStore

    path = OUT / f"facts-{n}.sqlite"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "make_store.py"), "--facts", str(n), "--out", str(path)], check=True)
    t0 = time.perf_counter()
    SQLiteStore(path).close()  # migrates a store of an older schema
    print(f"{n:>12,}  store ready ({time.perf_counter() - t0:.1f} s to open for writing)", flush=True)
    return path


def main() -> None:
    """Command line: ``--sizes N...``, ``--commands``, ``--baseline``, ``--neo4j-home HOME --neo4j-port PORT``; prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 5_000_000, 20_000_000])
    parser.add_argument("--neo4j-home", help="also time the report on the Neo4j server of this home (the store imported there)")
    parser.add_argument("--neo4j-port", type=int, default=7687, help="Bolt port of that server")
    parser.add_argument("--neo4j-heap", default="1g", help="Java heap of the importer and the server (the aggregate's "
                        "transaction may use 70 %% of it)")
    parser.add_argument("--commands", nargs="+", default=["report", "export"], choices=["report", "export"])
    parser.add_argument("--baseline", action="store_true", help="also the report with every fact in memory")
    parser.add_argument("--cache", choices=["warm", "cold"], default="warm",
                        help="the store file in the page cache before each command (warm, default) or not (cold)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    rows = []
    for n in args.sizes:
        store = store_of(n)
        commands = {
            "report": ("report centrality --format json", [str(DIPLOGRAPH), "report", "centrality", "--format", "json", "--store", str(store)]),
            "export": ("export --format graphml", [str(DIPLOGRAPH), "export", "--format", "graphml", "--store", str(store),
                                                   "--output", str(OUT / f"facts-{n}.graphml")]),
        }
        if args.baseline:
            commands["baseline"] = ("report centrality, every fact in memory", [sys.executable, "-c", BASELINE, str(store)])
        for name in [*args.commands, *(["baseline"] if args.baseline else [])]:
            label, argv = commands[name]
            set_cache(store, args.cache)
            wall, cpu, peak, code = run(argv)
            rows.append((n, f"sqlite {label}", wall, peak, code))
            print(f"{n:>12,}  {'sqlite ' + label:<42} wall {wall:7.1f} s  cpu {cpu:7.1f} s  peak {peak:6.0f} MB  {args.cache}"
                  + ("" if code == 0 else f"  exit {code}"), flush=True)
        if args.neo4j_home:
            wall, cpu, peak, code = run([str(DIPLOGRAPH), "neo4j", "import", str(store), "--home", args.neo4j_home,
                                         "--port", str(args.neo4j_port), "--heap", args.neo4j_heap, "--overwrite"])
            print(f"{n:>12,}  {'neo4j import (offline importer)':<42} wall {wall:7.1f} s  cpu {cpu:7.1f} s (client)"
                  + ("" if code == 0 else f"  exit {code}"), flush=True)
            label = "neo4j report centrality --format json"
            wall, cpu, peak, code = run([str(DIPLOGRAPH), "report", "centrality", "--format", "json",
                                         "--neo4j", f"bolt://127.0.0.1:{args.neo4j_port}"])
            rows.append((n, label, wall, peak, code))
            print(f"{n:>12,}  {label:<42} wall {wall:7.1f} s  cpu {cpu:7.1f} s  peak {peak:6.0f} MB (client; the server's"
                  " own memory is its heap and page cache)", flush=True)
    print("\npeak memory as a ratio to the smallest size (same command):", flush=True)
    for label in dict.fromkeys(r[1] for r in rows):
        mine = [r for r in rows if r[1] == label]
        base = mine[0][3]
        print(f"  {label:<42} " + ", ".join(f"{r[0]:,}: {r[3] / base:.2f}x" for r in mine))


if __name__ == "__main__":
    main()
