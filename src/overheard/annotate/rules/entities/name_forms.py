"""Names and surnames in forms the other rules read as ordinary words (ANNOTATION.md, Personal data: PER in every case
form; branch names29, DEV leaks read by hand):

- **a Ukrainian possessive or plural genitive in -ів/-їв** (:func:`possessive_surnames`): "Степанів брат" (Stepan's
  brother), "були у Мельників" (at the Melnyks'), "Гнатюків син". The dictionary reads these as possessive adjectives
  of a common noun ("мельників": the miller's) or not at all. The word is someone when what it is made from is a first
  name of the lexicon ("Степан", "Петро", "Андрій"), in any capitalisation, or, written with a capital inside a
  sentence, a word the dictionary also knows as a surname ("мельник", "бондар", "гнатюк"); a place named so
  ("Харків", "Борщів") is left to the places, but not one the gazetteer matched by the stem (Мельниково).
- **a lower-case surname or first name in a list** (:func:`listed_surnames`): a word joined by "и"/"і"/"та"/"й" to a
  name or call sign already masked, which the dictionary knows as a surname ("кабанов и ляхов", "петренко сидоренко і
  ткач"), or joined so or by "с"/"з" to one, a first name of the lexicon the dictionary reads first as a name though
  the lexicon lists it as ambiguous ("макс с вованом", "вован и макс"; "роман", "вера" read first as words); a
  plural of a person noun ("пацанов") has no surname reading and stays, and so does a word :func:`.morph.common_word`
  reads as ordinary ("мені", "вона": rare surnames of the Ukrainian dictionary). A comma alone does not join: it
  also sets an address off from what follows ("Галю, горе у нас").
- **a surname opening a sentence** (:func:`opening_surnames`): in a cased text a capital letter says nothing of the
  first word of a sentence, and the dictionary reads "Рыбаков", "Поваров", "Матросов" first as the genitive plural of
  a common noun ("рыбак", "повар", "матрос"). The word is someone when it also reads as a surname in the nominative
  and the clause after it makes it a singular subject: its first verb, short participle or predicate adjective
  agrees with the surname's gender and number ("Поваров ранен", "Дьяков с нами был", "Саввинов двухсотый"), or no
  verb follows, only a phrase of place or state ("Рыбаков в плену", "Матросов у нас за старшего"). A word of amount
  or absence in the clause ("Медиков ноль", "Дронов нет"), a plural verb ("Зайцев набили") or a verb of another
  gender ("Огурцов ... закатала") keeps the common noun; so do words for the enemy, peoples and kin ("Хохлов
  положил"), and a word a rule read as a place.
- **surnames counted after a casualty code** (:func:`counted_surnames`): in a report the words after a casualty code
  and its count are the men counted ("трёхсотых двое поваров и дьяков", "двухсотые один рыбаков второй котов",
  "200 один матросов"), though the dictionary reads "поваров" as the genitive plural the count governs:
  each word of the run after the count that also reads as a surname in the nominative is masked, through "и" and
  ordinals ("второй"); a word with no surname reading ("пацанов", "хохлов") ends the run.

Added by names31 (DEV leaks read by hand and classes of the sealed rounds' PER leaks named in the brief):

- **an opening surname no dictionary knows** (:func:`opening_surnames`): a Buryat, Dagestani or Chechen surname the
  dictionary lacks ("Цыдыпов", "Межиев") gets the gender of its nominative ending (-ов/-ев/-ин/-ын, -ова/-ева/-ина/-ына)
  and is read as the rule above reads a known one ("Цыдыпов погиб", "Межиев в плену").
- **a feminine word that is a man's surname** (:func:`opening_surnames`): a word opening a sentence that is a feminine
  noun with no masculine common reading and that the dictionary also knows as a man's surname ("Лисиця", "Сорока") is
  the man when the first predicate of its clause is masculine ("Лисиця поранений"); a phrase of place is not enough
  here ("Сорока в полоні" stays). A Ukrainian predicate agrees with no singular mark (the dictionary writes none).
- **a surname after a demonstrative** (:func:`demonstrated_surnames`): a lower-case word shaped like a surname right
  after "этого"/"того"/"цього"/... that reads as a surname in a case the demonstrative stands in ("у этого сидорова",
  "в того ковальчука"); an ordinary word ("этого козла", "этих дронов") stays.

Each is masked when unsure, and the explanation says so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate, overlap_test, unsure_person
from overheard.annotate.rules.entities.morph import common_word, grammemes, surname_key, surname_reading
from overheard.annotate.rules.entities.words import Word, entity_cues, sentence_start
from overheard.annotate.rules.words import Words, words_of
from overheard.names import name_lexicon
from overheard.text import fold, parses

UNSURE = "masked when unsure"
_POSSESSIVE = ("ів", "їв")
_JOINS = frozenset({"и", "і", "та", "й"})  # "кабанов и ляхов"
_WITH = frozenset({"с", "со", "з", "із", "зі"})  # "макс с вованом": a first name only ("у Софійки з української")
_PERSONAL = ("PER", "CALLSIGN")
_SPACES = re.compile(r"\s+")
_CLAUSE_BREAK = re.compile(r"[,.!?;:—–()«»\"\n…]")
_DASHES = frozenset({"—", "–", "-"})
_CLAUSE_WORDS = 8  # how far the clause after an opening word is read for its predicate


def possessive_surnames(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Ukrainian possessives and plural genitives in -ів/-їв of a first name or a surname (module docstring)."""
    words = words_of(text, words)
    out = []
    for i, key in enumerate(words.keys):
        if len(key) < 5 or not key.endswith(_POSSESSIVE):
            continue
        start, end, word = words[i]
        if any(t.overlaps(start, end) and (t.label in _PERSONAL or _named_so(t, key)) for t in taken):
            continue
        if _first_name_stem(key):
            out.append(unsure_person(start, end, f"person: a possessive of a first name ({UNSURE})", word))
            continue
        capital = word[:1].isupper() and word[1:].islower()
        if not capital or sentence_start(text, words, i) or language != "uk" and not _ukrainian_possessive(key):
            continue
        if surname_reading(key[:-2], "uk") and (_ukrainian_possessive(key) or surname_reading(key, "uk")):
            out.append(unsure_person(start, end, f"person: a possessive or plural of a surname ({UNSURE})", word))
    return out


