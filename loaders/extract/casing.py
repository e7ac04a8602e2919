"""Truecasing before the parse: all-caps and all-lower-case lines read as normal case.

spaCy's tagger, parser and entity recogniser lean on capital letters: an all-caps headline
or an all-lower-case text gives almost no names, so no actors. :class:`Truecaser` rewrites
such lines (one line at a time: a headline may be in capitals above a normal body) into
normal case, changing only the case of letters, so every character keeps its offset:

1. the line is lower-cased (all-caps lines);
2. names of the actor tables (states, aliases, demonyms, metonyms, organisations, firms,
   leaders) get their table casing, longest match first ("united states" → "United
   States", "nato" → "NATO"); a one-word name that is also an English stop word ("US",
   "WHO", "May") only after "the" ("the us" → "the US"), so the pronoun "us" stays a pronoun;
3. any other word that is neither a stop word nor an English word of the model's
   lemmatizer (WordNet's word index with spaCy's suffix rules: "sanctions" → "sanction")
   is taken for a name and capitalised ("jorge arreaza" → "Jorge Arreaza"), and so are the
   lexicon's ``capitalised_words`` (days, months: "wednesday" → "Wednesday");
4. letters of dotted abbreviations ("u.s.") are capitalised, and the first word of each
   sentence.

A line is all-caps when at least 80 % of its letters are capitals (and it has at least two
words in capitals), all-lower-case when it has no capital and at least three words. Other
lines (Title Case headlines too: a sentence full of names looks the same) are left as they are,
except an article's title (:meth:`Truecaser.headline`), where Title Case is a style.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..lexicon import Lexicon

__all__ = ["Truecaser"]

#: A word: a dotted abbreviation ("u.s.") or letters with inner hyphens ("al-assad").
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:-[^\W\d_]+)*")
_ABBREVIATION = re.compile(r"\b(?:[^\W\d_]\.){2,}")
#: What may stand between two words of one name ("côte d'ivoire", "new  york").
_NAME_GAP = re.compile(r"\s+|['’]")
_SENTENCE_START = re.compile(r"(?:^|(?<!\.[^\W\d_])[.!?]\s+)[\"“‘'(\[«]*([^\W\d_])")
#: Longest table name, in words, looked up.
_MAX_NAME_WORDS = 6


class Truecaser:
    """Rewrite all-caps and all-lower-case lines into normal case (see the module docstring).

    Parameters
    ----------
    names:
        Every name of the actor tables as written (:meth:`~diplograph.loaders.actors.ActorResolver.name_forms`):
        those with a capital letter give the casing of names.
    lex:
        The lexicon (``capitalised_words``).
    nlp:
        The spaCy pipeline: its stop words and its rule lemmatizer's tables (``lemma_index``,
        ``lemma_rules``, ``lemma_exc``) tell English words from names.
    """

    def __init__(self, names: Iterable[str], lex: Lexicon, nlp) -> None:
        self.capitalised = lex["capitalised_words"]
        self.stop_words = frozenset(w.lower() for w in nlp.Defaults.stop_words)
        lookups = nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
        rules = lookups.get_table("lemma_rules")
        exc = lookups.get_table("lemma_exc")
        self._index = {pos: frozenset(index[pos]) for pos in ("noun", "verb", "adj", "adv") if pos in index}
        self._rules = {pos: [tuple(r) for r in rules[pos]] for pos in self._index if pos in rules}
        self._exceptions = frozenset(w for pos in self._index if pos in exc for w in exc[pos])
        self._noun_exceptions = dict(exc["noun"]) if "noun" in exc else {}
        self.names: dict[str, str] = {}
        for form in names:
            words = _WORD.findall(form)
            if not words or not any(c.isupper() for c in form):
                continue
            key = " ".join(words).lower()
            cased = " ".join(words)
            # an all-capitals form ("US") wins over a capitalised one ("Us") of the same words
            if key not in self.names or sum(c.isupper() for c in cased) > sum(c.isupper() for c in self.names[key]):
                self.names[key] = cased

    def __call__(self, text: str) -> str:
        """``text`` with its all-caps and all-lower-case lines in normal case (same length)."""
        lines = text.split("\n")
        out = [self._line(line) if self._mode(line) else line for line in lines]
        return "\n".join(out)

    def headline(self, title: str) -> str:
        """An article title in normal case (same length): all-caps, all-lower-case and
        Title Case headlines ("Russia Sanctions Ukrainian Banks" → "Russia sanctions Ukrainian
        banks") are rewritten as in :meth:`__call__`; a title in sentence case is kept.

        Title Case is read only in a title, where it is a style: at least three words and
        every word of four letters or more that is not a stop word capitalised (a body line
        full of names looks the same).
        """
        words = [w for w in _WORD.findall(title) if len(w) >= 4 and w.lower() not in self.stop_words]
        title_case = len(_WORD.findall(title)) >= 3 and len(words) >= 2 and all(w[0].isupper() for w in words)
        return self._line(title) if title_case or self._mode(title) else title

    @staticmethod
    def _mode(line: str) -> str | None:
        """``"caps"``, ``"lower"`` or ``None`` (normal case)."""
        letters = [c for c in line if c.isalpha()]
        if len(letters) < 4:
            return None
        upper = sum(c.isupper() for c in letters)
        words = _WORD.findall(line)
        if upper >= 0.8 * len(letters) and sum(len(w) > 1 and w.isupper() for w in words) >= 2:
            return "caps"
        if upper == 0 and len(words) >= 3:
            return "lower"
        return None

    def _line(self, line: str) -> str:
        chars = list(line.lower())
        matches = list(_WORD.finditer(line))
        i = 0
        while i < len(matches):
            n, key = self._name_at(line, matches, i)
            if n:
                self._copy_case(chars, matches[i].start(), matches[i + n - 1].end(), self.names[key])
                i += n
                continue
            word = matches[i].group().lower()
            if self._is_name_like(word):
                for part in re.finditer(r"[^\W\d_]+", word):
                    chars[matches[i].start() + part.start()] = chars[matches[i].start() + part.start()].upper()
            i += 1
        for m in _ABBREVIATION.finditer(line):
            for k in range(m.start(), m.end()):
                chars[k] = chars[k].upper()
        for m in _SENTENCE_START.finditer(line):
            chars[m.start(1)] = chars[m.start(1)].upper()
        return "".join(chars)

    @staticmethod
    def _key(line: str, matches: list, i: int, n: int) -> str | None:
        """The lower-case words ``i .. i+n-1`` joined by spaces, or ``None`` when more than
        blanks or an apostrophe stand between two of them."""
        words = []
        for k in range(i, i + n):
            if k > i and not _NAME_GAP.fullmatch(line[matches[k - 1].end():matches[k].start()]):
                return None
            words.append(matches[k].group().lower())
        return " ".join(words)

    def _name_at(self, line: str, matches: list, i: int) -> tuple[int, str | None]:
        """Number of words and key of the longest table name starting at word ``i`` (``(0, None)`` if none)."""
        for n in range(min(_MAX_NAME_WORDS, len(matches) - i), 0, -1):
            key = self._key(line, matches, i, n)
            if key is None or key not in self.names:
                continue
            if n == 1 and key in self.stop_words and (i == 0 or matches[i - 1].group().lower() != "the"):
                continue  # "us", "who", "may": a name only after "the"
            return n, key
        return 0, None

    @staticmethod
    def _copy_case(chars: list[str], start: int, end: int, cased: str) -> None:
        """Give ``chars[start:end]`` the case of ``cased``'s letters, letter by letter."""
        letters = [c for c in cased if c.isalpha()]
        k = 0
        for pos in range(start, end):
            if chars[pos].isalpha() and k < len(letters):
                if letters[k].isupper():
                    chars[pos] = chars[pos].upper()
                k += 1

    def _is_name_like(self, word: str) -> bool:
        """Whether a lower-case word is neither a stop word nor an English word of the lemmatizer's tables."""
        if word in self.capitalised:
            return True
        if len(word) < 2 or word in self.stop_words or "." in word:
            return False
        return not all(self._known(part) for part in word.split("-"))

    def noun_lemma(self, word: str) -> str | None:
        """The WordNet noun lemma of a lower-case word by the lemmatizer's exceptions and suffix
        rules ("allies" → "ally"), or ``None`` when it is no English noun. For capitalised common
        nouns the tagger calls proper nouns ("our NATO Allies"), which spaCy does not lemmatise."""
        index = self._index.get("noun", frozenset())
        for lemma in self._noun_exceptions.get(word, ()):
            return lemma
        for old, new in self._rules.get("noun", ()):
            if old and word.endswith(old) and word[:len(word) - len(old)] + new in index:
                return word[:len(word) - len(old)] + new
        return word if word in index else None

    def _known(self, word: str) -> bool:
        if word in self.stop_words or word in self._exceptions:
            return True
        for pos, index in self._index.items():
            if word in index:
                return True
            for old, new in self._rules.get(pos, ()):
                if word.endswith(old) and word[:len(word) - len(old)] + new in index:
                    return True
        return False
