"""Ties aggregated by a store, and the signed state graph built from them.

A store counts (:meth:`~diplograph.graph.store.GraphStore.ties`): it maps each fact's ends
to graph nodes, drops what does not count (by reason), keeps one event per article and pair,
and sums Goldstein intensity x confidence per (source node, target node, relation type) — and
per day when a half-life needs each fact's age. Python receives those few aggregated rows
(:class:`Ties`), and :func:`tie_graph` turns them into the same signed, weighted DiGraph as
:func:`~diplograph.graph.analysis.state_graph` builds from facts, signs, symmetric types and
decay applied here. So memory grows with the number of ties, not of facts.

:data:`RULES` documents the rules both stores implement (one query each, in SQL and Cypher);
they are those of :func:`~diplograph.graph.analysis.fact_frame` and
:func:`~diplograph.graph.analysis.state_graph`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as _date

import networkx as nx
import numpy as np
import pandas as pd

from .analysis import UNMAPPED_REASONS, acts_for_state
from .goldstein import goldstein_for_cameo
from .vocabulary import RELATIONS, RelationType

__all__ = ["Ties", "TieFact", "tie_graph", "not_for_state", "relation_table", "cameo_intensities", "excluded_counts", "edge_weights", "ties_from_groups", "RULES"]

RULES = """\
node of an end (state level): a State is itself; an Organization is itself with
--organizations, else no node (reason "organization"); a Leader or Firm is its country, no
node when that is unknown (reason "noState"); a Leader who does not act for their state
(not_for_state) is no node (reason "leaderNotForState", which wins over the other reasons).
At actor level every actor is its own node.
filters, in order: relation type with sign 0 ("neutral"); an end with no node (by reason);
both ends one node ("selfLoop"); with a half-life, no date ("undated"); of the facts of one
article with the same (source, relation, target) — the pair unordered for symmetric types —
only the one of highest confidence, then intensity, then smallest key counts
("duplicateMention"). --since/--until select the facts read (first day of a date).
weight of a fact: |goldstein| when given, else |Goldstein of its CAMEO code|, else the
relation type's default; times confidence; times 0.5 ** (age / half-life) with a half-life."""


@dataclass(slots=True)
class Ties:
    """What a store returns for a graph: aggregated ties and the counts around them.

    Attributes
    ----------
    rows:
        DataFrame, one row per (``source``, ``target``, ``relation``, ``day``) of the facts
        that count: ``source``/``target`` node ids (str), ``relation`` (RelationType value),
        ``day`` (ISO date of the facts' first day, ``None`` unless grouped by day),
        ``weight`` (sum of |Goldstein| x confidence, >= 0, unsigned, no decay), ``facts``
        (number of facts, int) and ``weighted`` (how many of them weigh more than 0).
    facts:
        Number of facts read (those in the window).
    first_date, last_date:
        First days of the earliest and latest dated facts read (ISO), or ``None``.
    excluded:
        Facts left out by reason (the keys of :func:`~diplograph.graph.analysis.state_graph`'s
        ``G.graph["excluded"]``, in its order).
    names, kinds:
        Name and kind label of every node that has a tie.
    not_for_state:
        Ids of the leaders (seen in the facts read) whose facts do not count for their state.
    """

    rows: pd.DataFrame
    facts: int
    first_date: str | None
    last_date: str | None
    excluded: dict[str, int]
    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    not_for_state: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TieFact:
    """One fact that counts in a tie (the evidence queries' row): ``key``, mapped ``source``
    and ``target`` nodes, ``relation``, ``day`` (ISO or ``None``) and ``weight`` (|Goldstein|
    x confidence, unsigned, no decay)."""

    key: str
    source: str
    target: str
    relation: str
    day: str | None
    weight: float


def relation_table() -> list[tuple[str, int, int, float]]:
    """Rows ``(relation, sign, symmetric 0/1, default intensity)`` of every relationship type
    (:data:`~diplograph.graph.vocabulary.RELATIONS`), for the stores' aggregate queries."""
    return [(r.value, spec.sign, int(spec.symmetric), abs(spec.goldstein)) for r, spec in RELATIONS.items()]


