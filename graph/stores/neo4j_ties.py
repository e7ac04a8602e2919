"""The Neo4j store's side of :mod:`diplograph.graph.stores.ties`: the aggregate of the state graph
and the facts of a few ties, in Cypher, by the rules of :data:`~diplograph.graph.model.ties.RULES`.

Parameters carry the vocabulary (``$spec``: sign, symmetric flag and default intensity of each
relationship type; ``$cameo``: |Goldstein| of each CAMEO code of the GDELT table, looked up by
its longest known prefix) and the leaders who do not act for their state (``$notForState``, a
map id -> true, decided in Python from their titles). Relationship types are the vocabulary's.

Memory: no query holds a list of the facts. Each event keeps one small list (its counted
mention, the least by rank: ``min()``), facts that are events of their own are summed by tie
at once, and the facts are read in parts of about :data:`PART_FACTS` (the actors of a few
nodes each, :func:`anchor_parts`), one transaction a part, so a server with a 1 GB heap
aggregates a million facts and more.
"""

from __future__ import annotations

from diplograph.graph.model.goldstein import CAMEO_GOLDSTEIN
from diplograph.graph.model.ties import TieSample
from diplograph.graph.model.vocabulary import RelationType
from diplograph.graph.stores.ties import not_for_state, relation_table

__all__ = ["aggregate_query", "tie_facts_query", "sample_query", "sample_months_query", "tie_sample_of", "anchor_parts",
           "tie_parameters", "LEADER_TITLES", "ACTOR_DEGREES", "PART_FACTS"]

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

#: Every fact read, mapped to its nodes, reasons and weight parts; ``candidate``: whether it can
#: count (a signed type, two distinct nodes, dated when by day); ``event``: what it is one
#: mention of, ``null`` when it is an event of its own (an article's mentions of one (source,
#: relation, target), the pair unordered for symmetric types; under the event rule ``$rule``
#: the codings of one coded event: ``day``, one a (pair, CAMEO root code or relation, day),
#: ``source``, the same from one source).
#:
#: The facts are read from the actors ``$anchors`` (one part of :func:`anchor_parts`): a fact
#: that can count is read from the actor at its ``lo`` end (the node every mention of its event
#: shares), any other from its source actor, so each fact is read in exactly one part and
#: every mention of an event in the same part.
_MAPPED = f"""
UNWIND $anchors AS anchor
MATCH (a:Actor {{{{id: anchor}}}})
CALL (a) {{{{
    MATCH (a)-[r]->(o:Actor) WHERE type(r) IN $types RETURN a AS s, r, o, true AS outgoing
    UNION ALL
    MATCH (s:Actor)-[r]->(a) WHERE type(r) IN $types RETURN s, r, a AS o, false AS outgoing
}}}}
WITH s, r, o, outgoing
WHERE ($since IS NULL OR r.date >= $since) AND ($until IS NULL OR r.date <= $until) {{restrict}}
WITH r, outgoing, type(r) AS rel, $spec[type(r)] AS spec, trim(r.cameo) AS cameo,
     {_NODE.format(a="s")} AS src, {_NODE.format(a="o")} AS dst,
     {_REASON.format(a="s")} AS sr, {_REASON.format(a="o")} AS dr
WITH r, outgoing, rel, spec, src, dst, sr, dr,
     coalesce(abs(r.goldstein), $cameo[left(cameo, 4)], $cameo[left(cameo, 3)], $cameo[left(cameo, 2)], spec.intensity) AS intensity,
     spec.sign <> 0 AND src IS NOT NULL AND dst IS NOT NULL AND src <> dst AND (NOT $byDay OR r.date IS NOT NULL) AS candidate,
     CASE WHEN spec.symmetric AND dst < src THEN dst ELSE src END AS lo,
     CASE WHEN spec.symmetric AND dst < src THEN src ELSE dst END AS hi,
     coalesce(CASE WHEN r.sourceUrl <> '' THEN r.sourceUrl END, r.reportedBy) AS origin
WHERE outgoing = (NOT candidate OR lo = src) {{keep}}
WITH r, rel, src, dst, sr, dr, intensity, r.confidence AS confidence, intensity * r.confidence AS w, origin, candidate,
     CASE WHEN $byDay THEN toString(r.date) END AS day,
     CASE WHEN NOT candidate THEN null
          WHEN r.articleId IS NOT NULL THEN ['article', r.articleId, rel, lo, hi]
          WHEN r.date IS NULL OR $rule = 'every' OR ($rule = 'source' AND origin IS NULL) THEN null
          ELSE ['coded', lo, hi, CASE WHEN r.cameo IS NOT NULL AND r.cameo <> '' THEN left(r.cameo, 2) ELSE rel END,
                r.date, CASE WHEN $rule = 'source' THEN origin END] END AS event
"""

