"""Changes between two time windows: PageRank and rank of each node in each window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace

import networkx as nx
import pandas as pd

from diplograph.graph.analysis.centrality import centrality
from diplograph.graph.analysis.options import AnalysisOptions
from diplograph.graph.analysis.frame import fact_frame
from diplograph.graph.analysis.graphs import state_graph
from diplograph.graph.model.records import Fact


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One node's standing in two windows; ``rank_change`` > 0 means it rose."""

    id: str
    name: str
    rank_a: int | None
    rank_b: int | None
    rank_change: int | None
    pagerank_a: float
    pagerank_b: float
    pagerank_change: float
    facts_a: int
    facts_b: int

    def to_json(self) -> dict:
        """camelCase JSON object of the row."""
        return {
            "id": self.id,
            "name": self.name,
            "rankA": self.rank_a,
            "rankB": self.rank_b,
            "rankChange": self.rank_change,
            "pagerankA": self.pagerank_a,
            "pagerankB": self.pagerank_b,
            "pagerankChange": self.pagerank_change,
            "factsA": self.facts_a,
            "factsB": self.facts_b,
        }


@dataclass(slots=True)
class ChangesResult:
    """Rows sorted by PageRank change (largest rise first) and the two windows compared."""

    rows: list[ChangeRow]
    window_a: tuple[str | None, str | None]
    window_b: tuple[str | None, str | None]

    def to_json(self) -> dict:
        """JSON object: windows and rows."""
        return {
            "windowA": {"since": self.window_a[0], "until": self.window_a[1]},
            "windowB": {"since": self.window_b[0], "until": self.window_b[1]},
            "rows": [r.to_json() for r in self.rows],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row a node, indexed by ``id``, largest rise first; columns are the fields of
        :class:`ChangeRow` (``rank_a``, ``rank_b``, ``rank_change``, ``pagerank_a``, ...)."""
        return pd.DataFrame([asdict(r) for r in self.rows], columns=[f.name for f in fields(ChangeRow)]).set_index("id")


def changes(
    facts: Iterable[Fact] | pd.DataFrame,
    window_a: tuple,
    window_b: tuple,
    options: AnalysisOptions | None = None,
    *,
    seed: int = 0,
) -> ChangesResult:
    """Who rose and who fell between two time windows.

    Parameters
    ----------
    facts:
        Facts (read once) or a frame from :func:`fact_frame`.
    window_a, window_b:
        ``(since, until)`` ISO dates, inclusive (``None`` for an open end); ``a`` is the
        earlier window by convention.
    options:
        ``half_life_days`` and ``organizations`` as in :func:`state_graph` (decay counts from
        each window's newest fact); its ``since``, ``until`` and ``reference_date`` are
        replaced by each window's.
    seed:
        As in :func:`centrality`.

    Returns
    -------
    ChangesResult
        As :func:`rank_changes` gives it for the state graphs of the two windows.
    """
    options = options or AnalysisOptions()
    frame = fact_frame(facts, level="state", organizations=options.organizations)
    graph_a, graph_b = (state_graph(frame, replace(options, since=since, until=until, reference_date=None))
                        for since, until in (window_a, window_b))
    return rank_changes(graph_a, graph_b, window_a, window_b, seed=seed)


def rank_changes(graph_a: nx.DiGraph, graph_b: nx.DiGraph, window_a: tuple, window_b: tuple, *, seed: int = 0) -> ChangesResult:
    """Ranks and PageRank of every node in the state graphs of two windows, and their change.

    ``graph_a`` and ``graph_b`` are the graphs of ``window_a`` and ``window_b`` (``(since,
    until)``, recorded in the result), built by :func:`state_graph` from facts or by
    :func:`~diplograph.graph.analysis.ties.tie_graph` from a store's ties; ``seed`` as in
    :func:`centrality`.

    Returns
    -------
    ChangesResult
        One row per node seen in either window: ranks (``None`` where absent), PageRank in
        each (0 where absent), the change (b - a) and ``rank_change = rank_a - rank_b``
        (positive = rose; ``None`` when absent from a window). Sorted by PageRank change,
        largest first, then id.
    """
    ra, rb = (centrality(G, seed=seed).by_id() for G in (graph_a, graph_b))
    rows = []
    for v in sorted(set(ra) | set(rb)):
        a, b = ra.get(v), rb.get(v)
        name = (a or b).name
        pa = a.pagerank if a else 0.0
        pb = b.pagerank if b else 0.0
        rows.append(
            ChangeRow(
                id=v,
                name=name,
                rank_a=a.rank if a else None,
                rank_b=b.rank if b else None,
                rank_change=(a.rank - b.rank) if a and b else None,
                pagerank_a=pa,
                pagerank_b=pb,
                pagerank_change=pb - pa,
                facts_a=a.facts if a else 0,
                facts_b=b.facts if b else 0,
            )
        )
    rows.sort(key=lambda r: (-r.pagerank_change, r.id))
    return ChangesResult(rows, tuple(window_a), tuple(window_b))
