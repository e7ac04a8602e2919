"""One contract for every store: the SQLite file and a real Neo4j server behave the same.

The sentences and facts are written for these tests; the expected values are worked out by
hand from them (no outside source).
"""

from __future__ import annotations

import pytest

from diplograph.graph.model.errors import StoreError
from diplograph.graph.model.records import Actor, Article, Fact
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.graph.model.vocabulary import ActorKind, RelationType

S = ActorKind.STATE
RUS = Actor("RUS", S, "Russia", aliases=("Moscow",))
VEN = Actor("VEN", S, "Venezuela")
USA = Actor("USA", S, "United States", aliases=("Washington",))
CUB = Actor("CUB", S, "Cuba")
PDVSA = Actor("pdvsa", ActorKind.FIRM, "PDVSA")
MADURO = Actor("nicolas-maduro", ActorKind.LEADER, "Nicolás Maduro", country="VEN", aliases=("Maduro",))

A1 = Article(
    "a1",
    "Russia backs Venezuela, according to Interfax. The United States sanctioned PDVSA. "
    "President Nicolás Maduro leads Venezuela.",
    title="Russia backs Caracas",
    date="2019-09-25",
    source="Example News",
    url="https://example.org/a1",
    origin="tests/a1.txt",
)
A1_FACTS = [
    Fact(RUS, RelationType.SUPPORTS, VEN, date="2019-09-25", article_id="a1",
         sentence="Russia backs Venezuela, according to Interfax.", sentence_index=0, confidence=0.9,
         cameo="051", context="diplomatic", reported_by="Interfax", extractor="test 1.0"),
    Fact(USA, RelationType.SANCTIONS, PDVSA, date="2019-09-25", article_id="a1",
         sentence="The United States sanctioned PDVSA.", sentence_index=1, confidence=0.8, goldstein=-8.0,
         extractor="test 1.0"),
    Fact(MADURO, RelationType.LEADS, VEN, article_id="a1", sentence="President Nicolás Maduro leads Venezuela.",
         sentence_index=2, confidence=1.0, role="President", extractor="test 1.0"),
]


def row(fact: Fact) -> tuple:
    """Everything a store keeps of a fact, actors by id."""
    return (
        fact.key, fact.subject.id, fact.relation, fact.object.id, fact.date, fact.article_id, fact.sentence,
        fact.sentence_index, fact.confidence, fact.cameo, fact.context, fact.reported_by, fact.role,
        fact.goldstein, fact.source_url, fact.event_id, fact.extractor, fact.plover,
    )


def actor_row(actor: Actor) -> tuple:
    return (actor.id, actor.kind, actor.name, actor.country, actor.aliases, actor.role)


