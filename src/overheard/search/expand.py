"""Query expansion through the coded-term lexicon: codes, their words, glosses and categories.

A query word or run of words the lexicon knows («200», «300-е», «двухсотые», «груз 200», «СЗЧ») stands
for its entry, and the annotators' TERM findings of that entry count as matches: ``200`` finds
«двухсотых», ``двухсотые`` finds «200-е» and «груз 200». A word that is a gloss of an entry in English,
Russian or Ukrainian («KIA», «refusers», «раненые») stands for that entry too, and a category name
(``killed``, ``wounded``, ``refused``, ``missing``, ``captured``, ``deserted``, and the term
categories) for every entry of the category and, for a casualty category, every CASUALTY finding of it
(«погибли трое» is a ``killed`` mention without a coded word).

Expansion works through findings, not words, so the annotators' decisions hold: «двухсотый день»
(an ordinal) and «в 300 метрах» (a distance) are no terms and are not found by ``двухсотые`` or
``wounded``; a finding a reviewer rejected is not found either. Transcripts not annotated yet are found
by their words only.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from overheard.annotate.lexicon import (
    CASUALTY_CATEGORIES,
    TERM_CATEGORIES,
    CompiledLexicon,
    Lexicon,
    LexiconEntry,
    compile_lexicon,
    load_lexicon,
)
from overheard.annotate.rules.terms import match_terms
from overheard.annotate.rules.tokens import Tok, token_key
from overheard.text import fold, lemma

_ENGLISH = re.compile(r"^[a-z]+$")
# words of English glosses that say nothing on their own ("missing in action", "prisoner of war")
_GLOSS_STOP = frozenset({"a", "an", "the", "of", "in", "to", "on", "at", "by", "for", "and", "or", "with", "from",
                         "who", "war", "action", "someone", "one", "be", "is", "are", "not", "no", "out"})


@dataclass(frozen=True)
class Reason:
    """Why a term stands for more, as data: a ``category`` it names, or a lexicon ``entry`` (its ``label`` and
    ``gloss`` per language), so that a page can say it in its own language."""

    category: str = ""
    entry: str = ""
    label: str = ""
    gloss: tuple[tuple[str, str], ...] = ()  # (language, gloss)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"category"}`` or ``{"entry", "label", "gloss": {language: gloss}}``."""
        if self.category:
            return {"category": self.category}
        return {"entry": self.entry, "label": self.label, "gloss": dict(self.gloss)}


@dataclass(frozen=True)
class Expansion:
    """What a query term stands for besides its own words: lexicon entries and categories, and why."""

    entry_ids: frozenset[str] = frozenset()  # TERM findings of these entries match
    categories: frozenset[str] = frozenset()  # TERM and CASUALTY findings of these categories match
    reasons: tuple[str, ...] = ()  # English words: "двухсотый (killed_200: killed (KIA))", "category killed"
    why: tuple[Reason, ...] = ()  # the same reasons as data, one per reason

    def __bool__(self) -> bool:
        return bool(self.entry_ids or self.categories)

    def __or__(self, other: Expansion) -> Expansion:
        new = [i for i, r in enumerate(other.reasons) if r not in self.reasons]
        return Expansion(self.entry_ids | other.entry_ids, self.categories | other.categories,
                         self.reasons + tuple(other.reasons[i] for i in new),
                         self.why + tuple(other.why[i] for i in new if i < len(other.why)))


NO_EXPANSION = Expansion()


def search_lexicon(lexicon: Lexicon | None = None) -> Lexicon:
    """The lexicon a search expands through (the built-in one unless a workspace's is given)."""
    return lexicon or load_lexicon()


@lru_cache(maxsize=8)
def _compiled(lexicon: Lexicon) -> CompiledLexicon:
    """The lexicon compiled without context conditions: a query has no context ("400" alone is the code)."""
    entries = tuple(dataclasses.replace(entry, context=()) for entry in lexicon.entries)
    return compile_lexicon(Lexicon(lexicon.version, entries, lexicon.sources))


