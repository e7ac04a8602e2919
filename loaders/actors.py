"""Actor tables (states, organisations, firms, leaders, role titles) and the name resolver.

The tables are data files in ``loaders/data/`` (see its README for sources). They are
read and validated by :meth:`ActorTables.load`; a bad row raises :class:`TableError`
naming the file and line. :class:`ActorResolver` turns a name as written ("Moscow",
"Russian", "Maduro", "the State Department") into an :class:`~diplograph.graph.model.records.Actor`.

Types come from these tables, never from spaCy's entity labels (bare "Maduro" is often
tagged ORG by the small English model).

Beneath the hand tables lie the actor, agent and discard tables generated from the PETRARCH2 /
Phoenix dictionaries (``data/petrarch/``, see :mod:`diplograph.loaders.petrarch`): 27,000 actors
(states with their cities and provinces, office holders with dated codes, state bodies, IGOs,
NGOs, firms, armed groups), 3,300 agent nouns with their CAMEO
sector and 500 discard phrases. The hand tables
override them (a name the hand tables know keeps its hand meaning) and extend them (leaders after
2014, metonyms, firms).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..graph.model.errors import InputError
from ..graph.model.records import Actor, iso_day, slugify
from ..graph.model.vocabulary import ActorKind
from .lexicon import Lexicon, load_lexicon

__all__ = [
    "DATA_DIR",
    "DICTIONARY_DIR",
    "DatedCode",
    "DictionaryActor",
    "load_dictionary_actors",
    "TableError",
    "StateEntry",
    "OrgEntry",
    "Membership",
    "FirmEntry",
    "LeaderEntry",
    "RoleEntry",
    "ActorTables",
    "NameHit",
    "ActorResolver",
    "fold",
]

DATA_DIR = Path(__file__).parent / "data"
#: Folder of the tables generated from the PETRARCH2 / Phoenix dictionaries.
DICTIONARY_DIR = DATA_DIR / "petrarch"


class TableError(InputError):
    """A data table has a malformed row (names the file and the 1-based line)."""


def fold(text: str) -> str:
    """Lower-case, accent-free, whitespace-normalised form of a name, for lookups.

    >>> fold("  Nicolás   Maduro ")
    'nicolas maduro'
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.replace("’", "'")
    return re.sub(r"\s+", " ", text.strip().lower())


_MEMBERSHIP = re.compile(r"^([A-Z]{3})(?:@(\d{4}-\d{2}-\d{2}))?(?:~(\d{4}-\d{2}-\d{2}))?$")


