"""Call signs the opening of a call or a preposition gives away, whatever the word (leaks27; ANNOTATION.md,
Personal data: "when unsure, mask, and say so").

The slots and frames read a station set off by a comma or followed by radio procedure; speech-to-text has no comma,
and a soldier's story names people after a preposition the gazetteer and the name lists do not know. The frames:

- **the one addressed where a call opens** (the text, a line or a dashed turn, after up to two particles such as
  "слышь", "ну шо", ``opening_particles``): a bare noun, an unknown word or a dative said twice ("молот молот"), or
  followed by what one says to a station (``opening_said_next``: "у нас", "передай", "как там", "это"/"я" and the
  speaker, ...), in a call between soldiers or after a particle ("пельмень у нас двое трёхсотых", "слышь мороз
  передай", "ну шо лис як там у вас"); kinship words only when the speaker names himself after them ("дед дед я
  сорока");
- **the speaker named after "я"/"это"/"це"** right after such an opening, whatever the word (a number word, a place, a
  kinship word: "я сорока", "я урал", "это сварщик"); and the one named after a casualty code ("один двухсотый это
  скворец");
- **a capitalised word after a preposition of company, possession or direction** (``capitalised_after``: "с
  Карасём", "у Ясеня", "к Бате", "до Мольфара", "роты Кота", "передай на Вежу") inside a sentence of a call between
  soldiers, when no other rule read it as a place, an organisation or a person;
- **a village named like a thing where someone is named** in a call between soldiers (callsigns29): a capitalised
  word the gazetteer reads as a village and a dictionary first as a common noun, after a group's noun ("с роты
  Кота"), after "у" before a casualty code ("У Ясеня двое шестисотых"), before a code after "у нас" ("У нас Лом
  шестисотый"), or after a verb of passing on and "на" ("Передали на Вишню").

Each word found is masked as a CALLSIGN "masked because unsure" and says which frame. Closed-class words, roles and
the never-lists of the slots stay readable; the cue words are data (``entity_cues.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.slots import (
    CLOSED_CLASS,
    covered,
    in_quotes,
    known_readings,
    opens_turn,
    readings,
    slot_lists,
    slot_word,
    talk_kind,
)
from overheard.annotate.rules.entities.words import Word
from overheard.annotate.rules.words import Words, words_of
from overheard.text import parses

UNSURE = "masked because unsure: it stands where a call opens or a person is named"
_CYRILLIC = re.compile(r"[а-яёіїєґ]+(?:['’ʼ-][а-яёіїєґ]+)*", re.IGNORECASE)
_SELF = frozenset({"я", "это", "це"})
_SENTENCE_END = re.compile(r"[.!?…\n]")
_CLAUSE = re.compile(r"[.!?…\n,;:—–]")
_AT = frozenset({"у", "в"})
_WITH = frozenset({"с", "со", "з", "із", "зі"})
_FUNCTION = frozenset({"NPRO", "PREP", "CONJ", "PRCL"})
_ADJECTIVE_ENDINGS = ("ий", "ый", "ой", "ій", "ая", "яя", "ое", "ее")
_TAKEN = ("PER", "CALLSIGN", "PHONE", "UNIT", "LOC", "ORG")
_PERSONAL = ("PER", "CALLSIGN", "PHONE", "UNIT")


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset]:
    return {
        "particles": cues.keys("opening_particles"),
        "hey": cues.keys("opening_hey"),
        "said_next": frozenset(cues.phrases("opening_said_next")) | frozenset(cues.phrases("opening_said_to_station")),
        "to_station": frozenset(cues.phrases("opening_said_to_station")),
        "after": cues.keys("capitalised_after"),
        "not_speakers": cues.keys("frame_not_fillers", "narrative_person_nouns", "addressed_not_speakers"),
        "not_fillers": cues.keys("frame_not_fillers"),
        "passed_on": cues.keys("passed_on_verbs"),
        "opening_after": cues.keys("capitalised_after_opening"),
        "companions": cues.keys("companion_before"),
    }


def addressed_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate],
                        codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Words ``taken`` leaves readable where a call opens, a speaker is named or a preposition names someone, as
    CALLSIGN candidates masked when unsure (module docstring)."""
    words = words_of(text, words)
    if len(words) < 2:
        return []
    kind = talk_kind(words, codes)
    busy = covered(words, [t for t in taken if t.label in _TAKEN])
    personal = covered(words, [t for t in taken if t.label in _PERSONAL])
    callsign = covered(words, [t for t in taken if t.label == "CALLSIGN"])
    code_at = covered(words, [Candidate("CODE", s, e, 1.0, "") for s, e in codes])
    picked: dict[int, str] = {}
    _openings(text, words, language, kind, (busy, personal, callsign), code_at, picked, codes)
    _after_codes(text, words, language, busy, code_at, picked)
    # the NER model's place or organisation yields to the station a message is passed on to ("Передай на Бастион"), a
    # place of the gazetteer does not
    _passed_on(text, words, language, covered(words, [t for t in taken if t.label in _PERSONAL or t.label == "LOC"
                                                      and not t.from_ner]), code_at, picked)
    if words.has_upper:  # in any other text only a companion after "с"/"з" ("Щука с Карасём потерялись")
        gazetteer = covered(words, [t for t in taken if t.label == "LOC" and not t.from_ner])
        _capitalised(text, words, language, (busy, personal, gazetteer), code_at, picked, companions_only=not kind)
        if kind:
            _places_as_someone(text, words, language, gazetteer, personal, code_at, picked)
    out = []
    for i, why in sorted(picked.items()):
        start, end, word = words[i]
        out.append(unsure_callsign(start, end, f"callsign: {why} ({UNSURE})",
                                   listed_callsign(word, language) or word[:1].upper() + word[1:]))
    return out


