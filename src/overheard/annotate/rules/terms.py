"""Coded-term matching: a walk over tokens with hash lookups in the compiled lexicon.

No morphology runs per text: :func:`overheard.annotate.lexicon.compile_lexicon` expanded every entry
into lookup tables once.
"""

from __future__ import annotations

from dataclasses import dataclass

from overheard.annotate.lexicon import CompiledLexicon, LexiconEntry
from overheard.annotate.rules.tokens import Tok, tokens


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A lexicon match: token range ``[first, last)``, character range and the matching entries."""

    first: int
    last: int
    start: int
    end: int
    entries: tuple[LexiconEntry, ...]

    @property
    def entry(self) -> LexiconEntry:
        """The first (highest-priority) matching entry."""
        return self.entries[0]


def _context_ok(compiled: CompiledLexicon, entry: LexiconEntry, toks: list[Tok], first: int, last: int) -> bool:
    keys = compiled.context.get(entry.id)
    if not keys:
        return True
    window = entry.context_window
    counted = "#count" in keys
    for tok in _around(toks, first, last, window):
        if tok.key in keys or (counted and _number_word(tok.key)):
            return True
    return False


_QUOTES = frozenset("«»„“”\"")


def _around(toks: list[Tok], first: int, last: int, window: int) -> list[Tok]:
    """Up to ``window`` tokens on each side of ``[first, last)``; quotation marks are not counted ("трое
    «двести»": the count is still right before the word)."""
    before: list[Tok] = []
    k = first - 1
    while k >= 0 and len(before) < window:
        if toks[k].text not in _QUOTES:
            before.append(toks[k])
        k -= 1
    after: list[Tok] = []
    k = last
    while k < len(toks) and len(after) < window:
        if toks[k].text not in _QUOTES:
            after.append(toks[k])
        k += 1
    return before + after


def _number_word(key: str) -> bool:
    """Whether a token key is a number: digits, or a cardinal or collective word ("семеро", "дев'ятнадцять")."""
    if key[:1].isdigit():
        return True
    from overheard.annotate.rules.counts import number_tables  # counts reads the lexicon module: import late

    tables = number_tables()
    return key in tables.cardinal or key in tables.collective


def match_terms(toks: list[Tok], compiled: CompiledLexicon) -> list[TermMatch]:
    """Longest non-overlapping lexicon matches over ``toks``, left to right."""
    matches: list[TermMatch] = []
    i, n = 0, len(toks)
    single, sequences, prefixes = compiled.single, compiled.sequences, compiled.prefixes
    any_prefix = compiled.prefix_starts  # one C-level check before walking the list
    memo = compiled.start_memo  # the same words recur: whether an entry can start at a key is looked up once
    while i < n:
        key = toks[i].key
        starts = memo.get(key)
        if starts is None:
            if len(memo) > 100_000:
                memo.clear()
            starts = memo[key] = key in sequences or key in single or bool(
                prefixes and len(key) > 4 and key.startswith(any_prefix))
        if not starts:
            i += 1  # no entry can start here: the common case
            continue
        best_len = 0
        best: list[LexiconEntry] = []
        for positions, entry in sequences.get(key, ()):
            size = len(positions)
            if size < best_len or i + size > n or toks[i + 1].key not in positions[1]:
                continue  # a sequence has two words at least: most fail at the second
            if size == 2 or all(toks[i + k].key in positions[k] for k in range(2, size)):
                if not _context_ok(compiled, entry, toks, i, i + size):
                    continue
                if size > best_len:
                    best_len, best = size, [entry]
                elif entry not in best:
                    best.append(entry)
        if not best_len:
            candidates = list(single.get(key, ()))
            if prefixes and len(key) > 4 and key.startswith(any_prefix):
                candidates += [entry for prefix, entry in prefixes if key.startswith(prefix)]
            best = [entry for entry in candidates if _context_ok(compiled, entry, toks, i, i + 1)]
            best_len = 1 if best else 0
        if best_len:
            unique: list[LexiconEntry] = []
            for entry in best:
                if entry not in unique:
                    unique.append(entry)
            matches.append(TermMatch(i, i + best_len, toks[i].start, toks[i + best_len - 1].end, tuple(unique)))
            i += best_len
        else:
            i += 1
    return matches


def scan(text: str, compiled: CompiledLexicon) -> tuple[list[Tok], list[TermMatch]]:
    """Tokens and term matches of ``text`` (no memo: a :class:`~overheard.annotate.doc.Doc` keeps its readings)."""
    toks = tokens(text)
    return toks, match_terms(toks, compiled)
