"""Country names and codes to ISO 3166-1 alpha-3, for the ICEWS and fact-table loaders.

Coded event files name states in full ("Russian Federation", "Korea, Republic of",
"Occupied Palestinian Territory"). :class:`CountryNames` turns such a name into ISO3 with
``country_converter`` (Stadler 2017, *JOSS* 2(16), 332), whose regular expressions know the
official, short and ISO names of every country. A coco call runs its regular expressions
over every country (under a millisecond here, against microseconds for a dict), so each
distinct name is converted once and cached; the converter is built once per process
(:func:`~diplograph.loaders.actors.country_converter`).

Where coco finds nothing, our own tables are the fallback: the names and aliases of
``data/states.tsv`` (``UAE``, ``Yugoslavia``...) and :data:`EXTRA_ALIASES` (historical names
that appear in ICEWS). The CAMEO legacy codes of :mod:`~diplograph.loaders.cameo`
(``JAP``...) are accepted as codes.
"""

from __future__ import annotations

import re

from ..graph.model.records import Actor
from .actors import country_converter, default_tables, fold
from .cameo import LEGACY_COUNTRY_CODES, state_actor

__all__ = ["CountryNames", "EXTRA_ALIASES"]

#: Names coco does not convert, with the state the project files them under.
#: "Serbia and Montenegro" (2003-2006, ICEWS) was the Federal Republic of Yugoslavia, whose
#: UN seat Serbia continued (UN Office of Legal Affairs, 2006).
EXTRA_ALIASES: dict[str, str] = {
    "serbia and montenegro": "SRB",
    "federal republic of yugoslavia": "SRB",
}

_CODE = re.compile(r"^[A-Z]{3}$")


class CountryNames:
    """Cached name -> ISO3 lookups (coco first, our aliases as fallback).

    One instance per load: its caches grow with the number of distinct names met
    (a few hundred in a year of ICEWS), not with the number of rows.

    Examples
    --------
    >>> names = CountryNames()
    >>> names.iso3("Russian Federation"), names.iso3("RUS"), names.iso3("UAE"), names.iso3("Europe")
    ('RUS', 'RUS', 'ARE', None)
    """

    def __init__(self) -> None:
        data = country_converter().data
        self._codes: frozenset[str] = frozenset(c for c in data["ISO3"] if isinstance(c, str) and _CODE.match(c))
        exact: dict[str, str] = {}
        for column in ("name_short", "name_official"):
            for name, code in zip(data[column], data["ISO3"]):
                if isinstance(name, str) and code in self._codes:
                    exact.setdefault(fold(name), code)
        ours: dict[str, str] = dict(EXTRA_ALIASES)
        for entry in default_tables().states.values():
            for name in (entry.name, *entry.aliases):
                ours.setdefault(fold(name), entry.iso3)
        #: folded exact country names (coco short and official names, our names and aliases)
        self._exact = {**exact, **ours}
        self._ours = ours
        self._cache: dict[str, str | None] = {}

    def iso3(self, value: str) -> str | None:
        """ISO3 of a country code or name, or ``None`` if it names no country.

        Parameters
        ----------
        value:
            An ISO3 code (upper case), a CAMEO legacy code, or a name in any form coco
            knows (official, short, "Korea, Republic of").

        Returns
        -------
        str or None
            The code; ``None`` for regions ("Europe", "Middle East") and unknown names.
        """
        key = value.strip()
        if key in self._cache:
            return self._cache[key]
        found: str | None = None
        if _CODE.match(key) and (key in self._codes or key in LEGACY_COUNTRY_CODES):
            found = LEGACY_COUNTRY_CODES.get(key, key)
        elif key:
            converted = country_converter().convert(key, to="ISO3", not_found="")
            if isinstance(converted, str) and converted in self._codes:
                found = converted
            else:  # not found, or several countries matched: our own names decide
                found = self._ours.get(fold(key))
        self._cache[key] = found
        return found

    def exact(self, name: str) -> str | None:
        """ISO3 when ``name`` *is* a country name (no pattern search), else ``None``.

        ``"Russia"`` and ``"Russian Federation"`` are country names; ``"Citizen (Russia)"``
        or ``"Ministry of Foreign Affairs (Russia)"`` are not, though coco's patterns find
        Russia in them.
        """
        return self._exact.get(fold(name))

    def state(self, iso3: str) -> Actor:
        """The State :class:`Actor` of an ISO3 code (the same actor the GDELT loader writes)."""
        return state_actor(iso3)
