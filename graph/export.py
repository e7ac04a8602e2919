"""Export of the state (or actor) graph for Gephi, igraph, networkx and spreadsheets:
GraphML, GEXF (dynamic), CSV and node-link JSON, with the measures of the reports on the nodes.

What other tools read by default is non-negative: the edge attribute ``weight`` is the
cooperative weight the reports rank by (the net weight where it is positive, else 0), so
``nx.pagerank(nx.read_graphml(path))``, igraph's ``pagerank(weights="weight")`` and Gephi's
PageRank give the report's PageRank as they are. The signed net weight (cooperative minus
conflictual) is ``signedWeight``; ``positive`` and ``negative`` are the two sums, both >= 0.
The full list of attributes is in :func:`publishable_graph`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import numpy as np

from diplograph.graph.analysis import blocs as compute_blocs
from diplograph.graph.analysis import centrality as compute_centrality
from diplograph.graph.model.errors import ReportError
from diplograph.graph.analysis.options import AnalysisOptions
from diplograph.graph.analysis.ties import tie_graph
from diplograph.graph.model.records import Fact, event_date
from diplograph.graph.model.safe_output import safe_csv_writer
from diplograph.graph.model.vocabulary import RELATIONS, ActorKind, RelationType
from diplograph.graph.stores.base import GraphStore
from diplograph.loaders.cameo import name_states

__all__ = ["EXPORT_FORMATS", "EDGE_COLUMNS", "NODE_COLUMNS", "export_input", "publishable_graph", "export_graph"]

#: Formats of :func:`export_graph`.
EXPORT_FORMATS = ("graphml", "gexf", "csv", "json")

#: Node attributes written by every format (CSV columns of ``<stem>.nodes.csv`` after ``id``):
#: the node's name is ``label`` (the column Gephi's spreadsheet import reads; igraph's
#: ``Graph.DataFrame`` takes the first column as the vertex ``name`` and refuses a second one).
NODE_COLUMNS = ("label", "kind", "country", "pagerank", "eigenvector", "betweenness", "bloc", "community", "start", "end")

#: Edge attributes written by every format (CSV columns after ``source, target, sourceName, targetName``).
EDGE_COLUMNS = ("weight", "signedWeight", "positive", "negative", "facts", "positiveFacts", "negativeFacts", "start", "end")


def _legal(value):
    """GraphML/GEXF-legal attribute value: lists joined with ';', numpy scalars as Python ones."""
    if isinstance(value, (list, tuple, set)):
        return ";".join(map(str, value))
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def publishable_graph(G: nx.DiGraph, facts: Iterable[Fact] = (), *, seed: int = 0) -> nx.DiGraph:
    """A copy of ``G`` with the attributes other tools need, each non-negative where tools expect it.

    Parameters
    ----------
    G:
        Graph from :func:`~diplograph.graph.analysis.state_graph` or ``actor_graph`` (edge
        attributes ``weight`` = net signed weight, ``positive``, ``negative``, ``facts``, ...).
    facts:
        The facts the graph was built from (any superset): they give each edge its first and
        last date and each actor node its country. Without them, the edges' own ``start`` and
        ``end`` and the nodes' own ``country`` are kept (:func:`export_input` sets them); else
        edges carry no dates.
    seed:
        Seed of the signed partition into blocs and of Louvain (as in the reports).

    Returns
    -------
    networkx.DiGraph
        Nodes: ``name`` and ``label`` (the same), ``kind`` (State, Leader, Firm, Organization), ``country`` (ISO3: the
        state itself, a leader's or firm's state, empty for organisations), ``pagerank``,
        ``eigenvector`` (absent outside the largest cooperative component),
        ``betweenness`` (:func:`~diplograph.graph.analysis.centrality`), ``bloc`` and
        ``community`` (1-based, :func:`~diplograph.graph.analysis.blocs`), ``start`` and
        ``end`` (first and last date of its ties). Edges: ``weight`` = max(net, 0) (the
        cooperative weight PageRank follows in the reports; >= 0), ``signedWeight`` = net
        (positive - negative; < 0 for a conflictual tie), ``positive``, ``negative``,
        ``facts``, ``positiveFacts``, ``negativeFacts``, ``factKeys``, ``start``, ``end``
        (ISO dates of the first day of the earliest and latest dated fact; absent when no
        fact of the tie is dated). ``graph["mode"]`` is ``"dynamic"`` when any edge is dated.
    """
    facts = list(facts)
    if facts:
        G = _with_fact_dates(G.copy(), facts)
    cres = compute_centrality(G, seed=seed)
    bres = compute_blocs(G, seed=seed)
    measures = cres.by_id()
    bloc, community = bres.membership, bres.community_of
    H = nx.DiGraph()
    H.graph.update(G.graph)
    for v, d in G.nodes(data=True):
        row = measures[v]
        kind = d.get("kind")
        H.add_node(
            v, **{**d, "country": v if kind == ActorKind.STATE.value else d.get("country")}, label=d.get("name", v),
            pagerank=row.pagerank, eigenvector=row.eigenvector, betweenness=row.betweenness,
            bloc=bloc[v] + 1 if v in bloc else None, community=community[v] + 1 if v in community else None,
        )
    for u, v, d in G.edges(data=True):
        net = float(d["weight"])
        H.add_edge(u, v, **{**d, "weight": max(net, 0.0), "signedWeight": net, "start": d.get("start"), "end": d.get("end")})
    for v in H:
        spans = [(e["start"], e["end"]) for *_, e in H.edges(v, data=True)] + [(e["start"], e["end"]) for *_, e in H.in_edges(v, data=True)]
        spans = [s for s in spans if s[0] is not None]
        H.nodes[v]["start"] = min(s for s, _ in spans) if spans else None
        H.nodes[v]["end"] = max(e for _, e in spans) if spans else None
    H.graph["mode"] = "dynamic" if any(d["start"] for *_, d in H.edges(data=True)) else "static"
    return H


def export_input(store: GraphStore, options: AnalysisOptions, level: str = "state") -> nx.DiGraph:
    """The graph an export writes, from ``store``: the ties it counts
    (:meth:`~diplograph.graph.stores.base.GraphStore.ties`, memory growing with the ties),
    each edge with the ``start`` and ``end`` day of its dated facts (counted with the ties) and each
    node with its ``country`` (the store's actors).

    Coded events are merged by the store under ``options.event_rule`` and ``event_weight``.

    Parameters
    ----------
    level:
        ``"state"`` or ``"actor"``.
    """
    since, until = (None if x is None else str(x) for x in (options.since, options.until))
    organizations = options.organizations and level == "state"
    rule = {"event_rule": options.event_rule.value, "event_weight": options.event_weight.value}
    ties = store.ties(since=since, until=until, organizations=organizations, level=level,
                      by_day=options.half_life_days is not None, **rule)
    name_states(ties.names, ties.kinds)
    G = tie_graph(ties, options, level=level)
    spans: dict[tuple[str, str], tuple[str, str]] = {}
    rows = ties.rows[ties.rows["first"].notna()]
    for u, v, relation, first, last in zip(rows["source"].tolist(), rows["target"].tolist(), rows["relation"].tolist(),
                                           rows["first"].tolist(), rows["last"].tolist()):
        for pair in [(u, v)] + ([(v, u)] if RELATIONS[RelationType(relation)].symmetric else []):
            lo, hi = spans.get(pair, (first, last))
            spans[pair] = (min(lo, first), max(hi, last))
    for u, v, d in G.edges(data=True):
        d["start"], d["end"] = spans.get((u, v), (None, None))
    for actor in store.iter_actors():
        if actor.id in G:
            G.nodes[actor.id]["country"] = actor.id if actor.kind is ActorKind.STATE else actor.country
    return G


def _with_fact_dates(G: nx.DiGraph, facts: Iterable[Fact]) -> nx.DiGraph:
    """``G`` with each edge's ``start``/``end`` (first days of the earliest and latest dated
    fact among its ``factKeys``) and each node's ``country``, from ``facts``; returns ``G``."""
    dates: dict[str, str] = {}
    country: dict[str, str | None] = {}
    for fact in facts:
        if fact.date:
            dates[fact.key] = event_date(fact.date)[0].isoformat()
        for actor in (fact.subject, fact.object):
            country.setdefault(actor.id, actor.id if actor.kind is ActorKind.STATE else actor.country)
    for u, v, d in G.edges(data=True):
        days = sorted(dates[k] for k in d.get("factKeys", ()) if k in dates)
        d["start"], d["end"] = (days[0], days[-1]) if days else (None, None)
    for v, d in G.nodes(data=True):
        d["country"] = country.get(v)
    return G


