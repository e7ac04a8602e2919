"""Building reports: the facts of a window collected from a store, and the centrality, blocs, actor and changes reports made from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import networkx as nx
import numpy as np
import pandas as pd

from diplograph.graph.analysis import (
    AnalysisOptions,
    fact_frame,
    state_graph,
    structural_balance,
    weighted_facts,
)
from diplograph.graph.analysis.ties import edge_weights, tie_graph
from diplograph.graph.analysis import blocs as compute_blocs
from diplograph.graph.analysis import brokers as compute_brokers
from diplograph.graph.analysis import centrality as compute_centrality
from diplograph.graph.analysis import changes as compute_changes
from diplograph.graph.analysis.events import EVENT_RULE_TEXT, EVENT_WEIGHT_TEXT
from diplograph.graph.model.errors import ReportError
from diplograph.graph.model.records import Actor, Article, Fact, slugify
from diplograph.graph.model.ties import Ties, TieSample, url_host
from diplograph.graph.model.vocabulary import RELATIONS, ActorKind, RelationType
from diplograph.graph.stores.base import GraphStore


SCHEMA_VERSION = 1
FORMATS = ("table", "markdown", "html", "json", "csv")


@dataclass(slots=True)
class ReportInput:
    """What a report reads: the fact frame, the facts themselves when available (for evidence),
    and the articles and actors of the store (for provenance and names)."""

    frame: pd.DataFrame
    facts: list[Fact] | None = None
    articles: dict[str, Article] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    origin: str = "facts"
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
        return network_of(G, self.weighted(options), self, membership, pagerank)

    def fact_index(self, keys: Iterable[str]) -> dict[str, Fact]:
        """Facts by key, for the keys asked only (one pass over the facts)."""
        wanted = set(keys)
        if not self.facts or not wanted:
            return {}
        return {f.key: f for f in self.facts if f.key in wanted}

    def graph(self, options: AnalysisOptions) -> nx.DiGraph:
        """The state graph of the facts (:func:`~diplograph.graph.analysis.state_graph`)."""
        return state_graph(self.frame, options)

    def counts(self) -> tuple[int, str | None, str | None]:
        """Facts read, and the first days of the earliest and latest dated ones (ISO)."""
        dates = self.frame["date"]
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
    number of ties, not of facts. Make one with :func:`aggregate`."""

    store: GraphStore
    ties: Ties
    origin: str
    _by_day: Ties | None = field(default=None, repr=False)
    _sample: TieSample | None = field(default=None, repr=False)

    def graph(self, options: AnalysisOptions) -> nx.DiGraph:
        """The state graph of the ties (:func:`~diplograph.graph.analysis.ties.tie_graph`)."""
        return tie_graph(self.ties, options)

    def tie_sample(self, options: AnalysisOptions) -> TieSample:
        """The store's count of what the counted facts rest on (one aggregate query, once)."""
        if self._sample is None:
            self._sample = self.store.tie_sample(since=_day(options.since), until=_day(options.until),
                                                 organizations=options.organizations, dated=options.half_life_days is not None,
                                                 **_event_rule(options))
        return self._sample

    def by_day(self, options: AnalysisOptions) -> Ties:
        """The ties of the window by day (the store's aggregate with ``by_day``; undated facts left out)."""
        if self._by_day is None:
            self._by_day = self.ties if options.half_life_days is not None else self.store.ties(
                since=_day(options.since), until=_day(options.until), organizations=options.organizations, by_day=True,
                **_event_rule(options))
        return self._by_day

    def sample(self, options: AnalysisOptions) -> tuple[dict, dict[str, tuple[int, int]]]:
        """What the report rests on, counted by the store: the same figures as :func:`sample_of`."""
        counted = self.tie_sample(options)
        return _sample_json(counted.facts, counted.articles, counted.coded_events, counted.sources, counted.days,
                            options), dict(counted.by_node)

    def timeline(self, G: nx.DiGraph, options: AnalysisOptions, tie: tuple[str, str, str, str] | None) -> dict:
        """Counted facts a month by class, and ``tie``'s net weight a month, from the ties by
        day (memory grows with ties x days): the figures of :func:`timeline_of`."""
        rows = self.by_day(options).rows
        sign = np.array([RELATIONS[RelationType(r)].sign for r in rows["relation"].tolist()], dtype=float)
        symmetric = np.array([RELATIONS[RelationType(r)].symmetric for r in rows["relation"].tolist()], dtype=bool)
        w = rows["weight"].to_numpy(dtype=float)
        weighted = np.where(w > 0, rows["weighted"].to_numpy(dtype=np.int64), 0)
        dated_facts = int(rows["facts"].sum())
        undated = 0 if options.half_life_days is not None else int(self.ties.rows["facts"].sum()) - dated_facts
        net = None
        if tie is not None:
            u, v = tie[0], tie[1]
            src, dst = rows["source"].to_numpy(dtype=object), rows["target"].to_numpy(dtype=object)
            on_tie = ((src == u) & (dst == v)) | (symmetric & (src == v) & (dst == u))
            reference = G.graph.get("referenceDate")
            decay = np.ones(len(rows))
            if options.half_life_days is not None and reference and len(rows):
                days = pd.to_datetime(rows["day"], format="ISO8601").to_numpy().astype("datetime64[D]")
                age = (np.datetime64(reference, "D") - days).astype(float)
                decay = np.power(0.5, np.clip(age, 0.0, None) / float(options.half_life_days))
            net = np.where(on_tie, sign * w * decay, 0.0)
        return _timeline_json(pd.to_datetime(rows["day"], format="ISO8601"), np.where(sign > 0, weighted, 0),
                              np.where(sign < 0, weighted, 0), net, undated, tie)

    def network(self, G: nx.DiGraph, options: AnalysisOptions, membership: dict[str, int], pagerank: dict[str, float]) -> dict:
        """The interactive network's data (:func:`network_of`): days of each tie from the ties
        by day, hover facts from the facts of the ties shown (:meth:`tie_weights`)."""
        rows = self.by_day(options).rows
        symmetric = [RELATIONS[RelationType(r)].symmetric for r in rows["relation"].tolist()]
        days_of: dict[tuple[str, str], set[str]] = {}
        for u, v, day, sym in zip(rows["source"].tolist(), rows["target"].tolist(), rows["day"].tolist(), symmetric):
            days_of.setdefault((u, v), set()).add(day)
            if sym:
                days_of.setdefault((v, u), set()).add(day)
        return _network_json(G, membership, pagerank, lambda u, v: days_of.get((u, v), ()),
                             lambda pairs: self.tie_weights(G, options, pairs), self.fact_index)

    def fact_index(self, keys: Iterable[str]) -> dict[str, Fact]:
        """Facts by key, read by key."""
        return {f.key: f for f in self.store.facts_by_key(list(keys))}

    def counts(self) -> tuple[int, str | None, str | None]:
        """Facts read, and the first days of the earliest and latest dated ones (ISO)."""
        return self.ties.facts, self.ties.first_date, self.ties.last_date

    def tie_weights(self, G: nx.DiGraph, options: AnalysisOptions, pairs) -> dict[tuple[str, str], dict[str, float]]:
        """Signed weight of each fact of the edges ``pairs`` of ``G``, by key, by edge (one
        targeted query for each pair of nodes)."""
        found: dict[frozenset, list] = {}
        out = {}
        for u, v in pairs:
            nodes = frozenset((u, v))
            if nodes not in found:
                found[nodes] = self.store.tie_facts(
                    sorted(nodes), since=options.since, until=options.until, organizations=options.organizations,
                    dated=options.half_life_days is not None, **_event_rule(options),
                )
            out[(u, v)] = edge_weights(found[nodes], u, v, half_life_days=options.half_life_days,
                                       reference_date=G.graph.get("referenceDate"))
        return out

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
    ties = store.ties(since=_day(options.since), until=_day(options.until), organizations=options.organizations,
                      by_day=options.half_life_days is not None, **_event_rule(options))
    return StoreTies(store=store, ties=ties, origin=f"{store.name} store")


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
    if isinstance(source, GraphStore):
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
    return ReportInput(frame=frame, facts=facts, articles=articles, actors=actors, origin=origin)


