"""The shared document every component reads, and its readings, each computed once.

A :class:`Doc` holds what an annotator needs to know about a text (the text, its language, utterance
ranges and the call's region as a prior for place names) and what reading it yields: the text with
look-alike Latin letters made Cyrillic, tokens, utterance breaks, words, and, per coded-term lexicon,
term matches, casualty decisions and the spans of coded terms (protected from redaction), plus the number
expressions. A reading is computed on first use
and kept, so the terms, casualties and themes components (and ``analyze --explain``) share one
tokenisation and one set of casualty decisions. Offsets of every reading hold for ``text``: the
look-alike reading has the same length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from overheard.annotate.lexicon import CompiledLexicon, compile_protected
from overheard.annotate.rules.casualties import CasualtyDecisions, casualty_entry, decide
from overheard.annotate.rules.counts import NumberExpr, find_numbers
from overheard.annotate.rules.terms import TermMatch, match_terms
from overheard.annotate.rules.tokens import Tok, tokens, utterance_breaks
from overheard.annotate.rules.words import Words
from overheard.model import Document
from overheard.text import unconfuse

# The readings a component may declare it ``requires`` (see overheard.annotate.registry).
READINGS = ("readable_text", "tokens", "breaks", "words", "numbers", "term_matches", "casualties", "protected_spans")


@dataclass(eq=False)
class Doc:
    """A text being annotated, with its readings (computed on first use, then shared by every component)."""

    text: str
    language: str = "ru"  # "ru" or "uk" (after detection; never "auto" here)
    utterances: tuple[tuple[int, int], ...] = ()  # empty: the whole text is one utterance
    region: str | None = None  # the call's oblast from metadata, a prior for place names
    _by_lexicon: dict[tuple[str, CompiledLexicon], Any] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(cls, document: Document | Doc) -> Doc:
        """``document`` as a Doc (a Doc is returned as it is, with the readings it already has)."""
        if isinstance(document, Doc):
            return document
        return cls(document.text, document.language, document.utterances, document.region)

    @property
    def utterance_ranges(self) -> tuple[tuple[int, int], ...]:
        """The utterance ranges, or the whole text as one utterance."""
        return self.utterances or ((0, len(self.text)),)

    @cached_property
    def readable_text(self) -> str:
        """The text with look-alike Latin and Greek letters made Cyrillic ("Cергей" with a Latin C); same length.

        Every component reads this; findings quote ``text``, the characters as written.
        """
        return unconfuse(self.text)

    @cached_property
    def tokens(self) -> list[Tok]:
        """Tokens with lookup keys (:func:`overheard.annotate.rules.tokens.tokens`)."""
        return tokens(self.readable_text)

    @cached_property
    def breaks(self) -> frozenset[int]:
        """Indices of the tokens that start a new line or utterance."""
        return utterance_breaks(self.readable_text, self.tokens, self.utterance_ranges)

    @cached_property
    def words(self) -> Words:
        """Letter words (hyphens and apostrophes inside) as ``(start, end, word)``: what entity rules walk, with
        each word's folded key, lower-case form and other readings computed once
        (:class:`overheard.annotate.rules.words.Words`)."""
        return Words(self.readable_text)

    @cached_property
    def numbers(self) -> list[NumberExpr]:
        """Number expressions over the tokens (:func:`overheard.annotate.rules.counts.find_numbers`)."""
        return find_numbers(self.tokens)

    def term_matches(self, lexicon: CompiledLexicon) -> list[TermMatch]:
        """Matches of the coded-term lexicon ``lexicon`` over the tokens."""
        return self._reading("term_matches", lexicon, lambda: match_terms(self.tokens, lexicon))

    def casualties(self, lexicon: CompiledLexicon) -> CasualtyDecisions:
        """Casualty decisions under ``lexicon``: mentions with counts, and readings rejected with a reason."""

        def compute() -> CasualtyDecisions:
            matches = self.term_matches(lexicon)
            numbers = self.numbers if any(casualty_entry(m) for m in matches) else []
            return decide(self.readable_text, self.tokens, matches, numbers, self.language, self.breaks,
                          self.utterance_ranges)

        return self._reading("casualties", lexicon, compute)

    def protected_spans(self, lexicon: CompiledLexicon) -> list[tuple[int, int]]:
        """Spans of the coded casualty terms of ``lexicon`` ("200", "груз 200", "двухсотые", "СЗЧ"), used however:
        never an entity (except inside a unit or a phone number), never altered by redaction."""

        def compute() -> list[tuple[int, int]]:
            matches = match_terms(self.tokens, compile_protected(lexicon.lexicon))
            return sorted({(match.start, match.end) for match in matches})

        return self._reading("protected_spans", lexicon, compute)

    def _reading(self, name: str, lexicon: CompiledLexicon, compute):
        key = (name, lexicon)
        if key not in self._by_lexicon:
            self._by_lexicon[key] = compute()
        return self._by_lexicon[key]
