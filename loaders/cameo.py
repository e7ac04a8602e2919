"""CAMEO codes: event codes to relationship types, actor codes to actors.

Three tables, each with its source:

- **Event codes → PLOVER → relationship type.** The PLOVER types, modes and contexts of
  every CAMEO event code come from ``data/CAMEO2PLOVER-2021.txt`` (Open Event Data
  Alliance, PLOVER manual draft 0.8, conversion table of 17 September 2021, edited by
  Philip Schrodt; CC BY-SA 4.0, see ``data/README.md``). The valid CAMEO codes are those of
  that table and of the GDELT Goldstein table (:mod:`diplograph.graph.model.goldstein`, CAMEO
  codebook v1.1b3). PLOVER 0.8 names are turned into the project's relationship types by
  :data:`PLOVER_RELATION` and the documented per-code choices in :data:`CAMEO_OVERRIDES`.
  CAMEO 01 (make public statement) and 02 (appeal) have no PLOVER type: PLOVER dropped
  them, so they map to no relationship (:func:`map_event_code` returns ``None`` for them).
- **Country codes → ISO 3166-1 alpha-3.** CAMEO country codes are ISO3 (Schrodt, CAMEO
  codebook v1.1b3, actor codes), except a few legacy codes (:data:`LEGACY_COUNTRY_CODES`)
  and regional codes (:data:`REGION_CODES`) that are not states. ISO3 names come from
  ``country_converter`` (Stadler 2017, *JOSS* 2(16), 332).
- **Actor types and known groups.** CAMEO actor type codes (:data:`ACTOR_TYPES`) say which
  kind of actor a code stands for; the known-group codes of the IGOs and armed groups most
  often met (:data:`KNOWN_GROUPS`) map to the organisation ids of the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..graph.model.goldstein import CAMEO_GOLDSTEIN
from ..graph.model.records import Actor
from ..graph.model.vocabulary import ActorKind, RelationType, relation_for_plover
from .actors import build_state_actor, country_converter, default_tables

__all__ = [
    "code_for_description",
    "CameoEvent",
    "load_cameo_plover_table",
    "map_event_code",
    "is_cameo_code",
    "PLOVER_RELATION",
    "CAMEO_OVERRIDES",
    "LEGACY_COUNTRY_CODES",
    "REGION_CODES",
    "ACTOR_TYPES",
    "STATE_TYPES",
    "KNOWN_GROUPS",
    "iso3_for_cameo_country",
    "state_actor",
    "organization_for_group",
]


@dataclass(frozen=True, slots=True)
class CameoEvent:
    """The mapping of one CAMEO event code.

    Attributes
    ----------
    code:
        CAMEO code as text, leading zeros kept (``"043"``).
    plover:
        PLOVER 0.8 event type from the conversion table (``"COERCE"`` for 163, as written).
    mode, context:
        PLOVER mode and context(s) from the table (``""`` when blank; several contexts
        joined by ``"; "``).
    description:
        The CAMEO description of the code (comment of the table row).
    relation:
        The project's relationship type.
    """

    code: str
    plover: str
    mode: str
    context: str
    description: str
    relation: RelationType


#: PLOVER 0.8 event types (as the 2021 conversion table names them) to relationship types,
#: where one type fits the whole PLOVER class. COOPERATE and ACCUSE depend on the mode,
#: context or code (see :func:`_relation_for`).
PLOVER_RELATION: dict[str, RelationType] = {
    "AGREE": RelationType.AGREES_WITH,
    "CONSULT": RelationType.CONSULTS,
    "SUPPORT": RelationType.SUPPORTS,
    "AID": RelationType.AIDS,
    "CONCEDE": RelationType.CONCEDES,
    "RETREAT": RelationType.RETREATS,
    "REQUEST": RelationType.DEMANDS,
    "REJECT": RelationType.REJECTS,
    "THREATEN": RelationType.THREATENS,
    "PROTEST": RelationType.PROTESTS,
    "MOBILIZE": RelationType.MOBILIZES,
    "SANCTION": RelationType.SANCTIONS,
    "COERCE": RelationType.COERCES,
    "ASSAULT": RelationType.ASSAULTS,
}

#: Per-code choices where the ontology's wording (``shared/design/ontology.md``) differs from
#: the PLOVER 0.8 class of the code. Each entry: CAMEO code prefix -> relationship type; the
#: longest matching prefix wins.
CAMEO_OVERRIDES: dict[str, RelationType] = {
    # "signs or reaches an agreement" is AGREES_WITH; PLOVER 0.8 files 057 under SUPPORT
    "057": RelationType.AGREES_WITH,
    # "eases sanctions on, releases, yields to" is CONCEDES; PLOVER 0.8 files these under RETREAT
    "0813": RelationType.CONCEDES,
    "0814": RelationType.CONCEDES,
    "084": RelationType.CONCEDES,
    "085": RelationType.CONCEDES,
    "086": RelationType.CONCEDES,
    # the CAMEO manual's 163 is "impose embargo, boycott or sanctions": SANCTIONS
    # (PLOVER 0.8 files it under COERCE)
    "163": RelationType.SANCTIONS,
    # CAMEO 19 "fight" (conventional military force) is FIGHTS, except blockade and
    # occupation (191, 192: COERCE in PLOVER) and aerial weapons (195: one-sided bombing)
    "190": RelationType.FIGHTS,
    "193": RelationType.FIGHTS,
    "194": RelationType.FIGHTS,
    "195": RelationType.ASSAULTS,
    "196": RelationType.FIGHTS,
    # 112 "accuse" (and 1121-1125), 115 "bring lawsuit against" and 116 "find guilty or
    # liable" accuse; the table's mode "disapprove" of 112 and 116 would say OPPOSES
    "112": RelationType.ACCUSES,
    "115": RelationType.ACCUSES,
    "116": RelationType.ACCUSES,
}

_ROW = re.compile(r"^\s*(\d{2,4})\s*:\s*([^#]*?)\s*(?:#\s*(.*))?$")


def _relation_for(code: str, plover: str, mode: str, context: str) -> RelationType:
    for length in range(len(code), 1, -1):
        if code[:length] in CAMEO_OVERRIDES:
            return CAMEO_OVERRIDES[code[:length]]
    if plover == "COOPERATE":
        return relation_for_plover("COOPERATE", context, code)
    if plover == "ACCUSE":
        if mode == "investigate":
            return RelationType.INVESTIGATES
        if mode == "allege":
            return RelationType.ACCUSES
        return RelationType.OPPOSES
    try:
        return PLOVER_RELATION[plover]
    except KeyError:
        raise ValueError(f"CAMEO {code}: PLOVER type {plover!r} has no relationship type") from None


@cache
def load_cameo_plover_table() -> dict[str, CameoEvent]:
    """Read ``data/CAMEO2PLOVER-2021.txt`` into ``{cameo code: CameoEvent}``.

    Root rows (``03: AGREE``) give the PLOVER type of the two-digit root. Where a code appears
    twice (175), the first row is kept.

    Returns
    -------
    dict[str, CameoEvent]
        About 260 codes, roots included.

    Raises
    ------
    ValueError
        If a row of the table cannot be read (the file is damaged).
    """
    text = resources.files("diplograph.loaders").joinpath("data/CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    table: dict[str, CameoEvent] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("~"):
            continue
        match = _ROW.match(line)
        if not match:
            raise ValueError(f"CAMEO2PLOVER-2021.txt:{number}: cannot read {line!r}")
        code, body, comment = match.group(1), match.group(2), (match.group(3) or "").strip()
        parts = [p.strip() for p in body.split(",")] + ["", ""]
        plover, mode, context = parts[0].upper(), parts[1], "; ".join(c.strip() for c in parts[2].split(";") if c.strip())
        if code in table:
            continue
        table[code] = CameoEvent(code, plover, mode, context, comment, _relation_for(code, plover, mode, context))
    return table


@cache
def _valid_codes() -> frozenset[str]:
    return frozenset(CAMEO_GOLDSTEIN) | frozenset(load_cameo_plover_table())


def is_cameo_code(code: str) -> bool:
    """True if ``code`` is a CAMEO event code of the codebook (text; ``"43"`` is not ``"043"``)."""
    return code in _valid_codes()


@cache
def map_event_code(code: str) -> CameoEvent | None:
    """The relationship of a CAMEO event code, or ``None`` for codes PLOVER has no type for.

    A code missing from the conversion table takes the row of its three-digit base code, then
    of its two-digit root (the table gives 0-ending and root rows the PLOVER type alone).

    Raises
    ------
    KeyError
        If ``code`` is not a CAMEO event code (see :func:`is_cameo_code`).

    Examples
    --------
    >>> map_event_code("163").relation.value
    'SANCTIONS'
    >>> map_event_code("061").relation.value, map_event_code("062").relation.value
    ('TRADES_WITH', 'COOPERATES_WITH')
    >>> map_event_code("010") is None
    True
    """
    if not is_cameo_code(code):
        raise KeyError(code)
    table = load_cameo_plover_table()
    for candidate in (code, code[:3], code[:2]):
        if candidate in table:
            row = table[candidate]
            if candidate != code:
                row = CameoEvent(code, row.plover, row.mode, row.context, row.description,
                                 _relation_for(code, row.plover, row.mode, row.context))
            return row
    return None


def _description_key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@cache
def _codes_by_description() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, row in load_cameo_plover_table().items():
        if row.description:
            out.setdefault(_description_key(row.description), code)
    return out


def code_for_description(text: str) -> str | None:
    """The CAMEO code whose codebook description is ``text`` (case, spacing and punctuation
    ignored), among the codes of the CAMEO -> PLOVER table (03-20; the table has no row for
    01 statements and 02 appeals), or ``None``. ICEWS writes this description as Event Text.

    >>> code_for_description("Make a visit"), code_for_description("impose embargo boycott or sanctions")
    ('042', '163')
    >>> code_for_description("Make statement") is None
    True
    """
    return _codes_by_description().get(_description_key(text))


# -- countries -----------------------------------------------------------------------------

#: CAMEO country codes that are not ISO 3166-1 alpha-3 (legacy CAMEO and pre-2000 ISO codes).
LEGACY_COUNTRY_CODES: dict[str, str] = {
    "JAP": "JPN",  # Japan (CAMEO legacy; PLOVER gold-standard records)
    "ITL": "ITA",  # Italy
    "VTN": "VNM",  # Vietnam
    "ROM": "ROU",  # Romania (ISO3 before 2002)
    "ZAR": "COD",  # Zaire / DR Congo (ISO3 before 1997)
    "TMP": "TLS",  # East Timor (ISO3 before 2002)
    "BUR": "MMR",  # Burma (ISO3 before 1989)
    "KSV": "XKX",  # Kosovo (no ISO code; XKX is the user-assigned code in common use)
    "KOS": "XKX",
}

#: CAMEO regional codes: places, not states (CAMEO codebook v1.1b3, "Regions").
REGION_CODES: dict[str, str] = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean", "CAU": "Caucasus",
    "CFR": "Central Africa", "CAS": "Central Asia", "CEU": "Central Europe", "EIN": "East Indies",
    "EAF": "Eastern Africa", "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America",
    "MEA": "Middle East", "MDT": "Mediterranean", "NAF": "North Africa", "NMR": "North America",
    "PGS": "Persian Gulf", "SCN": "Scandinavia", "SAM": "South America", "SAS": "South Asia",
    "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa", "WST": "The West",
    "WSB": "West Bank", "GZS": "Gaza Strip",
}


@cache
def _iso3_names() -> dict[str, str]:
    data = country_converter().data
    names = dict(zip(data["ISO3"], data["name_short"]))
    names["XKX"] = names.get("XKX", "Kosovo")
    return names


def iso3_for_cameo_country(code: str) -> str | None:
    """ISO3 of a CAMEO country code, or ``None`` when the code is no state (a region, or unknown).

    >>> iso3_for_cameo_country("JAP"), iso3_for_cameo_country("RUS"), iso3_for_cameo_country("EUR")
    ('JPN', 'RUS', None)
    """
    code = code.strip().upper()
    code = LEGACY_COUNTRY_CODES.get(code, code)
    return code if code in _iso3_names() else None


@cache
def state_actor(iso3: str) -> Actor:
    """The :class:`Actor` of a state, cached per code: the actor the text extractor makes
    (:func:`~diplograph.loaders.actors.build_state_actor`), with ``country_converter``'s short
    name for a state the project's table lacks."""
    return build_state_actor(default_tables(), iso3, fallback_name=_iso3_names().get(iso3))


