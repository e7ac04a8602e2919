"""Signed, weighted analysis of the relations between states.

Every function here is a module-level function of a fact collection or a networkx graph and
a few keyword arguments; randomised ones take a ``seed``; results are plain data (dataclass
rows with a ``to_json`` method). Signs and weights follow ``ontology.md`` ("Signs and weights
for analysis"): cooperative relationship types are positive ties, conflictual ones negative,
the rest (RETREATS, INVESTIGATES) and the structural ones (LEADS, OWNS, MEMBER_OF) are no
ties at all.

Pipeline
--------
facts --:func:`fact_frame`--> one row a fact (columnar, vectorised) --:func:`state_graph`-->
aggregated signed DiGraph --> :func:`centrality`, :func:`blocs`, :func:`structural_balance`,
:func:`brokers`; :func:`changes` compares two time windows.

References
----------
Goldstein, J. S. (1992). A conflict-cooperation scale for WEIS events data. *Journal of
Conflict Resolution* 36(2), 369-385.
Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual Web search engine.
*Computer Networks and ISDN Systems* 30, 107-117.
Bonacich, P. (1987). Power and centrality: a family of measures. *American Journal of
Sociology* 92(5), 1170-1182.
Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of Mathematical
Sociology* 25(2), 163-177; Brandes, U. & Pich, C. (2007). Centrality estimation in large
networks. *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
communities in large networks. *J. Stat. Mech.* P10008.
Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's theory.
*Psychological Review* 63(5), 277-293.
Doreian, P. & Mrvar, A. (1996). A partitioning approach to structural balance. *Social
Networks* 18(2), 149-168.
Guimerà, R. & Amaral, L. A. N. (2005). Functional cartography of complex metabolic
networks. *Nature* 433, 895-900.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date as _date

import networkx as nx
import numpy as np
import pandas as pd

from .goldstein import goldstein_for_cameo
from .model import Fact
from .vocabulary import RELATIONS, ActorKind, RelationType

__all__ = [
    "FRAME_COLUMNS",
    "UNMAPPED_REASONS",
    "fact_frame",
    "acts_for_state",
    "state_graph",
    "actor_graph",
    "weighted_facts",
    "cooperative_graph",
    "signed_matrix",
    "CentralityRow",
    "CentralityResult",
    "centrality",
    "BlocResult",
    "blocs",
    "BalanceResult",
    "structural_balance",
    "BrokerRow",
    "brokers",
    "ChangeRow",
    "ChangesResult",
    "changes",
]

#: Columns of the fact frame (see :func:`fact_frame`).
FRAME_COLUMNS = ("key", "source", "target", "relation", "intensity", "confidence", "date")

#: Why an end of a fact maps to no node of the state graph (column ``unmapped`` of the frame,
#: and the key under which such facts are counted in ``G.graph["excluded"]``).
UNMAPPED_REASONS = {
    "organization": "an end is an organisation (kept with --organizations)",
    "noState": "an end has no known state (a firm or leader whose country is unknown)",
    "leaderNotForState": "a leader who does not act for the state (opposition leader, rebel, claimant)",
}

_UNMAPPED_ORDER = tuple(UNMAPPED_REASONS)

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

_SIGN = {r.value: spec.sign for r, spec in RELATIONS.items()}
_SYMMETRIC = {r.value: spec.symmetric for r, spec in RELATIONS.items()}
_DEFAULT_INTENSITY = {r.value: abs(spec.goldstein) for r, spec in RELATIONS.items()}


# ----------------------------------------------------------------------------- facts -> frame


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
    of ``fact.cameo`` (:mod:`diplograph.graph.goldstein`), else the default of the relation
    type in :data:`~diplograph.graph.vocabulary.RELATIONS`.

    >>> from diplograph.graph.model import Actor
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
    facts: Iterable[Fact] | pd.DataFrame, *, level: str = "state", organizations: bool = False
) -> pd.DataFrame:
    """One row a fact, with the two ends mapped to graph nodes: the columnar input of the analysis.

    Parameters
    ----------
    facts:
        Facts (any iterable, read once), or a frame already in this shape (returned as is).
    level:
        ``"state"`` (default): a state counts as itself; a firm counts for its state
        (``Actor.country``) and is dropped when that is unknown; a leader counts for their
        state only when acting for it (:func:`acts_for_state` of their ``Actor.role``; when
        that is unknown, of the ``role`` of their LEADS facts; when none is known, they do):
        an opposition leader's, rebel's or claimant's facts are not the state's and are
        dropped; an organisation is dropped unless ``organizations`` is true, when it stays a
        node of its own (kind ``Organization``). ``"actor"``: every actor is its own node.
    organizations:
        Keep organisations as nodes of a state graph (default False: the issue's "state graph"
        holds states only, since an organisation's acts are not any one state's acts).

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (Fact.key), ``source``, ``target`` (node ids, ``None`` when the end
        maps to no node), ``relation`` (RelationType value, categorical), ``intensity``
        (|Goldstein|, 0..10, see :func:`intensity_of`), ``confidence`` (0..1), ``date``
        (datetime64, NaT when undated); ``subject``, ``object`` (actor ids); ``unmapped``
        (why an end maps to no node: a key of :data:`UNMAPPED_REASONS`, else None);
        ``article`` (Fact.article_id, None for event data).
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
    keys, sources, targets, relations, intens, confs, dates, subjects, objects, whys, arts = ([] for _ in range(11))
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
    # A leader counts for their state only when acting for it: their own title decides, else
    # the titles of their LEADS facts, else (no title known) they do.
    not_for_state = []
    for leader, rows in leader_rows.items():
        role = leader_role.get(leader)
        if role is not None:
            acts = acts_for_state(role)
        elif leads_roles.get(leader):
            acts = any(acts_for_state(r) for r in leads_roles[leader])
        else:
            acts = True
        if acts:
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
        }
    )
    for node in kinds:
        names.setdefault(node, node)
    frame.attrs["names"] = names
    frame.attrs["kinds"] = kinds
    frame.attrs["notForState"] = sorted(not_for_state)
    return frame


# ----------------------------------------------------------------------------- frame -> graph


def _to_timestamp(value) -> pd.Timestamp | None:
    if value is None:
        return None
    if isinstance(value, _date):
        return pd.Timestamp(value)
    return pd.Timestamp(str(value))


