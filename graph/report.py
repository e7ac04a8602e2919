"""Reports on the state graph: centrality ranking with blocs, blocs, one actor, changes.

A report is built from a :class:`~diplograph.graph.store.GraphStore`, an iterable of facts or
a fact frame (:func:`~diplograph.graph.analysis.fact_frame`) into a :class:`Report`: a JSON-able
``data`` dict (the stable, documented form; see :data:`JSON_SCHEMA_DOC`) plus the graph it
came from. Renderers turn it into a rich table, Markdown, CSV, JSON or one self-contained
HTML file (inline CSS and SVG; nothing is fetched). Every number can be traced: each tie in
a report lists the keys of its facts, and ``actor`` reports list every fact behind an actor's
numbers with its weight.

JSON form (``schemaVersion`` 1)
-------------------------------
Every report has ``report`` (``centrality``, ``blocs``, ``actor``, ``changes``),
``schemaVersion``, ``parameters`` (``since``, ``until``, ``halfLifeDays``, ``referenceDate``,
``top``, ``seed``, ``organizations``) and ``summary`` (``facts`` read, ``factsUsed``,
``excluded`` by reason (:data:`~diplograph.graph.analysis.UNMAPPED_REASONS` and ``neutral``,
``selfLoop``, ``outOfWindow``, ``undated``, ``duplicateMention``), ``nodes``, of which
``states`` and ``organizations``, ``ties``, ``firstDate``, ``lastDate``). Then:

- ``centrality``: ``states`` (rows: ``rank``, ``id``, ``name``, ``bloc``, ``community``,
  ``pagerank``, ``eigenvector`` (null outside the largest connected component of the
  cooperative graph: ``method.centrality.eigenvector.componentNodes`` says its size),
  ``betweenness``, ``cooperativeOut``, ``cooperativeIn``,
  ``conflictualOut``, ``conflictualIn``, ``facts``), ``blocs`` (``bloc``, ``size``,
  ``members``), ``balance``, ``brokers`` (states with cooperative ties into more than one
  bloc, by participation; ``brokersNote`` says why the list is empty, else null), ``ties`` (strongest ties by |net weight|, each
  with ``source``, ``target``, ``weight``, ``positive``, ``negative``, ``facts``,
  ``factKeys`` and ``evidence``: the strongest facts with their article and sentence),
  ``method``.
- ``blocs``: ``blocs`` (with members, internal positive and negative weight),
  ``frustration``, ``frustrationShare``, ``communities``, ``modularity``, ``balance``,
  ``brokers``, ``method``.
- ``actor``: ``actor`` (id, name, kind, country), ``countsFor`` (the node its facts count
  for), ``scope`` (``node``: every fact of a state's node; ``own``: a leader's or firm's
  own facts), ``numbers`` (the centrality row of ``countsFor``, or null), ``totals`` (sums
  of the weights of the facts listed; equal to the numbers' degrees when ``scope`` is
  ``node``), ``facts`` (``counted`` weight or the ``reason`` it does not count).
- ``changes``: ``windowA``, ``windowB``, ``rows`` (ranks and PageRank in each window),
  ``rose`` and ``fell`` (the ``top`` largest moves).

Bloc numbers are 1-based, largest bloc first. Floats are rounded to 6 decimals.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from .analysis import (
    blocs as compute_blocs,
    brokers as compute_brokers,
    centrality as compute_centrality,
    changes as compute_changes,
    fact_frame,
    state_graph,
    structural_balance,
    weighted_facts,
)
from .errors import DiplographError
from .model import Actor, Article, Fact, slugify
from .store import GraphStore
from .vocabulary import RELATIONS, ActorKind

__all__ = [
    "SCHEMA_VERSION",
    "FORMATS",
    "ReportError",
    "ReportInput",
    "Report",
    "collect",
    "centrality_report",
    "blocs_report",
    "actor_report",
    "changes_report",
    "render",
    "plot_network",
    "write_plot",
    "export_graph",
]

SCHEMA_VERSION = 1
FORMATS = ("table", "markdown", "html", "json", "csv")
EXPORT_FORMATS = ("graphml", "gexf", "csv", "json")


class ReportError(DiplographError):
    """A report cannot be made as asked (unknown actor, bad window, unknown format)."""


# ----------------------------------------------------------------------------- input


@dataclass(slots=True)
class ReportInput:
    """What a report reads: the fact frame, the facts themselves when available (for evidence),
    and the articles and actors of the store (for provenance and names)."""

    frame: pd.DataFrame
    facts: list[Fact] | None = None
    articles: dict[str, Article] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    origin: str = "facts"

    def fact_index(self, keys: Iterable[str]) -> dict[str, Fact]:
        """Facts by key, for the keys asked only (one pass over the facts)."""
        wanted = set(keys)
        if not self.facts or not wanted:
            return {}
        return {f.key: f for f in self.facts if f.key in wanted}


def collect(
    source: GraphStore | Iterable[Fact] | pd.DataFrame,
    *,
    since: str | None = None,
    until: str | None = None,
    organizations: bool = False,
) -> ReportInput:
    """Read what a report needs from a store, a fact iterable or a fact frame.

    A store is asked for the facts in ``[since, until]`` only, and for its articles (titles,
    sources, URLs: the provenance shown next to the evidence) and actors (names).
    """
    if isinstance(source, pd.DataFrame):
        return ReportInput(frame=source, origin="fact frame")
    articles: dict[str, Article] = {}
    actors: dict[str, Actor] = {}
    if isinstance(source, GraphStore):
        facts = list(source.iter_facts(since=since, until=until))
        articles = {a.id: a for a in source.iter_articles()}
        actors = {a.id: a for a in source.iter_actors()}
        origin = f"{source.name} store"
    else:
        facts = list(source)
        origin = "facts"
        for fct in facts:
            actors.setdefault(fct.subject.id, fct.subject)
            actors.setdefault(fct.object.id, fct.object)
    frame = fact_frame(facts, organizations=organizations)
    names = frame.attrs.setdefault("names", {})
    for node in list(names):
        actor = actors.get(node)
        if actor is not None and actor.kind is ActorKind.STATE and names[node] == node:
            names[node] = actor.name
    return ReportInput(frame=frame, facts=facts, articles=articles, actors=actors, origin=origin)


def _as_input(source, since, until, organizations) -> ReportInput:
    return source if isinstance(source, ReportInput) else collect(source, since=since, until=until, organizations=organizations)


# ----------------------------------------------------------------------------- reports


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


def _parameters(since, until, half_life_days, reference, top, seed, organizations) -> dict:
    return {
        "since": since,
        "until": until,
        "halfLifeDays": half_life_days,
        "referenceDate": reference,
        "top": top,
        "seed": seed,
        "organizations": organizations,
    }


def _summary(inp: ReportInput, G: nx.DiGraph) -> dict:
    dates = inp.frame["date"]
    used = dates.notna()
    return {
        "facts": int(len(inp.frame)),
        "factsUsed": int(G.graph.get("facts", 0)),
        "excluded": dict(G.graph.get("excluded", {})),
        "nodes": G.number_of_nodes(),
        "states": sum(1 for _, k in G.nodes(data="kind") if k == ActorKind.STATE.value),
        "organizations": sum(1 for _, k in G.nodes(data="kind") if k == ActorKind.ORGANIZATION.value),
        "ties": G.number_of_edges(),
        "cooperativeTies": sum(1 for *_, w in G.edges(data="weight") if w > 0),
        "conflictualTies": sum(1 for *_, w in G.edges(data="weight") if w < 0),
        "firstDate": dates[used].min().date().isoformat() if used.any() else None,
        "lastDate": dates[used].max().date().isoformat() if used.any() else None,
    }


def _article_json(article: Article | None, article_id: str | None) -> dict | None:
    if article is None:
        return {"id": article_id} if article_id else None
    return {"id": article.id, "title": article.title, "date": article.date, "source": article.source, "url": article.url}


def _evidence_item(key: str, weight: float, row, fact: Fact | None, inp: ReportInput) -> dict:
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
            "article": _article_json(inp.articles.get(fact.article_id or ""), fact.article_id),
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


def _ties_with_evidence(G: nx.DiGraph, inp: ReportInput, wf: pd.DataFrame, n_ties: int, n_evidence: int) -> list[dict]:
    ranked = sorted(G.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))
    edges, mutual = [], set()
    for u, v, d in ranked:
        if len(edges) == n_ties:
            break
        if (v, u) in mutual:
            continue
        back = G.get_edge_data(v, u)
        if back is not None and sorted(back["factKeys"]) == sorted(d["factKeys"]):
            mutual.add((u, v))  # only symmetric facts: one tie both ways, listed once
        edges.append((u, v, d))
    wanted = {k for _, _, d in edges for k in d["factKeys"]}
    sub = wf[wf["key"].isin(wanted)]
    weight_of = dict(zip(sub["key"].tolist(), sub["weight"].tolist()))
    row_of = {k: r for k, r in zip(sub["key"].tolist(), sub.to_dict("records"))}
    chosen = {}
    for u, v, d in edges:
        keys = sorted(d["factKeys"], key=lambda k: (-abs(weight_of.get(k, 0.0)), k))
        chosen[(u, v)] = keys[:n_evidence]
    facts = inp.fact_index(k for ks in chosen.values() for k in ks)
    out = []
    for u, v, d in edges:
        out.append(
            {
                "source": u,
                "sourceName": G.nodes[u].get("name", u),
                "target": v,
                "targetName": G.nodes[v].get("name", v),
                "mutual": (u, v) in mutual,
                "weight": _r(d["weight"]),
                "positive": _r(d["positive"]),
                "negative": _r(d["negative"]),
                "facts": d["facts"],
                "factKeys": sorted(d["factKeys"]),
                "evidence": [_evidence_item(k, weight_of.get(k, 0.0), row_of[k], facts.get(k), inp) for k in chosen[(u, v)]],
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
    *,
    top: int = 20,
    half_life_days: float | None = None,
    since: str | None = None,
    until: str | None = None,
    reference_date: str | None = None,
    seed: int = 0,
    organizations: bool = False,
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
    half_life_days, since, until, reference_date, organizations:
        See :func:`~diplograph.graph.analysis.state_graph`.
    seed:
        Seed of sampled betweenness, Louvain and the signed partition.
    ties, evidence:
        Number of strongest ties listed, and of facts shown as evidence for each.

    Returns
    -------
    Report
        ``data`` in the JSON form of this module's documentation.
    """
    inp = _as_input(source, since, until, organizations)
    kw = dict(half_life_days=half_life_days, since=since, until=until, reference_date=reference_date)
    G = state_graph(inp.frame, **kw)
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
    wf = weighted_facts(inp.frame, **kw)
    data = {
        "report": "centrality",
        "schemaVersion": SCHEMA_VERSION,
        "parameters": _parameters(since, until, half_life_days, G.graph.get("referenceDate"), top, seed, organizations),
        "origin": inp.origin,
        "summary": _summary(inp, G),
        "states": rows,
        "blocs": _bloc_list(bres, names, pagerank),
        "frustration": _r(bres.frustration),
        "frustrationShare": _r(bres.frustration_share),
        "balance": structural_balance(G).to_json(),
        **_brokers_json(G, bres, top),
        "ties": _ties_with_evidence(G, inp, wf, ties, evidence),
        "method": {"centrality": cres.method, "blocs": bres.method},
    }
    if data["balance"]["share"] is not None:
        data["balance"]["share"] = _r(data["balance"]["share"])
    return Report(data, G, membership, pagerank)


