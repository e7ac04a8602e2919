"""Export of the signed, weighted graph for Gephi and other tools: GraphML, GEXF, CSV, JSON (node-link)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import numpy as np

from diplograph.graph.model.errors import ReportError
from diplograph.graph.model.safe_output import safe_csv_writer

__all__ = ["EXPORT_FORMATS", "export_graph"]

#: Formats of :func:`export_graph`.
EXPORT_FORMATS = ("graphml", "gexf", "csv", "json")


def _legal(value):
    """GraphML/GEXF-legal attribute value: lists joined with ';', None dropped by caller."""
    if isinstance(value, (list, tuple, set)):
        return ";".join(map(str, value))
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def export_graph(G: nx.DiGraph, path: str | Path | None, fmt: str) -> str | None:
    """Write a state (or actor) graph as GraphML, GEXF (opens in Gephi), CSV or JSON.

    Parameters
    ----------
    G:
        Graph from :func:`~diplograph.graph.analysis.state_graph` or ``actor_graph``.
    path:
        Output file; ``None`` returns the text instead. For CSV the file holds the edges
        (``source, target, sourceName, targetName, weight, positive, negative, facts,
        positiveFacts, negativeFacts``, and ``factKeys`` when the edges carry them: graphs
        built from facts in memory do, graphs a store has counted do not) and a second file
        ``<stem>.nodes.csv``
        beside it holds the nodes (``id, name, kind``), so CSV needs a path (two tables do
        not fit one stream that tools read as one table).
    fmt:
        ``graphml``, ``gexf``, ``csv`` or ``json`` (node-link JSON, ``factKeys`` as lists).

    Notes
    -----
    GraphML and GEXF take scalar attributes only: ``factKeys`` is joined with ``;`` and
    attributes that are None (graph parameters left unset) are left out.

    Raises
    ------
    ReportError
        If ``fmt`` is unknown, or is ``csv`` without a path.
    """
    if fmt not in EXPORT_FORMATS:
        raise ReportError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv" and path is None:
        raise ReportError("csv export writes two files (edges, and nodes beside them): give --output FILE.csv")
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        text = json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n"
        if path is None:
            return text
        Path(path).write_text(text, encoding="utf-8")
        return None
    if fmt == "csv":
        nodes = io.StringIO()
        w = safe_csv_writer(nodes, lineterminator="\n")
        w.writerow(["id", "name", "kind"])
        for v, d in sorted(G.nodes(data=True)):
            w.writerow([v, d.get("name", v), d.get("kind", "")])
        edges = io.StringIO()
        cols = ["weight", "positive", "negative", "facts", "positiveFacts", "negativeFacts"]
        keys = any("factKeys" in d for *_, d in G.edges(data=True))
        w = safe_csv_writer(edges, lineterminator="\n")
        w.writerow(["source", "target", "sourceName", "targetName", *cols, *(["factKeys"] if keys else [])])
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1])):
            w.writerow([u, v, G.nodes[u].get("name", u), G.nodes[v].get("name", v), *[d.get(c, "") for c in cols],
                        *([";".join(d.get("factKeys", []))] if keys else [])])
        path = Path(path)
        path.write_text(edges.getvalue(), encoding="utf-8")
        path.with_name(path.stem + ".nodes.csv").write_text(nodes.getvalue(), encoding="utf-8")
        return None
    H = nx.DiGraph()
    for k, v in G.graph.items():
        if v is None:
            continue
        if isinstance(v, dict):
            for kk, vv in v.items():
                H.graph[f"{k}.{kk}"] = _legal(vv)
        else:
            H.graph[k] = _legal(v)
    for v, d in G.nodes(data=True):
        H.add_node(v, **{k: _legal(x) for k, x in d.items() if x is not None}, label=d.get("name", v))
    for u, v, d in G.edges(data=True):
        H.add_edge(u, v, **{k: _legal(x) for k, x in d.items() if x is not None})
    if path is None:
        lines = nx.generate_graphml(H) if fmt == "graphml" else nx.generate_gexf(H)
        return "\n".join(lines) + "\n"
    if fmt == "graphml":
        nx.write_graphml(H, path)
    else:
        nx.write_gexf(H, path)
    return None
