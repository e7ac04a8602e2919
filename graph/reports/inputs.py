"""What a report reads: every fact of the window in memory (:func:`collect`, a
:class:`ReportInput`) or the ties an open store has counted (:func:`aggregate`, a
:class:`StoreTies`). Both answer the same questions (graph, sample, timeline, network, the
weights and evidence of ties), so a report is built the same way from either."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from diplograph.graph.analysis import AnalysisOptions, fact_frame, state_graph, weighted_facts
from diplograph.graph.analysis.ties import edge_facts, edge_weights, tie_graph
from diplograph.graph.model.records import Actor, Article, Fact
from diplograph.graph.model.ties import TieFact, Ties, TieSample
from diplograph.graph.model.vocabulary import ActorKind
from diplograph.graph.reports.sections import network_json, network_of, sample_json, sample_of, timeline_json, timeline_of
from diplograph.graph.stores.base import GraphStore
from diplograph.loaders.cameo import name_states

__all__ = ["ReportInput", "StoreTies", "collect", "aggregate", "fact_input", "tie_input"]



@dataclass(slots=True)
class ReportInput:
    """What a report reads: the fact frame, the facts themselves when available (for evidence),
    and the articles and actors of the store (for provenance and names). ``undated_left_out``:
    the store's undated facts that the window (``since``/``until``) did not read."""

    frame: pd.DataFrame
    facts: list[Fact] | None = None
    articles: dict[str, Article] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    origin: str = "facts"
    undated_left_out: int = 0
    _weighted: dict = field(default_factory=dict, repr=False)

    def weighted(self, options: AnalysisOptions) -> pd.DataFrame:
        """The counted facts (:func:`~diplograph.graph.analysis.weighted_facts`), worked out once per options."""
        if options not in self._weighted:
            self._weighted[options] = weighted_facts(self.frame, options)
        return self._weighted[options]

    def sample(self, options: AnalysisOptions) -> tuple[dict, dict[str, tuple[int, int]]]:
        """What the report rests on (:func:`sample_of` of the counted facts)."""
        return sample_of(self.weighted(options), self, options)

    def timeline(self, G: nx.DiGraph, options: AnalysisOptions, tie: tuple[str, str, str, str] | None) -> dict:
        """Counted facts a month by class, and ``tie``'s net weight a month (:func:`timeline_of`)."""
        return timeline_of(self.weighted(options), tie)

    def network(self, G: nx.DiGraph, options: AnalysisOptions, membership: dict[str, int], pagerank: dict[str, float]) -> dict:
        """The interactive network's data (:func:`network_of`)."""
        return network_of(G, self, options, membership, pagerank)

    def fact_index(self, keys: Iterable[str]) -> dict[str, Fact]:
        """Facts by key, for the keys asked only (one pass over the facts)."""
        wanted = set(keys)
        if not self.facts or not wanted:
            return {}
        return {f.key: f for f in self.facts if f.key in wanted}

    def graph(self, options: AnalysisOptions) -> nx.DiGraph:
        """The state graph of the facts (:func:`~diplograph.graph.analysis.state_graph`)."""
        return state_graph(self.frame, options)

    def dated_counts(self, options: AnalysisOptions) -> pd.Series:
        """Counted facts a day (int, indexed by the day as a Timestamp, sorted): the dated
        facts that count as ties under ``options``."""
        return self.weighted(options)["date"].dropna().dt.normalize().value_counts().sort_index()

    def counts(self, options: AnalysisOptions) -> tuple[int, str | None, str | None]:
        """Facts read, and the first days of the earliest and latest dated facts that count
        (ISO; those the rules leave out do not stretch the period)."""
        dates = self.weighted(options)["date"]
        used = dates[dates.notna()]
        if used.empty:
            return len(self.frame), None, None
        return len(self.frame), used.min().date().isoformat(), used.max().date().isoformat()

    def tie_weights(self, G: nx.DiGraph, options: AnalysisOptions, pairs) -> dict[tuple[str, str], dict[str, float]]:
        """Signed weight of each fact of the edges ``pairs`` of ``G``, by key, by edge."""
        wf = self.weighted(options)
        weight_of = dict(zip(wf["key"].tolist(), wf["weight"].tolist()))
        return {(u, v): {k: weight_of.get(k, 0.0) for k in G[u][v]["factKeys"]} for u, v in pairs}

    def evidence(self, keys: list[str]) -> tuple[dict[str, Fact], dict[str, dict], dict[str, Article]]:
        """The facts of ``keys`` (when known), their frame rows and the articles of the store."""
        rows = self.frame[self.frame["key"].isin(set(keys))]
        return self.fact_index(keys), dict(zip(rows["key"].tolist(), rows.to_dict("records"))), self.articles


