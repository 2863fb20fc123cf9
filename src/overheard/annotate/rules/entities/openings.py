"""Names and call signs that open a call or a turn as an address (issue 17, the leaks of the 18-author corpus).

Most calls start by naming the person called, and the other rules read that name only when a list knows it:

* a word no dictionary knows, opening a lower-case (speech-to-text) line before an address ("санчес ну ты как
  там", "привіт маріч слухай", "айана это я", "ой баирчик ты мой"): a person;
* a capitalised word no dictionary knows, opening a sentence and set off by a comma ("Ленусь, с днём
  рождения!", "Дзвінко, я про ротацію вже мрію"): a person;
* a capitalised common noun opening a radio turn (the text, a line or a dashed turn), set off by a comma and
  followed by what a station says ("Кречет, у меня груз двести", "Урал, я Тайга", "Бархан, Бархан, я Сотый"):
  a call sign.

Leaking is far worse than over-masking: these rules mask when unsure and say so. Words the lists call kinship,
endearment, address, rank or exclamation ("Мам,", "Бро,", "Блин,") never count; the words around are data
(``lexicons/entity_cues.yaml``: ``call_openers``, ``address_next``, ``station_next``, ``exclamation_nouns``,
``endearments``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign, unsure_person
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.annotate.rules.words import words_of
from overheard.text import parses

UNSURE = "masked when unsure"
_SET_OFF = re.compile(r"^\s*,")
_CYRILLIC = re.compile(r"^[а-яёіїєґʼ'’-]+$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]\s*[«\"]?\s*$")
_TURN = re.compile(r"(\n|:)\s*[—–-]?\s*$")
_BREAK = re.compile(r"[.!?;:—–()«»\"\n]")
_TURN_MARK = re.compile(r"[\n:]")  # what _TURN needs between two words
_SENTENCE_MARK = re.compile(r"[.!?…]")  # and _SENTENCE_END


def call_openings(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Persons and call signs addressed at the start of a call, a line or a sentence (see the module docstring)."""
    words = words_of(text, words)
    keys = words.keys
    if not words:
        return []
    openers, address, station, never = _lists()
    lower_text = not words.has_upper
    # past the text's first words (and up to two call openers) only a line break, a speaker's colon or, in a cased
    # text, a sentence's end opens a turn or a sentence (_opens)
    may_open = _TURN_MARK.search(text) or not lower_text and _SENTENCE_MARK.search(text)
    last = len(words) if may_open else 3
    out: list[Candidate] = []
    for i, (start, end, word) in enumerate(words[:last]):
        key = keys[i]
        if len(key) < 3 or key in never:
            continue
        opening = _opens(text, words, keys, i, openers, lower_text)
        if not opening or not _CYRILLIC.match(word) or any(t.overlaps(start, end) for t in taken):
            continue
        if text[max(0, start - 1) : start] in ("«", '"', "„", "“"):
            continue  # «Дэнс»: a title
        after = text[end : words[i + 1][0]] if i + 1 < len(words) else text[end:]
        set_off = bool(_SET_OFF.match(after))
        nxt = [keys[j] for j in range(i + 1, min(len(words), i + 3))]
        top = parses(key, language)[0]
        other = parses(key, "uk" if language == "ru" else "ru")[0]  # "спасибо" in a Ukrainian text is a word
        capital = word[:1].isupper() and word[1:].islower()
        if not top.is_known and not other.is_known and top.tag.POS not in ("VERB", "INFN"):
            addressed = set_off if capital else (not _BREAK.search(after) and nxt[:1] and nxt[0] in address
                                                 or set_off)
            if addressed and (capital or lower_text):
                out.append(unsure_person(start, end, f"person: an unknown word opening the call as an address "
                                                     f"({UNSURE})", word[:1].upper() + word[1:].lower()))
        elif opening == "turn" and capital and set_off and top.tag.POS == "NOUN" and top.tag.number != "plur" \
                and "Name" not in str(top.tag) and _station_turn(keys, nxt, i, station, language):
            out.append(unsure_callsign(start, end, f"callsign: a station called at the start of a radio turn "
                                              f"({UNSURE})", word))
    return out


