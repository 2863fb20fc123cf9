"""Names in the way people say them on the phone (issue 17, blind round 7): lower-case first names in
speech-to-text text, names that open a call before a greeting, and nickname adjectives used as a subject.

Leaking is far worse than over-masking, so these rules mask when unsure and say so in their explanation.
They reach only where the other rules are blind: a lower-case first name counts only in a text with no
capital letter at all (speech-to-text output), where case tells nothing; a cased text writes names
capitalised and keeps "роман", "вера", "марта" as words.
"""

from __future__ import annotations

import re

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.names import name_lexicon
from overheard.text import fold, parses

UNSURE = "masked when unsure"
_SKIP_POS = frozenset({"ADVB", "NPRO", "PRCL", "NUMR", "CONJ"})  # "рома вчера звонил", "косой вчера двоих обнулил"
_YOU = frozenset({"ты", "ти", "вы", "ви"})
_CALLSIGN_NEXT = (("с", "позывным"), ("з", "позивним"), ("с", "позывными"))


def _person(start: int, end: int, rule: str, normal: str) -> Candidate:
    return Candidate("PER", start, end, 0.6, rule,
                     {"normal": normal, "first_name": None, "surname": None, "gender": None, "case": None,
                      "parts": []}, leak_first=True)


def _free(start: int, end: int, taken: list[Candidate]) -> bool:
    return not any(t.overlaps(start, end) for t in taken)


def _same_clause(text: str, a: Word, b: Word) -> bool:
    return not re.search(r"[.!?,;:—–()«»\"\n]", text[a[1] : b[0]])


def finite_verb_follows(text: str, words: list[Word], i: int, language: str, reach: int = 3) -> bool:
    """Whether a finite verb follows word ``i`` in the same clause, past adverbs, pronouns and numerals only
    ("рома вчера звонил", "косой вчера двоих обнулил", "рыжий тебе привет передаёт")."""
    return following_verb(text, words, i, language, reach) is not None


def following_verb(text: str, words: list[Word], i: int, language: str, reach: int = 3):
    """The reading of the finite verb :func:`finite_verb_follows` finds, or None."""
    nouns = 0
    for j in range(i + 1, min(len(words), i + 1 + reach)):
        if not _same_clause(text, words[j - 1], words[j]):
            return None
        found = parses(words[j][2].lower(), language)[:3]
        readings = [p for p in found if p.score >= 0.15] or found[:1]
        top = readings[0]
        if top.tag.POS == "VERB" and top.tag.person != "1per" and top.tag.person != "2per":
            return top
        if top.tag.POS in _SKIP_POS:
            continue
        if top.tag.POS == "NOUN" and nouns == 0 and j > i + 1:
            nouns += 1  # one object before the verb: "рыжий тебе привет передаёт"
            continue
        return None
    return None


def lower_case_first_names(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A first name or its short form in a text with no capital letter ("рома", "толика", "кость", "ген") that
    the chain rules left because the form is also a word: it opens the call, is addressed ("макс ты только
    никому"), stands before a finite verb ("толика поймали", "марта плаче") or before "с позывным"."""
    if any(ch.isupper() for ch in text):
        return []
    lexicon = name_lexicon()
    cue = entity_cues()
    out = []
    for i, (start, end, word) in enumerate(words):
        key = fold(word)
        if len(key) < 3 or not _free(start, end, taken) or key in cue.speaker_roles \
                or key in lexicon.function_forms[language]:
            continue
        if not lexicon.lookup(word):
            # a name no list knows, which pymorphy3 reads as one, before a verb of speech ("ваха говорит")
            top = parses(key, language)[0]
            if i + 1 < len(words) and fold(words[i + 1][2]) in cue.speech_verbs and "Name" in str(top.tag) \
                    and top.score >= 0.4:
                out.append(_person(start, end, f"person: a name before a verb of speech ({UNSURE})", key))
            continue
        prev = words[i - 1] if i else None
        if prev is not None and _same_clause(text, prev, words[i]) and any(
                p.tag.POS == "NUMR" or "Anum" in str(p.tag) for p in parses(prev[2].lower(), language)[:2]):
            continue  # "восьмого марта": a date
        nxt = [fold(w[2]) for w in words[i + 1 : i + 3]]
        # a vocative short form opening the call ("ген у нас один шестисотый", "кость ты видел")
        verb = following_verb(text, words, i, language, 2)
        subject = verb is not None and _word_is_subject(word, verb, language)  # "кость болит", "роман вышел"
        opens = i == 0 and all(r.cases == {"voct"} for r in lexicon.lookup(word)) and not subject
        addressed = bool(nxt) and nxt[0] in _YOU
        callsign = tuple(nxt) in _CALLSIGN_NEXT
        if opens or addressed or callsign or (verb is not None and not subject):
            out.append(_person(start, end, f"person: first name in lower-case speech-to-text text ({UNSURE})",
                               lexicon.lookup(word)[0].canonical))
    return out


def _word_is_subject(word: str, verb, language: str) -> bool:
    """Whether the common-noun reading of ``word`` can be the subject of ``verb``: nominative, agreeing in
    number (and gender in the past): "роман вышел", "кость болит" are words; "толика поймали" (a plural verb),
    "марта плаче" (a genitive) are names."""
    for p in parses(word.lower(), language)[:4]:
        if p.score < 0.05 or p.tag.POS != "NOUN" or "Name" in str(p.tag) or p.tag.case != "nomn":
            continue
        if verb.tag.number and p.tag.number and verb.tag.number != p.tag.number:
            continue
        if verb.tag.gender and p.tag.gender and verb.tag.gender != p.tag.gender:
            continue
        return True
    return False


def greeted_names(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A capitalised word that opens a call or a turn, set off by a comma before a greeting or an address
    word ("Паха, здорово!", "Аюр, брат, ...", "Натусь, привет"): the person called, whatever the word is,
    unless it is a kinship, endearment or role word ("Мам, привет", "Кохана, ...")."""
    cue = entity_cues()
    greetings = cues.keys("greeting_after_name")
    out = []
    for i, (start, end, word) in enumerate(words[:-1]):
        if not word[:1].isupper() or word.isupper() or len(word) < 3 or not _free(start, end, taken):
            continue
        if fold(word) in cue.speaker_roles or fold(word) in cues.keys("not_address_callsigns"):
            continue
        if not re.fullmatch(r"\s*,\s*", text[end : words[i + 1][0]]) or fold(words[i + 1][2]) not in greetings:
            continue
        if i and not re.search(r"[.!?\n—–:]\s*$", text[: start]):
            continue
        out.append(_person(start, end, f"person: a name greeted at the start of a call ({UNSURE})", word))
    return out