def cameo_intensities(codes) -> list[tuple[str, float]]:
    """``(code, |Goldstein|)`` of each CAMEO code given that has a weight
    (:func:`~diplograph.graph.goldstein.goldstein_for_cameo`, longest known prefix)."""
    out = []
    for code in codes:
        g = goldstein_for_cameo(code)
        if g is not None:
            out.append((code, abs(g)))
    return out


def not_for_state(actor_roles, leads_roles) -> list[str]:
    """Leaders whose facts do not count for their state (:func:`acts_for_state`).

    Parameters
    ----------
    actor_roles:
        ``(leader id, Actor.role)`` of the leaders with a known state.
    leads_roles:
        ``(leader id, role)`` of their LEADS facts in the window (non-empty roles).

    Returns
    -------
    list of str
        Sorted ids: a leader's own title decides when known, else the titles of their LEADS
        facts (acting if any title acts), else they act for their state.
    """
    titles: dict[str, list[str]] = {}
    for leader, role in leads_roles:
        titles.setdefault(leader, []).append(role)
    out = []
    for leader, role in actor_roles:
        if role is not None:
            acts = acts_for_state(role)
        elif titles.get(leader):
            acts = any(acts_for_state(r) for r in titles[leader])
        else:
            acts = True
        if not acts:
            out.append(leader)
    return sorted(out)


def excluded_counts(counts: dict[str, int], *, window: bool, dated: bool) -> dict[str, int]:
    """The ``excluded`` dict of a graph from a store's counts by reason, with the keys of
    :func:`~diplograph.graph.analysis.state_graph` in its order (``outOfWindow`` with a
    window: the store reads only the window, so it is 0; ``undated`` with a half-life)."""
    out = {"neutral": counts.get("neutral", 0)}
    out.update({reason: counts.get(reason, 0) for reason in UNMAPPED_REASONS})
    out["selfLoop"] = counts.get("selfLoop", 0)
    if window:
        out["outOfWindow"] = 0
    if dated:
        out["undated"] = counts.get("undated", 0)
    out["duplicateMention"] = counts.get("duplicateMention", 0)
    return out


def _first_day(date) -> str | None:
    """First day of an ISO date at day, month or year precision (a Neo4j DATE as is)."""
    if date is None:
        return None
    date = str(date)
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def ties_from_groups(
    groups,
    *,
    by_day: bool,
    window: bool,
    level: str,
    node_info,
    not_for_state: list[str],
) -> Ties:
    """Sort a store's aggregate rows into counted ties and counts of facts left out by reason.

    Parameters
    ----------
    groups:
        Rows ``(source, target, relation, source_reason, target_reason, day, n, counted,
        weighted, weight, undated, first, last)``: node ids (``None`` when an end has none),
        relation type value, the reason of each end (a key of
        :data:`~diplograph.graph.analysis.UNMAPPED_REASONS` or ``None``), the day (with
        ``by_day``), the facts of the group, how many count (one mention an event), how many
        of those weigh more than 0, their summed |Goldstein| x confidence, how many are
        undated, and the earliest and latest dates (ISO, any precision).
    by_day, window:
        Whether the rows are by day (a half-life), and whether a window was read.
    level:
        ``"state"`` or ``"actor"``.
    node_info:
        Function of a list of node ids returning ``(id, kind, name)`` of those that are actors.
    not_for_state:
        Leaders whose facts do not count for their state.
    """
    sign_of = {r.value: spec.sign for r, spec in RELATIONS.items()}
    counts: dict[str, int] = {}
    facts = 0
    first = last = None
    tie_rows = []
    for src, dst, relation, src_reason, dst_reason, day, n, counted, weighted, weight, undated, lo, hi in groups:
        facts += n
        if lo is not None:
            lo, hi = _first_day(lo), _first_day(hi)
            first = lo if first is None or lo < first else first
            last = hi if last is None or hi > last else last
        if sign_of[relation] == 0:
            key = "neutral"
        elif "leaderNotForState" in (src_reason, dst_reason):
            key = "leaderNotForState"
        elif src_reason or dst_reason or src is None or dst is None:
            key = src_reason or dst_reason or "noState"
        elif src == dst:
            key = "selfLoop"
        elif by_day and undated:
            key = "undated"
        else:
            counts["duplicateMention"] = counts.get("duplicateMention", 0) + n - counted
            if counted:
                tie_rows.append((src, dst, relation, None if day is None else str(day), float(weight), counted, weighted))
            continue
        counts[key] = counts.get(key, 0) + n
    rows = pd.DataFrame(tie_rows, columns=["source", "target", "relation", "day", "weight", "facts", "weighted"])
    nodes = sorted(set(rows["source"]) | set(rows["target"]))
    names, kinds = {}, {}
    for node_id, kind, name in node_info(nodes):
        names[node_id] = name
        kinds[node_id] = kind if level == "actor" or kind in ("State", "Organization") else "State"
    for node in nodes:
        names.setdefault(node, node)
        kinds.setdefault(node, "State" if level == "state" else "Actor")
    return Ties(
        rows=rows,
        facts=facts,
        first_date=first,
        last_date=last,
        excluded=excluded_counts(counts, window=window, dated=by_day),
        names=names,
        kinds=kinds,
        not_for_state=list(not_for_state),
    )


