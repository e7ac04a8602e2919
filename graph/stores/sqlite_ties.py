"""The SQLite store's side of :mod:`diplograph.graph.model.ties`: one aggregate query for the
state graph and targeted queries for the facts of one tie.

The rules are :data:`~diplograph.graph.model.ties.RULES`, written once here in SQL. Two small
temporary tables feed them (``temp`` lives in memory beside a read-only store):
``relation_spec`` (sign, symmetric, default intensity of every relationship type) and
``cameo_weight`` (|Goldstein| of each CAMEO code found in the store). The leaders who do not
act for their state (:func:`~diplograph.graph.stores.ties.not_for_state`) are found in Python
from two small queries and passed as a JSON list.
"""

from __future__ import annotations

import json
import sqlite3

import pandas as pd

from diplograph.graph.model.ties import TieFact, Ties, TieSample
from diplograph.graph.stores.sqlite_columns import columnar_path, count_facts
from diplograph.graph.stores.ties import GROUP_COLUMNS, cameo_intensities, not_for_state, relation_table, ties_from_groups

__all__ = ["sqlite_ties", "sqlite_tie_facts", "sqlite_tie_sample"]

#: First day a fact's date covers (a month or year date is stored as written).
_DAY = "CASE length(f.date) WHEN 4 THEN f.date || '-01-01' WHEN 7 THEN f.date || '-01' ELSE f.date END"


def _host(x: str) -> str:
    """SQL of :func:`~diplograph.graph.model.ties.url_host` of the expression ``x``: what
    follows ``://`` up to the first ``/``, ``?`` or ``#`` (the value itself when that is empty
    or there is no ``://``), null for null or ''. In SQL, so the sample calls no Python
    function per fact."""
    rest = f"substr({x}, instr({x}, '://') + 3)"
    host = rest
    for stop in "/?#":
        host = f"CASE WHEN instr({host}, '{stop}') > 0 THEN substr({host}, 1, instr({host}, '{stop}') - 1) ELSE {host} END"
    return (f"CASE WHEN {x} IS NULL OR {x} = '' THEN NULL WHEN instr({x}, '://') = 0 THEN {x} "
            f"ELSE coalesce(nullif({host}, ''), {x}) END")


#: Why an end maps to no node, as stored in ``actor_node.reason`` (1, 2, 3).
_REASONS = ("organization", "noState", "leaderNotForState")

#: Node and reason of every actor (the rules' first paragraph), rebuilt for each query; the
#: node is then coded as an integer (``node_code``), which groups and sorts faster than text.
_ACTOR_NODES = """
INSERT INTO temp.actor_node (id, node, reason)
SELECT id,
       CASE WHEN :actors OR kind = 'State' THEN id
            WHEN kind = 'Organization' THEN CASE WHEN :organizations THEN id END
            WHEN kind = 'Leader' AND id IN (SELECT value FROM json_each(:not_for_state)) THEN NULL
            ELSE country END,
       CASE WHEN :actors OR kind = 'State' THEN NULL
            WHEN kind = 'Organization' THEN CASE WHEN NOT :organizations THEN 1 END
            WHEN country IS NULL THEN 2
            WHEN kind = 'Leader' AND id IN (SELECT value FROM json_each(:not_for_state)) THEN 3 END
FROM actors
"""
_NODE_CODES = (
    "INSERT INTO temp.node_code (node) SELECT DISTINCT node FROM temp.actor_node WHERE node IS NOT NULL ORDER BY node",
    "UPDATE temp.actor_node SET code = (SELECT code FROM temp.node_code n WHERE n.node = actor_node.node)",
)

