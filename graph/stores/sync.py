"""Copy one store into another (``diplograph sync``: the embedded SQLite store into Neo4j).

The copy goes article by article, each with its facts in one write (one transaction in
the target), then the facts that have no article (coded event data) in batches. Every
write is idempotent, so a sync that was stopped can be run again: what the target holds
already is skipped and nothing is stored twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from diplograph.graph.model.errors import StoreError, StoreUnavailable
from diplograph.graph.model.records import Fact
from diplograph.graph.stores.base import GraphStore, WriteSummary

__all__ = ["sync_stores"]


def sync_stores(
    source: GraphStore,
    target: GraphStore,
    progress: Callable[[], None] | None = None,
    batch_size: int = 10_000,
    errors: list[StoreError] | None = None,
) -> WriteSummary:
    """Copy every article, actor and fact of ``source`` into ``target``.

    Parameters
    ----------
    source, target:
        Open stores; ``source`` is only read.
    progress:
        Called once per article of ``source`` (copied or already there), for a progress bar.
    batch_size:
        Facts per transaction for the facts without an article.
    errors:
        When given, an article the target refuses is added here (as a :class:`StoreError`
        naming the article) and the copy goes on; otherwise the error is raised. A target
        that went away (:class:`StoreUnavailable`) always stops the copy.

    Returns
    -------
    WriteSummary
        What ``target`` gained: new articles, actors and facts (all 0 when it was up to date).

    Raises
    ------
    StoreError
        If either store cannot be read or written (an article the target refuses only
        without ``errors``); articles copied before stay copied.

    Notes
    -----
    Actors are copied with the facts that name them (with all their aliases). An actor
    that only appears in an article's mentions, with no fact, is not copied: the
    :class:`GraphStore` interface has no way to read mentions.
    """
    by_article: dict[str, list[Fact]] = defaultdict(list)
    loose: list[Fact] = []
    for fact in source.iter_facts():
        if fact.article_id is None:
            loose.append(fact)
        else:
            by_article[fact.article_id].append(fact)
    summary = WriteSummary()
    for article in source.iter_articles():
        facts = by_article.pop(article.id, [])
        if not target.has_article(article.id):
            try:
                summary += target.write_article(article, facts)
            except StoreError as error:
                if errors is None or isinstance(error, StoreUnavailable):
                    raise
                errors.append(StoreError(f"article {article.id} ({article.origin}) not copied: {error}"))
        if progress is not None:
            progress()
    # Facts that name an article the source does not hold are copied like event data.
    for facts in by_article.values():
        loose.extend(facts)
    if loose:
        summary += target.write_facts(loose, batch_size=batch_size)
    return summary
