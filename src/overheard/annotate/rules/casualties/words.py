"""What the casualty rules know about words: the cue lists (data, ``lexicons/context_cues.yaml``) as lookup
keys, and pymorphy3 readings (part of speech, number, case, mood) read from each word's
:class:`~overheard.annotate.rules.token_facts.TokenFacts`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.casualties.reasons import NounReading
from overheard.annotate.rules.counts import number_tables
from overheard.annotate.rules.token_facts import (  # noqa: F401  (grammemes, pos: read here by the casualty rules)
    grammemes,
    pos,
    token_facts,
)
from overheard.annotate.rules.tokens import Tok

DIGIT_CODE = re.compile(r"^\d+~?$")
_CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"}
# the list behind each noun reading, in the order they are tried
_READING_LISTS = (
    (NounReading.DISTANCE, "not_code_distance"), (NounReading.MONEY, "not_code_money"),
    (NounReading.AMMUNITION, "not_code_ammunition"), (NounReading.TIME, "not_code_time"),
    (NounReading.UNIT, "not_code_unit"), (NounReading.VEHICLE, "not_code_vehicle"),
    (NounReading.PEOPLE, "not_code_people"),
)


@dataclass(frozen=True)
class CasualtyCues:
    """The cue lists of the casualty rules as sets of token keys (built once: :func:`casualty_cues`)."""

    readings: tuple[tuple[NounReading, frozenset[str]], ...]
    before_unit: frozenset[str]
    range_prepositions: frozenset[str]
    measure_signs: frozenset[str]
    cargo: frozenset[str]
    plural_endings: frozenset[str]
    fixed_phrase_verbs: frozenset[str]
    phrase_words: frozenset[str]
    direction: frozenset[str]
    negation: frozenset[str]
    past_was: frozenset[str]
    deny_before: frozenset[str]
    deny_after: frozenset[str]
    near_miss: frozenset[tuple[str, ...]]
    question: frozenset[str]
    guess: frozenset[str]
    condition: frozenset[str]
    subjunctive: frozenset[str]
    intention: frozenset[str]
    future: frozenset[str]
    handling: frozenset[str]
    intention_not_handling: frozenset[str]  # after a code noun, "надо"/"не можем" is about people who exist
    discourse: frozenset[str]
    lies: frozenset[str]
    reported: frozenset[str]
    in_fact: tuple[tuple[str, ...], ...]
    contrast: frozenset[str]
    alive_after: frozenset[str]
    civilians: frozenset[str]
    hospital: frozenset[str]
    from_prepositions: frozenset[str]
    clause_end: frozenset[str]
    skip_before: frozenset[str]
    skip_after: frozenset[str]
    count_was: frozenset[str]
    count_out_of: frozenset[str]
    count_into: frozenset[str]
    modifiers: frozenset[str]
    adjacent_words: frozenset[str]
    new_group: frozenset[str]
    object_pronouns: frozenset[str]
    singular_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    units: frozenset[str]  # formations a count phrase may name ("двое из роты")
    people: frozenset[str]  # nouns for people in a count phrase ("двое пацанов"), from numerals.yaml
    money_verbs: frozenset[str] = frozenset()  # "кинь 300 на карту"
    money_places: frozenset[str] = frozenset()  # "300 на карту"
    vehicle_prepositions: frozenset[str] = frozenset()  # "на двухсотый автобус ... а там на трёхсотый"
    denial_carried: frozenset[str] = frozenset()  # "трёхсотых нет, двухсотых тоже"
    denial_carried_phrases: frozenset[tuple[str, ...]] = frozenset()  # "..., двохсотих тим більше"
    affirm: frozenset[str] = frozenset()  # "есть", "да": a statement stays a report; an answer confirms a question
    code_verb_reports: re.Pattern[str] = re.compile("$^")  # past forms and participles of "задвухсотить"
    laid_objects: frozenset[str] = frozenset()  # "укропов положили": who can be "laid" (killed)
    laid_not_killed: frozenset[str] = frozenset()  # "положили на носилки", "положили трубку"
    count_lead: frozenset[str] = frozenset()  # "Всего пятеро." opening a sentence with a count
    joining: frozenset[str] = frozenset()  # "Петренко з Іваненком", "он и ещё двое"
    together: frozenset[str] = frozenset()  # "разом з двома хлопцями"
    count_units: frozenset[str] = frozenset()  # "человек сорок", "штук девять": a people count
    count_place_prepositions: frozenset[str] = frozenset()  # "пів роти під Кринками поклали"
    subject_pronouns: frozenset[str] = frozenset()  # "... четверых я один сбежал": a new clause
    deny_rhetorical: frozenset[str] = frozenset()  # "да какие трёхсотые"
    deny_rhetorical_lead: frozenset[str] = frozenset()
    fiction_media: frozenset[str] = frozenset()  # "груз 200 — старий фільм"
    generic_tag: frozenset[str] = frozenset()  # "..., если что"
    access_codes: frozenset[str] = frozenset()  # "код от подъезда 300"
    report_verbs: frozenset[str] = frozenset()  # "..., нам сказали, что ..."
    count_corrections: frozenset[str] = frozenset()  # "двое, не, трое": the speaker corrects the count
    severity: frozenset[str] = frozenset()  # "лёгкий", "тяжёлый": an answer that confirms a wound
    prisoner_killed: frozenset[str] = frozenset()  # "пленных постреляли": prisoners killed, not captured
    natural_death: frozenset[str] = frozenset()  # "похоронили деда, сердце": no military loss
    news_questions: frozenset[str] = frozenset()  # "ты в курсе, что ...?": the question tells news
    past_wars: frozenset[str] = frozenset()  # "дядько в Афгані загинув": a death in another, earlier war
    radio_objects: frozenset[str] = frozenset()  # "уничтожено до десяти военнослужащих": who radio slang kills
    zeroed_things: frozenset[str] = frozenset()  # "карточку обнулили": a thing zeroed, nobody killed
    refused_services: frozenset[str] = frozenset()  # "в банке отказались давать": refusing a service
    no_more_alive: frozenset[str] = frozenset()  # "его больше нет на связи": not reachable, not dead
    no_more_skip: frozenset[str] = frozenset()  # "Коли моего больше нет": words between the person and the phrase
    no_more_pronouns: frozenset[str] = frozenset()  # "нет его больше": a person spoken of before
    more_state_verbs: frozenset[str] = frozenset()  # "ещё двое там лежат": where the next group is
    household: frozenset[str] = frozenset()  # "нас дома трое": the family at home, not a count of the lost

    def reading(self, key: str) -> NounReading | None:
        """What a number next to the noun ``key`` is, if the noun says it."""
        for reading, words in self.readings:
            if key in words:
                return reading
        return None

    def reading_of(self, key: str) -> NounReading:
        """The noun reading of ``key``, or an attributive use (an ordinal or a model) when no list has it."""
        return self.reading(key) or NounReading.ATTRIBUTIVE

    def reads_as(self, key: str, *readings: NounReading) -> bool:
        """Whether ``key`` is in the list of any of ``readings``."""
        return any(key in words for reading, words in self.readings if reading in readings)


@lru_cache(maxsize=1)
def casualty_cues() -> CasualtyCues:
    """The compiled cue lists (built on first use)."""
    k = cues.keys
    lists = ("before_unit_number", "range_prepositions", "measure_signs", "cargo", "plural_code_endings",
             "fixed_phrase_verbs", "phrase_words", "direction", "negation", "past_was", "deny_before", "deny_after")
    simple = dict(zip(("before_unit", "range_prepositions", "measure_signs", "cargo", "plural_endings",
                       "fixed_phrase_verbs", "phrase_words", "direction", "negation", "past_was", "deny_before",
                       "deny_after"), (k(name) for name in lists), strict=True))
    named = ("question", "guess", "condition", "subjunctive", "intention", "future", "handling", "discourse", "lies",
             "reported", "contrast", "civilians", "hospital", "from_prepositions", "clause_end", "skip_before",
             "skip_after", "count_out_of", "count_into", "modifiers", "adjacent_words", "new_group",
             "object_pronouns", "plural_pronouns", "money_verbs", "money_places", "vehicle_prepositions",
             "denial_carried", "affirm", "laid_objects", "laid_not_killed", "count_lead", "joining", "together",
             "count_place_prepositions", "subject_pronouns", "deny_rhetorical", "deny_rhetorical_lead",
             "fiction_media", "generic_tag", "access_codes", "report_verbs", "count_corrections", "prisoner_killed",
             "severity", "natural_death", "news_questions", "past_wars", "radio_objects", "zeroed_things",
             "refused_services", "no_more_alive", "no_more_skip", "no_more_pronouns",
             "more_state_verbs", "household")
    return CasualtyCues(
        readings=tuple((reading, k(name)) for reading, name in _READING_LISTS),
        near_miss=frozenset(cues.phrases("near_miss")),
        denial_carried_phrases=frozenset(cues.phrases("denial_carried_phrases")),
        in_fact=cues.phrases("in_fact"),
        alive_after=k("alive_after"),
        count_was=k("count_was"),
        singular_pronouns=k("singular_pronouns"),
        units=k("not_code_unit") - k("not_count_units"),
        intention_not_handling=k("intention") - k("handling"),
        people=number_tables().people,
        code_verb_reports=re.compile(cues.regex("code_verb_reports")),
        count_units=k("inverted_count"),
        **simple,
        **{name: k(name) for name in named},
    )


def word_at(toks: Sequence[Tok], k: int, lang: str) -> str:
    """The lemma of token ``k`` ("#" for a number in digits, "." for punctuation, "^"/"$" outside): how the learned
    casualty models (mention and count) name a word in their features."""
    if k < 0:
        return "^"
    if k >= len(toks):
        return "$"
    return token_facts(toks[k].key, lang).model_word


def key_word(key: str, lang: str) -> str:
    """:func:`word_at` of a token key."""
    return token_facts(key, lang).model_word


def tags(key: str, lang: str) -> tuple[str, ...]:
    """Tag strings of the three best parses of a folded word (its :class:`TokenFacts`' ``tags``)."""
    return token_facts(key, lang).tags


def known(key: str, lang: str) -> bool:
    """Whether the dictionary of ``lang`` knows the folded word (not a guess from its ending)."""
    return token_facts(key, lang).known


def is_noun(tok: Tok, lang: str) -> bool:
    """Whether the best reading of a word is a noun."""
    if not tok.key[:1].isalpha():
        return False
    found = token_facts(tok.key, lang).readings
    return bool(found) and found[0].pos == "NOUN"


_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})


