"""Call signs in lower-case radio lines with no marker and no comma (ANNOTATION.md, Personal data, CALLSIGN; issue 17,
blind round 12: artillery, drone and medic radio written as speech-to-text).

Speech-to-text writes no comma after the station called, so the vocative that :func:`.recall.radio_callsigns` reads
is not there. What is left is the shape of a radio line:

- a numbered call sign answering "я": "тополь тополь я сорок второй", "вершина я медик-два" (both are call signs;
  a radio opening with a noun on both sides is :func:`.recall._opening`'s);
- the station called opening the text (or right after "приём") before what one says to a station: "алтай у нас
  двести один", "мангуст плюс бачу", "прием плутон квадрат", "гром подтверди";
- a noun right before "подтверди"/"ответь" inside a radio text ("ноль ноль гром подтверди плюс").

Masked when unsure; the nouns that fill a radio line without being a call sign (``radio_nouns``: "частота",
"группа", "квадрат") never are. The rule reads the shared words and exits at once in a text with a capital letter or
with no radio word.
"""

from __future__ import annotations

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.recall import callsign_noun, number_word, opening_noun
from overheard.annotate.rules.entities.words import Word
from overheard.annotate.rules.words import words_of
from overheard.text import parses

UNSURE = "masked when unsure"
_ON_AIR = frozenset({"прием", "прийом"})
_ASK = frozenset({"подтверди", "підтверди", "ответь", "відповідай", "прием", "прийом"})


def _callsign(words: list[Word], a: int, b: int, why: str) -> Candidate:
    start, end = words[a][0], words[b][1]
    word = words[a][2] if a == b else " ".join(w[2] for w in words[a : b + 1])
    return unsure_callsign(start, end, f"callsign: {why} ({UNSURE})",
                           listed_callsign(word, "ru") or word[:1].upper() + word[1:])


def _station(word: str, key: str, language: str) -> bool:
    return key not in cues.keys("radio_nouns") and (callsign_noun(word, language)
                                                    or language == "uk" and callsign_noun(word, "ru"))


def _verb_or_end(keys: list[str], j: int, language: str) -> bool:
    """Whether word ``j`` is a verb or past the end ("мангуст плюс бачу"; not "зарплата плюс премия")."""
    return j >= len(keys) or any(p.tag.POS in ("VERB", "INFN") and p.score >= 0.3
                                 for p in parses(keys[j], language)[:2])


def radio_lines(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Call signs of lower-case radio lines (see the module docstring)."""
    words = words_of(text, words)
    if words.has_upper or len(words) < 2:
        return []
    keys = words.keys
    talk = cues.keys("radio_talk")
    radio = not talk.isdisjoint(words.key_set)
    if not radio and cues.keys("radio_self_words").isdisjoint(words.key_set) and "плюс" not in words.key_set:
        return []
    free = [not any(t.overlaps(s, e) for t in taken) for s, e, _ in words]
    # a station may be named after a place ("алтай у нас", "урал я кама"): it opens the line, so it is called
    not_person = [not any(t.overlaps(s, e) and t.label != "LOC" for t in taken) for s, e, _ in words]
    spans: dict[tuple[int, int], str] = {}
    n = len(words)
    for i in range(1, n - 1):  # "тополь тополь я сорок второй", "вершина я медик-два"
        if keys[i] not in cues.keys("radio_self_words"):
            continue
        first = i - 1
        if first > 0 and keys[first - 1] == keys[first]:
            first -= 1
        if not (first == 0 or keys[first - 1] in talk or keys[first - 1] in _ON_AIR):
            continue
        j = i + 1
        while j < n and j < i + 4 and number_word(keys[j], language) or j < n and j < i + 4 and j > i + 1 and any(
                "Anum" in str(p.tag) and p.score >= 0.1 for p in parses(keys[j], language)[:2]):
            j += 1
        numbered = j > i + 1 and (radio or first < i - 1 or any("Anum" in str(p.tag) for p in parses(keys[j - 1],
                                                                                                    language)[:2]))
        hyphened = "-" in keys[i + 1] and number_word(keys[i + 1].rsplit("-", 1)[1], language)
        if not (numbered or hyphened) or keys[first] in cues.keys("radio_nouns") \
                or not opening_noun(words[first][2], language):
            continue
        for k in range(first, i):
            spans[(k, k)] = "the station called in a radio opening"
        spans[(i + 1, j - 1 if numbered else i + 1)] = "a numbered call sign answering \"я\""
    self_report = cues.phrases("radio_self_report")
    for i in range(n - 1):
        opening = i == 0 or keys[i - 1] in _ON_AIR and (i == 1 or keys[i - 2] in _ON_AIR)
        nxt = keys[i + 1]
        says = tuple(keys[i + 1 : i + 3]) in self_report or nxt in _ASK or nxt == "плюс" and _verb_or_end(keys, i + 2,
                                                                                                        language)
        after_on_air = i > 0 and keys[i - 1] in _ON_AIR and opening
        if opening and (says or after_on_air) and (radio or nxt == "плюс" or nxt in _ASK):
            why = "the station called opening a radio line"
        elif radio and nxt in _ASK - _ON_AIR and i > 0 and keys[i - 1] not in cues.keys("place_prepositions"):
            why = "the station asked to confirm"
        else:
            continue
        if _station(words[i][2], keys[i], language):
            spans.setdefault((i, i), why)
    return [_callsign(words, a, b, why) for (a, b), why in sorted(spans.items())
            if all(free[k] or "opening" in why and not_person[k] for k in range(a, b + 1))]
