"""The Neo4j store's side of :mod:`diplograph.graph.stores.ties`: the aggregate of the state graph
and the facts of a few ties, in Cypher, by the rules of :data:`~diplograph.graph.model.ties.RULES`.

Parameters carry the vocabulary (``$spec``: sign, symmetric flag and default intensity of each
relationship type; ``$cameo``: |Goldstein| of each CAMEO code of the GDELT table, looked up by
its longest known prefix) and the leaders who do not act for their state (``$notForState``, a
map id -> true, decided in Python from their titles). Relationship types are the vocabulary's.
"""

from __future__ import annotations

from diplograph.graph.model.goldstein import CAMEO_GOLDSTEIN
from diplograph.graph.model.vocabulary import RelationType
from diplograph.graph.stores.ties import not_for_state, relation_table

__all__ = ["aggregate_query", "tie_facts_query", "sample_totals_query", "sample_months_query", "sample_by_node_query", "tie_parameters", "LEADER_TITLES"]

#: Leaders with a known state and their own title; and the titles of their LEADS facts in the window.
LEADER_TITLES = (
    "MATCH (l:Leader) WHERE l.country IS NOT NULL RETURN l.id AS id, l.role AS role",
    "MATCH (l:Leader)-[r:LEADS]->() WHERE r.role IS NOT NULL AND r.role <> '' "
    "AND ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until) "
    "RETURN DISTINCT l.id AS id, r.role AS role",
)

_NODE = (
    "CASE WHEN $actors OR {a}.kind = 'State' THEN {a}.id "
    "WHEN {a}.kind = 'Organization' THEN CASE WHEN $organizations THEN {a}.id END "
    "WHEN {a}.kind = 'Leader' AND $notForState[{a}.id] IS NOT NULL THEN null "
    "ELSE {a}.country END"
)
_REASON = (
    "CASE WHEN $actors OR {a}.kind = 'State' THEN null "
    "WHEN {a}.kind = 'Organization' THEN CASE WHEN $organizations THEN null ELSE 'organization' END "
    "WHEN {a}.country IS NULL THEN 'noState' "
    "WHEN {a}.kind = 'Leader' AND $notForState[{a}.id] IS NOT NULL THEN 'leaderNotForState' END"
)

