"""Camp aliases and nicknames the text treats as people (ANNOTATION.md, Personal data, PER nicknames; issue 17,
blind round 12: convicts of storm units call each other "Чума", "Шрам", "Кирпич", "Малой", "Сиплый").

Such an alias is an ordinary word ("чума", "шрам", "кирпич", "сокол", a town "Воронеж"), so no list can know it;
what gives it away is what the sentence does with it. Only a person is wounded, killed or "zeroed", leaves the
unit or surrenders, and sends greetings:

- the object of a casualty verb right beside it: "чуму убило", "бойка поранило", "нашего сокола ранило",
  "Шрама минусанули" (``person_casualty_verbs``; body parts, kit and vehicles are not: ``person_casualty_not``);
- the bare subject of leaving the unit: "малой ушёл в сзч", "Воронеж в СОЧ ушёл", "Шнырь наш запятисотился";
- who a greeting comes from: "привет тебе от кирпича", "привіт від сивого";
- a listed nickname adjective after "это"/"це" or before a greeting ("это лысый с ивделя", "седой привет тебе").

Masked when unsure (leaking is worse than over-masking). The rule reads the shared words (``Doc.words``) and exits
at once when the text has none of its trigger words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, overlap_test, unsure_person
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.recall import qualifies_next
from overheard.annotate.rules.entities.word_facts import word_facts_of
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.annotate.rules.words import words_of
from overheard.text import parses

UNSURE = "masked when unsure"


@dataclass(frozen=True)
class _AliasWords:
    """The alias rule's word lists (``lexicons/entity_cues.yaml``, ``alias_*``), folded."""

    possessive: frozenset[str]
    desert: frozenset[str]
    left: frozenset[str]
    greeting: frozenset[str]
    from_: frozenset[str]
    greeting_after: frozenset[str]
    this: frozenset[str]
    when: frozenset[str]
    function: frozenset[str]


@lru_cache(maxsize=1)
def _alias_words() -> _AliasWords:
    k = cues.keys
    return _AliasWords(k("alias_possessives"), k("alias_desertion_words"), k("alias_left_verbs"),
                       k("alias_greetings"), k("alias_from"), k("alias_greetings_after"), k("alias_this"),
                       k("alias_time_words"), k("alias_function_words"))


_NOT_ALIAS_POS = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "NUMR", "ADVB", "INTJ", "PRED", "VERB", "INFN", "GRND",
                            "COMP", "Apro"})


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    aw = _alias_words()
    return aw.desert | aw.greeting | aw.this | aw.greeting_after


def _may_alias(present: frozenset[str], aw: _AliasWords, nick: frozenset[str]) -> bool:
    """What the rules of :func:`camp_aliases` after the casualty verbs need among the ``present`` words of a text
    with none: a desertion word with a verb of leaving, a greeting with "from", or a nickname."""
    return not aw.desert.isdisjoint(present) and not aw.left.isdisjoint(present) or (
        not aw.from_.isdisjoint(present) and not aw.greeting.isdisjoint(present)) or not nick.isdisjoint(present)


def _person(start: int, end: int, why: str, word: str) -> Candidate:
    return unsure_person(start, end, f"person: {why} ({UNSURE})", word[:1].upper() + word[1:].lower())


