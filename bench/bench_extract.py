"""Speed of extraction against spaCy's own pipeline, and how it grows with the length of an article.

Prints, in one run:

1. words per second of the full extraction (spaCy parse + rules, ``Extractor.extract_many``)
   on the corpus, against spaCy's own pipeline (``nlp.pipe`` of the same model, without the
   project's components or rules) on the same texts: the ratio is extraction / spaCy
   (1.0 = the rules cost nothing; the target is at least 0.8);
2. the time to extract one article of 500, 1,000, 2,000 and 8,000 sentences (the corpus's
   sentences of at most 200 characters, one a line, repeated in order: 8,000 of them stay
   under spaCy's and the loader's limit of 1,000,000 characters an article) and the growth factor per doubling of its length (linear
   time gives 2.0; the target is at most 2.3 per doubling);
3. facts per second of loading the corpus into a new SQLite store (writes alone, and
   extraction plus writes, as ``diplograph load`` does).

The corpus is ``tests/data/corpus35/articles.jsonl`` (35 articles). Times are the best of
``--repeat`` runs for the corpus and of ``--long-repeat`` runs for each long article.
Run: ``.venv/bin/python bench/bench_extract.py [--repeat N] [--batch-size B] [--sizes 500,1000,2000,8000] [--long-repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from pathlib import Path

import spacy

from diplograph.graph.model.records import Article
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.loaders.extract import Extractor
from diplograph.loaders.nlp import MODEL_NAME

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus35" / "articles.jsonl"
#: Longest sentence used for the long articles (8,000 sentences of the corpus average 115 characters).
SENTENCE_CHARS = 200


def corpus() -> list[Article]:
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8") if line.strip()]
    return [Article(id=r["id"], text=r["text"], date=r.get("date") or None, title=r.get("title"),
                    source=r.get("source")) for r in rows]


def best_time(run, repeat: int) -> float:
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--sizes", default="500,1000,2000,8000", help="sentences of the long articles")
    parser.add_argument("--long-repeat", type=int, default=3, help="runs of each long article (the best is kept)")
    args = parser.parse_args()
    articles = corpus()
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    ex = Extractor()
    list(ex.extract_many(articles[:2]))  # load the model, tables and matchers outside the timing
    plain = spacy.load(MODEL_NAME)
    list(plain.pipe(texts[:2]))

    n_facts = 0

    def extract() -> None:
        nonlocal n_facts
        n_facts = sum(len(facts) for _, facts in ex.extract_many(articles, batch_size=args.batch_size))

    ours = best_time(extract, args.repeat)
    theirs = best_time(lambda: list(plain.pipe(texts, batch_size=args.batch_size)), args.repeat)
    print(f"corpus: {len(articles)} articles, {words} words, {n_facts} facts (best of {args.repeat})")
    print(f"  spaCy nlp.pipe alone:   {theirs:6.2f} s  = {words / theirs:8,.0f} words/s")
    print(f"  extraction (parse+rules): {ours:4.2f} s  = {words / ours:8,.0f} words/s")
    print(f"  ratio extraction / spaCy: {theirs / ours:.2f}  (target >= 0.8)")

    sentences = [s.text.strip() for doc in ex.nlp.pipe(texts) for s in doc.sents
                 if len(s) > 3 and 0 < len(s.text.strip()) <= SENTENCE_CHARS]
    print(f"one long article (the corpus's {len(sentences)} sentences of at most {SENTENCE_CHARS} characters, repeated):")
    previous = None
    for n in (int(x) for x in args.sizes.split(",")):
        text = "\n".join(sentences[i % len(sentences)] for i in range(n))
        article = Article(id=f"long-{n}", text=text, date="2020-01-01")
        facts: list = []
        elapsed = best_time(lambda: facts.__setitem__(slice(None), ex.extract(article)), args.long_repeat)
        growth = ""
        if previous is not None:
            doublings = math.log2(n / previous[0])
            per = (elapsed / previous[1]) ** (1 / doublings)
            growth = f"  x{elapsed / previous[1]:.2f} for x{n / previous[0]:.0f} sentences = x{per:.2f} per doubling (target <= 2.3)"
        print(f"  {n:6d} sentences, {len(text.split()):7d} words: {elapsed:7.2f} s, {len(facts)} facts{growth}")
        previous = (n, elapsed)

    extracted = list(ex.extract_many(articles, batch_size=args.batch_size))
    with tempfile.TemporaryDirectory() as folder:
        with SQLiteStore(Path(folder) / "bench.sqlite") as store:
            start = time.perf_counter()
            stored = sum(store.write_article(article, facts).facts for article, facts in extracted)
            writes = time.perf_counter() - start
    print(f"SQLite writes: {stored} facts of {len(extracted)} articles in {writes:.3f} s  =  {stored / writes:,.0f} facts/s")
    print(f"load (extraction + writes): {stored / (ours + writes):,.1f} facts/s  =  {len(extracted) / (ours + writes):.1f} articles/s")


if __name__ == "__main__":
    main()
