"""The SQLite store's counting in one columnar pass: :data:`~diplograph.graph.model.ties.RULES`
over every fact read once, as Arrow columns, aggregated with numpy and pandas.

SQLite groups by sorting (a GROUP BY or window function sorts every row it reads), which cost
about 12 us of CPU a fact in the SQL of :mod:`~diplograph.graph.stores.sqlite_ties`; here one
query reads each fact as five numbers through Apache Arrow's ADBC SQLite driver (the ends as
actor rowids, relation and article packed in two integers, confidence and intensity), and the
rules run on the columns: facts that no event can merge are summed a batch at a time, and only
those that can (an article's candidates, and the dated coded events under the ``day`` rule)
are kept until every batch is read, then sorted once by event. Memory holds those candidates
(at most about 40 bytes each) and the groups, never a row a fact.

It serves the event rules ``every`` and ``day`` with the weighting ``one`` (the defaults of
every report); the ``source`` rule and ``sources`` weighting, which group by each coding's
source URL, run in SQL (:mod:`~diplograph.graph.stores.sqlite_ties`), as do the evidence
queries of a few ties.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

import numpy as np
import pandas as pd

from diplograph.graph.model.ties import TieSample

__all__ = ["columnar_path", "Counted", "count_facts"]

#: Bits of a packed first day (``yyyymmdd``) in the second column.
_DAY_BITS = 27
#: Batch size of the driver (rows).
_BATCH = 65_536


def columnar_path(db: sqlite3.Connection) -> str | None:
    """The file of ``db``'s main database when the columnar pass can read it (a file store),
    else ``None`` (an in-memory database)."""
    for _, name, file in db.execute("PRAGMA database_list"):
        if name == "main":
            return file or None
    return None


@dataclass(slots=True)
class Counted:
    """What :func:`count_facts` returns: ``groups`` (a DataFrame of
    :data:`~diplograph.graph.stores.ties.GROUP_COLUMNS`, node codes, relation codes and reason
    codes still as integers) and the ``sample`` of the counted facts (``None`` unless asked)."""

    groups: pd.DataFrame
    sample: TieSample | None


def _host(x: str) -> str:
    from diplograph.graph.stores.sqlite_ties import _host as host

    return host(x)


def _query(window: bool, outlets: bool, actor_bits: int, packed_rowid: bool) -> str:
    """One row a fact read: ``a`` = the fact's rowid (with ``packed_rowid``), subject rowid,
    object rowid, relation code and whether it is an article's, packed; ``b`` = article rowid (an article's fact) or event root code (a coded
    event) above the first day as ``yyyymmdd`` (0 when undated); confidence; intensity
    (|Goldstein|, else its CAMEO code's, else the relation's); the rowid unless packed; with ``outlets`` the
    origin of a coded event (its source URL, else its publisher). A first row of typed literals fixes the driver's column types."""
    day = "CASE length(f.date) WHEN 4 THEN f.date || '-01-01' WHEN 7 THEN f.date || '-01' ELSE f.date END"
    where = f"WHERE (:since IS NULL OR {day} >= :since) AND (:until IS NULL OR {day} <= :until)" if window else ""
    host = ", CASE WHEN f.article_id IS NULL THEN coalesce(nullif(f.source_url, ''), f.reported_by) END" if outlets else ""
    typed = (", 0" if not packed_rowid else "") + (", ''" if outlets else "")
    rowid = f"(f.rowid << {actor_bits}) | " if packed_rowid else ""
    return f"""
SELECT 0, 0, 0.0, 0.0{typed}
UNION ALL
SELECT (((({rowid}s.rowid) << {actor_bits}) | o.rowid) << 9) | (r.code << 1) | (f.article_id IS NOT NULL),
       (coalesce(CASE WHEN f.article_id IS NOT NULL THEN a.rowid ELSE coalesce(c.root, r.code) END, 0) << {_DAY_BITS})
           | coalesce(CAST(replace({day}, '-', '') AS INTEGER), 0),
       f.confidence, coalesce(abs(f.goldstein), c.intensity, r.intensity){"" if packed_rowid else ", f.rowid"}{host}
FROM facts f
JOIN actors s ON s.id = f.subject_id
JOIN actors o ON o.id = f.object_id
JOIN temp.relation_spec r ON r.relation = f.relation
LEFT JOIN temp.cameo_info c ON c.code = f.cameo
LEFT JOIN articles a ON a.id = f.article_id
{where}
"""


