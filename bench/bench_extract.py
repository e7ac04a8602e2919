"""Words per second of the full extraction pipeline (spaCy parse + rules) on the corpus, and
facts per second of loading it into a new SQLite store (the writes alone, and extraction
plus writes, as ``diplograph load`` does).

Reads ../shared/corpus/articles.jsonl when present, else the article copies in tests/data.
Run: ``.venv/bin/python bench/bench_extract.py [--repeat N] [--batch-size B]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from diplograph.graph.model.records import Article
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.loaders.extract import Extractor

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[Article]:
    shared = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
    if shared.exists():
        rows = [json.loads(line) for line in shared.open(encoding="utf-8") if line.strip()]
        return [Article(id=r["id"], text=r["text"], date=r.get("date") or None) for r in rows]
    out = []
    for path in sorted((ROOT / "tests" / "data").rglob("*.txt")):
        out.append(Article(id=path.stem, text=path.read_text(encoding="utf-8"), date=None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    articles = corpus()
    words = sum(len(a.text.split()) for a in articles)
    ex = Extractor()
    list(ex.extract_many(articles[:2]))  # load the model and tables outside the timing
    best = None
    n_facts = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        n_facts = sum(len(facts) for _, facts in ex.extract_many(articles, batch_size=args.batch_size))
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"articles {len(articles)}  words {words}  facts {n_facts}")
    print(f"extraction, best of {args.repeat}: {best:.2f} s  =  {words / best:,.0f} words/s per process")

    extracted = list(ex.extract_many(articles, batch_size=args.batch_size))
    with tempfile.TemporaryDirectory() as folder:
        with SQLiteStore(Path(folder) / "bench.sqlite") as store:
            start = time.perf_counter()
            stored = sum(store.write_article(article, facts).facts for article, facts in extracted)
            writes = time.perf_counter() - start
    print(f"SQLite writes: {stored} facts of {len(extracted)} articles in {writes:.3f} s  =  {stored / writes:,.0f} facts/s")
    print(f"load (extraction + writes): {stored / (best + writes):,.1f} facts/s  =  {len(extracted) / (best + writes):.1f} articles/s")


if __name__ == "__main__":
    main()
