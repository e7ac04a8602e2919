"""Resolve the date of an event from the words of its sentence and the article date.

Rules (in this order, on the text of a spaCy DATE entity or any short phrase):

- a written date: ``2019-09-25``, ``25 September 2019``, ``September 25, 2019``,
  ``September 2019``, ``in 2003``; ``September 25`` (year of the article, or the year before
  when that would fall after it);
- a day named from the article date ("today", "yesterday", "last night", "tomorrow");
- a count of units back or forward ("three days ago", "a year ago", "two weeks from now"):
  the unit that holds the article date moved by the count;
- an offset and a unit ("last year", "this month", "next week", "last weekend"): the
  article's unit moved by the offset (weeks run Monday to Sunday, ISO 8601); an offset with
  a count ("the last eight months") is a duration and gives no date;
- a weekday ("on Wednesday", "Wednesday's meeting") → the most recent such weekday on or
  before the article date (news reports past events); "next Monday" looks forward, "last
  Monday" looks back at least one day;
- ``the 29th`` → that day of the article's month (previous month when after the article date);
- a month alone ("in April") → ``YYYY-MM`` of the article's year, or the year before when the
  month is after the article's month.

A resolved period is written at the finest precision that holds all of it (ISO 8601
calendar forms): one day ``YYYY-MM-DD``, days of one month ``YYYY-MM``, of one year
``YYYY`` — "last year" is ``2019``, "last month" ``2020-02``, "three days ago" a day, "next
week" the month (or year) its seven days fall in. Calendar arithmetic is
:class:`dateutil.relativedelta.relativedelta`'s. The words (month and weekday names, units,
offsets, counts, marks) are data: ``data/date_words.json``, validated on first use.

Anything else → ``None``; callers fall back to the article date. Without an article date
only written dates with a year resolve.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from dateutil.relativedelta import relativedelta, weekday as rd_weekday

from ..graph.model.errors import InputError
from ..graph.model.records import DATE_RANGE

__all__ = ["DateWords", "date_words", "parse_iso", "resolve_date"]

#: Calendar units a relative expression may count in (``units`` values of ``date_words.json``).
_UNITS = ("day", "week", "weekend", "month", "year")


@dataclass(frozen=True)
class DateWords:
    """The validated words of ``data/date_words.json`` (see the module docstring for each key).

    ``months`` maps names to 1..12, ``weekdays`` to 0..6 (Monday 0), ``units`` to one of
    ``day week weekend month year``, ``offsets`` to signed steps, ``numbers`` to counts,
    ``deictic_days`` to signed days; the ``*_marks`` and ``vague_modifiers`` are sets of
    lower-case words or phrases.
    """

    months: dict[str, int]
    weekdays: dict[str, int]
    units: dict[str, str]
    offsets: dict[str, int]
    numbers: dict[str, int]
    past_marks: frozenset[str]
    future_marks: frozenset[str]
    deictic_days: dict[str, int]
    vague_modifiers: frozenset[str]

    @classmethod
    def from_mapping(cls, data: object, path: str) -> DateWords:
        """Validate parsed JSON read from ``path``.

        Raises
        ------
        InputError
            Naming ``path`` and the key, if ``data`` is not an object, a key is missing or
            unknown, a word is not lower case, or a value is out of its range.
        """
        if not isinstance(data, dict):
            raise InputError(path, "the date words must be a JSON object")
        keys = set(cls.__dataclass_fields__)
        unknown = sorted(k for k in data if not k.startswith("_") and k not in keys)
        if unknown:
            raise InputError(path, f"unknown key {unknown[0]!r}")
        for key in sorted(keys - set(data)):
            raise InputError(path, f"missing key {key!r}")

        def mapping(key: str, ok) -> dict:
            value = data[key]
            if not isinstance(value, dict) or not value:
                raise InputError(path, f"{key!r} must be a non-empty object")
            for word, v in value.items():
                if word != word.lower() or not word.strip():
                    raise InputError(path, f"{key!r}: {word!r} is not a lower-case word")
                if not ok(v):
                    raise InputError(path, f"{key!r}: {word!r} has a bad value {v!r}")
            return dict(value)

        def words(key: str) -> frozenset[str]:
            value = data[key]
            if not isinstance(value, list) or any(not isinstance(w, str) or w != w.lower() or not w.strip() for w in value):
                raise InputError(path, f"{key!r} must be a list of lower-case words")
            return frozenset(value)

        def integer(v) -> bool:
            return isinstance(v, int) and not isinstance(v, bool)

        return cls(
            months=mapping("months", lambda v: integer(v) and 1 <= v <= 12),
            weekdays=mapping("weekdays", lambda v: integer(v) and 0 <= v <= 6),
            units=mapping("units", lambda v: v in _UNITS),
            offsets=mapping("offsets", lambda v: integer(v) and -1 <= v <= 1),
            numbers=mapping("numbers", lambda v: integer(v) and v > 0),
            past_marks=words("past_marks"),
            future_marks=words("future_marks"),
            deictic_days=mapping("deictic_days", lambda v: integer(v) and -1 <= v <= 1),
            vague_modifiers=words("vague_modifiers"),
        )


@cache
def date_words() -> DateWords:
    """The package's :class:`DateWords` (``data/date_words.json``, read once)."""
    ref = resources.files("diplograph.loaders") / "data" / "date_words.json"
    path = str(ref)
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", exc.lineno) from exc
    return DateWords.from_mapping(data, path)