#: Every fact read, with its ends' node codes and reasons, relation code and weight parts.
_MAPPED = f"""
SELECT f.key AS key, r.code AS relation, r.symmetric AS symmetric, f.article_id AS article,
       f.confidence AS confidence, coalesce(abs(f.goldstein), c.intensity, r.intensity) AS intensity,
       CASE WHEN :by_day THEN {_DAY} END AS day, f.date AS date, coalesce(nullif(f.source_url, ''), f.reported_by) AS origin,
       CASE WHEN f.cameo IS NOT NULL AND f.cameo != '' THEN substr(f.cameo, 1, 2) ELSE f.relation END AS root,
       s.code AS src, o.code AS dst, s.reason AS src_reason, o.reason AS dst_reason,
       r.sign != 0 AND s.code IS NOT NULL AND o.code IS NOT NULL AND s.code != o.code
           AND (NOT :by_day OR f.date IS NOT NULL) AS candidate
FROM facts f
JOIN temp.actor_node s ON s.id = f.subject_id
JOIN temp.actor_node o ON o.id = f.object_id
JOIN temp.relation_spec r ON r.relation = f.relation
LEFT JOIN temp.cameo_weight c ON c.code = f.cameo
WHERE (:since IS NULL OR {_DAY} >= :since) AND (:until IS NULL OR {_DAY} <= :until) {{restrict}}
"""

#: The columns every branch of :func:`_ranked` gives.
_COLUMNS = "key, src, dst, relation, src_reason, dst_reason, day, date, article, origin, candidate, intensity * confidence AS w"

#: The unordered pair of a symmetric relation (``lo``, ``hi``), else the pair as it is.
_PAIR = ("CASE WHEN symmetric AND dst < src THEN dst ELSE src END AS lo, "
         "CASE WHEN symmetric AND dst < src THEN src ELSE dst END AS hi")

#: Which coded events (no article) each event rule merges, and what the event is (SQL over ``mapped``).
_MERGED = {
    "day": ("article IS NULL AND candidate AND date IS NOT NULL", "lo, hi, root, first_day"),
    "source": ("article IS NULL AND candidate AND date IS NOT NULL AND origin IS NOT NULL", "lo, hi, root, first_day, origin"),
}


def _ranked(rule: str, weight: str) -> str:
    """SQL of the counted facts of ``mapped``, ranked: columns :data:`_COLUMNS`, ``mention``
    (1 = the fact that counts for its event, 2... = a repeated mention in one article or another
    coding of one coded event) and ``times`` (what the weight of a fact that counts is
    multiplied by: its event's distinct sources under the ``sources`` weighting, else 1).

    ``rule`` is an :class:`~diplograph.graph.analysis.events.EventRule` value and ``weight``
    an :class:`~diplograph.graph.analysis.events.EventWeight` value; an article's facts are
    merged per (article, pair, relation) whatever the rule (:data:`~diplograph.graph.model.ties.RULES`).

    Raises
    ------
    ValueError
        For an unknown rule or weight.
    """
    if rule not in ("every", *_MERGED) or weight not in ("one", "sources"):
        raise ValueError(f"unknown event rule {rule!r} or event weight {weight!r}")
    merged, event = _MERGED.get(rule, ("0", ""))
    branches = [
        f"SELECT {_COLUMNS}, 1 AS mention, 1 AS times FROM mapped WHERE NOT candidate OR (article IS NULL AND NOT ({merged}))",
        f"SELECT {_COLUMNS}, row_number() OVER (PARTITION BY article, lo, relation, hi ORDER BY confidence DESC, intensity DESC, key)"
        f", 1 FROM (SELECT *, {_PAIR} FROM mapped WHERE article IS NOT NULL AND candidate)",
    ]
    if event:
        day = _DAY.replace("f.date", "date")
        if weight == "sources":
            # distinct sources of the event: the first coding of each origin, and each coding with none
            times = f"sum(origin IS NULL OR nth = 1) OVER (PARTITION BY {event})"
            inner = f"SELECT *, row_number() OVER (PARTITION BY {event}, origin ORDER BY key) AS nth FROM ("
            outer = ")"
        else:
            times, inner, outer = "1", "", ""
        branches.append(
            f"SELECT {_COLUMNS}, row_number() OVER (PARTITION BY {event} ORDER BY intensity * confidence DESC, key), {times} "
            f"FROM ({inner}SELECT *, {_PAIR}, {day} AS first_day FROM mapped WHERE {merged}{outer})"
        )
    return "\nUNION ALL\n".join(branches)


#: Every fact read, ranked (:func:`_ranked`), written once into ``temp.ranked`` for the
#: parameters of ``temp.ranked_for`` (on disk beside a large store: SQLite's default
#: ``temp_store``); the ties and the sample of one report both read it, so the facts are
#: scanned, joined and ranked once a report, not once a query.
_RANKED = f"""
CREATE TEMP TABLE ranked AS
WITH mapped AS ({_MAPPED.format(restrict="")})
SELECT src, dst, relation, src_reason, dst_reason, day, date, article, origin, candidate, w, mention, times
FROM ({{ranked}})
"""

