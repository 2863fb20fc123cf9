"""Personal data the chain rules miss, found leak-first (ANNOTATION.md, Personal data; issue 17).

Leaking a name is far worse than masking a word too many, so these rules mask when unsure and say so in
their explanation: speaker labels that are not role words ("Максим Петров:", "Байкал:"), initials with a
surname ("А. Н. Петров", "Петров А.Н."), nicknames made of adjectives ("Лысого вчера затрёхсотило"),
plural and family surnames ("братья Ткаченко", "Гончаренки оба"), call signs addressed without
"позывной" ("Беркуту скажи", "это Сокол, приём"), natasha's PER spans as a second opinion, and every
other occurrence of a name or call sign found once ("Соколов ... Дежурный: Соколов").
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, overlap_test, unsure_person
from overheard.annotate.rules.entities.morph import (
    capitalised_common_noun,
    grammemes,
    stem_key,
    surname,
    surname_key,
)
from overheard.annotate.rules.entities.spoken import finite_verb_follows
from overheard.annotate.rules.entities.word_facts import word_facts_of
from overheard.annotate.rules.entities.words import (
    Word,
    entity_cues,
    role_label,
    sentence_start,
    speaker_label_spans,
)
from overheard.annotate.rules.words import keys_of, words_of
from overheard.names import name_lexicon
from overheard.text import fold, parses

UNSURE = "masked when unsure"


def _covered(start: int, end: int, taken: list[Candidate], labels: tuple[str, ...] = ("PER", "CALLSIGN")) -> bool:
    return any(t.start <= start and end <= t.end and t.label in labels for t in taken)


def _free(start: int, end: int, taken: list[Candidate]) -> bool:
    return not taken or not any(t.overlaps(start, end) and t.label in ("PER", "CALLSIGN", "PHONE", "UNIT")
                                for t in taken)


# ------------------------------------------------------------------------------------------ speaker labels

def label_candidates(text: str, taken: list[Candidate], language: str) -> list[Candidate]:
    """A speaker label that is not a role word ("Максим Петров:", "Байкал:", "Гоша:") is who speaks."""
    out = []
    for start, end in speaker_label_spans(text):
        if role_label(text, start, end) or _covered(start, end, taken):
            continue
        word = text[start:end]
        parts = word.split()
        if any(p[:1].islower() for p in parts) and any(ch.isupper() for ch in text):
            continue  # "Обратите внимание:", "Оппозиционеры уверены:" - a sentence, not who speaks
        if not _label_is_someone(text, start, end, language):
            continue
        if " " not in word and (listed_callsign(word, language) or capitalised_common_noun(word, language)):
            out.append(Candidate("CALLSIGN", start, end, 0.6,
                                 f"callsign: speaker label that is not a role word ({UNSURE})",
                                 {"normal": word[:1].upper() + word[1:]}, leak_first=True))
        else:
            out.append(unsure_person(start, end, f"person: speaker label that is not a role word ({UNSURE})", word))
    return out


def _label_is_someone(text: str, start: int, end: int, language: str) -> bool:
    """A name, a surname, a listed call sign, a word pymorphy3 does not know, or a label used more than once
    or named elsewhere in the text ("Гранит: ..." twice) - not a one-off heading such as "Вывод:"."""
    word = text[start:end]
    parts = word.split()
    if len(parts) > 1:
        return all(_someone(p, language) for p in parts)
    return _someone(word, language) or text.count(word) > 1


def _someone(word: str, language: str) -> bool:
    """A first name, a surname, a listed call sign, or a word pymorphy3 does not know or tags as a name."""
    if name_lexicon().lookup(word) or surname(word, language) or listed_callsign(word, language):
        return True
    top = parses(word.lower(), language)[0]
    return not top.is_known or bool({"Name", "Surn", "Patr"} & grammemes(top))


# ------------------------------------------------------------------------------------------------ initials

@lru_cache(maxsize=1)
def _initials() -> re.Pattern[str]:
    initial = r"[А-ЯЁІЇЄҐ]\.\s?"
    name = r"(?:(?:де|фон|ван|ди|дер|ла)\s)?[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+"
    return re.compile(rf"(?<![\w.])(?:(?:{initial}){{1,2}}{name}|{name}\s(?:{initial}){{1,2}}(?![\w]))")


def initial_candidates(text: str, taken: list[Candidate]) -> list[Candidate]:
    """Initials with a surname, either order ("А. Н. Петров", "М.С. Горбачевым", "Петров А.Н.")."""
    out = []
    for m in _initials().finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in " \t":
            end -= 1
        out.append(unsure_person(start, end, "person: initials+surname", text[start:end], 0.85))
    return out


# ----------------------------------------------------------------------------------------------- nicknames

def qualifies_next(words: list[Word], i: int, language: str) -> bool:
    """Whether the word after ``i`` is a noun the adjective can qualify ("рыжий кот")."""
    if i + 1 >= len(words):
        return False
    cases = {p.tag.case for p in parses(words[i][2].lower(), language)[:4] if p.tag.POS == "ADJF"}
    nxt = words[i + 1][2]
    return any(p.tag.POS == "NOUN" and p.score >= 0.2 and (not cases or p.tag.case in cases)
               for p in parses(nxt.lower(), language)[:3])


def nickname_candidates(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A listed nickname standing alone, as a noun ("Косой звонил", "лысого затрёхсотило", "дай косому")."""
    cue = entity_cues()
    out: list[Candidate] = []
    keys = words_of(text, words).keys
    if cue.nicknames.isdisjoint(keys):
        return out  # no listed nickname in the text
    for i, (start, end, word) in enumerate(words):
        key = keys[i]
        if key not in cue.nicknames or not _free(start, end, taken) or qualifies_next(words, i, language):
            continue
        prev = keys[i - 1] if i else ""
        readings = [p for p in parses(key, language)[:4] if p.score >= 0.1]
        if readings and readings[0].tag.gender == "femn" and not any(
                p.tag.POS == "ADJF" and p.tag.gender == "masc" for p in readings):
            continue  # "до малої" is a girl, not a nickname of a man
        nominative = any(p.tag.case == "nomn" and p.score >= 0.2 for p in readings[:2])
        capital_mid = word[:1].isupper() and not sentence_start(text, words, i)
        nxt = keys[i + 1] if i + 1 < len(words) else ""
        cued = prev in cue.person_cues or prev in cue.address_verbs or nxt in cue.speech_verbs \
            or prev in cues.keys("hey_words") or nxt in ("ты", "ти") \
            or nxt in cue.address_verbs or _verb(nxt, language) \
            or finite_verb_follows(text, words, i, language, 4)  # "косой вчера двоих обнулил": the subject
        # "он лысый" is a description; "Лысый звонил", "у Лысого", "лысого вчера затрёхсотило" are a person
        if nominative and not (capital_mid or cued):
            continue
        if prev in ("он", "она", "был", "была", "стал", "такой", "какой", "совсем", "очень", "він", "вона", "какой-то",
                    "якийсь", "такий", "який", "дуже", "став", "стала", "був", "була"):
            continue
        if any(p.tag.POS == "NOUN" and "inan" in grammemes(p) and p.tag.case in ("accs", "nomn") and p.score >= 0.3
               for p in readings[:2]) and not any(p.tag.POS == "ADJF" and p.score >= 0.3 for p in readings[:2]):
            continue  # "Бери косу": the scythe, not Косой
        out.append(unsure_person(start, end, f"person: nickname (a word used as a name; {UNSURE})",
                           word[:1].upper() + word[1:].lower()))
    return out


