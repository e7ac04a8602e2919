"""ICEWS coded event files: streamed line by line, one fact per dyadic event.

Input: the *Integrated Crisis Early Warning System* event files (Boschee et al., "ICEWS
Coded Event Data", Harvard Dataverse, doi:10.7910/DVN/28075), plain or zipped: UTF-8
(a line that is not UTF-8 is read as Windows-1252, as some tools read these files as
ISO-8859-1), tab-separated, no quoting, one header line::

    Event ID  Event Date  Source Name  Source Sectors  Source Country  Event Text  CAMEO Code
    Intensity  Target Name  Target Sectors  Target Country  Story ID  Sentence Number
    Publisher  City  District  Province  Country  Latitude  Longitude

Layouts: the releases differ (the yearly files of 2017 and later write Event Date as
``1/1/2017`` or ``12/31/2017``; tools that re-export the files write ``event_id`` or
``Event.ID``; some releases lack columns). So columns are found by header name, with case,
spaces, underscores and dots ignored, in any order, and only :data:`REQUIRED_COLUMNS` must
be there; of the others:

- no ``CAMEO Code``: the code is read from ``Event Text``, the CAMEO description of the
  code ("Make a visit" is 042, see :func:`~diplograph.loaders.cameo.code_for_description`);
  a description of no CAMEO 03-20 code (01 statements and 02 appeals have no PLOVER type)
  is skipped. A file with neither column is a file error;
- no ``Intensity`` (or an empty cell): the Goldstein weight of the CAMEO code
  (:func:`~diplograph.graph.goldstein.goldstein_for_cameo`, the scale ICEWS's Intensity uses);
- no ``Source Sectors`` / ``Target Sectors``: read as empty (the actor is the state only
  when its name is the country's); no ``Publisher``: ``reported_by`` stays empty.

Each row must have as many columns as the header.

Mapping:

- Actor (source and target alike, decided per distinct name/sectors/country and cached):

  1. a name that is an organisation of ``data/organizations.tsv`` (name or alias: "United
     Nations", "NATO", "Hamas") is that Organization (as GDELT known-group codes are);
  2. otherwise the country column, converted to ISO3 by :class:`~.countries.CountryNames`
     (coco once per distinct name, then our aliases), gives the State when the actor acts
     for the state: its name *is* the country name (the country column's own text, or a
     name of coco or ``states.tsv``: "Russia" for "Russian Federation"), or one of its sectors is a
     state sector (:data:`STATE_SECTOR` matches government, executive, cabinet, ministry,
     legislative / parliamentary, judicial, military, army, navy, air force, police,
     intelligence) and none is a non-state sector (:data:`NON_STATE_SECTOR`: opposition,
     dissident, rebel, insurgent, protest, out of government, non-governmental and
     international government organisations). This is the GDELT loader's rule (a GOV, MIL,
     JUD, LEG, COP or SPY actor type is the state) in ICEWS's sector vocabulary. With ``actor_scope="country"`` every actor with a country
     counts as its state;
  3. with an empty country column, a name that is a country name is that State; any other
     actor has no country and is skipped.

- Relation: CAMEO Code (as text, leading zeros kept) through the CAMEO -> PLOVER table of
  :mod:`~diplograph.loaders.cameo`.
- Fact: ``date`` from Event Date (``YYYY-MM-DD``, ``YYYYMMDD`` or ``M/D/YYYY``),
  ``goldstein`` from Intensity (ICEWS's CAMEO-based Goldstein value, -10..10),
  ``reported_by`` from Publisher, ``event_id`` ``icews:<Event ID>`` (so the key is stable),
  ``cameo`` the code, ``context`` the PLOVER context, ``extractor`` ``"icews"``. Event Text is
  the CAMEO description of the code, not a sentence, so ``sentence`` stays empty; the Fact
  has no field for Story ID and Sentence Number (no article text is stored), so they are
  not kept: the event id leads back to them in the source file. ``source_url`` is empty.

Rejected (to the rejects file): wrong number of columns; Event ID not a whole number;
Event Date not a date; CAMEO Code not a CAMEO code (or an empty Event Text where there is
no CAMEO Code); Intensity not a number in -10..10; a country name that names no country.

Skipped (counted by reason): ``empty line``; ``no PLOVER type (CAMEO 01/02: statements and
appeals)``; ``Event Text '...' is no CAMEO 03-20 description`` (files without CAMEO Code); ``source has no country`` / ``target has no country``; ``source is not a state
actor`` / ``target is not a state actor``; ``filter: countries`` (``options.countries``);
``same actor on both sides`` (a domestic event inside one state). The GDELT-only options
(``root_only``, ``min_articles``, ``quad_classes``) are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from ..graph.model.errors import InputError
from ..graph.model.goldstein import goldstein_for_cameo
from ..graph.model.records import Actor, Fact, iso_day
from ..graph.model.vocabulary import ActorKind
from .actors import ActorTables, fold
from .cameo import code_for_description, is_cameo_code, map_event_code
from .countries import CountryNames
from .event_rows import EventLoadOptions, LoadCounts, RejectSink, open_members

__all__ = [
    "iter_icews_facts",
    "ICEWS_COLUMNS",
    "REQUIRED_COLUMNS",
    "STATE_SECTOR",
    "NON_STATE_SECTOR",
    "IcewsActors",
    "parse_icews_header",
]

#: The columns of the ICEWS event files (Dataverse doi:10.7910/DVN/28075), in file order.
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)

#: Columns every ICEWS layout has (by header name); the others are used when present, and
#: ``CAMEO Code`` or ``Event Text`` must be there (see the module docstring).
REQUIRED_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Country", "Target Name", "Target Country",
)

#: An ICEWS sector that acts for the state (whole words, case-insensitive).
STATE_SECTOR = re.compile(
    r"\b(government|executive|cabinet|ministry|legislative|parliament\w*|judicial|judiciary|"
    r"military|army|navy|air force|armed forces|police|intelligence)\b",
    re.IGNORECASE,
)
#: An ICEWS sector that does not act for a state, even next to a state sector: opposition and
#: armed groups, non-governmental and inter-governmental organisations.
NON_STATE_SECTOR = re.compile(
    r"\b(opposition|dissident\w*|rebel\w*|insurgent\w*|protest\w*|non-?government\w*|out of government|"
    r"inter-?governmental|government organi[sz]ations?)\b",
    re.IGNORECASE,
)

_DIGITS = re.compile(r"^[0-9]+$")
_NO_PLOVER = "no PLOVER type (CAMEO 01/02: statements and appeals)"


def _header_key(name: str) -> str:
    """``Event ID``, ``event_id``, ``Event.ID`` and ``EVENT ID`` are one column."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def parse_icews_header(path: str, line: str) -> tuple[int, dict[str, int]]:
    """Column count and ``{column name: index}`` of an ICEWS header line.

    Raises
    ------
    InputError
        If a required column is missing (line 1 of ``path``).

    Examples
    --------
    >>> n, index = parse_icews_header("f.tab", "\\t".join(ICEWS_COLUMNS[:14]))
    >>> n, index["CAMEO Code"], index["Publisher"]
    (14, 6, 13)
    """
    cells = line.lstrip("\ufeff").rstrip("\r\n").split("\t")
    position = {_header_key(cell): i for i, cell in reversed(list(enumerate(cells)))}
    index = {name: position[_header_key(name)] for name in ICEWS_COLUMNS if _header_key(name) in position}
    missing = [repr(name) for name in REQUIRED_COLUMNS if name not in index]
    if "CAMEO Code" not in index and "Event Text" not in index:
        missing.append("'CAMEO Code' or 'Event Text'")
    if missing:
        raise InputError(path, "not an ICEWS event file: no column " + ", ".join(missing), 1)
    return len(cells), index


