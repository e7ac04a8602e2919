"""Convert the PETRARCH2 / Phoenix coding dictionaries into the project's lexical data.

The open event coder PETRARCH2 (Open Event Data Alliance, MIT licence, github.com/openeventdata/
petrarch2, folder ``petrarch2/data/dictionaries/``) codes news with a verb dictionary of about 400
verb blocks and 4,700 patterns, dated actor dictionaries, an agent dictionary and a discard list.
This module reads those files and writes the project's tables into one folder (the package ships
them in ``loaders/data/petrarch/``)::

    python -m diplograph.loaders.petrarch SRC_DIR OUT_DIR

=================  ====================================================================
file written       one row per
=================  ====================================================================
``verbs.jsonl``    verb of a verb block: lemma, particles of a multi-word verb ("carry
                   out"), irregular forms, block, default CAMEO code and its relation
``patterns.jsonl`` pattern of a verb block: subject words, object words (synonym sets
                   expanded), prepositional phrases, CAMEO code and relation; ``---``
                   patterns are explicit no-event rows (``cameo`` null)
``actors.jsonl``   actor of the Countries, International and MilNonState files: names
                   (head and synonyms, folded), codes with date ranges, kind, country
``agents.tsv``     agent noun: noun, plural forms, CAMEO sector code
``discards.tsv``   discard phrase: phrase, level (``sentence`` or ``story``)
``LICENSE``        the dictionaries' MIT licence, copied unchanged
=================  ====================================================================

Every generated file starts with a header naming its source file (and its SHA-256), the
generator and the MIT notice; the output is deterministic (source order, no time stamps), so
running the converter again on the same sources writes the same bytes. Generated files are never
edited by hand: the project's own tables (``loaders/data/*.tsv``, ``triggers.jsonl``) override and
extend them.

Formats of the sources: ``shared/data/petrarch2/README.md`` and the PETRARCH2 reader
(``PETRreader.read_verb_dictionary``, ``read_actor_dictionary``, ``read_agent_dictionary``,
``read_discard_list``). A line the converter cannot read is reported on standard error as
``file:line: message`` and skipped; the rest is converted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import typer

from .cameo import REGION_CODES, is_cameo_code, iso3_for_cameo_country, map_event_code

__all__ = [
    "SOURCE_FILES",
    "ConversionCounts",
    "convert",
    "parse_verbs",
    "parse_actors",
    "parse_agents",
    "parse_discards",
    "singular",
    "actor_kind",
]

#: Source file names, as PETRARCH2's release configuration loads them.
SOURCE_FILES = {
    "verbs": "CAMEO.2.0.txt",
    "actors": ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"),
    "agents": "Phoenix.agents.txt",
    "discards": "Phoenix.discards.txt",
}

_NOTICE = (
    "Derived from the PETRARCH2 / Phoenix coding dictionaries (github.com/openeventdata/petrarch2),\n"
    "Copyright (c) 2014-2015 Open Event Data Alliance, MIT License: the full licence text is in LICENSE\n"
    "in this folder and applies to this file.\n"
    "GENERATED FILE: do not edit; re-run the converter instead."
)

#: Words of a pattern that mark the source, target or a skipped phrase in PETRARCH2 (``$`` source,
#: ``+`` target, ``^`` skip, ``%`` compound actor); they constrain no word and are dropped.
_MARKERS = frozenset({"$", "+", "^", "%", "="})


class ConversionError(ValueError):
    """One line of a dictionary could not be read (``file:line: message``)."""


@dataclass
class ConversionCounts:
    """What one conversion wrote and dropped (printed by the command line).

    Attributes are counts of rows; ``dropped_codes`` maps a reason to the number of verb or pattern
    codes not turned into a relation ("no PLOVER type", "not a CAMEO code"); ``no_event_patterns``
    counts ``---`` patterns and the ``reverse_only_patterns`` among them (a code for the object acting
    on the subject only, as "receive support" [:051]).
    """

    verbs: int = 0
    verbs_with_relation: int = 0
    patterns: int = 0
    patterns_with_relation: int = 0
    no_event_patterns: int = 0
    reverse_only_patterns: int = 0
    dropped_codes: dict[str, int] = field(default_factory=dict)
    actors: int = 0
    actor_names: int = 0
    actor_kinds: dict[str, int] = field(default_factory=dict)
    codes: int = 0
    dated_codes: int = 0
    agents: int = 0
    discards: int = 0
    errors: int = 0

    def drop(self, reason: str) -> None:
        """Count one dropped code under ``reason``."""
        self.dropped_codes[reason] = self.dropped_codes.get(reason, 0) + 1


def _report(path: Path, lineno: int, message: str, counts: ConversionCounts) -> None:
    counts.errors += 1
    print(f"{path.name}:{lineno}: {message}", file=sys.stderr)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def singular(word: str) -> str:
    """A regular English singular of a lower-case noun (the converse of the plurals PETRARCH2 generates).

    >>> singular("sanctions"), singular("rallies"), singular("crashes"), singular("talks"), singular("press")
    ('sanction', 'rally', 'crash', 'talk', 'press')
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    """The regular English plural of the last word of a lower-case phrase.

    >>> plural("policeman"), plural("rally"), plural("boss"), plural("farmer")
    ('policemans', 'rallies', 'bosses', 'farmers')
    """
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


