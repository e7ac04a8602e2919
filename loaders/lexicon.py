"""The extractor's closed word lists (``data/lexicon.json``), validated on load.

Every key of the file is declared in :data:`SCHEMA` with its shape:

- ``words``: a list of lower-case strings, read as a ``frozenset``;
- ``word_map``: an object mapping lower-case words to codes (``group_sectors``: "rebel" → "REB");
- ``word_lists``: an object mapping names to lists of lower-case words (``context_words``,
  ``pronouns``), read as ``dict[str, frozenset[str]]``.

Keys starting with ``_`` are comments, at the top level and inside objects. A missing,
unknown or malformed key raises :class:`LexiconError` naming
the file and the key, so a word list that disagrees with the code cannot load silently.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..graph.model.errors import InputError

__all__ = ["Lexicon", "LexiconError", "SCHEMA", "load_lexicon"]


class LexiconError(InputError):
    """The lexicon file is malformed (names the file, and the key or line)."""

#: Every key of ``lexicon.json`` and its shape (see the module docstring).
SCHEMA: dict[str, str] = {
    "actor_nouns": "words", "government_nouns": "words", "pair_phrases": "words", "pair_heads": "words",
    "pair_leader_words": "words", "group_heads": "words", "group_determiners": "words",
    "group_addition_phrases": "words", "number_words": "word_map", "reporting_verbs": "words", "fact_reporting_verbs": "words",
    "obligation_verbs": "words", "hypothetical_aux": "words", "conditional_aux": "words", "future_aux": "words",
    "future_markers": "words", "intent_verbs": "words", "complement_fact_verbs": "words", "consent_verbs": "words", "intent_object_verbs": "words", "cancel_verbs": "words",
    "object_cancel_verbs": "words", "denial_verbs": "words", "cancel_nouns": "words", "negation_adverbs": "words", "negative_correlatives": "words",
    "negation_exceptions": "words", "negative_determiners": "words", "condition_marks": "words",
    "threat_condition_marks": "words", "receive_verbs": "words", "light_verbs": "words", "prepositional_light_verbs": "words",
    "context_words": "word_lists", "group_sectors": "word_map", "military_nouns": "words", "demand_verbs": "words",
    "obligation_aux": "words", "combat_verbs": "words", "speech_nouns": "words", "mutual_nouns": "words",
    "member_nouns": "words", "member_origin_verbs": "words", "pending_nouns": "words", "not_member_modifiers": "words", "past_title_modifiers": "words",
    "not_member_determiners": "words", "accountable_verbs": "words", "accountable_complements": "words",
    "mediation_verbs": "words", "phrase_object_preps": "words", "relcl_object_preps": "words", "means_preps": "words", "restriction_nouns": "words", "restriction_preps": "words", "joint_adverbs": "words", "frame_nouns": "words",
    "vague_cooperation_verbs": "words", "targeting_verbs": "words",
    "joint_adjectives": "words", "joint_text_nouns": "words",
    "actor_noun_preps": "words", "actor_noun_inclusion_preps": "words", "leading_verbs": "words",
    "accompaniment_words": "words", "copula_verbs": "words", "pronouns": "word_lists", "news_words": "words",
    "news_report_verbs": "words", "speech_verbs": "words", "attribution_phrases": "words", "articles": "words",
    "state_ownership_words": "words", "state_office_roles": "words", "capitalised_words": "words", "firm_words": "words", "state_sectors": "word_map", "agent_preps": "words", "origin_preps": "words", "facility_nouns": "words", "relational_nouns": "words", "domestic_relations": "words", "group_domestic_relations": "words",
    "located_relations": "words", "location_preps": "words", "residence_preps": "words", "quantity_nouns": "words", "ethnic_words": "words",
    "unattributed_agents": "words", "unattributed_relations": "words", "located_object_relations": "words", "domestic_group_sectors": "words",
    "blame_nouns": "words", "blame_predicates": "word_map", "condemnation_modifiers": "words", "hedge_modifiers": "words", "plan_verbs": "words", "demand_preps": "words",
    "consequence_nouns": "words", "suffer_verbs": "words",
    "evaluation_verbs": "words", "event_classes": "word_lists", "event_general_nouns": "words",
    "anaphoric_determiners": "words", "demonstrative_determiners": "words",
    "perpetration_verbs": "words", "perpetration_nouns": "words", "blame_verbs": "words", "demand_marks": "words", "demand_nouns": "words", "counter_preps": "words", "example_preps": "words",
    "title_state_preps": "words", "representation_verbs": "words", "person_agent_nouns": "words", "verb_particles": "words", "subject_matter_relations": "words",
    "body_sectors": "word_map", "unspecified_bodies": "words", "instrument_nouns": "words",
    "ending_verbs": "words", "wrong_modifiers": "words", "intent_nouns": "words", "praise_modifiers": "words", "domestic_wrongs": "words",
    "stance_prefixes": "words", "backing_participles": "words",
}

#: Named lists an object of shape ``word_lists`` must have (others may be added freely).
_REQUIRED_LISTS = {"pronouns": {"person", "thing", "plural", "plural_nonpossessive", "first_singular", "first_plural"}}


@dataclass(frozen=True)
class Lexicon:
    """Validated word lists; ``lexicon["actor_nouns"]`` is a ``frozenset[str]``.

    ``words`` keys give ``frozenset[str]``, ``word_map`` keys ``dict[str, str]`` and
    ``word_lists`` keys ``dict[str, frozenset[str]]`` (see :data:`SCHEMA`).
    """

    entries: Mapping[str, object]

    def __getitem__(self, key: str):
        return self.entries[key]

    @classmethod
    def from_mapping(cls, data: object, path: str) -> "Lexicon":
        """Validate the parsed JSON ``data`` read from ``path`` (named in errors).

        Raises
        ------
        LexiconError
            If ``data`` is not an object, a key of :data:`SCHEMA` is missing, a key is not
            declared there, or a value has the wrong shape or a word that is not lower case.
        """
        if not isinstance(data, dict):
            raise LexiconError(path, "the lexicon must be a JSON object")
        unknown = sorted(k for k in data if not k.startswith("_") and k not in SCHEMA)
        if unknown:
            raise LexiconError(path, f"unknown key(s) {unknown} (declare them in diplograph.loaders.lexicon.SCHEMA)")
        entries: dict[str, object] = {}
        for key, shape in SCHEMA.items():
            if key not in data:
                raise LexiconError(path, f"key {key!r}: missing")
            value = data[key]
            if shape == "words":
                entries[key] = _words(value, path, key)
            else:
                if not isinstance(value, dict):
                    raise LexiconError(path, f"key {key!r}: must be a JSON object")
                body = {k: v for k, v in value.items() if not k.startswith("_")}
                if shape == "word_map":
                    if not all(isinstance(k, str) and k == k.lower() and isinstance(v, str) and v for k, v in body.items()):
                        raise LexiconError(path, f"key {key!r}: must map lower-case words to non-empty codes")
                    entries[key] = body
                else:
                    missing = _REQUIRED_LISTS.get(key, set()) - set(body)
                    if missing:
                        raise LexiconError(path, f"key {key!r}: missing list(s) {sorted(missing)}")
                    entries[key] = {k: _words(v, path, f"{key}.{k}") for k, v in body.items()}
        return cls(entries)


def _words(value: object, path: str, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w and w == w.lower() for w in value):
        raise LexiconError(path, f"key {key!r}: must be a list of non-empty lower-case strings")
    return frozenset(value)


def load_lexicon(path: Path | str) -> Lexicon:
    """Read and validate a lexicon file.

    Raises
    ------
    LexiconError
        On invalid JSON (file and line named) or a key that fails validation (file and key named).
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LexiconError(str(path), f"invalid JSON: {exc.msg}", exc.lineno) from exc
    return Lexicon.from_mapping(data, str(path))
