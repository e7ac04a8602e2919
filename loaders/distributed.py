"""Article extraction and event-file mapping on a Dask cluster:
``diplograph extract [gdelt|icews|facts] PATH... --format parquet -o DIR --dask ADDRESS``.

Event files (GDELT, ICEWS, fact tables) are mapped one file per task with
:func:`~diplograph.loaders.events.iter_event_facts`; each task writes its facts as a fact set
part and its rejected rows to ``DIR/rejects/part-N.tsv``. Articles are read on the client
and sent in chunks to the workers; each task extracts its chunk with the worker's one
:class:`~diplograph.loaders.extract.Extractor`
(:func:`~diplograph.loaders.loading.worker_extractor`: the spaCy pipeline and the tables
load once per worker, not once per task) and writes the chunk as one part of a Parquet fact
set (:mod:`diplograph.graph.stores.fact_set`), named by the chunk's number. The facts are those a single process extracts: extraction
works article by article, whatever the chunks.

``ADDRESS`` is a scheduler's address (``tcp://host:8786``: a ``dask-scheduler`` with
``dask-worker``\\ s, or a ``dask-jobqueue`` cluster's ``scheduler_address``), or
``local:N`` for a ``distributed.LocalCluster`` of ``N`` single-threaded worker processes on
this machine. On a cluster, ``DIR`` must be a folder every worker can write (a shared file
system), and every worker needs diplograph installed. Needs the optional extra
``pip install 'diplograph[dask]'`` (``dask[distributed]``; Dask documentation,
"Deploy Dask Clusters").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from ..graph.model.errors import DiplographError, InputError
from ..graph.model.records import Article
from ..graph.stores.fact_set import FactSetWriter
from .event_rows import EventKind, EventLoadOptions, LoadCounts, RejectSink, expand_paths
from .events import iter_event_facts
from .loading import worker_extractor

if TYPE_CHECKING:
    import distributed

__all__ = ["dask_client", "extract_on_dask", "DaskExtraction", "map_event_files", "EventMapping"]

@dataclass(slots=True)
class DaskExtraction:
    """What :func:`extract_on_dask` did: ``articles`` and ``facts`` written, ``parts``
    (tasks), ``workers`` of the cluster, and ``errors`` (articles extraction failed on)."""

    articles: int = 0
    facts: int = 0
    parts: int = 0
    workers: int = 0
    errors: list[InputError] = field(default_factory=list)


def _extract_part(articles: list[Article], directory: str, part: str) -> tuple[int, int, list[tuple[str, str]]]:
    """Task: extract ``articles`` with this worker's extractor and write them as fact set
    part ``part`` of ``directory``. Returns (articles, facts, [(origin, message) of failures])."""
    failed: list[InputError] = []
    with FactSetWriter(directory, part=part) as writer:
        for article, facts in worker_extractor().extract_many(articles, errors=failed):
            writer.add_article(article)
            writer.add_facts(facts)
    return writer.articles, writer.facts, [(error.path, error.reason) for error in failed]


@dataclass(slots=True)
class EventMapping:
    """What :func:`map_event_files` did: rows ``read``, ``loaded`` (facts written),
    ``rejected`` (in ``DIR/rejects/``) and ``skipped`` by reason; ``file_errors`` for files
    that could not be read; ``parts`` (one per file)."""

    read: int = 0
    loaded: int = 0
    rejected: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    file_errors: list[InputError] = field(default_factory=list)
    parts: int = 0


def _map_event_file(kind: EventKind, path: str, directory: str, part: str, options: EventLoadOptions) -> tuple:
    """Task: map one event file to facts, written as fact set part ``part`` of ``directory``.
    Returns (read, loaded, rejected, {skip reason: count}, [(file, reason) of unreadable files])."""
    rejects = RejectSink(Path(directory) / "rejects" / f"part-{part}.tsv", options.max_rejects_per_file)
    counts = LoadCounts()
    errors: list[InputError] = []
    try:
        with FactSetWriter(directory, part=part) as writer:
            writer.add_facts(iter_event_facts(kind, [path], options, rejects, counts, None, errors))
    finally:
        rejects.close()
    return counts.read, counts.loaded, rejects.count, dict(counts.skipped), [(e.path, e.reason) for e in errors]


def map_event_files(kind: EventKind, paths: list[str], directory: str | Path, client: "distributed.Client | None" = None,
                    options: EventLoadOptions | None = None) -> EventMapping:
    """Map GDELT, ICEWS or fact table files (``kind``) to a fact set in ``directory``, one
    file per task on the cluster of ``client``, or one after the other here when ``client``
    is ``None``. ``options`` is an :class:`~diplograph.loaders.event_rows.EventLoadOptions`
    (filters and limits; its ``rejects_path`` is not used: each task writes
    ``DIR/rejects/part-N.tsv``).

    Raises
    ------
    DiplographError
        If a task fails as a whole (a worker died, the folder cannot be written).
    """
    options = options or EventLoadOptions()
    directory = str(Path(directory).absolute())
    files = expand_paths(kind, paths)
    jobs = [(kind, path, directory, f"{number:06d}", options) for number, path in enumerate(files)]
    if client is None:
        results = [_map_event_file(*job) for job in jobs]
    else:
        futures = [client.submit(_map_event_file, *job, key=f"diplograph-map-{job[3]}-{id(jobs)}") for job in jobs]
        try:
            results = client.gather(futures)
        except Exception as error:  # noqa: BLE001 - a worker's exception, reported as one line
            raise DiplographError(f"a Dask task failed: {type(error).__name__}: {error}") from None
    mapping = EventMapping(parts=len(jobs))
    for read, loaded, rejected, skipped, errors in results:
        mapping.read += read
        mapping.loaded += loaded
        mapping.rejected += rejected
        for reason, count in skipped.items():
            mapping.skipped[reason] = mapping.skipped.get(reason, 0) + count
        mapping.file_errors.extend(InputError(path, reason) for path, reason in errors)
    return mapping


@contextmanager
def dask_client(address: str) -> Iterator["distributed.Client"]:
    """A ``distributed.Client`` for ``address`` (``local:N`` or a scheduler address), closed
    after use (with its ``LocalCluster``).

    Raises
    ------
    DiplographError
        If Dask is not installed (with the pip command), ``local:N`` has no positive ``N``,
        or the scheduler cannot be reached.
    """
    try:
        import distributed
    except ImportError:
        raise DiplographError("--dask needs Dask: pip install 'diplograph[dask]'") from None
    if address.startswith("local:"):
        try:
            workers = int(address.removeprefix("local:"))
        except ValueError:
            workers = 0
        if workers < 1:
            raise DiplographError(f"--dask {address}: local:N needs a number of workers N >= 1")
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.CRITICAL)
        with cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(address, timeout="20s")
    except (OSError, TimeoutError) as error:
        raise DiplographError(f"--dask {address}: cannot reach the Dask scheduler: {error}") from None
    with client:
        yield client


def extract_on_dask(
    articles: Iterable[Article],
    directory: str | Path,
    client: "distributed.Client",
    chunk_size: int = 20,
    on_chunk: Callable[[int], None] | None = None,
) -> DaskExtraction:
    """Extract ``articles`` on the cluster of ``client`` into the fact set ``directory``.

    Parameters
    ----------
    articles:
        Articles to extract, read lazily: at most two chunks per worker are in flight.
    directory:
        The fact set's folder (a new one; on a cluster, on a file system all workers share).
    chunk_size:
        Articles per task (default 20): large enough that a task outlasts its scheduling
        (milliseconds), small enough to spread the work.
    on_chunk:
        Called with the number of articles of each finished task (a progress bar).

    Returns
    -------
    DaskExtraction
        Counts; failed articles are in ``errors`` (the others are written).

    Raises
    ------
    DiplographError
        If a task fails as a whole (a worker died, the folder cannot be written): the parts
        written so far stay, a new run needs a new folder.
    """
    from distributed import as_completed

    directory = str(Path(directory).absolute())
    result = DaskExtraction(workers=max(1, len(client.scheduler_info()["workers"])))
    iterator = iter(articles)

    def submit(number: int):
        chunk = list(islice(iterator, chunk_size))
        if not chunk:
            return None
        result.parts += 1
        return client.submit(_extract_part, chunk, directory, f"{number:06d}", key=f"diplograph-extract-{number}-{id(result)}")

    pending = as_completed()
    number = 0
    for _ in range(2 * result.workers):
        future = submit(number)
        if future is None:
            break
        pending.add(future)
        number += 1
    for future in pending:
        try:
            articles_done, facts_done, failures = future.result()
        except Exception as error:  # noqa: BLE001 - a worker's exception, reported as one line
            raise DiplographError(f"a Dask task failed: {type(error).__name__}: {error}") from None
        result.articles += articles_done
        result.facts += facts_done
        result.errors.extend(InputError(origin, message) for origin, message in failures)
        if on_chunk is not None:
            on_chunk(articles_done + len(failures))
        following = submit(number)
        if following is not None:
            pending.add(following)
            number += 1
    return result
