"""Phones, units and call signs that leak after ``redact --mode mask``, as classes (branch callsigns31;
``rules/phones.py``, ``rules/phone_read_backs.py``, ``rules/phone_tails.py``, ``rules/unit_numbers.py``,
``rules/entities/crews.py``). Every sentence here is made up for the spec, none copied from the data.

- A phone number the listener reads back piece by piece ("— Сто двенадцать. — Сто двенадцать, так."): each echo is
  passed over when the number is read, and masked with it.
- Pieces set apart by a spaced dash after a phone cue ("Записывай: восемь — девятьсот двенадцать — ..."), and a last
  piece after "и ещё", "і останні", "и последние".
- The last digits of a number told on their own after "последние цифры", "останні цифри", "номер кончается на".
- Units: a compound ordinal in words with a ten ("Сімдесят друга тримає ...") as the subject of a verb; the Ukrainian
  accusative of a digit ordinal after a preposition ("перевели в 110-ту"); "мехбригада", "мехбат".
- A lower-case noun between "у" and "в" and a group's word ("у грозы в хозяйстве", "у кедра в групі").

Hard negatives that stay readable: calibres joined by "и" before a count, a count said twice, counts in a list with
dashes and no phone cue, the last figures of a count, a minute and a cigarette counted by ordinals, kin's, neighbours'
and commanders' households.
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
    # read back piece by piece, in both languages
    ("— Номер пиши: восемь девятьсот двадцать восемь. — Восемь девятьсот двадцать восемь, так. — Сто двенадцать. "
     "— Сто двенадцать. — Сорок пять, шестьдесят семь. — Сорок пять, шестьдесят семь, записала.", "ru",
     ["девятьсот", "двенадцать", "сорок пять", "шестьдесят семь"]),
    ("— Пиши: нуль дев'яносто п'ять. — Нуль дев'яносто п'ять. — Сто двадцять три. — Сто двадцять три, так. "
     "— Сорок п'ять, шістдесят сім. — Сорок п'ять шістдесят сім, є.", "uk",
     ["дев'яносто", "сто двадцять три", "сорок п'ять", "шістдесят сім"]),
    ("— Диктуй. — Шістдесят сім. — Шістдесят сім. — Нуль дев'ять п'ять. — Так, нуль дев'ять п'ять. — Сто двадцять "
     "три, сорок п'ять.", "uk", ["шістдесят сім", "дев'ять п'ять", "сто двадцять три", "сорок п'ять"]),
    # pieces set apart by a spaced dash after a phone cue
    ("Запиши номер: восемь — девятьсот двенадцать — триста сорок пять — шестьдесят семь — восемьдесят девять.", "ru",
     ["девятьсот двенадцать", "триста сорок пять", "восемьдесят девять"]),
    ("Номер: нуль — шістдесят сім — сто двадцять три — сорок п'ять — шістдесят сім.", "uk",
     ["шістдесят сім", "сто двадцять три", "сорок п'ять"]),
    # the last piece after "и ещё", "і останні", "и последние"
    ("Мам, запиши: восемь девятьсот двенадцать триста сорок пять, и ещё шестьдесят семь восемьдесят девять.", "ru",
     ["девятьсот", "шестьдесят семь восемьдесят девять"]),
    ("Записуй: нуль дев'яносто п'ять, потім сто двадцять три, потім сорок п'ять, і останні шістдесят сім.", "uk",
     ["дев'яносто", "сто двадцять три", "сорок п'ять", "шістдесят сім"]),
    ("Пиши номер: восемь девятьсот двенадцать. Записал? Дальше триста сорок пять. Ага. И последние шестьдесят семь "
     "восемьдесят девять.", "ru", ["девятьсот", "триста сорок пять", "шестьдесят семь восемьдесят девять"]),
    # the last digits told alone
    ("Ещё раз последние цифры: сорок пять шестьдесят семь.", "ru", ["сорок пять шестьдесят семь"]),
    ("Останні чотири цифри — 45 67, не переплутай.", "uk", ["45 67"]),
    ("Номер кончается на шестьдесят семь восемьдесят девять.", "ru", ["шестьдесят семь восемьдесят девять"]),
    # units
    ("Сімдесят друга тримає Вугледар.", "uk", ["сімдесят друга"]),
    ("Його перевели в 110-ту.", "uk", ["110-ту"]),
    ("Сорок сьома мехбригада вийшла.", "uk", ["сорок сьома"]),
    # a man named by his group, in lower case
    ("у грозы в хозяйстве двое двухсотых", "ru", ["грозы"]),
    ("у кедра в групі двоє поранених", "uk", ["кедра"]),
    ("Шмель, это ворон. У соседей, у тополя в хозяйстве, двое 200.", "ru", ["тополя"]),
])
def test_the_secret_is_masked(text: str, language: str, secrets: list[str]) -> None:
    readable = _readable(text, language)
    for secret in secrets:
        assert secret not in readable, (secret, readable)


@pytest.mark.parametrize(("text", "language"), [
    ("патроны семь шестьдесят два и пять сорок пять, шестьсот штук", "ru"),
    ("Сколько трёхсотых? — Двести. — Двести? — Да, за неделю.", "ru"),
    ("Потери по ротам: сорок — шестнадцать — двадцать три.", "ru"),
    ("Последние цифры: 120 человек за неделю.", "ru"),
    ("Двадцать вторая минута пошла, а их нет.", "ru"),
    ("Это уже сорок пятая за день, курю много.", "ru"),
    ("у соседей в хозяйстве двое двухсотых", "ru"),
    ("у деда в хозяйстве корова", "ru"),
    ("у ротного в хозяйстве бардак", "ru"),
    ("у нас в группе двое трёхсотых", "ru"),
])
def test_ordinary_words_stay_readable(text: str, language: str) -> None:
    assert _readable(text, language) == text.lower()


@pytest.mark.parametrize(("text", "language", "word", "says"), [
    ("Ещё раз последние цифры: сорок пять шестьдесят семь.", "ru", "сорок пять шестьдесят семь", "last digits"),
    ("у грозы в хозяйстве двое двухсотых", "ru", "грозы", "the group after it is his"),
    ("Сімдесят друга тримає Вугледар.", "uk", "Сімдесят друга", "subject of a verb"),
])
def test_the_explanation_says_why(text: str, language: str, word: str, says: str) -> None:
    found = {f.text: f for f in find_entities(text, language)}
    assert says in found[word].explanation