def name_states(names: dict[str, str], kinds: dict[str, str]) -> None:
    """Name, in place, each state node of a graph (``names``: id -> name, ``kinds``: id ->
    kind label) that has only its id for a name: a state that no stored actor names, known
    through its leaders or firms only (a fact table of leader rows). The name is that of
    :func:`state_actor`, the one the loaders give a state they meet.

    >>> names = {"FRA": "FRA", "emmanuel-macron": "Emmanuel Macron"}
    >>> name_states(names, {"FRA": "State", "emmanuel-macron": "Leader"}); names["FRA"]
    'France'
    """
    for node, name in names.items():
        if name == node and kinds.get(node) == ActorKind.STATE.value:
            names[node] = state_actor(node).name


# -- actor types and known groups ----------------------------------------------------------

#: CAMEO actor type codes (CAMEO codebook v1.1b3, "Domestic role codes" and "International
#: codes") -> the kind of actor they stand for. Types of :data:`STATE_TYPES` act for the state.
ACTOR_TYPES: dict[str, ActorKind] = {
    "GOV": ActorKind.STATE,  # government
    "MIL": ActorKind.STATE,  # military
    "JUD": ActorKind.STATE,  # judiciary
    "LEG": ActorKind.STATE,  # legislature
    "COP": ActorKind.STATE,  # police
    "SPY": ActorKind.STATE,  # state intelligence
    "BUS": ActorKind.FIRM,  # business
    "MNC": ActorKind.FIRM,  # multinational corporation
    "OPP": ActorKind.ORGANIZATION,  # political opposition
    "PTY": ActorKind.ORGANIZATION,  # political party
    "REB": ActorKind.ORGANIZATION,  # rebels
    "INS": ActorKind.ORGANIZATION,  # insurgents
    "SEP": ActorKind.ORGANIZATION,  # separatists
    "IMG": ActorKind.ORGANIZATION,  # international militarised group
    "UAF": ActorKind.ORGANIZATION,  # unaligned armed forces
    "IGO": ActorKind.ORGANIZATION,  # inter-governmental organisation
    "NGO": ActorKind.ORGANIZATION,  # non-governmental organisation
    "NGM": ActorKind.ORGANIZATION,  # non-governmental movement
    "LAB": ActorKind.ORGANIZATION,  # labour
    "HRI": ActorKind.ORGANIZATION,  # human rights
    # the civil-society sectors below name no single actor
    "CVL": ActorKind.ORGANIZATION, "EDU": ActorKind.ORGANIZATION, "MED": ActorKind.ORGANIZATION,
    "HLH": ActorKind.ORGANIZATION, "REL": ActorKind.ORGANIZATION, "CRM": ActorKind.ORGANIZATION,
    "ELI": ActorKind.ORGANIZATION, "AGR": ActorKind.ORGANIZATION, "REF": ActorKind.ORGANIZATION,
    "DEV": ActorKind.ORGANIZATION, "ENV": ActorKind.ORGANIZATION, "RAD": ActorKind.ORGANIZATION,
    "MOD": ActorKind.ORGANIZATION, "SET": ActorKind.ORGANIZATION, "AMN": ActorKind.ORGANIZATION,
}