def entry_label(entry: LexiconEntry) -> str:
    """A word that names an entry for people: its first lemma, code or variant, else its id."""
    return (entry.lemmas or entry.codes or entry.variants or entry.phrases or entry.forms or (entry.id,))[0]


def _entry_reason(entry: LexiconEntry) -> str:
    english = entry.gloss.get("en")
    return f"{entry_label(entry)} ({entry.id}{': ' + english if english else ''})"


def _entry_why(entry: LexiconEntry) -> Reason:
    return Reason(entry=entry.id, label=entry_label(entry), gloss=tuple(sorted(entry.gloss.items())))


def _entry(entry: LexiconEntry) -> Expansion:
    return Expansion(frozenset({entry.id}), frozenset(), (_entry_reason(entry),), (_entry_why(entry),))


def lexicon_runs(words: tuple[str, ...], lexicon: Lexicon) -> list[tuple[int, int, tuple[LexiconEntry, ...]]]:
    """(first, last + 1, entries) of each coded or slang term in a run of query words (longest matches,
    left to right)."""
    toks = []
    offset = 0
    for word in words:
        toks.append(Tok(offset, offset + len(word), word, token_key(word)))
        offset += len(word) + 1
    runs = [(match.first, match.last, tuple(e for e in match.entries if e.kind != "plain"))
            for match in match_terms(toks, _compiled(lexicon))]
    return [run for run in runs if run[2]]  # plain casualty words are no terms


def _english_forms(word: str) -> set[str]:
    forms = {word}
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.add(word[:-2])
    if word.endswith("s") and len(word) > 2:
        forms.add(word[:-1])
    return forms


@lru_cache(maxsize=4096)
def _gloss_words(gloss: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", gloss.lower()) if w not in _GLOSS_STOP and len(w) > 1)


def _termed(lexicon: Lexicon) -> tuple[LexiconEntry, ...]:
    """Entries the terms annotator reports (plain casualty words are found through their category)."""
    return tuple(entry for entry in lexicon.entries if entry.kind != "plain")


def gloss_expansion(word: str, lexicon: Lexicon) -> Expansion:
    """The entries and categories a single query word names as a gloss or a category name.

    English: a category name (``killed``; a plural ``-s`` is dropped) or a word of an entry's English
    gloss (``KIA``, ``refusers``); Russian or Ukrainian: an entry's one-word gloss in any of its forms
    (``раненые`` → the gloss «раненый» of «трёхсотый»).
    """
    folded = fold(word)
    found = NO_EXPANSION
    if _ENGLISH.match(folded):
        forms = _english_forms(folded)
        for category in sorted(forms & set(TERM_CATEGORIES)):
            ids = frozenset(e.id for e in lexicon.entries if e.category == category and e.kind != "plain")
            casualty = frozenset({category}) if category in CASUALTY_CATEGORIES else frozenset()
            found = found | Expansion(ids, casualty | frozenset({category}), (f"category {category}",),
                                      (Reason(category=category),))
        for entry in _termed(lexicon):
            if forms & _gloss_words(entry.gloss.get("en", "")):
                found = found | _entry(entry)
        return found
    if not re.search(r"[^\W\d_]", folded):
        return found
    keys = {lemma(folded, "ru"), lemma(folded, "uk"), folded}
    for entry in _termed(lexicon):
        for language in ("ru", "uk"):
            gloss = fold(entry.gloss.get(language, "").strip())
            if gloss.isalpha() and (gloss in keys or lemma(gloss, language) in keys):
                found = found | _entry(entry)
                break
    return found


def words_expansion(words: tuple[str, ...], lexicon: Lexicon) -> Expansion:
    """What a whole term (one word or a phrase) stands for: the lexicon entry it is, or the gloss or
    category it names (one word only)."""
    runs = lexicon_runs(words, lexicon)
    if runs and runs[0][0] == 0 and runs[0][1] == len(words):
        entries = runs[0][2]
        return Expansion(frozenset(e.id for e in entries), frozenset(), tuple(_entry_reason(e) for e in entries),
                         tuple(_entry_why(e) for e in entries))
    if len(words) == 1:
        return gloss_expansion(words[0], lexicon)
    return NO_EXPANSION