def _verb(word: str, language: str) -> bool:
    return bool(word) and any(p.tag.POS in ("VERB", "INFN") and p.score >= 0.3 for p in parses(word, language)[:2])


# ---------------------------------------------------------------------------------------- plural surnames

# a plural surname's endings ("Петровы", "у кравцовых", "Гончаренки")
_PLURAL_SURNAME_ENDINGS = (*(stem + ending for stem in ("ов", "ев", "ёв", "ин", "ын")
                             for ending in ("ы", "ых", "ым", "ыми")),
                           "енки", "енок", "енкам", "енками", "енках", "енків")


def plural_surname_candidates(text: str, words: list[Word], language: str,
                              taken: list[Candidate]) -> list[Candidate]:
    """Families and plural surnames ("братья Ткаченко", "Гончаренки оба", "у кравцовых", "Петровы")."""
    cue = entity_cues()
    out = []
    keys = words_of(text, words).keys
    for i, (start, end, word) in enumerate(words):
        if len(word) < 4:
            continue
        key = keys[i]
        prev = keys[i - 1] if i else ""
        nxt = keys[i + 1] if i + 1 < len(words) else ""
        family = prev in cue.family_plural or nxt in cue.family_plural
        plural = key.endswith(_PLURAL_SURNAME_ENDINGS)
        if not (family or plural) or not _free(start, end, taken):
            continue  # no family word beside it and no plural surname's ending: nothing below takes it
        if prev in cue.place_prepositions and not key.endswith("енків"):
            continue  # "под Часовым Яром" is a place; "у Петренків" is at the Petrenkos'
        if prev in cue.locative_prepositions and any(
                t.label == "LOC" and t.overlaps(start, end) and ((t.attributes.get("geo") or {}).get("population")
                                                                  or 0) >= 10_000 for t in taken):
            continue  # "з Брянська обидва": from a town, not a family
        if plural and not word[:1].isupper() and not family:
            tags = [grammemes(p) for p in parses(key, language)[:3]]
            plural = any("Surn" in t and "plur" in t for t in tags) and not any(
                "Surn" not in t and "plur" in t and "NOUN" in t for t in tags) or _plural_of_enko(key, language)
        if plural and word[:1].isupper() and not family and not key.endswith("енків"):
            plural = not any(p.is_known and p.score >= 0.3 and not ({"Surn", "Name"} & grammemes(p))
                             for p in parses(key, language)[:2])
        shaped = bool(cue.surname_endings.search(key)) and bool(surname(word, language))
        if plural or (family and (word[:1].isupper() or shaped) and key not in cue.speaker_roles
                      and _name_like(word, language)):
            out.append(unsure_person(start, end, "person: family or plural surname", word))
    return out


def _plural_of_enko(key: str, language: str) -> bool:
    """Whether a lower-case word is the plural of a surname in -енко/-єнко ("ткаченки в полоні", "бондаренків"): the
    Ukrainian dictionary tags no surname, but only surnames end so ("коленки", "оценки" are read from "-енка")."""
    return any("plur" in grammemes(p) and p.normal_form.endswith(("енко", "єнко"))
               for p in parses(key, language)[:4])


# ---------------------------------------------------------------------------------- call signs in address

