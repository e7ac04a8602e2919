"""A built report: :class:`Report` (its JSON form, graph and bloc membership), the
:data:`SCHEMA_VERSION` of that JSON form and the :data:`FORMATS` it renders to."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

SCHEMA_VERSION = 1
FORMATS = ("table", "markdown", "html", "json", "csv")


@dataclass(slots=True)
class Report:
    """A built report: ``data`` is the JSON form; ``graph`` and ``membership`` (node -> 1-based
    bloc) feed the pictures of the HTML form."""

    data: dict
    graph: nx.DiGraph | None = None
    membership: dict[str, int] = field(default_factory=dict)
    pagerank: dict[str, float] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """``centrality``, ``blocs``, ``actor`` or ``changes``."""
        return self.data["report"]
