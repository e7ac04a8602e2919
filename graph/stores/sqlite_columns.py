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
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from diplograph.graph.model.ties import TieSample

__all__ = ["columnar_path", "Counted", "count_facts"]

#: Bits of a packed first day (``yyyymmdd``) in the second column.
_DAY_BITS = 27
#: Batch size of the driver (rows).
_BATCH = 65_536
#: Threads that read the facts, at most one a core.
_THREADS = 2
#: The facts events may merge are kept in this many buckets, ranked one bucket at a time.
_BUCKETS = 32


def columnar_path(db: sqlite3.Connection) -> str | None:
    """The file of ``db``'s main database when the columnar pass can read it (a file store),
    else ``None`` (an in-memory database)."""
    for _, name, file in db.execute("PRAGMA database_list"):
        if name == "main":
            return file or None
    return None


@dataclass(slots=True)
class Counted:
    """What :func:`count_facts` returns: ``groups`` (DataFrames of
    :data:`~diplograph.graph.stores.ties.GROUP_COLUMNS`, a part at a time, node codes, relation
    codes and reason codes still as integers) and the ``sample`` of the counted facts (``None``
    unless asked)."""

    groups: Iterator[pd.DataFrame]
    sample: TieSample | None


def _host(x: str) -> str:
    from diplograph.graph.stores.sqlite_ties import _host as host

    return host(x)