@cache
def _organization_names() -> dict[str, Actor]:
    """Folded names and aliases of ``organizations.tsv`` -> the Organization actor."""
    out: dict[str, Actor] = {}
    for org in ActorTables.load().organizations.values():
        actor = Actor(org.id, ActorKind.ORGANIZATION, org.name)
        for name in (org.name, *org.aliases):
            out.setdefault(fold(name), actor)
    return out


class IcewsActors:
    """The actor of one side of an ICEWS event, cached per (name, sectors, country).

    Parameters
    ----------
    scope:
        ``"state"`` or ``"country"`` (see :class:`~diplograph.loaders.event_rows.EventLoadOptions`).
    countries:
        Shared name -> ISO3 cache.
    """

    def __init__(self, scope: str = "state", countries: CountryNames | None = None) -> None:
        self.scope = scope
        self.countries = countries or CountryNames()
        self._orgs = _organization_names()
        self._sectors: dict[str, bool] = {}
        self._cache: dict[tuple[str, str, str, str], Actor | tuple[str, bool]] = {}

    def acts_for_state(self, sectors: str) -> bool:
        """True if the sector list (comma-separated) has a state sector and no non-state sector.

        >>> a = IcewsActors()
        >>> a.acts_for_state("Government,Executive"), a.acts_for_state("Non-Governmental Organizations")
        (True, False)
        >>> a.acts_for_state("Legislative / Parliamentary,Parties,Opposition")
        False
        """
        hit = self._sectors.get(sectors)
        if hit is None:
            parts = [p for p in sectors.split(",") if p.strip()]
            hit = self._sectors[sectors] = (
                any(STATE_SECTOR.search(p) for p in parts) and not any(NON_STATE_SECTOR.search(p) for p in parts)
            )
        return hit

    def resolve(self, name: str, sectors: str, country: str, which: str) -> Actor | tuple[str, bool]:
        """The actor, or ``(reason, rejected)`` when the side gives none.

        Parameters
        ----------
        name, sectors, country:
            Source (or Target) Name, Sectors and Country as written.
        which:
            ``"source"`` or ``"target"`` (for the reason text).

        Examples
        --------
        >>> a = IcewsActors()
        >>> a.resolve("Russia", "", "Russian Federation", "source").id
        'RUS'
        >>> a.resolve("Citizen (India)", "Social", "India", "target")
        ('target is not a state actor', False)
        >>> a.resolve("Xyz", "Government", "Atlantis", "source")
        ("unknown country 'Atlantis' (source)", True)
        """
        key = (name, sectors, country, which)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._resolve(name.strip(), sectors.strip(), country.strip(), which)
        return hit

    def _resolve(self, name: str, sectors: str, country: str, which: str) -> Actor | tuple[str, bool]:
        org = self._orgs.get(fold(name)) if name else None
        if org is not None:
            return org
        if not country:
            iso3 = self.countries.exact(name) if name else None
            if iso3 is not None:
                return self.countries.state(iso3)
            return (f"{which} has no country", False)
        iso3 = self.countries.iso3(country)
        if iso3 is None:
            return (f"unknown country '{country}' ({which})", True)
        is_country_name = fold(name) == fold(country) or self.countries.exact(name) == iso3
        if self.scope == "country" or is_country_name or self.acts_for_state(sectors):
            return self.countries.state(iso3)
        return (f"{which} is not a state actor", False)


