"""Where a word stands in the grammar of one text, as the narrative rules read it (:mod:`.narrative`,
:mod:`.person_slots`, :mod:`.roles`): the words of a call sign before an ordinal, a noun or adjective reading in given
cases, a modifier or a preposition before it, a noun after it that it modifies, a nominative it only describes, the
next finite verb past adverbs and a preposition's phrase, a plural verb of what is done to someone. The cue lists are
data (``entity_cues.yaml``: ``narrative_*``)."""

from __future__ import annotations

from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.recall import number_word
from overheard.annotate.rules.entities.slots import ordinal, slot_lists
from overheard.annotate.rules.entities.word_facts import word_facts_of
from overheard.annotate.rules.entities.word_grammar import nominal_readings, number_key
from overheard.annotate.rules.entities.words import entity_cues
from overheard.annotate.rules.words import Words
from overheard.text import parses

_MODIFIERS = frozenset({"ADJF", "PRTF", "NUMR", "PREP", "NPRO"})
GAP_POS = frozenset({"ADVB", "PRCL", "PRED"})  # what may stand between a word and its verb
_OPENERS = frozenset({"а", "и", "і", "й", "ну", "короче", "вот", "от", "так", "потом", "потім", "тут", "там"})


@lru_cache(maxsize=1)
def narrative_lists() -> dict[str, frozenset[str]]:
    """The folded cue words the narrative rules read (built once from ``entity_cues.yaml``)."""
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
        "parentheticals": cues.keys("narrative_parentheticals"),
    }


def grammar_of(words: Words, language: str) -> Grammar:
    """The grammar of a text's ``words`` with nothing blocked (for :mod:`.roles`, in any text)."""
    nothing = [False] * len(words)
    return Grammar(words, language, nothing, nothing)


class Grammar:
    """The grammar of one text's words; ``personal`` marks the words other rules found personal, ``blocked`` those
    and the coded casualty terms: no call sign is read in either."""

    def __init__(self, words: Words, language: str, personal: list[bool], coded: list[bool]) -> None:
        self.words, self.language, self.keys = words, language, words.keys
        self.facts = word_facts_of(words, language)
        self.n = len(words)
        self.lists = narrative_lists()
        self.blocked = [p or c for p, c in zip(personal, coded, strict=True)]
        self.personal = personal

    def run_start(self, i: int) -> int:
        """The first word of the call sign ending at word ``i``: the number words before an ordinal ("двадцять
        другий", "двести первый": a station over the coded word), else ``i``."""
        a = i
        if i and number_key(self.keys[i - 1]) and ordinal(self.keys[i], self.language):
            while a > 0 and i - a < 3 and not self.personal[a - 1] and number_word(self.keys[a - 1], self.language):
                a -= 1
        return a

    # ------------------------------------------------------------------------------------------------ word tests
    def nominal(self, i: int, cases: frozenset[str], least: float = 0.1) -> tuple:
        """The singular noun or adjective readings of word ``i`` in one of ``cases`` (empty when its likely reading is
        a closed-class word, a plural or none of these); readings below ``least`` are not read."""
        return nominal_readings(self.keys[i], self.words[i][2].lower(), self.language, cases, least)

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
            if self.keys[k] == self.keys[i]:
                return False  # the word said again ("где кабан кабан говорят в плен сдался"; callsigns30)
            top = parses(self.keys[k], self.language)[:1]
            if not top or top[0].tag.POS in GAP_POS:
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
            if self.verb(j) and self.keys[j] not in self.lists["parentheticals"]:
                return j
            if self.keys[j] in self.lists["parentheticals"]:  # "кабан говорят в плен сдался" (callsigns30)
                j += 1
                continue
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
            elif tag.POS in GAP_POS or tag.POS == "NPRO" and tag.case not in ("nomn", None):
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

    def done_verb(self, j: int) -> bool:
        """Whether word ``j`` is a plural verb of what is done to someone ("убили", "поймали", "отомстим"), or of
        taking someone away before where to ("взяли в плен", "посадили в яму")."""
        key = self.keys[j]
        if key in self.lists["done_to"]:
            return True
        return key in self.lists["taken"] and any(
            self.keys[k] in ("в", "у") and k + 1 < self.n and self.keys[k + 1] in self.lists["taken_into"]
            for k in range(j + 1, min(self.n - 1, j + 3)))

