"""Score extracted facts against hand-made gold files and PLOVER gold-standard records.

Two scorers:

- :func:`score_gold` — the seed gold format (``entities``, ``facts``, ``must_not``,
  ``scoring``; see ``tests/gold/README.md``): a predicted fact matches a gold fact when the
  relation is equal and both ends resolve to the gold entity (by id for states; by any
  listed name, case- and accent-insensitive, for people, firms and organisations);
  ``also_ok_s``/``also_ok_o`` give accepted alternative ends; symmetric facts match in
  either direction. Recall counts non-optional gold facts; precision counts predicted
  facts whose two ends are states, leaders or firms; a predicted fact matching a
  ``must_not`` pattern is an error.
- :func:`score_plover` — PLOVER records (Open Event Data Alliance, PLOVER_GSR_CAMEO,
  CC BY-SA 4.0): a record is found when a fact of the record's PLOVER type has its
  subject among the record's source codes and, where the record has targets, its object
  among the target codes (leaders count for their state; organisations as ``IGO``).
  Recall is over records, precision over the facts produced.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..graph.model.errors import DiplographError, InputError
from ..graph.model.records import Actor, Article, Fact, iso_day, slugify
from ..graph.model.vocabulary import ActorKind, RelationType
from .actors import fold
from .cameo import LEGACY_COUNTRY_CODES
from .dates import parse_iso
from .extract import Extractor

__all__ = [
    "evaluate_paths",
    "GoldFile",
    "Score",
    "load_gold",
    "score_gold",
    "PloverRecord",
    "load_plover",
    "score_plover",
    "extract_plover",
    "actor_code",
    "igo_codes",
]

_NON_IGO = {"HRW": "NGO", "HAMAS": "PSE", "HEZBOLLAH": "LBN", "TALIBAN": "AFG", "HOUTHIS": "YEM",
            "PLO": "PSE", "AL-QAEDA": "IMG", "ISIS": "IMG"}


@dataclass
class Score:
    """Counts and rates of one evaluation.

    Attributes
    ----------
    tp_recall, n_gold:
        Gold facts (or records) found, and how many there are.
    tp_precision, n_pred:
        Predicted facts counted correct, and how many were counted.
    per_type:
        Relation type → ``{"gold", "found", "pred", "correct"}`` counts.
    misses, false, forbidden:
        Error lists (dicts with the fact and its sentence) for ``--show-errors``.
    """

    tp_recall: int = 0
    n_gold: int = 0
    tp_precision: int = 0
    n_pred: int = 0
    per_type: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: {"gold": 0, "found": 0, "pred": 0, "correct": 0}))
    misses: list[dict] = field(default_factory=list)
    false: list[dict] = field(default_factory=list)
    forbidden: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp_recall / self.n_gold if self.n_gold else 0.0

    @property
    def precision(self) -> float:
        return self.tp_precision / self.n_pred if self.n_pred else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        """Add another score's counts into this one (micro-average)."""
        self.tp_recall += other.tp_recall
        self.n_gold += other.n_gold
        self.tp_precision += other.tp_precision
        self.n_pred += other.n_pred
        for key, counts in other.per_type.items():
            for k, v in counts.items():
                self.per_type[key][k] += v
        self.misses += other.misses
        self.false += other.false
        self.forbidden += other.forbidden


# ---------------------------------------------------------------- gold files
@dataclass
class GoldFile:
    """A parsed gold file: the article it scores and its entities, facts and must-not patterns."""

    path: Path
    article_path: Path
    entities: dict[str, dict]
    facts: list[dict]
    must_not: list[dict]
    date: str | None = None
    article_id: str | None = None
    title: str | None = None
    source: str | None = None

    def article(self, article_path: Path | None = None) -> Article:
        """Read the article text (``article_path`` overrides the one in the file)."""
        path = article_path or self.article_path
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(str(path), f"cannot read the gold file's article: {exc.strerror}") from exc
        return Article(id=self.article_id or path.stem, text=text, title=self.title, date=self.date,
                       source=self.source, origin=str(path))


