"""The project's own vocabulary: actor kinds, relationship types and their PLOVER types.

Every label and relationship type that reaches a store comes from this module, never
from user input (see ``../shared/design/ontology.md`` for the model it implements).

Sources
-------
- PLOVER event types: Open Event Data Alliance, *PLOVER manual*, draft 0.8 (2021).
- CAMEO codes: Schrodt, *CAMEO Conflict and Mediation Event Observations Codebook*, v1.1b3 (2012).
- Goldstein weights: Goldstein, J. S. (1992), "A Conflict-Cooperation Scale for WEIS Events
  Data", *Journal of Conflict Resolution* 36(2), as mapped onto CAMEO codes and published by
  the GDELT Project (``GoldsteinScale`` column, -10..+10).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = [
    "ActorKind",
    "RelationType",
    "RelationSpec",
    "RELATIONS",
    "STRUCTURAL_RELATIONS",
    "relation_for_plover",
    "UnknownRelationError",
]


class ActorKind(str, Enum):
    """Kind of actor; the value is the Neo4j label (every actor also has ``Actor``)."""

    STATE = "State"
    LEADER = "Leader"
    FIRM = "Firm"
    ORGANIZATION = "Organization"


class RelationType(str, Enum):
    """Relationship types between actors; the value is the Neo4j relationship type."""

    SUPPORTS = "SUPPORTS"
    SANCTIONS = "SANCTIONS"
    TRADES_WITH = "TRADES_WITH"
    INVESTS_IN = "INVESTS_IN"
    AIDS = "AIDS"
    COOPERATES_WITH = "COOPERATES_WITH"
    AGREES_WITH = "AGREES_WITH"
    CONSULTS = "CONSULTS"
    OPPOSES = "OPPOSES"
    ACCUSES = "ACCUSES"
    DEMANDS = "DEMANDS"
    REJECTS = "REJECTS"
    THREATENS = "THREATENS"
    PROTESTS = "PROTESTS"
    COERCES = "COERCES"
    ASSAULTS = "ASSAULTS"
    FIGHTS = "FIGHTS"
    MOBILIZES = "MOBILIZES"
    RETREATS = "RETREATS"
    CONCEDES = "CONCEDES"
    INVESTIGATES = "INVESTIGATES"
    LEADS = "LEADS"
    MEMBER_OF = "MEMBER_OF"
    OWNS = "OWNS"


class UnknownRelationError(ValueError):
    """Raised when a name is not a relationship type of the vocabulary."""


@dataclass(frozen=True, slots=True)
class RelationSpec:
    """What the analysis needs to know of one relationship type.

    Attributes
    ----------
    plover:
        PLOVER event type (``None`` for structural relationships).
    sign:
        +1 cooperative, -1 conflictual, 0 neither (ontology.md, "Signs and weights").
    cameo:
        Representative CAMEO code used when a fact carries none.
    goldstein:
        Goldstein (1992) weight of that CAMEO code, -10..+10, as published by GDELT.
    symmetric:
        True where the act is mutual by nature (trade, agreements, talks, fighting).
    """

    plover: str | None
    sign: int
    cameo: str | None
    goldstein: float
    symmetric: bool = False


RELATIONS: dict[RelationType, RelationSpec] = {
    RelationType.SUPPORTS: RelationSpec("SUPPORT", +1, "051", 3.4),
    RelationType.SANCTIONS: RelationSpec("SANCTION", -1, "163", -8.0),
    RelationType.TRADES_WITH: RelationSpec("COOPERATE", +1, "061", 6.4, symmetric=True),
    RelationType.INVESTS_IN: RelationSpec("COOPERATE", +1, "061", 6.4),
    RelationType.AIDS: RelationSpec("AID", +1, "070", 7.0),
    RelationType.COOPERATES_WITH: RelationSpec("COOPERATE", +1, "062", 7.4, symmetric=True),
    RelationType.AGREES_WITH: RelationSpec("AGREE", +1, "057", 8.0, symmetric=True),
    RelationType.CONSULTS: RelationSpec("CONSULT", +1, "040", 1.0, symmetric=True),
    RelationType.OPPOSES: RelationSpec("DISAPPROVE", -1, "111", -2.0),
    RelationType.ACCUSES: RelationSpec("DISAPPROVE", -1, "112", -2.0),
    RelationType.DEMANDS: RelationSpec("DEMAND", -1, "100", -5.0),
    RelationType.REJECTS: RelationSpec("REJECT", -1, "120", -4.0),
    RelationType.THREATENS: RelationSpec("THREATEN", -1, "130", -4.4),
    RelationType.PROTESTS: RelationSpec("PROTEST", -1, "140", -6.5),
    RelationType.COERCES: RelationSpec("COERCE", -1, "170", -7.0),
    RelationType.ASSAULTS: RelationSpec("ASSAULT", -1, "180", -9.0),
    RelationType.FIGHTS: RelationSpec("FIGHT", -1, "190", -10.0, symmetric=True),
    RelationType.MOBILIZES: RelationSpec("MOBILIZE", -1, "150", -7.2),
    RelationType.RETREATS: RelationSpec("RETREAT", 0, "087", 9.0),
    RelationType.CONCEDES: RelationSpec("CONCEDE", +1, "080", 5.0),
    RelationType.INVESTIGATES: RelationSpec("INVESTIGATE", 0, "090", -2.0),
    RelationType.LEADS: RelationSpec(None, 0, None, 0.0),
    RelationType.MEMBER_OF: RelationSpec(None, 0, None, 0.0),
    RelationType.OWNS: RelationSpec(None, 0, None, 0.0),
}

STRUCTURAL_RELATIONS = frozenset({RelationType.LEADS, RelationType.MEMBER_OF, RelationType.OWNS})


def relation_for_plover(plover: str, context: str | None = None, cameo: str | None = None) -> RelationType:
    """Map a PLOVER event type (and its context or CAMEO code) to a relationship type.

    COOPERATE splits by context: ``economic`` is TRADES_WITH, anything else COOPERATES_WITH;
    DISAPPROVE with CAMEO 112 ("accuse") is ACCUSES, otherwise OPPOSES.

    Raises
    ------
    UnknownRelationError
        If ``plover`` is not a PLOVER event type.
    """
    plover = plover.strip().upper()
    if plover == "COOPERATE":
        return RelationType.TRADES_WITH if (context or "").strip() == "economic" else RelationType.COOPERATES_WITH
    if plover == "DISAPPROVE":
        return RelationType.ACCUSES if (cameo or "").startswith("112") else RelationType.OPPOSES
    for relation, spec in RELATIONS.items():
        if spec.plover == plover and relation not in (RelationType.INVESTS_IN,):
            return relation
    raise UnknownRelationError(f"unknown PLOVER event type {plover!r}")