def _lookup(relation: pd.Series, table: dict, dtype) -> np.ndarray:
    """Vectorised ``table[relation]`` (0/False for unknown values), fast on categoricals."""
    if isinstance(relation.dtype, pd.CategoricalDtype):
        lut = np.array([table.get(c, 0) for c in relation.cat.categories] + [0], dtype=dtype)
        codes = relation.cat.codes.to_numpy()
        return lut[np.where(codes < 0, len(lut) - 1, codes)]
    return np.asarray([table.get(c, 0) for c in relation.tolist()], dtype=dtype)


def _one_event_per_article(frame: pd.DataFrame, keep: np.ndarray, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, dict]:
    """Keep one fact per (article, source node, relation, target node) among the rows kept.

    A symmetric relation's pair is unordered (A AGREES_WITH B and B AGREES_WITH A in one
    article are one signing). The mention kept has the highest confidence (then the highest
    intensity, then the first row). Facts with no article (event data) are each their own
    event. Returns the new mask and ``{dropped row: kept row}``.
    """
    art = frame["article"].to_numpy()
    cand = np.flatnonzero(keep & pd.notna(art))
    if len(cand) < 2:
        return keep, {}
    rel = frame["relation"]
    rel_codes = rel.cat.codes.to_numpy()[cand] if isinstance(rel.dtype, pd.CategoricalDtype) else pd.factorize(rel.to_numpy()[cand])[0]
    sym = _lookup(rel, _SYMMETRIC, bool)[cand]
    a_codes = pd.factorize(art[cand])[0]
    nodes, inv = np.unique(np.concatenate([src[cand], dst[cand]]).astype(str), return_inverse=True)
    s_codes, t_codes = inv[: len(cand)], inv[len(cand):]
    lo = np.where(sym, np.minimum(s_codes, t_codes), s_codes)
    hi = np.where(sym, np.maximum(s_codes, t_codes), t_codes)
    conf = frame["confidence"].to_numpy(dtype=float)[cand]
    inten = frame["intensity"].to_numpy(dtype=float)[cand]
    # best mention first: confidence, then intensity (descending), then row order
    order = np.lexsort((np.arange(len(cand)), -inten, -conf, hi, rel_codes, lo, a_codes))
    group = np.column_stack([a_codes, lo, rel_codes, hi])[order]
    first = np.ones(len(cand), dtype=bool)
    first[1:] = np.any(group[1:] != group[:-1], axis=1)
    if first.all():
        return keep, {}
    leader = np.maximum.accumulate(np.where(first, np.arange(len(cand)), 0))  # first row of each group
    rows = cand[order]
    dropped = ~first
    keep = keep.copy()
    keep[rows[dropped]] = False
    return keep, dict(zip(rows[dropped].tolist(), rows[leader[dropped]].tolist()))


def _weights(
    frame: pd.DataFrame,
    half_life_days: float | None,
    since,
    until,
    reference_date,
) -> tuple[np.ndarray, np.ndarray, dict]:
    """Filter a fact frame and compute each remaining fact's signed weight.

    Returns the positions of the kept rows, their signed weights (float) and the reference
    date and counts of what was dropped and why."""
    excluded = {}
    sign = _lookup(frame["relation"], _SIGN, np.int8)
    src = frame["source"].to_numpy()
    dst = frame["target"].to_numpy()
    keep = sign != 0
    excluded["neutral"] = int((~keep).sum())
    mapped = pd.notna(src) & pd.notna(dst)
    dropped = keep & ~mapped
    if "unmapped" in frame.columns:
        why = frame["unmapped"].to_numpy()[dropped]
        reasons, counts = np.unique(np.where(pd.isna(why), "noState", why).astype(str), return_counts=True)
        for reason in _UNMAPPED_ORDER:
            excluded[reason] = 0
        excluded.update({r: int(c) for r, c in zip(reasons.tolist(), counts.tolist())})
    else:
        excluded["noState"] = int(dropped.sum())
    keep &= mapped
    loop = keep & (src == dst)
    excluded["selfLoop"] = int(loop.sum())
    keep &= ~loop
    d_all = frame["date"].to_numpy()
    if since is not None or until is not None:
        inside = ~pd.isna(d_all)
        if since is not None:
            inside &= d_all >= np.datetime64(_to_timestamp(since))
        if until is not None:
            inside &= d_all <= np.datetime64(_to_timestamp(until))
        excluded["outOfWindow"] = int((keep & ~inside).sum())
        keep &= inside
    ref = None
    if half_life_days is not None:
        if not half_life_days > 0:
            raise ValueError(f"half_life_days must be positive, not {half_life_days!r}")
        dated = ~pd.isna(d_all)
        excluded["undated"] = int((keep & ~dated).sum())
        keep &= dated
    duplicates: dict[int, int] = {}
    if "article" in frame.columns:
        keep, duplicates = _one_event_per_article(frame, keep, src, dst)
        excluded["duplicateMention"] = len(duplicates)
    idx = np.flatnonzero(keep)
    w = frame["intensity"].to_numpy(dtype=float)[idx] * frame["confidence"].to_numpy(dtype=float)[idx]
    if half_life_days is not None and len(idx):
        d = d_all[idx].astype("datetime64[D]")
        ref = _to_timestamp(reference_date) if reference_date is not None else pd.Timestamp(d.max())
        age = (np.datetime64(ref.date(), "D") - d).astype(float)
        w = w * np.power(0.5, np.clip(age, 0.0, None) / float(half_life_days))
    info = {"excluded": excluded, "referenceDate": ref.date().isoformat() if ref is not None else None,
            "duplicates": duplicates}
    return idx, w * sign[idx], info