def _gap(text: str, words: Words, i: int) -> str:
    """What stands between word ``i - 1`` and word ``i``."""
    return text[words[i - 1][1] : words[i][0]]


def _said_next(words: Words, j: int, key: str = "said_next") -> int:
    """The length of the phrase of ``opening_said_next`` (or of the list ``key``) starting at word ``j`` (0: none)."""
    phrases = _lists()[key]
    keys = words.keys
    return next((n for n in (3, 2, 1) if tuple(keys[j : j + n]) in phrases), 0)


def _openings(text: str, words: Words, language: str, kind: str, taken: tuple[list[bool], list[bool], list[bool]],
              code_at: list[bool], picked: dict[int, str], codes: list[tuple[int, int]] = ()) -> None:
    """The one addressed where a call opens and the speaker named after him; a place or an organisation reading yields
    in a call between soldiers ("урал урал я кама"); a call sign another rule found names the speaker after it ("Лось,
    это кузнец"), a person's name does not ("Вітю, я тобі скажу", "Саяна, это мама")."""
    lists = _lists()
    busy, personal, callsign = taken
    keys = words.keys
    n = len(words)

    def joined(a: int) -> bool:  # word a follows word a - 1 in the same sentence
        return a < n and not _SENTENCE_END.search(_gap(text, words, a))

    for i in range(n):
        if not opens_turn(text, words, i):
            continue
        j = i
        while j < n - 1 and j - i < 2 and keys[j] in lists["particles"] and joined(j + 1):
            j += 1
        hey = j > i and keys[j - 1] in lists["hey"]
        # a name another rule masked opens a lower-case call: the speaker after it is read ("малой я урал")
        named = personal[j] and not callsign[j] and not words.has_upper
        if not joined(j + 1) or code_at[j] or busy[j] and not (callsign[j] or kind and not personal[j] or named):
            continue
        word, key = words[j][2], keys[j]
        twice = keys[j + 1] == key
        k = j + 2 if twice else j + 1  # the word after the one addressed (said once or twice)
        if k + 2 < n and keys[k] == "это" and keys[k + 1] == "я" and joined(k + 1):
            k += 1  # "эжы это я буян"
        masked_speaker = k + 1 < n and keys[k] in _SELF and joined(k) and joined(k + 1) and callsign[k + 1]
        speaker = k + 1 < n and keys[k] in _SELF and joined(k) and joined(k + 1) and not personal[k + 1] \
            and _speaker(text, words, k + 1, language, code_at)
        said = joined(k) and _said_next(words, k)
        if said and keys[k] in _SELF:
            said = speaker or masked_speaker  # "пила это ворон", "гром это сова", not "Полгода я его искала"
        elif said and keys[k] in _AT:  # "пельмень у нас двое трёхсотых", not "ипотека у нас семь процентов"
            said = any(code_at[k + said : k + said + 3])
        # "Маяк, 600 — 4": a casualty code right after the one addressed, in a call between soldiers
        after = text[words[j][1] : words[k][0] if k < n else len(text)]
        coded = bool(kind) and after.lstrip().startswith(",") and (k < n and joined(k) and code_at[k] or any(
            words[j][1] < s < (words[k][0] if k < n else len(text)) and not _SENTENCE_END.search(text[words[j][1] : s])
            for s, _ in codes))
        # "Град, Иней.": the station before the speaker another rule masked alone in his clause
        station = k == j + 1 and k < n and _gap(text, words, k).strip() == "," and callsign[k] and (
            k + 1 >= n or bool(_SENTENCE_END.search(_gap(text, words, k + 1))))
        if not personal[j]:
            if not (slot_word(word, key, language, kinship=twice and speaker, adjective=False, nominative=True)
                    or twice and slot_word(word, key, language, kinship=speaker, adjective=False)) \
                    or hey and not _known_noun(word, language):
                continue
            if not (twice or hey or coded or station
                    or said and (kind or j > i or _said_next(words, k, "to_station"))):
                continue
            picked.setdefault(j, "the one addressed where a call opens")
            if twice and not personal[j + 1]:
                picked.setdefault(j + 1, "the one addressed where a call opens")
        if speaker:
            picked.setdefault(k + 1, "the speaker named after the one addressed")


