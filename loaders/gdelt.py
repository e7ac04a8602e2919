"""GDELT 1.0 and 2.0 event exports: streamed, mapped column-wise, one fact per dyadic event.

Input: tab-separated files without header, 57 (GDELT 1.0 back file), 58 (GDELT 1.0 daily)
or 61 columns (GDELT 2.0), plain or zipped, as documented in the *GDELT Event Codebook*
V2.0 (GDELT Project, 2015). The first 35 columns are the same in all three; SOURCEURL is
the last column of the 58- and 61-column files. The number of columns of a file is read
from its first lines; a row with another number is rejected.

Streaming: :mod:`pyarrow.csv` reads blocks of ``options.block_size`` bytes, only the 20 or
21 columns used, all as text (CAMEO codes keep their leading zeros); each block is mapped
with dictionary-encoded columns (a value is looked up once per block, not once per row), and
:class:`~diplograph.graph.model.records.Fact` objects are built only for the rows loaded. Memory
follows the block size, not the file size.

Mapping (see :mod:`diplograph.loaders.cameo` for the tables):

- Actor: a known-group code (UNO, EEC, NAT, TAL...) is that Organization; otherwise the
  country code gives the State (ISO3) when the actor acts for the state (no type, or a type
  of GOV, MIL, JUD, LEG, COP, SPY), or always with ``actor_scope="country"``.
- Relation: EventCode through the CAMEO -> PLOVER table.
- Fact: date from SQLDATE, ``goldstein`` from GoldsteinScale, ``source_url`` from SOURCEURL,
  ``event_id`` ``gdelt:<GLOBALEVENTID>`` (so the key is stable), ``cameo`` the EventCode,
  ``context`` the PLOVER context, ``extractor`` ``"gdelt"``.

Rejected (to the rejects file): wrong number of columns; GLOBALEVENTID not a number; SQLDATE
not a date ``YYYYMMDD``; EventCode not a CAMEO code; GoldsteinScale not a number in
-10..10; NumArticles not a whole number; QuadClass not 1-4; IsRootEvent not 0 or 1; an
actor whose country code is neither a CAMEO country nor a region.

Skipped (counted by reason): ``filter: ...`` (options); ``no PLOVER type (CAMEO 01/02)``;
``no actor1`` / ``no actor2`` (one-sided event); ``actor1 is a region``; ``actor1 has no
country``; ``actor1 is a non-state sector`` (``actor_scope="state"``); ``same actor on both
sides`` (a domestic event inside one state).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..graph.model.errors import InputError
from ..graph.model.records import Actor, Fact, iso_day
from .cameo import (
    REGION_CODES,
    STATE_TYPES,
    CameoEvent,
    iso3_for_cameo_country,
    is_cameo_code,
    map_event_code,
    organization_for_group,
    state_actor,
)
from .event_rows import DUPLICATE_ROW, BoundedLines, EventLoadOptions, LoadCounts, RejectSink, open_members

__all__ = ["iter_gdelt_facts", "GDELT_COLUMNS", "resolve_actor", "sniff_column_count"]

#: GDELT 2.0 column names (61 columns); 1.0 files drop the ADM2 codes (and, in the back file,
#: DATEADDED's successor SOURCEURL).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

ALLOWED_COLUMN_COUNTS = (57, 58, 61)

_USED = {
    "id": 0, "date": 1,
    "a1code": 5, "a1name": 6, "a1country": 7, "a1group": 8, "a1t1": 12, "a1t2": 13, "a1t3": 14,
    "a2code": 15, "a2name": 16, "a2country": 17, "a2group": 18, "a2t1": 22, "a2t2": 23, "a2t3": 24,
    "root": 25, "event": 26, "quad": 29, "goldstein": 30, "articles": 33,
}
_DIGITS = re.compile(r"^[0-9]+$")


def sniff_column_count(path: str, head: bytes) -> int:
    """Number of columns of a GDELT file, from the complete lines of its first bytes.

    Raises
    ------
    InputError
        If the file is empty or its first lines do not have 57, 58 or 61 columns.
    """
    if not head.strip():
        raise InputError(path, "empty file")
    lines = head.split(b"\n")
    if len(lines) > 1:
        lines = lines[:-1]  # the last piece may be cut
    counts = Counter(line.count(b"\t") + 1 for line in lines[:200] if line.strip())
    for n, _ in counts.most_common():
        if n in ALLOWED_COLUMN_COUNTS:
            return n
    first = lines[0].count(b"\t") + 1
    raise InputError(path, f"not a GDELT event export: {first} tab-separated columns (expected 57, 58 or 61)", 1)


class _Prefixed(io.RawIOBase):
    """A stream that first gives back ``head`` (already read) and then the rest of ``stream``."""

    def __init__(self, head: bytes, stream) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def resolve_actor(code: str, country: str, group: str, types: tuple[str, ...], name: str,
                  which: str, scope: str = "state") -> Actor | tuple[str, bool]:
    """The actor of one side of a GDELT event, or ``(reason, rejected)`` when there is none.

    Parameters
    ----------
    code, country, group, types, name:
        ActorNCode, ActorNCountryCode, ActorNKnownGroupCode, (ActorNType1..3Code) and ActorNName.
    which:
        ``"actor1"`` or ``"actor2"`` (for the reason text).
    scope:
        ``"state"`` or ``"country"`` (see :class:`~diplograph.loaders.event_rows.EventLoadOptions`).

    Examples
    --------
    >>> resolve_actor("USAGOV", "USA", "", ("GOV",), "UNITED STATES", "actor1").id
    'USA'
    >>> resolve_actor("IGOUNO", "", "UNO", ("IGO",), "UNITED NATIONS", "actor2").id
    'UN'
    >>> resolve_actor("USABUS", "USA", "", ("BUS",), "COMPANY", "actor1")
    ('actor1 is a non-state sector (BUS)', False)
    """
    if not code:
        return (f"no {which}", False)
    if group:
        return organization_for_group(group, name)
    if not country:
        prefix = code[:3]
        if prefix in REGION_CODES:
            return (f"{which} is a region", False)
        return (f"{which} has no country", False)
    iso3 = iso3_for_cameo_country(country)
    if iso3 is None:
        if country in REGION_CODES:
            return (f"{which} is a region", False)
        return (f"unknown CAMEO country code '{country}' ({which})", True)
    present = tuple(t for t in types if t)
    if scope == "country" or not present or any(t in STATE_TYPES for t in present):
        return state_actor(iso3)
    return (f"{which} is a non-state sector ({'/'.join(present)})", False)


class _Reasons:
    """Registry of reasons: id 0 is "ok"; each reason has an id and a rejected/skipped flag."""

    def __init__(self) -> None:
        self.text: list[str] = [""]
        self.rejected: list[bool] = [False]
        self._ids: dict[str, int] = {}

    def id(self, reason: str, rejected: bool) -> int:
        ident = self._ids.get(reason)
        if ident is None:
            ident = self._ids[reason] = len(self.text)
            self.text.append(reason)
            self.rejected.append(rejected)
        return ident


class _LineTracker:
    """Physical line numbers of the rows of each batch, given the lines pyarrow dropped."""

    def __init__(self) -> None:
        self.next_line = 1
        self.invalid: list[int] = []
        self.stop_line: int | None = None  # the file stopped after this line (reject limit)

    def lines(self, n: int) -> np.ndarray:
        start = self.next_line
        pending = [x for x in self.invalid if x >= start]
        end = start + n
        while True:
            k = sum(1 for x in pending if x < end)
            if start + n + k == end:
                break
            end = start + n + k
        dropped = {x for x in pending if x < end}
        self.invalid = [x for x in pending if x >= end]
        self.next_line = end
        if not dropped:
            return np.arange(start, end)
        return np.array([x for x in range(start, end) if x not in dropped])


def _lookup(column: pa.Array, fn: Callable[[str], int], cache: dict[str, int]) -> np.ndarray:
    """Apply ``fn`` (string -> int) to every value of ``column`` through its dictionary."""
    encoded = column.dictionary_encode()
    values = encoded.dictionary.to_pylist()
    out = np.empty(len(values), dtype=np.int64)
    for i, value in enumerate(values):
        hit = cache.get(value)
        if hit is None:
            hit = cache[value] = fn(value)
        out[i] = hit
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    return out[indices] if len(values) else np.zeros(len(column), dtype=np.int64)


class _Mapper:
    """Column-wise mapping of GDELT batches, with caches kept across the batches and zip members of one file."""

    def __init__(self, options: EventLoadOptions) -> None:
        self.options = options
        self.reasons = _Reasons()
        self.actors: list[Actor] = []
        self.actor_index: dict[str, int] = {}
        self.events: list[CameoEvent] = []
        self.dates: list[str] = []
        self.goldsteins: list[float] = []
        self.caches: dict[str, dict[str, int]] = {k: {} for k in ("date", "a1", "a2", "event", "gold", "articles", "quad", "root")}
        self.article_counts: list[int] = []
        countries = options.countries
        self.actor_in_countries: list[bool] = []
        self._countries = frozenset(c.upper() for c in countries) if countries else None

    # values -> ids (>= 0 ok index, < 0 minus reason id)
    def _date(self, value: str) -> int:
        if len(value) == 8 and value.isdigit():
            iso = f"{value[:4]}-{value[4:6]}-{value[6:]}"
            try:
                iso_day(iso)
                self.dates.append(iso)
                return len(self.dates) - 1
            except ValueError:
                pass
        return -self.reasons.id(f"bad SQLDATE '{value}'", True)

    def _event(self, value: str) -> int:
        if not is_cameo_code(value):
            return -self.reasons.id(f"unknown CAMEO event code '{value}'", True)
        mapped = map_event_code(value)
        if mapped is None:
            return -self.reasons.id("no PLOVER type (CAMEO 01/02: statements and appeals)", False)
        self.events.append(mapped)
        return len(self.events) - 1

    def _goldstein(self, value: str) -> int:
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not -10.0 <= number <= 10.0:
            return -self.reasons.id(f"bad GoldsteinScale '{value}'", True)
        self.goldsteins.append(number)
        return len(self.goldsteins) - 1

    def _articles(self, value: str) -> int:
        if not _DIGITS.match(value):
            return -self.reasons.id(f"bad NumArticles '{value}'", True)
        return int(value)

    def _quad(self, value: str) -> int:
        if value not in ("1", "2", "3", "4"):
            return -self.reasons.id(f"bad QuadClass '{value}'", True)
        return int(value)

    def _root(self, value: str) -> int:
        if value not in ("0", "1"):
            return -self.reasons.id(f"bad IsRootEvent '{value}'", True)
        return int(value)

    def _actor(self, which: str) -> Callable[[str], int]:
        def fn(key: str) -> int:
            code, country, group, t1, t2, t3, name = key.split("\x1f")
            result = resolve_actor(code, country, group, (t1, t2, t3), name, which, self.options.actor_scope)
            if isinstance(result, tuple):
                return -self.reasons.id(*result)
            index = self.actor_index.get(result.id)
            if index is None:
                index = self.actor_index[result.id] = len(self.actors)
                self.actors.append(result)
                ok = self._countries is None or result.id in self._countries or (result.country or "") in self._countries
                self.actor_in_countries.append(ok)
            return index
        return fn

    def map_batch(self, batch: pa.RecordBatch) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Return (reason id per row, 0 = load) and the index arrays needed to build facts."""
        col = {name: batch.column(i) for i, name in enumerate(batch.schema.names)}
        get = lambda key: col[f"c{_USED[key]}"]  # noqa: E731
        n = batch.num_rows
        reason = np.zeros(n, dtype=np.int64)

        def apply(values: np.ndarray) -> np.ndarray:
            nonlocal reason
            bad = values < 0
            if bad.any():
                reason = np.where((reason == 0) & bad, -values, reason)
            return values

        # rejections first (malformed rows), in column order
        # event ids are unique: checked column-wise, not through a (growing) cache
        bad_id = ~pc.match_substring_regex(get("id"), "^[0-9]+$").to_numpy(zero_copy_only=False)
        if bad_id.any():
            values = get("id").to_pylist()
            ids = np.array([self.reasons.id(f"bad GLOBALEVENTID '{values[i]}'", True) for i in np.flatnonzero(bad_id)])
            reason[bad_id] = ids
        date = apply(_lookup(get("date"), self._date, self.caches["date"]))
        root = apply(_lookup(get("root"), self._root, self.caches["root"]))
        event = _lookup(get("event"), self._event, self.caches["event"])
        quad = apply(_lookup(get("quad"), self._quad, self.caches["quad"]))
        gold = apply(_lookup(get("goldstein"), self._goldstein, self.caches["gold"]))
        articles = apply(_lookup(get("articles"), self._articles, self.caches["articles"]))
        sep = pa.scalar("\x1f")
        keys1 = pc.binary_join_element_wise(get("a1code"), get("a1country"), get("a1group"), get("a1t1"), get("a1t2"), get("a1t3"), get("a1name"), sep)
        keys2 = pc.binary_join_element_wise(get("a2code"), get("a2country"), get("a2group"), get("a2t1"), get("a2t2"), get("a2t3"), get("a2name"), sep)
        a1 = _lookup(keys1, self._actor("actor1"), self.caches["a1"])
        a2 = _lookup(keys2, self._actor("actor2"), self.caches["a2"])
        rejected_flags = np.array(self.reasons.rejected, dtype=bool)
        # rejected reasons of the event code and actors come before any skip
        for values in (event, a1, a2):
            neg = values < 0
            if neg.any():
                is_reject = np.zeros(n, dtype=bool)
                is_reject[neg] = rejected_flags[-values[neg]]
                reason = np.where((reason == 0) & is_reject, -values, reason)
        # filters (skipped)
        opts = self.options
        if opts.root_only:
            reason = np.where((reason == 0) & (root == 0), self.reasons.id("filter: not a root event", False), reason)
        if opts.min_articles:
            reason = np.where((reason == 0) & (articles < opts.min_articles),
                              self.reasons.id(f"filter: fewer than {opts.min_articles} articles", False), reason)
        if opts.quad_classes:
            allowed = np.isin(quad, np.array(sorted(opts.quad_classes)))
            reason = np.where((reason == 0) & ~allowed, self.reasons.id("filter: quad class", False), reason)
        # out of scope (skipped)
        for values in (event, a1, a2):
            reason = np.where((reason == 0) & (values < 0), -values, reason)
        if self._countries is not None:
            inside = np.array(self.actor_in_countries, dtype=bool)
            ok = reason == 0
            keep = np.zeros(n, dtype=bool)
            keep[ok] = inside[a1[ok]] | inside[a2[ok]]
            reason = np.where(ok & ~keep, self.reasons.id("filter: countries", False), reason)
        reason = np.where((reason == 0) & (a1 == a2), self.reasons.id("same actor on both sides", False), reason)
        return reason, {"date": date, "event": event, "gold": gold, "a1": a1, "a2": a2}


