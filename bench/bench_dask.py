"""Extraction words per second on a Dask ``LocalCluster`` of 1 and of 2 worker processes, in one
run, and whether the two write the same facts (issue 13: at least 1.6 times with 2 workers).

Usage::

    .venv/bin/python bench/bench_dask.py                    # tests/data/corpus35, twice over
    .venv/bin/python bench/bench_dask.py --repeat 4 --chunk 5   # 140 articles in 28 tasks: a shorter tail

Each cluster's workers load their extractor before the clock starts (``client.run``), so
the figures are extraction and fact set writing, not the spaCy model's loading. Words are
whitespace-separated tokens of the article texts. The 2 workers share the machine's cores
with everything else that runs on it: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

from diplograph.graph.model.records import Article
from diplograph.graph.stores.fact_set import FactSet
from diplograph.loaders.articles import read_articles
from diplograph.loaders.distributed import dask_client, extract_on_dask
from diplograph.loaders.loading import worker_extractor

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus35" / "articles.jsonl"


def _warm() -> None:
    """Load this worker's extractor (the spaCy pipeline and the tables) and the module of the
    tasks (with pyarrow, which writes the fact set parts), so the first timed task pays neither."""
    import diplograph.loaders.distributed  # noqa: F401 - imported for its load time only

    worker_extractor().extract(Article("warm-up", "Russia imposed sanctions on Ukraine."))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="times the corpus is extracted (ids made distinct)")
    parser.add_argument("--chunk", type=int, default=5, help="articles per task")
    args = parser.parse_args(argv)
    base = list(read_articles([str(CORPUS)]))
    articles = [dataclasses.replace(a, id=f"{a.id}#{n}") for n in range(args.repeat) for a in base]
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    rates, fact_sets = {}, {}
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-dask-") as folder:
        for workers in (1, 2):
            with dask_client(f"local:{workers}") as client:
                client.run(_warm)
                t0 = time.perf_counter()
                done = extract_on_dask(articles, Path(folder) / f"w{workers}", client, chunk_size=args.chunk)
                seconds = time.perf_counter() - t0
            rates[workers] = words / seconds
            fact_sets[workers] = sorted((f.key, f.subject.id, f.relation.value, f.object.id, f.date, f.sentence)
                                        for f in FactSet(Path(folder) / f"w{workers}").iter_facts())
            print(f"{workers} worker(s): {done.facts:,} facts of {done.articles} articles in {seconds:.1f} s = "
                  f"{rates[workers]:,.0f} words/s ({done.parts} tasks); load average {os.getloadavg()[0]:.1f}", flush=True)
    print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")
    print(f"facts identical: {fact_sets[1] == fact_sets[2]} ({len(fact_sets[1]):,} and {len(fact_sets[2]):,})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
