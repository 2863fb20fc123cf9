"""Readings of single words for the entity rules (pymorphy3, cached): patronymics, surnames, first names
the name lexicon lacks, grammatical case and gender, and nouns or adjectives that can be call signs."""

from __future__ import annotations

import re
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


@lru_cache(maxsize=100_000)
def surname_reading(word: str, language: str) -> bool:
    """Whether pymorphy3 reads ``word`` as a surname among its likely readings ("коваля", "мельник"), whatever else it
    may be (a smith, a miller)."""
    return any("Surn" in grammemes(p) for p in parses(word.lower(), language)[:4] if p.score >= 0.05)


@lru_cache(maxsize=100_000)
def common_word(word: str, language: str) -> bool:
    """Whether ``word`` is an ordinary word that only ends like a surname: a known word, no name or surname among its
    readings, read best as an adverb, a short adjective, a verb, a numeral or a pronoun ("готов", "знову", "один"), or
    as
    an inanimate, neuter or plural noun ("магазин", "молоко", "пацанов"), or a pronominal, numeral or qualitative
    adjective ("один", "новой"); a relative adjective stays a possible surname ("сосновского")."""
    found = [p for p in parses(word.lower(), language)[:4] if p.score >= 0.05]
    if not (found and found[0].is_known):  # a function word of the other language ("знову" in a text read as Russian)
        found = [p for p in parses(word.lower(), "uk" if language == "ru" else "ru")[:4] if p.score >= 0.05]
        if found and found[0].tag.POS in ("NOUN", "ADJF"):
            return False  # "гузко" is a Ukrainian vocative of a noun, and a surname in Russian text
    if not found or not found[0].is_known or found[0].score < 0.3:
        return False
    if any(p.tag.POS in ("NPRO", "PREP", "CONJ", "PRCL", "INTJ") and p.score >= 0.3
           for p in parses(word.lower(), language)[:12]):
        return True  # "мені", "вона": the Ukrainian dictionary also reads them as rare surnames, all scored alike
    top, tags = found[0], grammemes(found[0])
    if PERSON_TAGS & tags:
        return False
    if top.tag.POS not in ("NOUN", "ADJF"):
        return True  # a pronoun, an adverb, a verb ("мені", "вона" have a rare surname reading too)
    thing = top.tag.POS == "NOUN" and bool({"inan", "neut", "plur"} & tags) and "voct" not in tags and not (
        "inan" in tags and all(p.tag.case == "gent" for p in found if p.tag.POS == "NOUN"))  # "лапин" (of "лапина")
    if thing and top.score >= 0.5 and language == "ru":
        return True  # "блок", "машиной": a thing first, whatever rare surname the dictionary also knows
    if any(PERSON_TAGS & grammemes(p) for p in found):
        return False
    if top.tag.POS == "NOUN":  # a vocative of a thing is no ordinary word ("гузко" read as a Ukrainian vocative)
        return thing
    return bool({"Apro", "Anum", "Qual"} & tags)  # "один", "новой"; not "сосновского"


@lru_cache(maxsize=100_000)
def animate_noun(word: str, language: str) -> bool:
    """Whether pymorphy3 reads ``word`` best as a singular animate noun that is no kinship, role or never-a-person word
    and no ordinary word ("кот", "ткач" after a first name are a surname)."""
    if fold(word) in entity_cues().speaker_roles or common_word(word, language):
        return False
    top = parses(word.lower(), language)[0]
    return top.is_known and top.tag.POS == "NOUN" and {"anim", "sing"} <= grammemes(top)


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


_SURNAME_FORM = re.compile(r"^(.{2,}?(?:ов|ев|ин|ын|ск|цк|ук|юк|ич|ко))"
                           r"(?:а|у|ым|им|ом|ем|е|ой|ою|ої|ій|ий|ый|ая|ую|ого|ому|ові|еві|і|и|ы)?$")


@lru_cache(maxsize=100_000)
def surname_key(word: str) -> str | None:
    """The stem of a surname-shaped word, the same in every case ("Шмырков", "Шмыркова", "Шмырковым" → "шмырков";
    "Колпинська", "Колпинского" → "колпинск"), or None when the word is not shaped like a surname."""
    found = _SURNAME_FORM.match(fold(word).replace("ь", ""))
    return found.group(1) if found and len(word) >= 4 else None


def ends_like_surname_case(word: str) -> bool:
    """An inflected -ов/-ев/-ин surname: "Гусева", "Белову", "Петриным"."""
    return bool(entity_cues().surname_case.search(fold(word)))