@dataclass(slots=True)
class StoreTies:
    """What the centrality and blocs reports read from an open store: the ties it has counted
    (:meth:`~diplograph.graph.stores.base.GraphStore.ties`, one aggregate query) and, for the
    ties a report shows, their facts and articles by targeted queries. Memory grows with the
    number of ties, not of facts. Make one with :func:`aggregate`; ``options`` are those the
    ``ties`` were counted for."""

    store: GraphStore
    ties: Ties
    origin: str
    options: AnalysisOptions
    undated_left_out: int = 0
    _tie_facts: dict = field(default_factory=dict, repr=False)
    _sample: TieSample | None = field(default=None, repr=False)
    _recounted: dict = field(default_factory=dict, repr=False)

    def graph(self, options: AnalysisOptions) -> nx.DiGraph:
        """The state graph of ``options`` (:func:`~diplograph.graph.analysis.ties.tie_graph`):
        of the ties counted, or of ties the store counts again for another window,
        organisations or event rule (once each)."""
        return tie_graph(self._ties_for(options, by_day=options.half_life_days is not None), options)

    def dated_counts(self, options: AnalysisOptions) -> pd.Series:
        """Counted facts a day (int, indexed by the day as a Timestamp, sorted), from the
        store's ties of ``options`` by day: what :meth:`ReportInput.dated_counts` gives."""
        rows = self._ties_for(options, by_day=True).rows
        days = pd.to_datetime(rows["day"].astype(object), format="ISO8601")
        return rows["facts"].groupby(days.to_numpy()).sum().astype("int64")

    def _ties_for(self, options: AnalysisOptions, *, by_day: bool) -> Ties:
        """The ties of ``options`` grouped by day or not: :attr:`ties` when they were counted
        for the same, else the store's count (kept for the next call)."""
        def count_of(o: AnalysisOptions, dated: bool) -> tuple:
            return _day(o.since), _day(o.until), o.organizations, dated, o.event_rule, o.event_weight

        wanted = count_of(options, by_day)
        if wanted == count_of(self.options, self.options.half_life_days is not None):
            return self.ties
        if wanted not in self._recounted:
            self._recounted[wanted] = _with_state_names(self.store.ties(
                since=_day(options.since), until=_day(options.until), organizations=options.organizations, by_day=by_day,
                **_event_rule(options)))
        return self._recounted[wanted]

    def tie_sample(self, options: AnalysisOptions) -> TieSample:
        """The store's count of what the counted facts rest on (one aggregate query, once)."""
        if self._sample is None:
            self._sample = self.store.tie_sample(since=_day(options.since), until=_day(options.until),
                                                 organizations=options.organizations, dated=options.half_life_days is not None,
                                                 **_event_rule(options))
        return self._sample

    def sample(self, options: AnalysisOptions) -> tuple[dict, dict[str, tuple[int, int]]]:
        """What the report rests on, counted by the store: the same figures as :func:`sample_of`."""
        counted = self.tie_sample(options)
        return sample_json(counted.facts, counted.articles, counted.coded_events, counted.sources, counted.days,
                            options), dict(counted.by_node)

    def timeline(self, G: nx.DiGraph, options: AnalysisOptions, tie: tuple[str, str, str, str] | None) -> dict:
        """Counted facts a month by class (the store's sample, :meth:`tie_sample`), and ``tie``'s
        net weight a month (the facts of its pair, :meth:`pair_facts`): the figures of
        :func:`timeline_of`, in memory growing with months and the tie's facts."""
        counted = self.tie_sample(options)
        months = list(counted.months)
        days = [f"{month}-01" for month in months]
        cooperative = [counted.months[m][0] for m in months]
        conflictual = [counted.months[m][1] for m in months]
        net = None
        if tie is not None:
            weights = self.tie_weights(G, options, [(tie[0], tie[1])])[(tie[0], tie[1])]
            on_tie = [(fact.day, weights[fact.key]) for fact in self.pair_facts(tie[0], tie[1], options)
                      if fact.key in weights and fact.day]
            days += [day for day, _ in on_tie]
            cooperative += [0] * len(on_tie)
            conflictual += [0] * len(on_tie)
            net = [0.0] * len(months) + [w for _, w in on_tie]
        return timeline_json(pd.to_datetime(pd.Series(days, dtype=object), format="ISO8601"), np.array(cooperative, dtype=np.int64),
                             np.array(conflictual, dtype=np.int64), net, counted.undated, tie)

    def network(self, G: nx.DiGraph, options: AnalysisOptions, membership: dict[str, int], pagerank: dict[str, float]) -> dict:
        """The interactive network's data (:func:`network_of`): the days and hover facts of
        each tie shown from the facts of its pair of nodes (:meth:`pair_facts`)."""
        def days_of(u: str, v: str) -> set[str]:
            return {fact.day for fact in edge_facts(self.pair_facts(u, v, options), u, v) if fact.day}

        return network_json(G, membership, pagerank, days_of, lambda pairs: self.tie_weights(G, options, pairs),
                            self.fact_index)

    def pair_facts(self, u: str, v: str, options: AnalysisOptions) -> list[TieFact]:
        """The facts that count in the ties between nodes ``u`` and ``v`` (both directions),
        read once by a targeted query (:meth:`~diplograph.graph.stores.base.GraphStore.tie_facts`)."""
        nodes = frozenset((u, v))
        if nodes not in self._tie_facts:
            self._tie_facts[nodes] = self.store.tie_facts(
                sorted(nodes), since=options.since, until=options.until, organizations=options.organizations,
                dated=options.half_life_days is not None, **_event_rule(options),
            )
        return self._tie_facts[nodes]

    def fact_index(self, keys: Iterable[str]) -> dict[str, Fact]:
        """Facts by key, read by key."""
        return {f.key: f for f in self.store.facts_by_key(list(keys))}

    def counts(self, options: AnalysisOptions) -> tuple[int, str | None, str | None]:
        """Facts read, and the first days of the earliest and latest dated facts that count
        (ISO; from the ``first`` and ``last`` of the ties' rows, ``options`` being those of
        the count)."""
        rows = self.ties.rows
        first, last = rows["first"].dropna(), rows["last"].dropna()
        return self.ties.facts, (min(first) if len(first) else None), (max(last) if len(last) else None)

    def tie_weights(self, G: nx.DiGraph, options: AnalysisOptions, pairs) -> dict[tuple[str, str], dict[str, float]]:
        """Signed weight of each fact of the edges ``pairs`` of ``G``, by key, by edge (one
        targeted query for each pair of nodes, :meth:`pair_facts`)."""
        return {(u, v): edge_weights(self.pair_facts(u, v, options), u, v, half_life_days=options.half_life_days,
                                     reference_date=G.graph.get("referenceDate")) for u, v in pairs}

    def evidence(self, keys: list[str]) -> tuple[dict[str, Fact], dict[str, dict], dict[str, Article]]:
        """The facts of ``keys`` and their articles, read by key."""
        facts = {f.key: f for f in self.store.facts_by_key(keys)}
        return facts, {}, self.store.articles_by_id({f.article_id for f in facts.values() if f.article_id})


