"""Neo4j-only behaviour on a real server: errors users see, a killed loader, sync, and the
same corpus loaded into Neo4j and SQLite."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.model.errors import StoreError
from diplograph.graph.model.records import Actor, Article, Fact
from diplograph.graph.stores.neo4j_server import free_port
from diplograph.graph.stores.neo4j_store import Neo4jStore, schema_statements
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.graph.stores.opening import open_store
from diplograph.graph.stores.sync import sync_stores
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from locations import ROOT

runner = CliRunner()
SECRET = "not-the-password-9f3c"


def fact_row(fact: Fact) -> tuple:
    return (
        fact.key, fact.subject.id, fact.relation, fact.object.id, fact.date, fact.article_id, fact.sentence,
        fact.sentence_index, fact.confidence, fact.cameo, fact.context, fact.reported_by, fact.role,
        fact.goldstein, fact.source_url, fact.event_id, fact.extractor,
    )


# --- errors ---------------------------------------------------------------------------------


def test_a_closed_port_is_one_clear_line():
    port = free_port()
    with pytest.raises(StoreError) as caught:
        Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", SECRET)
    assert str(caught.value) == f"cannot reach Neo4j at bolt://127.0.0.1:{port}: connection refused"


# Wrong-credential tests log in as users of their own: Neo4j locks a user for a few seconds
# after three failed logins (dbms.security.auth_max_failed_attempts), which would lock the
# account every other test uses.


def test_a_wrong_password_is_one_clear_line_without_the_password(neo4j_server):
    with pytest.raises(StoreError) as caught:
        Neo4jStore(neo4j_server.uri, "analyst-store", SECRET)
    assert str(caught.value) == f"Neo4j at {neo4j_server.uri} refused the credentials for user analyst-store"
    assert SECRET not in str(caught.value)


def test_an_http_uri_is_refused():
    with pytest.raises(StoreError, match="scheme must be one of bolt"):
        Neo4jStore("http://127.0.0.1:7474", "neo4j", SECRET)


def test_open_store_reads_neo4j_settings_from_the_environment(monkeypatch):
    port = free_port()
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    with pytest.raises(StoreError, match=f"^cannot reach Neo4j at bolt://127.0.0.1:{port}: connection refused$"):
        open_store()


def test_cli_with_neo4j_down_exits_1_with_one_line(monkeypatch):
    port = free_port()
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    result = runner.invoke(app, ["stats", "--neo4j", f"bolt://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot reach Neo4j at bolt://127.0.0.1:{port}: connection refused\n"
    assert SECRET not in result.output


def test_cli_with_a_wrong_password_exits_1_with_one_line(neo4j_server, monkeypatch):
    monkeypatch.setenv("NEO4J_USERNAME", "analyst-cli")
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    result = runner.invoke(app, ["stats", "--neo4j", neo4j_server.uri])
    assert result.exit_code == 1
    assert result.stderr == f"error: Neo4j at {neo4j_server.uri} refused the credentials for user analyst-cli\n"
    assert SECRET not in result.output


def test_neo4j_status_of_a_home_without_server_exits_3(tmp_path):
    result = runner.invoke(app, ["neo4j", "status", "--home", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert result.stdout.strip() == f"Neo4j is not running (home {tmp_path / 'none'})"


def test_neo4j_status_says_whether_bolt_answers_on_the_port(tmp_path):
    # a sleeping process with a server's command line stands in for the server of the home;
    # one port is listened on, one is not
    stand_in = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", "org.neo4j.server.CommunityEntryPoint",
                                 f"--home-dir={tmp_path}"])
    try:
        (tmp_path / "run").mkdir()
        (tmp_path / "run" / "neo4j.pid").write_text(str(stand_in.pid))
        with socket.socket() as listening:
            listening.bind(("127.0.0.1", 0))
            listening.listen()
            port, closed = listening.getsockname()[1], free_port()
            answered = runner.invoke(app, ["neo4j", "status", "--home", str(tmp_path), "--port", str(port)])
            silent = runner.invoke(app, ["neo4j", "status", "--home", str(tmp_path), "--port", str(closed)])
    finally:
        stand_in.kill()
        stand_in.wait()
    assert answered.exit_code == 0 and silent.exit_code == 0
    assert answered.stdout.strip() == f"Neo4j is running (pid {stand_in.pid}) at bolt://127.0.0.1:{port}, home {tmp_path}"
    assert silent.stdout.strip() == (f"Neo4j is running (pid {stand_in.pid}), home {tmp_path}, but nothing answers at "
                                     f"bolt://127.0.0.1:{closed} (still starting, or it serves another port: see --port)")


# --- schema ---------------------------------------------------------------------------------


def test_schema_has_a_key_constraint_per_relationship_type(neo4j_store, neo4j_server):
    statements = schema_statements()
    assert len(statements) == 5 + len(RelationType)  # actor and article ids, actor name, article date and digest
    import neo4j

    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)) as driver:
        records, _, _ = driver.execute_query(
            "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
            "WHERE type = 'RELATIONSHIP_UNIQUENESS' RETURN labelsOrTypes[0] AS rel, properties",
            database_=neo4j_server.database,
        )
    assert sorted((r["rel"], tuple(r["properties"])) for r in records) == sorted((t.value, ("key",)) for t in RelationType)


def test_dates_are_neo4j_dates_and_labels_come_from_the_vocabulary(neo4j_store, neo4j_server):
    rus, ven = Actor("RUS", ActorKind.STATE, "Russia"), Actor("VEN", ActorKind.STATE, "Venezuela")
    maduro = Actor("nicolas-maduro", ActorKind.LEADER, "Nicolás Maduro", country="VEN")
    article = Article("d1", "Russia backs Venezuela. Maduro thanked Russia.", date="2019-09-25")
    neo4j_store.write_article(article, [
        Fact(rus, RelationType.SUPPORTS, ven, date="2019-09-25", article_id="d1", sentence_index=0),
        Fact(maduro, RelationType.SUPPORTS, rus, date="2019-09-26", article_id="d1", sentence_index=1),
    ])
    import neo4j

    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (s)-[r:SUPPORTS]->(o) RETURN labels(s) AS ls, s.id AS s, r.date AS d, "
            "valueType(r.date) AS t, r.sentenceIndex AS i ORDER BY i",
            database_=neo4j_server.database,
        )
        mentions, _, _ = driver.execute_query(
            "MATCH (:Article {id: 'd1'})-[:MENTIONS]->(a) RETURN a.id AS id ORDER BY id",
            database_=neo4j_server.database,
        )
    assert [(sorted(r["ls"]), r["s"], r["d"].iso_format(), r["t"]) for r in records] == [
        (["Actor", "State"], "RUS", "2019-09-25", "DATE NOT NULL"),
        (["Actor", "Leader"], "nicolas-maduro", "2019-09-26", "DATE NOT NULL"),
    ]
    assert [r["id"] for r in mentions] == ["RUS", "VEN", "nicolas-maduro"]


# --- a killed loader ------------------------------------------------------------------------

ARTICLES, FACTS_PER_ARTICLE = 60, 150

LOADER = textwrap.dedent(
    """
    import os, sys
    from diplograph.graph.model.records import Actor, Article, Fact
    from diplograph.graph.stores.neo4j_store import Neo4jStore
    from diplograph.graph.model.vocabulary import ActorKind, RelationType, STRUCTURAL_RELATIONS

    N, F = int(sys.argv[1]), int(sys.argv[2])
    states = [Actor(code, ActorKind.STATE, code.title()) for code in
              ["RUS", "VEN", "USA", "CHN", "CUB", "IRN", "TUR", "BRA", "IND", "DEU", "FRA", "GBR", "JPN"]]
    relations = [r for r in RelationType if r not in STRUCTURAL_RELATIONS]

    def article(i):
        a = Article(f"art-{i:04d}", f"Generated article {i}.", date=f"2020-01-{1 + i % 28:02d}")
        facts = [
            Fact(states[(i + j) % len(states)], relations[(i * 3 + j) % len(relations)],
                 states[(i + 2 * j + 1) % len(states)] if (i + 2 * j + 1) % len(states) != (i + j) % len(states)
                 else states[(i + j + 1) % len(states)],
                 date=a.date, article_id=a.id, sentence=f"Sentence {j} of article {i}.", sentence_index=j)
            for j in range(F)
        ]
        return a, facts

    store = Neo4jStore(os.environ["NEO4J_URI"], os.environ["NEO4J_USERNAME"], os.environ["NEO4J_PASSWORD"],
                       os.environ.get("NEO4J_DATABASE") or None)
    for i in range(N):
        a, facts = article(i)
        if not store.has_article(a.id):
            store.write_article(a, facts)
        print(i, flush=True)
    store.close()
    """
)


def _check_articles_whole(neo4j_server) -> tuple[int, int, int]:
    """Every article node has all its facts and every fact's article exists; return
    (articles, facts, distinct fact keys)."""
    import neo4j

    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)) as driver:
        db = neo4j_server.database
        per_article, _, _ = driver.execute_query(
            "MATCH (a:Article) OPTIONAL MATCH ()-[r {articleId: a.id}]->() RETURN a.id AS id, count(r) AS n",
            database_=db,
        )
        orphans, _, _ = driver.execute_query(
            "MATCH ()-[r]->() WHERE r.articleId IS NOT NULL AND NOT EXISTS { MATCH (:Article {id: r.articleId}) } "
            "RETURN count(r) AS n",
            database_=db,
        )
        keys, _, _ = driver.execute_query(
            "MATCH ()-[r]->() WHERE r.key IS NOT NULL RETURN count(r) AS n, count(DISTINCT r.key) AS distinct",
            database_=db,
        )
    assert {r["n"] for r in per_article} <= {FACTS_PER_ARTICLE}, "an article node lacks some of its facts"
    assert orphans[0]["n"] == 0, "facts of an article that is not stored"
    return len(per_article), keys[0]["n"], keys[0]["distinct"]


@pytest.mark.slow
def test_a_killed_loader_leaves_whole_articles_and_a_rerun_completes(neo4j_store, neo4j_server):
    env = {**os.environ, **neo4j_server.env()}
    cmd = [sys.executable, "-c", LOADER, str(ARTICLES), str(FACTS_PER_ARTICLE)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    written = 0
    for _ in proc.stdout:
        written += 1
        if written == 12:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    articles, facts, distinct = _check_articles_whole(neo4j_server)
    assert 12 <= articles < ARTICLES  # killed part-way
    assert facts == distinct == articles * FACTS_PER_ARTICLE

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    articles, facts, distinct = _check_articles_whole(neo4j_server)
    assert (articles, facts, distinct) == (ARTICLES, ARTICLES * FACTS_PER_ARTICLE, ARTICLES * FACTS_PER_ARTICLE)


# --- sync and the same corpus in both stores -------------------------------------------------


def _generated_corpus() -> list[tuple[Article, list[Fact]]]:
    """Twenty articles of six facts over eight actors of every kind, and their aliases."""
    actors = [
        Actor("RUS", ActorKind.STATE, "Russia", aliases=("Moscow",)),
        Actor("VEN", ActorKind.STATE, "Venezuela", aliases=("Caracas",)),
        Actor("USA", ActorKind.STATE, "United States"),
        Actor("CHN", ActorKind.STATE, "China", aliases=("Beijing",)),
        Actor("nicolas-maduro", ActorKind.LEADER, "Nicolás Maduro", country="VEN", aliases=("Maduro",)),
        Actor("pdvsa", ActorKind.FIRM, "PDVSA", country="VEN"),
        Actor("EU", ActorKind.ORGANIZATION, "European Union"),
        Actor("rosneft", ActorKind.FIRM, "Rosneft", country="RUS"),
    ]
    relations = [RelationType.SUPPORTS, RelationType.SANCTIONS, RelationType.TRADES_WITH, RelationType.CONSULTS,
                 RelationType.OPPOSES, RelationType.AIDS]
    corpus = []
    for i in range(20):
        article = Article(f"g{i:02d}", f"Generated article {i}.", title=f"Article {i}",
                          date=None if i % 5 == 4 else f"2021-03-{1 + i:02d}")
        facts = [
            Fact(actors[(i + j) % 8], relations[(i + j) % 6], actors[(i + j + 1 + j % 3) % 8], date=article.date,
                 article_id=article.id, sentence=f"Sentence {j}.", sentence_index=j, confidence=0.5 + j / 20,
                 cameo="051" if j % 2 else None, reported_by="Interfax" if j == 3 else None)
            for j in range(6)
        ]
        corpus.append((article, facts))
    return corpus


def _contents(store) -> tuple:
    return (
        [(a.id, a.kind, a.name, a.country, a.aliases, a.role) for a in store.iter_actors()],
        [fact_row(f) for f in store.iter_facts()],
        list(store.iter_articles()),
        store.stats().to_json(),
    )


def test_sync_copies_sqlite_into_neo4j_idempotently(neo4j_store, neo4j_env, tmp_path):
    path = tmp_path / "graph.sqlite"
    events = [
        Fact(Actor("USA", ActorKind.STATE, "United States"), RelationType.SANCTIONS,
             Actor("IRN", ActorKind.STATE, "Iran"), date="2019-05-08", event_id="842", cameo="163", goldstein=-8.0),
    ]
    with SQLiteStore(path) as sqlite:
        for article, facts in _generated_corpus():
            sqlite.write_article(article, facts)
        sqlite.write_facts(events)
        expected = _contents(sqlite)
    assert expected[3]["articles"] == 20 and expected[3]["facts"] == 121

    result = runner.invoke(app, ["sync", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"20 articles, 9 actors and 121 facts added to Neo4j at {neo4j_env.uri}"
    assert _contents(neo4j_store) == expected

    again = runner.invoke(app, ["sync", "--store", str(path)])
    assert again.stdout.strip() == f"0 articles, 0 actors and 0 facts added to Neo4j at {neo4j_env.uri}"
    assert _contents(neo4j_store) == expected


def test_sync_of_a_partly_copied_store_adds_only_the_rest(neo4j_store, tmp_path):
    corpus = _generated_corpus()
    with SQLiteStore(tmp_path / "graph.sqlite") as sqlite:
        for article, facts in corpus:
            sqlite.write_article(article, facts)
        for article, facts in corpus[:7]:
            neo4j_store.write_article(article, facts)
        calls = []
        summary = sync_stores(sqlite, neo4j_store, progress=lambda: calls.append(1))
        assert (summary.articles, summary.facts) == (13, 13 * 6)
        assert len(calls) == 20
        assert _contents(neo4j_store) == _contents(sqlite)


@pytest.mark.slow
def test_loading_the_corpus_gives_the_same_graph_and_report_in_neo4j_and_sqlite(neo4j_store, neo4j_env, tmp_path):
    """``diplograph load`` of the 35-article corpus and the seed article (with its month-only
    date "In April") into each store: same actors, facts, stats, CLI output and centrality report."""
    inputs = [str(ROOT / "tests" / "data" / "corpus35" / "articles.jsonl"), str(ROOT / "examples" / "articles" / "russia-venezuela-2019.txt")]
    path = tmp_path / "graph.sqlite"
    to_sqlite = runner.invoke(app, ["load", *inputs, "--date", "2019-09-25", "--store", str(path)])
    assert to_sqlite.exit_code == 0, to_sqlite.output
    to_neo4j = runner.invoke(app, ["load", *inputs, "--date", "2019-09-25", "--neo4j", neo4j_env.uri])
    assert to_neo4j.exit_code == 0, to_neo4j.output
    with SQLiteStore(path) as sqlite:
        expected = _contents(sqlite)
    assert expected[3]["articles"] == 36 and expected[3]["facts"] > 100
    assert any(fact[4] == "2019-04" for fact in expected[1])  # the month-only date survived both stores
    assert _contents(neo4j_store) == expected
    assert to_neo4j.stdout.replace(f"neo4j store {neo4j_env.uri}", "STORE") == to_sqlite.stdout.replace(f"sqlite store {path}", "STORE")

    def centrality(*where: str) -> dict:
        report = json.loads(runner.invoke(app, ["report", "centrality", "--format", "json", *where]).stdout)
        assert report.pop("origin") in ("neo4j store", "sqlite store")
        return report

    assert centrality("--neo4j", neo4j_env.uri) == centrality("--store", str(path))


# --- concurrent writers ---------------------------------------------------------------------


def test_two_writers_of_overlapping_facts_store_each_fact_once(neo4j_store, neo4j_server):
    """write_facts CREATEs new facts and falls back to MERGE when the key constraint refuses a
    batch: two writers racing on the same facts store each one once, all properties kept."""
    from concurrent.futures import ThreadPoolExecutor

    states = [Actor(code, ActorKind.STATE, code) for code in ("USA", "RUS", "CHN", "VEN", "CUB", "IRN")]
    facts = [
        Fact(states[i % 6], RelationType.SANCTIONS if i % 2 else RelationType.SUPPORTS, states[(i + 1 + i // 6) % 6],
             f"2019-01-{1 + i % 28:02d}", event_id=f"race-{i}", goldstein=-5.0, extractor="test")
        for i in range(240)
    ]
    facts = [fact for fact in facts if fact.subject.id != fact.object.id]

    def write(part: list[Fact]) -> int:
        with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database) as store:
            return store.write_facts(part, batch_size=40).facts

    with ThreadPoolExecutor(2) as pool:  # one writer forwards, the other backwards: every batch overlaps
        created = sum(pool.map(write, [facts, facts[::-1]]))
    assert created == len(facts) == neo4j_store.stats().facts
    stored = {fact.key: fact_row(fact) for fact in neo4j_store.iter_facts()}
    assert stored == {fact.key: fact_row(fact) for fact in facts}


def test_lanes_share_no_pair_of_actors():
    """write_facts's lanes: the facts between two actors (either direction) all in one lane,
    the same in every run (not Python's per-process hash), the lanes of two writers both
    used, and one writer's lane always 0."""
    from diplograph.graph.stores.neo4j_store import _lane

    from itertools import permutations

    states = [Actor(code, ActorKind.STATE, code) for code in ("USA", "RUS", "CHN", "VEN", "CUB", "IRN")]
    facts = [Fact(s, RelationType.CONSULTS, o, "2020-02-01", event_id=f"pair-{s.id}-{o.id}", extractor="test")
             for s, o in permutations(states, 2)]  # every pair of the six, in both directions
    where: dict[frozenset, int] = {}
    for fact in facts:
        lane = _lane(fact, 2)
        assert lane in (0, 1)
        assert where.setdefault(frozenset((fact.subject.id, fact.object.id)), lane) == lane
    assert len(where) == 15 and set(where.values()) == {0, 1}
    assert {_lane(fact, 1) for fact in facts} == {0}


def test_write_facts_in_lanes_stores_every_fact_once(neo4j_store, neo4j_server):
    """Three lanes and batches of 7, so that lanes write while others fill and most batches
    are not full: every fact stored once, with its properties, and a second write adds none."""
    states = [Actor(code, ActorKind.STATE, code) for code in ("USA", "RUS", "CHN", "VEN", "CUB", "IRN")]
    facts = [Fact(states[i % 6], RelationType.COERCES if i % 3 else RelationType.CONSULTS, states[(i * 5 + 1) % 6],
                  f"2021-03-{1 + i % 28:02d}", event_id=f"lane-{i}", goldstein=-2.0, extractor="test") for i in range(100)]
    facts = [fact for fact in facts if fact.subject.id != fact.object.id]
    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database, writers=3) as store:
        assert store.write_facts(facts, batch_size=7).facts == len(facts)
        assert store.write_facts(facts[::-1], batch_size=7).facts == 0
    assert neo4j_store.stats().facts == len(facts)
    assert {fact.key: fact_row(fact) for fact in neo4j_store.iter_facts()} == {fact.key: fact_row(fact) for fact in facts}