#: One aggregate over every fact read: groups of (source, target, relation, reasons[, day]).
_AGGREGATE = """
SELECT src, dst, relation, src_reason, dst_reason, day,
       count(*) AS n, sum(mention = 1) AS counted, sum(mention > 1 AND article IS NULL) AS merged,
       sum(mention = 1 AND w > 0) AS weighted, sum(CASE WHEN mention = 1 THEN w * times ELSE 0.0 END) AS weight,
       sum(date IS NULL) AS undated,
       min(CASE WHEN mention = 1 THEN date END) AS counted_first, max(CASE WHEN mention = 1 THEN date END) AS counted_last
FROM temp.ranked GROUP BY src, dst, relation, src_reason, dst_reason, day
"""

#: The facts that count with their outlet and first day, for :func:`sqlite_tie_sample`,
#: into a temporary table that the three sample queries read.
_SAMPLE_OUTLETS = f"""
CREATE TEMP TABLE sample_outlets AS
SELECT c.src, c.dst, c.article, CASE WHEN c.w > 0 THEN r.sign ELSE 0 END AS class,
       CASE WHEN length(c.date) = 4 THEN c.date || '-01-01' WHEN length(c.date) = 7 THEN c.date || '-01' ELSE c.date END AS day,
       CASE WHEN c.article IS NULL THEN {_host("c.origin")}
            ELSE coalesce(nullif(a.source, ''), {_host("a.url")}, 'article ' || c.article) END AS outlet
FROM temp.ranked c JOIN temp.relation_spec r ON r.code = c.relation LEFT JOIN articles a ON a.id = c.article
WHERE c.mention = 1 AND c.candidate
"""

#: Totals of the counted facts, then cooperative and conflictual ones a month, then facts and outlets by node.
_SAMPLE_TOTALS = """
SELECT count(*), count(DISTINCT article), coalesce(sum(article IS NULL), 0), count(DISTINCT outlet), count(DISTINCT day),
       coalesce(sum(day IS NULL), 0)
FROM temp.sample_outlets
"""
_SAMPLE_MONTHS = """
SELECT substr(day, 1, 7), sum(class > 0), sum(class < 0) FROM temp.sample_outlets WHERE day IS NOT NULL GROUP BY 1 ORDER BY 1
"""
_SAMPLE_BY_NODE = """
SELECT n.node, count(*), count(DISTINCT e.outlet)
FROM (SELECT src AS code, outlet FROM temp.sample_outlets UNION ALL SELECT dst, outlet FROM temp.sample_outlets) e
JOIN temp.node_code n ON n.code = e.code
GROUP BY n.node
"""

#: The facts that count in the ties among a few nodes (evidence).
_TIE_FACTS = f"""
WITH mapped AS ({_MAPPED.format(restrict="AND f.subject_id IN (SELECT value FROM json_each(:ends)) "
                                          "AND f.object_id IN (SELECT value FROM json_each(:ends))")}),
ranked AS ({{ranked}})
SELECT ranked.key, s.node, d.node, r.relation, {_DAY.replace("f.date", "ranked.date")}, ranked.w * ranked.times FROM ranked
JOIN temp.node_code s ON s.code = ranked.src
JOIN temp.node_code d ON d.code = ranked.dst
JOIN temp.relation_spec r ON r.code = ranked.relation
WHERE mention = 1 AND candidate
"""


