"""Entities: people, places, organisations, units, phones and call signs (ANNOTATION.md, Personal data, Places).

Sources, strongest first: shape patterns (phones, units, call signs: :mod:`..patterns`), the first-name
lexicon with every case form and diminutive (works on lower-case ASR text), pymorphy3 tags for
patronymics and surnames (:mod:`.people`, :mod:`.morph`), call-sign rules (:mod:`.callsigns`), the
GeoNames gazetteer for places (:mod:`..places`), and natasha/slovnet NER for capitalised names and
organisations the lexicons do not know (:mod:`.ner`). Overlaps are resolved into one non-overlapping list
(:mod:`.candidates`); every candidate says which rule fired. The cue words are data
(``lexicons/entity_cues.yaml``, ``entity_patterns.yaml``, ``callsigns.yaml``).
"""

from __future__ import annotations

from overheard.annotate.rules.entities.callsigns import callsigns
from overheard.annotate.rules.entities.candidates import Candidate, resolve
from overheard.annotate.rules.entities.morph import ends_like_surname_case, place_nominative, surname
from overheard.annotate.rules.entities.ner import natasha_spans, needs_ner
from overheard.annotate.rules.entities.people import people
from overheard.annotate.rules.entities.words import Word, entity_cues, speaker_label_spans
from overheard.annotate.rules.patterns import find_digit_phones, find_units, find_word_phones
from overheard.annotate.rules.places import PlaceMatch, find_places
from overheard.text import fold

__all__ = ["Candidate", "entity_candidates", "natasha_spans", "speaker_label_spans"]


def entity_candidates(text: str, words: list[Word], language: str, region: str | None,
                      codes: list[tuple[int, int]], ner: bool = True) -> list[Candidate]:
    """Every entity of ``text`` as non-overlapping candidates, in text order.

    ``words`` are the letter words of ``text``, ``codes`` the spans of coded casualty terms (never an
    entity, except inside a unit or a phone number), ``region`` the call's oblast (a prior for places);
    ``ner=False`` never runs the NER model.
    """
    candidates = [Candidate(m.label, m.start, m.end, m.score, m.rule, {"normal": m.normal})
                  for m in find_digit_phones(text) + find_word_phones(text) + find_units(text)]
    found_places = find_places(text, language, region)
    use_ner = ner and language == "ru" and needs_ner(text, words, language, found_places)
    spans = natasha_spans(text) if use_ner else []
    found_people = people(text, words, language, [(s, e) for t, s, e in spans if t == "PER"])
    places: list[Candidate] = []
    for place in found_places:
        person = _surname_not_place(words, language, place)
        if person is not None:
            found_people.append(person)
        else:
            places.append(_place(language, place))
    candidates += callsigns(text, words, language, candidates + found_people + places)
    candidates += found_people + places
    for label, start, end in spans:
        if label in ("ORG", "LOC") and not any(start < e and s < end for s, e in codes):
            candidates.append(Candidate(label, start, end, 0.59, f"natasha NER {label}",
                                        {"normal": text[start:end], "geo": None} if label == "LOC"
                                        else {"normal": text[start:end]}, from_ner=True))
    labels = speaker_label_spans(text)
    candidates = [
        c for c in candidates
        if c.label in ("UNIT", "PHONE") or not any(c.overlaps(s, e) for s, e in codes)
    ]
    candidates = [
        c for c in candidates
        if c.label == "PER" or not any(s <= c.start and c.end <= e for s, e in labels)
    ]
    return resolve(candidates)


def _surname_not_place(words: list[Word], language: str, place: PlaceMatch) -> Candidate | None:
    """"Гусева накажут": a surname that is also a town name, with no preposition of place (None: a place)."""
    index = next((i for i, w in enumerate(words) if w[0] == place.start), None)
    prev = fold(words[index - 1][2]) if index else ""
    found = surname(place.text, language) if " " not in place.text else None
    town = fold(place.candidates[0][1])
    cues = entity_cues()
    if found and prev not in cues.locative_prepositions and ends_like_surname_case(place.text) \
            and cues.town_surname.search(town) and place.candidates[0][0].geonameid > 0:
        return Candidate("PER", place.start, place.end, 0.6, "person: surname (not a place here)",
                         {"normal": found[0].capitalize(), "first_name": None, "surname": found[0].capitalize(),
                          "gender": None, "case": None,
                          "parts": [{"role": "surname", "start": place.start, "end": place.end, "normal": found[0]}]})
    return None


def _place(language: str, place: PlaceMatch) -> Candidate:
    """A LOC candidate with the best gazetteer record and the ranked others."""
    best, matched = place.candidates[0]
    matched = place_nominative(place.text, language, matched)
    ranked = [p.geo(m) for p, m in place.candidates]
    return Candidate("LOC", place.start, place.end, 0.85 if len(place.candidates) == 1 else 0.7, place.reason,
                     {"normal": matched, "geo": best.geo(matched), "candidates": ranked})
