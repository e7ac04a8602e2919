from datetime import date

import pytest

from diplograph.loaders.dates import resolve_date


def test_weekday_is_most_recent_on_or_before_article_date():
    assert date(2019, 9, 25).weekday() == 2  # a Wednesday
    assert resolve_date("on Wednesday", "2019-09-25") == "2019-09-25"
    assert resolve_date("Monday", "2019-09-25") == "2019-09-23"
    assert resolve_date("Thursday", "2019-09-25") == "2019-09-19"
    assert resolve_date("next Monday", "2019-09-25") == "2019-09-30"


def test_months_written_dates_and_relative_days():
    assert resolve_date("In April", "2019-09-25") == "2019-04"
    assert resolve_date("in November", "2019-09-25") == "2018-11"
    assert resolve_date("September 25, 2019", None) == "2019-09-25"
    assert resolve_date("25 September 2019", "2020-01-01") == "2019-09-25"
    assert resolve_date("March 3", "2022-03-04") == "2022-03-03"
    assert resolve_date("yesterday", "2022-03-01") == "2022-02-28"
    assert resolve_date("the 29th", "2004-11-30") == "2004-11-29"
    assert resolve_date("in 2003", "2004-11-30") == "2003"


def test_no_article_date_gives_none_for_relative_expressions():
    assert resolve_date("on Wednesday", None) is None
    assert resolve_date("last eight months", "2019-09-25") is None


@pytest.mark.parametrize("text, expected", [
    # 2020-03-18 is a Wednesday
    ("last year", "2019"), ("earlier this year", "2020"), ("a year ago", "2019"), ("two years ago", "2018"),
    ("next year", "2021"), ("last month", "2020-02"), ("earlier this month", "2020-03"), ("next month", "2020-04"),
    ("three days ago", "2020-03-15"), ("2 days ago", "2020-03-16"), ("last night", "2020-03-17"),
    ("last week", "2020-03"), ("this week", "2020-03"), ("next week", "2020-03"), ("two weeks ago", "2020-03"),
    ("last weekend", "2020-03"), ("last Tuesday", "2020-03-17"), ("next Tuesday", "2020-03-24"),
])
def test_relative_expressions_resolve_at_the_precision_of_their_unit(text, expected):
    assert resolve_date(text, "2020-03-18") == expected


def test_a_week_across_two_months_or_years_gives_the_coarser_period():
    # Thursday 2 April 2020: last week is 23-29 March; Friday 1 January 2021: last week is 21-27 December,
    # this week 28 December - 3 January (two years: no date)
    assert resolve_date("last week", "2020-04-02") == "2020-03"
    assert resolve_date("next week", "2020-03-26") == "2020"
    assert resolve_date("this week", "2021-01-01") is None


def test_durations_and_counts_from_another_event_give_no_date():
    for text in ("the last eight months", "three days later", "the past two weeks", "recent days"):
        assert resolve_date(text, "2020-03-18") is None


def test_date_words_are_validated():
    from diplograph.graph.model.errors import InputError
    from diplograph.loaders.dates import DateWords, date_words

    assert date_words().units["weeks"] == "week"
    good = {k: getattr(date_words(), k) for k in DateWords.__dataclass_fields__}
    good = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in good.items()}
    with pytest.raises(InputError, match="'units': 'fortnight' has a bad value 'fortnight'"):
        DateWords.from_mapping({**good, "units": {"fortnight": "fortnight"}}, "date_words.json")
    with pytest.raises(InputError, match="missing key 'numbers'"):
        DateWords.from_mapping({k: v for k, v in good.items() if k != "numbers"}, "date_words.json")
    with pytest.raises(InputError, match="'months': 'May' is not a lower-case word"):
        DateWords.from_mapping({**good, "months": {"May": 5}}, "date_words.json")