def address_candidates(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A capitalised word right before or after a verb of passing a message, or in a radio phrase, that no
    other rule took: a person or a call sign ("Передай Кедру", "Беркуту скажи", "это Сокол, приём")."""
    cue = entity_cues()
    lexicon = name_lexicon()
    out = []
    for i, (start, end, word) in enumerate(words):
        if not word[:1].isupper() or len(word) < 3 or word.isupper() or not _free(start, end, taken):
            continue
        if fold(word) in cue.speaker_roles or fold(word) in cue.address_verbs:
            continue
        if "Apro" in grammemes(parses(word.lower(), language)[0]):
            continue  # "Всем передай": a pronoun, nobody's name
        prev = fold(words[i - 1][2]) if i else ""
        nxt = fold(words[i + 1][2]) if i + 1 < len(words) else ""
        between_prev = text[words[i - 1][1] : start] if i else ""
        between_next = text[end : words[i + 1][0]] if i + 1 < len(words) else ""
        radio = prev in ("это", "я", "тут", "це") and re.match(r"\s*,?\s*$", between_next) is not None and nxt in (
            "прием", "приём", "прийом", "ответь", "відповідай", "как", "як")
        addressed = (prev in cue.address_verbs and not between_prev.strip()) or (
            nxt in cue.address_verbs and not between_next.strip(" "))
        if not (radio or addressed) or any(t.overlaps(start, end) and t.label == "LOC" for t in taken):
            continue
        if lexicon.lookup(word) or surname(word, language):
            out.append(unsure_person(start, end, f"person: addressed with a verb of passing a message ({UNSURE})",
                               word))
        else:
            out.append(Candidate("CALLSIGN", start, end, 0.6,
                                 f"callsign: addressed with no \"позывной\" ({UNSURE})",
                                 {"normal": listed_callsign(word, language) or word[:1].upper() + word[1:].lower()}))
    return out


def lower_case_callsigns(words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Listed call-sign words in lower case where radio talk makes them call signs: right after a radio cue or
    an address verb ("это сокол", "чуєш, це орел", "слышь барсук передай грому"), or before a speech verb in
    a text that already has a call sign ("а шаман говорит"), or opening a clause of a text with no capital letter
    as a bare noun ("шаман говорит там двое", "а сокіл каже"; not "наш шаман говорит", not "дед говорит")."""
    out = _radio_addressed(words, language, taken)
    text_has_callsign = any(t.label == "CALLSIGN" for t in taken)
    lower_case_text = not any(w[2][:1].isupper() for w in words)
    cue = entity_cues()
    plain = cues.keys("ordinary_callsign_words")
    keys = keys_of(words)
    if cue.speech_verbs.isdisjoint(keys) and not (
            lower_case_text and any(facts.listed_callsign for facts in word_facts_of(words, language))):
        return out  # no speech verb, and no listed word to act in a lower-case text: nothing below takes a word
    for i, (start, end, word) in enumerate(words):
        nxt = keys[i + 1] if i + 1 < len(words) else ""
        if nxt not in cue.speech_verbs and not (lower_case_text and i + 1 < len(words) and (
                i == 0 or keys[i - 1] in _OPENERS_OR_LET or _unpunctuated_clause(words, i, language))):
            continue  # no speech verb after it and no clause it opens (see _acting_animal): nothing below takes it
        if not word[:1].islower() or keys[i] in cue.not_person or not _free(start, end, taken):
            continue
        if nxt not in cue.speech_verbs:
            if lower_case_text and i + 1 < len(words) and _acting_animal(words, i, language) \
                    and listed_callsign(word, language) and fold(listed_callsign(word, language)) not in plain:
                out.append(Candidate("CALLSIGN", start, end, 0.6,
                                     f"callsign: listed animal noun acting as a person ({UNSURE})",
                                     {"normal": listed_callsign(word, language)}))
            continue
        if not listed_callsign(word, language):
            if lower_case_text and _speaking_thing(words, i, language):
                out.append(Candidate("CALLSIGN", start, end, 0.55,
                                     f"callsign: a thing's name speaking, lower case ({UNSURE})",
                                     {"normal": word[:1].upper() + word[1:]}, leak_first=True))
            continue
        if text_has_callsign or lower_case_text and _bare_subject(words, i, language) \
                and fold(listed_callsign(word, language)) not in plain:
            out.append(Candidate("CALLSIGN", start, end, 0.6, f"callsign: listed word before a speech verb ({UNSURE})",
                                 {"normal": listed_callsign(word, language)}))
    return out


_NOT_BARE = frozenset({"ADJF", "ADJS", "PRTF", "PRTS", "NPRO", "PREP", "NUMR", "Anum", "VERB", "INFN", "GRND"})


def _speaking_thing(words: list[Word], i: int, language: str) -> bool:
    """Whether word ``i`` of a lower-case text is an inanimate singular noun in the nominative before a speech verb
    in the singular, with no adjective, pronoun, numeral, preposition or verb (whose object it would be) before it:
    things do not speak, so it is a call sign used as a name ("а то хмара сказав", "тут кедр говорит"; not "радио
    говорит", `speaking_things`, nor "передає привіт каже")."""
    if fold(words[i][2]) in cues.keys("speaking_things") or len(words[i][2]) < 3:
        return False
    if i and (parses(words[i - 1][2].lower(), language)[0].tag.POS in _NOT_BARE
              or fold(words[i - 1][2]) in entity_cues().place_prepositions):
        return False
    verb = parses(words[i + 1][2].lower(), language)[0]
    if verb.tag.number == "plur" or fold(words[i + 1][2]) in cues.keys("verbs_things_do"):
        return False
    top = parses(words[i][2].lower(), language)[:3]
    best = top[0] if top else None  # a second, surname reading ("Хмара") is personal data too
    return best is not None and best.tag.POS == "NOUN" and best.is_known and "inan" in grammemes(best) \
        and best.tag.number != "plur" and best.tag.case == "nomn" and "Geox" not in grammemes(best)


_LET = frozenset({"пусть", "пускай", "нехай", "хай"})


def _unpunctuated_clause(words: list[Word], i: int, language: str) -> bool:
    """Whether a listed call-sign word of a lower-case text may open a clause speech-to-text left unpunctuated: the
    word before it is a noun or an adverb that cannot qualify it ("о четвертій ранку зубр прикриває"), not an
    adjective, pronoun, numeral, preposition or verb ("наш зубр", "бачив зубра")."""
    if not i or listed_callsign(words[i][2], language) is None:
        return False
    before = parses(words[i - 1][2].lower(), language)[:1]
    return bool(before) and before[0].is_known and before[0].tag.POS in ("NOUN", "ADVB") \
        and fold(words[i - 1][2]) not in entity_cues().place_prepositions


def _acting_animal(words: list[Word], i: int, language: str) -> bool:
    """Whether a bare animate noun of a lower-case text opens a clause (or follows "пусть"/"хай", or a noun or an
    adverb where speech-to-text wrote no comma) as the subject of the finite verb right after it, agreeing in number
    and gender ("пусть сова решает", "беркут вывел своих", "о пятой утра зубр прикрывает")."""
    if i and keys_of(words)[i - 1] not in _OPENERS_OR_LET and not _unpunctuated_clause(words, i, language):
        return False
    verb = parses(words[i + 1][2].lower(), language)[0]
    if verb.tag.POS != "VERB" or verb.score < 0.3 or verb.tag.number != "sing" or verb.tag.person in ("1per", "2per"):
        return False
    if fold(words[i + 1][2]) in cues.keys("animal_verbs"):
        return False  # "над полем чайка кружит": the bird itself
    # the Ukrainian dictionary leaves the number of a singular noun untagged ("NOUN,anim masc,nomn")
    return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number != "plur" and p.score >= 0.1
               and "anim" in grammemes(p) and (verb.tag.gender is None or p.tag.gender == verb.tag.gender)
               for p in parses(words[i][2].lower(), language)[:3])


