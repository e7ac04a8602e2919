"""Brokers between blocs: participation coefficient of cooperative ties."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

from diplograph.graph.analysis.blocs import BlocResult
from diplograph.graph.analysis.graphs import signed_matrix


@dataclass(frozen=True, slots=True)
class BrokerRow:
    """How much one node bridges blocs.

    Attributes
    ----------
    id, name, bloc:
        Node, name and index of its own bloc.
    participation:
        Participation coefficient 1 - sum_s (k_is / k_i)^2 over blocs s (Guimerà & Amaral
        2005), k_is = cooperative strength into bloc s; 0 = all ties in one bloc.
    blocs_reached:
        Number of blocs, its own included, it has cooperative ties into.
    outside_share:
        Share of its cooperative strength that goes to other blocs.
    strength:
        Total cooperative strength k_i (undirected, net positive pair weights).
    """

    id: str
    name: str
    bloc: int
    participation: float
    blocs_reached: int
    outside_share: float
    strength: float

    def to_json(self) -> dict:
        """camelCase JSON object of the row."""
        return {
            "id": self.id,
            "name": self.name,
            "bloc": self.bloc,
            "participation": self.participation,
            "blocsReached": self.blocs_reached,
            "outsideShare": self.outside_share,
            "strength": self.strength,
        }


def _membership(partition) -> dict[str, int]:
    if isinstance(partition, BlocResult):
        return partition.membership
    if isinstance(partition, Mapping):
        return dict(partition)
    return {v: i for i, members in enumerate(partition) for v in members}


def brokers(G: nx.DiGraph, partition: BlocResult | Mapping[str, int] | Iterable[Iterable[str]]) -> list[BrokerRow]:
    """Nodes that bridge blocs, by participation coefficient (Guimerà & Amaral 2005).

    Parameters
    ----------
    G:
        A signed graph from :func:`state_graph`.
    partition:
        A :class:`BlocResult` (its signed blocs), a mapping node -> bloc, or a list of node sets.
        Nodes missing from it form a bloc each.

    Returns
    -------
    list of BrokerRow
        Sorted by participation (highest first), then outside share, then id. Only
        cooperative ties count: a broker carries cooperation across bloc lines.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> for u, v in [("A", "B"), ("C", "D"), ("B", "C")]:
    ...     G.add_edge(u, v, weight=1.0)
    >>> top = brokers(G, [{"A", "B"}, {"C", "D"}])[0]
    >>> top.id, top.participation
    ('B', 0.5)
    """
    nodes, W = signed_matrix(G)
    Wc = np.where(W > 0, W, 0.0)
    member = _membership(partition)
    labels = []
    next_label = max(member.values(), default=-1) + 1
    for v in nodes:
        if v in member:
            labels.append(member[v])
        else:
            labels.append(next_label)
            next_label += 1
    labels = np.asarray(labels, dtype=int)
    n_blocs = int(labels.max()) + 1 if len(labels) else 0
    onehot = np.zeros((len(nodes), n_blocs))
    onehot[np.arange(len(nodes)), labels] = 1.0
    K = Wc @ onehot  # strength into each bloc
    k = K.sum(axis=1)
    rows = []
    for i, v in enumerate(nodes):
        if k[i] > 0:
            frac = K[i] / k[i]
            part = float(1.0 - np.sum(frac**2))
            outside = float(1.0 - frac[labels[i]])
        else:
            part, outside = 0.0, 0.0
        rows.append(
            BrokerRow(
                id=v,
                name=G.nodes[v].get("name", v),
                bloc=int(labels[i]),
                participation=part,
                blocs_reached=int(np.count_nonzero(K[i] > 0)),
                outside_share=outside,
                strength=float(k[i]),
            )
        )
    rows.sort(key=lambda r: (-r.participation, -r.outside_share, r.id))
    return rows
