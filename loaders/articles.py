"""Read news articles from files, folders and standard input.

One entry point, :func:`read_articles`, turns what a user points at (plain text or
Markdown files, HTML pages, JSONL article collections, folders of these, or ``-`` for
standard input) into a stream of :class:`~diplograph.graph.model.records.Article` records.

Bad input never stops the stream: each problem comes out as an :class:`ArticleReadError`
(an :class:`~diplograph.graph.model.errors.InputError`) in place of the article, naming the file
and, where known, the 1-based line; reading then goes on with the rest.

Formats
-------
- ``.html`` / ``.htm``: main text by ``trafilatura`` (Barbaresi 2021, "Trafilatura: A Web
  Scraping Library and Command-Line Tool for Text Discovery and Extraction", ACL demos);
  title, date, URL and site name from its metadata when present.
- ``.jsonl``: one article a line with the keys of ``articles.jsonl`` (``id``, ``title``,
  ``date``, ``source``, ``url``, ``text``); blank lines are ignored. ``text`` is a string;
  ``title``, ``source``, ``url`` are strings or null and ``id`` a string, an integer (read as
  its decimal digits) or null: a line with another type is an error, not converted.
- anything else: UTF-8 text (a leading byte-order mark is dropped). For Markdown
  (``.md``, ``.markdown``) a first line ``# Heading`` gives the title.
- folders: every file below, recursively, in sorted order, hidden files and folders
  (names starting with ``.``) skipped.
- ``-``: standard input, read as JSONL when every non-blank line is a JSON object,
  otherwise as one text.

Texts are normalised to Unicode NFC with ``\\r\\n`` and ``\\r`` turned into ``\\n``, lone
surrogates replaced by U+FFFD and other control characters than tab and line feed deleted
(:func:`normalise_text`); words are not changed.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from dateutil import parser as dateutil_parser

from ..graph.model.errors import InputError
from ..graph.model.records import Article, iso_day, text_digest, text_id

__all__ = ["read_articles", "ArticleReadError", "parse_metadata_date", "normalise_text", "error_at"]

#: Extensions read as HTML.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: Extensions read as JSON Lines.
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: Longest article text, in characters (spaCy's default ``nlp.max_length``); a longer one is
#: refused ("split it"). Long texts are parsed in pieces (:func:`~diplograph.loaders.nlp.parse_in_pieces`).
MAX_ARTICLE_CHARS = 1_000_000
#: Longest JSONL line read, in bytes: an article of :data:`MAX_ARTICLE_CHARS` characters each
#: written as a JSON escape of a character outside the Basic Multilingual Plane (two
#: ``\uXXXX``, 12 bytes; RFC 8259, section 7), plus 4 MB of metadata. A longer line cannot
#: hold an article within the limit: it is refused without being read into memory.
MAX_JSONL_LINE_BYTES = 12 * MAX_ARTICLE_CHARS + 4_000_000
#: Extensions read as Markdown (a first ``# Heading`` line is the title).
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
#: Extensions read from folders (a file named on the command line is read whatever its name).
FOLDER_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | MARKDOWN_SUFFIXES | {".txt", ".text"}


class ArticleReadError(InputError):
    """One input (file, or line of a JSONL file) that could not be read as an article.

    Yielded, not raised, by :func:`read_articles` (except for a bad ``date`` argument,
    which is raised). ``str(error)`` is the one-line message ``path[:line]: reason``.
    """


#: Lone UTF-16 surrogates (``\\ud800``-``\\udfff``): a JSON ``\\u`` escape can make one, but
#: it is no character and cannot be encoded as UTF-8 (Unicode 15.0, section 3.9, D76).
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: C0 control characters but tab and line feed (Unicode 15.0, section 23.1), deleted from
#: texts: a NUL or an escape is no word, and spaCy would keep it inside a token.
_C0_CONTROLS = dict.fromkeys(code for code in range(0x20) if chr(code) not in "\t\n")


def normalise_text(text: str) -> str:
    """Return ``text`` in Unicode NFC with ``\\r\\n`` and ``\\r`` line ends turned into ``\\n``,
    each lone surrogate replaced by U+FFFD (the replacement character) and the other C0
    control characters (NUL, escape, ...; not tab) deleted.

    >>> normalise_text("Cafe\\u0301\\r\\nline")
    'Café\\nline'
    >>> normalise_text("Russia\\x00 supports\\ud800 Venezuela.")
    'Russia supports\\ufffd Venezuela.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_C0_CONTROLS)
    return unicodedata.normalize("NFC", _LONE_SURROGATE.sub("\ufffd", text))


#: Two far-apart defaults: a date that dateutil completes differently from each lacks a part.
_FILL_A = _dt.datetime(1901, 1, 1)
_FILL_B = _dt.datetime(1902, 2, 2)
#: A date of numbers only (``03/04/2015``, ``3.4.15``): day and month order is unknown when both are <= 12.
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\s*$")


