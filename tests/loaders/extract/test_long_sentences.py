"""Over-long sentences: runs without a full stop are cut at clause punctuation before parsing."""

import logging

from diplograph.graph.model.records import Article
from diplograph.loaders.extract import Extractor
from diplograph.loaders.nlp import MAX_SENTENCE_TOKENS, get_nlp

CLAUSE = "Russia imposed sanctions on Ukraine"  # 5 tokens; with its comma 6


def test_run_without_full_stop_is_cut_after_the_last_comma_of_each_window(caplog):
    # 100 clauses joined by ", ": 599 tokens, commas at 6k+5. The first window [0, 250) ends
    # at token 249; its last comma is 245, so a sentence starts at 246; the next window
    # [246, 496) ends at 495, last comma 491 -> start 492; 492..598 is 107 tokens: no cut.
    text = ", ".join([CLAUSE] * 100)
    doc = get_nlp()(text)
    assert len(doc) == 599 and MAX_SENTENCE_TOKENS == 250
    assert doc._.forced_splits == 2
    assert [s.start for s in doc.sents] == [0, 246, 492]
    ex = Extractor()
    with caplog.at_level(logging.WARNING, logger="diplograph.loaders.extract"):
        facts = ex.extract(Article(id="long", text=text, date="2020-01-01"))
    # one fact per sentence (the same triple is kept once a sentence)
    assert sorted((f.subject.id, f.relation.value, f.object.id, f.sentence_index) for f in facts) == [
        ("RUS", "SANCTIONS", "UKR", 0), ("RUS", "SANCTIONS", "UKR", 1), ("RUS", "SANCTIONS", "UKR", 2)]
    assert ex.counts["sentences_split"] == 2
    assert "long: 2 run(s) of more than 250 tokens" in caplog.text


def test_full_stops_reset_the_count_so_long_paragraphs_are_not_cut():
    text = " ".join([CLAUSE + "."] * 60)  # one 360-token line of 6-token sentences
    doc = get_nlp()(text)
    assert len(doc) == 360 and doc._.forced_splits == 0
    assert max(len(s) for s in doc.sents) == 6


def test_run_without_any_punctuation_is_cut_at_the_limit():
    doc = get_nlp()(" ".join(["talks"] * 600))
    assert doc._.forced_splits == 2
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    assert [s.start for s in doc.sents][:3] == [0, 250, 500]