@dataclass(frozen=True)
class _Patterns:
    """Regular expressions built from the date words."""

    iso: re.Pattern
    dmy: re.Pattern
    mdy: re.Pattern
    my: re.Pattern
    md: re.Pattern
    dm: re.Pattern
    ordinal: re.Pattern
    weekday: re.Pattern
    month_alone: re.Pattern
    year: re.Pattern
    deictic: re.Pattern


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> _Patterns:
    w = date_words()
    month = r"(" + _alternation(w.months) + r")\.?"
    day = r"(\d{1,2})(?:st|nd|rd|th)?"
    return _Patterns(
        iso=re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        dmy=re.compile(r"\b" + day + r"\s+(?:of\s+)?" + month + r",?\s+(\d{4})\b", re.I),
        mdy=re.compile(r"\b" + month + r"\s+" + day + r",?\s+(\d{4})\b", re.I),
        my=re.compile(r"\b" + month + r"\s+(\d{4})\b", re.I),
        md=re.compile(r"\b" + month + r"\s+" + day + r"\b", re.I),
        dm=re.compile(r"\b" + day + r"\s+(?:of\s+)?" + month + r"\b", re.I),
        ordinal=re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I),
        weekday=re.compile(r"\b(?:(" + _alternation(w.offsets) + r")\s+)?(" + _alternation(w.weekdays) + r")\b", re.I),
        month_alone=re.compile(r"^(?:(?:" + _alternation(w.vague_modifiers | set(w.offsets)) + r")[\s-]*)*" + month + r"$", re.I),
        year=re.compile(r"^(?:in|during|since|by|of)?\s*(?:the\s+year\s+)?((?:19|20)\d{2})$", re.I),
        deictic=re.compile(r"\b(" + _alternation(w.deictic_days) + r")\b", re.I),
    )