def blocs_report(
    source,
    *,
    top: int = 20,
    half_life_days: float | None = None,
    since: str | None = None,
    until: str | None = None,
    reference_date: str | None = None,
    seed: int = 0,
    organizations: bool = False,
) -> Report:
    """Blocs (signed partition), Louvain communities, structural balance and brokers.

    Same parameters as :func:`centrality_report`; ``top`` limits the brokers listed.
    """
    inp = _as_input(source, since, until, organizations)
    G = state_graph(inp.frame, half_life_days=half_life_days, since=since, until=until, reference_date=reference_date)
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
        "parameters": _parameters(since, until, half_life_days, G.graph.get("referenceDate"), top, seed, organizations),
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
    *,
    half_life_days: float | None = None,
    since: str | None = None,
    until: str | None = None,
    reference_date: str | None = None,
    seed: int = 0,
    organizations: bool = False,
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
    inp = _as_input(source, since, until, organizations)
    actor_id, actor = _resolve_actor(name, inp)
    kw = dict(half_life_days=half_life_days, since=since, until=until, reference_date=reference_date)
    G = state_graph(inp.frame, **kw)
    wf = weighted_facts(inp.frame, **kw)
    kind = actor.kind if actor is not None else ActorKind.STATE
    is_node = kind is ActorKind.STATE or (kind is ActorKind.ORGANIZATION and organizations)
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
        item = _evidence_item(row["key"], counted.get(idx, 0.0), row, fct, inp)
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
                item["reason"] = f"duplicate mention in the same article (counted as {wf.attrs['duplicateOf'][idx][:12]})"
            elif half_life_days is not None and pd.isna(row["date"]):
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
        "parameters": _parameters(since, until, half_life_days, G.graph.get("referenceDate"), None, seed, organizations),
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
    wf = weighted_facts(frame, since=since, until=until)
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
    *,
    window_a: tuple[str | None, str | None] | None = None,
    window_b: tuple[str | None, str | None] | None = None,
    top: int = 10,
    half_life_days: float | None = None,
    since: str | None = None,
    until: str | None = None,
    seed: int = 0,
    organizations: bool = False,
) -> Report:
    """Who rose and who fell between two windows.

    Without windows, the dated facts that count in ``[since, until]`` are split at their
    median date (half on each side, as near as whole days allow): window a is the earlier
    half, b the later (see :func:`_split_range`).

    Raises
    ------
    ReportError
        If no window is given and no fact is dated.
    """
    inp = _as_input(source, since, until, organizations)
    if window_a is None or window_b is None:
        window_a, window_b = _split_range(inp.frame, since, until)
    res = compute_changes(inp.frame, window_a, window_b, half_life_days=half_life_days, seed=seed)
    rows = []
    for r in res.rows:
        d = r.to_json()
        rows.append({k: (_r(v) if isinstance(v, float) else v) for k, v in d.items()})
    rose = [r for r in rows if r["pagerankChange"] > 0][:top]
    fell = sorted((r for r in rows if r["pagerankChange"] < 0), key=lambda r: (r["pagerankChange"], r["id"]))[:top]
    G = state_graph(inp.frame, since=window_b[0], until=window_b[1], half_life_days=half_life_days)
    data = {
        "report": "changes",
        "schemaVersion": SCHEMA_VERSION,
        "parameters": _parameters(since, until, half_life_days, None, top, seed, organizations),
        "origin": inp.origin,
        "summary": _summary(inp, state_graph(inp.frame, since=since, until=until)),
        "windowA": {"since": window_a[0], "until": window_a[1]},
        "windowB": {"since": window_b[0], "until": window_b[1]},
        "rose": rose,
        "fell": fell,
        "rows": rows,
    }
    return Report(data, G)


