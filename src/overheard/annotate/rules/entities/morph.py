"""Readings of single words for the entity rules (pymorphy3, cached): patronymics, surnames, first names
the name lexicon lacks, grammatical case and gender, and nouns or adjectives that can be call signs."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from overheard.annotate.rules.entities.words import entity_cues
from overheard.annotate.rules.places import name_key
from overheard.names import PERSON_TAGS, NameForm
from overheard.text import fold, parses

_CASES = ("nomn", "datv", "gent", "accs", "ablt", "loct", "voct")


def grammemes(parse: Any) -> frozenset[str]:
    """The grammemes of a pymorphy3 parse."""
    return _tag_grammemes(str(parse.tag))


@lru_cache(maxsize=20_000)
def _tag_grammemes(tag: str) -> frozenset[str]:
    return frozenset(tag.replace(" ", ",").split(","))


@lru_cache(maxsize=100_000)
def patronymic(word: str, language: str) -> str | None:
    """Nominative of a patronymic ("Викторовичу" → "Викторович"), or None."""
    low = word.lower()
    for lang in (language, "ru" if language == "uk" else "uk"):
        for parse in parses(low, lang)[:3]:
            if "Patr" in grammemes(parse) and parse.is_known:
                nominative = parse.inflect({"nomn"})
                return nominative.word if nominative else parse.normal_form
    cues = entity_cues()
    male = cues.patronymic_male.search(low)
    female = cues.patronymic_female.search(low)
    top = parses(low, language)[0]
    if top.is_known and "Patr" not in grammemes(top) and top.score >= 0.2:
        return None  # "головне", "ровно": an ordinary word
    if (male or female) and len(low) > 6:
        match = male or female
        return low[: match.start(2) if match.group(2) else len(low)] + ("а" if female else "")
    return None


@lru_cache(maxsize=100_000)
def morph_name(word: str, language: str) -> list[NameForm]:
    """A first name the lexicon lacks but pymorphy3 tags ``Name`` ("Айгуль", "Жорик")."""
    cues = entity_cues()
    if len(word) < 3 or fold(word) in cues.not_person or fold(word) in cues.place_function_words:
        return []
    for lang in ("ru", "uk"):
        if any(p.is_known and p.tag.POS in ("NPRO", "PREP", "CONJ", "PRCL", "INTJ", "ADVB", "PRED")
               for p in parses(word.lower(), lang)[:4]):
            return []
    found = [p for p in parses(word.lower(), language)[:4] if p.score >= 0.05]
    names = [p for p in found if "Name" in grammemes(p) and p.tag.number != "plur"]
    if any("Surn" in grammemes(p) for p in found):
        return []  # "Петров" is a surname, not the plural of "Пётр"
    if not names or not (word[:1].isupper() or (names[0] is found[0] and names[0].is_known)):
        return []
    if any(p.is_known and p.score >= 0.2 and not (PERSON_TAGS & grammemes(p)) for p in found):
        return []
    top = names[0]
    gender = "f" if top.tag.gender == "femn" else "m"
    canonical = top.normal_form[:1].upper() + top.normal_form[1:]
    cases = frozenset(p.tag.case for p in names if p.tag.case and p.normal_form == top.normal_form)
    return [NameForm(canonical, canonical, gender, cases or frozenset({"nomn"}), "morph")]


@lru_cache(maxsize=100_000)
def surname(word: str, language: str) -> tuple[str, bool] | None:
    """(nominative, only_surname) when ``word`` can be a surname; only_surname: no other reading."""
    low = word.lower()
    found = [p for p in parses(low, language)[:4] if p.score >= 0.05]
    surn = [p for p in found if "Surn" in grammemes(p)]
    if surn:
        others = [p for p in found if p.is_known and not (PERSON_TAGS & grammemes(p)) and p.score >= 0.1]
        return surn[0].normal_form, not others
    if entity_cues().surname_endings.search(low):
        known = [p for p in found if p.is_known and not (PERSON_TAGS & grammemes(p))]
        if any(p.tag.POS in ("VERB", "INFN") and p.score >= 0.3 for p in known):
            return None  # a Ukrainian past tense ("дімка пішов", "сашко прийшов"), not a surname ending in -ов
        return low, not known
    return None


def case_of(word: str, readings: list[NameForm], prev: str, vocative_position: bool = False) -> str:
    """The grammatical case of a first-name form, using the preposition before it when it helps."""
    cases = set().union(*(r.cases for r in readings))
    wanted = entity_cues().case_by_preposition.get(prev)
    if wanted == "ablt" and "ablt" not in cases and "gent" in cases:
        wanted = "gent"
    if wanted in cases:
        return wanted
    if "voct" in cases and vocative_position:
        return "voct"
    for parse in parses(word.lower(), "ru"):
        if "Name" in grammemes(parse) and parse.tag.case in cases:
            return parse.tag.case
    for case in _CASES:
        if case in cases:
            return case
    return "nomn"


def gender(readings: list[NameForm], text: str, end: int) -> str:
    """The gender of a first name: the readings', else a feminine past verb right after it says "f"."""
    genders = {r.gender for r in readings}
    if len(genders) == 1:
        return genders.pop()
    after = text[end : end + 25].lower().split()
    if after and entity_cues().feminine_past.match(after[0]):
        return "f"
    return "m"


