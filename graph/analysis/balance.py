"""Structural balance of a signed graph: the triad census."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from diplograph.graph.analysis.graphs import signed_matrix


@dataclass(slots=True)
class BalanceResult:
    """Triad census of a signed graph (undirected, net sign of each pair).

    Attributes
    ----------
    triads:
        Number of closed triads (three pairs, each with a non-zero net sign).
    balanced, unbalanced:
        Triads whose product of signs is positive / negative.
    share:
        ``balanced / triads`` (``None`` when there is no triad).
    by_type:
        Counts of ``"+++"``, ``"++-"``, ``"+--"``, ``"---"``.
    """

    triads: int
    balanced: int
    unbalanced: int
    share: float | None
    by_type: dict[str, int]

    def to_json(self) -> dict:
        """JSON object of the census."""
        return {"triads": self.triads, "balanced": self.balanced, "unbalanced": self.unbalanced, "share": self.share, "byType": self.by_type}


def structural_balance(G: nx.DiGraph) -> BalanceResult:
    """Share of balanced signed triads (Cartwright & Harary 1956).

    A triad is three states pairwise tied; the tie of a pair is the sign of its net weight
    in both directions (:func:`signed_matrix`); pairs with net 0 are no tie. A triad is
    balanced when the product of its three signs is positive (``+++``: friends of friends;
    ``+--``: a common enemy), unbalanced otherwise (``++-``, ``---``).

    Counts come from traces of matrix products, so no triad is enumerated: with P and N the
    0/1 matrices of positive and negative pairs, ``+++ = tr(P^3)/6``, ``++- = tr(P P N)/2``,
    ``+-- = tr(P N N)/2``, ``--- = tr(N^3)/6``.

    Returns
    -------
    BalanceResult

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("A", "B", weight=1.0); G.add_edge("B", "C", weight=-1.0); G.add_edge("A", "C", weight=-1.0)
    >>> structural_balance(G).share
    1.0
    """
    from scipy import sparse

    nodes, W = signed_matrix(G)
    P = sparse.csr_matrix((W > 0).astype(np.int64))
    N = sparse.csr_matrix((W < 0).astype(np.int64))

    def tr3(A, B, C) -> int:
        return int((A @ B).multiply(C.T).sum())

    ppp = tr3(P, P, P) // 6
    ppn = tr3(P, P, N) // 2
    pnn = tr3(P, N, N) // 2
    nnn = tr3(N, N, N) // 6
    triads = ppp + ppn + pnn + nnn
    balanced = ppp + pnn
    return BalanceResult(
        triads=triads,
        balanced=balanced,
        unbalanced=triads - balanced,
        share=(balanced / triads) if triads else None,
        by_type={"+++": ppp, "++-": ppn, "+--": pnn, "---": nnn},
    )