def _raw_lines(path: str, member: str | None, wanted: set[int], max_line_bytes: int) -> dict[int, str]:
    """Second pass: the raw text of the given 1-based lines of a (zipped) file (long lines
    never held whole, see :class:`~diplograph.loaders.events.BoundedLines`)."""
    out: dict[int, str] = {}
    if not wanted:
        return out
    last = max(wanted)

    def scan(source) -> None:
        stream = io.BufferedReader(BoundedLines(path, source, max_line_bytes), buffer_size=1 << 20)
        for number, line in enumerate(stream, start=1):
            if number in wanted:
                out[number] = line.rstrip(b"\r\n").decode("utf-8", "replace")
            if number >= last:
                break

    if member is None:
        with open(path, "rb") as stream:
            scan(stream)
    else:
        with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
            scan(stream)
    return out


def iter_gdelt_facts(path: str, options: EventLoadOptions, rejects: RejectSink, counts: LoadCounts,
                     on_progress: Callable[[int], None] | None = None) -> Iterator[Fact]:
    """Stream the facts of one GDELT export (plain or zipped), recording every row.

    Parameters
    ----------
    path:
        A ``.CSV`` export or a zip holding one or more.
    options, rejects, counts, on_progress:
        As in :func:`~diplograph.loaders.events.iter_event_facts`.

    Yields
    ------
    Fact
        One per loaded row, in file order.

    Raises
    ------
    InputError
        If the file is missing, not a zip though named so, empty, or not a GDELT export.
    """
    mapper = _Mapper(options)
    for name, stream in open_members(path, on_progress, options):
        member = name[len(path) + 1:] if name != path else None
        bounded: BoundedLines = stream.raw
        late_rejects: dict[int, str] = {}
        try:
            yield from _member_facts(name, stream, bounded, options, mapper, rejects, counts, late_rejects)
        finally:
            # rows rejected by value are written now (their text is read again), also when
            # the member stopped early (reject limit, expansion limit)
            if late_rejects:
                raws = _raw_lines(path, member, set(late_rejects), options.max_line_bytes)
                for line in sorted(late_rejects):
                    rejects.add(name, line, late_rejects[line], raws.get(line, ""))
        if bounded.stopped:
            raise rejects.limit_error(name)


