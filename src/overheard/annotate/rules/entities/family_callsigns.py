"""Call signs a family call uses as names, in lower-case ASR text (ANNOTATION.md, Personal data, CALLSIGN; issue 17,
blind round 10: "вчера только шамана зацепило", "кедр сам в блиндаже сидит", "а ворон трьохсотий", "дальше шаман
сказал", "мам ну шаман помнишь ... он теперь в плену").

A word of the call-sign list is a call sign when the text treats it as a person: it is the bare subject (no
adjective or pronoun before it) of a speech verb or of "сам"/"сама", it carries a casualty status ("трёхсотый",
"в плену"), or it is the object of an impersonal casualty verb ("зацепило", "ранило"). The words a family call uses
plainly ("дед", "батя", "доктор": ``ordinary_callsign_words``) never are. Masked when unsure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.word_facts import word_facts_of
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.annotate.rules.words import words_of
from overheard.text import fold, parses

UNSURE = "masked when unsure"
_SELF_WORDS = frozenset({"сам", "сама"})
_QUALIFIERS = frozenset({"ADJF", "PRTF", "NPRO", "PREP", "NUMR"})


@lru_cache(maxsize=1)
def _status() -> re.Pattern[str]:
    """A casualty status said of a person right after the name ("ворон трьохсотий", "шаман в плену")."""
    return re.compile(r"^(?:двухсот|двохсот|тр[её]хсот|трьохсот|пятисот|п'ятисот|ранен|поранен|убит|вбит|погиб|"
                      r"загинув|загинул|контужен|пропал|зник)")


@lru_cache(maxsize=1)
def _impersonal() -> re.Pattern[str]:
    """Impersonal casualty verbs whose object is a person ("шамана зацепило", "ворона поранило")."""
    return re.compile(r"^(?:зацепил|зачепил|ранил|поранил|убил|вбил|контузил|затр[её]хсотил|задвухсотил|"
                      r"затрьохсотил|накрыл|накрил|придавил|посекл)о$")


def family_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Listed call-sign words a lower-case text uses as a person's name (see the module docstring)."""
    words = words_of(text, words)
    if words.has_upper:
        return []
    plain = cues.keys("ordinary_callsign_words")
    speech = entity_cues().speech_verbs
    out = []
    keys = words.keys
    facts = word_facts_of(words, language)
    for i, (start, end, word) in enumerate(words):
        listed = facts[i].listed_callsign
        if listed is None or fold(listed) in plain or keys[i] in entity_cues().speaker_roles:
            continue
        if any(t.overlaps(start, end) and t.label in ("PER", "CALLSIGN", "PHONE", "UNIT") for t in taken):
            continue
        readings = [p for p in parses(word.lower(), language)[:4] if p.score >= 0.05]
        nouns = [p for p in readings if p.tag.POS == "NOUN" and p.tag.number != "plur"]
        if not nouns:
            continue
        prev = keys[i - 1] if i else ""
        if prev and any(p.tag.POS in _QUALIFIERS and p.score >= 0.2 for p in parses(prev, language)[:2]):
            continue  # "наш шаман", "в тумане", "этот кедр": a common noun
        nxt = keys[i + 1] if i + 1 < len(words) else ""
        after = keys[i + 2] if i + 2 < len(words) else ""
        nominative = any(p.tag.case == "nomn" for p in nouns)
        why = None
        if nominative and (nxt in speech or nxt in _SELF_WORDS):
            why = "the subject of a speech verb or of \"сам\""
        elif nominative and (_status().match(nxt) or nxt in ("в", "у") and after in ("плену", "полоні", "полон")):
            why = "said to be a casualty"
        elif nominative and any("anim" in grammemes(p) for p in nouns) and _you_verb(nxt, language):
            why = "named before a question to the listener (\"шаман помнишь\")"
        elif _impersonal().match(prev) or _impersonal().match(nxt):
            if any(p.tag.case in ("accs", "gent") for p in nouns) and any("anim" in grammemes(p) for p in nouns):
                why = "the object of a casualty verb"
        if why:
            out.append(Candidate("CALLSIGN", start, end, 0.6, f"callsign: listed word {why} ({UNSURE})",
                                 {"normal": listed}, leak_first=True))
    return out


def _you_verb(word: str, language: str) -> bool:
    """A second-person singular verb ("помнишь", "знаешь", "пам'ятаєш")."""
    return any(p.tag.POS == "VERB" and p.tag.person == "2per" and p.score >= 0.3 for p in parses(word, language)[:2])