def _plural_speakers(key: str, language: str) -> bool:
    """Whether ``key`` is a verb of the speakers in the first person plural ("п'ємо", "сидим", "були" is not)."""
    return any(p.tag.POS == "VERB" and p.tag.number == "plur" and p.tag.person == "1per"
               for p in parses(key, language)[:2])


def _closed_elsewhere(key: str, language: str) -> bool:
    """Whether either language reads ``key`` as a pronoun, preposition, conjunction or particle."""
    return any(p.tag.POS in _FUNCTION for lang in ("ru", "uk") for p in parses(key, lang)[:3] if p.is_known)


def _known_noun(word: str, language: str) -> bool:
    """Whether a dictionary reads ``word`` as a noun, or knows it not at all and it does not end like an adjective."""
    known = known_readings(word, language)
    if not known:
        return not word.lower().endswith(_ADJECTIVE_ENDINGS)
    return any(p.tag.POS == "NOUN" for p in known)


def _speaker(text: str, words: Words, s: int, language: str, code_at: list[bool]) -> bool:
    """Whether word ``s`` can be a speaker naming himself ("я сорока", "это сварщик", "я урал двухсотых ноль"): an
    animate noun, a place's name, a number word or a word no dictionary knows; an inanimate noun only before a casualty
    code or the end of a clause (not "я рапорт написал", "я тобі скажу"); never a closed-class word or one of the
    lists."""
    word, key = words[s][2], words.keys[s]
    if len(key) < 3 or not _CYRILLIC.fullmatch(word) or key in slot_lists()["never_self"] \
            or key in _lists()["not_speakers"]:
        return False
    known = known_readings(word, language)
    if not known:
        return not key.endswith(_ADJECTIVE_ENDINGS)
    if known[0].tag.POS in CLOSED_CLASS - {"NUMR"} or _closed_elsewhere(key, language):
        return False
    nouns = [p for p in known if p.tag.POS == "NOUN" and p.tag.case in ("nomn", "voct")]
    if any(not {"anim", "Geox", "Name"}.isdisjoint(grammemes(p)) for p in nouns) or known[0].tag.POS == "NUMR":
        return True
    last = s + 1 >= len(words) or _CLAUSE.search(_gap(text, words, s + 1)) or code_at[s + 1]
    return bool(nouns) and bool(last)


def _after_codes(text: str, words: Words, language: str, busy: list[bool], code_at: list[bool],
                 picked: dict[int, str]) -> None:
    """"у меня один двухсотый это скворец": the one named after "это"/"це" right after a casualty code."""
    keys = words.keys
    for i in range(1, len(words) - 1):
        if keys[i] in ("это", "це") and code_at[i - 1] and not busy[i + 1] and not code_at[i + 1] \
                and not _SENTENCE_END.search(_gap(text, words, i + 1)) \
                and not _gap(text, words, i).strip() \
                and slot_word(words[i + 1][2], keys[i + 1], language, adjective=False, nominative=True) \
                and _speaker(text, words, i + 1, language, code_at) and _animate(words[i + 1][2], language):
            picked.setdefault(i + 1, "the one named after a casualty code")


