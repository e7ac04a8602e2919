"""Event constructions of whole classes (round 8): agreement to an act, light verbs and event
nouns, phrasal verbs — invented sentences through the real model, exact facts."""

import pytest

from extracted import triples


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


@pytest.mark.parametrize(
    "text, expected",
    [
        # a restriction noun of the sanction class after a light verb (CAMEO 163)
        ("Canada imposed trade curbs on Iran.", [("CAN", "SANCTIONS", "IRN")]),
        ("Canada imposed import quotas on China.", [("CAN", "SANCTIONS", "CHN")]),
        # stopping exports, supplies or flights to an actor (CAMEO 161/1621)
        ("Russia halted gas exports to Ukraine.", [("RUS", "SANCTIONS", "UKR")]),
        # lifting a veto or an objection is yielding (CAMEO 08)
        ("Turkey lifted its veto on Finland's membership.", [("TUR", "CONCEDES", "FIN")]),
        # the transfer verbs of aid transfer weapons too (the ontology's arms supplies)
        ("Germany gave weapons to Ukraine.", [("DEU", "COOPERATES_WITH", "UKR")]),
        # turning down (phrasal) or ignoring a proposal, demand or ultimatum (CAMEO 12)
        ("North Korea turned down the offer from South Korea.", [("PRK", "REJECTS", "KOR")]),
        ("Serbia ignored the ultimatum from NATO.", [("SRB", "REJECTS", "NATO")]),
        # questioning people (CAMEO 090); an inspector or monitor of a body acts for it
        ("Belgium questioned Rwandan suspects.", [("BEL", "INVESTIGATES", "RWA")]),
        ("UN inspectors examined Iraq's weapons sites.", [("UN", "INVESTIGATES", "IRQ")]),
        # initialling a treaty is signing it (CAMEO 057)
        ("Israel and Jordan initialed a peace treaty.", [("ISR", "AGREES_WITH", "JOR")]),
        # promising aid is an intention to give it (CAMEO 033, PLOVER AGREE)
        ("Russia promised economic aid to Cuba.", [("RUS", "AGREES_WITH", "CUB")]),
        # a promised conflictual act is a threat, a promise denied nothing
        ("Iran promised a crushing attack on Israel.", [("IRN", "THREATENS", "ISR")]),
        ("Russia never promised aid to Cuba.", []),
    ],
)
def test_class_coverage(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a state organ coercing with no other side named acts towards its own state
        ("Kenyan police arrested dozens of people in Nairobi.", [("KEN-COP", "COERCES", "KEN")]),
        # a person doing so, or an organ demanding with no side named, is no fact
        ("President Ruto detained 40 people.", []),
        ("Kenyan officials demanded new elections.", []),
    ],
)
def test_domestic_coercion(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a pattern's object word is matched as written too, as the trigger table's frame reads
        # it: "arms" (lemma "arm") is in the arms list
        ("Russia supplied arms to Syria.", [("RUS", "COOPERATES_WITH", "SYR")]),
        ("The United States continued to sell arms to Taiwan.", [("USA", "COOPERATES_WITH", "TWN")]),
    ],
)
def test_object_words_as_written(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the author of the text a light verb takes is the other side: its possessor, or the
        # "by" agent of a participle on it
        ("Sudan accepted Kenya's peace plan.", [("SDN", "AGREES_WITH", "KEN")]),
        ("Israel accepted the ceasefire proposed by Egypt.", [("ISR", "AGREES_WITH", "EGY")]),
        # one's own text is no other side
        ("Iran accepted its own proposal.", []),
    ],
)
def test_author_of_an_accepted_text(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an agreement or stance that is scrapped, abandoned or withdrawn is no act of its own
        ("North Korea scrapped its accord with South Korea.", []),
        ("Hungary withdrew its support for Ukraine.", []),
        ("Peru abandoned the trade pact with Chile.", []),
        # withdrawing one's troops stays a retreat
        ("Russia withdrew its troops from Georgia.", [("RUS", "RETREATS", "GEO")]),
    ],
)
def test_cancelled_objects(ex, text, expected):
    assert triples(ex, text) == expected