def listed_surnames(text: str, words: list[Word], language: str, chosen: list[Candidate]) -> list[Candidate]:
    """Lower-case surnames joined to a name or call sign already masked (module docstring)."""
    words = words_of(text, words)
    keys, n = words.keys, len(words)
    found = [c for c in chosen if c.label in _PERSONAL]
    if not found or not words.has_lower or (_JOINS | _WITH).isdisjoint(words.key_set):
        return []
    never = entity_cues().speaker_roles
    out = []
    held = overlap_test((c.start, c.end) for c in chosen)
    for i in range(n):
        start, end, word = words[i]
        if len(word) < 4 or not word.islower() or keys[i] in never or held(start, end):
            continue
        joins = [j for j in (i - 1, i + 1) if 0 <= j < n and _joined(text, words, i, j, found)]
        if not joins:
            continue
        if surname_reading(word, language) and not common_word(word, language) and any(
                keys[j] in _JOINS for j in joins):
            out.append(unsure_person(start, end, f"person: a surname in a list of names ({UNSURE})", word))
        elif _name_first(keys[i], language):
            out.append(unsure_person(start, end, f"person: a first name in a list of names ({UNSURE})", word))
    return out


@lru_cache(maxsize=20_000)
def _name_first(key: str, language: str) -> bool:
    """Whether a folded word is a first-name form of the lexicon whose likeliest reading in the dictionary is a name
    ("макс", "рома"), though the lexicon lists it as ambiguous; "роман", "вера", "коли" read first as words."""
    found = parses(key, language)[:1]
    return bool(name_lexicon().lookup(key)) and bool(found) and "Name" in grammemes(found[0])


def _first_name_stem(key: str) -> bool:
    """Whether a word in -ів/-їв is made from a first name of the lexicon ("степанів", "петрів", "андріїв")."""
    lexicon = name_lexicon()
    stem = key[:-2]
    for base in (stem, stem + "о", stem + "ь", stem + "й"):
        if len(base) >= 3 and not lexicon.is_ambiguous(base) and any(
                "nomn" in form.cases and fold(form.variant) == base for form in lexicon.lookup(base)):
            return True  # the name itself, not a case form of another ("Героїв" is no "Геро")
    return False


