"""PER candidates: chains of first names, patronymics and surnames (ANNOTATION.md, Personal data)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from overheard.annotate import cues as word_lists
from overheard.annotate.rules.entities.candidates import Candidate
from overheard.annotate.rules.entities.morph import (
    animate_noun,
    case_of,
    common_word,
    gender,
    grammemes,
    imperative,
    morph_name,
    past_verb,
    patronymic,
    surname,
    surname_reading,
)
from overheard.annotate.rules.entities.word_facts import WordFacts, word_facts, word_facts_of
from overheard.annotate.rules.entities.words import (
    Word,
    adjacent,
    entity_cues,
    role_label,
    sentence_start,
    speaker_label_spans,
    surname_any_case,
)
from overheard.annotate.rules.words import Words, words_of
from overheard.names import NameForm, name_lexicon
from overheard.text import fold, parses

Role = dict[str, Any]
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


def people(text: str, words: list[Word], language: str, ner_per: list[tuple[int, int]]) -> list[Candidate]:
    """PER candidates of ``text``: chains of adjacent name parts, ambiguous forms only with a cue."""
    words = words_of(text, words)
    labels = speaker_label_spans(text)
    cased = _Casing(words.has_lower, words.has_upper)  # once, not per word
    facts = word_facts_of(words, language)
    beside = _may_stand_beside(words, cased, facts)
    # most words have no name reading and no name beside them: no role, without reading them further
    roles = [_role(text, words, i, language, ner_per, labels, cased, beside[i])
             if ner_per or beside[i] or facts[i].may_be_name else None
             for i in range(len(words))]
    chains = _chains(text, roles, words)
    lexicon = name_lexicon()
    ranks = entity_cues().ranks
    accepted_first: set[str] = set()
    accepted_surface: set[str] = set()  # exact spellings accepted ("Любо" once a name, always a name here)
    out: list[Candidate] = []
    pending: list[list[Role]] = []
    for chain in chains:
        kinds = [r["role"] for r in chain]
        firsts = [r for r in chain if r["role"] == "first"]
        good_first = [r for r in firsts if _first_ok(r, chain, words)]
        strong = (
            good_first
            or "patronymic" in kinds
            or any(r["role"] == "surname" and (r["strong"] or fold(r["prev"]) in ranks) for r in chain)
        )
        if not strong:
            if firsts:
                pending.append(chain)
            continue
        keep = _trim_chain(chain)
        if keep and _plain_before_capital(keep[0], keep, words) and not _first_ok(keep[0], keep, words):
            keep = keep[1:]  # "романа Ильфа": the novel's, then the surname
        if not keep:
            continue
        for r in keep:
            if r["role"] == "first":
                accepted_first.add(fold(r["readings"][0].canonical))
                accepted_surface.add(words[r["index"]][2])
        out.append(_person_candidate(text, words, keep))
    # an ambiguous form counts when the same person is mentioned unambiguously elsewhere
    lower_case_text = not words.has_upper
    for chain in pending:
        keep = [r for r in chain if r["role"] == "first"
                and fold(r["readings"][0].canonical) in accepted_first
                and (lower_case_text or words[r["index"]][2][:1].isupper())
                and (fold(words[r["index"]][2]) not in lexicon.function_forms[language]
                     or words[r["index"]][2] in accepted_surface)]
        if keep:
            out.append(_person_candidate(text, words, keep, "same person named elsewhere"))
    return out


class _Casing(NamedTuple):
    """Whether a text has lower-case and upper-case letters anywhere."""

    lower: bool
    upper: bool


def _role(text: str, words: list[Word], i: int, language: str, ner_per: list[tuple[int, int]],
          labels: list[tuple[int, int]], cased: _Casing, may_stand_beside: bool) -> Role | None:
    """What word ``i`` can be in a name: a first name, a patronymic, a surname, or nothing (``may_stand_beside``:
    its :func:`_may_stand_beside`)."""
    start, end, word = words[i]
    in_ner = bool(ner_per) and any(s <= start and end <= e for s, e in ner_per)  # no NER: no generator per word
    beside = may_stand_beside and _beside_name(text, words, i, language, cased)
    if not in_ner and not beside and not word_facts(word, language).may_be_name:
        return None  # most words: no first-name, patronymic or surname reading at all
    lexicon = name_lexicon()
    not_person = entity_cues().speaker_roles  # kinship, posts and role words, besides the never-a-person list
    keys = words_of(text, words).keys
    key = keys[i]
    role: Role | None = None
    abbreviation = len(word) > 1 and word.isupper() and cased.lower  # "НАТО", "СБУ"
    # a cased text writes names capitalised: lower-case "роман", "свет", "левой" there are ordinary words
    nxt = words[i + 1][2] if i + 1 < len(words) else ""
    lower_word = word.islower() and cased.upper and (
        lexicon.is_ambiguous(word) or _ordinary_word(word, language)) and not (
        (i and keys[i - 1] in entity_cues().person_cues)
        or (nxt[:1].isupper() and key not in lexicon.function_forms[language]))  # "только Ирке": a word
    readings = [] if key in not_person or abbreviation or lower_word else _name_readings(word, language)
    prev = keys[i - 1] if i else ""
    capital_mid = word[:1].isupper() and not sentence_start(text, words, i)
    if readings:
        role = {"role": "first", "readings": readings, "ambiguous": lexicon.is_ambiguous(word)}
    elif (patr := patronymic(word, language)) is not None:
        role = {"role": "patronymic", "normal": patr}
    elif key not in not_person and (surn := surname(word, language)) is not None:
        # "у маркова", "Федотова накажут"; a cased text writes a surname capitalised ("добрий гончар" is a potter)
        strong = (capital_mid and surn[1]) or (in_ner and word[:1].isupper() and surn[1]) or (
            surn[1] and _surname_first(word.lower(), language) and (word[:1].isupper() or not cased.upper))
        role = {"role": "surname", "normal": surn[0], "strong": strong, "only": surn[1]}
    elif in_ner and word[:1].isupper() and key not in not_person:
        if not any(p.is_known for p in parses(word.lower(), language)[:2]):
            role = {"role": "surname", "normal": word.lower(), "strong": True, "only": False}
    if role is None and beside and key not in not_person:
        # "Вера Мороз", "максим кот", "у сергея мурашского": a word beside a name that reads as a surname there
        role = {"role": "surname", "normal": word.lower(), "strong": False, "only": True}
    if role is not None and any(a <= start < b and role_label(text, a, b) for a, b in labels):
        role = None  # "Мать:", "Жена:" - a speaker label that says a role, not a name
    if role is not None:
        role.update(index=i, prev=prev, capital_mid=capital_mid, lang=language, text=text, span=(start, end))
    return role


def _beside_name(text: str, words: list[Word], i: int, language: str, cased: _Casing) -> bool:
    """Whether word ``i`` stands where it reads as a surname whatever else it may mean: capitalised inside a sentence
    of a cased text right after a capitalised first name ("Вера Мороз", "Лев Гиль", "Игорь Долгих"); in a text with no
    capital letter, an animate noun or a word a dictionary knows as a surname right after a first name ("максим кот",
    "юрию ковалю"); in any text, a word with a surname's case ending (``surname_any_case``: "мазнуку", "тирко",
    "колпинского") that is no ordinary word, beside a first name or a patronymic or after a rank."""
    word = words[i][2]
    prev = words[i - 1][2] if i and adjacent(text, words[i - 1], words[i]) else ""
    nxt = words[i + 1][2] if i + 1 < len(words) and adjacent(text, words[i], words[i + 1]) else ""
    if len(word) < 2 or not (prev or nxt):
        return False
    if len(word) >= 4 and (word[:1].isupper() or not cased.upper) and surname_any_case(fold(word)) \
            and (_named(prev, language) or _named(nxt, language) or fold(prev) in entity_cues().ranks) \
            and not common_word(word, language) and fold(word) not in entity_cues().speaker_roles:
        return True  # in a cased text a surname is capitalised ("в бабці Марії корову" keeps the cow)
    if not prev:
        return False
    if not cased.upper:
        lexicon = name_lexicon()
        return bool(lexicon.lookup(prev)) and not lexicon.is_ambiguous(prev) and fold(
            prev) not in lexicon.function_forms[language] and not common_word(word, language) and (
            surname_reading(word, language) or animate_noun(word, language))
    return cased.lower and word[:1].isupper() and word[1:].islower() and _CYRILLIC.match(word) is not None and prev[
        :1].isupper() and not sentence_start(text, words, i) and _known_first_name(prev, language) and fold(
        word) not in entity_cues().not_person
    # a place's name there is a surname too ("Джорджа Вашингтона"); "Слава Україні" is in not_person


def _may_stand_beside(words: Words, cased: _Casing, facts: list[WordFacts]) -> list[bool]:
    """For each word, whether it has what :func:`_beside_name` needs before it looks at the words around (most words
    have none of it): a surname's case ending on a word of four letters or more, capitalised in a cased text; or,
    after a word, a first name of the lexicon before it in a text with no capital letter, two capitalised words in
    a cased one. One pass over the document's words."""
    keys, lexicon = words.keys, name_lexicon()
    out = []
    for i, (_, _, word) in enumerate(words):
        if len(word) >= 4 and (word[:1].isupper() or not cased.upper) and facts[i].surname_any_case:
            out.append(True)
        elif not i:
            out.append(False)
        elif cased.upper:
            out.append(cased.lower and word[:1].isupper() and words[i - 1][2][:1].isupper())
        else:
            out.append(bool(lexicon.lookup_key(keys[i - 1])))
    return out