def _member_facts(name: str, stream, bounded: BoundedLines, options: EventLoadOptions, mapper: "_Mapper",
                  rejects: RejectSink, counts: LoadCounts, late_rejects: dict[int, str]) -> Iterator[Fact]:
    """The facts of one plain file or zip member (see :func:`iter_gdelt_facts`)."""
    head = stream.read(1 << 20)
    n_columns = sniff_column_count(name, head)
    tracker = _LineTracker()

    def on_invalid(row) -> str:
        if bounded.stopped:  # read ahead after the reject limit: not read, not counted
            return "skip"
        tracker.invalid.append(row.number)
        counts.read += 1
        prefix = bounded.long_lines.get(row.number)
        if prefix is not None:
            rejects.add(name, row.number, bounded.long_line_reason(), prefix.decode("utf-8", "replace") + "...")
        else:
            rejects.add(name, row.number, f"wrong number of columns: {row.actual_columns} (expected {n_columns})", row.text)
        if rejects.full(name, len(late_rejects)):
            bounded.stop()
            tracker.stop_line = row.number
        return "skip"

    names = [f"c{i}" for i in range(n_columns)]
    used = sorted(set(_USED.values()))
    url_col = n_columns - 1 if n_columns in (58, 61) else None
    include = [f"c{i}" for i in used] + ([f"c{url_col}"] if url_col is not None else [])
    reader = pacsv.open_csv(
        io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 20),
        read_options=pacsv.ReadOptions(column_names=names, use_threads=False, block_size=options.block_size),
        parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False, double_quote=False,
                                         ignore_empty_lines=False, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in include},
                                             include_columns=include, strings_can_be_null=False),
    )
    try:
        for fact in _facts_of_batches(name, reader, tracker, mapper, counts, late_rejects, url_col):
            yield fact
            if rejects.full(name, len(late_rejects)) and not bounded.stopped:
                bounded.stop()
                tracker.stop_line = tracker.next_line - 1
    finally:
        reader.close()