# ----------------------------------------------------------------------------- tables


@dataclass(slots=True)
class Table:
    """A titled table of strings for the text renderers."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)
    note: str | None = None  # printed below the table, or instead of it when it has no rows


def _f(x, digits=4) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _signed(x) -> str:
    return "" if x is None else f"{x:+d}"


#: Printed below the centrality table: what each column means and how a fact is weighted.
CENTRALITY_LEGEND = "\n".join([
    "bloc: group of the signed partition: cooperative ties inside, conflictual ties between (Doreian & Mrvar 1996); "
    "states with no chain of ties between them never share one.",
    "pagerank: share of attention flowing along cooperative ties, sums to 1 (Brin & Page 1998); the ranking.",
    "eigenvector: tied to states that are themselves well tied, cooperative ties both ways (Bonacich 1987); "
    "largest cooperative component only, '–' outside it.",
    "betweenness: share of shortest cooperative paths between other states passing through it (distance 1/weight; Brandes 2001).",
    "coop. out/in, confl. out/in: summed weights of the cooperative / conflictual facts it sent / received; "
    "facts: fact-ties touching it.",
    "weight of a fact = |Goldstein| (1992) of its CAMEO code or type x extraction confidence (x 0.5^(age/half-life) "
    "with --half-life); one event per article; cooperative types +, conflictual types - (README, 'The graph').",
])


def tables_of(report: Report) -> list[Table]:
    """The report as titled tables (the first is the main one, the one CSV writes)."""
    d = report.data
    if report.kind == "centrality":
        states = Table(
            "States ranked by PageRank (cooperative graph)",
            ["rank", "id", "name", "bloc", "pagerank", "eigenvector", "betweenness", "coop. out", "coop. in", "confl. out", "confl. in", "facts"],
            [
                [str(r["rank"]), r["id"], r["name"], _f(r["bloc"]), _f(r["pagerank"]), _f(r["eigenvector"]) or "–", _f(r["betweenness"]),
                 _f(r["cooperativeOut"], 2), _f(r["cooperativeIn"], 2), _f(r["conflictualOut"], 2), _f(r["conflictualIn"], 2), str(r["facts"])]
                for r in d["states"]
            ],
            numeric={0, 3, 4, 5, 6, 7, 8, 9, 10, 11},
            note=CENTRALITY_LEGEND,
        )
        bl = Table("Blocs (signed partition)", ["bloc", "size", "members"],
                   [[str(b["bloc"]), str(b["size"]), ", ".join(m["id"] for m in b["members"])] for b in d["blocs"]], numeric={0, 1})
        ties = Table("Strongest ties", ["source", "way", "target", "net weight", "positive", "negative", "facts"],
                     [[t["source"], "<->" if t["mutual"] else "->", t["target"], _f(t["weight"], 2), _f(t["positive"], 2),
                       _f(t["negative"], 2), str(t["facts"])] for t in d["ties"]],
                     numeric={3, 4, 5, 6})
        return [states, bl, ties]
    if report.kind == "blocs":
        members = Table("Bloc membership", ["bloc", "id", "name"],
                        [[str(b["bloc"]), m["id"], m["name"]] for b in d["blocs"] for m in b["members"]], numeric={0})
        summary = Table("Blocs", ["bloc", "size", "internal +", "internal -"],
                        [[str(b["bloc"]), str(b["size"]), _f(b["internalPositive"], 2), _f(b["internalNegative"], 2)] for b in d["blocs"]],
                        numeric={0, 1, 2, 3})
        brokers = Table("Brokers (participation coefficient)", ["id", "name", "bloc", "participation", "blocs reached", "outside share"],
                        [[b["id"], b["name"], str(b["bloc"]), _f(b["participation"]), str(b["blocsReached"]), _f(b["outsideShare"])] for b in d["brokers"]],
                        note=d.get("brokersNote"),
                        numeric={2, 3, 4, 5})
        return [members, summary, brokers]
    if report.kind == "actor":
        a = d["actor"]
        if d.get("scope") == "own" and d["countsFor"]:
            title = f"Facts of {a['name']} ({a['id']}), counted for {d['countsFor']}"
        elif d.get("scope") == "own":
            title = f"Facts of {a['name']} ({a['id']}), counted for no state"
        else:
            title = f"Facts behind {a['name']} ({a['id']})"
        facts = Table(
            title,
            ["date", "subject", "relation", "object", "weight", "direction", "article", "sentence / reason", "key"],
            [
                [it["date"] or "", it["subject"]["id"], it["relation"], it["object"]["id"],
                 _f(it["weight"], 3) if it["counted"] else "-", it.get("direction", ""),
                 ((it.get("article") or {}).get("id") or ""),
                 (it.get("sentence") or "") if it["counted"] else it["reason"], it["key"][:12]]
                for it in d["facts"]
            ],
            numeric={4},
        )
        tables = [facts]
        if d["numbers"]:
            n = d["numbers"]
            whole = " (all of its facts, not only these)" if d.get("scope") == "own" else ""
            tables.append(Table(f"Numbers of {d['countsFor']}{whole}", ["measure", "value"], [
                ["rank", str(n["rank"])], ["bloc", str(n["bloc"])], ["pagerank", _f(n["pagerank"])], ["eigenvector", _f(n["eigenvector"]) or "– (outside the largest cooperative component)"],
                ["betweenness", _f(n["betweenness"])], ["cooperative out", _f(n["cooperativeOut"], 3)], ["cooperative in", _f(n["cooperativeIn"], 3)],
                ["conflictual out", _f(n["conflictualOut"], 3)], ["conflictual in", _f(n["conflictualIn"], 3)],
            ], numeric={1}))
        return tables
    if report.kind == "changes":
        wa, wb = d["windowA"], d["windowB"]
        cols = ["id", "name", "rank a", "rank b", "rank change", "pagerank a", "pagerank b", "change"]

        def rows(rs):
            return [[r["id"], r["name"], _f(r["rankA"]), _f(r["rankB"]), _signed(r["rankChange"]), _f(r["pagerankA"]), _f(r["pagerankB"]),
                     f"{r['pagerankChange']:+.4f}"] for r in rs]

        span = f"{wa['since']}..{wa['until']} -> {wb['since']}..{wb['until']}"
        return [Table(f"All states, {span}", cols, rows(d["rows"]), numeric={2, 3, 4, 5, 6, 7}),
                Table("Rose", cols, rows(d["rose"]), numeric={2, 3, 4, 5, 6, 7}),
                Table("Fell", cols, rows(d["fell"]), numeric={2, 3, 4, 5, 6, 7})]
    raise ReportError(f"unknown report {report.kind!r}")


def _nodes_phrase(summary: dict) -> str:
    """"14 states" or "14 states and 3 organisations" (nodes of other kinds counted apart)."""
    parts = [f"{summary['states']:,} state{'s' if summary['states'] != 1 else ''}"]
    if summary.get("organizations"):
        parts.append(f"{summary['organizations']:,} organisation{'s' if summary['organizations'] != 1 else ''}")
    other = summary.get("nodes", 0) - summary["states"] - summary.get("organizations", 0)
    if other > 0:
        parts.append(f"{other:,} other nodes")
    return " and ".join(parts)


#: How the header names each reason a fact adds nothing to the state graph (keys of
#: ``summary.excluded``, see :func:`~diplograph.graph.analysis.state_graph`).
EXCLUDED_LABELS = {
    "neutral": "of types that are no tie (LEADS, OWNS, MEMBER_OF, RETREATS, INVESTIGATES)",
    "duplicateMention": "repeated mentions of an event in one article",
    "organization": "with an organisation at one end (count them with --organizations)",
    "noState": "with a firm or leader of unknown state",
    "leaderNotForState": "by or about a leader who does not act for the state",
    "selfLoop": "within one state",
    "outOfWindow": "outside --since/--until",
    "undated": "undated (no age for --half-life)",
}


def _header_lines(report: Report) -> list[str]:
    d = report.data
    p, s = d["parameters"], d["summary"]
    window = f"{p['since'] or s['firstDate'] or '…'} to {p['until'] or s['lastDate'] or '…'}"
    decay = f", half-life {p['halfLifeDays']:g} days from {p['referenceDate']}" if p["halfLifeDays"] else ""
    lines = [
        f"{s['factsUsed']:,} of {s['facts']:,} facts used ({d['origin']}), {_nodes_phrase(s)}, {s['ties']:,} ties; {window}{decay}",
    ]
    left_out = [(count, EXCLUDED_LABELS.get(reason, reason)) for reason, count in (s.get("excluded") or {}).items() if count]
    if left_out:
        lines.append("left out: " + ", ".join(f"{count:,} {label}" for count, label in sorted(left_out, key=lambda x: -x[0])))
    ev = (d.get("method") or {}).get("centrality", {}).get("eigenvector", {})
    if ev and ev.get("componentNodes", 0) < ev.get("nodes", 0):
        lines.append(f"eigenvector: largest cooperative component only ({ev['componentNodes']:,} of {ev['nodes']:,} nodes); "
                     "'–' outside it (not comparable across components)")
    if "balance" in d and d["balance"]["share"] is not None:
        b = d["balance"]
        lines.append(f"structural balance: {b['balanced']:,} of {b['triads']:,} triads balanced ({b['share']:.1%}); "
                     f"bloc frustration {d['frustrationShare']:.1%}")
    return lines


# ----------------------------------------------------------------------------- renderers


def _render_markdown(report: Report) -> str:
    out = [f"# diplograph {report.kind} report", ""]
    out += [f"- {line}" for line in _header_lines(report)] + [""]
    for t in tables_of(report):
        out += [f"## {t.title}", ""]
        if t.rows or not t.note:
            esc = lambda s: s.replace("|", "\\|").replace("\n", " ")  # noqa: E731
            out.append("| " + " | ".join(t.columns) + " |")
            out.append("|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.columns))) + "|")
            out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in t.rows]
            out.append("")
        if t.note:
            out += ["  \n".join(t.note.split("\n")), ""]
    return "\n".join(out)


def _render_csv(report: Report) -> str:
    d = report.data
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if report.kind == "centrality":
        cols = ["rank", "id", "name", "bloc", "community", "pagerank", "eigenvector", "betweenness",
                "cooperativeOut", "cooperativeIn", "conflictualOut", "conflictualIn", "facts"]
        w.writerow(cols)
        w.writerows([[("" if r[c] is None else r[c]) for c in cols] for r in d["states"]])
    elif report.kind == "blocs":
        w.writerow(["bloc", "id", "name"])
        w.writerows([[b["bloc"], m["id"], m["name"]] for b in d["blocs"] for m in b["members"]])
    elif report.kind == "actor":
        cols = ["key", "date", "subject", "relation", "object", "counted", "weight", "direction", "reason", "article", "sentence"]
        w.writerow(cols)
        for it in d["facts"]:
            w.writerow([it["key"], it["date"] or "", it["subject"]["id"], it["relation"], it["object"]["id"], it["counted"],
                        "" if it["weight"] is None else it["weight"], it.get("direction", ""), it.get("reason", ""),
                        (it.get("article") or {}).get("id") or "", it.get("sentence") or ""])
    else:
        cols = ["id", "name", "rankA", "rankB", "rankChange", "pagerankA", "pagerankB", "pagerankChange", "factsA", "factsB"]
        w.writerow(cols)
        w.writerows([[("" if r[c] is None else r[c]) for c in cols] for r in d["rows"]])
    return buf.getvalue()


def _render_table(report: Report, console) -> None:
    from rich.table import Table as RichTable
    from rich.text import Text

    console.print(f"diplograph {report.kind} report", style="bold", markup=False)
    for line in _header_lines(report):
        console.print(line, markup=False)
    for t in tables_of(report):
        if t.rows or not t.note:
            rt = RichTable(title=t.title, title_justify="left")
            for i, c in enumerate(t.columns):
                rt.add_column(c, justify="right" if i in t.numeric else "left", overflow="fold")
            for row in t.rows:
                rt.add_row(*[Text(html.unescape(c)) for c in row])  # data, never rich markup
            console.print(rt)
        else:
            console.print(t.title, markup=False)
        if t.note:
            console.print(t.note, markup=False)


def render(report: Report, fmt: str, *, console=None, seed: int = 0) -> str | None:
    """Render a report as ``table`` (printed on ``console``, returns None), ``markdown``,
    ``html``, ``json`` or ``csv`` (returned as text).

    Raises
    ------
    ReportError
        If ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "json":
        return json.dumps(report.data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _render_markdown(report)
    if fmt == "csv":
        return _render_csv(report)
    if fmt == "html":
        return _render_html(report, seed=seed)
    if fmt == "table":
        if console is None:
            from rich.console import Console

            console = Console()
        _render_table(report, console)
        return None
    raise ReportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


# ----------------------------------------------------------------------------- pictures

#: Bloc colours (Okabe & Ito 2008 colour-blind-safe palette, then greys).
BLOC_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
OTHER_COLOUR = "#9a9a9a"


def _colour(bloc: int | None) -> str:
    return BLOC_COLOURS[bloc - 1] if bloc and bloc <= len(BLOC_COLOURS) else OTHER_COLOUR


def _matplotlib():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "diplograph"
    matplotlib.rcParams["svg.fonttype"] = "path"
    return plt


def plot_network(report: Report, *, seed: int = 0, max_edges: int = 250, labels: int = 30):
    """The state graph as a matplotlib Figure: nodes coloured by bloc and sized by PageRank,
    the ``max_edges`` strongest ties drawn (green cooperative, red dashed conflictual).

    The layout is networkx's spring layout of the cooperative ties with a fixed ``seed``, so
    the same data gives the same picture.
    """
    plt = _matplotlib()
    G = report.graph
    fig, ax = plt.subplots(figsize=(9, 7), dpi=100)
    ax.set_axis_off()
    if G is None or G.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no ties", ha="center", va="center")
        return fig
    # Layout: cooperative ties pull hard, conflictual ones a little (so a sanctioned state stays
    # near its sanctioner), and a weak hidden hub keeps separate components in one picture.
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes()))
    for u, v, d in G.edges(data=True):
        w = d["weight"] if d["weight"] > 0 else 0.1 * abs(d["weight"])
        U.add_edge(u, v, weight=(U[u][v]["weight"] + w) if U.has_edge(u, v) else w)
    ws = [w for *_, w in U.edges(data="weight") if w > 0]
    hub = ("\0hub",)
    U.add_edges_from(((hub, v) for v in G.nodes()), weight=0.05 * (float(np.median(ws)) if ws else 1.0))
    pos = nx.spring_layout(U, weight="weight", seed=seed, k=2.0 / np.sqrt(max(U.number_of_nodes(), 1)), iterations=200)
    pos.pop(hub)
    edges = sorted(G.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))[:max_edges]
    maxw = max((abs(d["weight"]) for *_, d in edges), default=1.0) or 1.0
    coop = [(u, v) for u, v, d in edges if d["weight"] > 0]
    confl = [(u, v) for u, v, d in edges if d["weight"] < 0]
    width = {(u, v): 0.4 + 3.0 * abs(d["weight"]) / maxw for u, v, d in edges}
    nx.draw_networkx_edges(G, pos, edgelist=coop, width=[width[e] for e in coop], edge_color="#2e8b57", alpha=0.55,
                           arrows=True, arrowsize=8, connectionstyle="arc3,rad=0.08", ax=ax, node_size=300)
    nx.draw_networkx_edges(G, pos, edgelist=confl, width=[width[e] for e in confl], edge_color="#c0392b", alpha=0.6,
                           style="dashed", arrows=True, arrowsize=8, connectionstyle="arc3,rad=0.08", ax=ax, node_size=300)
    pr = report.pagerank or {v: 1.0 / G.number_of_nodes() for v in G}
    top_pr = max(pr.values()) or 1.0
    nodes = sorted(G.nodes())
    scale = min(1.0, float(np.sqrt(25.0 / len(nodes))))  # smaller discs when there are many states
    sizes = [scale * (80 + 1000 * pr.get(v, 0.0) / top_pr) for v in nodes]
    if len(nodes) > 50:
        labels = min(labels, 15)
    nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_size=sizes, node_color=[_colour(report.membership.get(v)) for v in nodes],
                           edgecolors="white", linewidths=1.0, ax=ax)
    shown = sorted(nodes, key=lambda v: (-pr.get(v, 0.0), v))[:labels]
    nx.draw_networkx_labels(G, pos, labels={v: v for v in shown}, font_size=8, font_weight="bold", ax=ax)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", ls="", color=_colour(b), label=f"bloc {b}") for b in sorted(set(report.membership.values()))[:8]]
    handles += [Line2D([], [], color="#2e8b57", label="cooperative tie"), Line2D([], [], color="#c0392b", ls="--", label="conflictual tie")]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def plot_bars(report: Report, *, top: int = 15):
    """Horizontal bar chart of the ``top`` states by PageRank, coloured by bloc."""
    plt = _matplotlib()
    rows = report.data.get("states", [])[:top]
    fig, ax = plt.subplots(figsize=(6, 0.32 * max(len(rows), 3) + 0.8), dpi=100)
    labels = [f"{r['name']} ({r['id']})" for r in rows][::-1]
    values = [r["pagerank"] for r in rows][::-1]
    ax.barh(labels, values, color=[_colour(r["bloc"]) for r in rows][::-1])
    ax.set_xlabel("PageRank (cooperative ties)")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return fig


