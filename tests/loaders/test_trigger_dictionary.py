"""The PETRARCH2 verb dictionary beneath the hand trigger patterns (loaders/triggers.py)."""

from __future__ import annotations

import pytest

from diplograph.graph.model.records import Article
from diplograph.graph.model.vocabulary import RelationType
from diplograph.loaders.triggers import VerbFrame, load_triggers


@pytest.fixture(scope="module")
def table():
    return load_triggers()


def _frame(words=(), subject=(), **preps) -> VerbFrame:
    return VerbFrame(frozenset(subject), frozenset(words), {k: frozenset(v) for k, v in preps.items()})


def test_most_specific_pattern_decides(table):
    # CAMEO.2.0.txt, block IMPOSE (default 170): "* SANCTIONS [163]", "* CURFEW [1723]", "* TAXES [---]"
    sanctions = table.match("impose", _frame({"sanction", "sanctions"}, on={"russia"}))
    assert (sanctions.relation, sanctions.cameo, sanctions.pattern.block) == (RelationType.SANCTIONS, "163", "IMPOSE")
    assert "on" in sanctions.preps  # the object comes from "on", as for the hand SANCTIONS patterns
    curfew = table.match("impose", _frame({"curfew"}))
    assert (curfew.relation, curfew.cameo) == (RelationType.COERCES, "1723")
    assert table.match("impose", _frame({"tax", "taxes"})) is None  # a "---" pattern: no event
    default = table.match("impose", _frame({"quota"}))
    assert (default.relation, default.cameo, default.pattern) == (RelationType.COERCES, "170", None)


def test_prepositional_pattern_and_reverse_only_code(table):
    # block ARRANGE: "- * (ON ALERT) [152]" (put forces on alert: MOBILIZE)
    alert = table.match("put", _frame({"force", "forces"}, on={"alert"}))
    assert (alert.relation, alert.cameo) == (RelationType.MOBILIZES, "152")
    assert table.match("put", _frame({"force"})) is None  # ARRANGE has no default code
    # block OBTAIN: "- * SUPPORT [:051]": the support is the object's act, not the subject's
    assert table.match("get", _frame({"support"})) is None


def test_hand_patterns_override_and_function_verbs_stay_out(table):
    hand = table.for_verb("impose", _frame({"sanction"}))
    assert hand and all(p in table.get("VERB", "impose") for p in hand)
    # "receive" is a receive verb of lexicon.json: "received backing" is someone else's support, so
    # only its hand pattern (receiving a leader, CAMEO 043) reads it, never the dictionary's code
    assert table.match("receive", _frame({"backing"})).relation is RelationType.SUPPORTS
    assert [p.cameo for p in table.for_verb("receive", _frame({"backing"}))] == ["043"]
    assert table.for_verb("gain", _frame({"backing"})) == ()
    # an inflected form the lemmatiser gets wrong still finds the verb: "levied" as "levi"
    assert table.for_verb("levi", _frame({"curfew"}), "levied")[0].cameo == "1723"


def test_phrasal_verbs_are_their_own_verbs(table):
    # block CANCEL ("call off"): "* STRIKE [082]" and the block's default [160], before the hand
    # DEMANDS patterns of "call" and its reading as a function verb
    strike = table.for_verb("call", _frame({"off", "strike"}))
    assert [(p.relation, p.cameo) for p in strike] == [(RelationType.CONCEDES, "082")]
    talks = table.for_verb("call", _frame({"off", "talk", "talks"}, **{"with": {"sudan"}}))
    assert [(p.relation, p.cameo) for p in talks] == [(RelationType.SANCTIONS, "160")]  # "* TALKS [160]", the first of two
    # block MOBILIZE ("call up", default 150)
    assert [(p.relation, p.cameo) for p in table.for_verb("call", _frame({"up", "reservist"}))] == [(RelationType.MOBILIZES, "150")]
    # without its particle, or with the particle word only as a preposition, the head's own reading stays
    assert all(p in table.get("VERB", "call") for p in table.for_verb("call", _frame(**{"for": {"talk"}})))
    # ("gave aid in Syria" is no "give in" [080]: the hand AIDS pattern of "give aid" decides)
    assert [p.relation for p in table.for_verb("give", _frame({"aid"}, **{"in": {"syria"}}))] == [RelationType.AIDS]


@pytest.mark.parametrize("text, expected", [
    # no hand pattern for "remain" / "prohibit": the dictionary's "- &MILITARY * [150]" (block ENDURE:
    # a subject of the synonym set &MILITARY) and "- * AID [162]" (block PROHIBIT) decide
    ("Israeli troops remained on alert in the occupied West Bank.", [("ISR", "MOBILIZES", "PSE", "150")]),
    ("The United States prohibited all aid to Albanian rebels in Macedonia.", [("USA", "SANCTIONS", "ALB-REB", "162")]),
    # negation still applies to a dictionary reading
    ("The United States did not prohibit aid to Albanian rebels.", []),
    # a verb's bare default code is not used ("donate": block GIVE, default 070)
    ("The United States donated wheat to Yemen.", []),
    # a phrasal verb's is ("call off": block CANCEL, default 160)
    ("Chad called off talks with Sudan.", [("TCD", "SANCTIONS", "SDN", "160")]),
])
def test_extraction_with_dictionary_verbs(ex, text, expected):
    facts = ex.extract(Article(id="t", text=text, date="2001-05-01"))
    assert [(f.subject.id, f.relation.value, f.object.id, f.cameo) for f in facts] == expected
