"""Pieces of a dictated phone number said again or broken off (ANNOTATION.md, Personal data: PHONE; twentieth session).

A call that dictates a number says its pieces more than once: the listener repeats part of it while writing ("—
Восемь, девятьсот четырнадцать... — Девятьсот четырнадцать."), asks for the end again ("— Повтори останні. —
Сімнадцять, тридцять один."), or the speaker starts, breaks off and starts again ("Восемь... погоди, связь...
девятьсот пятьдесят три", "Записуй: нуль вісімсот... ні, то гаряча лінія, а це мобільний: нуль шістдесят шість...").
:mod:`.phones` masks the number where it is read whole; the pieces around it, too short to read as a number, would
stay readable. Fail closed: once a text holds a phone number, a run of two or more number words that says again a
stretch of that number's words, a run that opens with "ноль"/"нуль" as an operator's code does ("нуль шістдесят
сім", not "ноль пять"), and a lone number word broken off
by an ellipsis right before the number are masked as pieces of it. A run a count word follows ("... человек") is not.
"""

from __future__ import annotations

import re

from overheard.annotate.rules.patterns import PatternMatch
from overheard.annotate.rules.phone_tails import counted_after
from overheard.annotate.rules.phones import number_tokens, number_value

__all__ = ["find_phone_repeats"]

_SAID_AGAIN = "phone:a stretch of a number dictated in this call, said again (masked when unsure)"
_ZERO_START = "phone:number words opening with zero in a call that dictates a number (masked when unsure)"
_BROKEN_OFF = "phone:a number word broken off right before a dictated number (masked when unsure)"
_GAP = re.compile(r"^[\s,.\-–—…]*$")
_NEW_TURN = re.compile(r"\n|(?<!\.\.)[.?!]\s*[—–-]|…\s*[—–]|\.\.\.\s*[—–]")
_ELLIPSIS = re.compile(r"^\s*(?:\.\.\.|…)")
_REACH = 40  # characters from a broken-off word to the number it starts


def find_phone_repeats(text: str, phones: list[tuple[int, int]]) -> list[PatternMatch]:
    """The pieces of the phone numbers at ``phones`` (spans found already) said again or broken off in ``text``,
    none overlapping ``phones``."""
    if not phones:
        return []
    tokens = [(s, e, w, number_value(w)) for s, e, w in number_tokens(text)]
    tokens = [t for t in tokens if t[3] is not None and t[3][0] != "plus"]
    inside = [t for t in tokens if any(a <= t[0] and t[1] <= b for a, b in phones)]
    stream = [_key(t) for t in inside]
    out = []
    for run in _runs(text, [t for t in tokens if not any(t[0] < b and a < t[1] for a, b in phones)]):
        if counted_after(text, run[-1][1]):
            continue
        keys = [_key(t) for t in run]
        if len(run) >= 2 and _contains(stream, keys):
            rule = _SAID_AGAIN
        elif run[0][3] == ("unit", 0) and (len(run) >= 3 or len(run) == 2 and run[1][3][0] in ("ten", "hundred")):
            rule = _ZERO_START
        elif len(run) == 1 and _ELLIPSIS.match(text[run[0][1] :]) and any(
                0 <= a - run[0][1] <= _REACH for a, _ in phones):
            rule = _BROKEN_OFF
        else:
            continue
        start, end = run[0][0], run[-1][1]
        out.append(PatternMatch("PHONE", start, end, text[start:end], rule, 0.6))
    return out


def _key(token: tuple) -> tuple:
    """What a number token says: its value for a word ("сімнадцять" = "семнадцать"), its digits for typed digits."""
    kind, value = token[3]
    return (kind, token[2]) if kind == "digits" else (kind, value)


def _runs(text: str, tokens: list) -> list[list]:
    """Runs of number tokens with only spaces and punctuation between them, within one turn."""
    runs: list[list] = []
    for token in tokens:
        gap = text[runs[-1][-1][1] : token[0]] if runs else ""
        if runs and _GAP.match(gap) and not _NEW_TURN.search(gap):
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def _contains(stream: list, keys: list) -> bool:
    """Whether ``keys`` stand one after another somewhere in ``stream``."""
    n = len(keys)
    return any(stream[k : k + n] == keys for k in range(len(stream) - n + 1))

