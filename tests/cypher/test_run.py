"""Running queries (cypher/run.py): every named query on the hand-made graph of
``tests/cypher_graph.py`` on a real Neo4j server (conftest.py), its rows compared with answers
worked out by hand from the fact list in that module; read-only safety, errors and plain values;
the embedded store told to use Neo4j for a query without an SQL twin."""

from __future__ import annotations

import datetime as dt

import neo4j
import pytest

from cypher_graph import counts, load_graph
from diplograph.cypher.catalogue import get_query, list_queries
from diplograph.cypher.run import execute, run_cypher, run_named, to_plain
from diplograph.graph.model.errors import DiplographError, QueryError, StoreError


def test_embedded_store_is_told_to_use_neo4j_for_a_query_without_sql_twin(tmp_path):
    from diplograph.graph.stores.sqlite_store import SQLiteStore

    with SQLiteStore(tmp_path / "g.sqlite") as store:
        with pytest.raises(QueryError, match=r"runs on Neo4j only.*Cypher queries need a Neo4j store.*diplograph neo4j start.*NEO4J_URI"):
            run_named(store, "shortest-chain", {"actor": "VEN", "other": "RUS"})


# --- every named query on the fixture graph, on a real Neo4j server ----------------------------


@pytest.fixture(scope="module")
def graph(neo4j_server):
    """A driver on the fixture graph of tests/cypher_graph.py (loaded once for this module)."""
    load_graph(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database)
    driver = neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password),
                                        notifications_min_severity="OFF")
    try:
        yield driver
    finally:
        driver.close()


def run(graph, name, **params):
    rows = run_named(graph, name, params)
    for row in rows:
        assert tuple(row) == get_query(name).returns
    return rows


def ids(rows, key="id"):
    return [row[key] for row in rows]


def test_fixture_graph_has_the_expected_size(graph):
    # 10 actors + 5 articles; 18 facts + 4 structural + 23 MENTIONS (one per actor of each article)
    assert counts(graph) == (15, 45)


def test_supporters(graph):
    assert run(graph, "supporters", actor="Caracas") == [
        {"id": "CHN", "name": "China", "kind": "State", "facts": 1, "first": "2019-01-24", "last": "2019-01-24"},
        {"id": "CUB", "name": "Cuba", "kind": "State", "facts": 1, "first": "2019-01-25", "last": "2019-01-25"},
        {"id": "RUS", "name": "Russia", "kind": "State", "facts": 1, "first": "2019-01-24", "last": "2019-01-24"},
    ]
    assert run(graph, "supporters", actor="ven") == run(graph, "supporters", actor=" VENEZUELA ")
    assert run(graph, "supporters", actor="maduro") == [
        {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "Leader", "facts": 1, "first": "2019-09-25", "last": "2019-09-25"},
    ]
    with pytest.raises(QueryError, match=r"^no actor matches 'Atlantis' \(give an id, name or alias"):
        run(graph, "supporters", actor="Atlantis")


def test_sanctioners(graph):
    assert run(graph, "sanctioners", actor="VEN") == [
        {"id": "USA", "name": "United States", "kind": "State", "facts": 2, "first": "2019-03-10", "last": "2021-06-01"},
        {"id": "EU", "name": "European Union", "kind": "Organization", "facts": 1, "first": "2019-09-25", "last": "2019-09-25"},
    ]
    assert ids(run(graph, "sanctioners", actor="the Kremlin")) == ["EU", "USA"]
    assert ids(run(graph, "sanctioners", actor="Petróleos de Venezuela")) == ["USA"]


def test_sanctions_imposed(graph):
    rows = run(graph, "sanctions-imposed", actor="Washington")
    assert [(r["target"], r["kind"], r["date"], r["articleId"]) for r in rows] == [
        ("pdvsa", "Firm", "2019-01-28", "a2"),
        ("VEN", "State", "2019-03-10", "a2"),
        ("RUS", "State", "2019-09-25", "a3"),
        ("VEN", "State", "2021-06-01", "a5"),
    ]
    assert rows[0] == {
        "target": "pdvsa", "name": "PDVSA", "kind": "Firm", "date": "2019-01-28", "imposedBy": "USA", "context": "economic",
        "sentence": "Washington imposed sanctions on PDVSA on Monday.", "articleId": "a2",
    }
    assert run(graph, "sanctions-imposed", actor="Cuba") == []