@lru_cache(maxsize=20_000)
def imperative(word: str) -> bool:
    """"Вика, продиктуй": a name before an imperative is someone addressed."""
    return any(p.tag.mood == "impr" and p.score > 0.3 for p in parses(word, "ru")[:2])


@lru_cache(maxsize=20_000)
def past_verb(word: str) -> bool:
    """Whether the best reading of ``word`` is a past-tense verb."""
    parse = parses(word, "ru")[0]
    return parse.tag.POS == "VERB" and parse.tag.tense == "past" and parse.score > 0.5


@lru_cache(maxsize=50_000)
def capitalised_common_noun(word: str, language: str) -> bool:
    """A known common noun (not a name, surname, place or abbreviation) - capitalised, it is a call sign."""
    if fold(word) in entity_cues().not_person or not word[1:].islower() or len(word) < 3:
        return False
    found = parses(word.lower(), language)[:3]
    top = found[0]
    if not top.is_known or top.tag.POS != "NOUN" or top.score < 0.3:
        return False
    return not any({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"} & grammemes(p) for p in found)


def nickname_adjective(word: str, following: str, language: str) -> bool:
    """A capitalised masculine adjective standing alone ("у меня Тихий", "Седой сказал"): a call sign.

    Not when a noun follows that it could qualify ("Красная площадь", "Новый год").
    """
    if fold(word) in entity_cues().not_person or not word[1:].islower() or len(word) < 4:
        return False
    found = parses(word.lower(), language)[:3]
    top = next((p for p in found if p.tag.POS == "ADJF" and {"masc", "sing", "nomn"} <= grammemes(p)), None)
    if top is None or not top.is_known or found[0].tag.POS != "ADJF":
        return False
    if following and following[:1].isalpha() and any(p.tag.POS == "NOUN" for p in parses(following, language)[:2]):
        return False
    return not ({"Name", "Surn", "Patr", "Geox"} & grammemes(top))


@lru_cache(maxsize=100_000)
def stem_key(word: str, language: str) -> str:
    """The folded lemma of a word (call signs recur in other cases: "Гром", "Грома")."""
    return fold(parses(word.lower(), language)[0].normal_form)


@lru_cache(maxsize=100_000)
def ordinary(word: str, language: str) -> bool:
    """Whether the word is most likely an ordinary dictionary word."""
    parse = parses(word.lower(), language)[0]
    return parse.is_known and parse.score > 0.5


def place_nominative(mention: str, language: str, indexed: str) -> str:
    """Nominative of a place mention: pymorphy's Geox lemma when it agrees, else the gazetteer name."""
    if " " not in mention:
        for lang in (language, "ru" if language == "uk" else "uk"):
            for parse in parses(mention.lower(), lang)[:4]:
                if "Geox" in grammemes(parse) and name_key(parse.normal_form) == name_key(indexed):
                    return parse.normal_form[:1].upper() + parse.normal_form[1:]
    return indexed


def ends_like_surname_case(word: str) -> bool:
    """An inflected -ов/-ев/-ин surname: "Гусева", "Белову", "Петриным"."""
    return bool(entity_cues().surname_case.search(fold(word)))
