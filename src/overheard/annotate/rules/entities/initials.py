"""Initials with a surname in lower-case speech-to-text, where the dots are gone ("подписал р бурлачин", "о в
колпінська", "тирко гв"; issue 17). Cased initials ("А. Н. Петров") are :func:`.recall.initial_candidates`'.

Initials here are one or two single letters that are not a preposition or a conjunction ("в", "с", "у" alone are
not), or a two-letter token that is no short word of ``lower_case_not_initials`` ("св", "ді"), right before or after
a word shaped like a surname in any case (``surname_any_case``, ``entity_patterns.yaml``) that is no ordinary word.
The initials and the surname are masked together; the surname said again later is masked by
:func:`.recall.other_occurrences`. After a letter that may be a preposition ("о шмигко"), a surname-shaped word no
dictionary knows is masked alone.
"""

from __future__ import annotations

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate, unsure_person
from overheard.annotate.rules.entities.morph import common_word, surname_reading
from overheard.annotate.rules.entities.word_facts import word_facts_of
from overheard.annotate.rules.entities.words import Word, adjacent, entity_cues
from overheard.annotate.rules.words import keys_of, words_of
from overheard.text import fold, parses

RULE = "person: initials+surname in lower case (masked when unsure)"
_VOWELS = set("аеёиоуыэюяіїє")


def lower_case_initials(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Initials beside a surname-shaped word in a text with no capital letter, as one PER (the surname's other forms
    follow it)."""
    words = words_of(text, words)
    if words.has_upper or not any(
            len(w[2]) >= 4 and facts.surname_any_case
            for w, facts in zip(words, word_facts_of(words, language), strict=True)):
        return []  # both rules below mask a word shaped like a surname (_surname_shaped)
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        found = _initials_at(text, words, i)
        if found is None:
            if _short_word_before_unknown_surname(text, words, i, language, out + taken):
                start, end = words[i + 1][0], words[i + 1][1]
                out.append(unsure_person(start, end, RULE, text[start:end], 0.7))
                i += 2
                continue
            i += 1
            continue
        first, last = found
        before = first - 1 if first > 0 and adjacent(text, words[first - 1], words[first]) else None
        after = last + 1 if last + 1 < len(words) and adjacent(text, words[last], words[last + 1]) else None
        # one letter that is no preposition ("н"), or two consonants ("гв", "дм"), are initials for sure: a surname a
        # dictionary also knows as an adjective will do ("н колпинский")
        sure = first == last and (len(words[first][2]) == 1 or not _VOWELS & set(fold(words[first][2])))
        for j, span in ((after, (first, after)), (before, (before, last))):
            if j is not None and _surname_shaped(words[j][2], language, sure):
                start, end = words[span[0]][0], words[span[1]][1]
                if not any(t.overlaps(start, end) and t.label in ("PER", "CALLSIGN", "PHONE", "UNIT", "LOC")
                           for t in taken):  # a place is no surname ("я в куп'янську")
                    out.append(unsure_person(start, end, RULE, text[start:end], 0.8))
                break
        i = last + 1
    return out


def _initials_at(text: str, words: list[Word], i: int) -> tuple[int, int] | None:
    """The word indices of initials starting at word ``i``: two single letters, one letter that is no preposition
    or conjunction, or a two-letter token that is no short word (``entity_cues.yaml``, ``lower_case_not_initials``)."""
    keys = keys_of(words)  # the document's shared folds (lower_case_initials passes its Words)
    word = keys[i]
    if len(word) == 1:
        nxt = keys[i + 1] if i + 1 < len(words) and adjacent(text, words[i], words[i + 1]) else ""
        if len(nxt) == 1 and not {word, nxt} <= cues.keys("lower_case_not_initials"):
            return (i, i + 1)  # "р в бурлачин"; not "я в покровську"
        return (i, i) if word not in cues.keys("lower_case_not_initials") else None
    if len(word) == 2 and word not in cues.keys("lower_case_not_initials"):
        return (i, i)
    return None


def _surname_shaped(word: str, language: str, known_too: bool = False) -> bool:
    """A word of four letters or more shaped like a surname in any case that no dictionary knows as anything but a
    surname ("колпінська", "бурлачин"; not "лютому", "англійської", "мені"); with ``known_too`` any such word that is
    no ordinary word ("вершинська", which the Ukrainian dictionary knows as an adjective)."""
    if len(word) < 4 or not entity_cues().surname_any_case.search(fold(word)):
        return False
    if known_too:
        return not common_word(word, language)
    for lang in ("ru", "uk"):
        top = parses(word.lower(), lang)[0]
        if top.is_known and not surname_reading(word, lang) and top.tag.case != "voct":
            return False  # a word the dictionary knows ("гузко", a Ukrainian vocative of a thing, is no word here)
    return not common_word(word, language)


def _short_word_before_unknown_surname(text: str, words: list[Word], i: int, language: str,
                                       taken: list[Candidate]) -> bool:
    """A letter that may be a preposition or an initial ("о", "б", "ти") before a surname-shaped word no dictionary
    knows, read as no plural ("підписав о шмигко", "подписал б кочеткин"): the word is masked, the letter kept."""
    if len(words[i][2]) > 2 or i + 1 >= len(words) or not adjacent(text, words[i], words[i + 1]):
        return False
    word = words[i + 1][2]
    if not _surname_shaped(word, language) or any(p.is_known for lang in ("ru", "uk")
                                                  for p in parses(word.lower(), lang)[:1]):
        return False
    guesses = parses(word.lower(), "ru")[:3] + parses(word.lower(), "uk")[:3]
    if "plur" in str(guesses[0].tag) and not any("Surn" in str(p.tag) for p in guesses):
        return False  # "о мобиках", "с броников": slang plurals
    start, end = words[i + 1][0], words[i + 1][1]
    return not any(t.overlaps(start, end) for t in taken)
