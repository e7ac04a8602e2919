"""Actor tables (states, organisations, firms, leaders, role titles) and the name resolver.

The tables are data files in ``loaders/data/`` (see its README for sources). They are
read and validated by :meth:`ActorTables.load`; a bad row raises :class:`TableError`
naming the file and line. :class:`ActorResolver` turns a name as written ("Moscow",
"Russian", "Maduro", "the State Department") into an :class:`~diplograph.graph.model.records.Actor`.

Types come from these tables, never from spaCy's entity labels (bare "Maduro" is often
tagged ORG by the small English model).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..graph.model.errors import InputError
from ..graph.model.records import Actor, iso_day, slugify
from ..graph.model.vocabulary import ActorKind

__all__ = [
    "DATA_DIR",
    "TableError",
    "StateEntry",
    "OrgEntry",
    "FirmEntry",
    "LeaderEntry",
    "RoleEntry",
    "ActorTables",
    "NameHit",
    "ActorResolver",
    "fold",
]

DATA_DIR = Path(__file__).parent / "data"


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
class OrgEntry:
    """One row of ``organizations.tsv``: short code, name, aliases, fixed members (ISO3)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


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
    lexicon: dict = field(default_factory=dict)
    #: ``(folded source words, actor code)`` of official publishers (``speakers.tsv``), in file order.
    speakers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> "ActorTables":
        """Read and validate ``states.tsv``, ``organizations.tsv``, ``firms.tsv``, ``leaders.tsv``,
        ``roles.tsv``, ``lexicon.json`` and (when present) ``speakers.tsv``.

        Raises
        ------
        TableError
            On a malformed row: wrong column count, a code that is not ISO3 (a leader's
            country must be a state of ``states.tsv``; an organisation's office holder
            names the organisation in the 7th column instead), a bad date, a duplicate id,
            an unknown firm kind.
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
        for lineno, (oid, name, aliases, members) in _rows(path, 4):
            if not oid or not name:
                raise TableError(str(path), "empty id or name", lineno)
            if oid in orgs:
                raise TableError(str(path), f"duplicate organisation {oid}", lineno)
            for member in _split(members):
                if member not in states:
                    raise TableError(str(path), f"member {member!r} is not a state of states.tsv", lineno)
            orgs[oid] = OrgEntry(oid, name, _split(aliases), _split(members))
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
        path = base / "lexicon.json"
        try:
            lexicon = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise TableError(str(path), f"invalid JSON: {exc.msg}", exc.lineno) from exc
        speakers: list[tuple[str, str]] = []
        path = base / "speakers.tsv"
        if path.exists():  # optional: without it first-person pronouns stay unresolved
            for lineno, (source, code, _note) in _rows(path, 3):
                if not source or (code not in states and code not in orgs):
                    raise TableError(str(path), f"empty source or {code!r} is neither a state nor an organisation", lineno)
                speakers.append((fold(source), code))
        return cls(states, orgs, firms, tuple(leaders), roles, lexicon, tuple(speakers))


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
        self._leaders_by_slug: dict[str, list[LeaderEntry]] = {}
        for leader in t.leaders:
            self._leaders_by_slug.setdefault(slugify(leader.name), []).append(leader)

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

        A leading "the" is ignored ("the Kremlin" and "Kremlin" both give RUS).
        """
        key = fold(text)
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
        """The Organization actor of a code of organizations.tsv."""
        entry = self.tables.organizations[oid]
        return Actor(oid, ActorKind.ORGANIZATION, entry.name, aliases=entry.aliases)

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
        return self.leader(hit.id, date)