def url_hosts(values):
    """:func:`~diplograph.graph.model.ties.url_host` of each value of a pyarrow string array, in
    Arrow: what follows the first ``://`` up to ``/``, ``?`` or ``#``, the value itself when that
    is empty or there is no ``://``, null for null or ''."""
    import pyarrow as pa
    import pyarrow.compute as pc

    host = pc.extract_regex(values, r"://(?P<host>[^/?#]*)").field("host")
    found = pc.fill_null(pc.not_equal(host, ""), False)
    out = pc.if_else(found, host, values)
    return pc.if_else(pc.fill_null(pc.equal(values, ""), False), pa.scalar(None, pa.string()), out)


def _batches(path: str, relations: list[tuple], cameos: list[tuple], since, until, outlets: bool, actor_bits: int,
             packed_rowid: bool):
    """The columns of :func:`_query`, a record batch at a time, as numpy arrays (and the outlet
    as a pyarrow array)."""
    import adbc_driver_sqlite.dbapi

    with adbc_driver_sqlite.dbapi.connect(f"file:{path}?mode=ro") as connection:
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE relation_spec (relation TEXT PRIMARY KEY, code INTEGER, intensity REAL) WITHOUT ROWID")
            cursor.execute("INSERT INTO temp.relation_spec SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
                           (json.dumps(relations),))
            cursor.execute("CREATE TEMP TABLE cameo_info (code TEXT PRIMARY KEY, intensity REAL, root INTEGER) WITHOUT ROWID")
            cursor.execute("INSERT INTO temp.cameo_info SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
                           (json.dumps(cameos),))
            cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(_BATCH)})
            window = since is not None or until is not None
            cursor.execute(_query(window, outlets, actor_bits, packed_rowid), (since, until) if window else None)
            first = True
            for batch in cursor.fetch_record_batch():
                if first:
                    batch, first = batch.slice(1), False
                if batch.num_rows:
                    yield batch


#: The sums of a group of facts: how many, how many count, how many are other codings of a coded
#: event, how many of those that count weigh more than 0, their weight, how many are undated.
_SUMS = ("n", "counted", "merged", "weighted", "weight", "undated")


def _sum_groups(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Partial aggregates (columns ``g``, ``day``, :data:`_SUMS`, ``first``, ``last``) of the
    same groups added up: sorted by group, sums added, first days their minimum and last their
    maximum (``numpy.ufunc.reduceat`` over each group's run)."""
    column = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]} if len(parts) > 1 else parts[0]
    order = np.lexsort((column["day"], column["g"]))
    g, day = column["g"][order], column["day"][order]
    start = np.ones(len(g), dtype=bool)
    start[1:] = (g[1:] != g[:-1]) | (day[1:] != day[:-1])
    at = np.flatnonzero(start)
    out = {"g": g[at], "day": day[at]}
    for name in _SUMS:
        out[name] = np.add.reduceat(column[name][order], at) if len(at) else column[name][:0]
    out["first"] = np.minimum.reduceat(column["first"][order], at) if len(at) else column["first"][:0]
    out["last"] = np.maximum.reduceat(column["last"][order], at) if len(at) else column["last"][:0]
    return out


def _partial(g, day, counted, merged, w, dated, by_day: bool) -> dict[str, np.ndarray]:
    """Aggregate of some facts by group (``g``, with ``by_day`` also ``day``): ``counted`` and
    ``merged`` are masks, ``w`` the weights, ``dated`` the facts with a date."""
    late = np.iinfo(np.int64).max
    return _sum_groups([{
        "g": g, "day": day if by_day else np.zeros(len(g), dtype=np.int64), "n": np.ones(len(g), dtype=np.int64),
        "counted": counted.astype(np.int64), "merged": merged.astype(np.int64),
        "weighted": (counted & (w > 0)).astype(np.int64), "weight": np.where(counted, w, 0.0),
        "undated": (~dated).astype(np.int64),
        "first": np.where(counted & dated, day, late), "last": np.where(counted & dated, day, -1),
    }])


