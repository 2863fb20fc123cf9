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

from overheard.annotate.rules.entities.addressed import addressed_callsigns
from overheard.annotate.rules.entities.aliases import camp_aliases
from overheard.annotate.rules.entities.callsigns import callsigns
from overheard.annotate.rules.entities.candidates import Candidate, leftover_parts, outranks_a_place, resolve
from overheard.annotate.rules.entities.crews import crew_callsigns
from overheard.annotate.rules.entities.family_callsigns import family_callsigns
from overheard.annotate.rules.entities.frames import frame_callsigns, with_number_suffixes
from overheard.annotate.rules.entities.initials import lower_case_initials
from overheard.annotate.rules.entities.learned import TokenModel, model_candidates
from overheard.annotate.rules.entities.morph import ends_like_surname_case, morph_name, place_nominative, surname
from overheard.annotate.rules.entities.name_forms import (
    counted_surnames,
    demonstrated_surnames,
    listed_surnames,
    opening_surnames,
    possessive_surnames,
)
from overheard.annotate.rules.entities.narrative import narrative_callsigns
from overheard.annotate.rules.entities.ner import natasha_spans
from overheard.annotate.rules.entities.numbered import callsign_lists, numbered_callsigns
from overheard.annotate.rules.entities.openings import call_openings, caller_introductions
from overheard.annotate.rules.entities.people import people
from overheard.annotate.rules.entities.possessed import possessed_callsigns
from overheard.annotate.rules.entities.radio_lines import radio_lines
from overheard.annotate.rules.entities.recall import (
    address_candidates,
    initial_candidates,
    label_candidates,
    lower_case_callsigns,
    ner_candidates,
    nickname_candidates,
    other_occurrences,
    plural_surname_candidates,
    radio_callsigns,
)
from overheard.annotate.rules.entities.self_named import self_named_callsigns
from overheard.annotate.rules.entities.slots import callsign_slots
from overheard.annotate.rules.entities.speech_slots import speech_slots
from overheard.annotate.rules.entities.spoken import (
    coordinated_names,
    dash_address,
    dictated_repeats,
    ethnic_nicknames,
    greeted_names,
    lower_case_first_names,
    particle_names,
    patronymic_nicknames,
    said_to_be_people,
)
from overheard.annotate.rules.entities.statuses import status_callsigns
from overheard.annotate.rules.entities.words import Word, entity_cues, role_label_spans, speaker_label_spans
from overheard.annotate.rules.patterns import find_units
from overheard.annotate.rules.phone_repeats import find_phone_repeats
from overheard.annotate.rules.phone_tails import find_phone_tails
from overheard.annotate.rules.phones import find_digit_phones, find_word_phones
from overheard.annotate.rules.place_context import resolve_in_context
from overheard.annotate.rules.places import KATOTTG_IDS, PlaceMatch, find_places
from overheard.annotate.rules.words import words_of
from overheard.names import name_lexicon
from overheard.text import fold, parses

__all__ = ["Candidate", "entity_candidates", "natasha_spans", "speaker_label_spans"]


