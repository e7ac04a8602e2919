"""Dates of facts: each date expression belongs to the act that governs it in the parse
(issue 11), and relative expressions resolve against the article date at their precision.
Invented sentences; the article is dated Wednesday 18 March 2020."""

import pytest

from diplograph.graph.model.records import Article

DAY = "2020-03-18"


def dated(ex, text: str) -> dict[tuple[str, str, str], str | None]:
    facts = ex.extract(Article(id="t", text=text, date=DAY))
    return {(f.subject.id, f.relation.value, f.object.id): f.date for f in facts}


def test_each_coordinated_act_keeps_its_own_date(ex):
    got = dated(ex, "Russia met China in May 2023 and signed a trade agreement with India in June 2021.")
    assert got == {("RUS", "CONSULTS", "CHN"): "2023-05", ("RUS", "AGREES_WITH", "IND"): "2021-06"}


def test_a_coordinated_act_without_a_date_shares_its_sibling_s(ex):
    got = dated(ex, "Russia met China and signed a deal with India in June 2021.")
    assert got == {("RUS", "CONSULTS", "CHN"): "2021-06", ("RUS", "AGREES_WITH", "IND"): "2021-06"}


def test_a_date_of_a_relative_clause_does_not_reach_the_main_clause(ex):
    got = dated(ex, "Russia, which annexed Crimea in 2014, imposed sanctions on Ukraine.")
    assert got == {("RUS", "SANCTIONS", "UKR"): DAY}


def test_a_date_of_the_main_clause_reaches_its_complement(ex):
    got = dated(ex, "On Monday, Russia agreed to send troops to Syria.")
    assert got[("RUS", "MOBILIZES", "SYR")] == "2020-03-16"
    assert set(got.values()) == {"2020-03-16"}


@pytest.mark.parametrize("text, expected", [
    ("Germany criticized France last year.", "2019"),
    ("Egypt condemned Israel last month.", "2020-02"),
    ("Three days ago, Brazil signed an agreement with Argentina.", "2020-03-15"),
    ("Germany met France on Tuesday.", "2020-03-17"),
    ("Japan will send aid to Kenya next week.", "2020-03"),
])
def test_relative_dates_resolve_at_their_precision(ex, text, expected):
    assert list(dated(ex, text).values()) == [expected]
