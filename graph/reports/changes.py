"""The changes report: who rose and who fell between two time windows."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import numpy as np
import pandas as pd

from diplograph.graph.analysis import AnalysisOptions, rank_changes
from diplograph.graph.model.errors import ReportError
from diplograph.graph.reports.inputs import tie_input
from diplograph.graph.reports.report import Report
from diplograph.graph.reports.sections import report_head, rounded


def _split_range(counts: pd.Series) -> tuple[tuple, tuple]:
    """Two windows with half the dated facts that count each: split after the median date.

    ``counts`` holds the facts that count as ties a day (``dated_counts`` of a report input:
    int, indexed by day, sorted). Window a runs from the first day to the cut day ``c``,
    window b from the next day to the last day; ``c`` is the day that leaves the two sides
    closest to equal in number of facts (facts on one day stay together; on a tie, the
    earlier day). So it is the median fact date, not the middle of the date range.

    Raises
    ------
    ReportError
        If no counted fact is dated, or all fall on one day.
    """
    if counts.empty:
        raise ReportError("no dated facts to compare: give --window-a and --window-b")
    days = counts.index
    if len(days) == 1:
        raise ReportError(f"all dated facts fall on {days[0].date().isoformat()}: give --window-a and --window-b")
    before = np.cumsum(counts.to_numpy())[:-1]  # facts up to each candidate cut (the last day is no cut)
    cut = int(np.argmin(np.abs(2 * before - int(counts.sum()))))
    lo, mid, hi = (pd.Timestamp(days[i]) for i in (0, cut, len(days) - 1))
    a = (lo.date().isoformat(), mid.date().isoformat())
    b = ((mid + pd.Timedelta(days=1)).date().isoformat(), hi.date().isoformat())
    return a, b


def _within(window: tuple[str | None, str | None], options: AnalysisOptions) -> tuple[str | None, str | None]:
    """``window`` (ISO dates, ``None`` an open end) cut to ``[options.since, options.until]``.

    Raises
    ------
    ReportError
        If the window holds no day of ``[options.since, options.until]``.
    """
    since, until = (None if d is None else str(d) for d in (options.since, options.until))
    first = max((d for d in (window[0], since) if d), default=None)  # ISO dates sort as strings
    last = min((d for d in (window[1], until) if d), default=None)
    if first and last and first > last:
        bounds = " ".join(f"{flag} {day}" for flag, day in (("--since", since), ("--until", until)) if day)
        raise ReportError(f"the window {window[0] or ''}:{window[1] or ''} holds no day of {bounds}")
    return first, last


def _check_apart(window_a: tuple[str | None, str | None], window_b: tuple[str | None, str | None]) -> None:
    """Raise :class:`ReportError` if the two windows (ISO dates, ``None`` an open end) share a day."""
    first = max((w[0] for w in (window_a, window_b) if w[0]), default=None)
    last = min((w[1] for w in (window_a, window_b) if w[1]), default=None)
    if first is None or last is None or first <= last:  # ISO dates sort as strings
        def shown(w):
            return f"{w[0] or ''}:{w[1] or ''}"
        span = f"from {first} to {last}" if first and last else "on every day" if not (first or last) else (
            f"from {first}" if first else f"up to {last}")
        raise ReportError(f"--window-a {shown(window_a)} and --window-b {shown(window_b)} overlap {span}: facts of "
                          "those days would count in both windows; give windows that do not overlap")


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

    ``source`` and ``options`` as in :func:`centrality_report`: a store counts the ties of
    each window itself (memory grows with the ties, not the facts); ``options.reference_date``
    is not used (decay counts from each window's newest fact). Without windows, the dated
    facts that count in ``[options.since, options.until]`` are split at their median date
    (half on each side, as near as whole days allow): window a is the earlier half, b the
    later (see :func:`_split_range`); windows given are cut to ``[options.since, options.until]``.

    Raises
    ------
    ReportError
        If no window is given and no fact is dated, or the two windows given share a day
        (the facts of those days would count in both), or one holds no day of the window
        of ``options``.
    """
    if window_a is not None and window_b is not None:
        _check_apart(window_a, window_b)
    options = options or AnalysisOptions()
    inp = tie_input(source, options)
    if window_a is None or window_b is None:
        window_a, window_b = _split_range(inp.dated_counts(replace(options, half_life_days=None, reference_date=None)))
    else:
        window_a, window_b = (_within(w, options) for w in (window_a, window_b))
    graphs = [inp.graph(replace(options, since=w[0], until=w[1], reference_date=None)) for w in (window_a, window_b)]
    res = rank_changes(*graphs, window_a, window_b, seed=seed)
    sizes = [max(g.number_of_nodes(), 1) for g in graphs]
    rows = []
    for r in res.rows:
        d = r.to_json()
        d["scoreA"] = d["pagerankA"] * sizes[0] if d["rankA"] is not None else None
        d["scoreB"] = d["pagerankB"] * sizes[1] if d["rankB"] is not None else None
        d["scoreChange"] = d["scoreB"] - d["scoreA"] if d["rankChange"] is not None else None
        rows.append(rounded(d))
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
        **report_head("changes", inp, inp.graph(options), options, None, top, seed),
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
