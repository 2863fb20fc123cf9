"""Names the rules read as ordinary words or did not know, as classes (branch names31; ``rules/entities/name_forms.py``,
``rules/entities/recall.py``, ``lexicons/names.yaml``). Every sentence here is made up for the spec, none copied from
the data.

- A capitalised word opening a sentence of a cased text that no dictionary knows and that ends like a surname in the
  nominative (-ов/-ев/-ин/-ын, feminine -ова/-ева/-ина/-ына: Buryat, Dagestani and Chechen surnames the dictionary
  lacks, "Цыдыпов", "Межиев") is a surname when the clause after it makes it a singular subject (the rule of
  names30: "Цыдыпов погиб", "Межиев в плену"); its ending gives the gender the predicate must agree with.
- A capitalised word opening a sentence that is a feminine noun and also a man's surname ("Лисиця", "Сорока") is the
  man when the first predicate of its clause is masculine ("Лисиця поранений", "Сорока загинув"); a Ukrainian
  predicate adjective agrees though the Ukrainian dictionary marks no singular.
- A lower-case plural of a surname in -енко ("ткаченки в полоні", "бондаренки обидва поранені"): the Ukrainian
  dictionary tags no surname, but only surnames end so.
- A lower-case word shaped like a surname right after a demonstrative, read by the dictionary as a surname in a case
  the demonstrative stands in ("у этого сидорова", "в того ковальчука").
- Tuvan clan names borne as surnames ("Монгуш", "Ооржак", "Донгак", "Куулар", "Ондар") in every case form, in
  lower-case text too: no dictionary knows them and they carry no Russian ending.

Hard negatives that stay readable: a feminine noun with a feminine or no predicate ("Лисиця вибігла на дорогу",
"Зозуля кувала"), a noun of either gender ("Суддя сказав"), words in -енки read from -енка ("коленки", "оценки"), a
word after a demonstrative that is no surname or an ordinary word ("этого козла", "у того мужика", "этих дронов"), a
thing in a list beside a name ("воду", "сигареты"), a word set off by commas with a name on one side only ("Галю, горе
у нас").
"""

from __future__ import annotations

import pytest

from overheard.jobs.redaction import redact_text
from overheard.names import name_lexicon
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`


def _readable(text: str, language: str = "ru") -> str:
    return redact_text(text, MASK, language=language).text.lower().replace("ё", "е")


@pytest.mark.parametrize(("text", "language", "secret"), [
    # a surname no dictionary knows opening a sentence (15 rows of this file fail on entities v46)
    ("Цыдыпов погиб, Балданов ранен.", "ru", "цыдыпов"),
    ("Межиев в плену с весны.", "ru", "межиев"),
    ("Гармажапов вчера подорвался на мине.", "ru", "гармажапов"),
    # a feminine word that is a man's surname, with a masculine predicate
    ("Лисиця поранений, його вивезли вночі.", "uk", "лисиця"),
    ("Сорока загинув під Куп'янськом.", "uk", "сорока"),
    # lower-case plurals of -енко surnames
    ("ткаченки в полоні обидва", "uk", "ткаченки"),
    ("бондаренки обидва поранені", "uk", "бондаренки"),
    # a lower-case surname after a demonstrative in its case
    ("я брал у этого сидорова патроны а он не отдал", "ru", "сидорова"),
    ("вона ремонтувала в того ковальчука на базарі", "uk", "ковальчука"),
    ("помнишь этого гусева который с нами был", "ru", "гусева"),
    # Tuvan clan names
    ("у нас ооржак погиб а монгуш ранен", "ru", "ооржак"),
    ("куулар и донгак в госпитале", "ru", "донгак"),
    ("Донгак в госпитале, Ондар с ним.", "ru", "донгак"),
    ("передай хертеку что всё нормально", "ru", "хертеку"),
])
def test_a_name_read_as_a_word_is_masked(text: str, language: str, secret: str) -> None:
    assert secret not in _readable(text, language)


@pytest.mark.parametrize(("text", "language", "word"), [
    ("Лисиця вибігла на дорогу.", "uk", "лисиця"),
    ("Зозуля кувала всю ніч.", "uk", "зозуля"),
    ("Суддя сказав, що справу закрито.", "uk", "суддя"),
    ("Сорока поранена сиділа на паркані.", "uk", "сорока"),
    ("этого козла надо убрать с позиции", "ru", "козла"),
    ("у того мужика есть машина", "ru", "мужика"),
    ("этого хозяина дома нет", "ru", "хозяина"),
    ("этих дронов у них много", "ru", "дронов"),
    ("Галю, горе у нас, Петро загинув.", "uk", "горе"),
    ("привезли: тушенку, воду, Петрова и патроны", "ru", "воду"),
    ("нужно: 1) вода 2) Иванов 3) сигареты", "ru", "сигареты"),
    ("коленки болят после марша", "ru", "коленки"),
    ("оценки у сына плохие", "ru", "оценки"),
    ("у нас коленки болять від холоду", "uk", "коленки"),
])
def test_an_ordinary_word_stays_readable(text: str, language: str, word: str) -> None:
    assert word in _readable(text, language)


@pytest.mark.parametrize(("word", "canonical"), [
    ("ооржак", "Ооржак"), ("монгуша", "Монгуш"), ("донгаку", "Донгак"), ("куулара", "Куулар"), ("ондаром", "Ондар"),
])
def test_the_list_knows_the_tuvan_clan_names(word: str, canonical: str) -> None:
    assert canonical in {form.canonical for form in name_lexicon().lookup(word)}