def inflections(verb: str) -> list[str]:
    """Regular inflected forms of an English verb (3rd person, past, -ing), with a doubled final
    consonant as a second spelling where the verb ends consonant-vowel-consonant.

    >>> inflections("stage")
    ['staged', 'stages', 'staging']
    >>> inflections("ban")
    ['baned', 'baning', 'banned', 'banning', 'bans']
    """
    forms = set()
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(verb + "es")
    elif len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    if verb.endswith("e"):
        forms.add(verb + "d")
        forms.add((verb[:-2] + "ying") if verb.endswith("ie") else (verb + "ing" if verb.endswith("ee") else verb[:-1] + "ing"))
    elif len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        forms.update((verb[:-1] + "ied", verb + "ing"))
    else:
        forms.update((verb + "ed", verb + "ing"))
        if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
            forms.update((verb + verb[-1] + "ed", verb + verb[-1] + "ing"))
    return sorted(forms)


def _phrase(token: str) -> str:
    """``SAFE_HOUSE_`` → ``safe house`` (the exact-word mark and joiners dropped)."""
    return " ".join(part for part in token.lower().replace("_", " ").split())


def _forms(token: str) -> list[str]:
    """Lower-case forms a pattern word matches: as written and, unless marked exact, its singular."""
    phrase = _phrase(token)
    if not phrase:
        return []
    if token.endswith("_"):
        return [phrase]
    words = phrase.split(" ")
    one = " ".join([*words[:-1], singular(words[-1])])
    return sorted({phrase, one})


# ------------------------------------------------------------------------------------------- verbs
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]\s*$")
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s{}()]+")


def _relation_of(code: str, counts: ConversionCounts) -> str | None:
    """The relation type name of a CAMEO code, or None (counted) when it has none."""
    if not is_cameo_code(code):
        counts.drop("not a CAMEO code")
        return None
    event = map_event_code(code)
    if event is None:
        counts.drop("no PLOVER type (CAMEO 01, 02)")
        return None
    return event.relation.value


def _split_code(raw: str) -> tuple[str | None, str | None]:
    """``042:043`` → (``042``, ``043``); ``---`` → (None, None); ``:173`` → (None, ``173``).

    A paired code gives the event of the subject on the object, then of the object on the
    subject (TABARI reciprocal codes); ``---`` means no event.
    """
    raw = raw.strip()
    if not raw or raw.startswith("---"):
        return None, None
    forward, _, reverse = raw.partition(":")
    return forward.strip() or None, reverse.strip() or None


