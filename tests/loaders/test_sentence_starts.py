"""Sentence starts set before the parse in one pass (issue 11: marking every line of a long
article one token at a time took time quadratic in its length)."""

import spacy

from diplograph.loaders.nlp import cap_sentences, newline_sentences, set_sentence_starts

nlp = spacy.blank("en")


def test_set_sentence_starts_is_the_token_setter_in_one_pass():
    text = "Russia met China.\nThey signed a deal - and a second one.\nNo more"
    starts = {4: True, 9: False, 12: True, 9 + 1: True, 4 + 1: False}
    one_by_one, at_once = nlp.make_doc(text), nlp.make_doc(text)
    for i, start in starts.items():
        one_by_one[i].is_sent_start = start
    set_sentence_starts(at_once, starts)
    assert [t.is_sent_start for t in at_once] == [t.is_sent_start for t in one_by_one]
    assert [at_once[i].is_sent_start for i in (4, 5, 9, 10, 12)] == [True, False, False, True, True]


def test_newline_and_cap_components_mark_the_same_tokens():
    doc = newline_sentences(nlp.make_doc("Russia met China\nChina met India\nIndia met Japan"))
    assert [t.text for t in doc if t.is_sent_start] == ["Russia", "China", "India"]
    long_run = nlp.make_doc(" ".join(["word"] * 12 + [","] + ["word"] * 12))
    cut = cap_sentences(long_run, limit=16)
    assert [t.i for t in cut if t.is_sent_start and t.i > 0] == [13]
    assert cut._.forced_splits == 1