def agrees(a: str, b: str, lang: str) -> bool:
    """Whether two words can agree in number and case (an adjective + noun pair); a word whose best reading is a
    preposition or another function word is no noun ("пятисотых из роты")."""
    b_facts = token_facts(b, lang)
    found = b_facts.readings
    if found and found[0].pos in _FUNCTION_WORDS:
        return False
    for ta in token_facts(a, lang).readings:
        ga = ta.grammemes
        for tb in found:
            gb = tb.grammemes
            if tb.pos != "NOUN":
                continue
            number_ok = ("plur" in ga) == ("plur" in gb) or "Pltm" in gb
            if number_ok and (ga & gb & _CASES) and (_genders_agree(ga, gb) or not b_facts.known):
                return True
    return False


_GENDERS = frozenset({"masc", "femn", "neut"})


def _genders_agree(ga: frozenset[str], gb: frozenset[str]) -> bool:
    """Whether a singular adjective's gender can be the noun's ("двухсотый видео", "двохсотий евакуацію" cannot: a
    code word then a noun of a new clause in unpunctuated speech); a common-gender noun takes any (and a word the
    dictionary only guesses, any: ``agrees``)."""
    a, b = ga & _GENDERS, gb & _GENDERS
    return not a or not b or bool(a & b) or "ms-f" in gb