def count_facts(db: sqlite3.Connection, path: str, *, since, until, by_day: bool, event_rule: str,
                sample: bool) -> Counted:
    """Apply :data:`~diplograph.graph.model.ties.RULES` to the facts of the store at ``path``
    (window ``since``/``until``; event rule ``every`` or ``day``, weighting ``one``) with the
    nodes of ``db``'s ``temp.actor_node`` (:func:`~diplograph.graph.stores.sqlite_ties._prepare`).

    Returns
    -------
    Counted
        The aggregate rows by (source code, target code, relation code, source reason, target
        reason[, day]) and, with ``sample``, the :class:`TieSample` of the counted facts
        (state level; outlets as :func:`~diplograph.graph.stores.sqlite_ties.sqlite_tie_sample`).

    Raises
    ------
    ValueError
        For an event rule other than ``every`` and ``day``.
    """
    if event_rule not in ("every", "day"):
        raise ValueError(f"the columnar pass merges under 'every' and 'day', not {event_rule!r}")
    import pyarrow as pa
    import pyarrow.compute as pc

    # actor rowid -> node code (0: none) and reason code (0: none)
    actors = db.execute("SELECT a.rowid, coalesce(n.code, 0), coalesce(n.reason, 0) FROM actors a "
                        "JOIN temp.actor_node n ON n.id = a.id").fetchall()
    top = max((row[0] for row in actors), default=0)
    actor_bits = max(1, int(top).bit_length())
    node_of = np.zeros(top + 1, dtype=np.int64)
    reason_of = np.zeros(top + 1, dtype=np.int64)
    if actors:
        ids, nodes, reasons = (np.array(column, dtype=np.int64) for column in zip(*actors))
        node_of[ids], reason_of[ids] = nodes, reasons
    node_bits = max(1, int(node_of.max()).bit_length())
    if 2 * actor_bits + 9 > 63 or 2 * node_bits + 12 > 63:
        raise ValueError("too many actors for the columnar pass")
    # the fact's rowid rides in the first column when it fits (a column fewer to read)
    last = db.execute("SELECT max(rowid) FROM facts").fetchone()[0] or 0
    packed_rowid = int(last).bit_length() + 2 * actor_bits + 9 <= 63
    spec = db.execute("SELECT code, relation, sign, symmetric, intensity FROM temp.relation_spec").fetchall()
    sign_of = np.zeros(256, dtype=np.int64)
    symmetric_of = np.zeros(256, dtype=bool)
    for code, _, sign, symmetric, _ in spec:
        sign_of[code], symmetric_of[code] = sign, bool(symmetric)
    relations = [(relation, code, intensity) for code, relation, _, _, intensity in spec]
    # CAMEO code -> weight and root (its first two characters), roots numbered above the relation codes
    weights = dict(db.execute("SELECT code, intensity FROM temp.cameo_weight"))
    codes = [row[0] for row in db.execute("SELECT DISTINCT cameo FROM facts WHERE cameo IS NOT NULL AND cameo != ''")]
    roots = {root: 1000 + i for i, root in enumerate(sorted({code[:2] for code in codes}))}
    cameos = [(code, weights.get(code), roots[code[:2]]) for code in codes]

    merge_coded = event_rule == "day"
    partials: list[dict[str, np.ndarray]] = []
    kept: dict[str, list[np.ndarray]] = {name: [] for name in ("a", "b", "conf", "inten", "rowid", "outlet")}
    outlet_code: dict[str, int] = {}
    counted_parts: list[dict[str, np.ndarray]] = []  # the counted candidates that merge with none (sample)

    def outlet_codes(origins) -> np.ndarray:
        """Global codes of the outlets of a batch's origins (-1 for none): :func:`url_host`."""
        hosts = url_hosts(origins)
        encoded = pc.dictionary_encode(hosts)
        local = np.array([outlet_code.setdefault(host, len(outlet_code)) for host in encoded.dictionary.to_pylist()] + [-1],
                         dtype=np.int64)
        return local[encoded.indices.fill_null(len(local) - 1).to_numpy(zero_copy_only=False)]

    def decode(a):
        is_article = (a & 1).astype(bool)
        relation = (a >> 1) & 255
        obj = (a >> 9) & ((1 << actor_bits) - 1)
        subj = (a >> (9 + actor_bits)) & ((1 << actor_bits) - 1)
        return is_article, relation, node_of[subj], node_of[obj], reason_of[subj], reason_of[obj]

    def group_of(src, dst, relation, src_reason, dst_reason):
        return ((((src << node_bits | dst) << 8 | relation) << 2 | src_reason) << 2) | dst_reason

    def candidates(relation, src, dst, day):
        return (sign_of[relation] != 0) & (src > 0) & (dst > 0) & (src != dst) & ((day > 0) if by_day else True)

    for batch in _batches(path, relations, cameos, since, until, sample, actor_bits, packed_rowid):
        a = batch.column(0).to_numpy()
        b = batch.column(1).to_numpy()
        conf = batch.column(2).to_numpy()
        inten = batch.column(3).to_numpy()
        is_article, relation, src, dst, src_reason, dst_reason = decode(a)
        day = b & ((1 << _DAY_BITS) - 1)
        candidate = candidates(relation, src, dst, day)
        ranked = candidate & (is_article | ((day > 0) if merge_coded else False))
        direct = ~ranked
        w = inten * conf
        g = group_of(src, dst, relation, src_reason, dst_reason)
        partials.append(_partial(g[direct], day[direct], direct[direct], np.zeros(int(direct.sum()), dtype=bool),
                                 w[direct], day[direct] > 0, by_day))
        outlets = outlet_codes(batch.column(batch.num_columns - 1)) if sample else None
        if sample:
            plain = direct & candidate  # coded events that count whatever the others
            counted_parts.append({
                "src": src[plain], "dst": dst[plain], "article": np.zeros(int(plain.sum()), dtype=np.int64),
                "outlet": outlets[plain], "day": day[plain], "cls": np.where(w[plain] > 0, sign_of[relation[plain]], 0)})
        kept["a"].append(a[ranked])
        kept["b"].append(b[ranked])
        kept["conf"].append(conf[ranked])
        kept["inten"].append(inten[ranked])
        kept["rowid"].append(a[ranked] >> (9 + 2 * actor_bits) if packed_rowid else batch.column(4).to_numpy()[ranked])
        if sample:
            kept["outlet"].append(outlets[ranked])
        if len(partials) >= 16:
            partials = [_sum_groups(partials)]

    # the facts that events may merge: sorted by event, the strongest first
    column = {name: (np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)) for name, parts in kept.items()}
    del kept
    a, b = column["a"], column["b"]
    is_article, relation, src, dst, src_reason, dst_reason = decode(a)
    day = b & ((1 << _DAY_BITS) - 1)
    conf, inten, rowid = column["conf"].astype(np.float64), column["inten"].astype(np.float64), column["rowid"]
    w = inten * conf
    swap = symmetric_of[relation] & (dst < src)
    lo, hi = np.where(swap, dst, src), np.where(swap, src, dst)
    # events: an article's (article, lo, relation, hi) and a coded event's (root, lo, hi, first day), as
    # two integers; an article's facts order by confidence, then intensity, a coded event's by weight
    event_of = (b >> _DAY_BITS) << 1 | is_article
    pair = (((lo << node_bits | hi) << 8 | np.where(is_article, relation, 0)) << _DAY_BITS) | np.where(is_article, 0, day)
    first_value = np.where(is_article, conf, w)
    second_value = np.where(is_article, inten, 0.0)
    order = np.lexsort((-second_value, -first_value, pair, event_of))
    event_of, pair, first_value, second_value = event_of[order], pair[order], first_value[order], second_value[order]
    n = len(order)
    start = np.ones(n, dtype=bool)
    start[1:] = (event_of[1:] != event_of[:-1]) | (pair[1:] != pair[:-1])
    same_as_before = np.zeros(n, dtype=bool)
    same_as_before[1:] = ~start[1:] & (first_value[1:] == first_value[:-1]) & (second_value[1:] == second_value[:-1])
    winner = start.copy()
    # where the next facts are as strong as an event's first, the smallest key among them counts
    heads = np.flatnonzero(start[:-1] & same_as_before[1:]) if n else np.zeros(0, dtype=np.int64)
    if len(heads):
        run = np.cumsum(~same_as_before)
        positions = np.flatnonzero(np.isin(run, run[heads]))
        keys = dict(db.execute("SELECT rowid, key FROM facts WHERE rowid IN (SELECT value FROM json_each(?))",
                               (json.dumps(rowid[order][positions].tolist()),)))
        best: dict[int, tuple[str, int]] = {}
        for position, r in zip(positions.tolist(), run[positions].tolist()):
            key = keys[int(rowid[order[position]])]
            if r not in best or key < best[r][0]:
                best[r] = (key, position)
        winner[heads] = False
        winner[[position for _, position in best.values()]] = True
    counted = np.empty(n, dtype=bool)
    counted[order] = winner
    g = group_of(src, dst, relation, src_reason, dst_reason)
    if n:
        partials.append(_partial(g, day, counted, ~counted & ~is_article, w, day > 0, by_day))
    groups = _sum_groups(partials) if partials else None

    result = None
    if sample:
        frames = counted_parts
        if n:
            mine = counted
            frames.append({"src": src[mine], "dst": dst[mine], "article": np.where(is_article[mine], b[mine] >> _DAY_BITS, 0),
                           "outlet": column["outlet"][mine], "day": day[mine],
                           "cls": np.where(w[mine] > 0, sign_of[relation[mine]], 0)})
        result = _sample(db, {name: np.concatenate([frame[name] for frame in frames]) if frames else np.zeros(0, dtype=np.int64)
                              for name in ("src", "dst", "article", "outlet", "day", "cls")}, outlet_code)
    return Counted(groups=_rows(groups, node_bits, by_day), sample=result)


