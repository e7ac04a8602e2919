"""The members column of organizations.tsv: dated memberships, validated on load."""

import shutil

import pytest

from diplograph.loaders.actors import DATA_DIR, ActorTables, Membership, TableError


def test_members_on_a_date_follow_joined_and_left_dates():
    tables = ActorTables.load()
    mercosur = tables.organizations["MERCOSUR"]
    assert Membership("VEN", "2012-07-31", "2016-12-02") in mercosur.members
    assert mercosur.members_on("2010-01-01") == ("ARG", "BRA", "PRY", "URY")
    assert mercosur.members_on("2014-01-01") == ("ARG", "BRA", "PRY", "URY", "VEN")
    assert mercosur.members_on("2025") == ("ARG", "BRA", "PRY", "URY", "BOL")
    assert tables.organizations["QUAD"].members_on("2021-03-12") == ("AUS", "IND", "JPN", "USA")
    assert tables.organizations["NATO"].members == ()


@pytest.mark.parametrize("cell, message", [
    ("FRA|XYZ", "member 'XYZ' is not a state"),
    ("FRA@2020-13-01", "is not a calendar date"),
    ("FRA@2020-01-01~2019-01-01", "left before it joined"),
    ("FRA@2020", "is not ISO3, ISO3@YYYY-MM-DD"),
])
def test_a_bad_member_names_the_file_and_line(tmp_path, cell, message):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "organizations.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(f"TESTCLUB\tTest Club\tTest Club\t{cell}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TableError) as err:
        ActorTables.load(data)
    assert message in str(err.value)
    assert f"organizations.tsv:{len(lines)}" in str(err.value)
