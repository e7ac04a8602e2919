"""Blocs of a signed graph: Louvain communities refined into a partition that keeps conflictual pairs apart."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from diplograph.graph.analysis.graphs import signed_matrix


def _frustration(W: np.ndarray, labels: np.ndarray) -> float:
    same = labels[:, None] == labels[None, :]
    inside_neg = np.where(same & (W < 0), -W, 0.0).sum()
    between_pos = np.where(~same & (W > 0), W, 0.0).sum()
    return float((inside_neg + between_pos) / 2.0)


def _local_search(W: np.ndarray, labels: np.ndarray, rng: np.random.Generator, max_sweeps: int = 200) -> np.ndarray:
    """Relocation local search (Doreian & Mrvar 1996): move one node at a time to the bloc
    that lowers frustration most (a new empty bloc allowed) until no move helps.

    Moving node i from bloc a to bloc b changes frustration by S[i, a] - S[i, b], where
    S[i, b] is the sum of i's signed ties into b; so i goes to argmax_b S[i, b] (0 for a new bloc).
    """
    n = len(labels)
    labels = labels.copy()
    onehot = np.zeros((n, n))
    onehot[np.arange(n), labels] = 1.0
    S = W @ onehot
    size = onehot.sum(axis=0)
    eps = 1e-12 * (np.abs(W).sum() + 1.0)
    for _ in range(max_sweeps):
        moved = False
        for i in rng.permutation(n):
            a = labels[i]
            row = np.where(size > 0, S[i], -np.inf)
            b = int(np.argmax(row))
            best = row[b]
            if size[a] > 1 and 0.0 > best:  # a bloc of its own beats every existing bloc
                b, best = int(np.flatnonzero(size == 0)[0]), 0.0
            if b != a and best - S[i, a] > eps:
                S[:, a] -= W[:, i]
                S[:, b] += W[:, i]
                size[a] -= 1
                size[b] += 1
                labels[i] = b
                moved = True
        if not moved:
            break
    return labels


@dataclass(slots=True)
class BlocResult:
    """Communities of the cooperative graph and a signed partition into blocs.

    Attributes
    ----------
    communities:
        Louvain communities of the undirected cooperative graph: lists of node ids, largest
        first (ties by smallest id).
    modularity:
        Newman modularity of ``communities`` on that graph.
    blocs:
        Signed partition (conflictual pairs kept apart): lists of node ids, largest first.
    frustration:
        Sum of |weight| of negative ties inside blocs plus weight of positive ties between
        blocs, on the undirected net signed graph (:func:`signed_matrix`, each pair once).
    frustration_share:
        ``frustration`` / sum of |weight| over all pairs (0 = perfectly balanced partition).
    method:
        Algorithms, parameters and seed.
    """

    communities: list[list[str]]
    modularity: float
    blocs: list[list[str]]
    frustration: float
    frustration_share: float
    method: dict = field(default_factory=dict)

    @property
    def membership(self) -> dict[str, int]:
        """Node id -> index of its bloc in :attr:`blocs`."""
        return {v: i for i, members in enumerate(self.blocs) for v in members}

    @property
    def community_of(self) -> dict[str, int]:
        """Node id -> index of its community in :attr:`communities`."""
        return {v: i for i, members in enumerate(self.communities) for v in members}

    def to_json(self) -> dict:
        """JSON object: blocs, communities, frustration, modularity, method."""
        return {
            "blocs": self.blocs,
            "frustration": self.frustration,
            "frustrationShare": self.frustration_share,
            "communities": self.communities,
            "modularity": self.modularity,
            "method": self.method,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row a node, indexed by ``id`` (sorted): its ``bloc`` and ``community`` indexes."""
        bloc, community = self.membership, self.community_of
        nodes = sorted(set(bloc) | set(community))
        return pd.DataFrame(
            {"bloc": [bloc.get(v) for v in nodes], "community": [community.get(v) for v in nodes]},
            index=pd.Index(nodes, name="id"),
        )