def _gold_date(value, path: Path) -> str | None:
    if value is None or value == "":
        return None
    try:
        iso_day(value)
    except ValueError:
        raise InputError(str(path), f"date {value!r} is not a calendar date YYYY-MM-DD") from None
    return value


def _gold_fact(fact, where: str, entities: dict, path: Path) -> None:
    if not isinstance(fact, dict):
        raise InputError(str(path), f"{where} must be an object, not {type(fact).__name__}")
    rel = fact.get("rel")
    if rel is None:
        raise InputError(str(path), f"{where} has no 'rel'")
    try:
        RelationType(rel)
    except (ValueError, TypeError):
        raise InputError(str(path), f"{where} has unknown relation type {rel!r}") from None
    for end in ("s", "o"):
        ref = fact.get(end)
        if not isinstance(ref, str):
            raise InputError(str(path), f"{where} has no entity id in {end!r}")
        if where.startswith("facts") and ref not in entities:
            raise InputError(str(path), f"{where} names {ref!r} in {end!r}, which is not in entities")
    for key in ("also_ok_s", "also_ok_o", "lines"):
        if key in fact and not isinstance(fact[key], list):
            raise InputError(str(path), f"{where}: {key!r} must be a list")
    if any(not isinstance(n, int) or isinstance(n, bool) for n in fact.get("lines", [])):
        raise InputError(str(path), f"{where}: 'lines' must hold line numbers")