def _aliasable(word: str, key: str, language: str, cases: frozenset[str]) -> bool:
    """A singular noun or substantivised adjective (or a word no dictionary knows) that can stand for a person in
    one of ``cases``; not a pronoun, numeral, function word, kinship or role word, body part or thing."""
    cue = entity_cues()
    if len(key) < 3 or key in cue.speaker_roles or key in cues.keys("person_casualty_not") \
            or key in cues.keys("speaking_things"):
        return False
    if key in cue.nicknames:
        return True  # "малой", whatever pymorphy3 reads first ("малой" as a feminine case of "малый")
    readings = [p for p in parses(key, language)[:4] if p.score >= 0.05] or parses(key, language)[:1]
    top = readings[0]
    if any("Anum" in grammemes(p) or p.tag.POS == "NUMR" for p in readings[:2]):
        return False  # "второго ранило"
    capital = word[:1].isupper()
    if top.is_known and top.score >= 0.3 and (top.tag.POS in _NOT_ALIAS_POS - ({"VERB", "INFN"} if capital else set())
                                              or "Apro" in grammemes(top)) \
            or sum(p.score for p in readings if p.tag.POS in ("NPRO", "PREP", "CONJ", "PRCL")) >= 0.25:
        return False  # a capitalised "Шнырь" is a name, though pymorphy3 reads an imperative; "Его вчера ранило"
    if capital and not any(p.tag.POS in ("NOUN", "ADJF") for p in readings):
        return True
    return any(p.tag.POS in ("NOUN", "ADJF") and p.tag.number != "plur" and (not cases or p.tag.case in cases)
               for p in readings) or not top.is_known