def test_trade_partners_in_either_direction(graph):
    assert run(graph, "trade-partners", actor="RUS") == [
        {"id": "CHN", "name": "China", "kind": "State", "facts": 1, "first": "2020-02-18", "last": "2020-02-18"},
        {"id": "VEN", "name": "Venezuela", "kind": "State", "facts": 1, "first": "2019-09-25", "last": "2019-09-25"},
    ]
    assert ids(run(graph, "trade-partners", actor="Venezuela")) == ["CHN", "RUS"]
    assert ids(run(graph, "trade-partners", actor="USA")) == []


def test_common_allies(graph):
    assert run(graph, "common-allies", actor="VEN", other="RUS") == [
        {"id": "CHN", "name": "China", "kind": "State", "factsWithActor": 2, "factsWithOther": 2},
        {"id": "CUB", "name": "Cuba", "kind": "State", "factsWithActor": 1, "factsWithOther": 1},
    ]  # cooperative = every positive type (China supports and trades with both)
    assert run(graph, "common-allies", actor="USA", other="VEN") == []


def test_split_stance_in_both_arrangements(graph):
    expected = [
        {"id": "CHN", "name": "China", "kind": "State", "supports": "VEN", "sanctions": "USA", "supportFacts": 1, "sanctionFacts": 1},
        {"id": "EU", "name": "European Union", "kind": "Organization", "supports": "USA", "sanctions": "VEN", "supportFacts": 1, "sanctionFacts": 1},
    ]
    assert run(graph, "split-stance", actor="VEN", other="USA") == expected
    assert run(graph, "split-stance", actor="USA", other="VEN") == expected
    assert run(graph, "split-stance", actor="RUS", other="RUS") == []


def test_evidence_gives_article_and_sentence_of_each_fact(graph):
    assert run(graph, "evidence", actor="Moscow", other="VEN") == [
        {"subject": "RUS", "relation": "SUPPORTS", "object": "VEN", "date": "2019-01-24",
         "sentence": "Russia voiced support for the government of Venezuela on Thursday, according to Interfax.",
         "sentenceIndex": 0, "articleId": "a1", "title": "Russia, China and Cuba back Caracas", "source": "Test Wire",
         "url": "https://example.org/a1", "confidence": 0.9, "reportedBy": "Interfax"},
        {"subject": "RUS", "relation": "TRADES_WITH", "object": "VEN", "date": "2019-09-25",
         "sentence": "Russia trades with Venezuela.", "sentenceIndex": 2, "articleId": "a3",
         "title": "Brussels and Washington widen sanctions", "source": "Test Daily", "url": "https://example.org/a3",
         "confidence": 1.0, "reportedBy": None},
    ]
    rows = run(graph, "evidence", actor="Washington", other="Caracas")
    assert [(r["relation"], r["date"], r["articleId"], r["sentenceIndex"]) for r in rows] == [
        ("SANCTIONS", "2019-03-10", "a2", 1), ("SANCTIONS", "2021-06-01", "a5", 4),
    ]
    # undated and structural relations are evidence too (dates sort last)
    assert [(r["subject"], r["relation"], r["object"], r["date"]) for r in run(graph, "evidence", actor="EU", other="Cuba")] == [
        ("CUB", "OPPOSES", "EU", None),
    ]
    assert [(r["relation"], r["sentence"]) for r in run(graph, "evidence", actor="maduro", other="VEN")] == [("LEADS", None)]


def test_relations_between_dates_is_inclusive_and_filters_types(graph):
    rows = run(graph, "relations-between-dates", actor="RUS", since="2019-09-01", until="2020-12-31")
    assert [(r["subject"], r["relation"], r["object"], r["date"], r["articleId"]) for r in rows] == [
        ("RUS", "TRADES_WITH", "VEN", "2019-09-25", "a3"),
        ("USA", "SANCTIONS", "RUS", "2019-09-25", "a3"),
        ("CHN", "TRADES_WITH", "RUS", "2020-02-18", "a4"),
        ("EU", "SANCTIONS", "RUS", "2020-02-18", "a4"),
    ]
    assert rows[1]["sentence"] == "Washington also sanctioned Moscow."
    same_day = run(graph, "relations-between-dates", actor="VEN", since="2019-01-24", until="2019-01-24")
    assert [(r["subject"], r["relation"]) for r in same_day] == [("CHN", "SUPPORTS"), ("RUS", "SUPPORTS")]
    only = run(graph, "relations-between-dates", actor="RUS", since="2019-01-01", until="2021-12-31", types="sanctions")
    assert [(r["subject"], r["date"]) for r in only] == [("USA", "2019-09-25"), ("EU", "2020-02-18")]
    assert run(graph, "relations-between-dates", actor="RUS", since="2021-01-01", until="2020-01-01") == []


