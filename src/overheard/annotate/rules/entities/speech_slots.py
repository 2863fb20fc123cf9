"""Fail-closed slots of lower-case (speech-to-text) calls: a word standing where a call sign or a name stands is
masked even when no list knows it (ANNOTATION.md, Personal data; branch callsign18, beside :mod:`.slots`).

Speech-to-text writes no capital and no comma, so the slots are read from the words around:

- **a name form opening a call** ("коль я тебе унты отправила", "алло серый это я", "любо ми з мирнограда"), **a
  speaker naming themselves** after "это"/"це" ("алло тато це влад", "отец дмитрий это вера из шебекино") and **a name
  addressed in reported speech** ("я ему говорю кость ну не возвращайся"): a first name the lexicon knows, even one
  that is also a word, or a nickname of the list; a person;
- **the station reporting** at the start of a line: "док на точке два трёхсотых" (in any call between soldiers),
  "алтай у нас" (in radio traffic only: "ипотека у нас семь процентов" is no station);
- **a caller and a callee** opening a radio line, the callee in the dative ("шаман сове птица висит");
- **an ordinal standing for a station** that acts ("первый не отвечает", "второй на связи"; not "первый раз");
- **a bare noun acting** at the start of a clause of a call between soldiers ("ворон по днепрянам работает",
  "короче лесник отработал", "сармат сам видел"), an animate noun, a place name or a word no dictionary knows, and
  in any text one of a group that acts ("бархан с ребятами попали", "борзый с шамилем опять поцапались").

Masked when unsure, and each explanation names the slot. The cue words are data (``entity_cues.yaml``:
``slot_clause_openers``, ``slot_report_places``, ``slot_said_to_verbs``, ``address_next``, ``call_openers``).
"""

from __future__ import annotations

from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign, unsure_person
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.slots import (
    CLOSED_CLASS,
    UNSURE,
    dative,
    ordinal,
    personal_words,
    readings,
    slot_lists,
    slot_word,
    talk_kind,
)
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.annotate.rules.words import Words, words_of
from overheard.names import name_lexicon
from overheard.text import parses

UNSURE_NAME = "fail closed: masked because it stands where a name stands"
_THIS = frozenset({"это", "це"})
_WITH = frozenset({"с", "со", "з", "із", "зі"})


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset]:
    cue = entity_cues()
    return {
        # words that may stand before the name opening a call: greetings and kinship or endearment vocatives
        "before_name": cues.keys("call_openers", "endearments") | cue.not_person | cue.speaker_roles,
        "address_next": cues.keys("address_next"),
        "said_to": cues.keys("slot_said_to_verbs"),
        "openers": cues.keys("slot_clause_openers"),
        "radio_nouns": cues.keys("radio_nouns"),
        "on_air": cues.keys("call_openers") | {"прием", "прийом"},
        "reports": frozenset(cues.phrases("radio_self_report")),
        "places": frozenset(cues.phrases("slot_report_places")),
    }


