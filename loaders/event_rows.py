"""What the event-data readers share: load options, counts, the rejects file, and opening
(zipped) input files with byte counts for progress.

The readers (:mod:`.gdelt`, :mod:`.icews`, :mod:`.fact_table`) import this module; the
dispatcher :mod:`.events` imports them.
"""

from __future__ import annotations

import csv
import io
import os
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
    "event_input_size",
    "expand_paths",
    "open_members",
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
    """The rejects file: opened on the first reject, one TSV row per rejected row.

    Columns ``file``, ``line``, ``reason``, ``raw``; written with :mod:`csv` (tab delimiter),
    so a raw row holding tabs is one quoted field and the file reads back with
    ``csv.reader(f, delimiter="\\t")`` or ``pandas.read_csv(path, sep="\\t")``.
    """

    HEADER = ("file", "line", "reason", "raw")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None
        self._writer = None
        self.count = 0
        self.by_reason: Counter = Counter()

    def add(self, file: str, line: int | None, reason: str, raw: str) -> None:
        """Record one rejected row (``line`` 1-based, ``None`` for a whole file)."""
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._file, delimiter="\t", lineterminator="\n")
            self._writer.writerow(self.HEADER)
        self._writer.writerow((file, "" if line is None else line, reason, raw))
        self.count += 1
        self.by_reason[_reason_class(reason)] += 1

    def add_file_error(self, error: InputError) -> None:
        """Record a whole file that could not be read (line empty, raw empty); not counted as a row."""
        before = self.count
        self.add(error.path, error.line, error.reason, "")
        self.count = before
        self.by_reason[_reason_class(error.reason)] -= 1
        if not self.by_reason[_reason_class(error.reason)]:
            del self.by_reason[_reason_class(error.reason)]

    @property
    def written(self) -> bool:
        """True once a row was written."""
        return self._writer is not None

    def close(self) -> None:
        """Flush and close the file (if one was opened)."""
        if self._file is not None:
            self._file.close()
            self._file = None


def _reason_class(reason: str) -> str:
    """The reason without its row-specific value, for counting (``bad SQLDATE '2015'`` -> ``bad SQLDATE``)."""
    return reason.split(" '", 1)[0].split(": ", 1)[0]


@dataclass(slots=True)
class LoadCounts:
    """Running counts shared by the format readers: read, loaded, skipped by reason."""

    read: int = 0
    loaded: int = 0
    skipped: Counter = field(default_factory=Counter)

    def skip(self, reason: str, n: int = 1) -> None:
        """Count ``n`` rows skipped for ``reason``."""
        if n:
            self.skipped[reason] += n

    def outcome(self, result: Fact | tuple[str, bool], rejects: "RejectSink", name: str, line: int, raw: str) -> Fact | None:
        """Record what a row mapper gave for one row: a fact is loaded and returned; a
        ``(reason, True)`` goes to the rejects file; a ``(reason, False)`` is counted as skipped."""
        if isinstance(result, Fact):
            self.loaded += 1
            return result
        reason, rejected = result
        if rejected:
            rejects.add(name, line, reason, raw)
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


def open_members(path: str, on_bytes: Callable[[int], None] | None = None) -> Iterator[tuple[str, IO[bytes]]]:
    """Yield ``(name, binary stream)`` for a plain file, or for each file inside a zip.

    The name is the path, or ``path:member`` for a zip member. Bytes read from the file on
    disk are reported to ``on_bytes``.

    Raises
    ------
    InputError
        If the file is missing or unreadable, or ends in ``.zip`` but is not a zip archive.
    """
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
                    with archive.open(member) as stream:
                        yield f"{path}:{member.filename}", stream
        else:
            if path.lower().endswith(".zip"):
                raise InputError(path, "not a zip archive")
            counted.seek(0)
            yield path, counted