def aggregate(store: GraphStore, options: AnalysisOptions | None = None) -> StoreTies:
    """Have ``store`` count the ties of the window (by day when a half-life needs it).

    The store must stay open while reports are built from the result (their evidence is
    read from it).
    """
    options = options or AnalysisOptions()
    ties = _with_state_names(store.ties(since=_day(options.since), until=_day(options.until), organizations=options.organizations,
                                        by_day=options.half_life_days is not None, sample=True, **_event_rule(options)))
    return StoreTies(store=store, ties=ties, origin=f"{store.name} store", options=options,
                     undated_left_out=_undated_left_out(store, options))


def _with_state_names(ties: Ties) -> Ties:
    name_states(ties.names, ties.kinds)
    return ties


def _undated_left_out(store: GraphStore, options: AnalysisOptions) -> int:
    """The store's undated facts when a window leaves them out (a store reads only the window), else 0."""
    return store.undated_facts() if options.since is not None or options.until is not None else 0


def _day(value) -> str | None:
    return None if value is None else str(value)


def _event_rule(options: AnalysisOptions) -> dict[str, str]:
    """The event rule and weighting of ``options`` as a store's aggregates take them."""
    return {"event_rule": options.event_rule.value, "event_weight": options.event_weight.value}


def collect(
    source: GraphStore | Iterable[Fact] | pd.DataFrame,
    options: AnalysisOptions | None = None,
) -> ReportInput:
    """Read what a report needs from a store, a fact iterable or a fact frame.

    A store is asked for the facts in ``[options.since, options.until]`` only, and for its articles (titles,
    sources, URLs: the provenance shown next to the evidence) and actors (names).
    """
    options = options or AnalysisOptions()
    if isinstance(source, pd.DataFrame):
        return ReportInput(frame=source, origin="fact frame")
    articles: dict[str, Article] = {}
    actors: dict[str, Actor] = {}
    undated = 0
    if isinstance(source, GraphStore):
        undated = _undated_left_out(source, options)
        facts = list(source.iter_facts(since=options.since, until=options.until))
        articles = {a.id: a for a in source.iter_articles()}
        actors = {a.id: a for a in source.iter_actors()}
        origin = f"{source.name} store"
    else:
        facts = list(source)
        origin = "facts"
        for fct in facts:
            actors.setdefault(fct.subject.id, fct.subject)
            actors.setdefault(fct.object.id, fct.object)
    frame = fact_frame(facts, organizations=options.organizations)
    names = frame.attrs.setdefault("names", {})
    for node in list(names):
        actor = actors.get(node)
        if actor is not None and actor.kind is ActorKind.STATE and names[node] == node:
            names[node] = actor.name
    name_states(names, frame.attrs.get("kinds", {}))
    return ReportInput(frame=frame, facts=facts, articles=articles, actors=actors, origin=origin, undated_left_out=undated)


def fact_input(source, options: AnalysisOptions) -> ReportInput:
    return source if isinstance(source, ReportInput) else collect(source, options)


def tie_input(source, options: AnalysisOptions) -> ReportInput | StoreTies:
    """A store is asked to count (:func:`aggregate`, the event rule of ``options`` included);
    facts and frames are collected."""
    if isinstance(source, (ReportInput, StoreTies)):
        return source
    if not isinstance(source, GraphStore):
        return collect(source, options)
    return aggregate(source, options)