def _prepare(db: sqlite3.Connection, since: str | None, until: str | None, level: str, organizations: bool) -> list[str]:
    """Fill the temporary tables (``relation_spec`` and ``cameo_weight`` once per connection,
    ``actor_node`` for these parameters) and return the leaders who do not act for their
    state in the window.

    ``actor_node`` is kept while the parameters and the store are the same (``temp.prepared``
    holds them with the last fact's rowid, the number of actors and ``PRAGMA data_version``:
    facts are only ever added), so the evidence queries of a report, one a tie, do not
    rebuild it each time."""
    if level not in ("state", "actor"):
        raise ValueError(f"level must be 'state' or 'actor', not {level!r}")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS relation_spec "
               "(code INTEGER PRIMARY KEY, relation TEXT UNIQUE, sign INTEGER, symmetric INTEGER, intensity REAL)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS cameo_weight (code TEXT PRIMARY KEY, intensity REAL)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS actor_node (id TEXT PRIMARY KEY, node TEXT, reason INTEGER, code INTEGER)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS node_code (code INTEGER PRIMARY KEY, node TEXT UNIQUE)")
    if db.execute("SELECT count(*) FROM temp.relation_spec").fetchone()[0] == 0:
        db.executemany("INSERT INTO temp.relation_spec (relation, sign, symmetric, intensity) VALUES (?, ?, ?, ?)",
                       relation_table())
        codes = [row[0] for row in db.execute("SELECT DISTINCT cameo FROM facts WHERE cameo IS NOT NULL")]
        db.executemany("INSERT INTO temp.cameo_weight VALUES (?, ?)", cameo_intensities(codes))
    db.execute("CREATE TEMP TABLE IF NOT EXISTS prepared (state TEXT, excluded TEXT)")
    state = json.dumps([since, until, level, organizations,
                        *db.execute("SELECT (SELECT max(rowid) FROM facts), (SELECT count(*) FROM actors)").fetchone(),
                        db.execute("PRAGMA data_version").fetchone()[0]])
    kept = db.execute("SELECT excluded FROM temp.prepared WHERE state = ?", (state,)).fetchone()
    if kept is not None:
        return json.loads(kept[0])
    excluded: list[str] = []
    if level == "state":
        window = f"(:since IS NULL OR {_DAY} >= :since) AND (:until IS NULL OR {_DAY} <= :until)"
        leaders = db.execute("SELECT id, role FROM actors WHERE kind = 'Leader' AND country IS NOT NULL").fetchall()
        titles = db.execute(
            f"SELECT DISTINCT f.subject_id, f.role FROM facts f JOIN actors s ON s.id = f.subject_id "
            f"WHERE f.relation = 'LEADS' AND s.kind = 'Leader' AND f.role IS NOT NULL AND f.role != '' AND {window}",
            {"since": since, "until": until},
        ).fetchall()
        excluded = not_for_state(leaders, titles)
    db.execute("DROP TABLE IF EXISTS temp.ranked")  # its node codes are those of the parameters before
    db.execute("DELETE FROM temp.actor_node")
    db.execute("DELETE FROM temp.node_code")
    db.execute(_ACTOR_NODES, {"actors": int(level == "actor"), "organizations": int(organizations),
                              "not_for_state": json.dumps(excluded)})
    for statement in _NODE_CODES:
        db.execute(statement)
    db.execute("DELETE FROM temp.prepared")
    db.execute("INSERT INTO temp.prepared VALUES (?, ?)", (state, json.dumps(excluded)))
    return excluded


def _rank(db: sqlite3.Connection, since: str | None, until: str | None, level: str, organizations: bool, by_day: bool,
          event_rule: str, event_weight: str) -> list[str]:
    """Make ``temp.ranked`` hold the facts of these parameters, ranked (:data:`_RANKED`),
    unless it already does; return the leaders who do not act for their state (:func:`_prepare`).

    Raises
    ------
    ValueError
        For an unknown level, event rule or weight.
    """
    ranked = _ranked(event_rule, event_weight)
    excluded = _prepare(db, since, until, level, organizations)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS ranked_for (parameters TEXT)")
    parameters = json.dumps([db.execute("SELECT state FROM temp.prepared").fetchone()[0], by_day, event_rule, event_weight])
    exists = db.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'ranked'").fetchone() is not None
    if not exists or db.execute("SELECT 1 FROM temp.ranked_for WHERE parameters = ?", (parameters,)).fetchone() is None:
        db.execute("DROP TABLE IF EXISTS temp.ranked")
        db.execute("DELETE FROM temp.ranked_for")
        db.execute(_RANKED.format(ranked=ranked), {"since": since, "until": until, "by_day": int(by_day)})
        db.execute("INSERT INTO temp.ranked_for VALUES (?)", (parameters,))
    return excluded


