"""The listener's read-back inside a dictated phone number (ANNOTATION.md, Personal data: PHONE; callsigns31).

"— Пиши: нуль девʼяносто пʼять. — Нуль девʼяносто пʼять. — Сто двадцять три. — Сто двадцять три, так. — Сорок
пʼять, шістдесят сім. — Сорок пʼять шістдесят сім, є.": each piece said again at once, after a new sentence, a new
turn or the listener's "так", is an echo of it, not more digits. :mod:`.phones` reads the number with the echoes
passed over (and masks them with it); read with them, the digits would make no phone number.
"""

from __future__ import annotations

import re
from itertools import pairwise

from overheard.annotate import cues
from overheard.text import fold

__all__ = ["ECHO", "read_backs"]

ECHO = "echo"  # the kind of a number word that repeats the piece just said
_TURN = re.compile(r"[.?!…—–\n]")
_GAP = re.compile(r"^[\s,.:;!?…\-–—()«»\"“”]*$")


def read_backs(text: str, tokens: list, values: list) -> list:
    """``values`` with every word of a piece that repeats the piece before it marked ``(ECHO, 0)``.

    ``tokens`` are (start, end, text) and ``values`` their readings as :mod:`.phones` makes them: a number word's
    (kind, value), ("digits", 0) for typed digits, None for any other word. A piece is a run of number tokens with
    no sentence end, dash or word between them; it is an echo when it holds the same numbers as the piece right
    before it, and only punctuation and up to four of the listener's fillers stand between the two.
    """
    out = list(values)
    pieces = _pieces(text, tokens, values)
    for before, after in pairwise(pieces):
        if _same(tokens, values, before, after) and _heard(text, tokens, before[-1], after[0]):
            for k in after:
                out[k] = (ECHO, 0)
    return out


def _pieces(text: str, tokens: list, values: list) -> list[list[int]]:
    """Runs of number tokens (indices), a new run after any other word or a sentence end or dash."""
    pieces: list[list[int]] = []
    for k, value in enumerate(values):
        if value is None or value[0] == "plus":
            continue
        if pieces and pieces[-1][-1] == k - 1 and not _TURN.search(text[tokens[k - 1][1] : tokens[k][0]]):
            pieces[-1].append(k)
        else:
            pieces.append([k])
    return pieces


def _key(tokens: list, values: list, k: int) -> tuple:
    kind, value = values[k]
    return (kind, tokens[k][2]) if kind in ("digits", "repeat") else (kind, value)


def _same(tokens: list, values: list, before: list[int], after: list[int]) -> bool:
    """Whether the later piece says the earlier one again, whole or its first or last two words or more, a number
    word among them."""
    if not any(values[k][0] not in ("digits", "repeat") for k in after):
        return False
    said, again = [_key(tokens, values, k) for k in before], [_key(tokens, values, k) for k in after]
    # the whole piece, or its start or its end of two words or more ("Восемь, девятьсот четырнадцать. —
    # Девятьсот четырнадцать.")
    return again == said or len(again) >= 2 and len(again) < len(said) and again in (said[: len(again)],
                                                                                    said[-len(again) :])


def _heard(text: str, tokens: list, last: int, first: int) -> bool:
    """Whether between two pieces stand only punctuation and up to four fillers, with a sentence end, a dash or a
    filler among them (a new turn, or the listener's "так")."""
    between = [fold(t[2]) for t in tokens[last + 1 : first]]
    if len(between) > 4 or any(w not in cues.keys("dictated_fillers") for w in between):
        return False
    position = tokens[last][1]
    for start, end, _ in tokens[last + 1 : first]:
        if not _GAP.match(text[position:start]):
            return False
        position = end
    return bool(_GAP.match(text[position : tokens[first][0]])) and bool(
        between or _TURN.search(text[tokens[last][1] : tokens[first][0]]))