def _components(A: np.ndarray) -> list[np.ndarray]:
    """Connected components of the undirected graph of a boolean adjacency matrix, as arrays
    of node positions, ordered by their smallest position."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    if len(A) == 0:
        return []
    _, lab = connected_components(csr_matrix(A), directed=False)
    order = np.argsort(lab, kind="stable")
    comps = np.split(order, np.flatnonzero(np.diff(lab[order])) + 1)
    return sorted(comps, key=lambda c: int(c[0]))


def _partition_component(W: np.ndarray, louvain: np.ndarray, rng: np.random.Generator, starts: int) -> np.ndarray:
    """Lowest-frustration partition of one connected signed graph: relocation local search from
    the Louvain partition, all singletons, one bloc and ``starts`` random partitions (the
    earliest start wins ties)."""
    n = len(W)
    _, louvain = np.unique(louvain, return_inverse=True)
    inits = [louvain, np.arange(n), np.zeros(n, dtype=int)]
    for _ in range(starts):
        kk = int(rng.integers(2, max(3, min(n, 8) + 1)))
        inits.append(rng.integers(0, kk, size=n))
    best_labels, best_f = None, math.inf
    for init in inits:
        labels = _local_search(W, init.astype(int), rng)
        f = _frustration(W, labels)
        if f < best_f - 1e-9 * (1 + abs(best_f) if math.isfinite(best_f) else 1):
            best_labels, best_f = labels, f
    return best_labels


def _canonical(groups: Iterable[Iterable[str]]) -> list[list[str]]:
    groups = [sorted(g) for g in groups if g]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def blocs(G: nx.DiGraph, *, seed: int = 0, resolution: float = 1.0, starts: int = 20) -> BlocResult:
    """Louvain communities of the cooperative graph and a signed partition into blocs.

    Parameters
    ----------
    G:
        A signed graph from :func:`state_graph`.
    seed:
        Seed of Louvain and of the random starts of the signed partition.
    resolution:
        Louvain resolution (1 = classical modularity).
    starts:
        Number of random starting partitions of the signed local search (besides the
        Louvain partition, all-singletons and all-in-one starts).

    Returns
    -------
    BlocResult

    Notes
    -----
    Communities: Louvain (Blondel et al. 2008; ``networkx.community.louvain_communities``)
    on the undirected cooperative graph (net weight > 0, both directions summed).

    Blocs: the partition minimising the frustration of Doreian & Mrvar (1996) with
    alpha = 1/2 — negative ties inside blocs plus positive ties between blocs — on net pair
    weights. This is correlation clustering: the number of blocs is not fixed in advance.
    Each connected component of the signed graph (pairs with a non-zero net tie, of either
    sign) is partitioned on its own, so states with no chain of ties between them never
    share a bloc; an isolated state is a bloc of its own. In a component the partition is
    found by their relocation local search (one node moved at a time to the bloc, or a new
    bloc, that lowers frustration most, until no move helps), run from the Louvain
    partition, all singletons, one bloc and ``starts`` random partitions; the lowest
    frustration wins (the earliest start on ties). A bloc whose members fall into groups
    with no tie between them is then split into those groups (frustration unchanged): every
    bloc is connected by ties among its own members.
    Sanctioning pairs thus end in different blocs unless their cooperative ties with the
    bloc outweigh the conflict.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> for u, v, w in [("A", "B", 3), ("C", "D", 3), ("A", "C", -2), ("B", "D", -2)]:
    ...     G.add_edge(u, v, weight=float(w))
    >>> blocs(G).blocs
    [['A', 'B'], ['C', 'D']]
    """
    nodes, W = signed_matrix(G)
    n = len(nodes)
    Wc = np.where(W > 0, W, 0.0)
    U = nx.Graph()
    U.add_nodes_from(nodes)
    iu, ju = np.nonzero(np.triu(Wc, 1))
    U.add_weighted_edges_from((nodes[i], nodes[j], float(Wc[i, j])) for i, j in zip(iu.tolist(), ju.tolist()))
    if n:
        comms = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)
        modularity = nx.community.modularity(U, comms, weight="weight") if U.number_of_edges() else 0.0
    else:
        comms, modularity = [], 0.0
    communities = _canonical(comms)
    rng = np.random.default_rng(seed)
    if n:
        index = {v: i for i, v in enumerate(nodes)}
        louvain_labels = np.zeros(n, dtype=int)
        for c, members in enumerate(communities):
            for v in members:
                louvain_labels[index[v]] = c
        labels = np.full(n, -1, dtype=int)
        next_label = 0
        # Each connected component of the signed graph is partitioned on its own: states with
        # no chain of ties between them never share a bloc.
        for comp in _components(W != 0):
            if len(comp) == 1:
                labels[comp] = next_label
                next_label += 1
                continue
            sub = _partition_component(W[np.ix_(comp, comp)], louvain_labels[comp], rng, starts)
            for piece in _components((W[np.ix_(comp, comp)] != 0) & (sub[:, None] == sub[None, :])):
                labels[comp[piece]] = next_label
                next_label += 1
        groups: dict[int, list[str]] = {}
        for i, lab in enumerate(labels.tolist()):
            groups.setdefault(lab, []).append(nodes[i])
        bloc_list = _canonical(groups.values())
        best_f = _frustration(W, labels)
    else:
        bloc_list, best_f = [], 0.0
    total = float(np.abs(W).sum() / 2.0)
    return BlocResult(
        communities=communities,
        modularity=float(modularity),
        blocs=bloc_list,
        frustration=float(best_f),
        frustration_share=float(best_f / total) if total > 0 else 0.0,
        method={
            "communities": "Louvain (Blondel et al. 2008) on the undirected cooperative graph",
            "blocs": "signed partition minimising frustration (Doreian & Mrvar 1996, alpha=0.5), relocation local search",
            "resolution": resolution,
            "starts": starts + 3,
            "seed": seed,
        },
    )
