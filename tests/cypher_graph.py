"""A small hand-made graph for the named Cypher queries, and the code that writes it to Neo4j.

Ten actors, five articles, eighteen dated or undated facts and four structural relationships.
The sentences are written for the test (no outside source). The expected answer of every named
query on this graph is worked out by hand in ``tests/cypher/test_run.py``.

Facts (subject RELATION object, date, article, sentence index):

    F1  RUS SUPPORTS VEN          2019-01-24 a1 0  (reported by Interfax, confidence 0.9)
    F2  CHN SUPPORTS VEN          2019-01-24 a1 2
    F3  CUB SUPPORTS VEN          2019-01-25 a1 3
    F4  USA SANCTIONS pdvsa       2019-01-28 a2 0
    F5  USA SANCTIONS VEN         2019-03-10 a2 1
    F6  EU  SANCTIONS VEN         2019-09-25 a3 0
    F7  USA SANCTIONS RUS         2019-09-25 a3 1
    F8  RUS TRADES_WITH VEN       2019-09-25 a3 2
    F9  vladimir-putin SUPPORTS nicolas-maduro 2019-09-25 a3 3
    F10 EU  SANCTIONS RUS         2020-02-18 a4 0
    F11 CHN SANCTIONS USA         2020-02-18 a4 1
    F12 EU  SUPPORTS USA          2020-02-18 a4 2
    F13 CHN TRADES_WITH RUS       2020-02-18 a4 3
    F14 VEN TRADES_WITH CHN       2021-06-01 a5 0
    F15 CUB SUPPORTS RUS          2021-06-01 a5 1
    F16 CHN SUPPORTS RUS          2021-06-01 a5 2
    F17 CUB OPPOSES EU            (no date) a5 3
    F18 USA SANCTIONS VEN         2021-06-01 a5 4
    S1  nicolas-maduro LEADS VEN {role: President}
    S2  delcy-rodriguez LEADS VEN {role: Vice President}
    S3  vladimir-putin LEADS RUS {role: President}
    S4  VEN OWNS pdvsa
"""

from __future__ import annotations


from diplograph.graph.model.records import Actor, Article, Fact
from diplograph.graph.model.vocabulary import ActorKind, RelationType

ACTORS = [
    {"id": "RUS", "kind": "State", "name": "Russia", "aliases": ["Russia", "Moscow", "the Kremlin", "Russian Federation"]},
    {"id": "VEN", "kind": "State", "name": "Venezuela", "aliases": ["Venezuela", "Caracas"]},
    {"id": "USA", "kind": "State", "name": "United States", "aliases": ["United States", "Washington", "the White House", "US"]},
    {"id": "CHN", "kind": "State", "name": "China", "aliases": ["China", "Beijing"]},
    {"id": "CUB", "kind": "State", "name": "Cuba", "aliases": ["Cuba", "Havana"]},
    {"id": "EU", "kind": "Organization", "name": "European Union", "aliases": ["EU", "European Union", "Brussels"]},
    {"id": "nicolas-maduro", "kind": "Leader", "name": "Nicolás Maduro", "country": "VEN", "role": "President",
     "aliases": ["Maduro", "Nicolás Maduro", "Nicolas Maduro"]},
    {"id": "delcy-rodriguez", "kind": "Leader", "name": "Delcy Rodríguez", "country": "VEN", "role": "Vice President",
     "aliases": ["Delcy Rodríguez"]},
    {"id": "vladimir-putin", "kind": "Leader", "name": "Vladimir Putin", "country": "RUS", "role": "President",
     "aliases": ["Putin", "Vladimir Putin"]},
    {"id": "pdvsa", "kind": "Firm", "name": "PDVSA", "country": "VEN", "aliases": ["PDVSA", "Petróleos de Venezuela"]},
]

ARTICLES = [
    {"id": "a1", "title": "Russia, China and Cuba back Caracas", "date": "2019-01-24", "source": "Test Wire", "url": "https://example.org/a1"},
    {"id": "a2", "title": "Washington sanctions PDVSA", "date": "2019-01-28", "source": "Test Wire", "url": "https://example.org/a2"},
    {"id": "a3", "title": "Brussels and Washington widen sanctions", "date": "2019-09-25", "source": "Test Daily", "url": "https://example.org/a3"},
    {"id": "a4", "title": "Sanctions and trade in February", "date": "2020-02-18", "source": "Test Daily", "url": "https://example.org/a4"},
    {"id": "a5", "title": "Havana thanks Moscow", "date": "2021-06-01", "source": "Test Wire", "url": "https://example.org/a5"},
]