def _as_input(source, options: AnalysisOptions) -> ReportInput:
    return source if isinstance(source, ReportInput) else collect(source, options)


def _as_ties(source, options: AnalysisOptions) -> ReportInput | StoreTies:
    """A store is asked to count (:func:`aggregate`, the event rule of ``options`` included);
    facts and frames are collected."""
    if isinstance(source, (ReportInput, StoreTies)):
        return source
    if not isinstance(source, GraphStore):
        return collect(source, options)
    return aggregate(source, options)


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


def _r(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return round(x, 6) if np.isfinite(x) else None


def _parameters(options: AnalysisOptions, reference, top, seed) -> dict:
    return {
        "since": options.since,
        "until": options.until,
        "halfLifeDays": options.half_life_days,
        "referenceDate": reference,
        "top": top,
        "seed": seed,
        "organizations": options.organizations,
        "eventRule": options.event_rule.value,
        "eventWeight": options.event_weight.value,
    }


def _summary(inp: ReportInput | StoreTies, G: nx.DiGraph) -> dict:
    facts, first, last = inp.counts()
    return {
        "facts": int(facts),
        "factsUsed": int(G.graph.get("facts", 0)),
        "excluded": dict(G.graph.get("excluded", {})),
        "nodes": G.number_of_nodes(),
        "states": sum(1 for _, k in G.nodes(data="kind") if k == ActorKind.STATE.value),
        "organizations": sum(1 for _, k in G.nodes(data="kind") if k == ActorKind.ORGANIZATION.value),
        "ties": G.number_of_edges(),
        "cooperativeTies": sum(1 for *_, w in G.edges(data="weight") if w > 0),
        "conflictualTies": sum(1 for *_, w in G.edges(data="weight") if w < 0),
        "firstDate": first,
        "lastDate": last,
    }


#: A state whose counted facts are fewer than this, or come from one source, is flagged as resting on a thin sample.
THIN_FACTS = 5


def _source_of(article_id, origin, inp: ReportInput) -> str | None:
    """The outlet a counted fact comes from: its article's source (else the article's web
    site, else the article itself), or for event data the web site of its URL, else its
    publisher."""
    if isinstance(article_id, str):
        article = inp.articles.get(article_id)
        if article is not None and article.source:
            return article.source
        if article is not None and url_host(article.url):
            return url_host(article.url)
        return f"article {article_id}"
    return url_host(origin) if isinstance(origin, str) else None


def sample_of(wf: pd.DataFrame, inp: ReportInput, options: AnalysisOptions) -> tuple[dict, dict[str, tuple[int, int]]]:
    """What a report rests on, and for each node the facts and sources behind it.

    Parameters
    ----------
    wf:
        The counted facts (:func:`~diplograph.graph.analysis.weighted_facts`).

    Returns
    -------
    sample, by_node:
        ``sample``: ``facts`` (counted), ``articles`` (distinct articles among them),
        ``codedEvents`` (counted facts of event data), ``sources`` (distinct outlets:
        :func:`_source_of`), ``days`` (distinct dates), ``eventRule`` and its words
        ``eventRuleText``. ``by_node``: node -> (counted facts touching it, distinct sources).
    """
    sources = [_source_of(a, o, inp) for a, o in zip(wf["article"].tolist(), wf["origin"].tolist())] if len(wf) else []
    days = wf["date"].dropna().dt.normalize().nunique() if len(wf) else 0
    outlets_of: dict[str, set] = {}
    facts_of: dict[str, int] = {}
    for s_node, t_node, src in zip(wf["source"].tolist(), wf["target"].tolist(), sources):
        for node in (s_node, t_node):
            facts_of[node] = facts_of.get(node, 0) + 1
            if src is not None:
                outlets_of.setdefault(node, set()).add(src)
    by_node = {node: (n, len(outlets_of.get(node, ()))) for node, n in facts_of.items()}
    sample = _sample_json(len(wf), wf["article"].dropna().nunique(), wf["article"].isna().sum(),
                          len({o for o in sources if o is not None}), days, options)
    return sample, by_node


def _sample_json(facts: int, articles: int, coded_events: int, sources: int, days: int, options: AnalysisOptions) -> dict:
    return {
        "facts": int(facts),
        "articles": int(articles),
        "codedEvents": int(coded_events),
        "sources": int(sources),
        "days": int(days),
        "eventRule": options.event_rule.value,
        "eventRuleText": EVENT_RULE_TEXT[options.event_rule] + "; " + EVENT_WEIGHT_TEXT[options.event_weight],
        "eventWeight": options.event_weight.value,
    }


def thin_sample_warnings(rows: list[dict], by_node: dict[str, tuple[int, int]]) -> list[str]:
    """One warning per listed state whose position rests on one source or fewer than
    :data:`THIN_FACTS` counted facts (``rows``: the report's rows, with ``id``, ``name`` and
    ``rank`` when ranked)."""
    out = []
    for r in rows:
        facts, sources = by_node.get(r["id"], (0, 0))
        if facts and (sources <= 1 or facts < THIN_FACTS):
            where = f"rank {r['rank']}" if r.get("rank") else "its place"
            out.append(f"{r['name']} ({r['id']}): {where} rests on {facts:,} fact{'s' if facts != 1 else ''} "
                       f"from {sources:,} source{'s' if sources != 1 else ''}")
    return out


def timeline_of(wf: pd.DataFrame, tie: tuple[str, str, str, str] | None) -> dict:
    """Counted facts per calendar month by class, and one tie's net weight per month.

    Parameters
    ----------
    wf:
        Counted facts (:func:`~diplograph.graph.analysis.weighted_facts`); undated ones are left out.
    tie:
        ``(source, target, sourceName, targetName)`` of the tie followed, or ``None``.

    Returns
    -------
    dict
        ``months`` (``YYYY-MM``, every month from the first to the last dated fact),
        ``cooperative`` and ``conflictual`` (facts a month), ``undated`` (facts left out),
        ``tie``: ``source``, ``target``, names and ``net`` (sum of signed weights a month;
        a symmetric fact counts for the tie either way round), or ``None``.
    """
    dated = wf[wf["date"].notna()]
    weight = dated["weight"].to_numpy(dtype=float)
    net = None
    if tie is not None:
        u, v = tie[0], tie[1]
        on_tie = ((dated["source"] == u) & (dated["target"] == v)) | (dated["symmetric"] & (dated["source"] == v) & (dated["target"] == u))
        net = np.where(on_tie.to_numpy(dtype=bool), weight, 0.0)
    return _timeline_json(dated["date"], (weight > 0).astype(np.int64), (weight < 0).astype(np.int64), net, len(wf) - len(dated), tie)


def _timeline_json(dates: pd.Series, cooperative, conflictual, net, undated: int, tie: tuple[str, str, str, str] | None) -> dict:
    """The timeline of rows (facts, or ties by day) with a date each, ``cooperative`` and
    ``conflictual`` facts each, and a ``net`` weight on the tie each (or ``None``)."""
    out = {"months": [], "cooperative": [], "conflictual": [], "undated": int(undated), "tie": None}
    if not len(dates):
        return out
    month = pd.Series(pd.DatetimeIndex(dates).to_period("M"))
    months = pd.period_range(month.min(), month.max(), freq="M")
    out["months"] = [str(m) for m in months]
    out["cooperative"] = [int(n) for n in pd.Series(np.asarray(cooperative)).groupby(month).sum().reindex(months, fill_value=0)]
    out["conflictual"] = [int(n) for n in pd.Series(np.asarray(conflictual)).groupby(month).sum().reindex(months, fill_value=0)]
    if tie is not None:
        by_month = pd.Series(np.asarray(net, dtype=float)).groupby(month).sum().reindex(months, fill_value=0.0)
        out["tie"] = {"source": tie[0], "target": tie[1], "sourceName": tie[2], "targetName": tie[3], "net": [_r(w) for w in by_month]}
    return out


#: Most ties drawn in the interactive network of the HTML report (the strongest by |net weight|).
NETWORK_TIES = 400


def network_of(G: nx.DiGraph, wf: pd.DataFrame, inp: ReportInput, membership: dict[str, int], pagerank: dict[str, float],
               *, max_ties: int = NETWORK_TIES, snippets: int = 3) -> dict:
    """The data of the interactive network: nodes with bloc and PageRank, ties with their
    dates and the facts shown when hovering over them.

    Returns
    -------
    dict
        ``nodes``: ``id``, ``name``, ``bloc`` (1-based, None outside any), ``pagerank``, ``rank``.
        ``ties`` (the ``max_ties`` strongest by |net weight|): ``source``, ``target``,
        ``weight`` (net), ``class``, ``count`` (facts), ``dates`` (the distinct ISO days of its
        dated counted facts, sorted: the date filter keeps a tie with a fact in range) and ``facts`` of greatest
        weight (``date``, ``subject``, ``relation``, ``object``, ``sentence``), ``snippets`` of them.
    """
    day = {k: (None if pd.isna(d) else pd.Timestamp(d).date().isoformat()) for k, d in zip(wf["key"].tolist(), wf["date"].tolist())}
    weight = dict(zip(wf["key"].tolist(), wf["weight"].tolist()))
    return _network_json(G, membership, pagerank, lambda u, v: {day[k] for k in G[u][v]["factKeys"] if day.get(k)},
                         lambda pairs: {(u, v): {k: weight.get(k, 0.0) for k in G[u][v]["factKeys"]} for u, v in pairs},
                         inp.fact_index, max_ties=max_ties, snippets=snippets)


def _network_json(G: nx.DiGraph, membership: dict[str, int], pagerank: dict[str, float], days_of, weights_of, fact_index,
                  *, max_ties: int = NETWORK_TIES, snippets: int = 3) -> dict:
    """:func:`network_of` given ``days_of(u, v)`` (the days of a tie's dated facts),
    ``weights_of(pairs)`` (signed weight of each fact of each tie, by key) and
    ``fact_index(keys)`` (facts by key)."""
    ranked = sorted(pagerank, key=lambda v: (-pagerank[v], v))
    rank = {v: i + 1 for i, v in enumerate(ranked)}
    nodes = [{"id": v, "name": G.nodes[v].get("name", v), "bloc": membership.get(v), "pagerank": _r(pagerank.get(v, 0.0)),
              "rank": rank.get(v)} for v in sorted(G.nodes())]
    # weights equal to 9 decimals are equal (a store sums in another order), then by ids
    edges = sorted(G.edges(data=True), key=lambda e: (-round(abs(e[2]["weight"]), 9), e[0], e[1]))[:max_ties]
    weights = weights_of([(u, v) for u, v, _ in edges])
    shown = {(u, v): sorted(weights[(u, v)], key=lambda k: (-round(abs(weights[(u, v)][k]), 9), k))[:snippets] for u, v, _ in edges}
    facts = fact_index(k for keys in shown.values() for k in keys)
    ties = []
    for u, v, d in edges:
        items = []
        for k in shown[(u, v)]:
            fact = facts.get(k)
            if fact is not None:
                items.append({"date": fact.date, "subject": fact.subject.name, "relation": fact.relation.value,
                              "object": fact.object.name, "sentence": (fact.sentence or "")[:240]})
        ties.append({"source": u, "target": v, "weight": _r(d["weight"]), "class": "cooperative" if d["weight"] > 0 else "conflictual",
                     "count": d["facts"], "dates": sorted(days_of(u, v)), "facts": items})
    return {"nodes": nodes, "ties": ties}


def _article_json(article: Article | None, article_id: str | None) -> dict | None:
    if article is None:
        return {"id": article_id} if article_id else None
    return {"id": article.id, "title": article.title, "date": article.date, "source": article.source, "url": article.url}


def _evidence_item(key: str, weight: float, row, fact: Fact | None, articles: dict[str, Article]) -> dict:
    """One fact as evidence: what, when, where from (article, sentence, source)."""
    if fact is not None:
        return {
            "key": key,
            "weight": _r(weight),
            "date": fact.date,
            "subject": {"id": fact.subject.id, "name": fact.subject.name, "kind": fact.subject.kind.value},
            "relation": fact.relation.value,
            "object": {"id": fact.object.id, "name": fact.object.name, "kind": fact.object.kind.value},
            "confidence": _r(fact.confidence),
            "sentence": fact.sentence,
            "sentenceIndex": fact.sentence_index,
            "article": _article_json(articles.get(fact.article_id or ""), fact.article_id),
            "reportedBy": fact.reported_by,
            "cameo": fact.cameo,
            "sourceUrl": fact.source_url,
            "eventId": fact.event_id,
            "extractor": fact.extractor,
        }
    date = row["date"]
    return {
        "key": key,
        "weight": _r(weight),
        "date": None if pd.isna(date) else pd.Timestamp(date).date().isoformat(),
        "subject": {"id": row["subject"]},
        "relation": str(row["relation"]),
        "object": {"id": row["object"]},
        "confidence": _r(row["confidence"]),
    }


def _ties_with_evidence(G: nx.DiGraph, inp: ReportInput | StoreTies, options: AnalysisOptions, n_ties: int,
                        n_evidence: int) -> list[dict]:
    """The ``n_ties`` strongest cooperative ties (net weight > 0, strongest first), then the
    ``n_ties`` strongest conflictual ones (net < 0, most negative first), each with its
    ``class`` and the ``n_evidence`` facts of greatest weight behind it: cooperative ties
    drive the ranking, conflictual ones the blocs, so both are shown. Weights equal to 9
    decimals are equal (sums of the same facts in another order differ in the last bits),
    then ties go by ids."""
    cooperative = sorted(((u, v, d) for u, v, d in G.edges(data=True) if d["weight"] > 0),
                         key=lambda e: (-round(e[2]["weight"], 9), e[0], e[1]))
    conflictual = sorted(((u, v, d) for u, v, d in G.edges(data=True) if d["weight"] < 0),
                         key=lambda e: (round(e[2]["weight"], 9), e[0], e[1]))
    return _evidence_of(cooperative, G, inp, options, n_ties, n_evidence, "cooperative") + \
        _evidence_of(conflictual, G, inp, options, n_ties, n_evidence, "conflictual")


def _evidence_of(ranked: list, G: nx.DiGraph, inp: ReportInput | StoreTies, options: AnalysisOptions, n_ties: int,
                 n_evidence: int, cls: str) -> list[dict]:
    edges, mutual = [], set()
    weights: dict[tuple[str, str], dict[str, float]] = {}
    for u, v, d in ranked:
        if len(edges) == n_ties:
            break
        if (v, u) in mutual:
            continue
        pairs = [(u, v)] + ([(v, u)] if G.has_edge(v, u) else [])
        weights.update(inp.tie_weights(G, options, [p for p in pairs if p not in weights]))
        if (v, u) in weights and sorted(weights[(v, u)]) == sorted(weights[(u, v)]):
            mutual.add((u, v))  # only symmetric facts: one tie both ways, listed once
        edges.append((u, v, d))
    chosen = {}
    for u, v, d in edges:
        weight_of = weights[(u, v)]
        chosen[(u, v)] = sorted(weight_of, key=lambda k: (-abs(weight_of[k]), k))[:n_evidence]
    facts, row_of, articles = inp.evidence(sorted({k for ks in chosen.values() for k in ks}))
    out = []
    for u, v, d in edges:
        out.append(
            {
                "class": cls,
                "source": u,
                "sourceName": G.nodes[u].get("name", u),
                "target": v,
                "targetName": G.nodes[v].get("name", v),
                "mutual": (u, v) in mutual,
                "weight": _r(d["weight"]),
                "positive": _r(d["positive"]),
                "negative": _r(d["negative"]),
                "facts": d["facts"],
                "factKeys": sorted(weights[(u, v)]),
                "evidence": [_evidence_item(k, weights[(u, v)][k], row_of.get(k), facts.get(k), articles)
                             for k in chosen[(u, v)]],
            }
        )
    return out


def _bloc_list(bres, names: dict, pagerank: dict | None = None) -> list[dict]:
    out = []
    for i, members in enumerate(bres.blocs):
        ordered = sorted(members, key=lambda v: (-(pagerank or {}).get(v, 0.0), v))
        out.append(
            {
                "bloc": i + 1,
                "size": len(members),
                "members": [{"id": v, "name": names.get(v, v)} for v in ordered],
            }
        )
    return out


#: Said instead of an empty brokers table.
NO_BROKER = "no broker: no state has cooperative ties into more than one bloc"


def _broker_rows(rows, top) -> list[dict]:
    """The ``top`` brokers: states whose cooperative ties reach more than one bloc
    (participation > 0); a state with every tie in its own bloc is no broker, so it is not
    listed (when none is left, reports say :data:`NO_BROKER`)."""
    out = []
    for r in [r for r in rows if r.participation > 0][:top]:
        d = r.to_json()
        d["bloc"] = r.bloc + 1
        for k in ("participation", "outsideShare", "strength"):
            d[k] = _r(d[k])
        out.append(d)
    return out


def _brokers_json(G, bres, top) -> dict:
    rows = _broker_rows(compute_brokers(G, bres), top)
    return {"brokers": rows, "brokersNote": None if rows else NO_BROKER}


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
    inp = _as_ties(source, options)
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
        d = {**{k: d[k] for k in ("rank", "id", "name")}, "bloc": membership.get(r.id), "community": community.get(r.id),
             **{k: (_r(v) if isinstance(v, float) else v) for k, v in d.items() if k not in ("rank", "id", "name")}}
        rows.append(d)
    sample, by_node = inp.sample(options)
    for d in rows:
        d["sources"] = by_node.get(d["id"], (0, 0))[1]
    data = {
        "report": "centrality",
        "schemaVersion": SCHEMA_VERSION,
        "parameters": _parameters(options, G.graph.get("referenceDate"), top, seed),
        "origin": inp.origin,
        "summary": _summary(inp, G),
        "sample": sample,
        "warnings": thin_sample_warnings(rows, by_node),
        "states": rows,
        "blocs": _bloc_list(bres, names, pagerank),
        "frustration": _r(bres.frustration),
        "frustrationShare": _r(bres.frustration_share),
        "balance": structural_balance(G).to_json(),
        **_brokers_json(G, bres, top),
        "ties": _ties_with_evidence(G, inp, options, ties, evidence),
        "method": {"centrality": cres.method, "blocs": bres.method},
    }
    data["network"] = inp.network(G, options, membership, pagerank)
    strongest = data["ties"][0] if data["ties"] else None
    data["timeline"] = inp.timeline(G, options, None if strongest is None else
                                    (strongest["source"], strongest["target"], strongest["sourceName"], strongest["targetName"]))
    if data["balance"]["share"] is not None:
        data["balance"]["share"] = _r(data["balance"]["share"])
    return Report(data, G, membership, pagerank)


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
    inp = _as_ties(source, options)
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
    bl = _bloc_list(bres, names, pagerank)
    for i, b in enumerate(bl):
        b["internalPositive"] = _r(pos[i, i])
        b["internalNegative"] = _r(neg[i, i])
    between = [
        {"from": i + 1, "to": j + 1, "positive": _r(pos[i, j]), "negative": _r(neg[i, j])}
        for i in range(k)
        for j in range(k)
        if i != j and (pos[i, j] or neg[i, j])
    ]
    bal = structural_balance(G).to_json()
    bal["share"] = _r(bal["share"])
    data = {
        "report": "blocs",
        "schemaVersion": SCHEMA_VERSION,
        "parameters": _parameters(options, G.graph.get("referenceDate"), top, seed),
        "origin": inp.origin,
        "summary": _summary(inp, G),
        "blocs": bl,
        "betweenBlocs": between,
        "frustration": _r(bres.frustration),
        "frustrationShare": _r(bres.frustration_share),
        "communities": [[{"id": v, "name": names.get(v, v)} for v in c] for c in bres.communities],
        "modularity": _r(bres.modularity),
        "balance": bal,
        **_brokers_json(G, bres, top),
        "method": bres.method,
    }
    membership = {v: b + 1 for v, b in member.items()}
    return Report(data, G, membership, pagerank)


def _resolve_actor(name: str, inp: ReportInput) -> tuple[str, Actor | None]:
    """Actor id for a name: an id, a canonical name, an alias or a slug (case-insensitive)."""
    wanted = name.strip()
    low = wanted.lower()
    candidates = dict(inp.actors)
    for node, nm in inp.frame.attrs.get("names", {}).items():
        candidates.setdefault(node, Actor(node, ActorKind.STATE, nm))
    if wanted in candidates:
        return wanted, candidates[wanted]
    for test in (
        lambda a: a.id.lower() == low,
        lambda a: a.name.lower() == low,
        lambda a: any(al.lower() == low for al in a.aliases),
        lambda a: slugify(a.name) == slugify(wanted),
    ):
        found = sorted(a.id for a in candidates.values() if test(a))
        if len(found) == 1:
            return found[0], candidates[found[0]]
        if len(found) > 1:
            raise ReportError(f"{name!r} is ambiguous: {', '.join(found[:8])}; give an id")
    raise ReportError(f"no actor matches {name!r} (give an id, e.g. RUS, or a name as stored)")


def _unmapped_reason(row, inp: ReportInput) -> str:
    """Why a fact with an end that maps to no node does not count, in words."""
    why = row.get("unmapped")
    ends = [inp.actors.get(row[end]) for end in ("subject", "object")]
    if why == "leaderNotForState":
        for actor in ends:
            if actor is not None and actor.kind is ActorKind.LEADER and actor.id in inp.frame.attrs.get("notForState", ()):
                role = f" ({actor.role})" if actor.role else ""
                return f"{actor.name}{role} does not act for {actor.country}"
        return "a leader who does not act for the state"
    if why == "organization":
        for actor in ends:
            if actor is not None and actor.kind is ActorKind.ORGANIZATION:
                return f"{actor.name} is an organisation: use --organizations to count it"
        return "an organisation: use --organizations to count it"
    for actor in ends:
        if actor is not None and actor.kind in (ActorKind.LEADER, ActorKind.FIRM) and not actor.country:
            return f"{actor.name} has no known state"
    return "an end has no known state"


def actor_report(
    source,
    name: str,
    options: AnalysisOptions | None = None,
    *,
    seed: int = 0,
) -> Report:
    """Every fact behind one actor's numbers.

    For a state, lists every fact whose mapped end is that state, with its signed weight,
    and the facts naming it that do not count, with the reason; ``totals`` sums the counted
    weights and equals the state's degrees in ``numbers``. For a leader or firm, lists its
    own facts (``scope`` ``"own"``): they count for its state (``countsFor``), ``totals``
    sums them alone and ``numbers`` are the state's (all of its facts). An organisation
    counts only with ``organizations``; otherwise its facts are listed as not counted.

    Raises
    ------
    ReportError
        If no actor, or more than one, matches ``name``.
    """
    options = options or AnalysisOptions()
    inp = _as_input(source, options)
    actor_id, actor = _resolve_actor(name, inp)
    G = state_graph(inp.frame, options)
    wf = weighted_facts(inp.frame, options)
    kind = actor.kind if actor is not None else ActorKind.STATE
    is_node = kind is ActorKind.STATE or (kind is ActorKind.ORGANIZATION and options.organizations)
    if is_node:
        node = actor_id
    elif kind is ActorKind.ORGANIZATION:
        node = None
    elif actor_id in inp.frame.attrs.get("notForState", ()):
        node = None  # an opposition leader, rebel or claimant: their facts are not the state's
    else:
        node = actor.country
    frame = inp.frame
    # a state's (or kept organisation's) report lists every fact of its node; a leader's or
    # firm's lists its own facts, which count for its state
    mask = (frame["subject"] == actor_id) | (frame["object"] == actor_id)
    if is_node:
        mask |= (frame["source"] == node) | (frame["target"] == node)
    rows = frame[mask]
    counted = wf["weight"]
    sign = {r.value: s.sign for r, s in RELATIONS.items()}
    facts_by_key = inp.fact_index(rows["key"].tolist())
    totals = {"cooperativeOut": 0.0, "cooperativeIn": 0.0, "conflictualOut": 0.0, "conflictualIn": 0.0}
    items = []
    for idx, row in zip(rows.index.tolist(), rows.to_dict("records")):
        fct = facts_by_key.get(row["key"])
        item = _evidence_item(row["key"], counted.get(idx, 0.0), row, fct, inp.articles)
        item["countsAs"] = {"source": row["source"], "target": row["target"]}
        if idx in counted.index and node is not None and node in (row["source"], row["target"]):
            w = float(counted[idx])
            sym = bool(wf.at[idx, "symmetric"])
            item["counted"] = True
            outgoing = row["source"] == node or sym
            incoming = row["target"] == node or sym
            item["direction"] = "both" if (outgoing and incoming) else ("out" if outgoing else "in")
            side = "cooperative" if w > 0 else "conflictual"
            if outgoing:
                totals[side + "Out"] += abs(w)
            if incoming:
                totals[side + "In"] += abs(w)
        else:
            item["counted"] = False
            item["weight"] = None
            rel = str(row["relation"])
            if sign.get(rel, 0) == 0:
                item["reason"] = f"{rel} is not a signed tie"
            elif pd.isna(row["source"]) or pd.isna(row["target"]):
                item["reason"] = _unmapped_reason(row, inp)
            elif row["source"] == row["target"]:
                item["reason"] = "self-loop"
            elif idx in wf.attrs.get("duplicateOf", {}):
                what = "duplicate mention in the same article" if pd.notna(row.get("article")) else \
                    f"another coding of one event ({EVENT_RULE_TEXT[options.event_rule]})"
                item["reason"] = f"{what} (counted as {wf.attrs['duplicateOf'][idx][:12]})"
            elif options.half_life_days is not None and pd.isna(row["date"]):
                item["reason"] = "undated (half-life given)"
            else:
                item["reason"] = "outside the window"
        items.append(item)
    items.sort(key=lambda it: (not it["counted"], it["date"] or "", it["key"]))
    numbers = None
    if node is not None and node in G:
        cres = compute_centrality(G, seed=seed)
        bres = compute_blocs(G, seed=seed)
        row = cres.by_id()[node].to_json()
        numbers = {k: (_r(v) if isinstance(v, float) else v) for k, v in row.items()}
        numbers["bloc"] = bres.membership[node] + 1
        numbers["blocMembers"] = bres.blocs[bres.membership[node]]
    data = {
        "report": "actor",
        "schemaVersion": SCHEMA_VERSION,
        "parameters": _parameters(options, G.graph.get("referenceDate"), None, seed),
        "origin": inp.origin,
        "summary": _summary(inp, G),
        "actor": {
            "id": actor_id,
            "name": actor.name if actor else actor_id,
            "kind": kind.value,
            "country": actor.country if actor else None,
            "aliases": list(actor.aliases) if actor else [],
        },
        "countsFor": node,
        "scope": "node" if is_node else "own",
        "numbers": numbers,
        "totals": {k: _r(v) for k, v in totals.items()},
        "factsCounted": sum(1 for it in items if it["counted"]),
        "facts": items,
    }
    return Report(data, G)


def _split_range(frame: pd.DataFrame, since, until) -> tuple[tuple, tuple]:
    """Two windows with half the dated facts that count each: split after the median date.

    The facts are those that count as ties in ``[since, until]`` (:func:`weighted_facts`,
    dated ones only). Window a runs from the first date to the cut date ``c``, window b from
    the next day to the last date; ``c`` is the date among them that leaves the two sides
    closest to equal in number of facts (facts on one day stay together; on a tie, the
    earlier date). So it is the median fact date, not the middle of the date range.

    Raises
    ------
    ReportError
        If no counted fact is dated, or all fall on one day.
    """
    wf = weighted_facts(frame, AnalysisOptions(since=since, until=until))
    d = wf["date"].dropna().dt.normalize()
    if d.empty:
        raise ReportError("no dated facts to compare: give --window-a and --window-b")
    days, counts = np.unique(d.to_numpy(), return_counts=True)
    if len(days) == 1:
        day = pd.Timestamp(days[0]).date().isoformat()
        raise ReportError(f"all dated facts fall on {day}: give --window-a and --window-b")
    before = np.cumsum(counts)[:-1]  # facts up to each candidate cut (the last day is no cut)
    cut = int(np.argmin(np.abs(2 * before - len(d))))
    lo, mid, hi = (pd.Timestamp(days[i]) for i in (0, cut, len(days) - 1))
    a = (lo.date().isoformat(), mid.date().isoformat())
    b = ((mid + pd.Timedelta(days=1)).date().isoformat(), hi.date().isoformat())
    return a, b


def changes_report(
    source,
    options: AnalysisOptions | None = None,
    *,
    window_a: tuple[str | None, str | None] | None = None,
    window_b: tuple[str | None, str | None] | None = None,
    top: int = 10,
    seed: int = 0,
) -> Report:
    """Who rose and who fell between two windows.

    ``options`` as in :func:`centrality_report` (its ``reference_date`` is not used: decay
    counts from each window's newest fact). Without windows, the dated facts that count in
    ``[options.since, options.until]`` are split at their
    median date (half on each side, as near as whole days allow): window a is the earlier
    half, b the later (see :func:`_split_range`).

    Raises
    ------
    ReportError
        If no window is given and no fact is dated.
    """
    options = options or AnalysisOptions()
    inp = _as_input(source, options)
    if window_a is None or window_b is None:
        window_a, window_b = _split_range(inp.frame, options.since, options.until)
    res = compute_changes(inp.frame, window_a, window_b, options, seed=seed)
    graphs = [state_graph(inp.frame, replace(options, since=w[0], until=w[1], reference_date=None)) for w in (window_a, window_b)]
    sizes = [max(g.number_of_nodes(), 1) for g in graphs]
    rows = []
    for r in res.rows:
        d = r.to_json()
        d["scoreA"] = d["pagerankA"] * sizes[0] if d["rankA"] is not None else None
        d["scoreB"] = d["pagerankB"] * sizes[1] if d["rankB"] is not None else None
        d["scoreChange"] = d["scoreB"] - d["scoreA"] if d["rankChange"] is not None else None
        rows.append({k: (_r(v) if isinstance(v, float) else v) for k, v in d.items()})
    both = [r for r in rows if r["rankChange"] is not None]
    rose = sorted((r for r in both if r["rankChange"] > 0), key=lambda r: (-r["rankChange"], -r["scoreChange"], r["id"]))[:top]
    fell = sorted((r for r in both if r["rankChange"] < 0), key=lambda r: (r["rankChange"], r["scoreChange"], r["id"]))[:top]
    entered = sorted((r for r in rows if r["rankA"] is None), key=lambda r: (r["rankB"], r["id"]))[:top]
    left = sorted((r for r in rows if r["rankB"] is None), key=lambda r: (r["rankA"], r["id"]))[:top]
    G = graphs[1]

    def window(w, g: nx.DiGraph) -> dict:
        return {"since": w[0], "until": w[1], "facts": int(g.graph.get("facts", 0)), "states": g.number_of_nodes(),
                "ties": g.number_of_edges()}

    data = {
        "report": "changes",
        "schemaVersion": SCHEMA_VERSION,
        "parameters": _parameters(options, None, top, seed),
        "origin": inp.origin,
        "summary": _summary(inp, state_graph(inp.frame, AnalysisOptions(since=options.since, until=options.until))),
        "windowA": window(window_a, graphs[0]),
        "windowB": window(window_b, graphs[1]),
        "rose": rose,
        "fell": fell,
        "entered": entered,
        "left": left,
        "rows": rows,
        "method": "rose/fell by rank among the states present in both windows (ties of rank broken by score); "
                  "score = PageRank x number of states in the window (1 = an average state), comparable across windows",
    }
    return Report(data, G)