def entity_candidates(text: str, words: list[Word], language: str, region: str | None,
                      codes: list[tuple[int, int]], ner: bool = True, model: TokenModel | None = None
                      ) -> list[Candidate]:
    """Every entity of ``text`` as non-overlapping candidates, in text order.

    ``words`` are the letter words of ``text``, ``codes`` the spans of coded casualty terms (never an
    entity, except inside a unit or a phone number), ``region`` the call's oblast (a prior for places);
    ``ner=False`` never runs the NER model; ``model`` (the learned name model) masks the words the rules left
    that it scores at or above its threshold (:func:`.learned.model_candidates`).
    """
    words = words_of(text, words)  # the document's shared words and their readings (rules.words.Words)
    candidates = [Candidate(m.label, m.start, m.end, m.score, m.rule, {"normal": m.normal})
                  for m in find_digit_phones(text) + find_word_phones(text, codes) + find_units(text)]
    candidates += [Candidate(m.label, m.start, m.end, m.score, m.rule, {"normal": m.normal})
                   for m in find_phone_tails(text) if not any(c.overlaps(m.start, m.end) for c in candidates)]
    phones = [(c.start, c.end) for c in candidates if c.label == "PHONE"]
    candidates += [Candidate(m.label, m.start, m.end, m.score, m.rule, {"normal": m.normal})
                   for m in find_phone_repeats(text, phones) if not any(c.overlaps(m.start, m.end) for c in candidates)]
    # natasha is a second opinion, not a fallback: it reads every Russian text with a capital letter
    spans = natasha_spans(text) if ner and language == "ru" else []
    found_people = people(text, words, language, [(s, e) for t, s, e in spans if t == "PER"])
    found_places = _places_in_context(find_places(text, language, region, words), words, language, region,
                                      found_people)
    places: list[Candidate] = []
    for place in found_places:
        person = _surname_not_place(words, language, place)
        if person is not None:
            found_people.append(person)
        else:
            places.append(_place(language, place))
    ner_other = [(s, e) for t, s, e in spans if t in ("ORG", "LOC")]
    candidates += callsigns(text, words, language, candidates + found_people + places, ner_other)
    candidates += numbered_callsigns(text, words, language, candidates)
    candidates += callsign_lists(text, language, candidates)
    candidates += found_people + places
    candidates += initial_candidates(text, candidates)
    candidates += lower_case_initials(text, words, language, candidates)
    candidates += label_candidates(text, candidates, language)
    candidates += nickname_candidates(text, words, language, candidates)
    candidates += lower_case_first_names(text, words, language, candidates)
    candidates += greeted_names(text, words, language, candidates)
    candidates += dash_address(text, words, language, candidates)
    candidates += patronymic_nicknames(words, language, candidates)
    candidates += said_to_be_people(text, words, language, candidates)
    candidates += ethnic_nicknames(text, words, language, candidates)
    candidates += particle_names(text, words, language, candidates)
    candidates += dictated_repeats(text, candidates)
    candidates += plural_surname_candidates(text, words, language, candidates)
    candidates += possessive_surnames(text, words, language, candidates)
    candidates += opening_surnames(text, words, language, candidates)
    candidates += address_candidates(text, words, language, candidates)
    candidates += lower_case_callsigns(words, language, candidates)
    candidates += family_callsigns(text, words, language, candidates)
    candidates += camp_aliases(text, words, language, candidates)
    candidates += radio_lines(text, words, language, candidates)
    candidates += call_openings(text, words, language, candidates)
    candidates += possessed_callsigns(text, words, language, candidates)
    candidates += radio_callsigns(text, words, language, candidates, ner_other)
    candidates += self_named_callsigns(text, words, language, candidates)
    candidates += ner_candidates(text, words, language, spans, codes, candidates)
    candidates += caller_introductions(text, words, language, candidates)  # after the radio rules: "це Атлант"
    for label, start, end in spans:
        if label in ("ORG", "LOC") and not any(start < e and s < end for s, e in codes):
            candidates.append(Candidate(label, start, end, 0.59, f"natasha NER {label}",
                                        {"normal": text[start:end], "geo": None} if label == "LOC"
                                        else {"normal": text[start:end]}, from_ner=True))
    candidates = _outside(text, [c for c in candidates if not _in_a_place(text, words, language, c)], codes)
    chosen = resolve(candidates)
    rest = leftover_parts(candidates, chosen)
    if rest:
        chosen = resolve(chosen + rest)
    joined = coordinated_names(text, words, chosen)
    if joined:
        chosen = resolve(chosen + _outside(text, joined, codes))
    if model is not None:
        learned = model_candidates(text, words, language, model, chosen, codes)
        if learned:
            chosen = resolve(chosen + _outside(text, learned, codes))
    listed = listed_surnames(text, words, language, chosen)  # .name_forms: after the model ("кабанов и ляхов")
    listed += counted_surnames(text, words, language, chosen, codes)  # "трёхсотых двое поваров и дьяков"
    listed += demonstrated_surnames(text, words, language, chosen)  # "в того ковальчука", "у этого сидорова"
    if listed:
        chosen = resolve(chosen + _outside(text, listed, codes))
    # fail closed: a word where a call sign or a name stands is masked, whatever the lists say (.slots, .speech_slots)
    slotted = callsign_slots(text, words, language, chosen, codes) + speech_slots(text, words, language, chosen, codes)
    slotted += frame_callsigns(text, words, language, chosen, codes)  # .frames: radio procedure, talk about people
    slotted += narrative_callsigns(text, words, language, chosen + slotted, codes)  # .narrative: lower-case grammar
    slotted += addressed_callsigns(text, words, language, chosen + slotted, codes)  # .addressed: openings, prepositions
    slotted += status_callsigns(text, words, language, chosen + slotted, codes)  # .statuses: "сычу пятисотому"
    slotted += crew_callsigns(text, words, language, chosen + slotted, codes)  # .crews: "у грозы в хозяйстве"
    if slotted:
        chosen = resolve(chosen + _outside(text, slotted, codes))
    more = other_occurrences(text, words, language, chosen)
    if more:
        chosen = resolve(chosen + _outside(text, more, codes))
    return with_number_suffixes(text, chosen)


