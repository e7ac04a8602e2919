"""Typed records that flow from loaders to stores: actors, articles and facts.

Shapes follow ``../shared/design/ontology.md``. Records are immutable; ids are stable so
that loading the same input twice changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from diplograph.graph.model.vocabulary import RELATIONS, ActorKind, RelationType

__all__ = ["Actor", "Article", "Fact", "slugify", "text_id", "text_digest", "iso_day", "event_date", "format_event_date", "DATE_RANGE"]

#: How precise an event date is: ``YYYY-MM-DD``, ``YYYY-MM`` ("in April") or ``YYYY``.
DATE_PRECISIONS = ("day", "month", "year")

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: The days a stored date may name: the era of modern interstate relations (the Correlates of
#: War system data begin in 1816; GDELT 1979, ICEWS 1995) to the end of the 22nd century. A date
#: outside is a typo or a misread field ("16000101", "2999-01-01"), refused where it is read; the
#: range also lies inside what pandas' nanosecond timestamps hold (1677-09-22 .. 2262-04-11).
DATE_RANGE = (datetime.date(1800, 1, 1), datetime.date(2199, 12, 31))


def _in_range(day: datetime.date, value: str) -> datetime.date:
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise ValueError(f"date {value!r} is outside {DATE_RANGE[0].isoformat()} .. {DATE_RANGE[1].isoformat()}")
    return day


def slugify(name: str) -> str:
    """Return a stable slug of a name: accents dropped, lower case, words joined by ``-``.

    >>> slugify("Nicolás Maduro")
    'nicolas-maduro'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def iso_day(value: str) -> datetime.date:
    """Parse a calendar date written exactly ``YYYY-MM-DD`` (ISO 8601 calendar date, ASCII digits).

    Stricter than :meth:`datetime.date.fromisoformat`, which since Python 3.11 also takes
    ``20190925`` and week dates (``2019-W39-3``).

    >>> iso_day("2019-09-25")
    datetime.date(2019, 9, 25)

    Raises
    ------
    ValueError
        If ``value`` is not a string of that form, names no real day (``2019-02-30``), or lies
        outside :data:`DATE_RANGE`.
    """
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError(f"date {value!r} is not YYYY-MM-DD")
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"date {value!r} is not a calendar date") from None
    return _in_range(day, value)


def event_date(value: str) -> tuple[datetime.date, str]:
    """Parse an event date of ISO 8601 calendar form at day, month or year precision.

    Returns the first day it covers and its precision:

    >>> event_date("2019-04")
    (datetime.date(2019, 4, 1), 'month')

    Raises
    ------
    ValueError
        If ``value`` is not ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (a real date), or its first
        day lies outside :data:`DATE_RANGE`.
    """
    parts = value.split("-") if isinstance(value, str) else []
    if not parts or not all(part.isdigit() for part in parts) or [len(p) for p in parts] not in ([4, 2, 2], [4, 2], [4]):
        raise ValueError(f"date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
    try:
        day = datetime.date(*numbers)
    except ValueError:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY") from None
    return _in_range(day, value), DATE_PRECISIONS[3 - len(parts)]


def format_event_date(day: datetime.date, precision: str = "day") -> str:
    """The ISO 8601 text of a date at its precision (inverse of :func:`event_date`).

    >>> format_event_date(datetime.date(2019, 4, 1), "month")
    '2019-04'
    """
    return day.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]]


def text_id(text: str) -> str:
    """Return the id of an article that has none: ``sha1:`` and the first 16 hex digits of its SHA-1."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def text_digest(text: str) -> str:
    """The digest that says two article texts are the same: 64 hex digits of the SHA-256 of the
    text in Unicode NFC with every run of white space made one space and the ends stripped (so
    a copy wrapped or indented differently has the same digest; case and punctuation count).

    >>> text_digest("Russia backs\\n  Venezuela. ") == text_digest("Russia backs Venezuela.")
    True
    """
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor node.

    Attributes
    ----------
    id:
        ISO 3166-1 alpha-3 for states, a slug for leaders and firms, a short code for organisations.
    kind:
        Which of State, Leader, Firm, Organization.
    name:
        Canonical name.
    country:
        ISO3 of the state a leader or firm belongs to, when known.
    aliases:
        Names seen for the actor (in text or in tables).
    role:
        For leaders, the title found ("President", "Foreign Minister"), when known.
    """

    id: str
    kind: ActorKind
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One source document.

    ``date`` is ISO 8601 (``YYYY-MM-DD``) or ``None``; ``id`` comes from metadata or
    :func:`text_id`. ``origin`` is the file (and line, for JSONL) it was read from.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """One typed, dated relation between two actors, with its provenance.

    Attributes
    ----------
    subject, object:
        The two actors (``subject`` acts on ``object``).
    relation:
        Relationship type from :class:`~diplograph.graph.model.vocabulary.RelationType`.
    date:
        Date of the event, ISO 8601 at day, month or year precision (``2019-09-25``,
        ``2019-04``, ``2019``; see :func:`event_date`), or ``None``.
    article_id:
        Id of the article the fact comes from (``None`` for coded event data).
    sentence, sentence_index:
        The sentence text and its 0-based index in the article.
    confidence:
        0..1; how the fact was found (see the extractor's documentation).
    cameo, context, reported_by, role, goldstein:
        Optional details: CAMEO code, PLOVER context, attribution ("Interfax"), role for
        LEADS, Goldstein weight from the source data.
    source_url, event_id:
        For coded event data: the source URL and the event's own id (GDELT GLOBALEVENTID).
    extractor:
        Name and version of what produced the fact.
    """

    subject: Actor
    relation: RelationType
    object: Actor
    date: str | None = None
    article_id: str | None = None
    sentence: str | None = None
    sentence_index: int | None = None
    confidence: float = 1.0
    cameo: str | None = None
    context: str | None = None
    reported_by: str | None = None
    role: str | None = None
    goldstein: float | None = None
    source_url: str | None = None
    event_id: str | None = None
    extractor: str = "diplograph"
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.make_key())

    @property
    def plover(self) -> str | None:
        """PLOVER event type of the relation (``None`` for LEADS, MEMBER_OF, OWNS)."""
        return RELATIONS[self.relation].plover

    def make_key(self) -> str:
        """Stable identity of the fact: the event id when there is one, else a hash of
        (subject, relation, object, article, sentence index). 40 hex digits."""
        if self.event_id:
            basis = f"event|{self.event_id}|{self.relation.value}"
        else:
            basis = "|".join(
                [self.subject.id, self.relation.value, self.object.id, self.article_id or "", str(self.sentence_index)]
            )
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()

    def to_contract(self) -> dict:
        """The JSON object of ``diplograph extract --format jsonl`` (ontology.md, "Extraction output").

        An end that is a leader, firm or group with a home state carries it as ``country``
        (ISO3): the state a leader acts for, the state of a firm or of a rebel group.
        """
        ends = []
        for actor in (self.subject, self.object):
            end = {"id": actor.id, "name": actor.name, "type": actor.kind.value}
            if actor.country and actor.kind != ActorKind.STATE:
                end["country"] = actor.country
            ends.append(end)
        out = {
            "subject": ends[0],
            "relation": self.relation.value,
            "object": ends[1],
            "plover": self.plover,
            "date": self.date,
            "sentence": self.sentence,
            "sentenceIndex": self.sentence_index,
            "article": self.article_id,
            "confidence": round(self.confidence, 3),
        }
        for key, value in (("cameo", self.cameo), ("context", self.context), ("reportedBy", self.reported_by), ("role", self.role)):
            if value is not None:
                out[key] = value
        return out