def parse_metadata_date(value: object) -> str | None:
    """Return the calendar date ``YYYY-MM-DD`` of an article's metadata date, or ``None`` when empty.

    Read with dateutil (``dateutil.parser``, python-dateutil): ISO 8601 dates and date-times
    with time and zone (``2019-09-25``, ``2019-09-25T10:00:00+02:00``, ``20190925``), the
    RFC 822/2822 dates of RSS feeds and e-mail (``Tue, 18 Feb 2015 23:00:00 GMT``) and the
    common written forms of news sites (``February 18, 2015``, ``18 Feb 2015 11:05``). The
    date is kept as written, without time-zone conversion: it is the publication day where
    the article was dated.

    Raises
    ------
    ValueError
        If ``value`` is not text, names no real day, lacks the year, month or day (dateutil
        would take them from today), or is numbers only with day and month both <= 12
        (``03/04/2015``: the order is unknown), or lies outside
        :data:`~diplograph.graph.model.records.DATE_RANGE`.

    >>> parse_metadata_date("Tue, 18 Feb 2015 23:00:00 GMT")
    '2015-02-18'
    >>> parse_metadata_date("2019-09-25T23:30:00-05:00"), parse_metadata_date("") is None
    ('2019-09-25', True)
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if not text:
        return None
    numeric = _NUMERIC_DATE.match(text)
    if numeric and int(numeric.group(1)) <= 12 and int(numeric.group(2)) <= 12 and numeric.group(1) != numeric.group(2):
        raise ValueError(f"ambiguous date (day and month could be either way round; write YYYY-MM-DD): {value!r}")
    try:
        a = dateutil_parser.parse(text, default=_FILL_A)
        b = dateutil_parser.parse(text, default=_FILL_B)
    except (ValueError, OverflowError):
        raise ValueError(f"not a date: {value!r}") from None
    if a.date() != b.date():
        raise ValueError(f"not a whole date (year, month and day): {value!r}")
    return iso_day(a.date().isoformat()).isoformat()


#: What :func:`read_articles` reads: one path (a ``str`` or :class:`os.PathLike`), or several.
ArticlePaths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def article_paths(paths: ArticlePaths) -> list[str]:
    """The paths of ``paths`` as a list of strings: one ``str`` or ``Path`` is one path (not a
    sequence of characters), any other iterable gives one path per item.

    >>> article_paths("news.txt"), article_paths(["a.txt", Path("b")])
    (['news.txt'], ['a.txt', 'b'])
    """
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def read_articles(
    paths: ArticlePaths, date: str | None = None, stdin: IO[str] | None = None
) -> Iterator[Article | ArticleReadError]:
    """Read articles from files, folders and ``-`` (standard input).

    Parameters
    ----------
    paths:
        One file, folder or ``-`` (a ``str`` or ``Path``), or several (any iterable of them);
        read in the order given (folder contents sorted).
    date:
        Date (``YYYY-MM-DD``) for articles whose metadata has none (the CLI's ``--date``);
        a date in the metadata wins.
    stdin:
        Stream read for ``-`` (default :data:`sys.stdin`).

    Returns
    -------
    Iterator[Article | ArticleReadError]
        Articles, and in place of each unreadable input one :class:`ArticleReadError`
        with the path, the 1-based line where known, and the reason.

    Raises
    ------
    ArticleReadError
        At once (before anything is read) if ``date`` is given but is not an ISO date in
        :data:`~diplograph.graph.model.records.DATE_RANGE`.
    """
    try:
        default_date = None if date is None or not date.strip() else iso_day(date.strip()).isoformat()
    except ValueError as exc:
        raise ArticleReadError("--date", str(exc)) from None
    return _read_all(article_paths(paths), default_date, stdin if stdin is not None else sys.stdin)


def _read_all(paths: list[str], default_date: str | None, stdin: IO[str]) -> Iterator[Article | ArticleReadError]:
    seen: dict[str, tuple[str, str]] = {}  # article id -> (where first read, text_digest of its text)
    for path in paths:
        if path == "-":
            items = _read_stdin(stdin, default_date)
        else:
            p = Path(path)
            if p.is_dir():
                items = (item for file in _walk(p)
                         for item in ([file] if isinstance(file, ArticleReadError) else _read_file(str(file), default_date)))
            elif p.is_file():
                items = _read_file(path, default_date)
            elif p.exists():
                items = iter([ArticleReadError(path, "not a regular file (a pipe, socket or device)")])
            elif p.is_symlink():
                items = iter([ArticleReadError(path, "broken or looping symbolic link")])
            else:
                items = iter([ArticleReadError(path, "no such file or folder")])
        for item in items:
            if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
                yield error_at(
                    item, f"article too long: {len(item.text):,} characters (limit {MAX_ARTICLE_CHARS:,}); split it"
                )
                continue
            if isinstance(item, Article):
                digest = text_digest(item.text)
                first = seen.setdefault(item.id, (item.origin, digest))
                if first[1] != digest:
                    yield error_at(item, f"article id {item.id!r} already read with another text at {first[0]}; not loaded")
                    continue
            yield item


def error_at(article: Article, message: str) -> ArticleReadError:
    """An error about an article already read, placed at its origin (``path`` or ``path:line``;
    its id when it has no origin)."""
    origin = article.origin or article.id
    path, _, line = origin.rpartition(":")
    if line.isdigit() and path:
        return ArticleReadError(path, message, int(line))
    return ArticleReadError(origin, message)


def _walk(folder: Path) -> Iterator[Path | ArticleReadError]:
    """Article files below ``folder``, recursively, sorted by name: regular files with an
    ending of :data:`FOLDER_SUFFIXES`, not hidden, not a ``README``. A symbolic link to a file
    outside ``folder`` is not read (an error item says so): loading a folder reads that folder."""
    top = folder.resolve()
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if (
                not name.startswith(".")
                and not name.upper().startswith("README")
                and path.suffix.lower() in FOLDER_SUFFIXES
                and path.is_file()
            ):
                if path.is_symlink() and not path.resolve().is_relative_to(top):
                    yield ArticleReadError(str(path), "symbolic link to a file outside the folder; not read")
                else:
                    yield path


def _read_file(path: str, default_date: str | None) -> Iterator[Article | ArticleReadError]:
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, default_date)
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield ArticleReadError(path, f"cannot read: {exc.strerror or exc}")
        return
    text_or_error = _decode(path, data)
    if isinstance(text_or_error, ArticleReadError):
        yield text_or_error
        return
    if suffix in HTML_SUFFIXES:
        yield _html_article(path, text_or_error, default_date)
    else:
        yield _text_article(path, text_or_error, default_date, markdown=suffix in MARKDOWN_SUFFIXES)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(path: str, data: bytes, line_offset: int = 0) -> str | ArticleReadError:
    """Decode a whole file as UTF-8 text, or say why it is not text."""
    if not data.strip():
        return ArticleReadError(path, "empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        return ArticleReadError(path, "binary file (NUL byte), not text", _line_of(data, nul) + line_offset)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        bad = data[start]
        return ArticleReadError(path, f"invalid UTF-8 (byte 0x{bad:02x})", _line_of(data, start) + line_offset)
    return normalise_text(text)


def _text_article(origin: str, text: str, default_date: str | None, markdown: bool = False) -> Article | ArticleReadError:
    if not text.strip():
        return ArticleReadError(origin, "empty file")
    title = None
    if markdown:
        first = text.lstrip("\n").split("\n", 1)[0]
        if first.startswith("# "):
            title = first[2:].strip() or None
        text = strip_markdown_headings(text)
    return Article(id=text_id(text), text=text, title=title, date=default_date, origin=origin)


_HEADING = re.compile(r"(?m)^[ ]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def strip_markdown_headings(text: str) -> str:
    """Drop the ATX heading markers of Markdown lines, keeping their words on their own line.

    ``"# Tariffs on steel\n\nThe United States ..."`` becomes ``"Tariffs on steel\n\nThe
    United States ..."``: the heading stays a sentence of its own (the extractor starts a
    sentence at each line break) but its text no longer carries ``#`` (CommonMark 0.31,
    section 4.2: up to three spaces, 1-6 ``#``, a space, optional closing ``#`` run).
    """
    return _HEADING.sub(lambda m: m.group(1), text)


def _html_article(path: str, html: str, default_date: str | None) -> Article | ArticleReadError:
    import trafilatura  # imported here: it takes a moment and only HTML needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = normalise_text(doc.text) if doc is not None and doc.text else ""
    if not text.strip():
        return ArticleReadError(path, "no main text found in the HTML page")
    try:
        day = parse_metadata_date(doc.date) if doc.date else None
    except ValueError as exc:
        return ArticleReadError(path, f"bad date in metadata: {exc}")
    return Article(
        id=text_id(text),
        text=text,
        title=doc.title or None,
        date=day or default_date,
        source=doc.sitename or None,
        url=doc.url or None,
        origin=path,
    )


#: Bytes at the start of a JSONL file looked at for a NUL byte: one there makes the file
#: binary, one error for the file rather than one for each of its "lines" (Git's test,
#: ``buffer_is_binary`` in xdiff-interface.c, reads the first 8,000 bytes).
BINARY_SNIFF_BYTES = 8_000


def _read_jsonl_file(path: str, default_date: str | None) -> Iterator[Article | ArticleReadError]:
    """Articles of a JSONL file, read one line at a time (memory does not grow with the file,
    nor beyond :data:`MAX_JSONL_LINE_BYTES` with a line). A NUL byte in its first
    :data:`BINARY_SNIFF_BYTES` makes it a binary file: one error, as for a text file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(BINARY_SNIFF_BYTES)
            nul = head.find(b"\x00")
            if nul >= 0:
                yield ArticleReadError(path, "binary file (NUL byte), not text", _line_of(head, nul))
                return
            handle.seek(0)
            yield from _read_jsonl_lines(path, _bounded_lines(handle, MAX_JSONL_LINE_BYTES), default_date)
    except OSError as exc:
        yield ArticleReadError(path, f"cannot read: {exc.strerror or exc}")


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[bytes]:
    """The lines of a binary file, each with its ``\\n``; of a line longer than ``limit`` bytes
    only the first ``limit + 1`` are given (without ``\\n``), the rest is read past in blocks of
    1 MiB without being kept."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def _read_jsonl_bytes(path: str, data: bytes, default_date: str | None) -> Iterator[Article | ArticleReadError]:
    yield from _read_jsonl_lines(path, iter(data.split(b"\n")), default_date)


def _read_jsonl_lines(path: str, lines: Iterable[bytes], default_date: str | None) -> Iterator[Article | ArticleReadError]:
    """Articles of JSONL lines (bytes, with or without their ``\\n``), numbered from 1."""
    empty = True
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        raw = raw.rstrip(b"\n")
        if not raw.strip():
            continue
        empty = False
        if len(raw) > MAX_JSONL_LINE_BYTES:
            yield ArticleReadError(path, f"line longer than {MAX_JSONL_LINE_BYTES:,} bytes, more than an article of "
                                         f"{MAX_ARTICLE_CHARS:,} characters can take; not read", number)
            continue
        if b"\x00" in raw:
            yield ArticleReadError(path, "binary data (NUL byte), not text", number)
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield ArticleReadError(path, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})", number)
            continue
        yield _jsonl_article(path, line, number, default_date)
    if empty:
        yield ArticleReadError(path, "empty file")


def _jsonl_article(path: str, line: str, number: int, default_date: str | None) -> Article | ArticleReadError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ArticleReadError(path, f"not JSON: {exc.msg} (column {exc.colno})", number)
    if not isinstance(record, dict):
        return ArticleReadError(path, f"not a JSON object but {type(record).__name__}", number)
    text = record.get("text")
    if text is None:
        return ArticleReadError(path, 'no "text" field', number)
    if not isinstance(text, str):
        return ArticleReadError(path, f'"text" is not a string but {_json_type(text)}', number)
    text = normalise_text(text)
    if not text.strip():
        return ArticleReadError(path, 'empty "text"', number)
    try:
        day = parse_metadata_date(record.get("date"))
    except ValueError as exc:
        return ArticleReadError(path, f"bad date in metadata: {exc}", number)

    fields: dict[str, str | None] = {}
    for name in METADATA_FIELDS:
        value = record.get(name)
        if name == "id" and type(value) is int:  # a JSON integer id is its decimal string (bool is no id)
            value = str(value)
        if value is not None and not isinstance(value, str):
            kinds = "a string or an integer" if name == "id" else "a string"
            return ArticleReadError(path, f'"{name}" is not {kinds} but {_json_type(value)}', number)
        fields[name] = (normalise_text(value).strip() or None) if value is not None else None
    return Article(
        id=fields["id"] or text_id(text),
        text=text,
        title=fields["title"],
        date=day or default_date,
        source=fields["source"],
        url=fields["url"],
        origin=f"{path}:{number}",
    )


#: The text metadata of a JSONL article: each a JSON string or null (``id`` also an integer).
METADATA_FIELDS = ("id", "title", "source", "url")


def _json_type(value: object) -> str:
    """The JSON name of the type of a decoded JSON value (RFC 8259, section 3)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object (bad later lines are then
    reported one by one, as in a ``.jsonl`` file)."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _read_stdin(stdin: IO[str], default_date: str | None) -> Iterator[Article | ArticleReadError]:
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        data = buffer.read()
    else:
        data = stdin.read()
        data = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    text_or_error = _decode("-", data)
    if isinstance(text_or_error, ArticleReadError):
        # a bad line in JSONL on stdin should not lose the other lines
        if text_or_error.reason.startswith("invalid UTF-8") and data.lstrip().startswith(b"{"):
            yield from _read_jsonl_bytes("-", data, default_date)
        else:
            yield text_or_error
        return
    if _looks_like_jsonl(text_or_error):
        yield from _read_jsonl_bytes("-", data, default_date)
    else:
        yield _text_article("-", text_or_error, default_date)