#: One row per event of several mentions (``event`` not null) and per group of facts that are
#: events of their own with the same ``single`` (the columns each query groups those by), with
#: no list of the facts held: ``best`` is the mention that counts, the least of [rank, key,
#: fact] (an article's: highest confidence, then intensity, then smallest key; a coded
#: event's: highest intensity x confidence, then smallest key): [.., .., key, source, target,
#: day (by day), weight, articleId, source URL or publisher, first day, relation, source
#: reason, target reason]; ``merged`` the other codings of a coded event; ``times`` what its
#: weight is multiplied by (its distinct sources under the ``sources`` weighting, else 1);
#: ``weight``/``weighted`` the sum of the weights and how many weigh more than 0 (for singles).
_EVENTS = _MAPPED + """
WITH event, CASE WHEN event IS NULL THEN [{single}] END AS single,
     min(CASE WHEN event IS NOT NULL THEN
         [CASE WHEN event[0] = 'coded' THEN -w ELSE -confidence END, CASE WHEN event[0] = 'coded' THEN 0 ELSE -intensity END,
          r.key, src, dst, day, w, r.articleId, origin, toString(r.date), rel, sr, dr] END) AS best,
     count(*) AS n, sum(w) AS weight, sum(CASE WHEN w > 0 THEN 1 ELSE 0 END) AS weighted,
     sum(CASE WHEN r.date IS NULL THEN 1 ELSE 0 END) AS undated, min(r.date) AS first, max(r.date) AS last,
     count(DISTINCT CASE WHEN $sources AND event[0] = 'coded' THEN origin END)
       + sum(CASE WHEN origin IS NULL THEN 1 ELSE 0 END) AS sources
WITH event, single, best, n, weight, weighted, undated, first, last,
     CASE WHEN event[0] = 'coded' THEN n - 1 ELSE 0 END AS merged,
     CASE WHEN event[0] = 'coded' AND $sources THEN sources ELSE 1 END AS times
"""


def aggregate_query() -> str:
    """Cypher of the aggregate: rows in the shape :func:`~diplograph.graph.stores.ties.ties_from_groups` takes."""
    return _EVENTS.format(restrict="", keep="", single="src, dst, rel, sr, dr, day") + """
WITH CASE WHEN event IS NULL THEN single ELSE [best[3], best[4], best[10], best[11], best[12], best[5]] END AS tie,
     n, undated, first, last, merged,
     CASE WHEN event IS NULL THEN n ELSE 1 END AS counted,
     CASE WHEN event IS NULL THEN weighted WHEN best[6] > 0 THEN 1 ELSE 0 END AS weighted,
     CASE WHEN event IS NULL THEN weight ELSE best[6] * times END AS weight,
     CASE WHEN event IS NULL THEN toString(first) ELSE best[9] END AS countedFirst,
     CASE WHEN event IS NULL THEN toString(last) ELSE best[9] END AS countedLast
RETURN tie[0] AS src, tie[1] AS dst, tie[2] AS rel, tie[3] AS sr, tie[4] AS dr, tie[5] AS day, sum(n) AS n,
       sum(counted) AS counted, sum(merged) AS merged, sum(weighted) AS weighted, sum(weight) AS weight,
       sum(undated) AS undated, min(countedFirst) AS countedFirst,
       max(countedLast) AS countedLast
"""


def tie_facts_query() -> str:
    """Cypher of the facts that count in the ties among the actors ``$ends``."""
    return _EVENTS.format(restrict="AND s.id IN $ends AND o.id IN $ends", keep="AND candidate",
                          single="r.key, src, dst, rel, toString(r.date), w") + """
WITH CASE WHEN event IS NULL THEN single ELSE [best[2], best[3], best[4], best[10], best[9], best[6] * times] END AS fact
RETURN fact[0] AS key, fact[1] AS src, fact[2] AS dst, fact[3] AS rel, fact[4] AS day, fact[5] AS w
"""


def _host(x: str) -> str:
    """Cypher of :func:`~diplograph.graph.model.ties.url_host` of the expression ``x``."""
    return (f"CASE WHEN {x} IS NULL OR {x} = '' THEN null WHEN {x} CONTAINS '://' THEN "
            f"CASE WHEN split(split(split(split({x}, '://')[1], '/')[0], '?')[0], '#')[0] = '' THEN {x} "
            f"ELSE split(split(split(split({x}, '://')[1], '/')[0], '?')[0], '#')[0] END ELSE {x} END")


#: The facts that count (by the rules), with their article, source URL or publisher, first day
#: and ``class`` (the sign of their relation type when they weigh more than 0, else 0): ``n``
#: facts with the same of each.
_COUNTED = _EVENTS.format(restrict="", keep="AND candidate",
                          single="src, dst, toString(r.date), origin, CASE WHEN w > 0 THEN $spec[rel].sign ELSE 0 END") + """
WITH CASE WHEN event IS NULL THEN n ELSE 1 END AS n,
     CASE WHEN event IS NULL THEN single + [null]
          ELSE [best[3], best[4], best[9], best[8], CASE WHEN best[6] > 0 THEN $spec[best[10]].sign ELSE 0 END, best[7]] END AS fact
WITH n, fact[0] AS src, fact[1] AS dst, fact[2] AS day, fact[3] AS origin, fact[4] AS class, fact[5] AS article
"""


