"""Plain fact tables: facts written by hand or exported from another tool, one per row.

Format (also in ``docs/fact-table.md``)
--------------------------------------
A UTF-8 **CSV** file (``.csv``; ``.tsv`` for tab-separated) with a header line, or a **JSON
Lines** file (``.jsonl``/``.ndjson``) with one object a line, both with these keys:

=================  ========  ==============================================================
column / key       required  value
=================  ========  ==============================================================
``subject``        yes       the actor that acts: see *Actors* below
``relation``       yes       a relationship type (``SUPPORTS``, ``SANCTIONS``...; case and
                             ``-``/space for ``_`` do not matter) or a PLOVER event type
                             (``SUPPORT``, ``SANCTION``, ``COOPERATE``...)
``object``         yes       the actor acted on
``date``           yes       ``YYYY-MM-DD``, or empty (undated)
``source``         yes       where the fact comes from, or empty: a URL (``http(s)://...``)
                             is kept as ``sourceUrl``, any other text as ``reportedBy``
``subject_type``   no        ``State``, ``Leader``, ``Firm`` or ``Organization``
``object_type``    no        the same, for ``object``
``confidence``     no        a number in 0..1 (default 1)
``sentence``       no        the sentence the fact was read from
``cameo``          no        a CAMEO event code (text, leading zeros kept: ``042``)
=================  ========  ==============================================================

In CSV the five required columns must be in the header (values may be empty where the
table says so); an unknown column makes the whole file an error (a misspelt optional
column would otherwise be dropped without a word). In JSON Lines ``date``, ``source`` and
the optional keys may be missing or ``null``; an unknown key rejects the row.

Actors: with no type, the value is a state: an ISO 3166-1 alpha-3 code (``RUS``) or a
country name in any form ``country_converter`` knows ("Russian Federation", "Korea,
Republic of"), with ``data/states.tsv`` names and aliases ("UAE") as fallback. With a type:

- ``State``: the same (ISO3 or a name);
- ``Leader``: id :func:`~diplograph.graph.model.records.slugify` of the name; a name or alias of
  ``data/leaders.tsv`` ("Putin") gives that person (id, canonical name, country, every name of
  theirs as an alias, and the role of their latest office there, so that an opposition leader
  such as Guaidó does not count for their state);
- ``Firm``: id the slug of the name; country and canonical name from ``data/firms.tsv`` when
  the firm is there;
- ``Organization``: the given code (``EU``, ``NATO``); a code, name or alias of
  ``data/organizations.tsv`` ("European Union") gives that organisation's code, anything
  else is kept as written as the id.

Mapping: a PLOVER type goes through
:func:`~diplograph.graph.model.vocabulary.relation_for_plover` (COOPERATE is TRADES_WITH when the
CAMEO code's PLOVER context is economic, else COOPERATES_WITH; DISAPPROVE with CAMEO 112 is
ACCUSES). ``context`` is the PLOVER context of the CAMEO code when one is given.
``extractor`` is ``"facts"``.

Identity: ``event_id`` is ``facts:`` and the SHA-1 (40 hex digits) of the normalised row:
subject kind and id, relation, object kind and id, date, source, sentence and CAMEO code,
joined by U+001F. So ``RUS`` and ``Russia`` in the subject give one fact, loading a table
again adds nothing, and a row whose only change is its confidence is the same fact (the
stored one is kept).

Rejected (to the rejects file, with the 1-based line where the row starts): wrong number of
columns; an unclosed quote (the line that opens it; the lines after it are read again); empty subject or object; an unknown actor type; an unknown state; an unknown
relation; a bad date; a confidence that is not a number in 0..1; an unknown CAMEO code; bad
JSON, a line that is not a JSON object, a missing required key, an unknown key or a value of
the wrong type; a line that is not UTF-8.

Skipped (counted by reason): ``empty line``; ``filter: countries`` (``options.countries``);
``same actor on both sides``. The GDELT-only options are ignored; ``actor_scope`` does not
apply (the table says what each actor is).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import deque
from collections.abc import Callable, Iterator
from functools import cache
from typing import IO

from ..graph.model.errors import InputError
from ..graph.model.records import Actor, Fact, iso_day, slugify
from ..graph.model.vocabulary import ActorKind, RelationType, UnknownRelationError, relation_for_plover
from .actors import ActorTables, fold
from .cameo import PLOVER_RELATION, is_cameo_code, map_event_code
from .countries import CountryNames
from .event_rows import EventLoadOptions, LoadCounts, RejectSink, open_members

__all__ = ["iter_table_facts", "REQUIRED_COLUMNS", "OPTIONAL_COLUMNS", "TableMapper"]

#: Columns every CSV fact table has (JSON Lines: keys; ``date`` and ``source`` may be left out).
REQUIRED_COLUMNS: tuple[str, ...] = ("subject", "relation", "object", "date", "source")
#: Columns a fact table may add.
OPTIONAL_COLUMNS: tuple[str, ...] = ("subject_type", "object_type", "confidence", "sentence", "cameo")
_ALL = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
_JSON_REQUIRED = ("subject", "relation", "object")

_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_KINDS = {kind.value.lower(): kind for kind in ActorKind}


@cache
def _tables() -> tuple[dict[str, Actor], dict[str, Actor], dict[str, Actor]]:
    """Organisations by folded code/name/alias, leaders and firms by slug (from ``loaders/data``)."""
    tables = ActorTables.load()
    orgs: dict[str, Actor] = {}
    for org in tables.organizations.values():
        actor = Actor(org.id, ActorKind.ORGANIZATION, org.name)
        orgs[fold(org.id)] = actor
    for org in tables.organizations.values():
        actor = orgs[fold(org.id)]
        for name in (org.name, *org.aliases):
            orgs.setdefault(fold(name), actor)
    offices = tables.offices()
    leaders: dict[str, Actor] = {}
    for slug, held in offices.items():  # the person as of their latest office, under every name of theirs
        latest = held[-1]
        leaders[slug] = Actor(slug, ActorKind.LEADER, latest.name,
                              country=latest.country if latest.country in tables.states else None,
                              aliases=tuple(dict.fromkeys(name for office in held for name in (office.name, *office.aliases))),
                              role=latest.role)
    for slug, held in offices.items():
        for office in held:
            for alias in office.aliases:
                leaders.setdefault(slugify(alias), leaders[slug])
    firms: dict[str, Actor] = {}
    for firm in tables.firms.values():
        actor = Actor(firm.id, ActorKind.FIRM, firm.name, country=firm.country)
        for name in (firm.id, firm.name, *firm.aliases):
            firms.setdefault(slugify(name), actor)
    return orgs, leaders, firms


class TableMapper:
    """Rows of a fact table (``{column: text}``) to facts, with caches kept across rows (and the zip members of one file).

    Parameters
    ----------
    options:
        Load options (only ``countries`` applies).
    """

    def __init__(self, options: EventLoadOptions | None = None) -> None:
        options = options or EventLoadOptions()
        self.countries = CountryNames()
        self._filter = frozenset(c.upper() for c in options.countries) if options.countries else None
        self._actors: dict[tuple[str, str, str], Actor | str] = {}
        self._relations: dict[tuple[str, str], RelationType | str] = {}

    # -- actors --------------------------------------------------------------------------
    def actor(self, value: str, kind: str, which: str) -> Actor | str:
        """The actor of ``value`` with type ``kind`` (may be empty), or the reject reason.

        Examples
        --------
        >>> m = TableMapper()
        >>> m.actor("Russian Federation", "", "subject").id, m.actor("EU", "Organization", "object").id
        ('RUS', 'EU')
        >>> m.actor("Nicolás Maduro", "Leader", "subject").id
        'nicolas-maduro'
        >>> m.actor("Atlantis", "", "object")
        "unknown state 'Atlantis' (object)"
        """
        key = (value, kind, which)
        hit = self._actors.get(key)
        if hit is None:
            hit = self._actors[key] = self._actor(value.strip(), kind.strip(), which)
        return hit

    def _actor(self, value: str, kind_text: str, which: str) -> Actor | str:
        if not value:
            return f"empty {which}"
        kind = _KINDS.get(kind_text.lower()) if kind_text else ActorKind.STATE
        if kind is None:
            return f"unknown actor type '{kind_text}' ({which}_type; expected State, Leader, Firm or Organization)"
        if kind is ActorKind.STATE:
            iso3 = self.countries.iso3(value)
            return self.countries.state(iso3) if iso3 else f"unknown state '{value}' ({which})"
        orgs, leaders, firms = _tables()
        if kind is ActorKind.ORGANIZATION:
            return orgs.get(fold(value)) or Actor(value, ActorKind.ORGANIZATION, value)
        slug = slugify(value)
        if not slug:
            return f"no letters or digits in {which} '{value}'"
        known = (leaders if kind is ActorKind.LEADER else firms).get(slug)
        return known or Actor(slug, kind, value)

    # -- relations -----------------------------------------------------------------------
    def relation(self, value: str, cameo: str) -> RelationType | str:
        """The relationship type of a type name or PLOVER type (``cameo`` may refine it), or the reason.

        >>> m = TableMapper()
        >>> m.relation("trades with", "").value, m.relation("COOPERATE", "061").value, m.relation("DISAPPROVE", "112").value
        ('TRADES_WITH', 'TRADES_WITH', 'ACCUSES')
        """
        key = (value, cameo)
        hit = self._relations.get(key)
        if hit is None:
            hit = self._relations[key] = self._relation(value.strip(), cameo)
        return hit

    @staticmethod
    def _relation(value: str, cameo: str) -> RelationType | str:
        name = re.sub(r"[\s-]+", "_", value.upper())
        if name in RelationType.__members__:
            return RelationType[name]
        if not value:
            return "empty relation"
        event = map_event_code(cameo) if cameo else None
        try:
            return relation_for_plover(name, event.context if event else None, cameo or None)
        except UnknownRelationError:
            if name in PLOVER_RELATION:  # PLOVER 0.8 names (REQUEST...)
                return PLOVER_RELATION[name]
            if name == "ACCUSE":  # PLOVER 0.8's ACCUSE, mode allege
                return RelationType.ACCUSES
        return f"unknown relation '{value}'"

    # -- rows ----------------------------------------------------------------------------
    def map(self, row: dict[str, str]) -> Fact | tuple[str, bool]:
        """The fact of one row, or ``(reason, rejected)``.

        Parameters
        ----------
        row:
            Column -> text (missing optional columns may be absent or empty).
        """
        get = lambda column: (row.get(column) or "").strip()  # noqa: E731
        cameo = get("cameo")
        if cameo and not is_cameo_code(cameo):
            return (f"unknown CAMEO code '{cameo}'", True)
        subject = self.actor(get("subject"), get("subject_type"), "subject")
        if isinstance(subject, str):
            return (subject, True)
        obj = self.actor(get("object"), get("object_type"), "object")
        if isinstance(obj, str):
            return (obj, True)
        relation = self.relation(get("relation"), cameo)
        if not isinstance(relation, RelationType):  # (RelationType is a str enum)
            return (relation, True)
        date = get("date") or None
        if date is not None:
            try:
                iso_day(date)
            except ValueError:
                return (f"bad date '{date}' (expected YYYY-MM-DD)", True)
        raw_confidence = get("confidence")
        confidence = 1.0
        if raw_confidence:
            try:
                confidence = float(raw_confidence)
            except ValueError:
                confidence = float("nan")
            if not 0.0 <= confidence <= 1.0:
                return (f"bad confidence '{raw_confidence}' (expected a number in 0..1)", True)
        if self._filter is not None and not (
            {subject.id, obj.id, subject.country or "", obj.country or ""} & self._filter
        ):
            return ("filter: countries", False)
        if subject.id == obj.id:
            return ("same actor on both sides", False)
        source = get("source")
        sentence = get("sentence") or None
        basis = "\x1f".join([subject.kind.value, subject.id, relation.value, obj.kind.value, obj.id,
                             date or "", source, sentence or "", cameo])
        event = map_event_code(cameo) if cameo else None
        return Fact(
            subject=subject, relation=relation, object=obj, date=date, sentence=sentence,
            confidence=confidence, cameo=cameo or None, context=(event.context or None) if event else None,
            reported_by=None if _URL.match(source) else (source or None),
            source_url=source if _URL.match(source) else None,
            event_id="facts:" + hashlib.sha1(basis.encode("utf-8")).hexdigest(), extractor="facts",
        )


class _Lines:
    """Decoded lines of a binary stream, keeping the lines of the current record for rejects;
    the lines after the first of a record can be put back to be read again (:meth:`take_first`)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.number = 0
        self.buffer: list[tuple[str, bool]] = []  # the current record's lines: (text, not UTF-8)
        self.again: deque[tuple[str, bool]] = deque()  # lines put back, read before the stream's next

    def __iter__(self) -> Iterator[str]:
        while True:
            if self.again:
                text, bad = self.again.popleft()
            else:
                raw = next(self.stream, None)
                if raw is None:
                    return
                try:
                    text, bad = raw.decode("utf-8"), False
                except UnicodeDecodeError:
                    text, bad = raw.decode("utf-8", "replace"), True
                if self.number == 0:
                    text = text.lstrip("\ufeff")
            self.number += 1
            self.buffer.append((text, bad))
            yield text

    def take(self) -> tuple[int, str, bool]:
        """(first line of the record, its text without the final newline, whether it was not UTF-8)."""
        start = self.number - len(self.buffer) + 1
        text = "".join(text for text, _ in self.buffer).rstrip("\r\n")
        bad = any(bad for _, bad in self.buffer)
        self.buffer = []
        return start, text, bad

    def take_first(self) -> tuple[int, str]:
        """(number, text) of the record's first line alone; its other lines are put back, to be
        read again by a new reader."""
        start = self.number - len(self.buffer) + 1
        self.again.extendleft(reversed(self.buffer[1:]))
        text = self.buffer[0][0].rstrip("\r\n")
        self.number, self.buffer = start, []
        return start, text


