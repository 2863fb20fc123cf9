"""Pieces of a dictated phone number said again or broken off are masked with it (rules/phone_repeats.py and the
read-backs of rules/phone_read_backs.py; twentieth session).

The class came from the sealed rounds 30 and 31, whose phone leaks the lead read at the end of the twentieth session
(so those rounds are no longer blind for phone numbers): the listener repeating the start or the end of a piece, the
end asked for again in another turn, a first digit broken off by the line, a hotline's code begun and dropped. The
wordings here are written for these tests; every number is made up.
"""

from __future__ import annotations

import pytest

from overheard.annotate.rules.phone_repeats import find_phone_repeats
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`


@pytest.mark.parametrize(
    ("text", "readable_never"),
    [
        # the listener repeats the end of a piece, then the number goes on in pieces
        ("— Запиши номер Лёши, если что. — Давай. — Восемь, девятьсот шестнадцать... — Девятьсот шестнадцать. — "
         "Триста два... — Так. — Пятьдесят, ноль семь.", ["шестнадцать", "Триста два", "Пятьдесят, ноль семь"]),
        # the listener repeats the start of a piece while writing
        ("— Мам, запиши, это командир. Восемь девятьсот... сорок два... — Подожди, не успеваю. Восемь девятьсот... — "
         "Сорок два. Шестьсот один. Тридцать. Двенадцать. — Записала.", ["Восемь девятьсот", "Шестьсот один"]),
        # a first digit broken off by the line, the number said after it
        ("— Это номер жены Гены. Восемь... погоди, связь... девятьсот двадцать один... — Восемь девятьсот двадцать "
         "один. — Семьсот десять, тридцать три, сорок.", ["Восемь.", "Семьсот десять"]),
        # the end asked for again in another turn (Ukrainian)
        ("— Записуй: нуль шістдесят сім, триста двадцять, сорок, дев'ятнадцять. — Повтори останні. — Сорок, "
         "дев'ятнадцять.", ["дев'ятнадцять"]),
        # a hotline's code begun and dropped for another number
        ("— Записуй: нуль вісімсот... ні, то гаряча лінія, а це мобільний: нуль шістдесят сім, триста двадцять, "
         "сорок, дев'ятнадцять.", ["вісімсот", "дев'ятнадцять"]),
    ],
)
def test_pieces_said_again_or_broken_off_are_masked(text, readable_never):
    output = redact_text(text, MASK).text
    for piece in readable_never:
        assert piece not in output, output


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        # a count before the number, and a count word after a run, stay readable
        ("Было нас двенадцать, осталось восемь. Звони по номеру восемь девятьсот двенадцать триста сорок пять "
         "шестьдесят семь.", ["двенадцать, осталось восемь"]),
        # "ноль пять" is half a litre, not an operator's code
        ("Выпили ноль пять на двоих. Номер: восемь девятьсот двенадцать триста сорок пять шестьдесят семь.",
         ["ноль пять"]),
        # numbers said again without any phone number in the call
        ("— Сколько трёхсотых? — Восемь... — Восемь? — Да, восемь.", ["Восемь"]),
    ],
)
def test_numbers_that_are_no_piece_of_the_number_stay_readable(text, readable):
    output = redact_text(text, MASK).text
    for words in readable:
        assert words in output, output


def test_a_repeat_says_why_it_is_masked():
    text = "Номер: восемь девятьсот шестнадцать триста два пятьдесят семь. — Триста два пятьдесят семь?"
    phone = (text.index("восемь"), text.index("семь.") + 4)
    found = find_phone_repeats(text, [phone])
    assert [(m.normal, m.label) for m in found] == [("Триста два пятьдесят семь", "PHONE")]
    assert "said again" in found[0].rule and "masked when unsure" in found[0].rule


def test_no_phone_in_the_call_no_repeats():
    assert find_phone_repeats("— Ноль шестьдесят семь. — Ноль шестьдесят семь?", []) == []
