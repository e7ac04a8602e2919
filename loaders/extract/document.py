"""Per-article working state shared by the extractor's parts, and small helpers on the parse.

:class:`DocState` holds what one article's extraction has found so far (actor mentions by
token, coordinated pairs, the offices and ownerships seen, the speaker of a statement);
it is created by :meth:`~diplograph.loaders.extract.Extractor.extract_doc` and never
shared between articles. :class:`Mention` and :class:`Arg` are the actor mentions and the
resolved arguments of a trigger.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ...graph.model.records import Actor, Article
from ...graph.model.vocabulary import ActorKind

__all__ = ["EXTRACTOR_TAG", "EXTRACTOR_VERSION", "Arg", "DocState", "HOW_CONF", "Mention", "PASS_SUBJ", "SUBJ", "sentence_index",
           "sentence_text", "strip_heading_mark", "unique_args"]

EXTRACTOR_VERSION = "0.2.0"
#: The ``extractor`` field of every fact this package gives.
EXTRACTOR_TAG = f"diplograph-rules/{EXTRACTOR_VERSION}"

#: Dependency labels of active and passive subjects (spaCy's ClearNLP-style English labels).
SUBJ = frozenset({"nsubj", "csubj"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})

#: Confidence of an actor resolution by how it was found (see the package docstring).
HOW_CONF = {
    "name": 1.0, "metonym": 0.95, "demonym": 0.95, "title": 1.0, "description": 0.85,
    "pronoun": 0.8, "pair": 0.8, "plural": 0.8, "club": 0.85, "group": 0.9, "context": 0.6, "modifier": 0.85, "speaker": 0.8,
    "entity": 0.6,
}

_HEADING_MARK = re.compile(r"^#{1,6}\s+")


@dataclass(slots=True)
class Mention:
    """An actor mention: tokens ``[start, end)`` of the doc, the actor(s), and how it was found.

    ``how`` is one of name, metonym, demonym, title, description, pronoun, pair, plural,
    club, group, context, modifier; ``actors`` has two members for pair phrases ("the two
    countries") and every member of a listed group for plural phrases ("the leaders").
    """

    start: int
    end: int
    actors: tuple[Actor, ...]
    how: str
    titled: bool = False

    @property
    def confidence(self) -> float:
        """Confidence of the resolution (:data:`HOW_CONF`; 0.7 for an unlisted ``how``)."""
        return HOW_CONF.get(self.how, 0.7)


@dataclass(slots=True)
class Arg:
    """A resolved argument of a trigger: the actor, the confidence of its resolution (0..1),
    the index of the token it was read from, and — for a state named by one of its sectors
    ("Chilean officials", "Turkish police") — that sector as an Organization ``<ISO3>-<CODE>``,
    the end used when the other end is the same state (a domestic event)."""

    actor: Actor
    conf: float
    token: int
    sector: Actor | None = None

    def scaled(self, factor: float) -> Arg:
        """The same argument with its confidence times ``factor``."""
        return replace(self, conf=self.conf * factor)


@dataclass
class DocState:
    """Per-article working state (never shared between articles)."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)
    pairs: list[tuple[int, tuple[Actor, ...] | None]] = field(default_factory=list)
    #: listed groups of three or more actors, (start token, end token, members) in text order (:mod:`.groups`)
    groups: list[tuple[int, int, tuple[Actor, ...]]] = field(default_factory=list)
    leads: dict[str, tuple[Actor, Actor, str, float, int, str]] = field(default_factory=dict)
    owns: dict[str, tuple[Actor, Actor, float, int, str]] = field(default_factory=dict)
    #: who "we"/"our" are (a state or organisation) and who "I" is (a leader, else the same actor)
    speaker_group: Actor | None = None
    speaker_self: Actor | None = None
    #: sentence index → the two sides of its one symmetric act ("Russia met China"), for "they" next
    mutual: dict[int, tuple[Actor, Actor]] = field(default_factory=dict)
    #: how many sentences (from the first) are the headline: a title names its author ("Statement
    #: from President Joe Biden") as a byline, so no LEADS or OWNS are read from them
    headline: int = 0
    #: the doc's text, its sentences' indexes by start token, and their resolved date expressions
    text: str = ""
    sent_index: dict[int, int] = field(default_factory=dict)
    #: sentence start token → the (start, end, value, governing token) of its resolved date expressions (filled once per article)
    sent_dates: dict[int, list[tuple[int, int, str, int | None]]] | None = None
    #: mentions ordered by (start token, order of adding): windows and nearest-before look-ups in O(log n + k)
    #: office (lower case) → the first mention of each of its holders, (start token, actor) in text order
    office_holders: dict[str, list[tuple[int, Actor]]] | None = None
    _by_start: list[tuple[int, int, Mention]] = field(default_factory=list)
    #: the same entries by the kind of the mention's first actor, and by kind and that actor's country
    _by_kind: dict[tuple[ActorKind, str | None], list[tuple[int, int, Mention]]] = field(default_factory=dict)
    #: ``id(mention)`` → (its place in ``mentions``, its order of adding)
    _place: dict[int, tuple[int, int]] = field(default_factory=dict)
    _added: int = 0
    _quotes: _QuoteIndex | None = None

    def refer_to_group(self, pos: int, members: tuple[Actor, ...]) -> None:
        """Record that the phrase at token ``pos`` ("they", "the leaders") stands for the group
        ``members``: a group referred to stays the current topic (centering: the entity a
        subject pronoun continues remains the most salient, Grosz, Joshi & Weinstein 1995),
        so :func:`.groups.latest_group` measures its window from here. ``groups`` stays in
        the order of its end tokens; a second call for the same token changes nothing."""
        at = bisect_left(self.groups, pos, key=lambda g: g[1])
        if at == len(self.groups) or self.groups[at][1] != pos:
            insort(self.groups, (pos, pos, members), key=lambda g: g[1])

    def add_mention(self, m: Mention) -> None:
        """Add a mention and point its tokens at it (O(log n) search, list inserts)."""
        self._place[id(m)] = (len(self.mentions), self._added)
        self.mentions.append(m)
        self._index(m, self._added)
        self._added += 1
        for i in range(m.start, m.end):
            self.by_token[i] = m

    def pop_mention(self) -> Mention:
        """Remove and return the mention added last (its tokens keep pointing at it until re-added)."""
        m = self.mentions.pop()
        self._unindex(m)
        del self._place[id(m)]
        return m

    def replace_mention(self, old: Mention, new: Mention) -> None:
        """Put ``new`` in the place of ``old`` (same tokens): a name read again with its title."""
        place, added = self._place.pop(id(old))
        self.mentions[place] = new
        self._place[id(new)] = (place, added)
        self._unindex(old)
        self._index(new, added)
        for k in range(old.start, old.end):
            self.by_token.pop(k, None)
        for k in range(new.start, new.end):
            self.by_token[k] = new

    def _lists(self, m: Mention) -> list[list[tuple[int, int, Mention]]]:
        """The sorted lists that hold ``m``: all mentions, and those of its first actor's kind (and country)."""
        out = [self._by_start]
        if m.actors:
            a = m.actors[0]
            out.append(self._by_kind.setdefault((a.kind, None), []))
            if a.country:
                out.append(self._by_kind.setdefault((a.kind, a.country), []))
        return out

    def _index(self, m: Mention, added: int) -> None:
        for entries in self._lists(m):
            insort(entries, (m.start, added, m))

    def _unindex(self, m: Mention) -> None:
        for entries in self._lists(m):
            i = bisect_left(entries, m.start, key=lambda e: e[0])
            while entries[i][2] is not m:
                i += 1
            del entries[i]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions starting in tokens ``[lo, hi)``, in the order they were added."""
        left = bisect_left(self._by_start, lo, key=lambda e: e[0])
        right = bisect_left(self._by_start, hi, key=lambda e: e[0])
        return [e[2] for e in sorted(self._by_start[left:right], key=lambda e: e[1])]

    def mentions_before(self, pos: int, kind: ActorKind | None = None, country: str | None = None) -> Iterator[Mention]:
        """Mentions starting before token ``pos``, nearest first (ties in the order they were added);
        with ``kind``, only those whose first actor is of that kind (and of ``country``): a look-up
        for the nearest leader or organisation walks only those (O(log n + k))."""
        entries = self._by_start if kind is None else self._by_kind.get((kind, country), [])
        i = bisect_left(entries, pos, key=lambda e: e[0])
        while i > 0:
            start = entries[i - 1][0]
            j = i - 1
            while j > 0 and entries[j - 1][0] == start:
                j -= 1
            for e in entries[j:i]:
                yield e[2]
            i = j

    def in_quotation(self, tok: Token) -> bool:
        """Whether ``tok`` stands inside a quotation opened earlier on its line (paragraph).

        Curly and angle quotes count as opening and closing marks; straight double quotes
        toggle. Someone quoted in a statement is not the statement's speaker. O(log n) per
        token (an index of the marks is built on first use).
        """
        if self._quotes is None:
            self._quotes = _QuoteIndex(self.text)
        return self._quotes.inside(tok.idx)


def sentence_index(sent: Span, st: DocState | None = None) -> int:
    """Index of ``sent`` among the doc's non-blank sentences (from ``st.sent_index`` when known)."""
    if st is not None and sent.start in st.sent_index:
        return st.sent_index[sent.start]
    count = 0
    for s in sent.doc.sents:
        if s.start == sent.start:
            return count
        if s.text.strip():
            count += 1
    return count


def sentence_text(sent: Span) -> str:
    """The sentence's text, stripped, without a Markdown heading marker ("# Title" → "Title")."""
    return _HEADING_MARK.sub("", sent.text.strip())


def strip_heading_mark(text: str) -> str:
    """``text`` without a leading Markdown heading marker."""
    return _HEADING_MARK.sub("", text)


class _QuoteIndex:
    """Positions of line breaks and quotation marks of a text, for :func:`in_quotation` by bisection."""

    def __init__(self, text: str) -> None:
        self.positions = {mark: [i for i, c in enumerate(text) if c == mark] for mark in '\n“«”»"'}

    def count(self, mark: str, lo: int, hi: int) -> int:
        pos = self.positions[mark]
        return bisect_left(pos, hi) - bisect_left(pos, lo)

    def inside(self, idx: int) -> bool:
        newlines = self.positions["\n"]
        k = bisect_left(newlines, idx)
        line = newlines[k - 1] + 1 if k > 0 else 0
        opened = (self.count("“", line, idx) + self.count("«", line, idx)
                  - self.count("”", line, idx) - self.count("»", line, idx))
        return opened > 0 or self.count('"', line, idx) % 2 == 1


def unique_args(args: list[Arg]) -> list[Arg]:
    """One argument per actor id (the most confident), in first-seen order."""
    seen: dict[str, Arg] = {}
    for a in args:
        if a.actor.id not in seen or seen[a.actor.id].conf < a.conf:
            seen[a.actor.id] = a
    return list(seen.values())