def load_gold(path: Path | str) -> GoldFile:
    """Read and check a gold file in the seed format.

    Raises
    ------
    InputError
        If the file is not a JSON object, lacks ``article``/``entities``/``facts``, has a
        ``facts``/``entities``/``must_not`` that is not a list of objects, a fact without
        ``rel`` or with an unknown relation type, a fact naming an entity that is not
        listed, or a ``date`` that is not a calendar date ``YYYY-MM-DD``. The message
        names the file and, for a bad fact, its 0-based index (``facts[3]``).
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"invalid JSON: {exc.msg}", exc.lineno) from exc
    if not isinstance(data, dict):
        raise InputError(str(path), f"a gold file is a JSON object, not {type(data).__name__}")
    for key in ("article", "entities", "facts"):
        if key not in data:
            raise InputError(str(path), f"missing key {key!r}")
    if not isinstance(data["article"], str) or not data["article"]:
        raise InputError(str(path), "'article' must be a file path")
    for key in ("entities", "facts", "must_not"):
        if key in data and not isinstance(data[key], list):
            raise InputError(str(path), f"{key!r} must be a list, not {type(data[key]).__name__}")
    entities = {}
    for i, e in enumerate(data["entities"]):
        if not isinstance(e, dict) or not isinstance(e.get("id"), str):
            raise InputError(str(path), f"entities[{i}] must be an object with a string 'id'")
        if not isinstance(e.get("names", []), list):
            raise InputError(str(path), f"entities[{i}]: 'names' must be a list")
        entities[e["id"]] = e
    for i, fact in enumerate(data["facts"]):
        _gold_fact(fact, f"facts[{i}]", entities, path)
    for i, pattern in enumerate(data.get("must_not", [])):
        if not isinstance(pattern, dict) or any(not isinstance(pattern.get(k, "*"), str) for k in ("s", "rel", "o")):
            raise InputError(str(path), f"must_not[{i}] must be an object whose 's', 'rel' and 'o' are strings")
    for key in ("article_id", "title", "source"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise InputError(str(path), f"{key!r} must be a string")
    return GoldFile(
        path=path,
        article_path=(path.parent / data["article"]).resolve(),
        entities=entities,
        facts=data["facts"],
        must_not=data.get("must_not", []),
        date=_gold_date(data.get("date"), path),
        article_id=data.get("article_id"),
        title=data.get("title"),
        source=data.get("source"),
    )


def _actor_matches(actor: Actor, entity: dict) -> bool:
    etype = entity.get("type")
    if etype == "State":
        if actor.kind == ActorKind.STATE:
            return actor.id == entity["id"]
        return False
    if etype == "Leader" and actor.kind != ActorKind.LEADER:
        return False
    if etype == "Firm" and actor.kind != ActorKind.FIRM:
        return False
    if etype == "Organization" and actor.kind != ActorKind.ORGANIZATION:
        return False
    if actor.id == entity["id"]:
        return True
    names = {fold(n) for n in entity.get("names", [])}
    slugs = {slugify(n) for n in entity.get("names", [])}
    if actor.id in slugs or fold(actor.name) in names:
        return True
    return any(fold(a) in names for a in actor.aliases if len(a) > 3)


def _end_ok(actor: Actor, main: str, also: list[str], gold: GoldFile) -> bool:
    return any(_actor_matches(actor, gold.entities[e]) for e in [main, *also] if e in gold.entities)


def _fact_matches(fact: Fact, g: dict, gold: GoldFile) -> bool:
    if fact.relation.value != g["rel"]:
        return False
    s_ok = _end_ok(fact.subject, g["s"], g.get("also_ok_s", []), gold)
    o_ok = _end_ok(fact.object, g["o"], g.get("also_ok_o", []), gold)
    if s_ok and o_ok:
        return True
    if g.get("symmetric"):
        return _end_ok(fact.object, g["s"], g.get("also_ok_s", []), gold) and _end_ok(fact.subject, g["o"], g.get("also_ok_o", []), gold)
    return False


def _pattern_end(actor: Actor, ref: str, gold: GoldFile) -> bool:
    if ref == "*":
        return True
    if ref in gold.entities:
        return _actor_matches(actor, gold.entities[ref])
    return actor.id == ref


def _describe(fact: Fact) -> dict:
    return {"s": fact.subject.id, "rel": fact.relation.value, "o": fact.object.id, "sentence": fact.sentence,
            "sentenceIndex": fact.sentence_index, "confidence": fact.confidence}


def score_gold(gold: GoldFile, facts: list[Fact], min_confidence: float = 0.0) -> Score:
    """Score facts of one article against its gold file (rule in the module docstring)."""
    facts = [f for f in facts if f.confidence >= min_confidence]
    score = Score()
    lines = gold.article().text.splitlines() if gold.article_path.exists() else []
    for g in gold.facts:
        rel = g["rel"]
        if g.get("optional"):
            continue
        score.n_gold += 1
        score.per_type[rel]["gold"] += 1
        if any(_fact_matches(f, g, gold) for f in facts):
            score.tp_recall += 1
            score.per_type[rel]["found"] += 1
        else:
            where = [lines[i - 1] for i in g.get("lines", []) if 0 < i <= len(lines)]
            score.misses.append({"s": g["s"], "rel": rel, "o": g["o"], "sentence": where[0] if where else None})
    counted = {ActorKind.STATE, ActorKind.LEADER, ActorKind.FIRM}
    for f in facts:
        for pattern in gold.must_not:
            if (pattern.get("rel") in {"*", f.relation.value} and _pattern_end(f.subject, pattern.get("s", "*"), gold)
                    and _pattern_end(f.object, pattern.get("o", "*"), gold)):
                score.forbidden.append({**_describe(f), "why": pattern.get("why")})
                break
        if f.subject.kind not in counted or f.object.kind not in counted:
            continue
        score.n_pred += 1
        score.per_type[f.relation.value]["pred"] += 1
        if any(_fact_matches(f, g, gold) for g in gold.facts):
            score.tp_precision += 1
            score.per_type[f.relation.value]["correct"] += 1
        else:
            score.false.append(_describe(f))
    return score


# ---------------------------------------------------------------- PLOVER
@dataclass
class PloverRecord:
    """One PLOVER gold-standard record: text, PLOVER event type, source and target codes."""

    id: str
    text: str
    event: str
    sources: frozenset[str]
    targets: frozenset[str]
    date: str | None = None


def _codes(value) -> frozenset[str]:
    if not value:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    out = set()
    for item in value:
        code = item.get("code") if isinstance(item, dict) else item
        if isinstance(code, str) and code:
            out.add(LEGACY_COUNTRY_CODES.get(code, code))  # JAP, ITL in the PLOVER records
    return frozenset(out)


def _plover_record(obj, path: Path, lineno: int) -> PloverRecord:
    if not isinstance(obj, dict):
        raise InputError(str(path), f"a PLOVER record is a JSON object, not {type(obj).__name__}", lineno)
    missing = [k for k in ("id", "text", "event") if k not in obj]
    if missing:
        raise InputError(str(path), f"a PLOVER record needs id, text and event (missing {', '.join(missing)})", lineno)
    for key in ("text", "event"):
        if not isinstance(obj[key], str) or not obj[key].strip():
            raise InputError(str(path), f"{key!r} must be a non-empty string", lineno)
    if not isinstance(obj["id"], (str, int)) or isinstance(obj["id"], bool):
        raise InputError(str(path), "'id' must be a string", lineno)
    date = obj.get("date")
    if date is not None and (not isinstance(date, str) or (date and parse_iso(date) is None)):
        raise InputError(str(path), f"date {date!r} is not a calendar date YYYY-MM-DD", lineno)
    target = obj.get("target")
    targets = _codes(target) if isinstance(target, list) else frozenset()
    return PloverRecord(str(obj["id"]), obj["text"], obj["event"].strip().upper(), _codes(obj.get("source")), targets, date)


def load_plover(path: Path | str, errors: list[InputError] | None = None) -> list[PloverRecord]:
    """Read PLOVER records (one JSON object a line).

    Parameters
    ----------
    path:
        JSONL file.
    errors:
        When given, a bad line is appended here as an :class:`InputError` and skipped, and
        the other lines are still read; when ``None`` the first bad line raises.

    Raises
    ------
    InputError
        On an unreadable file, or (without ``errors``) a line that is not a JSON object or
        lacks ``id``, ``text`` or ``event`` (file and line named).
    """
    path = Path(path)
    records = []
    try:
        with path.open(encoding="utf-8") as handle:
            lines = list(handle)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"invalid JSON: {exc.msg}", lineno) from None
            records.append(_plover_record(obj, path, lineno))
        except InputError as error:
            if errors is None:
                raise
            errors.append(error)
    return records


def igo_codes(tables) -> set[str]:
    """What counts as IGO in PLOVER scoring: the organisation codes of ``tables``
    (:class:`~diplograph.loaders.actors.ActorTables`) and the ids of the people of
    ``leaders.tsv`` who hold an office of an organisation (UN Secretary-General)."""
    return set(tables.organizations) | {slugify(e.name) for e in tables.leaders if e.organization}


def actor_code(actor: Actor, organizations: set[str] | None = None) -> str:
    """The PLOVER/CAMEO code an actor counts as: ISO3 for states, the state of leaders and firms, IGO for organisations.

    A non-state group with a home state (the extractor's ``<ISO3>-<sector>`` actors such as
    ``UGA-REB`` for "Ugandan rebels") counts as its state, as CAMEO codes domestic actors by
    country (Schrodt 2012, ch. 4). Amnesty International counts as IGO, as the PLOVER
    records code it. A leader with no state counts as IGO when ``organizations`` holds
    their id (the office holders of organisations, :func:`igo_codes`).

    Parameters
    ----------
    actor:
        The fact's end.
    organizations:
        Codes that count as IGO: organisation codes and ids of organisations' office holders.
    """
    if actor.kind == ActorKind.STATE:
        return actor.id
    if actor.kind == ActorKind.ORGANIZATION and actor.country and len(actor.country) == 3 and actor.country.isupper():
        return actor.country
    if actor.kind in {ActorKind.LEADER, ActorKind.FIRM}:
        if actor.country:
            return actor.country
        return "IGO" if actor.id in (organizations or set()) else actor.id
    return _NON_IGO.get(actor.id, "IGO")


def _plover_hit(fact: Fact, rec: PloverRecord, orgs: set[str]) -> bool:
    if fact.plover != rec.event:
        return False
    if actor_code(fact.subject, orgs) not in rec.sources:
        return False
    return not rec.targets or actor_code(fact.object, orgs) in rec.targets


def score_plover(records: list[PloverRecord], facts_by_record: dict[str, list[Fact]], min_confidence: float = 0.0,
                 organizations: set[str] | None = None) -> Score:
    """Score facts (keyed by record id) against PLOVER records (rule in the module docstring)."""
    orgs = organizations or set()
    score = Score()
    for rec in records:
        facts = [f for f in facts_by_record.get(rec.id, []) if f.confidence >= min_confidence and f.plover]
        score.n_gold += 1
        score.per_type[rec.event]["gold"] += 1
        if any(_plover_hit(f, rec, orgs) for f in facts):
            score.tp_recall += 1
            score.per_type[rec.event]["found"] += 1
        else:
            score.misses.append({"s": "|".join(sorted(rec.sources)), "rel": rec.event, "o": "|".join(sorted(rec.targets)), "sentence": rec.text})
        for f in facts:
            score.n_pred += 1
            score.per_type[f.plover]["pred"] += 1
            if _plover_hit(f, rec, orgs):
                score.tp_precision += 1
                score.per_type[f.plover]["correct"] += 1
            else:
                d = _describe(f)
                d["s"], d["o"], d["rel"] = actor_code(f.subject, orgs), actor_code(f.object, orgs), f.plover
                score.false.append(d)
    return score


def extract_plover(records: list[PloverRecord], extractor, batch_size: int = 64,
                   errors: list[InputError] | None = None) -> dict[str, list[Fact]]:
    """Run an extractor over PLOVER records; returns facts keyed by record id.

    A record the extractor fails on has no facts (it counts as a miss) and its error is
    appended to ``errors`` when given (see ``Extractor.extract_many``).
    """
    articles = [Article(id=r.id, text=r.text, date=(r.date or None)) for r in records]
    return {a.id: facts for a, facts in extractor.extract_many(articles, batch_size=batch_size, errors=errors)}


def evaluate_paths(paths: list[Path], article: Path | None = None, date: str | None = None, extractor: Extractor | None = None,
                   errors: list[DiplographError] | None = None):
    """Extract once per input and return a function ``min_confidence -> Score`` (micro-averaged).

    Parameters
    ----------
    paths:
        Gold files (``.json``) and PLOVER record files (``.jsonl``).
    article, date:
        Article text and date overriding those of the gold files.
    extractor:
        The :class:`~diplograph.loaders.extract.Extractor` to score (default: a new one).
    errors:
        When given, a malformed file (or PLOVER line) is appended here as an
        :class:`~diplograph.graph.model.errors.InputError` and left out, and the other inputs
        are still scored; when ``None`` the first error raises.

    Raises
    ------
    InputError
        Without ``errors``: on an unreadable or malformed gold or PLOVER file.
    """
    ex = extractor or Extractor()
    jobs = []
    for path in paths:
        try:
            if path.suffix == ".jsonl":
                records = load_plover(path, errors)
                facts = extract_plover(records, ex, errors=errors)
                orgs = igo_codes(ex.resolver.tables)
                jobs.append(lambda t, r=records, f=facts, o=orgs: score_plover(r, f, t, o))
            else:
                gold: GoldFile = load_gold(path)
                if date:
                    gold.date = date
                art = gold.article(article)
                facts = ex.extract(art)
                jobs.append(lambda t, g=gold, f=facts: score_gold(g, f, t))
        except DiplographError as error:
            if errors is None:
                raise
            errors.append(error)

    def score_at(threshold: float) -> Score:
        total = Score()
        for job in jobs:
            total.add(job(threshold))
        return total

    return score_at
