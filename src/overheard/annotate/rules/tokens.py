"""Tokens for matching: razdel tokens with character offsets and lookup keys.

Apostrophe words ("п'ятисоті") and digit codes with an ending ("200х", "200-ых") stay one token,
dashes between words are split off, and each token carries its lookup key
(:func:`token_key`: folded; "200-ых" becomes "200~").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from overheard.lexicons.loader import word_list
from overheard.text import fold, token_spans

_APOSTROPHES = frozenset("'’ʼ`")
_WORD_DIGITS = re.compile(r"^([^\W\d_]+)-(\d+)$")
_DIGIT_TOKEN = re.compile(r"^(\d+)(?:[-–]?([^\W\d_]+))?$")


@lru_cache(maxsize=1)
def code_endings() -> frozenset[str]:
    """Case endings written after a digit code ("200-й", "200-х", "200ые"): the digit stays a code."""
    return frozenset(word_list("code_endings").forms)


@lru_cache(maxsize=100_000)
def token_key(text: str) -> str:
    """The lookup key of a token: folded text; digit codes with a case ending become ``"200~"`` (cached)."""
    if not unicodedata.is_normalized("NFC", text):  # "й" / "ё" typed as letter + combining mark
        text = unicodedata.normalize("NFC", text)
    folded = fold(text)
    match = _DIGIT_TOKEN.match(folded)
    if match and match.group(2):
        number, ending = match.groups()
        return f"{number}~" if ending in code_endings() else f"{number}:{ending}"
    return folded


# punctuation tokens that end a sentence: every run of up to four end marks, which razdel keeps as one token ("?!",
# "?..", "!!!"); and those that end a clause (quotation marks end neither)
SENTENCE_ENDS = frozenset("".join(marks) for n in range(1, 5) for marks in itertools.product(".!?…", repeat=n))
# the same without a bare run of dots, which in speech is a pause more often than an end ("двадцать три... или
# двадцать два?"): for the rules that read a correction or a name across it
FIRM_ENDS = SENTENCE_ENDS - {"..", "...", "...."}
CLAUSE_ENDS = SENTENCE_ENDS | {",", ";", ":", "—", "–", "-", "(", ")"}

@dataclass(frozen=True, slots=True)
class Tok:
    """A token: character range, text and lookup key (folded; digit codes canonical); ``hyphenated`` for digits
    written after a word and a hyphen ("Терека-2", "Т-72", "груз-200"), which the tokens split apart."""

    start: int
    end: int
    text: str
    key: str
    hyphenated: bool = False

    @property
    def is_punct(self) -> bool:
        """True for punctuation-only tokens."""
        return not any(map(str.isalnum, self.text))


def _raw_tokens(text: str) -> list[tuple[int, int, str]]:
    pieces: list[tuple[int, int, str]] = []
    for start, token_end, value in token_spans(text):
        if len(value) > 1 and ("—" in value or "–" in value):  # a dash inside: split it off
            position = 0
            for part in re.split(r"([—–])", value):
                if part:
                    pieces.append((start + position, start + position + len(part), part))
                position += len(part)
            continue
        match = _WORD_DIGITS.match(value) if "-" in value else None
        if match:
            pieces.append((start, start + len(match.group(1)), match.group(1)))
            pieces.append((token_end - len(match.group(2)), token_end, match.group(2)))
            continue
        pieces.append((start, token_end, value))
    values = [value for _, _, value in pieces]
    if _APOSTROPHES.isdisjoint(values) and not any(map(str.isdigit, values)):
        return pieces  # the joins below need an apostrophe token or a digit token
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
    raw = _raw_tokens(text)
    return [Tok(start, end, value, token_key(value),
                hyphenated=k > 0 and value.isdigit() and raw[k - 1][2][-1:].isalpha()
                and text[raw[k - 1][1] : start] == "-")
            for k, (start, end, value) in enumerate(raw)]


def utterance_breaks(text: str, toks: list[Tok], utterances: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """Indices of the tokens that start a new line or utterance (context windows never cross them)."""
    starts = sorted({start for start, _ in utterances[1:]})
    if not starts and "\n" not in text:
        return frozenset()  # one utterance on one line (most texts analyze gets): no break anywhere
    breaks, pointer = set(), 0
    for i in range(1, len(toks)):
        gap_start, gap_end = toks[i - 1].end, toks[i].start
        while pointer < len(starts) and starts[pointer] < gap_start:
            pointer += 1
        if "\n" in text[gap_start:gap_end] or (pointer < len(starts) and starts[pointer] <= gap_end):
            breaks.add(i)
    return frozenset(breaks)