def _words(tokens: list[str], sets: dict[str, list[str]], path: Path, lineno: int,
           counts: ConversionCounts) -> list[list[str]]:
    """Constraint words of a pattern part: each entry lists the forms one word may take."""
    out: list[list[str]] = []
    for tok in tokens:
        if tok.startswith("{") or tok.endswith("}"):  # a noun phrase {MODIFIER HEAD}: every word constrains
            out.extend(_words(tok.strip("{}").split(), sets, path, lineno, counts))
        elif tok in _MARKERS:
            continue
        elif tok.startswith("&"):
            if tok not in sets:
                raise ConversionError(f"unknown synonym set {tok}: pattern skipped")
            out.append(sets[tok])
        else:
            forms = _forms(tok)
            if forms:
                out.append(forms)
    return out


def _pattern_parts(body: str, sets: dict[str, list[str]], path: Path, lineno: int, counts: ConversionCounts) -> dict:
    before, star, after = body.partition("*")
    if not star:
        raise ConversionError("pattern without '*' (the verb)")
    subject = _words(_TOKEN.findall(before), sets, path, lineno, counts)  # raises ConversionError
    words: list[list[str]] = []
    preps: list[dict] = []
    for tok in _TOKEN.findall(after):
        if tok.startswith("("):
            inner = tok[1:-1].split()
            inner = [w for w in inner if w not in _MARKERS]
            if not inner:
                continue
            preps.append({"prep": _phrase(inner[0]), "object": _words(inner[1:], sets, path, lineno, counts)})
        else:
            words.extend(_words([tok], sets, path, lineno, counts))
    return {"subject": subject, "words": words, "preps": preps}


