"""The letter words of one document and what the rules read of each, computed once per document.

:class:`Words` is the list of ``(start, end, word)`` triples every entity rule walks (a plain list still works
where a rule is called on its own), plus readings that many rules need and that used to be computed again by
each of them: the folded key and the lower-case form of each word, whether the text has capital or lower-case
letters at all, and a memo for any other per-document reading a rule module adds (:meth:`Words.reading`).
:attr:`overheard.annotate.doc.Doc.words` builds it once per document; :func:`words_of` gives a rule the
shared one, or builds it for a plain list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from overheard.text import fold, fold_words

WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
Word = tuple[int, int, str]  # (start, end, word)
T = TypeVar("T")


class _once:
    """A read-only attribute of a :class:`Words`, computed on its first read and then stored on the instance, so
    that later reads are plain attribute reads (rules read ``keys`` and ``has_upper`` some fifty times a document;
    ``functools.cached_property`` takes a lock on every read in Python 3.11, and a property calls a function)."""

    def __init__(self, compute: Callable[[Words], Any]) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, words: Words | None, owner: type | None = None) -> Any:
        if words is None:
            return self
        value = words.__dict__[self.name] = self.compute(words)
        return value


class Words(list):
    """The letter words of ``text`` (hyphens and apostrophes inside) as ``(start, end, word)``, with per-document
    readings computed on first use and shared by every rule that gets this object."""

    def __init__(self, text: str, words: Iterable[Word] | None = None) -> None:
        super().__init__([(m.start(), m.end(), m.group()) for m in WORD.finditer(text)] if words is None else words)
        self.text = text
        self._readings: dict[Any, Any] = {}

    @_once
    def texts(self) -> list[str]:
        """Each word as written (the third item of each triple)."""
        return [w[2] for w in self]

    @_once
    def keys(self) -> list[str]:
        """The folded form of each word (:func:`overheard.text.fold`): what cue lists are matched against."""
        return fold_words(self.texts)

    @_once
    def key_set(self) -> frozenset[str]:
        """Every folded word of the text: a rule whose cue word is absent can stop before walking the words."""
        return frozenset(self.keys)

    @_once
    def lowers(self) -> list[str]:
        """The lower-case form of each word (what :func:`overheard.text.parses` is asked with)."""
        return list(map(str.lower, self.texts))

    @_once
    def has_upper(self) -> bool:
        """Whether the text has any upper-case letter (``any(ch.isupper() for ch in text)``)."""
        return any(map(str.isupper, self.text))

    @_once
    def has_lower(self) -> bool:
        """Whether the text has any lower-case letter."""
        return any(map(str.islower, self.text))

    def reading(self, key: Any, compute: Callable[[], T]) -> T:
        """The per-document reading ``key`` (a rule module's own function or name), computed once by ``compute``."""
        readings = self._readings
        if key in readings:
            return readings[key]
        value = readings[key] = compute()
        return value


def words_of(text: str, words: list[Word] | Words | None = None) -> Words:
    """The shared :class:`Words` of ``text``: ``words`` itself when it is one for this text, else built from
    ``words`` (or from ``text`` when None)."""
    if isinstance(words, Words) and (words.text is text or words.text == text):
        return words
    return Words(text, words)


def keys_of(words: list[Word] | Words) -> list[str]:
    """The folded key of each word: the shared :attr:`Words.keys`, or computed for a plain list."""
    return words.keys if isinstance(words, Words) else [fold(w[2]) for w in words]