#: Every fact read, mapped; then one group per event (an article's mentions of one
#: (source, relation, target), the pair unordered for symmetric types; under the event rule
#: ``$rule`` the codings of one coded event: ``day``, one a (pair, CAMEO root code or relation,
#: day), ``source``, the same from one source; else the fact itself), the fact that counts
#: first (an article's: confidence, intensity, key; a coded event's: intensity x confidence,
#: key). ``best`` is that fact's [source, target, day (by day), weight, key, articleId, source
#: URL or publisher, first day, relation, source reason, target reason]; ``merged`` the other
#: codings of a coded event; ``times`` what its weight is multiplied by (its distinct sources
#: under the ``sources`` weighting, else 1).
_EVENTS = f"""
MATCH (s:Actor)-[r]->(o:Actor)
WHERE type(r) IN $types AND ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until) {{restrict}}
WITH r, type(r) AS rel, $spec[type(r)] AS spec, trim(r.cameo) AS cameo,
     {_NODE.format(a="s")} AS src, {_NODE.format(a="o")} AS dst,
     {_REASON.format(a="s")} AS sr, {_REASON.format(a="o")} AS dr
WITH r, rel, spec, src, dst, sr, dr,
     coalesce(abs(r.goldstein), $cameo[left(cameo, 4)], $cameo[left(cameo, 3)], $cameo[left(cameo, 2)], spec.intensity) AS intensity,
     spec.sign <> 0 AND src IS NOT NULL AND dst IS NOT NULL AND src <> dst AND (NOT $byDay OR r.date IS NOT NULL) AS candidate,
     CASE WHEN spec.symmetric AND dst < src THEN dst ELSE src END AS lo,
     CASE WHEN spec.symmetric AND dst < src THEN src ELSE dst END AS hi,
     coalesce(CASE WHEN r.sourceUrl <> '' THEN r.sourceUrl END, r.reportedBy) AS origin
WITH r, rel, src, dst, sr, dr, intensity, r.confidence AS confidence, origin,
     CASE WHEN NOT candidate THEN [r.key]
          WHEN r.articleId IS NOT NULL THEN ['article', r.articleId, rel, lo, hi]
          WHEN r.date IS NULL OR $rule = 'every' OR ($rule = 'source' AND origin IS NULL) THEN [r.key]
          ELSE ['coded', lo, hi, CASE WHEN r.cameo IS NOT NULL AND r.cameo <> '' THEN left(r.cameo, 2) ELSE rel END,
                r.date, CASE WHEN $rule = 'source' THEN origin END] END AS event
ORDER BY CASE WHEN event[0] = 'coded' THEN intensity * confidence ELSE confidence END DESC,
         CASE WHEN event[0] = 'coded' THEN 0 ELSE intensity END DESC, r.key
WITH event, collect([src, dst, CASE WHEN $byDay THEN toString(r.date) END, intensity * confidence, r.key,
                     r.articleId, origin, toString(r.date), rel, sr, dr]) AS mentions,
     count(*) AS n, sum(CASE WHEN r.date IS NULL THEN 1 ELSE 0 END) AS undated, min(r.date) AS first, max(r.date) AS last,
     size(collect(DISTINCT origin)) + sum(CASE WHEN origin IS NULL THEN 1 ELSE 0 END) AS sources
WITH mentions[0] AS best, mentions[0][8] AS rel, mentions[0][9] AS sr, mentions[0][10] AS dr, n, undated, first, last,
     CASE WHEN event[0] = 'coded' THEN n - 1 ELSE 0 END AS merged,
     CASE WHEN event[0] = 'coded' AND $sources THEN sources ELSE 1 END AS times
"""


def aggregate_query() -> str:
    """Cypher of the aggregate: rows in the shape :func:`~diplograph.graph.stores.ties.ties_from_groups` takes."""
    return _EVENTS.format(restrict="") + """
RETURN best[0] AS src, best[1] AS dst, rel, sr, dr, best[2] AS day, sum(n) AS n, count(*) AS counted, sum(merged) AS merged,
       sum(CASE WHEN best[3] > 0 THEN 1 ELSE 0 END) AS weighted, sum(best[3] * times) AS weight, sum(undated) AS undated,
       min(first) AS first, max(last) AS last, min(best[7]) AS countedFirst, max(best[7]) AS countedLast
"""


def tie_facts_query() -> str:
    """Cypher of the facts that count in the ties among the actors ``$ends``."""
    return _EVENTS.format(restrict="AND s.id IN $ends AND o.id IN $ends") + """
WITH best, rel, sr, dr, times WHERE sr IS NULL AND dr IS NULL AND best[0] IS NOT NULL AND best[1] IS NOT NULL
      AND best[0] <> best[1] AND $spec[rel].sign <> 0 AND (NOT $byDay OR best[2] IS NOT NULL)
RETURN best[4] AS key, best[0] AS src, best[1] AS dst, rel, best[7] AS day, best[3] * times AS w
"""


def _host(x: str) -> str:
    """Cypher of :func:`~diplograph.graph.model.ties.url_host` of the expression ``x``."""
    return (f"CASE WHEN {x} IS NULL OR {x} = '' THEN null WHEN {x} CONTAINS '://' THEN "
            f"CASE WHEN split(split(split(split({x}, '://')[1], '/')[0], '?')[0], '#')[0] = '' THEN {x} "
            f"ELSE split(split(split(split({x}, '://')[1], '/')[0], '?')[0], '#')[0] END ELSE {x} END")


