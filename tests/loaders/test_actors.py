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


# ---------------------------------------------------------------- PETRARCH2 dictionary beneath the hand tables
def test_dictionary_person_takes_the_state_of_the_code_at_the_date(resolver):
    # Phoenix.Countries.actors.txt: YEGOR GAIDAR [RUSELI 740101-920615] [RUSGOV 920615-921214] [RUSELI]
    hit = resolver.lookup("Yegor Gaidar")
    assert hit.kind == "dictionary"
    actor = resolver.actor_for(hit, "1992-09-01")
    assert (actor.id, actor.kind.value, actor.country, actor.role) == ("yegor-gaidar", "Leader", "RUS", None)
    entry = next(a for a in resolver.tables.dictionary if a.id == hit.id)
    assert entry.code_at("1992-09-01").code == "RUSGOV" and entry.code_at("2001-01-01").code == "RUSELI"
    # an IGO office holder: no state, named without the title of the entry's head line
    ban = resolver.actor_for(resolver.lookup("Ban Ki-moon"), "2010-01-01")
    assert (ban.id, ban.kind.value, ban.country) == ("ban-ki-moon", "Leader", None)


def test_hand_tables_override_the_dictionary(resolver):
    # both know Putin and the UN: the hand rows win (role and organisation id of the project)
    assert resolver.lookup("Vladimir Putin").kind == "leader"
    assert resolver.lookup("United Nations").id == "UN"
    # a title around a hand name is left to the extractor's title rules, not a dictionary name
    assert resolver.lookup("president vladimir putin") is None


def test_dictionary_organisations_firms_groups_and_discards(resolver):
    unicef = resolver.actor_for(resolver.lookup("United Nations Children's Fund"))
    assert (unicef.id, unicef.kind.value) == ("UNICEF", "Organization")
    pkk = resolver.actor_for(resolver.lookup("Kurdistan Workers' Party"))
    assert (pkk.kind.value, pkk.country) == ("Organization", "TUR")
    firm = resolver.actor_for(resolver.lookup("Halliburton"))  # [MNCUSA]
    assert (firm.id, firm.kind.value, firm.country) == ("halliburton", "Firm", "USA")
    assert resolver.lookup("Kandahar").id == "AFG"  # a province of the state's entry
    assert resolver.lookup("Manchester United") is None  # a story-level discard
    assert resolver.lookup("NGO") is None  # an agent noun, not a name


def test_agent_nouns_join_the_lexicon_with_their_sector(resolver):
    lex = resolver.tables.lexicon
    assert {"gendarmerie", "insurgents", "policemen"} <= set(lex["actor_nouns"])
    assert lex["group_sectors"]["insurgent"] == "REB" and lex["group_sectors"]["rebel"] == "REB"
    assert lex["group_sectors"]["businessman"] == "BUS" and lex["group_sectors"]["professor"] == "EDU"
    assert "people" not in lex["group_sectors"]  # a hand actor noun stays the state
