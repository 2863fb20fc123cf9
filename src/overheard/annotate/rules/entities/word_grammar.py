"""The grammar of one word form, as the narrative rules read it (:mod:`.text_grammar`, :mod:`.person_slots`): its
singular noun or adjective readings in given cases, the part of speech of its likeliest reading, whether it may be a
number word, and whether a verb agrees with it. Each answer is remembered per form where the same word is read in many
texts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.slots import CLOSED_CLASS, readings
from overheard.annotate.rules.entities.word_facts import LATIN, NOMINAL
from overheard.text import parses

_NUMBER_KEYS = frozenset({"два", "две", "дві", "три", "четыре", "чотири", "пять", "п'ять", "шесть", "шість", "семь",
                          "сім", "восемь", "вісім", "девять", "дев'ять", "десять", "сорок", "сто", "двести", "двісті",
                          "триста", "тысяча", "тисяча", "девяносто", "дев'яносто"})
_NOT_ONE = frozenset({"один", "одна", "одно", "одне", "одного", "одному", "одним", "одной", "одній"})


@lru_cache(maxsize=50_000)
def nominal_readings(key: str, word: str, language: str, cases: frozenset[str], least: float) -> tuple:
    """The singular noun or adjective readings of a word (``key`` folded, ``word`` as written) in one of ``cases``,
    those below ``least`` unread; empty when its likely reading is a closed-class word, a plural or none of these (a
    Latin word reads as a noun of unknown gender: :class:`Foreign`)."""
    if LATIN.fullmatch(key):
        return tuple(Foreign(case) for case in sorted(cases))  # "reaper", "cobra": a Latin word is no Russian thing
    found = parses(key, language)[:6]
    if not any(p.is_known for p in found):
        found = readings(word, language)  # a word only the other language knows
    top = [p for p in found if p.score >= least]
    if not top or top[0].is_known and top[0].tag.POS in CLOSED_CLASS and not any(
            p.tag.POS == "NOUN" and p.tag.case in cases and p.score >= top[0].score for p in top):
        return ()  # "молот" stays a noun beside its short-adjective reading of the same weight
    if "datv" in cases and key.endswith(("ові", "еві", "єві")):
        cases = cases | {"loct"}  # "кленові": the Ukrainian dictionary tags some of these datives locative only
    out = [p for p in top if p.tag.POS in NOMINAL and p.tag.case in cases and p.tag.number != "plur"
           and "Apro" not in grammemes(p) and key not in _NOT_ONE]
    if not out and "nomn" in cases and key.endswith("ой") and all(
            p.tag.POS == "ADJF" and {"Qual", "Anum"} & grammemes(p) for p in top):
        # "малой", "второй": a masculine nominative the dictionary reads first as a feminine oblique case
        out = [p for p in parses(key, language) if p.tag.POS == "ADJF" and p.tag.case == "nomn"
               and p.tag.gender == "masc"][:1] or [p for p in parses(key[:-2] + "ый", language)[:2]
                                                   if p.tag.POS == "ADJF" and p.tag.case == "nomn"
                                                   and p.tag.gender == "masc"]
    return tuple(out)


def number_key(key: str) -> bool:
    """Whether a folded word may be a number word (a cheap test before the dictionary's: "двадцять", "сто")."""
    return key in _NUMBER_KEYS or key.endswith(("дцать", "дцять", "десят", "сот", "сто", "ста", "ьсот"))


@lru_cache(maxsize=50_000)
def top_pos(key: str, language: str) -> str | None:
    """The part of speech of a folded word's likeliest reading."""
    found = parses(key, language)[:1]
    return found[0].tag.POS if found else None


def agrees(verb, nouns: list) -> bool:
    """Whether ``verb`` agrees with one of the singular ``nouns``: a past verb of its gender, or a third-person
    singular."""
    if verb.tag.number == "plur":
        return False
    if verb.tag.tense == "past":
        return any(n.tag.gender is None or "ms-f" in grammemes(n) or verb.tag.gender == n.tag.gender for n in nouns)
    return verb.tag.person == "3per"


@dataclass(frozen=True)
class Foreign:
    """A Latin word read as a noun of unknown gender in ``case`` (a pymorphy3 parse's fields these rules read)."""

    case: str

    @property
    def tag(self) -> Foreign:
        """Itself: it carries a tag's fields."""
        return self

    POS = "NOUN"
    gender = None
    number = "sing"
    is_known = False

    def __str__(self) -> str:
        return f"NOUN,LATN {self.case}"