#: The facts that count (by the rules), with their article, outlet and first day.
_COUNTED = _EVENTS.format(restrict="") + f"""
WITH best, rel, sr, dr WHERE sr IS NULL AND dr IS NULL AND best[0] IS NOT NULL AND best[1] IS NOT NULL
      AND best[0] <> best[1] AND $spec[rel].sign <> 0 AND (NOT $byDay OR best[7] IS NOT NULL)
OPTIONAL MATCH (a:Article {{id: best[5]}})
WITH best[0] AS src, best[1] AS dst, best[5] AS article, best[7] AS day,
     CASE WHEN best[3] > 0 THEN $spec[rel].sign ELSE 0 END AS class,
     CASE WHEN best[5] IS NULL THEN {_host("best[6]")}
          ELSE coalesce(CASE WHEN a.source <> '' THEN a.source END, {_host("a.url")}, 'article ' + best[5]) END AS outlet
"""


def sample_totals_query() -> str:
    """Cypher of the totals of :class:`~diplograph.graph.model.ties.TieSample` (state level; ``$byDay``: dated facts only)."""
    return _COUNTED + """
RETURN count(*) AS facts, count(DISTINCT article) AS articles, sum(CASE WHEN article IS NULL THEN 1 ELSE 0 END) AS coded,
       count(DISTINCT outlet) AS sources, count(DISTINCT day) AS days, sum(CASE WHEN day IS NULL THEN 1 ELSE 0 END) AS undated
"""


def sample_months_query() -> str:
    """Cypher of the cooperative and conflictual facts (weighing more than 0) a month of
    :class:`~diplograph.graph.model.ties.TieSample`."""
    return _COUNTED + """
WITH left(day, 7) AS month, class WHERE day IS NOT NULL
RETURN month, sum(CASE WHEN class > 0 THEN 1 ELSE 0 END) AS cooperative, sum(CASE WHEN class < 0 THEN 1 ELSE 0 END) AS conflictual
"""


def sample_by_node_query() -> str:
    """Cypher of the facts and distinct outlets by node of :class:`~diplograph.graph.model.ties.TieSample`."""
    return _COUNTED + """
UNWIND [src, dst] AS node
RETURN node, count(*) AS n, count(DISTINCT outlet) AS outlets
"""


def tie_parameters(leaders, titles, *, since, until, organizations: bool, level: str, by_day: bool,
                   event_rule: str = "every", event_weight: str = "one") -> tuple[dict, list[str]]:
    """Parameters of the queries, and the leaders who do not act for their state.

    ``leaders`` and ``titles`` are the rows of :data:`LEADER_TITLES`; ``since``/``until`` are
    Neo4j dates or ``None``; ``event_rule`` and ``event_weight`` are values of
    :class:`~diplograph.graph.analysis.events.EventRule` and
    :class:`~diplograph.graph.analysis.events.EventWeight`.

    Raises
    ------
    ValueError
        For an unknown level, event rule or weight.
    """
    if level not in ("state", "actor"):
        raise ValueError(f"level must be 'state' or 'actor', not {level!r}")
    if event_rule not in ("every", "day", "source") or event_weight not in ("one", "sources"):
        raise ValueError(f"unknown event rule {event_rule!r} or event weight {event_weight!r}")
    out = not_for_state(leaders, titles) if level == "state" else []
    spec = {relation: {"sign": sign, "symmetric": bool(symmetric), "intensity": intensity}
            for relation, sign, symmetric, intensity in relation_table()}
    params = {
        "types": [relation.value for relation in RelationType],
        "since": since,
        "until": until,
        "organizations": organizations,
        "actors": level == "actor",
        "byDay": by_day,
        "rule": event_rule,
        "sources": event_weight == "sources",
        "notForState": dict.fromkeys(out, True),
        "spec": spec,
        "cameo": {code: abs(g) for code, g in CAMEO_GOLDSTEIN.items()},
    }
    return params, out
