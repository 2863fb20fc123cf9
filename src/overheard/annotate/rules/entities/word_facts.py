"""What the entity rules ask of a word form, answered once per form in one record (:class:`WordFacts`).

The entity rules walk a document's words and ask each word the same few questions: is it a case form of a listed call
sign, may it be a name, may it be someone in a narrative, is it a finite verb, does it look like an ordinal or a
surname in any case, is it a verb of a person's loss. Each question had its own remembered table, so a text made some
450 lookups in about 160 tables, scattered over memory. Here the answers of one word form sit together: a record is
made on the form's first use (:func:`word_facts`) and a document's list of records is made once and shared by every
rule that reads it (:func:`word_facts_of`). Each answer is the one the rule computed before, word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.morph import morph_name, patronymic, surname
from overheard.annotate.rules.entities.words import surname_any_case
from overheard.annotate.rules.words import Word, Words
from overheard.names import name_lexicon
from overheard.text import fold, parses

# a narrative candidate: a noun or adjective reading, or a Latin word (.narrative, .word_grammar)
NOMINAL = frozenset({"NOUN", "ADJF"})
LATIN = re.compile(r"[a-z]{3,}")
# a word shaped like an ordinal number word ("сто первый", "двадцять п'ятий": .numbered)
_ORDINAL_SHAPE = re.compile(r"(?:перв|втор|трет|четв|пят|п'ят|п’ят|шест|седьм|восьм|девят|десят|дцат|сорок|сот|"
                            r"перш|друг|шост|сьом|дев'ят|дев’ят|дцят)[а-яіїє]*(?:ой|ий|ій|ый|ому|ого|им|ім)$")


@dataclass(frozen=True, slots=True)
class WordFacts:
    """The answers of one word form (as written, in one language) to the questions the entity rules ask of every
    word; ``key`` is its folded form (:func:`overheard.text.fold`)."""

    key: str
    listed_callsign: str | None  # the listed call sign it is a case form of (.callsigns.listed_callsign)
    may_be_name: bool  # a first-name, patronymic or surname reading (.people)
    may_be_someone: bool  # a narrative candidate at all, the rule's never-list aside (.narrative)
    finite: tuple  # its finite indicative readings: a verb in the indicative, not an imperative (.narrative)
    ordinal_shaped: bool  # shaped like an ordinal number word (.numbered)
    surname_any_case: bool  # ends as a surname does in any case (.words.surname_any_case)
    casualty_verb: bool  # a verb of a person's loss (``person_casualty_verbs``: .aliases)


@lru_cache(maxsize=100_000)
def word_facts(word: str, language: str) -> WordFacts:
    """The :class:`WordFacts` of ``word`` (a letter word as written) in ``language``, made on its first use."""
    key = fold(word)
    lexicon = name_lexicon()
    return WordFacts(
        key=key,
        listed_callsign=listed_callsign(word, language),
        may_be_name=bool(lexicon.lookup(word) or morph_name(word, language) or lexicon.possessive(word))
        or patronymic(word, language) is not None or surname(word, language) is not None,
        may_be_someone=_may_be_someone(key, language),
        finite=tuple(p for p in parses(key, language)[:2]
                     if p.tag.POS == "VERB" and p.score >= 0.2 and p.tag.mood != "impr"),
        ordinal_shaped=_ORDINAL_SHAPE.search(key) is not None,
        surname_any_case=surname_any_case(key),
        casualty_verb=_casualty_verb().fullmatch(key) is not None,
    )


def word_facts_of(words: list[Word] | Words, language: str) -> list[WordFacts]:
    """The :class:`WordFacts` of each of a document's ``words``: made once per document for the shared
    :class:`~overheard.annotate.rules.words.Words`, or for a plain list of ``(start, end, word)``."""
    if not isinstance(words, Words):
        return [word_facts(word, language) for _start, _end, word in words]
    return words.reading((word_facts_of, language), lambda: [word_facts(word, language) for word in words.texts])


def _may_be_someone(key: str, language: str) -> bool:
    """Whether a folded word of three letters or more is a Latin word or one with a noun or adjective reading, or one
    the dictionary does not know."""
    if len(key) < 3 or not key.replace("'", "").isalpha():
        return False
    return bool(LATIN.fullmatch(key)) or any(p.tag.POS in NOMINAL for p in parses(key, language)[:6]) or not any(
        p.is_known for p in parses(key, language)[:1])


@lru_cache(maxsize=1)
def _casualty_verb() -> re.Pattern[str]:
    return re.compile(cues.regex("person_casualty_verbs"))
