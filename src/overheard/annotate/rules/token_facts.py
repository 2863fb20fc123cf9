"""What the casualty rules and the theme model ask of a token's word, answered once per word in one record
(:class:`TokenFacts`).

The casualty rules and the theme model read the same few things of every token: its lemma (and the theme model's
``w=``/``n=`` features made of it), the word the learned casualty models name it by, the tags of its best pymorphy3
parses with their part of speech and grammemes, whether the dictionary knows it, and whether it is a past verb or an
animate noun. Each had its own remembered table (a lemma table, a feature table, a tag table, a table per tag string
for its part of speech and another for its grammemes, ...), so one question about one word was three or four lookups
in tables scattered over memory. Here the answers for one folded word in one language sit together: a record is made
on the word's first use (:func:`token_facts`) and then read as attributes. Each answer is the one the rule computed
before, word for word (the tag strings, part of speech and grammemes of :mod:`.casualties.words`, the lemma of
:func:`.theme_model.lemma`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from overheard.text import morph, parses


@dataclass(frozen=True, slots=True)
class Reading:
    """One pymorphy3 parse of a word as the casualty rules read it: the tag string, its part of speech (the first
    grammeme) and all its grammemes."""

    tag: str
    pos: str
    grammemes: frozenset[str]


@dataclass(frozen=True, slots=True)
class TokenFacts:
    """The answers for one folded token key in one language to what the casualty rules and the theme model ask."""

    lemma: str  # the likeliest lemma, ё as е (the key itself when pymorphy3 has no reading)
    word_feature: str  # the theme model's "w=<lemma>"
    negated_feature: str  # its "n=<lemma>" (the word right after a negation)
    model_word: str  # how the learned casualty models name the word: "#" for digits, "." for punctuation, else lemma
    tags: tuple[str, ...]  # the tag strings of the three best parses (what .casualties.words.tags gives)
    readings: tuple[Reading, ...]  # the same three parses with their part of speech and grammemes
    known: bool  # the dictionary knows the word (not a guess from its ending)
    past_verb: bool  # a letter word whose best reading is a past-tense verb
    animate: bool  # one of the two best readings is an animate noun


@lru_cache(maxsize=20_000)
def pos(tag: str) -> str:
    """The part of speech of a tag string (cached: a few thousand tag strings recur)."""
    return tag.split(",")[0].split(" ")[0]


@lru_cache(maxsize=20_000)
def grammemes(tag: str) -> frozenset[str]:
    """The grammemes of a tag string (a few thousand tag strings recur: cached)."""
    return frozenset(re.split(r"[ ,]", tag))


@lru_cache(maxsize=100_000)
def token_facts(key: str, language: str) -> TokenFacts:
    """The :class:`TokenFacts` of a folded token key in ``language`` ("ru" or "uk"), made on its first use."""
    found = morph(language).parse(key)
    tags = tuple(str(p.tag) for p in found[:3])
    readings = tuple(Reading(tag, pos(tag), grammemes(tag)) for tag in tags)
    lemma_parses = parses(key, language)
    lemma = lemma_parses[0].normal_form.replace("ё", "е") if lemma_parses else key
    best = readings[0] if readings else None
    return TokenFacts(
        lemma=lemma,
        word_feature="w=" + lemma,
        negated_feature="n=" + lemma,
        model_word="#" if key[:1].isdigit() else lemma if key[:1].isalpha() else ".",
        tags=tags,
        readings=readings,
        known=bool(found) and found[0].is_known,
        past_verb=key[:1].isalpha() and best is not None and best.pos == "VERB" and "past" in best.grammemes,
        animate=any("anim" in reading.grammemes and reading.pos == "NOUN" for reading in readings[:2]),
    )
