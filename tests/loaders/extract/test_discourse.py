"""Discourse structure through the real model: list items and headings as sentences,
plural and group reference, clubs of states, membership and meetings with lists.
Sentences are invented for these tests."""

import pytest

from diplograph.graph.model.records import Article
from diplograph.loaders.extract import Extractor
from diplograph.loaders.nlp import get_nlp


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def facts_of(ex, text, date="2022-03-04"):
    return [f for f in ex.extract(Article(id="t", text=text, date=date)) if f.relation.value != "LEADS"]


def triples(ex, text, date="2022-03-04"):
    return sorted((f.subject.id, f.relation.value, f.object.id) for f in facts_of(ex, text, date))


def test_list_items_and_caps_headings_are_sentences_with_the_article_offsets():
    text = ("FIGHTING THE CARTELS: The plan includes: - new patrols at the border; - 40 drones.\n"
            "• Officials met on Monday.\n"
            "2. A second item follows.\n"
            "The sign reads 75 - the number of prisoners.")
    doc = get_nlp()(text)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == [
        "FIGHTING THE CARTELS:", "The plan includes:", "- new patrols at the border;", "- 40 drones.",
        "• Officials met on Monday.", "2. A second item follows.", "The sign reads 75 - the number of prisoners."]
    starts = [s.start_char for s in doc.sents]
    assert text[starts[3]:].startswith("- 40 drones.")


def test_a_fact_in_a_list_item_keeps_its_own_sentence(ex):
    text = "The partners agreed on three steps: - Japan imposed sanctions on Russia; - Canada condemned Belarus."
    facts = facts_of(ex, text)
    got = {(f.subject.id, f.relation.value, f.object.id): f for f in facts}
    assert set(got) == {("JPN", "SANCTIONS", "RUS"), ("CAN", "OPPOSES", "BLR")}
    assert got[("CAN", "OPPOSES", "BLR")].sentence == "- Canada condemned Belarus."
    assert got[("JPN", "SANCTIONS", "RUS")].sentence_index == 1
