"""The SQLite store's counting in one columnar pass: :data:`~diplograph.graph.model.ties.RULES`
over every fact read once, as Arrow columns, aggregated with numpy and pandas.

SQLite groups by sorting (a GROUP BY or window function sorts every row it reads), which cost
about 12 us of CPU a fact in the SQL of :mod:`~diplograph.graph.stores.sqlite_ties`; here one
query reads each fact through Apache Arrow's ADBC SQLite driver as four numbers (rowid,
relation, article and first day packed in two integers, confidence and intensity) and the ids
of its ends, matched to actors in Arrow, and the
rules run on the columns: facts that no event can merge are summed a batch at a time, and those
that can (an article's candidates, and the dated coded events under the ``day`` rule) are
written to one of :data:`_BUCKETS` temporary files (an event's facts all to one), then ranked a
file at a time. Memory holds the groups (about 48 bytes each, a million at 20 million generated
facts), one bucket's facts and, for the sample, an article's outlet by rowid (4 bytes an
article); never a row a fact.

It serves the event rules ``every`` and ``day`` with the weighting ``one`` (the defaults of
every report); the ``source`` rule and ``sources`` weighting, which group by each coding's
source URL, run in SQL (:mod:`~diplograph.graph.stores.sqlite_ties`), as do the evidence
queries of a few ties.
"""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import tempfile
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterator
from contextlib import contextmanager
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
_BUCKETS = 64
#: Rows of partial aggregates that wait to be added to the total (about 48 bytes each).
_WAITING = 1 << 18


def _large_arrays_from_the_system() -> None:
    """Have glibc's malloc serve blocks of 1 MiB and more by ``mmap`` and give them back when
    freed (``mallopt(M_MMAP_THRESHOLD, 1 MiB)``; a no-op elsewhere). By default glibc raises that
    threshold to 32 MiB after the first large block is freed, and the many columns of up to a few
    MB that this pass allocates and frees then stay in its heap, fragmented: 20,000,000 facts
    peaked at 773 MB in place of 578."""
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD


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


def _query(outlets: bool) -> str:
    """One row a fact read: the fact's rowid, relation code and whether it is an article's,
    packed; article rowid (an article's fact) or event root code (a coded event) above the
    first day as ``yyyymmdd`` (0 when undated); confidence; intensity (|Goldstein|, else its
    CAMEO code's, else the relation's); subject and object ids (matched to actors in Arrow,
    which costs less than two joins); with ``outlets`` the origin of a coded event (its source
    URL, else its publisher). A first row of typed literals fixes the driver's column types."""
    day = "CASE length(f.date) WHEN 4 THEN f.date || '-01-01' WHEN 7 THEN f.date || '-01' ELSE f.date END"
    where = f"WHERE f.rowid BETWEEN ?1 AND ?2 AND (?3 IS NULL OR {day} >= ?3) AND (?4 IS NULL OR {day} <= ?4)"
    host = ", CASE WHEN f.article_id IS NULL THEN coalesce(nullif(f.source_url, ''), f.reported_by) END" if outlets else ""
    return f"""
SELECT 0, 0, 0.0, 0.0, '', ''{", ''" if outlets else ""}
UNION ALL
SELECT (f.rowid << 9) | (r.code << 1) | (f.article_id IS NOT NULL),
       (coalesce(CASE WHEN f.article_id IS NOT NULL THEN a.rowid ELSE coalesce(c.root, r.code) END, 0) << {_DAY_BITS})
           | coalesce(CAST(replace({day}, '-', '') AS INTEGER), 0),
       f.confidence, coalesce(abs(f.goldstein), c.intensity, r.intensity), f.subject_id, f.object_id{host}
FROM facts f
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


@contextmanager
def _cursor(path: str):
    """A cursor of a read-only connection of the driver's own to the store at ``path``, that
    waits for a writer as the store's own connections do."""
    import adbc_driver_sqlite.dbapi

    with adbc_driver_sqlite.dbapi.connect(f"file:{path}?mode=ro") as connection:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 30000")
            cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(_BATCH)})
            yield cursor


def _batches(path: str, relations: list[tuple], cameos: list[tuple], since, until, outlets: bool,
             rowids: tuple[int, int]):
    """The rows of :func:`_query` with a rowid in ``rowids`` (first, last), as Arrow record
    batches."""
    with _cursor(path) as cursor:
        cursor.execute("CREATE TEMP TABLE relation_spec (relation TEXT PRIMARY KEY, code INTEGER, intensity REAL) WITHOUT ROWID")
        cursor.execute("INSERT INTO temp.relation_spec SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
                       (json.dumps(relations),))
        cursor.execute("CREATE TEMP TABLE cameo_info (code TEXT PRIMARY KEY, intensity REAL, root INTEGER) WITHOUT ROWID")
        cursor.execute("INSERT INTO temp.cameo_info SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
                       (json.dumps(cameos),))
        cursor.execute(_query(outlets), (*rowids, since, until))
        first = True
        for batch in cursor.fetch_record_batch():
            if first:
                batch, first = batch.slice(1), False
            if batch.num_rows:
                yield batch


