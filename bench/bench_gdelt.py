"""Benchmark of the GDELT loader: rows per second parsed and mapped, into SQLite, and peak memory.

Generates 61-column GDELT 2.0 exports of 200,000 and 1,000,000 rows in a temporary folder by
repeating the rows of ``tests/data/20150218230000.export.CSV`` with fresh GLOBALEVENTIDs,
then, each in a fresh process (so peak memory is per run):

- ``parse``: parse and map only (:func:`iter_event_facts`, facts built and dropped);
- ``sqlite``: load into a new SQLite store (:func:`load_event_files`).

Peak memory is the process's maximum resident set size (``resource.getrusage``); it should
not grow from 200k to 1M rows. Run: ``.venv/bin/python bench/bench_gdelt.py [--rows 200000 1000000]``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "20150218230000.export.CSV"


def generate(rows: int, out: Path) -> None:
    """Write ``rows`` GDELT rows to ``out`` (sample rows repeated, GLOBALEVENTID renumbered)."""
    src = [line.split(b"\t", 1)[1] for line in SAMPLE.read_bytes().split(b"\n") if line]
    with open(out, "wb") as f:
        for i in range(rows):
            f.write(b"%d\t" % (600_000_000 + i) + src[i % len(src)] + b"\n")


def run_one(mode: str, path: str, store_path: str) -> None:
    from diplograph.loaders.event_rows import EventLoadOptions, LoadCounts, RejectSink
    from diplograph.loaders.events import iter_event_facts, load_event_files

    start = time.perf_counter()
    if mode == "parse":
        counts = LoadCounts()
        sink = RejectSink(Path(store_path).with_suffix(".rejects.tsv"))
        for _ in iter_event_facts("gdelt", [path], EventLoadOptions(), sink, counts):
            pass
        sink.close()
        read, loaded = counts.read, counts.loaded
    else:
        from diplograph.graph.stores.sqlite_store import SQLiteStore

        with SQLiteStore(store_path) as store:
            summary = load_event_files("gdelt", [path], store, EventLoadOptions())
        read, loaded = summary.read, summary.loaded
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{mode:6s} rows={read:>9,d} loaded={loaded:>8,d} seconds={seconds:7.2f} "
          f"rows/s={read / seconds:>10,.0f} peak_rss_mb={peak_mb:6.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000, 1_000_000])
    parser.add_argument("--child", nargs=3, metavar=("MODE", "PATH", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"{rows}.export.CSV"
            generate(rows, path)
            print(f"# {rows:,d} rows, {path.stat().st_size / 1e6:.0f} MB", flush=True)
            for mode in ("parse", "sqlite"):
                store = Path(tmp) / f"{rows}-{mode}.db"
                subprocess.run([sys.executable, __file__, "--child", mode, str(path), str(store)], check=True)


if __name__ == "__main__":
    main()
