"""Call signs a speaker gives for themselves on the radio ("... я ворон", "это таймыр всем кто слышит") and the
numbered stations called before "ответь" ("ноль пятый ноль пятый ответь") (ANNOTATION.md, Personal data, CALLSIGN;
issue 17, blind rounds 13-16: authors AA, AB, AH, AJ).

:func:`.recall._opening` reads "гром гром я ясень" when both sides are nouns it knows as call signs. What it left,
in four authors' wording:

- the word after "я" in a radio opening when the station called is a nickname adjective ("лютый я сапсан"), a
  numbered station ("ноль пятый ответь я ворон"), a radio word ("віслюк я пташка": the drone's call sign) or a
  two-letter noun ("база база я ёж");
- "это"/"це" opening a broadcast ("это таймыр всем кто слышит", "це терек прийом"): a call sign named like a region
  or a town, which the place rules would keep readable;
- a numbered station of number words and an ordinal before "ответь"/"я"/"приём" ("ноль пятый", "два первый").

The station, the callee and the self-named word may each be named like a place: on the radio the place reading
yields (masked when unsure). Words that say what the speaker is rather than who ("я сам", "я дома", "я ранен", "я
мама", "я командир") never are: kinship, role and rank words, and any word with an adverb, adjective, verb or
pronoun reading are left. The rule exits at once in a text with no "я", "это", "це" or "ответь".
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.recall import _verb_of_i, number_word
from overheard.annotate.rules.entities.words import Word, entity_cues, sentence_start
from overheard.annotate.rules.words import words_of
from overheard.names import name_lexicon
from overheard.text import parses

UNSURE = "masked when unsure"
_SELF = frozenset({"я"})
_THIS = frozenset({"это", "це"})
_ANSWER = frozenset({"ответь", "ответьте", "відповідай", "відповідайте"})
_ON_AIR = frozenset({"прием", "прийом"})
_PIVOTS = _SELF | _THIS | _ANSWER
_ZERO = frozenset({"ноль", "нуль"})  # a noun to pymorphy3, a digit of a numbered station on the radio
_BROADCAST = frozenset({"всем", "всім"})  # "это таймыр всем кто слышит", "це терек всім постам"
_AFTER_SELF = (("на", "связи"), ("на", "зв'язку"), ("у", "нас"), ("у", "меня"), ("у", "мене"), ("в", "нас"))
_NOT_SELF = frozenset({"ADVB", "ADJS", "PRTS", "PRTF", "VERB", "INFN", "GRND", "NPRO", "PREP", "CONJ", "PRCL", "INTJ",
                       "PRED", "COMP", "NUMR"})


def _never_a_station(key: str) -> bool:
    """A word that names no station, for the speaker or the callee: a one-letter word, a kinship, role or rank word,
    a word never used as a call sign in address, a verb of address, or a first name of the lexicon (the person
    rules' word: "это серёга")."""
    cue = entity_cues()
    return len(key) < 2 or key in cue.speaker_roles or key in cue.ranks or key in cues.keys(
        "not_address_callsigns") or key in cue.address_verbs or bool(name_lexicon().lookup_key(key))


def _noun_self(word: str, key: str, language: str) -> bool:
    """A word that can be a call sign after "я"/"это": a singular noun in the nominative (or a word no dictionary
    knows), not a name of the lexicon, a kinship, role or rank word, and with no adverb, verb, adjective or pronoun
    reading ("ворон", "ёж", "пташка", "таймыр"; not "сам", "дома", "ранен", "мама", "командир")."""
    if _never_a_station(key) or key in cues.keys("radio_nouns") and key not in cues.keys("radio_talk"):
        return False
    found = [p for lang in dict.fromkeys((language, "ru" if language == "uk" else "uk"))
             for p in parses(word.lower(), lang)[:3]]
    known = [p for p in found if p.is_known and p.score >= 0.05]
    if any(p.tag.POS in _NOT_SELF for p in known if p.score >= 0.15):
        return False
    if not known:
        return found[0].tag.POS == "NOUN" if found else False
    return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number != "plur"
               and not ({"Name", "Surn", "Patr", "Apro"} & grammemes(p)) for p in known)


def _station_word(word: str, key: str, language: str) -> bool:
    """A word that can name the station called before "я": a noun or a masculine nickname adjective in the
    nominative ("лютый", "віслюк", "база"), not a first name, kinship or address word, verb or function word."""
    if _never_a_station(key) or key in cues.keys("call_openers"):
        return False
    found = parses(word.lower(), language)[:3]
    known = [p for p in found if p.is_known and p.score >= 0.15]
    if any(p.tag.POS in _NOT_SELF - {"ADJS", "PRTF"} for p in known):
        return False
    return not known or any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn" and p.tag.number != "plur"
                            and not ({"Name", "Surn", "Patr", "Apro"} & grammemes(p)) for p in known)


@lru_cache(maxsize=1)
def _ordinal_word() -> re.Pattern[str]:
    """An ordinal written in words from the unit patterns' stems ("сьомий", "п'ятий": the Ukrainian dictionary tags
    no ordinal as one)."""
    return re.compile(rf"{cues.regex('ordinal_stems')}(?:ый|ий|ій|ой|ая|а|ого|ому|ым|им|ом|ем)", re.IGNORECASE)


def _ordinal(word: str, language: str) -> bool:
    """An ordinal number word in either language ("пятый", "п'ятий")."""
    return _ordinal_word().fullmatch(word) is not None or any(
        "Anum" in str(p.tag) and p.score >= 0.1 for p in parses(word.lower(), "ru")[:2])


