"""Time the full centrality report on generated state graphs; print seconds and peak memory.

For each size (200 states; 20,000, 200,000 and 2,000,000 facts by default) a fresh process
generates lightweight facts (a fact frame, the analysis' columnar input: no Fact objects),
then times:

- aggregate: facts -> signed DiGraph (:func:`state_graph`),
- report: the whole centrality report (graph, centralities, blocs, balance, brokers, ties
  with evidence) and its HTML (network picture, bar chart) and JSON forms,

and reports the peak resident memory of the report step above the generated input (Linux
``/proc/self/clear_refs`` + ``VmHWM``). It then times networkx's centralities
(:func:`centrality`) against igraph's (PageRank, eigenvector, betweenness with 1/weight
distances, strengths) on the same aggregated graph and prints the ratio.

``--objects N`` also times building the frame from N real :class:`Fact` objects (the path a
store's facts take).

Usage::

    .venv/bin/python bench/bench_report.py                 # all three sizes
    .venv/bin/python bench/bench_report.py --sizes 20000 --objects 200000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd

STATES = 200


def generate(n_facts: int, seed: int = 0) -> pd.DataFrame:
    """A fact frame of ``n_facts`` facts between 200 states over two years, four facts an
    article; states have a latent camp (4 camps) so that cooperation is likelier inside a
    camp, conflict across."""
    from diplograph.graph.analysis.frame import _DEFAULT_INTENSITY
    from diplograph.graph.model.vocabulary import RELATIONS, RelationType

    rng = np.random.default_rng(seed)
    codes = np.array([f"S{i:03d}" for i in range(STATES)], dtype=object)
    camp = rng.integers(0, 4, STATES)
    src = rng.integers(0, STATES, n_facts)
    dst = (src + rng.integers(1, STATES, n_facts)) % STATES
    coop = [r.value for r, s in RELATIONS.items() if s.sign > 0]
    confl = [r.value for r, s in RELATIONS.items() if s.sign < 0]
    same = camp[src] == camp[dst]
    p_coop = np.where(same, 0.85, 0.35)
    is_coop = rng.random(n_facts) < p_coop
    rel = np.where(is_coop, rng.integers(0, len(coop), n_facts), len(coop) + rng.integers(0, len(confl), n_facts))
    categories = coop + confl
    relation = pd.Categorical.from_codes(rel, categories=[r.value for r in RelationType]) if False else pd.Categorical(
        np.array(categories, dtype=object)[rel], categories=[r.value for r in RelationType]
    )
    intensity = np.array([_DEFAULT_INTENSITY[c] for c in categories])[rel]
    day0 = np.datetime64("2023-01-01")
    frame = pd.DataFrame(
        {
            "key": np.char.add("f", np.arange(n_facts).astype(str)).astype(object),
            "source": codes[src],
            "target": codes[dst],
            "relation": relation,
            "intensity": intensity,
            "confidence": rng.uniform(0.5, 1.0, n_facts),
            "date": pd.to_datetime(day0 + rng.integers(0, 730, n_facts).astype("timedelta64[D]")),
            "subject": codes[src],
            "object": codes[dst],
            # four facts an article, so the one-event-per-article merge is timed too
            "article": np.char.add("a", (np.arange(n_facts) // 4).astype(str)).astype(object),
        }
    )
    frame.attrs["names"] = {c: f"State {c[1:]}" for c in codes}
    frame.attrs["kinds"] = {c: "State" for c in codes}
    return frame


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _rss() -> tuple[float, float]:
    """Current and peak resident memory (MB) from /proc/self/status."""
    vals = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS:", "VmHWM:")):
                vals[line.split(":")[0]] = int(line.split()[1]) / 1024
    return vals.get("VmRSS", 0.0), vals.get("VmHWM", 0.0)


def igraph_centralities(G) -> float:
    """Seconds igraph takes for the same measures as :func:`centrality` on graph ``G``."""
    import igraph

    from diplograph.graph.analysis import cooperative_graph

    nodes = sorted(G.nodes())
    index = {v: i for i, v in enumerate(nodes)}
    t0 = time.perf_counter()
    C = cooperative_graph(G)
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in C.edges()], directed=True)
    g.es["w"] = [d["weight"] for *_, d in C.edges(data=True)]
    g.es["dist"] = [d["distance"] for *_, d in C.edges(data=True)]
    g.pagerank(weights="w", directed=True, damping=0.85)
    g.as_undirected(mode="collapse", combine_edges="sum").eigenvector_centrality(weights="w")
    g.betweenness(directed=True, weights="dist")
    full = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=True)
    full.es["p"] = [d["positive"] for *_, d in G.edges(data=True)]
    full.es["n"] = [d["negative"] for *_, d in G.edges(data=True)]
    for attr in ("p", "n"):
        full.strength(mode="out", weights=attr)
        full.strength(mode="in", weights=attr)
    return time.perf_counter() - t0


def run_one(n_facts: int) -> dict:
    from diplograph.graph.analysis import centrality, state_graph
    from diplograph.graph.reports import centrality_report, render

    t0 = time.perf_counter()
    frame = generate(n_facts)
    gen_s = time.perf_counter() - t0
    base_rss, _ = _rss()
    can_reset = _reset_peak()

    t0 = time.perf_counter()
    G = state_graph(frame)
    agg_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    report = centrality_report(frame, top=20)
    build_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    html = render(report, "html")
    text = render(report, "json")
    render_s = time.perf_counter() - t1
    report_s = time.perf_counter() - t0
    _, peak = _rss()

    t0 = time.perf_counter()
    centrality(G)
    nx_s = time.perf_counter() - t0
    ig_s = igraph_centralities(G)
    return {
        "facts": n_facts,
        "states": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "generateSeconds": round(gen_s, 2),
        "aggregateSeconds": round(agg_s, 2),
        "reportSeconds": round(report_s, 2),
        "buildSeconds": round(build_s, 2),
        "renderSeconds": round(render_s, 2),
        "inputMB": round(base_rss, 1),
        "peakMB": round(peak, 1) if can_reset else None,
        "reportExtraMB": round(peak - base_rss, 1) if can_reset else None,
        "htmlKB": round(len(html.encode()) / 1024, 1),
        "jsonKB": round(len(text.encode()) / 1024, 1),
        "networkxCentralitySeconds": round(nx_s, 3),
        "igraphCentralitySeconds": round(ig_s, 3),
        "ratio": round(nx_s / ig_s, 1) if ig_s > 0 else None,
    }


def run_objects(n_facts: int) -> dict:
    """Time building the frame from real Fact objects (what a store's facts go through)."""
    from diplograph.graph.analysis import fact_frame
    from diplograph.graph.model.records import Actor, Fact
    from diplograph.graph.model.vocabulary import ActorKind, RelationType

    frame = generate(n_facts)
    actors = {c: Actor(c, ActorKind.STATE, f"State {c[1:]}") for c in frame.attrs["names"]}
    dates = frame["date"].dt.strftime("%Y-%m-%d").tolist()
    t0 = time.perf_counter()
    facts = [
        Fact(actors[s], RelationType(r), actors[o], date=d, article_id=k, sentence_index=0, confidence=c)
        for s, r, o, d, k, c in zip(frame["source"], frame["relation"].astype(str), frame["target"], dates, frame["key"], frame["confidence"])
    ]
    make_s = time.perf_counter() - t0
    del frame
    _reset_peak()
    base, _ = _rss()
    t0 = time.perf_counter()
    fact_frame(facts)
    conv_s = time.perf_counter() - t0
    _, peak = _rss()
    return {"objects": n_facts, "makeFactsSeconds": round(make_s, 2), "factFrameSeconds": round(conv_s, 2),
            "factFrameExtraMB": round(peak - base, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[20_000, 200_000, 2_000_000])
    parser.add_argument("--objects", type=int, nargs="*", default=[200_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-objects", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one)))
        return
    if args.one_objects is not None:
        print(json.dumps(run_objects(args.one_objects)))
        return
    print(f"# report benchmark: {STATES} states, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    header = f"{'facts':>10} {'ties':>6} {'aggregate s':>11} {'report s':>9} {'(build':>7} {'render)':>8} {'input MB':>9} {'peak MB':>8} {'+MB':>7} {'nx cent s':>9} {'igraph s':>8} {'ratio':>6}"
    print(header)
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['facts']:>10,} {r['ties']:>6,} {r['aggregateSeconds']:>11.2f} {r['reportSeconds']:>9.2f} {r['buildSeconds']:>7.2f} "
              f"{r['renderSeconds']:>8.2f} {r['inputMB']:>9.0f} {r['peakMB'] or 0:>8.0f} {r['reportExtraMB'] or 0:>7.0f} "
              f"{r['networkxCentralitySeconds']:>9.3f} {r['igraphCentralitySeconds']:>8.3f} {r['ratio']:>5}x", flush=True)
    for n in args.objects:
        out = subprocess.run([sys.executable, __file__, "--one-objects", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"Fact objects: {r['objects']:,} made in {r['makeFactsSeconds']} s; fact_frame {r['factFrameSeconds']} s, "
              f"+{r['factFrameExtraMB']} MB", flush=True)


if __name__ == "__main__":
    main()
