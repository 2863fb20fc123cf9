"""Names and surnames in forms the other rules read as ordinary words (branch names29;
``rules/entities/name_forms.py``). Every sentence here is made up for the spec, none copied from the data.

- A Ukrainian possessive or plural genitive in -ів/-їв of a first name ("Степанів брат", "андріїв батько") in any
  capitalisation, or, capitalised inside a sentence, of a word the dictionary also knows as a surname ("у Мельників",
  "Бондарів син") is a person, even where the gazetteer matched a Russian town by its stem (Мельниково).
- A lower-case surname in a list, joined by "и"/"і"/"та"/"й" to a name or call sign already masked
  ("кабанов и ляхов", "петренко сидоренко і ткач") is a person.

- In cased writing, an ambiguous first-name form written in lower case before a capitalised surname is the plain
  word ("романа Ильфа", "романе Булгакова": of the novel), and the surname alone is masked.

Hard negatives that stay readable: places named so ("Харків", "Борщів"), plurals of ordinary nouns ("Героїв",
"хлопців"), a lower-case possessive of a common noun ("у мельників"), a plural of a person noun joined to a name
("пацанов"), and a list with no name in it.
"""

from __future__ import annotations

import pytest

from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`


def _readable(text: str, language: str = "ru") -> str:
    return redact_text(text, MASK, language=language).text.lower()


@pytest.mark.parametrize(("text", "language", "secret"), [
    # possessives of a first name (these rows fail on entities v39)
    ("Там і Степанів брат лежав, його забрали вночі.", "uk", "степанів"),
    ("степанів брат приходив вчора ввечері", "uk", "степанів"),
    ("Андріїв батько дзвонив, питав про тебе.", "uk", "андріїв"),
    # possessives and plural genitives of a surname, capitalised inside a sentence
    ("Ми вчора були у Мельників, вони передають привіт.", "uk", "мельників"),
    ("Тепер і Бондарів син на фронті, мати плаче.", "uk", "бондарів"),
    # a lower-case surname in a list of names
    ("двое наших ушли с позиции кабанов и ляхов телефоны выключены", "ru", "кабанов"),
    ("на позиції петренко сидоренко і ткач всі живі", "uk", "ткач"),
    ("серёга, козлов и петров трёхсотые все в госпитале", "ru", "козлов"),
])
def test_a_name_in_a_form_read_as_a_word_is_masked(text: str, language: str, secret: str) -> None:
    assert secret not in _readable(text, language)


@pytest.mark.parametrize(("text", "language", "word"), [
    ("Ми їхали через Харків і Борщів до Львова.", "uk", "борщів"),
    ("Пам'ятник на вулиці Героїв стоїть, як стояв.", "uk", "героїв"),
    ("Хлопців забрали вчора на полігон.", "uk", "хлопців"),
    ("у мельників вчора світло відключили", "uk", "мельників"),
    ("серёга и пацанов позвал на шашлык", "ru", "пацанов"),
    ("на рынке рыбаков и торговцев полно с утра", "ru", "рыбаков"),
    ("Мы жили в Мельниково под Томском.", "ru", "мельниково"),
])
def test_an_ordinary_word_stays_readable(text: str, language: str, word: str) -> None:
    assert word in _readable(text, language)


@pytest.mark.parametrize(("text", "word", "secret"), [
    ("Действие романа Ильфа и Петрова происходит весной.", "романа", "ильфа"),
    ("В романе Булгакова всё иначе, чем в жизни.", "романе", "булгакова"),
])
def test_a_lower_case_word_before_a_capitalised_surname_stays_a_word(text: str, word: str, secret: str) -> None:
    readable = _readable(text)
    assert word in readable and secret not in readable


def test_a_lower_case_name_with_a_lower_case_surname_is_still_masked() -> None:
    assert "вера" not in _readable("вера мороз приходила вчера с малым")
