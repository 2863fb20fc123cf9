"""Word lists as lookup keys: the lists of ``overheard/lexicons`` expanded for matching tokens.

A list's ``lemmas`` match every inflected form (pymorphy3, ru and uk); its ``forms`` match as written,
folded (lower case, ё = е) like token keys. Each list is expanded once, on first use.
"""

from __future__ import annotations

from functools import lru_cache

from overheard.annotate.lexicon import inflections
from overheard.errors import LexiconError
from overheard.lexicons.loader import word_list
from overheard.text import fold

BOTH = ("ru", "uk")


@lru_cache(maxsize=256)
def keys(*names: str) -> frozenset[str]:
    """Lookup keys of the named lists together: every inflection of their lemmas and their folded forms.

    A key matches one token, so a list of word sequences (``read_as: phrases``) cannot be read here.
    """
    out: set[str] = set()
    for name in names:
        words = word_list(name)
        if words.read_as == "phrases":
            raise LexiconError(f"{words.file}: list {name} holds word sequences (read_as: phrases); read it with"
                               " cues.phrases, not one token at a time")
        for lemma in words.lemmas:
            out.update(inflections(lemma, BOTH))
        out.update(fold(form) for form in words.forms)
    return frozenset(out)


@lru_cache(maxsize=256)
def union(*sets: frozenset[str]) -> frozenset[str]:
    """The union of word sets, made once for each combination: rules that read two lists as one call this per
    mention instead of joining large inflection sets every time."""
    return frozenset().union(*sets)


@lru_cache(maxsize=64)
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """The forms of a list as word sequences ("чуть не" -> ("чуть", "не")), folded."""
    return tuple(tuple(fold(form).split()) for form in word_list(name).forms)


def table(name: str) -> dict[str, int | str]:
    """The word -> value table of a list (a copy)."""
    return dict(word_list(name).table)


def regex(name: str) -> str:
    """The patterns of a list as one alternation, for building a regular expression."""
    return word_list(name).regex


def alternatives(name: str) -> str:
    """The patterns of a list joined as alternatives ``a|b|...``, for a capturing group of the caller's own."""
    return word_list(name).alternatives


def forms(name: str) -> tuple[str, ...]:
    """The literal forms of a list as written."""
    return word_list(name).forms
