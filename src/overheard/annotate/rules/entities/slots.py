"""Fail-closed call-sign slots (draft)."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign, unsure_person
from overheard.annotate.rules.entities.morph import grammemes, stem_key
from overheard.annotate.rules.entities.recall import number_word
from overheard.annotate.rules.entities.openings import never_addressed
from overheard.annotate.rules.entities.words import Word, entity_cues, sentence_start
from overheard.annotate.rules.words import Words, words_of
from overheard.names import name_lexicon
from overheard.text import fold, parses

UNSURE = "masked when unsure: it stands where a call sign stands"
UNSURE_NAME = "masked when unsure: it stands where a name stands"
ENABLED = set(os.environ.get("ENABLED", "station,self,callee,vocative,subject,report,ordinal,named,numbered,header,introduced").split(","))
_CLOSED = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "INTJ", "PRED", "COMP", "ADVB", "VERB", "INFN", "GRND", "NUMR",
                     "PRTS", "ADJS"})
_CLAUSE_END = re.compile(r"\s*(?:[!?;…]|\.(?!\w)|\Z)")
_TURN = re.compile(r"(?:\n|[.!?…]\s*[—–-]|:)\s*[—–-]?\s*$")
_SET_OFF = re.compile(r"\s*,")
_CYRILLIC = re.compile(r"[а-яёіїєґ]+(?:['’ʼ-][а-яёіїєґ]+)*", re.IGNORECASE)
_RADIO_RULES = ("radio", "station", "on-air", "answering", "ordinal addressed", "caller", "callee")
_SELF = frozenset({"я", "это", "це", "тут"})


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    return {
        "radio": cues.keys("radio_talk", "radio_traffic_words"),
        "soldier": cues.keys("soldier_talk_words", "side_enemy"),
        "station_next": cues.keys("slot_station_next"),
        "callee": cues.keys("slot_callee_verbs"),
        "asking": cues.keys("slot_asking_verbs"),
        "never": never_addressed() | cues.keys("not_address_callsigns", "radio_talk", "radio_traffic_words",
                                               "call_openers", "hey_words", "slot_not_addressees"),
        "never_self": cues.keys("not_address_callsigns", "radio_talk", "radio_traffic_words", "call_openers",
                                "hey_words", "slot_not_addressees", "endearments", "exclamation_nouns"),
    }


def talk_kind(words: Words, taken: list[Candidate], codes: list[tuple[int, int]]) -> str:
    """``"radio"`` for radio traffic, ``"soldier"`` for a call between soldiers (a casualty code or a word of a
    soldier's report), else ``""``."""
    lists = _lists()
    keys = words.keys
    phrases = cues.phrases("radio_traffic_phrases")
    if not lists["radio"].isdisjoint(words.key_set) or any(
            tuple(keys[i : i + 2]) in phrases for i in range(len(keys) - 1)) or any(
            t.label == "CALLSIGN" and any(r in t.rule for r in _RADIO_RULES) for t in taken):
        return "radio"
    if codes or not lists["soldier"].isdisjoint(words.key_set):
        return "soldier"
    return ""


def _readings(word: str, language: str) -> list:
    """The parses of ``word`` in ``language``, or in the other language when only that one knows it."""
    found = parses(word.lower(), language)[:3]
    if not any(p.is_known for p in found):
        other = parses(word.lower(), "ru" if language == "uk" else "uk")[:3]
        if any(p.is_known for p in other):
            return list(other)
    return list(found)


def slot_word(word: str, key: str, language: str, *, kinship: bool = False, adjective: bool = True,
              nominative: bool = False) -> bool:
    """A word that can be a call sign in a slot: a singular noun (or a nominative adjective) or a word no dictionary
    knows; never a closed-class word, nor a kinship, endearment, exclamation, address or radio word (kinship words
    pass with ``kinship``: "Лис, я Дід")."""
    if len(key) < 2 or not _CYRILLIC.fullmatch(word):
        return False
    lists = _lists()
    if key in (lists["never_self"] if kinship else lists["never"]):
        return False
    found = _readings(word, language)
    known = [p for p in found if p.is_known and p.score >= 0.1]
    if any(p.tag.POS in _CLOSED and p.score >= 0.3 for p in known):
        return False
    if not known:  # a word no dictionary knows: fail closed when any guess is a noun ("баатру", "Ґудзик")
        return any(p.tag.POS in ("NOUN", "ADJF", None) for p in found)
    cases = ("nomn", "voct", None) if nominative else None
    return any(p.tag.POS == "NOUN" and p.tag.number != "plur" and "Apro" not in grammemes(p)
               and (cases is None or p.tag.case in cases)
               or adjective and p.tag.POS == "ADJF" and p.tag.case == "nomn" and p.tag.number != "plur"
               and "Apro" not in grammemes(p) for p in known)


def callsign_slots(text: str, words: list[Word], language: str, taken: list[Candidate],
                   codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Words in a call-sign slot, masked even when no lexicon knows them."""
    words = words_of(text, words)
    n = len(words)
    if n < 2:
        return []
    kind = talk_kind(words, taken, codes)
    lists = _lists()
    keys = words.keys
    personal = [any(t.overlaps(s, e) and t.label in ("PER", "CALLSIGN", "PHONE", "UNIT") for t in taken)
                for s, e, _ in words]
    places = [any(t.overlaps(s, e) and t.label == "LOC" for t in taken) for s, e, _ in words]
    picked: dict[int, str] = {}
    named: set[int] = set()
    cased = words.has_upper
    cue = entity_cues()
    for i in range(n):
        start, end, word = words[i]
        capital = word[:1].isupper() and (word[1:].islower() or "-" in word)
        if cased and not capital:
            continue
        after = text[end : words[i + 1][0]] if i + 1 < n else text[end:]
        before = text[words[i - 1][1] : start] if i else text[:start]
        nxt = keys[i + 1] if i + 1 < n else ""
        twice = nxt == keys[i] and re.fullmatch(r"[\s,]*", after) is not None
        set_off = _SET_OFF.match(after) is not None
        if "station" in ENABLED and opens_turn(text, words, i) and (set_off or twice) and _station(
                text, words, i, language, kind, twice, places[i], personal):
            picked[i] = "a station called at the start of a turn"
            if twice:
                picked[i + 1] = "a station called twice"
            continue
        if "self" in ENABLED and i >= 2 and keys[i - 1] in _SELF and not before.strip() \
                and (i - 2 in picked or personal[i - 2]) and opens_turn(text, words, i - 2 - (keys[i - 3] == keys[
                    i - 2] if i >= 3 else 0)) \
                and re.fullmatch(r"(?:-\d+)?\s*,\s*", text[words[i - 2][1] : words[i - 1][0]]) \
                and slot_word(word, keys[i], language, kinship=True, nominative=True):
            picked[i] = "the speaker naming themselves after the station called"
            continue
        if "callee" in ENABLED and (kind or cased or _name_guess(word, language)) and i and not before.strip() and (
                keys[i - 1] in lists["asking"] or keys[i - 1] in lists["callee"] and (_dative(word, language) or not _known(word, language))) \
                and slot_word(word, keys[i], language, adjective=False) and keys[i] not in cue.speaker_roles \
                and not places[i]:
            picked[i] = "the station told or asked, after a verb of telling"
            continue
        if "vocative" in ENABLED and kind and capital and not sentence_start(text, words, i) and "," in before \
                and _CLAUSE_END.match(text, end) and not _in_quotes(text, start) and slot_word(word, keys[i], language, nominative=True) \
                and not (i and words[i - 1][2][:1].isupper() and before.strip() == ","):
            picked[i] = "addressed at the end of a clause"
            continue
        if "named" in ENABLED and not cased and _named_here(words, i, language, personal):
            named.add(i)
            continue
        if "report" in ENABLED and kind and not cased and _reporting(words, i, language, radio=kind == "radio"):
            picked[i] = "the station called before what it reports, opening a lower-case line"
            continue
        if "ordinal" in ENABLED and kind and not cased and _ordinal_station(words, i, language):
            picked[i] = "an ordinal standing for a station, acting"
            continue
        if "subject" in ENABLED and not cased and _acting(words, i, language, soldiers=bool(kind)):
            picked[i] = "a bare noun acting at the start of a clause of a call between soldiers"
            continue
        if "inside" in ENABLED and kind == "radio" and capital and cased and not sentence_start(text, words, i) \
                and len(word) >= 3 and not places[i] and (not i or keys[i - 1] not in cue.place_prepositions) \
                and not (i and words[i - 1][2][:1].isupper() and not text[words[i - 1][1] : start].strip()) \
                and not (i + 1 < n and words[i + 1][2][:1].isupper() and not after.strip()) \
                and slot_word(word, keys[i], language) and not _in_quotes(text, start):
            picked[i] = "a capitalised word inside a sentence of radio traffic"
    roles = {keys[i] for i in picked if keys[i] in cue.speaker_roles or keys[i] in cue.not_person}
    for i in range(n):  # "Лис, я Дід ... — Дід, тримайтесь": a kinship word that is a call sign here, every time
        if roles and i not in picked and keys[i] in roles and (words[i][2][:1].isupper() or not cased):
            picked[i] = "another occurrence of a kinship word used as a call sign in this text"
    numbered = _numbered_stations(text, words, language) if "numbered" in ENABLED else []
    if "header" in ENABLED and kind == "radio" and not cased:
        picked.update(_lower_header(words, language))
    if "introduced" in ENABLED:
        picked.update(_introduced_after(text, words, language))
    out = [unsure_person(words[i][0], words[i][1], f"person: a name form where a call opens or a speaker names "
                                                   f"themselves ({UNSURE_NAME})", words[i][2].capitalize())
           for i in sorted(named) if not personal[i]]
    for i, why in sorted(picked.items()):
        start, end, word = words[i]
        if personal[i]:
            continue
        out.append(unsure_callsign(start, end, f"callsign: {why} ({UNSURE})",
                                   listed_callsign(word, language) or word[:1].upper() + word[1:]))
    for a, b in numbered:
        if not any(personal[k] for k in range(a, b + 1)):
            found = unsure_callsign(words[a][0], words[b][1], f"callsign: a numbered station called on the radio "
                                                             f"({UNSURE})", text[words[a][0] : words[b][1]])
            found.over_code = True  # "Двести первый, двести первый, ответь": a station, not the coded casualty term
            out.append(found)
    return out


_ASK_OR_SELF = frozenset({"ответь", "ответьте", "відповідай", "відповідайте", "я", "прием", "приём", "прийом"})


def _numbered_stations(text: str, words: Words, language: str) -> list[tuple[int, int]]:
    """Runs of number words (with an ordinal: "двести первый", or a bare number before "я" and a noun: "триста я
    дон") opening a turn, said twice or before "ответь"/"я"/"приём": numbered stations, though the words are codes."""
    keys = words.keys
    n = len(words)
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if not opens_turn(text, words, i) or not _numberish(words[i][2], language):
            i += 1
            continue
        j = i
        while j < n and j < i + 3 and _numberish(words[j][2], language) and (j == i or not text[
                words[j - 1][1] : words[j][0]].strip()):
            j += 1
        run = keys[i:j]
        ordinal = any(_ordinal(k, language) for k in run)
        twice = keys[j : j + len(run)] == run and re.fullmatch(r"[\s,]*", text[words[j - 1][1] : words[j][0]])
        after = j + len(run) if twice else j
        if after < n and keys[after] in _ASK_OR_SELF and (ordinal or twice or keys[after] == "я" and after + 1 < n
                                                          and slot_word(words[after + 1][2], keys[after + 1], language,
                                                                        nominative=True)):
            out.append((i, j - 1))
            if twice:
                out.append((j, j + len(run) - 1))
        i = after + 1 if after > i else i + 1
    return out


def _numberish(word: str, language: str) -> bool:
    return number_word(word, language) or _ordinal(fold(word), language)


def _ordinal(key: str, language: str) -> bool:
    return any("Anum" in grammemes(p) and p.score >= 0.1 for p in parses(key, language)[:2]) and key not in (
        "один", "одна", "одно", "одне")


def _lower_header(words: Words, language: str) -> dict[int, str]:
    """A lower-case radio line opening with the caller and the callee in the dative ("шаман сове птица висит")."""
    keys = words.keys
    if len(words) < 3 or not slot_word(words[0][2], keys[0], language, adjective=False, nominative=True) \
            or keys[0] in cues.keys("radio_nouns") or not _dative(words[1][2], language) \
            or not slot_word(words[1][2], keys[1], language, adjective=False) or keys[1] in cues.keys("radio_nouns"):
        return {}
    if any(p.tag.POS == "PREP" for p in parses(keys[2], language)[:1]):
        return {}
    why = "the caller and the callee opening a lower-case radio line"
    return {0: why, 1: why}


def _introduced_after(text: str, words: Words, language: str) -> dict[int, str]:
    """A word right before ", позывной такой" ("Комбат у нас Барин, позывной такой"), and every form of it."""
    keys = words.keys
    phrases = cues.phrases("callsign_said_after")
    found: dict[int, str] = {}
    for i in range(len(words) - 1):
        if any(tuple(keys[i + 1 : i + 1 + len(p)]) == p for p in phrases) and "," in text[words[i][1] : words[i + 1][0]] \
                and slot_word(words[i][2], keys[i], language, nominative=True):
            stem = stem_key(words[i][2], language)
            for k in range(len(words)):
                if k == i or stem_key(words[k][2], language) == stem:
                    found[k] = "a call sign named right before \"позывной такой\", and every form of it"
    return found


def _station(text: str, words: Words, i: int, language: str, kind: str, twice: bool, place: bool,
             personal: list[bool]) -> bool:
    """Whether word ``i``, opening a turn set off by a comma or said twice, is the station called."""
    keys = words.keys
    n = len(words)
    following = i + 2 if twice else i + 1
    nxt = keys[following] if following < n else ""
    station_next = nxt in _lists()["station_next"] or tuple(keys[following : following + 2]) in cues.phrases(
        "radio_self_report")  # "Урал, у меня двое пропали": what a station reports
    if following < n and (personal[following] or keys[following] in entity_cues().speaker_roles
                          or keys[following] in _lists()["never"]) and not station_next:
        return False  # "Неправда, мам", "Давление, Коль": the address is the word after the comma
    if place and not (kind or station_next or twice):
        return False  # "Москва, ..." outside a call between soldiers stays a place
    return slot_word(words[i][2], keys[i], language, adjective=twice or station_next, nominative=True)


_OPENERS = frozenset({"а", "и", "і", "й", "та", "ну", "вот", "тут", "там", "ось", "потом", "потім", "но", "але",
                      "короче", "коротше", "слушай", "слухай", "слышь", "сюда", "дело", "так", "ещё", "еще", "ще"})


def _acting(words: Words, i: int, language: str, soldiers: bool) -> bool:
    """Whether word ``i`` of a lower-case text is a bare singular noun opening a clause as the subject of the verb
    after it ("ворон по днепрянам работает", "лесник отработал", "сармат сам видел")."""
    keys = words.keys
    n = len(words)
    if i + 1 >= n or i and keys[i - 1] not in _OPENERS and not (keys[i + 1] == "сам" and not _qualifier(
            keys[i - 1], language)):
        return False
    if keys[i] in cues.keys("radio_nouns") or keys[i] in _lists()["soldier"] or keys[i] in entity_cues().speaker_roles:
        return False
    readings = [p for p in _readings(words[i][2], language) if p.score >= 0.1 and "Surn" not in grammemes(p)][:1]
    if not any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case in ("nomn", None) and p.tag.number != "plur"
               for p in readings) or any(p.tag.POS in _CLOSED and p.score >= 0.3 for p in readings if p.is_known):
        return False
    animate = any(p.tag.POS == "NOUN" and ({"anim", "Geox"} & grammemes(p) or not p.is_known) for p in readings)
    if not slot_word(words[i][2], keys[i], language, nominative=True):
        return False
    j = i + 1
    if keys[j] in ("с", "со", "з", "із", "зі") and j + 2 < n and _with_people(words[j + 1][2], language) and any(
            _verb(keys[k], language, plural=True) for k in range(j + 2, min(n, j + 4))):
        return True  # "бархан с ребятами попали", "борзый с шамилем опять поцапались": one of a group that acts
    if not animate or not soldiers:
        return False
    if keys[j] == "сам":
        return True
    while j < n and j < i + 4 and not _verb(keys[j], language):
        if j == i + 1 and not any(p.tag.POS == "PREP" for p in parses(keys[j], language)[:2]):
            return False
        j += 1
    return j < n and j < i + 4 and _verb(keys[j], language)


_REPORT = (("у", "нас"), ("у", "меня"), ("у", "мене"), ("в", "нас"), ("на", "точке"), ("на", "точці"),
           ("на", "позиции"), ("на", "позиції"), ("на", "месте"), ("на", "місці"), ("на", "связи"), ("на", "зв'язку"))
_AIR_OPENERS = frozenset({"прием", "прийом", "алло", "ало", "але"})


_GREETING = frozenset({"алло", "ало", "але", "алё", "привет", "привіт", "здорово", "ну", "да", "так", "слушай", "слухай",
                       "мам", "мама", "мамо", "пап", "папа", "тато", "бать", "батя", "дядь", "теть", "тёть", "брат",
                       "братан", "сынок", "синку", "доча", "доню", "ой"})
_ADDRESS_NEXT = frozenset({"я", "ты", "ти", "вы", "ви", "тебе", "тобі", "мы", "ми", "ну", "слушай", "слухай", "привет",
                           "привіт", "это", "це", "как", "як", "где", "де"})
_SPEAK_I = frozenset({"говорю", "кажу", "сказал", "сказала", "сказав", "сказала"})


def _named_here(words: Words, i: int, language: str, personal: list[bool]) -> bool:
    """Whether word ``i`` of a lower-case text is a name form (a first name the lexicon knows, even one that is also
    a word, or a nickname of the list) where a call opens with an address ("коль я тебе унты отправила", "алло серый
    это я"), where a speaker names themselves ("алло тато це влад"), or after "я говорю" before an address ("я ему
    говорю кость ну не возвращайся")."""
    keys = words.keys
    key = keys[i]
    if not (name_lexicon().lookup(words[i][2]) or key in entity_cues().nicknames) or key in _lists()["never"]:
        return False
    first = i
    while first > 0 and i - first < 3 and keys[first - 1] in _GREETING:
        first -= 1
    nxt = keys[i + 1] if i + 1 < len(words) else ""
    if first == 0 and nxt in _ADDRESS_NEXT:
        return True  # "коль я тебе", "алло серый это я", "любо ми з мирнограда"
    if i and keys[i - 1] in ("это", "це"):
        before = i - 1
        while before > 0 and i - 1 - before < 3 and (keys[before - 1] in _GREETING or personal[before - 1]
                                                      or keys[before - 1] in entity_cues().speaker_roles):
            before -= 1  # "отец дмитрий это вера из шебекино": past the one called
        return before == 0  # "алло тато це влад", "алло це марта з самбора"
    return i > 0 and keys[i - 1] in _SPEAK_I and nxt in _ADDRESS_NEXT


def _reporting(words: Words, i: int, language: str, radio: bool) -> bool:
    """Whether word ``i`` opens a lower-case line (past "приём"/"алло") as the station called before what it
    reports ("док на точке два трёхсотых", "алтай у нас двести один")."""
    keys = words.keys
    first = i
    while first > 0 and keys[first - 1] in _AIR_OPENERS:
        first -= 1
    if first != 0 or tuple(keys[i + 1 : i + 3]) not in (_REPORT if radio else _REPORT[4:]):
        return False  # "у нас"/"у меня" only in radio traffic ("ипотека у нас семь процентов")
    return slot_word(words[i][2], keys[i], language, adjective=False, nominative=True) \
        and keys[i] not in cues.keys("radio_nouns")


def _ordinal_station(words: Words, i: int, language: str) -> bool:
    """Whether word ``i`` is a bare masculine ordinal in the nominative acting as a station does ("первый не
    отвечает", "второй на связи"): no noun after it that it counts ("первый раз")."""
    keys = words.keys
    if i + 1 >= len(words) or keys[i] in ("один", "одна", "одно", "одне") or i and _qualifier(keys[i - 1], language):
        return False
    if not any("Anum" in grammemes(p) and {"masc", "nomn"} <= grammemes(p) and p.score >= 0.2
               for p in parses(keys[i], language)[:2]):
        return False
    j = i + 2 if keys[i + 1] == "не" else i + 1
    return j < len(words) and (_verb(keys[j], language) or tuple(keys[i + 1 : i + 3]) in _REPORT[-2:])


def _qualifier(key: str, language: str) -> bool:
    """A word that would make the noun after it a common noun ("наш", "этот", "в", "два")."""
    return any(p.tag.POS in ("ADJF", "NPRO", "PREP", "NUMR", "PRTF") or "Apro" in grammemes(p) or "Anum" in grammemes(p)
               for p in parses(key, language)[:2] if p.score >= 0.2)


def _verb(key: str, language: str, plural: bool = False) -> bool:
    """A finite verb in the third person or the past ("работает", "отработал"; plural ones with ``plural``)."""
    return any(p.tag.POS == "VERB" and p.score >= 0.3 and p.tag.person not in ("1per", "2per")
               and (not plural or p.tag.number == "plur") for p in parses(key, language)[:2])


def _with_people(word: str, language: str) -> bool:
    """A name or a noun for people in the instrumental ("с ребятами", "з хлопцями", "с шамилем")."""
    if name_lexicon().lookup(word):
        return True
    return any(p.tag.POS == "NOUN" and p.tag.case == "ablt" and "anim" in grammemes(p) and p.score >= 0.1
               for p in _readings(word, language))


def _name_guess(word: str, language: str) -> bool:
    """A word no dictionary knows as an ordinary word, or one tagged as a name ("баатру", "іванці")."""
    found = _readings(word, language)
    return not any(p.is_known for p in found) or any({"Name", "Surn"} & grammemes(p) for p in found[:2])


def _known(word: str, language: str) -> bool:
    """Whether either dictionary knows ``word``."""
    return any(p.is_known for p in _readings(word, language))


def _dative(word: str, language: str) -> bool:
    """Whether ``word`` has a dative reading ("Казбеку", "теслі", "сохатому")."""
    return any(p.tag.case == "datv" and p.score >= 0.05 for p in _readings(word, language))


def opens_turn(text: str, words: list[Word], i: int) -> bool:
    """Whether word ``i`` opens the text, a line or a dashed turn."""
    return i == 0 or _TURN.search(text[words[i - 1][1] : words[i][0]]) is not None


def _in_quotes(text: str, start: int) -> bool:
    """Whether the word at ``start`` stands inside quotes (a title, a product, a point on the map: «Сосна»,
    „Чёрный тюльпан“, "Ведомости")."""
    inside = False
    for ch in text[max(0, start - 40) : start]:
        if ch in "«„":
            inside = True
        elif ch in "»”":
            inside = False
        elif ch == "“":
            inside = not inside
        elif ch == '"':
            inside = not inside
    return inside