def _aggregate(
    frame: pd.DataFrame,
    *,
    half_life_days: float | None,
    since,
    until,
    reference_date,
    level: str,
) -> nx.DiGraph:
    idx, signed, info = _weights(frame, half_life_days, since, until, reference_date)
    src = frame["source"].to_numpy()[idx]
    dst = frame["target"].to_numpy()[idx]
    keys = frame["key"].to_numpy()[idx]
    symmetric = _lookup(frame["relation"], _SYMMETRIC, bool)[idx]
    n_kept = len(idx)
    # A symmetric act (trade, agreement, talks, fighting) is a tie both ways.
    if symmetric.any():
        src = np.concatenate([src, dst[symmetric]])
        dst = np.concatenate([dst, src[: n_kept][symmetric]])
        keys = np.concatenate([keys, keys[symmetric]])
        signed = np.concatenate([signed, signed[symmetric]])
    nodes = np.unique(np.concatenate([src, dst]).astype(str)) if len(src) else np.array([], dtype=str)
    n = len(nodes)
    G = nx.DiGraph()
    names = frame.attrs.get("names", {})
    kinds = frame.attrs.get("kinds", {})
    for node in nodes.tolist():
        G.add_node(node, name=names.get(node, node), kind=kinds.get(node, "State" if level == "state" else "Actor"))
    if n:
        s_code = np.searchsorted(nodes, src.astype(str))
        t_code = np.searchsorted(nodes, dst.astype(str))
        pair = s_code.astype(np.int64) * n + t_code
        order = np.argsort(pair, kind="stable")
        pair_sorted = pair[order]
        uniq, starts, counts = np.unique(pair_sorted, return_index=True, return_counts=True)
        signed_sorted = signed[order]
        positive = np.add.reduceat(np.where(signed_sorted > 0, signed_sorted, 0.0), starts)
        negative = np.add.reduceat(np.where(signed_sorted < 0, -signed_sorted, 0.0), starts)
        n_pos = np.add.reduceat((signed_sorted > 0).astype(np.int64), starts)
        n_neg = np.add.reduceat((signed_sorted < 0).astype(np.int64), starts)
        key_groups = np.split(keys[order], starts[1:])
        u_code, v_code = np.divmod(uniq, n)
        node_list = nodes.tolist()
        G.add_edges_from(
            (
                node_list[u],
                node_list[v],
                {
                    "positive": float(p),
                    "negative": float(q),
                    "weight": float(p - q),
                    "facts": int(c),
                    "positiveFacts": int(a),
                    "negativeFacts": int(b),
                    "factKeys": g.tolist(),
                },
            )
            for u, v, p, q, c, a, b, g in zip(
                u_code.tolist(), v_code.tolist(), positive, negative, counts.tolist(), n_pos.tolist(), n_neg.tolist(), key_groups
            )
        )
    G.graph.update(
        level=level,
        halfLifeDays=half_life_days,
        since=str(since) if since is not None else None,
        until=str(until) if until is not None else None,
        referenceDate=info["referenceDate"],
        facts=int(n_kept),
        excluded=info["excluded"],
    )
    return G


def weighted_facts(
    facts: Iterable[Fact] | pd.DataFrame,
    *,
    half_life_days: float | None = None,
    since: str | _date | None = None,
    until: str | _date | None = None,
    reference_date: str | _date | None = None,
    organizations: bool = False,
) -> pd.DataFrame:
    """The facts that count as ties of the state graph, each with its signed weight.

    Same filters and weights as :func:`state_graph` (which sums these rows per ordered pair),
    so every number of a report can be traced to the facts behind it.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`fact_frame` that are kept, plus ``weight`` (signed: + cooperative,
        - conflictual) and ``symmetric`` (True when the fact is a tie both ways).
        ``attrs["duplicateOf"]`` maps the frame index of each repeated mention dropped to the
        key of the fact counted in its place (see :func:`state_graph`).
    """
    frame = fact_frame(facts, level="state", organizations=organizations)
    idx, signed, info = _weights(frame, half_life_days, since, until, reference_date)
    out = frame.iloc[idx].copy()
    out["weight"] = signed
    out["symmetric"] = _lookup(frame["relation"], _SYMMETRIC, bool)[idx]
    out.attrs.update(frame.attrs)
    out.attrs["referenceDate"] = info["referenceDate"]
    out.attrs["excluded"] = info["excluded"]
    keys = frame["key"].to_numpy()
    out.attrs["duplicateOf"] = {int(frame.index[d]): keys[k] for d, k in info["duplicates"].items()}
    return out


def state_graph(
    facts: Iterable[Fact] | pd.DataFrame,
    *,
    half_life_days: float | None = None,
    since: str | _date | None = None,
    until: str | _date | None = None,
    reference_date: str | _date | None = None,
    organizations: bool = False,
) -> nx.DiGraph:
    """The signed, weighted graph of states: one edge per ordered pair, facts aggregated.

    Parameters
    ----------
    facts:
        Facts, or a frame from :func:`fact_frame`.
    half_life_days:
        When given, a fact's weight decays as ``0.5 ** (age_days / half_life_days)``, its age
        counted back from ``reference_date`` (ages below 0 count as 0). Undated facts are then
        dropped (their age is unknown) and counted in ``G.graph["excluded"]["undated"]``.
        Decay and windows apply before repeated mentions are merged.
    since, until:
        ISO dates (inclusive); when either is given only dated facts in the window count.
    reference_date:
        Date the ages count from; default the newest date among the facts kept.
    organizations:
        Keep organisations as nodes (see :func:`fact_frame`); default states only.

    Returns
    -------
    networkx.DiGraph
        Nodes: ISO3 codes (attributes ``name``, ``kind``). Edge ``u -> v`` attributes:
        ``positive`` and ``negative`` (sums of the weights of the cooperative and of the
        conflictual facts, both >= 0), ``weight`` (net: positive - negative), ``facts``,
        ``positiveFacts``, ``negativeFacts`` (counts) and ``factKeys`` (list of Fact.key, for
        traceability). ``G.graph`` records the parameters, the number of facts used and the
        numbers dropped by reason (``neutral``: relation type with no sign, structural ones
        included; ``organization``: an end is an organisation (kept with ``organizations``);
        ``noState``: an end is a firm or leader whose state is unknown;
        ``leaderNotForState``: an end is a leader who does not act for their state; ``selfLoop``; ``outOfWindow``; ``undated``;
        ``duplicateMention``: another mention of the same event in the same article).

    Notes
    -----
    Weight of a fact = |Goldstein| (Goldstein 1992; the fact's own value, else the GDELT
    weight of its CAMEO code, else the relation type's default) x confidence x decay; its
    sign is the relation type's (ontology.md). Leaders and firms count for their state
    (``Actor.country``): a minister's visit is the state's act, and a state-owned or national
    firm's trade is the state's trade; those whose state is unknown are dropped. A leader who
    does not act for the state (opposition leader, rebel, claimant: :func:`acts_for_state`)
    is dropped too ("USA supports Guaido" is not support of Venezuela's government), counted
    in ``excluded["leaderNotForState"]``.

    One event per story: an article often gives the same event several times (headline,
    lede, a later quote), and the extractor may code it with a leader or with the state. So
    each (article, source node, relation type, target node) counts once, the pair unordered
    for symmetric types, with the weight of its mention of highest confidence (then highest
    intensity); the others stay in the store and in ``report actor`` (marked as duplicate
    mentions) but add no weight, counted in ``excluded["duplicateMention"]``. Facts without an article (coded event data: GDELT,
    ICEWS) are each their own event. This is the de-duplication of event data, one event
    per source story (GDELT 1.0 counts an event once per article; Phoenix keeps one event
    per (source, target, event code) a day: Schrodt, Beieler & Idris 2014, *Three's a charm?
    Open event data coding with EL:DIABLO, PETRARCH, and the Open Event Data Alliance*, ISA). Symmetric
    relation types (TRADES_WITH, COOPERATES_WITH, AGREES_WITH, CONSULTS, FIGHTS) add their
    weight to both directions. Self-loops (e.g. a Russian minister supporting Russia) are
    dropped. Aggregation is vectorised (numpy sort + reduceat), so 2 million facts take
    seconds.

    Examples
    --------
    >>> from diplograph.graph.model import Actor
    >>> rus = Actor("RUS", ActorKind.STATE, "Russia"); ven = Actor("VEN", ActorKind.STATE, "Venezuela")
    >>> putin = Actor("vladimir-putin", ActorKind.LEADER, "Vladimir Putin", country="RUS")
    >>> G = state_graph([Fact(putin, RelationType.SUPPORTS, ven, confidence=0.5),
    ...                  Fact(rus, RelationType.SANCTIONS, ven, date="2019-01-01")])
    >>> e = G["RUS"]["VEN"]; (e["positive"], e["negative"], round(e["weight"], 2), e["facts"])
    (1.7, 8.0, -6.3, 2)
    """
    frame = fact_frame(facts, level="state", organizations=organizations)
    return _aggregate(
        frame, half_life_days=half_life_days, since=since, until=until, reference_date=reference_date, level="state"
    )