def parse_verbs(path: Path, counts: ConversionCounts) -> tuple[list[dict], list[dict]]:
    """Read the verb dictionary: ``(verb rows, pattern rows)`` in file order.

    Verb rows: ``{"lemma", "particles", "before", "forms", "block", "cameo", "relation", "line"}`` —
    ``lemma`` is the verb word in lower case, ``forms`` its inflected forms (the irregular ones the
    file lists and the regular ones of :func:`inflections`), ``particles`` the words after it in a multi-word verb
    (``+CARRY_OUT`` → lemma ``carry``, particles ``["out"]``), ``before`` the words before it;
    ``cameo`` the verb's own code or else its block's (None for ``---``), ``relation`` the
    relation type name of that code through CAMEO→PLOVER (None where PLOVER has no type).

    Pattern rows: ``{"block", "subject", "words", "preps", "cameo", "relation", "reverse_cameo", "line",
    "pattern"}``
    — ``subject``: words that must head the subject; ``words``: words after the verb (particles and
    heads or modifiers of its object phrase); ``preps``: ``{"prep", "object"}`` prepositional
    phrases; each word is a list of the forms it may take (synonym sets expanded, singular added).
    ``cameo`` None marks an explicit no-event pattern (``---``, or a code for the object acting on
    the subject only, kept in ``reverse_cameo``: TABARI's paired codes ``[forward:reverse]``);
    ``relation`` is None also for a code PLOVER has no type for (CAMEO 01, 02: the pattern still
    decides the verb's reading); patterns with a code that is not CAMEO are dropped. Both are
    counted in ``counts.dropped_codes``.
    """
    sets: dict[str, list[str]] = {}
    verbs: list[dict] = []
    patterns: list[dict] = []
    current_set: str | None = None
    block: str | None = None
    block_code: str | None = None
    in_patterns = False
    with path.open(encoding="utf-8", errors="replace") as handle:
        lines = list(enumerate(handle, start=1))
    for lineno, raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break  # sentence-level rewrites of PETRARCH2's parse trees: not converted
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_set = line.split()[0]
                sets[current_set] = []
            elif line.startswith("+") and current_set is not None:
                sets[current_set].extend(f for f in _forms(line[1:].split()[0]) if f not in sets[current_set])
            else:
                _report(path, lineno, f"cannot read synonym-set line {line!r}", counts)
            continue
        match = _BLOCK.match(line)
        if match:
            block = match.group(1)
            block_code = _split_code(match.group(2))[0]
            continue
        if block is None:
            _report(path, lineno, f"line outside a verb block: {line!r}", counts)
            continue
        code_match = _CODE.search(line)
        raw_code = code_match.group(1) if code_match else None
        body = line[:code_match.start()].strip() if code_match else line
        if line.startswith("-"):
            if raw_code is None:
                _report(path, lineno, "pattern without a [CODE]", counts)
                continue
            forward, reverse = _split_code(raw_code)
            try:
                parts = _pattern_parts(body[1:], sets, path, lineno, counts)
            except ConversionError as exc:
                _report(path, lineno, str(exc), counts)
                continue
            relation = None
            if forward is not None:
                if not is_cameo_code(forward):
                    _relation_of(forward, counts)  # counted as "not a CAMEO code"
                    continue
                # a code PLOVER has no type for (01, 02) stays as the pattern's decision: no relation
                relation = _relation_of(forward, counts)
            else:  # "---", or a reverse-only code ("receive support" [:051]): no event of the subject
                counts.no_event_patterns += 1
                counts.reverse_only_patterns += reverse is not None
            patterns.append({"block": block, **parts, "cameo": forward, "relation": relation,
                             "reverse_cameo": reverse, "line": lineno, "pattern": " ".join(body[1:].split())})
            counts.patterns += 1
            counts.patterns_with_relation += relation is not None
            continue
        # a verb line: WORD {FORMS} [CODE] or +WORD_PARTICLE {FORMS} [CODE]
        head, _, rest = body.partition("{")
        head = head.strip()
        words = head.split("_") if head else []
        if not words or len(head.split()) != 1:
            _report(path, lineno, f"cannot read verb line {line!r}", counts)
            continue
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        at = marked[0] if marked else 0
        words = [w.lstrip("+").lower() for w in words]
        # the verb word's forms: irregular ones as listed, regular ones generated
        listed = [f.replace("+", "").split("_") for f in rest.rstrip("}").replace("}", " ").split()] if rest else []
        forms = sorted({w[at].lower() for w in listed if len(w) > at} | set(inflections(words[at])))
        code = _split_code(raw_code)[0] if raw_code is not None else block_code
        relation = _relation_of(code, counts) if code is not None else None
        verbs.append({"lemma": words[at], "particles": [w for w in words[at + 1:] if w],
                      "before": [w for w in words[:at] if w], "forms": forms, "block": block,
                      "cameo": code if relation is not None else None, "relation": relation, "line": lineno})
        counts.verbs += 1
        counts.verbs_with_relation += relation is not None
    return verbs, patterns


# ------------------------------------------------------------------------------------------ actors
_CODE_ITEM = re.compile(r"\[([^\]]*)\]")
_DATED = re.compile(r"^([A-Z][A-Z0-9]{2,}|---)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?$")

#: CAMEO role codes (Schrodt 2012, CAMEO codebook v1.1b3, actor chapter) of a state's own bodies.
STATE_BODY_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
#: Role codes of firms.
FIRM_ROLES = frozenset({"BUS", "MNC"})
#: Role codes of armed non-state groups.
ARMED_ROLES = frozenset({"REB", "INS", "SEP", "UAF", "IMG"})


def _date(text: str) -> str:
    """``991231`` → ``1999-12-31``, ``080507`` → ``2008-05-07``, ``20140607`` → ``2014-06-07``.

    Two-digit years below 30 are 20xx (the dictionaries end in 2015), others 19xx.

    Raises
    ------
    ValueError
        If ``text`` is not 6 or 8 digits of a real day.
    """
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    if len(text) != 8:
        raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()


