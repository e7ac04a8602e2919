"""One interface for every store of the graph: the embedded SQLite file and Neo4j.

Both stores behave the same (one contract test suite runs against both): writes are
idempotent, keyed by article id and fact key; one article is written in one transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from diplograph.graph.model.records import Actor, Article, Fact

if TYPE_CHECKING:
    from diplograph.graph.model.ties import TieFact, Ties, TieSample

__all__ = ["GraphStore", "WriteSummary", "StoreStats", "merge_actor_variants"]


@dataclass(slots=True)
class WriteSummary:
    """What one write added: counts of new articles, actors and facts (0 when already stored)."""

    articles: int = 0
    actors: int = 0
    facts: int = 0

    def __iadd__(self, other: "WriteSummary") -> "WriteSummary":
        self.articles += other.articles
        self.actors += other.actors
        self.facts += other.facts
        return self


@dataclass(slots=True)
class StoreStats:
    """Totals of a store: ``articles``, ``actors`` and ``facts`` as integers, with breakdowns
    ``actors_by_kind`` (label -> count) and ``facts_by_type`` (relationship type -> count)."""

    articles: int
    actors: int
    facts: int
    actors_by_kind: dict[str, int] = field(default_factory=dict)
    facts_by_type: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        """JSON shape of ``diplograph stats --format json``: totals at the top, breakdowns below."""
        return {
            "articles": self.articles,
            "actors": self.actors,
            "facts": self.facts,
            "actorsByKind": dict(sorted(self.actors_by_kind.items())),
            "factsByType": dict(sorted(self.facts_by_type.items())),
        }


def merge_actor_variants(facts: Iterable[Fact], extra: Iterable[Actor] = ()) -> list[Actor]:
    """The distinct actors of ``extra`` and of the facts' ends, one per id, in order of first
    appearance: the first variant keeps its kind and name, every other name seen becomes an
    alias, and a missing country or role is filled from a later variant."""
    seen: dict[str, Actor] = {}
    for actor in [*extra, *(a for fact in facts for a in (fact.subject, fact.object))]:
        known = seen.get(actor.id)
        if known is None:
            seen[actor.id] = actor
            continue
        aliases = tuple(dict.fromkeys((*known.aliases, actor.name, *actor.aliases)))
        if aliases != known.aliases or (actor.country and not known.country) or (actor.role and not known.role):
            seen[actor.id] = Actor(
                known.id, known.kind, known.name, known.country or actor.country, aliases, known.role or actor.role
            )
    return list(seen.values())


class GraphStore(ABC):
    """A place the graph lives. Use as a context manager; :meth:`close` releases it.

    Actors are merged by id: a new alias is added, a known name or kind is kept. Every
    method raises :class:`~diplograph.graph.model.errors.StoreError` (one line, no credentials)
    when the store cannot be read or written.
    """

    #: Short name shown to users ("sqlite", "neo4j").
    name: str

    @abstractmethod
    def write_article(
        self, article: Article, facts: Iterable[Fact], actors: Iterable[Actor] = (), replace: bool = False
    ) -> WriteSummary:
        """Write an article, the actors it mentions (those of ``facts`` and ``actors``) and its
        facts in one transaction, with the :func:`~diplograph.graph.model.records.text_digest`
        of its text. An article already stored (same id) changes nothing, unless ``replace``:
        its facts and mentions are then deleted and the article, its mentions and ``facts``
        written in their place, in the same transaction (actors stay).

        Raises
        ------
        StoreError
            If the store cannot be written; nothing of the article is then stored.
        """

    @abstractmethod
    def write_facts(self, facts: Iterable[Fact], batch_size: int = 10_000) -> WriteSummary:
        """Write facts of coded event data (no article text), in batches of ``batch_size``,
        one transaction a batch; facts already stored (same key) are skipped."""

    @abstractmethod
    def has_article(self, article_id: str) -> bool:
        """True if an article with this id is stored."""

    @abstractmethod
    def article_digest(self, article_id: str) -> str | None:
        """The :func:`~diplograph.graph.model.records.text_digest` of the text stored under
        ``article_id`` (64 hex digits), or ``None`` if no article has this id."""

    @abstractmethod
    def article_with_digest(self, digest: str) -> str | None:
        """The id of a stored article whose text has this digest (the smallest such id), or
        ``None``: a copy of a text stored under another id."""

    @abstractmethod
    def iter_actors(self) -> Iterator[Actor]:
        """All actors, ordered by id."""

    @abstractmethod
    def iter_articles(self) -> Iterator[Article]:
        """All articles (``text`` included where the store keeps it), ordered by id."""

    @abstractmethod
    def iter_facts(self, since: str | None = None, until: str | None = None, *, actors: Iterable[str] | None = None) -> Iterator[Fact]:
        """All facts, ordered by key; with ``since``/``until`` (ISO dates, inclusive) only
        the dated facts in that window, a fact dated by month or year (``2019-04``) counting
        from the first day it covers; with ``actors`` (actor ids) only the facts with one of
        them at either end, read through the store's indexes."""

    @abstractmethod
    def ties(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        organizations: bool = False,
        level: str = "state",
        by_day: bool = False,
        event_rule: str = "every",
        event_weight: str = "one",
        sample: bool = False,
    ) -> Ties:
        """The facts aggregated into ties by :data:`~diplograph.graph.model.ties.RULES`, counted
        by the store (one aggregate query); ``by_day`` groups by day too and applies the rules'
        half-life filter; ``event_rule`` and ``event_weight`` (values of
        :class:`~diplograph.graph.analysis.events.EventRule` and
        :class:`~diplograph.graph.analysis.events.EventWeight`) say which codings of coded
        event data are one event and what it weighs. Feed the result (:class:`~diplograph.graph.model.ties.Ties`) to
        :func:`~diplograph.graph.analysis.ties.tie_graph`. ``sample`` says that :meth:`tie_sample`
        of the same parameters will be asked for: a store that counts it in the same pass
        (SQLite's columnar pass, state level) then does, else it costs nothing.

        Raises
        ------
        ValueError
            If ``level`` is not ``"state"`` or ``"actor"``, or the event rule or weight is unknown.
        """

    @abstractmethod
    def tie_facts(
        self,
        nodes: list[str],
        *,
        since: str | None = None,
        until: str | None = None,
        organizations: bool = False,
        level: str = "state",
        dated: bool = False,
        event_rule: str = "every",
        event_weight: str = "one",
    ) -> list[TieFact]:
        """The facts that count (:meth:`ties`; ``dated`` as ``by_day``) in the ties among
        ``nodes``, ordered by key: the evidence behind the ties a report shows, read by a
        targeted query."""

    @abstractmethod
    def tie_sample(
        self, *, since: str | None = None, until: str | None = None, organizations: bool = False, dated: bool = False,
        event_rule: str = "every", event_weight: str = "one",
    ) -> TieSample:
        """What the facts that count (:meth:`ties`; ``dated`` as ``by_day``) in the state graph
        of the window rest on, counted by the store: :class:`~diplograph.graph.model.ties.TieSample`."""

    @abstractmethod
    def undated_facts(self) -> int:
        """How many facts have no date (a window, ``since``/``until``, leaves them out)."""

    @abstractmethod
    def facts_by_key(self, keys: Iterable[str]) -> list[Fact]:
        """The facts with these keys (unknown keys skipped), ordered by key."""

    @abstractmethod
    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        """The articles with these ids (unknown ids skipped), by id."""

    @abstractmethod
    def stats(self) -> StoreStats:
        """Counts of articles, actors by kind and facts by type."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (connections, file handles)."""

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