def _facts_of_batches(name: str, reader, tracker: _LineTracker, mapper: _Mapper, counts: LoadCounts,
                      late_rejects: dict[int, str], url_col: int | None) -> Iterator[Fact]:
    """Map each batch; count skips, note rejects by line (raw text read later), yield facts.
    Rows after ``tracker.stop_line`` are not read (the file stopped there)."""
    last = False
    for batch in reader:
        if last:  # the batch after the one that stopped the file
            break
        last = tracker.stop_line is not None
        n = batch.num_rows
        lines = tracker.lines(n)
        if tracker.stop_line is not None:  # the rows after the stop: not read
            n = int(np.searchsorted(lines, tracker.stop_line))
            batch, lines = batch.slice(0, n), lines[:n]
        counts.read += n
        if n == 0:
            continue
        reason, idx = mapper.map_batch(batch)
        texts = mapper.reasons.text
        flags = mapper.reasons.rejected
        nonzero = np.flatnonzero(reason)
        if nonzero.size:
            ids, freq = np.unique(reason[nonzero], return_counts=True)
            for ident, count in zip(ids.tolist(), freq.tolist()):
                if not flags[ident]:
                    counts.skip(texts[ident], count)
            for row in nonzero.tolist():
                ident = int(reason[row])
                if flags[ident]:
                    late_rejects[int(lines[row])] = texts[ident]
        ok = np.flatnonzero(reason == 0)
        if not ok.size:
            continue
        take = pa.array(ok)
        eids = batch.column(batch.schema.get_field_index(f"c{_USED['id']}")).take(take).to_pylist()
        codes = batch.column(batch.schema.get_field_index(f"c{_USED['event']}")).take(take).to_pylist()
        urls = (batch.column(batch.schema.get_field_index(f"c{url_col}")).take(take).to_pylist()
                if url_col is not None else [None] * ok.size)
        actors, events, dates, golds = mapper.actors, mapper.events, mapper.dates, mapper.goldsteins
        a1s, a2s = idx["a1"][ok].tolist(), idx["a2"][ok].tolist()
        evs, ds, gs = idx["event"][ok].tolist(), idx["date"][ok].tolist(), idx["gold"][ok].tolist()
        for line, eid, code, url, s, o, e, d, g in zip(lines[ok].tolist(), eids, codes, urls, a1s, a2s, evs, ds, gs):
            event = events[e]
            fact = Fact(
                subject=actors[s], relation=event.relation, object=actors[o], date=dates[d],
                cameo=code, context=event.context or None, goldstein=golds[g],
                source_url=url or None, event_id=f"gdelt:{eid}", extractor="gdelt",
            )
            verdict = counts.seen.check(fact, name, line)
            if verdict is None:
                counts.loaded += 1
                yield fact
            elif verdict == DUPLICATE_ROW:
                counts.skip(verdict)
            else:
                late_rejects[line] = verdict