def speech_slots(text: str, words: list[Word], language: str, taken: list[Candidate],
                 codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Names and call signs in the slots of a lower-case text that ``taken`` leaves readable, masked when unsure
    (module docstring); ``codes`` are the spans of coded casualty terms. A text with a capital letter has none."""
    words = words_of(text, words)
    n = len(words)
    if n < 2 or words.has_upper:
        return []
    kind = talk_kind(words, codes)
    personal = personal_words(words, taken)
    named: list[int] = []
    picked: dict[int, str] = {}
    gates = _Gates(words)
    for i in range(n):
        if gates.may_be_named(i) and _named_here(words, i, personal):
            named.append(i)
        elif kind and i <= gates.line_start and _reporting(words, i, language, radio=kind == "radio"):
            picked[i] = "the station called before what it reports, opening a lower-case line"
        elif kind and _ordinal_station(words, i, language):
            picked[i] = "an ordinal standing for a station, acting"
        elif gates.may_act(i) and _acting(words, i, language, soldiers=bool(kind)):
            picked[i] = "a bare noun acting at the start of a clause"
    if kind == "radio":
        picked.update(_header(words, language))
    out = [unsure_person(words[i][0], words[i][1], f"person: a name form where a call opens or a speaker is named "
                                                   f"({UNSURE_NAME})", words[i][2].capitalize())
           for i in named if not personal[i]]
    out += [unsure_callsign(words[i][0], words[i][1], f"callsign: {why} ({UNSURE})",
                            listed_callsign(words[i][2], language) or words[i][2].capitalize())
            for i, why in sorted(picked.items()) if not personal[i] and i not in named]
    return out


class _Gates:
    """What each slot test needs before it reads a word's grammar, read once per text (most words have none of it):
    :func:`_named_here` a first name or a nickname, :func:`_reporting` a word at the start of the line (past
    "приём"/"алло"), :func:`_acting` a word after it and a clause opener or the text's start before it, or "сам"
    after it."""

    def __init__(self, words: Words) -> None:
        self.keys = words.keys
        self.n = len(words)
        lists = _lists()
        self.openers = lists["openers"]
        # the first word that is no "приём"/"алло": a line's station stands no later
        self.line_start = next((k for k, key in enumerate(self.keys) if key not in lists["on_air"]), self.n)
        self.forms = name_lexicon().forms
        self.nicknames = entity_cues().nicknames

    def may_be_named(self, i: int) -> bool:
        """What :func:`_named_here` asks first: the word is a form of the name lexicon or a nickname of the list."""
        key = self.keys[i]
        return bool(self.forms.get(key)) or key in self.nicknames

    def may_act(self, i: int) -> bool:
        """What :func:`_acting` asks first: a word follows, and the text's start or a clause opener stands before
        (or "сам" after)."""
        keys = self.keys
        return i + 1 < self.n and (i == 0 or keys[i - 1] in self.openers or keys[i + 1] == "сам")


def _named_here(words: Words, i: int, personal: list[bool]) -> bool:
    """Whether word ``i`` is a name form opening a call before an address, naming the speaker after "это"/"це" at the
    start of the call, or addressed after "я говорю" (module docstring)."""
    keys = words.keys
    key = keys[i]
    lists = _lists()
    lexicon = bool(name_lexicon().lookup_key(key))
    if not (lexicon or key in entity_cues().nicknames) or key in slot_lists()["never"]:
        return False
    nxt = keys[i + 1] if i + 1 < len(words) else ""
    first = i
    while first > 0 and i - first < 3 and keys[first - 1] in lists["before_name"]:
        first -= 1
    if first == 0 and nxt in lists["address_next"]:
        return True  # "коль я тебе", "алло серый это я", "любо ми з мирнограда"
    if i and keys[i - 1] in _THIS and lexicon:  # a first name, not a nickname adjective ("это лысый мужик стоял")
        first = i - 1
        while first > 0 and i - 1 - first < 3 and (keys[first - 1] in lists["before_name"] or personal[first - 1]):
            first -= 1  # "отец дмитрий это вера из шебекино": past the one called
        return first == 0  # "алло тато це влад"
    return i > 0 and keys[i - 1] in lists["said_to"] and nxt in lists["address_next"]


def _reporting(words: Words, i: int, language: str, radio: bool) -> bool:
    """Whether word ``i`` opens the line (past "приём"/"алло") as the station called before what it reports: where it
    is ("док на точке"), or, in radio traffic, what it has ("алтай у нас")."""
    keys = words.keys
    lists = _lists()
    first = i
    while first > 0 and keys[first - 1] in lists["on_air"]:
        first -= 1
    pair = tuple(keys[i + 1 : i + 3])
    if first != 0 or not (pair in lists["places"] or radio and pair in lists["reports"]):
        return False
    return keys[i] not in lists["radio_nouns"] and slot_word(words[i][2], keys[i], language, adjective=False,
                                                              nominative=True)


def _header(words: Words, language: str) -> dict[int, str]:
    """A radio line opening with the caller and the callee in the dative ("шаман сове птица висит")."""
    keys = words.keys
    nouns = _lists()["radio_nouns"]
    if len(words) < 3 or keys[0] in nouns or keys[1] in nouns or not dative(words[1][2], language) \
            or not slot_word(words[0][2], keys[0], language, adjective=False, nominative=True) \
            or not slot_word(words[1][2], keys[1], language, adjective=False) \
            or any(p.tag.POS == "PREP" for p in parses(keys[2], language)[:1]):
        return {}
    why = "the caller and the callee opening a radio line"
    return {0: why, 1: why}


def _ordinal_station(words: Words, i: int, language: str) -> bool:
    """Whether word ``i`` is a bare masculine ordinal in the nominative that acts ("первый не отвечает", "второй на
    связи"), not one that counts the noun after it ("первый раз")."""
    keys = words.keys
    if i + 1 >= len(words) or not ordinal(keys[i], language) or i and _qualifier(keys[i - 1], language):
        return False
    if not any({"Anum", "masc", "nomn"} <= grammemes(p) and p.score >= 0.2 for p in parses(keys[i], language)[:2]):
        return False
    j = i + 2 if keys[i + 1] == "не" else i + 1
    return j < len(words) and (_verb(keys[j], language) or tuple(keys[i + 1 : i + 3]) in _lists()["reports"])


def _acting(words: Words, i: int, language: str, soldiers: bool) -> bool:
    """Whether word ``i`` is a bare singular noun opening a clause (the text, after a clause opener, or before "сам")
    as the subject of the verb after it (module docstring)."""
    keys = words.keys
    n = len(words)
    lists = _lists()
    if i + 1 >= n or i and keys[i - 1] not in lists["openers"] and not (
            keys[i + 1] == "сам" and not _qualifier(keys[i - 1], language)):
        return False
    top = _bare_noun(words[i][2], keys[i], language)
    if not top:
        return False
    j = i + 1
    if keys[j] in _WITH and j + 2 < n and _with_people(words[j + 1][2], language) and any(
            _verb(keys[k], language, plural=True) for k in range(j + 2, min(n, j + 4))):
        return True  # "бархан с ребятами попали", "борзый с шамилем опять поцапались": one of a group that acts
    animate = any(p.tag.POS == "NOUN" and ({"anim", "Geox"} & grammemes(p) or not p.is_known) for p in top)
    if not (animate and soldiers):
        return False
    if keys[j] == "сам":
        return True
    while j < n and j < i + 4 and not _verb(keys[j], language):
        if j == i + 1 and not any(p.tag.POS == "PREP" for p in parses(keys[j], language)[:2]):
            return False  # only a preposition's phrase may stand between ("ворон по днепрянам работает")
        j += 1
    return j < n and j < i + 4 and _verb(keys[j], language)


@lru_cache(maxsize=50_000)
def _bare_noun(word: str, key: str, language: str) -> tuple:
    """The top reading of a word that :func:`_acting` may read as a bare subject (a singular noun or adjective in the
    nominative that fills a slot; no radio, soldier or role word), else ``()``; remembered per word."""
    lists = _lists()
    if key in lists["radio_nouns"] or key in slot_lists()["soldier"] or key in entity_cues().speaker_roles:
        return ()
    top = [p for p in readings(word, language) if p.score >= 0.1 and "Surn" not in grammemes(p)][:1]
    if not any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case in ("nomn", None) and p.tag.number != "plur" for p in top) \
            or any(p.tag.POS in CLOSED_CLASS and p.score >= 0.3 for p in top if p.is_known) \
            or not slot_word(word, key, language, nominative=True):
        return ()
    return tuple(top)


@lru_cache(maxsize=50_000)
def _qualifier(key: str, language: str) -> bool:
    """A word that makes the noun after it a common noun ("наш", "этот", "в", "два")."""
    return any(p.tag.POS in ("ADJF", "NPRO", "PREP", "NUMR", "PRTF") or {"Apro", "Anum"} & grammemes(p)
               for p in parses(key, language)[:2] if p.score >= 0.2)


@lru_cache(maxsize=50_000)
def _verb(key: str, language: str, plural: bool = False) -> bool:
    """A finite verb in the third person or the past ("работает", "отработал"; plural ones with ``plural``)."""
    return any(p.tag.POS == "VERB" and p.score >= 0.3 and p.tag.person not in ("1per", "2per")
               and (not plural or p.tag.number == "plur") for p in parses(key, language)[:2])


def _with_people(word: str, language: str) -> bool:
    """A name or a noun for people in the instrumental ("с ребятами", "з хлопцями", "с шамилем")."""
    return bool(name_lexicon().lookup(word)) or any(
        p.tag.POS == "NOUN" and p.tag.case == "ablt" and "anim" in grammemes(p) and p.score >= 0.1
        for p in readings(word, language))