def actor_graph(
    facts: Iterable[Fact] | pd.DataFrame,
    *,
    half_life_days: float | None = None,
    since: str | _date | None = None,
    until: str | _date | None = None,
    reference_date: str | _date | None = None,
) -> nx.DiGraph:
    """Like :func:`state_graph` but every actor (state, leader, firm, organisation) is its own node.

    Same edge attributes and weights; used by ``diplograph export --level actors``.
    """
    frame = fact_frame(facts, level="actor")
    return _aggregate(
        frame, half_life_days=half_life_days, since=since, until=until, reference_date=reference_date, level="actor"
    )


def cooperative_graph(G: nx.DiGraph) -> nx.DiGraph:
    """The cooperative part of a signed graph: every node, and the edges whose net weight is > 0.

    Parameters
    ----------
    G:
        A graph from :func:`state_graph` (edge attribute ``weight`` = net weight).

    Returns
    -------
    networkx.DiGraph
        Same nodes (with attributes); edges with ``weight`` > 0 only, keeping their
        attributes, plus ``distance`` = 1 / weight (for shortest paths and betweenness).
    """
    C = nx.DiGraph()
    C.add_nodes_from(G.nodes(data=True))
    C.add_edges_from(
        (u, v, {**d, "distance": 1.0 / d["weight"]}) for u, v, d in G.edges(data=True) if d.get("weight", 0.0) > 0
    )
    C.graph.update(G.graph)
    return C


def signed_matrix(G: nx.DiGraph, nodelist: list | None = None) -> tuple[list, np.ndarray]:
    """Symmetric matrix of net signed ties between nodes: ``W[i, j] = w(i->j) + w(j->i)``.

    Returns
    -------
    nodelist, W:
        Node order (sorted ids by default) and the ``n x n`` float matrix (zero diagonal).
    """
    nodelist = sorted(G.nodes()) if nodelist is None else list(nodelist)
    index = {v: i for i, v in enumerate(nodelist)}
    W = np.zeros((len(nodelist), len(nodelist)))
    for u, v, d in G.edges(data=True):
        if u == v or u not in index or v not in index:
            continue
        i, j = index[u], index[v]
        w = d.get("weight", 0.0)
        W[i, j] += w
        W[j, i] += w
    return nodelist, W


# ----------------------------------------------------------------------------- centrality


@dataclass(frozen=True, slots=True)
class CentralityRow:
    """Centrality of one node.

    Attributes
    ----------
    id, name:
        Node id (ISO3) and name.
    rank:
        1-based rank by PageRank (ties broken by id).
    pagerank:
        PageRank on the cooperative graph (sums to 1 over nodes).
    eigenvector:
        Eigenvector centrality on the largest connected component of the undirected
        cooperative graph (unit Euclidean norm over that component); ``None`` for a node
        outside it (see :func:`centrality`).
    betweenness:
        Betweenness on the cooperative graph with distance 1/weight, normalised by
        (n-1)(n-2) (directed); exact or sampled (see :class:`CentralityResult` ``method``).
    cooperative_out, cooperative_in, conflictual_out, conflictual_in:
        Weighted degrees: sums of the ``positive`` (cooperative) and ``negative``
        (conflictual, as magnitudes) weights of out- and in-edges.
    facts:
        Number of fact-edges touching the node (a symmetric fact counts on both of its edges).
    """

    id: str
    name: str
    rank: int
    pagerank: float
    eigenvector: float | None
    betweenness: float
    cooperative_out: float
    cooperative_in: float
    conflictual_out: float
    conflictual_in: float
    facts: int

    def to_json(self) -> dict:
        """camelCase JSON object of the row."""
        d = asdict(self)
        return {
            "rank": d["rank"],
            "id": d["id"],
            "name": d["name"],
            "pagerank": d["pagerank"],
            "eigenvector": d["eigenvector"],
            "betweenness": d["betweenness"],
            "cooperativeOut": d["cooperative_out"],
            "cooperativeIn": d["cooperative_in"],
            "conflictualOut": d["conflictual_out"],
            "conflictualIn": d["conflictual_in"],
            "facts": d["facts"],
        }


@dataclass(slots=True)
class CentralityResult:
    """Rows sorted by PageRank (highest first) and how each measure was computed."""

    rows: list[CentralityRow]
    method: dict = field(default_factory=dict)

    def by_id(self) -> dict[str, CentralityRow]:
        """Rows keyed by node id."""
        return {r.id: r for r in self.rows}

    def to_json(self) -> dict:
        """``{"method": {...}, "rows": [...]}``."""
        return {"method": self.method, "rows": [r.to_json() for r in self.rows]}


