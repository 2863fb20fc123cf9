"""Nicknames and call signs told of in lower-case narrative, and stations where a call opens (branch leaks28;
``rules/entities/narrative.py``, ``rules/entities/addressed.py``). Every sentence here is made up for the spec, none
copied from the data.

Lower-case narrative (speech-to-text, no capital, no comma):
- someone a plural verb of killing, catching or avenging is done to: an animate accusative ("ежа убили"), or a
  masculine thing in the genitive, the accusative only a person has ("стакана поймали", "чайника взяли в плен");
- two joined by "и" before a plural verb people (or animals as people) do ("суслик и цапля пропали");
- a subject before its verb across Ukrainian "на" and an indeclinable noun ("зозуля на міні підірвалась"), a stretch of
  time ("лисиця дві години не виходить"), after a conjunction the dictionary also reads as a pronoun ("каже що ...");
- a thing that confirms ("самовар подтвердил").

Where a call opens:
- the station before a speaker masked alone in his clause ("Ставок, Верба.");
- the station before a casualty code ("Самовар, 200 — 1");
- the one addressed before "это"/"я" and a speaker another rule masked ("утюг это сова"), the speaker after a name that
  opens a lower-case call ("малой я ставок") and after "это я".

A capitalised companion after "с"/"з" in any text: an animate noun, after a name, a verb of connecting or a verb of
the speakers ("Щука с Окунем", "соединить с Окунем", "п'ємо чай з Чаплею").

Hard negatives that stay readable: a partitive genitive ("хлеба взяли"), a thing that is silent, a country after
"мы с", an ordinal killed, things that disappear, money after "Мама,", a car wanted by police, a city after "в", a thing
before "не в плену" (a rule that read captivity as a person's state was tried and dropped: on the held-out half it
masked two ordinary words and no leak).
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
    # lower-case narrative: someone a plural verb is done to
    ("слышал ежа убили вчера под вечер", "ru", ["ежа"]),
    ("стакана поймали на блокпосту сочинец", "ru", ["стакана"]),
    ("чайника взяли в плен под вечер", "ru", ["чайника"]),
    ("за сверчка отомстим обязательно", "ru", ["сверчка"]),
    # two joined by "и" before a plural verb
    ("двое суслик и цапля пропали вчера ночью", "ru", ["суслик", "цапля"]),
    # the subject across Ukrainian "на", a stretch of time, a conjunction
    ("вчора зозуля на міні підірвалась", "uk", ["зозуля"]),
    ("тільки лисиця дві години не виходить на зв'язок", "uk", ["лисиця"]),
    ("каже що горобець третю годину мовчить", "uk", ["горобець"]),
    # a thing that confirms
    ("трое было самовар подтвердил", "ru", ["самовар"]),
    # where a call opens
    ("Ставок, Верба. Видимость плохая, пусков нет.", "ru", ["ставок", "верба"]),
    ("Самовар, 200 — 1, забирайте ночью.", "ru", ["самовар"]),
    ("утюг это сова на окраине двухсотых нет", "ru", ["утюг", "сова"]),
    ("малой я ставок двухсотых ноль", "ru", ["малой", "ставок"]),
    ("антон это я скворец воды нет", "ru", ["антон", "скворец"]),
    # a capitalised companion in any text
    ("Вчера Щука с Окунем на рыбалку ушли.", "ru", ["окунем"]),
    ("Прошу соединить с Окунем.", "ru", ["окунем"]),
    ("Сидимо в бліндажі, п'ємо чай з Чаплею.", "uk", ["чаплею"]),
])
def test_the_word_is_masked(text: str, language: str, secrets: list[str]) -> None:
    readable = _readable(text, language)
    for secret in secrets:
        assert secret not in readable.split() and secret not in readable, (secret, readable)


@pytest.mark.parametrize(("text", "word"), [
    ("слышал ежа убили вчера под вечер", "ежа"),
    ("Ставок, Верба. Видимость плохая, пусков нет.", "Ставок"),
    ("Прошу соединить с Окунем.", "Окунем"),
])
def test_the_explanation_says_masked_because_unsure(text: str, word: str) -> None:
    found = {f.text: f for f in find_entities(text)}
    assert found[word].label == "CALLSIGN"
    assert "unsure" in found[word].explanation


@pytest.mark.parametrize(("text", "language", "kept"), [
    ("хлеба взяли в магазине два батона", "ru", "хлеба"),                # a partitive genitive, no "в плен"
    ("воды взяли в магазине", "ru", "воды"),
    ("за хлеб отомстим", "ru", "хлеб"),                                   # an inanimate accusative after "за"
    ("телефон третю годину мовчить", "uk", "телефон"),                    # a thing that is silent
    ("Мы с Россией будем дружить.", "ru", "россией"),                     # a country after "мы с"
    ("Сотрудничество с Китаем растёт, сообщил министр.", "ru", "китаем"),
    ("второго убили под вечер", "ru", "второго"),                         # an ordinal counts
    ("Мама, 200 тысяч пришло.", "ru", "мама"),                            # money after a kinship word
    ("машина в розыске уже неделю", "ru", "машина"),                      # a car the police want
    ("море в сочи тёплое было", "ru", "море"),                            # a city after "в"
    ("говорят флаг не в плену остался", "ru", "флаг"),                    # a state is no slot (tried, dropped)
])
def test_hard_negatives_stay_readable(text: str, language: str, kept: str) -> None:
    assert kept in _readable(text, language)