def _iso(day: np.ndarray) -> np.ndarray:
    """``yyyymmdd`` integers as ISO dates (None for 0), each distinct day converted once."""
    values, codes = np.unique(day, return_inverse=True)
    text = np.array([f"{v // 10000:04d}-{v // 100 % 100:02d}-{v % 100:02d}" if v > 0 else None for v in values.tolist()],
                    dtype=object)
    return text[codes.reshape(-1)]


def _rows(groups: dict[str, np.ndarray] | None, node_bits: int, by_day: bool) -> pd.DataFrame:
    """The aggregate as rows of :data:`~diplograph.graph.stores.ties.GROUP_COLUMNS` (codes)."""
    from diplograph.graph.stores.ties import GROUP_COLUMNS

    if groups is None or not len(groups["g"]):
        return pd.DataFrame({name: [] for name in GROUP_COLUMNS})
    g = groups["g"]
    late = np.iinfo(np.int64).max
    first, last = groups["first"], groups["last"]
    return pd.DataFrame({
        "source": g >> (node_bits + 12), "target": (g >> 12) & ((1 << node_bits) - 1), "relation": (g >> 4) & 255,
        "source_reason": (g >> 2) & 3, "target_reason": g & 3,
        "day": _iso(groups["day"]) if by_day else None,
        **{name: groups[name] for name in _SUMS},
        "counted_first": _iso(np.where(first == late, 0, first)), "counted_last": _iso(np.where(last == -1, 0, last)),
    })