def _eigenvector_undirected(C: nx.DiGraph, nodes: list) -> tuple[dict, dict]:
    """Principal eigenvector of the symmetrised cooperative adjacency (w(u,v) + w(v,u)) on its
    largest connected component; ``None`` for every node outside it."""
    n = len(nodes)
    info = {"component": "largest connected component of the undirected cooperative graph", "componentNodes": 0, "nodes": n}
    if n == 0:
        return {}, {**info, "solver": "empty graph"}
    A = nx.to_scipy_sparse_array(C, nodelist=nodes, weight="weight", format="csr")
    A = (A + A.T).tocsr()
    if A.nnz == 0:
        return {v: None for v in nodes}, {**info, "solver": "no cooperative ties: not defined"}
    comps = _components(A.toarray() > 0) if n <= 1500 else None
    if comps is None:
        from scipy.sparse.csgraph import connected_components

        _, lab = connected_components(A, directed=False)
        comps = [np.flatnonzero(lab == c) for c in np.unique(lab)]
    strength = np.asarray(A.sum(axis=1)).ravel()
    # largest by nodes, then by total cooperative weight, then first node id
    main = max(comps, key=lambda c: (len(c), float(strength[c].sum()), -int(c[0])))
    A = A[main][:, main]
    m = len(main)
    if m <= 1500:
        vals, vecs = np.linalg.eigh(A.toarray())
        vec = vecs[:, -1]
        solver = "dense symmetric eigensolver (numpy.linalg.eigh)"
    else:
        from scipy.sparse.linalg import eigsh

        vals, vecs = eigsh(A.astype(float), k=1, which="LA")
        vec = vecs[:, 0]
        solver = "sparse Lanczos (scipy.sparse.linalg.eigsh)"
    vec = np.abs(vec)
    norm = np.linalg.norm(vec)
    vec = vec / norm if norm > 0 else vec
    out = dict.fromkeys(nodes)
    out.update(zip((nodes[i] for i in main.tolist()), vec.tolist()))
    return out, {**info, "componentNodes": int(m), "solver": solver}


def centrality(
    G: nx.DiGraph,
    *,
    seed: int = 0,
    exact_limit: int = 1000,
    k: int = 500,
    alpha: float = 0.85,
) -> CentralityResult:
    """PageRank, eigenvector, betweenness and weighted degrees of every node of a signed graph.

    Parameters
    ----------
    G:
        A graph from :func:`state_graph`.
    seed:
        Seed of the node sample when betweenness is sampled.
    exact_limit:
        Betweenness is exact (Brandes 2001) up to this many nodes, and estimated from ``k``
        sampled sources above it (Brandes & Pich 2007).
    k:
        Number of sampled sources above ``exact_limit``.
    alpha:
        PageRank damping factor.

    Returns
    -------
    CentralityResult
        One :class:`CentralityRow` a node, sorted by PageRank (then id); ``method`` says how
        each measure was computed (graph, weights, exact or sampled, ``k``, seed, solver).

    Notes
    -----
    PageRank, eigenvector and betweenness use the cooperative graph
    (:func:`cooperative_graph`): conflict is not prominence one confers on another, and
    PageRank and eigenvector need non-negative weights. PageRank (Brin & Page 1998) follows
    out-edges, weighted by net cooperative weight; dangling nodes spread their rank uniformly.
    Eigenvector centrality (Bonacich 1987) is taken on the undirected cooperative graph
    (weights of both directions summed): on a directed graph it need not exist (it is zero
    everywhere on a directed acyclic graph and power iteration does not converge), while the
    symmetric matrix always has a non-negative principal eigenvector (Perron-Frobenius);
    it is computed with a symmetric eigensolver, so there is no convergence failure. It is
    taken on the largest connected component only (most nodes, then most cooperative
    weight): by Perron-Frobenius the positive eigenvector is unique only on a connected
    (irreducible) graph, and on a disconnected one the principal eigenvector lives on the
    component with the largest eigenvalue and is 0 on every other, which reads as "no
    standing" rather than "not comparable". Scores scaled per component would not be
    comparable either (a lone pair scores 0.71 each). So nodes outside the largest
    component get ``None`` (shown blank, with the component's size in ``method``); PageRank
    and the degrees rank every node.
    Betweenness reads weights as distances, so it uses 1 / weight: strong ties are short.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("A", "B", weight=2.0, positive=2.0, negative=0.0, facts=1)
    >>> G.add_edge("B", "C", weight=1.0, positive=1.0, negative=0.0, facts=1)
    >>> res = centrality(G)
    >>> [r.id for r in res.rows], res.rows[1].betweenness
    (['C', 'B', 'A'], 0.5)
    """
    nodes = sorted(G.nodes())
    n = len(nodes)
    C = cooperative_graph(G)
    if n:
        pr = nx.pagerank(C, alpha=alpha, weight="weight", tol=1e-12, max_iter=10_000)
    else:
        pr = {}
    eig, eig_info = _eigenvector_undirected(C, nodes)
    exact = n <= exact_limit
    if exact:
        bt = nx.betweenness_centrality(C, weight="distance", normalized=True)
    else:
        bt = nx.betweenness_centrality(C, k=min(k, n), weight="distance", normalized=True, seed=seed)
    deg = {v: [0.0, 0.0, 0.0, 0.0, 0] for v in nodes}
    for u, v, d in G.edges(data=True):
        p, q, c = d.get("positive", 0.0), d.get("negative", 0.0), d.get("facts", 0)
        deg[u][0] += p
        deg[v][1] += p
        deg[u][2] += q
        deg[v][3] += q
        deg[u][4] += c
        if u != v:
            deg[v][4] += c
    order = sorted(nodes, key=lambda v: (-pr.get(v, 0.0), v))
    rows = [
        CentralityRow(
            id=v,
            name=G.nodes[v].get("name", v),
            rank=i + 1,
            pagerank=float(pr.get(v, 0.0)),
            eigenvector=None if eig.get(v) is None else float(eig[v]),
            betweenness=float(bt.get(v, 0.0)),
            cooperative_out=deg[v][0],
            cooperative_in=deg[v][1],
            conflictual_out=deg[v][2],
            conflictual_in=deg[v][3],
            facts=deg[v][4],
        )
        for i, v in enumerate(order)
    ]
    method = {
        "nodes": n,
        "cooperativeEdges": C.number_of_edges(),
        "pagerank": {"graph": "cooperative (net weight > 0), directed", "alpha": alpha, "weight": "net weight"},
        "eigenvector": {"graph": "cooperative, undirected (both directions summed)", "norm": "unit Euclidean norm on the component", **eig_info},
        "betweenness": {
            "graph": "cooperative, directed",
            "distance": "1/weight",
            "exact": exact,
            "k": None if exact else min(k, n),
            "seed": None if exact else seed,
            "normalized": "1/((n-1)(n-2))",
        },
        "degree": "sums of positive and negative edge weights, out and in",
    }
    return CentralityResult(rows, method)


