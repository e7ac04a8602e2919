"""Cooperative events (issue 11): aid given as sums of money or through assistance, praise of
several actors' leadership — invented sentences through the real model, exact facts."""

import pytest

from diplograph.graph.model.records import Article
from diplograph.loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def triples(ex, text, source=None):
    facts = ex.extract(Article(id="t", text=text, date="2022-03-04", source=source))
    return sorted({(f.subject.id, f.relation.value, f.object.id) for f in facts if f.relation.value != "LEADS"})


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sum given, the receiver in a "to" phrase the parser labels a dative
        ("The United States gave $67 million last year to Yemen.", [("USA", "AIDS", "YEM")]),
        ("China lent $2 billion to Pakistan in March.", [("CHN", "AIDS", "PAK")]),
        ("Britain donated 20 million pounds to Kenya.", [("GBR", "AIDS", "KEN")]),
        # supporting or helping an actor through or with aid is aid, not praise (pattern "means")
        ("Japan helped Indonesia with food aid and loans after the earthquake.", [("JPN", "AIDS", "IDN")]),
        ("Germany supported Ukraine via a package of loans.", [("DEU", "AIDS", "UKR")]),
        ("Norway has been supporting the people of Afghanistan through civilian assistance.", [("NOR", "AIDS", "AFG")]),
        # without a means of aid the verb keeps its own reading
        ("France supported Ukraine in the vote.", [("FRA", "SUPPORTS", "UKR")]),
    ],
)
def test_aid(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # praise of the leadership of several actors: every conjunct of the "of" phrase
        ("Canada expressed its appreciation for the leadership of President Al-Sisi of Egypt, Prime Minister "
         "Netanyahu of Israel, and the United Nations.",
         [("CAN", "SUPPORTS", "EGY"), ("CAN", "SUPPORTS", "ISR"), ("CAN", "SUPPORTS", "UN")]),
        ("Germany thanked the governments of Poland and Lithuania.", [("DEU", "SUPPORTS", "LTU"), ("DEU", "SUPPORTS", "POL")]),
    ],
)
def test_praise_of_several_actors(ex, text, expected):
    assert triples(ex, text) == expected


def test_means_pattern_is_validated(tmp_path):
    from diplograph.loaders.actors import TableError
    from diplograph.loaders.triggers import load_triggers

    path = tmp_path / "triggers.jsonl"
    path.write_text('{"relation": "AIDS", "lemma": "help", "pos": "VERB", "preps": [], "means": ["aid"]}\n'
                    '{"relation": "AIDS", "lemma": "aid", "pos": "NOUN", "preps": ["to"], "means": ["loan"]}\n')
    with pytest.raises(TableError, match=r"triggers\.jsonl.*2|line 2") as err:
        load_triggers(path, dictionary=None)
    assert "means" in str(err.value)
    path.write_text('{"relation": "AIDS", "lemma": "help", "pos": "VERB", "preps": [], "means": ["aid", "loan"]}\n')
    table = load_triggers(path, dictionary=None)
    assert table.get("VERB", "help")[0].means == frozenset({"aid", "loan"})
    assert table.means_preps == frozenset({"through", "with", "via"})
