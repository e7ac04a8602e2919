"""The actor report: every fact behind one actor's numbers, counted or not, and why."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from diplograph.graph.analysis import AnalysisOptions, fact_frame, state_graph, weighted_facts
from diplograph.graph.analysis import blocs as compute_blocs
from diplograph.graph.analysis import centrality as compute_centrality
from diplograph.graph.analysis.events import EVENT_RULE_TEXT
from diplograph.graph.model.errors import ReportError
from diplograph.graph.model.records import Actor, slugify
from diplograph.graph.model.vocabulary import RELATIONS, ActorKind
from diplograph.graph.reports.inputs import ReportInput, StoreTies, aggregate, fact_input
from diplograph.graph.reports.report import Report
from diplograph.graph.reports.sections import evidence_items, report_head, round6, rounded
from diplograph.graph.stores.base import GraphStore


def _resolve_actor(name: str, actors: dict[str, Actor], names: dict[str, str]) -> tuple[str, Actor | None]:
    """Actor id for a name: an id, a canonical name, an alias or a slug (case-insensitive),
    among ``actors`` and the state nodes ``names`` (id -> name) that are no actor."""
    wanted = name.strip()
    low = wanted.lower()
    candidates = dict(actors)
    for node, nm in names.items():
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


def _facts_of(store: GraphStore, ids: list[str], counted: StoreTies, actors: dict[str, Actor], options: AnalysisOptions) -> ReportInput:
    """The facts of the window of ``options`` with one of the actors ``ids`` at an end (read
    through the store's indexes), framed with the leaders that the store's count ``counted``
    found not acting for their state, with ``actors`` and those facts' articles."""
    facts = list(store.iter_facts(since=options.since, until=options.until, actors=ids))
    frame = fact_frame(facts, organizations=options.organizations, not_for_state=counted.ties.not_for_state)
    return ReportInput(frame=frame, facts=facts, articles=store.articles_by_id({f.article_id for f in facts if f.article_id}),
                       actors=actors, origin=counted.origin, undated_left_out=counted.undated_left_out)


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

    A store counts the graph itself and is read for the facts of the node's actors only (the
    state, its leaders and firms), so memory grows with those facts, not the store's.

    Raises
    ------
    ReportError
        If no actor, or more than one, matches ``name``.
    """
    options = options or AnalysisOptions()
    if isinstance(source, GraphStore):
        tied = aggregate(source, options)
        G, summed, not_for_state = tied.graph(options), tied, tied.ties.not_for_state
        actors, names = {a.id: a for a in source.iter_actors()}, tied.ties.names
    else:
        inp = fact_input(source, options)
        G, summed, not_for_state = state_graph(inp.frame, options), inp, inp.frame.attrs.get("notForState", ())
        actors, names = inp.actors, inp.frame.attrs.get("names", {})
    actor_id, actor = _resolve_actor(name, actors, names)
    kind = actor.kind if actor is not None else ActorKind.STATE
    is_node = kind is ActorKind.STATE or (kind is ActorKind.ORGANIZATION and options.organizations)
    if is_node:
        node = actor_id
    elif kind is ActorKind.ORGANIZATION:
        node = None
    elif actor_id in not_for_state:
        node = None  # an opposition leader, rebel or claimant: their facts are not the state's
    else:
        node = actor.country
    if isinstance(source, GraphStore):
        # the facts of the node's actors: every fact its weights and duplicates depend on
        ids = [actor_id] if node is None else [node, *(a.id for a in actors.values() if a.country == node
                                                     and a.kind in (ActorKind.LEADER, ActorKind.FIRM))]
        inp = _facts_of(source, ids, tied, actors, options)
    # decay counts from the newest fact of the whole graph, not of the facts read
    wf = weighted_facts(inp.frame, replace(options, reference_date=options.reference_date or G.graph.get("referenceDate")))
    frame = inp.frame
    # a state's (or kept organisation's) report lists every fact of its node; a leader's or
    # firm's lists its own facts, which count for its state
    mask = (frame["subject"] == actor_id) | (frame["object"] == actor_id)
    if is_node:
        mask |= (frame["source"] == node) | (frame["target"] == node)
    rows = frame[mask]
    counted = wf["weight"]
    sign = {r.value: s.sign for r, s in RELATIONS.items()}
    records = rows.to_dict("records")
    totals = {"cooperativeOut": 0.0, "cooperativeIn": 0.0, "conflictualOut": 0.0, "conflictualIn": 0.0}
    items = evidence_items(inp, [[(row["key"], counted.get(idx, 0.0)) for idx, row in zip(rows.index.tolist(), records)]])[0]
    for idx, row, item in zip(rows.index.tolist(), records, items):
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
    items.sort(key=lambda it: (not it["counted"], it["date"] or "", it["key"]))
    numbers = None
    if node is not None and node in G:
        cres = compute_centrality(G, seed=seed)
        bres = compute_blocs(G, seed=seed)
        row = cres.by_id()[node].to_json()
        numbers = rounded(row)
        numbers["bloc"] = bres.membership[node] + 1
        numbers["blocMembers"] = bres.blocs[bres.membership[node]]
    data = {
        **report_head("actor", summed, G, options, G.graph.get("referenceDate"), None, seed),
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
        "totals": {k: round6(v) for k, v in totals.items()},
        "factsCounted": sum(1 for it in items if it["counted"]),
        "facts": items,
    }
    return Report(data, G)