def _membership(cell: str, states: Mapping[str, object], path: Path, lineno: int) -> Membership:
    """One member of ``organizations.tsv``'s members column: ``ISO3``, ``ISO3@joined`` or
    ``ISO3@joined~left`` (ISO dates). Raises :class:`TableError` (file and line) on another shape,
    an unknown state, an impossible date or a left date before the joined one."""
    match = _MEMBERSHIP.match(cell)
    if match is None:
        raise TableError(str(path), f"member {cell!r} is not ISO3, ISO3@YYYY-MM-DD or ISO3@YYYY-MM-DD~YYYY-MM-DD", lineno)
    state, joined, left = match.groups()
    if state not in states:
        raise TableError(str(path), f"member {state!r} is not a state of states.tsv", lineno)
    for value in (joined, left):
        if value is not None:
            try:
                iso_day(value)
            except ValueError:
                raise TableError(str(path), f"member {cell!r}: {value} is not a calendar date", lineno) from None
    if joined and left and left <= joined:
        raise TableError(str(path), f"member {cell!r}: left before it joined", lineno)
    return Membership(state, joined, left)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class StateEntry:
    """One row of ``states.tsv``: ISO3, canonical name, aliases, demonyms, capitals/metonyms."""

    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Membership:
    """A state's membership of a club of states: ISO3, and the ISO dates it joined and left (``None``: not recorded)."""

    state: str
    joined: str | None = None
    left: str | None = None


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """One row of ``organizations.tsv``: short code, name, aliases, — for clubs whose
    membership is fixed and short (the Quad, the G7, BRICS) — the members with their dates,
    and for a non-state group of one state (an armed group such as the Wagner Group or the
    RSF) its ``home`` state (ISO3), which its actor carries as ``country`` as the dictionary's
    armed groups do."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[Membership, ...] = ()
    home: str | None = None

    def members_on(self, date: str | None) -> tuple[str, ...]:
        """ISO3 codes of the members on ``date`` (ISO, may be ``YYYY`` or ``YYYY-MM``; ``None``:
        every member not recorded as having left), in table order."""
        if date is None:
            return tuple(m.state for m in self.members if m.left is None)
        return tuple(m.state for m in self.members if _covers(m.joined, m.left, date))


@dataclass(frozen=True, slots=True)
class FirmEntry:
    """One row of ``firms.tsv``: slug, name, aliases, home state, kind (state-owned, private, news-agency)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class LeaderEntry:
    """One row of ``leaders.tsv``: a person in one office over a date range (ISO dates; end None = in office).

    ``country`` is the ISO3 state the office belongs to, ``None`` for offices of an
    organisation; ``organization`` is then the organisation's code (UN Secretary-General
    → ``UN``). Exactly one of the two is set.
    """

    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str
    start: str | None
    end: str | None
    organization: str | None = None

    def covers(self, date: str | None) -> bool:
        """True when ``date`` (ISO, may be ``YYYY`` or ``YYYY-MM``) falls in the office's range."""
        if not date:
            return False
        day = (date + "-01-01")[:10] if len(date) < 10 else date[:10]
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """One row of ``roles.tsv``: a title as written, its canonical role, and whether it represents the state."""

    title: str
    role: str
    represents_state: bool


def _covers(start: str | None, end: str | None, date: str | None) -> bool:
    """True when ``date`` (ISO, may be ``YYYY`` or ``YYYY-MM``) falls in ``[start, end)`` (None: open)."""
    if not date:
        return False
    day = (date + "-01-01")[:10] if len(date) < 10 else date[:10]
    return (start is None or start <= day) and (end is None or day < end)


@dataclass(frozen=True, slots=True)
class DatedCode:
    """One CAMEO actor code of a dictionary actor, valid from ``start`` to ``end`` (ISO days; None = open).

    ``country``: the ISO3 state the code names (``RUSGOV`` → ``RUS``), None for IGOs and regions;
    ``roles``: the 3-letter role codes after it (``["GOV"]``; ``["IGO", "UNO", "KID"]``).
    """

    code: str
    start: str | None
    end: str | None
    country: str | None
    roles: tuple[str, ...]

    @property
    def dated(self) -> bool:
        """True when the code has a start or an end."""
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class DictionaryActor:
    """One actor of the PETRARCH2 actor dictionaries (``data/petrarch/actors.jsonl``).

    ``kind``: ``state``, ``state_body``, ``person``, ``organisation``, ``armed_group`` or ``firm``;
    ``country``: the actor's home state (ISO3) where a code names one; ``names``: folded names.
    """

    id: str
    name: str
    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    kind: str
    country: str | None

    def code_at(self, date: str | None) -> DatedCode:
        """The code valid at ``date``: the covering dated code that started last; else the last
        undated code other than a bare elite code; else the last code."""
        covering = [c for c in self.codes if c.dated and _covers(c.start, c.end, date)]
        if covering:
            return max(covering, key=lambda c: c.start or "")
        undated = [c for c in self.codes if not c.dated and c.roles != ("ELI",)]
        return undated[-1] if undated else self.codes[-1]