def test_shortest_chain(graph):
    assert run(graph, "shortest-chain", actor="Cuba", other="PDVSA") == [{
        "hops": 2,
        "actors": ["CUB", "VEN", "pdvsa"],
        "steps": [
            {"from": "CUB", "relation": "SUPPORTS", "to": "VEN", "date": "2019-01-25", "articleId": "a1",
             "sentence": "Cuba said on Friday it stands with Venezuela."},
            {"from": "VEN", "relation": "OWNS", "to": "pdvsa", "date": None, "articleId": None, "sentence": None},
        ],
    }]
    chain = run(graph, "shortest-chain", actor="Putin", other="EU")
    assert [(c["hops"], c["actors"]) for c in chain] == [(2, ["vladimir-putin", "RUS", "EU"])]
    assert [(s["from"], s["relation"], s["to"]) for s in chain[0]["steps"]] == [
        ("vladimir-putin", "LEADS", "RUS"), ("EU", "SANCTIONS", "RUS"),
    ]
    assert run(graph, "shortest-chain", actor="VEN", other="Venezuela") == []


def test_leaders(graph):
    assert run(graph, "leaders", actor="Venezuela") == [
        {"id": "delcy-rodriguez", "name": "Delcy Rodríguez", "role": "Vice President", "country": "VEN"},
        {"id": "nicolas-maduro", "name": "Nicolás Maduro", "role": "President", "country": "VEN"},
    ]
    assert ids(run(graph, "leaders", actor="russian federation")) == ["vladimir-putin"]
    assert run(graph, "leaders", actor="USA") == []


def test_most_sanctioned_counts_states_only(graph):
    assert run(graph, "most-sanctioned") == [
        {"id": "VEN", "name": "Venezuela", "facts": 3, "sanctioners": 2, "first": "2019-03-10", "last": "2021-06-01"},
        {"id": "RUS", "name": "Russia", "facts": 2, "sanctioners": 2, "first": "2019-09-25", "last": "2020-02-18"},
        {"id": "USA", "name": "United States", "facts": 1, "sanctioners": 1, "first": "2020-02-18", "last": "2020-02-18"},
    ]
    assert ids(run(graph, "most-sanctioned", limit=2)) == ["VEN", "RUS"]


def test_new_since_keeps_relations_first_seen_after_the_date(graph):
    rows = run(graph, "new-since", since="2020-01-01")
    assert [(r["subject"], r["relation"], r["object"], r["first"], r["facts"]) for r in rows] == [
        ("CHN", "SANCTIONS", "USA", "2020-02-18", 1),
        ("CHN", "TRADES_WITH", "RUS", "2020-02-18", 1),
        ("EU", "SANCTIONS", "RUS", "2020-02-18", 1),
        ("EU", "SUPPORTS", "USA", "2020-02-18", 1),
        ("CHN", "SUPPORTS", "RUS", "2021-06-01", 1),
        ("CUB", "SUPPORTS", "RUS", "2021-06-01", 1),
        ("VEN", "TRADES_WITH", "CHN", "2021-06-01", 1),
    ]
    # USA SANCTIONS VEN has a new fact on 2021-06-01 but was first seen in 2019: not new
    assert ("USA", "SANCTIONS", "VEN") not in {(r["subject"], r["relation"], r["object"]) for r in run(graph, "new-since", since="2021-01-01")}
    assert len(run(graph, "new-since", since="2020-01-01", limit=3)) == 3


def test_every_example_line_runs_on_the_fixture(graph):
    import shlex

    for query in list_queries():
        words = shlex.split(query.example)
        pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"]
        rows = run_named(graph, query.name, pairs)
        assert rows, f"the example of {query.name} gives no rows on the fixture graph"


def test_dataframe_output(graph):
    frame = run_named(graph, "sanctioners", {"actor": "VEN"}, as_dataframe=True)
    assert list(frame.columns) == ["id", "name", "kind", "facts", "first", "last"]
    assert frame["id"].tolist() == ["USA", "EU"] and frame["facts"].tolist() == [2, 1]
    empty = run_named(graph, "sanctioners", {"actor": "Cuba"}, as_dataframe=True)  # nobody sanctions Cuba here
    assert empty.empty and list(empty.columns) == ["id", "name", "kind", "facts", "first", "last"]


def test_a_neo4j_store_works_as_well_as_a_driver(neo4j_server, graph):
    from diplograph.graph.stores.neo4j_store import Neo4jStore

    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database) as store:
        assert ids(run_named(store, "leaders", {"actor": "RUS"})) == ["vladimir-putin"]


