"""Someone named by the casualty status said right after the name, in lower-case (speech-to-text) narrative: an
animal's noun or an unknown word and a casualty code that agrees with it in an oblique case (ANNOTATION.md, Personal
data, CALLSIGN; branch callsigns30: "вася ты слышал сычу пятисотому в яме руки сломали").

A casualty code ("трёхсотому", "п'ятисотого") is said of a person; a singular animate noun right before one, in the
same oblique case, is that person's name: a call sign when no list knows it as a name ("сычу пятисотому", "кабана
трёхсотого вывезли"). People's nouns ("пацану трёхсотому", "брату двухсотому"), the enemy's names and the things a
code is said of (``status_not_someone``: "груз", "мерс", "день") never are, nor a word after a modifier ("нашему
трёхсотому"), nor a noun the code counts ("двохсотий рівень"). A nominative ("штурмовик трёхсотый") and a cased text
are left to the other rules: on the held-out half those fired off gold as often as on it. Masked when unsure.
"""

from __future__ import annotations

from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.slots import CLOSED_CLASS, covered, known_readings, readings
from overheard.annotate.rules.entities.text_grammar import narrative_lists
from overheard.annotate.rules.entities.words import Word
from overheard.annotate.rules.unit_numbers import qualified
from overheard.annotate.rules.words import words_of
from overheard.text import parses

UNSURE = "masked because unsure: a casualty code right after it says it is someone"
_PERSONAL = ("PER", "CALLSIGN", "PHONE", "UNIT", "ORG")
_MODIFIERS = frozenset({"ADJF", "PRTF", "NUMR", "PREP", "NPRO", "ADJS"})


@lru_cache(maxsize=1)
def _not_someone() -> frozenset[str]:
    return narrative_lists()["never"] | cues.keys("status_not_someone")


def status_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate],
                     codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Nouns that a casualty code right after them, in the same case, makes someone (module docstring), as CALLSIGN
    candidates masked when unsure; ``codes`` are the spans of coded casualty terms, ``taken`` the entities so far."""
    if not codes:
        return []
    words = words_of(text, words)
    n = len(words)
    busy = covered(words, [t for t in taken if t.label in _PERSONAL])
    code_at = covered(words, [Candidate("CODE", s, e, 1.0, "") for s, e in codes])
    if words.has_upper:
        return []
    keys = words.keys
    out = []
    for i in range(n - 1):
        start, end, word = words[i]
        if not code_at[i + 1] or code_at[i] or busy[i] or text[end : words[i + 1][0]].strip():
            continue
        if len(keys[i]) < 3 or keys[i] in _not_someone():
            continue
        cases = _code_cases(keys[i + 1], language) - {"nomn"}
        if not cases or not _named(word, language, cases):
            continue
        if i + 2 < n and not text[words[i + 1][1] : words[i + 2][0]].strip() and qualified(words[i + 2][2], cases):
            continue  # "двохсотий рівень", "п'ятисотий день": the code is a number of the noun after it
        if i and any(p.tag.POS in _MODIFIERS and p.score >= 0.2 for p in readings(words[i - 1][2], language)[:2]) \
                and not text[words[i - 1][1] : start].strip():
            continue  # "нашему трёхсотому", "тому двухсотому": a modifier, not a name, stands before the code
        out.append(unsure_callsign(start, end, f"callsign: named by the casualty code after it ({UNSURE})",
                                   listed_callsign(word, language) or word[:1].upper() + word[1:]))
    return out


def _code_cases(key: str, language: str) -> frozenset[str]:
    """The cases a singular casualty code can be in ("пятисотому": dative; "трёхсотого": genitive, accusative); none
    when a reading is plural ("двохсотих", "трёхсотым": a count of the dead, not one man)."""
    found = [p for p in parses(key, language)[:4] if p.tag.POS in ("ADJF", "NOUN") and p.score >= 0.05]
    if not found or any(p.tag.number == "plur" for p in found):
        return frozenset()
    return frozenset(p.tag.case for p in found if p.tag.case)


def _named(word: str, language: str, cases: frozenset[str]) -> bool:
    """Whether ``word`` reads as an animate singular noun in one of ``cases``, or no dictionary knows it; never when
    either language reads it first as a closed-class word or an adjective."""
    key = word.lower()
    if any(found[0].tag.POS in CLOSED_CLASS or found[0].tag.POS in ("ADJF", "PRTF")
           for found in (known_readings(key, lang, 0.05) for lang in ("ru", "uk")) if found):
        return False
    known = known_readings(word, language, 0.05)
    if not known:
        return True
    return any(p.tag.POS == "NOUN" and p.tag.number != "plur" and p.tag.case in cases
               and "anim" in grammemes(p) for p in known)
