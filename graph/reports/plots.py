"""Pictures of a report with matplotlib: the network coloured by bloc, and bars of the ranking."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import numpy as np

from diplograph.graph.model.errors import ReportError
from diplograph.graph.reports.build import Report

#: Bloc colours (Okabe & Ito 2008 colour-blind-safe palette, then greys).
BLOC_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
OTHER_COLOUR = "#9a9a9a"


def _colour(bloc: int | None) -> str:
    return BLOC_COLOURS[bloc - 1] if bloc and bloc <= len(BLOC_COLOURS) else OTHER_COLOUR


def _matplotlib():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "diplograph"
    matplotlib.rcParams["svg.fonttype"] = "path"
    return plt


def plot_network(report: Report, *, seed: int = 0, max_edges: int = 250, labels: int = 30):
    """The state graph as a matplotlib Figure: nodes coloured by bloc and sized by PageRank,
    the ``max_edges`` strongest ties drawn (green cooperative, red dashed conflictual).

    The layout is networkx's spring layout of the cooperative ties with a fixed ``seed``, so
    the same data gives the same picture.
    """
    plt = _matplotlib()
    G = report.graph
    fig, ax = plt.subplots(figsize=(9, 7), dpi=100)
    ax.set_axis_off()
    if G is None or G.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no ties", ha="center", va="center")
        return fig
    # Layout: cooperative ties pull hard, conflictual ones a little (so a sanctioned state stays
    # near its sanctioner), and a weak hidden hub keeps separate components in one picture.
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes()))
    for u, v, d in G.edges(data=True):
        w = d["weight"] if d["weight"] > 0 else 0.1 * abs(d["weight"])
        U.add_edge(u, v, weight=(U[u][v]["weight"] + w) if U.has_edge(u, v) else w)
    ws = [w for *_, w in U.edges(data="weight") if w > 0]
    hub = ("\0hub",)
    U.add_edges_from(((hub, v) for v in G.nodes()), weight=0.05 * (float(np.median(ws)) if ws else 1.0))
    pos = nx.spring_layout(U, weight="weight", seed=seed, k=2.0 / np.sqrt(max(U.number_of_nodes(), 1)), iterations=200)
    pos.pop(hub)
    edges = sorted(G.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))[:max_edges]
    maxw = max((abs(d["weight"]) for *_, d in edges), default=1.0) or 1.0
    coop = [(u, v) for u, v, d in edges if d["weight"] > 0]
    confl = [(u, v) for u, v, d in edges if d["weight"] < 0]
    width = {(u, v): 0.4 + 3.0 * abs(d["weight"]) / maxw for u, v, d in edges}
    nx.draw_networkx_edges(G, pos, edgelist=coop, width=[width[e] for e in coop], edge_color="#2e8b57", alpha=0.55,
                           arrows=True, arrowsize=8, connectionstyle="arc3,rad=0.08", ax=ax, node_size=300)
    nx.draw_networkx_edges(G, pos, edgelist=confl, width=[width[e] for e in confl], edge_color="#c0392b", alpha=0.6,
                           style="dashed", arrows=True, arrowsize=8, connectionstyle="arc3,rad=0.08", ax=ax, node_size=300)
    pr = report.pagerank or {v: 1.0 / G.number_of_nodes() for v in G}
    top_pr = max(pr.values()) or 1.0
    nodes = sorted(G.nodes())
    scale = min(1.0, float(np.sqrt(25.0 / len(nodes))))  # smaller discs when there are many states
    sizes = [scale * (80 + 1000 * pr.get(v, 0.0) / top_pr) for v in nodes]
    if len(nodes) > 50:
        labels = min(labels, 15)
    nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_size=sizes, node_color=[_colour(report.membership.get(v)) for v in nodes],
                           edgecolors="white", linewidths=1.0, ax=ax)
    shown = sorted(nodes, key=lambda v: (-pr.get(v, 0.0), v))[:labels]
    nx.draw_networkx_labels(G, pos, labels={v: v for v in shown}, font_size=8, font_weight="bold", ax=ax)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", ls="", color=_colour(b), label=f"bloc {b}") for b in sorted(set(report.membership.values()))[:8]]
    handles += [Line2D([], [], color="#2e8b57", label="cooperative tie"), Line2D([], [], color="#c0392b", ls="--", label="conflictual tie")]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def plot_bars(report: Report, *, top: int = 15):
    """Horizontal bar chart of the ``top`` states by PageRank, coloured by bloc."""
    plt = _matplotlib()
    rows = report.data.get("states", [])[:top]
    fig, ax = plt.subplots(figsize=(6, 0.32 * max(len(rows), 3) + 0.8), dpi=100)
    labels = [f"{r['name']} ({r['id']})" for r in rows][::-1]
    values = [r["pagerank"] for r in rows][::-1]
    ax.barh(labels, values, color=[_colour(r["bloc"]) for r in rows][::-1])
    ax.set_xlabel("PageRank (cooperative ties)")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return fig


def _svg(fig) -> str:
    plt = _matplotlib()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "diplograph"})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def write_plot(report: Report, path: str | Path, *, seed: int = 0) -> Path:
    """Write the network picture alone, as PNG or SVG (by the file's suffix).

    Raises
    ------
    ReportError
        If the suffix is not ``.png`` or ``.svg``.
    """
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise ReportError(f"{path}: the picture must be a .png or .svg file")
    fig = plot_network(report, seed=seed)
    plt = _matplotlib()
    meta = {"Date": None} if path.suffix.lower() == ".svg" else {}
    fig.savefig(path, dpi=150 if path.suffix.lower() == ".png" else None, metadata=meta)
    plt.close(fig)
    return path
