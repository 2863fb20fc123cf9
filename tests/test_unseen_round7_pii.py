"""Classes of personal data and places the seventh blind round (authors N and O, issue 17) showed the redactor and
the place finder missed, each with made-up sentences in the words of ANNOTATION.md, hard negatives beside them, and
floors on round 7's figures.

Round 7 was scored blind once (docs/accuracy.md: 46 of 425 items leaked on branch pii17); the fixes below were made
after reading its misses, so its figures after them are not blind.
"""

from __future__ import annotations

import pytest

from overheard.annotate.rules.patterns import find_word_phones
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        # a mobile number dictated group by group with commas, in two pieces with words between them
        ("есть тут одна женщина, она поможет: восемь, девятьсот, шестнадцать, потом двести, сорок, сорок, два, один.",
         "+79162404021"),
        # commas between every digit group, a unit after a ten starting its own group
        ("запиши номер: ноль, девяносто пять, сто двадцать три, сорок, пять, шесть", "+380951234056"),
    ],
)
def test_phone_numbers_dictated_with_commas_are_found(text, normal):
    phones = find_word_phones(text)
    assert phones and {p.normal for p in phones} == {normal}, phones
    output = redact_text(text, MASK, "ru").text
    assert "девятьсот" not in output and "сто двадцать три" not in output, output


def test_counts_with_commas_are_not_phone_numbers():
    assert find_word_phones("их было восемь, девятьсот, двадцать, сорок человек") == []
    assert find_word_phones("двести, триста, может четыреста метров до них") == []
