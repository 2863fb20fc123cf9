"""The context the casualty rules read around a match: tokens, matches, numbers, line breaks, and windows."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from overheard.annotate.rules.casualties.words import CasualtyCues
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import SENTENCE_ENDS, Tok


@dataclass
class Context:
    """One document as the casualty rules see it (built once per document and lexicon)."""

    toks: list[Tok]
    lang: str
    matches: list[TermMatch]
    casualty_tokens: set[int]
    by_first: dict[int, NumberExpr]
    by_last: dict[int, NumberExpr]
    cues: CasualtyCues
    breaks: frozenset[int] = frozenset()  # token i starts a new line or utterance
    memo: dict = field(default_factory=dict, repr=False)  # readings of a match asked for twice (by rule and key)

    @cached_property
    def key_set(self) -> frozenset[str]:
        """Every token key of the document: a rule that needs a cue word nowhere in it can stop at once."""
        return frozenset(tok.key for tok in self.toks)

    @cached_property
    def _bounds(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """For each position, where its clause and its sentence begin (looking back from it) and end (looking on
        from it): a clause ends at a clause-end word, a dash or a line break, a sentence at its end mark or a line
        break. Built once per document, so the windows below are slices."""
        toks, breaks, clause_end = self.toks, self.breaks, self.cues.clause_end
        n = len(toks)
        clause_stop = [tok.key in clause_end for tok in toks]
        sentence_stop = [tok.text in SENTENCE_ENDS for tok in toks]
        clause_from, sentence_from = [0] * (n + 1), [0] * (n + 1)
        for i in range(1, n + 1):
            cut = i in breaks
            clause_from[i] = i if cut or clause_stop[i - 1] or toks[i - 1].text in "—–" else clause_from[i - 1]
            sentence_from[i] = i if cut or sentence_stop[i - 1] else sentence_from[i - 1]
        clause_to, sentence_to = [n] * (n + 1), [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            cut = i in breaks
            clause_to[i] = i if cut or clause_stop[i] else clause_to[i + 1]
            sentence_to[i] = i if cut or sentence_stop[i] else sentence_to[i + 1]
        return clause_from, sentence_from, clause_to, sentence_to

    def before(self, index: int, size: int) -> list[Tok]:
        """Up to ``size`` tokens before ``index`` within the clause, nearest first."""
        if index <= 0 or size <= 0:
            return []
        index = min(index, len(self.toks))
        start = max(self._bounds[0][index], index - size)
        return self.toks[index - 1 : start - 1 : -1] if start else self.toks[index - 1 :: -1]

    def sentence_before(self, index: int, size: int) -> list[Tok]:
        """Up to ``size`` tokens before ``index`` within the sentence (commas do not stop it)."""
        if index <= 0 or size <= 0:
            return []
        index = min(index, len(self.toks))
        start = max(self._bounds[1][index], index - size)
        return self.toks[index - 1 : start - 1 : -1] if start else self.toks[index - 1 :: -1]

    def after(self, index: int, size: int) -> list[Tok]:
        """Up to ``size`` tokens from ``index`` on within the clause."""
        if index < 0 or index >= len(self.toks) or size <= 0:
            return []
        return self.toks[index : min(self._bounds[2][index], index + size)]

    def sentence_after(self, index: int, size: int) -> list[Tok]:
        """Up to ``size`` tokens from ``index`` on within the sentence (commas do not stop it)."""
        if index < 0 or index >= len(self.toks) or size <= 0:
            return []
        return self.toks[index : min(self._bounds[3][index], index + size)]

    def sentence_range(self, first: int, last: int) -> tuple[int, int]:
        """Token range of the sentence (or line) that holds tokens ``first``..``last`` (``last`` exclusive)."""
        toks, breaks = self.toks, self.breaks
        a = first
        while a > 0 and toks[a - 1].text not in SENTENCE_ENDS and a not in breaks:
            a -= 1
        b = last
        while b < len(toks) and toks[b - 1].text not in SENTENCE_ENDS and b not in breaks:
            b += 1
        return a, b

    def masked(self, index: int) -> bool:
        """Whether the one-letter token at ``index`` starts masked profanity ("б***")."""
        tok = self.toks[index]
        nxt = self.toks[index + 1] if index + 1 < len(self.toks) else None
        return nxt is not None and nxt.start == tok.end and nxt.text[:1] in "*.…_#@"

    def utterance_of(self, index: int) -> list[Tok]:
        """The tokens of the utterance (line or turn) that holds token ``index``."""
        first = index
        while first > 0 and first not in self.breaks:
            first -= 1
        last = index + 1
        while last < len(self.toks) and last not in self.breaks:
            last += 1
        return self.toks[first:last]
