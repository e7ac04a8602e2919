"""The store counts (issue 12): the graph aggregated by the store's query equals the graph
the analysis builds from every fact, on the project corpus and on generated data.

``old`` is :func:`state_graph` / :func:`actor_graph` of ``iter_facts`` (every fact in Python);
``new`` is :func:`tie_graph` of the store's :meth:`ties` (one aggregate query). They must agree
on nodes and their attributes, every edge's sums and counts, the facts used and every count
of facts left out by reason; and the evidence query must give each tie's facts with the
weights :func:`weighted_facts` gives them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.graph.analysis import AnalysisOptions, EventRule, EventWeight, actor_graph, state_graph, weighted_facts
from diplograph.graph.analysis.ties import edge_weights, tie_graph
from diplograph.graph.cli import app
from diplograph.graph.stores.sqlite_store import SQLiteStore
from locations import DATA, ROOT

CORPUS = DATA / "corpus35" / "articles.jsonl"

CASES = [
    pytest.param({}, id="plain"),
    pytest.param({"organizations": True}, id="organizations"),
    pytest.param({"half_life_days": 180.0}, id="half-life"),
    pytest.param({"since": "2016-06-01", "until": "2020-12-31"}, id="window"),
    pytest.param({"half_life_days": 30.0, "since": "2019-01-01", "organizations": True}, id="all"),
]


def _make_store():
    spec = importlib.util.spec_from_file_location("make_store", ROOT / "bench" / "make_store.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "facts.sqlite"
    counts = _make_store().build(path, 30_000, seed=3)
    assert counts["facts"] == 30_000 and counts["actors"] == 3230
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    result = CliRunner().invoke(app, ["load", str(CORPUS), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _both(path: Path, level: str = "state", **kw):
    since, until = kw.get("since"), kw.get("until")
    options = AnalysisOptions(**kw, event_rule=EventRule.EVERY)  # what the store counts
    with SQLiteStore(path, readonly=True) as store:
        facts = list(store.iter_facts(since=since, until=until))
        old = state_graph(facts, options) if level == "state" else actor_graph(facts, options)
        ties = store.ties(since=since, until=until, organizations=options.organizations, level=level,
                          by_day=options.half_life_days is not None)
    new = tie_graph(ties, options, level=level)
    return facts, old, new, ties


def _assert_same(old, new) -> None:
    assert dict(old.nodes(data=True)) == dict(new.nodes(data=True))
    assert set(old.edges()) == set(new.edges())
    for u, v, d in old.edges(data=True):
        e = new[u][v]
        for k in ("facts", "positiveFacts", "negativeFacts"):
            assert e[k] == d[k], (u, v, k)
        for k in ("positive", "negative", "weight"):
            assert e[k] == pytest.approx(d[k], rel=1e-9, abs=1e-12), (u, v, k)
    assert new.graph == old.graph


@pytest.mark.parametrize("kw", CASES)
def test_generated_store_graph_is_the_graph_of_every_fact(generated, kw):
    facts, old, new, ties = _both(generated, **kw)
    _assert_same(old, new)
    # what is left out is all there: every fact read is used, duplicate or excluded for one reason
    assert ties.facts == len(facts)
    assert old.graph["facts"] + sum(old.graph["excluded"].values()) == len(facts)
    assert min(old.graph["excluded"][k] for k in ("neutral", "noState", "leaderNotForState", "selfLoop", "duplicateMention")) > 0
    assert len(new) == (230 if kw.get("organizations") else 200) and new.number_of_edges() > 8_000


def test_generated_store_actor_level(generated):
    _, old, new, _ = _both(generated, level="actor")
    _assert_same(old, new)
    assert len(new) > 3000


@pytest.mark.parametrize("kw", CASES[:3])
def test_corpus_store_graph_is_the_graph_of_every_fact(corpus, kw):
    facts, old, new, ties = _both(corpus, **kw)
    _assert_same(old, new)
    assert ties.facts == len(facts) and old.number_of_edges() > 20
    assert {"USA", "RUS", "UKR"} <= set(new)


@pytest.mark.parametrize("kw", [CASES[0], CASES[4]])
def test_evidence_query_gives_each_tie_its_facts_and_weights(generated, corpus, kw):
    for path in (generated, corpus):
        facts, old, new, _ = _both(path, **kw)
        wf = weighted_facts(facts, AnalysisOptions(**kw, event_rule=EventRule.EVERY))
        weight_of = dict(zip(wf["key"], wf["weight"]))
        ranked = sorted(old.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))[:8]
        with SQLiteStore(path, readonly=True) as store:
            for u, v, d in ranked:
                found = store.tie_facts([u, v], since=kw.get("since"), until=kw.get("until"),
                                        organizations=kw.get("organizations", False),
                                        dated=kw.get("half_life_days") is not None)
                weights = edge_weights(found, u, v, half_life_days=kw.get("half_life_days"),
                                       reference_date=new.graph["referenceDate"])
                assert sorted(weights) == sorted(d["factKeys"])
                for key, w in weights.items():
                    assert w == pytest.approx(weight_of[key], rel=1e-9, abs=1e-12)
                stored = store.facts_by_key(list(weights)[:3])
                assert [f.key for f in stored] == sorted(list(weights)[:3])


def _tie_rows(ties) -> list[tuple]:
    """The rows of ``ties`` but their weights (summed in another order by each store), sorted."""
    columns = ["source", "target", "relation", "day", "facts", "weighted", "first", "last"]
    return sorted(ties.rows[columns].astype(object).itertuples(index=False, name=None), key=repr)


def test_neo4j_store_aggregates_like_sqlite(generated, corpus, neo4j_store, monkeypatch):
    """The Cypher aggregate gives the graph the SQLite query gives (both equal to the graph
    of every fact above), on the corpus and on 30,000 generated facts synced to Neo4j, under
    every event rule; so do the sample and the evidence of the strongest tie. The facts are
    read in parts of about 1,500 (a few nodes each), so events and distinct counts that
    span parts are checked too."""
    from diplograph.graph.reports import actor_report
    from diplograph.graph.stores import neo4j_ties
    from diplograph.graph.stores.sync import sync_stores

    monkeypatch.setattr(neo4j_ties, "PART_FACTS", 3000)

    cases = [({}, EventRule.EVERY, EventWeight.ONE),
             ({"organizations": True, "half_life_days": 60.0, "since": "2016-01-01"}, EventRule.EVERY, EventWeight.ONE),
             ({}, EventRule.DAY, EventWeight.ONE),
             ({"half_life_days": 60.0}, EventRule.DAY, EventWeight.SOURCES),
             ({"since": "2016-01-01"}, EventRule.SOURCE, EventWeight.SOURCES)]
    for path in (corpus, generated):
        neo4j_store.clear()
        with SQLiteStore(path, readonly=True) as source:
            sync_stores(source, neo4j_store)
        for kw, rule, weight in cases:
            options = AnalysisOptions(**kw, event_rule=rule, event_weight=weight)
            rules = {"event_rule": rule.value, "event_weight": weight.value}
            by_day = kw.get("half_life_days") is not None
            with SQLiteStore(path, readonly=True) as source:
                facts = list(source.iter_facts(since=kw.get("since")))
                sqlite_ties = source.ties(since=kw.get("since"), organizations=options.organizations, by_day=by_day, **rules)
                sqlite_sample = source.tie_sample(since=kw.get("since"), organizations=options.organizations, dated=by_day, **rules)
            old = state_graph(facts, options)
            ties = neo4j_store.ties(since=kw.get("since"), organizations=options.organizations, by_day=by_day, **rules)
            graph = tie_graph(ties, options)
            _assert_same(old, graph)
            assert ties.facts == sqlite_ties.facts
            assert _tie_rows(ties) == _tie_rows(sqlite_ties)  # counted first and last days of each tie included
            assert neo4j_store.tie_sample(since=kw.get("since"), organizations=options.organizations, dated=by_day,
                                          **rules) == sqlite_sample
            wf = weighted_facts(facts, options)
            weight_of = dict(zip(wf["key"], wf["weight"]))
            u, v, d = max(old.edges(data=True), key=lambda e: (abs(e[2]["weight"]), e[0], e[1]))
            found = neo4j_store.tie_facts([u, v], since=kw.get("since"), organizations=options.organizations,
                                          dated=by_day, **rules)
            weights = edge_weights(found, u, v, half_life_days=kw.get("half_life_days"), reference_date=graph.graph["referenceDate"])
            assert sorted(weights) == sorted(d["factKeys"])
            for key, w in weights.items():
                assert w == pytest.approx(weight_of[key], rel=1e-9, abs=1e-12)
            keys = sorted(d["factKeys"])[:3]
            assert [f.key for f in neo4j_store.facts_by_key(keys)] == keys
            if rule is EventRule.EVERY:  # a state's report: its graph counted, the facts of its actors read by index
                with SQLiteStore(path, readonly=True) as source:
                    in_sqlite = actor_report(source, u, options, seed=1).data
                in_neo4j = actor_report(neo4j_store, u, options, seed=1).data
                assert in_neo4j.pop("origin") == "neo4j store" and in_sqlite.pop("origin") == "sqlite store"
                _same_json(in_sqlite, in_neo4j)
                assert in_neo4j["factsCounted"] > 0


def test_anchor_parts_keep_the_actors_of_a_node_together_within_the_budget():
    """Actors of one node share a part; nodes go largest first into the first part with room;
    an actor with no node goes anywhere; a node over the budget is a part of its own."""
    from diplograph.graph.stores.neo4j_ties import anchor_parts

    actors = [("usa", "USA", 40), ("biden", "USA", 30), ("fra", "FRA", 50), ("macron", "FRA", 10),
              ("rebel", None, 20), ("deu", "DEU", 25), ("chn", "CHN", 200)]
    assert anchor_parts(actors, 100) == [["chn"], ["usa", "biden", "deu"], ["fra", "macron", "rebel"]]
    assert anchor_parts([], 100) == [[]]


def _as_previous_release(path: Path) -> None:
    """Make ``path`` a store as an earlier release wrote it: schema 1, without the indexes of
    schema 2 and the article digests of schema 3."""
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("DROP INDEX facts_ends")
    db.execute("DROP INDEX facts_cameo")
    db.execute("DROP INDEX articles_digest")
    db.execute("ALTER TABLE articles DROP COLUMN digest")
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()


def _state(path: Path) -> tuple[int, set[str]]:
    import sqlite3

    db = sqlite3.connect(path)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    finally:
        db.close()
    return version, indexes


def test_store_of_the_previous_release_is_migrated_in_place_when_opened(corpus, tmp_path):
    import shutil

    path = tmp_path / "old.sqlite"
    shutil.copy(corpus, path)
    _as_previous_release(path)
    assert _state(path)[0] == 1 and "facts_ends" not in _state(path)[1]
    with SQLiteStore(path, readonly=True) as store:  # a report's open migrates it
        graph = tie_graph(store.ties())
    version, indexes = _state(path)
    assert version == 3 and {"facts_ends", "facts_cameo", "facts_subject", "articles_digest"} <= indexes
    _, old, new, _ = _both(corpus)
    _assert_same(old, graph)


def test_a_failed_migration_leaves_the_store_as_it_was(corpus, tmp_path, monkeypatch):
    import shutil

    from diplograph.graph.model.errors import StoreError
    from diplograph.graph.stores import sqlite_store

    path = tmp_path / "old.sqlite"
    shutil.copy(corpus, path)
    _as_previous_release(path)
    monkeypatch.setitem(sqlite_store.MIGRATIONS, 2, (*sqlite_store.MIGRATIONS[2], "CREATE INDEX broken ON facts(no_such_column)"))
    with pytest.raises(StoreError, match="no_such_column"):
        SQLiteStore(path)
    assert _state(path) == (1, _state(corpus)[1] - {"facts_ends", "facts_cameo", "articles_digest"})


def test_an_old_store_that_cannot_be_written_is_refused_clearly(corpus, tmp_path, monkeypatch):
    import shutil

    from diplograph.graph.model.errors import StoreError
    from diplograph.graph.stores import sqlite_store

    path = tmp_path / "old.sqlite"
    shutil.copy(corpus, path)
    _as_previous_release(path)
    monkeypatch.setattr(sqlite_store.os, "access", lambda *_: False)  # a read-only file system (tests may run as root)
    with pytest.raises(StoreError, match=r"older release \(store schema 1\) and cannot be written"):
        SQLiteStore(path, readonly=True)
    assert _state(path)[0] == 1


def _same_json(a, b, where="") -> None:
    """Equal JSON values, floats to 1e-9 relative (the store sums in another order)."""
    if isinstance(a, float) or isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-9, abs=2e-6), where  # rounded to 6 decimals: one unit may flip
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            _same_json(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same_json(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


@pytest.mark.parametrize("kw", [CASES[0], CASES[4]])
def test_reports_counted_by_the_store_equal_reports_of_every_fact(generated, corpus, kw):
    """centrality and blocs reports of a store (aggregated by the store, evidence by targeted
    queries) equal those built from every fact in memory (collect), number for number."""
    from diplograph.graph.reports import blocs_report, centrality_report, collect
    from diplograph.graph.reports import aggregate

    options = AnalysisOptions(**kw, event_rule=EventRule.EVERY)  # what the store counts
    for path in (corpus, generated):
        with SQLiteStore(path, readonly=True) as store:
            old = centrality_report(collect(store, options), options, seed=1)
            new = centrality_report(aggregate(store, options), options, seed=1)
            _same_json(old.data, new.data)
            assert sum(t["class"] == "cooperative" for t in new.data["ties"]) == 10 and all(t["evidence"] for t in new.data["ties"])
            assert new.data["sample"]["facts"] == new.data["summary"]["factsUsed"] and new.data["timeline"]["months"]
            assert len(new.data["network"]["ties"]) == min(400, new.data["summary"]["ties"])
            _same_json(blocs_report(collect(store, options), options).data, blocs_report(store, options).data)


@pytest.mark.parametrize("kw", [CASES[0], CASES[2], CASES[4]])
def test_changes_counted_by_the_store_equal_changes_of_every_fact(generated, corpus, kw):
    """The changes report of a store splits at the median day of the counted facts in memory,
    and ranks each state in each window as the graph of every fact of that window does (the
    store reads a window's facts, and leaders' titles, from that window only); on the corpus
    it is the report of every fact, number for number."""
    from dataclasses import replace

    from diplograph.graph.analysis import rank_changes
    from diplograph.graph.reports import changes_report, collect
    from diplograph.graph.reports.changes import _split_range, _within

    options = AnalysisOptions(**kw, event_rule=EventRule.EVERY)
    for path, windows in ((corpus, (("2014-01-01", "2021-12-31"), ("2022-01-01", "2025-12-31"))),
                          (generated, (("2015-01-01", "2019-12-31"), ("2020-01-01", "2024-12-31")))):
        with SQLiteStore(path, readonly=True) as store:
            read = collect(store, options)
            split = _split_range(read.dated_counts(replace(options, half_life_days=None)))
            for window_a, window_b in ((None, None), windows):
                new = changes_report(store, options, window_a=window_a, window_b=window_b, seed=1).data
                wanted = tuple(_within(w, options) for w in (window_a, window_b)) if window_a else split
                assert [(new[w]["since"], new[w]["until"]) for w in ("windowA", "windowB")] == list(wanted)
                graphs = [state_graph(list(store.iter_facts(since=w[0], until=w[1])), replace(options, since=w[0], until=w[1]))
                          for w in wanted]
                old = rank_changes(*graphs, *wanted, seed=1)
                rows = {r["id"]: r for r in new["rows"]}
                assert sorted(rows) == sorted(r.id for r in old.rows)
                for row in old.rows:
                    for name, value in row.to_json().items():
                        _same_json(value, rows[row.id][name], f"{row.id}.{name}")
                assert new["rose"] and len(rows) > 10, path
                if path == corpus:
                    _same_json(changes_report(read, options, window_a=window_a, window_b=window_b, seed=1).data, new)


@pytest.mark.parametrize("kw", [CASES[0], CASES[4]])
def test_actor_report_of_a_store_equals_the_report_of_every_fact(generated, corpus, kw):
    """The actor report of a store (the graph counted by the store, the facts of the node's
    actors read by index) equals the report built from every fact of the window in memory,
    for a state, a leader acting for it, a leader who does not, a firm and an organisation."""
    from diplograph.graph.model.vocabulary import ActorKind
    from diplograph.graph.reports import actor_report, collect

    options = AnalysisOptions(**kw, event_rule=EventRule.EVERY)
    for path in (corpus, generated):
        with SQLiteStore(path, readonly=True) as store:
            read = collect(store, options)
            often = read.frame["subject"].value_counts()  # the most frequent subjects first
            tied = [read.actors[i] for i in often.index]
            leaders_out = set(read.frame.attrs["notForState"])
            chosen = [next(a for a in tied if a.kind is kind and (a.id in leaders_out) is out)
                      for kind, out in ((ActorKind.STATE, False), (ActorKind.LEADER, False), (ActorKind.FIRM, False),
                                        (ActorKind.ORGANIZATION, False), (ActorKind.LEADER, True))
                      if any(a.kind is kind and (a.id in leaders_out) is out for a in tied)]
            assert len(chosen) >= (3 if path == corpus else 5), chosen  # the corpus names no firm
            for actor in chosen:
                old = actor_report(read, actor.id, options, seed=1).data
                new = actor_report(store, actor.id, options, seed=1).data
                _same_json(old, new, actor.id)
                assert new["facts"], actor.id


@pytest.mark.parametrize("kw", CASES)
def test_sample_and_timeline_counted_by_the_store_equal_those_of_every_fact(generated, corpus, kw):
    """The store's aggregates (tie_sample, ties by day) give the report's sample, the facts and
    sources of each node, and the timeline (both classes a month, a tie's net a month) that the
    facts in memory give."""
    from diplograph.graph.reports import aggregate, collect

    options = AnalysisOptions(**kw, event_rule=EventRule.EVERY)
    for path in (corpus, generated):
        with SQLiteStore(path, readonly=True) as store:
            old, new = collect(store, options), aggregate(store, options)
            assert new.sample(options) == old.sample(options)
            G = old.graph(options)
            u, v, _ = max(G.edges(data=True), key=lambda e: (abs(e[2]["weight"]), e[0], e[1]))
            tie = (u, v, u, v)
            _same_json(old.timeline(G, options, tie), new.timeline(new.graph(options), options, tie))
            sample, by_node = new.sample(options)
            assert sample["facts"] == G.graph["facts"] and len(by_node) == len(G)


RULES_CASES = [
    pytest.param(EventRule.DAY, EventWeight.ONE, {}, id="day"),
    pytest.param(EventRule.DAY, EventWeight.SOURCES, {"half_life_days": 30.0, "since": "2019-01-01", "organizations": True},
                 id="day-sources-all"),
    pytest.param(EventRule.SOURCE, EventWeight.ONE, {"half_life_days": 180.0}, id="source-half-life"),
    pytest.param(EventRule.SOURCE, EventWeight.SOURCES, {"since": "2016-06-01", "until": "2020-12-31"}, id="source-sources-window"),
]


@pytest.mark.parametrize("rule, weight, kw", RULES_CASES)
def test_the_store_merges_coded_events_by_the_event_rule_as_the_facts_in_memory_do(generated, rule, weight, kw):
    """Under each event rule and weighting the store's aggregate (SQL) gives the graph the facts
    in memory give (:func:`merge_coded_events`): edges, weights, every count left out, and as
    many merged codings (``duplicateEvent``) as the generated re-codings make; the evidence of
    a tie holds the codings that count with their weights (times their sources)."""
    options = AnalysisOptions(**kw, event_rule=rule, event_weight=weight)
    since, until, dated = kw.get("since"), kw.get("until"), kw.get("half_life_days") is not None
    with SQLiteStore(generated, readonly=True) as store:
        facts = list(store.iter_facts(since=since, until=until))
        old = state_graph(facts, options)
        ties = store.ties(since=since, until=until, organizations=options.organizations, by_day=dated,
                          event_rule=rule.value, event_weight=weight.value)
        new = tie_graph(ties, options)
        _assert_same(old, new)
        merged = old.graph["excluded"]["duplicateEvent"]
        # one coded event in ten is re-coded (a quarter of those from the same page): the day rule merges them all
        assert (merged > 1000) if rule is EventRule.DAY else (100 < merged < 700), merged
        wf = weighted_facts(facts, options)
        weight_of = dict(zip(wf["key"], wf["weight"]))
        for u, v, d in sorted(old.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))[:5]:
            found = store.tie_facts([u, v], since=since, until=until, organizations=options.organizations, dated=dated,
                                    event_rule=rule.value, event_weight=weight.value)
            weights = edge_weights(found, u, v, half_life_days=kw.get("half_life_days"), reference_date=new.graph["referenceDate"])
            assert sorted(weights) == sorted(d["factKeys"])
            for key, w in weights.items():
                assert w == pytest.approx(weight_of[key], rel=1e-9, abs=1e-12)


def test_a_store_report_under_the_default_day_rule_is_counted_by_the_store(generated):
    """The default rule (one event a pair, root code and day) is applied by the store: the
    report of a store with coded events is the report of its facts in memory, number for number."""
    from diplograph.graph.reports import centrality_report, collect
    from diplograph.graph.reports.inputs import StoreTies, tie_input

    options = AnalysisOptions(half_life_days=365.0)
    with SQLiteStore(generated, readonly=True) as store:
        assert isinstance(tie_input(store, options), StoreTies)
        report = centrality_report(store, options, seed=1)
        assert report.data["sample"]["codedEvents"] > 0 and report.data["summary"]["excluded"]["duplicateEvent"] > 1000
        _same_json(report.data, centrality_report(collect(store, options), options, seed=1).data)


@pytest.mark.parametrize("kw", [
    pytest.param({}, id="plain"),
    pytest.param({"dated": True, "since": "2016-06-01", "until": "2020-12-31", "organizations": True}, id="dated-window"),
])
@pytest.mark.parametrize("rule", ["day", "every"])
def test_the_columnar_pass_counts_the_ties_and_sample_of_the_sql_path(generated, corpus, kw, rule, monkeypatch):
    """The columnar pass (facts events may merge ranked a bucket at a time from files, articles'
    outlets by rowid) gives the rows and sample of the SQL path; its sample counted with the
    ties (``sample=True``) is the sample counted alone, and ties without it keep none."""
    from diplograph.graph.stores import sqlite_ties

    since, until, organizations, dated = kw.get("since"), kw.get("until"), kw.get("organizations", False), kw.get("dated", False)
    ties_kw = {"since": since, "until": until, "organizations": organizations, "by_day": dated, "event_rule": rule}
    sample_kw = {"since": since, "until": until, "organizations": organizations, "dated": dated, "event_rule": rule}
    for path in (generated, corpus):
        with SQLiteStore(path, readonly=True) as store:
            alone = store.tie_sample(**sample_kw)
        with SQLiteStore(path, readonly=True) as store:
            plain = store.ties(**ties_kw)
            assert sqlite_ties._kept_sample(store._db, [since, until, organizations, dated, rule, "one"]) is None
            columnar = store.ties(**ties_kw, sample=True)
            assert store.tie_sample(**sample_kw) == alone
        with monkeypatch.context() as patched:
            patched.setattr(sqlite_ties, "columnar_path", lambda db: None)
            with SQLiteStore(path, readonly=True) as store:
                sql = store.ties(**ties_kw, sample=True)
                assert store.tie_sample(**sample_kw) == alone
        assert len(sql.rows) > (1000 if path == generated else 0)
        for ties in (plain, columnar):
            assert ties.facts == sql.facts and ties.excluded == sql.excluded
            assert _tie_rows(ties) == _tie_rows(sql)
            assert _weights(ties) == pytest.approx(_weights(sql), rel=1e-9, abs=1e-12)


def _weights(ties) -> dict[str, float]:
    """The weight of each row of ``ties`` by its (source, target, relation, day)."""
    rows = ties.rows
    return {repr(key): w for key, w in zip(zip(rows["source"], rows["target"], rows["relation"], rows["day"].astype(object)),
                                           rows["weight"].tolist())}


def test_export_counted_by_the_store_has_the_numbers_of_every_fact(corpus, tmp_path):
    import networkx as nx

    from diplograph.graph.export import publishable_graph

    out = tmp_path / "graph.graphml"
    result = CliRunner().invoke(app, ["export", "--store", str(corpus), "--format", "graphml", "--output", str(out)])
    assert result.exit_code == 0, result.output
    exported = nx.read_graphml(out)
    facts, old, _, _ = _both(corpus)
    dated = publishable_graph(old, facts)  # first and last day of each tie from its facts
    assert set(exported.edges()) == set(old.edges())
    for u, v, d in dated.edges(data=True):
        assert (exported[u][v].get("start"), exported[u][v].get("end")) == (d["start"], d["end"]), (u, v)
    assert exported.nodes["USA"]["country"] == "USA" and exported.graph.get("mode") == "dynamic"
    for u, v, d in old.edges(data=True):
        assert exported[u][v]["signedWeight"] == pytest.approx(d["weight"], rel=1e-9)
        assert exported[u][v]["weight"] == pytest.approx(max(d["weight"], 0.0), rel=1e-9)
        assert exported[u][v]["facts"] == d["facts"]


@pytest.mark.parametrize("value", [
    None, "", "Reuters", "https://www.example.com/a/b?c", "http://a.example?x=1", "http://a.example#top",
    "https://x.example:8080/p", "ftp://user@host.example/file", "https://", "https:///path-only",
])
def test_the_outlet_host_in_sql_is_url_host(value):
    import sqlite3

    from diplograph.graph.model.ties import url_host
    from diplograph.graph.stores.sqlite_ties import _host

    db = sqlite3.connect(":memory:")
    assert db.execute(f"SELECT {_host(':v')}", {"v": value}).fetchone()[0] == url_host(value)


def test_aggregate_rows_read_in_parts_give_the_ties_of_one_part():
    """ties_from_groups classifies the store's rows a part at a time: rows given as tuples,
    as one DataFrame or split over several give the same ties and counts left out."""
    import pandas as pd

    from diplograph.graph.stores.ties import GROUP_COLUMNS, ties_from_groups

    groups = [
        # source, target, relation, reasons, day, n, counted, merged, weighted, weight, undated, counted dates (2)
        ("AAA", "AAB", "COOPERATES_WITH", None, None, None, 3, 2, 0, 2, 1.5, 0, "2019-03", "2019-05-02"),
        ("AAB", "AAA", "COOPERATES_WITH", None, None, None, 2, 1, 1, 1, 0.7, 0, "2018-01-02", "2018-01-02"),
        ("AAA", "AAA", "ACCUSES", None, None, None, 4, 4, 0, 4, 2.0, 0, None, None),
        (None, "AAB", "ACCUSES", "organization", None, None, 5, 5, 0, 5, 3.0, 0, None, None),
        (None, "AAB", "ACCUSES", "noState", "leaderNotForState", None, 1, 1, 0, 1, 1.0, 0, None, None),
        ("AAA", "AAB", "LEADS", None, None, None, 6, 6, 0, 6, 0.0, 0, None, None),
    ]
    kw = {"by_day": False, "window": False, "level": "state", "node_info": lambda nodes: [], "not_for_state": []}
    frame = pd.DataFrame.from_records(groups, columns=GROUP_COLUMNS)
    results = [ties_from_groups(iter(groups), **kw), ties_from_groups([frame], **kw),
               ties_from_groups([frame.iloc[:2], frame.iloc[2:3], frame.iloc[3:]], **kw)]
    for ties in results:
        assert ties.facts == 21
        assert ties.excluded == {"neutral": 6, "organization": 5, "noState": 0, "leaderNotForState": 1, "selfLoop": 4,
                                 "duplicateMention": 1, "duplicateEvent": 1}
        assert ties.rows[["source", "target", "facts", "first", "last"]].astype(object).values.tolist() == [
            ["AAA", "AAB", 2, "2019-03-01", "2019-05-02"], ["AAB", "AAA", 1, "2018-01-02", "2018-01-02"]]
        assert ties.rows["day"].tolist() == [None, None] and ties.rows["weight"].tolist() == [1.5, 0.7]