@lru_cache(maxsize=20_000)
def _known_first_name(word: str, language: str) -> bool:
    """A first name of the name lexicon or of pymorphy3's dictionary ("Роберт", "Джорджа"), not one it guesses for an
    unknown word ("Скалл", "Фрут" in a company's name)."""
    return bool(name_lexicon().lookup(word)) or any(
        p.is_known and "Name" in p.tag.grammemes for p in parses(word.lower(), language)[:3])


def _named(word: str, language: str) -> bool:
    """Whether a word is a first name of the name lexicon (not a form it also knows as a function word) or a
    patronymic."""
    lexicon = name_lexicon()
    return bool(word) and (bool(lexicon.lookup(word)) and fold(word) not in lexicon.function_forms[language]
                           or patronymic(word, language) is not None)


@lru_cache(maxsize=100_000)
def _name_readings(word: str, language: str) -> list[NameForm]:
    """First-name readings of a word: the name lexicon's, pymorphy3's ``Name``, or the name a possessive is made
    from ("ванькина"); the same words recur, so the three lookups are made once per word (shared list: do not
    change it)."""
    lexicon = name_lexicon()
    return lexicon.lookup(word) or morph_name(word, language) or lexicon.possessive(word)


@lru_cache(maxsize=100_000)
def _ordinary_word(word: str, language: str) -> bool:
    """Whether pymorphy3's best reading of ``word`` is a common word, not a name."""
    top = parses(word, language)[0]
    return top.is_known and top.score >= 0.3 and not ({"Name", "Surn", "Patr"} & set(str(top.tag).replace(" ", ",")
                                                                                   .split(",")))


