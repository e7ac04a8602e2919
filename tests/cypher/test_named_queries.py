"""The named Cypher queries: their catalogue (cypher/catalogue.py), parameters (params.py) and runs (run.py).

Header parsing and parameter typing are tested without a server; every named query is then run
on the hand-made graph of ``tests/cypher_graph.py`` on a real Neo4j server (conftest.py), and
its rows are compared with answers worked out by hand from the fact list in that module.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import neo4j
import pytest

from cypher_graph import counts, load_graph
from diplograph.cypher.catalogue import QUERY_DIR, QueryFileError, get_query, list_queries, parse_query_file, readme_table
from diplograph.cypher.params import bind_free_params, bind_params, parse_pairs, parse_value
from diplograph.cypher.run import execute, run_cypher, run_named, to_plain
from diplograph.graph.model.errors import DiplographError, QueryError, StoreError
from diplograph.graph.model.vocabulary import RelationType
from locations import ROOT

REQUIRED = {
    "supporters", "sanctioners", "sanctions-imposed", "trade-partners", "common-allies", "split-stance",
    "evidence", "relations-between-dates", "shortest-chain", "leaders", "most-sanctioned", "new-since",
}

GOOD_HEADER = """\
// name: {name}
// description: A test query.
// param: actor: string — an actor
// param: limit: int = 5 — how many
// example: diplograph query {name} --param actor=VEN
// returns: id, name
MATCH (a:Actor) WHERE a.id = $actor RETURN a.id AS id, a.name AS name LIMIT $limit
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return path


# --- headers, without a server -------------------------------------------------------------


def test_every_required_query_is_there_with_a_valid_header():
    queries = {q.name: q for q in list_queries()}
    assert REQUIRED <= set(queries)
    for query in queries.values():
        assert query.path.parent == QUERY_DIR and query.path.stem == query.name
        assert query.description and query.returns and query.example.startswith(f"diplograph query {query.name}")


def test_header_is_parsed_into_typed_params(tmp_path):
    query = parse_query_file(write(tmp_path, "demo", GOOD_HEADER.format(name="demo")))
    assert query.name == "demo" and query.description == "A test query."
    assert [(p.name, p.type, p.required, p.default) for p in query.params] == [("actor", "string", True, None), ("limit", "int", False, 5)]
    assert query.returns == ("id", "name")
    assert query.params[1].describe() == "limit: int = 5 — how many"


@pytest.mark.parametrize(
    "drop, message",
    [
        ("// name: demo\n", "header has no '// name:' line"),
        ("// description: A test query.\n", "header has no '// description:' line"),
        ("// returns: id, name\n", "header has no '// returns:' line"),
        ("// example: diplograph query demo --param actor=VEN\n", "header has no '// example:' line"),
    ],
)
def test_a_missing_header_line_is_an_error_naming_the_file(tmp_path, drop, message):
    path = write(tmp_path, "demo", GOOD_HEADER.format(name="demo").replace(drop, ""))
    with pytest.raises(QueryFileError) as caught:
        parse_query_file(path)
    assert str(caught.value) == f"{path}: {message}"


def test_missing_params_is_an_error_and_param_none_is_allowed(tmp_path):
    no_params = "// name: bare\n// description: d\n// example: diplograph query bare\n// returns: n\nRETURN 1 AS n\n"
    path = write(tmp_path, "bare", no_params)
    with pytest.raises(QueryFileError, match=r"bare\.cypher: header has no '// param:' line"):
        parse_query_file(path)
    path.write_text(no_params.replace("// returns", "// param: none\n// returns"), encoding="utf-8")
    assert parse_query_file(path).params == ()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("// param: limit: int = 5 — how many", "// param: limit: integer — how many", r":4: parameter type 'integer' is not one of"),
        ("// param: limit: int = 5 — how many", "// param: limit int", r":4: param line must read"),
        ("// param: limit: int = 5 — how many", "// param: limit: int = five — how many", r":4: bad default: parameter 'limit' must be an int"),
        ("// name: {name}", "// name: other", r":1: query name 'other' differs from the file name 'demo.cypher'"),
        ("// returns: id, name", "// returns: id name", r":6: returns must be distinct column names"),
        ("// returns: id, name", "// returns: id, name\n// retruns: x", r":7: unknown header key 'retruns'"),
        ("--param actor=VEN", "", r":5: example does not run: query 'demo' needs parameter 'actor'"),
        ("LIMIT $limit", "LIMIT $limt", r"the Cypher uses undeclared parameter\(s\): limt"),
        ("// param: actor: string — an actor", "// param: actor: string — an actor\n// param: unused: bool — never used", r"declared parameter\(s\) not used by the Cypher: unused"),
    ],
)
def test_malformed_headers_are_one_line_errors_with_file_and_line(tmp_path, old, new, message):
    text = GOOD_HEADER.replace(old, new).format(name="demo")
    path = write(tmp_path, "demo", text)
    with pytest.raises(QueryFileError) as caught:
        parse_query_file(path)
    assert str(caught.value).startswith(str(path))
    assert re.search(message, str(caught.value)) and "\n" not in str(caught.value)


def test_relationship_types_in_the_queries_come_from_the_vocabulary():
    vocabulary = {r.value for r in RelationType} | {"MENTIONS"}
    for query in list_queries():
        body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("//"))
        for group in re.findall(r"\[\s*\w*\s*:\s*([A-Z_|]+)", body):
            assert set(group.split("|")) <= vocabulary, (query.name, group)