# ----------------------------------------------------------------------------- blocs


def _frustration(W: np.ndarray, labels: np.ndarray) -> float:
    same = labels[:, None] == labels[None, :]
    inside_neg = np.where(same & (W < 0), -W, 0.0).sum()
    between_pos = np.where(~same & (W > 0), W, 0.0).sum()
    return float((inside_neg + between_pos) / 2.0)


def _local_search(W: np.ndarray, labels: np.ndarray, rng: np.random.Generator, max_sweeps: int = 200) -> np.ndarray:
    """Relocation local search (Doreian & Mrvar 1996): move one node at a time to the bloc
    that lowers frustration most (a new empty bloc allowed) until no move helps.

    Moving node i from bloc a to bloc b changes frustration by S[i, a] - S[i, b], where
    S[i, b] is the sum of i's signed ties into b; so i goes to argmax_b S[i, b] (0 for a new bloc).
    """
    n = len(labels)
    labels = labels.copy()
    onehot = np.zeros((n, n))
    onehot[np.arange(n), labels] = 1.0
    S = W @ onehot
    size = onehot.sum(axis=0)
    eps = 1e-12 * (np.abs(W).sum() + 1.0)
    for _ in range(max_sweeps):
        moved = False
        for i in rng.permutation(n):
            a = labels[i]
            row = np.where(size > 0, S[i], -np.inf)
            b = int(np.argmax(row))
            best = row[b]
            if size[a] > 1 and 0.0 > best:  # a bloc of its own beats every existing bloc
                b, best = int(np.flatnonzero(size == 0)[0]), 0.0
            if b != a and best - S[i, a] > eps:
                S[:, a] -= W[:, i]
                S[:, b] += W[:, i]
                size[a] -= 1
                size[b] += 1
                labels[i] = b
                moved = True
        if not moved:
            break
    return labels


@dataclass(slots=True)
class BlocResult:
    """Communities of the cooperative graph and a signed partition into blocs.

    Attributes
    ----------
    communities:
        Louvain communities of the undirected cooperative graph: lists of node ids, largest
        first (ties by smallest id).
    modularity:
        Newman modularity of ``communities`` on that graph.
    blocs:
        Signed partition (conflictual pairs kept apart): lists of node ids, largest first.
    frustration:
        Sum of |weight| of negative ties inside blocs plus weight of positive ties between
        blocs, on the undirected net signed graph (:func:`signed_matrix`, each pair once).
    frustration_share:
        ``frustration`` / sum of |weight| over all pairs (0 = perfectly balanced partition).
    method:
        Algorithms, parameters and seed.
    """

    communities: list[list[str]]
    modularity: float
    blocs: list[list[str]]
    frustration: float
    frustration_share: float
    method: dict = field(default_factory=dict)

    @property
    def membership(self) -> dict[str, int]:
        """Node id -> index of its bloc in :attr:`blocs`."""
        return {v: i for i, members in enumerate(self.blocs) for v in members}

    @property
    def community_of(self) -> dict[str, int]:
        """Node id -> index of its community in :attr:`communities`."""
        return {v: i for i, members in enumerate(self.communities) for v in members}

    def to_json(self) -> dict:
        """JSON object: blocs, communities, frustration, modularity, method."""
        return {
            "blocs": self.blocs,
            "frustration": self.frustration,
            "frustrationShare": self.frustration_share,
            "communities": self.communities,
            "modularity": self.modularity,
            "method": self.method,
        }


