"""What the event-data readers share: load options, counts, the rejects file, and opening
(zipped) input files with byte counts for progress.

The readers (:mod:`.gdelt`, :mod:`.icews`, :mod:`.fact_table`) import this module; the
dispatcher :mod:`.events` imports them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from ..graph.model.errors import InputError
from ..graph.model.records import Fact
from ..graph.stores.base import WriteSummary

__all__ = [
    "EventKind",
    "EventLoadOptions",
    "EventLoadSummary",
    "RejectSink",
    "LoadCounts",
    "SeenEvents",
    "DUPLICATE_ROW",
    "event_input_size",
    "expand_paths",
    "open_members",
    "BoundedLines",
    "LONG_LINE_MARK",
]

EventKind = Literal["gdelt", "icews", "facts"]

#: File name endings read from a folder, per kind (case-insensitive).
FOLDER_SUFFIXES: dict[str, tuple[str, ...]] = {
    "gdelt": (".csv", ".csv.zip", ".zip", ".tsv", ".txt"),
    "icews": (".tab", ".tsv", ".txt", ".csv", ".zip"),
    "facts": (".csv", ".jsonl", ".ndjson"),
}


@dataclass(slots=True)
class EventLoadOptions:
    """How to load coded event files.

    Attributes
    ----------
    rejects_path:
        TSV file for rejected rows; by default ``rejects-<kind>-<UTC time>.tsv`` next to the
        store file (or in the current folder for a server store). Created only when a row is
        rejected.
    root_only:
        GDELT: keep only root events (``IsRootEvent == 1``).
    min_articles:
        GDELT: keep only events reported by at least this many articles (``NumArticles``).
    quad_classes:
        GDELT: keep only these quad classes (1 verbal cooperation, 2 material cooperation,
        3 verbal conflict, 4 material conflict).
    countries:
        Keep only events where the subject or the object is one of these states (ISO3), or
        an actor whose ``country`` is one of them.
    actor_scope:
        ``"state"`` (default): an actor with a country counts as its state only when it acts
        for the state (government, military, judiciary, legislature, police, intelligence,
        or the bare country code); other sectors (business, media, opposition, civilians...)
        are skipped. ``"country"``: every actor with a country counts as its state (the
        country-level aggregation common in GDELT studies).
    batch_size:
        Facts per store transaction.
    max_line_bytes:
        A line longer than this (bytes, newline excluded) is one rejected row (``line longer
        than ... bytes``); its text is never held whole (see :class:`BoundedLines`). 64 KiB:
        a GDELT row is under 2 KiB, an ICEWS row under 1 KiB.
    max_expansion:
        A zip member may decompress to at most this many times its compressed size (and
        1 MiB whatever its size); beyond that the member is a file error (``expands more
        than ...``), as a zip bomb would be. Text compresses 5-10 times (the GDELT sample
        of ``tests/data``: 6 times).
    max_rejects_per_file:
        After this many rejected rows of one file (or zip member) the file is not read
        further: a file error says so (the rows read until then are loaded or rejected as
        usual). ``0``: no limit.
    block_size:
        Bytes parsed at a time (pyarrow block size); memory use grows with this, not with
        the file (2 MiB: the same peak for 200,000 and 1,000,000 GDELT rows, see
        ``bench/bench_gdelt.py``; 8 MiB blocks let pyarrow's read-ahead hold far more).
    """

    rejects_path: str | Path | None = None
    root_only: bool = False
    min_articles: int = 0
    quad_classes: frozenset[int] | None = None
    countries: frozenset[str] | None = None
    actor_scope: Literal["state", "country"] = "state"
    batch_size: int = 10_000
    block_size: int = 2 << 20
    max_line_bytes: int = 1 << 16
    max_expansion: int = 100
    max_rejects_per_file: int = 10_000


@dataclass(slots=True)
class EventLoadSummary:
    """What a load did.

    ``read`` rows were read; each was ``loaded`` (mapped to a fact and handed to the store),
    ``rejected`` (written to ``rejects_path`` with its reason) or ``skipped`` (counted by
    reason in ``skipped_by_reason``). ``added`` is what the store newly stored (0 facts when
    everything was there already). ``file_errors`` are whole files that could not be read
    (missing, not a zip, no rows); they are also in the rejects file, with an empty line.
    """

    read: int = 0
    loaded: int = 0
    rejected: int = 0
    skipped: int = 0
    rejects_path: Path | None = None
    added: WriteSummary = field(default_factory=WriteSummary)
    skipped_by_reason: Counter = field(default_factory=Counter)
    rejected_by_reason: Counter = field(default_factory=Counter)
    files: list[str] = field(default_factory=list)
    file_errors: list[InputError] = field(default_factory=list)


class RejectSink:
    """The rejects file: opened on the first rejected row, one TSV row per rejected row, and
    one per file refused whole (line and raw empty) once the file has rows; a load that
    rejects no row writes no rejects file (a refused file is its error line, nothing more).

    Columns ``file``, ``line``, ``reason``, ``raw``; written with :mod:`csv` (tab delimiter),
    so a raw row holding tabs is one quoted field and the file reads back with
    ``csv.reader(f, delimiter="\\t")`` or ``pandas.read_csv(path, sep="\\t")``.
    """

    HEADER = ("file", "line", "reason", "raw")

    def __init__(self, path: Path, max_per_file: int = 0) -> None:
        self.path = path
        self.max_per_file = max_per_file
        self._file: IO[str] | None = None
        self._writer = None
        self.count = 0
        self.by_reason: Counter = Counter()
        self.by_file: Counter = Counter()
        self._pending: list[InputError] = []  # files refused before the first rejected row

    def add(self, file: str, line: int | None, reason: str, raw: str) -> None:
        """Record one rejected row (``line`` 1-based, ``None`` for a whole file).

        Raises
        ------
        InputError
            If the rejects file cannot be written (``<path>: cannot write the rejects file:
            No space left on device``): the load stops rather than lose rejects silently.
        """
        try:
            if self._writer is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, "w", encoding="utf-8", newline="")
                self._writer = csv.writer(self._file, delimiter="\t", lineterminator="\n")
                self._writer.writerow(self.HEADER)
                for error in self._pending:
                    self._writer.writerow(self._file_error_row(error))
                self._pending.clear()
            self._writer.writerow((file, "" if line is None else line, reason, raw))
        except OSError as error:
            raise self._write_error(error) from None
        self.count += 1
        self.by_file[file] += 1
        self.by_reason[_reason_class(reason)] += 1

    def reject(self, file: str, line: int, reason: str, raw: str) -> None:
        """:meth:`add` a row, then stop its file if it reached the limit.

        Raises
        ------
        InputError
            :meth:`limit_error` once ``file`` is :meth:`full` (the row is recorded first).
        """
        self.add(file, line, reason, raw)
        if self.full(file):
            raise self.limit_error(file)

    def full(self, file: str, pending: int = 0) -> bool:
        """True once ``file`` has :attr:`max_per_file` rejected rows (``pending`` more not written yet)."""
        return bool(self.max_per_file) and self.by_file[file] + pending >= self.max_per_file

    def limit_error(self, file: str) -> InputError:
        """The file error that stops reading ``file`` once :meth:`full`."""
        return InputError(file, f"{self.by_file[file]} rejected rows (limit {self.max_per_file}): "
                                "the rest of the file was not read; is it the right kind of file?")

    def add_file_error(self, error: InputError) -> None:
        """Record a whole file that could not be read (raw empty); not counted as a row, and
        written only with rejected rows (now if the file is open, else when a row opens it).

        Raises
        ------
        InputError
            If the rejects file cannot be written.
        """
        if self._writer is None:
            self._pending.append(error)
            return
        try:
            self._writer.writerow(self._file_error_row(error))
        except OSError as os_error:
            raise self._write_error(os_error) from None

    @staticmethod
    def _file_error_row(error: InputError) -> tuple:
        """The rejects row of a file refused whole: its path, line (empty when none), reason, no raw text."""
        return error.path, "" if error.line is None else error.line, error.reason, ""

    @property
    def written(self) -> bool:
        """True once a row was written."""
        return self._writer is not None

    def close(self) -> None:
        """Flush and close the file (if one was opened).

        Raises
        ------
        InputError
            If the last rows cannot be written (a full disk).
        """
        if self._file is not None:
            file, self._file = self._file, None
            try:
                file.close()
            except OSError as error:
                raise self._write_error(error) from None

    def _write_error(self, error: OSError) -> InputError:
        return InputError(str(self.path), f"cannot write the rejects file: {error.strerror or error}")


def _reason_class(reason: str) -> str:
    """The reason without its row-specific value, for counting (``bad SQLDATE '2015'`` -> ``bad SQLDATE``)."""
    return reason.split(" '", 1)[0].split(": ", 1)[0]


#: Skip reason of a row that repeats an earlier row of the load (same event id, same content).
DUPLICATE_ROW = "duplicate row (same event id and content as an earlier row)"


class SeenEvents:
    """The event ids met in one load, each with a digest of its fact's content and where it
    was first met, to tell an exact duplicate row from an event id reused for another event.

    Kept in a private temporary SQLite database (on disk, deleted when closed), so memory
    does not grow with the input (one indexed insert per row).

    The content is everything the source says about the event: subject, relation, object,
    date, CAMEO code, Goldstein value, source URL, attribution, sentence; not the confidence
    (a fact table row whose only change is its confidence is the same fact).
    """

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a temporary database of this connection only
        self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, digest BLOB NOT NULL, place TEXT NOT NULL) WITHOUT ROWID")

    @staticmethod
    def digest(fact: Fact) -> bytes:
        """16-byte BLAKE2 digest of the fact's content (see the class docstring)."""
        basis = "\x1f".join(str(v) for v in (
            fact.subject.id, fact.relation.value, fact.object.id, fact.date, fact.cameo, fact.goldstein,
            fact.source_url, fact.reported_by, fact.sentence))
        return hashlib.blake2b(basis.encode("utf-8"), digest_size=16).digest()

    def check(self, fact: Fact, file: str, line: int) -> str | None:
        """``None`` the first time the fact's event id is met (it is remembered with
        ``file:line``); :data:`DUPLICATE_ROW` when it was met with the same content; else the
        reject reason (``event id 'X' reused for another event (first at file:line)``).
        A fact without an event id is always ``None``."""
        if not fact.event_id:
            return None
        digest = self.digest(fact)
        cursor = self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", (fact.event_id, digest, f"{file}:{line}"))
        if cursor.rowcount:
            return None
        known, place = self._db.execute("SELECT digest, place FROM seen WHERE id = ?", (fact.event_id,)).fetchone()
        if known == digest:
            return DUPLICATE_ROW
        return f"event id '{fact.event_id.split(':', 1)[-1]}' reused for another event (first at {place})"

    def close(self) -> None:
        """Drop the temporary database."""
        self._db.close()


@dataclass(slots=True)
class LoadCounts:
    """Running counts shared by the format readers: read, loaded, skipped by reason, and the
    event ids seen so far (:class:`SeenEvents`)."""

    read: int = 0
    loaded: int = 0
    skipped: Counter = field(default_factory=Counter)
    seen: SeenEvents = field(default_factory=SeenEvents)

    def skip(self, reason: str, n: int = 1) -> None:
        """Count ``n`` rows skipped for ``reason``."""
        if n:
            self.skipped[reason] += n

    def outcome(self, result: Fact | tuple[str, bool], rejects: "RejectSink", name: str, line: int, raw: str) -> Fact | None:
        """Record what a row mapper gave for one row: a fact is loaded and returned (unless
        its event id was met before: an exact duplicate is skipped, another event under the
        same id rejected, see :class:`SeenEvents`); a ``(reason, True)`` goes to the rejects
        file; a ``(reason, False)`` is counted as skipped.

        Raises
        ------
        InputError
            When the reject makes the file reach ``rejects.max_per_file`` (the row is recorded first).
        """
        if isinstance(result, Fact):
            verdict = self.seen.check(result, name, line)
            if verdict is None:
                self.loaded += 1
                return result
            result = (verdict, verdict != DUPLICATE_ROW)
        reason, rejected = result
        if rejected:
            rejects.reject(name, line, reason, raw)
        else:
            self.skip(reason)
        return None


def expand_paths(kind: str, paths: Iterable[str]) -> list[str]:
    """Files to read: each path as given, folders replaced by their files (recursive,
    sorted, hidden names and ``rejects-*`` files skipped, only the endings of
    :data:`FOLDER_SUFFIXES` for ``kind``)."""
    out: list[str] = []
    suffixes = FOLDER_SUFFIXES[kind]
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    # rejects files of earlier loads may sit beside the data: never read them as data
                    if not name.startswith((".", "rejects-")) and name.lower().endswith(suffixes):
                        out.append(str(Path(root) / name))
        else:
            out.append(path)
    return out


def event_input_size(kind: str, paths: Iterable[str]) -> int:
    """Total bytes of the files :func:`load_event_files` will read (the progress bar's total;
    ``on_progress`` reports bytes of the same files, compressed size for zips)."""
    total = 0
    for path in expand_paths(kind, paths):
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


class _CountingReader(io.RawIOBase):
    """A binary reader that reports how many bytes were read through ``on_bytes``."""

    def __init__(self, raw: IO[bytes], on_bytes: Callable[[int], None] | None) -> None:
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._raw.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = self._raw.readinto(buffer)
        if n and self._on_bytes is not None:
            self._on_bytes(n)
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


#: What a reader sees in place of a line longer than the limit (its line number is kept).
LONG_LINE_MARK = b"(line too long)"


class BoundedLines(io.RawIOBase):
    """A binary stream passed through with bounds: no line longer than ``max_line_bytes``, no
    more than ``max_bytes`` in all.

    A longer line is replaced by :data:`LONG_LINE_MARK` (so line numbers stay right) and its
    number and first 200 bytes are kept in :attr:`long_lines`; its bytes are dropped as they
    come, so memory stays under ``max_line_bytes`` plus one read whatever the line. At most
    one incomplete line is buffered. :meth:`stop` makes the stream end early (the readers
    stop a file that reached its reject limit this way).

    Parameters
    ----------
    name:
        File name for errors (``path`` or ``path:member``).
    source:
        Binary stream to read.
    max_line_bytes:
        Longest line passed on, in bytes, newline excluded.
    max_bytes:
        Bytes of ``source`` read at most; ``None``: no limit.
    too_big:
        The reason of the :class:`InputError` raised when ``max_bytes`` is passed.

    Raises
    ------
    InputError
        From :meth:`readinto`, once more than ``max_bytes`` were read from ``source``.
    """

    def __init__(self, name: str, source: IO[bytes], max_line_bytes: int, max_bytes: int | None = None,
                 too_big: str = "") -> None:
        self.name = name
        self._source = source
        self._limit = max_line_bytes
        self._max_bytes = max_bytes
        self._too_big = too_big
        self.long_lines: dict[int, bytes] = {}
        self._lines = 0  # newlines passed on (a long line counts once)
        self._partial = bytearray()  # the current line, not complete yet
        self._skipping = False  # inside a long line
        self._out = bytearray()
        self._read = 0
        self._eof = False
        self.stopped = False

    def readable(self) -> bool:
        return True

    def stop(self) -> None:
        """End the stream after the line being passed on: later reads give nothing more."""
        self.stopped = True
        newline = self._out.find(b"\n")
        if newline >= 0:
            del self._out[newline + 1:]

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._out and not self._eof and not self.stopped:
            self._fill(max(len(buffer), 1 << 16))
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        del self._out[:n]
        return n

    def _fill(self, size: int) -> None:
        data = self._source.read(size)
        if not data:
            self._eof = True
            if self._partial and not self._skipping:
                self._out += self._partial
            self._partial.clear()
            return
        self._read += len(data)
        if self._max_bytes is not None and self._read > self._max_bytes:
            raise InputError(self.name, self._too_big)
        pos, end = 0, len(data)
        while pos < end:
            if self._skipping:
                newline = data.find(b"\n", pos)
                if newline < 0:
                    return
                self._skipping = False
                self._out += b"\n"
                self._lines += 1
                pos = newline + 1
                continue
            room = self._limit - len(self._partial)
            window = min(end, pos + room + 1)
            newline = data.rfind(b"\n", pos, window)
            if newline >= 0:  # every line up to here fits
                self._lines += data.count(b"\n", pos, newline + 1)
                if self._partial:
                    self._out += self._partial
                    self._partial.clear()
                self._out += data[pos:newline + 1]
                pos = newline + 1
            elif end - pos <= room:  # the line goes on in the next read
                self._partial += data[pos:]
                return
            else:  # longer than the limit
                self.long_lines[self._lines + 1] = bytes((self._partial + data[pos:pos + 200])[:200])
                self._partial.clear()
                self._out += LONG_LINE_MARK
                self._skipping = True
                pos = window

    def long_line_reason(self) -> str:
        """The reject reason of a long line."""
        return f"line longer than {self._limit} bytes"

    def close(self) -> None:
        self._source.close()
        super().close()


def open_members(path: str, on_bytes: Callable[[int], None] | None = None,
                 options: "EventLoadOptions | None" = None) -> Iterator[tuple[str, IO[bytes]]]:
    """Yield ``(name, binary stream)`` for a plain file, or for each file inside a zip.

    The name is the path, or ``path:member`` for a zip member. Bytes read from the file on
    disk are reported to ``on_bytes``. Each stream is a buffered :class:`BoundedLines`
    (``stream.raw``) with ``options.max_line_bytes``; a zip member may give at most
    ``options.max_expansion`` times its compressed size.

    Raises
    ------
    InputError
        If the file is missing or unreadable, or ends in ``.zip`` but is not a zip archive,
        or a zip member declares or gives more bytes than the expansion limit allows.
    """
    options = options or EventLoadOptions()
    try:
        raw = open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    counted = io.BufferedReader(_CountingReader(raw, on_bytes), buffer_size=1 << 20)
    with counted:
        if zipfile.is_zipfile(counted):
            counted.seek(0)
            try:
                archive = zipfile.ZipFile(counted)
            except zipfile.BadZipFile as exc:
                raise InputError(path, f"not a readable zip archive: {exc}") from None
            with archive:
                members = [m for m in archive.infolist() if not m.is_dir() and not Path(m.filename).name.startswith(".")]
                if not members:
                    raise InputError(path, "zip archive holds no file")
                for member in members:
                    name = f"{path}:{member.filename}"
                    allowed = max(options.max_expansion * member.compress_size, 1 << 20)
                    too_big = (f"expands more than {options.max_expansion} times its compressed size "
                               f"({member.compress_size} bytes): not read, is it a zip bomb?")
                    if member.file_size > allowed:
                        raise InputError(name, too_big)
                    with archive.open(member) as stream:
                        yield name, _bounded(name, stream, options, allowed, too_big)
        else:
            if path.lower().endswith(".zip"):
                raise InputError(path, "not a zip archive")
            counted.seek(0)
            yield path, _bounded(path, counted, options)


def _bounded(name: str, stream: IO[bytes], options: "EventLoadOptions", max_bytes: int | None = None,
             too_big: str = "") -> io.BufferedReader:
    return io.BufferedReader(BoundedLines(name, stream, options.max_line_bytes, max_bytes, too_big), buffer_size=1 << 20)