def test_shortest_chain_follows_every_relationship_type_of_the_vocabulary():
    body = get_query("shortest-chain").text
    group = re.search(r"shortestPath\(\(a\)-\[:([A-Z_|]+)\*", body).group(1)
    assert set(group.split("|")) == {r.value for r in RelationType}


def test_unknown_query_name_suggests_close_names():
    with pytest.raises(QueryError) as caught:
        get_query("suporters")
    assert str(caught.value) == "unknown query 'suporters'; did you mean 'supporters'? (`diplograph query --list` shows them all)"
    with pytest.raises(QueryError, match=r"unknown query 'zzz'; known queries: common-allies, evidence, "):
        get_query("zzz")


# --- parameter values ------------------------------------------------------------------------


def test_values_are_parsed_by_their_declared_type():
    assert parse_value("int", " 42 ") == 42
    assert parse_value("float", "0.25") == 0.25
    assert parse_value("date", "2019-01-24") == dt.date(2019, 1, 24)
    assert parse_value("list<string>", "SUPPORTS, SANCTIONS,,") == ["SUPPORTS", "SANCTIONS"]
    assert parse_value("list<string>", "") == []
    assert parse_value("bool", "TRUE") is True and parse_value("bool", "no") is False
    assert parse_value("string", " Caracas ") == " Caracas "


@pytest.mark.parametrize(
    "type_name, text, message",
    [
        ("int", "abc", "parameter 'limit' of query 'q' must be an int (a whole number such as 10), got 'abc'"),
        ("int", "2.5", "parameter 'limit' of query 'q' must be an int (a whole number such as 10), got '2.5'"),
        ("float", "nan", "parameter 'limit' of query 'q' must be a float (a number such as 0.5), got 'nan'"),
        ("date", "2019-02-30", "parameter 'limit' of query 'q' must be a date (YYYY-MM-DD, such as 2019-01-24), got '2019-02-30'"),
        ("date", "24/01/2019", "parameter 'limit' of query 'q' must be a date (YYYY-MM-DD, such as 2019-01-24), got '24/01/2019'"),
        ("bool", "maybe", "parameter 'limit' of query 'q' must be a bool (true or false), got 'maybe'"),
    ],
)
def test_mistyped_values_are_one_line_errors(type_name, text, message):
    with pytest.raises(QueryError) as caught:
        parse_value(type_name, text, name="limit", query="q")
    assert str(caught.value) == message


def test_bind_params_fills_defaults_and_reports_missing_unknown_and_mistyped():
    query = get_query("most-sanctioned")
    assert bind_params(query, {}) == {"limit": 10}
    assert bind_params(query, {"limit": "3"}) == {"limit": 3}
    assert bind_params(query, {"limit": 3}) == {"limit": 3}
    with pytest.raises(QueryError, match=r"^query 'most-sanctioned' has no parameter 'limt'; did you mean 'limit'\?$"):
        bind_params(query, {"limt": "3"})
    with pytest.raises(QueryError, match=r"must be an int, got bool True"):
        bind_params(query, {"limit": True})
    between = get_query("relations-between-dates")
    with pytest.raises(QueryError) as caught:
        bind_params(between, {"actor": "RUS", "since": "2019-01-01"})
    assert str(caught.value) == (
        "query 'relations-between-dates' needs parameter 'until' (date: last day of the range (YYYY-MM-DD), inclusive); "
        "give it with --param until=..."
    )
    assert bind_params(between, {"actor": "RUS", "since": dt.date(2019, 1, 1), "until": "2019-12-31", "types": "SUPPORTS"}) == {
        "actor": "RUS", "since": dt.date(2019, 1, 1), "until": dt.date(2019, 12, 31), "types": ["SUPPORTS"],
    }


def test_key_value_pairs_and_free_cypher_params():
    assert parse_pairs(["actor=VEN", "q=a=b"]) == {"actor": "VEN", "q": "a=b"}
    with pytest.raises(QueryError, match=r"^parameter 'actor' must be written key=value$"):
        parse_pairs(["actor"])
    with pytest.raises(QueryError, match=r"^parameter 'a' is given twice$"):
        parse_pairs(["a=1", "a=2"])
    assert bind_free_params({"n": "5", "x": "0.5", "flag": "true", "s": "VEN", "d:date": "2020-01-01", "id:string": "42"}) == {
        "n": 5, "x": 0.5, "flag": True, "s": "VEN", "d": dt.date(2020, 1, 1), "id": "42",
    }


def test_embedded_store_is_told_to_use_neo4j_for_a_query_without_sql_twin(tmp_path):
    from diplograph.graph.stores.sqlite_store import SQLiteStore

    with SQLiteStore(tmp_path / "g.sqlite") as store:
        with pytest.raises(QueryError, match=r"runs on Neo4j only.*Cypher queries need a Neo4j store.*diplograph neo4j start.*NEO4J_URI"):
            run_named(store, "shortest-chain", {"actor": "VEN", "other": "RUS"})


def test_readme_lists_every_query():
    # the repository's copy (a non-editable install carries no README next to the queries)
    readme = (ROOT / "cypher" / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "cypher/README.md is stale: regenerate its table with readme_table()"


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
