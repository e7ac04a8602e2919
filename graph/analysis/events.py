"""Counting coded event data (GDELT, ICEWS, fact tables) as events: the de-duplication rule.

Event data code one happening many times: GDELT codes an event once per article and per
actor pair found in it, and a wire story syndicated to many sites comes back once per site;
ICEWS codes each sentence of each story. Left as they are, one story about a meeting of
Caribbean finance ministers coded 18 times from one URL ranks Trinidad and Tobago among the
world's most central states. :func:`merge_coded_events` keeps one fact per event under a
rule the analyst chooses (:class:`EventRule`, ``AnalysisOptions.event_rule``); the reports
name it. It is a pure function of a few columns, and the stores' aggregate queries apply the
same grouping in SQL and Cypher (the key is :func:`event_key`).
"""

from __future__ import annotations

from enum import Enum

import numpy as np
import pandas as pd

__all__ = ["EventRule", "EventWeight", "EVENT_RULE_TEXT", "EVENT_WEIGHT_TEXT", "event_key", "merge_coded_events", "sources_per_event"]


class EventRule(str, Enum):
    """How coded event data count (facts with no article; an article's facts are merged per story anyway).

    ``every``: each coded event (event id) counts: the raw data.
    ``source``: one event per source (URL, else publisher), actor pair, CAMEO root code and day:
    GDELT 1.0's own rule, one event per article (Leetaru & Schrodt 2013, *GDELT: Global Data
    on Events, Location and Tone*, ISA).
    ``day`` (default): one event per actor pair, CAMEO root code and day, whatever the sources:
    Phoenix's rule, which keeps one event per (source actor, target actor, event code) a day
    (Schrodt, Beieler & Idris 2014, *Three's a charm?*, ISA), so syndicated copies of one wire
    story count once.
    """

    EVERY = "every"
    SOURCE = "source"
    DAY = "day"


class EventWeight(str, Enum):
    """What a merged event weighs.

    ``one`` (default): the weight of its strongest coding, once.
    ``sources``: that weight times the number of distinct sources (URL, else publisher) that
    coded it: an event many outlets report weighs more, as GDELT's NumSources is meant to
    show (Leetaru & Schrodt 2013), while one outlet's repeated codings still count once.
    """

    ONE = "one"
    SOURCES = "sources"


#: What each weighting means, in the words the reports print.
EVENT_WEIGHT_TEXT = {
    EventWeight.ONE: "each event weighs as its strongest coding",
    EventWeight.SOURCES: "each event weighs as its strongest coding times its number of sources",
}


#: What each rule means, in the words the reports print.
EVENT_RULE_TEXT = {
    EventRule.EVERY: "every coded event counts (no de-duplication)",
    EventRule.SOURCE: "one event per source, actor pair, CAMEO root code and day",
    EventRule.DAY: "one event per actor pair, CAMEO root code and day, whatever the sources",
}


def event_key(rule: EventRule, source: str, target: str, symmetric: bool, code: str, day: str | None,
              origin: str | None) -> tuple | None:
    """The identity of the event one coded fact stands for under ``rule`` (``None``: its own event).

    Parameters
    ----------
    source, target:
        The graph nodes of its two ends (ISO3 codes for states).
    symmetric:
        Whether the relation goes both ways (then the pair is unordered: A meets B = B meets A).
    code:
        The CAMEO root code (first two digits of the event code), or the relation type when the
        fact has no CAMEO code.
    day:
        ``YYYY-MM-DD``, or ``None`` for an undated fact (never merged: its day is unknown).
    origin:
        The source URL, else the publisher; used by ``source`` only (``None`` there: its own event).

    >>> event_key(EventRule.DAY, "TTO", "JAM", True, "04", "2015-02-18", "https://a.example/x")
    ('JAM', 'TTO', '04', '2015-02-18')
    >>> event_key(EventRule.EVERY, "TTO", "JAM", True, "04", "2015-02-18", None) is None
    True
    """
    if rule is EventRule.EVERY or day is None:
        return None
    pair = tuple(sorted((source, target))) if symmetric else (source, target)
    if rule is EventRule.DAY:
        return (*pair, code, day)
    return None if origin is None else (origin, *pair, code, day)


