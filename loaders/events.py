"""Load coded event data (GDELT, ICEWS, fact tables) into a graph store.

The public entry point is :func:`load_event_files`; the CLI's ``diplograph load gdelt|icews|facts
FILE...`` is a thin layer over it.

Every input row ends in exactly one of three places, so nothing is lost:

- **loaded**: mapped to a :class:`~diplograph.graph.model.records.Fact` and written through
  :meth:`GraphStore.write_facts` (a fact already stored, same key, is not written again);
- **rejected**: the row is malformed (wrong number of columns, bad date or number, a code
  that is not CAMEO, an unknown country, a line longer than the limit) or reuses the event
  id of an earlier row of the load for another event; it goes to the rejects file, a TSV with the
  columns ``file``, ``line`` (1-based, in the decompressed file), ``reason`` and ``raw`` (the
  row as read, tabs kept inside a quoted field);
- **skipped**: the row is well-formed but outside what the graph holds, removed by a
  filter, or an exact duplicate of an earlier row (same event id, same content: see
  :class:`~.event_rows.SeenEvents`); counted by reason in :attr:`EventLoadSummary.skipped_by_reason` (see the loader
  modules for the reasons).

``summary.read == summary.loaded + summary.rejected + summary.skipped`` always holds.

Fact keys rest on the source's own event id (``gdelt:<GLOBALEVENTID>``,
``icews:<Event ID>``, ``facts:<row hash>``), so loading a file twice adds nothing.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from pathlib import Path

from ..graph.model.errors import InputError
from ..graph.model.records import Fact
from ..graph.stores.base import GraphStore
from .event_rows import (
    EventKind,
    EventLoadOptions,
    EventLoadSummary,
    LoadCounts,
    RejectSink,
    expand_paths,
)
from .fact_table import iter_table_facts
from .gdelt import iter_gdelt_facts
from .icews import iter_icews_facts

__all__ = ["READERS", "load_event_files", "iter_event_facts", "default_rejects_path"]

#: The reader of each kind of event data: ``reader(path, options, rejects, counts, on_progress)``
#: yields the facts of one file.
READERS = {"gdelt": iter_gdelt_facts, "icews": iter_icews_facts, "facts": iter_table_facts}


def default_rejects_path(kind: str, store: GraphStore) -> Path:
    """``rejects-<kind>-<UTC time>.tsv`` in the folder of the store file (or the current folder)."""
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    store_path = getattr(store, "path", None)
    folder = Path(store_path).parent if store_path else Path.cwd()
    return folder / f"rejects-{kind}-{stamp}.tsv"


def iter_event_facts(
    kind: EventKind,
    paths: list[str],
    options: EventLoadOptions,
    rejects: RejectSink,
    counts: LoadCounts,
    on_progress: Callable[[int], None] | None = None,
    file_errors: list[InputError] | None = None,
) -> Iterator[Fact]:
    """Stream the facts of event files, recording rejects in ``rejects`` and counts in ``counts``.

    The parse-and-map half of :func:`load_event_files`, usable without a store (benchmarks,
    exports). Files that cannot be read at all are recorded in ``rejects`` (line empty) and
    in ``file_errors``; reading goes on with the next file.
    """
    reader = READERS.get(kind)
    if reader is None:
        raise ValueError(f"unknown event data kind {kind!r} (expected gdelt, icews or facts)")
    for path in expand_paths(kind, paths):
        try:
            yield from reader(path, options, rejects, counts, on_progress)
        except InputError as error:
            rejects.add_file_error(error)
            if file_errors is not None:
                file_errors.append(error)


def load_event_files(
    kind: EventKind,
    paths: list[str],
    store: GraphStore,
    options: EventLoadOptions | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> EventLoadSummary:
    """Load GDELT exports, ICEWS files or fact tables into ``store``.

    Parameters
    ----------
    kind:
        ``"gdelt"``, ``"icews"`` or ``"facts"``.
    paths:
        Files (plain or zipped) or folders of them.
    store:
        Where facts go, through :meth:`GraphStore.write_facts` in batches of
        ``options.batch_size``.
    options:
        Filters, actor scope, rejects file (see :class:`EventLoadOptions`).
    on_progress:
        Called with the number of input bytes read since the last call (the total is
        :func:`event_input_size`).

    Returns
    -------
    EventLoadSummary
        Counts with ``read == loaded + rejected + skipped``.

    Raises
    ------
    StoreError
        If the store cannot be written (facts of earlier batches stay written).
    """
    options = options or EventLoadOptions()
    rejects_path = Path(options.rejects_path) if options.rejects_path else default_rejects_path(kind, store)
    rejects = RejectSink(rejects_path, options.max_rejects_per_file)
    counts = LoadCounts()
    summary = EventLoadSummary(files=expand_paths(kind, paths))
    try:
        facts = iter_event_facts(kind, paths, options, rejects, counts, on_progress, summary.file_errors)
        summary.added = store.write_facts(facts, batch_size=options.batch_size)
    finally:
        rejects.close()
        counts.seen.close()
    summary.read = counts.read
    summary.loaded = counts.loaded
    summary.skipped = sum(counts.skipped.values())
    summary.skipped_by_reason = counts.skipped
    summary.rejected = rejects.count
    summary.rejected_by_reason = rejects.by_reason
    summary.rejects_path = rejects_path if rejects.written else None
    return summary
