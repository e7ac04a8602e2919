"""The window and weighting of an analysis, as one record passed through analysis and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as _date

from diplograph.graph.analysis.events import EventRule, EventWeight
from diplograph.graph.model.records import iso_day

__all__ = ["AnalysisOptions"]


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    """Which facts count in an analysis, and how much.

    Attributes
    ----------
    since, until:
        First and last day counted (``YYYY-MM-DD`` or a date, inclusive); ``None``: open.
        Undated facts count only when neither is given.
    half_life_days:
        Half-life of a fact's weight, in days before the reference date (``None``: no decay;
        must be > 0).
    reference_date:
        The day decay is measured from (default: the date of the newest fact counted, that
        is inside ``since``/``until``; ``until`` itself is not the default, so a window that
        ends after its last fact measures ages from that fact). Facts after it weigh as if
        of that day.
    organizations:
        Keep organisations (EU, NATO, ...) as nodes of the state graph besides states.
    event_rule:
        How coded event data (GDELT, ICEWS) count: :class:`~diplograph.graph.analysis.events.EventRule`
        (default ``day``: one event per actor pair, CAMEO root code and day).
    event_weight:
        What a merged event weighs: :class:`~diplograph.graph.analysis.events.EventWeight`
        (default ``one``: its strongest coding, once).

    Raises
    ------
    ValueError
        If ``since`` or ``until`` is a string but not ``YYYY-MM-DD``, or ``since`` is later
        than ``until`` (a window that holds no day).

    >>> AnalysisOptions(since="2019-01-01", half_life_days=30)
    AnalysisOptions(since='2019-01-01', until=None, half_life_days=30, reference_date=None, organizations=False, event_rule=<EventRule.DAY: 'day'>, event_weight=<EventWeight.ONE: 'one'>)
    """

    since: str | _date | None = None
    until: str | _date | None = None
    half_life_days: float | None = None
    reference_date: str | _date | None = None
    organizations: bool = False
    event_rule: EventRule = EventRule.DAY
    event_weight: EventWeight = EventWeight.ONE

    def __post_init__(self) -> None:
        days = [iso_day(day) if isinstance(day, str) else day for day in (self.since, self.until)]
        if None not in days and days[0] > days[1]:
            raise ValueError(f"since {days[0].isoformat()} is later than until {days[1].isoformat()}: the window holds no day")
