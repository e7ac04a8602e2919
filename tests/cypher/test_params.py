"""Parameter values of queries (cypher/params.py): parsed by declared type, bound with defaults,
guessed for free Cypher; without a server."""

from __future__ import annotations

import datetime as dt

import pytest

from diplograph.cypher.catalogue import get_query
from diplograph.cypher.params import bind_free_params, bind_params, parse_pairs, parse_value
from diplograph.graph.model.errors import QueryError


# --- parameter values ------------------------------------------------------------------------


def test_values_are_parsed_by_their_declared_type():
    assert parse_value("int", " 42 ") == 42
    assert parse_value("float", "0.25") == 0.25
    assert parse_value("date", "2019-01-24") == dt.date(2019, 1, 24)
    assert parse_value("list<string>", "SUPPORTS, SANCTIONS,,") == ["SUPPORTS", "SANCTIONS"]
    assert parse_value("list<string>", "") == []
    assert parse_value("bool", "TRUE") is True and parse_value("bool", "no") is False
    assert parse_value("string", " Caracas ") == " Caracas "


@pytest.mark.parametrize(
    "type_name, text, message",
    [
        ("int", "abc", "parameter 'limit' of query 'q' must be an int (a whole number such as 10), got 'abc'"),
        ("int", "2.5", "parameter 'limit' of query 'q' must be an int (a whole number such as 10), got '2.5'"),
        ("float", "nan", "parameter 'limit' of query 'q' must be a float (a number such as 0.5), got 'nan'"),
        ("date", "2019-02-30", "parameter 'limit' of query 'q' must be a date (YYYY-MM-DD, such as 2019-01-24), got '2019-02-30'"),
        ("date", "24/01/2019", "parameter 'limit' of query 'q' must be a date (YYYY-MM-DD, such as 2019-01-24), got '24/01/2019'"),
        ("bool", "maybe", "parameter 'limit' of query 'q' must be a bool (true or false), got 'maybe'"),
    ],
)
def test_mistyped_values_are_one_line_errors(type_name, text, message):
    with pytest.raises(QueryError) as caught:
        parse_value(type_name, text, name="limit", query="q")
    assert str(caught.value) == message


def test_bind_params_fills_defaults_and_reports_missing_unknown_and_mistyped():
    query = get_query("most-sanctioned")
    assert bind_params(query, {}) == {"limit": 10}
    assert bind_params(query, {"limit": "3"}) == {"limit": 3}
    assert bind_params(query, {"limit": 3}) == {"limit": 3}
    with pytest.raises(QueryError, match=r"^query 'most-sanctioned' has no parameter 'limt'; did you mean 'limit'\?$"):
        bind_params(query, {"limt": "3"})
    with pytest.raises(QueryError, match=r"must be an int, got bool True"):
        bind_params(query, {"limit": True})
    between = get_query("relations-between-dates")
    with pytest.raises(QueryError) as caught:
        bind_params(between, {"actor": "RUS", "since": "2019-01-01"})
    assert str(caught.value) == (
        "query 'relations-between-dates' needs parameter 'until' (date: last day of the range (YYYY-MM-DD), inclusive); "
        "give it with --param until=..."
    )
    assert bind_params(between, {"actor": "RUS", "since": dt.date(2019, 1, 1), "until": "2019-12-31", "types": "SUPPORTS"}) == {
        "actor": "RUS", "since": dt.date(2019, 1, 1), "until": dt.date(2019, 12, 31), "types": ["SUPPORTS"],
    }


def test_key_value_pairs_and_free_cypher_params():
    assert parse_pairs(["actor=VEN", "q=a=b"]) == {"actor": "VEN", "q": "a=b"}
    with pytest.raises(QueryError, match=r"^parameter 'actor' must be written key=value$"):
        parse_pairs(["actor"])
    with pytest.raises(QueryError, match=r"^parameter 'a' is given twice$"):
        parse_pairs(["a=1", "a=2"])
    assert bind_free_params({"n": "5", "x": "0.5", "flag": "true", "s": "VEN", "d:date": "2020-01-01", "id:string": "42"}) == {
        "n": 5, "x": 0.5, "flag": True, "s": "VEN", "d": dt.date(2020, 1, 1), "id": "42",
    }
