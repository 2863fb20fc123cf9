"""Why a casualty-looking reading was rejected, and how an accepted mention was read, as structured values.

Rules decide with enums and details; the text an analyst reads ("'300 метрах': distance, not a code")
is rendered from them, and no component ever parses it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NounReading(StrEnum):
    """What a number is when the noun next to it is not a casualty word."""

    DISTANCE = "distance"
    MONEY = "money"
    AMMUNITION = "ammunition"
    TIME = "time or date"
    UNIT = "unit number"
    VEHICLE = "vehicle or route"
    PEOPLE = "count of people"
    ATTRIBUTIVE = "an attributive use before a noun (ordinal or model)"


class Reason(StrEnum):
    """Why a reading is not a casualty mention (ANNOTATION.md, "Not a mention")."""

    QUANTITY = "quantity"  # "по 200": a quantity or range
    UNIT_NUMBER = "unit_number"  # "бригада 200": a unit, route or model number
    NOUN_READING = "noun_reading"  # "300 метрах": the noun says what the number is
    LARGER_NUMBER = "larger_number"  # "200 000"
    MEASURE = "measure"  # "200 кг"
    VERB_FORM = "verb_form"  # "убьют": a future, imperative or infinitive verb
    THREAT = "threat"  # "задвухсотим": a verb coined from a code, not in the past: a threat or boast
    VERB_NEAR = "verb_near"  # "сдамся в плен": such a verb next to a phrase
    NO_EVENT = "no_event"  # "в плен" with no completed event
    CIVILIANS = "civilians"  # civilian victims: a war crime, not a military loss
    HOSPITAL = "hospital"  # "положили в госпиталь"
    THING = "thing"  # "пятисотый мерс": describes a thing
    ABANDONING = "abandoning"  # "отказались от них"
    ZERO = "zero"  # "ни одного двухсотого"
    NEAR_MISS = "near_miss"  # "чуть не убили"
    NEGATED = "negated"  # "не убили"
    NEGATED_VERB = "negated_verb"  # "не попал в плен", "в плен не сдался"
    DENIAL = "denial"  # "трёхсотых нет"
    QUESTION = "question"  # "сколько двухсотых?"
    GUESS = "guess"  # "может, в плену"
    CONDITION = "condition"  # "если ранят"
    SUBJUNCTIVE = "subjunctive"  # "убили бы"
    INTENTION_BEFORE = "intention_before"  # "хочу в СОЧ"
    DENIED_INTENTION = "denied_intention"  # "двухсотых вывозить не будем"
    INTENTION_AFTER = "intention_after"  # "двухсотых надо вывезти"
    FALSE_REPORT = "false_report"  # "пишут двое двухсотых, брехня"
    CALLED_FALSE = "called_false"  # "брехня, що в нас сорок двохсотих", "не вірте, що тата взяли в полон"
    CONTRADICTED = "contradicted"  # "официально ..., а на самом деле"
    CONTRADICTED_LATER = "contradicted_later"  # "числился пропавшим, а оказался живой"
    NO_PEOPLE = "no_people"  # "положили" with nobody said to be laid: put, not killed
    ON_SCREEN = "on_screen"  # "груз 200 — старий фільм", "по телевизору сотни погибших"
    NATURAL_DEATH = "natural_death"  # "похоронили деда, сердце": a burial that is no military loss
    PAST_WAR = "past_war"  # "прадед под Прохоровкой погиб": a death in an earlier war
    QUOTED = "quoted"  # "фильм «Груз 200»", "торт з написом «300»": a title or an inscription
    NO_PERSON = "no_person"  # "денег больше нет": "больше нет" with no person beside it
    RATE = "rate"  # "за двухсотого семье пять миллионов": a rate paid for anyone killed, not a loss
    SUPERSEDED = "superseded"  # "числился без вести. Погиб": a missing status the text replaces with a later one
    MODEL = "model"  # the learned mention filter (mention_model.py) scores the kept reading too low to be a mention
    TOLD_BESIDE = "told_beside"  # "взяли в плен": the captivity phrase beside the verb is the mention
    NO_CAPTIVE = "no_captive"  # "взяли Бахмут": a place or a thing taken, no enemy beside the verb
    CLASS = "class"  # "полонений — це полонений", "пленных не брать": prisoners as a class or a rule, none who exist
    RETREAT = "retreat"  # "мы с позиций ушли", "ушли с позиции к украинцам": a retreat or going over, no desertion
    GENERIC = "generic"  # "отпуск только двухсотым дают", "за трёхсотых платят": people of a kind, none lost
    IMAGINED = "imagined"  # "мне приснилось, что я в плену", "в нарды обнулил", "умовно двохсотий": dream, game, drill
    NICKNAME = "nickname"  # "кота мы назвали Трёхсотый": a code word as a name

    @property
    def not_a_code(self) -> bool:
        """The reading is a number (or ordinal) that is not a code: the terms annotator drops it too."""
        return self in _NOT_A_CODE

    @property
    def planned(self) -> bool:
        """An intention or plan stated, not done (themes read it: "думаю в СОЧ уйти" is desertion)."""
        return self in _PLANNED


_NOT_A_CODE = frozenset({Reason.QUANTITY, Reason.UNIT_NUMBER, Reason.NOUN_READING, Reason.LARGER_NUMBER,
                         Reason.MEASURE})
_PLANNED = frozenset({Reason.VERB_FORM, Reason.VERB_NEAR, Reason.INTENTION_BEFORE, Reason.INTENTION_AFTER})

_TEMPLATES = {
    Reason.QUANTITY: "'{words}': a quantity or range, not a code",
    Reason.UNIT_NUMBER: "'{words}': a unit, route or model number, not a code",
    Reason.NOUN_READING: "'{words}': {reading}, not a code",
    Reason.LARGER_NUMBER: "'{words}': part of a larger number, not a code",
    Reason.MEASURE: "'{words}': a measure, not a code",
    Reason.VERB_FORM: "'{words}': {mood} verb form, an intention, fear or threat, not a report",
    Reason.VERB_NEAR: "'{words}': {mood} verb with '{term_id}', an intention, not a report",
    Reason.THREAT: "'{words}': a verb made from a code, not in the past: a threat or boast, not a report",
    Reason.NO_EVENT: "'{words}' without a completed event (no past-tense verb next to it)",
    Reason.CIVILIANS: "civilian victims: evidence of a war crime, not a military loss",
    Reason.HOSPITAL: "'положили' into a hospital: admitted, not killed",
    Reason.THING: "'{words}': describes a thing, not people",
    Reason.ABANDONING: "'{words} ...': abandoning someone, not a refusal to fight",
    Reason.RETREAT: "'{words}': a retreat of the speaker's side or going over to the other side, not a desertion",
    Reason.ZERO: "'{words}': zero, a denial",
    Reason.NEAR_MISS: "a near miss ('чуть не'), nobody was lost",
    Reason.NEGATED: "negated ('не' before it)",
    Reason.NEGATED_VERB: "a negated verb ('{words}'{where}): it did not happen",
    Reason.DENIAL: "denial ('{words}'{where})",
    Reason.QUESTION: "a question, not a statement",
    Reason.GUESS: "a guess or hearsay marked as unreliable ('{words}')",
    Reason.CONDITION: "a condition ('{words}'), not a report",
    Reason.SUBJUNCTIVE: "subjunctive ('{words}'): would, not did",
    Reason.INTENTION_BEFORE: "an intention or condition ('{words}'), not a report",
    Reason.DENIED_INTENTION: "a denied intention ('не {words}'), not a report",
    Reason.INTENTION_AFTER: "an intention ('{words}'), not a report",
    Reason.FALSE_REPORT: "reported falsely ('{words}' follows)",
    Reason.CALLED_FALSE: "called false before it is said ('{words}')",
    Reason.ON_SCREEN: "deaths on screen or in a story ('{words}'), not the speaker's losses",
    Reason.CONTRADICTED: "an official or reported figure the speaker contradicts ('на самом деле' follows)",
    Reason.CONTRADICTED_LATER: "reported falsely: '{words} ...' contradicts it",
    Reason.NO_PEOPLE: "'{words}' with no people, soldiers or count beside it: put, not killed",
    Reason.NATURAL_DEATH: "a burial after a death of age or illness ('{words}'), not a military loss",
    Reason.PAST_WAR: "a death in an earlier war ('{words}'), not a loss in this one",
    Reason.QUOTED: "'{words}' in quotation marks: a title or an inscription, not a report",
    Reason.NO_PERSON: "'{words}' with no person beside it: something gone, not a death",
    Reason.RATE: "'{words}': a rate paid for anyone killed or wounded, not a loss",
    Reason.SUPERSEDED: "an earlier missing status ('{words}') the text replaces with a later one (killed or captured)",
    Reason.MODEL: "'{words}': the mention model reads no report of losses here (probability {probability} that it is"
                  " a mention)",
    Reason.TOLD_BESIDE: "'{words}' beside it tells the same loss: that phrase is the mention",
    Reason.NO_CAPTIVE: "'{words}' with no enemy taken beside it: a place or a thing taken, not a prisoner",
    Reason.CLASS: "'{words}': prisoners as a class, a rule or an order, not prisoners who exist",
    Reason.GENERIC: "'{words}': people of a kind (a rule, a rate, paperwork, a habit, a column or a word defined), not"
                    " people lost",
    Reason.IMAGINED: "'{words}': a dream, a game or a drill, not a loss",
    Reason.NICKNAME: "'{words}': the code word is a name or a nickname here, not a loss",
}


@dataclass(frozen=True, slots=True)
class Rejection:
    """A reason with its detail: the words that decided, the noun reading or verb mood, where they stood."""

    reason: Reason
    words: str = ""  # the words that decided ("300 метрах", "может")
    reading: NounReading | None = None  # NOUN_READING: what the number is
    mood: str = ""  # VERB_FORM / VERB_NEAR: "future", "infinitive" or "imperative"
    term_id: str = ""  # VERB_NEAR: the entry of the phrase
    where: str = ""  # DENIAL: "before it", "after it" or "" (the words say it)
    probability: float | None = None  # MODEL: the mention model's probability that the reading is a mention

    @property
    def text(self) -> str:
        """The explanation as an analyst reads it (the ``analyze --explain`` reason)."""
        where = f" {self.where}" if self.where else ""
        probability = f"{self.probability:.2f}" if self.probability is not None else ""
        return _TEMPLATES[self.reason].format(words=self.words, reading=self.reading, mood=self.mood,
                                              term_id=self.term_id, where=where, probability=probability)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class CountReading:
    """How a mention's count was read: stated next to it, implied by a singular form, or not stated."""

    value: int | None = None
    phrase: str = ""  # the count phrase ("двое")
    side: str = ""  # where it stood: "before" or "after" the code word, "next" (a following sentence), "named", "rest"
    approximate: bool = False
    stated: bool = False  # a count phrase was found next to the code word
    singular: bool = False  # no count stated, but the form names one person
    plus: str = ""  # a named person counted with the number ("он и ещё двое": "он")
    model: float | None = None  # side "model": the count model's probability of this reading (count_model.py)
    overruled: str = ""  # side "model": the reading of the count rules it replaced

    @property
    def text(self) -> str:
        """"count 2 from 'двое' before it", "singular form: one person" or "no count stated"."""
        if self.model is not None:
            value = self.value if self.value is not None else "vague" if self.approximate else "unknown"
            approximate = " (approximate)" if self.approximate and self.value is not None else ""
            return (f"count {value} from the count model (probability {self.model:.2f}, '{self.phrase}')"
                    f"{approximate}; the rules read {self.overruled}")
        if self.stated:
            value = self.value if self.value is not None else "vague"
            where = {"next": "in a following sentence or turn", "named": "(the people named)",
                     "together": "after it (together with)",
                     "group": "after it (the size of the group)",
                     "with": "(the speaker and those named with him)",
                     "more": "in a following sentence (more of the same loss)",
                     "same": "(as many as the mention before)",
                     "rest": "(the rest of a group or a share of it)"}.get(self.side, f"{self.side} it")
            plus = f", plus '{self.plus}'" if self.plus else ""
            return f"count {value} from '{self.phrase}' {where}{plus}" + (" (approximate)" if self.approximate else "")
        return "singular form: one person" if self.singular else "no count stated"


@dataclass(frozen=True, slots=True)
class SameGroup:
    """A merge of two mentions of one group: ``earlier`` (this one replaced it) or ``later`` (it joined this one)."""

    term_id: str
    later: bool

    @property
    def text(self) -> str:
        """The merge as a clause of the explanation."""
        if self.later:
            return f"'{self.term_id}' later refers to the same group"
        return f"same group as the earlier mention ({self.term_id})"


@dataclass(frozen=True, slots=True)
class MentionExplanation:
    """Which entry fired on which words, how the count was read, and which mentions were merged into it."""

    term_id: str
    kind: str
    surface: str
    category: str
    count: CountReading
    merged: tuple[SameGroup, ...] = ()
    side: str = ""  # how the side was read ("side enemy ('укропов' next to it)"), rendered by the side rules

    @property
    def text(self) -> str:
        """"cas.200 (code) matched 'двухсотых' as killed; count 2 from 'двое' before it; side own ('у нас' ...)"."""
        head = f"{self.term_id} ({self.kind}) matched '{self.surface}' as {self.category}; {self.count.text}"
        side = [f"; {self.side}"] if self.side else []
        return "".join([head, *side, *(f"; {merge.text}" for merge in self.merged)])