def _codes(line: str, path: Path, lineno: int, counts: ConversionCounts) -> list[dict]:
    out = []
    for item in _CODE_ITEM.findall(line):
        match = _DATED.match(item.strip())
        if not match:
            _report(path, lineno, f"cannot read actor code [{item}]", counts)
            continue
        code, side, one, start, end = match.groups()
        if code == "---":
            continue
        row = {"code": code, "start": None, "end": None}
        try:
            if side == ">":
                row["start"] = _date(one)
            elif side == "<":
                row["end"] = _date(one)
            elif start:
                row["start"], row["end"] = _date(start), _date(end)
        except ValueError as exc:
            _report(path, lineno, f"[{item}]: {exc}", counts)
            continue
        out.append(row)
    return out


#: Code prefixes of transnational actors, which may name a home state next (``MNCUSA``: a US firm).
TRANSNATIONAL_PREFIXES = frozenset({"IGO", "NGO", "MNC", "IMG"})
#: CAMEO religion codes that are also ISO3 codes (CAMEO codebook v1.1b3, religion codes; Schrodt
#: 2012): after a transnational prefix they name a religion, not a state (``IMGMUSALQ``: a Muslim
#: militarised group, not Mauritius; ``SUN``: Sunni, not the Soviet Union).
RELIGION_CODES = frozenset({"MUS", "SUN"})


def _is_state(chunk: str) -> str | None:
    return iso3_for_cameo_country(chunk) if chunk not in REGION_CODES else None


def _code_parts(code: str) -> tuple[str | None, list[str]]:
    """``RUSGOV`` → (``RUS``, [``GOV``]); ``IGOUNOKID`` → (None, [``IGO``, ``UNO``, ``KID``]);
    ``MNCUSA`` → (``USA``, [``MNC``]): a state right after a transnational prefix is its home."""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    country = _is_state(chunks[0])
    if country:
        return country, chunks[1:]
    if chunks[0] in TRANSNATIONAL_PREFIXES and len(chunks) > 1 and chunks[1] not in RELIGION_CODES and _is_state(chunks[1]):
        return _is_state(chunks[1]), [chunks[0], *chunks[2:]]
    return None, chunks


def actor_kind(codes: list[dict]) -> str:
    """The kind of an actor from its codes (CAMEO codebook v1.1b3, actor chapter; Schrodt 2012).

    ``state`` when the current code (the last one without an end date) is a bare country (a state
    may have older codes: Armenia was ``USRARM`` before 1990); else ``person`` when a code is dated
    or has the elite role ``ELI``; otherwise from the current code: ``state_body`` (government, military, police, judiciary,
    legislature, intelligence), ``firm`` (``BUS``, ``MNC``), ``armed_group`` (rebels, insurgents,
    separatists, unaligned armed forces, international militarised groups) or ``organisation``
    (IGOs, NGOs, parties, opposition, and the rest).

    >>> actor_kind([{"code": "RUSGOV", "start": "1999-12-31", "end": "2008-05-07"}])
    'person'
    >>> actor_kind([{"code": "IGOUNO", "start": None, "end": None}])
    'organisation'
    """
    current = next((c for c in reversed(codes) if c["end"] is None), codes[-1])
    country, roles = _code_parts(current["code"])
    if country and not roles:
        return "state"
    if any(c["start"] or c["end"] for c in codes) or any("ELI" in _code_parts(c["code"])[1] for c in codes):
        return "person"
    first = roles[0] if roles else ""
    if first in FIRM_ROLES:
        return "firm"
    if first in ARMED_ROLES or any(r in ARMED_ROLES for r in roles[:1]):
        return "armed_group"
    if country and first in STATE_BODY_ROLES:
        return "state_body"
    return "organisation"


def _display(name: str) -> str:
    return " ".join(w if "." in w else w.capitalize() for w in name.split(" "))


