"""What a store hands up for a graph: ties it has aggregated, and the rules of what counts.

The rules are :data:`RULES`; the stores implement them in their own query language
(:mod:`diplograph.graph.stores.ties`), the analysis builds graphs of the result
(:func:`diplograph.graph.analysis.ties.tie_graph`). Which ends map to no node, and why, and
which leaders act for their state, are defined here, once, for both and for
:func:`~diplograph.graph.analysis.frame.fact_frame`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Ties", "TieFact", "TieSample", "url_host", "UNMAPPED_REASONS", "acts_for_state", "RULES"]

#: Why an end of a fact maps to no node of the state graph (column ``unmapped`` of the frame,
#: and the key under which such facts are counted in ``G.graph["excluded"]``).
UNMAPPED_REASONS = {
    "organization": "an end is an organisation (kept with --organizations)",
    "noState": "an end has no known state (a firm or leader whose country is unknown)",
    "leaderNotForState": "a leader who does not act for the state (opposition leader, rebel, claimant)",
}


# Titles of people who do not speak for the government of their country: opposition and armed
# groups, claimants to an office, people out of office. "Interim President" is the claimant's
# title in loaders/data/roles.tsv ("self-proclaimed interim president", Guaido 2019-2023); a
# constitutional successor is an "Acting President" there.
_NOT_FOR_STATE = re.compile(
    r"\b(opposition|rebels?|insurgents?|guerrillas?|militias?|separatists?|dissidents?|exiled?|in exile|former|ex-|"
    r"self-(?:proclaimed|declared|styled)|claimants?|pretenders?|candidates?|shadow|interim president|activists?|"
    r"protest leader|warlord)\b",
    re.IGNORECASE,
)


def acts_for_state(role: str | None) -> bool:
    """Whether a leader with this title acts for their state (so their facts are the state's).

    Parameters
    ----------
    role:
        The leader's title (``Actor.role``, the ``role`` of a LEADS fact, or the role column of
        ``loaders/data/leaders.tsv``), or ``None`` when unknown.

    Returns
    -------
    bool
        False for titles of people who do not speak for their country's government:
        opposition leaders, rebels, insurgents, militias, separatists, dissidents, people in
        exile or out of office ("former"), claimants ("self-proclaimed", "Interim President",
        the claimant's title in ``roles.tsv``), candidates, activists. True otherwise: heads
        of state and government, ministers, spokespeople, ambassadors, advisers, officials,
        and an unknown title (the actor tables and titled mentions carry the title whenever it
        is known; event data name office holders).

    Notes
    -----
    Event-data practice codes a person by the sector they act for: CAMEO gives government
    actors ``GOV`` and opposition ``OPP``, rebels ``REB``, insurgents ``INS`` (Schrodt 2012,
    *CAMEO Conflict and Mediation Event Observations Actor Codebook*, ch. 2), and only the
    former are the state's acts in a state-level analysis.

    Examples
    --------
    >>> acts_for_state("Foreign Minister"), acts_for_state("Opposition leader"), acts_for_state(None)
    (True, False, True)
    """
    if not role:
        return True
    return _NOT_FOR_STATE.search(role) is None

RULES = """\
node of an end (state level): a State is itself; an Organization is itself with
--organizations, else no node (reason "organization"); a Leader or Firm is its country, no
node when that is unknown (reason "noState"); a Leader who does not act for their state
(not_for_state) is no node (reason "leaderNotForState", which wins over the other reasons).
At actor level every actor is its own node.
filters, in order: relation type with sign 0 ("neutral"); an end with no node (by reason);
both ends one node ("selfLoop"); with a half-life, no date ("undated"); of the facts of one
article with the same (source, relation, target) — the pair unordered for symmetric types —
only the one of highest confidence, then intensity, then smallest key counts
("duplicateMention"); of the dated coded events (no article), under --event-rule day those
with the same pair (unordered for symmetric types), CAMEO root code (else relation type) and
first day are one event, under source those from the same source too (a coding with no
source is its own event), and only the strongest coding (highest weight before decay, then
smallest key) counts ("duplicateEvent"). --since/--until select the facts read (first day
of a date).
weight of a fact: |goldstein| when given, else |Goldstein of its CAMEO code|, else the
relation type's default; times confidence; with --event-weight sources, a merged event's
times its distinct sources; times 0.5 ** (age / half-life) with a half-life."""


def leader_acts_for_state(own_role: str | None, leads_roles: Iterable[str] = ()) -> bool:
    """Whether a leader's facts count for their state: their own title decides when known
    (:func:`acts_for_state`), else the titles of their LEADS facts (acting if any title
    acts), else (no title known) they do.

    >>> leader_acts_for_state(None, ["Opposition leader"]), leader_acts_for_state("President", ["Opposition leader"])
    (False, True)
    """
    if own_role is not None:
        return acts_for_state(own_role)
    roles = list(leads_roles)
    return any(acts_for_state(r) for r in roles) if roles else True


@dataclass(slots=True)
class Ties:
    """What a store returns for a graph: aggregated ties and the counts around them.

    Attributes
    ----------
    rows:
        DataFrame, one row per (``source``, ``target``, ``relation``, ``day``) of the facts
        that count: ``source``/``target`` node ids (str), ``relation`` (RelationType value),
        ``day`` (ISO date of the facts' first day, ``None`` unless grouped by day),
        ``weight`` (sum of |Goldstein| x confidence, >= 0, unsigned, no decay), ``facts``
        (number of facts, int), ``weighted`` (how many of them weigh more than 0), ``first`` and
        ``last`` (first days of the earliest and latest dated of them, ISO, ``None`` when none is dated).
    facts:
        Number of facts read (those in the window).
    excluded:
        Facts left out by reason (the keys of :func:`~diplograph.graph.analysis.state_graph`'s
        ``G.graph["excluded"]``, in its order).
    names, kinds:
        Name and kind label of every node that has a tie.
    not_for_state:
        Ids of the leaders (seen in the facts read) whose facts do not count for their state.
    """

    rows: pd.DataFrame
    facts: int
    excluded: dict[str, int]
    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    not_for_state: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TieFact:
    """One fact that counts in a tie (the evidence queries' row): ``key``, mapped ``source``
    and ``target`` nodes, ``relation``, ``day`` (the first day of its date, ISO, or ``None``
    when undated) and ``weight`` (|Goldstein| x confidence, unsigned, no decay)."""

    key: str
    source: str
    target: str
    relation: str
    day: str | None
    weight: float


@dataclass(frozen=True, slots=True)
class TieSample:
    """What the counted facts of a window rest on, counted by the store (one aggregate query).

    Attributes
    ----------
    facts:
        Facts that count in the ties (by :data:`RULES`).
    articles:
        Distinct articles among them.
    coded_events:
        Those with no article (coded event data).
    sources:
        Distinct outlets among them: an article's ``source``, else the host of its URL
        (:func:`url_host`), else ``article <id>``; for event data the host of the source URL,
        else the publisher.
    days:
        Distinct first days of the dated ones.
    by_node:
        Node -> (counted facts with an end on it, distinct outlets among them).
    undated:
        Counted facts with no date.
    months:
        ``YYYY-MM`` -> (cooperative, conflictual) counted facts of that month that weigh more
        than 0 (by the sign of their relation type), months with a dated counted fact only, in order.
    """

    facts: int
    articles: int
    coded_events: int
    sources: int
    days: int
    by_node: dict[str, tuple[int, int]] = field(default_factory=dict)
    undated: int = 0
    months: dict[str, tuple[int, int]] = field(default_factory=dict)


def url_host(value: str | None) -> str | None:
    """The host (``netloc``) of a URL, the value itself when it is no URL (a publisher's
    name), ``None`` for none or an empty value: the outlet of :class:`TieSample`.

    >>> url_host("https://www.example.com/a/b?c"), url_host("Reuters"), url_host("")
    ('www.example.com', 'Reuters', None)
    """
    if not value:
        return None
    return (urlparse(value).netloc or value) if "://" in value else value