def _svg(fig) -> str:
    plt = _matplotlib()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "diplograph"})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def write_plot(report: Report, path: str | Path, *, seed: int = 0) -> Path:
    """Write the network picture alone, as PNG or SVG (by the file's suffix).

    Raises
    ------
    ReportError
        If the suffix is not ``.png`` or ``.svg``.
    """
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise ReportError(f"{path}: the picture must be a .png or .svg file")
    fig = plot_network(report, seed=seed)
    plt = _matplotlib()
    meta = {"Date": None} if path.suffix.lower() == ".svg" else {}
    fig.savefig(path, dpi=150 if path.suffix.lower() == ".png" else None, metadata=meta)
    plt.close(fig)
    return path


# ----------------------------------------------------------------------------- HTML


def _render_html(report: Report, *, seed: int = 0) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("diplograph.graph", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    figures = []
    if report.kind in ("centrality", "blocs") and report.graph is not None:
        figures.append(("Network of states, coloured by bloc", _svg(plot_network(report, seed=seed))))
    if report.kind == "centrality" and report.data["states"]:
        figures.append(("Top states by PageRank", _svg(plot_bars(report))))
    template = env.get_template("report.html.j2")
    return template.render(
        report=report.data,
        kind=report.kind,
        header=_header_lines(report),
        tables=tables_of(report),
        figures=figures,
        colour=_colour,
    )


# ----------------------------------------------------------------------------- export


def _legal(value):
    """GraphML/GEXF-legal attribute value: lists joined with ';', None dropped by caller."""
    if isinstance(value, (list, tuple, set)):
        return ";".join(map(str, value))
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def export_graph(G: nx.DiGraph, path: str | Path | None, fmt: str) -> str | None:
    """Write a state (or actor) graph as GraphML, GEXF (opens in Gephi), CSV or JSON.

    Parameters
    ----------
    G:
        Graph from :func:`~diplograph.graph.analysis.state_graph` or ``actor_graph``.
    path:
        Output file; ``None`` returns the text instead. For CSV the file holds the edges
        (``source, target, sourceName, targetName, weight, positive, negative, facts,
        positiveFacts, negativeFacts, factKeys``) and a second file ``<stem>.nodes.csv``
        beside it holds the nodes (``id, name, kind``), so CSV needs a path (two tables do
        not fit one stream that tools read as one table).
    fmt:
        ``graphml``, ``gexf``, ``csv`` or ``json`` (node-link JSON, ``factKeys`` as lists).

    Notes
    -----
    GraphML and GEXF take scalar attributes only: ``factKeys`` is joined with ``;`` and
    attributes that are None (graph parameters left unset) are left out.

    Raises
    ------
    ReportError
        If ``fmt`` is unknown, or is ``csv`` without a path.
    """
    if fmt not in EXPORT_FORMATS:
        raise ReportError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv" and path is None:
        raise ReportError("csv export writes two files (edges, and nodes beside them): give --output FILE.csv")
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        text = json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n"
        if path is None:
            return text
        Path(path).write_text(text, encoding="utf-8")
        return None
    if fmt == "csv":
        nodes = io.StringIO()
        w = csv.writer(nodes, lineterminator="\n")
        w.writerow(["id", "name", "kind"])
        for v, d in sorted(G.nodes(data=True)):
            w.writerow([v, d.get("name", v), d.get("kind", "")])
        edges = io.StringIO()
        cols = ["weight", "positive", "negative", "facts", "positiveFacts", "negativeFacts"]
        w = csv.writer(edges, lineterminator="\n")
        w.writerow(["source", "target", "sourceName", "targetName", *cols, "factKeys"])
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1])):
            w.writerow([u, v, G.nodes[u].get("name", u), G.nodes[v].get("name", v), *[d.get(c, "") for c in cols],
                        ";".join(d.get("factKeys", []))])
        path = Path(path)
        path.write_text(edges.getvalue(), encoding="utf-8")
        path.with_name(path.stem + ".nodes.csv").write_text(nodes.getvalue(), encoding="utf-8")
        return None
    H = nx.DiGraph()
    for k, v in G.graph.items():
        if v is None:
            continue
        if isinstance(v, dict):
            for kk, vv in v.items():
                H.graph[f"{k}.{kk}"] = _legal(vv)
        else:
            H.graph[k] = _legal(v)
    for v, d in G.nodes(data=True):
        H.add_node(v, **{k: _legal(x) for k, x in d.items() if x is not None}, label=d.get("name", v))
    for u, v, d in G.edges(data=True):
        H.add_edge(u, v, **{k: _legal(x) for k, x in d.items() if x is not None})
    if path is None:
        lines = nx.generate_graphml(H) if fmt == "graphml" else nx.generate_gexf(H)
        return "\n".join(lines) + "\n"
    if fmt == "graphml":
        nx.write_graphml(H, path)
    else:
        nx.write_gexf(H, path)
    return None
