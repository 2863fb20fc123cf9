"""Numbered call signs and call-sign lists (ANNOTATION.md, Personal data, CALLSIGN; issue 17, blind rounds 9-10).

Radio talk numbers its stations: a word with a number ("Урал-12", "Уралу-12", "граніт два"), an ordinal used as a
name ("Восьмой, что у тебя?", "Урал-12 — Восьмому:", "я Тридцятий", "бобер тридцятому", "Тридцять третій, я ..."),
and lists of call signs after "позывные:" ("Позивні: Бархан, Сокіл-7, Дід.") or quoted after "позывной"
("Позывной на сегодня — «Двести», ответный — «Река»"). These rules find them by their position, not by a word
list; weapon and vehicle models ("Орлан-10", "Леопард-2", "Су-34") are the listed exception. Masked when unsure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.word_facts import word_facts_of
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.annotate.rules.words import keys_of, words_of
from overheard.text import fold, parses

UNSURE = "masked when unsure"
_SELF = frozenset({"я", "тут", "это", "це"})
_FUNCTION_POS = frozenset({"CONJ", "PRCL", "PREP", "ADVB", "NPRO", "PRED", "INTJ", "VERB", "INFN", "COMP"})


def _callsign(start: int, end: int, why: str, normal: str) -> Candidate:
    return unsure_callsign(start, end, f"callsign: {why} ({UNSURE})", normal, 0.65)


def _free(start: int, end: int, taken: list[Candidate]) -> bool:
    return not taken or not any(t.overlaps(start, end) and t.label in ("PER", "CALLSIGN", "PHONE") for t in taken)


@lru_cache(maxsize=1)
def _hyphen_number() -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’-])([А-ЯЁІЇЄҐа-яёіїєґ][а-яёіїєґ'’]{2,})-(\d{1,3})(?![\w-])")


def _turn_start(text: str, start: int) -> bool:
    """Whether a word opens the text, a line, a quoted turn or a sentence."""
    head = re.sub(r"[\s—–\-«\"“]+$", "", text[:start])
    return not head or head[-1] in ".!?\n:"


def _address_after(text: str, end: int) -> bool:
    """A comma, a dash or a colon right after the word: it is addressed or names the caller ("Урал-12 — ...")."""
    return re.match(r"\s*(?:,|—|–|:|-\s)", text[end:]) is not None


ORDINAL_LEMMA = re.compile(r"(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|надцат|дцат|сорок|сот|"
                            r"перш|друг|четверт|п'ят|шост|сьом|дев'ят|надцят|дцят)(?:ий|ой|ій|ый)$")


@lru_cache(maxsize=50_000)
def _ordinal(word: str, language: str) -> frozenset[str]:
    """The cases a singular masculine ordinal number word can be in ("восьмой", "тридцятому", "дев'ятий")."""
    out = set()
    for lang in (language, "uk" if language == "ru" else "ru"):
        for p in parses(word.lower().replace("’", "'"), lang)[:8]:
            if p.tag.POS == "ADJF" and ORDINAL_LEMMA.search(p.normal_form) and p.tag.number != "plur" \
                    and p.tag.gender in ("masc", None):
                out.add(p.tag.case)
    return frozenset(out)


def _cardinal(word: str, language: str) -> bool:
    key = fold(word).replace("’", "'")
    return any(p.tag.POS == "NUMR" or (p.tag.POS == "NOUN" and p.normal_form in ("сто", "нуль", "ноль"))
               for lang in (language, "uk" if language == "ru" else "ru") for p in parses(key, lang)[:2])


def numbered_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Words with a number and ordinals used as the name of a radio station, in an address position."""
    out: list[Candidate] = []
    models = cues.keys("weapon_models")
    verbs = entity_cues().address_verbs
    keys = keys_of(words)
    for m in _hyphen_number().finditer(text) if "-" in text else ():  # "Сокол-7" has a hyphen
        word = m.group(1)
        if fold(word) in models or not _free(m.start(), m.end(), taken):
            continue
        i = next((k for k, w in enumerate(words) if w[0] == m.start(1)), None)
        prev = keys[i - 1] if i else ""
        addressed = _turn_start(text, m.start()) and _address_after(text, m.end()) or prev in _SELF \
            or prev in verbs or re.search(r"[—–]\s*$", text[: m.start()]) is not None \
            or re.match(r"\s*(?:,\s*)?(?:при[её]м|прийом|на связи|на зв'язку)", text[m.end():].lower()) is not None
        if addressed or word[:1].isupper() and _radio_text(keys):
            out.append(_callsign(m.start(), m.end(), "a word with a number used as a station's name",
                                 word[:1].upper() + word[1:].lower() + "-" + m.group(2)))
    facts = word_facts_of(words_of(text, words), language)
    for i in [k for k, word in enumerate(facts) if word.ordinal_shaped]:  # most words are no ordinal
        start, end, word = words[i]
        found = _ordinal(word, language)
        if not found or not _free(start, end, taken):
            continue
        first = i
        if i and _cardinal(words[i - 1][2], language) and not text[words[i - 1][1] : start].strip():
            first = i - 1  # "Тридцять третій": a compound ordinal
        a = words[first][0]
        prev = keys[first - 1] if first else ""
        nxt_word = words[i + 1][2] if i + 1 < len(words) else ""
        listed = re.match(r"\s*,\s*$", text[end : words[i + 1][0]] if i + 1 < len(words) else "") is not None \
            and bool(_ordinal(nxt_word, language)) or fold(nxt_word) in cues.keys("relative_pronouns")
        # "первый, второй, третий": a list, not a name; "Третий, кто пришёл, ...": the third one
        capital = words[first][2][:1].isupper()
        why = None
        if "nomn" in found and capital and _turn_start(text, a) and re.match(r"\s*,", text[end:]) and not listed:
            why = "an ordinal addressed at the start of a turn"
        elif "nomn" in found and prev in ("я", "тут") and capital and first and _turn_start(
                text, words[first - 2][0] if first >= 2 else 0):
            why = "an ordinal naming the caller"
        elif "datv" in found and (prev in verbs or re.search(r"[—–]\s*$", text[:a])
                                 and re.match(r"\s*(?:[,:.!—–]|-\s)", text[end:])
                                 or first == 1 and not any(ch.isupper() for ch in text)
                                 and _bare_noun(keys[0], language) and not _qualifies(nxt_word, language)):
            why = "an ordinal told a message"
        if why == "an ordinal told a message" and first == 1 and words[0][2][:1].islower() and prev not in verbs:
            out.append(_callsign(words[0][0], words[0][1], "the caller before an ordinal told a message",
                                 words[0][2].capitalize()))  # "бобер тридцятому по квадрату ..."
        callee = re.match(r",\s*(?:я|тут|это|це)\s+([А-ЯЁІЇЄҐ][а-яёіїєґ'’]+)(?=[\s,.!?:-]|$)", text[end:])
        if why == "an ordinal addressed at the start of a turn" and callee:
            b = end + callee.start(1)  # "Четвертий, я Береза": the caller after an addressed ordinal
            if _free(b, end + callee.end(1), taken):
                out.append(_callsign(b, end + callee.end(1), "the caller after an addressed ordinal",
                                     callee.group(1)))
        if why:
            out.append(_callsign(a, end, why, text[a:end][:1].upper() + text[a:end][1:].lower()))
    return out