_CLAUSE_OPENERS = frozenset({"а", "и", "і", "й", "та", "ну", "вот", "тут", "там", "ось", "потом", "потім", "но", "але",
                             "так", "вчера", "вчора", "сегодня", "сьогодні", "ещё", "еще", "ще", "тоже", "теж"})
_OPENERS_OR_LET = _CLAUSE_OPENERS | _LET


def _bare_subject(words: list[Word], i: int, language: str) -> bool:
    """Whether word ``i`` of a lower-case text is a bare singular noun in the nominative opening a clause ("шаман
    говорит", "а сокол каже"): no adjective or pronoun before it that would make it a common noun ("наш шаман")."""
    if i and fold(words[i - 1][2]) not in _CLAUSE_OPENERS:
        return False
    return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number != "plur" and p.score >= 0.1
               for p in parses(words[i][2].lower(), language)[:3])


@lru_cache(maxsize=1)
def _radio_or_address() -> frozenset[str]:
    """The radio cues and the address verbs together (built once, not per text)."""
    return cues.keys("radio_address_cues") | entity_cues().address_verbs


def _radio_addressed(words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A lower-case noun of the call-sign list right after a radio cue ("это", "це", "слышь") or an address verb
    ("передай", "скажи"), or in the dative right before an address verb ("беркуту скажи", "граниту передай"), unless
    it is one of the words a family call uses plainly ("передай деду", "деду скажи")."""
    cue = entity_cues()
    before = _radio_or_address()
    plain = cues.keys("ordinary_callsign_words")
    out = []
    keys = keys_of(words)
    if before.isdisjoint(keys) and cue.address_verbs.isdisjoint(keys):
        return out  # no radio cue and no address verb: no word stands after or before one
    for i, (start, end, word) in enumerate(words):
        after_cue = i > 0 and keys[i - 1] in before
        told = i + 1 < len(words) and keys[i + 1] in cue.address_verbs and any(
            p.tag.case == "datv" and p.score >= 0.1 for p in parses(word.lower(), language)[:3])
        if not word[:1].islower() or not (after_cue or told) or not _free(start, end, taken):
            continue
        listed = listed_callsign(word, language)
        if listed is None or fold(listed) in plain or keys[i] in cue.speaker_roles:
            continue
        if parses(word.lower(), language)[0].tag.POS != "NOUN" and not told:
            continue  # "это старый", "скажи белый": adjectives of the list are nicknames only when capitalised
        why = "listed word after a radio cue" if after_cue else "listed word told a message"
        out.append(Candidate("CALLSIGN", start, end, 0.6, f"callsign: {why} ({UNSURE})", {"normal": listed}))
    return out


# ------------------------------------------------------------------------------------------- radio talk

_SELF = frozenset({"я", "тут"})
_THIS = frozenset({"это", "це"})  # "Кедр, это Сокол.": a radio opening between two capitalised call signs
_ANSWER = frozenset({"ответь", "відповідай", "відповідь"})  # "Ангара, ответь Енисею": both are call signs
_SELF_OR_ANSWER = _SELF | _ANSWER
_PIVOTS = _SELF | _ANSWER | _THIS  # the words a radio opening turns on
_RADIO_REACH = 25  # words either side of a radio word ("приём", "птичка") that it makes radio talk
_ON_AIR = (("прием",), ("прийом",), ("на", "связи"), ("на", "приеме"), ("на", "зв'язку"), ("ответь",),
           ("відповідай",), ("как", "слышишь"), ("как", "слышно"), ("як", "чуєш"), ("як", "чути"))
_ON_AIR_FIRST = frozenset(p[0] for p in _ON_AIR)


def callsign_noun(word: str, language: str, *, capital_adjective: bool = False) -> bool:
    """A word that can be a call sign where radio talk puts it: a singular noun (or a word pymorphy3 does not
    know), not a kinship, address or endearment word, a pronoun or a verb ("Ясень", "грому", "мольфар")."""
    key = fold(word)
    cue = entity_cues()
    if len(key) < 3 or key in cue.speaker_roles or key in cues.keys("not_address_callsigns") \
            or key in cue.address_verbs or key in cues.keys("radio_talk"):
        return False
    readings = [p for p in parses(word.lower(), language)[:3] if p.score >= 0.1] or parses(word.lower(), language)[:1]
    if any(p.tag.POS in _NOT_NAME_POS for p in readings if p.is_known):
        return False  # "тобі", "його": pymorphy3 also reads a pronoun or a function word there
    top = readings[0]
    if not top.is_known:
        return top.tag.POS == "NOUN" or capital_adjective and top.tag.POS == "ADJF"
    if top.tag.POS == "NOUN":
        return top.tag.number != "plur" and "Apro" not in grammemes(top)
    return capital_adjective and top.tag.POS == "ADJF" and "Apro" not in grammemes(top) and top.tag.case == "nomn"


def _addressed_name(word: str, language: str) -> bool:
    """An unknown word in an address that reads as one: a vocative or a singular name guess ("Дімочко", "Юльчику";
    not "Сказалы", a plural)."""
    readings = parses(word.lower(), language)[:3]
    return any(p.tag.case == "voct" or ("Name" in grammemes(p) and p.tag.number != "plur") for p in readings) or (
        readings[0].tag.number != "plur")


def _guessed_name(word: str) -> bool:
    """Whether pymorphy3 guesses a first name or a surname for an unknown word ("Бато"; not "Сбер")."""
    return any({"Name", "Surn"} & grammemes(p) for p in parses(word.lower(), "ru")[:2])


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether a word stands inside quotes, a title ("«Дэнс, дэнс, дэнс»", '"Яндекс".Новости')."""
    before = text[max(0, start - 60) : start]
    return before.count("«") > before.count("»") or before.count('"') % 2 == 1 \
        or before.count("“") > before.count("”")


def _turn_start(text: str, start: int) -> bool:
    """Whether a word opens the text, a line or a turn after a finished sentence ("всі цілі. — Дімочко, а ..."),
    not a dash inside a sentence ("компании — Росгеология, ...")."""
    head = re.sub(r"[\s—–\-«\"]+$", "", text[:start])
    return not head or head[-1] in ".!?\n:" or "\n" in text[len(head) : start]


def _home_place(start: int, end: int, taken: list[Candidate]) -> bool:
    """Whether a gazetteer place of Ukraine, Russia or Belarus covers the span ("район Синьковки")."""
    return any(t.label == "LOC" and t.overlaps(start, end) and (t.attributes.get("geo") or {}).get("country")
               in ("UA", "RU", "BY") for t in taken)


def _unknown_name(word: str, language: str) -> bool:
    """A capitalised word neither dictionary knows, which pymorphy3 guesses to be a name or which stands in an
    address ("Дімочко", "Бато", "Юльчику"); not a word the lists rule out."""
    key = fold(word)
    if key in entity_cues().speaker_roles or key in cues.keys("not_address_callsigns") \
            or key in cues.keys("radio_talk"):
        return False
    readings = [parses(word.lower(), lang)[0] for lang in {language, "ru", "uk"}]
    return not any(p.is_known for p in readings) and parses(word.lower(), language)[0].tag.POS == "NOUN"


def _opening(text: str, words: list[Word], language: str) -> list[int]:
    """The words of radio openings ("Гром, я Кедр", "гром гром я ясень", "Сокіл, я Вітер", "Кедр, это Сокол."): a
    noun at the start of a turn, said once or twice, then "я"/"тут" and another noun, in any case and capitalisation
    ("это"/"це" only between two capitalised nouns, after a comma, the callee ending the clause)."""
    out: list[int] = []
    keys = keys_of(words)
    if _PIVOTS.isdisjoint(keys):
        return out  # no "я", "тут", "это" or "ответь" to open a call with
    for i in range(1, len(words) - 1):
        this = keys[i] in _THIS and "," in text[words[i - 1][1] : words[i][0]] \
            and words[i - 1][2][:1].isupper() and words[i + 1][2][:1].isupper() \
            and re.match(r"\s*(?:[.,!?;]|$)", text[words[i + 1][1] :]) is not None
        if not (keys[i] in _SELF_OR_ANSWER or this) \
                or not re.fullmatch(r"[\s,]*", text[words[i - 1][1] : words[i][0]]) \
                or text[words[i][1] : words[i + 1][0]].strip():
            continue
        first = i - 1
        if first > 0 and number_word(words[first][2], language) and re.fullmatch(
                r"[\s,-]*", text[words[first - 1][1] : words[first][0]]):
            first -= 1  # "граніт два я бобер", "урал двенадцать я туман": a numbered call sign
        numbered = first < i - 1
        doubled = first > 0 and fold(words[first - 1][2]) == fold(words[first][2]) \
            and re.fullmatch(r"[\s,]*", text[words[first - 1][1] : words[first][0]]) is not None
        if doubled:
            first -= 1  # "гром, гром, я ясень"
        if not (sentence_start(text, words, first) or fold(words[first - 1][2]) in cues.keys("radio_address_cues")
                or fold(words[first - 1][2]) in cues.keys("radio_talk")):  # "прийом прийом тайфун я бриз"
            continue
        caller, callee = words[first][2], words[i + 1][2]
        cased = any(ch.isupper() for ch in text)
        verb_after = i + 2 < len(words) and not text[words[i + 1][1] : words[i + 2][0]].strip() \
            and _verb_of_i(fold(words[i + 2][2]), language)
        named = bool(name_lexicon().lookup(caller))
        if named and cased and callee[:1].islower() or verb_after and named and not doubled:
            continue  # "Лен, я контракт подписал": a family call, an object before its verb
        if verb_after and not doubled and not any(p.tag.case == "nomn" and p.score >= 0.1
                                                  for p in parses(callee.lower(), language)[:3]):
            continue  # "урал урал я кама наблюдаю", "тайфун я бриз бачу": a call sign before its verb
        capitals = caller[:1].isupper() and callee[:1].isupper() or doubled or numbered  # "док док я маленький"
        nominative = callee[:1].isupper() or any(p.tag.case in ("nomn", None)
                                                 for p in parses(callee.lower(), language)[:3])
        if fold(words[i][2]) in _ANSWER:
            nominative = True  # "Ангара, ответь Енисею": the callee in the dative
        if opening_noun(caller, language) and opening_noun(callee, language, capital_adjective=capitals) \
                and nominative:
            out += [*range(first, i), i + 1]
    return out


@lru_cache(maxsize=50_000)
def number_word(word: str, language: str) -> bool:
    """A cardinal number word ("два", "двенадцать", "дванадцять") that can follow a numbered call sign."""
    return any(p.tag.POS == "NUMR" and p.score >= 0.1 for lang in (language, "ru" if language == "uk" else "uk")
               for p in parses(word.lower(), lang)[:2])


def _verb_of_i(word: str, language: str) -> bool:
    """A verb that can follow "я" ("подписал", "прийшов", "иду"), not a plural one ("рухаємось", "привезли")."""
    for p in parses(word, language)[:2]:
        if p.score < 0.3 or p.tag.POS not in ("VERB", "INFN"):
            continue
        if p.tag.POS == "INFN" or p.tag.number != "plur" and (p.tag.tense == "past" or p.tag.person in ("1per", None)):
            return True
    return False


def opening_noun(word: str, language: str, *, capital_adjective: bool = False) -> bool:
    """A word in the place of a call sign in a radio opening: a call-sign noun, or a word with any singular noun
    reading that is no pronoun or function word ("Вяз" besides "вяз" the verb, "граф", "Сичу")."""
    if callsign_noun(word, language, capital_adjective=capital_adjective):
        return True
    key = fold(word)
    cue = entity_cues()
    if len(key) < 3 or key in cue.speaker_roles or key in cues.keys("not_address_callsigns") \
            or key in cue.address_verbs or key in cues.keys("radio_talk"):
        return False
    readings = [p for p in parses(word.lower(), language)[:4] if p.score >= 0.1]
    if any(p.tag.POS in _NOT_NAME_POS - {"VERB", "INFN"} and p.score >= 0.3 for p in readings):
        return False
    return any(p.tag.POS == "NOUN" and p.tag.number != "plur" and "Apro" not in grammemes(p) for p in readings)


def radio_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate],
                    ner_other: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Call signs of radio talk with no "позывной", in any case and capitalisation (blind round 6): both nouns of a
    radio opening ("ясень я берёза", "Лис, я Бобер"), and in a text that is radio talk (an opening, "приём",
    "подтверди", "минус два", "птичка"...) a noun in an address position: opening a turn before a comma ("Ясень, у
    меня трое"), alone between a comma and the end of a clause ("понял тебя, Берёза."), before "приём"/"на связи"
    ("ясень на приёме"), or a dative beside a verb of passing a message ("грому передай"). A capitalised noun alone
    between a comma and the end of a clause is a call sign in any text ("снарядов, Тополь."), a small place of the
    same name notwithstanding. A capitalised word no dictionary knows is a person when it is addressed
    ("Дімочко, а правда") or when pymorphy3 guesses a name for it inside a sentence ("её Бато нашли"), unless it
    is a home place or natasha reads it as part of an organisation or a place (``ner_other``). Masked when
    unsure."""
    picked: dict[int, str] = {i: "radio opening" for i in _opening(text, words, language)}
    people_found: list[int] = []
    words = words_of(text, words)
    keys = words.keys
    talk = cues.keys("radio_talk")
    near = [j for j, k in enumerate(keys) if k in talk  # a radio word makes the words around it radio talk
            or k in _ON_AIR_FIRST and any(tuple(keys[j : j + len(p)]) == p for p in _ON_AIR)]
    opened = bool(picked)
    cue = entity_cues()
    cased = words.has_upper
    if not cased and not opened and not near:
        return []  # lower-case text with no radio talk: the loop below takes no word
    for i, (start, end, word) in enumerate(words):
        capital = word[:1].isupper()
        if i in picked or not capital and (cased or not (opened or any(abs(j - i) <= _RADIO_REACH for j in near))):
            continue  # in cased text radio talk capitalises its call signs; lower-case text needs radio talk near
        prev = keys[i - 1] if i else ""
        if prev in cue.place_prepositions or prev in cue.locative_prepositions:
            continue
        before = text[words[i - 1][1] : start] if i else text[:start]
        after = text[end : words[i + 1][0]] if i + 1 < len(words) else text[end:]
        clause_end = re.match(r"\s*(?:[!?,;…]|\.(?!\w))", after) is not None or i + 1 == len(words)
        listed = i + 1 < len(words) and words[i + 1][2][:1].isupper() and re.fullmatch(r",\s*", after) is not None \
            or i > 0 and words[i - 1][2][:1].isupper() and re.fullmatch(r",\s*", before) is not None \
            and not sentence_start(text, words, i - 1)
        vocative = "," in before and clause_end and not listed  # "Греция, Словения, Хорватия" is a list
        opens = after.lstrip().startswith(",") and _turn_start(text, start)
        abbreviation = sum(ch.isupper() for ch in word) > 1  # "ТЦК", "РЕБу", "КАБами"
        if abbreviation or _quoted(text, start, end):
            continue
        if capital and len(word) >= 3 and _unknown_name(word, language) and (
                (vocative or opens) and _addressed_name(word, language) or not sentence_start(text, words, i)
                and _guessed_name(word) and not _home_place(start, end, taken)
                and not any(a <= start and end <= b for a, b in ner_other)):
            people_found.append(i)  # "Дімочко, а правда", "її Бато нашли": a name no dictionary knows
            continue
        if vocative and capital and not sentence_start(text, words, i) and callsign_noun(word, language):
            picked[i] = "alone between a comma and the end of a clause"
            continue
        radio = opened or any(abs(j - i) <= _RADIO_REACH for j in near)
        if not radio or not callsign_noun(word, language):
            continue
        if vocative or opens:
            picked[i] = "addressed in radio talk"
        elif any(tuple(keys[i + 1 : i + 1 + len(p)]) == p for p in _ON_AIR) and not re.match(r"\s*[.!?]", after):
            picked[i] = "before a radio phrase"
        elif (prev in cue.address_verbs and not before.strip()) or (
                i + 1 < len(words) and keys[i + 1] in cue.address_verbs and not after.strip()):
            if any(p.tag.case == "datv" and p.score >= 0.1 for p in parses(word.lower(), language)[:3]):
                picked[i] = "told a message in radio talk"
    out = [unsure_person(words[i][0], words[i][1],
                         f"person: addressed or named with a word no dictionary knows ({UNSURE})",
                         words[i][2]) for i in people_found if not any(
        t.overlaps(words[i][0], words[i][1]) and (t.label in ("CALLSIGN", "PHONE", "UNIT") or t.leak_first)
        for t in taken)]  # a weaker PER reading of it may lose to a place ("Бато" and Bath): this one does not
    for i, why in sorted(picked.items()):
        start, end, word = words[i]
        if not _free(start, end, taken) or why != "radio opening" and any(
                t.overlaps(start, end) and t.label == "LOC" and _big_place(t) for t in taken):
            continue
        out.append(Candidate("CALLSIGN", start, end, 0.6, f"callsign: {why} ({UNSURE})",
                             {"normal": listed_callsign(word, language) or word[:1].upper() + word[1:].lower()},
                             leak_first=True))
    return out


# ----------------------------------------------------------------------------------------- second opinion

_NOT_NAME_POS = frozenset({"VERB", "INFN", "GRND", "INTJ", "CONJ", "PRCL", "PREP", "ADVB", "NPRO", "PRED", "COMP"})


def _name_like(word: str, language: str) -> bool:
    """A word that can be part of a name: not a verb, interjection or function word ("Скину", "Ой", "А")."""
    if fold(word) in entity_cues().speaker_roles or fold(word).startswith(("позывн", "позивн")):
        return False  # kinship and address words ("Пап", "Бать"), "Позывной" are not personal data
    top = parses(word.lower(), language)[0]
    return not (top.is_known and top.score >= 0.3 and top.tag.POS in _NOT_NAME_POS
                and not ({"Name", "Surn", "Patr"} & grammemes(top)))


def _big_place(candidate: Candidate) -> bool:
    geo = candidate.attributes.get("geo") or {}
    return geo.get("geonameid") is not None and (geo["geonameid"] < 0 or (geo.get("population") or 0) >= 100_000)


TOWN = 10_000  # a GeoNames place this large is a town: natasha or the name model alone do not make it a person


def town_reading(candidate: Candidate, text: str) -> bool:
    """Whether a LOC candidate over ``text`` is a town of 10,000 or more people (a GeoNames record at home, not a
    region) whose one word the Russian dictionary knows as a place and never as a name, and no first-name lexicon
    knows: "в чужой Энергодар", "с-под Кременной", "вся Кяхта" are places even where natasha or the learned name
    model read a person. "Гусев" (a surname), "Анна", "Салават" (first names), "Борзый" (no place reading: Борзя)
    are left to them: leaking is worse than a masked town. A place named as the object of taking or holding
    (``Candidate.taken_place``) counts whatever its size."""
    geo = candidate.attributes.get("geo") or {}
    if candidate.label == "LOC" and candidate.taken_place and not candidate.from_ner and " " not in text:
        # the object of taking or holding ("брали Берховку", "Суджу заняли"): a village of any size, unless a word
        # that can be a name ("взяли Надежду")
        readings = [str(p.tag) for p in parses(text.lower(), "ru")[:4] if p.score >= 0.05]
        return not name_lexicon().lookup(text) \
            and not any(flag in tag for tag in readings for flag in ("Name", "Surn", "Patr"))
    if candidate.label != "LOC" or candidate.from_ner or " " in text or (geo.get("geonameid") or 0) <= 0 \
            or (geo.get("population") or 0) < TOWN or geo.get("country") not in ("UA", "RU", "BY"):
        return False
    readings = [str(p.tag) for p in parses(text.lower(), "ru")[:4] if p.score >= 0.05]
    return not name_lexicon().lookup(text) and any("Geox" in tag for tag in readings) \
        and not any(flag in tag for tag in readings for flag in ("Name", "Surn", "Patr"))


def ner_candidates(text: str, words: list[Word], language: str, spans: list[tuple[str, int, int]],
                   codes: list[tuple[int, int]], taken: list[Candidate]) -> list[Candidate]:
    """natasha's PER spans the rules did not cover: a second opinion, masked (a span either finds is masked).

    Words natasha puts in a name that cannot be part of one are left out ("Скажи Оле" is "Оле", "Ой" nothing).
    """
    out = []
    for label, start, end in spans:
        if label != "PER" or any(start < e and s < end for s, e in codes) or any(
                ch.isdigit() for ch in text[start:end]):
            continue
        run: list[Word] = []
        inside = [w for w in words if start <= w[0] and w[1] <= end]
        before = [w for w in words if w[1] <= start][-2:]
        if len(before) == 2 and fold(before[1][2]) in entity_cues().place_determiners:
            before = before[:1]  # "в этом Токмаке", "из нашего Чадана"
        before = before[-1:]
        if before and fold(before[0][2]) in entity_cues().locative_prepositions and any(
                t.label == "LOC" and t.start <= start and end <= t.end for t in taken):
            continue  # "за Васильевкой", "под Работино": a place the gazetteer knows, after a preposition of place
        if any(t.label == "LOC" and t.overlaps(start, end) and (
                _big_place(t) or t.start <= start and end <= t.end and town_reading(t, text[t.start : t.end]))
               for t in taken):
            continue  # a region, a city or a town natasha misreads ("Белгородчина", "Энергодар") stays a place
        for t in taken:
            if t.label == "PER" and t.overlaps(start, end):
                t.leak_first = True  # natasha agrees: the rule's reading outranks a place reading
        for w in [*inside, None]:
            if w is not None and w[2][:1].isupper() and _name_like(w[2], language):
                run.append(w)
                continue
            if run and not _covered(run[0][0], run[-1][1], taken):
                a, b = run[0][0], run[-1][1]
                out.append(Candidate("PER", a, b, 0.6, "person: natasha NER PER (second opinion)",
                                     {"normal": text[a:b], "first_name": None, "surname": None, "gender": None,
                                      "case": None, "parts": []}, from_ner=True, leak_first=True))
            run = []
    return out


# ------------------------------------------------------------------------------------- every occurrence

@lru_cache(maxsize=100_000)
def _nominal(word: str, language: str) -> bool:
    """A noun, an adjective or a word pymorphy3 does not know (not "Только", "Дальше")."""
    top = parses(word.lower(), language)[0]
    return not top.is_known or top.tag.POS in ("NOUN", "ADJF")


def _surname_parts(c: Candidate, words: list[Word]) -> list[tuple[int, int]]:
    """The spans of a PER's surname parts; of a PER found with no parts (initials with a surname, an unsure name) or
    of a call sign ("старшина Шмырков" read as one) the spans of its words."""
    parts = c.attributes.get("parts") or () if c.label == "PER" else ()
    if not parts:
        return [(start, end) for start, end, _ in words if c.start <= start and end <= c.end]
    return [(p["start"], p["end"]) for p in parts if p.get("role") == "surname"]


def other_occurrences(text: str, words: list[Word], language: str, chosen: list[Candidate]) -> list[Candidate]:
    """Every other form of a surname, nickname or call sign found once ("Соколов ... Дежурный: Соколов",
    "Игорем Лыковым ... рядовой Лыков"): the text must not keep a form of a name it masks elsewhere. A form that is
    also a word ("гена", "роман") counts only as the very same form, never by its stem."""
    words = words_of(text, words)
    lower_case_text = not words.has_upper
    lexicon = name_lexicon()
    keys: dict[str, Candidate] = {}
    surnames: dict[str, Candidate] = {}  # the case-free stems of the surnames masked ("Шмырков" → "шмырков")
    for c in chosen:
        if c.label not in ("PER", "CALLSIGN"):
            continue
        for start, end, word in words:
            if not (c.start <= start and end <= c.end and len(word) >= 3):
                continue
            key = fold(word)
            if not lexicon.is_ambiguous(word) and _nominal(word, language):
                keys.setdefault(stem_key(word, language), c)
                keys.setdefault(key, c)
            elif key not in lexicon.function_forms[language] and not any(
                    p.tag.POS == "NUMR" for p in parses(key, language)[:2]):
                keys.setdefault(key, c)  # the very same form, even one that is also a word ("а гена ну гена"),
                # never a number ("граніт два ... мінус два")
        for start, end in _surname_parts(c, words):
            key = surname_key(text[start:end])
            if key:
                surnames.setdefault(key, c)
    if not keys and not surnames:
        return []  # no name or call sign found: nothing has another form
    out = []
    held = overlap_test((c.start, c.end) for c in chosen if c.label != "LOC")
    for start, end, word in words:
        if len(word) < 3 or held(start, end):
            continue
        if not (word[:1].isupper() or lower_case_text) or fold(word) in entity_cues().speaker_roles:
            continue
        source = keys.get(fold(word)) or keys.get(stem_key(word, language)) or (
            surnames.get(surname_key(word) or "") if surnames else None)
        if source is None or fold(word) in cues.keys("place_function_words"):
            continue
        if any(c.overlaps(start, end) and not (c.from_ner and source.label == "PER") for c in chosen) and not (
                source.label == "CALLSIGN" and source.leak_first and "-" in text[source.start : source.end]):
            continue  # a place stays a place, unless a numbered call sign uses its name ("Урал-12 ... приказ Урала"),
            # and a person's surname is no place the NER model guessed ("С. Колпинский ... Потом Колпинский уехал")
        out.append(Candidate(source.label, start, end, 0.7, f"{source.label.lower()}: another form of "
                             f"\"{text[source.start:source.end]}\" found in this text",
                             {"normal": source.attributes.get("normal") or word} | (
                                 {"first_name": None, "surname": None, "gender": None, "case": None, "parts": []}
                                 if source.label == "PER" else {})))
    return out
