"""sync_stores between two SQLite stores: the copy logic, whatever the target (the Neo4j
target is tested on the real server in test_neo4j_store.py)."""

from __future__ import annotations

from diplograph.graph.model.errors import StoreError
from diplograph.graph.model.records import Actor, Article, Fact
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.graph.stores.sync import sync_stores
from diplograph.graph.model.vocabulary import ActorKind, RelationType

RUS = Actor("RUS", ActorKind.STATE, "Russia")
VEN = Actor("VEN", ActorKind.STATE, "Venezuela")


class RefusingStore(SQLiteStore):
    """A real SQLite store that refuses one article, as a server would refuse a bad value."""

    def write_article(self, article, facts, actors=()):
        if article.id == "bad":
            raise StoreError("refused")
        return super().write_article(article, facts, actors)


def _article(article_id: str) -> tuple[Article, list[Fact]]:
    article = Article(article_id, f"Russia backs Venezuela ({article_id}).", origin=f"{article_id}.txt")
    return article, [Fact(RUS, RelationType.SUPPORTS, VEN, article_id=article_id, sentence=article.text, sentence_index=0)]


def test_a_refused_article_is_reported_and_the_rest_copied(tmp_path):
    with SQLiteStore(tmp_path / "source.sqlite") as source:
        for article_id in ("a", "bad", "c"):
            source.write_article(*_article(article_id))
    with SQLiteStore(tmp_path / "source.sqlite", readonly=True) as source, RefusingStore(tmp_path / "target.sqlite") as target:
        errors: list[StoreError] = []
        summary = sync_stores(source, target, errors=errors)
        assert (summary.articles, summary.facts) == (2, 2)
        assert [str(e) for e in errors] == ["article bad (bad.txt) not copied: refused"]
        again = sync_stores(source, target, errors=errors)
        assert (again.articles, again.facts) == (0, 0)
        assert [a.id for a in target.iter_articles()] == ["a", "c"]
