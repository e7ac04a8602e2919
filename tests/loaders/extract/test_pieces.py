"""A long article is parsed in pieces cut at line breaks and joined into one Doc
(loaders/nlp.py ``parse_in_pieces``): the same tokens, parse and facts as the whole text,
with references across pieces kept (issue 11, linear time)."""

import pytest

from diplograph.graph.model.records import Article
from diplograph.loaders import nlp as nlp_module
from diplograph.loaders.nlp import parse_in_pieces, text_pieces

STATES = ["Austria", "Peru", "Kenya", "Norway", "Chile", "Ghana", "Japan", "Egypt"]
FILLER = [
    "Officials in {a} discussed the harvest with farmers on Tuesday.",
    "{a} signed a trade agreement with {b} after two days of talks.",
    "The ministry of {a} said rainfall in the north was below average this year.",
    "{a} criticised {b} over the treatment of its fishermen.",
    "Students in the capital of {a} marched peacefully, and the police watched.",
]


def long_article() -> Article:
    """About 300 sentences of invented news: a minister named in the first line and referred
    to by her title in the last."""
    lines = ["Foreign Minister Ilse Varnholt of Austria met Foreign Minister Sergei Lavrov of Russia in Vienna."]
    for i in range(150):
        lines.append(FILLER[i % len(FILLER)].format(a=STATES[i % 8], b=STATES[(i + 3) % 8]))
    lines.append("Russia attacked Georgia on 3 March 2020.")
    for i in range(150, 300):
        lines.append(FILLER[i % len(FILLER)].format(a=STATES[i % 8], b=STATES[(i + 5) % 8]))
        if i % 40 == 0:
            lines.append("")  # a blank line between paragraphs now and then
    lines += ["The Austrian minister accused Russia of lying.", "The Austrian foreign minister praised Peru."]
    return Article(id="long", text="\n".join(lines), date="2020-03-01")


def key(fact):
    return (fact.subject.id, fact.relation.value, fact.object.id, fact.sentence_index, fact.confidence, fact.date)


def test_text_pieces_cut_after_line_breaks_and_join_to_the_text():
    text = long_article().text
    pieces = text_pieces(text, limit=2000)
    assert "".join(pieces) == text and len(pieces) > 10
    assert all(len(p) <= 2000 for p in pieces)
    assert all(p.endswith("\n") and not p.endswith(" ") for p in pieces[:-1])
    assert not any(p[0].isspace() for p in pieces)
    # a line longer than the limit is cut after a sentence end, not after "Mr." or "U.S."
    line = "The U.S. envoy met Mr. Smith in Lima. " * 10 + "They agreed."
    assert [len(p) for p in text_pieces(line, limit=100)][:3] == [76, 76, 76]
    assert text_pieces("no break " * 30, limit=100) == ["no break " * 30]


def test_pieces_give_the_facts_of_the_whole_text(ex, monkeypatch):
    article = long_article()
    text = ex.text_of(article)
    whole = ex.nlp(text)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 2000)  # many cuts in a text of about 27,000 characters
    pieced = parse_in_pieces(ex.nlp, text)
    assert len(text_pieces(text)) > 10
    assert pieced.text == whole.text
    assert [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in pieced] == \
        [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in whole]
    facts = ex.extract(article)  # parsed in pieces (PIECE_CHARS is patched)
    assert [key(f) for f in facts] == [key(f) for f in ex.extract_doc(whole, article)]
    found = {(f.subject.id, f.relation.value, f.object.id) for f in facts}
    assert {("ilse-varnholt", "LEADS", "AUT"), ("RUS", "ASSAULTS", "GEO"), ("AUT", "ACCUSES", "RUS")} <= found
    # the first line names the minister; her title in the last line, many pieces later, is her
    assert [(f.subject.id, f.relation.value, f.object.id) for f in facts if f.sentence_index == facts[-1].sentence_index] \
        == [("ilse-varnholt", "SUPPORTS", "PER")]


@pytest.mark.parametrize("batch", [1, 3])
def test_extract_many_parses_long_articles_in_pieces(ex, monkeypatch, batch):
    article = long_article()
    short = Article(id="short", text="Kenya signed a trade agreement with Ghana.", date="2020-03-01")
    expected = [key(f) for f in ex.extract(article)]
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 3000)
    out = list(ex.extract_many([short, article, short], batch_size=batch))
    assert [a.id for a, _ in out] == ["short", "long", "short"]
    assert [key(f) for f in out[1][1]] == expected
    assert [(f.subject.id, f.object.id) for f in out[0][1]] == [("KEN", "GHA")]
