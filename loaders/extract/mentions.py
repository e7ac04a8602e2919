"""Actor mentions: names of the tables, unknown bodies and people, ethnic groups.

- **Names** of the tables (states, aliases, demonyms, metonyms, organisations, firms,
  leaders) found with two ``PhraseMatcher``\\ s: case-sensitive for short or capitalised
  codes ("US", "UN"), lower-case otherwise with a capital letter required in the text;
  capitalised GPE/NORP entities the tables miss through country_converter's regexes.
  Types come from the tables (:mod:`~diplograph.loaders.actors`), never from NER labels.
- **Unknown bodies and people** the entity recogniser names in the text: firms (a word of
  ``firm_words``), organisations, named groups of a state, people with an agent noun
  ("businessman X") or a home state; government bodies of a state act for it.
- **Ethnic groups**: "Bosnian Serbs" → Organization ``BIH-SRB`` of the first state; a people
  no table knows after a demonym ("Iraqi Kurds") → Organization ``IRQ-kurds`` of that state.

Titled people, descriptions of offices and pair phrases are :mod:`.titles`.
"""

from __future__ import annotations

import re

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ...graph.model.records import Actor, slugify
from ...graph.model.vocabulary import ActorKind
from ..actors import ActorResolver, NameHit, fold
from ..lexicon import Lexicon
from .document import DocState, Mention
from .titles import TitleFinder, is_firm_word

__all__ = ["MentionFinder"]

#: Entity types of the recogniser that a proper name of a body may carry ("" for none).
_NAME_ENTITY_TYPES = frozenset({"", "ORG", "FAC"})


#: CAMEO sectors of the state itself whose named bodies act for it (government, military, police,
#: intelligence, legislature, judiciary; not its media or citizens)
_STATE_BODY_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})