def _unclosed_quote(lines: _Lines) -> str | None:
    """Where the quoted cell of a record of several lines runs to (``line N`` or ``the end of
    the file``) when its quote is not closed as CSV requires (RFC 4180: a quoted cell ends at
    a quote followed by a delimiter or the line end), else ``None``. Python's lenient reader
    would read every line up to the next quote, or to the end of the file, as one cell. A
    record of one line has an open quote only on the file's last line: it is checked when it
    holds a quote."""
    if len(lines.buffer) < 2 and '"' not in lines.buffer[0][0]:
        return None
    try:
        list(csv.reader([text for text, _ in lines.buffer], strict=True))
    except csv.Error as error:
        return "the end of the file" if "unexpected end of data" in str(error) else f"line {lines.number}"
    return None


def _csv_rows(name: str, stream: IO[bytes], delimiter: str, rejects: RejectSink, counts: LoadCounts
              ) -> Iterator[tuple[int, str, dict[str, str]]]:
    lines = _Lines(stream)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(name, "empty file") from None
    except csv.Error as exc:
        raise InputError(name, f"cannot read the header: {exc}", 1) from None
    lines.take()
    columns = [cell.strip().lower() for cell in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in _ALL]
    if missing or unknown or len(set(columns)) != len(columns):
        problems = ([f"no column {', '.join(repr(c) for c in missing)}"] if missing else []) + (
            [f"unknown column {', '.join(repr(c) for c in unknown)}"] if unknown else []) + (
            ["a column appears twice"] if len(set(columns)) != len(columns) else [])
        raise InputError(name, "not a fact table: " + "; ".join(problems)
                         + f" (columns: {', '.join(REQUIRED_COLUMNS)}; optional: {', '.join(OPTIONAL_COLUMNS)})", 1)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line, text, _ = lines.take()
            counts.read += 1
            rejects.reject(name, line, f"bad CSV: {exc}", text)
            continue
        if (end := _unclosed_quote(lines)) is not None:
            line, text = lines.take_first()
            counts.read += 1
            rejects.reject(name, line, f"unclosed quote: the quoted cell opened on this line runs to {end}; this line is "
                           "rejected and the lines after it are read again (close the quote; a quote inside a quoted "
                           'cell is written "")', text)
            reader = csv.reader(lines, delimiter=delimiter)
            continue
        line, text, bad = lines.take()
        counts.read += 1
        long_line = next((n for n in range(line, lines.number + 1) if n in stream.raw.long_lines), None)
        if long_line is not None:
            rejects.reject(name, line, stream.raw.long_line_reason(),
                           stream.raw.long_lines[long_line].decode("utf-8", "replace") + "...")
        elif bad:
            rejects.reject(name, line, "not UTF-8 text", text)
        elif not cells or not text.strip():
            counts.skip("empty line")
        elif len(cells) != len(columns):
            rejects.reject(name, line, f"wrong number of columns: {len(cells)} (expected {len(columns)})", text)
        else:
            yield line, text, dict(zip(columns, cells))


