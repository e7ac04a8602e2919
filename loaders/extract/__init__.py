"""Rule-based extraction of actors and typed, dated relations from English news text.

The package's parts, in pipeline order (each works on a parsed spaCy ``Doc``):

- :mod:`.extractor` — :class:`Extractor`, the entry point (parsing, batching, errors);
- :mod:`.casing` — truecasing of all-caps and all-lower-case lines before the parse;
- :mod:`.mentions` — actor mentions: table names, unknown bodies and people, ethnic groups;
- :mod:`.titles` — office holders: titles, descriptions of offices, pair phrases, LEADS notes;
- :mod:`.groups` — listed groups of participants and "they"/"the leaders" that refer to them;
- :mod:`.linking` — argument linking: general dependency paths from a trigger to actors;
- :mod:`.rules` — trigger patterns and constructions → facts;
- :mod:`.stance` — blame and warnings carried by nouns and predicates ("X's lies", "a violation
  by X", "X is responsible for", "X's brutal war", "X would face consequences");
- :mod:`.modality` — negation, hypotheticals, intentions, plans;
- :mod:`.attribution` — dates, sources, the speaker of a statement;
- :mod:`.structural` — LEADS and OWNS;
- :mod:`.document` — the per-article state the parts share.

Word lists come from one validated lexicon (:mod:`~diplograph.loaders.lexicon`), trigger
patterns from :mod:`~diplograph.loaders.triggers`, relation classes from
:mod:`~diplograph.graph.model.vocabulary`.

1. **Actors** — table names, aliases, demonyms and metonyms found with two
   ``PhraseMatcher``\\ s (case-sensitive for short capitalised codes such as "US", "UN";
   lower-case otherwise, with a capital letter required in the text), title patterns
   ("Russian President Vladimir Putin", "minister of foreign affairs Jorge Arreaza"),
   descriptions ("the Russian president"), pronouns and pair phrases ("the two countries").
   "I"/"we"/"our" are the speaker of an official statement when the article's metadata
   names one (:meth:`Extractor.speaker`: ``data/speakers.tsv`` publishers, "Statement from
   <title> <name>" titles), never inside quotations; "they" is the coordinated pair its
   nearest candidate belongs to, or every member of a list of three or more actors named
   just before (:mod:`.groups`: "the meeting included: A, B and C. They agreed ...", also
   "the leaders", "all three countries"); a club with members in ``organizations.tsv``
   followed by a group noun as subject ("Quad partners", "the G7 leaders") is its members
   on the article's date.
   Types come from the tables (:mod:`~diplograph.loaders.actors`), never from NER labels.
   State sector nouns with a demonym or "of/in <state>" ("Iraqi officials", "Israeli
   troops") stand for the state; non-state group nouns ("Ugandan rebels", "French
   farmers", lexicon ``group_sectors``) give an Organization ``<ISO3>-<sector>`` with that
   country (CAMEO 1.1b3 sector codes), and "Bosnian Serbs" an ethnic group ``BIH-SRB``.
   A firm, criminal or armed group with a state modifier ("Venezuela's central bank",
   "Mexican drug trafficking organizations", "Iranian proxies"; lexicon ``body_sectors``) is
   that sector of the state (``VEN-central-bank``, ``MEX-CRM``), never the state; "Zimbabwean
   individuals and entities" no actor. A government's instrument or capitalised body as
   subject ("The Order removes ...", "the Departments of the Treasury and State announced")
   acts for the state that publishes the statement. The items of a long comma list are read
   on the surface when the parse splits it (:func:`.linking.listed_after`).
2. **Relations** — trigger verbs and nouns from ``data/triggers.jsonl``; subjects and
   objects from the dependency parse (``nsubj``, ``dobj``, passive ``agent``, prepositional
   objects "against/on/with/to/between", possessives and compounds on trigger nouns,
   coordination, "along with", "led by"); for conflictual types, the first actor inside
   the object phrase or complement ("threatened to break relations *with Russia*") or the
   subject of an "unless/if" condition of a threat; "X said Y must ..." gives DEMANDS;
   killing by armed forces is FIGHTS, not ASSAULTS (CAMEO 19 vs 18); a target named only by its
   place ("bombed targets in Syria") is that place's state, an unnamed group ("arrested dozens of
   protesters") that group of the place's state or, for civil groups, of the doer's (lexicon
   ``located_object_relations``); linking a wrong to an actor ("linked the bombing to X") accuses it. Co-subjects are
   each other's objects only for symmetric acts (meet, sign, trade, clash) and mutual nouns
   ("a treaty of friendship"), every two of one kind once; a group named by one phrase
   is not the other side of its own act, and its plans or "agreed that ..." are no acts
   among its members. MEMBER_OF from member nouns ("X, a member of Y", "welcome X
   as Y's Ally", "Y's newest member, X"), possessive membership and origin ("X joins Z
   from Y", "From Y come A and B"); mediators ("brokered by X") consult both
   parties; "hold X accountable" is OPPOSES; summoning an ambassador OPPOSES (CAMEO 114).
   Cooperation: a verb pattern's ``means`` ("supported X *through assistance*": AIDS, not
   SUPPORTS); co-agents of an act done "jointly"/"together" cooperate (lexicon ``joint_adverbs``);
   a trigger noun modifying a frame noun takes that noun's arguments ("the UN relief
   *operation* in Indonesia", lexicon ``frame_nouns``); a trade noun under a restriction is no
   trade ("a tariff on imports from X", ``restriction_nouns``); a name compound on the thing a
   pattern asks for is its target ("terminated the Syria sanctions program"); a subjectless
   gerund list item ("Reaching agreement with Spain ...") is done by the actor of its colon
   header ("U.S. actions ... include:").
   The article's title (JSONL/HTML metadata) is read as line 0, in normal case
   (:meth:`Extractor.text_of`); a headline fact the body restates is kept once (the
   body's), and a headline gives no LEADS or OWNS (its titled name is a byline).
   Stance towards an act is towards its doer, never its target ("opposed sanctions on Iran",
   "condemned the attack on X": no fact unless the attacker is named; "vetoed a resolution
   proposed by X" → X); a demanded act ("called for sanctions on X") is not done. Blame without a
   verb of accusing (:mod:`.stance`): a blame noun's holder ("X's lies", "a violation by X") or
   the subject of a blame predicate ("X is responsible for the attacks", "X is to blame") is
   ACCUSED, and so is the doer of a wrong in a claim ("said Russia committed war crimes",
   "Iran's support for terrorism", "X violated the treaty", "X was behind the bombing"); a
   condemning modifier on an actor's act ("X's brutal war") or predicate of an actor ("X was
   reckless") gives OPPOSES, a future "X would face consequences" THREATENS; a wrong modifier
   ("X's unfair practices") or an agent noun ("X is the leading sponsor of terrorism") blames,
   a wrong of governance with no doer named ("abuses in X") blames the state where it happens,
   and praise predicated of an actor ("X is the most successful alliance") SUPPORTS; the evaluator is
   the subject of the reporting or evaluating clause above, else the speaker of an official
   statement. "This launch", "the attack", "these actions" with no agent of their own are the
   act of that class named just before (:meth:`.linking.ArgumentLinker.event_antecedent`), and
   a group referred to by "they" stays current through a chain of such sentences.
3. **Modality** — a clause-level check: negated acts and hypothetical ones ("could",
   "if", "refused to", "rejected the possibility of") give no fact; stated intentions
   ("will send aid", "threatened to ...") give AGREES_WITH for cooperative acts and
   THREATENS for conflictual ones (CAMEO 03 "express intent to cooperate" and 13
   "threaten"; Schrodt 2012); plans and expectations ("plans to attack", "is expected to
   attack") threaten no one and give no conflictual fact.
4. **Dates and attribution** — the date expression the trigger governs through the parse,
   else one of a clause above it or coordinated with it, never one of a relative clause
   (:meth:`.attribution.Attribution.date_of`; values from
   :func:`~diplograph.loaders.dates.resolve_date`), else the article date;
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

from .document import EXTRACTOR_VERSION, Mention
from .extractor import Extractor

__all__ = ["Extractor", "EXTRACTOR_VERSION", "Mention"]