def camp_aliases(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Words the text treats as a person, whatever they mean (see the module docstring)."""
    words = words_of(text, words)
    keys = words.keys
    aw = _alias_words()
    facts = word_facts_of(words, language)
    hits = [i for i, word in enumerate(facts) if word.casualty_verb]
    nick = entity_cues().nicknames
    if not hits and (_triggers().isdisjoint(words.key_set) or not _may_alias(words.key_set, aw, nick)):
        return []
    people_only = [t for t in taken if t.label != "LOC"]  # "Воронеж в СОЧ ушёл": a person, though also a town
    held = overlap_test((t.start, t.end) for t in people_only)
    free = [not held(s, e) for s, e, _ in words]
    picked: dict[int, str] = {}

    def clause(a: int, b: int) -> bool:
        return not re.search(r"[.!?,;:—–()«»\"\n]", text[words[a][1] : words[b][0]])

    for v in hits:  # "чуму убило", "ранило бойка", "нашего сокола ранило", "Шрама минусанули"
        if _reflexive_or_intransitive([keys[v]]):
            continue  # "сдался", "запятисотился": a subject, read below
        around = (v - 2, v + 1) if v >= 2 and keys[v - 1] in aw.when else (v - 1, v + 1)
        for i in around:  # "гвоздя вчера ранило": past one word of time
            if not 0 <= i < len(words) or not free[i] or not clause(min(i, v), max(i, v)):
                continue
            prev = keys[i - 1] if i else ""
            if prev in ("в", "у", "на", "по", "за", "під", "под", "из", "з", "с", "со", "от", "від", "до"):
                continue  # "в руку ранило", "под кирпичом убило"
            if i > 0 and prev not in aw.possessive and i - 1 != v and prev not in aw.when and _describes(
                    prev, keys[i], language):
                continue  # "второго бойца ранило" is a description
            if not _aliasable(words[i][2], keys[i], language, frozenset({"accs", "gent"})):
                continue
            if keys[i] in aw.function or _common_person_or_thing(words[i][2], keys[i], keys[v], language, i > v):
                continue  # "бойца ранило", "пацана убило", "дерево зацепило"
            picked[i] = "the object of a casualty verb, a nickname or alias"
            break
    for i, k in enumerate(keys):
        if not free[i] or i in picked:
            continue
        nxt = keys[i + 1 : i + 4]
        prev = keys[i - 1] if i else ""
        last = max((i + 1 + n for n, x in enumerate(nxt) if x in aw.desert or x in aw.left), default=0)
        gave_up = i + 1 < len(keys) and (facts[i + 1].casualty_verb or len(nxt) > 1 and nxt[0] in aw.possessive
                                         and facts[i + 2].casualty_verb) and _reflexive_or_intransitive(nxt)
        if gave_up:
            last = i + (2 if nxt[0] in aw.possessive else 1)
        if (gave_up or any(x in aw.desert for x in nxt) and any(x in aw.left for x in nxt)) \
                and (i == 0 or prev in _OPENERS or not clause(i - 1, i)) and clause(i, last) \
                and _aliasable(words[i][2], k, language, frozenset({"nomn"})):
            # "малой ушёл в сзч", "Воронеж в СОЧ ушёл", "Шнырь наш запятисотился"
            picked[i] = "the one who left the unit or gave up, a nickname or alias"
        elif prev in aw.from_ and i >= 2 and (keys[i - 2] in aw.greeting or i >= 3 and keys[i - 3] in aw.greeting) \
                and _aliasable(words[i][2], k, language, frozenset({"gent"})):
            picked[i] = "the one a greeting comes from"  # "привет тебе от кирпича"
        elif k in nick and (prev in aw.this and clause(i - 1, i) and not qualifies_next(words, i, language) or (
                (i == 0 or not clause(i - 1, i)) and nxt[:1] and nxt[0] in aw.greeting_after)):
            picked[i] = "a nickname after \"это\" or before a greeting"  # "это лысый", "седой привет"
    return [_person(words[i][0], words[i][1], why, words[i][2]) for i, why in sorted(picked.items())]


_OPENERS = frozenset({"а", "и", "і", "й", "та", "ну", "вот", "тут", "там", "ось", "потом", "потім", "но", "але", "так",
                      "вчера", "вчора", "сегодня", "сьогодні", "ещё", "еще", "ще", "тоже", "теж", "короче", "слышь",
                      "прикинь", "уже", "вже", "нет", "ні", "да"})


def _common_person_or_thing(word: str, key: str, verb: str, language: str, after: bool) -> bool:
    """A known animate common noun ("бойца", "пацана", "соседа"; not a listed call sign such as "сокола", nor a
    nickname), a known adjective that is no nickname ("Старшого поранило"), or a known inanimate noun after the
    verb (its instrument: "ранило осколок") or after a verb that grazes things too ("зацепило", "посекло")."""
    if key in entity_cues().nicknames or listed_callsign(word, language):
        return False
    readings = [p for p in parses(key, language)[:3] if p.score >= 0.1]
    if not readings or not readings[0].is_known:
        return False
    if any({"Name", "Surn", "Patr"} & grammemes(p) for p in readings):
        return False
    if readings[0].tag.POS == "ADJF":
        return True
    if word[:1].isupper():
        return False
    if any("anim" in grammemes(p) and p.tag.POS == "NOUN" for p in readings):
        return True
    return after or verb.startswith(("зацеп", "зачеп", "посек"))


_GOVERN_SINGULAR = frozenset({"два", "две", "три", "четыре", "оба", "обе", "полтора", "дві", "чотири", "обидва",
                              "обидві", "півтора"})


@lru_cache(maxsize=20_000)
def _describes(prev: str, key: str, language: str) -> bool:
    """Whether the folded word ``prev`` before ``key`` is an adjective, participle or number that can go with it: an
    adjective in one of its cases and numbers ("второго бойца"), "два/три/четыре" before a singular, another number
    before a plural ("пятерых бойцов"). A number the word cannot go with ends a count told before it ("человек пять
    цыренова тоже зацепило": the five are the wounded counted, Цыренов is someone)."""
    top = [p for p in parses(prev, language)[:1] if p.score >= 0.3]
    if not top or top[0].tag.POS not in ("ADJF", "PRTF", "NUMR"):
        return False
    readings = [p for p in parses(key, language)[:4] if p.score >= 0.05]
    if top[0].tag.POS == "NUMR" and top[0].normal_form not in ("один", "одна", "одно", "одне"):
        return prev in _GOVERN_SINGULAR or any(p.tag.number == "plur" for p in readings)
    tag = top[0].tag
    return any(p.tag.case == tag.case and p.tag.number == tag.number for p in readings) or not readings


def _reflexive_or_intransitive(nxt: list[str]) -> bool:
    """Whether the casualty verb after a word has it as its subject: the reflexive ones ("запятисотился",
    "сдался"), not the impersonal ones whose object stands before them ("чуму убило")."""
    aw = _alias_words()
    v = nxt[1] if nxt and nxt[0] in aw.possessive and len(nxt) > 1 else nxt[0] if nxt else ""
    return v.endswith(("ся", "сь", "лся", "лась")) or v.startswith("дезертир")