def _components(A: np.ndarray) -> list[np.ndarray]:
    """Connected components of the undirected graph of a boolean adjacency matrix, as arrays
    of node positions, ordered by their smallest position."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    if len(A) == 0:
        return []
    _, lab = connected_components(csr_matrix(A), directed=False)
    order = np.argsort(lab, kind="stable")
    comps = np.split(order, np.flatnonzero(np.diff(lab[order])) + 1)
    return sorted(comps, key=lambda c: int(c[0]))


def _partition_component(W: np.ndarray, louvain: np.ndarray, rng: np.random.Generator, starts: int) -> np.ndarray:
    """Lowest-frustration partition of one connected signed graph: relocation local search from
    the Louvain partition, all singletons, one bloc and ``starts`` random partitions (the
    earliest start wins ties)."""
    n = len(W)
    _, louvain = np.unique(louvain, return_inverse=True)
    inits = [louvain, np.arange(n), np.zeros(n, dtype=int)]
    for _ in range(starts):
        kk = int(rng.integers(2, max(3, min(n, 8) + 1)))
        inits.append(rng.integers(0, kk, size=n))
    best_labels, best_f = None, math.inf
    for init in inits:
        labels = _local_search(W, init.astype(int), rng)
        f = _frustration(W, labels)
        if f < best_f - 1e-9 * (1 + abs(best_f) if math.isfinite(best_f) else 1):
            best_labels, best_f = labels, f
    return best_labels


def _canonical(groups: Iterable[Iterable[str]]) -> list[list[str]]:
    groups = [sorted(g) for g in groups if g]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def blocs(G: nx.DiGraph, *, seed: int = 0, resolution: float = 1.0, starts: int = 20) -> BlocResult:
    """Louvain communities of the cooperative graph and a signed partition into blocs.

    Parameters
    ----------
    G:
        A signed graph from :func:`state_graph`.
    seed:
        Seed of Louvain and of the random starts of the signed partition.
    resolution:
        Louvain resolution (1 = classical modularity).
    starts:
        Number of random starting partitions of the signed local search (besides the
        Louvain partition, all-singletons and all-in-one starts).

    Returns
    -------
    BlocResult

    Notes
    -----
    Communities: Louvain (Blondel et al. 2008; ``networkx.community.louvain_communities``)
    on the undirected cooperative graph (net weight > 0, both directions summed).

    Blocs: the partition minimising the frustration of Doreian & Mrvar (1996) with
    alpha = 1/2 — negative ties inside blocs plus positive ties between blocs — on net pair
    weights. This is correlation clustering: the number of blocs is not fixed in advance.
    Each connected component of the signed graph (pairs with a non-zero net tie, of either
    sign) is partitioned on its own, so states with no chain of ties between them never
    share a bloc; an isolated state is a bloc of its own. In a component the partition is
    found by their relocation local search (one node moved at a time to the bloc, or a new
    bloc, that lowers frustration most, until no move helps), run from the Louvain
    partition, all singletons, one bloc and ``starts`` random partitions; the lowest
    frustration wins (the earliest start on ties). A bloc whose members fall into groups
    with no tie between them is then split into those groups (frustration unchanged): every
    bloc is connected by ties among its own members.
    Sanctioning pairs thus end in different blocs unless their cooperative ties with the
    bloc outweigh the conflict.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> for u, v, w in [("A", "B", 3), ("C", "D", 3), ("A", "C", -2), ("B", "D", -2)]:
    ...     G.add_edge(u, v, weight=float(w))
    >>> blocs(G).blocs
    [['A', 'B'], ['C', 'D']]
    """
    nodes, W = signed_matrix(G)
    n = len(nodes)
    Wc = np.where(W > 0, W, 0.0)
    U = nx.Graph()
    U.add_nodes_from(nodes)
    iu, ju = np.nonzero(np.triu(Wc, 1))
    U.add_weighted_edges_from((nodes[i], nodes[j], float(Wc[i, j])) for i, j in zip(iu.tolist(), ju.tolist()))
    if n:
        comms = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)
        modularity = nx.community.modularity(U, comms, weight="weight") if U.number_of_edges() else 0.0
    else:
        comms, modularity = [], 0.0
    communities = _canonical(comms)
    rng = np.random.default_rng(seed)
    if n:
        index = {v: i for i, v in enumerate(nodes)}
        louvain_labels = np.zeros(n, dtype=int)
        for c, members in enumerate(communities):
            for v in members:
                louvain_labels[index[v]] = c
        labels = np.full(n, -1, dtype=int)
        next_label = 0
        # Each connected component of the signed graph is partitioned on its own: states with
        # no chain of ties between them never share a bloc.
        for comp in _components(W != 0):
            if len(comp) == 1:
                labels[comp] = next_label
                next_label += 1
                continue
            sub = _partition_component(W[np.ix_(comp, comp)], louvain_labels[comp], rng, starts)
            for piece in _components((W[np.ix_(comp, comp)] != 0) & (sub[:, None] == sub[None, :])):
                labels[comp[piece]] = next_label
                next_label += 1
        groups: dict[int, list[str]] = {}
        for i, lab in enumerate(labels.tolist()):
            groups.setdefault(lab, []).append(nodes[i])
        bloc_list = _canonical(groups.values())
        best_f = _frustration(W, labels)
    else:
        bloc_list, best_f = [], 0.0
    total = float(np.abs(W).sum() / 2.0)
    return BlocResult(
        communities=communities,
        modularity=float(modularity),
        blocs=bloc_list,
        frustration=float(best_f),
        frustration_share=float(best_f / total) if total > 0 else 0.0,
        method={
            "communities": "Louvain (Blondel et al. 2008) on the undirected cooperative graph",
            "blocs": "signed partition minimising frustration (Doreian & Mrvar 1996, alpha=0.5), relocation local search",
            "resolution": resolution,
            "starts": starts + 3,
            "seed": seed,
        },
    )


# ----------------------------------------------------------------------------- balance


@dataclass(slots=True)
class BalanceResult:
    """Triad census of a signed graph (undirected, net sign of each pair).

    Attributes
    ----------
    triads:
        Number of closed triads (three pairs, each with a non-zero net sign).
    balanced, unbalanced:
        Triads whose product of signs is positive / negative.
    share:
        ``balanced / triads`` (``None`` when there is no triad).
    by_type:
        Counts of ``"+++"``, ``"++-"``, ``"+--"``, ``"---"``.
    """

    triads: int
    balanced: int
    unbalanced: int
    share: float | None
    by_type: dict[str, int]

    def to_json(self) -> dict:
        """JSON object of the census."""
        return {"triads": self.triads, "balanced": self.balanced, "unbalanced": self.unbalanced, "share": self.share, "byType": self.by_type}


def structural_balance(G: nx.DiGraph) -> BalanceResult:
    """Share of balanced signed triads (Cartwright & Harary 1956).

    A triad is three states pairwise tied; the tie of a pair is the sign of its net weight
    in both directions (:func:`signed_matrix`); pairs with net 0 are no tie. A triad is
    balanced when the product of its three signs is positive (``+++``: friends of friends;
    ``+--``: a common enemy), unbalanced otherwise (``++-``, ``---``).

    Counts come from traces of matrix products, so no triad is enumerated: with P and N the
    0/1 matrices of positive and negative pairs, ``+++ = tr(P^3)/6``, ``++- = tr(P P N)/2``,
    ``+-- = tr(P N N)/2``, ``--- = tr(N^3)/6``.

    Returns
    -------
    BalanceResult

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("A", "B", weight=1.0); G.add_edge("B", "C", weight=-1.0); G.add_edge("A", "C", weight=-1.0)
    >>> structural_balance(G).share
    1.0
    """
    from scipy import sparse

    nodes, W = signed_matrix(G)
    P = sparse.csr_matrix((W > 0).astype(np.int64))
    N = sparse.csr_matrix((W < 0).astype(np.int64))

    def tr3(A, B, C) -> int:
        return int((A @ B).multiply(C.T).sum())

    ppp = tr3(P, P, P) // 6
    ppn = tr3(P, P, N) // 2
    pnn = tr3(P, N, N) // 2
    nnn = tr3(N, N, N) // 6
    triads = ppp + ppn + pnn + nnn
    balanced = ppp + pnn
    return BalanceResult(
        triads=triads,
        balanced=balanced,
        unbalanced=triads - balanced,
        share=(balanced / triads) if triads else None,
        by_type={"+++": ppp, "++-": ppn, "+--": pnn, "---": nnn},
    )


# ----------------------------------------------------------------------------- brokers


@dataclass(frozen=True, slots=True)
class BrokerRow:
    """How much one node bridges blocs.

    Attributes
    ----------
    id, name, bloc:
        Node, name and index of its own bloc.
    participation:
        Participation coefficient 1 - sum_s (k_is / k_i)^2 over blocs s (Guimerà & Amaral
        2005), k_is = cooperative strength into bloc s; 0 = all ties in one bloc.
    blocs_reached:
        Number of blocs, its own included, it has cooperative ties into.
    outside_share:
        Share of its cooperative strength that goes to other blocs.
    strength:
        Total cooperative strength k_i (undirected, net positive pair weights).
    """

    id: str
    name: str
    bloc: int
    participation: float
    blocs_reached: int
    outside_share: float
    strength: float

    def to_json(self) -> dict:
        """camelCase JSON object of the row."""
        return {
            "id": self.id,
            "name": self.name,
            "bloc": self.bloc,
            "participation": self.participation,
            "blocsReached": self.blocs_reached,
            "outsideShare": self.outside_share,
            "strength": self.strength,
        }


def _membership(partition) -> dict[str, int]:
    if isinstance(partition, BlocResult):
        return partition.membership
    if isinstance(partition, Mapping):
        return dict(partition)
    return {v: i for i, members in enumerate(partition) for v in members}


def brokers(G: nx.DiGraph, partition: BlocResult | Mapping[str, int] | Iterable[Iterable[str]]) -> list[BrokerRow]:
    """Nodes that bridge blocs, by participation coefficient (Guimerà & Amaral 2005).

    Parameters
    ----------
    G:
        A signed graph from :func:`state_graph`.
    partition:
        A :class:`BlocResult` (its signed blocs), a mapping node -> bloc, or a list of node sets.
        Nodes missing from it form a bloc each.

    Returns
    -------
    list of BrokerRow
        Sorted by participation (highest first), then outside share, then id. Only
        cooperative ties count: a broker carries cooperation across bloc lines.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> for u, v in [("A", "B"), ("C", "D"), ("B", "C")]:
    ...     G.add_edge(u, v, weight=1.0)
    >>> top = brokers(G, [{"A", "B"}, {"C", "D"}])[0]
    >>> top.id, top.participation
    ('B', 0.5)
    """
    nodes, W = signed_matrix(G)
    Wc = np.where(W > 0, W, 0.0)
    member = _membership(partition)
    labels = []
    next_label = max(member.values(), default=-1) + 1
    for v in nodes:
        if v in member:
            labels.append(member[v])
        else:
            labels.append(next_label)
            next_label += 1
    labels = np.asarray(labels, dtype=int)
    n_blocs = int(labels.max()) + 1 if len(labels) else 0
    onehot = np.zeros((len(nodes), n_blocs))
    onehot[np.arange(len(nodes)), labels] = 1.0
    K = Wc @ onehot  # strength into each bloc
    k = K.sum(axis=1)
    rows = []
    for i, v in enumerate(nodes):
        if k[i] > 0:
            frac = K[i] / k[i]
            part = float(1.0 - np.sum(frac**2))
            outside = float(1.0 - frac[labels[i]])
        else:
            part, outside = 0.0, 0.0
        rows.append(
            BrokerRow(
                id=v,
                name=G.nodes[v].get("name", v),
                bloc=int(labels[i]),
                participation=part,
                blocs_reached=int(np.count_nonzero(K[i] > 0)),
                outside_share=outside,
                strength=float(k[i]),
            )
        )
    rows.sort(key=lambda r: (-r.participation, -r.outside_share, r.id))
    return rows


# ----------------------------------------------------------------------------- changes


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One node's standing in two windows; ``rank_change`` > 0 means it rose."""

    id: str
    name: str
    rank_a: int | None
    rank_b: int | None
    rank_change: int | None
    pagerank_a: float
    pagerank_b: float
    pagerank_change: float
    facts_a: int
    facts_b: int

    def to_json(self) -> dict:
        """camelCase JSON object of the row."""
        return {
            "id": self.id,
            "name": self.name,
            "rankA": self.rank_a,
            "rankB": self.rank_b,
            "rankChange": self.rank_change,
            "pagerankA": self.pagerank_a,
            "pagerankB": self.pagerank_b,
            "pagerankChange": self.pagerank_change,
            "factsA": self.facts_a,
            "factsB": self.facts_b,
        }


