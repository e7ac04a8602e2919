"""The parts of the JSON form that several reports share: parameters and summary, what a
report rests on (sample, thin-sample warnings), the timeline, the interactive network, the
strongest ties with their evidence, blocs and brokers. Numbers are rounded by
:func:`round6`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from diplograph.graph.analysis import AnalysisOptions
from diplograph.graph.analysis import brokers as compute_brokers
from diplograph.graph.analysis.centrality import pagerank_ranks
from diplograph.graph.analysis.events import EVENT_RULE_TEXT, EVENT_WEIGHT_TEXT
from diplograph.graph.model.records import Article, Fact
from diplograph.graph.model.ties import url_host
from diplograph.graph.model.vocabulary import ActorKind
from diplograph.graph.model.wording import counted
from diplograph.graph.reports.report import SCHEMA_VERSION

if TYPE_CHECKING:
    from diplograph.graph.reports.inputs import ReportInput, StoreTies


def round6(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return round(x, 6) if np.isfinite(x) else None


def rounded(row: dict) -> dict:
    """``row`` with its float values rounded by :func:`round6` (other values as they are)."""
    return {k: (round6(v) if isinstance(v, float) else v) for k, v in row.items()}


def parameters_json(options: AnalysisOptions, reference, top, seed) -> dict:
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


def report_head(kind: str, inp: ReportInput | StoreTies, G: nx.DiGraph, options: AnalysisOptions, reference, top, seed) -> dict:
    """The keys every report's JSON opens with: ``report`` (``kind``), ``schemaVersion``,
    ``parameters`` (:func:`parameters_json`), ``origin`` and ``summary`` (:func:`summary_json` of ``G``)."""
    return {
        "report": kind,
        "schemaVersion": SCHEMA_VERSION,
        "parameters": parameters_json(options, reference, top, seed),
        "origin": inp.origin,
        "summary": summary_json(inp, G, options),
    }


def summary_json(inp: ReportInput | StoreTies, G: nx.DiGraph, options: AnalysisOptions) -> dict:
    """The ``summary`` of a report: facts read and used, left out by reason (the graph's
    ``excluded``, and ``undatedOutOfWindow``: the store's undated facts a window did not
    read), nodes, ties and the first and last dates of the facts counted (by ``options``)."""
    facts, first, last = inp.counts(options)
    excluded = dict(G.graph.get("excluded", {}))
    if inp.undated_left_out:
        excluded["undatedOutOfWindow"] = int(inp.undated_left_out)
    return {
        "facts": int(facts),
        "factsUsed": int(G.graph.get("facts", 0)),
        "excluded": excluded,
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


def source_of(article_id, origin, inp: ReportInput) -> str | None:
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
        :func:`source_of`), ``days`` (distinct dates), ``eventRule`` and its words
        ``eventRuleText``. ``by_node``: node -> (counted facts touching it, distinct sources).
    """
    sources = [source_of(a, o, inp) for a, o in zip(wf["article"].tolist(), wf["origin"].tolist())] if len(wf) else []
    days = wf["date"].dropna().dt.normalize().nunique() if len(wf) else 0
    outlets_of: dict[str, set] = {}
    facts_of: dict[str, int] = {}
    for s_node, t_node, src in zip(wf["source"].tolist(), wf["target"].tolist(), sources):
        for node in (s_node, t_node):
            facts_of[node] = facts_of.get(node, 0) + 1
            if src is not None:
                outlets_of.setdefault(node, set()).add(src)
    by_node = {node: (n, len(outlets_of.get(node, ()))) for node, n in facts_of.items()}
    sample = sample_json(len(wf), wf["article"].dropna().nunique(), wf["article"].isna().sum(),
                          len({o for o in sources if o is not None}), days, options)
    return sample, by_node


def sample_json(facts: int, articles: int, coded_events: int, sources: int, days: int, options: AnalysisOptions) -> dict:
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
            out.append(f"{r['name']} ({r['id']}): {where} rests on {counted(facts, 'fact')} "
                       f"from {counted(sources, 'source')}")
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
    return timeline_json(dated["date"], (weight > 0).astype(np.int64), (weight < 0).astype(np.int64), net, len(wf) - len(dated), tie)


def timeline_json(dates: pd.Series, cooperative, conflictual, net, undated: int, tie: tuple[str, str, str, str] | None) -> dict:
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
        out["tie"] = {"source": tie[0], "target": tie[1], "sourceName": tie[2], "targetName": tie[3], "net": [round6(w) for w in by_month]}
    return out


#: Most ties drawn in the interactive network of the HTML report (the strongest by |net weight|).
NETWORK_TIES = 400


def network_of(G: nx.DiGraph, inp: ReportInput, options: AnalysisOptions, membership: dict[str, int],
               pagerank: dict[str, float], *, max_ties: int = NETWORK_TIES, snippets: int = 3) -> dict:
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
    wf = inp.weighted(options)
    day = {k: (None if pd.isna(d) else pd.Timestamp(d).date().isoformat()) for k, d in zip(wf["key"].tolist(), wf["date"].tolist())}
    return network_json(G, membership, pagerank, lambda u, v: {day[k] for k in G[u][v]["factKeys"] if day.get(k)},
                         lambda pairs: inp.tie_weights(G, options, pairs), inp.fact_index, max_ties=max_ties, snippets=snippets)


