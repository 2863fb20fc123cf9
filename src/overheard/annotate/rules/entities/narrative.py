"""Call signs in lower-case narrative: a word that refers to a person by its grammar is masked, whatever the word
(ANNOTATION.md, Personal data, CALLSIGN; branch leak20, beside :mod:`.frames` and :mod:`.speech_slots`).

Speech-to-text writes no capital and no comma, and a call sign is an ordinary word ("кабан", "сокол", "гвоздь",
"малой", "сто первый") told of in the middle of a story, with no "позывной" and no radio procedure. No list of frames
carries to the next author; the grammar does. In a text with no capital letter, a noun or a substantivised adjective
that is no person noun ("брат", "командир", "пацан" are people, not call signs) is a call-sign candidate when its
grammar makes it someone:

- **the subject of a verb that agrees with it** (a past verb of its gender and number, or a third-person singular):
  for a thing ("гвоздь", "молот"), a verb only a person does (speech, perception, thought, being wounded or killed,
  going off on one's own: ``narrative_person_verbs`` with ``frame_person_verbs``); for an animal, a word no dictionary
  knows or a bare adjective ("кабан", "малой"), a verb of moving and acting too (``narrative_acting_verbs``); an
  adjective with no noun after it acts with any verb ("рыжий ногу подвернул");
- **one wounded or killed**, an animate accusative before or after an impersonal verb ("кабана ранило", "зацепило
  сову");
- **a companion**: "мы с X", or "с X" before a plural verb ("с беркутом были на позиции") or a verb of talking or
  meeting ("я с молотом говорил");
- **a possessor**: "у X" of an animal, a word no dictionary knows or a bare adjective ("у кабана в группе", "у
  рыжего"), or of any noun before a word of a group ("у молота пацаны").

A determiner or adjective before it ("этот", "новый", "наш") makes it a thing, and so does a preposition. Leaking is
far worse than over-masking, so each is masked, and its explanation says it was masked because unsure. The lists are
data (``entity_cues.yaml``: ``narrative_*``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.recall import number_word
from overheard.annotate.rules.entities.slots import (
    CLOSED_CLASS,
    covered,
    ordinal,
    personal_words,
    readings,
    slot_lists,
)
from overheard.annotate.rules.entities.word_facts import word_facts_of
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.annotate.rules.words import Words, words_of
from overheard.text import parses

UNSURE_NARRATIVE = "fail closed: masked because unsure: its grammar makes it someone, and no list knows it as a thing"
_WITH = frozenset({"с", "со", "з", "із", "зі"})
_AND = frozenset({"и", "і", "й", "та", "да"})
_NUMBER_KEYS = frozenset({"два", "две", "дві", "три", "четыре", "чотири", "пять", "п'ять", "шесть", "шість", "семь",
                          "сім", "восемь", "вісім", "девять", "дев'ять", "десять", "сорок", "сто", "двести", "двісті",
                          "триста", "тысяча", "тисяча", "девяносто", "дев'яносто"})
_WE = frozenset({"мы", "ми"})
_NOMINAL = frozenset({"NOUN", "ADJF"})
_MODIFIERS = frozenset({"ADJF", "PRTF", "NUMR", "PREP", "NPRO"})
_NOMINATIVE = frozenset({"nomn"})
_DATIVE = frozenset({"datv"})
_LATIN = re.compile(r"[a-z]{3,}")
_NOT_ONE = frozenset({"один", "одна", "одно", "одне", "одного", "одному", "одним", "одной", "одній"})
_GAP_POS = frozenset({"ADVB", "PRCL", "PRED"})
_OPENERS = frozenset({"а", "и", "і", "й", "ну", "короче", "вот", "от", "так", "потом", "потім", "тут", "там"})


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    """The folded cue words (built once from ``entity_cues.yaml``)."""
    cue = entity_cues()
    person_verbs = cues.keys("narrative_person_verbs", "frame_person_verbs")
    return {
        "never": slot_lists()["never"] | cue.speaker_roles | cue.not_person
        | cues.keys("narrative_person_nouns", "narrative_not_someone", "frame_not_fillers", "speaking_things",
                    "radio_nouns", "soldier_talk_words", "side_enemy", "not_code_vehicle", "endearments",
                    "slot_not_addressees"),
        "person_verbs": person_verbs,
        "acting_verbs": person_verbs | cues.keys("narrative_acting_verbs", "frame_person_moves"),
        "wounded": cues.keys("narrative_wounded_impersonal"),
        "meeting": person_verbs | cues.keys("narrative_meeting_verbs"),
        "groups": cues.keys("narrative_group_words"),
        "body": cues.keys("narrative_body_parts"),
        "telling": cues.keys("slot_callee_verbs") | cue.address_verbs,
        "things": cues.keys("verbs_things_do"),
        "done_to": cues.keys("narrative_done_to_verbs"),
        "taken": cues.keys("narrative_taken_verbs"),
        "taken_into": cues.keys("narrative_taken_into"),
        "time": cues.keys("narrative_time_nouns"),
    }


def narrative_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate],
                        codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Words of a lower-case text that its grammar makes someone and ``taken`` leaves readable, as CALLSIGN candidates
    masked when unsure (module docstring); ``codes`` are the spans of coded casualty terms. A text with a capital
    letter has none."""
    words = words_of(text, words)
    if len(words) < 2 or words.has_upper:
        return []
    reader = _Reader(words, language, personal_words(words, taken),
                     covered(words, [Candidate("CODE", s, e, 1.0, "") for s, e in codes]))
    out = []
    for i, why in sorted(reader.find().items()):
        start, end = words[reader.run_start(i)][0], words[i][1]
        found = unsure_callsign(start, end, f"callsign: {why} ({UNSURE_NARRATIVE})",
                                listed_callsign(text[start:end], language) or text[start:end].capitalize())
        found.over_code = " " in text[start:end]  # "двести первый": a numbered call sign over the coded word
        out.append(found)
    return out