@dataclass(slots=True)
class ChangesResult:
    """Rows sorted by PageRank change (largest rise first) and the two windows compared."""

    rows: list[ChangeRow]
    window_a: tuple[str | None, str | None]
    window_b: tuple[str | None, str | None]

    def to_json(self) -> dict:
        """JSON object: windows and rows."""
        return {
            "windowA": {"since": self.window_a[0], "until": self.window_a[1]},
            "windowB": {"since": self.window_b[0], "until": self.window_b[1]},
            "rows": [r.to_json() for r in self.rows],
        }


def changes(
    facts: Iterable[Fact] | pd.DataFrame,
    window_a: tuple,
    window_b: tuple,
    *,
    half_life_days: float | None = None,
    organizations: bool = False,
    seed: int = 0,
) -> ChangesResult:
    """Who rose and who fell between two time windows.

    Parameters
    ----------
    facts:
        Facts (read once) or a frame from :func:`fact_frame`.
    window_a, window_b:
        ``(since, until)`` ISO dates, inclusive (``None`` for an open end); ``a`` is the
        earlier window by convention.
    half_life_days, organizations, seed:
        As in :func:`state_graph` and :func:`centrality` (decay counts from each window's
        newest fact).

    Returns
    -------
    ChangesResult
        One row per node seen in either window: ranks (``None`` where absent), PageRank in
        each (0 where absent), the change (b - a) and ``rank_change = rank_a - rank_b``
        (positive = rose; ``None`` when absent from a window). Sorted by PageRank change,
        largest first, then id.
    """
    frame = fact_frame(facts, level="state", organizations=organizations)
    results = []
    for since, until in (window_a, window_b):
        G = state_graph(frame, half_life_days=half_life_days, since=since, until=until)
        results.append((G, centrality(G, seed=seed).by_id()))
    (Ga, ra), (Gb, rb) = results
    rows = []
    for v in sorted(set(ra) | set(rb)):
        a, b = ra.get(v), rb.get(v)
        name = (a or b).name
        pa = a.pagerank if a else 0.0
        pb = b.pagerank if b else 0.0
        rows.append(
            ChangeRow(
                id=v,
                name=name,
                rank_a=a.rank if a else None,
                rank_b=b.rank if b else None,
                rank_change=(a.rank - b.rank) if a and b else None,
                pagerank_a=pa,
                pagerank_b=pb,
                pagerank_change=pb - pa,
                facts_a=a.facts if a else 0,
                facts_b=b.facts if b else 0,
            )
        )
    rows.sort(key=lambda r: (-r.pagerank_change, r.id))
    return ChangesResult(rows, tuple(window_a), tuple(window_b))