def network_json(G: nx.DiGraph, membership: dict[str, int], pagerank: dict[str, float], days_of, weights_of, fact_index,
                  *, max_ties: int = NETWORK_TIES, snippets: int = 3) -> dict:
    """:func:`network_of` given ``days_of(u, v)`` (the days of a tie's dated facts),
    ``weights_of(pairs)`` (signed weight of each fact of each tie, by key) and
    ``fact_index(keys)`` (facts by key)."""
    rank = pagerank_ranks(pagerank)
    nodes = [{"id": v, "name": G.nodes[v].get("name", v), "bloc": membership.get(v), "pagerank": round6(pagerank.get(v, 0.0)),
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
        ties.append({"source": u, "target": v, "weight": round6(d["weight"]), "class": "cooperative" if d["weight"] > 0 else "conflictual",
                     "count": d["facts"], "dates": sorted(days_of(u, v)), "facts": items})
    return {"nodes": nodes, "ties": ties}


def article_json(article: Article | None, article_id: str | None) -> dict | None:
    if article is None:
        return {"id": article_id} if article_id else None
    return {"id": article.id, "title": article.title, "date": article.date, "source": article.source, "url": article.url}


def evidence_item(key: str, weight: float, row, fact: Fact | None, articles: dict[str, Article]) -> dict:
    """One fact as evidence: what, when, where from (article, sentence, source)."""
    if fact is not None:
        return {
            "key": key,
            "weight": round6(weight),
            "date": fact.date,
            "subject": {"id": fact.subject.id, "name": fact.subject.name, "kind": fact.subject.kind.value},
            "relation": fact.relation.value,
            "object": {"id": fact.object.id, "name": fact.object.name, "kind": fact.object.kind.value},
            "confidence": round6(fact.confidence),
            "sentence": fact.sentence,
            "sentenceIndex": fact.sentence_index,
            "article": article_json(articles.get(fact.article_id or ""), fact.article_id),
            "reportedBy": fact.reported_by,
            "cameo": fact.cameo,
            "sourceUrl": fact.source_url,
            "eventId": fact.event_id,
            "extractor": fact.extractor,
        }
    date = row["date"]
    return {
        "key": key,
        "weight": round6(weight),
        "date": None if pd.isna(date) else pd.Timestamp(date).date().isoformat(),
        "subject": {"id": row["subject"]},
        "relation": str(row["relation"]),
        "object": {"id": row["object"]},
        "confidence": round6(row["confidence"]),
    }


def evidence_items(inp: ReportInput | StoreTies, groups: list[list[tuple[str, float]]]) -> list[list[dict]]:
    """Facts as evidence (:func:`evidence_item`), group by group: ``groups`` holds lists of
    ``(fact key, signed weight)``; the facts, frame rows and articles of all of them are
    read in one call of ``inp.evidence``."""
    facts, row_of, articles = inp.evidence(sorted({k for group in groups for k, _ in group}))
    return [[evidence_item(k, w, row_of.get(k), facts.get(k), articles) for k, w in group] for group in groups]


def ties_with_evidence(G: nx.DiGraph, inp: ReportInput | StoreTies, options: AnalysisOptions, n_ties: int,
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
    items = evidence_items(inp, [[(k, weights[(u, v)][k]) for k in chosen[(u, v)]] for u, v, _ in edges])
    out = []
    for (u, v, d), evidence in zip(edges, items):
        out.append(
            {
                "class": cls,
                "source": u,
                "sourceName": G.nodes[u].get("name", u),
                "target": v,
                "targetName": G.nodes[v].get("name", v),
                "mutual": (u, v) in mutual,
                "weight": round6(d["weight"]),
                "positive": round6(d["positive"]),
                "negative": round6(d["negative"]),
                "facts": d["facts"],
                "factKeys": sorted(weights[(u, v)]),
                "evidence": evidence,
            }
        )
    return out


def bloc_list(bres, names: dict, pagerank: dict | None = None) -> list[dict]:
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


def broker_rows(rows, top) -> list[dict]:
    """The ``top`` brokers: states whose cooperative ties reach more than one bloc
    (participation > 0); a state with every tie in its own bloc is no broker, so it is not
    listed (when none is left, reports say :data:`NO_BROKER`)."""
    out = []
    for r in [r for r in rows if r.participation > 0][:top]:
        d = r.to_json()
        d["bloc"] = r.bloc + 1
        for k in ("participation", "outsideShare", "strength"):
            d[k] = round6(d[k])
        out.append(d)
    return out


def brokers_json(G, bres, top) -> dict:
    rows = broker_rows(compute_brokers(G, bres), top)
    return {"brokers": rows, "brokersNote": None if rows else NO_BROKER}