def grammar_of(words: Words, language: str) -> _Reader:
    """The grammar reader of a text's ``words`` with nothing blocked: its slot tests (``_subject``, ``_told``,
    ``_wounded``, ``_companion``, ``_possessor``, :meth:`_Reader.nominal`) for :mod:`.roles`, in any text."""
    nothing = [False] * len(words)
    return _Reader(words, language, nothing, nothing)


class _Reader:
    """The grammar of one lower-case text: which words it makes someone (:meth:`find`)."""

    def __init__(self, words: Words, language: str, personal: list[bool], coded: list[bool]) -> None:
        self.words, self.language, self.keys = words, language, words.keys
        self.facts = word_facts_of(words, language)
        self.n = len(words)
        self.lists = _lists()
        self.blocked = [p or c for p, c in zip(personal, coded, strict=True)]
        self.personal = personal

    def find(self) -> dict[int, str]:
        """``{word index: why}`` for every word picked."""
        keys, n, lists, language, facts = self.keys, self.n, self.lists, self.language, self.facts
        never, telling = lists["never"], lists["telling"]
        blocked = self.blocked
        # the words that may be someone at all (most texts have none: nothing else is read then)
        someone = [i for i, key in enumerate(keys) if not blocked[i] and key not in never and facts[i].may_be_someone]
        if not someone:
            return {}
        # the nearest finite verb at or after each word, read backwards once
        next_verb = [n] * (n + 1)
        for j in range(n - 1, -1, -1):
            next_verb[j] = j if facts[j].finite else next_verb[j + 1]
        wounded = [j for j, k in enumerate(keys) if k in lists["wounded"]]
        picked: dict[int, str] = {}
        for i in someone:
            first = self.run_start(i) if i and _number_key(keys[i - 1]) else i
            prev = keys[first - 1] if first else ""
            # only the slots that can hold here are read (a verb ahead, the word before): most words open none
            subject = next_verb[i + 1] <= i + 6  # a stretch of time may stand between ("малий дві години ...")
            told = prev in telling
            hit = bool(wounded) and any(i - 1 <= j <= i + 2 for j in wounded)
            companion = prev in _WITH
            possessor = prev == "у" or prev == "в" and language == "uk"
            done = any(self._done_verb(j) for j in (i - 1, i + 1, i + 2) if 0 <= j < n)
            pair = i + 2 < n and keys[i + 1] in _AND
            if not (subject or told or hit or companion or possessor or done or pair):
                continue
            why = (subject and self._subject(i)) or (told and self._told(i)) or (hit and self._wounded(i)) \
                or (companion and self._companion(i)) or (possessor and self._possessor(i)) \
                or (done and self._done_to(i))
            if why:
                picked[i] = why
            elif pair and not blocked[i + 2]:
                both = self._pair(i)
                if both:
                    picked[i] = picked[i + 2] = both
        return picked

    def run_start(self, i: int) -> int:
        """The first word of the call sign ending at word ``i``: the number words before an ordinal ("двадцять
        другий", "двести первый": a station over the coded word), else ``i``."""
        a = i
        if i and _number_key(self.keys[i - 1]) and ordinal(self.keys[i], self.language):
            while a > 0 and i - a < 3 and not self.personal[a - 1] and number_word(self.keys[a - 1], self.language):
                a -= 1
        return a

    # ------------------------------------------------------------------------------------------------ word tests
    def nominal(self, i: int, cases: frozenset[str], least: float = 0.1) -> tuple:
        """The singular noun or adjective readings of word ``i`` in one of ``cases`` (empty when its likely reading is
        a closed-class word, a plural or none of these); readings below ``least`` are not read."""
        return _nominal(self.keys[i], self.words[i][2].lower(), self.language, cases, least)

    def thing_before(self, i: int) -> bool:
        """Whether the word before ``i`` makes it a thing or puts it in a phrase ("этот", "новый", "наш", "в",
        "два")."""
        i = self.run_start(i)
        if i == 0:
            return False
        found = parses(self.keys[i - 1], self.language)[:2]
        if found and found[0].tag.POS == "CONJ":
            return False  # "каже що борщ мовчить": a conjunction first, whatever its pronoun reading
        return any(p.tag.POS in _MODIFIERS or {"Apro", "Anum"} & grammemes(p) for p in found if p.score >= 0.2)

    def noun_after(self, i: int, cases: frozenset[str]) -> bool:
        """Whether the word after ``i`` may be a noun in a case of adjective ``i`` (it modifies it: "рыжий кот",
        "свободное время"; not "рыжий ногу подвернул"); ``cases`` are the adjective's cases here."""
        if i + 1 >= self.n:
            return False
        return any(p.tag.POS == "NOUN" and p.score >= 0.05 and p.tag.case in cases
                   for p in parses(self.keys[i + 1], self.language)[:3])

    def said_of_someone(self, i: int) -> bool:
        """Whether a name, a pronoun or a noun in the nominative stands right before word ``i`` (past adverbs): the
        word says what that one is or was ("вован вчера пьяный пришёл", "девочка вежливая сказала", "бабка гадалка
        сказала"), it is no one of its own."""
        i = self.run_start(i)
        k = i - 1
        while k >= 0 and i - k <= 3:
            if self.blocked[k] or self.keys[k] in self.lists["never"] and self.keys[k] not in _OPENERS:
                return self.blocked[k] or any(p.tag.POS in ("NOUN", "NPRO", "ADJF") for p in
                                              parses(self.keys[k], self.language)[:1])
            top = parses(self.keys[k], self.language)[:1]
            if not top or top[0].tag.POS in _GAP_POS:
                k -= 1
                continue
            return top[0].tag.POS in ("NOUN", "NPRO") and top[0].tag.case == "nomn" or "Anum" in grammemes(top[0]) \
                or self.keys[k] in ("один", "одна", "одне", "одно")
        return False

    def verb(self, j: int) -> tuple:
        """The finite indicative readings of word ``j``."""
        return self.facts[j].finite

    def next_verb(self, i: int, span: int = 4, objects: int = 0) -> int | None:
        """The first finite verb after word ``i`` within ``span`` words, past adverbs, particles, oblique pronouns, one
        preposition's phrase ("кабан вчера на точку ушёл") and up to ``objects`` nouns in the accusative ("рыжий
        ногу подвернул"); None when anything else stands between."""
        j = i + 1
        phrase = False
        phrase_words = 0
        while j < self.n and j <= i + span:
            if self.verb(j):
                return j
            found = parses(self.keys[j], self.language)[:2]
            if not found:
                return None
            tag = found[0].tag
            if j + 1 < self.n and self.keys[j + 1] in self.lists["time"] and tag.POS in ("ADJF", "NUMR"):
                j += 2  # a stretch of time between ("борщ третю годину мовчить", "малий дві години не виходить")
                span += 2
                continue
            if not phrase and tag.POS != "PREP" and any(p.tag.POS == "PREP" and p.score >= 0.5 for p in found):
                phrase = True  # Ukrainian "на" is read as a particle first
            elif tag.POS in _GAP_POS or tag.POS == "NPRO" and tag.case not in ("nomn", None):
                pass
            elif tag.POS == "PREP" and not phrase:
                phrase = True
            elif phrase and tag.POS in ("NOUN", "NPRO", "ADJF") and (
                    tag.case not in ("nomn", None) or "Fixd" in grammemes(found[0])) and phrase_words < 2:
                phrase_words += 1  # the words of the preposition's phrase ("на точку", "в одном окопе", "на міні")
            elif objects and tag.POS == "NOUN" and tag.case == "accs":
                objects -= 1
            else:
                return None
            j += 1
        return None

    # ------------------------------------------------------------------------------------------------ the slots
    def _told(self, i: int) -> str:
        """"передай болту что", "скажи бризові": the one told, a dative right after a verb of telling."""
        first = self.run_start(i)
        if first == 0 or self.keys[first - 1] not in self.lists["telling"]:
            return ""
        return "the one told, a dative after a verb of telling" if self.nominal(i, _DATIVE, least=0.01) else ""

    def _subject(self, i: int) -> str:
        """The subject of a verb that agrees with it (module docstring)."""
        nominative = self.nominal(i, _NOMINATIVE)
        if not nominative:
            return ""
        j = self.next_verb(i, objects=1)
        if j is None:
            return ""
        why = self._acts(i, j, nominative)
        if not why or self.thing_before(i):
            return ""
        if nominative[0].tag.POS == "ADJF" and self.noun_after(i, _NOMINATIVE) or self.said_of_someone(i):
            return ""
        if any("Anum" in grammemes(p) for p in nominative) and i + 1 < self.n and any(
                p.tag.POS == "NOUN" for p in parses(self.keys[i + 1], self.language)):
            return ""  # "четвертый раз": an ordinal counts the noun after it
        return why

    def _acts(self, i: int, j: int, nominative: tuple) -> str:
        """Why verb ``j`` makes word ``i`` (read as ``nominative``) someone ("": it does not)."""
        adjective = nominative[0].tag.POS == "ADJF"  # "рыжий", not "вишня" (a noun first, an adjective too)
        verbs = self.verb(j)
        if not any(_agrees(v, nominative) for v in verbs):
            if any(v.tag.tense == "past" and v.tag.number == "sing" and v.tag.gender == "masc" for v in verbs) \
                    and all(p.tag.gender in ("femn", "neut") for p in nominative) and all(
                    self.keys[k] in self.lists["body"] or _top_pos(self.keys[k], self.language) in _GAP_POS
                    for k in range(i + 1, j)):  # adverbs or a part of the body between, not "грязь по колено надел"
                return "a feminine or neuter word before a masculine verb: a man's call sign"  # "зубило пришёл"
            return ""
        if any(self.keys[k] in self.lists["body"] and _top_pos(self.keys[k - 1], self.language) != "PREP"
               for k in range(i + 1, j)):  # the object, not "в плечо" ("осколок в плечо попал")
            return "one who hurts a part of their body, the verb agreeing"  # "иней опять ногу подвернул"
        key = self.keys[j]
        if key in self.lists["person_verbs"] and key not in self.lists["things"]:
            return "the subject of a verb only a person does, agreeing with it"
        if j + 1 < self.n and self.keys[j + 1] in _AND and any(
                self.keys[k] in self.lists["person_verbs"] for k in range(j + 2, min(self.n, j + 4))):
            return "the subject of a verb joined to one only a person does"  # "маяк пришёл и давай орать"
        animate = any("anim" in grammemes(p) or not p.is_known for p in nominative)
        if (animate or adjective) and key in self.lists["acting_verbs"]:
            return "an animal, an unknown word or a bare adjective acting as someone does, the verb agreeing"
        if adjective and j > i + 1:
            return "a bare adjective acting, the verb agreeing"
        return ""  # an object between a noun and its verb is read only as a part of the body (above)

    def _wounded(self, i: int) -> str:
        """"кабана ранило", "зацепило сову": the one an impersonal verb of wounding hits, an animate accusative."""
        near = [j for j in (i - 1, i + 1, i + 2) if 0 <= j < self.n and self.keys[j] in self.lists["wounded"]]
        if not near or self.thing_before(i):
            return ""
        accusative = self.nominal(i, frozenset({"accs"}))
        if any("Anum" in grammemes(p) for p in accusative):
            return ""  # "второго ранило": the second one counted, not a station (tests/test_unseen_round12_pii.py)
        bare = any(p.tag.POS == "ADJF" and p.tag.gender == "masc" for p in accusative) and not self.noun_after(
            i, frozenset({"accs"}))  # "борзого ранило": a bare masculine adjective is someone
        if bare or any("anim" in grammemes(p) or not p.is_known for p in accusative):
            return "the one wounded or killed, an animate accusative"
        return ""

    def _companion(self, i: int) -> str:
        """"мы с кабаном", "с беркутом были", "я с молотом говорил"."""
        first = self.run_start(i)
        if first == 0 or self.keys[first - 1] not in _WITH:
            return ""
        instrumental = self.nominal(i, frozenset({"ablt"}))
        if not instrumental:
            return ""
        if first >= 2 and self.keys[first - 2] in _WE:
            return "a companion: \"мы с\" and a word"
        adjective = any(p.tag.POS == "ADJF" for p in instrumental)
        if adjective and self.noun_after(i, frozenset({"ablt"})):
            return ""
        j = self.next_verb(i, span=3)
        if j is None:
            return ""
        if self.keys[j] in self.lists["meeting"]:
            return "a companion one talks or meets with"
        animate = any("anim" in grammemes(p) or not p.is_known for p in instrumental)
        plural = any(v.tag.number == "plur" or v.tag.person == "1per" for v in self.verb(j))
        if (animate or adjective) and plural and j == i + 1:
            return "a companion of a group that acts"
        return ""

    def _done_verb(self, j: int) -> bool:
        """Whether word ``j`` is a plural verb of what is done to someone ("убили", "поймали", "отомстим"), or of
        taking someone away before where to ("взяли в плен", "посадили в яму")."""
        key = self.keys[j]
        if key in self.lists["done_to"]:
            return True
        return key in self.lists["taken"] and any(
            self.keys[k] in ("в", "у") and k + 1 < self.n and self.keys[k + 1] in self.lists["taken_into"]
            for k in range(j + 1, min(self.n - 1, j + 3)))

    def _done_to(self, i: int) -> str:
        """"барсука убили", "клёна поймали", "пряника взяли в плен", "за дрозда отомстим": someone in the accusative
        beside a plural verb of what is done to a person: an animal or an unknown word, or a masculine thing in the
        genitive, the accusative only someone has."""
        first = self.run_start(i)
        before = self.keys[first - 1] if first else ""
        n = self.n
        after = i + 1 < n and self._done_verb(i + 1) or before == "за" and i + 2 < n and self._done_verb(i + 2)
        if not (first and self._done_verb(first - 1) or after):
            return ""
        if before not in ("", "за") and self.thing_before(i):
            return ""
        accusative = self.nominal(i, frozenset({"accs"}))
        if any("Anum" in grammemes(p) for p in accusative):
            return ""  # "второго убили": the second one counted
        if any(p.tag.POS == "NOUN" and ("anim" in grammemes(p) or not p.is_known) for p in accusative):
            return "someone a plural verb of killing, catching or avenging is done to, an animate accusative"
        genitive = self.nominal(i, frozenset({"gent"}))
        if not accusative and any(p.tag.POS == "NOUN" and p.tag.gender == "masc" for p in genitive):
            return "someone a plural verb of killing or catching is done to, a masculine thing in a person's accusative"
        return ""

    def _pair(self, i: int) -> str:
        """"филин и сорока пропали": two nouns joined by "и" before a plural verb that a person does (or an animal, an
        unknown word or a bare adjective does as someone): both are someone."""
        k = i + 2
        counted = i and any("Coll" in grammemes(p) for p in parses(self.keys[i - 1], self.language)[:1])
        if self.keys[i + 1] not in _AND or self.thing_before(i) and not counted:
            return ""  # "двое филин и сорока": the two named after their count
        first = self.nominal(i, _NOMINATIVE)
        second = self.nominal(k, _NOMINATIVE) or tuple(  # "сорока", a numeral first, is a noun after "и" and a noun
            p for p in parses(self.keys[k], self.language)[:6]
            if p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number != "plur" and p.score >= 0.01)
        if not first or not second or self.said_of_someone(i):
            return ""
        j = self.next_verb(k, span=3)
        if j is None or not any(v.tag.number == "plur" and v.tag.person != "1per" for v in self.verb(j)):
            return ""
        key = self.keys[j]
        if key in self.lists["person_verbs"] and key not in self.lists["things"]:
            return "one of two joined by \"и\" before a verb only people do"
        creature = all(any("anim" in grammemes(p) or not p.is_known or p.tag.POS == "ADJF" for p in found)
                       for found in (first, second))
        if creature and key in self.lists["acting_verbs"]:
            return "one of two animals, unknown words or bare adjectives joined by \"и\" acting as people do"
        return ""

    def _possessor(self, i: int) -> str:
        """"у кабана в группе", "у рыжего", "у молота пацаны"."""
        first = self.run_start(i)
        at = self.keys[first - 1] if first else ""
        if not (at == "у" or at == "в" and self.language == "uk") or i + 1 >= self.n:
            return ""
        genitive = self.nominal(i, frozenset({"gent"}))
        if not genitive or at == "в" and not any("anim" in grammemes(p) for p in genitive):
            return ""  # Ukrainian "в" is "at" only before someone ("в сокола рація"), else "in" ("в лісі")
        adjective = any(p.tag.POS == "ADJF" for p in genitive)
        if adjective and self.noun_after(i, frozenset({"gent"})):
            return ""
        nxt = self.keys[i + 1 : i + 3]
        if any(k in self.lists["groups"] for k in nxt):
            return "a possessor of a group or a soldier's things"
        if adjective or any("anim" in grammemes(p) and "NOUN" == p.tag.POS or not p.is_known for p in genitive):
            return "a possessor: an animal, an unknown word or a bare adjective"
        return ""