_IN = frozenset({"в", "во", "на"})
_PLACE_CASES = frozenset({"loct", "loc2", "datv"})


def _in_a_place(text: str, words: list[Word], language: str, c: Candidate) -> bool:
    """A one-word PER after "в"/"на" (Ukrainian "у" too) whose every name reading is locative (or genitive, after
    "в"/"на"): a place or a thing, not a person ("в Афгане", "на поле", "на полі"); "влюбился в Олю" (accusative)
    and "у Олі" (at Olya's) stay a person."""
    if c.label != "PER" or c.leak_first and c.from_ner:
        return False
    inside = [w for w in words if c.start <= w[0] and w[1] <= c.end]
    if len(inside) != 1:
        return False
    index = words.index(inside[0])
    prev = fold(words[index - 1][2]) if index else ""
    if not (prev in _IN or language == "uk" and prev == "у") or text[words[index - 1][1] : c.start].strip():
        return False
    word = inside[0][2]
    forms = name_lexicon().lookup(word)
    cases = set().union(*(f.cases for f in forms)) if forms else {
        p.tag.case for p in parses(word.lower(), language)[:4] if "Name" in str(p.tag) or "Geox" in str(p.tag)}
    # "на полі", "в полі": after "в"/"на" a genitive reading is no person either ("у Полі" is at Polya's: "у" keeps it)
    return bool(cases) and cases <= (_PLACE_CASES | {"gent"} if prev != "у" else _PLACE_CASES)


