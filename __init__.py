"""diplograph: a graph database of geopolitical relations, as a Python library.

Articles and coded event data go in; actors and PLOVER-typed, dated relations come out, into
a SQLite file or Neo4j; networkx measures and reports read them back. This module is the
small public surface; each name lives in the package that does the work (the map is in
``docs/architecture.md``) and is imported on first use, so ``import diplograph`` stays quick
and ``import diplograph.graph.model.records`` does not load spaCy or pandas.

>>> import diplograph
>>> with diplograph.open_store("graph.sqlite") as store:            # doctest: +SKIP
...     summary = diplograph.load_articles(["examples/articles"], store)
...     facts = list(store.iter_facts())
>>> diplograph.centrality(diplograph.state_graph(facts)).to_frame()  # doctest: +SKIP

Stores
    :func:`open_store` (SQLite by default, Neo4j with a URI), :class:`GraphStore`.
Loading
    :func:`read_articles`, :func:`extract_articles` (facts, nothing stored),
    :func:`load_articles` (read, skip stored, extract, write), :func:`load_event_files`
    (GDELT, ICEWS, fact tables) with :class:`EventLoadOptions`, :class:`Extractor`.
Parquet fact sets and Dask
    :class:`FactSet` (read one), :class:`FactSetWriter`, :func:`export_fact_set` (a store
    into a fact set), :func:`load_fact_set` (a fact set into a store), :func:`extract_on_dask`
    (articles extracted on a Dask cluster into a fact set; ``pip install 'diplograph[dask]'``).
Analysis
    :class:`AnalysisOptions` (the window and weighting, :class:`EventRule` and :class:`EventWeight`: how event data count), :func:`state_graph`, :func:`actor_graph`, :func:`centrality`, :func:`blocs`,
    :func:`structural_balance`, :func:`brokers`, :func:`changes`; results have ``to_frame()``.
Reports and exports
    :func:`collect`, :func:`centrality_report`, :func:`blocs_report`, :func:`actor_report`,
    :func:`changes_report`, :func:`render`, :func:`write_plot`, :func:`export_graph`.
Queries (Neo4j)
    :func:`list_queries`, :func:`run_named`, :func:`run_cypher`.
Records and errors
    :class:`Article`, :class:`Actor`, :class:`Fact`, :class:`RelationType`,
    :class:`ActorKind`; :class:`DiplographError` is the root of every error raised on purpose.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import version

__version__ = version("diplograph")

#: Public name -> the module that defines it.
_HOMES = {
    "open_store": "diplograph.graph.stores.opening",
    "GraphStore": "diplograph.graph.stores.base",
    "WriteSummary": "diplograph.graph.stores.base",
    "read_articles": "diplograph.loaders.articles",
    "extract_articles": "diplograph.loaders.loading",
    "load_articles": "diplograph.loaders.loading",
    "ArticleLoadSummary": "diplograph.loaders.loading",
    "load_event_files": "diplograph.loaders.events",
    "EventLoadOptions": "diplograph.loaders.event_rows",
    "Extractor": "diplograph.loaders.extract",
    "FactSet": "diplograph.graph.stores.fact_set",
    "FactSetWriter": "diplograph.graph.stores.fact_set",
    "export_fact_set": "diplograph.graph.stores.fact_set",
    "load_fact_set": "diplograph.graph.stores.fact_set",
    "extract_on_dask": "diplograph.loaders.distributed",
    "AnalysisOptions": "diplograph.graph.analysis",
    "EventRule": "diplograph.graph.analysis",
    "EventWeight": "diplograph.graph.analysis",
    "state_graph": "diplograph.graph.analysis",
    "actor_graph": "diplograph.graph.analysis",
    "centrality": "diplograph.graph.analysis",
    "blocs": "diplograph.graph.analysis",
    "structural_balance": "diplograph.graph.analysis",
    "brokers": "diplograph.graph.analysis",
    "changes": "diplograph.graph.analysis",
    "collect": "diplograph.graph.reports",
    "centrality_report": "diplograph.graph.reports",
    "blocs_report": "diplograph.graph.reports",
    "actor_report": "diplograph.graph.reports",
    "changes_report": "diplograph.graph.reports",
    "render": "diplograph.graph.reports",
    "write_plot": "diplograph.graph.reports",
    "export_graph": "diplograph.graph.export",
    "list_queries": "diplograph.cypher.catalogue",
    "run_named": "diplograph.cypher.run",
    "run_cypher": "diplograph.cypher.run",
    "Article": "diplograph.graph.model.records",
    "Actor": "diplograph.graph.model.records",
    "Fact": "diplograph.graph.model.records",
    "RelationType": "diplograph.graph.model.vocabulary",
    "ActorKind": "diplograph.graph.model.vocabulary",
    "DiplographError": "diplograph.graph.model.errors",
    "InputError": "diplograph.graph.model.errors",
    "StoreError": "diplograph.graph.model.errors",
    "QueryError": "diplograph.graph.model.errors",
    "ReportError": "diplograph.graph.model.errors",
}

__all__ = ["__version__", *_HOMES]


def __getattr__(name: str):
    """Import a public name from its home module on first use (PEP 562)."""
    if name not in _HOMES:
        raise AttributeError(f"module 'diplograph' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
