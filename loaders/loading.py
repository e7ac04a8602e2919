"""Articles from files to facts, and into a store: the loop behind ``diplograph extract`` and
``diplograph load``.

:func:`extract_articles` reads articles (:func:`~diplograph.loaders.articles.read_articles`)
and extracts their facts (:class:`~diplograph.loaders.extract.Extractor`) without storing
anything; :func:`load_articles` also skips the articles a store already holds and writes the
rest with :meth:`~diplograph.graph.stores.base.GraphStore.write_article`, so loading the same
files twice adds nothing. An article stored under the same id with another text (compared by
:func:`~diplograph.graph.model.records.text_digest`) is not changed but reported as a warning,
unless ``replace`` asks to re-extract it; an article whose text is stored (or read before)
under another id, a syndicated copy, is left out with a warning unless ``keep_copies``, so a
story counts once. Bad input never stops a run: each problem is handed to
``on_error`` as one :class:`~diplograph.graph.model.errors.InputError` naming the file (and
line) and the rest goes on.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from ..graph.model.errors import DiplographError, InputError, StoreUnavailable
from ..graph.model.records import Article, Fact, text_digest
from ..graph.stores.base import GraphStore, WriteSummary
from .articles import ArticlePaths, error_at, read_articles
from .extract import Extractor

__all__ = ["ArticleLoadSummary", "extract_articles", "load_articles", "read_valid_articles", "worker_extractor"]

ErrorHandler = Callable[[InputError], None]

#: Articles a worker process extracts as one task (``load_articles(workers=N)``, N > 1).
WORKER_BATCH = 16

#: The extractor of a worker process (made on its first task, kept for the others).
_worker_extractor: Extractor | None = None


def worker_extractor() -> Extractor:
    """This process's one :class:`Extractor`, made on the first call (the spaCy pipeline and the
    tables load once per worker process, not once per task: ``load --workers`` and the Dask
    workers of :mod:`~diplograph.loaders.distributed`)."""
    global _worker_extractor
    if _worker_extractor is None:
        _worker_extractor = Extractor()
    return _worker_extractor


def _extract_batch(batch: list[Article]) -> tuple[list[tuple[Article, list[Fact]]], list[InputError]]:
    """Extract one batch in a worker process: ``(article, facts)`` pairs and extraction errors."""
    failed: list[InputError] = []
    return list(worker_extractor().extract_many(batch, errors=failed)), failed


def _extract_in_processes(articles: Iterator[Article], workers: int, failed: list[InputError]) -> Iterator[tuple[Article, list[Fact]]]:
    """``(article, facts)`` in input order, extracted by ``workers`` processes, with at most two
    batches a worker in flight (so memory does not grow with the input)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        in_flight: deque = deque()
        while True:
            while len(in_flight) < 2 * workers and (batch := list(islice(articles, WORKER_BATCH))):
                in_flight.append(pool.submit(_extract_batch, batch))
            if not in_flight:
                return
            results, errors = in_flight.popleft().result()
            failed.extend(errors)
            yield from results


@dataclass(slots=True)
class ArticleLoadSummary:
    """What :func:`load_articles` did.

    Attributes
    ----------
    read:
        Articles read from the input (bad files not counted).
    already_stored:
        Articles skipped because the store holds them already (same id, same text).
    changed:
        Articles whose id the store holds with another text: left as stored (a warning each),
        or, with ``replace``, re-extracted and written in place of the stored one.
    replaced:
        Of ``changed``, those written in place of the stored article (``replace``).
    copies:
        Articles left out because their text is stored, or read before in this load, under
        another id (a warning each; ``keep_copies`` loads them).
    added:
        Articles, actors and facts written (a :class:`WriteSummary`; a replaced article counts).
    undated:
        Articles written with no date (none in their metadata and no ``date`` given): their
        facts are undated unless the text dates them, and dated reports leave them out.
    errors:
        Every problem met, in the order met (read errors, then per-article failures).
    warnings:
        What was read but deliberately not loaded, naming file and line (an id stored with
        another text, a copy of a text stored under another id).
    """

    read: int = 0
    already_stored: int = 0
    changed: int = 0
    replaced: int = 0
    copies: int = 0
    added: WriteSummary = field(default_factory=WriteSummary)
    undated: int = 0
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)