@cache
def load_dictionary_actors(folder: Path = DICTIONARY_DIR) -> tuple[DictionaryActor, ...]:
    """Read ``actors.jsonl`` of ``folder`` (read once per process; empty if the file is missing).

    Raises
    ------
    TableError
        On invalid JSON, a row without its keys, a bad date or a country that is not ISO3.
    """
    from .cameo import REGION_CODES, iso3_for_cameo_country

    path = folder / "actors.jsonl"
    if not path.exists():
        return ()
    out = []
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("//"):
                continue
            try:
                row = json.loads(line)
                codes = []
                for c in row["codes"]:
                    for value in (c["start"], c["end"]):
                        if value is not None:
                            iso_day(value)
                    chunks = tuple(c["code"][i:i + 3] for i in range(0, len(c["code"]), 3))
                    home = iso3_for_cameo_country(chunks[0]) if chunks[0] not in REGION_CODES else None
                    codes.append(DatedCode(c["code"], c["start"], c["end"], home, chunks[1:] if home else chunks))
                country = row["country"]
                if country is not None and not _ISO3.match(country):
                    raise TableError(str(path), f"country {country!r} is not ISO3", lineno)
                out.append(DictionaryActor(row["id"], row["name"], tuple(row["names"]), tuple(codes), row["kind"], country))
            except json.JSONDecodeError as exc:
                raise TableError(str(path), f"invalid JSON: {exc.msg}", lineno) from None
            except (KeyError, TypeError, IndexError, ValueError) as exc:
                if isinstance(exc, TableError):
                    raise
                raise TableError(str(path), f"malformed actor row ({exc})", lineno) from None
    return tuple(out)


