"""Article titles (JSONL/HTML metadata) are read as the headline, line 0 of the article
(issue 11): Title Case and all-caps headlines in normal case, a fact the body restates kept
once (the body's), no LEADS from a byline. Invented articles."""

import pytest

from diplograph.graph.model.records import Article


def triples(facts):
    return sorted((f.subject.id, f.relation.value, f.object.id, f.sentence_index) for f in facts)


@pytest.mark.parametrize("title", ["Russia Sanctions Ukrainian Banks", "RUSSIA SANCTIONS UKRAINIAN BANKS"])
def test_a_headline_fact_the_body_does_not_state_is_extracted_at_line_0(ex, title):
    article = Article(id="a", title=title, text="The measures take effect on Monday.", date="2022-03-04")
    assert ex.text_of(article).startswith("Russia sanctions Ukrainian banks\n")
    # the banks of a state are its business sector, not the state (test_nominal_actors.py)
    assert triples(ex.extract(article)) == [("RUS", "SANCTIONS", "UKR-BUS", 0)]


def test_a_headline_fact_the_body_restates_is_kept_once_the_body_s(ex):
    article = Article(id="a", title="Russia Imposes Sanctions On Ukraine", date="2022-03-04",
                      text="Russia imposed sanctions on Ukraine on Monday.")
    assert triples(ex.extract(article)) == [("RUS", "SANCTIONS", "UKR", 1)]


def test_a_title_the_text_already_opens_with_is_not_read_twice(ex):
    article = Article(id="a", title="Germany met France", date="2022-03-04",
                      text="Germany met France\nThe talks lasted two hours.")
    assert ex.text_of(article) == article.text
    assert triples(ex.extract(article)) == [("DEU", "CONSULTS", "FRA", 0)]


def test_a_byline_in_the_title_gives_no_leads(ex):
    article = Article(id="a", title="Statement from President Joe Biden on Iran", date="2022-03-04",
                      text="Germany criticized France.")
    facts = ex.extract(article)
    assert [f for f in facts if f.relation.value == "LEADS"] == []
    assert triples(facts) == [("DEU", "OPPOSES", "FRA", 1)]