def read_valid_articles(paths: ArticlePaths, date: str | None = None, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """The articles of ``paths`` (:func:`~diplograph.loaders.articles.read_articles`; one path
    or an iterable of them), read lazily; each unreadable input goes to ``on_error`` and is
    left out."""
    for item in read_articles(paths, date=date):
        if isinstance(item, InputError):
            if on_error is not None:
                on_error(item)
        else:
            yield item


def extract_articles(
    paths: ArticlePaths,
    *,
    date: str | None = None,
    on_error: ErrorHandler | None = None,
    extractor: Extractor | None = None,
) -> Iterator[tuple[Article, list[Fact]]]:
    """Read articles and extract their facts; nothing is stored.

    Parameters
    ----------
    paths:
        One file or folder of articles (``.txt``, ``.md``, ``.html``, ``.jsonl``) or ``-``, as a
        ``str`` or ``Path``, or an iterable of them.
    date:
        Date (``YYYY-MM-DD``) of articles whose metadata has none.
    on_error:
        Called with each :class:`InputError`: files that cannot be read (as they are read),
        then articles whose extraction failed (after the last article). When not given, the
        first such error is raised once every good article has been yielded.
    extractor:
        The extractor to use (default: a new :class:`Extractor`).

    Yields
    ------
    tuple[Article, list[Fact]]
        Each article read and extracted, in input order.

    Raises
    ------
    InputError
        Without ``on_error``: the first unreadable input or failed article, after the last
        article is yielded (so no problem passes silently and the good articles still come out).
    """
    failed: list[InputError] = []
    report = on_error if on_error is not None else failed.append
    yield from (extractor or Extractor()).extract_many(read_valid_articles(paths, date, report), errors=failed)
    if on_error is None:
        if failed:
            raise failed[0]
        return
    for error in failed:
        on_error(error)


def load_articles(
    paths: ArticlePaths,
    store: GraphStore,
    *,
    date: str | None = None,
    on_error: ErrorHandler | None = None,
    on_warning: ErrorHandler | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    extractor: Extractor | None = None,
    workers: int = 1,
    replace: bool = False,
    keep_copies: bool = False,
) -> ArticleLoadSummary:
    """Read articles, skip those ``store`` holds, extract the rest and write them to ``store``.

    Parameters
    ----------
    paths, date, extractor:
        As in :func:`extract_articles`.
    store:
        An open :class:`GraphStore`.
    on_error:
        Called with each :class:`InputError` when it is met: unreadable files while reading,
        an article the store refused while writing, articles whose extraction failed at the end.
        Every error is in the returned summary's ``errors`` as well, with or without ``on_error``.
    on_warning:
        Called with each warning (an article whose id is stored with another text, a copy
        of a text stored under another id), which is in the summary's ``warnings`` as well.
    on_progress:
        Called with ``(done, stored)`` after each article read: articles extracted and
        written so far, and articles skipped because the store held them already.
    workers:
        Processes that extract (``os.cpu_count()`` when 0); with more than one, batches of
        :data:`WORKER_BATCH` articles are extracted in parallel (each process with its own
        :class:`Extractor`; ``extractor`` is then not used) and this process alone writes,
        in input order: the same facts as one worker.
    replace:
        Re-extract an article whose id is stored with another text and write it in place of
        the stored one (its facts replaced in one transaction); without it the stored article
        is kept and a warning says so.
    keep_copies:
        Load an article whose text (its :func:`~diplograph.graph.model.records.text_digest`)
        is stored, or read earlier in this load, under another id; without it the copy is
        left out with a warning, so that a syndicated story counts once.

    Returns
    -------
    ArticleLoadSummary
        Counts and errors; ``errors`` is empty when everything was loaded.

    Raises
    ------
    StoreUnavailable
        If the store's server goes away: the load stops at once (the message says how many
        articles were stored and how to resume), instead of trying every remaining article.

    Notes
    -----
    Articles stream from the input to the store in batches (those of
    :meth:`~diplograph.loaders.extract.Extractor.extract_many`): memory does not grow with the
    number of articles, and an article the store holds is skipped before it is parsed, so a
    killed load started again goes on where it stopped.
    """
    summary = ArticleLoadSummary()

    def report(error: InputError) -> None:
        summary.errors.append(error)
        if on_error is not None:
            on_error(error)

    def warn(article: Article, message: str) -> None:
        warning = error_at(article, message)
        summary.warnings.append(warning)
        if on_warning is not None:
            on_warning(warning)

    def progress() -> None:
        if on_progress is not None:
            on_progress(done, summary.already_stored + summary.copies + (0 if replace else summary.changed))

    replacing: set[str] = set()

    def pending() -> Iterator[Article]:
        # an id read again in this input (with the same text: the reader refuses another) is
        # extracted once, like an id already stored
        seen: set[str] = set()
        first_ids: dict[str, str] = {}  # text digest -> id of the first article read with it
        for article in read_valid_articles(paths, date, report):
            summary.read += 1
            digest = text_digest(article.text)
            stored = None if article.id in seen else store.article_digest(article.id)
            if article.id in seen or stored == digest:
                summary.already_stored += 1
                progress()
                continue
            if stored is None and not keep_copies:
                original = first_ids.get(digest) or store.article_with_digest(digest)
                if original is not None:
                    summary.copies += 1
                    warn(article, f"article {article.id} has the text of article {original}; left out as a copy "
                                  "(--keep-copies loads it)")
                    progress()
                    continue
                first_ids[digest] = article.id
            if stored is not None:
                summary.changed += 1
                if not replace:
                    warn(article, f"article {article.id} is stored with another text; the stored one is kept "
                                  "(--replace re-extracts it)")
                    progress()
                    continue
                replacing.add(article.id)
            seen.add(article.id)
            yield article

    done = 0
    failed: list[InputError] = []
    workers = workers or os.cpu_count() or 1
    if workers > 1:
        extracted = _extract_in_processes(pending(), workers, failed)
    else:
        extracted = (extractor or Extractor()).extract_many(pending(), errors=failed)
    for article, facts in extracted:
        try:
            written = store.write_article(article, facts, replace=article.id in replacing)
            summary.replaced += written.articles if article.id in replacing else 0
            summary.added += written
            summary.undated += written.articles if article.date is None else 0
        except StoreUnavailable as error:  # nothing more can be stored: stop, say how to resume
            raise StoreUnavailable(
                f"{error}; {summary.added.articles} article{'' if summary.added.articles == 1 else 's'} stored before "
                "it did; when it is back, run the same command again (stored articles are skipped)"
            ) from None
        except DiplographError as error:
            report(InputError(article.origin or article.id, f"article {article.id} not stored: {error}"))
        done += 1
        progress()
    for error in failed:
        report(error)
    return summary

