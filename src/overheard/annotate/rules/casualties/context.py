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

    def before(self, index: int, size: int) -> list[Tok]:
        """Up to ``size`` tokens before ``index`` within the clause, nearest first."""
        out: list[Tok] = []
        k = index - 1
        while k >= 0 and len(out) < size:
            if self.toks[k].key in self.cues.clause_end or self.toks[k].text in "—–" or k + 1 in self.breaks:
                break
            out.append(self.toks[k])
            k -= 1
        return out

    def sentence_before(self, index: int, size: int) -> list[Tok]:
        """Up to ``size`` tokens before ``index`` within the sentence (commas do not stop it)."""
        out: list[Tok] = []
        k = index - 1
        while k >= 0 and len(out) < size:
            if self.toks[k].text in (".", "!", "?", "…", "...") or k + 1 in self.breaks:
                break
            out.append(self.toks[k])
            k -= 1
        return out

    def after(self, index: int, size: int) -> list[Tok]:
        """Up to ``size`` tokens from ``index`` on within the clause."""
        out: list[Tok] = []
        k = index
        while k < len(self.toks) and len(out) < size:
            if self.toks[k].key in self.cues.clause_end or k in self.breaks:
                break
            out.append(self.toks[k])
            k += 1
        return out

    def sentence_after(self, index: int, size: int) -> list[Tok]:
        """Up to ``size`` tokens from ``index`` on within the sentence (commas do not stop it)."""
        out: list[Tok] = []
        k = index
        while k < len(self.toks) and len(out) < size:
            if self.toks[k].text in (".", "!", "?", "…", "...") or k in self.breaks:
                break
            out.append(self.toks[k])
            k += 1
        return out

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
