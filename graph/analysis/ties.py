"""The signed state graph of ties a store has aggregated (:class:`~diplograph.graph.model.ties.Ties`):
the same graph :func:`~diplograph.graph.analysis.graphs.state_graph` builds from every fact,
with signs, symmetric types and decay applied here, so memory grows with the ties, not the facts."""

from __future__ import annotations

from datetime import date as _date

import networkx as nx
import numpy as np
import pandas as pd

from diplograph.graph.analysis.options import AnalysisOptions
from diplograph.graph.model.ties import TieFact, Ties
from diplograph.graph.model.vocabulary import RELATIONS, RelationType

__all__ = ["tie_graph", "edge_facts", "edge_weights"]


def _timestamp(value) -> pd.Timestamp:
    return pd.Timestamp(value if isinstance(value, _date) else str(value))


def tie_graph(ties: Ties, options: AnalysisOptions | None = None, *, level: str = "state") -> nx.DiGraph:
    """The signed, weighted DiGraph of aggregated ties: what
    :func:`~diplograph.graph.analysis.graphs.state_graph` gives for the same facts and parameters,
    without the per-edge ``factKeys`` (the evidence queries fetch the facts of a tie).

    Parameters
    ----------
    ties:
        From a store's :meth:`~diplograph.graph.stores.base.GraphStore.ties` for the same
        window and organisations (grouped by day when a half-life is given).
    options:
        Window and weighting (:class:`~diplograph.graph.analysis.options.AnalysisOptions`):
        with ``half_life_days`` a fact's weight decays as ``0.5 ** (age_days / half_life_days)``,
        the age counted from ``reference_date`` (default: the newest day of the ties), ages
        below 0 counting as 0; ``since``/``until`` are recorded in ``G.graph`` (the store read
        only that window).
    level:
        ``"state"`` or ``"actor"``, recorded in ``G.graph`` and the default node kind.

    Returns
    -------
    networkx.DiGraph
        Edge attributes ``positive``, ``negative``, ``weight``, ``facts``, ``positiveFacts``,
        ``negativeFacts``; ``G.graph`` as :func:`~diplograph.graph.analysis.graphs.state_graph`.

    Raises
    ------
    ValueError
        If ``half_life_days`` is not positive, or it is given and the ties are not by day.
    """
    options = options or AnalysisOptions()
    half_life_days, reference_date = options.half_life_days, options.reference_date
    rows = ties.rows
    sign = {r.value: spec.sign for r, spec in RELATIONS.items()}
    symmetric = {r.value: spec.symmetric for r, spec in RELATIONS.items()}
    w = rows["weight"].to_numpy(dtype=float)
    ref = None
    if half_life_days is not None:
        if not half_life_days > 0:
            raise ValueError(f"half_life_days must be positive, not {half_life_days!r}")
        if len(rows) and rows["day"].isna().any():
            raise ValueError("a half-life needs ties grouped by day")
        if len(rows):
            days = pd.to_datetime(rows["day"], format="ISO8601").to_numpy().astype("datetime64[D]")
            ref = _timestamp(reference_date) if reference_date is not None else pd.Timestamp(days.max())
            age = (np.datetime64(ref.date(), "D") - days).astype(float)
            w = w * np.power(0.5, np.clip(age, 0.0, None) / float(half_life_days))
    rel = rows["relation"].tolist()
    s = np.array([sign[r] for r in rel], dtype=float)
    sym = np.array([symmetric[r] for r in rel], dtype=bool)
    counts = rows["facts"].to_numpy(dtype=np.int64)
    # a fact of weight 0 (Goldstein 0) is a fact of the tie but neither cooperative nor conflictual
    weighted = np.where(w > 0, rows["weighted"].to_numpy(dtype=np.int64), 0)
    src, dst = rows["source"].to_numpy(dtype=object), rows["target"].to_numpy(dtype=object)
    # a symmetric act is a tie both ways
    frame = pd.DataFrame(
        {
            "u": np.concatenate([src, dst[sym]]),
            "v": np.concatenate([dst, src[sym]]),
            "pos": np.concatenate([np.where(s > 0, w, 0.0), np.where(s > 0, w, 0.0)[sym]]),
            "neg": np.concatenate([np.where(s < 0, w, 0.0), np.where(s < 0, w, 0.0)[sym]]),
            "n": np.concatenate([counts, counts[sym]]),
            "npos": np.concatenate([np.where(s > 0, weighted, 0), np.where(s > 0, weighted, 0)[sym]]),
            "nneg": np.concatenate([np.where(s < 0, weighted, 0), np.where(s < 0, weighted, 0)[sym]]),
        }
    )
    edges = frame.groupby(["u", "v"], sort=True).sum()
    G = nx.DiGraph()
    nodes = sorted(set(frame["u"]) | set(frame["v"]))
    default_kind = "State" if level == "state" else "Actor"
    for node in nodes:
        G.add_node(node, name=ties.names.get(node, node), kind=ties.kinds.get(node, default_kind))
    G.add_edges_from(
        (u, v, {"positive": float(p), "negative": float(q), "weight": float(p - q), "facts": int(c),
                "positiveFacts": int(a), "negativeFacts": int(b)})
        for (u, v), p, q, c, a, b in zip(edges.index, edges["pos"], edges["neg"], edges["n"], edges["npos"], edges["nneg"])
    )
    G.graph.update(
        level=level,
        halfLifeDays=half_life_days,
        since=str(options.since) if options.since is not None else None,
        until=str(options.until) if options.until is not None else None,
        referenceDate=ref.date().isoformat() if ref is not None else None,
        facts=int(counts.sum()),
        excluded=dict(ties.excluded),
    )
    return G


def edge_facts(facts: list[TieFact], source: str, target: str) -> list[TieFact]:
    """The facts of ``facts`` (a store's :meth:`~diplograph.graph.stores.base.GraphStore.tie_facts`)
    counted on the edge ``source -> target``: those from ``source`` to ``target``, and a
    symmetric fact from ``target`` to ``source`` (it counts on both directions of its pair)."""
    return [fact for fact in facts if (fact.source, fact.target) == (source, target)
            or (RELATIONS[RelationType(fact.relation)].symmetric and (fact.target, fact.source) == (source, target))]


def edge_weights(
    facts: list[TieFact], source: str, target: str, *, half_life_days: float | None = None, reference_date: str | None = None
) -> dict[str, float]:
    """Signed weight of each fact counted on the edge ``source -> target``, by key.

    Parameters
    ----------
    facts:
        From a store's :meth:`~diplograph.graph.stores.base.GraphStore.tie_facts` over (at least)
        both nodes.
    half_life_days, reference_date:
        The decay of the graph (``G.graph["halfLifeDays"]`` and ``G.graph["referenceDate"]``).

    Returns
    -------
    dict
        Key -> weight (+ cooperative, - conflictual), what
        :func:`~diplograph.graph.analysis.graphs.weighted_facts` gives those facts: a symmetric
        fact counts on both directions of its pair.
    """
    out = {}
    ref = np.datetime64(reference_date, "D") if half_life_days is not None and reference_date else None
    for fact in edge_facts(facts, source, target):
        spec = RELATIONS[RelationType(fact.relation)]
        w = fact.weight
        if ref is not None:
            age = float((ref - np.datetime64(fact.day, "D")).astype(float))
            w = w * 0.5 ** (max(age, 0.0) / float(half_life_days))
        out[fact.key] = spec.sign * w
    return out