_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _iso_date(value: str) -> str | None:
    """``YYYY-MM-DD``, ``YYYYMMDD`` or ``M/D/YYYY`` (month first, as ICEWS writes it) as ISO, or ``None``."""
    if len(value) == 8 and value.isdigit():
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    elif match := _US_DATE.match(value):
        value = f"{match.group(3)}-{int(match.group(1)):02d}-{int(match.group(2)):02d}"
    try:
        return iso_day(value).isoformat()
    except ValueError:
        return None


class _Mapper:
    """Row -> Fact or reason, with value caches kept across the rows and zip members of one file."""

    def __init__(self, options: EventLoadOptions) -> None:
        self.options = options
        self.actors = IcewsActors(options.actor_scope)
        self.dates: dict[str, str | None] = {}
        self.codes: dict[str, object] = {}
        self.countries = frozenset(c.upper() for c in options.countries) if options.countries else None

    def _date(self, value: str) -> str | None:
        if value not in self.dates:
            self.dates[value] = _iso_date(value)
        return self.dates[value]

    def _code(self, value: str):
        """CameoEvent, ``None`` (no PLOVER type) or ``False`` (not a CAMEO code)."""
        hit = self.codes.get(value, self)
        if hit is self:
            hit = self.codes[value] = (map_event_code(value) if is_cameo_code(value) else False)
        return hit

    def map(self, cells: list[str], index: dict[str, int]) -> Fact | tuple[str, bool]:
        """The fact of a row with the right column count, or ``(reason, rejected)``."""
        get = lambda column: cells[index[column]].strip() if column in index else ""  # noqa: E731
        event_id = get("Event ID")
        if not _DIGITS.match(event_id):
            return (f"bad Event ID '{event_id}'", True)
        raw_date = get("Event Date")
        date = self._date(raw_date)
        if date is None:
            return (f"bad Event Date '{raw_date}'", True)
        if "CAMEO Code" in index:
            code = get("CAMEO Code")
        else:
            text = get("Event Text")
            code = code_for_description(text)
            if code is None:
                return (f"Event Text '{text}' is no CAMEO 03-20 description", not text)
        event = self._code(code)
        if event is False:
            return (f"unknown CAMEO code '{code}'", True)
        raw_intensity = get("Intensity")
        if raw_intensity:
            try:
                intensity = float(raw_intensity)
            except ValueError:
                intensity = float("nan")
            if not -10.0 <= intensity <= 10.0:
                return (f"bad Intensity '{raw_intensity}'", True)
        else:
            intensity = goldstein_for_cameo(code)
        source = self.actors.resolve(get("Source Name"), get("Source Sectors"), get("Source Country"), "source")
        target = self.actors.resolve(get("Target Name"), get("Target Sectors"), get("Target Country"), "target")
        for side in (source, target):
            if isinstance(side, tuple) and side[1]:
                return side
        if event is None:
            return (_NO_PLOVER, False)
        for side in (source, target):
            if isinstance(side, tuple):
                return side
        assert isinstance(source, Actor) and isinstance(target, Actor)
        if self.countries is not None and not (
            {source.id, target.id, source.country or "", target.country or ""} & self.countries
        ):
            return ("filter: countries", False)
        if source.id == target.id:
            return ("same actor on both sides", False)
        publisher = get("Publisher")
        return Fact(
            subject=source, relation=event.relation, object=target, date=date, cameo=code,
            context=event.context or None, goldstein=intensity, reported_by=publisher or None,
            event_id=f"icews:{event_id}", extractor="icews",
        )