def _bare_noun(word: str, language: str) -> bool:
    """A noun with no reading as a preposition, particle or conjunction ("бобер"; not "на", "по")."""
    found = parses(word, language)[:3]
    return found[0].tag.POS == "NOUN" and not any(p.tag.POS in ("PREP", "PRCL", "CONJ") for p in found)


def _qualifies(word: str, language: str) -> bool:
    """Whether the word after a dative ordinal is a noun it agrees with ("двохсотому кілометрі", "третьему кругу")."""
    return any(p.tag.POS == "NOUN" and p.tag.case in ("datv", "loct") for p in parses(word.lower(), language)[:3])


def _radio_text(keys: list[str]) -> bool:
    talk = cues.keys("radio_talk")
    return any(k in talk for k in keys)


@lru_cache(maxsize=1)
def _list_after_intro() -> re.Pattern[str]:
    return re.compile(r"(?i)(?<![\w])(?:позывн|позивн)[\w]*\s*:\s*([^.!?\n]+)")


@lru_cache(maxsize=1)
def _quoted_word() -> re.Pattern[str]:
    return re.compile(r"[«\"“]([А-ЯЁІЇЄҐа-яёіїєґA-Za-z][\w'’-]*)[»\"”]")


_CALLSIGN_WORD = re.compile(r"(?i)позывн|позивн")  # what a list of call signs or a sentence about them says
_CALL = r"(?:зовут|кличут|называют|звуть|кличуть|називають)"
_CALL_VERB = re.compile(rf"(?i){_CALL}")  # what _so_called needs: one quick search per text