def _article_outlets(db: sqlite3.Connection, path: str, outlet_code: dict[str, int]) -> np.ndarray:
    """The outlet code of every article by its rowid (-1 where there is none): its source, else
    its URL's host, else ``article <id>``, as
    :func:`~diplograph.graph.stores.sqlite_ties.sqlite_tie_sample` names it; codes of
    ``outlet_code``, which gains the new outlets. 4 bytes an article."""
    import pyarrow.compute as pc

    top = db.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
    out = np.full(top + 1, -1, dtype=np.int32)
    with _cursor(path) as cursor:
        cursor.execute(f"SELECT 0, '' UNION ALL SELECT rowid, coalesce(nullif(source, ''), {_host('url')}, 'article ' || id) "
                       "FROM articles")
        first = True
        for batch in cursor.fetch_record_batch():
            if first:
                batch, first = batch.slice(1), False
            encoded = pc.dictionary_encode(batch.column(1))
            codes = np.array([outlet_code.setdefault(host, len(outlet_code)) for host in encoded.dictionary.to_pylist()],
                             dtype=np.int32)
            out[batch.column(0).to_numpy()] = codes[encoded.indices.to_numpy()]
    return out


#: The sums of a group of facts: how many, how many count, how many are other codings of a coded
#: event, how many of those that count weigh more than 0, their weight, how many are undated.
_SUMS = ("n", "counted", "merged", "weighted", "weight", "undated")


