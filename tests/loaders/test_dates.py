from datetime import date

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