#: Actor types that act for their state: an actor of one of these types *is* the state.
STATE_TYPES = frozenset(code for code, kind in ACTOR_TYPES.items() if kind is ActorKind.STATE)

#: CAMEO known-group codes -> (organisation id of the project, name). Codes missing here keep
#: the CAMEO code as id and the source's actor name.
KNOWN_GROUPS: dict[str, tuple[str, str]] = {
    "UNO": ("UN", "United Nations"),
    "EEC": ("EU", "European Union"),
    "NAT": ("NATO", "North Atlantic Treaty Organization"),
    "ARL": ("ARAB-LEAGUE", "Arab League"),
    "ASN": ("ASEAN", "Association of Southeast Asian Nations"),
    "OPC": ("OPEC", "Organization of the Petroleum Exporting Countries"),
    "WTO": ("WTO", "World Trade Organization"),
    "IMF": ("IMF", "International Monetary Fund"),
    "WBK": ("WB", "World Bank"),
    "IAE": ("IAEA", "International Atomic Energy Agency"),
    "WHO": ("WHO", "World Health Organization"),
    "WFP": ("WFP", "World Food Programme"),
    "HCR": ("UNHCR", "UN Refugee Agency"),
    "KID": ("UNICEF", "UNICEF"),
    "IRC": ("ICRC", "International Committee of the Red Cross"),
    "ICC": ("ICC", "International Criminal Court"),
    "HRW": ("HRW", "Human Rights Watch"),
    "AMN": ("AMNESTY", "Amnesty International"),
    "GCC": ("GCC", "Gulf Cooperation Council"),
    "OAS": ("OAS", "Organization of American States"),
    "AFU": ("AU", "African Union"),
    "HMS": ("HAMAS", "Hamas"),
    "HEZ": ("HEZBOLLAH", "Hezbollah"),
    "ALQ": ("AL-QAEDA", "al-Qaeda"),
    "TAL": ("TALIBAN", "Taliban"),
    "PLO": ("PLO", "Palestine Liberation Organization"),
    "OIC": ("OIC", "Organisation of Islamic Cooperation"),
    "WEF": ("WEF", "World Economic Forum"),
}


@cache
def organization_for_group(group: str, name: str = "") -> Actor:
    """The Organization :class:`Actor` of a CAMEO known-group code, cached per code.

    >>> organization_for_group("UNO").id
    'UN'
    """
    group = group.strip().upper()
    if group in KNOWN_GROUPS:
        ident, canonical = KNOWN_GROUPS[group]
        return Actor(id=ident, kind=ActorKind.ORGANIZATION, name=canonical)
    return Actor(id=group, kind=ActorKind.ORGANIZATION, name=name.strip().title() or group)