def verb_mood(tok: Tok, lang: str) -> str | None:
    """'future', 'infinitive' or 'imperative' when the best reading of ``tok`` is one, else None."""
    found = token_facts(tok.key, lang).readings
    if not found or any(reading.pos == "VERB" and "past" in reading.grammemes for reading in found[:2]):
        return None  # "пошли": "they went" as much as "send!"; a form that may be past is no plan
    g = found[0].grammemes
    if "INFN" in g or "infn" in g:  # the uk dictionary tags an infinitive VERB,...,infn
        return "infinitive"
    if "futr" in g:
        return "future"
    if "impr" in g:
        return "imperative"
    return None


def number_of(tok: Tok, lang: str) -> str | None:
    """'sing' or 'plur' for a word whose best reading has a grammatical number."""
    key = tok.key
    if DIGIT_CODE.match(key) or ":" in key:
        ending = tok.text.lower().lstrip("0123456789-–")
        if not ending:
            return None
        return "plur" if ending in casualty_cues().plural_endings else "sing"
    other = "uk" if lang == "ru" else "ru"
    facts = token_facts(key, lang)
    if not facts.known and token_facts(key, other).known:
        facts = token_facts(key, other)  # a Ukrainian form in a Russian call ("кажуть трьохсотий") and the reverse
    found = facts.readings
    if not found:
        return None
    g = found[0].grammemes
    if "plur" in g:
        return "plur"
    if "sing" in g or "neut" in g or "masc" in g or "femn" in g:
        return "sing"
    return None


def is_animate(tok: Tok, lang: str) -> bool:
    """Whether one of the two best readings is an animate noun."""
    return token_facts(tok.key, lang).animate


def is_past_verb(tok: Tok, lang: str) -> bool:
    """Whether the best reading is a past-tense verb."""
    return token_facts(tok.key, lang).past_verb


def is_finite_verb(tok: Tok, lang: str) -> bool:
    """Whether the best reading is a finite verb."""
    if not tok.key[:1].isalpha():
        return False
    found = token_facts(tok.key, lang).readings
    return bool(found) and found[0].pos == "VERB"