def _outside(text: str, candidates: list[Candidate], codes: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates that touch no coded casualty term (units and phones may) and no role speaker label."""
    roles = role_label_spans(text)
    return [
        c for c in candidates
        if (c.label in ("UNIT", "PHONE") or c.over_code or not any(c.overlaps(s, e) for s, e in codes))
        and not any(s <= c.start and c.end <= e for s, e in roles)
    ]


def _places_in_context(matches: list[PlaceMatch], words: list[Word], language: str, region: str | None,
                       persons: list[Candidate]) -> list[PlaceMatch]:
    """``matches`` decided by the call (:func:`.place_context.resolve_in_context`); a match that is a first name
    standing alone here (one the person rules found that outranks a place, ``persons``, or
    :func:`_surname_not_place`: "у Бориса", "Богдане", "Степана") is no place of the call, so the others are decided
    again without it ("Под Удачным ... у Бориса": Udachne by the front, not the Dnipropetrovsk village nearest to the
    village Бориси). A surname in a full name that is also a town ("Антона Чехова") is left as it was."""
    found = resolve_in_context(matches, region)
    named = [c for c in persons if outranks_a_place(c) and c.attributes.get("first_name")
             and not c.attributes.get("surname")]

    def first_name(place: PlaceMatch) -> bool:
        person = _surname_not_place(words, language, place)
        return person is not None and bool(person.attributes.get("first_name"))

    people = {k for k, place in enumerate(found) if any(c.overlaps(place.start, place.end) for c in named)
              or first_name(place)}
    if not people or len(people) == len(found):
        return found
    again = iter(resolve_in_context([m for k, m in enumerate(matches) if k not in people], region))
    return [place if k in people else next(again) for k, place in enumerate(found)]


def _surname_not_place(words: list[Word], language: str, place: PlaceMatch) -> Candidate | None:
    """"Гусева накажут": a surname that is also a town name, with no preposition of place (None: a place)."""
    index = next((i for i, w in enumerate(words) if w[0] == place.start), None)
    prev = fold(words[index - 1][2]) if index else ""
    if index and index >= 2 and prev in entity_cues().place_determiners:
        prev = fold(words[index - 2][2])  # "в этом Токмаке", "из нашего Чадана"
    found = surname(place.text, language) if " " not in place.text else None
    best = place.candidates[0][0]
    cues = entity_cues()
    first = (name_lexicon().lookup(place.text) or morph_name(place.text, language)
             if " " not in place.text and place.text[:1].isupper() else [])
    russian_only = {"от", "ото", "с", "со", "из", "изо", "к", "ко", "во", "подо"}  # "А от Мирона": uk "от" is "ось"
    preposition = prev in cues.locative_prepositions and not (language == "uk" and prev in russian_only)
    # a town's name told a message or speaking is a person whatever the town's size ("Передай Салавату",
    # "Скажи Кирову", "Салават звонил"; round 11): leaking is worse than a masked town
    nxt = fold(words[index + 1][2]) if index is not None and index + 1 < len(words) else ""
    told = prev in cues.address_verbs or nxt in cues.speech_verbs or nxt in cues.address_verbs
    if first and not name_lexicon().is_ambiguous(place.text) and not preposition and (
            best.population < 10_000 or told):
        return Candidate("PER", place.start, place.end, 0.6, "person: first name (not a village here)",
                         {"normal": first[0].canonical, "first_name": first[0].canonical, "surname": None,
                          "gender": None, "case": None,
                          "parts": [{"role": "first", "start": place.start, "end": place.end,
                                     "normal": first[0].canonical}]}, leak_first=True)
    # the surname reading wins unless a preposition of place stands before it or the town is a city
    # ("Булгакова", "Колесников" are people; "жители Саратова" is Saratov): leaking is worse than a
    # masked village
    # a village only the codifier KATOTTG knows yields to a surname after "у"/"в" too ("у Бахтина")
    village = prev not in cues.place_prepositions and all(p.geonameid >= KATOTTG_IDS for p, _ in place.candidates
                                                          if p.geonameid > 0 and p.country in ("UA", "RU", "BY"))
    if found and (prev not in cues.locative_prepositions or village) and (
            ends_like_surname_case(place.text) or found[1]) and best.geonameid > 0 and (
            best.population < 100_000 or told and prev in cues.address_verbs):
        return Candidate("PER", place.start, place.end, 0.6, "person: surname (not a place here)",
                         {"normal": found[0].capitalize(), "first_name": None, "surname": found[0].capitalize(),
                          "gender": None, "case": None,
                          "parts": [{"role": "surname", "start": place.start, "end": place.end, "normal": found[0]}]})
    return None


def _place(language: str, place: PlaceMatch) -> Candidate:
    """A LOC candidate with the best gazetteer record and the ranked others."""
    best, matched = place.candidates[0]
    matched = place_nominative(place.text, language, matched)
    ranked = [p.geo(m) for p, m in place.candidates[:10]]
    return Candidate("LOC", place.start, place.end, 0.85 if len(place.candidates) == 1 else 0.7, place.reason,
                     {"normal": matched, "geo": best.geo(matched), "candidates": ranked, "ambiguous": place.ambiguous},
                     taken_place=place.taken)