# --- safety and errors on the real server ------------------------------------------------------


def test_a_value_holding_cypher_is_only_a_value(graph):
    before = counts(graph)
    for name, params in [
        ("supporters", {"actor": "x' }) DETACH DELETE n //"}),
        ("supporters", {"actor": 'VEN"}) MATCH (n) DETACH DELETE n //'}),
        ("evidence", {"actor": "RUS", "other": "VEN') OR 1=1 //"}),
    ]:
        # the whole text is looked up as a name: no actor has it, and nothing runs
        with pytest.raises(QueryError, match="^no actor matches "):
            run_named(graph, name, params)
    assert counts(graph) == before


def test_a_write_in_read_mode_is_refused_and_changes_nothing(graph):
    before = counts(graph)
    for text, word in [("CREATE (:Actor:State {id: 'XXX'})", "CREATE"), ("MATCH (n) DETACH DELETE n", "DETACH"),
                       ("MATCH (a:Actor {id: 'VEN'}) SET a.name = 'x'", "SET")]:
        with pytest.raises(QueryError) as caught:
            run_cypher(graph, text)
        # refused before it runs (cypher/readonly.py): a statement begins with a read clause, and
        # no write clause follows
        assert str(caught.value).startswith(f"this Cypher is not read-only ({word}): " if word != "CREATE" else
                                            "this Cypher does not begin with a read clause (CREATE; ")
        assert str(caught.value).endswith("queries run read-only, add --write (write=True) to run it")
    assert counts(graph) == before
    assert run_named(graph, "leaders", {"actor": "VEN"})[1]["name"] == "Nicolás Maduro"


def test_write_true_writes_and_reports_counters(graph):
    before = counts(graph)
    result = execute(graph, "CREATE (:Actor:State {id: $id, name: $name})", {"id": "ZZZ", "name": "Zed"}, write=True)
    assert result.keys == [] and result.rows == [] and result.counters == {"nodes_created": 1, "properties_set": 2, "labels_added": 2}
    assert counts(graph) == (before[0] + 1, before[1])
    execute(graph, "MATCH (a:Actor {id: $id}) DELETE a", {"id": "ZZZ"}, write=True)
    assert counts(graph) == before


def test_malformed_cypher_is_one_clear_line(graph):
    with pytest.raises(QueryError) as caught:
        run_cypher(graph, "MATCH (n) RETRN n")
    assert str(caught.value) == "malformed Cypher: Invalid input 'RETRN' (line 1, column 11 (offset: 10))"


def test_missing_parameter_in_free_cypher(graph):
    with pytest.raises(QueryError) as caught:
        run_cypher(graph, "MATCH (a:Actor {id: $id}) RETURN a")
    assert str(caught.value) == "Expected parameter(s): id (give it with --param key=value)"


def test_timeout_stops_a_long_query(graph):
    with pytest.raises(QueryError) as caught:
        run_cypher(graph, "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n", timeout=0.5)
    assert str(caught.value) == "the query did not finish within 0.5 s and was stopped (raise it with --timeout)"


def test_values_come_back_plain(graph):
    rows = run_cypher(
        graph,
        "MATCH p = (s:Actor {id: 'VEN'})-[r:OWNS]->(f:Firm) "
        "RETURN s AS node, r AS rel, p AS path, date('2020-02-29') AS day, duration('P1D') AS span, [date('2020-01-01')] AS days",
    )
    row = rows[0]
    assert row["node"]["labels"] == ["Actor", "State"] and row["node"]["properties"]["id"] == "VEN"
    assert row["rel"] == {"type": "OWNS", "start": "VEN", "end": "pdvsa", "properties": {"key": row["rel"]["properties"]["key"],
                          "confidence": 1.0, "extractor": "test-fixture"}}
    assert [n["properties"]["id"] for n in row["path"]["nodes"]] == ["VEN", "pdvsa"]
    assert row["day"] == "2020-02-29" and row["span"] == "P1D" and row["days"] == ["2020-01-01"]
    assert to_plain({"d": dt.date(2020, 1, 2)}) == {"d": "2020-01-02"}


def test_unreachable_server_is_a_store_error():
    driver = neo4j.GraphDatabase.driver("bolt://127.0.0.1:1", auth=("neo4j", "secret-not-shown"), max_transaction_retry_time=0)
    with pytest.raises(StoreError) as caught:
        run_cypher(driver, "RETURN 1")
    assert str(caught.value).startswith("cannot reach Neo4j") and "secret-not-shown" not in str(caught.value)
    assert isinstance(caught.value, DiplographError)
    driver.close()