def iter_icews_facts(path: str, options: EventLoadOptions, rejects: RejectSink, counts: LoadCounts,
                     on_progress: Callable[[int], None] | None = None) -> Iterator[Fact]:
    """Stream the facts of one ICEWS event file (plain or zipped), recording every row.

    Parameters
    ----------
    path:
        A ``.tab``/``.tsv`` file or a zip holding one or more.
    options, rejects, counts, on_progress:
        As in :func:`~diplograph.loaders.events.iter_event_facts`.

    Yields
    ------
    Fact
        One per loaded row, in file order. Line numbers in rejects count the header as line 1.

    Raises
    ------
    InputError
        If the file is missing, not a zip though named so, empty, or lacks a required column.
    """
    mapper = _Mapper(options)
    for name, stream in open_members(path, on_progress, options):
        long_lines = stream.raw.long_lines
        header = stream.readline()
        if not header.strip():
            raise InputError(name, "empty file")
        n_columns, index = parse_icews_header(name, header.decode("utf-8", "replace"))
        for number, raw_bytes in enumerate(stream, start=2):
            counts.read += 1
            if number in long_lines:
                prefix = long_lines[number].decode("utf-8", "replace")
                rejects.reject(name, number, stream.raw.long_line_reason(), prefix + "...")
                continue
            try:
                line = raw_bytes.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:  # a legacy 8-bit line: read as Windows-1252, not lost
                line = raw_bytes.decode("cp1252", "replace").rstrip("\r\n")
            if not line.strip():
                counts.skip("empty line")
                continue
            cells = line.split("\t")
            if len(cells) != n_columns:
                rejects.reject(name, number, f"wrong number of columns: {len(cells)} (expected {n_columns})", line)
                continue
            if (fact := counts.outcome(mapper.map(cells, index), rejects, name, number, line)) is not None:
                yield fact
