"""Call signs said with "our" (issue 17, the leaks of the 18-author corpus): "Наш Бізон пішов у СЗЧ", "Наш Бас у
полоні", "наш Ґудзик його підібрав", "нашего Шамана ранило".

A capitalised common noun right after a possessive ("наш", "наша", "нашего", "мій", "нашого"; the list
``our_words`` of ``lexicons/entity_cues.yaml``) names one of us, not a thing: capitals mark a name, and
nobody writes "Наш Танк" of a tank. Places, names the other rules read and words the lists call ranks, kinship,
endearment or never a person are left alone. Masked when unsure, and the explanation says so.
"""

from __future__ import annotations

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.openings import never_addressed
from overheard.annotate.rules.entities.words import Word
from overheard.annotate.rules.words import words_of
from overheard.text import parses

UNSURE = "masked when unsure"


def possessed_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Capitalised common nouns right after "наш"/"мій" and their forms, as call signs (see the module docstring)."""
    words = words_of(text, words)
    keys = words.keys
    possessives = cues.keys("our_words")
    if possessives.isdisjoint(words.key_set) or not words.has_upper:
        return []
    never = never_addressed()
    out = []
    for i in range(1, len(words)):
        start, end, word = words[i]
        if keys[i - 1] not in possessives or not (word[:1].isupper() and word[1:].islower()) or keys[i] in never:
            continue
        if text[words[i - 1][1] : start].strip() or any(t.overlaps(start, end) for t in taken):
            continue  # only right after the possessive, with nothing between
        if text[max(0, words[i - 1][0] - 1) : words[i - 1][0]] in ("«", '"', "„", "“"):
            continue  # «Мой Мир»: a title
        readings = [p for p in parses(keys[i], language)[:3] if p.score >= 0.1] or parses(keys[i], language)[:1]
        if not readings or not any(p.tag.POS == "NOUN" and p.tag.number != "plur" for p in readings):
            continue
        if any({"Geox", "Orgn"} & set(str(p.tag).replace(" ", ",").split(",")) for p in readings):
            continue  # "наша Одеса", "наш Газпром"
        out.append(unsure_callsign(start, end, f"callsign: a capitalised noun after \"{words[i - 1][2]}\" ({UNSURE})",
                                   word))
    return out
