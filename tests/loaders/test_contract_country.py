"""The JSONL extraction contract names the state a leader, firm or group acts for."""

from diplograph.graph.model.records import Article
from diplograph.loaders.extract import Extractor


def test_leader_and_firm_ends_carry_their_country():
    text = "Russian President Vladimir Putin met Venezuelan President Nicolás Maduro. The United States sanctioned PDVSA."
    facts = Extractor().extract(Article(id="a", text=text, date="2019-09-25"))
    ends = {(f.relation.value, f.to_contract()["subject"]["id"], f.to_contract()["object"]["id"]):
            (f.to_contract()["subject"].get("country"), f.to_contract()["object"].get("country")) for f in facts}
    assert ends[("CONSULTS", "vladimir-putin", "nicolas-maduro")] == ("RUS", "VEN")
    assert ends[("SANCTIONS", "USA", "pdvsa")] == (None, "VEN")
