"""Material events (issue 11): sanctions, attacks, aid, cooperation, membership and agreements
written as nouns, clauses of a measure or means of an act — invented sentences through the real
model, exact facts."""

import pytest

from diplograph.graph.model.records import Article


def triples(ex, text):
    facts = ex.extract(Article(id="t", text=text, date="2022-03-04"))
    return sorted({(f.subject.id, f.relation.value, f.object.id) for f in facts if f.relation.value != "LEADS"})


@pytest.mark.parametrize(
    "text, expected",
    [
        # a trigger noun deep in a phrase of the clause takes no prepositional object of the verb
        ("In response to Russia's war on Georgia, Britain worked with its partners.", [("RUS", "ASSAULTS", "GEO")]),
        # the noun's own object hung on the verb whose object the noun is still counts
        ("Britain pledged aid to Haiti.", [("GBR", "AIDS", "HTI")]),
    ],
)
def test_verb_prepositions_of_a_noun(ex, text, expected):
    assert triples(ex, text) == expected
