import json

import pytest

from diplograph.loaders.actors import ActorResolver, ActorTables, TableError
from diplograph.loaders.triggers import load_triggers


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver()


def test_names_demonyms_metonyms_resolve_to_iso3(resolver):
    for text, iso3 in [("Moscow", "RUS"), ("the Kremlin", "RUS"), ("Washington", "USA"), ("White House", "USA"),
                       ("Beijing", "CHN"), ("Caracas", "VEN"), ("American", "USA"), ("Chinese", "CHN"),
                       ("Turkish", "TUR"), ("British", "GBR"), ("Dutch", "NLD"), ("Saudi", "SAU"),
                       ("South Korean", "KOR"), ("Bolivian", "BOL")]:
        assert resolver.country_code(text) == iso3, text


def test_leaders_by_date_and_role(resolver):
    assert resolver.leader_by_role("RUS", "President", "2019-09-25").id == "vladimir-putin"
    assert resolver.leader_by_role("USA", "President", "2022-03-04").id == "joe-biden"
    assert resolver.leader_by_role("USA", "President", "2025-06-30").id == "donald-trump"
    assert resolver.leader("nicolas-maduro", "2019-09-25").country == "VEN"


def test_organisations_and_firms(resolver):
    assert resolver.lookup("NATO").id == "NATO"
    assert resolver.lookup("PDVSA").kind == "firm"
    assert resolver.firm("interfax").country == "RUS"


def test_bad_table_rows_name_file_and_line(tmp_path):
    for name in ("states.tsv", "organizations.tsv", "firms.tsv", "leaders.tsv", "roles.tsv", "lexicon.json"):
        src = ActorTables.load.__globals__["DATA_DIR"] / name
        (tmp_path / name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "leaders.tsv").open("a", encoding="utf-8") as fh:
        fh.write("Nobody\t\tXXX\tPresident\t2001-01-01\t\n")
    with pytest.raises(TableError, match=r"leaders.tsv:\d+: country 'XXX'"):
        ActorTables.load(tmp_path)


def test_unknown_relation_in_trigger_file_is_a_clear_error(tmp_path):
    path = tmp_path / "triggers.jsonl"
    path.write_text(json.dumps({"relation": "SUPPORTS", "lemma": "back", "pos": "VERB", "preps": []}) + "\n"
                    + json.dumps({"relation": "LOVES", "lemma": "adore", "pos": "VERB"}) + "\n")
    with pytest.raises(TableError, match=r"triggers.jsonl:2: unknown relation type 'LOVES'"):
        load_triggers(path)


def test_package_triggers_cover_every_relation_type():
    from diplograph.graph.model.vocabulary import RelationType
    covered = load_triggers().relations()
    assert set(RelationType) - covered == {RelationType.LEADS, RelationType.OWNS}