def _sample(db: sqlite3.Connection, counted: dict[str, np.ndarray], outlet_code: dict[str, int]) -> TieSample:
    """The :class:`TieSample` of the counted candidates (columns ``src``, ``dst``, ``article``
    rowid or 0, ``outlet`` code or -1, ``day`` as ``yyyymmdd`` or 0, ``cls`` the sign of a fact
    that weighs, else 0)."""
    article, outlet, day, cls = counted["article"], counted["outlet"].copy(), counted["day"], counted["cls"]
    in_article = article > 0
    wanted = np.unique(article[in_article])
    if len(wanted):
        # an article's outlet: its source, else its URL's host, else "article <id>"
        rows = db.execute(
            f"SELECT rowid, coalesce(nullif(source, ''), {_host('url')}, 'article ' || id) FROM articles "
            "WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid", (json.dumps(wanted.tolist()),)).fetchall()
        article_outlets = np.array([outlet_code.setdefault(host, len(outlet_code)) for _, host in rows], dtype=np.int64)
        outlet[in_article] = article_outlets[np.searchsorted(wanted, article[in_article])]
    dated = day > 0
    month, month_index = np.unique(day[dated] // 100, return_inverse=True)
    month_index = month_index.reshape(-1)
    coop = np.bincount(month_index, weights=cls[dated] > 0, minlength=len(month))
    confl = np.bincount(month_index, weights=cls[dated] < 0, minlength=len(month))
    ends = np.concatenate([counted["src"], counted["dst"]])
    top = int(ends.max()) + 1 if len(ends) else 1
    facts_of = np.bincount(ends, minlength=top)
    both = np.concatenate([outlet, outlet])
    node_outlets = np.unique(ends[both >= 0] * (len(outlet_code) + 1) + both[both >= 0])
    outlets_of = np.bincount(node_outlets // (len(outlet_code) + 1), minlength=top)
    node_of = dict(db.execute("SELECT code, node FROM temp.node_code"))
    return TieSample(
        facts=len(article), articles=len(wanted), coded_events=int((~in_article).sum()),
        sources=len(np.unique(outlet[outlet >= 0])), days=len(np.unique(day[dated])),
        by_node={node_of[code]: (int(facts_of[code]), int(outlets_of[code])) for code in np.flatnonzero(facts_of).tolist()},
        undated=int((~dated).sum()),
        months={f"{m // 100:04d}-{m % 100:02d}": (int(c), int(f)) for m, c, f in zip(month.tolist(), coop.tolist(), confl.tolist())},
    )
