"""Call signs the opening of a call or a preposition gives away, whatever the word (branch leaks27;
``rules/entities/addressed.py``). Every sentence here is made up for the spec, none copied from the data.

- the one addressed where a call opens, with no comma (speech-to-text): said twice, after "слышь", or before what one
  says to a station ("у нас" and a casualty code, "передай", "как там" after a particle, "я"/"это" and the speaker);
- the speaker named after "я"/"это" there, whatever the word (a number word, a place, a kinship word);
- the one named after a casualty code ("один двухсотый это ...");
- the station after "передай на";
- a capitalised companion after "с"/"з" that a place reading took, in a call between soldiers.

Hard negatives: ordinary nouns before "у нас" with no code, a thing after "я" before a verb, a predicate after "это",
a place after "передайте на", Ukrainian pronouns the dictionary misreads as names, holidays and countries.
"""

from __future__ import annotations

import pytest

from overheard.annotate.components.entities import find_entities
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`


def _readable(text: str, language: str = "ru") -> str:
    return redact_text(text, MASK, language=language).text.lower()


@pytest.mark.parametrize(("text", "language", "secrets"), [
    # the one addressed where a call opens, no comma
    ("вертолёт у нас трое трёхсотых один тяжёлый", "ru", ["вертолёт"]),
    ("слышь рубильник ты где пропал", "ru", ["рубильник"]),
    ("ну что самовар как там у вас тихо", "ru", ["самовар"]),
    ("ну шо черпак як там у вас", "uk", ["черпак"]),
    ("напильник передай на штаб что двухсотых нет", "ru", ["напильник"]),
    ("шлагбаум шлагбаум я будильник у меня двое трёхсотых", "ru", ["шлагбаум", "будильник"]),
    # the speaker after "я"/"это" whatever the word: a number word, a kinship word said twice
    ("гвоздь гвоздь я сорока двухсотых нет", "ru", ["гвоздь", "сорока"]),
    ("бабка бабка я утюг приём", "ru", ["бабка", "утюг"]),
    ("Каштан, это токарь. У нас двое трёхсотых.", "ru", ["каштан", "токарь"]),
    # the one named after a casualty code
    ("у меня один двухсотый это дятел осколок в голову", "ru", ["дятел"]),
    # the station after "передай на"
    ("Передай на Бастион: дорога чистая, двухсотых нет.", "ru", ["бастион"]),
    # a capitalised companion a place reading took
    ("Слушай, мы с Кизилом на позиции сидим, трёхсотых нет.", "ru", ["кизилом"]),
])
def test_the_word_is_masked(text: str, language: str, secrets: list[str]) -> None:
    readable = _readable(text, language)
    for secret in secrets:
        assert secret not in readable.split() and secret not in readable, (secret, readable)


def test_the_explanation_says_masked_because_unsure() -> None:
    found = {f.text: f for f in find_entities("вертолёт у нас трое трёхсотых один тяжёлый")}
    assert found["вертолёт"].label == "CALLSIGN"
    assert "masked because unsure" in found["вертолёт"].explanation


@pytest.mark.parametrize(("text", "language", "kept"), [
    ("ипотека у нас семь процентов на время службы", "ru", "ипотека"),       # no casualty code after "у нас"
    ("Наташ, я рапорт написал на увольнение", "ru", "рапорт"),             # a thing after "я", before a verb
    ("он не двухсотый это ошибка была в списках", "ru", "ошибка"),          # a predicate after "это"
    ("Передайте на заводе, что я не уволился", "ru", "заводе"),            # a place after "передайте на"
    ("Любчику, я тобі скажу чесно, я вже не можу", "uk", "тобі"),          # a pronoun read as the name Тобі
    ("Саяна, это мама. Шолбан звонил?", "ru", "мама"),                     # kinship after a person's name
    ("Слышь, укропский перехват слушали, у них двухсотых много", "ru", "укропский"),  # an adjective after "слышь"
    ("С Новым годом, у нас двухсотых нет.", "ru", "новым"),                # a holiday opening a sentence
    ("Мы воюем с Россией, двухсотых много.", "ru", "россией"),             # a country after "с"
])
def test_hard_negatives_stay_readable(text: str, language: str, kept: str) -> None:
    assert kept in _readable(text, language)
