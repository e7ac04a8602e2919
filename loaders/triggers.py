"""Trigger patterns: which words signal which relationship type, as data.

Each line of ``loaders/data/triggers.jsonl`` is one pattern::

    {"relation": "SANCTIONS", "lemma": "impose", "pos": "VERB", "preps": ["on", "against"],
     "dobj": ["sanction", "tariff"], "object_from_dobj": false, "context": null, "cameo": "163"}

- ``relation``: a :class:`~diplograph.graph.model.vocabulary.RelationType` name;
- ``lemma`` and ``pos`` (``VERB`` or ``NOUN``): the trigger word;
- ``preps``: prepositions whose objects are the relation's object ("sanctions *against* X");
- ``dobj`` (verbs only, optional): the pattern fires only when the direct object (or the
  noun after its "of") has one of these lemmas ("impose *sanctions*", "send *vaccines*");
- ``object_from_dobj`` (default true): whether the direct object itself is the object actor;
- ``object_kinds`` (optional): actor kinds allowed as object (e.g. ``["Organization"]``);
- ``context``, ``cameo`` (optional): PLOVER context and CAMEO code given to the facts.

Patterns are validated on load; an unknown relation type, POS or key raises
:class:`~diplograph.loaders.actors.TableError` with the file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..graph.model.vocabulary import ActorKind, RelationType
from .actors import DATA_DIR, TableError

__all__ = ["TriggerPattern", "TriggerTable", "load_triggers"]

_KEYS = {"relation", "lemma", "pos", "preps", "dobj", "object_from_dobj", "object_kinds", "context", "cameo"}


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    """One validated trigger pattern (see the module docstring for the fields)."""

    relation: RelationType
    lemma: str
    pos: str
    preps: frozenset[str]
    dobj: frozenset[str] | None = None
    object_from_dobj: bool = True
    object_kinds: frozenset[ActorKind] | None = None
    context: str | None = None
    cameo: str | None = None


@dataclass(frozen=True)
class TriggerTable:
    """Patterns indexed by ``(pos, lemma)``."""

    patterns: tuple[TriggerPattern, ...]
    index: dict[tuple[str, str], tuple[TriggerPattern, ...]]

    def get(self, pos: str, lemma: str) -> tuple[TriggerPattern, ...]:
        """Patterns for a word (empty tuple if none)."""
        return self.index.get((pos, lemma), ())

    def relations(self) -> set[RelationType]:
        """Relationship types that have at least one pattern."""
        return {p.relation for p in self.patterns}


def _pattern(obj: object, path: str, lineno: int) -> TriggerPattern:
    if not isinstance(obj, dict):
        raise TableError(path, "each line must be a JSON object", lineno)
    unknown = set(obj) - _KEYS
    if unknown:
        raise TableError(path, f"unknown key(s) {sorted(unknown)}", lineno)
    try:
        relation = RelationType(obj.get("relation"))
    except ValueError:
        raise TableError(path, f"unknown relation type {obj.get('relation')!r}", lineno) from None
    lemma = obj.get("lemma")
    if not isinstance(lemma, str) or not lemma or lemma != lemma.lower():
        raise TableError(path, f"lemma must be a non-empty lower-case string, not {lemma!r}", lineno)
    pos = obj.get("pos")
    if pos not in {"VERB", "NOUN"}:
        raise TableError(path, f"pos must be VERB or NOUN, not {pos!r}", lineno)
    preps = obj.get("preps", [])
    if not isinstance(preps, list) or not all(isinstance(p, str) for p in preps):
        raise TableError(path, "preps must be a list of strings", lineno)
    dobj = obj.get("dobj")
    if dobj is not None and (pos != "VERB" or not isinstance(dobj, list) or not dobj):
        raise TableError(path, "dobj must be a non-empty list, on VERB patterns only", lineno)
    kinds = obj.get("object_kinds")
    kind_set = None
    if kinds is not None:
        try:
            kind_set = frozenset(ActorKind(k) for k in kinds)
        except ValueError:
            raise TableError(path, f"unknown actor kind in {kinds!r}", lineno) from None
    flag = obj.get("object_from_dobj", True)
    if not isinstance(flag, bool):
        raise TableError(path, "object_from_dobj must be true or false", lineno)
    return TriggerPattern(
        relation=relation,
        lemma=lemma,
        pos=pos,
        preps=frozenset(preps),
        dobj=frozenset(dobj) if dobj else None,
        object_from_dobj=flag,
        object_kinds=kind_set,
        context=obj.get("context"),
        cameo=obj.get("cameo"),
    )


def load_triggers(path: Path | str | None = None) -> TriggerTable:
    """Read and validate a trigger file (default: the package's ``data/triggers.jsonl``).

    Raises
    ------
    TableError
        On invalid JSON, an unknown relation type, POS, actor kind or key (file and line named).
    """
    path = Path(path) if path is not None else DATA_DIR / "triggers.jsonl"
    patterns: list[TriggerPattern] = []
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TableError(str(path), f"invalid JSON: {exc.msg}", lineno) from None
            patterns.append(_pattern(obj, str(path), lineno))
    index: dict[tuple[str, str], list[TriggerPattern]] = {}
    for p in patterns:
        index.setdefault((p.pos, p.lemma), []).append(p)
    return TriggerTable(tuple(patterns), {k: tuple(v) for k, v in index.items()})
