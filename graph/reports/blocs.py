"""The blocs report: the signed partition into blocs, Louvain communities, structural
balance and brokers."""

from __future__ import annotations

import numpy as np

from diplograph.graph.analysis import AnalysisOptions, structural_balance
from diplograph.graph.analysis import blocs as compute_blocs
from diplograph.graph.analysis import centrality as compute_centrality
from diplograph.graph.reports.inputs import tie_input
from diplograph.graph.reports.report import Report
from diplograph.graph.reports.sections import bloc_list, brokers_json, report_head, round6, thin_sample_warnings


def blocs_report(
    source,
    options: AnalysisOptions | None = None,
    *,
    top: int = 20,
    seed: int = 0,
) -> Report:
    """Blocs (signed partition), Louvain communities, structural balance and brokers.

    Same parameters as :func:`centrality_report`; ``top`` limits the brokers listed.
    """
    options = options or AnalysisOptions()
    inp = tie_input(source, options)
    G = inp.graph(options)
    bres = compute_blocs(G, seed=seed)
    cres = compute_centrality(G, seed=seed)
    pagerank = {r.id: r.pagerank for r in cres.rows}
    names = {v: G.nodes[v].get("name", v) for v in G}
    member = bres.membership
    k = len(bres.blocs)
    pos = np.zeros((k, k))
    neg = np.zeros((k, k))
    for u, v, d in G.edges(data=True):
        pos[member[u], member[v]] += d["positive"]
        neg[member[u], member[v]] += d["negative"]
    bl = bloc_list(bres, names, pagerank)
    for i, b in enumerate(bl):
        b["internalPositive"] = round6(pos[i, i])
        b["internalNegative"] = round6(neg[i, i])
    between = [
        {"from": i + 1, "to": j + 1, "positive": round6(pos[i, j]), "negative": round6(neg[i, j])}
        for i in range(k)
        for j in range(k)
        if i != j and (pos[i, j] or neg[i, j])
    ]
    bal = structural_balance(G).to_json()
    bal["share"] = round6(bal["share"])
    sample, by_node = inp.sample(options)
    data = {
        **report_head("blocs", inp, G, options, G.graph.get("referenceDate"), top, seed),
        "sample": sample,
        "warnings": thin_sample_warnings([m for b in bl for m in b["members"]], by_node),
        "blocs": bl,
        "betweenBlocs": between,
        "frustration": round6(bres.frustration),
        "frustrationShare": round6(bres.frustration_share),
        "communities": [[{"id": v, "name": names.get(v, v)} for v in c] for c in bres.communities],
        "modularity": round6(bres.modularity),
        "balance": bal,
        **brokers_json(G, bres, top),
        "method": bres.method,
    }
    membership = {v: b + 1 for v, b in member.items()}
    return Report(data, G, membership, pagerank)