def _sum_groups(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Partial aggregates (columns ``g``, ``day``, :data:`_SUMS`, ``first``, ``last``) of the
    same groups added up: sorted by group (and day), sums added, first days their minimum and
    last their maximum (``numpy.ufunc.reduceat`` over each group's run). A column at a time,
    so that beside the parts it holds the order and one column of all their rows (about 36
    bytes a row)."""
    def column(name: str) -> np.ndarray:
        return np.concatenate([part[name] for part in parts]) if len(parts) > 1 else parts[0][name]

    g, day = column("g"), column("day")
    by_day = bool(day.any())
    order = np.lexsort((day, g)) if by_day else np.argsort(g, kind="stable")
    g = g[order]
    start = np.ones(len(g), dtype=bool)
    start[1:] = g[1:] != g[:-1]
    if by_day:
        day = day[order]
        start[1:] |= day[1:] != day[:-1]
    at = np.flatnonzero(start)
    out = {"g": g[at], "day": day[at] if by_day else np.zeros(len(at), dtype=day.dtype)}
    del g, day, start
    for name, reduce in [*((name, np.add) for name in _SUMS), ("first", np.minimum), ("last", np.maximum)]:
        values = column(name)
        out[name] = reduce.reduceat(values[order], at) if len(at) else values[:0]
    return out


class _Sums:
    """Partial aggregates (:func:`_partial`) added up as they come: parts wait until they hold
    :data:`_WAITING` rows, then are summed with the total so far."""

    def __init__(self) -> None:
        self.total: dict[str, np.ndarray] | None = None
        self.parts: list[dict[str, np.ndarray]] = []
        self.waiting = 0

    def add(self, part: dict[str, np.ndarray]) -> None:
        """Add a partial aggregate."""
        self.parts.append(part)
        self.waiting += len(part["g"])
        if self.waiting >= _WAITING:
            self.sum()

    def sum(self) -> dict[str, np.ndarray] | None:
        """The total of every part added so far (``None`` when there is none)."""
        if self.parts:
            self.total = _sum_groups([self.total, *self.parts] if self.total is not None else self.parts)
            self.parts, self.waiting = [], 0
        return self.total


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

    Notes
    -----
    The facts events may merge go through files of a :class:`tempfile.TemporaryDirectory`
    (``TMPDIR``), 36 to 44 bytes a fact (about 500 MB at 20 million generated facts), removed as
    they are ranked.
    """
    if event_rule not in ("every", "day"):
        raise ValueError(f"the columnar pass merges under 'every' and 'day', not {event_rule!r}")
    import pyarrow as pa
    import pyarrow.compute as pc

    _large_arrays_from_the_system()
    # an actor (by its place in actor_ids) -> node code (0: none) and reason code (0: none)
    actors = db.execute("SELECT a.id, coalesce(n.code, 0), coalesce(n.reason, 0) FROM actors a "
                        "LEFT JOIN temp.actor_node n ON n.id = a.id").fetchall()
    actor_ids = pa.array([row[0] for row in actors], type=pa.string())
    node_of = np.array([row[1] for row in actors] + [0], dtype=np.int64)
    reason_of = np.array([row[2] for row in actors] + [0], dtype=np.int64)
    actor_bits = max(1, len(actors).bit_length())
    node_bits = max(1, int(node_of.max()).bit_length())
    if 2 * actor_bits + 9 > 63 or 2 * node_bits + 12 > 63:
        raise ValueError("too many actors for the columnar pass")
    # the fact's rowid rides with the ends when it fits (a column fewer to write and read back)
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

    # a fact events may merge, as written to its bucket's file: its first two columns, confidence
    # (a coded event's weight), intensity (0 for a coded event), outlet, rowid (unless packed)
    record = np.dtype([("a", np.int64), ("b", np.int64), ("conf", np.float64), ("inten", np.float64)]
                      + ([("outlet", np.int32)] if sample else []) + ([] if packed_rowid else [("rowid", np.int64)]))

    def scan(part: int, rowids: tuple[int, int]) -> tuple[_Sums, _SampleCounts | None]:
        """Read the facts of a rowid range: the partial aggregates of those no event merges and
        (``sample``) the counts of those that count whatever the others; those an event may
        merge are appended to their bucket's file (an article's bucket by its article, a coded
        event's by its day, so that an event is within one bucket)."""
        sums = _Sums()
        counts = _SampleCounts(len(article_outlet)) if sample else None
        files = [open(os.path.join(spill, f"{k}-{part}"), "wb") for k in range(_BUCKETS)]
        try:
            for batch in _batches(path, relations, cameos, since, until, sample, rowids):
                subj = pc.index_in(batch.column(4), value_set=actor_ids)
                obj = pc.index_in(batch.column(5), value_set=actor_ids)
                if subj.null_count or obj.null_count:  # an end the store has no actor for: counted nowhere, as in SQL
                    known = pc.and_(pc.is_valid(subj), pc.is_valid(obj))
                    batch, subj, obj = batch.filter(known), subj.filter(known), obj.filter(known)
                    if not batch.num_rows:
                        continue
                head = batch.column(0).to_numpy()
                fact = head >> 9
                a = ((subj.to_numpy().astype(np.int64) << actor_bits | obj.to_numpy().astype(np.int64)) << 9) | (head & 511)
                if packed_rowid:
                    a |= fact << (9 + 2 * actor_bits)
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
                sums.add(_partial(g[direct], day[direct], direct[direct], np.zeros(int(direct.sum()), dtype=bool),
                                  w[direct], day[direct] > 0, by_day))
                if sample:
                    outlets = outlet_codes(batch.column(batch.num_columns - 1))
                    outlets[is_article] = article_outlet[b[is_article] >> _DAY_BITS]
                    plain = direct & candidate  # coded events that count whatever the others
                    counts.add(src[plain], dst[plain], np.zeros(int(plain.sum()), dtype=np.int64), outlets[plain], day[plain],
                               np.where(w[plain] > 0, sign_of[relation[plain]], 0))
                keep = np.flatnonzero(ranked)
                bucket = np.where(is_article[keep], b[keep] >> _DAY_BITS, day[keep]) % _BUCKETS
                by_bucket = np.argsort(bucket, kind="stable")
                keep, bucket = keep[by_bucket], bucket[by_bucket]
                rows = np.empty(len(keep), dtype=record)
                rows["a"], rows["b"] = a[keep], b[keep]
                rows["conf"] = np.where(is_article[keep], conf[keep], w[keep])
                rows["inten"] = np.where(is_article[keep], inten[keep], 0.0)
                if sample:
                    rows["outlet"] = outlets[keep]
                if not packed_rowid:
                    rows["rowid"] = fact[keep]
                bounds = np.searchsorted(bucket, np.arange(_BUCKETS + 1))
                for k in np.flatnonzero(bounds[1:] > bounds[:-1]).tolist():
                    rows[bounds[k]:bounds[k + 1]].tofile(files[k])
        finally:
            for file in files:
                file.close()
        return sums, counts

    # two rowid ranges read at once, by two threads (the driver and numpy release the GIL while
    # they work), then put together in order, so that sums add up in the same order every time
    low = db.execute("SELECT min(rowid) FROM facts").fetchone()[0] or 0
    threads = max(1, min(_THREADS, os.cpu_count() or 1))
    step = (top_fact - low) // threads + 1
    ranges = [(low + i * step, low + (i + 1) * step - 1) for i in range(threads)]
    with tempfile.TemporaryDirectory(prefix="diplograph-count-") as spill:
        article_outlet = _article_outlets(db, path, outlet_code) if sample else None
        with ThreadPoolExecutor(threads) as pool:
            scanned = list(pool.map(scan, range(threads), ranges))
        sums = _Sums()
        counts = _SampleCounts(len(article_outlet)) if sample else None
        for part_sums, part_counts in scanned:
            if part_sums.sum() is not None:
                sums.add(part_sums.total)
            if sample:
                counts.merge(part_counts)
        del scanned
        for k in range(_BUCKETS):
            files = [os.path.join(spill, f"{k}-{part}") for part in range(threads)]
            rows = np.concatenate([np.fromfile(file, dtype=record) for file in files])
            for file in files:
                os.remove(file)
            if len(rows):
                counted = _rank_bucket(db, rows, decode, group_of, symmetric_of, node_bits, packed_rowid, actor_bits, by_day)
                del rows
                sums.add(counted[0])
                if sample:
                    counts.add(*counted[1:3], *counted[3:6], np.where(counted[6] > 0, sign_of[counted[7]], 0))
    result = counts.sample(db) if sample else None
    return Counted(groups=_rows(sums.sum(), node_bits, by_day), sample=result)


def _rank_bucket(db, rows, decode, group_of, symmetric_of, node_bits, packed_rowid, actor_bits, by_day):
    """Rank the facts of one bucket that events may merge (``rows`` of the bucket's file: the
    strongest of each event counts, the smallest key among equally strong ones); return their
    partial aggregate and the columns of those that count (source, target, article rowid or 0,
    outlet, day, weight, relation)."""
    a, b, conf, inten = (np.ascontiguousarray(rows[name]) for name in ("a", "b", "conf", "inten"))
    rowid = a >> (9 + 2 * actor_bits) if packed_rowid else np.ascontiguousarray(rows["rowid"])
    outlet = rows["outlet"] if "outlet" in rows.dtype.names else np.zeros(len(rows), dtype=np.int32)
    is_article, relation, src, dst, src_reason, dst_reason = decode(a)
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
    count need not be kept): totals, the articles counted (a mark an article rowid), days,
    outlets and (node, outlet) pairs, facts by node and a month."""

    def __init__(self, articles: int) -> None:
        self.facts = self.coded = self.undated = 0
        self.articles = np.zeros(articles, dtype=bool)
        self.days: set[int] = set()
        self.outlets: set[int] = set()
        self.node_outlets: set[int] = set()
        self.by_node: dict[int, int] = {}
        self.months: dict[int, list[int]] = {}

    def add(self, src, dst, article, outlet, day, cls) -> None:
        """Count some facts that count: node codes, article rowid (0: a coded event), outlet code
        (-1: none), first day as ``yyyymmdd`` (0: undated), sign of the relation of those that
        weigh (else 0)."""
        in_article = article > 0
        self.facts += len(article)
        self.coded += int((~in_article).sum())
        self.undated += int((day == 0).sum())
        self.articles[article[in_article]] = True
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
        outlet = outlet.astype(np.int64)
        self.outlets.update(np.unique(outlet[outlet >= 0]).tolist())
        both = np.concatenate([outlet, outlet])
        self.node_outlets.update(np.unique(ends[both >= 0] << 32 | both[both >= 0]).tolist())

    def merge(self, other: "_SampleCounts") -> None:
        """Add the counts of ``other``."""
        self.facts += other.facts
        self.coded += other.coded
        self.undated += other.undated
        self.articles |= other.articles
        self.days |= other.days
        self.outlets |= other.outlets
        self.node_outlets |= other.node_outlets
        for node, count in other.by_node.items():
            self.by_node[node] = self.by_node.get(node, 0) + count
        for month, (coop, confl) in other.months.items():
            total = self.months.setdefault(month, [0, 0])
            total[0] += coop
            total[1] += confl

    def sample(self, db: sqlite3.Connection) -> TieSample:
        """The :class:`TieSample`, nodes named by ``db``'s ``temp.node_code``."""
        distinct: dict[int, int] = {}
        for pair in self.node_outlets:
            distinct[pair >> 32] = distinct.get(pair >> 32, 0) + 1
        node_of = dict(db.execute("SELECT code, node FROM temp.node_code"))
        return TieSample(
            facts=self.facts, articles=int(self.articles.sum()), coded_events=self.coded, sources=len(self.outlets),
            days=len(self.days), by_node={node_of[code]: (n, distinct.get(code, 0)) for code, n in sorted(self.by_node.items())},
            undated=self.undated,
            months={f"{m // 100:04d}-{m % 100:02d}": tuple(self.months[m]) for m in sorted(self.months)},
        )