def _scalar_graph(H: nx.DiGraph) -> nx.DiGraph:
    """Copy with scalar attributes only (GraphML and GEXF): lists joined, None left out."""
    S = nx.DiGraph()
    for k, v in H.graph.items():
        if v is None:
            continue
        if isinstance(v, dict):
            S.graph.update({f"{k}.{kk}": _legal(vv) for kk, vv in v.items() if vv is not None})
        else:
            S.graph[k] = _legal(v)
    for v, d in H.nodes(data=True):
        S.add_node(v, **{k: _legal(x) for k, x in d.items() if x is not None})
    for u, v, d in H.edges(data=True):
        S.add_edge(u, v, **{k: _legal(x) for k, x in d.items() if x is not None})
    return S


def _gexf_lines(S: nx.DiGraph) -> list[str]:
    """GEXF 1.2 text; dynamic mode (Gephi's timeline) when the graph says so: ``start``/``end``
    of nodes and edges become their GEXF interval, at day precision (``timeformat="date"``)."""
    return list(nx.generate_gexf(S, version="1.2draft"))


def export_graph(G: nx.DiGraph, path: str | Path | None, fmt: str, *, facts: Iterable[Fact] = (), seed: int = 0) -> str | None:
    """Write a state (or actor) graph as GraphML, GEXF (opens in Gephi, with its timeline), CSV or JSON.

    Parameters
    ----------
    G:
        Graph from :func:`~diplograph.graph.analysis.state_graph` or ``actor_graph``.
    path:
        Output file; ``None`` returns the text instead. For CSV the file holds the edges
        (``source, target, sourceName, targetName``, then :data:`EDGE_COLUMNS`, then
        ``factKeys`` when the edges carry them: graphs built from facts in memory do, graphs a
        store has counted do not) and a second file ``<stem>.nodes.csv`` beside it holds the
        nodes (``id`` and :data:`NODE_COLUMNS`), so CSV needs a path (two tables do not fit
        one stream that tools read as one table).
    fmt:
        ``graphml``, ``gexf``, ``csv`` or ``json`` (node-link JSON, ``factKeys`` as lists).
    facts, seed:
        As in :func:`publishable_graph`, which gives the attributes written.

    Notes
    -----
    ``weight`` is >= 0 in every format (see the module documentation); the signed net weight
    is ``signedWeight``. GraphML and GEXF take scalar attributes only: ``factKeys`` is
    joined with ``;`` and attributes that are None are left out. igraph reads the GraphML
    (``igraph.Graph.Read_GraphML``), the CSV pair (``igraph.Graph.DataFrame``) and, through
    networkx, GEXF and JSON (``igraph.Graph.from_networkx``); igraph has no GEXF reader.

    Raises
    ------
    ReportError
        If ``fmt`` is unknown, or is ``csv`` without a path.
    """
    if fmt not in EXPORT_FORMATS:
        raise ReportError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv" and path is None:
        raise ReportError("csv export writes two files (edges, and nodes beside them): give --output FILE.csv")
    H = publishable_graph(G, facts, seed=seed)
    if fmt == "json":
        data = nx.node_link_data(H, edges="edges")
        text = json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n"
        if path is None:
            return text
        Path(path).write_text(text, encoding="utf-8")
        return None
    if fmt == "csv":
        nodes = io.StringIO()
        w = safe_csv_writer(nodes, lineterminator="\n")
        w.writerow(["id", *NODE_COLUMNS])
        for v, d in sorted(H.nodes(data=True)):
            w.writerow([v, *("" if d.get(c) is None else d.get(c) for c in NODE_COLUMNS)])
        edges = io.StringIO()
        keys = any("factKeys" in d for *_, d in H.edges(data=True))
        w = safe_csv_writer(edges, lineterminator="\n")
        w.writerow(["source", "target", "sourceName", "targetName", *EDGE_COLUMNS, *(["factKeys"] if keys else [])])
        for u, v, d in sorted(H.edges(data=True), key=lambda e: (e[0], e[1])):
            w.writerow([u, v, H.nodes[u].get("name", u), H.nodes[v].get("name", v),
                        *("" if d.get(c) is None else d.get(c) for c in EDGE_COLUMNS),
                        *([";".join(d.get("factKeys", []))] if keys else [])])
        path = Path(path)
        path.write_text(edges.getvalue(), encoding="utf-8")
        path.with_name(path.stem + ".nodes.csv").write_text(nodes.getvalue(), encoding="utf-8")
        return None
    S = _scalar_graph(H)
    lines = nx.generate_graphml(S) if fmt == "graphml" else _gexf_lines(S)
    text = "\n".join(lines) + "\n"
    if path is None:
        return text
    Path(path).write_text(text, encoding="utf-8")
    return None
