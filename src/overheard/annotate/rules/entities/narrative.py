"""Call signs in lower-case narrative: a word that refers to a person by its grammar is masked, whatever the word
(ANNOTATION.md, Personal data, CALLSIGN; branch leak20, beside :mod:`.frames` and :mod:`.speech_slots`).

Speech-to-text writes no capital and no comma, and a call sign is an ordinary word ("кабан", "сокол", "гвоздь",
"малой", "сто первый") told of in the middle of a story, with no "позывной" and no radio procedure. No list of frames
carries to the next author; the grammar does. In a text with no capital letter, a noun or a substantivised adjective
that is no person noun ("брат", "командир", "пацан" are people, not call signs) is a call-sign candidate when its
grammar makes it someone:

- **the subject of a verb that agrees with it** (a past verb of its gender and number, or a third-person singular):
  for a thing ("гвоздь", "молот"), a verb only a person does (speech, perception, thought, being wounded or killed,
  going off on one's own: ``narrative_person_verbs`` with ``frame_person_verbs``); for an animal, a word no dictionary
  knows or a bare adjective ("кабан", "малой"), a verb of moving and acting too (``narrative_acting_verbs``); an
  adjective with no noun after it acts with any verb ("рыжий ногу подвернул");
- **one wounded or killed**, an animate accusative before or after an impersonal verb ("кабана ранило", "зацепило
  сову");
- **a companion**: "мы с X", or "с X" before a plural verb ("с беркутом были на позиции") or a verb of talking or
  meeting ("я с молотом говорил");
- **a possessor**: "у X" of an animal, a word no dictionary knows or a bare adjective ("у кабана в группе", "у
  рыжего"), or of any noun before a word of a group ("у молота пацаны");
- **one hurt**: a dative before a part of the body and the verb that hurt it ("кувалде ногу оторвало").

A determiner or adjective before it ("этот", "новый", "наш") makes it a thing, and so does a preposition. Leaking is
far worse than over-masking, so each is masked, and its explanation says it was masked because unsure. The lists are
data (``entity_cues.yaml``: ``narrative_*``). The slots are :mod:`.person_slots`', read over the text's grammar
(:mod:`.text_grammar`) and the readings of single word forms (:mod:`.word_grammar`).
"""

from __future__ import annotations

from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.person_slots import (
    AND,
    WITH,
    companion,
    done_to,
    hurt,
    pair,
    possessor,
    subject,
    told,
    wounded,
)
from overheard.annotate.rules.entities.slots import covered, personal_words
from overheard.annotate.rules.entities.text_grammar import Grammar
from overheard.annotate.rules.entities.word_grammar import number_key
from overheard.annotate.rules.entities.words import Word
from overheard.annotate.rules.words import words_of

UNSURE_NARRATIVE = "fail closed: masked because unsure: its grammar makes it someone, and no list knows it as a thing"


def narrative_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate],
                        codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Words of a lower-case text that its grammar makes someone and ``taken`` leaves readable, as CALLSIGN candidates
    masked when unsure (module docstring); ``codes`` are the spans of coded casualty terms. A text with a capital
    letter has none."""
    words = words_of(text, words)
    if len(words) < 2 or words.has_upper:
        return []
    grammar = Grammar(words, language, personal_words(words, taken),
                      covered(words, [Candidate("CODE", s, e, 1.0, "") for s, e in codes]))
    out = []
    for i, why in sorted(_find(grammar).items()):
        start, end = words[grammar.run_start(i)][0], words[i][1]
        found = unsure_callsign(start, end, f"callsign: {why} ({UNSURE_NARRATIVE})",
                                listed_callsign(text[start:end], language) or text[start:end].capitalize())
        found.over_code = " " in text[start:end]  # "двести первый": a numbered call sign over the coded word
        out.append(found)
    return out


def _find(g: Grammar) -> dict[int, str]:
    """``{word index: why}`` for every word of a lower-case text its grammar makes someone (module docstring)."""
    keys, n, lists, language, facts = g.keys, g.n, g.lists, g.language, g.facts
    never, telling = lists["never"], lists["telling"]
    blocked = g.blocked
    # the words that may be someone at all (most texts have none: nothing else is read then)
    someone = [i for i, key in enumerate(keys) if not blocked[i] and key not in never and facts[i].may_be_someone]
    if not someone:
        return {}
    # the nearest finite verb at or after each word, read backwards once
    next_verb = [n] * (n + 1)
    for j in range(n - 1, -1, -1):
        next_verb[j] = j if facts[j].finite else next_verb[j + 1]
    wounding = [j for j, k in enumerate(keys) if k in lists["wounded"]]
    picked: dict[int, str] = {}
    for i in someone:
        first = g.run_start(i) if i and number_key(keys[i - 1]) else i
        prev = keys[first - 1] if first else ""
        # only the slots that can hold here are read (a verb ahead, the word before): most words open none
        verb_ahead = next_verb[i + 1] <= i + 6  # a stretch of time may stand between ("малий дві години ...")
        after_telling = prev in telling
        hit = bool(wounding) and any(i - 1 <= j <= i + 2 for j in wounding)
        after_with = prev in WITH
        after_at = prev == "у" or prev == "в" and language == "uk"
        done = any(g.done_verb(j) for j in (i - 1, i + 1, i + 2) if 0 <= j < n)
        joined = i + 2 < n and keys[i + 1] in AND
        body = i + 2 < n and keys[i + 1] in lists["body"]
        if not (verb_ahead or after_telling or hit or after_with or after_at or done or joined or body):
            continue
        why = (verb_ahead and subject(g, i)) or (after_telling and told(g, i)) or (hit and wounded(g, i)) \
            or (after_with and companion(g, i)) or (after_at and possessor(g, i)) \
            or (done and done_to(g, i)) or (body and hurt(g, i))
        if why:
            picked[i] = why
        elif joined and not blocked[i + 2]:
            both = pair(g, i)
            if both:
                picked[i] = picked[i + 2] = both
    return picked
