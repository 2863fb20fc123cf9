"""Names the rules read as ordinary words, as classes (branch names30; ``rules/entities/name_forms.py``,
``rules/entities/people.py``, ``rules/entities/aliases.py``, ``lexicons/names.yaml``). Every sentence here is made up
for the spec, none copied from the data.

- A capitalised word opening a sentence of a cased text that the dictionary reads first as the genitive plural of a
  common noun ("Рыбаков", "Поваров", "Матросов") is a surname when the clause after it makes it a singular subject: its
  first verb, short participle or predicate adjective agrees with it ("Поваров ранен", "Дьяков с нами был", "Раков
  живой"), or no verb follows, only a phrase of place or state ("Рыбаков в плену", "Матросов у нас за старшего").
- A name form that is also an ordinary word is a name after a possessive pronoun in its case and gender when no
  ordinary reading of it is a noun or adjective the pronoun could qualify ("сослуживец вашего коли").
- A first name the lexicon lists as ambiguous but the dictionary reads first as a name ("макс") is a name when joined
  by "и"/"с" to a name already masked ("макс с вованом", "вован и макс").
- In a report, the words after a casualty code and its count that also read as surnames are the men counted
  ("трёхсотых двое поваров и дьяков", "двухсотые один рыбаков второй котов").
- A count before the object of a casualty verb that cannot go with it ends the count told before it ("человек пять
  цыренова тоже зацепило": the five are the wounded, Цыренов is someone).
- Buryat, Yakut and Tuvan women's names and Ukrainian short forms the list lacked ("баярма", "нюргустан", "лесик").

Hard negatives that stay readable: an opening plural of amount or absence ("Медиков ноль", "Дронов нет", "Поваров не
хватает"), a common noun that can be the subject itself ("Швидка приїхала"), the count's own noun ("двое пацанов",
"двое медиков нет"), with a plural verb ("Пацанов забрали"), in a comparison ("Дронов в небе как мух"), a town
("Ростов стоит");
a possessive before an ordinary noun ("наш роман", "моя вера", "мой свет"); a noun joined to a name ("роман с
наташей"); a description before the object ("второго бойца ранило", "два бойца тоже зацепило").
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
    # a surname opening a sentence, read first as a genitive plural (these rows fail on entities v43)
    ("Рыбаков в плену, его по видео опознали.", "ru", "рыбаков"),
    ("Поваров ранен, эвакуировали ночью.", "ru", "поваров"),
    ("Матросов у нас теперь за старшего.", "ru", "матросов"),
    ("Дьяков с нами был, потом пропал.", "ru", "дьяков"),
    ("Раков живой, слава богу.", "ru", "раков"),
    # a possessive pronoun before a name form that is also a word
    ("алло это олег ну сослуживец вашего коли вы не пугайтесь он трёхсотый лёгкий", "ru", "коли"),
    ("это я друг вашего коли звоню сказать что он живой", "ru", "коли"),
    # a first name joined to a masked name
    ("серёга сказал макс с вованом сочинцы теперь в розыске", "ru", "макс"),
    ("вован и макс трёхсотые оба лёгкие", "ru", "макс"),
    # surnames counted after a casualty code, read by the dictionary as the plural the count governs
    ("трёхсотых двое поваров и дьяков оба лёгкие", "ru", "поваров"),
    ("трёхсотых двое поваров и дьяков оба лёгкие", "ru", "дьяков"),
    ("двухсотые один рыбаков второй котов", "ru", "котов"),
    # the object of a casualty verb after a count told before it
    ("у нас вчера двое двухсотых и трёхсотых человек пять цыренова тоже зацепило в ногу", "ru", "цыренова"),
    # first names and short forms the list lacked (on v43 the name model masked these sentences; the list now knows them
    # whatever the sentence: test_the_list_knows_the_names below)
    ("баярма сынок наш звонил нет третий день молчит", "ru", "баярма"),
    ("нюргустан мы под макеевкой стоим не переживай", "ru", "нюргустан"),
    ("полонені з нашої роти пономаренко ткачук олег савчук лесик і ще гриценко", "uk", "лесик"),
    ("юрась каже що їх перекидають", "uk", "юрась"),
])
def test_a_name_read_as_a_word_is_masked(text: str, language: str, secret: str) -> None:
    assert secret not in _readable(text, language)


@pytest.mark.parametrize(("text", "language", "word"), [
    ("Медиков ноль, эвакуации нет.", "ru", "медиков"),
    ("Дронов нет, РЭБ свой покупаем.", "ru", "дронов"),
    ("Поваров не хватает, готовим сами.", "ru", "поваров"),
    ("Медиков в роте двое осталось.", "ru", "медиков"),
    ("Пацанов забрали в штурмовики.", "ru", "пацанов"),
    ("Дронов в небе как мух.", "ru", "дронов"),
    ("Ростов стоит, как стоял.", "ru", "ростов"),
    ("Тиск знову. Швидка приїхала, кажуть, стан стабільний.", "uk", "швидка"),
    ("Капітан Литвиненко наказав: хто відмовиться — під трибунал.", "uk", "капітан"),
    ("трёхсотых двое пацанов с третьей роты", "ru", "пацанов"),
    ("трёхсотых двое медиков нет", "ru", "медиков"),
    ("наш роман закончился ещё весной", "ru", "роман"),
    ("моя вера никуда не делась", "ru", "вера"),
    ("мой свет в окошке", "ru", "свет"),
    ("я своего серого кота отдал соседке", "ru", "серого"),
    ("у него роман с наташей уже полгода", "ru", "роман"),
    ("второго бойца ранило в ногу", "ru", "бойца"),
    ("два бойца тоже зацепило осколками", "ru", "бойца"),
])
def test_an_ordinary_word_stays_readable(text: str, language: str, word: str) -> None:
    assert word in _readable(text, language)


@pytest.mark.parametrize(("word", "canonical"), [
    ("баярма", "Баярма"), ("нюргустан", "Нюргустана"), ("сардану", "Сардана"), ("туяре", "Туяра"),
    ("лесик", "Олександр"), ("юрасю", "Юрій"), ("івасику", "Іван"), ("дусю", "Евдокия"), ("тося", "Антонина"),
])
def test_the_list_knows_the_names(word: str, canonical: str) -> None:
    assert canonical in {form.canonical for form in name_lexicon().lookup(word)}
