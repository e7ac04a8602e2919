"""Centrality of states in the cooperative graph: PageRank, eigenvector, betweenness."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

import networkx as nx
import numpy as np
import pandas as pd

from diplograph.graph.analysis.blocs import _components
from diplograph.graph.analysis.graphs import cooperative_graph


@dataclass(frozen=True, slots=True)
class CentralityRow:
    """Centrality of one node.

    Attributes
    ----------
    id, name:
        Node id (ISO3) and name.
    rank:
        1-based rank by PageRank, equal scores sharing a rank (:func:`pagerank_ranks`; rows of
        equal scores in id order).
    pagerank:
        PageRank on the cooperative graph (sums to 1 over nodes).
    eigenvector:
        Eigenvector centrality on the largest connected component of the undirected
        cooperative graph (unit Euclidean norm over that component); ``None`` for a node
        outside it (see :func:`centrality`).
    betweenness:
        Betweenness on the cooperative graph with distance 1/weight, normalised by
        (n-1)(n-2) (directed); exact or sampled (see :class:`CentralityResult` ``method``).
    cooperative_out, cooperative_in, conflictual_out, conflictual_in:
        Weighted degrees: sums of the ``positive`` (cooperative) and ``negative``
        (conflictual, as magnitudes) weights of out- and in-edges.
    facts:
        Number of fact-edges touching the node (a symmetric fact counts on both of its edges).
    """

    id: str
    name: str
    rank: int
    pagerank: float
    eigenvector: float | None
    betweenness: float
    cooperative_out: float
    cooperative_in: float
    conflictual_out: float
    conflictual_in: float
    facts: int

    def to_json(self) -> dict:
        """camelCase JSON object of the row."""
        d = asdict(self)
        return {
            "rank": d["rank"],
            "id": d["id"],
            "name": d["name"],
            "pagerank": d["pagerank"],
            "eigenvector": d["eigenvector"],
            "betweenness": d["betweenness"],
            "cooperativeOut": d["cooperative_out"],
            "cooperativeIn": d["cooperative_in"],
            "conflictualOut": d["conflictual_out"],
            "conflictualIn": d["conflictual_in"],
            "facts": d["facts"],
        }


@dataclass(slots=True)
class CentralityResult:
    """Rows sorted by PageRank (highest first) and how each measure was computed."""

    rows: list[CentralityRow]
    method: dict = field(default_factory=dict)

    def by_id(self) -> dict[str, CentralityRow]:
        """Rows keyed by node id."""
        return {r.id: r for r in self.rows}

    def to_json(self) -> dict:
        """``{"method": {...}, "rows": [...]}``."""
        return {"method": self.method, "rows": [r.to_json() for r in self.rows]}

    def to_frame(self) -> pd.DataFrame:
        """One row a node, indexed by ``id``, in rank order; columns are the fields of
        :class:`CentralityRow` (``rank``, ``name``, ``pagerank``, ``eigenvector``, ...)."""
        return pd.DataFrame([asdict(r) for r in self.rows], columns=[f.name for f in fields(CentralityRow)]).set_index("id")


#: PageRank values closer than this are equal (the power iteration stops at tol=1e-12 per node).
PAGERANK_TIE = 1e-9


def pagerank_ranks(pagerank: dict[str, float]) -> dict[str, int]:
    """1-based standard competition ranks ("1224") of nodes by descending PageRank: nodes whose
    scores differ by at most :data:`PAGERANK_TIE` share the rank of the first of them (a group
    of states each with one incoming tie ranks equal, not 9, 10, ..., 16 by name).

    >>> pagerank_ranks({"A": 0.5, "B": 0.2, "C": 0.2, "D": 0.1})
    {'A': 1, 'B': 2, 'C': 2, 'D': 4}
    """
    ranks: dict[str, int] = {}
    previous = None
    for i, v in enumerate(sorted(pagerank, key=lambda v: (-pagerank[v], v))):
        ranks[v] = ranks[previous] if previous is not None and pagerank[previous] - pagerank[v] <= PAGERANK_TIE else i + 1
        previous = v
    return ranks


def _eigenvector_undirected(C: nx.DiGraph, nodes: list) -> tuple[dict, dict]:
    """Principal eigenvector of the symmetrised cooperative adjacency (w(u,v) + w(v,u)) on its
    largest connected component; ``None`` for every node outside it."""
    n = len(nodes)
    info = {"component": "largest connected component of the undirected cooperative graph", "componentNodes": 0, "nodes": n}
    if n == 0:
        return {}, {**info, "solver": "empty graph"}
    A = nx.to_scipy_sparse_array(C, nodelist=nodes, weight="weight", format="csr")
    A = (A + A.T).tocsr()
    if A.nnz == 0:
        return {v: None for v in nodes}, {**info, "solver": "no cooperative ties: not defined"}
    comps = _components(A.toarray() > 0) if n <= 1500 else None
    if comps is None:
        from scipy.sparse.csgraph import connected_components

        _, lab = connected_components(A, directed=False)
        comps = [np.flatnonzero(lab == c) for c in np.unique(lab)]
    strength = np.asarray(A.sum(axis=1)).ravel()
    # largest by nodes, then by total cooperative weight, then first node id
    main = max(comps, key=lambda c: (len(c), float(strength[c].sum()), -int(c[0])))
    A = A[main][:, main]
    m = len(main)
    if m <= 1500:
        vals, vecs = np.linalg.eigh(A.toarray())
        vec = vecs[:, -1]
        solver = "dense symmetric eigensolver (numpy.linalg.eigh)"
    else:
        from scipy.sparse.linalg import eigsh

        vals, vecs = eigsh(A.astype(float), k=1, which="LA")
        vec = vecs[:, 0]
        solver = "sparse Lanczos (scipy.sparse.linalg.eigsh)"
    vec = np.abs(vec)
    norm = np.linalg.norm(vec)
    vec = vec / norm if norm > 0 else vec
    out = dict.fromkeys(nodes)
    out.update(zip((nodes[i] for i in main.tolist()), vec.tolist()))
    return out, {**info, "componentNodes": int(m), "solver": solver}


def centrality(
    G: nx.DiGraph,
    *,
    seed: int = 0,
    exact_limit: int = 1000,
    k: int = 500,
    alpha: float = 0.85,
) -> CentralityResult:
    """PageRank, eigenvector, betweenness and weighted degrees of every node of a signed graph.

    Parameters
    ----------
    G:
        A graph from :func:`state_graph`.
    seed:
        Seed of the node sample when betweenness is sampled.
    exact_limit:
        Betweenness is exact (Brandes 2001) up to this many nodes, and estimated from ``k``
        sampled sources above it (Brandes & Pich 2007).
    k:
        Number of sampled sources above ``exact_limit``.
    alpha:
        PageRank damping factor.

    Returns
    -------
    CentralityResult
        One :class:`CentralityRow` a node, sorted by PageRank (then id); ``method`` says how
        each measure was computed (graph, weights, exact or sampled, ``k``, seed, solver).

    Notes
    -----
    PageRank, eigenvector and betweenness use the cooperative graph
    (:func:`cooperative_graph`): conflict is not prominence one confers on another, and
    PageRank and eigenvector need non-negative weights. PageRank (Brin & Page 1998) follows
    out-edges, weighted by net cooperative weight; dangling nodes spread their rank uniformly.
    Eigenvector centrality (Bonacich 1987) is taken on the undirected cooperative graph
    (weights of both directions summed): on a directed graph it need not exist (it is zero
    everywhere on a directed acyclic graph and power iteration does not converge), while the
    symmetric matrix always has a non-negative principal eigenvector (Perron-Frobenius);
    it is computed with a symmetric eigensolver, so there is no convergence failure. It is
    taken on the largest connected component only (most nodes, then most cooperative
    weight): by Perron-Frobenius the positive eigenvector is unique only on a connected
    (irreducible) graph, and on a disconnected one the principal eigenvector lives on the
    component with the largest eigenvalue and is 0 on every other, which reads as "no
    standing" rather than "not comparable". Scores scaled per component would not be
    comparable either (a lone pair scores 0.71 each). So nodes outside the largest
    component get ``None`` (shown blank, with the component's size in ``method``); PageRank
    and the degrees rank every node.
    Betweenness reads weights as distances, so it uses 1 / weight: strong ties are short.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("A", "B", weight=2.0, positive=2.0, negative=0.0, facts=1)
    >>> G.add_edge("B", "C", weight=1.0, positive=1.0, negative=0.0, facts=1)
    >>> res = centrality(G)
    >>> [r.id for r in res.rows], res.rows[1].betweenness
    (['C', 'B', 'A'], 0.5)
    """
    nodes = sorted(G.nodes())
    n = len(nodes)
    C = cooperative_graph(G)
    if n:
        pr = nx.pagerank(C, alpha=alpha, weight="weight", tol=1e-12, max_iter=10_000)
    else:
        pr = {}
    eig, eig_info = _eigenvector_undirected(C, nodes)
    exact = n <= exact_limit
    if exact:
        bt = nx.betweenness_centrality(C, weight="distance", normalized=True)
    else:
        bt = nx.betweenness_centrality(C, k=min(k, n), weight="distance", normalized=True, seed=seed)
    deg = {v: [0.0, 0.0, 0.0, 0.0, 0] for v in nodes}
    for u, v, d in G.edges(data=True):
        p, q, c = d.get("positive", 0.0), d.get("negative", 0.0), d.get("facts", 0)
        deg[u][0] += p
        deg[v][1] += p
        deg[u][2] += q
        deg[v][3] += q
        deg[u][4] += c
        if u != v:
            deg[v][4] += c
    ranks = pagerank_ranks({v: pr.get(v, 0.0) for v in nodes})
    order = sorted(nodes, key=lambda v: (ranks[v], v))
    rows = [
        CentralityRow(
            id=v,
            name=G.nodes[v].get("name", v),
            rank=ranks[v],
            pagerank=float(pr.get(v, 0.0)),
            eigenvector=None if eig.get(v) is None else float(eig[v]),
            betweenness=float(bt.get(v, 0.0)),
            cooperative_out=deg[v][0],
            cooperative_in=deg[v][1],
            conflictual_out=deg[v][2],
            conflictual_in=deg[v][3],
            facts=deg[v][4],
        )
        for v in order
    ]
    method = {
        "nodes": n,
        "cooperativeEdges": C.number_of_edges(),
        "pagerank": {"graph": "cooperative (net weight > 0), directed", "alpha": alpha, "weight": "net weight"},
        "eigenvector": {"graph": "cooperative, undirected (both directions summed)", "norm": "unit Euclidean norm on the component", **eig_info},
        "betweenness": {
            "graph": "cooperative, directed",
            "distance": "1/weight",
            "exact": exact,
            "k": None if exact else min(k, n),
            "seed": None if exact else seed,
            "normalized": "1/((n-1)(n-2))",
        },
        "degree": "sums of positive and negative edge weights, out and in",
    }
    return CentralityResult(rows, method)