def test_a_failed_result_is_judged_by_its_cause():
    """The driver can report a deadlock or a stored key as ``ResultFailedError`` (not retryable,
    its code hidden): the write looks at the cause, tries a deadlock again, falls back to MERGE
    on a constraint error and raises any other cause as itself."""
    from neo4j import exceptions as neo4j_errors

    def failed(code: str) -> neo4j_errors.ResultFailedError:
        error = neo4j_errors.ResultFailedError(None, "The result has failed.")
        error.__cause__ = neo4j_errors.Neo4jError._hydrate_neo4j(code=code, message="from the server")
        return error

    class Session:
        def __init__(self, errors):
            self.errors, self.calls = list(errors), []

        def execute_write(self, work, merge):
            self.calls.append(merge)
            if self.errors:
                raise self.errors.pop(0)
            return work(None, merge)

    def work(tx, merge):
        return "merged" if merge else "created"

    deadlock = "Neo.TransientError.Transaction.DeadlockDetected"
    session = Session([failed(deadlock), failed("Neo.ClientError.Schema.ConstraintValidationFailed"), failed(deadlock)])
    assert Neo4jStore._execute_write(session, work) == "merged"
    assert session.calls == [False, False, True, True]
    session = Session([failed("Neo.ClientError.Statement.SyntaxError")])
    with pytest.raises(neo4j_errors.CypherSyntaxError):
        Neo4jStore._execute_write(session, work)
