"""The Dask path (loaders/distributed.py): extraction on a LocalCluster of two worker
processes writes the facts a single process extracts, as a Parquet fact set."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.model.errors import DiplographError
from diplograph.graph.stores.fact_set import FactSet
from diplograph.loaders.articles import read_articles
from diplograph.loaders.event_rows import EventLoadOptions, LoadCounts, RejectSink
from diplograph.loaders.events import iter_event_facts
from diplograph.loaders.extract import Extractor
from locations import DATA

pytest.importorskip("distributed", reason="the Dask path needs pip install 'diplograph[dask]'")

from diplograph.loaders.distributed import dask_client, extract_on_dask, map_event_files  # noqa: E402

CORPUS = DATA / "corpus35" / "articles.jsonl"
pytestmark = pytest.mark.slow


def _row(fact) -> tuple:
    return (fact.key, fact.subject.id, fact.relation.value, fact.object.id, fact.date, fact.article_id, fact.sentence,
            fact.sentence_index, round(fact.confidence, 9), fact.cameo, fact.reported_by, fact.role, fact.extractor)


def test_a_local_cluster_extracts_the_facts_of_one_process(tmp_path: Path) -> None:
    articles = list(read_articles([str(CORPUS)]))
    assert len(articles) == 35
    single = sorted(_row(f) for _, facts in Extractor().extract_many(articles) for f in facts)
    gdelt = [str(DATA / "20150218230000.export.CSV"), str(DATA / "facts" / "sample.csv")]
    with dask_client("local:2") as client:
        done = extract_on_dask(articles, tmp_path / "set", client, chunk_size=4)
        mapped = map_event_files("gdelt", gdelt[:1], tmp_path / "events", client)
        tables = map_event_files("facts", gdelt[1:], tmp_path / "tables", client)
    counts = LoadCounts()
    one_process = sorted(_row(f) for f in iter_event_facts("gdelt", gdelt[:1], EventLoadOptions(),
                                                           RejectSink(tmp_path / "r.tsv"), counts))
    assert sorted(_row(f) for f in FactSet(tmp_path / "events").iter_facts()) == one_process
    assert (mapped.read, mapped.loaded, mapped.rejected, mapped.parts) == (counts.read, len(one_process), 0, 1)
    assert (tables.read, tables.loaded, tables.rejected, sum(tables.skipped.values())) == (15, 6, 6, 3)  # as load facts: main skips a row with the same actor on both sides
    rejected = (tmp_path / "tables" / "rejects" / "part-000000.tsv").read_text(encoding="utf-8").splitlines()
    assert len(rejected) == 7 and rejected[1].startswith(f"{gdelt[1]}\t7\t")  # header + 6 rows; the first, line 7, has 3 columns
    assert (done.articles, done.parts, done.workers, done.errors) == (35, 9, 2, [])
    fact_set = FactSet(tmp_path / "set")
    assert sorted(_row(f) for f in fact_set.iter_facts()) == single
    assert done.facts == len(single) > 50
    assert sorted(a.id for a in fact_set.iter_articles()) == sorted(a.id for a in articles)
    parts = sorted(p.name for p in (tmp_path / "set" / "articles").iterdir())
    assert parts == [f"part-{n:06d}.parquet" for n in range(9)]


def test_a_bad_address_is_one_clear_line() -> None:
    with pytest.raises(DiplographError, match="local:N needs a number of workers N >= 1"):
        with dask_client("local:zero"):
            pass