def caller_introductions(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """The caller saying who speaks at the start of a call: "это"/"це" and a word no dictionary knows, within the
    call's first four words, after call openers or the name of the one called ("алло гульнара это ильхом не
    волнуйся", "Алло, это Прем. Я хочу сдаться"): a person, masked when unsure; in lower case only a word no
    dictionary knows ("это я", "это мама", "это капец" stay)."""
    words = words_of(text, words)
    keys = words.keys
    this_is = cues.keys("alias_this")
    if len(words) < 2 or this_is.isdisjoint(keys[:4]):
        return []
    openers, _address, _station, never = _lists()
    out: list[Candidate] = []
    for i in range(1, min(len(words), 5)):
        if keys[i - 1] not in this_is or any(keys[j] not in openers and keys[j] not in never
                                              and not _named(taken, words[j]) for j in range(i - 1)):
            continue  # only openers or the one called ("мама", "гульнара") stand before "это"
        start, end, word = words[i]
        key = keys[i]
        if len(key) < 3 or key in never or key in cues.keys("not_introduced") or not _CYRILLIC.match(word) \
                or any(t.overlaps(start, end) for t in taken):
            continue
        if _BREAK.search(text[words[i - 1][1] : start]):
            continue  # "это. Прем": no introduction
        capital = word[:1].isupper() and word[1:].islower()  # "Алло, это Прем.": a name, whatever it reads as
        if not capital and any(p.is_known for lang in ("ru", "uk") for p in parses(key, lang)[:1]):
            continue
        out.append(unsure_person(start, end, f"person: the caller saying who speaks ({UNSURE})",
                                 word[:1].upper() + word[1:].lower()))
    return out


def _named(taken: list[Candidate], word: Word) -> bool:
    """Whether a person or call sign found already covers ``word`` (the one called: "алло гульнара это ...")."""
    return any(t.label in ("PER", "CALLSIGN") and t.start <= word[0] and word[1] <= t.end for t in taken)


@lru_cache(maxsize=1)
def never_addressed() -> frozenset[str]:
    """Words never read as a name or call sign where someone is addressed: never a person, roles, ranks,
    endearments and exclamations (also read by :mod:`.possessed`)."""
    cue = entity_cues()
    return cue.not_person | cue.speaker_roles | cue.ranks | cues.keys("endearments", "exclamation_nouns")


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The call openers, the words of an address and of a station after the word, and the words never read."""
    openers, address, station = cues.keys("call_openers"), cues.keys("address_next"), cues.keys("station_next")
    never = never_addressed() | openers | address | station | cues.keys("hey_words")
    return openers, address, station, never


def _opens(text: str, words, keys: list[str], i: int, openers: frozenset[str], lower_text: bool) -> str:
    """How word ``i`` opens, past up to two call openers ("алло", "привет"): ``"turn"`` at the start of the text,
    a line or a dashed turn, ``"sentence"`` at the start of another sentence (in text with capitals), else ``""``."""
    first = i
    while first > 0 and i - first < 2 and keys[first - 1] in openers \
            and not _BREAK.search(text[words[first - 1][1] : words[first][0]].replace(",", "")):
        first -= 1
    if first == 0:
        return "turn"
    between = text[words[first - 1][1] : words[first][0]]
    if _TURN.search(between):  # a new line, a speaker's colon, or a dash opening a line
        return "turn"
    # another sentence: after a full stop, a question or an exclamation mark (not a dash or a colon in a sentence)
    return "sentence" if not lower_text and _SENTENCE_END.search(between) else ""


def _station_turn(keys: list[str], nxt: list[str], i: int, station: frozenset[str], language: str) -> bool:
    """What a station says after the one it calls: "я Тайга" (not "я так понимаю", "я думаю"), "у нас", "ответь",
    or the call repeated."""
    if not nxt:
        return False
    if nxt[0] in ("я", "ja") and len(nxt) > 1:
        return parses(nxt[1], language)[0].tag.POS not in ("VERB", "ADVB", "ADJS", "PRCL", "CONJ", "NPRO")
    return nxt[0] in station or nxt[0] == keys[i] or tuple(nxt[:2]) in cues.phrases("radio_self_report")
