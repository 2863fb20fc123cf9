"""Coded-term matching: razdel tokens with lookup keys, and the ``terms`` annotator.

Matching is a walk over tokens with hash lookups in the compiled lexicon
(:func:`overheard.annotate.lexicon.compile_lexicon`); no morphology runs per text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate.lexicon import CompiledLexicon, LexiconEntry, compile_lexicon, load_lexicon, token_key
from overheard.annotate.registry import register
from overheard.model import Document, Finding, FindingKind
from overheard.text import tokenize

PRODUCER_VERSION = "v2"  # bump whenever matching or counting rules change, so `annotate` reruns
_APOSTROPHES = frozenset("'’ʼ`")
_DASHES = re.compile(r"[—–]")
_WORD_DIGITS = re.compile(r"^([^\W\d_]+)-(\d+)$")


@dataclass(frozen=True, slots=True)
class Tok:
    """A token: character range, text and lookup key (folded; digit codes canonical)."""

    start: int
    end: int
    text: str
    key: str

    @property
    def is_punct(self) -> bool:
        """True for punctuation-only tokens."""
        return not any(ch.isalnum() for ch in self.text)


def _raw_tokens(text: str) -> list[tuple[int, int, str]]:
    pieces: list[tuple[int, int, str]] = []
    for token in tokenize(text):
        value, start = token.text, token.start
        if _DASHES.search(value) and len(value) > 1:
            position = 0
            for part in re.split(r"([—–])", value):
                if part:
                    pieces.append((start + position, start + position + len(part), part))
                position += len(part)
            continue
        match = _WORD_DIGITS.match(value)
        if match:
            pieces.append((start, start + len(match.group(1)), match.group(1)))
            pieces.append((token.end - len(match.group(2)), token.end, match.group(2)))
            continue
        pieces.append((start, token.end, value))
    merged: list[tuple[int, int, str]] = []
    i = 0
    while i < len(pieces):
        start, end, value = pieces[i]
        # п ' ятисоті -> п'ятисоті (razdel splits at an ASCII apostrophe)
        if (
            i + 2 < len(pieces) and pieces[i + 1][2] in _APOSTROPHES and value.isalpha()
            and pieces[i + 1][0] == end and pieces[i + 2][0] == pieces[i + 1][1] and pieces[i + 2][2][:1].isalpha()
        ):
            nxt = pieces[i + 2]
            pieces[i + 2] = (start, nxt[1], text[start : nxt[1]])
            i += 2
            continue
        # 200 х -> 200х
        if (
            i + 1 < len(pieces) and value.isdigit() and pieces[i + 1][0] == end
            and pieces[i + 1][2].isalpha() and len(pieces[i + 1][2]) <= 4
        ):
            nxt = pieces[i + 1]
            merged.append((start, nxt[1], text[start : nxt[1]]))
            i += 2
            continue
        merged.append((start, end, value))
        i += 1
    return merged


def tokens(text: str) -> list[Tok]:
    """Tokens of ``text`` with lookup keys (apostrophe words and "200х" kept whole, dashes split)."""
    return [Tok(start, end, value, token_key(value)) for start, end, value in _raw_tokens(text)]


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
    for tok in toks[max(0, first - window) : last + window]:
        if tok.key in keys:
            return True
    return False


def match_terms(toks: list[Tok], compiled: CompiledLexicon) -> list[TermMatch]:
    """Longest non-overlapping lexicon matches over ``toks``, left to right."""
    matches: list[TermMatch] = []
    i, n = 0, len(toks)
    single, sequences, prefixes = compiled.single, compiled.sequences, compiled.prefixes
    while i < n:
        key = toks[i].key
        best_len = 0
        best: list[LexiconEntry] = []
        for positions, entry in sequences.get(key, ()):
            size = len(positions)
            if size < best_len or i + size > n:
                continue
            if all(toks[i + k].key in positions[k] for k in range(1, size)):
                if not _context_ok(compiled, entry, toks, i, i + size):
                    continue
                if size > best_len:
                    best_len, best = size, [entry]
                elif entry not in best:
                    best.append(entry)
        if not best_len:
            candidates = list(single.get(key, ()))
            if prefixes and len(key) > 4:
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


@lru_cache(maxsize=8)
def _scan_cached(text: str, lexicon_id: int) -> tuple[list[Tok], list[TermMatch]]:
    compiled = _COMPILED[lexicon_id]
    toks = tokens(text)
    return toks, match_terms(toks, compiled)


_COMPILED: dict[int, CompiledLexicon] = {}


def scan(text: str, compiled: CompiledLexicon) -> tuple[list[Tok], list[TermMatch]]:
    """Tokens and term matches of ``text`` (memoised for the last few texts, shared by annotators)."""
    _COMPILED[id(compiled)] = compiled
    return _scan_cached(text, id(compiled))


@register("terms")
class TermAnnotator:
    """Finds coded and slang terms from the lexicon (plain casualty words are left to ``casualties``)."""

    name = "terms"

    def __init__(self, lexicon=None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.version = f"{PRODUCER_VERSION}+lex{self.lexicon.digest[:8]}"
        self._compiled: CompiledLexicon | None = None

    @property
    def compiled(self) -> CompiledLexicon:
        """The compiled lexicon (built on first use)."""
        if self._compiled is None:
            self._compiled = compile_lexicon(self.lexicon)
        return self._compiled

    def _numbers_that_are_not_codes(self, doc: Document) -> set[tuple[int, int]]:
        """Spans of digit/ordinal codes the casualty rules read as distances, money, units... (cached there)."""
        # local: casualties imports this module (the casualties <-> terms cycle the annotate refactor removes)
        from overheard.annotate.casualties import find_casualties

        _, rejected = find_casualties(doc, self.compiled)
        return {(r.start, r.end) for r in rejected if r.reason.endswith("not a code")}

    def annotate(self, doc: Document) -> list[Finding]:
        """One TERM finding per coded/slang term match."""
        _, matches = scan(doc.text, self.compiled)
        producer = f"{self.name}.{self.version}"
        findings = []
        not_codes = self._numbers_that_are_not_codes(doc)
        for match in matches:
            if (match.start, match.end) in not_codes:
                continue  # "в 300 метрах": the casualty layer explains why this number is not a code
            entry = next((e for e in match.entries if e.kind != "plain"), None)
            if entry is None:
                continue
            text = doc.text[match.start : match.end]
            findings.append(
                Finding(
                    kind=FindingKind.TERM, label=entry.category, start=match.start, end=match.end, text=text,
                    score=1.0, producer=producer,
                    explanation=f"lexicon entry {entry.id} ({entry.source}) matched {text!r}; note: {entry.note}",
                    attributes={"term_id": entry.id, "gloss": dict(entry.gloss), "kind": entry.kind,
                                "language": list(entry.language)},
                )
            )
        return findings
