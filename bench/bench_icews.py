"""Benchmark of the ICEWS and fact-table loaders: rows per second parsed and mapped, into
SQLite, and peak memory.

Generates an ICEWS file of N rows by repeating the well-formed rows of
``tests/data/icews/events.sample.tab`` (5 that load, 4 that are skipped) with fresh Event IDs
and actor names made distinct every 97 rows (so the actor cache holds about N/97 entries, as
real files have many distinct names), and a fact-table CSV of N rows from the loaded rows of
``tests/data/facts/sample.csv`` with distinct dates. Then, each in a fresh process (peak
memory per run):

- ``parse``: parse and map only (:func:`iter_event_facts`, facts built and dropped);
- ``sqlite``: load into a new SQLite store (:func:`load_event_files`).

Run: ``.venv/bin/python bench/bench_icews.py [--rows 200000 1000000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
ICEWS_GOOD_LINES = (2, 3, 4, 5, 11, 12, 13, 14, 16)
FACT_GOOD_LINES = (2, 3, 4, 5, 6)


def generate_icews(rows: int, out: Path) -> None:
    """Write an ICEWS file of ``rows`` rows (header + sample rows, ids renumbered)."""
    lines = (DATA / "icews" / "events.sample.tab").read_text(encoding="utf-8").split("\n")
    src = [lines[n - 1].split("\t") for n in ICEWS_GOOD_LINES]
    with open(out, "w", encoding="utf-8") as f:
        f.write(lines[0] + "\n")
        for i in range(rows):
            cells = list(src[i % len(src)])
            cells[0] = str(30_000_000 + i)
            if cells[2].startswith(("Government", "Ministry", "Military", "Police")):
                cells[2] = f"{cells[2]} {i // 97}"
            f.write("\t".join(cells) + "\n")


def generate_facts(rows: int, out: Path) -> None:
    """Write a fact-table CSV of ``rows`` rows (sample rows with distinct dates)."""
    import csv

    with open(DATA / "facts" / "sample.csv", encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    src = [table[n - 1] for n in FACT_GOOD_LINES]
    start = dt.date(1990, 1, 1)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(table[0])
        for i in range(rows):
            row = list(src[i % len(src)])
            row[3] = (start + dt.timedelta(days=i // len(src))).isoformat()
            writer.writerow(row)


def run_one(kind: str, mode: str, path: str, store_path: str) -> None:
    from diplograph.loaders.event_rows import EventLoadOptions, LoadCounts, RejectSink
    from diplograph.loaders.events import iter_event_facts, load_event_files

    start = time.perf_counter()
    if mode == "parse":
        counts = LoadCounts()
        sink = RejectSink(Path(store_path).with_suffix(".rejects.tsv"))
        for _ in iter_event_facts(kind, [path], EventLoadOptions(), sink, counts):
            pass
        sink.close()
        read, loaded = counts.read, counts.loaded
    else:
        from diplograph.graph.stores.sqlite_store import SQLiteStore

        with SQLiteStore(store_path) as store:
            summary = load_event_files(kind, [path], store, EventLoadOptions())
        read, loaded = summary.read, summary.loaded
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{kind:6s} {mode:6s} rows={read:>9,d} loaded={loaded:>8,d} seconds={seconds:7.2f} "
          f"rows/s={read / seconds:>10,.0f} peak_rss_mb={peak_mb:6.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000, 1_000_000])
    parser.add_argument("--child", nargs=4, metavar=("KIND", "MODE", "PATH", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            for kind, generate, name in (("icews", generate_icews, "events.tab"), ("facts", generate_facts, "facts.csv")):
                path = Path(tmp) / f"{rows}.{name}"
                generate(rows, path)
                print(f"# {kind}: {rows:,d} rows, {path.stat().st_size / 1e6:.0f} MB", flush=True)
                for mode in ("parse", "sqlite"):
                    store = Path(tmp) / f"{rows}-{kind}-{mode}.db"
                    subprocess.run([sys.executable, __file__, "--child", kind, mode, str(path), str(store)], check=True)


if __name__ == "__main__":
    main()