def _animate(word: str, language: str) -> bool:
    """Whether ``word`` reads as an animate noun, or no dictionary knows it ("скворец", not "ошибка", "брехня")."""
    known = known_readings(word, language)
    return not known or any(p.tag.POS == "NOUN" and "anim" in grammemes(p) for p in known)


def _passed_on(text: str, words: Words, language: str, busy: list[bool], code_at: list[bool],
               picked: dict[int, str]) -> None:
    """"передай на Вежу", "дрон передай на глобус": the station a message is passed on to, after a verb of passing on
    and
    "на", when no rule read it as a place."""
    keys = words.keys
    passed_on = _lists()["passed_on"]
    for i in range(1, len(words) - 1):
        if keys[i] == "на" and keys[i - 1] in passed_on and not busy[i + 1] and not code_at[i + 1] \
                and not _gap(text, words, i).strip(" ") and not _gap(text, words, i + 1).strip() \
                and sum(c.isupper() for c in words[i + 1][2]) < 2 \
                and slot_word(words[i + 1][2], keys[i + 1], language, adjective=False) \
                and _accusative(words[i + 1][2], language):
            picked.setdefault(i + 1, "the station a message is passed on to")


def _accusative(word: str, language: str) -> bool:
    """Whether ``word`` has an accusative reading, or no dictionary knows it ("на Вежу", not "на заводе"); the
    Ukrainian dictionary may list a masculine homonym's three cases first ("Ладу": лад, then лада; callsigns30)."""
    known = known_readings(word, language, 0.05)
    return not known or any(p.tag.case == "accs" for p in known) or any(
        p.tag.case == "accs" and p.is_known and p.score >= 0.05 for p in parses(word.lower(), language)[3:6])


def _capitalised(text: str, words: Words, language: str, taken: tuple[list[bool], list[bool], list[bool]],
                 code_at: list[bool], picked: dict[int, str], companions_only: bool = False) -> None:
    """"у Ясеня двое", "к Бате на яму", "з роти Кота": a capitalised word inside a sentence after a preposition of
    company, possession or direction (or a group's noun), that no rule read as a place, an organisation or a person; a
    place's reading yields after "с"/"з" when the word is someone's companion ("Щука с Карасём потерялись", "мы с
    Кизилом едем", "связь с Ястребом есть, с Дроздом нет"). In a text that is no call between soldiers a companion
    must be a creature, or a village of the gazetteer named like a thing ("мы с Кизилом едем", not "мы с Россией")."""
    lists = _lists()
    busy, personal, gazetteer = taken
    keys = words.keys
    n = len(words)
    for i in range(1, n):
        word = words[i][2]
        if personal[i] or code_at[i] or keys[i - 1] not in lists["after"] or not word[:1].isupper() \
                or sum(c.isupper() for c in word) > 1 \
                or len(word) < 3 or not _CYRILLIC.fullmatch(word) or _gap(text, words, i).strip():
            continue
        if not words[i - 1][2].islower() and keys[i - 1] not in lists["opening_after"] or in_quotes(text, words[i][0]):
            continue  # "С Днём", "До Нового": a preposition opening a sentence before a capitalised phrase
        if i + 1 < n and words[i + 1][2][:1].isupper() and not _gap(text, words, i + 1).strip():
            continue  # two capitalised words: an organisation or a full name the other rules read
        if keys[i] in lists["not_fillers"]:
            continue
        known = known_readings(word, language)
        if known and known[0].tag.POS in CLOSED_CLASS:
            continue
        if companions_only:
            thing = gazetteer[i] and word[1:].islower() and _common_noun(word, language)  # "Кизилом": a village
            if keys[i - 1] in _WITH and _companion(text, words, i, language, creature=True, village=thing,
                                                    personal=personal):
                picked.setdefault(i, "a capitalised companion after \"с\"/\"з\"")
            continue
        if busy[i] and not (keys[i - 1] in _WITH and _companion(text, words, i, language, personal=personal)):
            continue
        picked.setdefault(i, "a capitalised word after a preposition in a call between soldiers")


