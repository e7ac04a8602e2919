"""What both stores share to aggregate ties (:data:`~diplograph.graph.model.ties.RULES`): the
relation and CAMEO tables their queries join, which leaders act for their state, and the
sorting of their aggregate rows into :class:`~diplograph.graph.model.ties.Ties`."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from diplograph.graph.model.goldstein import goldstein_for_cameo
from diplograph.graph.model.ties import UNMAPPED_REASONS, Ties, leader_acts_for_state
from diplograph.graph.model.vocabulary import RELATIONS

__all__ = ["relation_table", "cameo_intensities", "not_for_state", "excluded_counts", "ties_from_groups", "GROUP_COLUMNS"]


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

#: The columns of a store's aggregate rows (:func:`ties_from_groups`).
GROUP_COLUMNS = ("source", "target", "relation", "source_reason", "target_reason", "day", "n", "counted", "merged",
                 "weighted", "weight", "undated", "counted_first", "counted_last")


def _first_days(dates: pd.Series) -> pd.Series:
    """First day of each ISO date at day, month or year precision (a Neo4j DATE as its ISO
    text), as str; null stays null."""
    text = dates.map(str, na_action="ignore").astype(object)
    size = text.str.len()
    return text.mask(size == 4, text + "-01-01").mask(size == 7, text + "-01")


def _frames(groups, size: int = 100_000):
    """``groups`` as DataFrames of :data:`GROUP_COLUMNS`: given DataFrames as they are, tuples
    gathered ``size`` at a time."""
    rows = iter(groups)
    head = next(rows, None)
    if head is None:
        return
    if isinstance(head, pd.DataFrame):
        yield head
        yield from rows
        return
    rows = itertools.chain([head], rows)
    while batch := list(itertools.islice(rows, size)):
        yield pd.DataFrame.from_records(batch, columns=GROUP_COLUMNS)


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
        merged, weighted, weight, undated, counted_first, counted_last)``
        (tuples, or DataFrames with the columns :data:`GROUP_COLUMNS`, read a part at a time): node
        ids (``None`` when an end has
        none), relation type value, the reason of each end (a key of
        :data:`~diplograph.graph.model.ties.UNMAPPED_REASONS` or ``None``), the day (with
        ``by_day``), the facts of the group, how many count (one mention an event), how many
        are other codings of a coded event counted elsewhere (the event rule), how many
        of those that count weigh more than 0, their summed |Goldstein| x confidence, how many are
        undated, and the earliest and latest dates of the facts that count (ISO, any precision).
    by_day, window:
        Whether the rows are by day (a half-life), and whether a window was read.
    level:
        ``"state"`` or ``"actor"``.
    node_info:
        Function of a list of node ids returning ``(id, kind, name)`` of those that are actors.
    not_for_state:
        Leaders whose facts do not count for their state.

    Notes
    -----
    The rows are classified column-wise (pandas) a part at a time, not one by one: a large
    store's aggregate has a row for most (source, target, relation) of its nodes, over a million.
    """
    counts: dict[str, int] = {}
    facts = 0
    tied = []
    for frame in _frames(groups):
        sign = frame["relation"].map({r.value: spec.sign for r, spec in RELATIONS.items()})
        src_reason, dst_reason = frame["source_reason"], frame["target_reason"]
        src, dst = frame["source"], frame["target"]
        unmapped = src_reason.notna() | dst_reason.notna() | src.isna() | dst.isna()
        # the reason a group is left out, in the order of the rules; "" for groups that count
        ends = src_reason.to_numpy(dtype=object), dst_reason.to_numpy(dtype=object)
        reason = np.where(pd.notna(ends[0]), ends[0], np.where(pd.notna(ends[1]), ends[1], "noState"))
        key = pd.Series(np.select(
            [sign == 0, (src_reason == "leaderNotForState") | (dst_reason == "leaderNotForState"), unmapped, src == dst,
             pd.Series(by_day, index=frame.index) & (frame["undated"].astype("float64") > 0)],
            ["neutral", "leaderNotForState", reason, "selfLoop", "undated"],
            default="",
        ), index=frame.index)
        n = frame["n"].astype("int64")
        facts += int(n.sum())
        for why, count in n[key != ""].groupby(key[key != ""]).sum().items():
            counts[why] = counts.get(why, 0) + int(count)
        kept = frame[key == ""]
        merged = kept["merged"].astype("int64")
        repeated = kept["n"].astype("int64") - kept["counted"].astype("int64") - merged
        counts["duplicateMention"] = counts.get("duplicateMention", 0) + int(repeated.sum())
        counts["duplicateEvent"] = counts.get("duplicateEvent", 0) + int(merged.sum())
        ties = kept[kept["counted"].astype("int64") > 0]
        if ties.empty:
            continue
        # dates as categories while the parts are gathered: each distinct day is stored once
        tied.append(pd.DataFrame({
            "source": ties["source"], "target": ties["target"], "relation": ties["relation"],
            "day": ties["day"].map(str, na_action="ignore").astype("category"),
            "weight": ties["weight"].astype("float64"), "facts": ties["counted"].astype("int64"),
            "weighted": ties["weighted"].astype("int64"),
            "first": _first_days(ties["counted_first"]).astype("category"),
            "last": _first_days(ties["counted_last"]).astype("category"),
        }))
        del frame, kept, ties
    rows = pd.concat(tied, ignore_index=True) if tied else pd.DataFrame({name: [] for name in _TIE_COLUMNS})
    del tied
    for name, dtype in _TIE_COLUMNS.items():
        column = rows[name].astype(dtype)
        rows[name] = column.where(column.notna(), None) if dtype is object else column
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
        excluded=excluded_counts(counts, window=window, dated=by_day),
        names=names,
        kinds=kinds,
        not_for_state=list(not_for_state),
    )