@pytest.fixture(params=["sqlite", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path):
    """Each contract test runs once on an empty SQLite file and once on an empty Neo4j database."""
    if request.param == "sqlite":
        with SQLiteStore(tmp_path / "graph.sqlite") as sqlite_store:
            yield sqlite_store
    else:
        yield request.getfixturevalue("neo4j_store")


def test_write_article_reads_back_actors_facts_and_article(store):
    summary = store.write_article(A1, A1_FACTS)
    assert (summary.articles, summary.actors, summary.facts) == (1, 5, 3)
    assert store.has_article("a1") and not store.has_article("a2")
    # Actors ordered by id (upper case sorts first); aliases are the names seen, name included, sorted.
    assert [actor_row(a) for a in store.iter_actors()] == [
        ("RUS", S, "Russia", None, ("Moscow", "Russia"), None),
        ("USA", S, "United States", None, ("United States", "Washington"), None),
        ("VEN", S, "Venezuela", None, ("Venezuela",), None),
        ("nicolas-maduro", ActorKind.LEADER, "Nicolás Maduro", "VEN", ("Maduro", "Nicolás Maduro"), None),
        ("pdvsa", ActorKind.FIRM, "PDVSA", None, ("PDVSA",), None),
    ]
    facts = list(store.iter_facts())
    assert [row(f) for f in facts] == sorted((row(f) for f in A1_FACTS), key=lambda r: r[0])
    assert [f.plover for f in sorted(facts, key=lambda f: f.sentence_index)] == ["SUPPORT", "SANCTION", None]
    # Facts carry the stored actors (with their aliases), not only ids.
    assert {f.subject.id: f.subject.aliases for f in facts}["RUS"] == ("Moscow", "Russia")
    assert list(store.iter_articles()) == [A1]


def test_writing_the_same_article_twice_changes_nothing(store):
    store.write_article(A1, A1_FACTS)
    before = (store.stats(), [row(f) for f in store.iter_facts()], [actor_row(a) for a in store.iter_actors()])
    again = store.write_article(A1, A1_FACTS)
    assert (again.articles, again.actors, again.facts) == (0, 0, 0)
    after = (store.stats(), [row(f) for f in store.iter_facts()], [actor_row(a) for a in store.iter_actors()])
    assert after == before


def _a2(facts_sentence: object = "Cuba backs Venezuela.") -> tuple[Article, list[Fact]]:
    article = Article("a2", "Cuba backs Venezuela. Cuba condemns the United States.", date="2019-10-01")
    facts = [
        Fact(CUB, RelationType.SUPPORTS, VEN, date="2019-10-01", article_id="a2",
             sentence="Cuba backs Venezuela.", sentence_index=0),
        Fact(CUB, RelationType.OPPOSES, USA, date="2019-10-01", article_id="a2",
             sentence=facts_sentence, sentence_index=1),  # type: ignore[arg-type]
    ]
    return article, facts


def test_an_article_whose_facts_fail_midway_is_rolled_back_alone(store):
    store.write_article(A1, A1_FACTS)
    before = store.stats().to_json()
    article, facts = _a2()

    def failing():
        yield facts[0]
        raise RuntimeError("reader broke after the first fact")

    with pytest.raises(RuntimeError, match="reader broke"):
        store.write_article(article, failing())
    assert not store.has_article("a2")
    assert store.stats().to_json() == before
    # Then the same article, fine, goes in whole.
    summary = store.write_article(article, facts)
    assert (summary.articles, summary.actors, summary.facts) == (1, 1, 2)  # CUB is the one new actor


def test_an_article_the_store_rejects_is_rolled_back_alone(store):
    """The second fact's sentence is a mapping, which neither store can hold: the article,
    its new actor (CUB), its mentions and its first fact must all be undone."""
    store.write_article(A1, A1_FACTS)
    before = (store.stats().to_json(), [actor_row(a) for a in store.iter_actors()])
    article, facts = _a2(facts_sentence={"not": "a sentence"})
    with pytest.raises(StoreError, match="a2"):
        store.write_article(article, facts)
    assert not store.has_article("a2")
    assert (store.stats().to_json(), [actor_row(a) for a in store.iter_actors()]) == before
    assert "CUB" not in {a.id for a in store.iter_actors()}
    # The store is still usable after the failure.
    good_article, good_facts = _a2()
    assert store.write_article(good_article, good_facts).facts == 2
    assert store.stats().facts == 5


def test_aliases_merge_and_first_name_and_kind_are_kept(store):
    store.write_article(A1, A1_FACTS[:2])
    kremlin = Actor("RUS", S, "Russian Federation", aliases=("the Kremlin",))
    pdvsa_ven = Actor("pdvsa", ActorKind.FIRM, "Petróleos de Venezuela", country="VEN")
    article = Article("a3", "The Kremlin criticised sanctions on Petróleos de Venezuela.", date="2019-10-02")
    fact = Fact(kremlin, RelationType.OPPOSES, pdvsa_ven, date="2019-10-02", article_id="a3",
                sentence=article.text, sentence_index=0)
    summary = store.write_article(article, [fact])
    assert (summary.articles, summary.actors, summary.facts) == (1, 0, 1)
    actors = {a.id: a for a in store.iter_actors()}
    assert actor_row(actors["RUS"]) == ("RUS", S, "Russia", None, ("Moscow", "Russia", "Russian Federation", "the Kremlin"), None)
    assert actor_row(actors["pdvsa"]) == ("pdvsa", ActorKind.FIRM, "PDVSA", "VEN", ("PDVSA", "Petróleos de Venezuela"), None)


def test_variants_of_one_actor_within_one_article_merge(store):
    # Two names of Russia and a role known only from the second mention of Maduro, in one write.
    federation = Actor("RUS", S, "Russian Federation")
    maduro_with_role = Actor("nicolas-maduro", ActorKind.LEADER, "Maduro", country="VEN", role="President")
    article = Article("a4", "Russia and the Russian Federation back Maduro.", date="2019-10-03")
    facts = [
        Fact(RUS, RelationType.SUPPORTS, MADURO, date="2019-10-03", article_id="a4", sentence=article.text, sentence_index=0),
        Fact(federation, RelationType.SUPPORTS, maduro_with_role, date="2019-10-03", article_id="a4",
             sentence=article.text, sentence_index=1),
    ]
    summary = store.write_article(article, facts)
    assert (summary.articles, summary.actors, summary.facts) == (1, 2, 2)
    actors = {a.id: a for a in store.iter_actors()}
    assert actor_row(actors["RUS"]) == ("RUS", S, "Russia", None, ("Moscow", "Russia", "Russian Federation"), None)
    assert actor_row(actors["nicolas-maduro"]) == (
        "nicolas-maduro", ActorKind.LEADER, "Nicolás Maduro", "VEN", ("Maduro", "Nicolás Maduro"), "President",
    )


def _event(event_id: str, subject: Actor, relation: RelationType, obj: Actor, date: str | None) -> Fact:
    return Fact(subject, relation, obj, date=date, event_id=event_id, cameo="163", goldstein=-8.0,
                source_url=f"https://example.org/{event_id}", extractor="gdelt-test")


def test_write_facts_is_idempotent_by_key(store):
    events = [
        _event("1001", USA, RelationType.SANCTIONS, VEN, "2019-01-28"),
        _event("1002", USA, RelationType.SANCTIONS, RUS, "2019-03-10"),
        _event("1003", CUB, RelationType.SUPPORTS, VEN, None),
        _event("1001", USA, RelationType.SANCTIONS, VEN, "2019-01-28"),  # same event again
    ]
    assert len({e.key for e in events}) == 3
    first = store.write_facts(events, batch_size=2)
    assert (first.articles, first.actors, first.facts) == (0, 4, 3)
    second = store.write_facts(events, batch_size=3)
    assert (second.articles, second.actors, second.facts) == (0, 0, 0)
    stored = list(store.iter_facts())
    assert [row(f) for f in stored] == sorted({row(e) for e in events}, key=lambda r: r[0])
    assert store.stats().to_json() == {
        "articles": 0, "actors": 4, "facts": 3,
        "actorsByKind": {"State": 4}, "factsByType": {"SANCTIONS": 2, "SUPPORTS": 1},
    }


def _write_four_events(store) -> None:
    """Events 1-3 dated 2019-01-24, 2019-09-25, 2020-02-18 (USA-VEN, USA-RUS, RUS-VEN) and 4 undated (CUB-VEN)."""
    store.write_facts([
        _event("1", USA, RelationType.SANCTIONS, VEN, "2019-01-24"),
        _event("2", USA, RelationType.SANCTIONS, RUS, "2019-09-25"),
        _event("3", RUS, RelationType.SUPPORTS, VEN, "2020-02-18"),
        _event("4", CUB, RelationType.SUPPORTS, VEN, None),
    ])


def test_iter_facts_since_and_until_are_inclusive_and_skip_undated(store):
    _write_four_events(store)

    def ids(**window):
        return sorted(f.event_id for f in store.iter_facts(**window))

    assert ids() == ["1", "2", "3", "4"]
    assert ids(since="2019-09-25") == ["2", "3"]
    assert ids(until="2019-09-25") == ["1", "2"]
    assert ids(since="2019-02-01", until="2020-01-01") == ["2"]
    assert ids(since="2021-01-01") == []


def test_iter_facts_of_some_actors_gives_the_facts_with_one_of_them_at_an_end(store):
    _write_four_events(store)

    def ids(actors, **window):
        return [f.event_id for f in store.iter_facts(actors=actors, **window)]

    assert sorted(ids(["VEN"])) == ["1", "3", "4"]
    assert sorted(ids(["RUS", "VEN"])) == ["1", "2", "3", "4"]  # a fact between two of them once
    assert ids(["CUB"], since="2019-01-01") == []
    assert ids(["USA"], until="2019-06-30") == ["1"]
    assert ids([]) == [] and ids(["XXX"]) == []


def test_month_and_year_dates_keep_their_precision(store):
    article = Article("a5", "In April, Russia and Venezuela signed agreements. In 2018, Cuba backed Venezuela.", date="2019-09-25")
    facts = [
        Fact(RUS, RelationType.AGREES_WITH, VEN, date="2019-04", article_id="a5", sentence="In April, ...", sentence_index=0),
        Fact(CUB, RelationType.SUPPORTS, VEN, date="2018", article_id="a5", sentence="In 2018, ...", sentence_index=1),
    ]
    store.write_article(article, facts)
    store.write_article(Article("a6", "In June, Cuba backed Venezuela.", date="2019-06"), [])
    assert sorted(f.date for f in store.iter_facts()) == ["2018", "2019-04"]
    assert [a.date for a in store.iter_articles()] == ["2019-09-25", "2019-06"]
    assert store.articles_by_id(["a6"])["a6"].date == "2019-06"
    # a month counts from its first day, a year from 1 January
    assert [f.date for f in store.iter_facts(since="2019-04-01")] == ["2019-04"]
    assert [f.date for f in store.iter_facts(since="2019-04-02")] == []
    assert [f.date for f in store.iter_facts(until="2018-01-01")] == ["2018"]


def test_a_fact_with_a_malformed_date_is_refused_with_its_key(store):
    bad = Fact(RUS, RelationType.SUPPORTS, VEN, date="2019-13-45", article_id="a6", sentence="x", sentence_index=0)
    with pytest.raises(StoreError, match=f"^fact {bad.key}: date '2019-13-45' is not YYYY-MM-DD, YYYY-MM or YYYY$"):
        store.write_article(Article("a6", "x"), [bad])
    assert not store.has_article("a6")


def test_stats_shape(store):
    assert store.stats().to_json() == {
        "articles": 0, "actors": 0, "facts": 0, "actorsByKind": {}, "factsByType": {},
    }
    store.write_article(A1, A1_FACTS)
    assert store.stats().to_json() == {
        "articles": 1,
        "actors": 5,
        "facts": 3,
        "actorsByKind": {"Firm": 1, "Leader": 1, "State": 3},
        "factsByType": {"LEADS": 1, "SANCTIONS": 1, "SUPPORTS": 1},
    }


def _sample_store(store) -> None:
    """Two articles and three coded events, worked by hand in :func:`test_tie_sample_counts_what_the_ties_rest_on`."""
    a2 = Article("a2", "Russia and Cuba cooperate. Russia and Cuba work together.", title="Partners", date="2019-10-01",
                 url="https://news.example.com/x?y=1")
    store.write_article(A1, A1_FACTS)
    store.write_article(a2, [
        Fact(RUS, RelationType.COOPERATES_WITH, CUB, date="2019-10-01", article_id="a2", sentence_index=0, confidence=0.9),
        Fact(RUS, RelationType.COOPERATES_WITH, CUB, date="2019-10-01", article_id="a2", sentence_index=1, confidence=0.7),
    ])
    store.write_facts([
        Fact(USA, RelationType.SANCTIONS, VEN, date="2019-09-26", source_url="https://wire.example.net/story", event_id="e1"),
        Fact(USA, RelationType.SANCTIONS, VEN, reported_by="Reuters", event_id="e2"),
        Fact(CUB, RelationType.SUPPORTS, VEN, date="2019-10", source_url="https://wire.example.net/other", event_id="e3"),
    ])


def test_tie_sample_counts_what_the_ties_rest_on(store):
    """Counted: RUS>VEN (a1, 'Example News', 09-25); RUS-CUB once of its two mentions (a2, no
    source: its URL's host, 10-01); USA>VEN twice (wire.example.net 09-26; Reuters, undated);
    CUB>VEN (wire.example.net, month 2019-10 = 10-01). Not counted: USA>PDVSA (no state), LEADS
    (neutral)."""
    _sample_store(store)
    sample = store.tie_sample()
    assert (sample.facts, sample.articles, sample.coded_events, sample.sources, sample.days) == (5, 2, 3, 4, 3)
    assert sample.by_node == {"RUS": (2, 2), "VEN": (4, 3), "CUB": (2, 2), "USA": (2, 2)}
    # months by the sign of the type: SUPPORTS and COOPERATES_WITH cooperative, SANCTIONS conflictual
    assert (sample.undated, sample.months) == (1, {"2019-09": (1, 1), "2019-10": (2, 0)})
    dated = store.tie_sample(dated=True)  # as with a half-life: the undated Reuters event is left out
    assert (dated.facts, dated.articles, dated.coded_events, dated.sources, dated.days) == (4, 2, 2, 3, 3)
    assert dated.by_node == {"RUS": (2, 2), "VEN": (3, 2), "CUB": (2, 2), "USA": (1, 1)}
    assert (dated.undated, dated.months) == (0, {"2019-09": (1, 1), "2019-10": (2, 0)})
    window = store.tie_sample(since="2019-09-26", until="2019-09-30")
    assert (window.facts, window.sources, window.by_node) == (1, 1, {"USA": (1, 1), "VEN": (1, 1)})


def test_an_article_is_kept_with_the_digest_of_its_text_and_replaced_only_when_asked(store):
    from diplograph.graph.model.records import text_digest

    store.write_article(A1, A1_FACTS)
    assert store.article_digest("a1") == text_digest(A1.text) and store.article_digest("a2") is None
    assert store.article_with_digest(text_digest(A1.text + "  ")) == "a1"  # white space does not count
    assert store.article_with_digest(text_digest("Cuba backs Venezuela.")) is None
    new = Article("a1", "Cuba backs Venezuela.", date="2019-10-01", origin="tests/a1-new.txt")
    new_facts = [Fact(CUB, RelationType.SUPPORTS, VEN, date="2019-10-01", article_id="a1",
                      sentence="Cuba backs Venezuela.", sentence_index=0)]
    kept = store.write_article(new, new_facts)
    assert (kept.articles, kept.facts) == (0, 0) and store.article_digest("a1") == text_digest(A1.text)
    replaced = store.write_article(new, new_facts, replace=True)
    assert (replaced.articles, replaced.actors, replaced.facts) == (1, 1, 1)
    assert [row(f) for f in store.iter_facts()] == [row(f) for f in new_facts]
    assert list(store.iter_articles()) == [new] and store.article_digest("a1") == text_digest(new.text)
    assert store.stats().articles == 1
    again = store.write_article(new, new_facts, replace=True)  # the same article again: the same store
    assert [row(f) for f in store.iter_facts()] == [row(f) for f in new_facts] and again.facts == 1