def parse_actors(path: Path, counts: ConversionCounts) -> list[dict]:
    """Read one actor dictionary into rows, in file order.

    A group of names (head lines and their ``+`` synonyms) takes the codes that follow it, inline
    or on indented lines; head lines met before any code belong to the same group (PETRARCH2's
    reader gives them the codes that follow). Row: ``{"id", "name", "names", "codes", "kind",
    "country", "line"}`` — ``id`` is the file's kind and the line of the group's first name
    (``countries-39559``), ``names`` folded (lower case, spaces), ``codes`` as
    ``{"code", "start", "end"}`` (ISO dates or None), ``country`` the ISO3 of the first code that
    names a state (None for IGOs and regions). Groups without any code are skipped (reported).
    """
    rows: list[dict] = []
    names: list[str] = []
    codes: list[dict] = []
    first_line = 0

    def flush() -> None:
        if not names:
            return
        if not codes:
            _report(path, first_line, f"actor {names[0]!r} has no code", counts)
            return
        unique = list(dict.fromkeys(names))
        country = next((c for c in (_code_parts(x["code"])[0] for x in codes) if c), None)
        kind = actor_kind(codes)
        rows.append({"id": f"{path.name.split('.')[1].lower()}-{first_line}", "name": _display(unique[0]),
                     "names": unique, "codes": list(codes), "kind": kind, "country": country, "line": first_line})
        counts.actors += 1
        counts.actor_names += len(unique)
        counts.actor_kinds[kind] = counts.actor_kinds.get(kind, 0) + 1
        counts.codes += len(codes)
        counts.dated_codes += sum(1 for c in codes if c["start"] or c["end"])

    with path.open(encoding="utf-8", errors="replace") as handle:
        for lineno, raw in enumerate(handle, start=1):
            line = _strip_comment(raw)
            if not line.strip():
                continue
            stripped = line.strip()
            if stripped.startswith("["):
                codes.extend(_codes(stripped, path, lineno, counts))
                continue
            inline = _codes(stripped, path, lineno, counts) if "[" in stripped else []
            text = stripped.split("[", 1)[0].strip()
            if stripped.startswith("+"):
                name = _phrase(text[1:])
                if name:
                    names.append(name)
                codes.extend(inline)
                continue
            if codes:  # a new head after the codes of the previous group
                flush()
                names, codes = [], []
            if not names:
                first_line = lineno
            name = _phrase(text)
            if name:
                names.append(name)
            codes.extend(inline)
    flush()
    return rows


# ------------------------------------------------------------------------------------------ agents
_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_AGENT = re.compile(r"^(.+?)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]*)\]$")


def parse_agents(path: Path, counts: ConversionCounts) -> list[tuple[str, tuple[str, ...], str, int]]:
    """Read the agent dictionary: ``(noun, plural forms, sector code, line)`` rows in file order.

    ``!NAME! = A, B`` lines define substitutions (``!PERSON!`` → man, men, woman, women, person),
    expanded in every noun that uses them; a noun gets the plurals listed in ``{...}``, or else
    its regular plural unless it ends in ``_`` (an exact word) or is already plural by the
    macro. ``sector`` is the code without ``~`` (``COP``, ``GOVMIL``).
    """
    macros: dict[str, list[str]] = {}
    rows: list[tuple[str, tuple[str, ...], str, int]] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for lineno, raw in enumerate(handle, start=1):
            line = _strip_comment(raw).strip()
            if not line:
                continue
            macro = _MACRO.match(line)
            if macro:
                macros[macro.group(1)] = [w.strip().lower() for w in macro.group(2).split(",") if w.strip()]
                continue
            match = _AGENT.match(line)
            if not match or not match.group(3):
                _report(path, lineno, f"cannot read agent line {line!r}", counts)
                continue
            noun, plurals, sector = match.group(1).strip(), match.group(2), match.group(3)
            variants = [noun]
            for name, values in macros.items():
                if name in noun:
                    variants = [v.replace(name, value.upper()) for v in variants for value in values]
            given = [_phrase(p) for p in plurals.split()] if plurals else []
            for variant in variants:
                phrase = _phrase(variant)
                if not phrase:
                    continue
                if given or plurals is not None:
                    forms = tuple(given)
                elif variant.endswith("_") or any(name in noun for name in macros):
                    forms = ()
                else:
                    forms = (plural(phrase),)
                rows.append((phrase, forms, sector, lineno))
                counts.agents += 1
    return rows