def _json_rows(name: str, stream: IO[bytes], rejects: RejectSink, counts: LoadCounts
               ) -> Iterator[tuple[int, str, dict[str, str]]]:
    for line, raw in enumerate(stream, start=1):
        counts.read += 1
        if line in stream.raw.long_lines:
            rejects.reject(name, line, stream.raw.long_line_reason(),
                           stream.raw.long_lines[line].decode("utf-8", "replace") + "...")
            continue
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            rejects.reject(name, line, "not UTF-8 text", raw.decode("utf-8", "replace").rstrip("\r\n"))
            continue
        if line == 1:
            text = text.lstrip("\ufeff")
        if not text.strip():
            counts.skip("empty line")
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            rejects.reject(name, line, f"bad JSON: {exc.msg} (column {exc.colno})", text)
            continue
        if not isinstance(value, dict):
            rejects.reject(name, line, "not a JSON object", text)
            continue
        problem = _json_problem(value)
        if problem:
            rejects.reject(name, line, problem, text)
            continue
        yield line, text, {k: ("" if v is None else str(v)) for k, v in value.items()}


def _json_problem(value: dict) -> str | None:
    for key in value:
        if key not in _ALL:
            return f"unknown key '{key}'"
    for key in _JSON_REQUIRED:
        if key not in value:
            return f"missing key '{key}'"
    for key, item in value.items():
        if item is None or isinstance(item, str):
            continue
        if key == "confidence" and isinstance(item, (int, float)) and not isinstance(item, bool):
            continue
        return f"bad value of '{key}': {json.dumps(item)[:40]} (expected text)"
    return None


