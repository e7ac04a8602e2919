"""Event constructions of whole classes (round 8): agreement to an act, light verbs and event
nouns, phrasal verbs — invented sentences through the real model, exact facts."""

import pytest

from diplograph.graph.model.records import Article


def triples(ex, text):
    facts = ex.extract(Article(id="t", text=text, date="2022-03-04"))
    return sorted({(f.subject.id, f.relation.value, f.object.id) for f in facts if f.relation.value != "LEADS"})


@pytest.mark.parametrize(
    "text, expected",
    [
        # an agreement to a cooperative act is the agreement (CAMEO 03, PLOVER AGREE), not the act
        ("Egypt agreed to reopen its border with Gaza.", [("EGY", "AGREES_WITH", "PSE")]),
        ("Germany agreed to send tanks to Ukraine.", [("DEU", "AGREES_WITH", "UKR")]),
        ("Chad consented to release the French hostages.", [("TCD", "AGREES_WITH", "FRA")]),
        # a conflictual act agreed on is done, not threatened
        ("The EU agreed to impose sanctions on Belarus.", [("EU", "SANCTIONS", "BLR")]),
        # a negated agreement is nothing
        ("Chad did not agree to release the French hostages.", []),
    ],
)
def test_agreement_to_an_act(ex, text, expected):
    assert triples(ex, text) == expected