def merge_coded_events(
    frame: pd.DataFrame, keep: np.ndarray, src: np.ndarray, dst: np.ndarray, symmetric: np.ndarray, rule: EventRule
) -> tuple[np.ndarray, dict[int, int]]:
    """Keep one fact per coded event among the rows kept, by :func:`event_key`.

    Parameters
    ----------
    frame:
        A fact frame (:func:`~diplograph.graph.analysis.fact_frame`): columns ``article``
        (None for event data), ``cameo``, ``relation``, ``date``, ``origin``, ``intensity``,
        ``confidence``.
    keep:
        Boolean mask of the rows still counted; only rows with no article are looked at.
    src, dst:
        Graph node of each row's ends.
    symmetric:
        Whether each row's relation goes both ways.
    rule:
        The :class:`EventRule`.

    Returns
    -------
    keep, duplicates:
        The new mask, and ``{row dropped: row kept in its place}``. The row kept for an event
        is its strongest coding (highest intensity x confidence, then the first row), so the
        event weighs what its strongest coding weighs, once.
    """
    if rule is EventRule.EVERY or "cameo" not in frame.columns:
        return keep, {}
    rows = np.flatnonzero(keep & pd.isna(frame["article"].to_numpy()) & ~pd.isna(frame["date"].to_numpy()))
    if len(rows) < 2:
        return keep, {}
    # the CAMEO root code (first two digits), else the relation type: worked out once per distinct code
    cameo_code, cameos = pd.factorize(frame["cameo"].to_numpy()[rows])
    roots = np.array([c[:2] if isinstance(c, str) and c else None for c in cameos] + [None], dtype=object)
    code = roots[cameo_code]  # cameo_code -1 (no code) takes the last entry, None
    no_root = pd.isna(code)
    code[no_root] = frame["relation"].to_numpy()[rows][no_root].astype(str)
    day = frame["date"].to_numpy()[rows].astype("datetime64[D]").astype(np.int64)
    strength = (frame["intensity"].to_numpy(dtype=float) * frame["confidence"].to_numpy(dtype=float))[rows]
    # nodes as integer codes in the order of their ids, so that a symmetric relation's pair is
    # (smaller id, larger id) as in event_key and the stores' queries, whatever the row order
    node_code, _ = pd.factorize(np.concatenate([src[rows], dst[rows]]), sort=True)
    s_code, t_code = node_code[: len(rows)], node_code[len(rows):]
    sym = symmetric[rows]
    keys = pd.DataFrame({"a": np.where(sym, np.minimum(s_code, t_code), s_code), "b": np.where(sym, np.maximum(s_code, t_code), t_code),
                         "code": pd.factorize(code)[0], "day": day})
    if rule is EventRule.SOURCE:
        origin = frame["origin"].to_numpy()[rows] if "origin" in frame.columns else np.full(len(rows), None, dtype=object)
        keys["origin"] = pd.factorize(origin)[0]  # -1 for no origin: such a coding is its own event
        keys = keys[keys["origin"].to_numpy() >= 0]
    # strongest coding first, then row order: the first row of each key is the one kept
    order = np.lexsort((keys.index.to_numpy(), -strength[keys.index.to_numpy()]))
    keys = keys.iloc[order]
    at = keys.index.to_numpy()  # positions in rows
    first = keys.assign(_at=at).groupby(list(keys.columns), sort=False)["_at"].transform("first").to_numpy()
    dropped = first != at
    if not dropped.any():
        return keep, {}
    keep = keep.copy()
    keep[rows[at[dropped]]] = False
    duplicates = dict(zip(rows[at[dropped]].tolist(), rows[first[dropped]].tolist()))
    return keep, duplicates


def sources_per_event(frame: pd.DataFrame, duplicates: dict[int, int]) -> dict[int, int]:
    """Distinct sources behind each merged event: ``{row kept: number of distinct origins}``
    over the row kept and the rows merged into it (``duplicates`` of :func:`merge_coded_events`);
    a coding with no origin counts as a source of its own. Rows with nothing merged are not listed."""
    origin = frame["origin"].to_numpy() if "origin" in frame.columns else np.full(len(frame), None, dtype=object)
    groups: dict[int, set] = {}
    for dropped, kept in duplicates.items():
        for row in (kept, dropped):
            value = origin[row]
            groups.setdefault(kept, set()).add(("row", row) if pd.isna(value) else value)
    return {kept: len(found) for kept, found in groups.items()}
