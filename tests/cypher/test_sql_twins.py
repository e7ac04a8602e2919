"""The named queries on the embedded store: each query's SQL twin gives the answers worked out
by hand in test_run.py on the fixture graph of tests/cypher_graph.py, and the same rows as
the Cypher on Neo4j (when a Neo4j server is available); ``diplograph query NAME`` runs on SQLite."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cypher_graph import fixture_records, load_graph
from diplograph.cypher.catalogue import get_query, list_queries
from diplograph.cypher.run import ACTOR_HINT, run_named
from diplograph.graph.model.errors import QueryError
from diplograph.graph.cli import app
from diplograph.graph.stores.sqlite_store import SQLiteStore

runner = CliRunner()


@pytest.fixture(scope="module")
def sqlite_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sql-twins") / "fixture.sqlite"
    actors, pairs, structural = fixture_records()
    with SQLiteStore(path) as store:
        for article, facts in pairs:
            store.write_article(article, facts, [actors[f.subject.id] for f in facts])
        store.write_facts(structural)
    return path


@pytest.fixture()
def sqlite(sqlite_path):
    with SQLiteStore(sqlite_path, readonly=True) as store:
        yield store


def run(store, name, **params):
    rows = run_named(store, name, params)
    for row in rows:
        assert tuple(row) == get_query(name).returns
    return rows


def test_every_query_but_shortest_chain_has_an_sql_twin():
    assert sorted(q.name for q in list_queries() if q.sql is None) == ["shortest-chain"]


def test_hand_worked_answers_on_sqlite(sqlite):
    assert run(sqlite, "supporters", actor="Caracas") == [
        {"id": "CHN", "name": "China", "kind": "State", "facts": 1, "first": "2019-01-24", "last": "2019-01-24"},
        {"id": "CUB", "name": "Cuba", "kind": "State", "facts": 1, "first": "2019-01-25", "last": "2019-01-25"},
        {"id": "RUS", "name": "Russia", "kind": "State", "facts": 1, "first": "2019-01-24", "last": "2019-01-24"},
    ]
    assert run(sqlite, "supporters", actor="ven") == run(sqlite, "supporters", actor=" VENEZUELA ")
    assert [r["id"] for r in run(sqlite, "sanctioners", actor="the Kremlin")] == ["EU", "USA"]
    rows = run(sqlite, "sanctions-imposed", actor="Washington")
    assert [(r["target"], r["kind"], r["date"], r["articleId"]) for r in rows] == [
        ("pdvsa", "Firm", "2019-01-28", "a2"), ("VEN", "State", "2019-03-10", "a2"),
        ("RUS", "State", "2019-09-25", "a3"), ("VEN", "State", "2021-06-01", "a5"),
    ]
    assert [r["id"] for r in run(sqlite, "trade-partners", actor="Venezuela")] == ["CHN", "RUS"]
    # cooperative = every positive type, as in reports: China supports and trades with both
    assert run(sqlite, "common-allies", actor="VEN", other="RUS") == [
        {"id": "CHN", "name": "China", "kind": "State", "factsWithActor": 2, "factsWithOther": 2},
        {"id": "CUB", "name": "Cuba", "kind": "State", "factsWithActor": 1, "factsWithOther": 1},
    ]
    assert run(sqlite, "split-stance", actor="USA", other="VEN") == [
        {"id": "CHN", "name": "China", "kind": "State", "supports": "VEN", "sanctions": "USA", "supportFacts": 1, "sanctionFacts": 1},
        {"id": "EU", "name": "European Union", "kind": "Organization", "supports": "USA", "sanctions": "VEN", "supportFacts": 1, "sanctionFacts": 1},
    ]
    assert [(r["relation"], r["date"], r["articleId"], r["sentenceIndex"]) for r in run(sqlite, "evidence", actor="Washington", other="Caracas")] == [
        ("SANCTIONS", "2019-03-10", "a2", 1), ("SANCTIONS", "2021-06-01", "a5", 4),
    ]
    assert [(r["subject"], r["relation"], r["object"], r["date"]) for r in run(sqlite, "evidence", actor="EU", other="Cuba")] == [
        ("CUB", "OPPOSES", "EU", None),
    ]
    only = run(sqlite, "relations-between-dates", actor="RUS", since="2019-01-01", until="2021-12-31", types="sanctions")
    assert [(r["subject"], r["date"]) for r in only] == [("USA", "2019-09-25"), ("EU", "2020-02-18")]
    assert run(sqlite, "leaders", actor="Venezuela") == [
        {"id": "delcy-rodriguez", "name": "Delcy Rodríguez", "role": "Vice President", "country": "VEN"},
        {"id": "nicolas-maduro", "name": "Nicolás Maduro", "role": "President", "country": "VEN"},
    ]
    assert run(sqlite, "most-sanctioned", limit=2) == [
        {"id": "VEN", "name": "Venezuela", "facts": 3, "sanctioners": 2, "first": "2019-03-10", "last": "2021-06-01"},
        {"id": "RUS", "name": "Russia", "facts": 2, "sanctioners": 2, "first": "2019-09-25", "last": "2020-02-18"},
    ]
    assert [(r["subject"], r["relation"], r["object"]) for r in run(sqlite, "new-since", since="2021-01-01")] == [
        ("CHN", "SUPPORTS", "RUS"), ("CUB", "SUPPORTS", "RUS"), ("VEN", "TRADES_WITH", "CHN"),
    ]
    with pytest.raises(QueryError, match=r"^no actor matches 'Atlantis'"):
        run(sqlite, "supporters", actor="Atlantis")
    with pytest.raises(QueryError, match="runs on Neo4j only"):
        run(sqlite, "shortest-chain", actor="Cuba", other="PDVSA")


def _examples():
    for query in list_queries():
        if query.sql is not None:
            words = shlex.split(query.example)
            yield query.name, [words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"]


@pytest.mark.neo4j
def test_both_stores_give_the_same_rows(sqlite, neo4j_server):
    load_graph(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database)
    import neo4j

    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)) as driver:
        for name, pairs in _examples():
            assert run_named(sqlite, name, pairs) == run_named(driver, name, pairs, database=neo4j_server.database), name


def test_query_command_runs_on_sqlite(sqlite_path, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = runner.invoke(app, ["query", "supporters", "--param", "actor=Venezuela", "--format", "json", "--store", str(sqlite_path)])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)] == ["CHN", "CUB", "RUS"]


def test_a_leader_acting_for_the_state_sanctions_for_it(tmp_path):
    from diplograph.graph.model.records import Actor, Article, Fact
    from diplograph.graph.model.vocabulary import ActorKind, RelationType

    usa, ven, rus = (Actor(c, ActorKind.STATE, n) for c, n in (("USA", "United States"), ("VEN", "Venezuela"), ("RUS", "Russia")))
    trump = Actor("donald-trump", ActorKind.LEADER, "Donald Trump", country="USA", role="President")
    guaido = Actor("juan-guaido", ActorKind.LEADER, "Juan Guaidó", country="VEN", role="Opposition leader")
    text = "Trump ordered sanctions on Venezuela. Guaido called for sanctions on Russia."
    facts = [Fact(trump, RelationType.SANCTIONS, ven, article_id="a1", sentence_index=0, date="2019-01-28"),
             Fact(guaido, RelationType.SANCTIONS, rus, article_id="a1", sentence_index=1, date="2019-01-29")]
    with SQLiteStore(tmp_path / "g.sqlite") as store:
        store.write_article(Article("a1", text), facts, [usa, ven, rus, trump, guaido])
        assert [(r["target"], r["imposedBy"]) for r in run(store, "sanctions-imposed", actor="USA")] == [("VEN", "donald-trump")]
        assert run(store, "sanctions-imposed", actor="VEN") == []  # an opposition leader does not act for the state
        assert [r["target"] for r in run(store, "sanctions-imposed", actor="Donald Trump")] == ["VEN"]


def test_the_words_of_leaders_not_acting_for_the_state_are_the_reports():
    import re

    from diplograph.graph.analysis import acts_for_state

    sql = get_query("sanctions-imposed").sql
    words = re.findall(r"\('([a-z -]+)'\)", sql)
    assert len(words) == 21
    assert not any(acts_for_state(word + "minister" if word.endswith("-") else word) for word in words)
    cypher = get_query("sanctions-imposed").text
    assert re.findall(r"'([a-z -]+)'", cypher[cypher.index("[", cypher.index("NOT any")):]) [:21] == words


def test_a_leader_with_several_roles_shows_the_latest_dated_one(tmp_path):
    from diplograph.graph.model.records import Actor, Article, Fact
    from diplograph.graph.model.vocabulary import ActorKind, RelationType

    usa = Actor("USA", ActorKind.STATE, "United States")
    harris = Actor("kamala-harris", ActorKind.LEADER, "Kamala Harris", "USA")
    facts = [Fact(harris, RelationType.LEADS, usa, date=date, role=role, article_id="a", sentence=role, sentence_index=i)
             for i, (date, role) in enumerate([("2021-01-20", "Vice President"), (None, "Senator"), ("2016-01-01", "Attorney General")])]
    with SQLiteStore(tmp_path / "roles.sqlite") as store:
        store.write_article(Article("a", "Roles.", None, "2021-01-20"), facts)
        assert run(store, "leaders", actor="USA") == [
            {"id": "kamala-harris", "name": "Kamala Harris", "role": "Vice President", "country": "USA"}]


def test_every_example_of_the_no_actor_hint_resolves_on_a_loaded_store(tmp_path, monkeypatch):
    # the hint once offered 'Moscow', an alias of the fixture graph only: a loaded store keeps
    # a state's names as aliases, not its capital, so 'Moscow' named no actor
    monkeypatch.delenv("NEO4J_URI", raising=False)
    table = tmp_path / "t.csv"
    table.write_text("subject,relation,object,date,source,subject_type,object_type\n"
                     "Vladimir Putin,SUPPORTS,Venezuela,2019-03-01,Wire,Leader,State\n"
                     "Venezuela,SUPPORTS,Russia,2019-03-02,Wire,State,State\n", encoding="utf-8")
    store = str(tmp_path / "t.sqlite")
    assert runner.invoke(app, ["load", "facts", str(table), "--store", store]).exit_code == 0
    for value in ("RUS", "Russia", "vladimir-putin", "Putin"):
        assert value in ACTOR_HINT
        result = runner.invoke(app, ["query", "supporters", "--param", f"actor={value}", "--format", "json", "--store", store])
        assert result.exit_code == 0, (value, result.output)
        assert [r["id"] for r in json.loads(result.stdout)] == (["VEN"] if value in ("RUS", "Russia") else [])
    result = runner.invoke(app, ["query", "supporters", "--param", "actor=Moscow", "--store", store])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no actor matches 'Moscow' (give an id, name or alias: RUS, Russia, vladimir-putin, Putin)"
