"""Parquet fact sets (graph/stores/fact_set.py): export, read back, load idempotently, bad rows, extract --format parquet."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.model.errors import InputError
from diplograph.graph.model.records import Actor, Article, Fact
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.graph.stores.fact_set import FACT_SCHEMA, FactSet, FactSetWriter, export_fact_set, load_fact_set
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.loaders.event_rows import EventLoadOptions
from diplograph.loaders.events import load_event_files
from locations import DATA

RUS = Actor("RUS", ActorKind.STATE, "Russia", aliases=("Russian Federation",))
VEN = Actor("VEN", ActorKind.STATE, "Venezuela")
PUTIN = Actor("vladimir-putin", ActorKind.LEADER, "Vladimir Putin", country="RUS", role="President")


def _source(tmp_path: Path) -> SQLiteStore:
    """A store with the sample fact table (event facts) and one article with two facts."""
    store = SQLiteStore(tmp_path / "source.sqlite")
    load_event_files("facts", [str(DATA / "facts" / "sample.csv")], store, EventLoadOptions(rejects_path=tmp_path / "r.tsv"))
    article = Article("a1", "Russia backs Venezuela.\nPutin met Maduro in April.", "Backing", "2019-09-25", "TASS", None, "a1.txt")
    facts = [
        Fact(RUS, RelationType.SUPPORTS, VEN, "2019-09-25", "a1", "Russia backs Venezuela.", 0, 0.9),
        Fact(PUTIN, RelationType.CONSULTS, VEN, "2019-04", "a1", "Putin met Maduro in April.", 1, 0.75, reported_by="TASS"),
        Fact(VEN, RelationType.THREATENS, RUS, None, "a1", "Putin met Maduro in April.", 1, 0.5),
    ]
    store.write_article(article, facts)
    return store


def _contents(store) -> tuple:
    return (
        [(f.key, f) for f in store.iter_facts()],
        list(store.iter_articles()),
        {a.id: (a.kind, a.name, a.country, a.role, frozenset(a.aliases)) for a in store.iter_actors()},
    )


def test_export_then_load_gives_the_same_store_and_loading_again_adds_nothing(tmp_path: Path) -> None:
    source = _source(tmp_path)
    written = export_fact_set(source, tmp_path / "set")
    assert (written.facts, written.articles) == (9, 1)
    target = SQLiteStore(tmp_path / "target.sqlite")
    first = load_fact_set(FactSet(tmp_path / "set"), target)
    assert (first.articles, first.facts) == (1, 9)
    assert _contents(target) == _contents(source)
    again = load_fact_set(FactSet(tmp_path / "set"), target)
    assert (again.articles, again.actors, again.facts) == (0, 0, 0)
    assert target.stats().facts == 9


def test_the_set_is_plain_parquet_partitioned_by_month(tmp_path: Path) -> None:
    export_fact_set(_source(tmp_path), tmp_path / "set")
    months = sorted(p.name for p in (tmp_path / "set" / "facts").iterdir())
    assert months == ["month=2017-11", "month=2019-01", "month=2019-03", "month=2019-04", "month=2019-09",
                      "month=undated"]
    facts = pd.read_parquet(tmp_path / "set" / "facts")
    by_key = facts.set_index("key")
    consult = facts[(facts.relation == "CONSULTS") & (facts.article_id == "a1")].iloc[0]
    assert (consult.subject_id, consult.date, consult.date_precision, consult.month) == (
        "vladimir-putin", dt.date(2019, 4, 1), "month", "2019-04")
    assert sorted(c for c in by_key.cameo.dropna()) == ["061", "163"]  # text, zeros kept
    undated = facts[facts.month == "undated"]
    assert undated[["subject_id", "relation", "object_id"]].values.tolist() == [["VEN", "THREATENS", "RUS"]]
    assert undated.date.isna().all()
    actors = pd.read_parquet(tmp_path / "set" / "actors").set_index("id")
    assert actors.loc["vladimir-putin", "country"] == "RUS"
    assert set(actors.loc["RUS", "aliases"]) >= {"Russia", "Russian Federation"}
    articles = pd.read_parquet(tmp_path / "set" / "articles")
    assert articles.text.tolist() == ["Russia backs Venezuela.\nPutin met Maduro in April."]


def test_a_bad_row_names_its_file_and_row_and_the_rest_loads(tmp_path: Path) -> None:
    with FactSetWriter(tmp_path / "set", part="a") as writer:
        writer.add_facts([Fact(RUS, RelationType.SUPPORTS, VEN, "2019-09-25", event_id="e1"),
                          Fact(VEN, RelationType.SUPPORTS, RUS, "2019-09-26", event_id="e2")])
    path = next((tmp_path / "set" / "facts" / "month=2019-09").glob("*.parquet"))
    table = pq.read_table(path)
    relations = table.column("relation").to_pylist()
    relations[1] = "LIKES"
    pq.write_table(table.set_column(2, pa.field("relation", pa.string(), nullable=False), pa.array(relations)), path)
    errors: list[InputError] = []
    target = SQLiteStore(tmp_path / "target.sqlite")
    summary = load_fact_set(FactSet(tmp_path / "set", on_error=errors.append), target)
    assert summary.facts == 1
    assert [str(e) for e in errors] == [f"{path}: row 2: fact {table.column('key')[1]}: unknown relation 'LIKES' or date precision 'day'"]
    assert [f.event_id for f in target.iter_facts()] == ["e1"]


def test_parts_of_two_writers_merge_and_hidden_parts_are_not_read(tmp_path: Path) -> None:
    with FactSetWriter(tmp_path / "set", part="1") as one:
        one.add_facts([Fact(RUS, RelationType.SUPPORTS, VEN, "2019-09-25", event_id="e1")])
    other_rus = Actor("RUS", ActorKind.STATE, "Russia", aliases=("Rossiya",))
    with FactSetWriter(tmp_path / "set", part="2") as two:
        two.add_facts([Fact(other_rus, RelationType.OPPOSES, VEN, None, event_id="e2")])
    with pytest.raises(RuntimeError):
        with FactSetWriter(tmp_path / "set", part="3") as three:
            three.add_facts([Fact(RUS, RelationType.AIDS, VEN, "2019-09-27", event_id="e3")])
            three.close()  # files made visible, then the run fails: a new writer of part 3 is refused
            raise RuntimeError("killed")
    with pytest.raises(InputError, match="part 3 exists already"):
        FactSetWriter(tmp_path / "set", part="3")
    with pytest.raises(RuntimeError):
        with FactSetWriter(tmp_path / "set", part="4") as four:
            four.add_facts([Fact(RUS, RelationType.ACCUSES, VEN, "2019-09-28", event_id="e4")])
            four._months["2019-09"].flush()
            raise RuntimeError("killed")
    assert not [name for _, _, files in os.walk(tmp_path / "set") for name in files if "part-4" in name]
    fact_set = FactSet(tmp_path / "set")
    assert set({a.id: a for a in fact_set.iter_actors()}["RUS"].aliases) == {"Russia", "Russian Federation", "Rossiya"}
    assert sorted(f.event_id for f in fact_set.iter_facts()) == ["e1", "e2", "e3"]
    assert [f.date for f in fact_set.iter_facts() if f.event_id == "e2"] == [None]


def test_not_a_fact_set(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a fact set: no facts folder"):
        FactSet(tmp_path)


@pytest.mark.slow
def test_extract_to_parquet_then_load_equals_loading_the_articles(tmp_path: Path) -> None:
    runner = CliRunner()
    corpus = str(DATA / "corpus")
    done = runner.invoke(app, ["extract", corpus, "--format", "parquet", "-o", str(tmp_path / "set")])
    assert done.exit_code == 0, done.output
    via_set, direct = tmp_path / "via-set.sqlite", tmp_path / "direct.sqlite"
    done = runner.invoke(app, ["load", "facts", str(tmp_path / "set"), "--store", str(via_set)])
    assert done.exit_code == 0, done.output
    assert "5 articles" in done.output
    assert runner.invoke(app, ["load", corpus, "--store", str(direct)]).exit_code == 0
    with SQLiteStore(via_set) as a, SQLiteStore(direct) as b:
        assert _contents(a) == _contents(b)
        assert a.stats().facts > 20
    done = runner.invoke(app, ["load", "facts", str(tmp_path / "set"), "--store", str(via_set)])
    assert "0 articles, 0 actors and 0 facts added" in done.output
    done = runner.invoke(app, ["extract", corpus, "--format", "parquet", "-o", str(tmp_path / "set")])
    assert done.exit_code == 1 and "holds a fact set already" in done.output


def test_event_files_extracted_to_a_fact_set_load_as_the_files_do(tmp_path: Path) -> None:
    runner = CliRunner()
    gdelt = str(DATA / "20150218230000.export.CSV")
    done = runner.invoke(app, ["extract", "gdelt", gdelt, "--format", "parquet", "-o", str(tmp_path / "set")])
    assert done.exit_code == 0, done.output
    assert "2,271 rows read: 436 facts written" in done.output
    via_set, direct = tmp_path / "via-set.sqlite", tmp_path / "direct.sqlite"
    assert runner.invoke(app, ["load", "facts", str(tmp_path / "set"), "--store", str(via_set)]).exit_code == 0
    assert runner.invoke(app, ["load", "gdelt", gdelt, "--store", str(direct),
                               "--rejects", str(tmp_path / "r.tsv")]).exit_code == 0
    with SQLiteStore(via_set) as a, SQLiteStore(direct) as b:
        assert _contents(a) == _contents(b)
        assert a.stats().facts == 436
    done = runner.invoke(app, ["extract", "gdelt", gdelt, "-o", str(tmp_path / "other")])
    assert done.exit_code == 2 and "--format parquet" in done.output


def test_export_command_writes_the_store_as_a_fact_set_and_refuses_a_folder_holding_one(tmp_path: Path) -> None:
    runner = CliRunner()
    _source(tmp_path).close()
    store = str(tmp_path / "source.sqlite")
    (tmp_path / "set").mkdir()  # an empty folder is a new fact set's folder
    done = runner.invoke(app, ["export", "--format", "parquet", "-o", str(tmp_path / "set"), "--store", store])
    assert done.exit_code == 0, done.output
    assert "9 facts and 1 article written to" in done.output
    with SQLiteStore(tmp_path / "source.sqlite") as source:
        assert _contents(source)[0] == [(f.key, f) for f in sorted(FactSet(tmp_path / "set").iter_facts(), key=lambda f: f.key)]
    done = runner.invoke(app, ["export", "--format", "parquet", "-o", str(tmp_path / "set"), "--store", store])
    assert done.exit_code == 1 and "holds a fact set already" in done.output
    done = runner.invoke(app, ["export", "--format", "parquet", "--store", store])
    assert done.exit_code == 2 and "give --output DIR" in done.output
    done = runner.invoke(app, ["export", "--format", "graphml", "-o", str(tmp_path / "set"), "--store", store])
    assert done.exit_code == 1 and "cannot write: it is a folder" in done.output


def test_store_fact_batches_keep_types_when_the_first_rows_are_null(tmp_path: Path) -> None:
    """The ADBC driver infers a column's type from its first batch: event facts (no article,
    sentence or sentence index) come first, the article's facts in a later batch."""
    source = _source(tmp_path)
    batches = list(source.fact_batches(rows=2))
    assert [b.num_rows for b in batches] == [1, 2, 2, 2, 2]  # the first batch held the typed row too
    table = pa.Table.from_batches(batches)
    assert table.schema.types == pa.schema(FACT_SCHEMA).types
    rows = {row["key"]: row for row in table.to_pylist()}
    assert len(rows) == 9 and sum(row["article_id"] is None for row in rows.values()) == 6
    consult = next(row for row in rows.values() if row["relation"] == "CONSULTS" and row["article_id"] == "a1")
    assert (consult["date"], consult["date_precision"], consult["sentence"], consult["sentence_index"], consult["confidence"],
            consult["reported_by"]) == (dt.date(2019, 4, 1), "month", "Putin met Maduro in April.", 1, 0.75, "TASS")
    stored = {fact.key: fact for fact in source.iter_facts()}
    assert {key: (row["subject_id"], row["object_id"], row["goldstein"], row["cameo"]) for key, row in rows.items()} == {
        key: (f.subject.id, f.object.id, f.goldstein, f.cameo) for key, f in stored.items()}
