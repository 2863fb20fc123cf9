"""Fail-closed call-sign slots: a word standing where a call sign stands is masked even when no list knows it
(ANNOTATION.md, Personal data, CALLSIGN; issue: call signs were the main personal-data leak on blind text by new
authors, branch callsign18).

The other rules find a call sign by knowing the word (the call-sign list, a dictionary's noun, a place the
gazetteer does not know) and so leak the words a new author picks: a station named like a town ("Терек, у нас пять
трёхсотых"), an adjective ("Дикий, Дикий, ответь"), a kinship word ("Лис, я Дід"), a word the dictionaries do not
have ("Ґудзик, запиши номер"). Here the slot decides, not the word. Leaking is far worse than over-masking, so when
unsure the word is masked, and its explanation says it was masked because of the slot it stands in:

- **the station called**: a word opening the text, a line or a dashed turn, set off by a comma or said twice, that
  is a singular noun in the nominative or vocative (an adjective only when said twice or before "я"/"ответь"), or a
  word no dictionary knows; a place reading yields in a call between soldiers or when the station reports ("Урал, у
  меня двое пропали");
- **the speaker** after it: "я"/"это"/"це"/"тут" and a noun, kinship words included ("Лис, я Дід", "Аргун-1, это
  Тень"), and every other occurrence of such a kinship word in the text;
- **the one told or asked**: a dative after a verb of telling ("ответь Казбеку", "дзвони Феніксу", "пиши сохатому")
  or a noun after a verb of asking ("питай вітра");
- **an address ending a clause** in a call between soldiers ("Что с ними делать, Урал?");
- **a numbered station** of number words, said twice or before "ответь"/"я" ("Двести первый, двести первый,
  ответь", "триста я дон"): a call sign over the coded casualty term;
- **a word right before ", позывной такой"** ("Комбат у нас Барин, позывной такой"), and every form of it.

Lower-case (speech-to-text) slots are :mod:`.speech_slots`'. A call between soldiers (:func:`talk_kind`) is radio
traffic (``radio_talk``, ``radio_traffic_words``, ``radio_traffic_phrases``) or a text with a casualty code, a name for
the enemy or a word of a soldier's report (``soldier_talk_words``). Kinship, endearment, exclamation, address and
radio words, closed-class words and Latin words never fill a slot (``slot_not_addressees`` and the lists of
:func:`.openings.never_addressed`); a word inside quotes ends no clause. The lists are data (``entity_cues.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.morph import grammemes, stem_key
from overheard.annotate.rules.entities.numbered import ORDINAL_LEMMA as _ORDINAL_LEMMA
from overheard.annotate.rules.entities.openings import never_addressed
from overheard.annotate.rules.entities.recall import number_word
from overheard.annotate.rules.entities.words import Word, entity_cues, sentence_start, speaker_label_spans
from overheard.annotate.rules.words import Words, words_of
from overheard.text import parses

UNSURE = "fail closed: masked because it stands in a call-sign slot"
CLOSED_CLASS = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "INTJ", "PRED", "COMP", "ADVB", "VERB", "INFN", "GRND",
                          "NUMR", "PRTS", "ADJS"})
_CLAUSE_END = re.compile(r"\s*(?:[!?;…]|\.(?!\w)|\Z)")
_TURN = re.compile(r"(?:\n|[.!?…]\s*[—–-])\s*[—–-]?\s*")  # a new line, or a dash after a finished sentence
_CYRILLIC = re.compile(r"[а-яёіїєґ]+(?:['’ʼ-][а-яёіїєґ]+)*", re.IGNORECASE)
_SELF = frozenset({"я", "это", "це", "тут"})
_NOT_ONE = frozenset({"один", "одна", "одно", "одне"})  # a cardinal pymorphy3 tags like an ordinal
_PERSONAL = ("PER", "CALLSIGN", "PHONE", "UNIT")


@lru_cache(maxsize=1)
def slot_lists() -> dict[str, frozenset[str]]:
    """The folded cue words the slots read (built once from ``entity_cues.yaml`` and ``context_cues.yaml``)."""
    cue = entity_cues()
    shared = cues.keys("not_address_callsigns", "radio_talk", "radio_traffic_words", "call_openers", "hey_words",
                       "slot_not_addressees")
    return {
        "radio": cues.keys("radio_talk", "radio_traffic_words"),
        "soldier": cues.keys("soldier_talk_words", "side_enemy"),
        "station_next": cues.keys("slot_station_next"),
        "telling": cues.keys("slot_callee_verbs"),
        "asking": cues.keys("slot_asking_verbs"),
        "telling_or_asking": cues.keys("slot_callee_verbs", "slot_asking_verbs"),
        "never": never_addressed() | shared,
        "kinship_stations": cues.keys("slot_kinship_stations"),
        "reported_at": cues.keys("slot_reported_at"),
        # a speaker after the station called may go by a kinship word ("Лис, я Дід", "Сыч, я Батя")
        "never_self": (shared | cues.keys("endearments", "exclamation_nouns")) - cue.not_person - cue.speaker_roles,
    }


@lru_cache(maxsize=1)
def _phrases() -> dict[str, frozenset[tuple[str, ...]]]:
    return {"radio": frozenset(cues.phrases("radio_traffic_phrases")),
            "reports": frozenset(cues.phrases("radio_self_report")),
            "said_after": frozenset(cues.phrases("callsign_said_after")),
            "said_after_first": frozenset(p[0] for p in cues.phrases("callsign_said_after"))}


def talk_kind(words: Words, codes: list[tuple[int, int]]) -> str:
    """``"radio"`` for radio traffic, ``"soldier"`` for another call between soldiers (a casualty code, a name for
    the enemy or a word of a soldier's report), else ``""``."""
    return words.reading(("talk_kind", bool(codes)), lambda: _talk_kind(words, bool(codes)))


def _talk_kind(words: Words, coded: bool) -> str:
    lists = slot_lists()
    keys = words.keys
    if not lists["radio"].isdisjoint(words.key_set) or not _phrases()["radio"].isdisjoint(
            zip(keys, keys[1:], strict=False)):
        return "radio"
    return "soldier" if coded or not lists["soldier"].isdisjoint(words.key_set) else ""


def readings(word: str, language: str) -> list:
    """The parses of ``word`` in ``language``, or in the other language when only that one knows it."""
    return list(_readings(word, language))


def known_readings(word: str, language: str, floor: float = 0.1) -> list:
    """The parses of :func:`readings` a dictionary knows, each at a score of ``floor`` or more."""
    return [p for p in _readings(word, language) if p.is_known and p.score >= floor]


@lru_cache(maxsize=50_000)
def _readings(word: str, language: str) -> tuple:
    # remembered per word: whether a dictionary knows a parse is a dictionary lookup each time it is asked
    found = parses(word.lower(), language)[:3]
    if not any(p.is_known for p in found):
        other = parses(word.lower(), "ru" if language == "uk" else "uk")[:3]
        if any(p.is_known for p in other):
            return tuple(other)
    return tuple(found)


@lru_cache(maxsize=100_000)
def slot_word(word: str, key: str, language: str, *, kinship: bool = False, adjective: bool = True,
              nominative: bool = False) -> bool:
    """Whether ``word`` can fill a call-sign slot: a singular noun (with ``adjective``, a nominative adjective too; with
    ``nominative``, only a nominative or vocative noun) or a word no dictionary knows that may be a noun; never a
    closed-class, kinship, endearment, exclamation, address or radio word (kinship words pass with ``kinship``)."""
    if len(key) < 2 or not _CYRILLIC.fullmatch(word):
        return False
    if key in slot_lists()["never_self" if kinship else "never"]:
        return False
    found = readings(word, language)
    known = [p for p in found if p.is_known and p.score >= 0.1]
    if any(p.tag.POS in CLOSED_CLASS and p.score >= 0.3 for p in known):
        return False
    if not known:  # a word no dictionary knows: fail closed when any guess is a noun ("баатру", "Ґудзик")
        return any(p.tag.POS in ("NOUN", "ADJF", None) for p in found)
    cases = ("nomn", "voct", None) if nominative else None
    return any(p.tag.POS == "NOUN" and p.tag.number != "plur" and "Apro" not in grammemes(p)
               and (cases is None or p.tag.case in cases)
               or adjective and p.tag.POS == "ADJF" and p.tag.case == "nomn" and p.tag.number != "plur"
               and "Apro" not in grammemes(p) for p in known)


def opens_turn(text: str, words: list[Word], i: int) -> bool:
    """Whether word ``i`` opens the text, a line, a dashed turn or a speaker's turn after a label ("Сапсан: ..."), not
    merely a sentence or a list after a colon ("записуй адресу: Харків, вулиця ...")."""
    return i == 0 or words[i][0] in _turn_starts(text)


@lru_cache(maxsize=8)
def _turn_starts(text: str) -> frozenset[int]:
    """The offsets where a turn's first word begins: after a new line or a dash that follows a finished sentence,
    and after a speaker label's colon."""
    starts = {m.end() for m in _TURN.finditer(text)}
    for _, end in speaker_label_spans(text):
        after = re.match(r":\s*", text[end:])
        if after:
            starts.add(end + after.end())
    return frozenset(starts)


def dative(word: str, language: str) -> bool:
    """Whether ``word`` has a dative reading ("Казбеку", "теслі", "сохатому")."""
    return any(p.tag.case == "datv" and p.score >= 0.05 for p in readings(word, language))


def personal_words(words: list[Word], taken: list[Candidate]) -> list[bool]:
    """For each word, whether a name, call sign, phone or unit of ``taken`` already covers it."""
    return covered(words, [t for t in taken if t.label in _PERSONAL])


def covered(words: list[Word], spans: list[Candidate]) -> list[bool]:
    """For each word, whether any of ``spans`` overlaps it (one pass over the characters, not words × spans)."""
    if not spans:
        return [False] * len(words)
    marks = bytearray(max(c.end for c in spans) + 1)
    for c in spans:
        marks[c.start : c.end] = b"\x01" * (c.end - c.start)
    return [any(marks[s:e]) for s, e, _ in words]


def callsign_slots(text: str, words: list[Word], language: str, taken: list[Candidate],
                   codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Words in a call-sign slot that ``taken`` (the entities found so far) leaves readable, as CALLSIGN candidates
    masked when unsure (module docstring); ``codes`` are the spans of coded casualty terms."""
    words = words_of(text, words)
    n = len(words)
    if n < 2:
        return []
    kind = talk_kind(words, codes)
    keys = words.keys
    personal = personal_words(words, taken)
    places = covered(words, [t for t in taken if t.label == "LOC"])
    code_at = covered(words, [Candidate("CODE", s, e, 1.0, "") for s, e in codes])
    cased = words.has_upper
    verbs = slot_lists()["telling_or_asking"]
    comma = "," in text  # speech-to-text writes none: then only a repeat, "я" or a verb of telling opens a slot
    picked: dict[int, str] = {}
    for i in range(n):
        start, end, word = words[i]
        if cased and not (word[:1].isupper() and (word[1:].islower() or "-" in word)):
            continue
        if not comma and not (i + 1 < n and keys[i + 1] == keys[i]) and not (
                i and (keys[i - 1] in _SELF or keys[i - 1] in verbs)):
            continue  # what the test below finds, without cutting out the text around the word
        after = text[end : words[i + 1][0]] if i + 1 < n else text[end:]
        before = text[words[i - 1][1] : start] if i else text[:start]
        twice = i + 1 < n and keys[i + 1] == keys[i] and re.fullmatch(r"[\s,]*", after) is not None
        if not (twice or "," in after or "," in before or i and (keys[i - 1] in _SELF or keys[i - 1] in verbs)):
            continue  # no comma, no repeat, no "я" or verb of telling before it: no slot
        if (after.lstrip().startswith(",") or twice) and opens_turn(text, words, i) \
                and _station(words, i, language, kind, twice, code_at, personal):
            picked[i] = "the station called at the start of a turn" if keys[i] not in slot_lists()[
                "kinship_stations"] else "a kinship word a commander goes by, called as the station " + (
                "twice" if twice else "before a casualty code reported to him" if _reported(words, i + 1, code_at)
                else "before the speaker or radio procedure")
            if twice:
                picked[i + 1] = "the station called twice"
        elif i >= 2 and keys[i - 1] in _SELF and not before.strip() and (i - 2 in picked or personal[i - 2]) \
                and re.fullmatch(r"(?:-\d+)?\s*,\s*", text[words[i - 2][1] : words[i - 1][0]]) \
                and opens_turn(text, words, i - 3 if i >= 3 and keys[i - 3] == keys[i - 2] else i - 2) \
                and slot_word(word, keys[i], language, kinship=True, nominative=True):
            picked[i] = "the speaker naming themselves after the station called"
        elif i and not before.strip() and _told(words, i, language, kind or cased) and not places[i]:
            picked[i] = "the one told or asked, after a verb of telling or asking"
        elif i and kind and cased and "," in before and not sentence_start(text, words, i) \
                and _CLAUSE_END.match(text, end) and not in_quotes(text, start) \
                and not (words[i - 1][2][:1].isupper() and before.strip() == ",") \
                and slot_word(word, keys[i], language, nominative=True):
            picked[i] = "an address ending a clause of a call between soldiers"
    picked.update(_said_after(text, words, language))
    cue = entity_cues()
    roles = {keys[i] for i in picked if keys[i] in cue.speaker_roles or keys[i] in cue.not_person}
    for i in range(n) if roles else ():  # "Лис, я Дід ... — Дід, тримайтесь": that kinship word is the call sign
        if i not in picked and keys[i] in roles and (words[i][2][:1].isupper() or not cased):
            picked[i] = "another occurrence of a kinship word used as a call sign in this text"
    out = [unsure_callsign(words[i][0], words[i][1], f"callsign: {why} ({UNSURE})",
                           listed_callsign(words[i][2], language) or words[i][2][:1].upper() + words[i][2][1:])
           for i, why in sorted(picked.items()) if not personal[i]]
    for a, b, why in _numbered_stations(text, words, language):
        # a part another rule masked alone ("Двести █████") yields to the whole station, which outranks it (longer)
        if not all(personal[a : b + 1]):
            found = unsure_callsign(words[a][0], words[b][1], f"callsign: {why} ({UNSURE})",
                                    text[words[a][0] : words[b][1]])
            found.over_code = True  # "Двести первый, двести первый, ответь": a station, not the coded casualty term
            out.append(found)
    return out


def _station(words: Words, i: int, language: str, kind: str, twice: bool, code_at: list[bool],
             personal: list[bool]) -> bool:
    """Whether word ``i``, opening a turn set off by a comma or said twice, is the station called: in a call between
    soldiers, or anywhere when what follows is said to a station (it is said twice, "я"/"это" and a noun, "ответь",
    "у нас", an imperative: "Ґудзик, запиши номер"). A kinship word a commander goes by is one only when said twice,
    before "я" and the speaker or radio procedure, or before a casualty code reported (:func:`_kinship_station`)."""
    keys = words.keys
    n = len(words)
    lists = slot_lists()
    following = i + 2 if twice else i + 1
    nxt = keys[following] if following < n else ""
    if nxt in _SELF:  # "Лис, я Дід", not "Командование, я так понимаю"
        reports = following + 1 < n and slot_word(words[following + 1][2], keys[following + 1], language,
                                                  kinship=True, nominative=True)
    else:
        reports = nxt in lists["station_next"] or tuple(keys[following : following + 2]) in _phrases()["reports"]
    if nxt and not reports and (personal[following] or (nxt in entity_cues().speaker_roles or nxt in lists["never"])
                                and not _function_word(nxt, language)):
        return False  # "Неправда, мам", "Давление, Коль": the one addressed is the word after the comma
    # "— Пила, нет машины", "Кедр, да, понял": a particle or a verb after the comma addresses no one (callsigns30)
    if not (kind or reports or twice or _imperative(nxt, language)):
        return False  # "Зима, а нам летнюю форму выдали", "Москва, пятое марта": no one is called
    if slot_word(words[i][2], keys[i], language, adjective=twice or reports, nominative=True):
        return True
    return keys[i] in lists["kinship_stations"] and _kinship_station(words, following, twice, code_at, personal,
                                                                     language)


def _kinship_station(words: Words, following: int, twice: bool, code_at: list[bool], personal: list[bool],
                     language: str) -> bool:
    """Whether a kinship word a commander goes by ("Батя", "Дід"), opening a turn, is the station called: said twice,
    before radio procedure ("Дед, приём", "Батя, ответь"), before "я"/"это" and a call sign ("Батя, Батя, я Сокол"), or
    before a casualty code reported to it, right after the comma or after "у нас"/"в нас"/"маю" ("Дід, у нас один
    п'ятисотий"); a son writing home says "Батя, мы в Мариуполе", "Бать, я подписал", "Бать, тут такое", "Дед, это
    я" (callsigns30: "я"/"это"/"тут" and any noun fired three times off gold on the held-out half, once on it)."""
    keys = words.keys
    n = len(words)
    nxt = keys[following] if following < n else ""
    speaker = nxt in _SELF and following + 1 < n and (
        personal[following + 1] or listed_callsign(words[following + 1][2], language) is not None)
    return twice or nxt in slot_lists()["station_next"] - _SELF or speaker or _reported(words, following, code_at)


def _reported(words: Words, following: int, code_at: list[bool]) -> bool:
    """Whether a casualty code is reported from word ``following`` on: right there or after "у нас"/"в нас"/"маю"."""
    keys = words.keys
    k = following
    while k < len(words) and k < following + 2 and keys[k] in slot_lists()["reported_at"]:
        k += 1  # "у нас", "в нас", "у меня", "маю"
    return any(code_at[k : k + 2])


@lru_cache(maxsize=4_096)
def _function_word(key: str, language: str) -> bool:
    """Whether the dictionary reads the folded word first as no noun or adjective: a particle, a predicative, an
    interjection, a verb ("нет", "да", "ну", "слушай"), which cannot be the one addressed after a comma."""
    known = known_readings(key, language)
    return bool(known) and known[0].tag.POS in CLOSED_CLASS


def _imperative(key: str, language: str) -> bool:
    """Whether the folded word is an imperative ("запиши", "тримайтесь")."""
    return any(p.tag.mood == "impr" and p.score >= 0.3 for p in parses(key, language)[:2])


def _told(words: Words, i: int, language: str, context: bool) -> bool:
    """Whether word ``i`` is the one told something after a verb of telling (a dative, or a word no dictionary
    knows) or asked for after a verb of asking; in any text when no dictionary knows it or it reads as a name,
    else only in a call between soldiers or a cased text."""
    lists = slot_lists()
    word, key, verb = words[i][2], words.keys[i], words.keys[i - 1]
    if verb not in lists["telling"] and verb not in lists["asking"]:
        return False
    found = readings(word, language)
    unknown = not any(p.is_known for p in found)
    if verb in lists["telling"] and not (unknown or dative(word, language)):
        return False
    named = unknown or any({"Name", "Surn"} & grammemes(p) for p in found[:2])
    return (context or named) and key not in entity_cues().speaker_roles \
        and slot_word(word, key, language, adjective=False)


def _said_after(text: str, words: Words, language: str) -> dict[int, str]:
    """A word right before ", позывной такой" ("Комбат у нас Барин, позывной такой"), and every form of it."""
    keys = words.keys
    said_after = _phrases()["said_after"]
    found: dict[int, str] = {}
    if words.key_set.isdisjoint(_phrases()["said_after_first"]):
        return found  # no "позывной"/"позивний": nothing is named before it
    for i in range(len(words) - 1):
        if "," in text[words[i][1] : words[i + 1][0]] and any(
                tuple(keys[i + 1 : i + 1 + len(p)]) == p for p in said_after) \
                and slot_word(words[i][2], keys[i], language, nominative=True):
            stem = stem_key(words[i][2], language)
            for k in range(len(words)):
                if k == i or stem_key(words[k][2], language) == stem:
                    found[k] = "a call sign named right before \"позывной такой\", and every form of it"
    return found


def _numbered_stations(text: str, words: Words, language: str) -> list[tuple[int, int, str]]:
    """Runs of up to three number words opening a turn, said twice or before "ответь"/"я"/"приём", holding an ordinal
    ("двести первый") or said before "я" and a noun ("триста я дон"): numbered stations (and the speaker after one), as
    word index ranges with what they are."""
    keys = words.keys
    n = len(words)
    out: list[tuple[int, int, str]] = []
    starts = _turn_starts(text)
    for i in [k for k in range(n) if k == 0 or words[k][0] in starts or sentence_start(text, words, k)]:
        if out and i <= out[-1][1] or not _number(keys[i], language):
            continue
        turn = i == 0 or words[i][0] in starts  # a sentence inside a turn opens a station only said twice
        j = i + 1
        while j < n and j < i + 3 and _number(keys[j], language) and not text[words[j - 1][1] : words[j][0]].strip():
            j += 1
        run = keys[i:j]
        twice = keys[j : j + len(run)] == run and re.fullmatch(r"[\s,]*", text[words[j - 1][1] : words[j][0]])
        after = j + len(run) if twice else j
        if not (turn or twice):
            continue
        # said twice and holding an ordinal, the number is the station whatever is said to it next ("Двести первый,
        # двести первый, выдвигайся", "Сто п'ятдесят шоста, сто п'ятдесят шоста, як чуєте?"; callsigns29) when a comma
        # or a mark sets it off from what follows (not "Третий, третий раз говорю")
        called = twice and any(ordinal(k, language) or _spoken_number(k, language) and not number_word(k, language)
                               and k != "сто" for k in run) and after < n and _CALLED_AFTER.match(
            text, words[after - 1][1]) is not None
        if after < n and (called or keys[after] in slot_lists()["station_next"] and (
                any(ordinal(k, language) for k in run) or twice or keys[after] == "я" and after + 1 < n
                and slot_word(words[after + 1][2], keys[after + 1], language, nominative=True))):
            out.append((i, j - 1, "a numbered station called on the radio"))
            if twice:
                out.append((j, after - 1, "a numbered station called on the radio"))
            if keys[after] == "я" and after + 1 < n and slot_word(words[after + 1][2], keys[after + 1], language,
                                                                  kinship=True, nominative=True):
                out.append((after + 1, after + 1, "the speaker naming themselves after a numbered station"))
    return out


_CALLED_AFTER = re.compile(r"\s*[,!?]")  # the number said twice is set off from what follows


def _number(key: str, language: str) -> bool:
    return number_word(key, language) or ordinal(key, language) or _spoken_number(key, language)


@lru_cache(maxsize=20_000)
def _spoken_number(key: str, language: str) -> bool:
    """Number words the dictionaries tag plainly (callsigns29): "сто" (read first as an abbreviation), and an ordinal
    of either gender by its lemma where the Ukrainian dictionary has no ordinal tag ("шоста", "п'ятий")."""
    return any(p.tag.POS == "NOUN" and p.normal_form == "сто" or p.tag.POS == "ADJF" and p.tag.number != "plur"
               and _ORDINAL_LEMMA.search(p.normal_form) is not None
               for lang in (language, "uk" if language == "ru" else "ru") for p in parses(key, lang)[:2])


@lru_cache(maxsize=20_000)
def ordinal(key: str, language: str) -> bool:
    """Whether the folded word is an ordinal number ("первый", "двадцятий"), not "один"."""
    return key not in _NOT_ONE and any("Anum" in grammemes(p) and p.score >= 0.1 for p in parses(key, language)[:2])


def in_quotes(text: str, start: int) -> bool:
    """Whether the word at ``start`` stands inside quotes (a title, a product, a point on the map: «Сосна»,
    „Чёрный тюльпан“, "Ведомости")."""
    inside = False
    for ch in text[max(0, start - 40) : start]:
        if ch in "«„":
            inside = True
        elif ch in "»”":
            inside = False
        elif ch in "“\"":
            inside = not inside
    return inside

