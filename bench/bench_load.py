"""Whole-process peak memory and speed of ``diplograph load`` on article collections.

Writes ``bench/out/articles-<N>.jsonl``: the project corpus (``tests/data/corpus35``) repeated
with fresh ids until N articles, then loads each into a fresh store as a child process
(``diplograph load FILE --store STORE --workers W --keep-copies``: every repeat is a syndicated
copy of a corpus article, which a load leaves out unless told to keep it) and prints wall and CPU time,
peak resident memory (``ru_maxrss`` from ``os.wait4``: the largest of the process and its
workers),
words a second, and the ratios the issue asks for, measured in the same run: peak memory
of the largest N against the smallest, and words a second of W workers against one (with
whether the stores of W workers and of one hold identical facts).

Usage::

    .venv/bin/python bench/bench_load.py --sizes 1000 20000 --workers 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
CORPUS = HERE.parent / "tests" / "data" / "corpus35" / "articles.jsonl"
DIPLOGRAPH = Path(sys.executable).with_name("diplograph")


def articles_file(n: int) -> tuple[Path, int]:
    """JSONL of ``n`` articles (the corpus repeated, ids made unique) and its number of words."""
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = OUT / f"articles-{n}.jsonl"
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            record = dict(records[i % len(records)])
            record["id"] = f"{record.get('id', 'article')}-copy{i}"
            words += len(record["text"].split())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path, words


def store_of(path: Path, workers: int) -> Path:
    """The store a load of ``path`` with ``workers`` writes."""
    return OUT / f"load-{path.stem}-w{workers}.sqlite"


def fact_digest(store: Path) -> tuple[int, str]:
    """Number of facts in ``store`` and the SHA-1 of their rows (every column) in key order:
    equal digests are identical facts."""
    import hashlib
    import sqlite3

    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        digest, n = hashlib.sha1(), 0
        for row in db.execute("SELECT * FROM facts ORDER BY key"):
            digest.update(repr(row).encode())
            n += 1
    finally:
        db.close()
    return n, digest.hexdigest()


def load(path: Path, workers: int) -> tuple[float, float, float]:
    """Load ``path`` into a fresh store; return (wall s, CPU s of the process and its workers, peak MB)."""
    store = store_of(path, workers)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    child = subprocess.Popen([str(DIPLOGRAPH), "load", str(path), "--store", str(store), "--workers", str(workers),
                              "--keep-copies"],
                             stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # usage of the child and the workers it waited for
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"load of {path} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    """Command line: ``--sizes N...`` and ``--workers W...``; prints the table and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    results = {}
    paths = {}
    for n in sorted(args.sizes):
        path, words = articles_file(n)
        paths[n] = path
        for w in args.workers:
            wall, cpu, peak = load(path, w)
            results[(n, w)] = (wall, cpu, peak, words / wall)
            print(f"{n:>7,} articles  {words:>10,} words  workers {w}  wall {wall:7.1f} s  cpu {cpu:7.1f} s  "
                  f"peak {peak:6.0f} MB  {words / wall:8.0f} words/s", flush=True)
    sizes = sorted(args.sizes)
    w0 = args.workers[0]
    if len(sizes) > 1:
        print(f"peak memory, {sizes[-1]:,} against {sizes[0]:,} articles (workers {w0}): "
              f"{results[(sizes[-1], w0)][2] / results[(sizes[0], w0)][2]:.2f}x")
    for w in args.workers[1:]:
        for n in sizes:
            same = fact_digest(store_of(paths[n], w)) == fact_digest(store_of(paths[n], w0))
            print(f"words/s, {w} workers against {w0} ({n:,} articles): {results[(n, w)][3] / results[(n, w0)][3]:.2f}x "
                  f"(cores free now: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}); "
                  f"facts {'identical' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