def parse_iso(value: str | None) -> date | None:
    """Parse ``YYYY-MM-DD`` (the first 10 characters); ``None`` for empty or malformed values."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _safe(year: int, month: int, day: int) -> date | None:
    """The day, or ``None`` when it names no real day or lies outside ``DATE_RANGE``."""
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if DATE_RANGE[0] <= found <= DATE_RANGE[1] else None


def _period(first: date, last: date) -> str | None:
    """The finest ISO 8601 calendar form holding the days ``first``..``last`` (``None`` across years)."""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return None


def _unit_period(ref: date, unit: str, steps: int) -> str | None:
    """The calendar ``unit`` holding ``ref``, moved by ``steps`` units, at its precision."""
    if unit == "day":
        return (ref + relativedelta(days=steps)).isoformat()
    if unit == "month":
        moved = ref + relativedelta(months=steps)
        return f"{moved.year:04d}-{moved.month:02d}"
    if unit == "year":
        return f"{ref.year + steps:04d}"
    monday = ref + relativedelta(weeks=steps, weekday=rd_weekday(0)(-1))
    if unit == "weekend":
        return _period(monday + timedelta(days=5), monday + timedelta(days=6))
    return _period(monday, monday + timedelta(days=6))


def _relative(low: str, ref: date) -> str | None:
    """A count or an offset of calendar units from the article date ("three days ago", "last year")."""
    w = date_words()
    tokens = [t for t in re.findall(r"[a-z]+|\d+", low) if t not in w.vague_modifiers]
    for k, tok in enumerate(tokens):
        unit = w.units.get(tok)
        if unit is None:
            continue
        before = tokens[k - 1] if k else None
        after = " ".join(tokens[k + 1:])
        count = int(before) if before and before.isdigit() else w.numbers.get(before or "")
        if count is not None and unit != "weekend":
            sign = -1 if after in w.past_marks else 1 if after in w.future_marks else 0
            if not sign:
                return None  # "the last eight months", "three days later": a duration, or counted from another event
            return _unit_period(ref, unit, sign * count)
        if before in w.offsets and not after and all(t in w.offsets for t in tokens[:k]):
            return _unit_period(ref, unit, w.offsets[before])
        return None
    return None


def resolve_date(text: str, article_date: str | date | None) -> str | None:
    """Resolve a date expression to ISO 8601 (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).

    Parameters
    ----------
    text:
        The expression, e.g. the text of a spaCy DATE entity ("Wednesday", "in April").
    article_date:
        The article's date (ISO string or :class:`datetime.date`), or ``None``.

    Returns
    -------
    str or None
        The resolved date, or ``None`` when the expression gives none.

    Raises
    ------
    InputError
        If ``data/date_words.json`` is malformed (first call only).

    Examples
    --------
    >>> resolve_date("on Wednesday", "2019-09-25")
    '2019-09-25'
    >>> resolve_date("Monday", "2019-09-25")
    '2019-09-23'
    >>> resolve_date("In April", "2019-09-25")
    '2019-04'
    >>> resolve_date("last year", "2019-09-25")
    '2018'
    >>> resolve_date("three days ago", "2019-09-25")
    '2019-09-22'
    """
    w, p = date_words(), _patterns()
    ref = article_date if isinstance(article_date, date) else parse_iso(article_date)
    phrase = re.sub(r"\s+", " ", text.strip().strip(",.;:")).strip()
    low = phrase.lower()
    m = p.iso.search(phrase)
    if m:
        found = _safe(int(m[1]), int(m[2]), int(m[3]))
        return found.isoformat() if found else None
    m = p.dmy.search(phrase)
    if m:
        found = _safe(int(m[3]), w.months[m[2].lower()], int(m[1]))
        return found.isoformat() if found else None
    m = p.mdy.search(phrase)
    if m:
        found = _safe(int(m[3]), w.months[m[1].lower()], int(m[2]))
        return found.isoformat() if found else None
    m = p.my.search(phrase)
    if m:
        found = _safe(int(m[2]), w.months[m[1].lower()], 1)
        return found.isoformat()[:7] if found else None
    y = p.year.match(low)
    if y:
        return y[1]
    if ref is None:
        return None
    m = p.deictic.search(low)
    if m:
        return (ref + relativedelta(days=w.deictic_days[m[1]])).isoformat()
    for pattern, order in ((p.md, (1, 2)), (p.dm, (2, 1))):
        m = pattern.search(phrase)
        if m:
            month = w.months[m[order[0]].lower()]
            day = int(m[order[1]])
            found = _safe(ref.year, month, day)
            if found and found > ref:
                found = _safe(ref.year - 1, month, day)
            return found.isoformat() if found else None
    m = p.weekday.search(low)
    if m:
        target = rd_weekday(w.weekdays[m[2]])
        step = w.offsets.get(m[1] or "", 0)
        if step > 0:
            return (ref + relativedelta(days=1, weekday=target(+1))).isoformat()
        if step < 0:
            return (ref + relativedelta(days=-1, weekday=target(-1))).isoformat()
        return (ref + relativedelta(weekday=target(-1))).isoformat()
    m = p.ordinal.search(low)
    if m:
        day = int(m[1])
        found = _safe(ref.year, ref.month, day)
        if found and found > ref:
            prev = ref - relativedelta(months=1)
            found = _safe(prev.year, prev.month, day)
        return found.isoformat() if found else None
    m = p.month_alone.match(low)
    if m:
        month = w.months[m[1].lower()]
        year = ref.year if month <= ref.month else ref.year - 1
        return f"{year:04d}-{month:02d}"
    return _relative(low, ref)
