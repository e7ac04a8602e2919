"""Truecasing: all-caps and all-lower-case text give the actors and facts of normal case."""

from dataclasses import replace
from pathlib import Path

import pytest

from diplograph.graph.model.records import Article
from diplograph.loaders.evaluation import load_gold, score_gold
from diplograph.loaders.extract import Extractor

SEED = Path(__file__).parent.parent / "data" / "seed" / "russia-venezuela-2019.json"


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture(scope="module")
def seed():
    return load_gold(SEED)


@pytest.mark.parametrize("change", [str.upper, str.lower], ids=["all-caps", "all-lower"])
def test_seed_in_one_case_keeps_most_of_the_normal_case_recall(extractor, seed, change):
    article = seed.article()
    normal = score_gold(seed, extractor.extract(article))
    facts = extractor.extract(replace(article, text=change(article.text)))
    changed = score_gold(seed, facts)
    assert changed.recall >= 0.8 * normal.recall, changed.misses
    assert changed.precision >= 0.9, changed.false
    assert changed.forbidden == []
    # "us" in the seed is only ever the United States as "US sanctions"; no other USA fact may appear
    assert {(f.subject.id, f.relation.value, f.object.id) for f in facts if "USA" in (f.subject.id, f.object.id)} \
        <= {("USA", "SUPPORTS", "juan-guaido")}


@pytest.mark.parametrize("text", [
    "THEY TOLD US THAT RUSSIA IMPOSED SANCTIONS ON UKRAINE.",
    "they told us that russia imposed sanctions on ukraine.",
])
def test_pronoun_us_is_never_the_united_states(extractor, text):
    facts = extractor.extract(Article(id="a", text=text, date="2020-01-01"))
    assert [(f.subject.id, f.relation.value, f.object.id) for f in facts] == [("RUS", "SANCTIONS", "UKR")]


@pytest.mark.parametrize("text, expected", [
    ("THE US IMPOSED SANCTIONS ON IRAN.", ("USA", "SANCTIONS", "IRN")),
    ("the united nations condemned north korea.", ("UN", "OPPOSES", "PRK")),
    ("PRESIDENT JOE BIDEN MET CHINESE PRESIDENT XI JINPING IN BALI.", ("joe-biden", "CONSULTS", "xi-jinping")),
])
def test_names_are_restored_from_the_tables(extractor, text, expected):
    facts = extractor.extract(Article(id="a", text=text, date="2022-11-14"))
    assert expected in {(f.subject.id, f.relation.value, f.object.id) for f in facts}


def test_truecasing_changes_only_the_case_of_unusual_lines(extractor):
    truecase = extractor.parts.truecaser
    text = ("RUSSIA WARNS UKRAINE\nThe Kremlin said on Monday that us officials met NATO.\nwe met the us envoy\n"
            "Russian President Vladimir Putin Met Venezuelan President Nicolás Maduro")
    out = truecase(text)
    assert len(out) == len(text) and out.lower() == text.lower()
    assert out.split("\n") == ["Russia warns Ukraine", "The Kremlin said on Monday that us officials met NATO.",
                               "We met the US envoy", "Russian President Vladimir Putin Met Venezuelan President Nicolás Maduro"]