@lru_cache(maxsize=1)
def _so_called() -> re.Pattern[str]:
    """"маленький так меня тут зовут", "меня тут зовут Маленький", "мене тут кличуть малий": a name one goes by."""
    call = _CALL
    me = r"(?:меня|мене|его|його|её|нее|неё|її)"
    where = r"(?:\s+(?:тут|здесь|тепер|теперь|все|всі|пацаны|хлопці))*"
    return re.compile(rf"(?i)(?<![\w'])([а-яёіїєґ'’-]{{3,}})\s+так\s+{me}{where}\s+{call}(?![\w])"
                      rf"|(?<![\w']){me}{where}\s+{call}\s+[«\"“]?([а-яёіїєґ'’-]{{3,}})")


def callsign_lists(text: str, language: str, taken: list[Candidate]) -> list[Candidate]:
    """Every item of a list after "позывные:" ("Позивні: Бархан, Сокіл-7, Дід.") and every quoted word of a sentence
    that says "позывной" ("Позывной на сегодня — «Двести», ответный — «Река»")."""
    out: list[Candidate] = []
    said = _CALLSIGN_WORD.search(text) is not None  # no "позывн"/"позивн": no list and no sentence about them
    for m in _list_after_intro().finditer(text) if said else ():
        offset = m.start(1)
        for item in re.finditer(r"[^,;]+", m.group(1)):
            chunk = item.group(0)
            word = re.search(r"[А-ЯЁІЇЄҐа-яёіїєґA-Za-z][\w'’-]*", chunk)
            if word is None or len(chunk.split()) > 2:
                continue
            a, b = offset + item.start() + word.start(), offset + item.start() + word.end()
            if _free(a, b, taken):
                out.append(_callsign(a, b, "an item of a list of call signs", word.group(0)))
    for m in _so_called().finditer(text) if _CALL_VERB.search(text) else ():
        group = 1 if m.group(1) else 2
        a, b = m.start(group), m.end(group)
        top = parses(fold(m.group(group)), language)[0]
        if fold(m.group(group)) not in cues.keys("not_callsign") and _free(a, b, taken) and not (
                top.is_known and top.tag.POS in _FUNCTION_POS):
            out.append(_callsign(a, b, "the name one goes by (\"так меня зовут\")", m.group(group).capitalize()))
    for sentence in re.finditer(r"[^.!?\n]+", text) if said else ():
        if not re.search(r"(?i)позывн|позивн", sentence.group(0)):
            continue
        for m in _quoted_word().finditer(sentence.group(0)):
            a, b = sentence.start() + m.start(1), sentence.start() + m.end(1)
            if _free(a, b, taken):
                found = _callsign(a, b, "a quoted word in a sentence about call signs", m.group(1))
                found.over_code = True  # «Двести» is a call sign here, not the coded casualty term
                out.append(found)
    return out