@lru_cache(maxsize=100_000)
def _only_a_name(word: str, language: str) -> bool:
    """Whether every likely reading of ``word`` in the text's own language is a name: a form the name lexicon
    marks ambiguous because it is a word in the other language ("романа" is a novel's only in Russian)."""
    found = [p for p in parses(word, language)[:4] if p.score >= 0.05]
    return bool(found) and all(p.is_known and {"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in found)


@lru_cache(maxsize=100_000)
def _surname_first(word: str, language: str) -> bool:
    """Whether pymorphy3's best reading of a lower-case word is a surname ("маркова", "иванову")."""
    top = parses(word, language)[0]
    return len(word) >= 5 and "Surn" in str(top.tag) and top.score >= 0.4


def _chains(text: str, roles: list[Role | None], words: list[Word]) -> list[list[Role]]:
    """Runs of adjacent name parts."""
    chains: list[list[Role]] = []
    current: list[Role] = []
    for i, role in enumerate(roles):
        if role is not None and current and adjacent(text, words[current[-1]["index"]], words[i]):
            current.append(role)
            continue
        if current:
            chains.append(current)
        current = [role] if role is not None else []
    if current:
        chains.append(current)
    return chains


def _first_ok(role: Role, chain: list[Role], words: list[Word]) -> bool:
    """Whether a first-name form counts as a name here (an ambiguous one needs a cue)."""
    if not role["ambiguous"]:
        return True
    cues = entity_cues()
    if _addressed(role, words):
        return True
    function_form = fold(words[role["index"]][2]) in name_lexicon().function_forms[role["lang"]]
    if (_possessive_follows(role, words) or _possessive_precedes(role, words)) and not (
            function_form and role["lang"] == "uk"):
        return True  # "Коли моего больше нет", "вани нашего", "сослуживец вашего коли": a name with its possessive
    if function_form:
        return role["capital_mid"]  # "у Коли" but not "коли", "Только", "Алло"
    if role["capital_mid"] or role["prev"] in cues.person_cues:
        return True
    if _only_a_name(fold(words[role["index"]][2]), role["lang"]):
        return True  # "новини про романа": a word in Russian ("романа", of a novel), only a name in Ukrainian
    capital = words[role["index"]][2][:1].isupper()
    if _plain_before_capital(role, chain, words):
        return False
    if any(r is not role and (r["role"] == "patronymic" or (r["role"] == "surname" and r["strong"])
                              or (r["role"] == "surname" and abs(r["index"] - role["index"]) == 1  # "вера мороз"
                                  and "Surn" in str(parses(fold(words[r["index"]][2]), role["lang"])[0].tag)
                                  and fold(words[role["index"]][2]) not in word_lists.keys("month_names"))  # "марта"
                              or (r["role"] == "surname" and capital and words[r["index"]][2][:1].isupper())
                              or (r["role"] == "first" and not r["ambiguous"])) for r in chain):
        return True
    nxt = role["index"] + 1
    if nxt >= len(words):
        return False
    following = fold(words[nxt][2])
    if following in cues.speech_verbs or following in cues.next_cues:
        return True
    capitalised = words[role["index"]][2][:1].isupper()
    if capitalised and (following in cues.after_name_prepositions or past_verb(following)):
        return True
    return imperative(following)


def _plain_before_capital(role: Role, chain: list[Role], words: list[Word]) -> bool:
    """Whether an ambiguous first-name form written in lower case opens a chain whose other parts are capitalised
    ("романа Ильфа", "романе Булгакова", "слава Петрову"): where names are capitalised, it is the plain word."""
    return role["role"] == "first" and role["ambiguous"] and chain[0] is role and len(chain) > 1 \
        and not words[role["index"]][2][:1].isupper() and all(
            words[r["index"]][2][:1].isupper() for r in chain[1:])


_POSSESSIVES = frozenset({"мой", "твой", "свой", "наш", "ваш", "мій", "твій", "свій"})


def _possessive_follows(role: Role, words: list[Word]) -> bool:
    """Whether a possessive pronoun in the same case and gender follows the name form ("Коли моего", "Саши
    нашего", "Вани свого"): the reading that agrees with it is the person ("коли мой брат" does not agree)."""
    i = role["index"] + 1
    if i >= len(words) or not adjacent(role["text"], words[i - 1], words[i]):
        return False
    cases = set().union(*(r.cases for r in role["readings"]))
    genders = {"masc" if r.gender == "m" else "femn" for r in role["readings"]}
    for p in parses(words[i][2].lower(), role["lang"])[:4]:
        if p.score >= 0.05 and fold(p.normal_form) in _POSSESSIVES and p.tag.number == "sing" \
                and p.tag.case in cases and p.tag.case != "nomn" and (p.tag.gender in genders or p.tag.gender is None):
            return True
    return False


def _possessive_precedes(role: Role, words: list[Word]) -> bool:
    """Whether a possessive pronoun in the same case and gender stands right before the name form ("сослуживец вашего
    коли", "у моей ники") and no ordinary reading of the form is a noun or an adjective the pronoun could qualify
    ("наш роман", "моя вера", "моего серого", "мой свет" stay words)."""
    i = role["index"]
    if i == 0 or not adjacent(role["text"], words[i - 1], words[i]):
        return False
    cases = set().union(*(r.cases for r in role["readings"]))
    genders = {"masc" if r.gender == "m" else "femn" for r in role["readings"]}
    if not any(p.score >= 0.05 and fold(p.normal_form) in _POSSESSIVES and p.tag.number == "sing"
               and p.tag.case in cases and (p.tag.gender in genders or p.tag.gender is None)
               for p in parses(words[i - 1][2].lower(), role["lang"])[:4]):
        return False
    return not any(p.score >= 0.05 and p.tag.POS in ("NOUN", "ADJF") and not ({"Name", "Surn", "Patr"} & grammemes(p))
                   for p in parses(fold(words[i][2]), role["lang"])[:4])


def _addressed(role: Role, words: list[Word]) -> bool:
    """A capitalised vocative-only form opening a turn or sentence, set off by a comma: "— Коль, ну что там?",
    "Ген, Витька в яму кинули" (a name, although "коль" and "ген" are also words); any other name form only where
    it opens the call or a turn ("Света, мне ротный сказал")."""
    i = role["index"]
    start, end, word = words[i]
    text = role["text"]
    if not word[:1].isupper() or text[end : end + 1] not in (",", "!"):
        return False
    before = text[words[i - 1][1] if i else 0 : start]
    if not all(r.cases == {"voct"} for r in role["readings"]):
        # any name form opening the call or a turn, set off by a comma: "Света, мне ротный сказал", "— Вера, ты?"
        return not text[:start].strip() or bool(re.search(r"\n\s*(?:[—–-]\s*)?$", text[:start]))
    return i == 0 or bool(re.search(r"[.!?…\n—–-]\s*$", before))


def _trim_chain(chain: list[Role]) -> list[Role]:
    """Drop weak surname-like words at the edges of a chain ("Андрей сказал" keeps "Андрей", "Олег готов" keeps
    "Олег"); a word shaped like a surname in any case, or one a dictionary knows as a surname, beside a first name or
    a patronymic stays ("Серёга Кузнецов", "у сергея мурашского", "глиницька оксана", "юрка коваля")."""
    keep = list(chain)
    anchored = any(r["role"] in ("first", "patronymic") for r in keep)
    patronymic_in = any(r["role"] == "patronymic" for r in keep)  # "Вершинський Василь Іванович"
    cues = entity_cues()

    def weak(r: Role) -> bool:
        if r["role"] != "surname":
            return False
        i = keep.index(r)
        after = i > 0 and keep[i - 1]["role"] in ("first", "patronymic")
        before = i + 1 < len(keep) and keep[i + 1]["role"] in ("first", "patronymic")
        word = r["text"][slice(*r["span"])]
        shaped = bool(cues.surname_shape.search(r["normal"]) or cues.surname_shape.search(fold(word))) or (
            surname_reading(word, r["lang"]))
        if anchored and r.get("capital_mid"):
            return False
        rank = fold(r["prev"]) in cues.ranks
        top = parses(fold(word), r["lang"])[0]
        if common_word(word, r["lang"]) and not (rank and top.is_known and top.tag.POS == "NOUN"):
            return True  # "Олег готов", "Комбат знову прислав": an ordinary word (a noun after a rank is a surname)
        if rank:
            return False
        if r["strong"] or (anchored and r["only"]) or (after and shaped):
            return False
        # before a first name a known noun qualifies it ("воина Евгения"): a surname there is no such noun (a word a
        # dictionary does not know, an adjective-shaped surname: "глиницька оксана"), or it stands before a first name
        # and a patronymic, or it is capitalised
        known_noun = top.is_known and top.tag.POS == "NOUN" and not surname_reading(word, r["lang"]) and (
            not before or _agrees(word, keep[i + 1], r["lang"]))  # "воина Евгения"; not "у гузко дмитра"
        return not (before and shaped and (not known_noun or patronymic_in or word[:1].isupper()))

    while keep and weak(keep[-1]):
        keep.pop()
    while keep and weak(keep[0]):
        keep.pop(0)
    return keep[:4]


def _agrees(word: str, first: Role, language: str) -> bool:
    """Whether a noun can stand in the case of the first name (or patronymic) after it, as a word qualifying it."""
    cases = set().union(*(x.cases for x in first.get("readings", ()))) if first["role"] == "first" else set()
    return not cases or any(p.tag.case in cases for p in parses(fold(word), language)[:6] if p.tag.POS == "NOUN")


def address_position(text: str, words: list[Word], i: int) -> bool:
    """Whether word ``i`` stands where someone is addressed: set off by punctuation on both sides.

    "Петро! Ой, Петрусю, нарешті", "Алло, Галю?", "Знаю, Петю.", "Все, Галю, хлопець": after the start of a
    sentence, a comma or a dash, and before a comma, "!", "?", "." or the end of the line. "Передай Андрею, что"
    is not (nothing sets it off before).
    """
    end = words[i][1]
    after = text[end : end + 1]
    if after not in (",", "!", "?", ".", "…", "\n", ""):
        return False
    if i == 0 or sentence_start(text, words, i):
        return True
    between = text[words[i - 1][1] : words[i][0]]
    return bool(re.search(r"[,—–]\s*$", between))


def _person_candidate(text: str, words: list[Word], chain: list[Role], reason: str | None = None) -> Candidate:
    start, end = words[chain[0]["index"]][0], words[chain[-1]["index"]][1]
    parts, normal = [], []
    first_name = last_name = sex = None
    case = None
    for r in chain:
        w_start, w_end, word = words[r["index"]]
        part: dict[str, Any] = {"role": r["role"], "start": w_start, "end": w_end}
        if r["role"] == "first":
            readings = r["readings"]
            sex = gender(readings, text, w_end)
            readings = [x for x in readings if x.gender == sex] or readings
            # "Петя" is Пётр in a Russian text and Петро in a Ukrainian one: one person, one canonical name
            readings = [x for x in readings if x.lang in (r["lang"], "both")] or readings
            vocative = address_position(text, words, r["index"])
            case = case_of(word, readings, r["prev"], vocative)
            first_name = readings[0].canonical
            part.update(canonical=first_name, variant=readings[0].variant, gender=sex, case=case)
            normal.append(readings[0].variant)
        elif r["role"] == "patronymic":
            part["normal"] = r["normal"]
            normal.append(r["normal"].capitalize())
            if sex is None:
                sex = "f" if r["normal"].endswith("на") else "m"
        else:
            last_name = r["normal"].capitalize()
            part["normal"] = r["normal"]
            normal.append(last_name)
        parts.append(part)
    firsts = [r for r in chain if r["role"] == "first"]
    score = 0.9 if first_name else 0.75
    return Candidate(
        "PER", start, end, score, f"person: {reason or '+'.join(p['role'] for p in parts)}",
        {"normal": " ".join(normal), "first_name": first_name, "surname": last_name, "gender": sex,
         "case": case, "parts": parts},
        pymorphy_name=bool(firsts) and all(r["readings"][0].lang == "morph" for r in firsts)
        and len(chain) == len(firsts),
        after_rank=fold(chain[0]["prev"]) in entity_cues().ranks,
    )