def _timestamp(value) -> pd.Timestamp:
    return pd.Timestamp(value if isinstance(value, _date) else str(value))


def tie_graph(
    ties: Ties,
    *,
    half_life_days: float | None = None,
    since: str | _date | None = None,
    until: str | _date | None = None,
    reference_date: str | _date | None = None,
    level: str = "state",
) -> nx.DiGraph:
    """The signed, weighted DiGraph of aggregated ties: what
    :func:`~diplograph.graph.analysis.state_graph` gives for the same facts and parameters,
    without the per-edge ``factKeys`` (the evidence queries fetch the facts of a tie).

    Parameters
    ----------
    ties:
        From a store's :meth:`~diplograph.graph.store.GraphStore.ties` (grouped by day when
        ``half_life_days`` is given).
    half_life_days:
        Decay of a fact's weight, ``0.5 ** (age_days / half_life_days)``, the age counted from
        ``reference_date`` (default: the newest day of the ties), ages below 0 counting as 0.
    since, until:
        Recorded in ``G.graph`` (the store already read only that window).
    level:
        ``"state"`` or ``"actor"``, recorded in ``G.graph`` and the default node kind.

    Returns
    -------
    networkx.DiGraph
        Edge attributes ``positive``, ``negative``, ``weight``, ``facts``, ``positiveFacts``,
        ``negativeFacts``; ``G.graph`` as :func:`~diplograph.graph.analysis.state_graph`.

    Raises
    ------
    ValueError
        If ``half_life_days`` is not positive, or it is given and the ties are not by day.
    """
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
        since=str(since) if since is not None else None,
        until=str(until) if until is not None else None,
        referenceDate=ref.date().isoformat() if ref is not None else None,
        facts=int(counts.sum()),
        excluded=dict(ties.excluded),
    )
    return G



def edge_weights(
    facts: list[TieFact], source: str, target: str, *, half_life_days: float | None = None, reference_date: str | None = None
) -> dict[str, float]:
    """Signed weight of each fact counted on the edge ``source -> target``, by key.

    Parameters
    ----------
    facts:
        From a store's :meth:`~diplograph.graph.store.GraphStore.tie_facts` over (at least)
        both nodes.
    half_life_days, reference_date:
        The decay of the graph (``G.graph["halfLifeDays"]`` and ``G.graph["referenceDate"]``).

    Returns
    -------
    dict
        Key -> weight (+ cooperative, - conflictual), what
        :func:`~diplograph.graph.analysis.weighted_facts` gives those facts: a symmetric
        fact counts on both directions of its pair.
    """
    out = {}
    ref = np.datetime64(reference_date, "D") if half_life_days is not None and reference_date else None
    for fact in facts:
        spec = RELATIONS[RelationType(fact.relation)]
        if (fact.source, fact.target) != (source, target) and not (spec.symmetric and (fact.target, fact.source) == (source, target)):
            continue
        w = fact.weight
        if ref is not None:
            age = float((ref - np.datetime64(fact.day, "D")).astype(float))
            w = w * 0.5 ** (max(age, 0.0) / float(half_life_days))
        out[fact.key] = spec.sign * w
    return out
