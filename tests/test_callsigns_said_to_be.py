"""Call signs and names the speaker says outright, in speech-to-text text (fourteenth session, corpus author UL):
"позывной ну э тайга" (fillers between "позывной" and the sign), "сапёр это позывной его" (the sign before the words
that say it is one), and "а гена ну гена" (every occurrence of the very form a rule masked, even one that is also a
word). ANNOTATION.md: redaction must remove every occurrence of every form.
"""

from __future__ import annotations

import pytest

from overheard.annotate.components.entities import find_entities


def masked(text: str, lang: str = "ru") -> list[tuple[str, str]]:
    return [(e.label, text[e.start : e.end]) for e in find_entities(text, lang) if e.label in ("PER", "CALLSIGN")]


@pytest.mark.parametrize(("text", "sign"), [
    ("позывной ну э тайга короче передай что машина будет в семь", "тайга"),
    ("позывной у него вот Шаман, запиши", "Шаман"),
    ("позивний ну е сова він з нами", "сова"),
])
def test_fillers_after_the_word_for_call_sign_are_skipped(text, sign):
    assert masked(text, "uk" if "позивний" in text else "ru") == [("CALLSIGN", sign)]


@pytest.mark.parametrize(("text", "lang", "sign"), [
    ("сапёр это позывной его он из брянска", "ru", "сапёр"),
    ("тайга его позывной", "ru", "тайга"),
    ("ну шаман это позывной такой", "ru", "шаман"),
    ("сова то його позивний", "uk", "сова"),
])
def test_a_word_said_to_be_a_call_sign_is_one(text, lang, sign):
    assert ("CALLSIGN", sign) in masked(text, lang)


@pytest.mark.parametrize("text", ["спроси его позывной", "какой его позывной", "а это позывной его"])
def test_a_verb_or_pronoun_before_the_call_sign_word_is_none(text):
    assert masked(text) == []


def test_every_occurrence_of_a_masked_form_is_masked_even_a_word():
    """"гена" is also a word (a gene); where a rule masks it as a name, its other occurrence goes too."""
    text = "а гена ну гена дезертировал из госпиталя в новосибирске"
    assert masked(text) == [("PER", "гена"), ("PER", "гена")]


def test_a_number_in_a_call_sign_is_not_masked_elsewhere():
    """"граніт два ... мінус два": the number of a call sign is no name; the count stays readable."""
    text = "граніт два я бобер мінус два по лісосмузі"
    spans = [(e.start, e.end) for e in find_entities(text, "uk")]
    last_two = text.rindex("два")
    assert not any(s <= last_two < e for s, e in spans)


@pytest.mark.parametrize(("text", "name"), [
    ("алло гульнара это ильхом не волнуйся я на учениях", "ильхом"),
    ("алло мама это ильхом", "ильхом"),
    ("Алло, это Прем. Я хочу сдаться.", "Прем"),
])
def test_the_caller_saying_who_speaks_is_a_person(text, name):
    """"Алло, это Прем": the caller's name at the start of a call, whatever a dictionary reads it as when it is
    capitalised, and in lower case a word no dictionary knows (corpus author UN: names of many origins)."""
    assert ("PER", name) in masked(text)


@pytest.mark.parametrize("text", ["алло мама это мы", "Алло, это Мама.", "це вже третій раз", "ну это капец",
                                  "Алло, это Москва?"])
def test_what_this_is_when_it_is_no_name_stays(text):
    assert masked(text, "uk" if "це" in text else "ru") == []


def test_a_capitalised_word_before_a_dash_and_the_word_for_call_sign_is_one():
    """"Жила — позывной у него такой" (round 21, read in the fourteenth session): a sign though it reads as a verb."""
    text = "Там дед с велосипедом. Жила — позывной у него такой — деда избил прикладом."
    assert ("CALLSIGN", "Жила") in masked(text)