# (subject, relation, object, date, article, sentence index, sentence, extra properties)
FACTS = [
    ("RUS", "SUPPORTS", "VEN", "2019-01-24", "a1", 0, "Russia voiced support for the government of Venezuela on Thursday, according to Interfax.",
     {"confidence": 0.9, "reportedBy": "Interfax", "context": "diplomatic"}),
    ("CHN", "SUPPORTS", "VEN", "2019-01-24", "a1", 2, "China also backed Caracas.", {}),
    ("CUB", "SUPPORTS", "VEN", "2019-01-25", "a1", 3, "Cuba said on Friday it stands with Venezuela.", {}),
    ("USA", "SANCTIONS", "pdvsa", "2019-01-28", "a2", 0, "Washington imposed sanctions on PDVSA on Monday.", {"context": "economic"}),
    ("USA", "SANCTIONS", "VEN", "2019-03-10", "a2", 1, "The United States imposed sanctions on Venezuela.", {"context": "economic"}),
    ("EU", "SANCTIONS", "VEN", "2019-09-25", "a3", 0, "The European Union imposed sanctions on Venezuela.", {}),
    ("USA", "SANCTIONS", "RUS", "2019-09-25", "a3", 1, "Washington also sanctioned Moscow.", {}),
    ("RUS", "TRADES_WITH", "VEN", "2019-09-25", "a3", 2, "Russia trades with Venezuela.", {"context": "economic"}),
    ("vladimir-putin", "SUPPORTS", "nicolas-maduro", "2019-09-25", "a3", 3, "Putin praised Maduro.", {}),
    ("EU", "SANCTIONS", "RUS", "2020-02-18", "a4", 0, "The EU imposed sanctions on Russia.", {}),
    ("CHN", "SANCTIONS", "USA", "2020-02-18", "a4", 1, "China imposed sanctions on the United States.", {}),
    ("EU", "SUPPORTS", "USA", "2020-02-18", "a4", 2, "The EU backed Washington.", {}),
    ("CHN", "TRADES_WITH", "RUS", "2020-02-18", "a4", 3, "China trades with Russia.", {}),
    ("VEN", "TRADES_WITH", "CHN", "2021-06-01", "a5", 0, "Venezuela exports oil to China.", {}),
    ("CUB", "SUPPORTS", "RUS", "2021-06-01", "a5", 1, "Cuba praised Russia.", {}),
    ("CHN", "SUPPORTS", "RUS", "2021-06-01", "a5", 2, "China backed Moscow.", {}),
    ("CUB", "OPPOSES", "EU", None, "a5", 3, "Cuba condemned Brussels.", {}),
    ("USA", "SANCTIONS", "VEN", "2021-06-01", "a5", 4, "Washington imposed new sanctions on Caracas.", {}),
]

STRUCTURAL = [
    ("nicolas-maduro", "LEADS", "VEN", {"role": "President"}),
    ("delcy-rodriguez", "LEADS", "VEN", {"role": "Vice President"}),
    ("vladimir-putin", "LEADS", "RUS", {"role": "President"}),
    ("VEN", "OWNS", "pdvsa", {}),
]


def fixture_records() -> tuple[dict[str, Actor], list[tuple[Article, list[Fact]]], list[Fact]]:
    """The fixture as diplograph records: actors by id, (article, its facts) pairs, structural facts."""
    actors = {
        a["id"]: Actor(a["id"], ActorKind(a["kind"]), a["name"], a.get("country"), tuple(a["aliases"]), a.get("role"))
        for a in ACTORS
    }
    by_article: dict[str, list[Fact]] = {a["id"]: [] for a in ARTICLES}
    for s, rel, o, date, article, index, sentence, extra in FACTS:
        by_article[article].append(Fact(
            actors[s], RelationType(rel), actors[o], date=date, article_id=article, sentence=sentence,
            sentence_index=index, confidence=extra.get("confidence", 1.0), context=extra.get("context"),
            reported_by=extra.get("reportedBy"), extractor="test-fixture",
        ))
    pairs = []
    for a in ARTICLES:
        facts = by_article[a["id"]]
        text = " ".join(f.sentence for f in sorted(facts, key=lambda f: f.sentence_index))
        pairs.append((Article(a["id"], text, a["title"], a["date"], a["source"], a["url"]), facts))
    structural = [
        Fact(actors[s], RelationType(rel), actors[o], role=props.get("role"), extractor="test-fixture")
        for s, rel, o, props in STRUCTURAL
    ]
    return actors, pairs, structural


def load_graph(uri: str, user: str, password: str, database: str | None = None) -> None:
    """Empty the database and write the fixture graph through :class:`Neo4jStore`
    (so the queries are tested on what the store really writes)."""
    import neo4j

    from diplograph.graph.stores.neo4j_store import Neo4jStore

    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        with driver.session(database=database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    actors, pairs, structural = fixture_records()
    with Neo4jStore(uri, user, password, database) as store:
        for article, facts in pairs:
            store.write_article(article, facts, [actors[f.subject.id] for f in facts])
        store.write_facts(structural)


def counts(driver, database: str | None = None) -> tuple[int, int]:
    """(nodes, relationships) in the database."""
    with driver.session(database=database) as session:
        nodes = session.run("MATCH (n) RETURN count(n) AS c").single()["c"]
        rels = session.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
    return nodes, rels
