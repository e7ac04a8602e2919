"""Resolve the date of an event from the words of its sentence and the article date.

Rules (in this order, on the text of a spaCy DATE entity or any short phrase):

- a written date: ``2019-09-25``, ``25 September 2019``, ``September 25, 2019``,
  ``September 25`` (year of the article, or the year before when that would fall after it);
- ``today`` / ``tonight`` → the article date; ``yesterday`` → the day before;
  ``tomorrow`` → the day after;
- a weekday ("on Wednesday", "Wednesday's meeting") → the most recent such weekday on or
  before the article date (news reports past events; "next Monday" looks forward);
- ``the 29th`` → that day of the article's month (previous month when after the article date);
- a month alone ("in April") → ``YYYY-MM`` of the article's year, or the year before when the
  month is after the article's month; ``in 2003`` → ``2003``;
- ``last week`` / ``this week`` → the article date.

Anything else → ``None``; callers fall back to the article date. Without an article date
only written dates with a year resolve.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["resolve_date", "parse_iso"]

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {name: i for i, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})\b", re.I)
_MDY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
_MD = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.I)
_DM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b", re.I)
_MY = re.compile(r"\b" + _MONTH + r"\s+(\d{4})\b", re.I)
_ORDINAL = re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I)
_WEEKDAY = re.compile(r"\b(next\s+|last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_MONTH_ALONE = re.compile(r"^(?:in|on|during|since|by|early|late|mid-?|last|this|the)?\s*(?:early|late|mid-?)?\s*" + _MONTH + r"$", re.I)
_YEAR = re.compile(r"^(?:in|during|since|by|of)?\s*(?:the\s+year\s+)?((?:19|20)\d{2})$", re.I)


def parse_iso(value: str | None) -> date | None:
    """Parse ``YYYY-MM-DD`` (the first 10 characters); ``None`` for empty or malformed values."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
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

    Examples
    --------
    >>> resolve_date("on Wednesday", "2019-09-25")
    '2019-09-25'
    >>> resolve_date("Monday", "2019-09-25")
    '2019-09-23'
    >>> resolve_date("In April", "2019-09-25")
    '2019-04'
    """
    ref = article_date if isinstance(article_date, date) else parse_iso(article_date)
    phrase = re.sub(r"\s+", " ", text.strip().strip(",.;:")).strip()
    low = phrase.lower()
    m = _ISO.search(phrase)
    if m:
        found = _safe(int(m[1]), int(m[2]), int(m[3]))
        return found.isoformat() if found else None
    m = _DMY.search(phrase)
    if m:
        found = _safe(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
        return found.isoformat() if found else None
    m = _MDY.search(phrase)
    if m:
        found = _safe(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
        return found.isoformat() if found else None
    m = _MY.search(phrase)
    if m:
        return f"{int(m[2]):04d}-{MONTHS[m[1].lower()]:02d}"
    y = _YEAR.match(low)
    if y:
        return y[1]
    if ref is None:
        return None
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", low):
        return ref.isoformat()
    if re.search(r"\byesterday\b", low):
        return (ref - timedelta(days=1)).isoformat()
    if re.search(r"\btomorrow\b", low):
        return (ref + timedelta(days=1)).isoformat()
    for pattern, order in ((_MD, (1, 2)), (_DM, (2, 1))):
        m = pattern.search(phrase)
        if m:
            month = MONTHS[m[order[0]].lower()]
            day = int(m[order[1]])
            found = _safe(ref.year, month, day)
            if found and found > ref:
                found = _safe(ref.year - 1, month, day)
            return found.isoformat() if found else None
    m = _WEEKDAY.search(low)
    if m:
        target = WEEKDAYS[m[2]]
        if (m[1] or "").strip() == "next":
            delta = (target - ref.weekday()) % 7 or 7
            return (ref + timedelta(days=delta)).isoformat()
        delta = (ref.weekday() - target) % 7
        if (m[1] or "").strip() == "last" and delta == 0:
            delta = 7
        return (ref - timedelta(days=delta)).isoformat()
    m = _ORDINAL.search(low)
    if m:
        day = int(m[1])
        found = _safe(ref.year, ref.month, day)
        if found and found > ref:
            prev = ref.replace(day=1) - timedelta(days=1)
            found = _safe(prev.year, prev.month, day)
        return found.isoformat() if found else None
    m = _MONTH_ALONE.match(low)
    if m:
        month = MONTHS[m[1].lower()]
        year = ref.year if month <= ref.month else ref.year - 1
        return f"{year:04d}-{month:02d}"
    if re.search(r"\b(this|last|past) (week|weekend)\b", low):
        return ref.isoformat()
    return None
