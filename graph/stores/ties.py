"""What both stores share to aggregate ties (:data:`~diplograph.graph.model.ties.RULES`): the
relation and CAMEO tables their queries join, which leaders act for their state, and the
sorting of their aggregate rows into :class:`~diplograph.graph.model.ties.Ties`."""

from __future__ import annotations

import pandas as pd

from diplograph.graph.model.goldstein import goldstein_for_cameo
from diplograph.graph.model.ties import UNMAPPED_REASONS, Ties, leader_acts_for_state
from diplograph.graph.model.vocabulary import RELATIONS

__all__ = ["relation_table", "cameo_intensities", "not_for_state", "excluded_counts", "ties_from_groups"]


def relation_table() -> list[tuple[str, int, int, float]]:
    """Rows ``(relation, sign, symmetric 0/1, default intensity)`` of every relationship type
    (:data:`~diplograph.graph.model.vocabulary.RELATIONS`), for the stores' aggregate queries."""
    return [(r.value, spec.sign, int(spec.symmetric), abs(spec.goldstein)) for r, spec in RELATIONS.items()]


def cameo_intensities(codes) -> list[tuple[str, float]]:
    """``(code, |Goldstein|)`` of each CAMEO code given that has a weight
    (:func:`~diplograph.graph.model.goldstein.goldstein_for_cameo`, longest known prefix)."""
    out = []
    for code in codes:
        g = goldstein_for_cameo(code)
        if g is not None:
            out.append((code, abs(g)))
    return out


def not_for_state(actor_roles, leads_roles) -> list[str]:
    """Leaders whose facts do not count for their state (:func:`~diplograph.graph.model.ties.leader_acts_for_state`).

    Parameters
    ----------
    actor_roles:
        ``(leader id, Actor.role)`` of the leaders with a known state.
    leads_roles:
        ``(leader id, role)`` of their LEADS facts in the window (non-empty roles).

    Returns
    -------
    list of str
        Sorted ids: a leader's own title decides when known, else the titles of their LEADS
        facts (acting if any title acts), else they act for their state.
    """
    titles: dict[str, list[str]] = {}
    for leader, role in leads_roles:
        titles.setdefault(leader, []).append(role)
    return sorted(leader for leader, role in actor_roles if not leader_acts_for_state(role, titles.get(leader, ())))


def excluded_counts(counts: dict[str, int], *, window: bool, dated: bool) -> dict[str, int]:
    """The ``excluded`` dict of a graph from a store's counts by reason, with the keys of
    :func:`~diplograph.graph.analysis.state_graph` in its order (``outOfWindow`` with a
    window: the store reads only the window, so it is 0; ``undated`` with a half-life)."""
    out = {"neutral": counts.get("neutral", 0)}
    out.update({reason: counts.get(reason, 0) for reason in UNMAPPED_REASONS})
    out["selfLoop"] = counts.get("selfLoop", 0)
    if window:
        out["outOfWindow"] = 0
    if dated:
        out["undated"] = counts.get("undated", 0)
    out["duplicateMention"] = counts.get("duplicateMention", 0)
    out["duplicateEvent"] = counts.get("duplicateEvent", 0)
    return out


#: The columns of :attr:`~diplograph.graph.model.ties.Ties.rows` and their pandas dtypes
#: (repeated node ids and relation values as categories, which store each distinct value once).
_TIE_COLUMNS = {"source": "category", "target": "category", "relation": "category", "day": object, "weight": "float64",
                "facts": "int64", "weighted": "int64", "first": object, "last": object}


def _first_day(date) -> str | None:
    """First day of an ISO date at day, month or year precision (a Neo4j DATE as is)."""
    if date is None:
        return None
    date = str(date)
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def ties_from_groups(
    groups,
    *,
    by_day: bool,
    window: bool,
    level: str,
    node_info,
    not_for_state: list[str],
) -> Ties:
    """Sort a store's aggregate rows into counted ties and counts of facts left out by reason.

    Parameters
    ----------
    groups:
        Rows ``(source, target, relation, source_reason, target_reason, day, n, counted,
        merged, weighted, weight, undated, first, last, counted_first, counted_last)``: node ids (``None`` when an end has
        none), relation type value, the reason of each end (a key of
        :data:`~diplograph.graph.model.ties.UNMAPPED_REASONS` or ``None``), the day (with
        ``by_day``), the facts of the group, how many count (one mention an event), how many
        are other codings of a coded event counted elsewhere (the event rule), how many
        of those that count weigh more than 0, their summed |Goldstein| x confidence, how many are
        undated, the earliest and latest dates (ISO, any precision), and those of the facts that count.
    by_day, window:
        Whether the rows are by day (a half-life), and whether a window was read.
    level:
        ``"state"`` or ``"actor"``.
    node_info:
        Function of a list of node ids returning ``(id, kind, name)`` of those that are actors.
    not_for_state:
        Leaders whose facts do not count for their state.
    """
    sign_of = {r.value: spec.sign for r, spec in RELATIONS.items()}
    counts: dict[str, int] = {}
    facts = 0
    first = last = None
    columns: dict[str, list] = {name: [] for name in _TIE_COLUMNS}
    (add_src, add_dst, add_relation, add_day, add_weight, add_facts, add_weighted, add_first,
     add_last) = (column.append for column in columns.values())
    for (src, dst, relation, src_reason, dst_reason, day, n, counted, merged, weighted, weight, undated, lo, hi,
         counted_lo, counted_hi) in groups:
        facts += n
        if lo is not None:
            lo, hi = _first_day(lo), _first_day(hi)
            first = lo if first is None or lo < first else first
            last = hi if last is None or hi > last else last
        if sign_of[relation] == 0:
            key = "neutral"
        elif "leaderNotForState" in (src_reason, dst_reason):
            key = "leaderNotForState"
        elif src_reason or dst_reason or src is None or dst is None:
            key = src_reason or dst_reason or "noState"
        elif src == dst:
            key = "selfLoop"
        elif by_day and undated:
            key = "undated"
        else:
            counts["duplicateMention"] = counts.get("duplicateMention", 0) + n - counted - merged
            counts["duplicateEvent"] = counts.get("duplicateEvent", 0) + merged
            if counted:
                add_src(src), add_dst(dst), add_relation(relation), add_day(None if day is None else str(day))
                add_weight(float(weight)), add_facts(counted), add_weighted(weighted)
                add_first(_first_day(counted_lo)), add_last(_first_day(counted_hi))
            continue
        counts[key] = counts.get(key, 0) + n
    # built a column at a time (no tuple a row): the ties of a large store are millions of rows
    rows = pd.DataFrame({name: pd.Series(values, dtype=_TIE_COLUMNS[name]) for name, values in columns.items()})
    del columns
    nodes = sorted(set(rows["source"]) | set(rows["target"]))
    names, kinds = {}, {}
    for node_id, kind, name in node_info(nodes):
        names[node_id] = name
        kinds[node_id] = kind if level == "actor" or kind in ("State", "Organization") else "State"
    for node in nodes:
        names.setdefault(node, node)
        kinds.setdefault(node, "State" if level == "state" else "Actor")
    return Ties(
        rows=rows,
        facts=facts,
        first_date=first,
        last_date=last,
        excluded=excluded_counts(counts, window=window, dated=by_day),
        names=names,
        kinds=kinds,
        not_for_state=list(not_for_state),
    )