@cache
def _dictionary_words(folder: Path, name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a generated TSV (``agents.tsv``, ``discards.tsv``) of ``folder``; empty if missing."""
    path = folder / name
    if not path.exists():
        return ()
    return tuple(tuple(cells) for _, cells in _rows(path, 4 if name == "agents.tsv" else 3))


def _rows(path: Path, ncols: int) -> list[tuple[int, list[str]]]:
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for lineno, line in enumerate(handle, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if len(cells) < ncols:
                cells += [""] * (ncols - len(cells))
            if len(cells) > ncols:
                raise TableError(str(path), f"expected {ncols} tab-separated columns, found {len(cells)}", lineno)
            out.append((lineno, [c.strip() for c in cells]))
    return out


@cache
def country_converter():
    """The one ``country_converter.CountryConverter`` of the process (building it reads its
    country table), with its "not found" warnings silenced: callers say what is unknown."""
    import logging

    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


@cache
def default_tables() -> "ActorTables":
    """The tables shipped in ``loaders/data``, read once per process (immutable, shared)."""
    return ActorTables.load()


def build_state_actor(tables: "ActorTables", iso3: str, fallback_name: str | None = None) -> Actor:
    """The State actor of an ISO3 code, the same whichever loader meets the state: name and
    aliases from ``states.tsv``; for a state the table lacks, ``fallback_name`` (else the code).
    ``country`` is the code itself, so a state counts for itself like its leaders and firms."""
    entry = tables.states.get(iso3)
    if entry is None:
        return Actor(iso3, ActorKind.STATE, fallback_name or iso3, country=iso3)
    return Actor(iso3, ActorKind.STATE, entry.name, country=iso3, aliases=(entry.name, *entry.aliases))


@dataclass(frozen=True)
class ActorTables:
    """All actor tables, read from one data directory.

    Use :meth:`load`; the result is immutable and can be shared by extractors.
    """

    states: dict[str, StateEntry]
    organizations: dict[str, OrgEntry]
    firms: dict[str, FirmEntry]
    leaders: tuple[LeaderEntry, ...]
    roles: dict[str, RoleEntry]
    lexicon: Lexicon
    #: ``(folded source words, actor code)`` of official publishers (``speakers.tsv``), in file order.
    speakers: tuple[tuple[str, str], ...] = ()
    #: actors of the PETRARCH2 dictionaries (beneath the hand tables)
    dictionary: tuple[DictionaryActor, ...] = ()
    #: agent noun (singular and plural, folded) → CAMEO sector code (``police`` → ``COP``), PETRARCH2
    agents: dict[str, str] = field(default_factory=dict)
    #: discard phrase (folded) → ``sentence`` or ``story`` (PETRARCH2): not names of actors
    discards: dict[str, str] = field(default_factory=dict)

    def offices(self) -> dict[str, list[LeaderEntry]]:
        """Each person's offices of ``leaders.tsv`` by the slug of their name, in the order they
        took them (by start date, undated first): the last is the latest office, whatever the
        file's order (Putin's presidency from 2012 follows his premiership of 2008-2012)."""
        by_person: dict[str, list[LeaderEntry]] = {}
        for leader in sorted(self.leaders, key=lambda entry: entry.start or ""):
            by_person.setdefault(slugify(leader.name), []).append(leader)
        return by_person

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> "ActorTables":
        """Read and validate ``states.tsv``, ``organizations.tsv``, ``firms.tsv``, ``leaders.tsv``,
        ``roles.tsv``, ``lexicon.json`` and (when present) ``speakers.tsv`` and the generated
        PETRARCH2 tables of ``petrarch/`` (actors, agents, discards).

        The lexicon is one view of hand and generated words: the one-word agent nouns of the
        state's own sectors (:data:`~diplograph.loaders.cameo.STATE_TYPES`: "gendarmerie",
        "ministry") and of every other sector (armed and political groups, business, labour,
        education, religion, ...) join ``actor_nouns`` (a noun naming an actor of the state it is
        said of); the state ones also join ``state_sectors`` and the others ``group_sectors``
        ("Burundian insurgents" → ``BDI-REB``, "Kenyan professors" → ``KEN-EDU``). Where the two disagree the hand lexicon wins (a hand actor noun without a
        hand group sector stays the state).

        Raises
        ------
        TableError
            On a malformed row: wrong column count, a code that is not ISO3 (a leader's
            country must be a state of ``states.tsv``; an organisation's office holder
            names the organisation in the 7th column instead), a bad date, a duplicate id,
            an unknown firm kind.
        LexiconError
            On a malformed ``lexicon.json`` (see :mod:`~diplograph.loaders.lexicon`).
        """
        base = Path(data_dir) if data_dir is not None else DATA_DIR
        states: dict[str, StateEntry] = {}
        path = base / "states.tsv"
        for lineno, (iso3, name, aliases, demonyms, metonyms) in _rows(path, 5):
            if not _ISO3.match(iso3):
                raise TableError(str(path), f"{iso3!r} is not an ISO 3166-1 alpha-3 code", lineno)
            if iso3 in states:
                raise TableError(str(path), f"duplicate state {iso3}", lineno)
            if not name:
                raise TableError(str(path), "empty name", lineno)
            states[iso3] = StateEntry(iso3, name, _split(aliases), _split(demonyms), _split(metonyms))
        orgs: dict[str, OrgEntry] = {}
        path = base / "organizations.tsv"
        for lineno, (oid, name, aliases, members, home) in _rows(path, 5):
            if not oid or not name:
                raise TableError(str(path), "empty id or name", lineno)
            if oid in orgs:
                raise TableError(str(path), f"duplicate organisation {oid}", lineno)
            if home and home not in states:
                raise TableError(str(path), f"home state {home!r} is not a state of states.tsv", lineno)
            orgs[oid] = OrgEntry(oid, name, _split(aliases), tuple(_membership(cell, states, path, lineno) for cell in _split(members)),
                                 home or None)
        firms: dict[str, FirmEntry] = {}
        path = base / "firms.tsv"
        for lineno, (fid, name, aliases, country, kind) in _rows(path, 5):
            if fid != slugify(fid) or not name:
                raise TableError(str(path), f"firm id {fid!r} must be a slug and the name non-empty", lineno)
            if kind not in {"state-owned", "private", "news-agency"}:
                raise TableError(str(path), f"unknown firm kind {kind!r}", lineno)
            if country and country not in states:
                raise TableError(str(path), f"country {country!r} is not a state of states.tsv", lineno)
            firms[fid] = FirmEntry(fid, name, _split(aliases), country or None, kind)
        leaders: list[LeaderEntry] = []
        path = base / "leaders.tsv"
        for lineno, (name, aliases, country, role, start, end, organization) in _rows(path, 7):
            if not name or not role:
                raise TableError(str(path), "empty name or role", lineno)
            if country in orgs:
                raise TableError(str(path), f"country {country!r} is an organisation, not an ISO3 state: leave country "
                                 "empty and give the organisation in the 7th column", lineno)
            if country and (not _ISO3.match(country) or country not in states):
                raise TableError(str(path), f"country {country!r} is not an ISO3 state of states.tsv", lineno)
            if organization and organization not in orgs:
                raise TableError(str(path), f"organization {organization!r} is not in organizations.tsv", lineno)
            if bool(country) == bool(organization):
                raise TableError(str(path), "give either a country (ISO3) or an organization, not both or neither", lineno)
            for value in (start, end):
                if value:
                    try:
                        iso_day(value)
                    except ValueError:
                        raise TableError(str(path), f"date {value!r} is not YYYY-MM-DD", lineno) from None
            if start and end and end < start:
                raise TableError(str(path), f"office ends ({end}) before it starts ({start})", lineno)
            leaders.append(LeaderEntry(name, _split(aliases), country or None, role, start or None, end or None,
                                       organization or None))
        roles: dict[str, RoleEntry] = {}
        path = base / "roles.tsv"
        for lineno, (title, role, represents) in _rows(path, 3):
            if represents not in {"yes", "no"}:
                raise TableError(str(path), f"third column must be yes or no, not {represents!r}", lineno)
            roles[fold(title)] = RoleEntry(fold(title), role, represents == "yes")
        lexicon = load_lexicon(base / "lexicon.json")
        speakers: list[tuple[str, str]] = []
        path = base / "speakers.tsv"
        if path.exists():  # optional: without it first-person pronouns stay unresolved
            for lineno, (source, code, _note) in _rows(path, 3):
                if not source or (code not in states and code not in orgs):
                    raise TableError(str(path), f"empty source or {code!r} is neither a state nor an organisation", lineno)
                speakers.append((fold(source), code))
        folder = base / "petrarch"
        agents = {noun: sector for noun, plurals, sector, _line in _dictionary_words(folder, "agents.tsv")
                  for noun in (noun, *_split(plurals)) if noun}
        discards = {phrase: level for phrase, level, _line in _dictionary_words(folder, "discards.tsv")}
        return cls(states, orgs, firms, tuple(leaders), roles, _merged_lexicon(lexicon, agents), tuple(speakers),
                   load_dictionary_actors(folder), agents, discards)


#: CAMEO sectors of non-state bodies that a state modifier does not make the state (business,
#: criminals; CAMEO codebook v1.1b3, actor chapter): their agent nouns join ``body_sectors``.
BODY_SECTORS = frozenset({"BUS", "CRM"})


def _merged_lexicon(lexicon: Lexicon, agents: dict[str, str]) -> Lexicon:
    """The hand lexicon with the one-word agent nouns of every sector added (see :meth:`ActorTables.load`).

    Civil sectors (labour, education, ...: "Nigerian teachers") are groups of their state like
    rebels (CAMEO codes domestic actors by country and sector, Schrodt 2012, ch. 4). With the
    target-less convention (docs/domestic-events.md) they found two more PLOVER dev records and
    added no false fact on the PLOVER dev records or the corpus gold (measured 2026-12-02).
    Those of business and crime (:data:`BODY_SECTORS`: "Russian exporters", "drug cartels") join
    ``body_sectors`` instead (a state modifier then names that sector of the state, not the state),
    except nouns of a person (``person_agent_nouns``: "a Saudi businessman" is a group of its state).
    """
    from .cameo import STATE_TYPES

    if not agents:
        return lexicon
    persons = lexicon["person_agent_nouns"]
    words = {noun: sector[:3] for noun, sector in agents.items()
             if " " not in noun and noun.isalpha() and (sector[:3] not in BODY_SECTORS or noun in persons)}
    hand_nouns = lexicon["actor_nouns"]  # the hand lexicon's reading of these: the state itself
    state = {noun: sector for noun, sector in words.items() if sector in STATE_TYPES}
    groups = {noun: sector for noun, sector in words.items() if sector not in STATE_TYPES and noun not in hand_nouns}
    taken = hand_nouns | set(lexicon["state_sectors"]) | set(lexicon["group_sectors"]) | set(words)
    bodies = {noun: sector[:3] for noun, sector in agents.items()
              if " " not in noun and noun.isalpha() and sector[:3] in BODY_SECTORS and noun not in taken}
    return Lexicon({**lexicon.entries,
                    # every group noun names an actor, also those of the hand list alone ("the Venezuelan opposition")
                    "actor_nouns": hand_nouns | frozenset(words) | frozenset(k for k in lexicon["group_sectors"] if not k.startswith("_")),
                    "state_sectors": {**state, **lexicon["state_sectors"]},
                    "group_sectors": {**groups, **lexicon["group_sectors"]},
                    "body_sectors": {**bodies, **lexicon["body_sectors"]}})


@dataclass(frozen=True, slots=True)
class NameHit:
    """What a name stands for.

    Attributes
    ----------
    kind:
        ``state``, ``demonym``, ``metonym``, ``organization``, ``firm`` or ``leader``.
    id:
        ISO3, organisation code, firm slug, or leader slug.
    """

    kind: str
    id: str


class ActorResolver:
    """Name → actor lookups over :class:`ActorTables`, plus country_converter's names.

    country_converter (coco) supplies short and official names of all 250 countries and
    its regular expressions (which also match most demonyms: "Cuban", "Bolivian"); its
    data frame is read once here, never per token. Our own tables come first: coco misses
    American, Chinese, Turkish, British, French, German, Dutch, Saudi, South Korean and
    every metonym (see design/dependencies.md).

    Parameters
    ----------
    tables:
        Loaded tables (default: the package's own).
    """

    def __init__(self, tables: ActorTables | None = None) -> None:
        self.tables = tables if tables is not None else ActorTables.load()
        t = self.tables
        self.names: dict[str, NameHit] = {}
        self._coco_regex: list[tuple[re.Pattern, str]] = []
        self._coco_names: dict[str, str] = {}
        self._cache: dict[str, str | None] = {}
        self._load_coco()
        for entry in t.states.values():
            self._add(entry.name, NameHit("state", entry.iso3))
            for alias in entry.aliases:
                self._add(alias, NameHit("state", entry.iso3))
            for demonym in entry.demonyms:
                self._add(demonym, NameHit("demonym", entry.iso3))
                if not demonym.endswith("s"):
                    self._add(demonym + "s", NameHit("demonym", entry.iso3))
            for metonym in entry.metonyms:
                self._add(metonym, NameHit("metonym", entry.iso3))
        for name, iso3 in self._coco_names.items():
            self.names.setdefault(name, NameHit("state", iso3))
        for org in t.organizations.values():
            self._add(org.name, NameHit("organization", org.id))
            for alias in org.aliases:
                self._add(alias, NameHit("organization", org.id), override=True)
        for firm in t.firms.values():
            for name in (firm.name, *firm.aliases):
                self._add(name, NameHit("firm", firm.id))
        for leader in t.leaders:
            for name in (leader.name, *leader.aliases):
                self._add(name, NameHit("leader", slugify(leader.name)), override=True)
        self._leaders_by_slug = t.offices()
        self._dictionary: dict[str, DictionaryActor] = {a.id: a for a in t.dictionary}
        self._dictionary_names: set[str] = set()
        hand = set(self.names)
        for entry in t.dictionary:
            hit = self._dictionary_hit(entry)
            if hit is None:
                continue
            for name in entry.names:
                if name in self.names or not self._usable_dictionary_name(name, hand):
                    continue
                self.names[name] = hit
                self._dictionary_names.add(name)

    def _usable_dictionary_name(self, name: str, hand: set[str]) -> bool:
        """Whether a dictionary name may name an actor: not a generic agent noun ("ngo"), not a
        discard phrase, not without letters, and not a title or phrase around a name the hand
        tables know ("president putin", "british prime minister gordon brown"): the extractor
        reads titles itself, and the hand name must win."""
        t = self.tables
        if name in t.agents or name in t.discards or not any(ch.isalpha() for ch in name):
            return False
        words = name.split(" ")
        if any(" ".join(words[i:j]) in hand for i in range(len(words)) for j in range(i + 1, len(words) + 1)
               if (i, j) != (0, len(words))):
            return False
        return not any(" ".join(words[:k]) in t.roles for k in range(1, len(words)))

    @staticmethod
    def _dictionary_hit(entry: DictionaryActor) -> NameHit | None:
        """What a dictionary actor's names stand for: its state for state bodies ("Afghan National
        Army" acts for AFG), else the actor itself; its state for a state's further names (cities,
        provinces, other spellings: "Kandahar" is AFG, as PETRARCH2 codes it); None for a
        state-like actor without a state (regions)."""
        if entry.kind in {"state", "state_body"}:
            return NameHit("state", entry.country) if entry.country else None
        return NameHit("dictionary", entry.id)

    def name_forms(self) -> list[str]:
        """Every name to look for in text, as written in the tables (hand tables) or folded
        (dictionary names; those of up to three letters or with a dot upper-cased: "PKK", "U.K.").

        Sorted, for a deterministic matcher."""
        t = self.tables
        forms: set[str] = set()
        for s in t.states.values():
            forms.update((s.name, *s.aliases, *s.demonyms, *s.metonyms))
            forms.update(d + "s" for d in s.demonyms if not d.endswith("s"))
        for o in t.organizations.values():
            forms.update((o.name, *o.aliases))
        for f in t.firms.values():
            forms.update((f.name, *f.aliases))
        for leader in t.leaders:
            forms.update((leader.name, *leader.aliases))
        for name in self._dictionary_names:
            forms.add(name.upper() if len(name.replace(".", "")) <= 3 or "." in name else name)
        return sorted(f for f in forms if f)

    def _load_coco(self) -> None:
        frame = country_converter().data
        for _, row in frame.iterrows():
            iso3 = row["ISO3"]
            if not isinstance(iso3, str) or not _ISO3.match(iso3):
                continue
            for col in ("name_short", "name_official"):
                value = row[col]
                if isinstance(value, str) and value:
                    self._coco_names[fold(value)] = iso3
            regex = row["regex"]
            if isinstance(regex, str) and regex:
                self._coco_regex.append((re.compile(regex, re.IGNORECASE), iso3))

    def _add(self, name: str, hit: NameHit, override: bool = False) -> None:
        key = fold(name)
        if override or key not in self.names:
            self.names[key] = hit

    # ------------------------------------------------------------------ lookups
    def lookup(self, text: str) -> NameHit | None:
        """Return what ``text`` names, from the tables only (no fuzzy match); ``None`` if nothing.

        A leading "the" is ignored ("the Kremlin" and "Kremlin" both give RUS); a discard phrase
        of the PETRARCH2 list ("Manchester United") names nothing.
        """
        key = fold(text)
        if key in self.tables.discards:
            return None
        hit = self.names.get(key)
        if hit is None and key.startswith("the "):
            hit = self.names.get(key[4:])
        return hit

    def country_code(self, text: str) -> str | None:
        """ISO3 of a state named by a name, alias, demonym or capital; coco's regexes as a fallback.

        >>> ActorResolver().country_code("Bolivian")
        'BOL'
        """
        hit = self.lookup(text)
        if hit is not None:
            if hit.kind in {"state", "demonym", "metonym"}:
                return hit.id
            return None
        key = fold(text)
        if key in self._cache:
            return self._cache[key]
        found = None
        if text[:1].isupper() and len(key) > 3:
            for pattern, iso3 in self._coco_regex:
                if pattern.search(key):
                    found = iso3
                    break
        self._cache[key] = found
        return found

    def state(self, iso3: str) -> Actor:
        """The State actor of an ISO3 code (see :func:`build_state_actor`)."""
        return build_state_actor(self.tables, iso3)

    def organization(self, oid: str) -> Actor:
        """The Organization actor of a code of organizations.tsv (``country``: its home state, if any)."""
        entry = self.tables.organizations[oid]
        return Actor(oid, ActorKind.ORGANIZATION, entry.name, country=entry.home, aliases=entry.aliases)

    def firm(self, fid: str) -> Actor:
        """The Firm actor of a slug of firms.tsv."""
        entry = self.tables.firms[fid]
        return Actor(fid, ActorKind.FIRM, entry.name, country=entry.country, aliases=entry.aliases)

    def leader_entries(self, slug: str) -> list[LeaderEntry]:
        """All offices held by one person of leaders.tsv (empty list if unknown)."""
        return self._leaders_by_slug.get(slug, [])

    def leader_office(self, slug: str, date: str | None) -> LeaderEntry | None:
        """The office the person held at ``date``; with no date or no covering office, the latest one."""
        entries = self.leader_entries(slug)
        if not entries:
            return None
        for entry in entries:
            if entry.covers(date):
                return entry
        return None if date else entries[-1]

    def leader(self, slug: str, date: str | None = None, role: str | None = None, country: str | None = None) -> Actor:
        """The Leader actor of a person of leaders.tsv (role and country at ``date`` when known)."""
        entries = self.leader_entries(slug)
        office = self.leader_office(slug, date)
        base = office or (entries[-1] if entries else None)
        name = base.name if base else slug
        aliases = tuple(dict.fromkeys(a for e in entries for a in (e.name, *e.aliases)))
        return Actor(
            slug,
            ActorKind.LEADER,
            name,
            country=country or (base.country if base else None),
            aliases=aliases,
            role=role or (office.role if office else None),
        )

    def leader_by_role(self, country: str, role: str, date: str | None) -> Actor | None:
        """Who held ``role`` (canonical, e.g. "President") for ``country`` at ``date``; None if unknown."""
        if not date:
            return None
        for entry in self.tables.leaders:
            if entry.country == country and entry.role.lower() == role.lower() and entry.covers(date):
                return self.leader(slugify(entry.name), date)
        return None

    def role(self, title: str) -> RoleEntry | None:
        """The role of a title as written ("minister of foreign affairs" → Foreign Minister)."""
        return self.tables.roles.get(fold(title))

    def actor_for(self, hit: NameHit, date: str | None = None) -> Actor:
        """Build the actor a :class:`NameHit` stands for."""
        if hit.kind in {"state", "demonym", "metonym"}:
            return self.state(hit.id)
        if hit.kind == "organization":
            return self.organization(hit.id)
        if hit.kind == "firm":
            return self.firm(hit.id)
        if hit.kind == "dictionary":
            return self.dictionary_actor(hit.id, date)
        return self.leader(hit.id, date)

    def dictionary_actor(self, ident: str, date: str | None = None) -> Actor:
        """The actor of a PETRARCH2 dictionary entry at ``date``.

        A person is a Leader whose ``country`` is the state of the code valid at the date (a
        foreign minister who became president keeps the state; an IGO officer has none) — no
        role, so no LEADS fact from the dictionary alone. An IGO is the project's organisation of
        its most specific known group code (``IGOUNOKID`` → UNICEF, :data:`~diplograph.loaders.cameo.KNOWN_GROUPS`),
        else an Organization of its own; armed groups and NGOs are Organizations and firms are
        Firms, with their home state as ``country``.

        Raises
        ------
        KeyError
            If ``ident`` is not a dictionary actor id.
        """
        from .cameo import KNOWN_GROUPS

        entry = self._dictionary[ident]
        aliases = tuple(dict.fromkeys(n.title() for n in entry.names if n in self._dictionary_names))
        name = aliases[0] if aliases else entry.name  # "Ban Ki-Moon", not the head "Secretary-general Ban Ki-moon"
        if entry.kind == "person":
            code = entry.code_at(date)
            return Actor(slugify(name), ActorKind.LEADER, name, country=code.country or entry.country, aliases=aliases)
        if entry.kind == "firm":
            return Actor(slugify(name), ActorKind.FIRM, name, country=entry.country, aliases=aliases)
        code = entry.code_at(date)
        for group in reversed(code.roles):
            if group in KNOWN_GROUPS:
                oid, name = KNOWN_GROUPS[group]
                if oid in self.tables.organizations:
                    return self.organization(oid)
                return Actor(oid, ActorKind.ORGANIZATION, name)
        return Actor(slugify(name), ActorKind.ORGANIZATION, name, country=entry.country, aliases=aliases)