@lru_cache(maxsize=50_000)
def _nominal(key: str, word: str, language: str, cases: frozenset[str], least: float) -> tuple:
    """:meth:`_Reader.nominal` of one word (cached: the same word is read in many texts)."""
    if _LATIN.fullmatch(key):
        return tuple(_Foreign(case) for case in sorted(cases))  # "reaper", "cobra": a Latin word is no Russian thing
    found = parses(key, language)[:6]
    if not any(p.is_known for p in found):
        found = readings(word, language)  # a word only the other language knows
    top = [p for p in found if p.score >= least]
    if not top or top[0].is_known and top[0].tag.POS in CLOSED_CLASS and not any(
            p.tag.POS == "NOUN" and p.tag.case in cases and p.score >= top[0].score for p in top):
        return ()  # "молот" stays a noun beside its short-adjective reading of the same weight
    if "datv" in cases and key.endswith(("ові", "еві", "єві")):
        cases = cases | {"loct"}  # "кленові": the Ukrainian dictionary tags some of these datives locative only
    out = [p for p in top if p.tag.POS in _NOMINAL and p.tag.case in cases and p.tag.number != "plur"
           and "Apro" not in grammemes(p) and key not in _NOT_ONE]
    if not out and "nomn" in cases and key.endswith("ой") and all(
            p.tag.POS == "ADJF" and {"Qual", "Anum"} & grammemes(p) for p in top):
        # "малой", "второй": a masculine nominative the dictionary reads first as a feminine oblique case
        out = [p for p in parses(key, language) if p.tag.POS == "ADJF" and p.tag.case == "nomn"
               and p.tag.gender == "masc"][:1] or [p for p in parses(key[:-2] + "ый", language)[:2]
                                                   if p.tag.POS == "ADJF" and p.tag.case == "nomn"
                                                   and p.tag.gender == "masc"]
    return tuple(out)