def _columnar(db: sqlite3.Connection, path: str, **kw):
    """:func:`~diplograph.graph.stores.sqlite_columns.count_facts`, or ``None`` when the ADBC
    driver cannot read the file (then the SQL of this module counts)."""
    import adbc_driver_sqlite.dbapi

    try:
        return count_facts(db, path, **kw)
    except adbc_driver_sqlite.dbapi.Error:
        return None


def _aggregate_parts(db: sqlite3.Connection):
    """The rows of :data:`_AGGREGATE` as DataFrames of :data:`GROUP_COLUMNS`, 100,000 at a time."""
    cursor = db.execute(_AGGREGATE)
    while part := cursor.fetchmany(100_000):
        yield pd.DataFrame.from_records(part, columns=GROUP_COLUMNS)


def _sample_state(db: sqlite3.Connection, parameters: list) -> str:
    """The key of a kept sample: its parameters and the store's state (:func:`_prepare`)."""
    return json.dumps([parameters, db.execute("SELECT state FROM temp.prepared").fetchone()[0]])


def _keep_sample(db: sqlite3.Connection, parameters: list, sample: TieSample) -> None:
    """Keep the sample that the columnar pass of :func:`sqlite_ties` counted beside the ties
    (in ``temp.sample_for``), for the :func:`sqlite_tie_sample` of the same parameters."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS sample_for (state TEXT, sample TEXT)")
    db.execute("DELETE FROM temp.sample_for")
    value = {name: getattr(sample, name) for name in TieSample.__slots__}
    db.execute("INSERT INTO temp.sample_for VALUES (?, ?)", (_sample_state(db, parameters), json.dumps(value)))


def _kept_sample(db: sqlite3.Connection, parameters: list) -> TieSample | None:
    """The sample :func:`_keep_sample` kept for these parameters and this state of the store, if any."""
    if db.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'sample_for'").fetchone() is None:
        return None
    row = db.execute("SELECT sample FROM temp.sample_for WHERE state = ?", (_sample_state(db, parameters),)).fetchone()
    if row is None:
        return None
    value = json.loads(row[0])
    value["by_node"] = {node: tuple(pair) for node, pair in value["by_node"].items()}
    value["months"] = {month: tuple(pair) for month, pair in value["months"].items()}
    return TieSample(**value)


def sqlite_ties(
    db: sqlite3.Connection,
    *,
    since: str | None = None,
    until: str | None = None,
    organizations: bool = False,
    level: str = "state",
    by_day: bool = False,
    event_rule: str = "every",
    event_weight: str = "one",
    sample: bool = False,
) -> Ties:
    """Aggregate the facts of an SQLite store into :class:`~diplograph.graph.model.ties.Ties`.

    Parameters
    ----------
    db:
        Connection to a diplograph store (read-only is enough).
    since, until:
        ISO dates, inclusive: only facts whose first day is in the window are read.
    organizations, level:
        As in :func:`~diplograph.graph.analysis.frame.fact_frame`.
    by_day:
        Group by day as well, and leave undated facts out (counted as ``undated``): what a
        half-life needs.
    event_rule, event_weight:
        Values of :class:`~diplograph.graph.analysis.events.EventRule` and
        :class:`~diplograph.graph.analysis.events.EventWeight`: which codings of coded event
        data are one event (the others counted as ``duplicateEvent``) and what it weighs.
    sample:
        Also count the :func:`sqlite_tie_sample` of the same parameters in the columnar pass
        (state level), kept for that call.

    Raises
    ------
    sqlite3.Error
        If the store cannot be read (the store wraps it in a StoreError).
    ValueError
        For an unknown level, event rule or weight.
    """
    path = columnar_path(db)
    counted = None
    if path is not None and event_rule in ("every", "day") and event_weight == "one":
        leaders_out = _prepare(db, since, until, level, organizations)
        counted = _columnar(db, path, since=since, until=until, by_day=by_day, event_rule=event_rule, sample=sample and level == "state")
    if counted is not None:
        if counted.sample is not None:
            _keep_sample(db, [since, until, organizations, by_day, event_rule, event_weight], counted.sample)
        parts = counted.groups
    else:
        leaders_out = _rank(db, since, until, level, organizations, by_day, event_rule, event_weight)
        parts = _aggregate_parts(db)
    node_of = {**dict(db.execute("SELECT code, node FROM temp.node_code")), 0: None}
    relation_of = dict(db.execute("SELECT code, relation FROM temp.relation_spec"))
    reason_of = {0: None, **{i + 1: reason for i, reason in enumerate(_REASONS)}}

    def groups():
        """The aggregate's rows a part at a time, codes mapped a column at a time (a large
        store has a row for most (source, target, relation) of its nodes)."""
        for frame in parts:
            for column, codes in (("source", node_of), ("target", node_of), ("relation", relation_of),
                                  ("source_reason", reason_of), ("target_reason", reason_of)):
                frame[column] = frame[column].map(codes)
            yield frame

    def node_info(nodes: list[str]):
        return db.execute("SELECT id, kind, name FROM actors WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(nodes),))

    return ties_from_groups(groups(), by_day=by_day, window=since is not None or until is not None, level=level,
                            node_info=node_info, not_for_state=leaders_out)


def sqlite_tie_sample(
    db: sqlite3.Connection,
    *,
    since: str | None = None,
    until: str | None = None,
    organizations: bool = False,
    dated: bool = False,
    event_rule: str = "every",
    event_weight: str = "one",
) -> TieSample:
    """:meth:`~diplograph.graph.stores.base.GraphStore.tie_sample` (state level): the counted
    facts with their outlets into a temporary table (from the ranked facts of
    :func:`sqlite_ties` with the same parameters when they are kept, else one pass over the
    facts), then three aggregates of it.

    Raises
    ------
    sqlite3.Error
        If the store cannot be read.
    ValueError
        For an unknown event rule or weight.
    """
    path = columnar_path(db)
    if path is not None and event_rule in ("every", "day") and event_weight == "one":
        _prepare(db, since, until, "state", organizations)
        parameters = [since, until, organizations, dated, event_rule, event_weight]
        kept = _kept_sample(db, parameters)
        if kept is not None:
            return kept
        counted = _columnar(db, path, since=since, until=until, by_day=dated, event_rule=event_rule, sample=True)
        if counted is not None:
            return counted.sample
    _rank(db, since, until, "state", organizations, dated, event_rule, event_weight)
    db.execute("DROP TABLE IF EXISTS temp.sample_outlets")
    db.execute(_SAMPLE_OUTLETS)
    try:
        facts, articles, coded, sources, days, undated = db.execute(_SAMPLE_TOTALS).fetchone()
        months = {month: (coop, confl) for month, coop, confl in db.execute(_SAMPLE_MONTHS)}
        by_node = {node: (n, outlets) for node, n, outlets in db.execute(_SAMPLE_BY_NODE)}
    finally:
        db.execute("DROP TABLE temp.sample_outlets")
    return TieSample(facts=facts, articles=articles, coded_events=coded, sources=sources, days=days, by_node=by_node,
                     undated=undated, months=months)


def sqlite_tie_facts(
    db: sqlite3.Connection,
    nodes: list[str],
    *,
    since: str | None = None,
    until: str | None = None,
    organizations: bool = False,
    level: str = "state",
    dated: bool = False,
    event_rule: str = "every",
    event_weight: str = "one",
) -> list[TieFact]:
    """:meth:`~diplograph.graph.stores.base.GraphStore.tie_facts`: a targeted query through
    the subject and object indexes. A merged event's weight includes its sources under the
    ``sources`` weighting."""
    ranked = _ranked(event_rule, event_weight)
    _prepare(db, since, until, level, organizations)
    params = {"since": since, "until": until, "by_day": int(dated)}
    wanted = json.dumps(sorted(set(nodes)))
    if level == "actor":
        ends = wanted
    else:
        ends = json.dumps([row[0] for row in db.execute(
            "SELECT id FROM actors WHERE id IN (SELECT value FROM json_each(:n)) "
            "OR (kind IN ('Leader', 'Firm') AND country IN (SELECT value FROM json_each(:n)))", {"n": wanted})])
    params["ends"] = ends
    chosen = set(nodes)
    out = [TieFact(*row) for row in db.execute(_TIE_FACTS.format(ranked=ranked), params) if row[1] in chosen and row[2] in chosen]
    return sorted(out, key=lambda t: t.key)
