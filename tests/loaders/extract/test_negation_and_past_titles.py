"""Negations the modality check reads from the lexicon ("neither ... nor", "no longer") and
past titles ("former", "ex-"), on real sentences through the real extractor."""

import pytest

from diplograph.graph.analysis.frame import fact_frame
from diplograph.graph.model.records import Article


def facts(ex, text, date="2024-05-01"):
    found = ex.extract(Article(id="t", text=text, date=date))
    return sorted((f.subject.id, f.subject.country, f.subject.role, f.relation.value, f.object.id) for f in found)


@pytest.mark.parametrize("text, expected", [
    # negative correlative on the subjects, the objects, or a prepositional object
    ("Neither France nor Germany supports Russia.", []),
    ("Russia supports neither Ukraine nor Poland.", []),
    ("Russia sanctioned neither Ukraine nor Poland.", []),
    ("Neither France nor Germany imposed sanctions on Russia.", []),
    # "no longer" negates as "stopped supporting" does
    ("Russia no longer supports Venezuela.", []),
    ("Russia no longer imposes sanctions on Iran.", []),
    # controls: the same acts, not negated
    ("Russia supports Venezuela.", [("RUS", "RUS", None, "SUPPORTS", "VEN")]),
    ("France and Germany support Ukraine.", [("DEU", "DEU", None, "SUPPORTS", "UKR"), ("FRA", "FRA", None, "SUPPORTS", "UKR")]),
])
def test_negated_acts_give_no_fact(ex, text, expected):
    assert facts(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Former German chancellor Angela Merkel praised Russia.",
     [("angela-merkel", "DEU", "Former Chancellor", "SUPPORTS", "RUS")]),
    ("Ex-chancellor Gerhard Schröder visited Russia.",
     [("gerhard-schroder", "DEU", "Former Chancellor", "CONSULTS", "RUS")]),
    # a person the tables do not know, titled by the text alone
    ("Former Argentine president Carlos Menem criticized Britain.",
     [("carlos-menem", "ARG", "Former President", "OPPOSES", "GBR")]),
])
def test_a_former_title_gives_no_leads_and_no_act_for_the_state(ex, text, expected):
    assert facts(ex, text) == expected  # no LEADS fact
    frame = fact_frame(ex.extract(Article(id="t", text=text, date="2024-05-01")))
    assert list(zip(frame["source"], frame["unmapped"])) == [(None, "leaderNotForState")]


def test_a_present_title_still_leads_and_acts_for_the_state(ex):
    text = "German chancellor Olaf Scholz praised Russia."
    assert facts(ex, text) == [("olaf-scholz", "DEU", "Chancellor", "LEADS", "DEU"),
                               ("olaf-scholz", "DEU", "Chancellor", "SUPPORTS", "RUS")]
    frame = fact_frame(ex.extract(Article(id="t", text=text, date="2024-05-01")))
    assert sorted(zip(frame["source"], frame["relation"], frame["target"])) == [("DEU", "LEADS", "DEU"), ("DEU", "SUPPORTS", "RUS")]