def iter_table_facts(path: str, options: EventLoadOptions, rejects: RejectSink, counts: LoadCounts,
                     on_progress: Callable[[int], None] | None = None) -> Iterator[Fact]:
    """Stream the facts of one fact table (CSV or JSON Lines, plain or zipped), recording every row.

    Parameters
    ----------
    path:
        A ``.csv``, ``.tsv``, ``.jsonl`` or ``.ndjson`` file, or a zip holding such files (the
        member's name decides its format).
    options, rejects, counts, on_progress:
        As in :func:`~diplograph.loaders.events.iter_event_facts`.

    Yields
    ------
    Fact
        One per loaded row, in file order.

    Raises
    ------
    InputError
        If the file is missing or not a zip though named so, or (CSV) empty or its header
        lacks a required column or has an unknown one.
    """
    mapper = TableMapper(options)
    for name, stream in open_members(path, on_progress, options):
        lower = name.lower()
        if lower.endswith((".jsonl", ".ndjson")):
            rows = _json_rows(name, stream, rejects, counts)
        else:
            rows = _csv_rows(name, stream, "\t" if lower.endswith(".tsv") else ",", rejects, counts)
        for line, text, row in rows:
            if (fact := counts.outcome(mapper.map(row), rejects, name, line, text)) is not None:
                yield fact