def _query(outlets: bool, actor_bits: int, packed_rowid: bool) -> str:
    """One row a fact read: ``a`` = the fact's rowid (with ``packed_rowid``), subject rowid,
    object rowid, relation code and whether it is an article's, packed; ``b`` = article rowid (an article's fact) or event root code (a coded
    event) above the first day as ``yyyymmdd`` (0 when undated); confidence; intensity
    (|Goldstein|, else its CAMEO code's, else the relation's); the rowid unless packed; with ``outlets`` the
    origin of a coded event (its source URL, else its publisher). A first row of typed literals fixes the driver's column types."""
    day = "CASE length(f.date) WHEN 4 THEN f.date || '-01-01' WHEN 7 THEN f.date || '-01' ELSE f.date END"
    where = f"WHERE f.rowid BETWEEN ?1 AND ?2 AND (?3 IS NULL OR {day} >= ?3) AND (?4 IS NULL OR {day} <= ?4)"
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
             packed_rowid: bool, rowids: tuple[int, int]):
    """The rows of :func:`_query` with a rowid in ``rowids`` (first, last), as Arrow record
    batches, through a read-only connection of the driver's own."""
    import adbc_driver_sqlite.dbapi

    with adbc_driver_sqlite.dbapi.connect(f"file:{path}?mode=ro") as connection:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 30000")  # as the store's own connections wait for a writer
            cursor.execute("CREATE TEMP TABLE relation_spec (relation TEXT PRIMARY KEY, code INTEGER, intensity REAL) WITHOUT ROWID")
            cursor.execute("INSERT INTO temp.relation_spec SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
                           (json.dumps(relations),))
            cursor.execute("CREATE TEMP TABLE cameo_info (code TEXT PRIMARY KEY, intensity REAL, root INTEGER) WITHOUT ROWID")
            cursor.execute("INSERT INTO temp.cameo_info SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
                           (json.dumps(cameos),))
            cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(_BATCH)})
            cursor.execute(_query(outlets, actor_bits, packed_rowid), (*rowids, since, until))
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
    ``merged`` are masks, ``w`` the weights, ``dated`` the facts with a date. Counts and days
    are 32-bit (a large store has over a million groups)."""
    late = np.iinfo(np.int32).max
    day = day.astype(np.int32)
    return _sum_groups([{
        "g": g, "day": day if by_day else np.zeros(len(g), dtype=np.int32), "n": np.ones(len(g), dtype=np.int32),
        "counted": counted.astype(np.int32), "merged": merged.astype(np.int32),
        "weighted": (counted & (w > 0)).astype(np.int32), "weight": np.where(counted, w, 0.0),
        "undated": (~dated).astype(np.int32),
        "first": np.where(counted & dated, day, late).astype(np.int32), "last": np.where(counted & dated, day, -1).astype(np.int32),
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
    top_fact = db.execute("SELECT max(rowid) FROM facts").fetchone()[0] or 0
    packed_rowid = int(top_fact).bit_length() + 2 * actor_bits + 9 <= 63
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
    outlet_code: dict[str, int] = {}

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

    def scan(rowids: tuple[int, int]) -> tuple[list, dict, list]:
        """Read the facts of a rowid range: the partial aggregates of those no event merges,
        the columns of those an event may merge, and (``sample``) the counted ones of the first."""
        partials: list[dict[str, np.ndarray]] = []
        kept: list[list[dict]] = [[] for _ in range(_BUCKETS)]
        counts = _SampleCounts(outlet_code)
        for batch in _batches(path, relations, cameos, since, until, sample, actor_bits, packed_rowid, rowids):
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
            outlets = outlet_codes(batch.column(batch.num_columns - 1)) if sample else np.zeros(len(a), dtype=np.int32)
            if sample:
                plain = direct & candidate  # coded events that count whatever the others
                counts.add(src[plain], dst[plain], np.zeros(int(plain.sum()), dtype=np.int64), outlets[plain], day[plain],
                           np.where(w[plain] > 0, sign_of[relation[plain]], 0))
            # an event is within one bucket: an article's by its article, a coded event's by its day
            bucket = np.where(is_article, b >> _DAY_BITS, day) % _BUCKETS
            rowids = None if packed_rowid else batch.column(4).to_numpy()
            for k in range(_BUCKETS):
                mine = ranked & (bucket == k)
                for rows, arts in ((mine & is_article, True), (mine & ~is_article, False)):
                    kept[k].append({"a": a[rows], "b": b[rows], "conf": conf[rows] if arts else w[rows],
                                    "inten": inten[rows] if arts else None, "rowid": None if packed_rowid else rowids[rows],
                                    "outlet": outlets[rows].astype(np.int32) if sample else None})
            if len(partials) >= 16:
                partials = [_sum_groups(partials)]
        return partials, kept, counts

    # two rowid ranges read at once, by two threads (the driver and numpy release the GIL while
    # they work), then put together in order, so that sums add up in the same order every time
    low = db.execute("SELECT min(rowid) FROM facts").fetchone()[0] or 0
    threads = max(1, min(_THREADS, os.cpu_count() or 1))
    step = (top_fact - low) // threads + 1
    ranges = [(low + i * step, low + (i + 1) * step - 1) for i in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        scanned = list(pool.map(scan, ranges))
    partials = [part for result in scanned for part in result[0]]
    buckets = [[part for result in scanned for part in result[1][k]] for k in range(_BUCKETS)]
    counts = _SampleCounts(outlet_code)
    for result in scanned:
        counts.merge(result[2])
    del scanned

    for k in range(_BUCKETS):
        parts, buckets[k] = buckets[k], None
        if parts:
            counted = _rank_bucket(db, parts, decode, group_of, symmetric_of, node_bits, packed_rowid, actor_bits, by_day)
            partials = [_sum_groups([*partials, counted[0]])]
            if sample:
                counts.add(*counted[1:3], *counted[3:6], np.where(counted[6] > 0, sign_of[counted[7]], 0))
    groups = _sum_groups(partials) if partials else None
    result = counts.sample(db, node_bits) if sample else None
    return Counted(groups=_rows(groups, node_bits, by_day), sample=result)


def _rank_bucket(db, parts, decode, group_of, symmetric_of, node_bits, packed_rowid, actor_bits, by_day):
    """Rank the facts of one bucket that events may merge (the strongest of each event counts,
    the smallest key among equally strong ones); return their partial aggregate and the columns
    of those that count (source, target, article rowid or 0, outlet, day, weight, relation)."""
    a = np.concatenate([part["a"] for part in parts])
    b = np.concatenate([part["b"] for part in parts])
    rowid = a >> (9 + 2 * actor_bits) if packed_rowid else np.concatenate([part["rowid"] for part in parts])
    outlet = np.concatenate([part["outlet"] if part["outlet"] is not None else np.zeros(len(part["a"]), dtype=np.int32)
                             for part in parts]).astype(np.int64)
    is_article, relation, src, dst, src_reason, dst_reason = decode(a)
    conf = np.concatenate([part["conf"] for part in parts])
    inten = np.concatenate([part["inten"] if part["inten"] is not None else np.zeros(len(part["a"])) for part in parts])
    del parts
    w = np.where(is_article, inten * conf, conf)  # a coded event's weight was kept in place of its confidence
    day = b & ((1 << _DAY_BITS) - 1)
    swap = symmetric_of[relation] & (dst < src)
    lo, hi = np.where(swap, dst, src), np.where(swap, src, dst)
    # events: an article's (article, lo, relation, hi) and a coded event's (root, lo, hi, first day), as
    # two integers; an article's facts order by confidence, then intensity, a coded event's by weight
    event_of = (b >> _DAY_BITS) << 1 | is_article
    pair = (((lo << node_bits | hi) << 8 | np.where(is_article, relation, 0)) << _DAY_BITS) | np.where(is_article, 0, day)
    del lo, hi, swap
    order = np.lexsort((-inten, -conf, pair, event_of))
    event_of, pair, first_value, second_value = event_of[order], pair[order], conf[order], inten[order]
    n = len(order)
    start = np.ones(n, dtype=bool)
    start[1:] = (event_of[1:] != event_of[:-1]) | (pair[1:] != pair[:-1])
    del event_of, pair
    same_as_before = np.zeros(n, dtype=bool)
    same_as_before[1:] = ~start[1:] & (first_value[1:] == first_value[:-1]) & (second_value[1:] == second_value[:-1])
    winner = start
    # where the next facts are as strong as an event's first, the smallest key among them counts
    heads = np.flatnonzero(start[:-1] & same_as_before[1:])
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
        winner = start.copy()
        winner[heads] = False
        winner[[position for _, position in best.values()]] = True
    counted = np.empty(n, dtype=bool)
    counted[order] = winner
    g = group_of(src, dst, relation, src_reason, dst_reason)
    partial = _partial(g, day, counted, ~counted & ~is_article, w, day > 0, by_day)
    return (partial, src[counted], dst[counted], np.where(is_article[counted], b[counted] >> _DAY_BITS, 0), outlet[counted],
            day[counted], w[counted], relation[counted])


def _iso(day: np.ndarray) -> np.ndarray:
    """``yyyymmdd`` integers as ISO dates (None for 0), each distinct day converted once."""
    values, codes = np.unique(day, return_inverse=True)
    text = np.array([f"{v // 10000:04d}-{v // 100 % 100:02d}-{v % 100:02d}" if v > 0 else None for v in values.tolist()],
                    dtype=object)
    return text[codes.reshape(-1)]


def _rows(groups: dict[str, np.ndarray] | None, node_bits: int, by_day: bool, size: int = 100_000):
    """The aggregate as DataFrames of :data:`~diplograph.graph.stores.ties.GROUP_COLUMNS` (node,
    relation and reason codes), ``size`` rows at a time."""
    if groups is None:
        return
    late = np.iinfo(np.int32).max
    for at in range(0, len(groups["g"]), size):
        part = {name: column[at:at + size] for name, column in groups.items()}
        g, first, last = part["g"], part["first"], part["last"]
        yield pd.DataFrame({
            "source": g >> (node_bits + 12), "target": (g >> 12) & ((1 << node_bits) - 1), "relation": (g >> 4) & 255,
            "source_reason": (g >> 2) & 3, "target_reason": g & 3,
            "day": _iso(part["day"]) if by_day else None,
            **{name: part[name] for name in _SUMS},
            "counted_first": _iso(np.where(first == late, 0, first)), "counted_last": _iso(np.where(last == -1, 0, last)),
        })


class _SampleCounts:
    """What :class:`TieSample` counts, added up over parts of the counted facts (the facts that
    count need not be kept): totals, distinct articles, days, outlets and (node, outlet) pairs,
    facts by node and a month. An article's outlet is read from ``articles`` at the end."""

    def __init__(self, outlet_code: dict[str, int]) -> None:
        self.outlet_code = outlet_code
        self.facts = self.coded = self.undated = 0
        self.articles: list[np.ndarray] = []
        self.days: set[int] = set()
        self.outlets: set[int] = set()
        self.node_outlets: set[tuple[int, int]] = set()
        self.node_articles: list[np.ndarray] = []
        self.by_node: dict[int, int] = {}
        self.months: dict[int, list[int]] = {}

    def add(self, src, dst, article, outlet, day, cls) -> None:
        """Count some facts that count: node codes, article rowid (0: a coded event), outlet code
        (-1: none; ignored for an article's), first day as ``yyyymmdd`` (0: undated), sign of
        the relation of those that weigh (else 0)."""
        in_article = article > 0
        self.facts += len(article)
        self.coded += int((~in_article).sum())
        self.undated += int((day == 0).sum())
        self.articles.append(np.unique(article[in_article]))
        if len(self.articles) > 8:
            self.articles = [np.unique(np.concatenate(self.articles))]
        dated = day > 0
        self.days.update(np.unique(day[dated]).tolist())
        month, index = np.unique(day[dated] // 100, return_inverse=True)
        index = index.reshape(-1)
        coop = np.bincount(index, weights=cls[dated] > 0, minlength=len(month))
        confl = np.bincount(index, weights=cls[dated] < 0, minlength=len(month))
        for m, c, f in zip(month.tolist(), coop.tolist(), confl.tolist()):
            total = self.months.setdefault(m, [0, 0])
            total[0] += int(c)
            total[1] += int(f)
        ends = np.concatenate([src, dst])
        nodes, n = np.unique(ends, return_counts=True)
        for node, count in zip(nodes.tolist(), n.tolist()):
            self.by_node[node] = self.by_node.get(node, 0) + count
        coded_outlet = np.where(in_article, -1, outlet)
        self.outlets.update(np.unique(coded_outlet[coded_outlet >= 0]).tolist())
        both_outlets = np.concatenate([coded_outlet, coded_outlet])
        pairs = np.unique(ends[both_outlets >= 0] << 32 | both_outlets[both_outlets >= 0])
        self.node_outlets.update(zip((pairs >> 32).tolist(), (pairs & 0xFFFFFFFF).tolist()))
        both = np.concatenate([in_article, in_article])
        self.node_articles.append(np.unique(ends[both] << 40 | np.concatenate([article, article])[both]))
        if len(self.node_articles) > 8:
            self.node_articles = [np.unique(np.concatenate(self.node_articles))]

    def merge(self, other: "_SampleCounts") -> None:
        """Add the counts of ``other``."""
        self.facts += other.facts
        self.coded += other.coded
        self.undated += other.undated
        self.articles += other.articles
        self.days |= other.days
        self.outlets |= other.outlets
        self.node_outlets |= other.node_outlets
        self.node_articles += other.node_articles
        for node, count in other.by_node.items():
            self.by_node[node] = self.by_node.get(node, 0) + count
        for month, (coop, confl) in other.months.items():
            total = self.months.setdefault(month, [0, 0])
            total[0] += coop
            total[1] += confl

    def sample(self, db: sqlite3.Connection, node_bits: int) -> TieSample:
        """The :class:`TieSample`: each counted article's outlet is its source, else its URL's
        host, else ``article <id>``."""
        from diplograph.graph.stores.sqlite_ties import _host

        wanted = np.unique(np.concatenate(self.articles)).tolist() if self.articles else []
        outlet_of = {}
        if wanted:
            rows = db.execute(f"SELECT rowid, coalesce(nullif(source, ''), {_host('url')}, 'article ' || id) FROM articles "
                              "WHERE rowid IN (SELECT value FROM json_each(?))", (json.dumps(wanted),))
            outlet_of = {rowid: self.outlet_code.setdefault(host, len(self.outlet_code)) for rowid, host in rows}
        outlets, node_outlets = set(self.outlets), set(self.node_outlets)
        outlets.update(outlet_of.values())
        if self.node_articles and wanted:
            pairs = np.unique(np.concatenate(self.node_articles))
            article_outlet = np.array([outlet_of[article] for article in wanted], dtype=np.int64)
            outlet = article_outlet[np.searchsorted(np.array(wanted, dtype=np.int64), pairs & ((1 << 40) - 1))]
            pairs = np.unique((pairs >> 40) << 32 | outlet)
            node_outlets.update(zip((pairs >> 32).tolist(), (pairs & 0xFFFFFFFF).tolist()))
        distinct: dict[int, int] = {}
        for node, _ in node_outlets:
            distinct[node] = distinct.get(node, 0) + 1
        node_of = dict(db.execute("SELECT code, node FROM temp.node_code"))
        return TieSample(
            facts=self.facts, articles=len(wanted), coded_events=self.coded, sources=len(outlets), days=len(self.days),
            by_node={node_of[code]: (n, distinct.get(code, 0)) for code, n in sorted(self.by_node.items())},
            undated=self.undated,
            months={f"{m // 100:04d}-{m % 100:02d}": tuple(self.months[m]) for m in sorted(self.months)},
        )