# ---------------------------------------------------------------------------------------- discards
def parse_discards(path: Path, counts: ConversionCounts) -> list[tuple[str, str, int]]:
    """Read the discard list: ``(folded phrase, level, line)``; level ``story`` for ``+`` lines
    (the whole story is not coded), else ``sentence``."""
    rows: list[tuple[str, str, int]] = []
    seen: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8", errors="replace") as handle:
        for lineno, raw in enumerate(handle, start=1):
            line = _strip_comment(raw).strip()
            if not line:
                continue
            level = "story" if line.startswith("+") else "sentence"
            phrase = _phrase(line.lstrip("+"))
            if phrase and (phrase, level) not in seen:
                seen.add((phrase, level))
                rows.append((phrase, level, lineno))
                counts.discards += 1
    return rows


# ------------------------------------------------------------------------------------------ output
def _header(source: Path, prefix: str) -> str:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    lines = [f"Generated by `python -m diplograph.loaders.petrarch` from {source.name} (sha256 {digest[:16]}).",
             *_NOTICE.splitlines()]
    return "".join(f"{prefix} {line}\n" for line in lines)


def _write_jsonl(path: Path, header: str, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(header)
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")


def convert(src: Path, out: Path) -> ConversionCounts:
    """Convert the dictionaries in ``src`` into the tables in ``out`` (created if missing).

    Raises
    ------
    FileNotFoundError
        If a source file of :data:`SOURCE_FILES` (or ``LICENSE``) is missing from ``src``.
    """
    src, out = Path(src), Path(out)
    counts = ConversionCounts()
    out.mkdir(parents=True, exist_ok=True)
    (out / "LICENSE").write_bytes((src / "LICENSE").read_bytes())
    verb_file = src / SOURCE_FILES["verbs"]
    verbs, patterns = parse_verbs(verb_file, counts)
    _write_jsonl(out / "verbs.jsonl", _header(verb_file, "//"), verbs)
    _write_jsonl(out / "patterns.jsonl", _header(verb_file, "//"), patterns)
    actor_rows: list[dict] = []
    headers = []
    for name in SOURCE_FILES["actors"]:
        actor_rows.extend(parse_actors(src / name, counts))
        headers.append(_header(src / name, "//"))
    _write_jsonl(out / "actors.jsonl", "".join(dict.fromkeys(headers)), actor_rows)
    agent_file = src / SOURCE_FILES["agents"]
    with (out / "agents.tsv").open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(_header(agent_file, "#"))
        handle.write("# noun\tplural forms (|)\tCAMEO sector code\tsource line\n")
        for noun, forms, sector, lineno in parse_agents(agent_file, counts):
            handle.write(f"{noun}\t{'|'.join(forms)}\t{sector}\t{lineno}\n")
    discard_file = src / SOURCE_FILES["discards"]
    with (out / "discards.tsv").open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(_header(discard_file, "#"))
        handle.write("# phrase\tlevel (sentence | story)\tsource line\n")
        for phrase, level, lineno in parse_discards(discard_file, counts):
            handle.write(f"{phrase}\t{level}\t{lineno}\n")
    return counts


app = typer.Typer(add_completion=False, help="Convert the PETRARCH2 / Phoenix dictionaries into diplograph's tables.")


@app.command()
def main(src: Path = typer.Argument(..., exists=True, file_okay=False, help="folder of the PETRARCH2 dictionaries"),
         out: Path = typer.Argument(..., file_okay=False, help="folder to write the tables into")) -> None:
    """Convert SRC (the PETRARCH2 dictionaries) into OUT and print the counts."""
    counts = convert(src, out)
    for key, value in vars(counts).items():
        typer.echo(f"{key}: {value}")


if __name__ == "__main__":
    app()