def _companion(text: str, words: Words, i: int, language: str, creature: bool = False, village: bool = False,
               personal: list[bool] | None = None) -> bool:
    """Whether word ``i``, after "с"/"з", is someone's companion: an instrumental reading, and before the preposition
    a name, a call sign, "мы" or a word of contact, or a plural verb within the next three words of the clause, or
    the clause before it held "с"/"з" and someone ``personal`` marks ("связь с Ястребом есть, с Дроздом нет"); with
    ``creature`` (a text that is no call between soldiers), only a word with an animate noun reading or, with
    ``village``, a village of the gazetteer named like a thing ("мы с Кизилом едем"), and a verb of the speakers in
    the first person plural before the preposition counts too ("п'ємо каву з Лелекою")."""
    found = readings(words[i][2], language)
    if not any(p.tag.case == "ablt" for p in found):
        return False
    before = words.keys[i - 2] if i >= 2 and not _CLAUSE.search(_gap(text, words, i - 1)) else ""
    if creature and not village and not any(
            p.tag.case == "ablt" and p.tag.POS == "NOUN" and "anim" in grammemes(p) for p in found):
        return False  # "мы с Россией", "з Києвом": a place or a thing, not a companion
    if before in _lists()["companions"] or i >= 2 and words[i - 2][2][:1].isupper() and before:
        return True
    if personal is not None and not before and i >= 2 and _gap(text, words, i - 1).strip() == "," and any(
            words.keys[k] in _WITH and personal[k + 1] and not _SENTENCE_END.search(text[words[k][1] : words[i][0]])
            for k in range(max(0, i - 7), i - 2)):
        return True  # callsigns30: the same frame said again after a comma, of another station
    if creature and i >= 2 and any(
            _plural_speakers(words.keys[k], language) for k in (i - 2, i - 3) if k >= 0
            and not _CLAUSE.search(text[words[k][1] : words[i][0]])):
        return True
    for k in range(i + 1, min(i + 4, len(words))):
        if _CLAUSE.search(_gap(text, words, k)):
            return False
        if any(p.tag.POS == "VERB" and p.tag.number == "plur" for p in readings(words[k][2], language)[:1]):
            return True
    return False


# ----------------------------------------------------------------------------------------- callsigns29

_GROUPS = frozenset({"роты", "роти", "группы", "групи", "расчёта", "расчета", "розрахунку", "взвода", "взводу",
                     "батареи", "батареї", "экипажа", "екіпажу", "отделения", "відділення"})


def _common_noun(word: str, language: str) -> bool:
    """Whether a dictionary reads ``word`` first as a common noun, no place's or person's name ("Кота", "Ясеня", "Лом",
    "Вишню": a village of the gazetteer shares the word; "Мирного", "Покровська" are no common nouns)."""
    known = known_readings(word, language)
    return bool(known) and known[0].tag.POS == "NOUN" and {"Geox", "Name", "Surn", "Patr", "Orgn"}.isdisjoint(
        grammemes(known[0]))


def _places_as_someone(text: str, words: Words, language: str, gazetteer: list[bool], personal: list[bool],
                       code_at: list[bool], picked: dict[int, str]) -> None:
    """A capitalised word the gazetteer read as a village, that is first a common noun, standing where someone is
    named in a call between soldiers: after a group's noun ("с роты Кота"), after "у" with a casualty code within three
    words ("У Ясеня двое шестисотых"), before a code after "у нас"/"у меня" ("У нас Лом шестисотый"), after a verb of
    passing on and "на" ("Передали на Вишню"). Masked when unsure: a village named like a thing is rarer than a call
    sign named like one."""
    keys = words.keys
    n = len(words)
    for i in range(1, n):
        word = words[i][2]
        if not gazetteer[i] or personal[i] or code_at[i] or not word[:1].isupper() or not word[1:].islower() \
                or len(word) < 3 or _gap(text, words, i).strip() or in_quotes(text, words[i][0]) \
                or not _common_noun(word, language):
            continue
        before = keys[i - 1]
        coded_next = any(code_at[i + 1 : i + 4]) and not any(
            _SENTENCE_END.search(_gap(text, words, k)) for k in range(i + 1, min(i + 4, n)))
        own = i >= 2 and keys[i - 2] in _AT and before in ("нас", "меня", "мене") and i + 1 < n and code_at[i + 1]
        # "у" and a genitive is at someone's ("у Ясеня двое"); a locative after it is in a place ("у Кринках двое")
        at = before == "у" and any(p.tag.case == "gent" for p in known_readings(word, language)[:1])
        if before in _GROUPS or at and coded_next or own:
            picked.setdefault(i, "a village's name that is first a common noun, where someone is named in a call "
                                 "between soldiers")
        elif before == "на" and i >= 2 and keys[i - 2] in _lists()["passed_on"] and _accusative(word, language):
            picked.setdefault(i, "the station a message is passed on to, though a village shares its name")