def _number_key(key: str) -> bool:
    """Whether a folded word may be a number word (a cheap test before the dictionary's: "двадцять", "сто")."""
    return key in _NUMBER_KEYS or key.endswith(("дцать", "дцять", "десят", "сот", "сто", "ста", "ьсот"))


@lru_cache(maxsize=50_000)
def _top_pos(key: str, language: str) -> str | None:
    """The part of speech of a folded word's likeliest reading."""
    found = parses(key, language)[:1]
    return found[0].tag.POS if found else None


def _agrees(verb, nouns: list) -> bool:
    """Whether ``verb`` agrees with one of the singular ``nouns``: a past verb of its gender, or a third-person
    singular."""
    if verb.tag.number == "plur":
        return False
    if verb.tag.tense == "past":
        return any(n.tag.gender is None or "ms-f" in grammemes(n) or verb.tag.gender == n.tag.gender for n in nouns)
    return verb.tag.person == "3per"


@dataclass(frozen=True)
class _Foreign:
    """A Latin word read as a noun of unknown gender in ``case`` (a pymorphy3 parse's fields this module reads)."""

    case: str

    @property
    def tag(self) -> _Foreign:
        return self

    POS = "NOUN"
    gender = None
    number = "sing"
    is_known = False

    def __str__(self) -> str:
        return f"NOUN,LATN {self.case}"