def _ukrainian_possessive(key: str) -> bool:
    """Whether the Ukrainian dictionary reads the word as a possessive adjective made from a noun ("мельників")."""
    return any(p.tag.POS == "ADJF" and p.normal_form == key for p in parses(key, "uk")[:2])


def _named_so(c: Candidate, key: str) -> bool:
    """Whether a candidate is a place whose name is the word itself ("Харків", "Борщів"), not one the gazetteer
    matched by its stem ("у Мельників" is at the Melnyks', not in Мельниково)."""
    return c.label == "LOC" and fold(str(c.attributes.get("normal") or "")) == key


def _joined(text: str, words: Words, i: int, j: int, found: list[Candidate]) -> bool:
    """Whether word ``j`` beside word ``i`` is "и"/"і"/"та"/"й" or "с"/"з", with spaces around it and a masked name
    or call sign past it ("кабанов и ляхов", "макс с вованом")."""
    k = j + (j - i)
    if words.keys[j] not in _JOINS and words.keys[j] not in _WITH or not 0 <= k < len(words) or not any(
            c.start <= words[k][0] and words[k][1] <= c.end for c in found):
        return False
    lo, hi = min(i, k), max(i, k)
    return bool(_SPACES.fullmatch(text[words[lo][1] : words[j][0]]) and _SPACES.fullmatch(
        text[words[j][1] : words[hi][0]]))