class MentionFinder:
    """Find the actor mentions of a parsed article (kept in :class:`~.document.DocState`).

    Parameters
    ----------
    resolver:
        The actor resolver over the tables.
    lex:
        The validated lexicon.
    titles:
        The office holders' part (titled people, their states).
    nlp:
        The spaCy pipeline whose tokenizer builds the phrase patterns.
    """

    def __init__(self, resolver: ActorResolver, lex: Lexicon, titles: TitleFinder, nlp) -> None:
        self.resolver = resolver
        self.lex = lex
        self.titles = titles
        self.nlp = nlp
        self._matchers: tuple[PhraseMatcher, PhraseMatcher] | None = None
        # nouns that end a known name as its people or sector ("NATO Allies"), firm words excepted
        self._people_nouns = (lex["actor_nouns"] | set(lex["group_sectors"]) | set(lex["state_sectors"])) - lex["firm_words"]
        # agent nouns between a state and a name ("Belarusian businessman X", "the Russian bank X")
        self._agent_nouns = lex["person_agent_nouns"] | set(lex["body_sectors"])

    def _phrase_matchers(self, vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
        """The (case-sensitive, lower-case) matchers of every table name, hand and dictionary
        (:meth:`~diplograph.loaders.actors.ActorResolver.name_forms`; built on first use)."""
        if self._matchers is None:
            exact = PhraseMatcher(vocab, attr="ORTH")
            lower = PhraseMatcher(vocab, attr="LOWER")
            tokenizer = self.nlp.tokenizer
            exact_forms, lower_forms = [], []
            for form in self.resolver.name_forms():
                if form.isupper() or "." in form or len(form) <= 3:
                    exact_forms.append(form)
                    if form.startswith("the "):
                        exact_forms.append(form[4:])
                else:
                    lower_forms.append(form)
                    folded = fold(form)
                    if folded != form.lower():
                        lower_forms.append(folded)
                    if "'" in form:
                        # "Democratic People’s Republic of Korea": typeset apostrophes are tokens of their own
                        lower_forms.append(form.replace("'", "\u2019"))
            # one batch each: some 35,000 names with the dictionary's (tokenizer.pipe is ~3x faster)
            exact_docs, lower_docs = list(tokenizer.pipe(exact_forms)), list(tokenizer.pipe(lower_forms))
            exact.add("NAME", exact_docs)
            lower.add("NAME", lower_docs)
            self._matchers = (exact, lower)
        return self._matchers

    def find_mentions(self, doc: Doc, st: DocState) -> None:
        """Add the article's names, titled persons and ethnic groups to ``st`` (in text order)."""
        exact, lower = self._phrase_matchers(doc.vocab)
        spans = [doc[s:e] for _, s, e in exact(doc)]
        for _, s, e in lower(doc):
            span = doc[s:e]
            if any(t.is_title or t.is_upper or (t.text[:1].isupper()) for t in span):
                spans.append(span)
        # capitalised GPE/NORP entities the matchers miss: country_converter's names, which no
        # matcher looks for ("Jersey"), and its regexes (a span both found is kept once)
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP"} and self.resolver.country_code(ent.text):
                spans.append(ent)
        date = st.article.date
        names = filter_spans(spans)
        named = {i for span in names for i in range(span.start, span.end)}
        for span in names:
            if len(span) == 2 and span.text.endswith("s"):
                first, second = self.resolver.lookup(span[0].text), self.resolver.lookup(span[1].text)
                if first and second and first.kind == second.kind == "demonym" and first.id != second.id:
                    # "Bosnian Serbs" found as one entity: an ethnic group of the first state
                    group = Actor(f"{first.id}-{second.id}", ActorKind.ORGANIZATION, span.text, country=first.id,
                                  aliases=(span.text,))
                    st.add_mention(Mention(span.start, span.end, (group,), "group"))
                    continue
            hit = self.resolver.lookup(span.text)
            if hit is None:
                code = self.resolver.country_code(span.text)
                if not code:
                    continue
                hit = NameHit("demonym" if span.text.lower().endswith(("n", "ese", "ish", "i", "ns")) else "state", code)
            end = self._name_extension(span, named) if hit.kind in {"organization", "firm"} else span.end
            if end > span.end:
                # "Gazprom Neft": a longer name the tables do not know is its own body, not "Gazprom"
                known = self.resolver.actor_for(hit, date)
                name = doc[span.start:end]
                firm = known.kind == ActorKind.FIRM or any(is_firm_word(t, self.lex) for t in name)
                actor = Actor(slugify(name.text), ActorKind.FIRM if firm else ActorKind.ORGANIZATION, name.text,
                              country=known.country, aliases=(name.text,))
                st.add_mention(Mention(span.start, end, (actor,), "entity"))
                continue
            if hit.kind in {"state", "demonym", "metonym"} and self._stance_toward(span):
                continue  # "pro-Russian separatists", "Iran-backed militias": not the state
            nxt = doc[span.end] if span.end < len(doc) else None
            if hit.kind in {"metonym", "state"} and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title \
                    and nxt.ent_iob_ == "I" and self.resolver.lookup(nxt.text) is None and not self._titles_after(span):
                continue  # "Washington Post", "Moscow State University"
            if hit.kind == "leader":
                actor = self.titles.titled_leader(span, hit.id, date, st)
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
                st.pop_mention()
                st.add_mention(Mention(last.start, span.end, (group,), "group"))
                continue
            people = self._people_after(span, named) if how == "demonym" and actor.kind == ActorKind.STATE else None
            if people is not None:
                # "Iraqi Kurds", "Lebanese Shiites": a people no table knows, of the demonym's state
                name = doc[span.start:people.i + 1].text
                group = Actor(f"{actor.id}-{slugify(people.text)}", ActorKind.ORGANIZATION, name, country=actor.id,
                              aliases=(name,))
                st.add_mention(Mention(span.start, people.i + 1, (group,), "group"))
                continue
            st.add_mention(Mention(span.start, span.end, (actor,), how))
        self.titles.titled_people(doc, st)
        self._unknown_entities(doc, st)

    def _stance_toward(self, span: Span) -> bool:
        """Whether a state's name is the object of a stance or backing joined to it by a hyphen
        ("pro-Russian", "anti-American", "Iran-backed": the lexicon's ``stance_prefixes`` and
        ``backing_participles``), so that the phrase names others than the state; "U.S.-led"
        names the leader and stays the state."""
        doc, prefixes = span.doc, self.lex["stance_prefixes"]
        if len(span) > 2 and span[0].lower_ in prefixes and span[1].text == "-":
            return True  # the recogniser's one entity "Pro-Russian"
        if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in prefixes \
                and not doc[span.start - 2].whitespace_ and not doc[span.start - 1].whitespace_:
            return True
        return (span.end + 1 < len(doc) and doc[span.end].text == "-" and not span[-1].whitespace_
                and not doc[span.end].whitespace_ and doc[span.end + 1].lower_ in self.lex["backing_participles"])

    def _people_after(self, span: Span, named: set[int]) -> Token | None:
        """The name of a people right after the demonym ``span`` that no table knows ("Iraqi
        *Kurds*", "Lebanese *Shiites*"): a capitalised plural proper noun the recogniser marks
        NORP and the demonym modifies; ``None`` when there is none."""
        if span.end >= span.sent.end:
            return None
        nxt = span.doc[span.end]
        if nxt.i in named or nxt.ent_type_ != "NORP" or nxt.pos_ != "PROPN" or not nxt.text[:1].isupper() \
                or not nxt.text.endswith("s") or span[-1].head != nxt or self.resolver.lookup(nxt.text) is not None:
            return None
        return nxt

    def _agent_noun_before(self, span: Span) -> bool:
        """Whether a noun of the lexicon's ``person_agent_nouns`` stands right before the name
        ("businessman Kudakwashe X", "oligarch Ivan Y")."""
        i = span.start - 1
        return i >= span.sent.start and span.doc[i].lower_ in self.lex["person_agent_nouns"]

    def _titles_after(self, span: Span) -> bool:
        """Whether the capitalised proper nouns right after ``span`` end in a role title of
        ``roles.tsv`` ("State Department Spokesperson", "United States Trade Representative"):
        the name is then the state of an office, not part of a longer name of a body."""
        doc = span.doc
        end = span.end
        while end < span.sent.end and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        return any(self.resolver.role(doc[k:end].text) is not None for k in range(span.end, end))

    def _name_extension(self, span: Span, named: set[int]) -> int:
        """Where the proper name that begins with the known name ``span`` ends (token index).

        The name goes on over the capitalised proper nouns right after ``span`` that are in no
        other table name ("Gazprom Neft", "Toyota Motor"), when they belong to it: the same
        entity of the recogniser, or nouns ``span`` is a compound of. It does not when those
        words are a role title ("NATO Secretary General") or end in an actor or group noun of
        the lexicon ("NATO Allies", "EU Member States"), which the linker reads as the
        known body's people, unless it is a firm word ("Rosneft Oil Company"). Returns ``span.end`` when the name is just ``span``.
        """
        doc = span.doc
        end = span.end
        while (end < span.sent.end and end not in named and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()
               and doc[end].ent_iob_ != "B" and doc[end].ent_type_ in _NAME_ENTITY_TYPES):
            end += 1
        if end == span.end:
            return span.end
        tied = doc[span.end].ent_iob_ == "I" or (span[-1].dep_ == "compound" and span.end <= span[-1].head.i < end)
        last = doc[end - 1]
        nouns = self._people_nouns
        if (not tied or last.lower_ in nouns or last.lemma_.lower() in nouns or last.lower_ in self.titles.role_last_words
                or any(self.resolver.role(fold(doc[span.end:k].text)) for k in range(span.end + 1, end + 1))):
            return span.end
        return end

    def _unknown_entities(self, doc: Doc, st: DocState) -> None:
        """Organisations, firms and people the tables do not know, as the entity recogniser names them.

        An ORG entity is a Firm when one of its words is in the lexicon's ``firm_words``
        ("Rosneft Oil Company", "Gazprombank"), else an Organization; a PERSON entity is a
        person (``Leader`` kind) only when a home state is found or an agent noun of the
        lexicon's ``person_agent_nouns`` stands before the name ("businessman X", "the
        oligarch X": an actor with no ``country`` when none is found). The home state
        (``country``) is a state named just before ("Venezuela's", "Kenyan"), or just after
        with "of", else the one state the sentence names. Resolution ``how`` is "entity"
        (confidence 0.6). A later mention of a person by surname alone ("Rivera") is the
        person named before ("Alejandro Rivera"). A named group of a state ("Canada's Liberal
        Party") has an id of its own per state (:meth:`_named_body`).
        """
        people: dict[str, Actor] = {}
        groups: dict[str, Actor] = {}
        for m in st.mentions:
            for a in m.actors:
                if a.kind == ActorKind.LEADER:
                    people.setdefault(fold(a.name), a)
                    people.setdefault(fold(a.name.split()[-1]), a)
        for ent in doc.ents:
            if any(i in st.by_token for i in range(ent.start, ent.end)):
                ent = self._before_of_state(ent, st)
                if ent is None:
                    continue
            known = people.get(fold(ent.text)) if ent.label_ != "PERSON" and len(ent) == 1 else None
            if known is not None:
                # a surname the recogniser took for a place or organisation ("Rivera")
                st.add_mention(Mention(ent.start, ent.end, (known,), "entity"))
                continue
            if ent.label_ not in {"ORG", "PERSON"}:
                continue
            span = ent[1:] if ent[0].lower_ in self.lex["articles"] else ent
            if not span.text[:1].isupper() or not any(t.pos_ == "PROPN" for t in span):
                continue
            if ent.label_ == "ORG" and any(self.resolver.role(span[k:].text) is not None for k in range(len(span))):
                continue  # "the State Department Spokesperson": a person's title, not an organisation
            if ent.label_ == "PERSON":
                known = people.get(fold(span.text)) or (people.get(fold(span[-1].text)) if len(span) == 1 else None)
                if known is not None:
                    st.add_mention(Mention(span.start, span.end, (known,), "entity"))
                    continue
                country = self._home_state(span, st)
                if country is None and not self._agent_noun_before(span):
                    continue
                actor = Actor(slugify(span.text), ActorKind.LEADER, span.text, country=country, aliases=(span.text,))
                people[fold(span.text)] = actor
                people.setdefault(fold(span[-1].text), actor)
            else:
                actor = self._named_body(span, st, groups)
            st.add_mention(Mention(span.start, span.end, (actor,), "entity"))
        self._later_surnames(doc, st)

    @staticmethod
    def _later_surnames(doc: Doc, st: DocState) -> None:
        """A person named with a title ("Jan Egeland, the UN's chief ...") and later by surname alone
        where the recogniser saw no entity ("Egeland later recanted"): a capitalised proper noun after
        the full name that is the surname of one titled person is that person (resolution "entity").
        One regular expression over the text for all surnames, then only its matches are looked at."""
        named: dict[str, tuple[int, Actor]] = {}
        for m in st.mentions:
            a = m.actors[0] if len(m.actors) == 1 else None
            if a is not None and a.kind == ActorKind.LEADER and m.titled and " " in a.name:
                last = a.name.split()[-1]
                if last[:1].isupper() and named.get(last, (m.end, a))[1].id == a.id:
                    named[last] = (min(m.end, named.get(last, (m.end, a))[0]), a)
                else:
                    named[last] = (len(doc), a)  # two people of that surname: neither
        if not named:
            return
        for hit in re.finditer(r"\b(?:" + "|".join(re.escape(n) for n in named) + r")\b", doc.text):
            after, actor = named[hit.group()]
            span = doc.char_span(hit.start(), hit.end())
            if span is None or len(span) != 1 or span.start < after or span.start in st.by_token \
                    or span[0].pos_ != "PROPN" or span[0].dep_ == "compound":
                continue
            st.add_mention(Mention(span.start, span.end, (actor,), "entity"))

    def _before_of_state(self, ent: Span, st: DocState) -> Span | None:
        """The named group of an ORG entity "<name> of <state>" when the state is the only mention
        in it and the name ends in a group noun of the lexicon's ``group_sectors`` ("The Liberal
        Party of Canada" → "The Liberal Party", see :meth:`_named_body`), else ``None``."""
        if ent.label_ != "ORG":
            return None
        doc, groups = ent.doc, self.lex["group_sectors"]
        for k in range(ent.start + 1, ent.end - 1):
            if doc[k].lower_ != "of":
                continue
            m = st.by_token.get(k + 1)
            if (m is not None and m.start == k + 1 and m.end == ent.end and len(m.actors) == 1
                    and m.actors[0].kind == ActorKind.STATE and not any(i in st.by_token for i in range(ent.start, k))
                    and (doc[k - 1].lemma_.lower() in groups or doc[k - 1].lower_ in groups)):
                return Span(doc, ent.start, k, label=ent.label_)
            return None
        return None

    def _named_body(self, span: Span, st: DocState, groups: dict[str, Actor]) -> Actor:
        """The Organization or Firm an unknown ORG entity names (see :meth:`_unknown_entities`).

        A named group of a state — a name whose last word is a group noun of the lexicon's
        ``group_sectors`` ("Liberal Party", "Farmers Union") with its state said just before or
        after ("Canada's Liberal Party", "the Liberal Party of Canada") — has the id
        ``<ISO3>-<slug of the name>`` (``CAN-liberal-party``): such names recur in many states
        and each state's group is its own actor. ``groups`` maps the folded names of the
        article's named groups to their actors, so that a later "the Liberal Party" is the same group.
        """
        firm = any(is_firm_word(t, self.lex) for t in span)
        kind = ActorKind.FIRM if firm else ActorKind.ORGANIZATION
        tied = self._tied_state(span, st)
        if not firm:
            publisher = st.speaker_group.id if st.speaker_group is not None and st.speaker_group.kind == ActorKind.STATE else None
            body_of = self._government_body_state(span, tied or publisher)
            if body_of is not None:
                return self.resolver.state(body_of)
        head = span[-1]
        if not firm and (head.lemma_.lower() in self.lex["group_sectors"] or head.lower_ in self.lex["group_sectors"]):
            if tied is not None:
                group = Actor(f"{tied}-{slugify(span.text)}", kind, span.text, country=tied, aliases=(span.text,))
                groups.setdefault(fold(span.text), group)
                return group
            if fold(span.text) in groups:
                return groups[fold(span.text)]
        home = tied or self._name_state(span)[0] or self.titles.sentence_state(span, st)
        return Actor(slugify(span.text), kind, span.text, country=home, aliases=(span.text,))

    def _name_state(self, span: Span) -> tuple[str | None, Span]:
        """The state a name begins with ("*Israel* Defense Forces", "the *Syrian* Observatory for
        Human Rights") and the rest of the name; ``(None, span)`` when it begins with none."""
        for k in range(len(span) - 1, 0, -1):
            hit = self.resolver.lookup(span[:k].text)
            if hit is not None and hit.kind in {"state", "demonym"}:
                return hit.id, span[k:]
        return None, span

    def _government_body_state(self, span: Span, tied: str | None) -> str | None:
        """ISO3 of the state whose government body the unknown name ``span`` is, or ``None``.

        A name whose head word is a noun of the state's own sectors (codes ``GOV``, ``MIL``,
        ``COP``, ``SPY``, ``LEG`` and ``JUD`` in the lexicon's ``state_sectors``: "Ministry of
        Commerce", "Department of the Treasury", "Trade Representative", "Israel Defense
        *Forces*", "Iraqi Security *Forces*") acts for its state, as the common nouns do ("the Russian ministry"):
        the state named at the start of the name ("U.S. Trade Representative") or tied to it
        (``tied``: "China's Ministry of Commerce", "... of Canada"; else, from
        :meth:`_named_body`, the state that publishes the statement: "the Department of the
        Treasury" in a White House statement). Without a state the name stays an organisation
        of its own (whose state it is, is not said).
        """
        named, body = self._name_state(span)
        state = named or tied
        if state is None or state not in self.resolver.tables.states:
            return None
        head = body.root
        sectors = self.lex["state_sectors"]
        if (sectors.get(head.lemma_.lower()) or sectors.get(head.lower_)) in _STATE_BODY_SECTORS:
            return state
        return None

    def _home_state(self, span: Span, st: DocState) -> str | None:
        """The state of an unknown organisation or person (see :meth:`_unknown_entities`), or ``None``."""
        return self._tied_state(span, st) or self.titles.sentence_state(span, st)

    def _tied_state(self, span: Span, st: DocState) -> str | None:
        """The state named just before ``span`` ("Venezuela's", "Kenyan"), also over an agent noun
        of the lexicon's ``person_agent_nouns`` or ``body_sectors`` ("Belarusian businessman X",
        "the Russian bank X"), or just after it with "of" ("... of Canada"), or by a state modifier
        of a description in apposition ("X Ltd., a Belarusian firm"), or ``None``."""
        doc = span.doc
        before = span.start - 1
        agents = self._agent_nouns
        while before > span.sent.start and (doc[before].lower_ in agents or doc[before].lemma_.lower() in agents):
            before -= 1
        if before >= 0 and doc[before].tag_ == "POS":
            before -= 1
        m = st.by_token.get(before) if before >= span.sent.start else None
        if m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.STATE:
            return m.actors[0].id
        if span.end + 1 < span.sent.end and doc[span.end].lower_ == "of":
            m = st.by_token.get(span.end + 1)
            if m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.STATE:
                return m.actors[0].id
        for c in span.root.children:
            # "Zhelnov Holdings Ltd., a Belarusian firm": a state modifier of an appositive description
            for w in c.children if c.dep_ == "appos" and not span.start <= c.i < span.end else ():
                m = st.by_token.get(w.i) if w.dep_ in {"amod", "compound", "poss"} else None
                if m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.STATE:
                    return m.actors[0].id
        return None
