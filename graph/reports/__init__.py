"""Reports on the state graph: centrality ranking with blocs, blocs, one actor, changes.

A report is built from a :class:`~diplograph.graph.stores.base.GraphStore`, an iterable of facts or
a fact frame (:func:`~diplograph.graph.analysis.fact_frame`) into a :class:`Report`: a JSON-able
``data`` dict (the stable, documented form; see :data:`JSON_SCHEMA_DOC`) plus the graph it
came from. Renderers turn it into a rich table, Markdown, CSV, JSON or one self-contained
HTML file (inline CSS and SVG; nothing is fetched). :mod:`.inputs` reads what a report needs
(:func:`collect` or :func:`aggregate`), one module a report builds it (:mod:`.centrality`,
:mod:`.blocs`, :mod:`.actor`, :mod:`.changes`) from the parts they share (:mod:`.sections`),
:mod:`.render` renders it and :mod:`.plots` draws it; this package exposes their public names. Every number can be traced: each tie in
a report lists the keys of its facts, and ``actor`` reports list every fact behind an actor's
numbers with its weight.

JSON form (``schemaVersion`` 1)
-------------------------------
Every report has ``report`` (``centrality``, ``blocs``, ``actor``, ``changes``),
``schemaVersion``, ``parameters`` (``since``, ``until``, ``halfLifeDays``, ``referenceDate``,
``top``, ``seed``, ``organizations``, ``eventRule``) and ``summary`` (``facts`` read, ``factsUsed``,
``excluded`` by reason (:data:`~diplograph.graph.analysis.UNMAPPED_REASONS` and ``neutral``,
``selfLoop``, ``outOfWindow``, ``undated``, ``duplicateMention``, ``duplicateEvent``, and
``undatedOutOfWindow``: the undated facts of a store that ``since``/``until`` did not read), ``nodes``, of which
``states`` and ``organizations``, ``ties``, ``firstDate``, ``lastDate``). Then:

- ``centrality``: ``states`` (rows: ``rank``, ``id``, ``name``, ``bloc``, ``community``,
  ``pagerank``, ``eigenvector`` (null outside the largest connected component of the
  cooperative graph: ``method.centrality.eigenvector.componentNodes`` says its size),
  ``betweenness``, ``cooperativeOut``, ``cooperativeIn``,
  ``conflictualOut``, ``conflictualIn``, ``facts``), ``blocs`` (``bloc``, ``size``,
  ``members``), ``balance``, ``brokers`` (states with cooperative ties into more than one
  bloc, by participation; ``brokersNote`` says why the list is empty, else null), ``ties``
  (the strongest cooperative ties, then the strongest conflictual ones, each with ``class``,
  ``source``, ``target``, ``weight``, ``positive``, ``negative``, ``facts``, ``factKeys``
  and ``evidence``: the strongest facts with their article and sentence), ``sample`` (what
  the report rests on: ``facts``, ``articles``, ``codedEvents``, ``sources``, ``days``,
  ``eventRule``, ``eventRuleText``), ``warnings`` (states listed whose place rests on one
  source or fewer than ``THIN_FACTS`` facts), ``timeline`` (facts a month by class, the
  strongest tie's net weight a month), ``network`` (nodes and ties of the interactive
  network), ``method``. Each state row also has ``sources``.
- ``blocs``: ``blocs`` (with members, internal positive and negative weight),
  ``frustration``, ``frustrationShare``, ``communities``, ``modularity``, ``balance``,
  ``brokers``, ``sample`` and ``warnings`` (as in ``centrality``, over the bloc members), ``method``.
- ``actor``: ``actor`` (id, name, kind, country), ``countsFor`` (the node its facts count
  for), ``scope`` (``node``: every fact of a state's node; ``own``: a leader's or firm's
  own facts), ``numbers`` (the centrality row of ``countsFor``, or null), ``totals`` (sums
  of the weights of the facts listed; equal to the numbers' degrees when ``scope`` is
  ``node``), ``facts`` (``counted`` weight or the ``reason`` it does not count).
- ``changes``: ``windowA``, ``windowB`` (``since``, ``until``, ``facts``, ``states``,
  ``ties`` of each window), ``rows`` (ranks, PageRank and score = PageRank x states in the
  window, in each window), ``rose`` and ``fell`` (the ``top`` largest moves by rank among
  states in both windows), ``entered`` and ``left`` (states in one window only), ``method``.

Bloc numbers are 1-based, largest bloc first. Floats are rounded to 6 decimals.
"""

from diplograph.graph.reports.actor import actor_report
from diplograph.graph.reports.blocs import blocs_report
from diplograph.graph.reports.centrality import centrality_report
from diplograph.graph.reports.changes import changes_report
from diplograph.graph.reports.inputs import ReportInput, StoreTies, aggregate, collect
from diplograph.graph.reports.report import FORMATS, SCHEMA_VERSION, Report
from diplograph.graph.reports.plots import plot_network, write_plot
from diplograph.graph.reports.render import render

__all__ = [
    "SCHEMA_VERSION",
    "FORMATS",
    "ReportInput",
    "StoreTies",
    "Report",
    "collect",
    "aggregate",
    "centrality_report",
    "blocs_report",
    "actor_report",
    "changes_report",
    "render",
    "plot_network",
    "write_plot",
]
