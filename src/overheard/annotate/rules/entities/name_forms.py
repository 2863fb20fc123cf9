"""Names and surnames in forms the other rules read as ordinary words (ANNOTATION.md, Personal data: PER in every case
form; branch names29, DEV leaks read by hand):

- **a Ukrainian possessive or plural genitive in -ів/-їв** (:func:`possessive_surnames`): "Степанів брат" (Stepan's
  brother), "були у Мельників" (at the Melnyks'), "Гнатюків син". The dictionary reads these as possessive adjectives
  of a common noun ("мельників": the miller's) or not at all. The word is someone when what it is made from is a first
  name of the lexicon ("Степан", "Петро", "Андрій"), in any capitalisation, or, written with a capital inside a
  sentence, a word the dictionary also knows as a surname ("мельник", "бондар", "гнатюк"); a place named so
  ("Харків", "Борщів") is left to the places, but not one the gazetteer matched by the stem (Мельниково).
- **a lower-case surname in a list** (:func:`listed_surnames`): a word joined by "и"/"і"/"та"/"й" to a name or call
  sign already masked, which the dictionary knows as a surname ("кабанов и ляхов", "петренко сидоренко і ткач"); a
  plural of a person noun ("пацанов") has no surname reading and stays, and so does a word :func:`.morph.common_word`
  reads as ordinary ("мені", "вона": rare surnames of the Ukrainian dictionary). A comma alone does not join: it
  also sets an address off from what follows ("Галю, горе у нас").

Each is masked when unsure, and the explanation says so.
"""

from __future__ import annotations

import re

from overheard.annotate.rules.entities.candidates import Candidate, unsure_person
from overheard.annotate.rules.entities.morph import common_word, surname_reading
from overheard.annotate.rules.entities.words import Word, entity_cues, sentence_start
from overheard.annotate.rules.words import Words, words_of
from overheard.names import name_lexicon
from overheard.text import fold, parses

UNSURE = "masked when unsure"
_POSSESSIVE = ("ів", "їв")
_JOINS = frozenset({"и", "і", "та", "й"})
_PERSONAL = ("PER", "CALLSIGN")
_SPACES = re.compile(r"\s+")


def possessive_surnames(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Ukrainian possessives and plural genitives in -ів/-їв of a first name or a surname (module docstring)."""
    words = words_of(text, words)
    out = []
    for i, key in enumerate(words.keys):
        if len(key) < 5 or not key.endswith(_POSSESSIVE):
            continue
        start, end, word = words[i]
        if any(t.overlaps(start, end) and (t.label in _PERSONAL or _named_so(t, key)) for t in taken):
            continue
        if _first_name_stem(key):
            out.append(unsure_person(start, end, f"person: a possessive of a first name ({UNSURE})", word))
            continue
        capital = word[:1].isupper() and word[1:].islower()
        if not capital or sentence_start(text, words, i) or language != "uk" and not _ukrainian_possessive(key):
            continue
        if surname_reading(key[:-2], "uk") and (_ukrainian_possessive(key) or surname_reading(key, "uk")):
            out.append(unsure_person(start, end, f"person: a possessive or plural of a surname ({UNSURE})", word))
    return out


def listed_surnames(text: str, words: list[Word], language: str, chosen: list[Candidate]) -> list[Candidate]:
    """Lower-case surnames joined to a name or call sign already masked (module docstring)."""
    words = words_of(text, words)
    keys, n = words.keys, len(words)
    found = [c for c in chosen if c.label in _PERSONAL]
    if not found or not words.has_lower or _JOINS.isdisjoint(words.key_set):
        return []
    never = entity_cues().speaker_roles
    out = []
    for i in range(n):
        start, end, word = words[i]
        if len(word) < 4 or not word.islower() or keys[i] in never or any(c.overlaps(start, end) for c in chosen):
            continue
        if not any(_joined(text, words, i, j, found) for j in (i - 1, i + 1) if 0 <= j < n):
            continue
        if surname_reading(word, language) and not common_word(word, language):
            out.append(unsure_person(start, end, f"person: a surname in a list of names ({UNSURE})", word))
    return out


def _first_name_stem(key: str) -> bool:
    """Whether a word in -ів/-їв is made from a first name of the lexicon ("степанів", "петрів", "андріїв")."""
    lexicon = name_lexicon()
    stem = key[:-2]
    for base in (stem, stem + "о", stem + "ь", stem + "й"):
        if len(base) >= 3 and not lexicon.is_ambiguous(base) and any(
                "nomn" in form.cases and fold(form.variant) == base for form in lexicon.lookup(base)):
            return True  # the name itself, not a case form of another ("Героїв" is no "Геро")
    return False


def _ukrainian_possessive(key: str) -> bool:
    """Whether the Ukrainian dictionary reads the word as a possessive adjective made from a noun ("мельників")."""
    return any(p.tag.POS == "ADJF" and p.normal_form == key for p in parses(key, "uk")[:2])


def _named_so(c: Candidate, key: str) -> bool:
    """Whether a candidate is a place whose name is the word itself ("Харків", "Борщів"), not one the gazetteer
    matched by its stem ("у Мельників" is at the Melnyks', not in Мельниково)."""
    return c.label == "LOC" and fold(str(c.attributes.get("normal") or "")) == key


def _joined(text: str, words: Words, i: int, j: int, found: list[Candidate]) -> bool:
    """Whether word ``j`` beside word ``i`` is "и"/"і"/"та"/"й", with spaces around it and a masked name or call
    sign past it ("кабанов и ляхов")."""
    k = j + (j - i)
    if words.keys[j] not in _JOINS or not 0 <= k < len(words) or not any(
            c.start <= words[k][0] and words[k][1] <= c.end for c in found):
        return False
    lo, hi = min(i, k), max(i, k)
    return bool(_SPACES.fullmatch(text[words[lo][1] : words[j][0]]) and _SPACES.fullmatch(
        text[words[j][1] : words[hi][0]]))
