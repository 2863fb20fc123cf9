"""The last digits of a phone number told on their own (ANNOTATION.md, Personal data: PHONE; callsigns31).

"Ещё раз последние цифры: сорок пять шестьдесят семь", "Останні чотири цифри — 45 67", "Номер кончается на шестьдесят
семь восемьдесят девять": a piece of a number, too short for :mod:`.phones` to read as one, is a phone's end when a
cue of ``lexicons/entity_patterns.yaml`` (``phone_tail_cues``; an ending, ``phone_ending_cues``, only after "номер" or
"телефон") stands right before it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.patterns import PatternMatch
from overheard.annotate.rules.phones import number_tokens, number_value
from overheard.text import fold

__all__ = ["counted_after", "find_phone_tails"]

_RULE = "phone:the last digits of a number, after a cue (masked when unsure)"
_LEAD = re.compile(r"^[\s:,\-–—]*$")
_GAP = re.compile(r"^[\s,.\-–—]*$")


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (re.compile(cues.regex("phone_tail_cues"), re.IGNORECASE),
            re.compile(cues.regex("phone_ending_cues"), re.IGNORECASE),
            re.compile(cues.regex("phone_cues"), re.IGNORECASE))


def find_phone_tails(text: str) -> list[PatternMatch]:
    """The number words or digits (two or more tokens, or one run of two digits or more) right after a cue that
    says they end a phone number; not a count ("... 120 человек")."""
    tail, ending, phone = _cues()
    out = []
    for cue in [*tail.finditer(text), *(m for m in ending.finditer(text)
                                        if phone.search(text[max(0, m.start() - 60) : m.start()]))]:
        run = _number_run(text, cue.end())
        if run and not counted_after(text, run[1]):
            out.append(PatternMatch("PHONE", run[0], run[1], text[run[0] : run[1]], _RULE, 0.6))
    return out


def counted_after(text: str, end: int) -> bool:
    """Whether a word that makes the number ending at ``end`` a count, a sum or a time follows it ("последние
    цифры: 120 человек")."""
    after = re.match(r"[\s,]*([^\W\d_]+)", text[end : end + 30])
    return bool(after) and fold(after.group(1)) in cues.keys("dictated_not_after")


def _number_run(text: str, position: int) -> tuple[int, int] | None:
    """The run of number tokens that starts right after ``position`` (only spaces, a colon or a dash before it)."""
    run: list[tuple[int, int, str]] = []
    for token in number_tokens(text[position : position + 120]):
        start, end, word = token[0] + position, token[1] + position, token[2]
        gap = text[run[-1][1] if run else position : start]
        if not (_GAP.match(gap) if run else _LEAD.match(gap)) or number_value(word) is None:
            break
        run.append((start, end, word))
    if len(run) >= 2 or len(run) == 1 and run[0][2].isdigit() and len(run[0][2]) >= 2:
        return run[0][0], run[-1][1]
    return None
