"""The fact frame: one row a fact, with the node each end stands for and its intensity."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from diplograph.graph.model.goldstein import goldstein_for_cameo
from diplograph.graph.model.records import Fact
from diplograph.graph.model.ties import UNMAPPED_REASONS, leader_acts_for_state
from diplograph.graph.model.vocabulary import RELATIONS, ActorKind, RelationType

#: Columns of the fact frame (see :func:`fact_frame`).
FRAME_COLUMNS = ("key", "source", "target", "relation", "intensity", "confidence", "date")

_UNMAPPED_ORDER = tuple(UNMAPPED_REASONS)

_SIGN = {r.value: spec.sign for r, spec in RELATIONS.items()}
_SYMMETRIC = {r.value: spec.symmetric for r, spec in RELATIONS.items()}
_DEFAULT_INTENSITY = {r.value: abs(spec.goldstein) for r, spec in RELATIONS.items()}




def _node_of(actor, level: str, organizations: bool) -> tuple[str | None, str | None]:
    """Node an actor counts as, and the reason when it is none."""
    if level == "actor":
        return actor.id, None
    kind = actor.kind
    if kind is ActorKind.STATE:
        return actor.id, None
    if kind is ActorKind.ORGANIZATION:
        return (actor.id, None) if organizations else (None, "organization")
    return (actor.country, None) if actor.country else (None, "noState")  # leaders and firms: their state


def intensity_of(fact: Fact) -> float:
    """Goldstein intensity |g| of one fact (0..10).

    ``fact.goldstein`` when the source data gave one (GDELT), else the GDELT Goldstein weight
    of ``fact.cameo`` (:mod:`diplograph.graph.model.goldstein`), else the default of the relation
    type in :data:`~diplograph.graph.model.vocabulary.RELATIONS`.

    >>> from diplograph.graph.model.records import Actor
    >>> rus = Actor("RUS", ActorKind.STATE, "Russia"); ven = Actor("VEN", ActorKind.STATE, "Venezuela")
    >>> intensity_of(Fact(rus, RelationType.SUPPORTS, ven))
    3.4
    >>> intensity_of(Fact(rus, RelationType.SUPPORTS, ven, cameo="057"))
    8.0
    """
    if fact.goldstein is not None:
        return abs(float(fact.goldstein))
    g = goldstein_for_cameo(fact.cameo)
    if g is not None:
        return abs(g)
    return _DEFAULT_INTENSITY[fact.relation.value]


def fact_frame(
    facts: Iterable[Fact] | pd.DataFrame, *, level: str = "state", organizations: bool = False,
    not_for_state: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row a fact, with the two ends mapped to graph nodes: the columnar input of the analysis.

    Parameters
    ----------
    facts:
        Facts (any iterable, read once), or a frame already in this shape (returned as is).
    level:
        ``"state"`` (default): a state counts as itself; a firm counts for its state
        (``Actor.country``) and is dropped when that is unknown; a leader counts for their
        state only when acting for it (:func:`~diplograph.graph.model.ties.acts_for_state` of their ``Actor.role``; when
        that is unknown, of the ``role`` of their LEADS facts; when none is known, they do):
        an opposition leader's, rebel's or claimant's facts are not the state's and are
        dropped; an organisation is dropped unless ``organizations`` is true, when it stays a
        node of its own (kind ``Organization``). ``"actor"``: every actor is its own node.
    organizations:
        Keep organisations as nodes of a state graph (default False: the issue's "state graph"
        holds states only, since an organisation's acts are not any one state's acts).
    not_for_state:
        Ids of the leaders who do not act for their state, when decided over more facts than
        ``facts`` (a store's :attr:`~diplograph.graph.model.ties.Ties.not_for_state` for a
        window; ``facts`` then being a part of it); default: decided from ``facts``.

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (Fact.key), ``source``, ``target`` (node ids, ``None`` when the end
        maps to no node), ``relation`` (RelationType value, categorical), ``intensity``
        (|Goldstein|, 0..10, see :func:`intensity_of`), ``confidence`` (0..1), ``date``
        (datetime64, NaT when undated); ``subject``, ``object`` (actor ids); ``unmapped``
        (why an end maps to no node: a key of :data:`UNMAPPED_REASONS`, else None);
        ``article`` (Fact.article_id, None for event data); ``cameo`` (Fact.cameo) and
        ``origin`` (Fact.source_url, else Fact.reported_by): what the event-data rule
        (:mod:`~diplograph.graph.analysis.events`) groups by.
        ``frame.attrs`` holds ``names`` and ``kinds`` of the nodes seen (id -> canonical name
        / kind label) and ``notForState`` (ids of the leaders whose facts do not count for
        their state).

    Raises
    ------
    ValueError
        If ``level`` is not ``"state"`` or ``"actor"``.
    """
    if isinstance(facts, pd.DataFrame):
        return facts
    if level not in ("state", "actor"):
        raise ValueError(f"level must be 'state' or 'actor', not {level!r}")
    keys, sources, targets, relations, intens, confs, dates, subjects, objects, whys, arts, cameos, origins = ([] for _ in range(13))
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    leader_role: dict[str, str | None] = {}  # leader id -> Actor.role (first known)
    leads_roles: dict[str, list[str]] = {}  # leader id -> roles of its LEADS facts
    leader_rows: dict[str, list[tuple[int, int]]] = {}  # leader id -> (row, 0 subject / 1 object)
    state_level = level == "state"
    for row, fact in enumerate(facts):
        s, o = fact.subject, fact.object
        src, why_s = _node_of(s, level, organizations)
        dst, why_o = _node_of(o, level, organizations)
        for side, actor, node in ((0, s, src), (1, o, dst)):
            if node is not None and (node == actor.id):
                names.setdefault(node, actor.name)
                kinds.setdefault(node, actor.kind.value)
            elif node is not None:
                kinds.setdefault(node, ActorKind.STATE.value)
            if state_level and node is not None and actor.kind is ActorKind.LEADER:
                leader_rows.setdefault(actor.id, []).append((row, side))
                if leader_role.get(actor.id) is None:
                    leader_role[actor.id] = actor.role
        if state_level and fact.relation is RelationType.LEADS and s.kind is ActorKind.LEADER and fact.role:
            leads_roles.setdefault(s.id, []).append(fact.role)
        keys.append(fact.key)
        sources.append(src)
        targets.append(dst)
        whys.append(why_s or why_o)
        relations.append(fact.relation.value)
        intens.append(intensity_of(fact))
        confs.append(fact.confidence)
        dates.append(fact.date)
        subjects.append(s.id)
        objects.append(o.id)
        arts.append(fact.article_id)
        cameos.append(fact.cameo)
        origins.append(fact.source_url or fact.reported_by)
    # A leader counts for their state only when acting for it (leader_acts_for_state)
    decided = None if not_for_state is None else set(not_for_state)
    not_for_state = []
    for leader, rows in leader_rows.items():
        if (leader not in decided) if decided is not None else leader_acts_for_state(leader_role.get(leader),
                                                                                        leads_roles.get(leader, ())):
            continue
        not_for_state.append(leader)
        for row, side in rows:
            (sources if side == 0 else targets)[row] = None
            whys[row] = "leaderNotForState"
    frame = pd.DataFrame(
        {
            "key": pd.Series(keys, dtype=object),
            "source": pd.Series(sources, dtype=object),
            "target": pd.Series(targets, dtype=object),
            "relation": pd.Categorical(relations, categories=[r.value for r in RelationType]),
            "intensity": np.asarray(intens, dtype=float),
            "confidence": np.asarray(confs, dtype=float),
            "date": pd.to_datetime(pd.Series(dates, dtype=object), errors="coerce", format="ISO8601"),
            "subject": pd.Series(subjects, dtype=object),
            "object": pd.Series(objects, dtype=object),
            "unmapped": pd.Series(whys, dtype=object),
            "article": pd.Series(arts, dtype=object),
            "cameo": pd.Series(cameos, dtype=object),
            "origin": pd.Series(origins, dtype=object),
        }
    )
    for node in kinds:
        names.setdefault(node, node)
    frame.attrs["names"] = names
    frame.attrs["kinds"] = kinds
    frame.attrs["notForState"] = sorted(not_for_state)
    return frame