def sample_query() -> str:
    """Cypher of the counted facts of one part by (source node, target node, outlet): ``n``
    facts, ``coded`` of them with no article, ``undated`` of them, their distinct ``articles``
    and first ``days``; :func:`tie_sample_of` adds up the parts into a
    :class:`~diplograph.graph.model.ties.TieSample`."""
    return _COUNTED + f"""
OPTIONAL MATCH (a:Article {{id: article}})
WITH n, src, dst, article, day,
     CASE WHEN article IS NULL THEN {_host("origin")}
          ELSE coalesce(CASE WHEN a.source <> '' THEN a.source END, {_host("a.url")}, 'article ' + article) END AS outlet
RETURN src, dst, outlet, sum(n) AS n, sum(CASE WHEN article IS NULL THEN n ELSE 0 END) AS coded,
       sum(CASE WHEN day IS NULL THEN n ELSE 0 END) AS undated, collect(DISTINCT article) AS articles,
       collect(DISTINCT day) AS days
"""


def sample_months_query() -> str:
    """Cypher of the counted facts of one part a month (``YYYY-MM``, dated facts only) that
    weigh more than 0: ``cooperative`` and ``conflictual`` by the sign of their relation type;
    :func:`tie_sample_of` adds up the parts."""
    return _COUNTED + """
WITH left(day, 7) AS month, class, n WHERE day IS NOT NULL
RETURN month, sum(CASE WHEN class > 0 THEN n ELSE 0 END) AS cooperative, sum(CASE WHEN class < 0 THEN n ELSE 0 END) AS conflictual
"""


def tie_sample_of(rows, month_rows) -> TieSample:
    """The :class:`~diplograph.graph.model.ties.TieSample` of the rows of :func:`sample_query`
    and of :func:`sample_months_query` over every part."""
    facts = coded = undated = 0
    articles: set[str] = set()
    days: set[str] = set()
    outlets: set[str] = set()
    by_node: dict[str, list] = {}
    for src, dst, outlet, n, coded_n, undated_n, article_ids, first_days in rows:
        facts += n
        coded += coded_n
        undated += undated_n
        articles.update(article_ids)
        days.update(first_days)
        if outlet is not None:
            outlets.add(outlet)
        for node in (src, dst):
            count, node_outlets = by_node.setdefault(node, [0, set()])
            by_node[node][0] = count + n
            if outlet is not None:
                node_outlets.add(outlet)
    months: dict[str, tuple[int, int]] = {}
    for month, cooperative, conflictual in month_rows:
        before = months.get(month, (0, 0))
        months[month] = (before[0] + cooperative, before[1] + conflictual)
    return TieSample(facts=facts, articles=len(articles), coded_events=coded, sources=len(outlets), days=len(days),
                     by_node={node: (n, len(node_outlets)) for node, (n, node_outlets) in by_node.items()},
                     undated=undated, months=dict(sorted(months.items())))


#: Every actor with the node its facts count for (``null`` for none) and its number of facts.
ACTOR_DEGREES = (
    f"MATCH (a:Actor) RETURN a.id AS id, {_NODE.format(a='a')} AS node, COUNT {{ (a)--() }} AS degree"
)

#: Facts (counted from both ends) a part of :func:`anchor_parts` reads at most, unless one
#: node has more: what keeps the aggregate of a part within a 1 GB server's transaction memory.
PART_FACTS = 200_000


def anchor_parts(actors, budget: int) -> list[list[str]]:
    """Split the actors into parts whose facts are aggregated one query each.

    ``actors`` are the rows ``(id, node, degree)`` of :data:`ACTOR_DEGREES`. The actors of one
    node stay together (every mention of an event is read from an actor of its ``lo`` node);
    nodes are packed, largest first, into the first part with room for at most ``budget``
    degrees (a node with more is a part of its own; first-fit decreasing bin packing). Returns
    lists of actor ids, at least one (empty for no actors).

    >>> anchor_parts([("a", "X", 5), ("b", "X", 5), ("c", None, 3), ("d", "Y", 9), ("e", "Z", 2)], 10)
    [['a', 'b'], ['d'], ['c', 'e']]
    """
    by_node: dict = {}
    for actor_id, node, degree in actors:
        key = ("node", node) if node is not None else ("actor", actor_id)
        ids, total = by_node.get(key, ([], 0))
        ids.append(actor_id)
        by_node[key] = (ids, total + degree)
    parts: list[list[str]] = []
    sizes: list[int] = []
    for ids, degree in sorted(by_node.values(), key=lambda item: (-item[1], item[0][0])):
        for i, size in enumerate(sizes):
            if size + degree <= budget:
                parts[i].extend(ids)
                sizes[i] += degree
                break
        else:
            parts.append(list(ids))
            sizes.append(degree)
    return parts or [[]]


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