def _turn_start(text: str, words: list[Word], i: int, keys: list[str]) -> bool:
    """Whether word ``i`` opens the text, a line, a turn, or follows "приём"/"ответь"."""
    if sentence_start(text, words, i):  # the text, a line, or a turn after punctuation or a dash
        return True
    return keys[i - 1] in _ON_AIR or keys[i - 1] in cues.keys("radio_talk")


def _numbered_station(words: list[Word], keys: list[str], end: int, language: str) -> int | None:
    """The first word of a run of number words and ordinals ending at word ``end`` - 1 that holds an ordinal or
    "ноль" ("ноль пятый", "два первый"); None if there is none."""
    j = end
    while j > 0 and end - j < 4 and (keys[j - 1] in _ZERO or number_word(words[j - 1][2], language)
                                     or _ordinal(words[j - 1][2], language)):
        j -= 1
    run = keys[j:end]
    if not run or not any(_ordinal(words[k][2], language) or keys[k] in _ZERO for k in range(j, end)):
        return None
    return j


def self_named_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Call signs a radio speaker gives for themselves and the numbered stations they call (module docstring)."""
    words = words_of(text, words)
    keys = words.keys
    if _PIVOTS.isdisjoint(words.key_set):
        return []
    people = [(t.start, t.end) for t in taken if t.label in ("PER", "CALLSIGN", "PHONE", "UNIT")]
    callsigns = {i for i, (s, e, _) in enumerate(words) if any(t.label == "CALLSIGN" and t.overlaps(s, e)
                                                                for t in taken)}

    def free(k: int) -> bool:
        s, e, _ = words[k]
        return not any(a < e and s < b for a, b in people)

    spans: dict[tuple[int, int], str] = {}
    n = len(words)
    for i in range(n):
        key = keys[i]
        if key in _ANSWER and i > 0:  # "ноль пятый ноль пятый ответь": the numbered station called
            first = _numbered_station(words, keys, i, language)
            if first is not None and _turn_start(text, words, first, keys) and not text[words[first][0]:
                                                                                        words[i][0]].count("."):
                half = (i - first) // 2
                if half and keys[first : first + half] == keys[first + half : i]:
                    spans[(first, first + half - 1)] = "a numbered station called twice"
                    spans[(first + half, i - 1)] = "a numbered station called twice"
                else:
                    spans[(first, i - 1)] = "a numbered station asked to answer"
            continue
        nxt = i + 1
        if key not in _SELF and key not in _THIS or nxt == n or text[words[i][1] : words[nxt][0]].strip(" ,") \
                or not _noun_self(words[nxt][2], keys[nxt], language):
            continue
        after = tuple(keys[nxt + 1 : nxt + 3])
        clause_end = nxt + 1 == n or re.match(r"\s*[,.!?;…]", text[words[nxt][1] :]) is not None
        if key in _SELF:
            # what stands before "я" in its turn: a station called (one to four words), "ответь" or "приём"
            if i == 0:
                continue
            prev = keys[i - 1]
            if prev in _ANSWER or prev in _ON_AIR:
                why = "the speaker naming themselves after \"ответь\" or \"приём\""
            else:
                first = i - 1
                while first > 0 and i - first < 4 and not _turn_start(text, words, first, keys) \
                        and not re.search(r"[.!?;]", text[words[first - 1][1] : words[first][0]]):
                    first -= 1
                if not _turn_start(text, words, first, keys) or re.search(r"[.!?;]", text[words[first][0]
                                                                                          : words[i][0]]):
                    continue
                station = range(first, i)
                numbered = _numbered_station(words, keys, i, language) == first
                doubled = i - first == 2 and keys[first] == keys[first + 1]
                named = numbered or all(k in callsigns or _station_word(words[k][2], keys[k], language)
                                        for k in station) and (doubled or i - first == 1 or any(
                                            k in callsigns for k in station))
                if not named:
                    continue
                verb_next = nxt + 1 < n and not text[words[nxt][1] : words[nxt + 1][0]].strip() \
                    and _verb_of_i(keys[nxt + 1], language) and any(
                        p.tag.case == "accs" and p.score >= 0.1 for p in parses(keys[nxt], language)[:3])
                if verb_next and not (numbered or doubled or any(k in callsigns for k in station)):
                    continue  # "рома я контракт подписал": an object before the verb "я" governs
                why = "the speaker naming themselves in a radio opening"
                if not numbered:
                    for k in station:
                        if free(k) and k not in callsigns:
                            spans.setdefault((k, k), "the station called in a radio opening")
                elif all(free(k) for k in station):
                    spans.setdefault((first, i - 1), "a numbered station called in a radio opening")
        elif key in _THIS:
            if not _turn_start(text, words, i, keys):
                continue
            radio = not words.key_set.isdisjoint(cues.union(_ON_AIR, _ANSWER, cues.keys("radio_talk")))
            broadcast = after[:1] and after[0] in _BROADCAST or after[:1] and after[0] in _ON_AIR \
                or radio and (after in _AFTER_SELF or after[:1] == ("я",) or clause_end)
            if not broadcast:
                continue  # "это кошмар у нас", "Это Урал, мы туда ездили": no broadcast, no radio talk
            why = "a station naming itself on the air (\"это ...\")"
        if free(nxt):
            spans.setdefault((nxt, nxt), why)
    out = []
    for (a, b), why in sorted(spans.items()):
        start, end = words[a][0], words[b][1]
        word = text[start:end]
        out.append(unsure_callsign(start, end, f"callsign: {why} ({UNSURE})",
                                   listed_callsign(word, language) or word[:1].upper() + word[1:]))
    return out