def opening_surnames(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Capitalised words opening a sentence of a cased text that read as a surname in the nominative and the clause
    after them makes a singular subject (module docstring); ``taken`` are the candidates found so far (a word one of
    them covers, a place included, is left to it)."""
    words = words_of(text, words)
    if not (words.has_upper and words.has_lower):
        return []
    out = []
    for i, (start, end, word) in enumerate(words):
        if len(word) < 4 or not (word[:1].isupper() and word[1:].islower()) or not sentence_start(text, words, i):
            continue
        gender = _surname_gender(words.keys[i], language)
        if any(t.overlaps(start, end) for t in taken):
            continue
        if gender is not None and _clause_subject(text, words, i, language, gender):
            out.append(unsure_person(start, end, "person: a surname opening a sentence, the subject of its clause "
                                                 f"({UNSURE})", word))
        elif gender is None and _feminine_word_male_surname(words.keys[i], language) and _clause_subject(
                text, words, i, language, "masc", verb_only=True):
            out.append(unsure_person(start, end, "person: a feminine word opening a sentence with a masculine "
                                                 f"predicate, a man's surname ({UNSURE})", word))
    return out


@lru_cache(maxsize=20_000)
def _surname_gender(key: str, language: str) -> str | None:
    """The gender of the nominative singular surname reading of a folded word ("рыбаков": masc), None when it has
    none, when a place reading comes first, when a common reading is a nominative singular too (then the grammar of
    the clause cannot tell them apart), or when it is a word for the enemy, a people or kin ("хохлов")."""
    if key in _not_surnames():
        return None
    found = [p for p in parses(key, language)[:4] if p.score >= 0.05]
    if found and not any(p.is_known for p in parses(key, language)[:8]):
        return _unknown_surname_gender(key)  # "Цыдыпов", "Межиев": the dictionary's guesses say nothing
    if not found or "Geox" in grammemes(found[0]) or any(
            p.tag.case == "nomn" and p.tag.number != "plur" and not {"Surn", "Name", "Patr"} & grammemes(p)
            for p in found):
        return None  # a common reading that can be the subject itself ("Староста каже", "Капітан наказав")
    for p in found:
        if "Surn" in grammemes(p) and p.tag.case == "nomn" and p.tag.number != "plur" \
                and p.tag.gender in ("masc", "femn"):
            return p.tag.gender
    return None


_UNKNOWN_SURNAME = re.compile(r"^[^\W\d_]{3,}(?:(ов|ев|ин|ын)|(ова|ева|ина|ына))$")


def _unknown_surname_gender(key: str) -> str | None:
    """The gender a word no dictionary knows takes from a surname's nominative ending ("цыдыпов", "межиев": masc;
    "цыдыпова": femn), None when it has none (Buryat, Dagestani and Chechen surnames the dictionary lacks)."""
    found = _UNKNOWN_SURNAME.match(key.replace("ё", "е"))
    if found is None:
        return None
    return "masc" if found.group(1) else "femn"


@lru_cache(maxsize=20_000)
def _feminine_word_male_surname(key: str, language: str) -> bool:
    """Whether a folded word is a feminine noun in the nominative that the dictionary also knows as a man's surname,
    with no masculine common reading ("лисиця", "сорока", "ворона"; not "староста", "суддя", of either gender):
    with a masculine predicate it can only be the man ("Лисиця поранений", "Ворона пропал")."""
    if key in _not_surnames():
        return False
    found = [p for p in parses(key, language)[:6] if p.score >= 0.05 or language == "uk"]
    common = [p for p in found if not {"Surn", "Name", "Patr"} & grammemes(p) and p.tag.POS == "NOUN"]
    surn = any("Surn" in grammemes(p) and p.tag.gender == "masc" and p.tag.case == "nomn" for p in found)
    return surn and any(p.tag.gender == "femn" and p.tag.case == "nomn" for p in common) and not any(
        "masc" in grammemes(p) or "ms-f" in grammemes(p) for p in common)


@lru_cache(maxsize=1)
def _not_surnames() -> frozenset[str]:
    return cues.keys("side_enemy", "ethnic_nicknames", "narrative_person_nouns")


def _clause_subject(text: str, words: Words, i: int, language: str, gender: str, verb_only: bool = False) -> bool:
    """Whether the clause after word ``i`` makes it a singular subject of ``gender``: its first predicate agrees, or
    (unless ``verb_only``) it has none and opens with a preposition; a word of amount or absence rules it out."""
    n, first = len(words), i + 1
    if first >= n:
        return False
    gap = text[words[i][1] : words[first][0]]
    if _CLAUSE_BREAK.search(gap) and gap.strip() not in _DASHES:  # "Рыбаков — погиб" reads on past the dash
        return False
    quantities = cues.keys("opening_quantities")
    comparison = False
    for j in range(first, min(n, first + _CLAUSE_WORDS)):
        if j > first and _CLAUSE_BREAK.search(text[words[j - 1][1] : words[j][0]]):
            break
        if words.keys[j] in quantities:
            return False
        verdict = _agrees(words.keys[j], language, gender, j == first)
        if verdict is not None:
            return verdict
        comparison = comparison or _top_pos(words.keys[j], language) == "CONJ"
    # no verb: a phrase of place or state ("Рыбаков в плену", "Матросов у нас за старшего"), no comparison ("Дронов
    # в небе как мух")
    return not verb_only and _top_pos(words.keys[first], language) == "PREP" and not comparison


@lru_cache(maxsize=50_000)
def _agrees(key: str, language: str, gender: str, adjacent: bool) -> bool | None:
    """Whether a word is a predicate that agrees with a singular subject of ``gender`` (None: no predicate): a finite
    verb, a short participle or adjective, and, right after the subject, an adjective in the nominative ("живой",
    "двухсотый"); a number is an amount (False)."""
    found = [p for p in parses(key, language)[:3] if p.score >= 0.1] or parses(key, language)[:1]
    if not found:
        return None
    tag = found[0].tag
    if tag.POS == "NUMR":
        return False
    if tag.POS == "VERB":
        if tag.number == "plur":
            return False
        return tag.gender == gender if tag.tense == "past" else tag.person == "3per"
    if tag.POS in ("PRTS", "ADJS"):
        return tag.number != "plur" and tag.gender == gender  # the Ukrainian dictionary marks no singular
    nominative = [p.tag for p in found if p.tag.POS == "ADJF" and p.tag.case == "nomn"]
    if adjacent and tag.POS == "ADJF" and nominative:  # "живой" reads first as a feminine genitive
        return any(t.number != "plur" and t.gender == gender for t in nominative)
    return None


@lru_cache(maxsize=20_000)
def _top_pos(key: str, language: str) -> str | None:
    found = parses(key, language)[:1]
    return found[0].tag.POS if found else None


_ORDINALS = frozenset({"первый", "второй", "третий", "четвертый", "пятый", "перший", "другий", "третій", "четвертий",
                       "п'ятий"})
_SENTENCE_END = re.compile(r"[.!?\n]")
_RUN_WORDS = 6  # how far after the count the run of counted surnames is read


def counted_surnames(text: str, words: list[Word], language: str, chosen: list[Candidate],
                     codes: list[tuple[int, int]]) -> list[Candidate]:
    """Surnames in the run of words after a casualty code and its count (module docstring); ``codes`` are the spans
    of the coded casualty terms, ``chosen`` the candidates found so far (a masked word continues the run)."""
    if not codes:
        return []
    words = words_of(text, words)
    keys, n = words.keys, len(words)
    starts = [w[0] for w in words]
    out = []
    for _s, e in codes:
        j = next((k for k, a in enumerate(starts) if a >= e), None)
        if j is None or j + 1 >= n or _SENTENCE_END.search(text[e : words[j][0]]) or not _count_word(keys[j], language):
            continue
        for k in range(j + 1, min(n, j + 1 + _RUN_WORDS)):
            start, end, word = words[k]
            if _SENTENCE_END.search(text[words[k - 1][1] : start]):
                break
            if keys[k] in _JOINS or keys[k] in _ORDINALS or any(c.overlaps(start, end) for c in chosen):
                continue
            if len(word) < 4 or _surname_gender(keys[k], language) is None or k + 1 < n and keys[k + 1] in cues.keys(
                    "opening_quantities"):
                break  # "двое медиков нет": the count's own noun, then what there is of it
            out.append(unsure_person(start, end, f"person: a surname counted after a casualty code ({UNSURE})", word))
    return out


@lru_cache(maxsize=5_000)
def _count_word(key: str, language: str) -> bool:
    """Whether a folded word is a count: a number word, a collective ("двое", "троє") or "один"/"одна"."""
    return key in ("один", "одна", "одне", "одно") or any(
        p.tag.POS == "NUMR" and p.score >= 0.3 for p in parses(key, language)[:2])


# a demonstrative's form and the cases it can stand in ("того", "цього": genitive or accusative); forms that are other
# words too ("та" and "тому" in Ukrainian: "and", "ago"; "том", "тем", "тим": a volume, "тем более") are left out
_DEMONSTRATIVES = {
    "ru": {"этот": {"nomn"}, "тот": {"nomn"}, "этого": {"gent", "accs"}, "того": {"gent", "accs"},
           "этому": {"datv"}, "тому": {"datv"}, "этим": {"ablt"}, "эта": {"nomn"}, "этой": {"gent", "datv", "ablt",
           "loct"}, "той": {"gent", "datv", "ablt", "loct"}, "эту": {"accs"}},
    "uk": {"цей": {"nomn"}, "той": {"nomn"}, "цього": {"gent", "accs"}, "того": {"gent", "accs"},
           "цьому": {"datv", "loct"}, "цим": {"ablt"}, "ця": {"nomn"}, "цієї": {"gent"}, "тієї": {"gent"},
           "цю": {"accs"}, "цією": {"ablt"}, "тією": {"ablt"}, "цій": {"datv", "loct"}, "тій": {"datv", "loct"}},
}


def demonstrated_surnames(text: str, words: list[Word], language: str, chosen: list[Candidate]) -> list[Candidate]:
    """Lower-case surnames right after a demonstrative in their case ("у этого сидорова", "в того ковальчука", "тот
    кузнецов"): a word shaped like a surname (:func:`.morph.surname_key`) that the dictionary also reads as a surname
    in a case the demonstrative stands in; an ordinary word (:func:`.morph.common_word`), a word for the enemy, a people
    or kin, and a word a rule took are left alone."""
    table = _DEMONSTRATIVES.get(language, {})
    words = words_of(text, words)
    if not words.has_lower or table.keys().isdisjoint(words.key_set):
        return []
    out = []
    for i in range(1, len(words)):
        start, end, word = words[i]
        cases = table.get(words.keys[i - 1])
        if cases is None or len(word) < 5 or not word.islower() or text[words[i - 1][1] : start] != " ":
            continue
        key = words.keys[i]
        if key in _not_surnames() or key in entity_cues().speaker_roles or surname_key(word) is None or any(
                c.overlaps(start, end) for c in chosen) or common_word(word, language):
            continue
        if any("Surn" in grammemes(p) and p.tag.case in cases for p in parses(key, language)[:6]
               if p.score >= 0.05):
            out.append(unsure_person(start, end, f"person: a surname after a demonstrative ({UNSURE})", word))
    return out
