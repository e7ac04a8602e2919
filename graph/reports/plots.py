"""Pictures of a report with matplotlib: the network coloured by bloc, and bars of the ranking."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import networkx as nx
import numpy as np

from diplograph.graph.model.errors import ReportError
from diplograph.graph.model.wording import counted
from diplograph.graph.reports.report import Report

#: Bloc colours: the Okabe & Ito (2008) colour-blind-safe palette, less the two colours the
#: ties use; blocs past the eighth, and nodes in no bloc, are grey ("other blocs" in the legend).
BLOC_COLOURS = ["#0072B2", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
OTHER_COLOUR = "#9a9a9a"
#: Tie colours (Okabe & Ito bluish green and vermillion), told apart by line style too.
COOPERATIVE_COLOUR = "#009E73"
CONFLICTUAL_COLOUR = "#D55E00"
#: Every node is labelled up to this many nodes; above it, the top ones by PageRank that do not overlap.
LABEL_ALL_UP_TO = 40


def _colour(bloc: int | None) -> str:
    return BLOC_COLOURS[bloc - 1] if bloc and bloc <= len(BLOC_COLOURS) else OTHER_COLOUR


def _matplotlib():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "diplograph"
    matplotlib.rcParams["svg.fonttype"] = "path"
    return plt


def _period(report: Report) -> str:
    p, s = report.data.get("parameters", {}), report.data.get("summary", {})
    first, last = p.get("since") or s.get("firstDate"), p.get("until") or s.get("lastDate")
    return f"{first or 'undated'} to {last or 'undated'}" if (first or last) else "undated facts"


def _caption(report: Report) -> str:
    """The source line under a picture: where the facts come from and how many."""
    sm = report.data.get("sample")
    origin = report.data.get("origin", "")
    if not sm:
        s = report.data.get("summary", {})
        return f"Source: diplograph, {origin}; {counted(s.get('factsUsed', 0), 'fact')}."
    return (f"Source: diplograph, {origin}; {counted(sm['facts'], 'fact')} ({counted(sm['articles'], 'article')}, "
            f"{counted(sm['codedEvents'], 'coded event')}) from {counted(sm['sources'], 'source')} on "
            f"{counted(sm['days'], 'day')}; event data: {sm['eventRuleText']}.")


def _place_labels(fig, ax, pos: dict, order: list, sizes: dict, limit: int) -> list:
    """Label nodes beside their disc (white halo, dark text: readable on any colour), in
    ``order``; a label that would overlap one already placed, or leave the axes, is left out.
    At most ``limit`` labels. Returns the text artists placed."""
    import matplotlib.patheffects as pe

    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed, boxes = [], []
    for v in order:
        if len(placed) == limit:
            break
        x, y = pos[v]
        radius_pt = float(np.sqrt(sizes[v])) / 2 + 1.5
        for ha, va, dx, dy in (("left", "center", radius_pt, 0), ("right", "center", -radius_pt, 0),
                               ("center", "bottom", 0, radius_pt), ("center", "top", 0, -radius_pt)):
            text = ax.annotate(v, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, fontsize=7,
                               color="#111111", fontweight="bold", path_effects=[pe.withStroke(linewidth=2.5, foreground="white")],
                               zorder=5)
            box = text.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in boxes):
                placed.append(text)
                boxes.append(box)
                break
            text.remove()
    return placed


def plot_network(report: Report, *, seed: int = 0, max_edges: int = 250, labels: int = 25):
    """The state graph as a matplotlib Figure, for publication.

    Nodes are coloured by bloc (:data:`BLOC_COLOURS`, colour-blind safe; grey: other blocs)
    and sized by PageRank (the size key gives three values); the ``max_edges`` strongest
    ties are drawn, cooperative solid green, conflictual dashed vermillion, width by weight.
    Every node is labelled up to :data:`LABEL_ALL_UP_TO` nodes, else the ``labels`` highest
    by PageRank whose labels do not overlap. Title, period, the legend (blocs, ties, sizes)
    and the source line all sit inside the figure.

    The layout is networkx's spring layout of the cooperative ties with a fixed ``seed``, so
    the same data gives the same picture.
    """
    plt = _matplotlib()
    from matplotlib.lines import Line2D

    G = report.graph
    fig = plt.figure(figsize=(10, 8.2), dpi=100)
    ax = fig.add_axes((0.02, 0.20, 0.96, 0.68))
    ax.set_axis_off()
    fig.text(0.5, 0.965, "Network of states by bloc: cooperative and conflictual ties", ha="center", va="top", fontsize=13,
             fontweight="bold")
    fig.text(0.5, 0.925, f"Period: {_period(report)}. Node size: PageRank on cooperative ties; colour: bloc.",
             ha="center", va="top", fontsize=9)
    fig.text(0.01, 0.012, "\n".join(textwrap.wrap(_caption(report), 150)), ha="left", va="bottom", fontsize=7, color="#333333")
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
    nx.draw_networkx_edges(G, pos, edgelist=coop, width=[width[e] for e in coop], edge_color=COOPERATIVE_COLOUR, alpha=0.55,
                           arrows=True, arrowsize=8, connectionstyle="arc3,rad=0.08", ax=ax, node_size=300)
    nx.draw_networkx_edges(G, pos, edgelist=confl, width=[width[e] for e in confl], edge_color=CONFLICTUAL_COLOUR, alpha=0.7,
                           style="dashed", arrows=True, arrowsize=8, connectionstyle="arc3,rad=0.08", ax=ax, node_size=300)
    pr = report.pagerank or {v: 1.0 / G.number_of_nodes() for v in G}
    top_pr = max(pr.values()) or 1.0
    nodes = sorted(G.nodes())
    scale = min(1.0, float(np.sqrt(25.0 / len(nodes))))  # smaller discs when there are many states

    def size(value: float) -> float:
        return scale * (80 + 1000 * value / top_pr)

    sizes = {v: size(pr.get(v, 0.0)) for v in nodes}
    nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_size=[sizes[v] for v in nodes],
                           node_color=[_colour(report.membership.get(v)) for v in nodes], edgecolors="white", linewidths=1.0, ax=ax)
    ax.margins(0.08)
    order = sorted(nodes, key=lambda v: (-pr.get(v, 0.0), v))
    _place_labels(fig, ax, pos, order, sizes, len(nodes) if len(nodes) <= LABEL_ALL_UP_TO else labels)
    blocs = sorted(set(report.membership.values()))
    handles = [Line2D([], [], marker="o", ls="", markersize=8, color=_colour(b), label=f"bloc {b}") for b in blocs if b <= len(BLOC_COLOURS)]
    if any(b > len(BLOC_COLOURS) for b in blocs) or any(v not in report.membership for v in nodes):
        handles.append(Line2D([], [], marker="o", ls="", markersize=8, color=OTHER_COLOUR, label="other blocs"))
    handles += [Line2D([], [], color=COOPERATIVE_COLOUR, lw=2, label="cooperative tie"),
                Line2D([], [], color=CONFLICTUAL_COLOUR, lw=2, ls="--", label="conflictual tie")]
    key = [top_pr, top_pr / 2, top_pr / 8]
    sizes_key = [Line2D([], [], marker="o", ls="", color="#777777", markersize=float(np.sqrt(size(value))), label=f"PageRank {value:.3f}")
                 for value in key]
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.06), ncol=min(len(handles), 5), fontsize=8,
               frameon=False, title="Blocs and ties", title_fontsize=8, alignment="left")
    fig.legend(handles=sizes_key, loc="lower right", bbox_to_anchor=(0.98, 0.06), ncol=3, fontsize=8, frameon=False,
               title="Node size", title_fontsize=8, labelspacing=1.2, borderpad=0.8, columnspacing=1.6, handletextpad=1.6)
    return fig


def plot_timeline(report: Report):
    """Facts per month by relation class, and the strongest tie's net weight per month.

    Reads ``report.data["timeline"]`` (:func:`~diplograph.graph.reports.sections.timeline_of`);
    returns a matplotlib Figure with two panels, title, period and source line inside it.
    """
    plt = _matplotlib()
    t = report.data.get("timeline") or {}
    months = t.get("months", [])
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), dpi=100, sharex=True)
    fig.subplots_adjust(left=0.08, right=0.98, top=0.86, bottom=0.2, hspace=0.35)
    fig.text(0.5, 0.965, "Facts over time", ha="center", va="top", fontsize=13, fontweight="bold")
    fig.text(0.5, 0.925, f"Period: {_period(report)}; counted facts per month", ha="center", va="top", fontsize=9)
    fig.text(0.01, 0.012, "\n".join(textwrap.wrap(_caption(report), 150)), ha="left", va="bottom", fontsize=7, color="#333333")
    x = np.arange(len(months))
    few = len(months) <= 36  # markers only where they can be told apart
    top.plot(x, t.get("cooperative", []), color=COOPERATIVE_COLOUR, marker="o" if few else None, ms=3, label="cooperative")
    top.plot(x, t.get("conflictual", []), color=CONFLICTUAL_COLOUR, ls="--", marker="s" if few else None, ms=3, label="conflictual")
    top.set_ylabel("facts")
    top.legend(fontsize=8, frameon=False, loc="upper left")
    tie = t.get("tie")
    if tie:
        bottom.bar(x, tie["net"], color=[COOPERATIVE_COLOUR if w >= 0 else CONFLICTUAL_COLOUR for w in tie["net"]])
        bottom.axhline(0, color="#555555", lw=0.6)
        bottom.set_title(f"Strongest tie: {tie['sourceName']} -> {tie['targetName']}, net weight per month", fontsize=9)
    bottom.set_ylabel("net weight")
    step = max(1, len(months) // 12)
    bottom.set_xticks(x[::step], months[::step], rotation=45, ha="right", fontsize=7)
    for ax in (top, bottom):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
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
