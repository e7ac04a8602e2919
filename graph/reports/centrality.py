"""The centrality report: states ranked by PageRank of the cooperative graph, with their
blocs, brokers, the strongest ties and their evidence, the timeline and the network."""

from __future__ import annotations

from diplograph.graph.analysis import AnalysisOptions, structural_balance
from diplograph.graph.analysis import blocs as compute_blocs
from diplograph.graph.analysis import centrality as compute_centrality
from diplograph.graph.reports.inputs import tie_input
from diplograph.graph.reports.report import Report
from diplograph.graph.reports.sections import (
    bloc_list,
    brokers_json,
    report_head,
    round6,
    rounded,
    thin_sample_warnings,
    ties_with_evidence,
)


def centrality_report(
    source,
    options: AnalysisOptions | None = None,
    *,
    top: int = 20,
    seed: int = 0,
    ties: int = 10,
    evidence: int = 5,
) -> Report:
    """Rank states by PageRank of the cooperative graph and show their blocs.

    Parameters
    ----------
    source:
        A GraphStore, an iterable of facts, a fact frame or a :class:`ReportInput`.
    top:
        Number of states (and brokers) listed.
    options:
        The window and weighting (:class:`~diplograph.graph.analysis.AnalysisOptions`; see
        :func:`~diplograph.graph.analysis.state_graph`).
    seed:
        Seed of sampled betweenness, Louvain and the signed partition.
    ties, evidence:
        Number of strongest ties listed, and of facts shown as evidence for each.

    Returns
    -------
    Report
        ``data`` in the JSON form of this module's documentation.
    """
    options = options or AnalysisOptions()
    inp = tie_input(source, options)
    G = inp.graph(options)
    cres = compute_centrality(G, seed=seed)
    bres = compute_blocs(G, seed=seed)
    membership = {v: b + 1 for v, b in bres.membership.items()}
    community = {v: c + 1 for v, c in bres.community_of.items()}
    pagerank = {r.id: r.pagerank for r in cres.rows}
    names = {v: G.nodes[v].get("name", v) for v in G}
    rows = []
    for r in cres.rows[:top]:
        d = r.to_json()
        rows.append(rounded({**{k: d[k] for k in ("rank", "id", "name")}, "bloc": membership.get(r.id),
                             "community": community.get(r.id), **d}))
    sample, by_node = inp.sample(options)
    for d in rows:
        d["sources"] = by_node.get(d["id"], (0, 0))[1]
    data = {
        **report_head("centrality", inp, G, options, G.graph.get("referenceDate"), top, seed),
        "sample": sample,
        "warnings": thin_sample_warnings(rows, by_node),
        "states": rows,
        "blocs": bloc_list(bres, names, pagerank),
        "frustration": round6(bres.frustration),
        "frustrationShare": round6(bres.frustration_share),
        "balance": structural_balance(G).to_json(),
        **brokers_json(G, bres, top),
        "ties": ties_with_evidence(G, inp, options, ties, evidence),
        "method": {"centrality": cres.method, "blocs": bres.method},
    }
    data["network"] = inp.network(G, options, membership, pagerank)
    strongest = data["ties"][0] if data["ties"] else None
    data["timeline"] = inp.timeline(G, options, None if strongest is None else
                                    (strongest["source"], strongest["target"], strongest["sourceName"], strongest["targetName"]))
    if data["balance"]["share"] is not None:
        data["balance"]["share"] = round6(data["balance"]["share"])
    return Report(data, G, membership, pagerank)

