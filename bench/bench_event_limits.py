"""Benchmark of the event-load limits (issue 15, item 6): memory and rejects-file size must not
grow with junk input.

Writes GDELT files made of the sample ``tests/data/20150218230000.export.CSV`` followed by
junk: (a) short lines of the wrong column count, (b) lines of 5 million characters, each at
two sizes (``--small`` and ``--large`` MB), and loads each with ``diplograph load gdelt`` in a
fresh process (so peak memory is per run). Prints, per junk kind and size, the facts stored,
the rejects-file size, seconds and the peak resident memory (``resource.getrusage`` of the
child), then the large/small ratio of peak memory (about 1 when memory does not grow with
the input; it was ~10 MB/s of growth before the limits).
Run: ``.venv/bin/python bench/bench_event_limits.py [--small 20 --large 200]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "20150218230000.export.CSV"
DIPLOGRAPH = Path(sys.executable).parent / "diplograph"


def write_junk(path: Path, kind: str, megabytes: int) -> None:
    """The sample, then ``megabytes`` MB of junk lines of ``kind`` (``short`` or ``long``)."""
    line = b"junk\tline\n" if kind == "short" else b"1\t" + b"x" * 5_000_000 + b"\n"
    block = line * max(1, (1 << 20) // len(line))
    with open(path, "wb") as f:
        f.write(SAMPLE.read_bytes())
        written = 0
        while written < megabytes << 20:
            f.write(block)
            written += len(block)


def run(path: Path, folder: Path) -> tuple[int, int, float, int]:
    """(facts stored, rejects bytes, seconds, peak RSS in KiB of the load)."""
    store, rejects = folder / f"{path.stem}.sqlite", folder / f"{path.stem}.rejects.tsv"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    cmd = [str(DIPLOGRAPH), "load", "gdelt", str(path), "--store", str(store), "--rejects", str(rejects)]
    subprocess.run(cmd, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stats = subprocess.run([str(DIPLOGRAPH), "stats", "--store", str(store), "--format", "json"],
                           capture_output=True, text=True, check=True)
    size = rejects.stat().st_size if rejects.exists() else 0
    return json.loads(stats.stdout)["facts"], size, seconds, max(peak, before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=20, help="MB of junk, small run")
    parser.add_argument("--large", type=int, default=200, help="MB of junk, large run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in ("short", "long"):
            peaks = []
            for megabytes in (args.small, args.large):
                path = folder / f"{kind}-{megabytes}.export.CSV"
                write_junk(path, kind, megabytes)
                # RUSAGE_CHILDREN keeps the maximum over all children: measure each run in its own process
                out = subprocess.run([sys.executable, __file__, "--one", str(path), str(folder)],
                                     capture_output=True, text=True, check=True).stdout.split()
                facts, size, seconds, peak = int(out[0]), int(out[1]), float(out[2]), int(out[3])
                peaks.append(peak)
                print(f"{kind:5} junk {megabytes:4} MB: {facts} facts, rejects {size / 1e6:.2f} MB, "
                      f"{seconds:.1f} s, peak {peak / 1024:.0f} MB")
                os.unlink(path)
            print(f"{kind:5} junk: peak memory {args.large}/{args.small} MB = {peaks[1] / peaks[0]:.2f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(*run(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        main()
