"""The end of a phone number read back in words after it was dictated is the phone number again (entities v36;
``spoken.dictated_repeats``). Round 27 leaked one such read-back; these sentences are written for the spec.

Hard negatives: money and route numbers in the same call that are no part of the number stay readable.
"""

from __future__ import annotations

import pytest

from overheard.annotate.components.entities import find_entities
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`


@pytest.mark.parametrize(("text", "language", "secret"), [
    ("Запиши номер: восемь, девятьсот двадцать шесть, четыреста, тридцать один, семьдесят. Записал? Повтори. "
     "Четыреста, тридцать один, семьдесят.", "ru", "Четыреста, тридцать один, семьдесят"),
    ("Слушай, мам, у меня теперь другой, старый разбил, записывай. Восемь, девятьсот двадцать шесть, четыреста, "
     "тридцать один, семьдесят. Записала? Ну-ка повтори, что записала. Да, правильно, четыреста, тридцать один, "
     "семьдесят.", "ru", "четыреста, тридцать один, семьдесят."),
    ("Мам, це мій новий, старий розбився, пиши. Нуль, дев'яносто п'ять, сто сорок, двадцять два, тринадцять. "
     "Записала? Прочитай мені кінець. Так, правильно, сто сорок, двадцять два, тринадцять.", "uk",
     "сто сорок, двадцять два, тринадцять."),
])
def test_a_phone_number_read_back_is_masked(text: str, language: str, secret: str) -> None:
    at = text.rindex(secret)
    phones = [f for f in find_entities(text, language) if f.label == "PHONE"]
    assert any(f.start <= at and at + len(secret.rstrip(".")) <= f.end for f in phones), phones
    assert secret.rstrip(".") not in redact_text(text, MASK, language=language).text


def test_the_explanation_says_it_is_said_again() -> None:
    text = ("Запиши номер: восемь, девятьсот двадцать шесть, четыреста, тридцать один, семьдесят. Повтори. "
            "Четыреста, тридцать один, семьдесят.")
    phones = [f for f in find_entities(text) if f.label == "PHONE"]
    assert len(phones) == 2
    assert "said again" in phones[1].explanation


@pytest.mark.parametrize(("text", "kept"), [
    ("запиши номер восемь девятьсот пятнадцать двести сорок один шестьдесят три ноль два и кинь триста двадцать "
     "пять рублей", "триста двадцать пять"),
    ("Номер: восемь, девятьсот двадцать шесть, четыреста, тридцать один, семьдесят. Автобус сто сорок один идёт "
     "до вокзала.", "сто сорок один"),
])
def test_other_numbers_in_the_call_stay(text: str, kept: str) -> None:
    assert kept in redact_text(text, MASK, language="ru").text
